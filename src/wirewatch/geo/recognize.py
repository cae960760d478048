"""Recognition: find place mentions with the gazetteer, the parse and the NER, then drop
non-locational uses (``Washington said``, ``the Baghdad government``, names inside people's
names and armed groups' names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .mentions import HIERARCHY_KINDS, Mention, hierarchy_text, qualifier_text, suffix_hint
from .normalize import ARTICLES, name_key, undouble

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..annotate import Annotated
    from .parser import Geoparser

GAZ = "wirewatch.geo.gazetteer"
NER = "wirewatch.geo.ner"
DEMONYM = "wirewatch.geo.demonym"
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "du", "des", "da", "do", "dos", "das", "di", "and",
                        "upon", "on", "the", "y", "-", "'", "’", "."}) | ARTICLES
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_ALONE = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday islamic state islamic state god allah mission police court "
    "university center centre union north south east west central northern southern eastern western "
    "republic kingdom city county president minister general colonel major captain sheikh imam said "
    "christmas easter ramadan eid hospital airport street road avenue mount lake river "
    "independence liberty victory progress unity hope justice peace opportunity commerce first second third "
    "man vice day hall northeast northwest southeast southwest midwest white house mart hamas hezbollah hizbollah "
    "taliban houthis houthi isis isil daesh shabaab officer chief sheriff deputy commissioner mayor judge "
    "senator governor olympic jesus christ castle park forest sir twin calle plaza bridge station square "
    "palace tower market port bay beach valley garden gardens cathedral mosque church".split()) | {
    "white house", "al shabaab", "al qaeda"}
HIERARCHY_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"})
NOT_PLACE_LABELS = frozenset({"ORDINAL", "CARDINAL", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})
ORG_HEADS = frozenset("harakat kataib kata'ib kataeb jaish liwa saraya ansar asaib asa'ib hezbollah hizbollah "
                      "hayat hayat tahrir jabhat ahrar harakat hamas fatah jamaat jama'at tehrik lashkar "
                      "brigade brigades battalion battalions army front movement party".split())
# Words after a place name that make an organisation named after the place ("Mansfield Police").
PLACE_ORG_WORDS = frozenset("police department county city state school schools university college council board "
                            "hospital airport chamber fire sheriff court public library museum zoo times news post "
                            "herald tribune journal gazette province provincial district regional municipal "
                            "international national area community health water housing transit port station "
                            "fire".split())
# Words after a run of capitalised words that make the run a group's name ("the Gran Grif gang").
GROUP_WORDS = ORG_HEADS | frozenset("gang gangs cartel cartels clan clans militia militias group groups militants "
                                    "fighters rebels insurgents".split())
AGENCY_WORDS = frozenset({"reuters"})  # "Thomson Reuters"
# Words after a longer capitalised name that make it a part of a town ("the Jebel Kheir neighbourhood of Wau")
PART_WORDS = frozenset("neighbourhood neighborhood neighbourhoods quarter suburb camp market street road square "
                       "roundabout village hamlet".split())
SETTLEMENT_PARTS = frozenset("neighbourhood neighborhood neighbourhoods quarter suburb camp village hamlet".split())
# Verbs whose object, followed by a division chain, is a place ("struck Chuhuiv, Kharkiv oblast")
STRUCK = frozenset("struck shelled bombed attacked raided stormed hit targeted captured seized overran besieged "
                   "recaptured retook besieging attacking shelling storming raiding surrounding surrounded "
                   "encircled encircling".split())
# Arabic words for a kind of feature that open its name (valley, mountain, hill, ruin, well, spring): alone, such
# a word is a town somewhere (Wadi in India, Jabal in Saudi Arabia); before another capitalised word, a longer name
FEATURE_HEADS = frozenset("wadi jebel jabal jbel tal tell khirbet khirbat bir ain".split())
NUMBERED_AREAS = PART_WORDS | frozenset({"area", "zone", "sector", "block", "district"})
# Words that make a run of capitalised words a group, a unit or an institution, not a person.
NAME_RUN_STOPS = frozenset("forces force units unit resistance defense defence corps guard guards committee "
                           "union alliance company bank group groups organization organisation council ministry "
                           "agency network coalition federation association mobilization mobilisation service "
                           "services command division regiment militia militias protection self security "
                           "liberation national popular democratic revolutionary islamic state syrian".split())
GOVERNMENT_WORDS = frozenset({"government", "authorities", "administration", "regime", "leadership", "cabinet"})
SPEECH_VERBS = frozenset({"say", "announce", "warn", "claim", "deny", "accuse", "condemn", "urge", "insist",
                          "threaten", "tell", "demand", "reject", "confirm", "respond"})
LOCATION_CUES = frozenset({"in", "near", "at", "from", "to", "outside", "into", "across", "around", "toward",
                           "towards", "of", "via", "through", "between", "inside", "within", "north", "south",
                           "east", "west", "northeast", "northwest", "southeast", "southwest", "province",
                           "district", "city", "town", "village", "outskirts"})
DIRECTIONS = frozenset({"east", "west", "north", "south", "central", "northern", "southern", "eastern",
                        "western", "greater", "upper", "lower", "inner", "outer"})
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z]{3,}(?![\w-])")
MIN_POPULATION = 500
BIG_TOWN = 10_000
CITY = 100_000
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "rev", "sen", "rep", "gov", "president", "judge", "officer",
                    "sgt", "lt", "capt", "col", "gen", "coach", "pastor", "father", "sister", "brother", "st"})
PLACE_NOUNS = frozenset({"man", "woman", "men", "women", "resident", "residents", "police", "area", "mayor",
                         "native", "county", "city", "town", "village", "township", "council", "schools",
                         "school", "hospital", "airport", "border", "province", "district", "region", "street",
                         "road", "highway", "neighborhood", "suburb", "officials", "teen", "boy", "girl",
                         "family", "couple", "home", "campus"})


def _can_start(doc: list[Token], i: int) -> bool:
    tok = doc[i]
    if tok.text[:1].isupper():
        return True
    return (tok.lower_ in ARTICLES and i + 2 < len(doc) and doc[i + 1].text == "-"
            and doc[i + 2].text[:1].isupper())


def _continues(doc: list[Token], j: int, text: str) -> bool:
    prev, tok = doc[j - 1], doc[j]
    gap = text[prev.idx + len(prev):tok.idx]
    if gap not in ("", " "):
        return False
    if tok.lower_ in ("'s", "’s") and gap == "":  # "Cox's Bazar": a possessive inside a place name
        return j + 1 < len(doc) and doc[j + 1].text[:1].isupper()
    if gap == "" and (tok.text == "-" or prev.text == "-"):  # "Slavyansk-na-Kubani", "Bandar-e Anzali"
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        return tok.text != "-" or (nxt is not None and nxt.idx == tok.idx + 1 and nxt.is_alpha)
    return tok.text[:1].isupper() or tok.lower_ in CONNECTORS


_FINAL_AYN = re.compile(r"(?<=[a-z])['’‘`][aeiou]$")


def _ezafe(doc: list[Token], i: int, j: int) -> bool:
    """A name of several words joined by a Persian ezafe, as a word ("Pul-e Alam") or as a final i ("Puli Alam",
    "Mazari Sharif"): read loosely too, as the press spells it either way."""
    return (j - i > 1 and all(t.is_alpha or t.text == "-" for t in doc[i:j])
            and any(t.lower_ in ("e", "i") or (t.lower_.endswith("i") and len(t) > 2) for t in doc[i:j - 1]))


def _longest_match(parser: Geoparser, doc: list[Token], i: int, text: str) -> tuple[int, tuple[int, ...]] | None:
    """The longest gazetteer name starting at token ``i``: (end token, candidate ids)."""
    first = name_key(doc[i].text).split(" ", 1)[0] if doc[i].text not in parser.abbreviations else None
    max_words = parser.gazetteer.first_words.get(first, 0) if first else 1
    if doc[i].lower_ in ARTICLES:
        max_words = 6
    best, words, j = None, 0, i
    while j < len(doc) and words < max(max_words, 1) + 2:
        if j > i and not _continues(doc, j, text):
            break
        tok = doc[j]
        words += tok.is_alpha
        j += 1
        if tok.text[:1].isupper():
            surface = text[doc[i].idx:tok.idx + len(tok)]
            if surface in parser.abbreviations:
                best = (j, parser.abbreviations[surface])
                continue
            if len(surface) <= 4 and surface.replace(".", "").isupper():
                continue  # short capitals are acronyms ("UN", "FAO") unless listed as abbreviations
            loose = any(t.lower_ in ARTICLES for t in doc[i:j])
            ids = parser.gazetteer.lookup(name_key(surface))
            if not ids and _FINAL_AYN.search(surface):  # "Rada'a" for Rada` (a final ayn written with its vowel)
                ids = parser.gazetteer.lookup(name_key(_FINAL_AYN.sub("", surface)))
            if not ids and (loose or _ezafe(doc, i, j)):
                ids = parser.gazetteer.lookup_loose(name_key(surface))
            if ids:
                best = (j, ids)
    return best


def _entity_map(doc: Doc) -> dict[int, object]:
    return {t.i: ent for ent in doc.ents for t in ent}


def _strong(parser: Geoparser, ids: tuple[int, ...]) -> bool:
    rows = parser.gazetteer.rows
    return any(rows[p][4] in ("country", "admin1") or rows[p][10] != "geonames" for p in ids)


def _max_population(parser: Geoparser, ids: tuple[int, ...]) -> int:
    return max((parser.gazetteer.rows[p][5] for p in ids), default=0)


def _seat_only(parser: Geoparser, ids: tuple[int, ...]) -> bool:
    """A town GeoNames lists with no population: in cities500 those are administrative seats (district
    centres such as As Sukhnah or Al Misrakh), real towns whatever their size."""
    rows = parser.gazetteer.rows
    return any(rows[p][4] == "city" and rows[p][5] == 0 and rows[p][10] == "geonames" for p in ids)


def _coded_as(doc: Doc, i: int) -> bool:
    """ACLED's "(coded as Hulyaypole)": the coder names the place the event is filed under."""
    return i > 1 and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ == "coded"


