"""The result of fusion does not depend on the order in which articles arrive."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuse import BAGHDAD, MOSUL, baghdad_story, event, mention

from wirewatch.fuse import FuseConfig, fuse, update

TEMPLATES = [
    "A U.S. drone strike hit a car carrying militia commanders in {city}, killing {n}, police said.",
    "Rockets struck near the U.S. embassy in {city}; {n} people were wounded.",
    "Gunmen attacked a checkpoint in {city}, killing {n} soldiers, officials said.",
    "A car bomb exploded at a market in {city}, killing {n} people.",
]
TYPES = [("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Battles", "Armed clash"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def _pool():
    """A pool of near-duplicate and near-miss mentions (shuffled by hypothesis)."""
    out = list(baghdad_story().values())
    for k in range(14):
        t = k % 4
        city, loc = (("Baghdad", BAGHDAD) if k % 3 else ("Mosul", MOSUL))
        day = f"2024-01-0{4 + k % 3}"
        explicit = "Thursday" if k % 5 else None
        ev = event(f"e{k}", day=day, text=explicit, loc=loc, etype=TYPES[t][0], sub=TYPES[t][1],
                   evidence=TEMPLATES[t].format(city=city, n=k % 4 + 1),
                   claims=(("fatalities", k % 4 + 1, "police" if k % 2 else None),))
        out.append(mention(f"s{k % 9}", ev, outlet=["Reuters", "AP", "AFP"][k % 3],
                           published=f"{day}T{10 + k % 5}:00:00+00:00"))
    return out


POOL = _pool()


def _snapshot(events):
    return [e.to_dict() for e in events]


@settings(max_examples=40, deadline=None)
@given(st.permutations(POOL))
def test_batch_fusion_ignores_input_order(order):
    assert _snapshot(fuse(order)) == _snapshot(fuse(POOL))


@settings(max_examples=25, deadline=None)
@given(st.permutations(POOL), st.integers(min_value=1, max_value=5))
def test_incremental_update_equals_batch(order, step):
    cfg = FuseConfig()
    events = []
    for k in range(0, len(order), step):
        events = update(events, order[k:k + step], cfg)
    assert _snapshot(events) == _snapshot(fuse(POOL, cfg))


def test_pool_has_merges_and_separations():
    events = fuse(POOL)
    sizes = sorted(len(e.members) for e in events)
    assert sizes[-1] >= 2 and sizes[0] == 1
