"""The learned pair score: how likely two mentions report one incident, with the reasons.

Features of a pair (``FEATURES``; each a pure function of the two profiles):

- ``text``: TF-IDF cosine of headline + first 500 words (a non-main event: its evidence sentences);
  ``title``: cosine of the headlines; ``text_far``: ``text`` when the days are over a week apart;
- ``log_gap``: log(1 + days between the two days), ``no_day``: a day is unknown;
- ``rare_words``: log(1 + shared window keys that are words); ``names_far``: ``full_names`` when the
  days are over a week apart; ``place_conflict``: both places a city or finer and more than
  ``EXPLICIT_PLACE_LIMIT_KM`` apart or in different countries; ``type_conflict``: incompatible ACLED
  types, neither story a follow-up;
- ``full_names`` / ``surnames``: shared people, each weighing 1 when the surname is rare and
  ``COMMON_WEIGHT`` when it is among the commonest (log(1 + sum)); ``no_shared_people``: both name
  people and share none;
- ``places``: log(1 + shared place names); ``near`` / ``far``: both events have coordinates, within /
  beyond the tolerance of their precision; ``other_country``: events in different countries;
- ``same_subtype`` (or compatible sub-types; an unknown type sets it not, nor ``type_conflict``; the
  finer grades wait for more extracted training pairs); ``date_conflict``: two stated days that differ;
- ``follow_up``: one of the two is an arrest, charge, trial or funeral story, ``both_follow_up``;
- ``document``: one is a document mention (its article has no event); ``actors``: Jaccard of actor
  names; ``same_outlet``;
- ``refers_back``: one article's other event (occurred, or told as background) names the other's event:
  its sub-type, its day, its place (``_refers``): the arrest story's "the bombing in Hodan on 7 March".

The score (``PairModel``): monotone gradient-boosted trees over these features (``trees.py``, fitted
by ``train.py``): evidence against a pair (``train.AGAINST``: conflicts, far apart, no shared people)
can only lower the probability, agreement (``train.FOR``) only raise it; two specific places far
apart that the texts do not both name (``unexplained_place_conflict``) add a fixed logit
(``PairModel.place_offset``, ``train.PLACE_OFFSET``). Model files of schema /1
(logistic weights) still load. Place, type and date disagreements are evidence weighed by the
model, not vetoes. The only hard rule: two events of one article are two events (the extractor told
them apart).

Candidates (``candidate``): two mentions are scored when their days are at most ``WINDOW_DAYS``
apart and they share a window key (a rare word of their texts or a place), at most
``LONG_WINDOW_DAYS`` apart when they share ``LONG_WINDOW_KEYS`` window keys, or at any distance
when they share a full name or a rare surname. Each is a property of the pair alone, so the same
pairs are found whether the archive is fused at once or one article at a time.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

from .candidates import EXPLICIT_PLACE, PLACE_TOLERANCE_KM, coords, haversine_km, parse_day, tolerance_km
from .names import rare
from .profile import Profile
from .score import actor_similarity, type_similarity
from .text import cosine
from .trees import TreeEnsemble

WINDOW_DAYS = 7
ONE_DAY = timedelta(days=1)
LONG_WINDOW_DAYS = 31  # two mentions sharing at least LONG_WINDOW_KEYS window keys pair up to a month apart
LONG_WINDOW_KEYS = 2
EXPLICIT_PLACE_LIMIT_KM = 25.0
COMMON_WEIGHT = 0.3
FEATURES = ("text", "title", "text_far", "log_gap", "no_day", "full_names", "names_far", "surnames",
            "no_shared_people", "rare_words", "places", "near", "far", "other_country", "place_conflict",
            "same_subtype", "type_conflict", "date_conflict", "follow_up", "both_follow_up", "document", "actors",
            "same_outlet", "refers_back")
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "fusion" / "pair_model.json"


def _name_weight(surname: str) -> float:
    return 1.0 if rare(surname) else COMMON_WEIGHT


def _gap(a: Profile, b: Profile) -> int | None:
    if a.day is None or b.day is None:
        return None
    return abs((a.day - b.day).days)


def _place(a: Profile, b: Profile) -> tuple[float, float, float, float]:
    """near, far, other country, and a conflict of two specific places (both a city or finer, more than
    ``EXPLICIT_PLACE_LIMIT_KM`` apart or in different countries)."""
    la, lb = a.event.get("location") or {}, b.event.get("location") or {}
    ca, cb = la.get("country_code"), lb.get("country_code")
    other = float(bool(ca and cb and ca != cb))
    pa, pb, tol = coords(la), coords(lb), tolerance_km(la, lb)
    if pa is None or pb is None or tol is None:
        return 0.0, 0.0, other, 0.0
    d = haversine_km(pa, pb)
    specific = la.get("precision") in EXPLICIT_PLACE and lb.get("precision") in EXPLICIT_PLACE
    conflict = specific and (d > EXPLICIT_PLACE_LIMIT_KM or bool(other))
    return float(d <= tol), float(d > tol), other, float(conflict)


def _types(a: Profile, b: Profile) -> dict[str, float]:
    """Same (or compatible) sub-type; incompatible ACLED types when neither is a follow-up (an arrest
    story is typed Arrests, its shooting Violence against civilians: that is no disagreement)."""
    sim = type_similarity(a.event, b.event)
    if sim is None or 0.0 < sim < 0.7:
        return {}
    if sim >= 0.7:
        return {"same_subtype": 1.0}
    return {} if a.follow_up or b.follow_up else {"type_conflict": 1.0}


def features(a: Profile, b: Profile) -> dict[str, float]:
    """The feature values of a pair (symmetric in ``a`` and ``b``)."""
    gap = _gap(a, b)
    text = cosine(a.vector, b.vector)
    full = a.names.full & b.names.full
    shared = a.names.surnames & b.names.surnames
    f = {"text": text, "title": cosine(a.title, b.title),
         "text_far": text if gap is not None and gap > WINDOW_DAYS else 0.0,
         "log_gap": math.log1p(gap) if gap is not None else 0.0, "no_day": float(gap is None),
         "full_names": math.log1p(sum(_name_weight(n.split()[-1]) for n in full)),
         "surnames": math.log1p(sum(_name_weight(s) for s in shared)),
         "no_shared_people": float(a.names.any and b.names.any and not shared),
         "places": math.log1p(len(a.places & b.places)),
         "rare_words": math.log1p(len(a.window_words & b.window_words))}
    f["names_far"] = f["full_names"] if gap is not None and gap > WINDOW_DAYS else 0.0
    f["near"], f["far"], f["other_country"], f["place_conflict"] = _place(a, b)
    f.update(_types(a, b))
    f["date_conflict"] = float(a.explicit_day and b.explicit_day and a.day != b.day)
    f["follow_up"] = float(a.follow_up != b.follow_up)
    f["both_follow_up"] = float(a.follow_up and b.follow_up)
    f["document"] = float(a.document or b.document)
    f["actors"] = actor_similarity(a.event, b.event) or 0.0
    f["same_outlet"] = float(bool(a.outlet) and a.outlet == b.outlet)
    f["refers_back"] = max(_refers(a.refs, b), _refers(b.refs, a))
    return {k: f.get(k, 0.0) for k in FEATURES}


def _refers(refs: Sequence[Mapping], p: Profile) -> float:
    """How well one of an article's other events names ``p``'s event: 1 when one has its sub-type (or a
    compatible one), a span of days within a day of ``p``'s day and its place (within tolerance); 0.5 when
    type and days fit and a place is unknown on either side (but not two countries); else 0. A funeral or
    an arrest story that tells the attack it follows ("the bombing in Hodan on 7 March") refers back to it."""
    if p.day is None or not refs:
        return 0.0
    best = 0.0
    here = p.event.get("location") or {}
    for r in refs:
        sim = type_similarity(r, p.event)
        start = parse_day(r.get("start"))
        end = parse_day(r.get("end")) or start
        if sim is None or sim < 0.7 or start is None or end is None:
            continue
        if not (start - ONE_DAY <= p.day <= end + ONE_DAY):
            continue
        there = r.get("location") or {}
        pa, pb, tol = coords(there), coords(here), tolerance_km(there, here)
        if pa is not None and pb is not None and tol is not None:
            if haversine_km(pa, pb) <= tol:
                return 1.0
            continue
        ca, cb = there.get("country_code"), here.get("country_code")
        if ca and cb and ca != cb:
            continue
        best = 0.5
    return best


def unexplained_place_conflict(f: Mapping[str, float]) -> bool:
    """Two specific places far apart, and the two texts name no place in common: not a geocoding error
    of one place both report (those share its name), so two events (see ``PairModel.place_offset``)."""
    return f["place_conflict"] > 0 and f["places"] == 0


def candidate(a: Profile, b: Profile) -> bool:
    """Whether a pair is scored at all (see the module docstring)."""
    if a.article_id == b.article_id:
        return False
    if a.name_keys & b.name_keys:
        return True
    gap = _gap(a, b)
    if gap is None:
        return False
    shared = len(a.keys & b.keys)
    return (gap <= WINDOW_DAYS and shared >= 1) or (gap <= LONG_WINDOW_DAYS and shared >= LONG_WINDOW_KEYS)


class Scorer(Protocol):
    """A logit over a feature row (in ``FEATURES`` order) and what each feature contributed to it."""

    def logit(self, row: Sequence[float]) -> float: ...

    def contributions(self, row: Sequence[float]) -> list[float]: ...


@dataclass(frozen=True)
class Logistic:
    """Logistic regression weights (model files ``wirewatch.fusion-pair-model/1``, read still)."""

    weights: Mapping[str, float] = field(hash=False)
    bias: float

    def logit(self, row: Sequence[float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in zip(FEATURES, row, strict=True))

    def contributions(self, row: Sequence[float]) -> list[float]:
        return [self.weights.get(k, 0.0) * v for k, v in zip(FEATURES, row, strict=True)]


SCHEMA_LOGISTIC = "wirewatch.fusion-pair-model/1"
SCHEMA_TREES = "wirewatch.fusion-pair-model/2"


@dataclass(frozen=True)
class PairModel:
    """The pair scorer over ``FEATURES`` (boosted trees, ``trees.TreeEnsemble``; or logistic weights in a
    model file of schema /1), the merge threshold and the fixed IDF table."""

    scorer: Scorer = field(hash=False)
    threshold: float
    idf: Mapping[str, float] = field(hash=False)
    default_idf: float
    meta: Mapping[str, Any] = field(hash=False, default_factory=dict)
    place_offset: float = 0.0  # added to the logit of an ``unexplained_place_conflict`` (trees only)

    def logit(self, f: Mapping[str, float]) -> float:
        return self._offset(self.scorer.logit([f[k] for k in FEATURES]), f)

    def _offset(self, z: float, f: Mapping[str, float]) -> float:
        """The scorer's logit with ``place_offset`` added for an ``unexplained_place_conflict``."""
        return z + self.place_offset if self.place_offset and unexplained_place_conflict(f) else z

    @staticmethod
    def _sigmoid(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def probability(self, a: Profile, b: Profile) -> float:
        """The calibrated probability that ``a`` and ``b`` report one incident (0 for one article's two events)."""
        if a.article_id == b.article_id:
            return 0.0
        return self._sigmoid(self.logit(features(a, b)))

    def probabilities(self, pairs: Sequence[tuple[Profile, Profile]]) -> list[float]:
        """``probability`` of many pairs at once: one call of the scorer over all their feature rows (the
        trees' batch path), which is what ingest scores a new mention's candidates with."""
        out = [0.0] * len(pairs)
        done = [(k, features(a, b)) for k, (a, b) in enumerate(pairs) if a.article_id != b.article_id]
        if not done:
            return out
        rows = [[f[name] for name in FEATURES] for _, f in done]
        batch = getattr(self.scorer, "logits", None)
        zs = [float(z) for z in batch(rows)] if batch is not None else [self.scorer.logit(r) for r in rows]
        for (k, f), z in zip(done, zs, strict=True):
            out[k] = self._sigmoid(self._offset(z, f))
        return out

    def reasons(self, a: Profile, b: Profile) -> list[str]:
        """What moved the score, strongest first (``text 0.48 (+1.9)``: the feature's value, and the logit
        minus the logit with the feature absent, 0), then the shared names."""
        f = features(a, b)
        row = [f[k] for k in FEATURES]
        c = self.scorer.contributions(row)
        parts = sorted(((c[n], k, v) for n, (k, v) in enumerate(zip(FEATURES, row, strict=True)) if v),
                       key=lambda x: -abs(x[0]))
        out = [f"{k} {v:.2f} ({c:+.1f})" for c, k, v in parts[:5]]
        if self.place_offset and unexplained_place_conflict(f):
            out.insert(0, f"places far apart, none shared ({self.place_offset:+.1f})")
        shared = sorted(a.names.full & b.names.full) or sorted(a.names.surnames & b.names.surnames)
        if shared:
            out.append("shared names: " + ", ".join(shared[:3]))
        return out

    def to_json(self) -> dict[str, Any]:
        head: dict[str, Any]
        if isinstance(self.scorer, Logistic):
            head = {"schema": SCHEMA_LOGISTIC, "features": list(FEATURES),
                    "weights": {k: round(self.scorer.weights.get(k, 0.0), 6) for k in FEATURES},
                    "bias": round(self.scorer.bias, 6)}
        elif isinstance(self.scorer, TreeEnsemble):
            head = {"schema": SCHEMA_TREES, "features": list(FEATURES), "trees": self.scorer.to_json(),
                    "place_offset": self.place_offset}
        else:
            raise TypeError(f"no file format for a {type(self.scorer).__name__} scorer")
        return head | {"threshold": self.threshold, "default_idf": round(self.default_idf, 4),
                       "idf": {w: round(v, 3) for w, v in sorted(self.idf.items())}, "meta": dict(self.meta)}

    @staticmethod
    def from_json(obj: Mapping[str, Any]) -> PairModel:
        schema = obj.get("schema", SCHEMA_LOGISTIC)
        scorer: Scorer
        if schema == SCHEMA_LOGISTIC:
            scorer = Logistic(dict(obj["weights"]), float(obj["bias"]))
        elif schema == SCHEMA_TREES:
            if list(obj["features"]) != list(FEATURES):
                raise ValueError(f"the model's features {obj['features']} are not this version's {list(FEATURES)}")
            scorer = TreeEnsemble.from_json(obj["trees"])
        else:
            raise ValueError(f"unknown pair model schema {schema!r}")
        return PairModel(scorer, float(obj["threshold"]), dict(obj["idf"]), float(obj["default_idf"]),
                         dict(obj.get("meta") or {}), float(obj.get("place_offset", 0.0)))

    @cached_property
    def digest(self) -> str:
        """A hash of the whole model (computed once: every stored profile carries it)."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode()).hexdigest()[:12]


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> PairModel:
    """The pair model shipped in ``data/fusion/pair_model.json`` (re-fitted by ``wirewatch fuse-train``)."""
    from ..errors import ConfigError

    p = Path(path) if path else MODEL_PATH
    try:
        return PairModel.from_json(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the fusion pair model {p}: {exc}; run `wirewatch fuse-train`") from exc


def pair_features(profiles: Sequence[Profile], pairs: Sequence[tuple[int, int]]) -> list[list[float]]:
    """Feature rows (in ``FEATURES`` order) for index pairs of ``profiles`` (used to fit the model)."""
    return [[features(profiles[i], profiles[j])[k] for k in FEATURES] for i, j in pairs]


__all__ = ["FEATURES", "LONG_WINDOW_DAYS", "Logistic", "PLACE_TOLERANCE_KM", "PairModel", "SCHEMA_LOGISTIC", "SCHEMA_TREES",
           "Scorer", "WINDOW_DAYS", "candidate", "features", "load_model", "unexplained_place_conflict"]
