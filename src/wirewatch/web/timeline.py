"""Events per day as SVG bar geometry (rendered by the template; no JavaScript needed)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import dates

MAX_DAYS = 3700


@dataclass(frozen=True, slots=True)
class Bar:
    day: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    max_count: int
    first: str | None
    last: str | None
    days: int
    clipped: bool


def chart(days: list[tuple[str, int]], width: int = 960, height: int = 160) -> Chart:
    """One bar per day between the first and last day with events (the latest MAX_DAYS days)."""
    if not days:
        return Chart((), width, height, 0, None, None, 0, False)
    counts = {day: n for d, n in days if (day := dates.iso_day(d)) is not None}
    if not counts:
        return Chart((), width, height, 0, None, None, 0, False)
    last = max(counts)
    first = max(min(counts), dates.shift(last, -(MAX_DAYS - 1)))
    span = (last - first).days + 1
    top = max(counts.values())
    step = width / span
    bars = []
    for d, n in sorted(counts.items()):
        if d < first:
            continue
        h = max(1.0, (height - 20) * n / top)
        bars.append(Bar(d.isoformat(), n, round((d - first).days * step, 2), round(height - h, 2),
                        round(max(step * 0.9, 0.5), 2), round(h, 2)))
    return Chart(tuple(bars), width, height, top, first.isoformat(), last.isoformat(), span,
                 min(counts) < first)
