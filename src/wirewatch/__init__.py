"""Wirewatch: news articles in, sourced, geocoded, dated conflict events out."""

from .model import (
    Actor,
    Article,
    Claim,
    Event,
    EventDate,
    Extraction,
    Failure,
    Location,
    PlaceMention,
    Range,
    RawDocument,
    Span,
    TimeMention,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "Event",
    "EventDate",
    "Extraction",
    "Failure",
    "Location",
    "PlaceMention",
    "Range",
    "RawDocument",
    "Span",
    "TimeMention",
    "__version__",
]
