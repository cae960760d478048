"""Generated hostile inputs, the run that feeds them to the whole pipeline, and its tally.

:func:`hostile_inputs` builds (deterministically, from a seed) well over a thousand files an
attacker or a careless operator could hand to ``wirewatch ingest``: poison and real-world dates
in records, datelines and HTML metadata; broken, mixed and missing encodings; NUL bytes, bidi
controls and lone surrogates; JSON nested past the parser's limit and records of every wrong
type; duplicate and URL-hostile ids; hostile HTML; empty, huge and one-line texts; and random
byte mutations of all of these.  :func:`run_hostile` reads, processes, stores, fuses, searches
and exports them and returns a :class:`HostileReport`: what crashed (must be nothing), which
input left no trace (must be nothing) and the failures and warnings recorded by code.
"""

from __future__ import annotations

import json
import random
import traceback
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFLICT = ("BAGHDAD, Jan 4 (Reuters) - A drone strike killed four members of an Iraqi militia in Baghdad on"
            " Thursday, police sources said. Six people were wounded in the attack on the vehicle.")
NEUTRAL = ("The city council approved a new budget for public libraries on Tuesday. Officials said the"
           " reading rooms would open longer hours from next month.")
DATES: tuple[Any, ...] = (
    "0001-01-01", "9999-12-31", "0000-00-00", "1899-12-31", "1900-01-01", "2016-02-30", "2016-13-01",
    "20160217", 20160217, 1455667200, 1455667200000, 253402300800, -62135596800, 99999999999999999999,
    "yesterday", "1 day ago", "3 hours ago", "today", "last Tuesday", "December 17, 2016 4:45:51 EST PM",
    "June 27, 2016 15:41:4", "Thu, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 +0000",
    "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00", "2024-01-04T25:61:00", "2024-W01", "NaN",
    "", "   ", "1e308", "-1", "12/31/9999", "31.12.0001", "04/11/2023", "２０１６-０２-１７", "2024-01-04\x00",
    "\u202e2024-01-04", "2024-01-04T09:40:00Z" * 20, True, [2024, 1, 4], {"y": 2024}, 1.5e300,
)
DATELINES = (
    "WASHINGTON, Dec 31, 9999 (Reuters) - ", "KABUL, Jan 1, 0001 (AP) — ", "MOSUL, Feb 30, 2016 (AFP) - ",
    "GAZA CITY, 31.12.9999 — ", "ALEPPO, Nov 17 (Reuters) - ", "BAGHDAD, 99/99/2024 - ",
    "KYIV, June 27, 2016 15:41:4 (Reuters) - ",
)
DATE_LINES = ("Published: 31/12/9999", "Updated 1 January 0001", "Thursday, 31 December 9999 23:59 EST",
              "December 17, 2016 4:45:51 EST PM", "17.11.1850", "Posted 2 hours ago")
IDS: tuple[Any, ...] = ("a/b", "../../etc/passwd", "%2F", "?x=1#y", "id with spaces", "\u202eevil", "x" * 201,
                        "tab\there", "", 0, -1, 10**40, 1.5, True, None, ["x"], {"a": 1}, "é/ü/中", "a\\b", ".")


@dataclass(frozen=True, slots=True)
class HostileInput:
    """One input file: ``name`` (with its suffix) and its bytes."""

    name: str
    data: bytes


@dataclass
class HostileReport:
    inputs: int = 0
    outputs: int = 0
    stored: int = 0
    crashes: list[str] = field(default_factory=list)  # "input: exception" (must stay empty)
    silent: list[str] = field(default_factory=list)  # inputs with no output and no failure (must stay empty)
    unnamed: list[str] = field(default_factory=list)  # failures without input, stage, code or message
    codes: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        return {"hostile_inputs": self.inputs, "outputs": self.outputs, "stored_articles": self.stored,
                "crashes": len(self.crashes), "silent_drops": len(self.silent), "unnamed_failures": len(self.unnamed),
                "failures_by_code": dict(sorted(self.codes.items()))}


def _jsonl(*records: Any) -> bytes:
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode("utf-8", "surrogatepass")


def _date_inputs() -> list[HostileInput]:
    out = []
    for i, value in enumerate(DATES):
        for j, text in enumerate((CONFLICT, NEUTRAL)):
            out.append(HostileInput(f"date-{i:02d}-{j}.jsonl", _jsonl({"id": f"d{i}-{j}", "text": text,
                                                                     "published": value})))
        meta = json.dumps(value) if not isinstance(value, str) else value.replace('"', "")
        out.append(HostileInput(f"date-{i:02d}.html", (
            f'<html><head><meta property="article:published_time" content="{meta}"><title>Strike</title></head>'
            f"<body><article><p>{CONFLICT}</p><p>{NEUTRAL}</p></article></body></html>").encode("utf-8", "replace")))
    for i, line in enumerate(DATELINES):
        out.append(HostileInput(f"dateline-{i}.txt", f"Militia Hit In Strike\n\n{line}{CONFLICT}\n".encode()))
    for i, line in enumerate(DATE_LINES):
        out.append(HostileInput(f"dateline-stamp-{i}.txt", f"Militia Hit In Strike\n\n{line}\n\n{CONFLICT}\n".encode()))
    return out


