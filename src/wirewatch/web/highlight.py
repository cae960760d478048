"""Article text split into segments at every extracted span: the safe way to highlight facts.

The text is never turned into HTML here; templates escape each segment and wrap
the highlighted ones in ``<mark>``.  Spans that do not match the text (wrong or
hostile offsets) are dropped, so a bad record cannot shift or inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str  # evidence | claim | place | time
    start: int
    end: int
    label: str
    event_id: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = field(default=())

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(sorted({m.kind for m in self.marks}))

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(sorted({m.event_id for m in self.marks if m.event_id}))

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks))

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(m.anchor for m in self.marks if m.anchor)


def _valid(text: str, start: Any, end: Any, span_text: Any) -> bool:
    return (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            and (span_text is None or text[start:end] == span_text))


def marks_for_article(article: dict[str, Any]) -> list[Mark]:
    """Evidence and claims of every event reported by this article, plus places and times."""
    text, aid = article["text"], article["id"]
    out: list[Mark] = []
    for p in article.get("places") or []:
        if _valid(text, p.get("start"), p.get("end"), p.get("text")):
            where = ", ".join(x for x in (p.get("name"), p.get("country_code")) if x) or "unresolved"
            out.append(Mark("place", p["start"], p["end"], f"place: {where}"))
    for t in article.get("times") or []:
        if _valid(text, t.get("start"), t.get("end"), t.get("text")):
            out.append(Mark("time", t["start"], t["end"], f"time: {t.get('value') or '?'}"))
    for e in article.get("events") or []:
        label = f"{e.get('sub_event_type') or e.get('event_type') or 'event'} ({e.get('status')})"
        for i, s in enumerate(e.get("evidence") or []):
            if s.get("article_id", aid) == aid and _valid(text, s.get("start"), s.get("end"), s.get("text")):
                out.append(Mark("evidence", s["start"], s["end"], f"evidence: {label}", e["id"],
                                f"ev-{e['id']}-{i}"))
        for i, c in enumerate(e.get("claims") or []):
            if c.get("article_id", aid) == aid and _valid(text, c.get("start"), c.get("end"), c.get("text")):
                who = c.get("claimant") or "unattributed"
                out.append(Mark("claim", c["start"], c["end"],
                                f"{c.get('field')} = {c.get('value')} ({c.get('qualifier') or 'exact'}), per {who}",
                                e["id"], f"claim-{e['id']}-{i}"))
    return out


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece lists the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(m for m in marks if m.start <= a and b <= m.end)
        # An anchor belongs only to the first piece of its mark.
        covering = tuple(m if m.start == a else Mark(m.kind, m.start, m.end, m.label, m.event_id)
                         for m in covering)
        out.append(Segment(text[a:b], covering))
    return out
