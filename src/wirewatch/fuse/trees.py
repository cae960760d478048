"""A gradient-boosted tree ensemble evaluated with numpy (no scikit-learn at run time).

The fitted model (scikit-learn's ``HistGradientBoostingClassifier``, binary) is stored as flat node
arrays per tree: ``feature``, ``threshold``, ``left``, ``right``, ``is_leaf``, ``value`` (the leaf's
logit contribution, learning rate included) and ``missing_left`` (where a NaN goes), plus the
baseline logit. ``logit(x)`` = baseline + the sum over trees of the leaf ``x`` reaches: a numeric
split sends ``x[feature] <= threshold`` left, as scikit-learn does.

Evaluation (``TreeEnsemble.logits``) follows QuickScorer (Lucchese et al., SIGIR 2015): every split
of every tree is tested at once (one gather, one comparison); a split that sends the row right
removes the leaves of its left subtree from its tree's bitmask of leaves (leaves numbered left to
right); the leftmost leaf left is the exit leaf. A tree holds at most ``MAX_LEAVES`` leaves (one
64-bit mask).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAX_LEAVES = 64
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class Tree:
    """One regression tree as flat node arrays (node 0 is the root)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    is_leaf: tuple[bool, ...]
    value: tuple[float, ...]
    missing_left: tuple[bool, ...]

    def to_json(self) -> dict[str, list[Any]]:
        return {"feature": list(self.feature), "threshold": list(self.threshold), "left": list(self.left),
                "right": list(self.right), "is_leaf": [int(x) for x in self.is_leaf],
                "value": [round(v, 10) for v in self.value], "missing_left": [int(x) for x in self.missing_left]}

    @staticmethod
    def from_json(obj: Mapping[str, Sequence[Any]]) -> Tree:
        return Tree(tuple(int(x) for x in obj["feature"]), tuple(float(x) for x in obj["threshold"]),
                    tuple(int(x) for x in obj["left"]), tuple(int(x) for x in obj["right"]),
                    tuple(bool(x) for x in obj["is_leaf"]), tuple(float(x) for x in obj["value"]),
                    tuple(bool(x) for x in obj["missing_left"]))

    def leaves(self) -> list[int]:
        """Leaf node ids, left to right."""
        out, stack = [], [0]
        while stack:
            n = stack.pop()
            if self.is_leaf[n]:
                out.append(n)
            else:
                stack += [self.right[n], self.left[n]]
        return out

    def splits(self) -> list[tuple[int, int]]:
        """``(node, mask)`` for every split: the mask keeps every leaf but those of its left subtree."""
        order = {n: k for k, n in enumerate(self.leaves())}
        out = []
        for n, leaf in enumerate(self.is_leaf):
            if leaf:
                continue
            below, stack = 0, [self.left[n]]
            while stack:
                m = stack.pop()
                if self.is_leaf[m]:
                    below |= 1 << order[m]
                else:
                    stack += [self.left[m], self.right[m]]
            out.append((n, ~below & ((1 << 64) - 1)))
        return out


