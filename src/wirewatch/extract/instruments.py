"""Weapons and physical targets of one event: ``a roadside bomb hit a police vehicle``.

Both are read only in the event's evidence sentences: those of its mentions (unless negated) and of
its casualty claims, which tell of the same attack ("many houses were destroyed").

- **Weapons**: the instruments those sentences name (``a car bomb``, ``machinegun fire``, ``dynamite``,
  ``AK-47 rifles``), as the weapon word with its compound modifier, lower case, one per head word;
  never weapons that are seized, found or sold, counted in an inventory, nor those in a negated
  clause (a bomb that "did not explode" was still used); stones only when thrown.  The weapon of
  the trigger's kind (a drone strike's drone) is kept after them unless one read from the text has
  the same head word or, for a bombing, names the explosive (``dynamite``); the generic defaults
  (``explosive`` for an explosion, ``firearms`` for a shooting) are left out: they repeat the event
  type and name no weapon.
- **Physical targets**: facilities and objects an attack hits or damages, read from the parse: the
  object of an attack or damage word (``burned nine vehicles``, ``the bus was damaged``, ``set their
  houses on fire``), a phrase of the event (``an attack on the embassy``, ``exploded near the U.S.
  embassy``, ``took place in a bank branch``, ``damage to the buildings``), a compound of an event
  noun (``the embassy bombing``) or ``the target was X``; as written, with the noun's naming
  modifiers (``a power substation``; not ``crowded``), one phrase per head noun.  A facility that is
  only named (``taken to the hospital``, ``attacked a patrol in the village``) is not a target.

Without the parse (no context given) targets fall back to the bare nouns of the lexicon.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..model import Span
    from .clusters import Cluster
    from .context import ArticleContext
    from .mentions import Mention

# ---------------------------------------------------------------- weapons

_BOMB_MODS = r"(?:(?:car|truck|bus|letter|parcel|package|pipe|time|nail|cluster|napalm|homemade|home-made|incendiary|" \
             r"fragmentation|gasoline|motorcycle|bicycle)[\s-]+)?"
_MODEL = r"(?:ak-?47|akm|m-?16|m-?14|m-?60|m-?79|g-?3|ar-?15|r-?15|fn\s+fal|galil|uzi)"  # rifle and launcher models
_WEAPON_WORDS = re.compile(
    r"\b(?:" + _BOMB_MODS + r"bombs?(?![\s-]+(?:squad|disposal|threats?|scares?|hoax|shelters?|experts?|technicians?))|"
    r"dynamite(?:\s+(?:charges?|sticks?|gel))?|dynamited|"
    r"(?:explosive|incendiary)\s+(?:charges?|devices?|artifacts?|packages?)|explosives?|"
    r"(?:hand\s+|fragmentation\s+|rifle\s+)?grenades?(?:\s+launchers?)?|"
    r"(?:land|antipersonnel|anti-personnel|antitank|anti-tank|claymore)[\s-]?mines?|landmines?|mines?|"
    r"ieds?|tnt|c-4|semtex|molotov\s+cocktails?|"
    r"(?:mortar|artillery|tank)\s+(?:shells?|rounds?)|mortars?|"
    r"rocket[\s-]+propelled\s+grenades?|rpgs?|rockets?(?:\s+launchers?)?|missiles?|artillery|bazookas?|"
    r"(?<!water\s)(?<!water-)cannons?|howitzers?|field\s+guns?|"
    r"(?:sub)?machine[\s-]?guns?|(?:sub)?machinegun(?:s|ned)?|" + _MODEL + r"s?(?:\s+(?:assault\s+)?rifles?)?|"
    r"(?:assault\s+|hunting\s+|sniper\s+)?rifles?|pistols?|revolvers?|shotguns?|carbines?|firearms?|"
    r"guns?|bullets?|(?:automatic|assault|heavy[\s-]caliber|high[\s-]caliber|high[\s-]powered|semi-?automatic)\s+"
    r"(?:weapons|arms|rifles)|small\s+arms|booby[\s-]?traps?|"
    r"knives|knife|machetes?|axes?|stones|rocks|"
    r"drones?|(?:helicopter\s+)?gunships?)\b",
    re.IGNORECASE,
)
# Words that need a weapon sense from context: "mines" also digs coal, "guns" also names a person's trade.
_MINE_CONTEXT = re.compile(r"\b(?:explo\w+|blast\w*|detonat\w+|stepped|planted|laid|blew|blown|used|ambush\w*)\b",
                           re.IGNORECASE)
_NOT_MINE = re.compile(r"(?:coal|gold|silver|copper|tin|salt|emerald|iron)\s+mines?$", re.IGNORECASE)
_VERB_FORMS = {"dynamited": "dynamite", "machinegunned": "machinegun"}
# Verbs under which a weapon is not used in the event: "the soldiers seized 6 grenades".
_NOT_USED = {"seize", "confiscate", "find", "discover", "capture", "recover", "buy", "sell", "smuggle", "steal",
             "store", "hide", "possess", "manufacture", "supply", "ship", "traffic", "surrender", "hand", "deliver",
             "purchase", "acquire", "import", "export", "send", "donate", "train", "cache", "uncover", "display",
             "consist", "include", "give", "count", "list"}
_COUNTED = re.compile(r"\b\d[\d,]*\s+(?:[\w-]+\s+)?$")  # "915 rifles": an inventory counts its weapons
INVENTORY = 3  # a sentence counting this many weapons lists an arsenal, it does not tell an attack
_GENERIC_WEAPONS = {"explosive", "firearms"}  # kind defaults that say nothing the trigger did not
# Kind weapons that give way to the explosive the text names: a "bombing" told as "a dynamite charge".
_EXPLOSIVE_KINDS = {"bomb", "IED", "landmine", "explosive"}
_EXPLOSIVE_WORDS = re.compile(r"\b(?:bomb|dynamite|explosives?|charge|device|mine|landmine|ied|tnt|c-4|semtex)$")
# Words that are weapons of the event only under a verb of use: "hurled stones at the police".
_BY_USE = {"stone": {"throw", "hurl", "pelt", "stone", "attack", "fling", "toss", "use"},
           "rock": {"throw", "hurl", "pelt", "attack", "fling", "toss", "use"}}
_FAILED = {"explode", "detonate", "go", "work", "fire", "function"}  # "the bomb did not explode" was still used


def weapons(c: Cluster, typed: list[Mention], ctx: ArticleContext | None = None,
            evidence: tuple[Span, ...] = ()) -> tuple[str, ...]:
    """Weapons of the event: those its sentences name, then the trigger kinds', without repeats.

    ``evidence``: the event's evidence sentences (its mentions' and its casualty claims')."""
    read = _read_weapons(_sentences(c, ctx, evidence), ctx) if ctx is not None else []
    heads = {_last_word(w) for w in read}
    explosive = any(_EXPLOSIVE_WORDS.search(w) for w in read)
    out = list(read)
    for m in typed:
        w = m.kind.weapon
        if not w or _last_word(w.lower()) in heads or w in _GENERIC_WEAPONS or (explosive and w in _EXPLOSIVE_KINDS):
            continue
        tok = _token_at(ctx, m.trigger.start, m.trigger.end) if ctx is not None else None
        if tok is not None and not _used(tok):
            continue  # the trigger is itself a seized weapon: "seized rifles and grenades"
        out.append(w)
    return tuple(dict.fromkeys(out))