def _coded_name(parser: Geoparser, doc: list[Token], i: int, text: str) -> tuple[int, tuple[int, ...]] | None:
    """The whole of "(coded as Qala i Naw)" up to its bracket, when the gazetteer knows it: the coder's name
    of the place, lower-case words and all (the longest match alone stops at "Qala", a town in Azerbaijan)."""
    k = next((k for k in range(i + 1, min(len(doc), i + 9)) if doc[k].text == ")"), None)
    if k is None or k - i < 2:
        return None
    key = name_key(text[doc[i].idx:doc[k - 1].idx + len(doc[k - 1])])
    ids = parser.gazetteer.lookup(key) or parser.gazetteer.lookup_loose(key)
    return (k, ids) if ids else None


def _has_cue(doc: Doc, i: int) -> bool:
    prev = doc[i - 1].lower_ if i > 0 else ""
    prev2 = doc[i - 2].lower_ if i > 1 else ""
    return prev in LOCATION_CUES or (prev == "of" and prev2 in LOCATION_CUES) or (prev == "," and i > 1) \
        or _coded_as(doc, i)


def _division_follows(text: str, end: int) -> bool:
    """The text names a division holding the name, with its kind word: ``Orikhiv, Zaporizhia oblast``,
    ``Beni, Beni territory, North Kivu province`` (ACLED's note style; a person is not "in" a province)."""
    chain = hierarchy_text(text, end)
    return bool(chain) and chain[0][1] is not None and chain[0][2]