def _nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


def _json_inputs() -> list[HostileInput]:
    good = {"id": "ok-1", "text": CONFLICT}
    lines = [_nested(1000), _nested(100_000), '{"a":' * 2000 + "1" + "}" * 2000, "{bad json", "[]", "null", "42",
             '"just a string"', '{"id": "x"}', '{"text": 5}', '{"text": ""}', '{"text": "   "}', '{"text": "\\u202e"}',
             '{"text": "a\\ud800b", "id": "surrogate"}', '{"id": "nan", "text": "x", "published": NaN}',
             '{"id": "inf", "text": "x", "published": Infinity}', '{"id": "big", "text": "x", "published": 1e999}',
             '{"id": "dupkey", "text": "one", "text": "two"}', '{"id": "tags", "text": "x", "tags": {"a": 1}}',
             '{"id": "tags2", "text": "x", "tags": [1, 2]}', '{"id": "title", "text": "x", "title": ["t"]}',
             "9" * 5000, '{"id": "x", "text": "' + "y" * 300_000 + '"}']
    out = [HostileInput(f"json-line-{i:02d}.jsonl", (json.dumps(good) + "\n" + line + "\n" + json.dumps(
        {"id": f"after-{i}", "text": NEUTRAL}) + "\n").encode("utf-8", "surrogatepass")) for i, line in enumerate(lines)]
    out += [HostileInput(f"json-doc-{i:02d}.json", line.encode("utf-8", "surrogatepass")) for i, line in enumerate(lines)]
    for i, rid in enumerate(IDS):
        out.append(HostileInput(f"id-{i:02d}.jsonl", _jsonl({"id": rid, "text": CONFLICT})))
    out.append(HostileInput("dup-ids.jsonl", _jsonl({"id": "same", "text": CONFLICT}, {"id": "same", "text": NEUTRAL},
                                                    {"id": 7, "text": NEUTRAL}, {"id": "7", "text": CONFLICT})))
    return out


def _encoding_inputs() -> list[HostileInput]:
    text = f"Militia Hit In Strike\n\n{CONFLICT} “Quoted” — café.\n"
    raw = text.encode()
    blobs = {
        "bad-utf8": raw[:40] + b"\xff\xfe\xc3" + raw[40:], "cp1252": text.encode("cp1252", "replace"),
        "latin1": text.encode("latin-1", "replace"), "utf16le": text.encode("utf-16-le"),
        "utf16be": text.encode("utf-16-be"), "utf16bom": text.encode("utf-16"), "utf32": text.encode("utf-32"),
        "nul-1": raw[:30] + b"\x00" + raw[30:], "nul-16": raw.replace(b" ", b" \x00", 16),
        "nul-17": raw.replace(b" ", b" \x00", 17), "nul-many": b"\x00" * 4096 + raw,
        "overlong": raw + b"\xc0\x80\xe0\x80\x80", "cesu": raw + b"\xed\xa0\x80", "bom-middle": raw[:50] + b"\xef\xbb\xbf" + raw[50:],
        "bom-only": b"\xef\xbb\xbf", "truncated": raw + "中".encode()[:2], "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "gzip": b"\x1f\x8b\x08\x00" + bytes(200), "bidi": ("\u202e" + text + "\u2066x\u2069\u200f").encode(),
        "zero-width": text.replace(" ", "\u200b ").encode(), "zalgo": (text + "e" + "\u0301" * 5000).encode(),
        "newlines": text.replace("\n", "\u2028\u0085\r").encode(), "controls": (text + "\x01\x02\x1b[31m").encode(),
        "meta-lie": b'<html><head><meta charset="utf-16"></head><body><p>' + raw + b"</p></body></html>",
        "meta-bogus": b'<html><head><meta charset="x-nonsense"></head><body><p>' + raw + b"\xff</p></body></html>",
        "empty": b"", "blank": b" \n\t\n ", "one-char": b"x", "only-bidi": "\u202e\u202d".encode(),
    }
    return [HostileInput(f"enc-{k}{suffix}", v) for k, v in blobs.items() for suffix in (".txt", ".html", "")]


def _html_inputs() -> list[HostileInput]:
    body = f"<p>{CONFLICT}</p>"
    pages = {
        "script-only": "<html><body><script>var x = 1;</script></body></html>",
        "deep": "<html><body>" + "<div>" * 20_000 + body + "</div>" * 20_000 + "</body></html>",
        "xss": f'<html><head><title><script>alert(1)</script></title></head><body><img src=x onerror=alert(2)>{body}</body></html>',
        "unclosed-comment": f"<html><body><!-- {body}",
        "entities": '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    f"<html><body><p>&b;&b;&b;</p>{body}</body></html>",
        "huge-attr": f'<html><body><p title="{"x" * 500_000}">{CONFLICT}</p></body></html>',
        "binary-tail": f"<html><body>{body}</body></html>",
    }
    out = [HostileInput(f"html-{k}.html", v.encode()) for k, v in pages.items()]
    out.append(HostileInput("html-binary-tail.html", pages["binary-tail"].encode() + bytes(range(256)) * 4))
    return out


