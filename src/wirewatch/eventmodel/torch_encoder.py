"""The same encoder as ``encoder.Encoder`` in torch, for training only (``pip install torch==2.13.0``).

Low-rank adapters (LoRA) sit on the query, key, value, attention-output and both feed-forward
matrices of every layer; the base weights stay frozen, so what training changes (``delta()``) is a
few hundred thousand numbers the repository can ship, and ``encoder.merge_delta`` folds them into
the numpy encoder's matrices at load time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
from torch import nn

ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")


class LoRALinear(nn.Module):
    """``y = x W^T + b + (x A^T B^T) * scale``, with ``W``, ``b`` frozen."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, rank: int, alpha: float):
        super().__init__()
        self.weight = nn.Parameter(weight, requires_grad=False)
        self.bias = nn.Parameter(bias, requires_grad=False)
        self.rank = rank
        if rank:
            out_f, in_f = weight.shape
            self.lora_a = nn.Parameter(torch.empty(rank, in_f))
            self.lora_b = nn.Parameter(torch.zeros(out_f, rank))
            nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
            self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = nn.functional.linear(x, self.weight, self.bias)
        if self.rank:
            y = y + (x @ self.lora_a.T @ self.lora_b.T) * self.scale
        return y

    def merged_delta(self) -> tuple[np.ndarray, np.ndarray]:
        """(A, B*scale) as float32 arrays: the numpy side adds ``B @ A`` to the base matrix."""
        return (self.lora_a.detach().cpu().numpy().astype(np.float32),
                (self.lora_b.detach() * self.scale).cpu().numpy().astype(np.float32))


class TorchEncoder(nn.Module):
    """MiniLM with mean pooling; ``rank`` 0 means no adapters (the frozen encoder)."""

    def __init__(self, weights: Mapping[str, np.ndarray], config: Mapping[str, Any], rank: int = 8,
                 alpha: float = 16.0, dropout: float = 0.1, frozen_layers: int = 0):
        super().__init__()
        t = lambda k: torch.tensor(np.asarray(weights[k], np.float32))  # noqa: E731
        self.heads = int(config["num_attention_heads"])
        self.dim = int(config["hidden_size"])
        self.n_layers = int(config["num_hidden_layers"])
        self.frozen = {"word": t("embeddings.word_embeddings.weight"), "pos": t("embeddings.position_embeddings.weight"),
                       "type0": t("embeddings.token_type_embeddings.weight")[0]}
        self.ln0 = self._ln(t, "embeddings.LayerNorm")
        self.lin = nn.ModuleDict()
        self.lns = nn.ModuleDict()
        self.frozen_layers = frozen_layers
        for i in range(self.n_layers):
            for name in ADAPTED:
                key = f"encoder.layer.{i}.{name}"
                r = rank if i >= frozen_layers else 0
                self.lin[key.replace(".", "_")] = LoRALinear(t(key + ".weight"), t(key + ".bias"), r, alpha)
            for name in ("attention.output.LayerNorm", "output.LayerNorm"):
                key = f"encoder.layer.{i}.{name}"
                self.lns[key.replace(".", "_")] = self._ln(t, key)
        self.drop = nn.Dropout(dropout)

    @staticmethod
    def _ln(t: Any, key: str) -> nn.LayerNorm:
        ln = nn.LayerNorm(t(key + ".weight").shape[0], eps=1e-12)
        ln.weight = nn.Parameter(t(key + ".weight"), requires_grad=False)
        ln.bias = nn.Parameter(t(key + ".bias"), requires_grad=False)
        return ln

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(ids, mask), mask)

    def lower(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Embeddings and the frozen layers (no adapters): the same for every epoch, so training can
        compute them once per text."""
        f = self.frozen
        x = self.ln0(f["word"][ids] + f["pos"][: ids.shape[1]] + f["type0"])
        for i in range(self.frozen_layers):
            x = self._layer(i, x, mask)
        return x

    def upper(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The adapted layers and mean pooling."""
        for i in range(self.frozen_layers, self.n_layers):
            x = self._layer(i, x, mask)
        return (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)

    def _layer(self, i: int, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        n, tlen, _ = x.shape
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        hd = self.dim // self.heads
        p = f"encoder_layer_{i}_"
        q, k, v = (self.lin[p + f"attention_self_{n_}"](x).view(n, tlen, self.heads, hd).transpose(1, 2)
                   for n_ in ("query", "key", "value"))
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + bias
        ctx = (self.drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(n, tlen, self.dim)
        x = self.lns[p + "attention_output_LayerNorm"](x + self.drop(self.lin[p + "attention_output_dense"](ctx)))
        h = nn.functional.gelu(self.lin[p + "intermediate_dense"](x))
        return self.lns[p + "output_LayerNorm"](x + self.drop(self.lin[p + "output_dense"](h)))

    def delta(self) -> dict[str, np.ndarray]:
        """The adapters as ``NAME.lora_a`` / ``NAME.lora_b`` arrays keyed by base weight name."""
        out: dict[str, np.ndarray] = {}
        for key, mod in self.lin.items():
            if isinstance(mod, LoRALinear) and mod.rank:
                name = _base_name(key) + ".weight"
                out[name + ".lora_a"], out[name + ".lora_b"] = mod.merged_delta()
        return out


def _base_name(module_key: str) -> str:
    i = module_key.split("_")[2]
    rest = module_key.split("_", 3)[3]
    for name in ADAPTED:
        if name.replace(".", "_") == rest:
            return f"encoder.layer.{i}.{name}"
    raise KeyError(module_key)
