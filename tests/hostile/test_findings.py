"""Issue #15: one regression test per finding (each failed on the code before the fix).

Findings 6 (SSRF) and 7's keep-alive and 8 (orphan workers) have files of their own:
test_ssrf.py, test_api_hardening.py, test_orphans.py.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wirewatch import errors
from wirewatch.bench.hostile import CONFLICT, NEUTRAL
from wirewatch.cli import main
from wirewatch.commands import ingest
from wirewatch.contract import to_contract
from wirewatch.ingest.read import read_paths
from wirewatch.model import Failure, RawDocument
from wirewatch.pipeline import process, process_all
from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc


def _ingest(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    ingest.add_arguments(p)
    return ingest.run(p.parse_args(argv))


def _codes(x) -> list[str]:
    return [f.code for f in x.failures]


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---- 1. poison dates ------------------------------------------------------------------------


@pytest.mark.parametrize("poison", ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59+14:00"])
def test_1_poison_record_date_is_unknown_with_a_warning_and_the_database_keeps_working(tmp_path, poison, capsys):
    batch = _jsonl(tmp_path / "b.jsonl", {"id": "p1", "text": CONFLICT, "published": poison},
                   {"id": "p2", "text": CONFLICT.replace("four", "five"), "published": "2024-01-04"})
    db = str(tmp_path / "p.sqlite")
    assert _ingest([str(batch), "--db", db, "--no-progress"]) == 0
    assert _ingest([str(_jsonl(tmp_path / "c.jsonl", {"id": "p3", "text": NEUTRAL})), "--db", db, "--no-progress"]) == 0
    with open_store(db) as s:
        art = s.get_article("p1")
        assert art is not None and art["published"] is None
        assert any(f["code"] == errors.DATE_OUT_OF_RANGE and poison[:10] in f["message"] for f in art["failures"])
    assert main(["export", "--format", "acled-csv", "--db", db]) == 0  # no OverflowError, every row out
    assert "event(s) as acled-csv" in capsys.readouterr().err


def test_1_fusion_survives_poison_already_in_an_old_database(tmp_path):
    from wirewatch.store.fused import pending, refresh

    db = str(tmp_path / "old.sqlite")
    with open_store(db) as s:
        s.upsert_extraction(sample_doc(1))
        # a database written before the window existed: poison dates straight into the rows
        s.conn.execute("UPDATE events SET date_start = '0001-01-01', date_end = '9999-12-31'")
        s.conn.execute("UPDATE articles SET published_date = '0001-01-01'")
        assert pending(s) == 1
        refresh(s)  # no OverflowError: fusion runs again
        assert pending(s) == 0
        assert s.counts()["events"] >= 1


@pytest.mark.parametrize("url", ["/?since=0001-01-01", "/timeline?date=9999-12-31", "/api/search?since=0001-01-01",
                                 "/api/timeline?until=9999-12-31", "/api/map?date=0001-01-01",
                                 "/api/facets?since=0000-01-01"])
def test_1_poison_query_dates_are_400(web_client, url):
    r = web_client.get(url)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_parameter"


def test_1_search_since_poison_is_a_clear_cli_error(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    with open_store(db) as s:
        s.upsert_extraction(sample_doc(2))
    assert main(["search", "--since", "0001-01-01", "--db", db]) == 2
    assert "outside the dates Wirewatch searches" in capsys.readouterr().err


# ---- 2. real-world date strings ----------------------------------------------------------------

NOW = datetime(2024, 1, 5, 12, tzinfo=UTC)


@pytest.mark.parametrize("value, day", [
    ("December 17, 2016 4:45:51 EST PM", date(2016, 12, 17)), ("June 27, 2016 15:41:4", date(2016, 6, 27)),
    ("yesterday", date(2024, 1, 4)), ("1 day ago", date(2024, 1, 4)), (20160217, date(2016, 2, 17)),
    ("20160217", date(2016, 2, 17)), ("2016-02-30", None)])
def test_2_real_world_dates_are_read_and_the_article_kept(value, day):
    from wirewatch.ingest.datetext import read_date

    found = read_date(value, now=NOW)
    got = found.value.date() if isinstance(found.value, datetime) else found.value
    assert got == day
    raw = RawDocument("r.jsonl", CONFLICT, "record", id="r", published=str(value), fetched=NOW)
    x = process(raw)
    assert x.article.text and x.article.published_date == day
    if day is None:
        assert errors.BAD_DATE in _codes(x)
    if value in ("yesterday", "1 day ago"):
        assert errors.RELATIVE_DATE in _codes(x)


def test_2_integer_date_is_accepted_at_read(tmp_path):
    items = list(read_paths([str(_jsonl(tmp_path / "i.jsonl", {"id": "i", "text": CONFLICT, "published": 20160217}))]))
    assert isinstance(items[0], RawDocument) and items[0].published == "20160217"


def test_2_relative_date_only_when_the_page_gives_none():
    text = "Militia Hit In Strike\n\nJune 05, 2017\n\n" + CONFLICT
    x = process(RawDocument("r.txt", text, "record", id="rel", published="yesterday", fetched=NOW))
    assert x.article.published == date(2017, 6, 5) and errors.RELATIVE_DATE not in _codes(x)


# ---- 3. one bad line never stops a batch ---------------------------------------------------------


def test_3_deeply_nested_line_is_one_failure_and_the_batch_goes_on(tmp_path, capsys):
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"id": "a", "text": NEUTRAL}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                    + json.dumps({"id": "b", "text": NEUTRAL}) + "\n", encoding="utf-8")
    out = [to_contract(x) for x in process_all(read_paths([str(path)]))]
    assert [o["article"]["id"] for o in out][::2] == ["a", "b"] and len(out) == 3
    assert out[1]["failures"][0]["code"] == errors.BAD_RECORD and "nested too deeply" in out[1]["failures"][0]["message"]
    db = str(tmp_path / "d.sqlite")
    assert _ingest([str(path), "--db", db, "--no-progress"]) == 0
    assert "2 stored" in capsys.readouterr().err


def test_3_ingest_extractions_bad_lines_and_missing_span_start_are_failures(tmp_path, capsys):
    broken = sample_doc(5)
    del broken["events"][0]["claims"][0]["start"]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join([json.dumps(sample_doc(3)), "{not json", "[" * 5000 + "]" * 5000, json.dumps(broken),
                               json.dumps(sample_doc(4))]) + "\n", encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    assert _ingest([str(path), "--db", db, "--extractions", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "2 stored" in err and "3 failure(s)" in err
    with open_store(db) as s:
        fails = s.failures()
        assert any("claims[0]" in f["message"] and "start" in f["message"] for f in fails)
        assert all(f["article_id"] and f["stage"] and f["code"] for f in fails)


# ---- 4. silent losses ----------------------------------------------------------------------------


def test_4_duplicate_ids_in_one_batch_are_refused_with_a_failure(tmp_path, capsys):
    path = _jsonl(tmp_path / "dup.jsonl", {"id": "same", "text": CONFLICT}, {"id": "same", "text": NEUTRAL})
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], RawDocument) and isinstance(items[1], Failure)
    assert items[1].code == errors.DUPLICATE_ID
    db = str(tmp_path / "dup.sqlite")
    assert _ingest([str(path), "--db", db, "--no-progress"]) == 0
    assert "1 stored" in capsys.readouterr().err
    with open_store(db) as s:
        assert any(f["code"] == errors.DUPLICATE_ID for f in s.failures())


def test_4_invalid_utf8_is_repaired_where_it_stands(tmp_path):
    text = f"Militia Hit In Strike\n\n{CONFLICT} “Quoted” — café.\n".encode()
    path = tmp_path / "bad.txt"
    path.write_bytes(text[:60] + b"\xff\xfe\xc3" + text[60:])
    x = next(process_all(read_paths([str(path)])))
    assert "“Quoted” — café" in x.article.text and "â€" not in x.article.text
    assert "\ufffd" in x.article.text and errors.TEXT_REPAIRED in _codes(x)


def test_4_stray_nul_and_utf16_without_bom_are_read(tmp_path):
    story = f"Militia Hit In Strike\n\n{CONFLICT}\n"
    (tmp_path / "nul.txt").write_bytes(story.encode()[:30] + b"\x00" + story.encode()[30:])
    (tmp_path / "u16.txt").write_bytes(story.encode("utf-16-le"))
    for name, code in (("nul.txt", errors.NUL_REMOVED), ("u16.txt", errors.UTF16_WITHOUT_BOM)):
        x = next(process_all(read_paths([str(tmp_path / name)])))
        assert "drone strike killed four" in x.article.text and code in _codes(x), name


def test_4_bidi_controls_are_stripped_before_offsets(tmp_path):
    x = process(RawDocument("b.txt", "Militia \u202eHit\u202c In Strike\n\n\u202e" + CONFLICT, "text"))
    assert "\u202e" not in x.article.text and "\u202e" not in (x.article.title or "")
    assert errors.BIDI_REMOVED in _codes(x)
    doc = to_contract(x)
    for p in doc["places"]:
        assert doc["article"]["text"][p["start"]:p["end"]] == p["text"]


# ---- 5. size ---------------------------------------------------------------------------------------


def test_5_max_chars_is_enforced_at_a_boundary():
    from wirewatch.config import PipelineConfig

    text = "\n\n".join(f"Paragraph {i}. {NEUTRAL}" for i in range(200))
    x = process(RawDocument("long.txt", text, "text"), config=PipelineConfig(max_chars=5_000))
    assert len(x.article.text) <= 5_000 and x.article.text.endswith(".")
    assert errors.TEXT_CUT in _codes(x)


def test_5_a_5_mb_single_line_is_processed_without_e088():
    x = process(RawDocument("line.txt", (CONFLICT + " ") * 27_000, "text"))
    assert x.article.text and not [f for f in x.failures if f.code == "W900" or "E088" in f.message]
    assert errors.TEXT_CUT in _codes(x) and x.events


# ---- 9. folder ingest --------------------------------------------------------------------------------


def test_9_folder_ingest_skips_expected_json_sidecars():
    demo = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "data" / "demo"
    items = list(read_paths([str(demo)]))
    sidecars = sorted(demo.glob("*.expected.json"))
    assert sidecars and not any("expected.json" in getattr(i, "source", "") or "expected.json" in str(
        getattr(i, "article_id", "")) for i in items)
    assert len(items) == len(sorted(demo.glob("*.txt"))) and all(isinstance(i, RawDocument) for i in items)
