"""The gazetteer record: one named place with its coordinates and administrative context."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import GeoPrecision, Location

PRECISIONS: tuple[GeoPrecision, ...] = ("point", "city", "admin2", "admin1", "country")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.  ``precision`` says what kind of thing it is (a city, an admin1...)."""

    name: str
    country_code: str | None
    lat: float
    lon: float
    precision: GeoPrecision
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    geonames_id: int | None = None
    feature: str = ""
    source: str = "geonames"

    def location(self, country_name: str | None) -> Location:
        return Location(
            name=self.name,
            country_code=self.country_code,
            lat=round(self.lat, 5),
            lon=round(self.lon, 5),
            precision=self.precision,
            admin1=self.admin1 if self.precision != "admin1" else self.admin1 or self.name,
            admin2=self.admin2,
            country=country_name,
            geonames_id=self.geonames_id,
        )
