"""The per-article pipeline: ingest -> normalise -> annotate -> extract.

``process`` is pure per article (its only state is the read-only ``Resources``), so
a batch can run in one process, a process pool or on a Dask cluster unchanged.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .annotate import Annotated, Annotator
from .config import PipelineConfig
from .errors import WirewatchError
from .model import Article, Event, Extraction, Failure, PlaceMention, RawDocument, TimeMention

log = logging.getLogger(__name__)
T = TypeVar("T")

INTERNAL_ERROR = "W900"


@dataclass
class Resources:
    """Heavy, read-only resources, loaded lazily once per process."""

    annotator: Annotator = field(default_factory=Annotator)
    _geoparser: object | None = None
    _actors: object | None = None
    _event_model: object | None = None
    use_event_model: bool = True

    @property
    def geoparser(self):  # -> wirewatch.geo.Geoparser
        if self._geoparser is None:
            from .geo import Geoparser

            self._geoparser = Geoparser.load()
        return self._geoparser

    def warm(self) -> Resources:
        """Load everything now (at start-up), so a missing model fails before the first article and no
        request or batch pays for the loading."""
        _ = self.annotator.nlp, self.geoparser, self.actors, self.event_model
        return self

    @property
    def event_model(self):  # -> wirewatch.eventmodel.EventModel | None
        """The trained event model (``None`` when ``use_event_model`` is off: rules only, for comparisons)."""
        if not self.use_event_model:
            return None
        if self._event_model is None:
            from .eventmodel.classifier import EventModel

            self._event_model = EventModel.load()
        return self._event_model

    @property
    def actors(self):  # -> wirewatch.extract.actors.ActorDictionary
        if self._actors is None:
            from .extract.actors import ActorDictionary

            self._actors = ActorDictionary.load()
        return self._actors


_DEFAULT: Resources | None = None


def default_resources() -> Resources:
    """The process-wide resources (one model and gazetteer per worker)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Resources()
    return _DEFAULT


def _failed_article(raw: RawDocument) -> Article:
    from .ingest.normalise import article_id

    return Article(id=raw.id or article_id(raw.source, raw.content), text="", title=raw.title,
                   url=raw.url, outlet=raw.outlet, given_tags=raw.tags, source=raw.source)


def _read_notes(raw: RawDocument, article_id: str) -> tuple[Failure, ...]:
    """The reader's warnings (repaired bytes ...) under the article's id."""
    return tuple(replace(n, article_id=article_id) for n in raw.notes)


def _guard(stage: str, article_id: str, failures: list[Failure], fn: Callable[[], T], default: T) -> T:
    """Run one stage; an error becomes a recorded failure and the stage's empty result."""
    try:
        return fn()
    except WirewatchError as exc:
        failures.append(Failure(article_id, stage, exc.code, exc.message))
    except Exception as exc:  # noqa: BLE001 - one article must never stop a batch
        log.error("stage %s failed on %s:\n%s", stage, article_id, traceback.format_exc())
        failures.append(Failure(article_id, stage, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"))
    return default


def process(raw: RawDocument, resources: Resources | None = None,
            config: PipelineConfig | None = None) -> Extraction:
    """Run the whole per-article pipeline on one input document.

    With the relevance gate on (the default), an article with no conflict cues skips event extraction
    (the event model and the extractors) and is read by the cheaper annotation without the dependency
    parser; it still gets its places, times and tags."""
    from .extract.events import extract_events
    from .extract.tags import infer_tags
    from .ingest.normalise import normalise_noted

    res = resources or default_resources()
    cfg = config or PipelineConfig()
    try:
        article, notes = normalise_noted(raw, cfg.max_chars)
    except WirewatchError as exc:
        art = _failed_article(raw)
        return Extraction(art, (), (), (), (), (*_read_notes(raw, art.id),
                                                Failure(art.id, "normalise", exc.code, exc.message)))
    aid = article.id
    failures: list[Failure] = [*_read_notes(raw, aid), *notes]
    if cfg.relevance_gate and not relevant(article):
        return _without_events(article, res, failures)
    ann: Annotated | None = _guard("annotate", aid, failures, lambda: res.annotator.annotate(article), None)
    if ann is None:
        return Extraction(article, tuple(t.lower() for t in article.given_tags), (), (), (), tuple(failures))
    times, places = _times_places(ann, res, failures)
    no_events: tuple[Event, ...] = ()
    no_tags: tuple[str, ...] = ()
    events = _guard("events", aid, failures,
                    lambda: extract_events(ann, places, times, res.actors, res.geoparser, res.event_model), no_events)
    tags = _guard("tags", aid, failures, lambda: infer_tags(ann, places, events, res.actors), no_tags)
    return Extraction(article, tags, places, times, events, tuple(failures))


def _times_places(ann: Annotated, res: Resources, failures: list[Failure]
                  ) -> tuple[tuple[TimeMention, ...], tuple[PlaceMention, ...]]:
    """The time and place stages, run on every article the pipeline reads."""
    from .extract.times import tag_times

    aid = ann.article.id
    no_times: tuple[TimeMention, ...] = ()
    no_places: tuple[PlaceMention, ...] = ()
    times = _guard("times", aid, failures, lambda: tag_times(ann), no_times)
    places = _guard("places", aid, failures, lambda: res.geoparser.find_places(ann), no_places)
    return times, places


def relevant(article: Article) -> bool:
    """Whether the relevance gate lets ``article`` through to event extraction."""
    from .scale.relevance import gate_text, is_relevant

    return is_relevant(gate_text(article.title, article.text))[0]


_relevant = relevant  # the name the event model's policy search imports


def _without_events(article: Article, res: Resources, failures: list[Failure]) -> Extraction:
    """A story the relevance gate turned away: places, times and tags from the cheaper annotation (no
    dependency parse), no event extraction."""
    from .extract.tags import infer_tags

    no_tags: tuple[str, ...] = ()
    ann: Annotated | None = _guard("annotate", article.id, failures,
                                   lambda: res.annotator.annotate_light(article), None)
    if ann is None:
        return Extraction(article, tuple(t.lower() for t in article.given_tags), (), (), (), tuple(failures))
    times, places = _times_places(ann, res, failures)
    tags = _guard("tags", article.id, failures, lambda: infer_tags(ann, places, (), res.actors), no_tags)
    return Extraction(article, tags, places, times, (), tuple(failures))


def process_all(docs: Iterable[RawDocument | Failure], resources: Resources | None = None) -> Iterator[Extraction]:
    """Process a stream; read failures pass through as failed extractions."""
    for item in docs:
        if isinstance(item, Failure):
            art = Article(id=item.article_id or "unknown", text="", source=item.article_id)
            yield Extraction(art, (), (), (), (), (item,))
        else:
            yield process(item, resources)