def _in_a_hierarchy(doc: Doc, i: int, j: int, division_follows: bool) -> bool:
    """The text places the name in a division with its kind word, in note style: a kind word right
    after it ("Lakki Marwat district", "Zurmi LGA") or, after a locative word, a division chain
    ("in Timergara, Lower Dir district, Khyber Pakhtunkhwa").  A person is not "in" a district, so the
    parser's person or organisation label does not count against it here. ``division_follows``:
    :func:`_division_follows` at the name's end (its callers need it too, so it is read once)."""
    prev = doc[i - 1].lower_ if i > 0 else ""
    located = (prev in LOCATION_CUES and prev not in ("of", "from", "to")) or prev in STRUCK
    if j - i == 1 and doc[i].lower_ in DIRECTIONS:
        return False  # "the Eastern province of Prince Edward Island"
    if j < len(doc) and doc[j].lower_ in HIERARCHY_KINDS:
        kind, after = doc[j].text, (doc[j + 1] if j + 1 < len(doc) else None)
        if after is not None and (after.text[:1].isupper() or after.lower_ == "of"):
            return False  # "Waste District Director", "the X province of Y"
        # a kind word in lower case or an acronym ("Zurmi LGA"), or a capitalised one after a locative word
        # ("in Lakki Marwat District"); not a title ("The Hot Zone")
        return kind.islower() or kind.isupper() or located
    return located and division_follows


def _capitalised_run_end(doc: Doc, j: int) -> int:
    """The token after the run of capitalised words (connectors aside) that starts at ``j``."""
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha and doc[j].lower_ not in CONNECTORS:
        j += 1
    return j