@dataclass(frozen=True)
class TreeEnsemble:
    """Boosted trees over ``n_features`` inputs; ``logit`` is what scikit-learn's ``decision_function`` gives."""

    trees: tuple[Tree, ...]
    baseline: float
    n_features: int
    _packed: dict[str, np.ndarray] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_packed", _pack(self.trees))

    def logits(self, rows: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """The logit of each row (shape ``(n, n_features)``)."""
        x = np.asarray(rows, dtype=np.float64).reshape(-1, self.n_features)
        pk = self._packed
        if pk["tree"].size == 0:
            return np.full(len(x), self.baseline)
        v = x[:, pk["feature"]]
        right = ~((v <= pk["threshold"]) | (np.isnan(v) & pk["missing_left"]))
        masks = np.where(right, pk["mask"], _ALL)
        leaf = _exit_leaves(np.bitwise_and.reduceat(masks, pk["start"], axis=1))
        return self.baseline + pk["value"][pk["index"], leaf].sum(axis=1)

    def logit(self, row: Sequence[float]) -> float:
        """The logit of one row (the path every scored pair takes at ingest: one-dimensional arrays)."""
        x = np.asarray(row, dtype=np.float64)
        pk = self._packed
        if pk["tree"].size == 0 or np.isnan(x).any():
            return float(self.logits(x[None, :])[0])
        masks = np.where(x[pk["feature"]] <= pk["threshold"], _ALL, pk["mask"])
        leaf = _exit_leaves(np.bitwise_and.reduceat(masks, pk["start"]))
        return self.baseline + float(pk["flat"].take(pk["offset"] + leaf).sum())

    def contributions(self, row: Sequence[float]) -> list[float]:
        """Per feature: the logit minus the logit with that feature set to 0 (its absent value); 0 where it is 0."""
        x = np.asarray(row, dtype=np.float64)
        on = np.flatnonzero(x)
        out = [0.0] * self.n_features
        if on.size:
            variants = np.repeat(x[None, :], on.size + 1, axis=0)
            variants[np.arange(1, on.size + 1), on] = 0.0
            z = self.logits(variants)
            for k, f in enumerate(on):
                out[int(f)] = float(z[0] - z[k + 1])
        return out

    def to_json(self) -> dict[str, Any]:
        return {"baseline": self.baseline, "n_features": self.n_features, "trees": [t.to_json() for t in self.trees]}

    @staticmethod
    def from_json(obj: Mapping[str, Any]) -> TreeEnsemble:
        return TreeEnsemble(tuple(Tree.from_json(t) for t in obj["trees"]), float(obj["baseline"]), int(obj["n_features"]))


def _exit_leaves(alive: np.ndarray) -> np.ndarray:
    """Per tree, the index of the leftmost leaf its mask still holds (the lowest set bit)."""
    return np.frexp((alive & (~alive + np.uint64(1))).astype(np.float64))[1] - 1


def _pack(trees: Sequence[Tree]) -> dict[str, np.ndarray]:
    """Every split of every tree side by side (a tree with no split gets one that removes nothing)."""
    feature: list[int] = []
    threshold: list[float] = []
    missing: list[bool] = []
    mask: list[int] = []
    start: list[int] = []
    width = max([len(t.leaves()) for t in trees] or [1])
    if width > MAX_LEAVES:
        raise ValueError(f"a tree has {width} leaves; at most {MAX_LEAVES} are supported")
    value = np.zeros((len(trees), width))
    for k, t in enumerate(trees):
        leaves = t.leaves()
        value[k, :len(leaves)] = [t.value[n] for n in leaves]
        start.append(len(feature))
        for n, m in t.splits() or [(0, (1 << 64) - 1)]:
            feature.append(t.feature[n] if not t.is_leaf[n] else 0)
            threshold.append(t.threshold[n] if not t.is_leaf[n] else np.inf)
            missing.append(t.missing_left[n])
            mask.append(m)
    return {"feature": np.array(feature, dtype=np.intp), "threshold": np.array(threshold, dtype=np.float64),
            "missing_left": np.array(missing, dtype=bool), "mask": np.array(mask, dtype=np.uint64),
            "start": np.array(start, dtype=np.intp),
            "value": value, "index": np.arange(len(trees))[None, :], "tree": np.arange(len(trees)),
            "flat": value.ravel(), "offset": np.arange(len(trees)) * width}


def from_sklearn(clf: Any) -> TreeEnsemble:
    """The ensemble of a fitted binary ``HistGradientBoostingClassifier`` (numeric features only)."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        trees.append(Tree(tuple(int(x) for x in nodes["feature_idx"]), tuple(float(x) for x in nodes["num_threshold"]),
                          tuple(int(x) for x in nodes["left"]), tuple(int(x) for x in nodes["right"]),
                          tuple(bool(x) for x in nodes["is_leaf"]), tuple(float(x) for x in nodes["value"]),
                          tuple(bool(x) for x in nodes["missing_go_to_left"])))
    return TreeEnsemble(tuple(trees), float(np.ravel(clf._baseline_prediction)[0]), int(clf.n_features_in_))


__all__ = ["MAX_LEAVES", "Tree", "TreeEnsemble", "from_sklearn"]
