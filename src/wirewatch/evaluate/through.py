"""Evaluation through the product's path: each document goes through ``pipeline.process`` with the
default configuration, exactly as ``wirewatch extract`` runs a JSONL record ``{"id", "text",
"published"?}``, and the spans it finds are mapped back onto the document's own text to be scored.

Normalising may change the text (a headline line taken apart, page chrome dropped, blank lines
between paragraphs); :func:`offset_map` carries offsets in the article's text back to the
original.  A mention whose text cannot be mapped back is dropped (it would not overlap any gold
span anyway), and a document the pipeline refuses (``W101``: nothing left once chrome is removed)
yields no mentions: its gold counts as missed, as a user would see it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from typing import Any

from ..config import PipelineConfig
from ..model import Extraction, RawDocument

Mapper = Callable[[int, int], "tuple[int, int] | None"]


def offset_map(original: str, body: str) -> Mapper:
    """A function taking a ``(start, end)`` in ``body`` to the same characters in ``original``."""
    at = original.find(body) if body else -1
    if at >= 0:
        return lambda s, e: (s + at, e + at)
    blocks = [b for b in SequenceMatcher(None, body, original, autojunk=False).get_matching_blocks() if b.size]

    def position(i: int) -> int | None:
        for a, b, size in blocks:
            if a <= i < a + size:
                return b + i - a
        return None

    def mapped(s: int, e: int) -> tuple[int, int] | None:
        first, last = position(s), position(e - 1)
        if first is None or last is None or last < first:
            return None
        return first, last + 1

    return mapped


@dataclass
class Runner:
    """Runs documents through ``pipeline.process`` (default config unless given) and keeps the costs."""

    config: PipelineConfig = field(default_factory=PipelineConfig)
    resources: Any = None
    articles: int = 0
    gated: int = 0
    refused: int = 0
    told_twice: int = 0  # articles showing one event twice (``evaluate.twice``)
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.resources is None:
            from ..pipeline import Resources

            self.resources = Resources().warm()

    def run(self, doc_id: str, text: str, published: date | datetime | str | None = None,
            title: str | None = None) -> tuple[Extraction, Mapper]:
        from ..pipeline import process, relevant

        when = published.isoformat() if isinstance(published, date | datetime) else published
        raw = RawDocument(source=f"{doc_id}.jsonl", content=text, kind="record", id=doc_id,
                          published=when, title=title)
        started, cpu = time.perf_counter(), time.process_time()
        x = process(raw, self.resources, self.config)
        self.cpu_seconds += time.process_time() - cpu
        self.wall_seconds += time.perf_counter() - started
        self.articles += 1
        if not x.article.text:
            self.refused += 1
        elif self.config.relevance_gate and not relevant(x.article):
            self.gated += 1
        if len(x.events) > 1:
            from ..contract import to_contract
            from .twice import twice

            self.told_twice += bool(twice(to_contract(x)))
        return x, offset_map(text, x.article.text)

    def report(self) -> dict[str, Any]:
        n = self.articles
        return {"path": "pipeline.process, " + ("default config (relevance gate on)" if self.config.relevance_gate
                                                else "relevance gate off"),
                "articles": n, "turned_away_by_gate": self.gated, "refused_by_normaliser": self.refused,
                "articles_with_one_event_twice": self.told_twice,
                "ms_per_article_cpu": round(1000 * self.cpu_seconds / n, 1) if n else None,
                "ms_per_article_wall": round(1000 * self.wall_seconds / n, 1) if n else None}
