"""Publication timestamps written on a line of their own, and ISO dates from records.

``parse_timestamp("Thursday, 04 January 2024 09:40 AM EST")`` gives
``datetime(2024, 1, 4, 9, 40, tzinfo=UTC-05:00)``; ``parse_timestamp("June 04, 2014")`` gives
``date(2014, 6, 4)``.  The whole line must be a date (with an optional label such as
``Updated:``), so a story sentence that mentions a date is never read as a timestamp.

A time without a known zone gives only the date: the instant is unknown, and a guessed
offset would be a wrong value.

Numeric dates (``17.11.2023``, ``15/11/2023 07:45 GMT``, ``4-1-2024``) need a four-digit
year.  Their day/month order comes from the values when one of the two numbers is above 12;
otherwise :func:`read_date_line` keeps both readings (day-first, then month-first) and the
page decides (``published.py``); :func:`parse_timestamp` alone does not guess and gives ``None``.

:func:`read_date_line` also reads a place before the date (``London, 3 June 2024``) and an
update note after it (``3 June 2024 (updated 11:32 BST)``): the date is the publication
date and the note's time is when the page was updated, so it is kept apart (``updated``),
never taken for the publication time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

# Fixed offsets (hours) of common zone abbreviations.  Ambiguous ones take the reading
# most common in international news: AST = Arabia (+03), IST = India (+05:30).
ZONE_OFFSETS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5,
    "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "TRT": 3,
    "AST": 3, "ARABIA": 3, "GST": 4, "IRST": 3.5, "IRDT": 4.5, "AFT": 4.5, "PKT": 5, "NPT": 5.75,
    "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "JST": 9, "KST": 9,
    "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "EAT": 3, "CAT": 2, "SAST": 2, "WAT": 1, "IDT": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10,
}
# Zone names whose offset depends on the date (daylight saving time).
ZONE_REGIONS: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
}

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS: dict[str, int] = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}
# Words allowed around a timestamp: labels and joiners ("Updated: ... at ...").
LABELS = frozenset({"published", "updated", "posted", "last", "modified", "date", "time", "on", "at",
                    "first", "created", "dated", "local"})

_DIGIT = re.compile(r"\d")
_SEP = re.compile(r"(?:[\s,|/()\[\]:;·•–—]|-(?!\d{2}:?\d{2}\b))+")
_TOKEN = re.compile(
    r"(?P<iso>(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<ih>\d{1,2}):(?P<imi>\d{2})(?::(?P<is>\d{2})(?:\.\d+)?)?"
    r"(?P<ioff>Z|[+-]\d{2}:?\d{2})?)?)(?![\d-])"
    r"|(?P<nd>(?P<n1>\d{1,2})(?P<ns>[./-])(?P<n2>\d{1,2})(?P=ns)(?P<n3>\d{4}))(?![\d./-]?\d)"
    r"|(?P<time>(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)(?!\d)(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?)?"
    r"|(?P<hap>\d{1,2})\s*(?P<ampm2>[AaPp])\.?\s?[Mm]\b\.?"
    r"|(?P<off>(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b)"
    r"|(?P<word>[A-Za-z]+)\.?"
    r"|(?P<num>\d{1,4})(?:st|nd|rd|th)?\b"
)


@dataclass
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int = 0
    second: int = 0
    zone: tzinfo | str | None = None
    numbers: int = 0
    pair: tuple[int, int] | None = None  # a numeric date whose day/month order is open
    order: str | None = None  # "dmy" or "mdy": the order the day and month are written in
    separator: str | None = None  # of a numeric date


def fixed_zone(hours: float, name: str | None = None) -> timezone:
    """A fixed UTC offset (``None`` name: ``UTC+hh:mm``)."""
    if not hours:
        return UTC
    delta = timedelta(minutes=round(hours * 60))
    return timezone(delta, name) if name else timezone(delta)


def _offset(text: str) -> timezone | None:
    m = re.fullmatch(r"(?:GMT|UTC)?\s?([+-])(\d{1,2})(?::?(\d{2}))?", text.strip())
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if m.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _hour(h: int, ampm: str | None) -> int | None:
    if ampm is None:
        return h if h < 24 else None
    if not 1 <= h <= 12:
        return None
    return (h % 12) + (12 if ampm.lower() == "p" else 0)


def _word(word: str, p: _Parts) -> bool:
    w = word.lower()
    if w in MONTHS and p.month is None and p.pair is None:
        p.month = MONTHS[w]
        if p.day is not None:
            p.order = "dmy"
    elif w in WEEKDAYS or w in LABELS:
        pass
    elif word.upper() in ZONE_OFFSETS and p.zone is None:
        p.zone = fixed_zone(ZONE_OFFSETS[word.upper()], word.upper())
    elif word.upper() in ZONE_REGIONS and p.zone is None:
        p.zone = ZONE_REGIONS[word.upper()]
    else:
        return False
    return True


def _number(n: str, p: _Parts) -> bool:
    value = int(n)
    if len(n) == 4 and p.year is None and 1800 <= value <= 2200:
        p.year = value
    elif len(n) <= 2 and p.day is None and p.pair is None and 1 <= value <= 31:
        p.day = value
        if p.month is not None:
            p.order = "mdy"
    else:
        return False
    p.numbers += 1
    return True


def _numeric_date(g: dict[str, str], p: _Parts) -> bool:
    """``17.11.2023``: day-first when the first number is above 12, month-first when the second is."""
    if p.year is not None or p.month is not None or p.day is not None:
        return False
    a, b = int(g["n1"]), int(g["n2"])
    p.year, p.separator = int(g["n3"]), g["ns"]
    if a > 12 and b > 12 or not a or not b:
        return False
    if a > 12 or a == b:
        p.day, p.month, p.order = a, b, ("dmy" if a != b else None)
    elif b > 12:
        p.month, p.day, p.order = a, b, "mdy"
    else:
        p.pair = (a, b)
    p.numbers += 1
    return True


def _token(m: re.Match[str], p: _Parts) -> bool:
    g = m.groupdict()
    if g["nd"]:
        return _numeric_date(g, p)
    if g["iso"]:
        if p.year is not None:
            return False
        p.year, p.month, p.day = int(g["y"]), int(g["mo"]), int(g["d"])
        if g["ih"] is not None:
            p.hour, p.minute, p.second = int(g["ih"]), int(g["imi"]), int(g["is"] or 0)
        if g["ioff"]:
            p.zone = UTC if g["ioff"] == "Z" else _offset(g["ioff"])
        return True
    if g["time"] or g["hap"]:
        if p.hour is not None:
            return False
        hour = _hour(int(g["h"] or g["hap"]), g["ampm"] or g["ampm2"])
        if hour is None:
            return False
        p.hour, p.minute, p.second = hour, int(g["mi"] or 0), int(g["s"] or 0)
        return p.minute < 60 and p.second < 60
    if g["off"]:
        p.zone = _offset(g["off"])
        return p.zone is not None
    if g["word"]:
        return _word(g["word"], p)
    return _number(g["num"], p)


def _scan(text: str) -> _Parts | None:
    p, pos, n = _Parts(), 0, len(text)
    while pos < n:
        sep = _SEP.match(text, pos)
        if sep:
            pos = sep.end()
            continue
        m = _TOKEN.match(text, pos)
        if not m or not _token(m, p):
            return None
        pos = m.end()
    return p


def _build(p: _Parts) -> date | datetime | None:
    if p.year is None or p.month is None or p.day is None:
        return None
    try:
        day = date(p.year, p.month, p.day)
    except ValueError:
        return None
    if p.hour is None or p.zone is None:
        return day
    zone = p.zone if not isinstance(p.zone, str) else _region(p.zone)
    if zone is None:
        return day
    try:
        when = datetime(p.year, p.month, p.day, p.hour, p.minute, p.second, tzinfo=zone)
    except ValueError:
        return None
    offset = when.utcoffset()
    return when if isinstance(zone, timezone) or offset is None else when.replace(tzinfo=timezone(offset))


@lru_cache(maxsize=8)
def _region(name: str) -> tzinfo | None:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # noqa: BLE001 - no time-zone database: the offset stays unknown
        return None


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that is a date: one reading, or two (day-first, month-first) for an open numeric order."""

    readings: tuple[date | datetime, ...]
    order: str | None = None  # "dmy" / "mdy" as written, when known
    separator: str | None = None  # of a numeric date ("." "/" "-")
    place: str | None = None  # as written before the date ("London" in "London, 3 June 2024")
    updated: date | datetime | None = None  # an update note's time ("(updated 11:32 BST)")

    @property
    def value(self) -> date | datetime | None:
        """The date when the line has one reading."""
        return self.readings[0] if len(self.readings) == 1 else None

    def reading(self, day_first: bool) -> date | datetime:
        """The reading for a day/month order (the only reading when there is one)."""
        return self.readings[0] if day_first or len(self.readings) == 1 else self.readings[1]


