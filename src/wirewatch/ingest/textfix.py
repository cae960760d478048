"""Text repairs that happen before any offset is assigned: bidi controls out, long texts cut.

Both run in ``normalise`` on the text that becomes ``Article.text``, so every later offset
refers to the repaired text.  Each returns the new text and a warning message (or ``None``
when nothing was changed), which the caller records.
"""

from __future__ import annotations

import re

# Embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) reorder what a reader sees
# ("Trojan Source"); LRM, RLM and ALM are invisible marks.  None belongs in stored text.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_LINE_END = re.compile(r"\n")
_SPACE = re.compile(r"\s")
MIN_KEEP = 0.5  # a cut never keeps less than half of the limit when a boundary is that far back


def strip_bidi(text: str) -> tuple[str, str | None]:
    """``text`` without bidirectional controls, and a warning naming how many were removed."""
    found = len(BIDI_CONTROLS.findall(text))
    if not found:
        return text, None
    return BIDI_CONTROLS.sub("", text), f"{found} bidirectional control character(s) removed from the text"


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: the last paragraph end, else sentence
    end, else line end, else space in the second half of the limit; else exactly at ``limit``."""
    if len(text) <= limit:
        return len(text)
    floor = int(limit * MIN_KEEP)
    for pattern in (_PARAGRAPH_END, _SENTENCE_END, _LINE_END, _SPACE):
        end = _last_match_end(pattern, text, floor, limit)
        if end is not None:
            return end
    return limit


def _last_match_end(pattern: re.Pattern[str], text: str, floor: int, limit: int) -> int | None:
    best = None
    for m in pattern.finditer(text, floor, limit):
        best = m.end()
    return best


def cut_text(text: str, limit: int, what: str = "the text") -> tuple[str, str | None]:
    """``text`` cut to at most ``limit`` characters at a boundary, and the warning saying so."""
    if limit <= 0 or len(text) <= limit:
        return text, None
    end = cut_point(text, limit)
    kept = text[:end].rstrip()
    return kept, (f"{what} is {len(text):,} characters long; cut to the first {len(kept):,}"
                  f" (limit max_chars={limit:,}) at a paragraph or sentence end")
