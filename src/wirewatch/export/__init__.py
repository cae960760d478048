"""Exports of fused events: ACLED-style CSV, PLOVER JSON lines, GeoJSON, Parquet.

Every exporter takes fused-event dicts (``FusedEvent.to_dict()``, schema ``wirewatch.fused/1``).
``FORMATS`` maps a format name to its module; each module has ``write`` (to a text handle, or to a
path for Parquet), ``read`` and ``summary`` (used by the round-trip tests).
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS: dict[str, tuple[str, str, bool]] = {
    # name: (module, default file suffix, binary)
    "acled-csv": ("wirewatch.export.acled_csv", ".csv", False),
    "plover-jsonl": ("wirewatch.export.plover", ".jsonl", False),
    "geojson": ("wirewatch.export.geojson", ".geojson", False),
    "parquet": ("wirewatch.export.parquet", ".parquet", True),
}


def module(name: str) -> ModuleType:
    """The exporter module of a format name (``KeyError`` for an unknown one)."""
    return importlib.import_module(FORMATS[name][0])


__all__ = ["FORMATS", "module"]