_UPDATE_NOTE = re.compile(r"\(\s*(?:last\s+)?(?:updated?|modified)\s*:?\s*(?:at\s+)?(?P<note>[^()]{1,40}?)\s*\)\s*$",
                          re.IGNORECASE)
_NAME_SEGMENT = re.compile(r"[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|of|the|de|al|el))*$")
_DASH_END = re.compile(r"(?:-|—|–)\s*$")


def _parts_readings(p: _Parts) -> tuple[date | datetime, ...]:
    if p.pair is None:
        one = _build(p)
        return (one,) if one is not None else ()
    first, second = p.pair
    out = tuple(_build(replace(p, day=d, month=m, pair=None)) for d, m in ((first, second), (second, first)))
    return out if None not in out else ()  # type: ignore[return-value]


def _read(text: str) -> DateLine | None:
    parts = _scan(text)
    if parts is None:
        return None
    readings = _parts_readings(parts)
    return DateLine(readings, parts.order, parts.separator) if readings else None


def _update(note: str, on: date | datetime) -> date | datetime | None:
    """An update note's time on the line's date (``11:32 BST``), or its own full date and time."""
    parts = _scan(note)
    if parts is None or parts.hour is None:
        return None
    if parts.year is None and parts.month is None and parts.day is None:
        parts.year, parts.month, parts.day = on.year, on.month, on.day
    return _build(parts)


