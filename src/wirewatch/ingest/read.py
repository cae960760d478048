"""Read inputs into raw documents: files, folders, JSONL/JSON record batches, HTML pages, stdin.

Nothing here raises past the batch: a missing path, an empty or binary file or a bad
record line becomes a :class:`~wirewatch.model.Failure` (stage ``read``) that names the
input, and reading goes on with the next one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import BAD_RECORD, EMPTY_INPUT, NOT_FOUND, InputError
from ..model import Failure, RawDocument
from .decode import decode_bytes
from .html import looks_like_html

STDIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | JSON_SUFFIXES
# Field names other corpora use for the contract's record fields.
ALIASES = {"id": ("id", "doc_id"), "published": ("published", "date")}

Item = RawDocument | Failure


def read_paths(paths: Iterable[str]) -> Iterator[Item]:
    """One raw document (or failure) per article in each path, in order; folders are read sorted."""
    for path in paths:
        if path == "-":
            yield from _read_stdin()
            continue
        p = Path(path)
        if p.is_dir():
            yield from _read_folder(p, path)
        elif p.exists():
            yield from _read_file(p, path)
        else:
            yield Failure(path, "read", NOT_FOUND, f"{path}: no such file or folder")


def _read_folder(folder: Path, name: str) -> Iterator[Item]:
    files = sorted((f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(folder).parts)),
                   key=lambda f: f.relative_to(folder).as_posix())
    if not files:
        kinds = ", ".join(sorted(FOLDER_SUFFIXES))
        yield Failure(name, "read", EMPTY_INPUT, f"{name}: the folder holds no article files ({kinds})")
    for f in files:
        yield from _read_file(f, str(f))


def _read_stdin() -> Iterator[Item]:
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        yield Failure(STDIN, "read", NOT_FOUND, f"{STDIN}: cannot read standard input ({exc})")
        return
    yield from _read_bytes(data, STDIN, suffix="")


def _read_file(path: Path, name: str) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, "read", NOT_FOUND, f"{name}: cannot read the file ({exc.strerror or exc})")
        return
    yield from _read_bytes(data, name, suffix=path.suffix.lower())


def _read_bytes(data: bytes, name: str, suffix: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, name)
    except InputError as exc:
        yield Failure(name, "read", exc.code, str(exc).split("] ", 1)[-1])
        return
    if suffix in RECORD_SUFFIXES:
        yield from _jsonl(text, name)
    elif suffix in JSON_SUFFIXES:
        yield from _json(text, name)
    elif suffix in HTML_SUFFIXES or looks_like_html(text):
        yield RawDocument(source=name, content=text, kind="html")
    elif suffix in TEXT_SUFFIXES:
        yield RawDocument(source=name, content=text, kind="text")
    elif _is_jsonl(text):
        yield from _jsonl(text, name)
    else:
        yield RawDocument(source=name, content=text, kind="text")


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except ValueError:
        return False


def _jsonl(text: str, name: str) -> Iterator[Item]:
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{name} line {number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Failure(f"{name}:{number}", "read", BAD_RECORD, f"{where}: not valid JSON ({exc})")
            continue
        yield _record_or_failure(obj, name, where, f"{name}:{number}")
    if not seen:
        yield Failure(name, "read", EMPTY_INPUT, f"{name}: the batch holds no records")


def _json(text: str, name: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        yield Failure(name, "read", BAD_RECORD, f"{name}: not valid JSON ({exc})")
        return
    if isinstance(obj, list):
        if not obj:
            yield Failure(name, "read", EMPTY_INPUT, f"{name}: the JSON list holds no records")
        for i, item in enumerate(obj):
            yield _record_or_failure(item, name, f"{name} item {i}", f"{name}:{i}")
    else:
        yield _record_or_failure(obj, name, name, name)


def _field(obj: dict[str, Any], key: str) -> Any:
    return next((obj[k] for k in ALIASES.get(key, (key,)) if obj.get(k) is not None), None)


def _record_or_failure(obj: Any, name: str, where: str, fallback_id: str) -> Item:
    rid = _field(obj, "id") if isinstance(obj, dict) else None
    try:
        return record(obj, name, where)
    except InputError as exc:
        return Failure(str(rid) if rid is not None else fallback_id, "read", exc.code, exc.message)


def _text_field(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = _field(obj, key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"{where}: field {key!r} must be a string, not {type(value).__name__}", code=BAD_RECORD)


def _tags(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace("|", ",").split(",")
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InputError(f"{where}: field 'tags' must be a list of strings", code=BAD_RECORD)
    return tuple(t.strip() for t in value if t.strip())


def record(obj: Any, name: str, where: str) -> RawDocument:
    """One ``{"id","text","title"?,"published"?,"url"?,"outlet"?,"tags"?}`` record as a raw document."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a record must be a JSON object, not {type(obj).__name__}", code=BAD_RECORD)
    rid = _field(obj, "id")
    if rid is not None and not isinstance(rid, str | int):
        raise InputError(f"{where}: field 'id' must be a string or an integer", code=BAD_RECORD)
    text = _field(obj, "text")
    if not isinstance(text, str):
        missing = "has no 'text' field" if text is None else "has a 'text' field that is not a string"
        raise InputError(f"{where}: the record {missing}", code=BAD_RECORD)
    if not text.strip():
        raise InputError(f"{where}: the record's text is empty", code=EMPTY_INPUT)
    published = _field(obj, "published")
    if published is not None and not isinstance(published, str):
        raise InputError(f"{where}: field 'published' must be an ISO 8601 string", code=BAD_RECORD)
    return RawDocument(source=name, content=text, kind="record", id=None if rid is None else str(rid),
                       title=_text_field(obj, "title", where), published=published,
                       url=_text_field(obj, "url", where), outlet=_text_field(obj, "outlet", where),
                       tags=_tags(obj.get("tags"), where))
