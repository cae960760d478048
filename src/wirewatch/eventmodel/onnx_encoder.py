"""The sentence encoder run by ONNX Runtime: the same network as ``encoder.Encoder``, two to four times faster.

The graph is written here, node by node, from the merged numpy weights of ``Encoder`` (no torch, no model
hub, no exported file shipped): embeddings, six post-layer-norm BERT layers, mean pooling over the real
tokens.  Run in float32 it matches the numpy forward to float32 rounding; the default engine stores
the weight matrices as 8-bit integers, one scale per output column, and quantizes the activations on
the fly (ONNX Runtime's ``DynamicQuantizeMatMul``), which is where the speed comes from (the CPU's
integer dot-product instructions) and keeps the graph small (a quarter of the float32 weights).  The
quantized encoder changes some probabilities a little; the model's calibration and its policy are fitted
through the same engine (``manifest["engine"]``), so what is measured is what runs.

One intra-op thread per session: a worker is one process on one core, and parallelism comes from more
workers (``docs/scale.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import ConfigError
from .encoder import Encoder, embed_by_length, padded

INSTALL_HINT = "the event model runs on onnxruntime and onnx (`make install` installs them)"


def _require() -> tuple[Any, Any]:
    try:
        import onnx
        import onnxruntime
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise ConfigError(f"{exc.name} is not installed; {INSTALL_HINT}", code="W224") from exc
    return onnx, onnxruntime


class _Graph:
    """Collects the nodes and initializers of one graph; each node's output gets a fresh name."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.inits: list[Any] = []

    def const(self, name: str, value: Any) -> str:
        from onnx import numpy_helper

        self.inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs: Any) -> str:
        from onnx import helper

        out = f"{kind.lower()}_{len(self.nodes)}"
        self.nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out


def quantize_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``w`` (in x out, float32) as int8 with one symmetric scale per output column: ``w ~ q * scale``."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return np.clip(np.rint(w / scale), -127, 127).astype(np.int8), scale


