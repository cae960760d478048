"""Fill a store with synthetic variations of template articles for the search/web benchmark.

    python scripts/gen_events.py --db /tmp/bench.sqlite --events 100000 [--from demo.jsonl | --demo]

Templates: ``--from`` a JSONL file of `wirewatch extract` output; ``--demo`` runs the pipeline on
the bundled demo articles (src/wirewatch/data/demo) first; otherwise the synthetic articles of
``wirewatch.store.synthetic``.  Each variation copies a template with new ids, a shifted date
(spread over two years), another place (ten conflict cities, jittered) and scaled tolls; the text
stays the template's.  Numbers measured on such data are about speed, not about accuracy.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from wirewatch.store import open_store
from wirewatch.store.synthetic import PLACES, variations

START = date(2023, 1, 1)
DAYS = 730


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _shift(iso: str | None, days: int) -> str | None:
    if not iso:
        return iso
    return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat() + iso[10:]


def vary(template: dict[str, Any], i: int, rng: random.Random) -> dict[str, Any]:
    doc = copy.deepcopy(template)
    art = doc["article"]
    base = date.fromisoformat((art.get("published") or START.isoformat())[:10])
    offset = (START - base).days + rng.randrange(DAYS)
    art["id"] = _id(art["id"], i)
    art["published"] = _shift(art.get("published") or START.isoformat(), offset)
    place = PLACES[rng.randrange(len(PLACES))]
    art["tags"] = list(dict.fromkeys([*art.get("tags", []), place.name.lower()]))
    scale = rng.choice([0, 1, 1, 2, 3, 5])
    for e in doc["events"]:
        e["id"] = _id(e["id"], i)
        if e.get("date"):
            e["date"]["start"], e["date"]["end"] = _shift(e["date"]["start"], offset), _shift(e["date"]["end"], offset)
        loc = e.get("location") or {}
        loc.update(name=place.name, admin1=place.admin1, country=place.country, country_code=place.country_code,
                   lat=round(place.lat + rng.uniform(-0.5, 0.5), 4), lon=round(place.lon + rng.uniform(-0.5, 0.5), 4),
                   precision=loc.get("precision") or "city")
        e["location"] = loc
        for key in ("fatalities", "injured"):
            r = e.get(key)
            if r:
                e[key] = {k: (v * scale if v is not None else None) for k, v in r.items()}
    return doc


def templates(args: argparse.Namespace) -> tuple[list[dict[str, Any]], str]:
    if args.source:
        docs = [json.loads(line) for line in Path(args.source).read_text().splitlines() if line.strip()]
        return [d for d in docs if d.get("events")], f"`wirewatch extract` output in {args.source}"
    if args.demo:
        from wirewatch.contract import to_contract
        from wirewatch.ingest.read import read_paths
        from wirewatch.pipeline import process_all

        demo = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "demo"
        docs = [to_contract(x) for x in process_all(read_paths([str(demo)]))]
        return [d for d in docs if d["events"]], f"pipeline output on {demo}"
    return variations(24), "synthetic articles (wirewatch.store.synthetic)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--from", dest="source", default=None)
    p.add_argument("--demo", action="store_true")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--batch", type=int, default=500)
    args = p.parse_args(argv)
    temps, origin = templates(args)
    if not temps:
        print("gen_events: no template with events", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    t0, n_events, i = time.perf_counter(), 0, 0
    with open_store(args.db) as store:
        while n_events < args.events:
            batch = []
            while n_events < args.events and len(batch) < args.batch:
                doc = vary(temps[i % len(temps)], i, rng)
                batch.append(doc)
                n_events += len(doc["events"])
                i += 1
            store.upsert_extractions(batch)
        counts = store.counts()
    print(f"gen_events: {counts['articles']} articles, {counts['events']} events from {len(temps)} templates"
          f" ({origin}) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