def _longer_name_end(doc: Doc, i: int, j: int) -> int | None:
    """``the Jebel Kheir neighbourhood``, ``the Kilo 16 area``: a place name that opens a longer name (more
    capitalised words, or a number, then a word for part of a town) is not that place; the longer name is
    (the token after it is returned), though the gazetteer does not know it. In ``the Line of Control`` only
    the first word is passed over (the token after it is returned)."""
    k = _capitalised_run_end(doc, j)
    if k > j and k < len(doc) and doc[k].lower_ in PART_WORDS:
        return k
    if k > j and j - i == 1 and doc[i].lower_ in FEATURE_HEADS:
        return k  # "in Wadi Omran": a valley the gazetteer does not know, not the town Wadi in India
    if j + 1 < len(doc) and doc[j].text[:1].isdigit() and doc[j + 1].lower_ in NUMBERED_AREAS:
        return j + 1  # "the Kilo 16 area"; not "Pulkovo 2 Airport"
    if j - i == 1 and j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].text[:1].isupper() \
            and doc[j + 1].ent_type_ not in ("GPE", "LOC"):
        # "across the Line of Control": the first word of a name "X of Y" is not the town X (Line is Lin'e in
        # China); only X is passed over: Y is read on its own ("the Bank of Canada" still names Canada)
        return j
    return None


def _ends_settlement_name(doc: Doc, i: int, j: int) -> bool:
    """``in Thayet Kone village``: a place name after a proper noun the gazetteer does not know (not the
    sentence's first word, not a place or a nationality of its own) and before a word for a settlement ends a longer
    name (Kone is a town in New Caledonia)."""
    if i == 0 or j >= len(doc) or doc[j].lower_ not in SETTLEMENT_PARTS:
        return False
    prev = doc[i - 1]
    return (prev.pos_ == "PROPN" and prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start
            and (doc[i].ent_iob_ == "I" or prev.ent_type_ not in ("GPE", "LOC", "NORP", "FAC"))
            and not prev.text.isupper())


def _starts_group_name(doc: Doc, i: int, j: int) -> str | None:
    """``the Gran Grif gang``, ``Abu Sayyaf militants``: a place name followed by more capitalised words
    and a group word is the start of a group's name (Gran is also Esztergom, Abu a town in India)."""
    k = _capitalised_run_end(doc, j)
    if k > j and k < len(doc) and doc[k].lower_ in GROUP_WORDS:
        return f"starts the group name {doc[i:k + 1].text!r}"
    return None


def _inside_other_entity(parser: Geoparser, doc: Doc, i: int, j: int, ids: tuple[int, ...],
                         ents: dict[int, object]) -> str | None:
    """Why a match inside a longer non-place entity is not a place, or ``None``."""
    ent = ents.get(i) or ents.get(j - 1)
    if ent is None or ent.label_ in PLACE_LABELS:  # type: ignore[attr-defined]
        return None
    if ent.start >= i and ent.end <= j:  # type: ignore[attr-defined]
        return None
    label = ent.label_  # type: ignore[attr-defined]
    lead = [t for t in doc[ent.start:i] if t.lower_ not in ("the", "a", "an")]  # type: ignore[attr-defined]
    heads = {t.lower_.replace("-", "") for t in ent}  # type: ignore[attr-defined]
    if heads & ORG_HEADS and ent.start < i:  # type: ignore[attr-defined]
        return f"part of the name {ent.text!r}"  # type: ignore[attr-defined]
    if label == "PERSON" and len(ent) > 2 or (label == "PERSON" and lead):  # type: ignore[arg-type]
        return f"part of the person name {ent.text!r}"  # type: ignore[attr-defined]
    if doc[i - 1].lower_ == "and" and ent.start > 0 and doc[ent.start - 1].lower_ == "between":  # type: ignore[attr-defined]
        return None  # "the road between Robit and Kobo" parsed as one organisation: two places
    if label in ("ORG", "WORK_OF_ART", "PRODUCT", "LAW") and lead and doc[i - 1].lower_ not in ("of", "in"):
        return f"part of the name {ent.text!r}"  # type: ignore[attr-defined]
    if label == "ORG" and j < len(doc) and doc[j].lower_ in AGENCY_WORDS:
        return f"names a news agency ({ent.text!r})"  # type: ignore[attr-defined]
    if (label == "ORG" and not lead and j < ent.end and doc[j].lower_ not in PLACE_ORG_WORDS  # type: ignore[attr-defined]
            and not _strong(parser, ids) and _max_population(parser, ids) < BIG_TOWN):
        return f"starts the name {ent.text!r}"  # type: ignore[attr-defined]
    return None


