"""The places supplement: curated conflict sites (ours) plus an optional user file.

Format (CSV, UTF-8, ``#`` lines are comments, first non-comment line is the header)::

    name,aliases,geonames_id,lat,lon,country_code,admin1,feature,precision,source

``aliases`` are ``|``-separated; ``geonames_id`` may be blank; ``country_code`` is ISO 3166-1
alpha-2 or blank (seas, regions spanning countries); ``precision`` is one of
point|city|admin2|admin1|country; ``source`` says where the coordinate comes from.

A user file is named by ``$WIREWATCH_PLACES`` (one path, or several separated by ``:``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from .places import PRECISIONS, Place

COLUMNS = ("name", "aliases", "geonames_id", "lat", "lon", "country_code", "admin1", "feature",
           "precision", "source")
BAD_SUPPLEMENT = "W210"
ENV_VAR = "WIREWATCH_PLACES"


def builtin_path() -> Path:
    return Path(str(resources.files("wirewatch") / "data" / "places_supplement.csv"))


def user_paths() -> tuple[Path, ...]:
    value = os.environ.get(ENV_VAR, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())


def _fail(path: Path, line: int, problem: str) -> ConfigError:
    return ConfigError(f"{path}:{line}: {problem} (fix the row or unset ${ENV_VAR})",
                       code=BAD_SUPPLEMENT, source=str(path))


def _float(path: Path, line: int, field: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _fail(path, line, f"{field} {value!r} is not a number") from None
    if not low <= number <= high:
        raise _fail(path, line, f"{field} {number} is outside {low}..{high}")
    return number


def parse_row(path: Path, line: int, row: dict[str, str]) -> tuple[Place, tuple[str, ...]]:
    """One CSV row -> a place and its aliases; a bad row raises ``ConfigError`` naming file and line."""
    name = (row.get("name") or "").strip()
    if not name:
        raise _fail(path, line, "empty name")
    lat = _float(path, line, "lat", (row.get("lat") or "").strip(), -90, 90)
    lon = _float(path, line, "lon", (row.get("lon") or "").strip(), -180, 180)
    precision = (row.get("precision") or "").strip()
    if precision not in PRECISIONS:
        raise _fail(path, line, f"precision {precision!r} is not one of {'|'.join(PRECISIONS)}")
    cc = (row.get("country_code") or "").strip().upper()
    if cc and (len(cc) != 2 or not cc.isalpha()):
        raise _fail(path, line, f"country_code {cc!r} is not an ISO 3166 alpha-2 code")
    gid_text = (row.get("geonames_id") or "").strip()
    if gid_text and not gid_text.isdigit():
        raise _fail(path, line, f"geonames_id {gid_text!r} is not a number")
    if not (row.get("source") or "").strip():
        raise _fail(path, line, "empty source (say where the coordinate comes from)")
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    place = Place(name=name, country_code=cc or None, lat=lat, lon=lon, precision=precision,  # type: ignore[arg-type]
                  admin1=(row.get("admin1") or "").strip() or None, geonames_id=int(gid_text) if gid_text else None,
                  feature=(row.get("feature") or "").strip(), source="supplement")
    return place, aliases


def _data_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip() and not text.lstrip().startswith("#"):
                yield number, text


def read_supplement(path: Path) -> list[tuple[Place, tuple[str, ...]]]:
    """Read one supplement file; missing columns or bad rows raise ``ConfigError`` with file:line."""
    if not path.is_file():
        raise ConfigError(f"places file not found: {path}", code=BAD_SUPPLEMENT, source=str(path))
    lines = list(_data_lines(path))
    if not lines:
        raise _fail(path, 1, "no header row")
    header_line, header_text = lines[0]
    header = next(csv.reader([header_text]))
    missing = [c for c in COLUMNS if c not in [h.strip() for h in header]]
    if missing:
        raise _fail(path, header_line, f"header lacks column(s) {', '.join(missing)}")
    out = []
    for number, text in lines[1:]:
        values = next(csv.reader([text]))
        if len(values) != len(header):
            raise _fail(path, number, f"{len(values)} fields, the header has {len(header)}")
        out.append(parse_row(path, number, dict(zip((h.strip() for h in header), values, strict=True))))
    return out


def load_all() -> list[tuple[Place, tuple[str, ...]]]:
    """The built-in supplement followed by every user file in ``$WIREWATCH_PLACES``."""
    rows = read_supplement(builtin_path())
    for path in user_paths():
        rows.extend((p.__class__(**{**_as_dict(p), "source": "user"}), a) for p, a in read_supplement(path))
    return rows


def _as_dict(place: Place) -> dict[str, object]:
    return {f: getattr(place, f) for f in place.__slots__}  # type: ignore[attr-defined]
