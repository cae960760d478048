"""Issue #15: the generated hostile corpus (over a thousand inputs) through read, pipeline, store,
fusion, search and every export: no crash, no silent drop, every failure names input, stage and problem."""

from __future__ import annotations

import json

from wirewatch.bench.hostile import hostile_inputs, run_hostile, write_inputs
from wirewatch.contract import validation_errors


def test_hostile_corpus(tmp_path):
    inputs = hostile_inputs()
    assert len(inputs) >= 1000
    report = run_hostile(write_inputs(inputs, tmp_path / "in"), str(tmp_path / "hostile.sqlite"))
    summary = report.summary()
    (tmp_path / "summary.json").write_text(json.dumps(summary, indent=2))
    assert not report.crashes, "\n".join(report.crashes[:5])
    assert not report.silent, report.silent[:10]
    assert not report.unnamed, report.unnamed[:5]
    assert report.outputs >= report.inputs and report.stored > 300
    for code in ("W104", "W107", "W108", "W110", "W120", "W121", "W122", "W123", "W124"):
        assert summary["failures_by_code"].get(code), f"no input exercised {code}"


def test_hostile_outputs_follow_the_contract(shared, tmp_path):
    """Every output line for a hostile input is still a valid ``wirewatch.extraction/1`` document."""
    from wirewatch.contract import to_contract
    from wirewatch.ingest.read import read_paths
    from wirewatch.pipeline import process_all

    sample = [h for h in hostile_inputs(mutations=0) if len(h.data) < 20_000][:150]
    for path in write_inputs(sample, tmp_path / "in"):
        for x in process_all(read_paths([str(path)])):
            errors = validation_errors(to_contract(x))
            assert not errors, (path.name, errors[:3])