def _last_word(text: str) -> str:
    w = text.split()[-1] if text.split() else text
    return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w


def _sentences(c: Cluster, ctx: ArticleContext, evidence: tuple[Span, ...]) -> list[int]:
    """The event's sentences: its mentions' (unless all negated) and its other evidence sentences."""
    own = {s for s in c.sentences if not all(m.negated for m in c.mentions if m.sentence == s)}
    more = {ctx.ann.sentence_index(e.start) for e in evidence} - c.sentences
    return sorted(own | more)


def _read_weapons(sentences: list[int], ctx: ArticleContext) -> list[str]:
    found: list[str] = []
    for s in sentences:
        start, end = ctx.ann.sentences[s]
        sentence = ctx.ann.text[start:end]
        hits = list(_WEAPON_WORDS.finditer(sentence))
        if sum(bool(_COUNTED.search(sentence, 0, h.start())) for h in hits) >= INVENTORY:
            continue
        for hit in hits:
            name = _weapon_name(hit.group(0), sentence[:hit.start()] + hit.group(0))
            if name is None or not _mine_ok(name, sentence):
                continue
            tok = _token_at(ctx, start + hit.start(), start + hit.end())
            if tok is not None and not _used(tok):
                continue
            if name in _BY_USE and (tok is None or _verb(tok) not in _BY_USE[name]):
                continue
            if name == "explosive" and (tok is None or tok.pos_ != "NOUN"):
                continue  # "an explosive situation"
            found.append(name)
    return _longest_per_head(found)


