"""What fusion knows about one mention: its day, text vector, people, places and event fields.

A ``Profile`` is a pure function of one mention and the fixed IDF table of the pair model
(``PairModel.idf``): nothing in it depends on the other articles of the archive, so the score of a
pair never changes when more articles arrive (fusion stays independent of arrival order).

Text: the article's headline and first ``BODY_WORDS`` words for its main event and for a document
mention; the event's own evidence sentences for its other events (a roundup's second incident).
Day: the event's day when the article states it (a day-precision date with its text), else the
publication day. Follow-up: an arrest, charge, trial, sentencing, funeral or vigil story
(``FOLLOW_UP``), a headline that tells its story as the sequel of an incident (``REACTION``: "protest after
academy bombing"), or an event typed ``Arrests``: such a story joins the incident it reports.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .candidates import names_a_day, parse_day
from .names import NO_NAMES, Names, find_names
from .records import Mention
from .text import tokens

BODY_WORDS = 500
VECTOR_TERMS = 100  # a text vector keeps its highest-weighted words (after normalising the whole text)
KEY_TERMS = 12  # the highest-weighted words of a text that index it for candidates
KEY_MIN_IDF = 4.0  # words more common than this in the reference texts never index (shot, police ...)
FOLLOW_UP = re.compile(
    r"\b(arrest(?:s|ed)?|charg(?:ed|es)|indict(?:ed|ment)|arraign(?:ed|ment)|plead(?:s|ed)?|pleads|plea|"
    r"sentenc(?:ed|ing|e)|convict(?:ed|ion)|guilty|acquitt(?:ed|al)|trial|jury|court|judge|bail|bond|hearing|"
    r"extradit(?:ed|ion)|custody|suspects? (?:identified|named|sought|caught)|manhunt|surrender(?:ed|s)?|"
    r"funerals?|vigils?|mourn(?:s|ed|ers|ing)?|memorial|laid to rest|buri(?:al|ed)|remember(?:ed|s)?|"
    r"inquiry|investigation finds|lawsuit|sues|sued|held over|detain(?:s|ed|ee|ees)?)\b", re.IGNORECASE)
# A headline that tells its story as the sequel of an incident ("protest in Kabul after academy bombing", "militants
# behind Hawija attack", "weeks after the Boni ambush"); not "days after" or "hours after", which date a new one
# ("suicide blast in west Kabul two days after academy attack").
REACTION = re.compile(
    r"(?<!days )(?<!day )(?<!hours )\b(?:after|over|following|linked to|behind|blamed for|in connection with)\s+"
    r"(?:[\w'’.-]+\s+){0,4}?(?:attacks?|bombings?|(?:air|drone )?strikes?|airstrikes?|massacres?|killings?|ambush(?:es)?|"
    r"raids?|shootings?|blasts?|explosions?|shelling|abductions?|kidnappings?|assault|clashes|crackdown)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    uid: str
    article_id: str
    day: date | None
    explicit_day: bool
    vector: Mapping[str, float] = field(hash=False)
    title: Mapping[str, float] = field(hash=False)
    keys: frozenset[str]  # window keys: rare words and places
    names: Names
    places: frozenset[str]
    event: Mapping = field(hash=False)
    follow_up: bool
    document: bool
    outlet: str | None
    refs: tuple[Mapping, ...] = field(default=(), hash=False)  # the article's other events (``records.reference``)

    @cached_property
    def name_keys(self) -> frozenset[str]:
        """Keys that pair at any distance: full names and rare surnames (computed once per profile)."""
        from .names import rare

        return frozenset({f"n:{n}" for n in self.names.full} | {f"s:{s}" for s in self.names.surnames if rare(s)})

    @cached_property
    def window_words(self) -> frozenset[str]:
        """The window keys that are words (not places), computed once per profile."""
        return frozenset(k for k in self.keys if k.startswith("w:"))


def anchor_day(m: Mention) -> tuple[date | None, bool]:
    """The event's stated day, else the publication day (``explicit`` says which)."""
    d = m.event.get("date") or {}
    start, end = parse_day(d.get("start")), parse_day(d.get("end"))
    if start and start == end and d.get("precision") == "day" and names_a_day(d.get("text")):
        return start, True
    pub = parse_day(m.published)
    if pub is not None:
        return pub, False
    return start, False