def build_graph(enc: Encoder, quantize: bool = False) -> Any:
    """The encoder as an ONNX ``ModelProto``: inputs ``input_ids`` (int64, n x t) and ``mask`` (float32,
    n x t, 1 for real tokens), output ``pooled`` (float32, n x 384).

    With ``quantize`` the weight matrices are stored as int8 with a scale per output column and each
    dense layer is one ``DynamicQuantizeMatMul`` (ONNX Runtime's contrib operator: the activations are
    quantized per call, the product is taken in integers and scaled back, the bias added); the
    attention products and everything else stay in float32."""
    onnx, _ = _require()
    from onnx import TensorProto, helper

    g = _Graph()
    heads, dim = enc.heads, enc.dim
    hd = dim // heads
    i64 = lambda *v: np.array(v, np.int64)  # noqa: E731
    f32 = lambda v: np.array(v, np.float32)  # noqa: E731
    for name, value in (("word", enc.word), ("pos", enc.pos), ("type0", enc.type0), ("ln0_w", enc.ln0[0]),
                        ("ln0_b", enc.ln0[1]), ("i0", i64(0)), ("i1", i64(1)), ("i2", i64(2)), ("i3", i64(3)),
                        ("axes_heads", i64(1, 2)), ("one", f32(1.0)), ("masked", f32(-1e9)),
                        ("scale", f32(1.0 / np.sqrt(hd))), ("half", f32(0.5)), ("rsqrt2", f32(0.7071067811865476)),
                        ("qkv_shape", i64(0, 0, 3, heads, hd)), ("ctx_shape", i64(0, 0, dim))):
        g.const(name, value)

    def norm(x: str, w: str, b: str) -> str:
        return g.op("LayerNormalization", x, w, b, epsilon=1e-12, axis=-1)

    def dense(x: str, w: str, b: str) -> str:
        if quantize:
            return g.op("DynamicQuantizeMatMul", x, w, w + "_scale", "", b, domain="com.microsoft")
        return g.op("Add", g.op("MatMul", x, w), b)

    length = g.op("Slice", g.op("Shape", "input_ids"), "i1", "i2")
    positions = g.op("Slice", "pos", "i0", length, "i0")
    x = norm(g.op("Add", g.op("Add", g.op("Gather", "word", "input_ids"), positions), "type0"), "ln0_w", "ln0_b")
    bias = g.op("Unsqueeze", g.op("Mul", g.op("Sub", "one", "mask"), "masked"), "axes_heads")
    for i, layer in enumerate(enc.layers):
        p = f"l{i}."
        for name in ("qkv", "out", "ff1", "ff2"):
            if quantize:
                q, scale = quantize_columns(getattr(layer, name))
                g.const(p + name, q)
                g.const(p + name + "_scale", scale)
            else:
                g.const(p + name, getattr(layer, name))
            g.const(p + name + "_b", getattr(layer, name + "_b"))
        for name, (w, b) in (("ln1", layer.ln1), ("ln2", layer.ln2)):
            g.const(p + name + "_w", w)
            g.const(p + name + "_b", b)
        qkv = g.op("Transpose", g.op("Reshape", dense(x, p + "qkv", p + "qkv_b"), "qkv_shape"), perm=[2, 0, 3, 1, 4])
        q, k, v = (g.op("Squeeze", g.op("Slice", qkv, lo, hi, "i0"), "i0")
                   for lo, hi in (("i0", "i1"), ("i1", "i2"), ("i2", "i3")))
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2])), "scale"), bias)
        ctx = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        ctx = g.op("Reshape", g.op("Transpose", ctx, perm=[0, 2, 1, 3]), "ctx_shape")
        x = norm(g.op("Add", x, dense(ctx, p + "out", p + "out_b")), p + "ln1_w", p + "ln1_b")
        h = dense(x, p + "ff1", p + "ff1_b")
        h = g.op("Mul", g.op("Mul", h, "half"), g.op("Add", "one", g.op("Erf", g.op("Mul", h, "rsqrt2"))))
        x = norm(g.op("Add", x, dense(h, p + "ff2", p + "ff2_b")), p + "ln2_w", p + "ln2_b")
    summed = g.op("ReduceSum", g.op("Mul", x, g.op("Unsqueeze", "mask", "i2")), "i1", keepdims=0)
    count = g.op("ReduceSum", "mask", "i1", keepdims=1)
    g.nodes.append(helper.make_node("Div", [summed, count], ["pooled"]))
    graph = helper.make_graph(
        g.nodes, "wirewatch-sentence-encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["n", "t"]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["n", "t"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["n", dim])], g.inits)
    opsets = [helper.make_opsetid("", 17)] + ([helper.make_opsetid("com.microsoft", 1)] if quantize else [])
    model = helper.make_model(graph, opset_imports=opsets)
    model.ir_version = 8
    if not quantize:  # the checker does not know ONNX Runtime's contrib operators
        onnx.checker.check_model(model, full_check=False)
    return model


class OnnxEncoder:
    """``Encoder``'s interface (``tokenizer``, ``dim``, ``token_ids``, ``embed``) on an ONNX Runtime session."""

    def __init__(self, enc: Encoder, quantize: bool = True):
        _, ort = _require()
        self.tokenizer = enc.tokenizer
        self.dim = enc.dim
        self.quantized = quantize
        payload = build_graph(enc, quantize).SerializeToString()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(payload, options, providers=["CPUExecutionProvider"])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One mean-pooled vector per text, ``(len(texts), 384)``; texts are batched by length."""
        return embed_by_length(self.token_ids(texts), self._forward, self.dim, batch_size)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        ids, mask = padded(batch)
        return self.session.run(["pooled"], {"input_ids": ids, "mask": mask})[0]


# The engines that can run the encoder, by name (``manifest["engine"]`` or ``WIREWATCH_ENCODER``).
ENGINES = ("onnx-int8", "onnx-float32", "numpy")
DEFAULT_ENGINE = "onnx-int8"


def on_engine(enc: Encoder, engine: str) -> Encoder | OnnxEncoder:
    """The numpy encoder ``enc`` run by ``engine``."""
    if engine == "numpy":
        return enc
    if engine in ("onnx-int8", "onnx-float32"):
        return OnnxEncoder(enc, quantize=engine == "onnx-int8")
    raise ConfigError(f"unknown encoder engine {engine!r}; choose one of {', '.join(ENGINES)}", code="W225")
