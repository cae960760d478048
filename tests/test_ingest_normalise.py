"""Normalisation: page chrome apart from the story, published, outlet and agency, HTML, records, errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch import errors
from wirewatch.errors import InputError
from wirewatch.ingest import article_id, normalise
from wirewatch.ingest.chrome import classify, line_kind
from wirewatch.ingest.normalise import normalise_noted
from wirewatch.ingest.sources import attribute, footer_source
from wirewatch.model import Article, RawDocument

PAGE = """\
topic iraq ×  date 2025-03-02 ×
Tags: Iraq | Drone Strike | Kirkuk

Drone Strike Hits Convoy Near Kirkuk

By Sara Haddad

Smoke rises over the highway south of the city after the strike. (Omar Khalil/AFP)

Sunday, 02 March 2025 06:15 PM AST

KIRKUK, Iraq (AFP) - A drone struck a convoy of armed men on the highway south of Kirkuk on Sunday,
killing three of them, two security officials said.

Local response

The provincial council called an emergency meeting. AFP could not independently verify the toll.

WATCH: Footage of the convoy
Video size
width
x
height
pixels
Convoy struck near Kirkuk
Share this video
0:01:10
▶
Direct link
360p | 2.1MB

Advertisement

FILE - Iraqi soldiers stand guard near Kirkuk, Iraq, May 1, 2024.