def _non_locational(parser: Geoparser, doc: Doc, i: int, j: int, ids: tuple[int, ...]) -> str | None:
    """``the Baghdad government`` / ``Washington said``: a place name used for its government."""
    is_country = any(parser.gazetteer.rows[p][4] == "country" for p in ids)
    if is_country:
        return None
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and nxt.lower_ in GOVERNMENT_WORDS:
        return f"names a government ({doc[i:j + 1].text!r})"
    head: Token = doc[j - 1]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in SPEECH_VERBS and head.head.i > j - 1:
        return f"speaks as an institution ({head.text} {head.head.text})"
    return None


def _person_words(doc: Doc, runs: list[tuple[int, int]] = ()) -> frozenset[str]:  # type: ignore[assignment]
    """Words of the article's two- or three-word person names (first names, surnames), leaving out
    names the parser got wrong ("Huntsville Fire": it holds a place-organisation word), and of the
    name-like runs of :func:`name_runs`."""
    words = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not 1 < len(ent) < 4:
            continue
        if any(t.lower_ in PLACE_ORG_WORDS or t.lower_ in HIERARCHY_KINDS or not t.is_alpha for t in ent):
            continue  # "Zurmi LGA" is a division the parser took for a person
        if ent.end < len(doc) and doc[ent.end].lower_ in HIERARCHY_KINDS:
            continue  # "Lakki Marwat district"
        words.update(t.text for t in ent)
    for i, j in runs:
        words.update(t.text for t in doc[i:j])
    return frozenset(words)


def name_runs(parser: Geoparser, doc: Doc) -> list[tuple[int, int]]:
    """Token ranges that read as a person's full name whatever the NER says: three or more capitalised
    proper nouns in a row ("Mevlut Mert Altintas"), with no connector, organisation or place-kind word,
    not introduced by a locative word, whose first word is no place and whose whole is no place
    name.  A surname in such a run that is also a town (Altintas, Turkey) is never a place."""
    toks = list(doc)
    out = []
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and toks[j].is_alpha and toks[j].text[:1].isupper() and toks[j].tag_ == "NNP" \
                and toks[j].lower_ not in CONNECTORS and (j == i or toks[j].idx == toks[j - 1].idx + len(toks[j - 1]) + 1):
            j += 1
        if j - i >= 3 and _reads_as_person(parser, toks, i, j):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _reads_as_person(parser: Geoparser, toks: list[Token], i: int, j: int) -> bool:
    words = {t.lower_ for t in toks[i:j]}
    if words & (ORG_HEADS | PLACE_ORG_WORDS | NAME_RUN_STOPS | NEVER_ALONE | DIRECTIONS):
        return False
    if i > 0 and toks[i - 1].lower_ in LOCATION_CUES:
        return False
    gaz = parser.gazetteer
    if gaz.lookup(name_key(" ".join(t.text for t in toks[i:j]))) or gaz.lookup(name_key(toks[i].text)):
        return False
    return not any(t.text in parser.demonyms for t in toks[i:j])


def _looks_personal(doc: Doc, i: int, j: int, person_words: frozenset[str]) -> bool:
    prev = doc[i - 1].text.rstrip(".").lower() if i > 0 else ""
    nxt = doc[j].lower_ if j < len(doc) else ""
    speaks = nxt in ("said", "says", "told", "added", "explained") and prev not in _LOCATIVE_BEFORE_SPEAKER
    return prev in TITLES or speaks or (j - i == 1 and doc[i].text in person_words)


# a hyphen, a short lower-case linking word, a hyphen and a capital: one compound name (Pul-e-Sokhta, Dasht-i-Barchi)
_LINKED = re.compile(r"-[a-z]{1,3}-[A-Z]")
# a name continued by an Arabic article joined to a capitalised word: one longer name (Wadi al-Shay)
_ARABIC_ARTICLE_NAME = re.compile(r" (?:al|el|ad|adh|as|ash|ar|az|an|at|ath|ud|ul|ed|es|er|et)-[A-Z]")
# "officials in Douentza said": the speaker is the officials; a place, whatever verb follows it
_LOCATIVE_BEFORE_SPEAKER = frozenset({"in", "near", "outside", "from"})


def _misread_date(ent: object, span: Span) -> bool:
    """The parse calls a lone name with no digit and no calendar word a date ("near Chilas, Gilgit-Baltistan")."""
    if ent.label_ not in ("DATE", "TIME"):  # type: ignore[attr-defined]
        return False
    words = list(ent)  # type: ignore[call-overload]
    return (len(words) == len(span) and not any(t.like_num or t.is_digit for t in words)
            and not any(t.lower_ in NEVER_ALONE for t in words))


