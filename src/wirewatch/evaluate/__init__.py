"""Evaluations on the development sets, by name.

Each entry maps a set name to ``"module:function"``; the function takes
``(shared: pathlib.Path, limit: int | None)`` and returns a ``dict`` of metrics
(nested dicts allowed), with the key ``"command"`` naming how to reproduce it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

EVALUATORS: dict[str, str] = {
    "geo": "wirewatch.evaluate.geo_eval:evaluate",
    "time": "wirewatch.evaluate.time_eval:evaluate",
    "golden": "wirewatch.evaluate.golden_eval:evaluate_golden",
    "demo": "wirewatch.evaluate.golden_eval:evaluate_demo",
    "fusion": "wirewatch.evaluate.fusion_eval:evaluate",
    "wikievents": "wirewatch.evaluate.wikievents_eval:evaluate",
    "muc4": "wirewatch.evaluate.muc_eval:evaluate",
    "ucdp": "wirewatch.evaluate.ucdp_eval:evaluate",
    "acled": "wirewatch.evaluate.acled_eval:evaluate",
    "corpus": "wirewatch.evaluate.corpus_eval:evaluate",
    "corpus-test": "wirewatch.evaluate.corpus_eval:evaluate_test",
    "notes": "wirewatch.evaluate.notes_eval:evaluate",
    "notes-heldout": "wirewatch.evaluate.notes_eval:evaluate_heldout",
}
#: Sets scored only when named: a blind test split is scored once per frozen model (the held-out
#: notes once per release).
NOT_BY_DEFAULT = frozenset({"corpus-test", "notes-heldout"})


def get(name: str) -> Callable[..., dict[str, Any]]:
    module_name, func = EVALUATORS[name].split(":")
    return getattr(importlib.import_module(module_name), func)