def _place_first(text: str) -> DateLine | None:
    """``London, 3 June 2024`` / ``Kyiv, Ukraine, June 3, 2024``: one or two place names, then a date."""
    segments = text.split(",")
    for k in (1, 2):
        names = [s.strip() for s in segments[:k]]
        if len(segments) <= k or not all(_NAME_SEGMENT.match(n) and not _known_word(n) for n in names):
            return None
        found = _read(",".join(segments[k:]))
        if found is not None:
            return DateLine(found.readings, found.order, found.separator, place=", ".join(names))
    return None


def _known_word(name: str) -> bool:
    return any(w.lower().strip(".") in MONTHS or w.lower().strip(".") in WEEKDAYS or w.lower() in LABELS
               for w in name.split())


def read_date_line(line: str) -> DateLine | None:
    """The date a whole line gives (see the module docstring), or ``None`` if the line is not only a date."""
    text = line.strip()
    if not text or len(text) > 80 or _DIGIT.search(text) is None:
        return None
    note = _UPDATE_NOTE.search(text)
    main = text[:note.start()].strip() if note and note.start() > 0 else text
    found = _read(main)
    if found is None and "," in main and not _DASH_END.search(main):
        found = _place_first(main)
    if found is None or main is text:
        return found
    updated = _update(note.group("note"), found.readings[0]) if note else None
    return replace(found, updated=updated) if updated is not None else None


def parse_timestamp(line: str) -> date | datetime | None:
    """The date or zoned datetime a line consists of, or ``None`` if the line is not only a date
    (or is a numeric date whose day/month order only the page can tell)."""
    found = read_date_line(line)
    return found.value if found is not None else None


def read_month_day(text: str) -> tuple[int, int] | None:
    """``Nov 17`` / ``17 November`` / ``Jan. 4``: a month and day without a year or time."""
    parts = _scan(text.strip())
    if parts is None or parts.year is not None or parts.hour is not None or parts.zone is not None:
        return None
    if parts.month is None or parts.day is None:
        return None
    try:
        date(2000, parts.month, parts.day)  # a leap year: 29 February is a day
    except ValueError:
        return None
    return parts.month, parts.day


def parse_iso(value: str) -> date | datetime | None:
    """An ISO 8601 date or datetime (``Z`` or offset); a time without offset gives the date.

    Falls back to :func:`parse_timestamp` for written dates (``June 4, 2014``).
    """
    text = value.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        when = datetime.fromisoformat(text)
    except ValueError:
        return parse_timestamp(text)
    return when if when.tzinfo is not None else when.date()


def format_timestamp(when: datetime, zone_name: str) -> str:
    """The page style this module reads: ``Thursday, 04 January 2024 09:40 AM EST``."""
    return when.strftime(f"%A, %d %B %Y %I:%M %p {zone_name}")