def _gazetteer_ok(parser: Geoparser, doc: Doc, i: int, j: int, ids: tuple[int, ...], ents: dict,
                  cues: DocCues) -> bool:
    """A gazetteer match: keep it when it has enough support to be a place."""
    span = doc[i:j]
    key = name_key(span.text)
    if key in NEVER_ALONE or not key:
        return False
    if _LINKED.match(cues.text, span.end_char):
        return False  # the start of a compound name, whatever the parse says: Pul-e-Sokhta (a bridge; Pul is a town)
    ent = ents.get(i)
    strong = _strong(parser, ids)
    if not strong and _ARABIC_ARTICLE_NAME.match(cues.text, span.end_char):
        return False  # "near Wadi al-Shay": a longer name the gazetteer does not know (Wadi is a town in India)
    if j - i == 1 and not strong and (span.text in cues.person_words or span.text.lower() in cues.lower_words):
        return False  # a surname used alone ("Ripley") or a common word ("Market")
    if ent is not None and ent.label_ in PLACE_LABELS:
        return True
    if ent is not None and ent.label_ in NOT_PLACE_LABELS and not _misread_date(ent, span):
        return False
    if _coded_as(doc, i):
        return True  # whatever the parse calls it ("(coded as Hasbaiya)" read as an organisation)
    end = span.end_char
    if cues.text[end:end + 1] == "-" and cues.text[end + 1:end + 2].isupper():
        return False  # inside a hyphenated name such as Wal-Mart
    follows = _division_follows(cues.text, end)
    cue = _has_cue(doc, i) or _place_noun_after(doc, j) or follows
    if _in_a_hierarchy(doc, i, j, follows):
        return True  # "in Lakki Marwat district", "in Timergara, Lower Dir district": whatever the NER says
    if ent is not None and ent.label_ in ("ORG", "PERSON", "NORP") and not strong and not _main_name(parser, ids, key):
        # the parse says organisation/person and only an alternate name matched; unless a locative word puts
        # a press spelling of a main name there ("at Nahariya": Nahariyya)
        if _has_cue(doc, i) and _spelling_of_main_name(parser, ids, key):
            return True
        # a nationality or group the parse finds after "in" that is no demonym: "in Leposavic" (Leposaviq)
        return (ent.label_ == "NORP" and j - i == 1 and i > 0 and doc[i - 1].lower_ in ("in", "near", "at")
                and span.text not in parser.demonyms and not span.text.endswith(("ans", "ese", "ish", "is")))
    if ent is not None and ent.label_ == "PERSON" and not strong and not cue:
        return _max_population(parser, ids) >= CITY  # "Obama": a big city, a cue, or not a place
    if _looks_personal(doc, i, j, cues.person_words):
        return strong and cue
    arabic = doc[i].lower_ in ARTICLES and j - i > 1  # "As Sukhnah": the article is no English word
    if any(t.text[:1].isupper() and t.pos_ != "PROPN" and not (arabic and t.i == i) for t in span if t.is_alpha) \
            and not span.text.isupper():
        return cue and (strong or _max_population(parser, ids) >= BIG_TOWN)
    if strong:
        return True
    if cues.title_case(doc[i].idx):
        return cue and _max_population(parser, ids) >= BIG_TOWN
    if cue and _seat_only(parser, ids):
        return True
    return _max_population(parser, ids) >= (MIN_POPULATION if cue else BIG_TOWN)


@dataclass(frozen=True)
class DocCues:
    """Per-article facts computed once: the text, person-name words, Title Case headline lines."""

    text: str
    person_words: frozenset[str]
    title_spans: tuple[tuple[int, int], ...]
    lower_words: frozenset[str]

    @classmethod
    def of(cls, ann: Annotated, runs: list[tuple[int, int]] = ()) -> DocCues:  # type: ignore[assignment]
        titles = []
        for start, end in ann.sentences:
            words = _LONG_WORD.findall(ann.text, start, end)
            if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
                titles.append((start, end))
        lower = frozenset(_LOWER_WORD.findall(ann.text))
        return cls(ann.text, _person_words(ann.doc, runs), tuple(titles), lower)

    def title_case(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.title_spans)


def _main_name(parser: Geoparser, ids: tuple[int, ...], key: str) -> bool:
    return any(name_key(parser.gazetteer.rows[p][0]) == key for p in ids)


