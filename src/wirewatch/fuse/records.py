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
    lead: str | None = None  # first words of the article body (``LEAD_WORDS``), for text similarity
    places: tuple[str, ...] = ()  # names of the places the article mentions
    main: bool = True  # the event the article's headline and lead report (``main_event``)
    document: bool = False  # stands for the whole article, which has no ``occurred`` event
    # the article's other events (``reference``: occurred or told as background), what a follow-up says of the
    # incident it follows ("two men charged over last week's bombing in Hodan")
    others: tuple[Mapping[str, Any], ...] = field(default=(), hash=False)

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
    follow_ups: tuple[str, ...] = ()  # member articles that report a follow-up (arrest, trial, funeral)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.members}))

    @property
    def main_articles(self) -> tuple[str, ...]:
        """Member articles whose main event (or document mention) this is."""
        return tuple(sorted({m.article_id for m in self.members if m.main}))

    @property
    def documents_only(self) -> bool:
        """Every member is a document mention: articles that report something no extractor typed."""
        return all(m.document for m in self.members)

    @property
    def reported(self) -> tuple[str | None, str | None]:
        """First and last publication time among the member articles."""
        times = sorted(m.published for m in self.members if m.published)
        return (times[0], times[-1]) if times else (None, None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a fused event (``wirewatch.fused/1``); lists member ``articles``."""
        return {
            "schema": FUSED_SCHEMA, "id": self.id, "articles": list(self.articles),
            "main_articles": list(self.main_articles), "follow_ups": list(self.follow_ups),
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


LEAD_WORDS = 500
LEAD_CHARS = 400  # an event told in the first characters of the body is told in the lead
DOCUMENT_EVENT_ID = "document"


def lead_words(text: str | None, words: int = LEAD_WORDS) -> str | None:
    if not text:
        return None
    return " ".join(text.split()[:words])


def _first_start(event: Mapping[str, Any]) -> int:
    starts = [s.get("start") for s in event.get("evidence") or () if isinstance(s.get("start"), int)]
    return min(starts) if starts else 10**9


def main_event(events: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The event an article's headline and lead report: of its ``occurred`` events, one told in the
    lead (evidence starting in the first ``LEAD_CHARS`` characters) before one told later, then the
    most confident, then the one told first, then the smallest id."""
    occurred = [e for e in events if e.get("status") == "occurred"]
    if not occurred:
        return None
    return min(occurred, key=lambda e: (_first_start(e) >= LEAD_CHARS, -float(e.get("confidence") or 0.0),
                                        _first_start(e), str(e.get("id") or "")))


def document_event(published: str | None) -> dict[str, Any]:
    """The event of a document mention: nothing known but that the article reports something."""
    return {"id": DOCUMENT_EVENT_ID, "status": "occurred", "event_type": None, "sub_event_type": None,
            "date": None, "location": None, "actors": [], "claims": [], "evidence": [], "confidence": 0.0}


def article_mentions(article: Mapping[str, Any], events: Iterable[Mapping[str, Any]],
                     places: Iterable[str] = (), documents: bool = True) -> list[Mention]:
    """The mentions of one article: one per ``occurred`` event (its main event marked), or, when it
    has none, one document mention standing for the whole article (``documents=False``: none)."""
    aid = article.get("id")
    if not aid:
        raise ValueError("extraction line has no article.id; cannot build mentions")
    events = list(events)
    main = main_event(events)
    common = {"article_id": aid, "outlet": article.get("outlet"), "published": article.get("published"),
              "agency": article.get("agency"), "title": article.get("title"),
              "lead": lead_words(article.get("text")), "places": tuple(sorted({p for p in places if p}))}
    refs = [(e.get("id"), reference(e)) for e in events if e.get("status") in REFERENCE_STATUSES]
    out = [Mention(event=e, main=e is main, others=tuple(r for i, r in refs if i != e.get("id")), **common)
           for e in events if e.get("status") == "occurred"]
    if main is None and documents:
        out.append(Mention(event=document_event(article.get("published")), main=True, document=True,
                           others=tuple(r for _, r in refs), **common))
    return out


REFERENCE_STATUSES = ("occurred", "background")


def reference(event: Mapping[str, Any]) -> dict[str, Any]:
    """What fusion keeps of an article's other event: its type, dates and place (no evidence, no actors)."""
    d, loc = event.get("date") or {}, event.get("location") or {}
    return {"event_type": event.get("event_type"), "sub_event_type": event.get("sub_event_type"),
            "start": d.get("start"), "end": d.get("end"),
            "location": {k: loc.get(k) for k in ("country_code", "lat", "lon", "precision")} if loc else None}


def contract_places(line: Mapping[str, Any]) -> list[str]:
    return [str(p.get("name") or p.get("text") or "") for p in line.get("places") or ()]


def mentions_from_contract(line: Mapping[str, Any], documents: bool = False) -> Iterator[Mention]:
    """The mentions of one ``wirewatch extract`` JSON line: its ``occurred`` events and, with
    ``documents``, a document mention when it has none."""
    yield from article_mentions(line.get("article") or {}, line.get("events") or (), contract_places(line), documents)
