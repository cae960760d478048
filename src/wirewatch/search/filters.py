"""Search filters: one neutral value object, its URL parameters, sentences and chips.

Semantics (documented in docs/web.md): values of one single-valued field are OR-ed
(``country=IQ&country=SY``: either country); tags and actors are AND-ed (each chip
narrows).  Article-level filters (tag, outlet, published date) apply to events
through the articles that report them, and event-level filters (country, type,
actor ...) apply to articles through the events they report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

from .. import dates
from ..errors import InputError

MAX_QUERY_CHARS = 200
MAX_VALUES = 20
MAX_VALUE_CHARS = 100
MAX_COUNT = 10**9  # fatality filters: beyond this no figure is stored (and SQLite integers end at 2**63)

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Filters:
    q: str | None = None
    since: date | None = None
    until: date | None = None
    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    min_fatalities: int | None = None
    max_fatalities: int | None = None
    bbox: BBox | None = None

    @property
    def event_level(self) -> bool:
        """True when some filter is about events (so articles must report a matching event)."""
        return bool(self.countries or self.admin1 or self.event_types or self.sub_event_types
                    or self.actors or self.statuses or self.min_fatalities is not None
                    or self.max_fatalities is not None or self.bbox)

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True, slots=True)
class Chip:
    """A removable filter: ``label`` as on the seed page (``date 2024-01-04``), a sentence, a URL key."""

    param: str
    value: str
    label: str
    sentence: str


# URL parameter -> (Filters field, label word, sentence noun); the order is the chip order.
PARAMS: dict[str, tuple[str, str, str]] = {
    "q": ("q", "text", "text matches"),
    "tag": ("tags", "tag", "tag is"),
    "country": ("countries", "country", "country is"),
    "admin1": ("admin1", "region", "region (admin1) is"),
    "type": ("event_types", "type", "event type is"),
    "sub_type": ("sub_event_types", "sub-type", "sub-event type is"),
    "actor": ("actors", "actor", "an actor is"),
    "status": ("statuses", "status", "status is"),
    "outlet": ("outlets", "outlet", "outlet or agency is"),
}
STATUSES = ("occurred", "threatened", "planned", "denied", "background")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


def _date(name: str, value: str) -> date:
    """A ``YYYY-MM-DD`` day inside the sane window (``0001-01-01`` is refused, not searched)."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    try:
        day = date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InputError(f"{name}={shown!r} is not a date (want YYYY-MM-DD)", source=name)
    if not dates.in_window(day):
        raise InputError(f"{name}={shown!r} is outside the dates Wirewatch searches ({dates.window_text()})",
                         source=name)
    return day


def _int(name: str, value: str) -> int:
    text = value.strip()
    if text.startswith("-") and text[1:].isdigit():
        raise InputError(f"{name}={value[:40]!r} must not be negative", source=name)
    if not text.isdigit() or not text.isascii() or len(text) > len(str(MAX_COUNT)):
        raise InputError(f"{name}={value[:40]!r} is not a whole number from 0 to {MAX_COUNT:,}", source=name)
    n = int(text)
    if n > MAX_COUNT:
        raise InputError(f"{name}={value!r} is over {MAX_COUNT:,}", source=name)
    return n


def parse_bbox(value: str) -> BBox:
    """``W,S,E,N`` in degrees."""
    try:
        w, s, e, n = (float(p) for p in value.split(","))
    except ValueError:
        raise InputError(f"bbox={value!r} is not four numbers W,S,E,N", source="bbox") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise InputError(f"bbox={value!r} is out of range (W,S,E,N with S <= N)", source="bbox")
    return (w, s, e, n)