© 2025 Agence France-Presse. All rights reserved.
"""


def _text(content: str, **kw: object) -> Article:
    return normalise(RawDocument(source=str(kw.pop("source", "page.txt")), content=content,
                                 kind=kw.pop("kind", "text"), **kw))  # type: ignore[arg-type]


def test_page_chrome_is_separated_from_the_story() -> None:
    a = _text(PAGE)
    assert a.title == "Drone Strike Hits Convoy Near Kirkuk"
    assert a.byline == "Sara Haddad"
    assert a.given_tags == ("iraq", "drone strike", "kirkuk")
    assert a.published == datetime(2025, 3, 2, 18, 15, tzinfo=timezone(timedelta(hours=3)))
    assert (a.agency, a.outlet, a.dateline_place) == ("AFP", None, "Kirkuk")
    assert a.text == (
        "KIRKUK, Iraq (AFP) - A drone struck a convoy of armed men on the highway south of Kirkuk on Sunday, "
        "killing three of them, two security officials said.\n\nLocal response\n\n"
        "The provincial council called an emergency meeting. AFP could not independently verify the toll.")
    assert a.captions == (
        "Smoke rises over the highway south of the city after the strike. (Omar Khalil/AFP)",
        "WATCH: Footage of the convoy", "Convoy struck near Kirkuk",
        "FILE - Iraqi soldiers stand guard near Kirkuk, Iraq, May 1, 2024.")


@pytest.mark.parametrize(("line", "kind"), [
    ("date 2024-01-04 ×", "chip"), ("Tags: us | military", "tags"), ("Topics: Iraq, Syria", "tags"),
    ("Members of a militia stand outside. (Hadi Mizban/AP)", "caption"),
    ("A man walks past rubble. REUTERS/Ahmed Saad", "caption"), ("FILE PHOTO: A tank in Idlib", "caption"),
    ("© 2024 Thomson/Reuters. All rights reserved.", "footer"), ("Copyright 2023 The Associated Press.", "footer"),
    ("Reporting by Ahmed Rasheed; Editing by Jane Doe", "credit"),
    ("Associated Press writer Bassem Mroue in Beirut contributed to this report.", "credit"),
    ("0:00:30", "widget"), ("/0:00:30", "widget"), ("270p | 1.5MB", "widget"), ("▶", "widget"),
    ("Share this video", "widget"), ("Advertisement", "junk"), ("READ MORE: Iraq's militias", "junk"),
    ("June 04, 2014", "timestamp"), ("Thursday, 04 January 2024 09:40 AM EST", "timestamp"),
    ("Police said two rockets hit the base (one of them at 0:30 local time).", "text"),
    ("Insufficient response", "text"), ("Video footage published by websites showed a vehicle.", "text"),
])
def test_line_kinds(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_widget_title_between_widget_lines_is_not_story() -> None:
    assert classify(["pixels", "Britain PM May: 'Enough is Enough'", "", "Share this video"])[1] == "caption"
    assert classify(["Intro text.", "A subhead", "Body."])[1] == "text"


def test_outlet_and_agency_evidence() -> None:
    assert footer_source("© 2024 Thomson/Reuters. All rights reserved.") == "Reuters"
    assert footer_source("Copyright © 2021 Newsmax Media, Inc. All rights reserved.") == "Newsmax"
    assert footer_source("© 2022 Kabul Daily Ltd. All rights reserved.") == "Kabul Daily"
    # interview phrases decide only when they name one publisher and nothing stronger exists
    assert attribute("A US official told Al-Monitor. A rebel told Al-Monitor.").outlet == "Al-Monitor"
    assert attribute("An official told VOA. A friend told the BBC.") == attribute("")
    assert attribute("Sources told Reuters the toll rose.").agency == "Reuters"
    assert attribute("Tass news agency reported the deaths, Al-Monitor reported.") == attribute("")
    got = attribute("He told the BBC.", footers=["© 2024 Thomson/Reuters."])
    assert (got.agency, got.outlet) == ("Reuters", None)
    got = attribute("Body.", outlet="The Daily Star", dateline_agency="AP")
    assert (got.outlet, got.agency) == ("The Daily Star", "AP")


def test_byline_names_and_credit() -> None:
    a = _text("Militias Clash in Tripoli\n\nBy JOHN SMITH, Associated Press\n\nArmed groups clashed overnight.")
    assert (a.title, a.byline, a.agency, a.text) == ("Militias Clash in Tripoli", "JOHN SMITH", "AP",
                                                     "Armed groups clashed overnight.")
    b = _text("Headline Of The Day\n\nBy Monday, the toll had risen to 12.\n\nMore text.")
    assert b.byline is None and b.text.startswith("By Monday, the toll")


def test_record_fields_win() -> None:
    a = normalise(RawDocument(source="batch.jsonl", kind="record", id="rec-1", title="Clashes in Tripoli",
                              content="Clashes in Tripoli\nTRIPOLI (Reuters) - Armed groups clashed overnight.",
                              published="2023-08-15T06:00:00+02:00", url="https://example.org/a",
                              outlet="Libya Observer", tags=("Libya", "Clashes")))
    assert a.id == "rec-1" and a.title == "Clashes in Tripoli"
    assert a.text == "TRIPOLI (Reuters) - Armed groups clashed overnight."
    assert a.published == datetime(2023, 8, 15, 4, tzinfo=UTC)
    assert (a.outlet, a.agency, a.url, a.given_tags) == ("Libya Observer", "Reuters", "https://example.org/a",
                                                         ("libya", "clashes"))
    assert normalise(RawDocument("b.jsonl", "Body text here.", "record", id="2", published="2023-08-15")
                     ).published == date(2023, 8, 15)


def test_published_precedence_and_unknown() -> None:
    zoned = "Title Here Today\n\nJune 05, 2017\n\nMonday 05 June 2017 10:00 BST\n\nStory text."
    assert _text(zoned).published == datetime(2017, 6, 5, 9, 0, tzinfo=UTC)
    assert _text("Title Here Today\n\nJune 05, 2017\n\nStory text.").published == date(2017, 6, 5)
    assert _text("Story text that mentions June 5, 2017 in a sentence.").published is None
    # an unreadable record date no longer loses the article (issue #15): unknown, with a W107 warning
    article, notes = normalise_noted(RawDocument("b.jsonl", "Story.", "record", id="9", published="last Tuesday"))
    assert article.published is None and article.text == "Story."
    assert [(n.code, n.stage) for n in notes] == [(errors.BAD_DATE, "normalise")] and "last Tuesday" in notes[0].message


HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Militia depot hit by drone near Baghdad | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="og:title" content="Militia depot hit by drone near Baghdad">
<meta property="article:published_time" content="2024-01-04T16:40:00+03:00">
<meta name="author" content="Omar Farouk">
<script>window.dataLayer = [{"tracking": "SCRIPT-JUNK"}]; function x() { return "SCRIPT-JUNK"; }</script>
<style>.nav { color: red }</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World NAV-JUNK</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/login">Sign in</a></li></ul></nav></header>
<main><article>
<h1>Militia depot hit by drone near Baghdad</h1>
<p>BAGHDAD (Reuters) - A drone strike hit a weapons depot used by an Iraqi militia near Baghdad on Thursday,
killing two fighters and wounding three others, police sources said.</p>
<p>The group's spokesperson threatened to retaliate against the United States for the attack.</p>
<p>Reuters could not independently verify video footage that showed a fire at the site.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">ASIDE-JUNK celebrity story</a></li></ul></aside>
<footer><p>© 2024 Example Times. All rights reserved. FOOTER-JUNK</p></footer>
</body></html>"""


