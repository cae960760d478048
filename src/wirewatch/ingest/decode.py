"""Bytes to text: BOMs, UTF-8 first, then the charset an HTML page declares, then charset-normalizer.

Damage is repaired where it stands and reported, never by re-reading the whole input in
another encoding (``W1xx`` warnings in :attr:`Decoded.notes`):

* a few invalid bytes in otherwise valid UTF-8 become U+FFFD where they stand (``W120``),
  instead of the whole article turning into cp1252 mojibake;
* a stray NUL byte is removed (``W121``); an input with many NULs is binary, unless it is
* UTF-16 without a byte-order mark, recognised by its NULs all on even or all on odd
  bytes (``W122``).

Text in a legacy 8-bit code page (no valid multi-byte UTF-8 in it) is still decoded with the
charset the page declares, else charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import (
    BINARY_INPUT,
    EMPTY_INPUT,
    NUL_REMOVED,
    TEXT_REPAIRED,
    UNDECODABLE_INPUT,
    UTF16_WITHOUT_BOM,
    InputError,
)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
MAX_STRAY_NULS = 16  # more NUL bytes than this (and not UTF-16) is binary data
UTF16_NUL_SHARE = 0.2  # UTF-16 of mostly Latin text: about half its bytes are NUL
UTF16_PARITY = 0.95  # ... and they sit on one parity (even bytes: big-endian, odd: little-endian)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the warnings (code, message) about what was repaired on the way."""

    text: str
    notes: tuple[tuple[str, str], ...] = ()


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
    """Decode one input (the text only); raises :class:`InputError` for empty, binary or undecodable input."""
    return decode_text(data, source).text


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode one input with its repair notes; raises :class:`InputError` for empty, binary or
    undecodable input."""
    if not data.strip():
        raise InputError("the input is empty", code=EMPTY_INPUT, source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_not_binary(data.decode(encoding), source))
            except UnicodeDecodeError as exc:
                raise InputError(f"bad {encoding} text after a byte-order mark ({exc.reason})",
                                 code=UNDECODABLE_INPUT, source=source) from exc
    notes: list[tuple[str, str]] = []
    nuls = data.count(b"\x00")
    if nuls:
        utf16 = _utf16(data, nuls)
        if utf16 is not None:
            return Decoded(_not_binary(utf16[0], source), ((UTF16_WITHOUT_BOM, utf16[1]),))
        if nuls > MAX_STRAY_NULS:
            raise InputError(f"the input is binary ({nuls} NUL bytes), not text, HTML or JSON",
                             code=BINARY_INPUT, source=source)
        data = data.replace(b"\x00", b"")
        notes.append((NUL_REMOVED, f"{nuls} stray NUL byte(s) removed"))
    if _control_bytes(data):
        raise InputError("the input is binary (mostly control bytes), not text, HTML or JSON",
                         code=BINARY_INPUT, source=source)
    text, repaired = _utf8(data, source)
    if repaired:
        notes.append((TEXT_REPAIRED, repaired))
    return Decoded(_not_binary(text, source), tuple(notes))


def _not_binary(text: str, source: str) -> str:
    if _mostly_controls(text):
        raise InputError("the input is binary (mostly control characters), not text, HTML or JSON",
                         code=BINARY_INPUT, source=source)
    return text


def _utf16(data: bytes, nuls: int) -> tuple[str, str] | None:
    """UTF-16 without a BOM: enough NULs, nearly all on one parity, and clean text once decoded."""
    if len(data) % 2 or nuls < UTF16_NUL_SHARE * len(data):
        return None
    odd = data[1::2].count(b"\x00")
    if max(odd, nuls - odd) < UTF16_PARITY * nuls:
        return None
    encoding = "utf-16-le" if odd >= nuls - odd else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _mostly_controls(text):
        return None
    return text, f"UTF-16 ({encoding[-2:].upper()}) text without a byte-order mark: detected and decoded"


def _utf8(data: bytes, source: str) -> tuple[str, str | None]:
    """Strict UTF-8; else UTF-8 with its few bad bytes replaced when the rest is real UTF-8;
    else a legacy code page."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if multibyte >= bad:  # real UTF-8 with a few broken bytes: repair them where they stand
        return text, f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD where they stood"
    return _legacy(data, source), None


def _legacy(data: bytes, source: str) -> str:
    """Not UTF-8: charset-normalizer's best guess."""
    text = _guess(data)
    if text is None or _mostly_controls(text):
        raise InputError("the input is not text in any known encoding (binary or corrupt)",
                         code=UNDECODABLE_INPUT, source=source)
    return text


_C0 = bytes(c for c in range(32) if chr(c) not in "\n\r\t\f")


def _control_bytes(data: bytes) -> bool:
    """More than 5% C0 control bytes (the same bytes in UTF-8 and every 8-bit code page): binary."""
    sample = data[:20000]
    return len(sample) - len(sample.translate(None, _C0)) > 0.05 * len(sample)


def _mostly_controls(text: str) -> bool:
    """More than 5% control characters: binary data that some 8-bit code page happens to accept."""
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return controls > 0.05 * len(sample)
