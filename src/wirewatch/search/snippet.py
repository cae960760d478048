"""Short excerpts of article text around the query words, as plain segments (never HTML)."""

from __future__ import annotations

import re

from .sql import fts_query

Segment = tuple[str, bool]  # (text, is_match)


def _terms(q: str | None) -> list[str]:
    fq = fts_query(q) if q else None
    if not fq:
        return []
    return [t for t in re.findall(r'"([^"]+)"', fq) if t]


def snippet(text: str, q: str | None, width: int = 240) -> list[Segment]:
    """An excerpt of ``text`` near the first query term, split into matched / unmatched segments."""
    terms = _terms(q)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I) if terms else None
    start = 0
    if pattern:
        m = pattern.search(text)
        if m:
            start = max(0, m.start() - width // 3)
            while start > 0 and not text[start - 1].isspace() and m.start() - start < width // 2:
                start -= 1
    end = min(len(text), start + width)
    excerpt = text[start:end].replace("\n", " ")
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    if not pattern:
        return [(prefix + excerpt + suffix, False)]
    out: list[Segment] = []
    pos = 0
    for m in pattern.finditer(excerpt):
        out.append((excerpt[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    out.append((excerpt[pos:], False))
    out[0] = (prefix + out[0][0], out[0][1]) if not out[0][1] else out[0]
    out.append((suffix, False))
    return [s for s in out if s[0]]