def _longest_per_head(phrases: list[str]) -> list[str]:
    """One phrase per head word, the most specific one, in order of first mention: ``grenade``, ``hand
    grenade`` -> ``hand grenade``."""
    best: dict[str, str] = {}
    for p in phrases:
        h = _last_word(p.lower())
        if h not in best or len(p) > len(best[h]):
            best[h] = p
    return list(dict.fromkeys(best[_last_word(p.lower())] for p in phrases))


def _weapon_name(raw: str, upto: str) -> str | None:
    """The short lower-case name of a weapon phrase: ``Car Bombs`` -> ``car bomb``."""
    words = raw.lower().split()
    if raw.lower() in _VERB_FORMS:
        return _VERB_FORMS[raw.lower()]
    if words[-1] in ("rounds", "round", "shells", "shell") and len(words) > 1:
        words = words[:-1]  # "mortar rounds" -> mortar
    if words[-1].startswith("mine") and _NOT_MINE.search(upto):
        return None
    last = words[-1]
    if last not in ("explosives", "firearms", "arms") and not last.endswith("ss"):
        last = "knife" if last == "knives" else (last[:-1] if last.endswith("s") and len(last) > 3 else last)
    return " ".join([*words[:-1], last])


def _mine_ok(name: str, sentence: str) -> bool:
    return name != "mine" or bool(_MINE_CONTEXT.search(sentence))


