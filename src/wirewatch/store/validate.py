"""Check an extraction document before it is stored: shape, spans, numbers, dates.

Documents reach the store from ``wirewatch extract`` output (``ingest --extractions``) and
from authenticated API clients, so they are untrusted: :func:`checked_document` raises
:class:`~wirewatch.errors.InputError` (``W104``) naming the first problems (``events[0].claims[2].start:
missing``) instead of a ``KeyError`` deep inside the store, and returns a copy whose dates
are sane: an article or event date outside the sane window (or not a date) becomes ``null``
with a ``W107``/``W108`` warning in ``failures`` (stage ``store``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .. import dates
from ..errors import BAD_DATE, BAD_RECORD, DATE_OUT_OF_RANGE, InputError

MAX_ID_CHARS = 200
MAX_COUNT = 10**9  # casualty figures and claim values (SQLite integers are 64-bit)
MAX_PROBLEMS = 5
STATUSES = frozenset({"occurred", "threatened", "planned", "denied", "background"})
ROLES = frozenset({"initiator", "target", "associate"})


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{where}: {what}")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _opt_str(p: _Problems, obj: dict[str, Any], key: str, where: str) -> None:
    if obj.get(key) is not None and not isinstance(obj[key], str):
        p.add(f"{where}.{key}", f"must be a string or null, not {type(obj[key]).__name__}")


def _str_list(p: _Problems, obj: dict[str, Any], key: str, where: str) -> None:
    v = obj.get(key)
    if v is not None and (not isinstance(v, list) or not all(isinstance(x, str) for x in v)):
        p.add(f"{where}.{key}", "must be a list of strings")


def _one_of(v: Any, allowed: frozenset[str]) -> bool:
    """True when ``v`` is one of the allowed strings (a list or a dict is not, and does not raise)."""
    return isinstance(v, str) and v in allowed


def _id(p: _Problems, v: Any, where: str) -> None:
    if not isinstance(v, str) or not v.strip() or len(v) > MAX_ID_CHARS:
        p.add(where, f"must be a non-empty string of at most {MAX_ID_CHARS} characters")
    elif any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in v):
        p.add(where, "must not hold control characters")


def _span(p: _Problems, s: Any, where: str, size: int) -> None:
    if not isinstance(s, dict):
        p.add(where, "must be an object with start and end")
        return
    start, end = s.get("start"), s.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        p.add(where, "start and end must be whole numbers (missing or of another type)")
    elif not 0 <= start <= end <= size:
        p.add(where, f"span {start}..{end} is outside the article text (0..{size})")
    _opt_str(p, s, "text", where)


def _spans(p: _Problems, items: Any, where: str, size: int, each: Callable[..., None] | None = None) -> None:
    if items is None:
        return
    if not isinstance(items, list):
        p.add(where, "must be a list")
        return
    for i, s in enumerate(items):
        _span(p, s, f"{where}[{i}]", size)
        if each is not None and isinstance(s, dict):
            each(p, s, f"{where}[{i}]")


def _count(p: _Problems, v: Any, where: str) -> None:
    if v is not None and (not _is_int(v) or not -MAX_COUNT <= v <= MAX_COUNT):
        p.add(where, f"must be a whole number within +-{MAX_COUNT:,} or null")


def _number(p: _Problems, v: Any, where: str, bound: float) -> None:
    if v is not None and (not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v)
                          or abs(v) > bound):
        p.add(where, f"must be a finite number within +-{bound:g} or null")


def _stored_text(p: _Problems, s: dict[str, Any], where: str) -> None:
    """Places and times are stored with the words that name them (a NOT NULL column)."""
    if not isinstance(s.get("text"), str):
        p.add(f"{where}.text", "must be a string (the words of the span)")


def _listed_place(p: _Problems, s: dict[str, Any], where: str) -> None:
    _stored_text(p, s, where)
    _place(p, s, where)


def _place(p: _Problems, s: dict[str, Any], where: str) -> None:
    _number(p, s.get("lat"), f"{where}.lat", 90)
    _number(p, s.get("lon"), f"{where}.lon", 180)
    _count(p, s.get("geonames_id"), f"{where}.geonames_id")
    for key in ("name", "admin1", "admin2", "country", "country_code", "precision", "role", "reason"):
        _opt_str(p, s, key, where)


def _time(p: _Problems, s: dict[str, Any], where: str) -> None:
    _stored_text(p, s, where)
    for key in ("value", "type"):
        _opt_str(p, s, key, where)


def _claim(p: _Problems, c: dict[str, Any], where: str) -> None:
    if not isinstance(c.get("field"), str):
        p.add(f"{where}.field", "must be a string")
    _count(p, c.get("value"), f"{where}.value")
    for key in ("qualifier", "claimant", "reported_by", "victims", "side"):
        _opt_str(p, c, key, where)


def _range(p: _Problems, r: Any, where: str) -> None:
    if r is None:
        return
    if not isinstance(r, dict):
        p.add(where, "must be an object with low, best, high or null")
        return
    for key in ("low", "best", "high"):
        _count(p, r.get(key), f"{where}.{key}")


def _actor(p: _Problems, a: Any, where: str) -> None:
    if not isinstance(a, dict) or not isinstance(a.get("name"), str):
        p.add(where, "must be an object with a string name")
        return
    if not _one_of(a.get("role"), ROLES):
        p.add(f"{where}.role", f"must be one of {', '.join(sorted(ROLES))}")
    if not isinstance(a.get("kind"), str):
        p.add(f"{where}.kind", "must be a string")
    _opt_str(p, a, "country_code", where)


def _objects(p: _Problems, v: Any, where: str) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        p.add(where, "must be a list")
        return []
    return v


def _event(p: _Problems, e: Any, where: str, size: int) -> None:
    if not isinstance(e, dict):
        p.add(where, "must be an object")
        return
    _id(p, e.get("id"), f"{where}.id")
    if not _one_of(e.get("status"), STATUSES):
        p.add(f"{where}.status", f"must be one of {', '.join(sorted(STATUSES))}")
    for key in ("event_type", "sub_event_type", "cameo", "verification"):
        _opt_str(p, e, key, where)
    for key in ("date", "location", "plover"):
        if e.get(key) is not None and not isinstance(e[key], dict):
            p.add(f"{where}.{key}", "must be an object or null")
    if isinstance(e.get("location"), dict):
        _place(p, e["location"], f"{where}.location")
    for obj, keys, at in ((e.get("date"), ("start", "end", "precision", "text"), "date"),
                          (e.get("plover"), ("type", "mode"), "plover")):
        if isinstance(obj, dict):
            for key in keys:
                _opt_str(p, obj, key, f"{where}.{at}")
    for i, a in enumerate(_objects(p, e.get("actors"), f"{where}.actors")):
        _actor(p, a, f"{where}.actors[{i}]")
    _range(p, e.get("fatalities"), f"{where}.fatalities")
    _range(p, e.get("injured"), f"{where}.injured")
    _spans(p, e.get("claims"), f"{where}.claims", size, _claim)
    _spans(p, e.get("evidence"), f"{where}.evidence", size)
    _number(p, e.get("confidence"), f"{where}.confidence", 1e9)
    for key in ("sources", "weapons", "targets", "reasons"):
        _str_list(p, e, key, where)


def _article(p: _Problems, art: Any) -> int:
    if not isinstance(art, dict):
        p.add("article", "must be an object with id and text")
        return 0
    _id(p, art.get("id"), "article.id")
    if not isinstance(art.get("text"), str):
        p.add("article.text", "must be a string")
    for key in ("title", "published", "outlet", "agency", "byline", "url"):
        _opt_str(p, art, key, "article")
    _str_list(p, art, "tags", "article")
    _str_list(p, art, "captions", "article")
    return len(art["text"]) if isinstance(art.get("text"), str) else 0


def problems(doc: Any) -> list[str]:
    """What is wrong with an extraction document (empty when it can be stored), at most five."""
    p = _Problems()
    if not isinstance(doc, dict):
        return [f"document: must be a JSON object, not {type(doc).__name__}"]
    size = _article(p, doc.get("article"))
    _spans(p, doc.get("places"), "places", size, _listed_place)
    _spans(p, doc.get("times"), "times", size, _time)
    events = _objects(p, doc.get("events"), "events")
    for i, e in enumerate(events):
        _event(p, e, f"events[{i}]", size)
    ids = [e.get("id") for e in events if isinstance(e, dict) and isinstance(e.get("id"), str)]
    if len(set(ids)) != len(ids):
        p.add("events", "two events share one id")
    for i, f in enumerate(_objects(p, doc.get("failures"), "failures")):
        if not isinstance(f, dict) or not all(isinstance(f.get(k, ""), str) for k in ("stage", "code", "message")):
            p.add(f"failures[{i}]", "must be an object with string stage, code and message")
    return p.items


def checked_document(doc: Any) -> dict[str, Any]:
    """``doc`` when it can be stored, with unsafe dates set to ``null`` and a warning each; raises
    :class:`InputError` (``W104``) listing what is wrong otherwise."""
    found = problems(doc)
    if found:
        art = doc.get("article") if isinstance(doc, dict) else None
        aid = art.get("id") if isinstance(art, dict) and isinstance(art.get("id"), str) else None
        raise InputError("not a storable extraction document: " + "; ".join(found), code=BAD_RECORD,
                         source=aid[:MAX_ID_CHARS] if aid else None)
    return _sane_dates(doc)


def _date_warning(value: Any, what: str) -> tuple[str, str] | None:
    if value is None:
        return None
    day = dates.iso_day(value)
    if day is None:
        return BAD_DATE, f"{what} {str(value)[:40]!r} is not an ISO date; left unknown"
    problem = dates.out_of_window(day, f"{what} {str(value)[:40]!r}")
    return (DATE_OUT_OF_RANGE, problem) if problem else None


def _sane_dates(doc: dict[str, Any]) -> dict[str, Any]:
    warnings: list[dict[str, str]] = []
    art = dict(doc["article"])
    found = _date_warning(art.get("published"), "the article's published value")
    if found:
        art["published"] = None
        warnings.append({"stage": "store", "code": found[0], "message": found[1]})
    events = []
    for e in doc.get("events") or []:
        d = e.get("date") or {}
        bad = next((w for k in ("start", "end") if (w := _date_warning(d.get(k), f"event {e['id']} date {k}"))),
                   None)
        if bad is not None:
            e = dict(e, date=None)
            warnings.append({"stage": "store", "code": bad[0], "message": bad[1]})
        events.append(e)
    if not warnings:
        return doc
    return dict(doc, article=art, events=events, failures=[*(doc.get("failures") or []), *warnings])
