"""Read inputs into raw documents: files, folders, JSONL/JSON record batches, HTML pages, stdin.

Nothing here raises past the batch: a missing path, an empty or binary file or a bad
record line becomes a :class:`~wirewatch.model.Failure` (stage ``read``) that names the
input, and reading goes on with the next one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import BAD_RECORD, DUPLICATE_ID, EMPTY_INPUT, NOT_FOUND, InputError
from ..model import Failure, RawDocument
from .decode import decode_text
from .html import looks_like_html

STDIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | JSON_SUFFIXES
# Files beside articles that are not articles (answer keys, schemas, metadata): a folder skips them.
SIDECAR_SUFFIXES = (".expected.json", ".schema.json", ".meta.json", ".keys.json", ".gold.json", ".labels.json")
SIDECAR_NAMES = frozenset({"package.json", "manifest.json", "provenance.json", "metadata.json"})
MAX_ID_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Field names other corpora use for the contract's record fields.
ALIASES = {"id": ("id", "doc_id"), "published": ("published", "date")}

Item = RawDocument | Failure


def read_paths(paths: Iterable[str]) -> Iterator[Item]:
    """One raw document (or failure) per article in each path, in order; folders are read sorted.

    A record id used twice in one batch (one call) refuses the later record (``W110``): two
    records under one id would otherwise overwrite each other in the store without a word."""
    yield from refuse_duplicate_ids(_read_all(paths))


def refuse_duplicate_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Pass items through; a raw document whose explicit id came earlier becomes a failure."""
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, RawDocument) and item.id is not None:
            rid, source = item.id, item.source
            if rid in first:
                item = Failure(rid, "read", DUPLICATE_ID, f"{source}: record id {rid!r} was already used by an earlier"
                               f" record of this batch ({first[rid]}); this record is refused, the first one is kept")
            else:
                first[rid] = source
        yield item


def _read_all(paths: Iterable[str]) -> Iterator[Item]:
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


def is_article_file(f: Path, folder: Path) -> bool:
    """A file a folder read takes as an article: a known suffix, not hidden, not a sidecar."""
    name = f.name.lower()
    return (f.suffix.lower() in FOLDER_SUFFIXES and not name.endswith(SIDECAR_SUFFIXES)
            and name not in SIDECAR_NAMES and not any(p.startswith(".") for p in f.relative_to(folder).parts))


