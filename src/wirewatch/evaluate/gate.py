"""The accuracy gate: floors per metric, in a committed baseline file, that only rise.

``floors.json`` maps ``set -> dotted metric path -> floor``.  ``violations`` lists every
metric that fell below its floor.  Raising a floor is normal (``wirewatch eval --raise-floors``);
lowering one is a deliberate edit of ``floors.json`` whose commit message gives the reason.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

FLOORS_FILE = "floors.json"


def load_floors(path: Path | None = None) -> dict[str, dict[str, float]]:
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    return json.loads(resources.files("wirewatch.evaluate").joinpath(FLOORS_FILE).read_text(encoding="utf-8"))


def metric(results: dict[str, Any], dotted: str) -> float | None:
    cur: Any = results
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return float(cur) if isinstance(cur, (int, float)) else None


def violations(name: str, results: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    """Metrics of set ``name`` below their floor (a missing metric is a violation too)."""
    out = []
    for dotted, floor in floors.get(name, {}).items():
        got = metric(results, dotted)
        if got is None:
            out.append(f"{name}.{dotted}: missing (floor {floor})")
        elif got + 1e-9 < floor:
            out.append(f"{name}.{dotted}: {got:.4f} is below its floor {floor:.4f}")
    return out


def raised(name: str, results: dict[str, Any], floors: dict[str, dict[str, float]]) -> dict[str, float]:
    """The floors of ``name`` raised to today's results, truncated to 4 decimals (never lowered: a result
    less than 0.0001 above its floor leaves it as it is)."""
    out = dict(floors.get(name, {}))
    for dotted, floor in out.items():
        got = metric(results, dotted)
        if got is not None and got > floor:
            out[dotted] = max(floor, math.floor(got * 10_000) / 10_000 if got < 1 else got)
    return out
