"""Frozen records of the fusion stage: one ``Mention`` per (article, event), one ``FusedEvent`` per event.

A ``Mention`` wraps one event dict in the extraction-contract shape (an item of
``wirewatch.contract.to_contract(extraction)["events"]``) with the article it came from.
The event dict is treated as read-only; nothing in ``wirewatch.fuse`` mutates it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

FUSED_SCHEMA = "wirewatch.fused/1"

Action = Literal["join", "new"]


@dataclass(frozen=True)
class Mention:
    """One event as one article reports it."""

    article_id: str
    outlet: str | None
    published: str | None  # ISO 8601 date or date-time, as in the contract
    event: Mapping[str, Any] = field(hash=False)
    agency: str | None = None
    title: str | None = None
    lead: str | None = None  # first words of the article body, for text similarity

    @property
    def uid(self) -> str:
        """Stable id of the mention: article id and the event's id in that article."""
        return f"{self.article_id}#{self.event.get('id') or ''}"

    @property
    def origin(self) -> str | None:
        """Who gathered the report: the wire agency when one is named, else the outlet."""
        name = self.agency or self.outlet
        return name.strip().lower() if name else None

    def sort_key(self) -> tuple[str, str, str]:
        date = (self.event.get("date") or {}).get("start") or (self.published or "")[:10]
        return (date, self.article_id, str(self.event.get("id") or ""))


@dataclass(frozen=True)
class FusedClaim:
    """One figure claimed by one claimant, as one outlet reported it at one time."""

    field: str
    value: int
    claimant: str | None
    claimant_class: str
    outlet: str | None
    reported_by: str | None
    time: str | None
    article_id: str
    qualifier: str | None = None
    superseded: bool = False
    text: str | None = None
    start: int | None = None  # offsets of the claim in its article's text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "claimant": self.claimant,
                "claimant_class": self.claimant_class, "outlet": self.outlet,
                "reported_by": self.reported_by, "time": self.time, "article_id": self.article_id,
                "qualifier": self.qualifier, "superseded": self.superseded, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Disagreement:
    """Claimants whose latest figures for one field differ: ``police: 4, militia spokesperson: 2``."""

    field: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "text": self.text}


@dataclass(frozen=True)
class Figure:
    """low / best / high of one casualty field, and the rule that produced ``best``."""

    low: int | None
    best: int | None
    high: int | None
    basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "basis": self.basis}


@dataclass(frozen=True)
class FusedEvent:
    """One real-world event fused from the mentions of one or more articles."""

    id: str
    members: tuple[Mention, ...]
    status: str | None
    event_type: str | None
    sub_event_type: str | None
    cameo: str | None
    plover: Mapping[str, Any] | None = field(hash=False)
    date: Mapping[str, Any] | None = field(hash=False)
    location: Mapping[str, Any] | None = field(hash=False)
    actors: tuple[Mapping[str, Any], ...] = field(hash=False)
    fatalities: Figure
    injured: Figure
    claims: tuple[FusedClaim, ...]
    disagreements: tuple[Disagreement, ...]
    verification: str
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[Mapping[str, Any], ...] = field(hash=False)
    confidence: float
    weapons: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    casualties_by_side: tuple[Mapping[str, Any], ...] = field(default=(), hash=False)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.members}))

    @property
    def reported(self) -> tuple[str | None, str | None]:
        """First and last publication time among the member articles."""
        times = sorted(m.published for m in self.members if m.published)
        return (times[0], times[-1]) if times else (None, None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a fused event (``wirewatch.fused/1``); lists member ``articles``."""
        return {
            "schema": FUSED_SCHEMA, "id": self.id, "articles": list(self.articles),
            "mentions": [m.uid for m in self.members], "status": self.status,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type, "cameo": self.cameo,
            "plover": dict(self.plover) if self.plover else None,
            "date": dict(self.date) if self.date else None,
            "location": dict(self.location) if self.location else None,
            "actors": [dict(a) for a in self.actors],
            "fatalities": self.fatalities.to_dict(), "injured": self.injured.to_dict(),
            "casualties_by_side": [dict(r) for r in self.casualties_by_side],
            "claims": [c.to_dict() for c in self.claims],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "verification": self.verification, "sources": list(self.sources), "outlets": list(self.outlets),
            "evidence": [dict(e) for e in self.evidence], "confidence": self.confidence,
            "weapons": list(self.weapons), "reasons": list(self.reasons),
            "first_reported": self.reported[0], "last_reported": self.reported[1],
        }


@dataclass(frozen=True)
class Decision:
    """Where one mention goes: join an existing event (``event_id``) or start a new one."""

    action: Action
    event_id: str | None
    score: float
    reasons: tuple[str, ...]


def fused_id(members: Iterable[Mention]) -> str:
    """Deterministic, order-independent id of a fused event: a hash of its sorted member ids."""
    uids = sorted(m.uid for m in members)
    digest = hashlib.sha1("\n".join(uids).encode("utf-8")).hexdigest()
    return f"ev-{digest[:16]}"


def _lead(text: str | None, words: int = 80) -> str | None:
    if not text:
        return None
    return " ".join(text.split()[:words])


def mentions_from_contract(line: Mapping[str, Any], statuses: Iterable[str] | None = None) -> Iterator[Mention]:
    """The mentions of one ``wirewatch extract`` JSON line (by default its ``occurred`` events)."""
    keep = set(statuses) if statuses is not None else {"occurred"}
    article = line.get("article") or {}
    aid = article.get("id")
    if not aid:
        raise ValueError("extraction line has no article.id; cannot build mentions")
    for event in line.get("events") or ():
        if event.get("status") in keep:
            yield Mention(article_id=aid, outlet=article.get("outlet"), published=article.get("published"),
                          event=event, agency=article.get("agency"), title=article.get("title"),
                          lead=_lead(article.get("text")))