def _clean_values(param: str, values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = v.strip()
        if not v:
            continue
        if len(v) > MAX_VALUE_CHARS:
            raise InputError(f"{param} value is longer than {MAX_VALUE_CHARS} characters", source=param)
        if param == "country":
            if not _COUNTRY.match(v):
                raise InputError(f"country={v!r} is not a two-letter country code", source=param)
            v = v.upper()
        elif param == "tag":
            v = v.lower()
        elif param == "status" and v not in STATUSES:
            raise InputError(f"status={v!r} is not one of {', '.join(STATUSES)}", source=param)
        if v not in out:
            out.append(v)
    if len(out) > MAX_VALUES:
        raise InputError(f"too many {param} values ({len(out)}; at most {MAX_VALUES})", source=param)
    return tuple(out)


def filters_from_params(params: Mapping[str, Sequence[str]]) -> Filters:
    """Build filters from URL/CLI parameters (each name -> list of values); raises InputError."""
    def one(name: str) -> str | None:
        vals = [v for v in params.get(name, ()) if v.strip()]
        return vals[-1].strip() if vals else None

    q = one("q")
    if q is not None and len(q) > MAX_QUERY_CHARS:
        raise InputError(f"query is {len(q)} characters long; at most {MAX_QUERY_CHARS}", source="q")
    kw: dict[str, object] = {"q": q}
    for param, (attr, _, _) in PARAMS.items():
        if param != "q":
            kw[attr] = _clean_values(param, params.get(param, ()))
    d, since, until = one("date"), one("since"), one("until")
    if d is not None:
        kw["since"] = kw["until"] = _date("date", d)
    else:
        kw["since"] = _date("since", since) if since else None
        kw["until"] = _date("until", until) if until else None
    for name in ("min_fatalities", "max_fatalities"):
        v = one(name)
        kw[name] = _int(name, v) if v is not None else None
    bbox = one("bbox")
    kw["bbox"] = parse_bbox(bbox) if bbox else None
    f = Filters(**kw)  # type: ignore[arg-type]
    if f.since and f.until and f.since > f.until:
        raise InputError(f"since={f.since} is after until={f.until}", source="since")
    return f


def _fmt_bbox(b: BBox) -> str:
    return ",".join(f"{x:g}" for x in b)


def to_params(f: Filters) -> list[tuple[str, str]]:
    """The URL parameters that rebuild ``f`` (inverse of :func:`filters_from_params`)."""
    out: list[tuple[str, str]] = []
    if f.q:
        out.append(("q", f.q))
    if f.since is not None and f.since == f.until:
        out.append(("date", f.since.isoformat()))
    else:
        if f.since:
            out.append(("since", f.since.isoformat()))
        if f.until:
            out.append(("until", f.until.isoformat()))
    for param, (attr, _, _) in PARAMS.items():
        if param != "q":
            out.extend((param, v) for v in getattr(f, attr))
    for name in ("min_fatalities", "max_fatalities"):
        if getattr(f, name) is not None:
            out.append((name, str(getattr(f, name))))
    if f.bbox:
        out.append(("bbox", _fmt_bbox(f.bbox)))
    return out


def chips(f: Filters) -> list[Chip]:
    """One removable chip per filter value, with the sentence that says what it does."""
    out: list[Chip] = []
    if f.q:
        out.append(Chip("q", f.q, f"“{f.q}”", f"text matches “{f.q}”"))
    if f.since is not None and f.since == f.until:
        d = f.since.isoformat()
        out.append(Chip("date", d, f"date {d}", f"date is {d}"))
    else:
        if f.since:
            out.append(Chip("since", f.since.isoformat(), f"since {f.since}", f"date is on or after {f.since}"))
        if f.until:
            out.append(Chip("until", f.until.isoformat(), f"until {f.until}", f"date is on or before {f.until}"))
    for param, (attr, word, noun) in PARAMS.items():
        if param != "q":
            out.extend(Chip(param, v, f"{word} {v}", f"{noun} {v}") for v in getattr(f, attr))
    if f.min_fatalities is not None:
        n = str(f.min_fatalities)
        out.append(Chip("min_fatalities", n, f"≥{n} killed", f"at least {n} killed (best estimate)"))
    if f.max_fatalities is not None:
        n = str(f.max_fatalities)
        out.append(Chip("max_fatalities", n, f"≤{n} killed", f"at most {n} killed (best estimate)"))
    if f.bbox:
        b = _fmt_bbox(f.bbox)
        out.append(Chip("bbox", b, "map area", f"place is inside W,S,E,N {b}"))
    return out


def sentence(f: Filters) -> str:
    """All filters as one readable sentence (``date is 2024-01-04 and tag is airstrike``)."""
    parts = [c.sentence for c in chips(f)]
    return " and ".join(parts) if parts else "everything"


def without(f: Filters, param: str, value: str) -> Filters:
    """``f`` with one chip removed."""
    if param == "q":
        return replace(f, q=None)
    if param == "date":
        return replace(f, since=None, until=None)
    if param in ("since", "until", "min_fatalities", "max_fatalities", "bbox"):
        return replace(f, **{param: None})  # type: ignore[arg-type]
    attr = PARAMS[param][0]
    return replace(f, **{attr: tuple(v for v in getattr(f, attr) if v != value)})  # type: ignore[arg-type]


def with_value(f: Filters, param: str, value: str) -> Filters:
    """``f`` with one more value (used by facet links)."""
    return filters_from_params(_multi(to_params(f) + [(param, value)]))


def _multi(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def params_dict(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Group (name, value) pairs into name -> values, as :func:`filters_from_params` takes them."""
    return _multi(pairs)


FILTER_FIELDS = tuple(f.name for f in fields(Filters))
