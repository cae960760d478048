"""Where exported events come from (a JSONL file or the store) and which of them to keep."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BAD_RECORD, NOT_FOUND, InputError
from ..fuse import fuse, mentions_from_contract
from ..fuse.records import FUSED_SCHEMA, Mention

EXTRACTION_SCHEMA = "wirewatch.extraction/1"


@dataclass(frozen=True)
class ExportFilters:
    """Keep events whose country, date and type match (``None`` keeps all)."""

    country: str | None = None  # ISO alpha-2 code or country name, case-insensitive
    since: str | None = None  # YYYY-MM-DD, inclusive, compared with the event's start date
    until: str | None = None
    types: tuple[str, ...] = ()  # ACLED event_type or sub_event_type, case-insensitive

    def matches(self, event: Mapping[str, Any]) -> bool:
        loc = event.get("location") or {}
        if self.country:
            wanted = self.country.strip().lower()
            if wanted not in {str(loc.get("country_code") or "").lower(), str(loc.get("country") or "").lower()}:
                return False
        start = str((event.get("date") or {}).get("start") or "")
        if (self.since or self.until) and not start:
            return False
        if self.since and start < self.since:
            return False
        if self.until and start > self.until:
            return False
        if self.types:
            have = {str(event.get("event_type") or "").lower(), str(event.get("sub_event_type") or "").lower()}
            if not have & {t.lower() for t in self.types}:
                return False
        return True


def _lines(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if path == "-":
        handle = sys.stdin
    else:
        p = Path(path)
        if not p.exists():
            raise InputError("file not found", code=NOT_FOUND, source=path)
        handle = p.open(encoding="utf-8")
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n} is not JSON: {exc.msg}", code=BAD_RECORD, source=path) from exc
            if not isinstance(obj, dict):
                raise InputError(f"line {n} is not a JSON object", code=BAD_RECORD, source=path)
            yield n, obj


def events_from_jsonl(path: str) -> list[dict[str, Any]]:
    """Fused events from a file of ``wirewatch extract`` lines (fused here) and/or ``wirewatch.fused/1`` lines."""
    mentions: list[Mention] = []
    events: list[dict[str, Any]] = []
    for n, obj in _lines(path):
        schema = obj.get("schema")
        if schema == FUSED_SCHEMA:
            events.append(obj)
        elif schema in (EXTRACTION_SCHEMA, None) and "article" in obj:
            try:
                mentions.extend(mentions_from_contract(obj))
            except ValueError as exc:
                raise InputError(f"line {n}: {exc}", code=BAD_RECORD, source=path) from exc
        else:
            raise InputError(f"line {n} is neither an extraction nor a fused event (schema {schema!r})",
                             code=BAD_RECORD, source=path)
    events += [e.to_dict() for e in fuse(mentions)]
    return sorted(events, key=lambda e: e["id"])


def select(events: Iterable[Mapping[str, Any]], filters: ExportFilters) -> list[Mapping[str, Any]]:
    return [e for e in events if filters.matches(e)]


def events_from_store(url: str, filters: ExportFilters) -> Iterator[Mapping[str, Any]]:
    """Fused events from the store at ``url``, after fusing any article events still pending."""
    from ..store import open_store
    from ..store.fused import iter_fused, refresh

    store = open_store(url)
    try:
        refresh(store)
        yield from (e for e in iter_fused(store) if filters.matches(e))
    finally:
        store.close()
