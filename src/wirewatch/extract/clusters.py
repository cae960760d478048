"""Within-article event coreference: which mentions report the same event.

ACLED's rule is that the same actors, place and day make one event, and an airstrike
inside a ground battle is not counted twice.  Mentions are grouped in three passes:

1. mentions with their own time merge when their intervals overlap, their kinds are
   compatible (``drone strike`` and ``rockets struck``) and their initiators do not clash;
2. undated mentions join a cluster in the same or a neighbouring sentence, or, when they
   refer back (``the attack``) or report the same kind of event, the nearest cluster that
   is not dated to another time frame;
3. what is left starts a cluster of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .kinds import EventKind, family
from .mentions import Mention

# Kinds that can describe one and the same event.
_GROUPS: dict[str, frozenset[str]] = {
    "remote": frozenset({"air_strike", "drone_strike", "strike", "rocket", "missile", "shelling", "mortar",
                         "explosion", "chemical"}),
    "bomb": frozenset({"ied", "car_bomb", "landmine", "bombing", "suicide", "explosion", "grenade"}),
    "battle": frozenset({"clash", "gunfight", "regain", "overtake"}),
    "civilians": frozenset({"attack_civ", "shooting", "stabbing", "execution", "abduction", "sexual"}),
    # a shooting at a protest is the protest's own event (Excessive force against protesters)
    "protest": frozenset({"protest", "protest_intervention", "excessive_force", "riot", "mob", "shooting"}),
    "threat": frozenset({"threat"}),
    # "looted and burned shops": one Looting/property destruction event
    "property": frozenset({"looting", "destruction"}),
}
_WILDCARDS = frozenset({"attack", "kill"})  # join any violent kind
_NON_VIOLENT = frozenset({"arrest", "agreement", "transfer", "base", "change_group", "looting", "disrupted",
                          "threat"})


def groups_of(kind: str) -> frozenset[str]:
    return frozenset(g for g, kinds in _GROUPS.items() if kind in kinds) or frozenset({kind})


def compatible(a: str, b: str) -> bool:
    """Can kinds ``a`` and ``b`` describe one event?"""
    if a == b:
        return True
    if a in _WILDCARDS or b in _WILDCARDS:
        return (b if a in _WILDCARDS else a) not in _NON_VIOLENT
    return bool(groups_of(a) & groups_of(b))


def _fits(a: Mention, b: Mention) -> bool:
    """Can mentions ``a`` and ``b`` tell one event?  A mention the event model found alone has a type, not
    a trigger word the rules weighed, so it joins any event of its family ("All six killed were
    Americans" beside "a suicide bomber blew himself up": one violent event)."""
    if compatible(a.kind.key, b.kind.key):
        return True
    return "model" in (a.form, b.form) and family(a.kind) == family(b.kind)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    initiators: set[str] = field(default_factory=set)

    @property
    def kinds(self) -> list[EventKind]:
        return [m.kind for m in self.mentions]

    @property
    def sentences(self) -> set[int]:
        return {m.sentence for m in self.mentions}

    @property
    def dated(self) -> list[Mention]:
        return [m for m in self.mentions if m.time is not None and m.time.start is not None]

    def interval(self) -> tuple[date, date] | None:
        """The narrowest own date of the cluster, preferring times bound inside a trigger's phrase."""
        dated = self.dated
        if not dated:
            return None
        best = min(dated, key=lambda m: (not m.time_bound, _width(m)))
        assert best.time is not None and best.time.start is not None and best.time.end is not None
        return best.time.start, best.time.end

    def accepts(self, m: Mention, initiators: set[str]) -> bool:
        if not all(_fits(m, x) for x in self.mentions):
            return False
        if self.initiators and initiators and not (self.initiators & initiators):
            return False
        if m.kind.key in _WILDCARDS or m.kind.plover_type == "THREATEN":
            return True
        return (m.cue or "") == (self.mentions[0].cue or "")

    def distance(self, sentence: int) -> int:
        return min(abs(s - sentence) for s in self.sentences)


def _width(m: Mention) -> int:
    assert m.time is not None and m.time.start is not None and m.time.end is not None
    return (m.time.end - m.time.start).days


def _overlaps(m: Mention, c: Cluster) -> bool:
    if m.time is not None and m.time.start is None:  # an explicit time we cannot place: same words
        said = m.time.span.text.lower()
        return any(x.time is not None and x.time.start is None and x.time.span.text.lower() == said
                   for x in c.mentions)
    iv = c.interval()
    if iv is None or m.time is None or m.time.start is None or m.time.end is None:
        return False
    return m.time.start <= iv[1] and iv[0] <= m.time.end


def cluster(mentions: list[Mention], initiators: list[set[str]],
            in_frame: Callable[[Mention], bool]) -> list[Cluster]:
    """Group ``mentions`` (in text order) into clusters.

    ``initiators[i]`` are the canonical initiator ids found for mention ``i``;
    ``in_frame(m)`` says whether a dated mention lies in the story's own time frame.
    """
    clusters: list[Cluster] = []
    placed: set[int] = set()
    for i, m in enumerate(mentions):
        if m.time is not None and not m.weak:
            target = next((c for c in clusters if _overlaps(m, c) and c.accepts(m, initiators[i])), None)
            _add(clusters, m, initiators[i], target)
            placed.add(i)
    undated = [i for i in range(len(mentions)) if i not in placed]
    for i in sorted(undated, key=lambda j: (mentions[j].weak, mentions[j].kind.key in _WILDCARDS, j)):
        m = mentions[i]
        home = _home(m, initiators[i], clusters, in_frame)
        if home is None and m.weak:
            continue  # "the blast" with nothing to refer back to
        _add(clusters, m, initiators[i], home)
    return clusters


_ARREST_NOUNS = frozenset({"arrest", "arrests", "detention", "detentions"})
# an arrest sentence that refers back to the crowd of the sentence before ("Police detained about 30 of them")
_OF_THE_CROWD = re.compile(r"\b(?:of\s+them|protesters|demonstrators|marchers|participants)\b", re.IGNORECASE)


def fold_protest_arrests(clusters: list[Cluster]) -> list[Cluster]:
    """Arrests told in the same sentence as a protest are the police's intervention in it (ACLED: one
    Protest with intervention event), so the arrest cluster joins the protest's; looting or burning told
    with a riot is part of the riot."""
    out: list[Cluster] = []
    protests = [c for c in clusters if any(m.kind.event_type == "Protests" and m.cue != "planned" for m in c.mentions)]
    riots = [c for c in clusters if any(m.kind.event_type == "Riots" for m in c.mentions)]
    for c in clusters:
        if {m.kind.key for m in c.mentions} <= {"looting", "destruction"}:
            # "supporters torched a supermarket and hurled stones at police": one violent demonstration
            home = next((p for p in riots if p.sentences & c.sentences), None)
            if home is not None:
                _join(home, c)
                continue
        if {m.kind.key for m in c.mentions} == {"arrest"} and not any(
                m.trigger.text.lower() in _ARREST_NOUNS for m in c.mentions):  # "to protest the arrest of": a cause
            near = {s + d for s in c.sentences for d in (0, -1)} if any(
                _OF_THE_CROWD.search(m.sentence_span.text) for m in c.mentions) else c.sentences
            home = next((p for p in protests if p.sentences & near), None)
            if home is not None:
                _join(home, c)
                continue
        out.append(c)
    return out


def _join(home: Cluster, part: Cluster) -> None:
    """``part``'s mentions become ``home``'s, kept in text order."""
    home.mentions.extend(part.mentions)
    home.mentions.sort(key=lambda m: m.trigger.start)


def _home(m: Mention, inits: set[str], clusters: list[Cluster],
          in_frame: Callable[[Mention], bool]) -> Cluster | None:
    candidates = [c for c in clusters if c.accepts(m, inits)]
    framed = [c for c in candidates if all(in_frame(d) for d in c.dated) and not _foreign(c)]
    near = [c for c in candidates if c.distance(m.sentence) == 0
            or (c.distance(m.sentence) == 1 and c in framed)]
    if near:
        return min(near, key=lambda c: (c.distance(m.sentence), -max(k.rank for k in c.kinds)))
    pool = candidates if m.anaphoric else framed
    before = [c for c in pool if min(c.sentences) <= m.sentence]
    pool = before or pool
    return min(pool, key=lambda c: c.distance(m.sentence)) if pool else None


def _foreign(c: Cluster) -> bool:
    return any(m.time is not None and m.time.start is None for m in c.mentions)


def _add(clusters: list[Cluster], m: Mention, inits: set[str], target: Cluster | None) -> None:
    if target is None:
        target = Cluster()
        clusters.append(target)
    target.mentions.append(m)
    target.mentions.sort(key=lambda x: x.trigger.start)
    target.initiators |= inits