def _spelling_of_main_name(parser: Geoparser, ids: tuple[int, ...], key: str) -> bool:
    """The name is spelled like a candidate's main name but for doubled letters ("Nahariya": Nahariyya) or a
    letter or two in a long name (``SequenceMatcher`` ratio of at least 0.9, the same first three letters), q read as k."""
    key = key.replace("q", "k")  # "Kiryat Shmona": Qiryat Shmona (q and k transliterate one letter)
    for p in ids:
        main = name_key(parser.gazetteer.rows[p][0]).replace("q", "k")
        if undouble(main) == undouble(key) or (main[:3] == key[:3] and SequenceMatcher(None, main, key).ratio() >= 0.9):
            return True
    return False


def _place_noun_after(doc: Doc, j: int) -> bool:
    return j < len(doc) and doc[j].lower_ in PLACE_NOUNS


def _with_directional_rest(parser: Geoparser, doc: Doc, i: int, j: int, ids: tuple[int, ...]) -> tuple[int, ...]:
    """``East London``: also consider London itself (context decides between them); not when the rest is a
    direction too (``Upper East`` is a Ghanaian region; "East" alone is Cameroon's)."""
    if j - i >= 2 and doc[i].lower_ in DIRECTIONS and not all(t.lower_ in DIRECTIONS for t in doc[i + 1:j]):
        rest = parser.gazetteer.lookup(name_key(doc[i + 1:j].text))
        return tuple(dict.fromkeys((*ids, *rest)))
    return ids


def _gazetteer_mentions(parser: Geoparser, ann: Annotated, ents: dict, dropped: list[tuple[int, int]]) -> list[Mention]:
    doc, text = ann.doc, ann.text
    runs = name_runs(parser, doc)
    cues = DocCues.of(ann, runs)
    toks = list(doc)  # indexing a list is much cheaper than indexing a Doc
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        match = _longest_match(parser, toks, i, text) if _can_start(toks, i) else None
        if _coded_as(toks, i):
            match = _coded_name(parser, toks, i, text) or match
        if match is None:
            i += 1
            continue
        j, ids = match
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        why = _inside_other_entity(parser, doc, i, j, ids, ents) or _non_locational(parser, doc, i, j, ids) \
            or _in_name_run(doc, i, j, runs) or _lone_article(toks, i, j, text) or _starts_group_name(doc, i, j)
        longer = _longer_name_end(doc, i, j) if why is None and not _strong(parser, ids) else None
        if longer is not None or (why is None and not _strong(parser, ids) and _ends_settlement_name(doc, i, j)):
            if longer is None:  # "Thayet Kone village": the name ends here; it begins a word earlier
                longer, start = j, doc[i - 1].idx
            surface = text[start:doc[longer - 1].idx + len(doc[longer - 1])]
            if doc[longer].lower_ in SETTLEMENT_PARTS:  # a neighbourhood or a camp is a place; a street is not
                out.append(Mention(start, start + len(surface), name_key(surface), (), GAZ,
                                   reason=f"no gazetteer entry for {surface!r} (not {doc[i:j].text!r})"))
            else:
                dropped.append((start, start + len(surface)))
            i = longer
            continue
        if why is None and j - i == 1 and not _strong(parser, ids) and (
                doc[i].text in cues.person_words or name_key(doc[i].text) in NEVER_ALONE):
            why = "a person's name or a common word"
        if why is not None:
            dropped.append((start, end))
        elif out and text[out[-1].end:start] == " " and not _strong(parser, ids):
            pass  # "Boston Marathon": a word after a place name belongs to a longer name
        elif _gazetteer_ok(parser, doc, i, j, ids, ents, cues):
            hint, hint_end = suffix_hint(text, end)
            ids = _with_directional_rest(parser, doc, i, j, ids)
            if hint is not None:  # "Ramadi district": the district itself, when the gazetteer has it;
                # "Seno province" is the Burkinabe province, not the town Ban Xénô in Laos
                ids = parser.gazetteer.lookup(name_key(text[start:hint_end])) or ids
            # "Sinjar district" is its own name: not one sense with the town "Sinjar" named beside it
            out.append(Mention(start, hint_end, name_key(text[start:hint_end]), ids, GAZ, precision_hint=hint))
        i = j
    return out


def _in_name_run(doc: Doc, i: int, j: int, runs: list[tuple[int, int]]) -> str | None:
    for a, b in runs:
        if a <= i and j <= b:
            return f"part of the person name {doc[a:b].text!r}"
    return None


