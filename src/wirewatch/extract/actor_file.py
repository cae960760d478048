"""Reading and checking actor files (``data/actors.json`` and users' ``$WIREWATCH_ACTORS`` files).

Every problem stops the load with a ``ConfigError`` (code W211) naming the file and the entry.
The format is described in ``docs/actors.md``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..errors import ConfigError
from .actors import FORMAT, KINDS, ActorEntry, Country, Period


def _bad(source: str, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{where}: {problem}", code="W211", source=source)


def _date(value: Any, source: str, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _bad(source, where, f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _strings(raw: dict[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(source, where, f"{key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _period(raw: Any, source: str, where: str) -> Period:
    if not isinstance(raw, dict):
        raise _bad(source, where, "each period must be an object")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise _bad(source, where, f"period kind {kind!r} is not one of {sorted(KINDS)}")
    return Period(_date(raw.get("from"), source, where), _date(raw.get("to"), source, where),
                  raw.get("name"), kind, raw.get("country_code"), raw.get("label"))


def _entry(raw: Any, index: int, source: str, known: set[str]) -> ActorEntry:
    where = f"actors[{index}]"
    if not isinstance(raw, dict):
        raise _bad(source, where, "must be an object")
    where = f"actor {raw.get('id', index)!r}"
    for key in ("id", "name", "kind"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _bad(source, where, f"missing or empty {key!r}")
    if raw["kind"] not in KINDS:
        raise _bad(source, where, f"kind {raw['kind']!r} is not one of {sorted(KINDS)}")
    cc = raw.get("country_code")
    if cc is not None and cc not in known:
        raise _bad(source, where, f"country_code {cc!r} is not a known ISO 3166 alpha-2 code")
    aliases = _strings(raw, "aliases", source, where)
    modified = _strings(raw, "modified_aliases", source, where)
    if not aliases and not modified:
        raise _bad(source, where, "needs at least one alias")
    entry = ActorEntry(
        raw["id"], raw["name"], raw.get("short") or raw["name"], raw["kind"], cc, aliases,
        _date(raw.get("valid_from"), source, where), _date(raw.get("valid_to"), source, where),
        raw.get("tag"), bool(raw.get("generic", False)),
        tuple(_period(p, source, where) for p in raw.get("periods", [])), modified)
    if entry.valid_from and entry.valid_to and entry.valid_to < entry.valid_from:
        raise _bad(source, where, "valid_to is before valid_from")
    return entry


def _country(raw: Any, index: int, source: str) -> Country:
    where = f"countries[{index}]"
    if not isinstance(raw, dict) or not re.fullmatch(r"[A-Z]{2}", str(raw.get("code", ""))):
        raise _bad(source, where, "needs a two-letter upper-case 'code'")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise _bad(source, where, "needs a 'name'")
    tag = raw.get("tag") or name.lower().replace(" ", "-")
    regions = raw.get("regions", {})
    if not isinstance(regions, dict) or not all(isinstance(v, str) and v == v.lower() for v in regions.values()):
        raise _bad(source, where, "'regions' must map region names to lower-case tags")
    return Country(raw["code"], name, raw.get("formal") or name, tag,
                   _strings(raw, "names", source, where) or (name,), _strings(raw, "demonyms", source, where),
                   tuple(_period(p, source, where) for p in raw.get("periods", [])),
                   _strings(raw, "capitals", source, where), tuple(regions.items()))


def parse_file(raw: Any, source: str, known: set[str] | None = None) -> tuple[list[ActorEntry], list[Country], list[str]]:
    """Check one actor file and build its records; errors name the file and the entry."""
    if not isinstance(raw, dict) or raw.get("format", FORMAT) != FORMAT:
        raise _bad(source, "file", f"must be a JSON object with \"format\": \"{FORMAT}\"")
    countries = [_country(c, i, source) for i, c in enumerate(raw.get("countries", []))]
    codes = (known or set()) | {c.code for c in countries}
    entries = [_entry(e, i, source, codes) for i, e in enumerate(raw.get("actors", []))]
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise _bad(source, f"actor {e.id!r}", "duplicate id")
        seen.add(e.id)
    stops = raw.get("stop_phrases", [])
    if not isinstance(stops, list) or not all(isinstance(s, str) for s in stops):
        raise _bad(source, "stop_phrases", "must be a list of strings")
    return entries, countries, stops
