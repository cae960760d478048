"""``wirewatch eval geo``: recognition and resolution on LGL and GeoVirus (development sets).

Measures, per set:
- recognition precision/recall/F1 from raw text (a mention counts when it overlaps a gold span);
- resolution with the gold spans given: accuracy within 161 km, median and mean error (km), country
  accuracy (and admin-1 for LGL, whose gold names GeoNames admin-1s);
- end to end from raw text, through ``pipeline.process`` with the default configuration (the path of
  ``wirewatch extract``, relevance gate on; ``through.py``): a gold toponym counts as correct when a
  predicted mention overlaps it and lies within 161 km (so misses count as wrong); recognition
  precision/recall/F1 are read from the same extractions;
- the cost of that path: CPU and wall milliseconds per article, and how many articles the gate
  turned away (they are read without the dependency parse and get no event extraction).
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..geo.normalize import fold
from ..geo.resolve import distance_km
from ..model import Location

KM = 161.0
SETS = {"lgl": ("geo-lgl", "lgl.xml"), "geovirus": ("geo-geovirus", "GeoVirus.xml")}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None = None
    admin1: str | None = None


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    gold: tuple[Gold, ...]


def _lgl_gold(node: ET.Element) -> Gold:
    tag = node.find("gaztag")
    start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
    if tag is None or tag.findtext("lat") is None:
        return Gold(start, end, None, None)
    return Gold(start, end, float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0),
                tag.findtext("country"), tag.findtext("admin1"))


def read_lgl(path: Path) -> list[Doc]:
    root = ET.parse(path).getroot()
    return [Doc(a.get("docid") or str(n), a.findtext("text") or "",
                tuple(_lgl_gold(t) for t in a.iter("toponym")))
            for n, a in enumerate(root.iter("article"))]


def _align(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """GeoVirus offsets are often one character late: find the name near the given offsets."""
    if text[start:end] == name:
        return start, end
    at = text.find(name, max(start - 3, 0), end + 3)
    return (at, at + len(name)) if at >= 0 else (start, end)


def read_geovirus(path: Path) -> list[Doc]:
    root = ET.parse(path).getroot()
    docs = []
    for n, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        gold = tuple(Gold(*_align(text, loc.findtext("name") or "", int(loc.findtext("start") or 0),
                                  int(loc.findtext("end") or 0)),
                          float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0))
                     for loc in a.iter("location"))
        docs.append(Doc(a.findtext("source") or str(n), text, gold))
    return docs


def _errors(pairs: list[tuple[Gold, Location | None]]) -> dict[str, Any]:
    errors = [distance_km(g.lat, g.lon, p.lat, p.lon) if p and p.lat is not None else None
              for g, p in pairs if g.lat is not None and g.lon is not None]
    known = [e for e in errors if e is not None]
    n = len(errors)
    return {"n": n, "resolved": len(known),
            "acc@161km": round(sum(e <= KM for e in known) / n, 4) if n else None,
            "median_error_km": round(statistics.median(e if e is not None else 20000.0 for e in errors), 1) if n else None,
            "mean_error_km": round(statistics.mean(known), 1) if known else None}


def _country_admin(pairs: list[tuple[Gold, Location | None]]) -> dict[str, Any]:
    with_country = [(g, p) for g, p in pairs if g.country]
    with_admin = [(g, p) for g, p in pairs if g.admin1]
    same = lambda a, b: bool(a and b and fold(a).lower() == fold(b).lower())  # noqa: E731
    out: dict[str, Any] = {}
    if with_country:
        out["country_accuracy"] = round(sum(same(g.country, p.country) for g, p in with_country if p)
                                        / len(with_country), 4)
    if with_admin:
        out["admin1_accuracy"] = round(sum(same(g.admin1, p.admin1) for g, p in with_admin if p)
                                       / len(with_admin), 4)
    return out


def _area_scores(pairs: list[tuple[Gold, Location | None]]) -> dict[str, Any]:
    """Country of each gold point (reverse geocoding, ``reverse_geocoder``) against ours, and the
    lenient score that also accepts a country/admin-1 answer whose area holds the gold point."""
    import reverse_geocoder

    scored = [(g, p) for g, p in pairs if g.lat is not None and g.lon is not None]
    if not scored:
        return {}
    where = reverse_geocoder.search([(g.lat, g.lon) for g, _ in scored], mode=1, verbose=False)
    same_country = same_area = 0
    for (g, p), w in zip(scored, where, strict=True):
        if p is None:
            continue
        country_ok = p.country_code == w["cc"]
        same_country += country_ok
        near = p.lat is not None and distance_km(g.lat, g.lon, p.lat, p.lon) <= KM  # type: ignore[arg-type]
        holds = country_ok and (p.precision == "country" or (
            p.precision == "admin1" and fold(p.admin1 or "").lower() in fold(w["admin1"]).lower()))
        same_area += near or holds
    return {"country_accuracy_by_reverse_geocoding": round(same_country / len(scored), 4),
            "acc@161km_or_containing_area": round(same_area / len(scored), 4)}


def gold_span_resolution(geoparser, docs: list[Doc]) -> dict[str, Any]:
    pairs: list[tuple[Gold, Location | None]] = []
    for doc in docs:
        spans = [(g.start, g.end) for g in doc.gold if g.lat is not None]
        found = geoparser.resolve_mentions(doc.text, spans)
        pairs += list(zip([g for g in doc.gold if g.lat is not None], found, strict=True))
    return {**_errors(pairs), **_country_admin(pairs), **_area_scores(pairs)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _recognition(found_by_doc: list[tuple[Doc, list[tuple[int, int]]]]) -> dict[str, Any]:
    n_pred = tp_pred = n_gold = tp_gold = 0
    for doc, spans in found_by_doc:
        gold_spans = [(g.start, g.end) for g in doc.gold]
        n_pred += len(spans)
        tp_pred += sum(any(_overlap(s, g) for g in gold_spans) for s in spans)
        n_gold += len(gold_spans)
        tp_gold += sum(any(_overlap(s, g) for s in spans) for g in gold_spans)
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted": n_pred, "gold": n_gold}


def end_to_end(docs: list[Doc], runner: Any = None) -> dict[str, Any]:
    """Recognition P/R/F1 and end-to-end accuracy from raw text, through ``pipeline.process`` with the
    default configuration (relevance gate on), exactly as ``wirewatch extract`` reads a JSONL record."""
    from .through import Runner

    runner = runner or Runner()
    pairs: list[tuple[Gold, Location | None]] = []
    ungated: list[tuple[Gold, Location | None]] = []  # as before #14: no places for gated articles
    every, no_adjectives = [], []
    for doc in docs:
        turned_away = runner.gated
        x, to_original = runner.run(doc.id, doc.text)
        turned_away = runner.gated > turned_away
        found = [(mapped, m) for m in x.places if (mapped := to_original(m.span.start, m.span.end)) is not None]
        every.append((doc, [span for span, _ in found]))
        no_adjectives.append((doc, [span for span, m in found if m.role != "adjective"]))
        for g in doc.gold:
            hit = next((m.location for span, m in found if m.location and _overlap(span, (g.start, g.end))), None)
            pairs.append((g, hit))
            ungated.append((g, None if turned_away else hit))
    resolution = _errors(pairs)
    return {"recognition": _recognition(every),
            "recognition_without_demonyms": _recognition(no_adjectives),
            "end_to_end": {"acc@161km": resolution["acc@161km"], "n": resolution["n"],
                           "median_error_km": resolution["median_error_km"],
                           "acc@161km_if_gated_articles_had_no_places": _errors(ungated)["acc@161km"]},
            "pipeline": runner.report()}


def read_set(shared: Path, name: str) -> list[Doc]:
    folder, filename = SETS[name]
    path = shared / "data" / folder / filename
    if not path.is_file():
        raise ConfigError(f"evaluation file not found: {path}", code="W202", source=str(path))
    return read_lgl(path) if name == "lgl" else read_geovirus(path)


def evaluate(shared: Path | None, limit: int | None, gate: bool = True) -> dict[str, Any]:
    """Both sets; ``limit`` caps the articles per set (the whole set when ``None``); ``gate=False`` runs
    the end-to-end part with the relevance gate off (for comparison only: the product runs it on)."""
    if shared is None:
        raise ConfigError("the shared data folder was not found; set WIREWATCH_SHARED", code="W202")
    from ..geo import Geoparser

    started = time.perf_counter()
    geoparser = Geoparser.load()
    load_seconds = time.perf_counter() - started
    out: dict[str, Any] = {"command": "wirewatch eval geo" + (f" --limit {limit}" if limit else ""),
                           "gazetteer_load_seconds": round(load_seconds, 2)}
    from ..config import PipelineConfig
    from ..pipeline import Resources
    from .through import Runner

    resources = Resources(_geoparser=geoparser).warm()
    for name in SETS:
        docs = read_set(shared, name)[:limit] if limit else read_set(shared, name)
        runner = Runner(PipelineConfig(relevance_gate=gate), resources)
        out[name] = {"articles": len(docs), "gold_spans": gold_span_resolution(geoparser, docs),
                     **end_to_end(docs, runner)}
    return out
