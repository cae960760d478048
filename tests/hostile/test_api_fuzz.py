"""Issue #15: at least 10,000 fuzzed requests through the test client; not one 5xx."""

from __future__ import annotations

from wirewatch.bench.apifuzz import fuzz_app
from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc


def test_api_fuzz_no_server_errors(tmp_path):
    db = str(tmp_path / "fuzz.sqlite")
    with open_store(db) as s:
        for i in range(6):
            s.upsert_extraction(sample_doc(i, events=2))
    result = fuzz_app(db, requests=10_000)
    assert result.requests >= 10_000
    assert not result.server_errors, "\n".join(result.server_errors[:10])
    assert result.statuses[200] > 1000 and result.statuses[400] > 500 and result.statuses[401] > 100