def weighted(words: list[str], idf: Mapping[str, float], default: float) -> dict[str, float]:
    counts = Counter(words)
    vec = {w: (1.0 + math.log(c)) * idf.get(w, default) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def _places(m: Mention) -> frozenset[str]:
    out = {p.strip().lower() for p in m.places if p and p.strip()}
    loc = m.event.get("location") or {}
    if loc.get("name") and loc.get("precision") in ("point", "city", "admin2"):
        out.add(str(loc["name"]).strip().lower())
    return frozenset(out)


def _sentence_case(title: str | None) -> str:
    """A headline where names can be told by their capitals: a Title Case headline ("Teen Killed In
    Separate Incidents") capitalises every word, so it gives no names."""
    words = [w for w in (title or "").split() if len(w) > 3 and w[0].isalpha()]
    if not words or sum(w[0].isupper() for w in words) > 0.6 * len(words):
        return ""
    return title or ""


def is_follow_up(m: Mention) -> bool:
    if m.event.get("sub_event_type") == "Arrests":
        return True
    return (m.main or m.document) and bool(m.title and (FOLLOW_UP.search(m.title) or REACTION.search(m.title)))


def build(m: Mention, idf: Mapping[str, float], default_idf: float) -> Profile:
    """The profile of one mention under a fixed IDF table (``default_idf`` for unseen words)."""
    evidence = " ".join(str(e.get("text") or "") for e in (m.event.get("evidence") or ()))
    if m.main or m.document:  # a mention without its article's body (built by hand) reads its evidence
        body = " ".join((m.lead or evidence).split()[:BODY_WORDS])
        text = f"{m.title or ''} {body}"
    else:
        text = evidence
    words = tokens(text)
    full_vector = weighted(words, idf, default_idf)
    vector = dict(sorted(full_vector.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
    places = _places(m)
    name_text = text if not (m.main or m.document) else f"{_sentence_case(m.title)} {body}"
    names = find_names(name_text, places | ({m.outlet.lower()} if m.outlet else set())) if text else NO_NAMES
    top = sorted((w for w in vector if idf.get(w, default_idf) >= KEY_MIN_IDF), key=lambda w: (-vector[w], w))
    keys = frozenset({f"w:{w}" for w in top[:KEY_TERMS]} | {f"p:{p}" for p in places})
    day, explicit = anchor_day(m)
    return Profile(uid=m.uid, article_id=m.article_id, day=day, explicit_day=explicit, vector=vector,
                   title=weighted(tokens(m.title), idf, default_idf), keys=keys, names=names, places=places,
                   event=_event_fields(m.event), follow_up=is_follow_up(m), document=m.document,
                   outlet=(m.outlet or "").lower() or None, refs=_references(m))


MAX_REFS = 8


def _references(m: Mention) -> tuple[Mapping, ...]:
    """The article's other events that can name an incident: typed, with a start day (at most ``MAX_REFS``)."""
    return tuple(r for r in m.others if r.get("event_type") and parse_day(r.get("start")))[:MAX_REFS]


EVENT_FIELDS = ("event_type", "sub_event_type", "status", "location", "actors")


def _event_fields(event: Mapping) -> dict:
    """What the pair features read of an event (kept small: profiles are stored)."""
    out = {k: event.get(k) for k in EVENT_FIELDS}
    loc = out.get("location") or None
    out["location"] = {k: loc.get(k) for k in ("country_code", "lat", "lon", "precision")} if loc else None
    out["actors"] = [{"name": a.get("name"), "kind": a.get("kind")} for a in event.get("actors") or ()]
    return out


def to_json(p: Profile) -> dict:
    return {"uid": p.uid, "article_id": p.article_id, "day": p.day.isoformat() if p.day else None,
            "explicit_day": p.explicit_day, "vector": dict(p.vector), "title": dict(p.title), "keys": sorted(p.keys),
            "full": sorted(p.names.full), "places": sorted(p.places), "event": dict(p.event),
            "follow_up": p.follow_up, "document": p.document, "outlet": p.outlet, "refs": list(p.refs)}


def from_json(d: Mapping) -> Profile:
    full = frozenset(d["full"])
    return Profile(uid=d["uid"], article_id=d["article_id"], day=parse_day(d["day"]), explicit_day=d["explicit_day"],
                   vector=d["vector"], title=d["title"], keys=frozenset(d["keys"]),
                   names=Names(full, frozenset(n.split()[-1] for n in full)), places=frozenset(d["places"]),
                   event=d["event"], follow_up=d["follow_up"], document=d["document"], outlet=d["outlet"],
                   refs=tuple(d.get("refs") or ()))