def _token_at(ctx: ArticleContext, start: int, end: int) -> Token | None:
    span = ctx.ann.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _verb(tok: Token) -> str | None:
    """The lemma of the verb that governs ``tok``, if any within a few steps."""
    cur = tok
    for _ in range(4):
        if cur.pos_ == "VERB":
            return cur.lemma_.lower()
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _used(tok: Token) -> bool:
    """False when the weapon is governed by a not-used verb or a negated one ("did not use explosives")."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            lemma = cur.lemma_.lower()
            if lemma in _NOT_USED or (lemma not in _FAILED and any(ch.dep_ == "neg" for ch in cur.children)):
                return False
            if cur.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acl"):
                return True
        if cur.head is cur:
            return True
        cur = cur.head
    return True


# ---------------------------------------------------------------- physical targets

_FACILITIES = frozenset("""
embassy consulate bank branch office headquarters building residence house home mansion school university
college institute academy hospital clinic church temple cathedral chapel mosque synagogue market supermarket
store shop drugstore pharmacy bookstore restaurant cafe bar hotel factory plant refinery warehouse mill
substation transformer pylon tower powerline line pole pipeline terminal installation facility premises
barracks base checkpoint post garrison outpost camp jail prison courthouse court palace ministry hall
town village farm ranch estate plantation hacienda dam bridge railway railroad airport port harbour harbor
station network structure newspaper radio stadium theater theatre cinema club center centre system property
dealership booth exchange agency cooperative business establishment company pipe stand tank
bus vehicle truck car jeep van ambulance taxi minibus tanker train locomotive wagon plane airplane aircraft
airliner jet helicopter boat ship vessel ferry automobile
""".split())
# Nouns that are targets only with a modifier naming the object: a power line, a police post.
_NEEDS_MODIFIER = frozenset({"line", "pole", "post", "branch", "network", "tower", "station", "plant", "installation",
                             "facility", "terminal", "hall", "court", "club", "structure", "center", "centre",
                             "system", "exchange", "agency", "booth", "company", "pipe", "stand", "tank"})
_ATTACK_VERBS = frozenset("""attack bomb blow destroy damage hit burn torch dynamite raid storm target strike shell
machinegun machine-gun strafe sabotage assault loot ransack wreck demolish level raze fire shoot bombard rock
shatter ambush set explode detonate blast gut invade overrun seize occupy hurl throw plant place leave affect
cut topple break aim direct perpetrate carry""".split())
_EXPLODE_WORDS = frozenset("""explode detonate blast explosion bomb bombing blow go burst hurl throw plant place
leave set charge device grenade dynamite occur happen carry perpetrate""".split())
_EVENT_NOUNS = frozenset("""attack bombing explosion blast raid assault ambush sabotage arson fire strike shelling
burning destruction occupation takeover""".split())
_DAMAGE_NOUNS = frozenset({"damage", "damages", "fire"})
_PARTS = frozenset({"window", "door", "wall", "facade", "front", "roof", "shelf", "entrance", "gate", "part",
                    "section", "floor", "room", "side", "vicinity", "area", "showcase", "one"})
_UNIT_WORDS = frozenset({"infantry", "army", "military", "rifle", "artillery", "tank", "police", "guard", "commando",
                         "engineer", "engineers", "paratrooper", "marine", "special"})
_TARGET_NOUNS = frozenset({"target", "objective"})  # "the target was the paint factory"
_PLACES = frozenset({"town", "village"})  # places, targets only when razed: "burned the village"
_RAZE = frozenset({"burn", "torch", "destroy", "raze", "level", "flatten", "bomb", "shell"})
_ATTACK_PREPS = frozenset({"against", "on", "at", "upon", "into"})
_PLACE_PREPS = _ATTACK_PREPS | {"in", "inside", "near", "outside", "beside", "behind", "under", "next", "by",
                                "between", "opposite"}
_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case"})
# Modifiers that describe, not name, the target: "a crowded market" is a market.
_DESCRIPTIVE = frozenset({"crowded", "busy", "packed", "nearby", "several", "various", "many", "other", "few",
                          "some", "empty", "popular", "famous", "neighboring", "neighbouring", "adjacent", "same"})
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those|its|their|his|her)\s+", re.IGNORECASE)
_BARE = re.compile(r"\b(vehicle|car|bus|truck|building|headquarters|checkpoint|school|hospital|market|mosque|church|"
                   r"house|home|bridge|office|embassy|bank|hotel)s?\b", re.IGNORECASE)


def physical_targets(c: Cluster, ctx: ArticleContext | None = None,
                     evidence: tuple[Span, ...] = ()) -> tuple[str, ...]:
    """Facilities and objects the event hit, as written (determiners dropped), without repeats."""
    if ctx is None:
        return tuple(dict.fromkeys(x.lower() for m in c.mentions for x in _BARE.findall(m.sentence_span.text)))
    found: dict[str, str] = {}
    for s in _sentences(c, ctx, evidence):
        start, end = ctx.ann.sentences[s]
        span = ctx.ann.doc.char_span(start, end, alignment_mode="expand")
        for tok in span if span is not None else ():
            if _is_facility(tok) and _is_target(tok, 0):
                phrase = _target_phrase(ctx, tok) or tok.text
                key = tok.lemma_.lower()  # one phrase per head noun, the most specific
                if key not in found or len(phrase) > len(found[key]):
                    found[key] = phrase
    return tuple(found.values())


def _is_facility(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN") or (lemma not in _FACILITIES and tok.lower_ not in _FACILITIES):
        return False
    if lemma in _PLACES:
        return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _RAZE
    if lemma == "company" and any(c.lower_ in _UNIT_WORDS for c in tok.children):
        return False  # "an infantry company" is soldiers
    if lemma in _NEEDS_MODIFIER:
        return any(c.dep_ in ("compound", "amod") or lemma == "branch" and c.dep_ == "prep" and c.lower_ == "of"
                   for c in tok.children)
    return True


def _is_target(tok: Token, depth: int) -> bool:
    """Is ``tok`` the object of an attack or of damage in its sentence?"""
    if depth > 4:
        return False
    head, dep = tok.head, tok.dep_
    lemma = head.lemma_.lower()
    if dep in ("dobj", "nsubjpass") and lemma in _ATTACK_VERBS:
        if lemma == "set":  # "set their houses on fire", not "set off a bomb"
            return any(p.lower_ == "on" and any(o.lower_ == "fire" for o in p.children) for p in head.children)
        return lemma not in ("place", "plant", "leave", "hurl", "throw", "seize", "occupy", "aim", "direct", "carry") \
            or dep == "nsubjpass" and lemma in ("seize", "occupy")
    if dep == "npadvmod" and head.pos_ == "VERB" and lemma in _ATTACK_VERBS:
        return True  # a list the parser split: "attacked the residence, the hotel's security corps, ..."
    if dep == "compound" and lemma in _EVENT_NOUNS:
        return True
    if dep in ("attr", "nsubj") and lemma == "be":  # "the target was the factory", "the school was the target"
        other = "nsubj" if dep == "attr" else "attr"
        return any(c.dep_ == other and c.lemma_.lower() in _TARGET_NOUNS for c in head.children)
    if dep == "pobj":
        return _prep_target(tok.head, depth)
    if dep in ("conj", "appos"):
        return _is_target(head, depth + 1)
    return False


def _prep_target(prep: Token, depth: int) -> bool:
    word, gov = prep.lower_, prep.head
    if prep.dep_ == "conj" and gov.dep_ == "prep":  # "at the house of a judge and at the offices of ..."
        gov = gov.head
    lemma = gov.lemma_.lower()
    if word == "of" and (lemma in _PARTS | _FACILITIES or gov.pos_ == "NUM"):
        return _is_target(gov, depth + 1) if gov.dep_ != "pobj" else _prep_target(gov.head, depth + 1)
    if word in ("to", "of") and lemma in _DAMAGE_NOUNS:
        return True  # "damage to the buildings", "set fire to the bus"
    if word == "to" and lemma == "set" and any(ch.lower_ == "fire" for ch in gov.children):
        return True
    if word == "to" and gov.pos_ in ("ADJ", "ADV") and gov.lower_ == "next":
        return _prep_target(gov.head, depth + 1) if gov.head.dep_ == "prep" else False
    if gov.pos_ == "NOUN" and lemma in _PARTS and gov.dep_ == "pobj":
        return _prep_target(gov.head, depth + 1)  # "in front of the embassy"
    if word in _ATTACK_PREPS and (lemma in _ATTACK_VERBS or lemma in _EVENT_NOUNS):
        return True
    if lemma == "take":  # "the explosion took place in a branch office"
        return word in _PLACE_PREPS and any(c.dep_ == "dobj" and c.lower_ == "place" for c in gov.children)
    return word in _PLACE_PREPS and lemma in _EXPLODE_WORDS


def _target_phrase(ctx: ArticleContext, tok: Token) -> str:
    """The noun with its left modifiers and an ``of`` complement (``offices of the union``)."""
    doc = ctx.ann.doc
    lo = _left_edge(tok)
    hi = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in ("office", "headquarters", "branch",
                                                                              "residence", "home", "facility"):
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None and obj.i - tok.i <= 8:
                hi = obj.i
    start = doc[lo].idx
    hyphen = re.search(r"\w+-$", ctx.ann.text[max(0, start - 30):start])
    start -= len(hyphen.group(0)) if hyphen else 0  # "state-owned bus", not "owned bus"
    return _tidy(ctx.ann.text[start:doc[hi].idx + len(doc[hi])])


def _tidy(text: str) -> str:
    """One line, no leading determiner, no unbalanced quote or bracket: ``Enterprise) fuel tanks`` ->
    ``fuel tanks``."""
    text = _DETERMINERS.sub("", " ".join(text.split()))
    if ")" in text and "(" not in text.split(")")[0]:
        text = text.split(")", 1)[1].strip()
    if "(" in text and ")" not in text.split("(", 1)[1]:
        text = text.split("(", 1)[0].strip()
    return text.replace('"', "") if text.count('"') % 2 else text


def _left_edge(tok: Token) -> int:
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in _LEFT_DEPS and c.lower_ not in _DESCRIPTIVE:
            lo = min(lo, _left_edge(c), c.i)
    return lo

