"""Frozen records passed between pipeline stages.

Every stage takes records and returns new ones; nothing here is mutated after it
is built.  All character offsets refer to ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Status = Literal["occurred", "threatened", "planned", "denied", "background"]
Role = Literal["initiator", "target", "associate"]
ActorKind = Literal[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",
    "unknown",
]
DatePrecision = Literal["day", "week", "month", "year"]
GeoPrecision = Literal["point", "city", "admin2", "admin1", "country"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
InputKind = Literal["text", "html", "record"]


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @staticmethod
    def of(text: str, start: int, end: int) -> Span:
        return Span(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Failure:
    """A recorded, non-fatal problem with one article at one stage."""

    article_id: str | None
    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input before normalisation: a file's decoded content or a JSONL record."""

    source: str
    content: str
    kind: InputKind
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[Failure, ...] = ()  # warnings from reading (repaired bytes ...), recorded with the article
    fetched: datetime | None = None  # when it was fetched or read: the anchor of "2 hours ago" dates


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised article: the story body apart from page chrome."""

    id: str
    text: str
    title: str | None = None
    published: datetime | date | None = None
    outlet: str | None = None
    agency: str | None = None
    byline: str | None = None
    url: str | None = None
    given_tags: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    dateline_place: str | None = None
    source: str | None = None

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved place. Unknown parts are ``None``."""

    name: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: GeoPrecision | None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, with its resolution (or ``None`` and a reason)."""

    span: Span
    location: Location | None
    extractor: str
    role: str = "mention"  # mention | dateline | adjective
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression with its TIMEX3 value and, for dates, the interval it covers."""

    span: Span
    value: str | None
    type: TimexType
    start: date | None = None
    end: date | None = None
    precision: DatePrecision | None = None
    extractor: str = "wirewatch.times"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: Role
    kind: ActorKind
    country_code: str | None = None
    span: Span | None = None
    canonical_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement of a figure by one claimant."""

    field: str
    value: int
    span: Span
    qualifier: str | None = None
    claimant: str | None = None
    reported_by: str | None = None
    order: int = 0
    superseded: bool = False
    update: bool = False  # stated as a revision: "the toll rose to four"
    partial: bool = False  # stated as a part: "two other members were killed"
    victims: str | None = None  # the noun phrase counted, as written: "militia fighters"
    side: str | None = None  # whose dead: "initiator" | "target" | "civilians" | None (unclear)


@dataclass(frozen=True, slots=True)
class Range:
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date
    end: date
    precision: DatePrecision
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    status: Status
    event_type: str | None
    sub_event_type: str | None
    cameo: str | None
    plover_type: str | None
    plover_mode: str | None
    date: EventDate | None
    location: Location | None
    actors: tuple[Actor, ...]
    fatalities: Range | None
    injured: Range | None
    claims: tuple[Claim, ...]
    sources: tuple[str, ...]
    verification: str | None
    evidence: tuple[Span, ...]
    confidence: float
    weapons: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location_span: Span | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: one line of ``wirewatch extract``."""

    article: Article
    tags: tuple[str, ...]
    places: tuple[PlaceMention, ...]
    times: tuple[TimeMention, ...]
    events: tuple[Event, ...]
    failures: tuple[Failure, ...] = field(default=())
