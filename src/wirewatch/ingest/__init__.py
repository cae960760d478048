"""Ingest and normalise: inputs -> ``RawDocument`` -> ``Article`` (page chrome removed).

Modules: ``read`` (paths, folders, JSONL, stdin), ``decode`` (encodings), ``html`` (trafilatura),
``chrome`` (which lines are page chrome), ``layout`` (headline, paragraphs, captions),
``dateline`` (date lines, timestamps and zones), ``wire`` (``BAGHDAD, Iraq, July 18, 2023 (Reuters) -``),
``published`` (a page's publication date from its date lines and dateline), ``sources`` (outlet and
agency), ``normalise`` (the stage function).  Importing this package loads nothing heavy.
"""

from __future__ import annotations

from .normalise import article_id, normalise
from .read import read_paths

__all__ = ["article_id", "normalise", "read_paths"]
