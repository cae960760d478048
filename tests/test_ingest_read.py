"""Reading inputs: files, folders, JSONL batches, HTML, stdin, encodings and bad input as failures."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from wirewatch import errors
from wirewatch.ingest.read import read_paths
from wirewatch.model import Failure, RawDocument

STORY = "Strike hits depot\n\nBAGHDAD (Reuters) - A drone strike hit a depot on Thursday, police said.\n"
PAGE = ("<!DOCTYPE html><html><head><title>Strike hits depot</title></head><body><article>"
        "<p>BAGHDAD (Reuters) - A drone strike hit a depot on Thursday, police said.</p></article></body></html>")


def _read(*paths: str | Path) -> list[RawDocument | Failure]:
    return list(read_paths([str(p) for p in paths]))


def test_text_file(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.source, doc.content) == ("text", str(f), STORY)


def test_html_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    docs = _read(tmp_path / "a.html", tmp_path / "b.txt")
    assert [d.kind for d in docs if isinstance(d, RawDocument)] == ["html", "html"]


def test_jsonl_batch_goes_on_after_a_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": STORY, "title": "T", "published": "2024-01-04", "url": "http://x/1",
                    "outlet": "Example", "tags": ["Iraq", "airstrike"]}),
        "{not json",
        json.dumps({"id": "a3"}),
        "",
        json.dumps(["a list"]),
        json.dumps({"id": 7, "text": "Another story about a protest in Basra."}),
        json.dumps({"id": "a8", "text": "   "}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read(f)
    assert [type(x).__name__ for x in out] == ["RawDocument", "Failure", "Failure", "Failure", "RawDocument",
                                               "Failure"]
    first, bad_json, no_text, not_object, seventh, empty = out
    assert isinstance(first, RawDocument) and first.kind == "record"
    assert (first.id, first.title, first.published, first.url, first.outlet, first.tags) == (
        "a1", "T", "2024-01-04", "http://x/1", "Example", ("Iraq", "airstrike"))
    assert isinstance(bad_json, Failure) and bad_json.code == errors.BAD_RECORD
    assert bad_json.stage == "read" and f"{f} line 2" in bad_json.message
    assert isinstance(no_text, Failure) and no_text.article_id == "a3" and "line 3" in no_text.message
    assert "'text'" in no_text.message
    assert isinstance(not_object, Failure) and "line 5" in not_object.message
    assert isinstance(seventh, RawDocument) and seventh.id == "7"
    assert isinstance(empty, Failure) and empty.code == errors.EMPTY_INPUT and empty.article_id == "a8"


def test_json_file_with_one_or_many_records(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "text": STORY}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "y", "text": STORY}, {"id": "z", "text": STORY}]),
                                        encoding="utf-8")
    ids = [d.id for d in _read(tmp_path / "one.json", tmp_path / "many.json") if isinstance(d, RawDocument)]
    assert ids == ["x", "y", "z"]


def test_folder_is_read_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "r", "text": STORY}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    docs = _read(tmp_path)
    assert [(Path(d.source).name, d.kind) for d in docs if isinstance(d, RawDocument)] == [
        ("a.htm", "html"), ("2.txt", "text"), ("c.jsonl", "record")]


def test_missing_empty_binary_inputs_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "folder").mkdir()
    missing = tmp_path / "nope.txt"
    out = _read(missing, tmp_path / "empty.txt", tmp_path / "blob.txt", tmp_path / "folder")
    assert all(isinstance(x, Failure) and x.stage == "read" for x in out)
    codes = [x.code for x in out if isinstance(x, Failure)]
    assert codes == [errors.NOT_FOUND, errors.EMPTY_INPUT, errors.BINARY_INPUT, errors.EMPTY_INPUT]
    for x, path in zip(out, [missing, "empty.txt", "blob.txt", "folder"], strict=True):
        assert isinstance(x, Failure) and str(path) in x.message and str(path) in str(x.article_id)


def test_encodings(tmp_path: Path) -> None:
    text = "Militants attacked a checkpoint in Ramadi, the café owner said — «nobody» was hurt."
    (tmp_path / "latin1.txt").write_bytes(text.replace("—", "-").encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "cp1252.html").write_bytes(
        b'<html><head><meta charset="windows-1252"></head><body><p>caf\xe9 \x93quoted\x94</p></body></html>')
    latin1, utf16, bom, cp1252 = _read(*(tmp_path / n for n in ("latin1.txt", "utf16.txt", "bom.txt", "cp1252.html")))
    assert isinstance(latin1, RawDocument) and "café" in latin1.content
    assert isinstance(utf16, RawDocument) and utf16.content == text
    assert isinstance(bom, RawDocument) and bom.content == text
    assert isinstance(cp1252, RawDocument) and "café “quoted”" in cp1252.content


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(("data", "kinds"), [
    (b'{"id": "1", "text": "One."}\n\n{"id": "2", "text": "Two."}\n', ["record", "record"]),
    (PAGE.encode(), ["html"]),
    (STORY.encode(), ["text"]),
    (b'{"id": "1", "text": "One."}\nnot json\n', ["text"]),  # not every line is an object: plain text
])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kinds: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    docs = _read("-")
    assert [d.kind for d in docs if isinstance(d, RawDocument)] == kinds
    assert all(isinstance(d, RawDocument) and d.source == "<stdin>" for d in docs)


def test_empty_stdin_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    [x] = _read("-")
    assert isinstance(x, Failure) and x.code == errors.EMPTY_INPUT and "<stdin>" in x.message
