"""Candidate pairs through an index, and average-link clustering over calibrated pair probabilities.

Candidates: an inverted index from each key to the mentions that carry it (window keys: rare words
and places; name keys: full names and rare surnames). Window keys pair mentions at most
``WINDOW_DAYS`` apart (a sweep over the key's mentions sorted by day); name keys pair at any
distance. Every pair found satisfies ``pairs.candidate``; every pair satisfying it is found.

Clustering: average link. Every mention starts alone; the two groups with the highest mean
probability over all pairs across them (a pair never scored counts 0) merge while that mean is at
least the model's threshold; two groups holding events of one article never merge. Ties go to the
smallest member ids, so the result depends only on the set of mentions. Two groups can merge only
if some pair across them scores at least the threshold, so clustering never crosses the connected
components of the graph of such links (``components``): re-clustering the component a new mention
touches gives exactly the batch result.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .pairs import LONG_WINDOW_DAYS, PairModel, candidate
from .profile import Profile


def candidate_pairs(profiles: Sequence[Profile]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that ``pairs.candidate`` accepts."""
    window: dict[str, list[tuple[int, int]]] = defaultdict(list)
    names: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p.day is not None:
            for k in p.keys:
                window[k].append((p.day.toordinal(), i))
        for k in p.name_keys:
            names[k].append(i)
    found: set[tuple[int, int]] = set()
    for items in window.values():
        items.sort()
        for n, (day, i) in enumerate(items):
            for day2, j in items[n + 1:]:
                if day2 - day > LONG_WINDOW_DAYS:
                    break
                found.add((min(i, j), max(i, j)))
    for idx in names.values():
        for n, i in enumerate(idx):
            for j in idx[n + 1:]:
                found.add((min(i, j), max(i, j)))
    return sorted((i, j) for i, j in found if candidate(profiles[i], profiles[j]))


def scored_pairs(profiles: Sequence[Profile], model: PairModel,
                 pairs: Iterable[tuple[int, int]] | None = None) -> dict[tuple[int, int], float]:
    todo = list(candidate_pairs(profiles) if pairs is None else pairs)
    probs = model.probabilities([(profiles[i], profiles[j]) for i, j in todo])
    return dict(zip(todo, probs, strict=True))


def components(n: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (sorted lists of indices) of ``n`` nodes under ``links``."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values())


def average_link(profiles: Sequence[Profile], probs: dict[tuple[int, int], float],
                 threshold: float, main: Sequence[bool] | None = None) -> list[list[int]]:
    """Groups of indices into ``profiles`` (see the module docstring). With ``main`` (per profile:
    the article's main event or document mention), clustering runs in two stages (``_two_stage``)."""
    n = len(profiles)
    out: list[list[int]] = []
    strong = [pair for pair, p in probs.items() if p >= threshold]
    comps = components(n, strong)
    where = {i: k for k, comp in enumerate(comps) for i in comp}
    local: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for (i, j), p in probs.items():
        if where[i] == where[j]:
            local[where[i]][(i, j)] = p
    for k, comp in enumerate(comps):
        if len(comp) == 1:
            out.append(comp)
        elif main is None:
            out += _cluster_component(comp, profiles, local[k], threshold)
        else:
            out += _two_stage(comp, profiles, local[k], threshold, main)
    return sorted(out)


def _two_stage(comp: list[int], profiles: Sequence[Profile], probs: dict[tuple[int, int], float],
               threshold: float, main: Sequence[bool]) -> list[list[int]]:
    """Articles first, then their other events. Stage 1 clusters the main mentions (one per article:
    what each article is about). Stage 2 attaches each other event of an article to the stage-1 group
    with the highest mean probability to it, when that mean reaches the threshold and the group holds
    nothing of its article (two of one article's events choosing one group: the likelier one goes);
    the events left cluster among themselves (an incident only roundups tell). A roundup's second
    incident can so never keep the article's own main event out of its incident. Each attachment
    depends on the stage-1 groups only, so the result depends only on the set of mentions."""
    heads = [i for i in comp if main[i]]
    groups = _cluster_component(heads, profiles, probs, threshold) if len(heads) > 1 else [[i] for i in heads]
    choice: dict[int, tuple[float, int]] = {}
    for i in (i for i in comp if not main[i]):
        best: tuple[float, int] | None = None
        for g, members in enumerate(groups):
            if any(profiles[k].article_id == profiles[i].article_id for k in members):
                continue
            mean = sum(probs.get((min(i, k), max(i, k)), 0.0) for k in members) / len(members)
            if mean >= threshold and (best is None or mean > best[0]):
                best = (mean, g)
        if best is not None:
            choice[i] = best
    taken: dict[tuple[int, str], int] = {}
    for i, (mean, g) in sorted(choice.items()):
        key = (g, profiles[i].article_id)
        if key not in taken or (mean, -i) > (choice[taken[key]][0], -taken[key]):
            taken[key] = i
    attached = set(taken.values())
    for (g, _), i in taken.items():
        groups[g] = [*groups[g], i]
    left = [i for i in comp if not main[i] and i not in attached]
    rest = _cluster_component(left, profiles, probs, threshold) if len(left) > 1 else [[i] for i in left]
    return [sorted(g) for g in groups] + rest


def _cluster_component(comp: list[int], profiles: Sequence[Profile], probs: dict[tuple[int, int], float],
                       threshold: float) -> list[list[int]]:
    members: dict[int, list[int]] = {i: [i] for i in comp}  # group id = its smallest index
    articles: dict[int, set[str]] = {i: {profiles[i].article_id} for i in comp}
    sums: dict[int, dict[int, float]] = {i: {} for i in comp}
    for (i, j), p in probs.items():
        if i in sums and j in sums and p > 0:
            sums[i][j] = sums[i].get(j, 0.0) + p
            sums[j][i] = sums[j].get(i, 0.0) + p
    heap: list[tuple[float, int, int]] = []

    def push(a: int, b: int) -> None:
        mean = sums[a][b] / (len(members[a]) * len(members[b]))
        if mean >= threshold:
            heapq.heappush(heap, (-mean, min(a, b), max(a, b)))

    for a in comp:
        for b in sums[a]:
            if a < b:
                push(a, b)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in sums[a]:
            continue
        if abs(-neg - sums[a][b] / (len(members[a]) * len(members[b]))) > 1e-12:
            continue  # stale: a group changed since this entry was pushed
        if articles[a] & articles[b]:
            continue  # one article's two events stay apart
        keep, drop = min(a, b), max(a, b)
        members[keep] += members.pop(drop)
        articles[keep] |= articles.pop(drop)
        moved = sums.pop(drop)
        moved.pop(keep, None)
        sums[keep].pop(drop, None)
        for c, s in moved.items():
            sums[c].pop(drop, None)
            sums[keep][c] = sums[keep].get(c, 0.0) + s
            sums[c][keep] = sums[keep][c]
        for c in sums[keep]:
            push(keep, c)
    return [sorted(m) for m in members.values()]
