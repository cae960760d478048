"""The installed `wirewatch` command, end to end: files, HTML, JSONL batches, stdin, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

EXE = shutil.which("wirewatch") or str(Path(sys.executable).with_name("wirewatch"))


def _run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, timeout=300, check=False)


def _lines(proc: subprocess.CompletedProcess[bytes]) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def validator(shared):
    schema = json.loads((shared / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_extract_golden_article(shared, validator):
    proc = _run(["extract", str(shared / "golden" / "baghdad-strike-2024-01-04.txt")])
    assert proc.returncode == 0, proc.stderr.decode()
    (doc,) = _lines(proc)
    assert list(validator.iter_errors(doc)) == []
    assert doc["article"]["published"] == "2024-01-04T09:40:00-05:00"
    strike = [e for e in doc["events"] if e["status"] == "occurred"]
    assert strike and strike[0]["sub_event_type"] == "Air/drone strike"


def test_batch_with_broken_records_goes_on(tmp_path: Path, validator):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Gunmen killed five villagers in Zamfara state on Monday, police said.",
                    "published": "2024-03-12"}),
        "{not json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"id": "a4", "text": "The central bank held interest rates on Tuesday.", "published": "2024-03-12"}),
    ]) + "\n", encoding="utf-8")
    proc = _run(["extract", str(batch)])
    assert proc.returncode == 0
    docs = _lines(proc)
    assert len(docs) == 4  # one line per record, broken ones included
    ids = [d["article"]["id"] for d in docs]
    assert ids[0] == "a1" and ids[2] == "a3" and ids[3] == "a4"
    assert docs[0]["events"] and not docs[0]["failures"]
    assert docs[1]["failures"] and "line 2" in docs[1]["failures"][0]["message"]
    assert docs[2]["failures"][0]["code"] == "W101"
    assert docs[3]["events"] == []
    for d in docs:
        assert list(validator.iter_errors(d)) == []


def test_stdin_and_pretty():
    proc = _run(["extract", "-", "--pretty"],
                stdin=b"Protesters marched through Dhaka on Monday. Police fired tear gas to disperse them.")
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"{\n")
    assert json.loads(proc.stdout)["schema"] == "wirewatch.extraction/1"


def test_binary_and_missing_inputs_are_recorded(tmp_path: Path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = _run(["extract", str(binary), str(tmp_path / "missing.txt")])
    assert proc.returncode == 0
    docs = _lines(proc)
    assert len(docs) == 2
    assert "photo.txt" in docs[0]["failures"][0]["message"] or docs[0]["failures"][0]["article_id"]
    assert all(d["failures"] and d["events"] == [] for d in docs)
    assert b"failures" in proc.stderr


def test_html_page(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("""<!doctype html><html><head><title>Blast in Kabul</title>
    <meta property="article:published_time" content="2023-11-17T10:00:00+04:30"></head>
    <body><nav>Home | World | Sport</nav><script>alert(1)</script><article><h1>Blast in Kabul</h1>
    <p>A bomb exploded in a mosque in western Kabul during Friday prayers, killing seven worshippers,
    police said.</p><p>No group claimed responsibility for the attack.</p></article>
    <footer>Copyright 2023 Example News</footer></body></html>""", encoding="utf-8")
    (doc,) = _lines(_run(["extract", str(page)]))
    assert "alert(1)" not in doc["article"]["text"] and "Home | World" not in doc["article"]["text"]
    assert any(e["event_type"] == "Explosions/Remote violence" for e in doc["events"])