def _size_inputs() -> list[HostileInput]:
    return [
        HostileInput("size-one-line.txt", (CONFLICT + " ") .encode() * 2500),
        HostileInput("size-no-spaces.txt", b"x" * 300_000),
        HostileInput("size-blank-lines.txt", b"\n" * 100_000 + CONFLICT.encode()),
        HostileInput("size-many-lines.txt", ("word\n" * 50_000 + CONFLICT).encode()),
        HostileInput("size-numbers.txt", ("At least 99999999999999999999 people were killed and "
                                          + " ".join(str(n) for n in range(5000)) + " were wounded.").encode()),
        HostileInput("size-killed.txt", ("Police said " + "killed " * 5000 + "people in Baghdad.").encode()),
        HostileInput("size-many-records.jsonl", _jsonl(*({"id": f"m{i}", "text": NEUTRAL} for i in range(200)))),
    ]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(5)
        pos = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[pos:pos] = bytes(rng.choice([b"\x00", b"\xff", b"\xe2\x80\xae", b"{", b"\n", b'"', b"\\u0000"]))
        elif op == 2:
            del out[pos:pos + rng.randint(1, 20)]
        elif op == 3:
            out[pos:pos] = out[max(0, pos - 30):pos]
        else:
            out = out[:pos]
    return bytes(out)


def hostile_inputs(seed: int = 15, mutations: int = 700) -> list[HostileInput]:
    """The hostile corpus: hand-made cases, then ``mutations`` random byte mutations of them."""
    base = _date_inputs() + _json_inputs() + _encoding_inputs() + _html_inputs() + _size_inputs()
    rng = random.Random(seed)
    small = [b for b in base if len(b.data) < 20_000]
    mutated = []
    for i in range(mutations):
        src = rng.choice(small)
        mutated.append(HostileInput(f"mut-{i:04d}-{src.name}", _mutate(src.data, rng)))
    return base + mutated


def write_inputs(inputs: Iterable[HostileInput], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in inputs:
        path = folder / item.name
        path.write_bytes(item.data)
        paths.append(path)
    return paths


def _check_output(doc: dict[str, Any], name: str, report: HostileReport) -> None:
    for f in doc.get("failures") or []:
        report.codes[f.get("code", "?")] += 1
        if not (doc["article"].get("id") and f.get("stage") and f.get("code") and f.get("message")):
            report.unnamed.append(f"{name}: {f}")


def run_hostile(paths: list[Path], db: str) -> HostileReport:
    """Read, process, store, fuse, search and export every input (see the module docstring)."""
    from ..commands.ingest import Tally, fuse_stored, store_docs
    from ..contract import to_contract
    from ..ingest.read import read_paths
    from ..pipeline import process_all
    from ..store import open_store

    report = HostileReport(inputs=len(paths))
    with open_store(db) as store:
        for path in paths:
            try:
                docs = [to_contract(x) for x in process_all(read_paths([str(path)]))]
                for doc in docs:
                    _check_output(doc, path.name, report)
                if not docs:
                    report.silent.append(path.name)
                report.outputs += len(docs)
                tally = store_docs(store, docs, Tally())
                report.stored += tally.stored
            except Exception as exc:  # noqa: BLE001 - counted: a crash is what this run looks for
                report.crashes.append(f"{path.name}: {type(exc).__name__}: {exc}\n{traceback.format_exc()[-800:]}")
        _after(store, report, fuse_stored)
    return report


def _after(store: Any, report: HostileReport, fuse_stored: Any) -> None:
    """Fusion, a search and every export over the hostile database: none may fail."""
    from ..export import FORMATS
    from ..search.filters import Filters

    steps = [("fuse", lambda: fuse_stored(store)), ("search", lambda: store.search(Filters(), 1, 100)),
             ("facets", lambda: store.facets(Filters()))]
    steps += [(f"export {name}", (lambda n: lambda: _export(n, store))(name)) for name in FORMATS]
    for name, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - counted as a crash
            report.crashes.append(f"{name}: {type(exc).__name__}: {exc}\n{traceback.format_exc()[-800:]}")


def _export(name: str, store: Any) -> int:
    import io
    import tempfile

    from ..export import FORMATS, module
    from ..store.fused import iter_fused

    events = list(iter_fused(store))
    if not FORMATS[name][2]:
        return module(name).write(events, io.StringIO())
    with tempfile.TemporaryDirectory() as tmp:
        return module(name).write(events, Path(tmp) / f"out{FORMATS[name][1]}")
