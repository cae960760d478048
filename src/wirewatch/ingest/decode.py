"""Bytes to text: BOMs, UTF-8 first, then the charset an HTML page declares, then charset-normalizer."""

from __future__ import annotations

import codecs
import re

from ..errors import BINARY_INPUT, EMPTY_INPUT, UNDECODABLE_INPUT, InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode one input; raises :class:`InputError` for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError("the input is empty", code=EMPTY_INPUT, source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"bad {encoding} text after a byte-order mark ({exc.reason})",
                                 code=UNDECODABLE_INPUT, source=source) from exc
    if b"\x00" in data:
        raise InputError("the input is binary (it contains NUL bytes), not text, HTML or JSON",
                         code=BINARY_INPUT, source=source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data, source)
    if _mostly_controls(text):
        raise InputError("the input is binary (mostly control characters), not text, HTML or JSON",
                         code=BINARY_INPUT, source=source)
    return text


def _legacy(data: bytes, source: str) -> str:
    """Not UTF-8: the charset an HTML page declares, else charset-normalizer's best guess."""
    declared = _declared(data)
    text: str | None = None
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = _guess(data)
    if text is None or _mostly_controls(text):
        raise InputError("the input is not text in any known encoding (binary or corrupt)",
                         code=UNDECODABLE_INPUT, source=source)
    return text


def _mostly_controls(text: str) -> bool:
    """More than 5% control characters: binary data that some 8-bit code page happens to accept."""
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return controls > 0.05 * len(sample)