def _read_folder(folder: Path, name: str) -> Iterator[Item]:
    files = sorted((f for f in folder.rglob("*") if f.is_file() and is_article_file(f, folder)),
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
        decoded = decode_text(data, name)
    except InputError as exc:
        yield Failure(name, "read", exc.code, str(exc).split("] ", 1)[-1])
        return
    text, notes = decoded.text, tuple(Failure(name, "read", code, msg) for code, msg in decoded.notes)
    fetched = datetime.now(UTC)
    if suffix in RECORD_SUFFIXES or (suffix not in JSON_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
                                     and not looks_like_html(text) and _is_jsonl(text)):
        items: Iterable[Item] = _jsonl(text, name)
    elif suffix in JSON_SUFFIXES:
        items = _json(text, name)
    else:
        kind = "html" if suffix in HTML_SUFFIXES or looks_like_html(text) else "text"
        items = [RawDocument(source=name, content=text, kind=kind)]  # type: ignore[arg-type]
    for item in items:
        yield replace(item, notes=notes, fetched=fetched) if isinstance(item, RawDocument) else item


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except (ValueError, RecursionError):
        return False


def _jsonl(text: str, name: str) -> Iterator[Item]:
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{name} line {number}"
        obj, problem = load_json(line)
        if problem is not None:
            yield Failure(f"{name}:{number}", "read", BAD_RECORD, f"{where}: {problem}")
            continue
        yield _record_or_failure(obj, name, where, f"{name}:{number}")
    if not seen:
        yield Failure(name, "read", EMPTY_INPUT, f"{name}: the batch holds no records")


def _json(text: str, name: str) -> Iterator[Item]:
    obj, problem = load_json(text)
    if problem is not None:
        yield Failure(name, "read", BAD_RECORD, f"{name}: {problem}")
        return
    if isinstance(obj, list):
        if not obj:
            yield Failure(name, "read", EMPTY_INPUT, f"{name}: the JSON list holds no records")
        for i, item in enumerate(obj):
            yield _record_or_failure(item, name, f"{name} item {i}", f"{name}:{i}")
    else:
        yield _record_or_failure(obj, name, name, name)


def load_json(text: str) -> tuple[Any, str | None]:
    """``(value, None)``, or ``(None, problem)`` for text that is not JSON or is nested too deep.
    Lone surrogates (``"\\ud800"``, which no encoder accepts) become U+FFFD (see :func:`scrub`)."""
    try:
        value = json.loads(text)
    except RecursionError:
        return None, "JSON nested too deeply to read (a recursion limit was hit)"
    except ValueError as exc:
        return None, f"not valid JSON ({str(exc)[:200]})"
    return (scrub(value)[0] if "\\u" in text else value), None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def scrub(value: Any) -> tuple[Any, int]:
    """Replace lone surrogates in every string of a JSON value (in place for containers); returns the
    value and how many were replaced.  Iterative: a value nested to the parser's limit is fine."""
    count = 0

    def fix(s: str) -> str:
        nonlocal count
        found = len(_SURROGATE.findall(s))
        count += found
        return _SURROGATE.sub("\ufffd", s) if found else s

    if isinstance(value, str):
        return fix(value), count
    stack = [value]
    while stack:
        node = stack.pop()
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        for key, v in items:
            if isinstance(v, str):
                node[key] = fix(v)
            elif isinstance(v, dict | list):
                stack.append(v)
            if isinstance(node, dict) and isinstance(key, str) and _SURROGATE.search(key):
                node[fix(key)] = node.pop(key)
    return value, count


def _field(obj: dict[str, Any], key: str) -> Any:
    return next((obj[k] for k in ALIASES.get(key, (key,)) if obj.get(k) is not None), None)


def _record_or_failure(obj: Any, name: str, where: str, fallback_id: str) -> Item:
    rid = _field(obj, "id") if isinstance(obj, dict) else None
    try:
        return record(obj, name, where)
    except InputError as exc:
        usable = isinstance(rid, str | int) and not isinstance(rid, bool) and 0 < len(str(rid).strip()) <= MAX_ID_CHARS
        return Failure(str(rid) if usable and not _CONTROL.search(str(rid)) else fallback_id, "read", exc.code,
                       exc.message)


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


def _check_id(rid: Any, where: str) -> str | int | None:
    """A record id: a string or integer of at most 200 characters without control characters."""
    if rid is None:
        return None
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        raise InputError(f"{where}: field 'id' must be a string or an integer", code=BAD_RECORD)
    text = str(rid) if isinstance(rid, str) or abs(rid) < 10**30 else ""
    if not text.strip() or len(text) > MAX_ID_CHARS or _CONTROL.search(text):
        raise InputError(f"{where}: field 'id' must be 1 to {MAX_ID_CHARS} characters without control"
                         " characters", code=BAD_RECORD)
    return rid


def record(obj: Any, name: str, where: str) -> RawDocument:
    """One ``{"id","text","title"?,"published"?,"url"?,"outlet"?,"tags"?}`` record as a raw document."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a record must be a JSON object, not {type(obj).__name__}", code=BAD_RECORD)
    rid = _check_id(_field(obj, "id"), where)
    text = _field(obj, "text")
    if not isinstance(text, str):
        missing = "has no 'text' field" if text is None else "has a 'text' field that is not a string"
        raise InputError(f"{where}: the record {missing}", code=BAD_RECORD)
    if not text.strip():
        raise InputError(f"{where}: the record's text is empty", code=EMPTY_INPUT)
    published = _field(obj, "published")
    if isinstance(published, int) and not isinstance(published, bool):
        published = str(published)  # 20160217, Unix time: read in normalise (ingest/datetext.py)
    elif published is not None and not isinstance(published, str):
        published = None  # neither string nor number: no date (it is not worth the whole record)
    return RawDocument(source=name, content=text, kind="record", id=None if rid is None else str(rid),
                       title=_text_field(obj, "title", where), published=published,
                       url=_text_field(obj, "url", where), outlet=_text_field(obj, "outlet", where),
                       tags=_tags(obj.get("tags"), where))
