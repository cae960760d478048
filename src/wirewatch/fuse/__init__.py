"""Fusion: merge the mentions of one real event across articles into one ``FusedEvent``.

Public surface::

    Mention, FusedEvent, Decision        records (fuse/records.py)
    mentions_from_contract(line)         mentions of one ``wirewatch extract`` JSON line
    fuse(mentions) -> list[FusedEvent]   batch, independent of input order
    update(existing, new)                incremental: re-fuse only what the new mentions touch
    assign(mention, existing) -> Decision
"""

from __future__ import annotations

from .decide import FuseConfig, assign
from .fuse import fuse, update
from .records import Decision, FusedEvent, Mention, fused_id, mentions_from_contract

__all__ = ["Decision", "FuseConfig", "FusedEvent", "Mention", "assign", "fuse", "fused_id",
           "mentions_from_contract", "update"]
