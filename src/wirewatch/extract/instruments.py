"""Weapons and physical targets of one event: ``a roadside bomb hit a police vehicle``.

Weapons come from the event's typed triggers (a drone strike's weapon is a drone); physical
targets are the target nouns of a small lexicon found in the event's sentences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .clusters import Cluster
    from .mentions import Mention

_PHYSICAL = re.compile(r"\b(vehicle|car|convoy|building|headquarters|checkpoint|base|patrol|school|hospital|"
                       r"market|mosque|church|house|home|bridge|airport|camp|station|office|village)s?\b",
                       re.IGNORECASE)


def weapons(c: Cluster, typed: list[Mention]) -> tuple[str, ...]:
    """Weapons of the event, most specific trigger first, without repeats."""
    return tuple(dict.fromkeys(m.kind.weapon for m in typed if m.kind.weapon))


def physical_targets(c: Cluster) -> tuple[str, ...]:
    """Physical target nouns (lower case, singular as written) in the event's sentences."""
    found: list[str] = []
    for m in c.mentions:
        found += [x.lower() for x in _PHYSICAL.findall(m.sentence_span.text)]
    return tuple(dict.fromkeys(found))
