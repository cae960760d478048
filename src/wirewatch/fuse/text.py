"""Text similarity of two mentions: TF-IDF cosine over their evidence sentences and headline.

The IDF table comes from an explicit ``TextModel`` built from a set of texts (the batch being
fused, or an archive). Without a model every word weighs the same (cosine of word counts).
Both are independent of the order of the texts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .records import Mention

_WORD = re.compile(r"[a-z][a-z'\-]+")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our out over own same she should so some such than that the
their them then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your said says say told according news
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning night
evening afternoon week month year years people one two three four five six seven eight nine ten
new first last time just like get got mr ms mrs
""".split())


def tokens(text: str | None) -> list[str]:
    if not text:
        return []
    return [w.strip("'-") for w in _WORD.findall(text.lower()) if w.strip("'-") not in STOPWORDS and len(w) > 2]


def mention_text(m: Mention) -> str:
    """Evidence sentences, headline and the article's lead (its first words)."""
    parts = [str(e.get("text") or "") for e in (m.event.get("evidence") or ())]
    parts += [p for p in (m.title, m.lead) if p]
    return " ".join(parts)


@dataclass(frozen=True)
class TextModel:
    """Document frequencies of words over ``n`` texts."""

    n: int
    df: Mapping[str, int] = field(hash=False)

    @staticmethod
    def build(texts: Iterable[str]) -> TextModel:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(tokens(t)))
        return TextModel(n, dict(df))

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0


def vector(text: str, model: TextModel | None) -> dict[str, float]:
    counts = Counter(tokens(text))
    if model is None:
        vec = {w: 1.0 + math.log(c) for w, c in counts.items()}
    else:
        vec = {w: (1.0 + math.log(c)) * model.idf(w) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two normalised sparse vectors: the shared words only (a set intersection), summed
    exactly (``math.fsum``), so the value does not depend on the order the words are met in."""
    return math.fsum([a[w] * b[w] for w in a.keys() & b.keys()])


class VectorCache:
    """Vectors of mentions under one model, computed once each."""

    def __init__(self, model: TextModel | None) -> None:
        self.model = model
        self._cache: dict[str, dict[str, float]] = {}

    def get(self, m: Mention) -> dict[str, float]:
        v = self._cache.get(m.uid)
        if v is None:
            v = self._cache[m.uid] = vector(mention_text(m), self.model)
        return v

    def similarity(self, a: Mention, b: Mention) -> float:
        return cosine(self.get(a), self.get(b))
