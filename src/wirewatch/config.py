"""Settings: small value objects with named defaults, read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def data_dir() -> Path:
    """The user's data directory (``$WIREWATCH_HOME`` or ``~/.local/share/wirewatch``)."""
    home = os.environ.get("WIREWATCH_HOME")
    if home:
        return Path(home)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "wirewatch"


def cache_dir() -> Path:
    """Where built indexes (gazetteer) are cached (``$WIREWATCH_CACHE`` or ``~/.cache/wirewatch``)."""
    env = os.environ.get("WIREWATCH_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wirewatch"


def default_db() -> str:
    """``--db`` default: ``$WIREWATCH_DB``, else ``wirewatch.sqlite`` in the data directory."""
    return os.environ.get("WIREWATCH_DB") or str(data_dir() / "wirewatch.sqlite")


def shared_dir() -> Path | None:
    """The project's ``../shared`` folder (or ``$WIREWATCH_SHARED``), if present."""
    env = os.environ.get("WIREWATCH_SHARED")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" for p in here.parents[:5]]
    candidates.append(Path.cwd().parent / "shared")
    for c in candidates:
        if (c / "DESIGN.md").exists():
            return c
    return None


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Knobs for the per-article pipeline."""

    relevance_gate: bool = True
    max_chars: int = 100_000  # longer story texts are cut here (W124): ~15,000 words, 5x a long feature
