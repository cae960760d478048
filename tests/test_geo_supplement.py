"""The places supplement file format and the user's own file (``$WIREWATCH_PLACES``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import ConfigError
from wirewatch.geo import Geoparser
from wirewatch.geo.supplement import COLUMNS, builtin_path, read_supplement

HEADER = ",".join(COLUMNS)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "places.csv"
    path.write_text("# my places\n" + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_builtin_supplement_is_valid_and_sourced() -> None:
    rows = read_supplement(builtin_path())
    assert len(rows) >= 100
    names = {p.name for p, _ in rows}
    assert {"Jurf al-Sakhar", "Ain al-Asad Air Base", "al-Tanf", "Bagram Air Base", "al-Hol camp"} <= names
    for place, _ in rows:
        assert place.source == "supplement"


def test_builtin_rows_have_a_source_column() -> None:
    text = builtin_path().read_text(encoding="utf-8")
    data = [line for line in text.splitlines() if line and not line.startswith("#")][1:]
    assert all(line.rstrip().endswith('"') or "GeoNames" in line for line in data)


def test_good_user_row_parses(tmp_path: Path) -> None:
    path = write(tmp_path, 'Camp Example,Example base|CE,,12.5,45.25,YE,Aden,military base,point,"my survey"')
    ((place, aliases),) = read_supplement(path)
    assert (place.name, place.country_code, place.lat, place.lon, place.precision) == (
        "Camp Example", "YE", 12.5, 45.25, "point")
    assert aliases == ("Example base", "CE")


@pytest.mark.parametrize(("row", "problem"), [
    ('Bad,,,91,10,IQ,,town,city,"x"', "lat 91.0 is outside"),
    ('Bad,,,north,10,IQ,,town,city,"x"', "lat 'north' is not a number"),
    ('Bad,,,30,10,IRQ,,town,city,"x"', "country_code 'IRQ'"),
    ('Bad,,,30,10,IQ,,town,village,"x"', "precision 'village'"),
    ('Bad,,abc,30,10,IQ,,town,city,"x"', "geonames_id 'abc'"),
    ('Bad,,,30,10,IQ,,town,city,', "empty source"),
    (',,,30,10,IQ,,town,city,"x"', "empty name"),
    ('Bad,,,30,10,IQ,town,city,"x"', "fields, the header has"),
])
def test_malformed_row_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = write(tmp_path, 'Fine,,,30,10,IQ,,town,city,"x"', row)
    with pytest.raises(ConfigError) as info:
        read_supplement(path)
    message = str(info.value)
    assert f"{path}:4:" in message and problem in message


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="header lacks column"):
        read_supplement(path)
    with pytest.raises(ConfigError, match="not found"):
        read_supplement(tmp_path / "absent.csv")


def test_user_file_from_environment_adds_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'Qwxzy Outpost,Qwxzy,,14.1,44.2,YE,Ibb,outpost,point,"my own survey"')
    monkeypatch.setenv("WIREWATCH_PLACES", str(path))
    geo = Geoparser.load()
    loc = geo.resolve("Qwxzy Outpost")
    assert loc is not None and (loc.lat, loc.lon, loc.country_code) == (14.1, 44.2, "YE")
    assert geo.resolve("Qwxzy") is not None


def test_bad_user_file_fails_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'Oops,,,30,1000,IQ,,town,city,"x"')
    monkeypatch.setenv("WIREWATCH_PLACES", str(path))
    with pytest.raises(ConfigError, match=r"places\.csv:3: lon 1000\.0 is outside"):
        Geoparser.load()