def _lone_article(toks: list[Token], i: int, j: int, text: str) -> str | None:
    """``At Tarabshah``, ``As Sukhnah``: an Arabic article that opens an unknown name is not the
    place ``At``/``As`` (Ath, Belgium)."""
    if j - i == 1 and toks[i].lower_ in ARTICLES and j < len(toks) and toks[j].text[:1].isupper() \
            and text[toks[i].idx + len(toks[i]):toks[j].idx] == " ":
        return f"the article of the name {toks[i].text} {toks[j].text}"
    return None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _ner_mentions(parser: Geoparser, ann: Annotated, taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for ent in ann.doc.ents:
        if _overlaps(ent.start_char, ent.end_char, taken):
            continue
        # the parser's organisation or person in a division chain ("in Timergara, Lower Dir district")
        placed = ent.label_ in HIERARCHY_LABELS and _in_a_hierarchy(ann.doc, ent.start, ent.end,
                                                                   _division_follows(ann.text, ent.end_char))
        if ent.label_ not in PLACE_LABELS and not placed:
            continue
        tokens = ent[1:] if ent[0].lower_ == "the" else ent
        if not len(tokens) or not tokens.text[:1].isupper():
            continue
        surface = tokens.text
        if len(surface) <= 4 and surface.replace(".", "").isupper() and surface not in parser.abbreviations:
            continue  # an acronym ("UN"), not a place name
        key = name_key(surface)
        # transliteration variants are looked up loosely where the text marks the name as a place name
        # of that kind: an Arabic article, a hyphen, or a division word after it ("Zaporizhia oblast")
        loose = any(w in ARTICLES for w in key.split(" ")) or "-" in surface or suffix_hint(ann.text, tokens.end_char)[0] \
            or _division_named_after(parser, ann.text, tokens.end_char)
        ids = parser.candidates(surface, loose=bool(loose) or placed)
        if not ids and (ent.label_ == "FAC" or placed):
            continue
        reason = None if ids else f"no gazetteer entry for {surface!r}"
        out.append(Mention(tokens.start_char, tokens.end_char, key, ids, NER, reason=reason))
    return out


def _division_named_after(parser: Geoparser, text: str, end: int) -> bool:
    """``Um Kadada, North Darfur``: the name is followed by a province or a country after a comma."""
    qualifier = qualifier_text(text, end)
    if qualifier is None:
        return False
    rows = parser.gazetteer.rows
    return any(rows[p][4] in ("admin1", "country") for p in parser.gazetteer.lookup(name_key(qualifier[0])))


def _demonym_mentions(parser: Geoparser, ann: Annotated, taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for match in parser.demonym_pattern().finditer(ann.text):
        start, end = match.span()
        if _overlaps(start, end, taken):
            continue
        pid = parser.demonyms[match.group(1)]
        out.append(Mention(start, end, name_key(match.group(0)), (pid,), DEMONYM, role="adjective",
                           country_code=parser.gazetteer.rows[pid][1]))
    return out


def _mark_dateline(parser: Geoparser, ann: Annotated, mentions: list[Mention]) -> None:
    """Mark the wire dateline's place (``MOGADISHU, March 15 (Agency) -``); when the recognizer skipped it
    (a dateline is written in capitals, which the parse reads poorly), add it."""
    place = ann.article.dateline_place
    if not place:
        return
    found = re.compile(re.escape(place), re.IGNORECASE).search(ann.text, 0, 300)  # offsets as in the text
    if found is None:
        return
    at, end = found.span()
    for m in mentions:
        if m.start == at:
            m.role = "dateline"
            return
    if any(m.start < end and at < m.end for m in mentions):
        return
    added = parser.mention_at(ann.text, at, end)
    if added.candidates:
        added.role = "dateline"
        mentions.append(added)
        mentions.sort(key=lambda m: m.start)


def recognize(parser: Geoparser, ann: Annotated) -> list[Mention]:
    """Every place mention in the article, in text order, before resolution."""
    ents = _entity_map(ann.doc)
    dropped: list[tuple[int, int]] = []
    mentions = _gazetteer_mentions(parser, ann, ents, dropped)
    taken = [(m.start, m.end) for m in mentions] + dropped
    mentions += _ner_mentions(parser, ann, taken)
    taken = [(m.start, m.end) for m in mentions] + dropped
    mentions += _demonym_mentions(parser, ann, taken)
    mentions.sort(key=lambda m: m.start)
    _mark_dateline(parser, ann, mentions)
    return mentions
