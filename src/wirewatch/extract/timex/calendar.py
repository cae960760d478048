"""Date arithmetic against the document creation time (DCT)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from .values import month_end

Direction = Literal["past", "future"] | None


def day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    n = y * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def shift_days(d: date, k: int) -> date:
    return d + timedelta(days=k)


def add_months(d: date, k: int) -> date:
    y, m = shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, month_end(y, m).day))


def weekday_date(dct: date, wd: int, direction: Direction, strict: bool = False) -> date:
    """The date of weekday ``wd`` (Monday = 0) relative to ``dct``.

    The DCT's own weekday is the DCT itself unless ``strict`` ("last Thursday", "next
    Thursday").  Otherwise the most recent such day before the DCT, or the next one after it
    when ``direction`` is ``"future"``.
    """
    diff = wd - dct.weekday()
    if diff == 0 and not strict:
        return dct
    if direction == "future":
        return dct + timedelta(days=diff % 7 or 7)
    return dct - timedelta(days=(-diff) % 7 or 7)


def month_year(dct: date, m: int, direction: Direction, strict: bool = False) -> int:
    """The year of month ``m`` relative to the DCT.

    Past: the most recent such month not after the DCT's month (strictly before with ``strict``);
    future: the next one not before it; no direction: the nearer of the two (the past one on a tie).
    """
    if direction is None:
        now = dct.year * 12 + dct.month
        return min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: (abs(y * 12 + m - now), y))
    if direction == "future":
        return dct.year if (m > dct.month or (m == dct.month and not strict)) else dct.year + 1
    return dct.year if (m < dct.month or (m == dct.month and not strict)) else dct.year - 1


FUTURE_HORIZON_DAYS = 200


def month_day(dct: date, m: int, d: int, direction: Direction) -> date | None:
    """The date ``m``/``d`` relative to the DCT: the latest at or before it (past); the next at or after
    it (future) unless that is more than ``FUTURE_HORIZON_DAYS`` away ("from Aug. 26 to Oct. 20" in a
    late-October story); else the nearest."""
    candidates = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(date(y, m, d))
        except ValueError:
            continue
    if not candidates:
        return None
    if direction == "past":
        past = [c for c in candidates if c <= dct]
        return max(past) if past else None
    nearest = min(candidates, key=lambda c: (abs((c - dct).days), c > dct))
    if direction == "future":
        future = min(c for c in candidates if c >= dct)
        return future if (future - dct).days <= FUTURE_HORIZON_DAYS else nearest
    return min(candidates, key=lambda c: (abs((c - dct).days), c > dct))