def test_html_page() -> None:
    a = normalise(RawDocument(source="page.html", content=HTML, kind="html"))
    assert a.title == "Militia depot hit by drone near Baghdad"
    assert a.published == datetime(2024, 1, 4, 13, 40, tzinfo=UTC)
    assert (a.outlet, a.agency, a.byline, a.dateline_place) == ("Example Times", "Reuters", "Omar Farouk", "Baghdad")
    assert a.text.startswith("BAGHDAD (Reuters) - A drone strike hit a weapons depot")
    assert a.text.count("\n\n") == 2  # three paragraphs, separated by blank lines
    for junk in ("SCRIPT-JUNK", "NAV-JUNK", "ASIDE-JUNK", "FOOTER-JUNK", "Sign in", "color: red"):
        assert junk not in a.text


def test_html_without_a_story_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        normalise(RawDocument(source="blank.html", kind="html",
                              content="<html><head><script>var a = 1;</script></head><body></body></html>"))
    assert exc.value.code == errors.BAD_HTML and "blank.html" in str(exc.value)


@pytest.mark.parametrize("content", ["", "   \n\t\n", "\x00\x00", "Tags: a | b\n© 2024 X. All rights reserved."])
def test_empty_inputs_raise(content: str) -> None:
    with pytest.raises(InputError) as exc:
        _text(content, source="empty.txt")
    assert exc.value.code == errors.EMPTY_INPUT and "empty.txt" in str(exc.value)


def test_hard_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    wrapped = ("Gunmen attacked a police checkpoint on the outskirts of the\n"
               "town late on Tuesday, killing two officers and wounding a\n"
               "third, according to a statement from the interior ministry.\n\n"
               "The ministry said an investigation was under way.")
    a = _text(wrapped)
    assert a.text == ("Gunmen attacked a police checkpoint on the outskirts of the town late on Tuesday, killing "
                      "two officers and wounding a third, according to a statement from the interior ministry.\n\n"
                      "The ministry said an investigation was under way.")


def test_all_caps_wire_copy_is_one_paragraph_without_a_title() -> None:
    caps = ("THE NAVY\nSAID TODAY THAT REBELS FIRED ON A PATROL BOAT NEAR THE PORT, WOUNDING\n"
            "TWO SAILORS, AND THAT THE BOAT RETURNED FIRE.\n\n   THE REBELS FLED.")
    a = _text(caps)
    assert a.title is None
    assert a.text == ("THE NAVY SAID TODAY THAT REBELS FIRED ON A PATROL BOAT NEAR THE PORT, WOUNDING TWO SAILORS, "
                      "AND THAT THE BOAT RETURNED FIRE.\n\nTHE REBELS FLED.")


def test_glued_sentences_get_a_space() -> None:
    assert _text("Seven people were shot, officials said.The shooting occurred at night.").text == (
        "Seven people were shot, officials said. The shooting occurred at night.")


def test_article_id_is_stable_and_short() -> None:
    a = article_id("/some/where/story.txt", "Body  text\n\nhere.")
    assert a == article_id("story.txt", "Body text here.") and len(a) == 16
    assert a != article_id("other.txt", "Body text here.")
    code = "from wirewatch.ingest import article_id; print(article_id('story.txt', 'Body text here.'))"
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": seed, "PATH": ""})
        assert out.stdout.strip() == a


def test_long_page_keeps_every_paragraph() -> None:
    # speed is measured by `wirewatch bench`, not here; this checks a long page is read whole
    body = "\n\n".join(f"Paragraph {i}: police said the strike on the depot killed {i} fighters." for i in range(70))
    a = _text(PAGE + "\n" + body)
    paragraphs = a.text.split("\n\n")
    assert paragraphs[-70:] == body.split("\n\n")
    assert a.title == "Drone Strike Hits Convoy Near Kirkuk" and a.agency == "AFP"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
       | st.lists(st.sampled_from(PAGE.splitlines() + ["", "\x00", "==See also==", "*item[1]", "×"]),
                  max_size=30).map("\n".join))
def test_normalise_never_crashes(content: str) -> None:
    try:
        a = _text(content)
    except InputError as exc:
        assert exc.code.startswith("W1")
        return
    assert "\x00" not in a.text and a.text.strip() == a.text and a.text
    assert a.id == _text(content).id
