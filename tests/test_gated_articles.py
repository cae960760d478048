"""Issue #14: the relevance gate only skips event extraction. An article it turns away still gets its
places, times and tags (by the cheaper annotation without the dependency parser)."""

from __future__ import annotations

from wirewatch.model import RawDocument

BODY = ("Shares rose on Monday in Lisbon after the central bank held its main rate. Traders in Porto said the "
        "decision had been expected since March 3, 2024, and that bank stocks led the gains. ") * 3


def _raw() -> RawDocument:
    return RawDocument(source="x.txt", content=f"Markets rally after rate decision\n\n{BODY}\n", kind="text",
                       tags=("Markets",), published="2024-03-12")


def test_gated_article_gets_places_times_and_tags(resources):
    from wirewatch.pipeline import process
    from wirewatch.scale.relevance import gate_text, is_relevant

    raw = _raw()
    assert not is_relevant(gate_text(None, BODY))[0]  # the gate turns it away ...
    x = process(raw, resources)
    assert x.events == ()  # ... so no event extraction
    places = {(m.span.text, m.location.country_code) for m in x.places if m.location}
    assert ("Lisbon", "PT") in places and ("Porto", "PT") in places
    values = {t.span.text: t.value for t in x.times}
    assert values["Monday"] == "2024-03-11" and values["March 3, 2024"] == "2024-03-03"
    assert "markets" in x.tags and "portugal" in x.tags


def test_gated_article_places_match_the_full_pipeline(resources):
    """The cheaper path (no dependency parser) finds the same places and times here as the full one."""
    from wirewatch.config import PipelineConfig
    from wirewatch.pipeline import process

    gated, full = process(_raw(), resources), process(_raw(), resources, PipelineConfig(relevance_gate=False))
    assert [(m.span, m.location) for m in gated.places] == [(m.span, m.location) for m in full.places]
    assert [(t.span, t.value) for t in gated.times] == [(t.span, t.value) for t in full.times]
