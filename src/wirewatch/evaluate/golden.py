"""Check one extraction-contract output against a golden article's expected facts.

The format is ``../shared/GOLDEN.md`` plus two additions documented in ``docs/golden.md``
(``max_events`` and ``text_near`` inside ``events_must``).  ``check(output, expected)``
returns one :class:`CheckResult` per check; a failure names the closest event and the
keys it missed.  ``strip_chrome(text)`` removes the page-chrome lines GOLDEN.md lists, so
the same checks can run a second time on the bare story.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .golden_keys import EVENT_KEYS, META_KEYS, KeyOutcome, event_date, haversine_km, item_outcomes

ARTICLE_KEYS = ("title", "published", "outlet_or_agency_any", "tags_include", "body_must_not_contain")
TOP_KEYS = frozenset({"about", "source", "notes", "article", "events_must", "events_must_not", "max_events"})
MAX_OCCURRED = re.compile(r"^max_occurred_events_on_(\d{4}-\d{2}-\d{2})_in_([A-Z]{2})$")

__all__ = ["CheckResult", "KeyOutcome", "check", "validate_expected", "strip_chrome", "haversine_km"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check of one expected fact.

    ``check`` names the fact (``events_must[0] (the strike itself)``), ``key`` its kind
    (``article.title``, ``events_must``, ``max_occurred_events`` ...), ``event`` the index of
    the matched event (pass) or the closest or offending event (fail), ``failed_keys`` the
    keys that event missed and ``outcomes`` every key's result on it.
    """

    check: str
    key: str
    passed: bool
    message: str = ""
    event: int | None = None
    failed_keys: tuple[str, ...] = ()
    outcomes: tuple[KeyOutcome, ...] = ()

    def __str__(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'} {self.check}" + (f": {self.message}" if self.message else "")


# ---------------------------------------------------------------- validation of the expected facts


def _item_problems(where: str, item: Any, must_not: bool) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: expected an object, got {type(item).__name__}"]
    problems = [f"{where}: unknown key {k!r}" for k in item if k not in EVENT_KEYS and k not in META_KEYS]
    checked = [k for k in item if k in EVENT_KEYS]
    if not checked:
        problems.append(f"{where}: no checkable key (it would match {'every' if must_not else 'any'} event)")
    if ("lon" in item or "max_km" in item) and not {"lat", "lon", "max_km"} <= set(item):
        problems.append(f"{where}: lat, lon and max_km go together")
    for k in checked:
        if k.endswith("_any") and not (isinstance(item[k], list) and item[k]
                                       and all(isinstance(s, str) for s in item[k])):
            problems.append(f"{where}.{k}: expected a non-empty list of strings")
    for claim in item.get("claims_must", []):
        if not (isinstance(claim, dict) and {"field", "value"} <= set(claim)):
            problems.append(f"{where}.claims_must: each claim needs 'field' and 'value', got {claim!r}")
    return problems


def validate_expected(expected: dict[str, Any], name: str = "expected") -> list[str]:
    """Problems with an expected-facts object (unknown keys, malformed items); empty when fine."""
    problems: list[str] = []
    for k in expected:
        if k not in TOP_KEYS and not MAX_OCCURRED.match(k):
            problems.append(f"{name}: unknown top-level key {k!r}")
    for k in expected.get("article", {}):
        if k not in ARTICLE_KEYS:
            problems.append(f"{name}: unknown article key {k!r}")
    for section, must_not in (("events_must", False), ("events_must_not", True)):
        for i, item in enumerate(expected.get(section, [])):
            problems += _item_problems(f"{name}: {section}[{i}]", item, must_not)
    for k, v in expected.items():
        if (k == "max_events" or MAX_OCCURRED.match(k)) and not (isinstance(v, int) and v >= 0):
            problems.append(f"{name}: {k} must be a non-negative integer, got {v!r}")
    return problems


# ---------------------------------------------------------------- article checks


def _norm_space(s: str) -> str:
    return " ".join(s.split())


def _parse_when(value: str) -> date | datetime:
    value = value.strip()
    if len(value) == 10:
        return date.fromisoformat(value)
    return datetime.fromisoformat(value)


def same_published(expected: str, got: str | None) -> tuple[bool, str]:
    """Same instant in any offset notation; a date-only expectation compares the (local) date."""
    if not got:
        return False, "published is null"
    try:
        want, have = _parse_when(expected), _parse_when(got)
    except ValueError:
        return False, f"published {got!r} is not ISO 8601"
    if not isinstance(want, datetime):
        have_day = have.date() if isinstance(have, datetime) else have
        return have_day == want, f"got {got}"
    if not isinstance(have, datetime):
        return False, f"got the date {got} without a time"
    if (want.tzinfo is None) != (have.tzinfo is None):
        if want.tzinfo is not None:
            return False, f"got {got} without a UTC offset"
        return want == have.replace(tzinfo=None), f"got {got}"
    return want == have, f"got {got}"


def _article_check(key: str, want: Any, art: dict[str, Any]) -> CheckResult:
    name = f"article.{key}"
    if key == "title":
        got = art.get("title")
        ok = got is not None and _norm_space(got) == _norm_space(want)
        return CheckResult(name, name, ok, "" if ok else f"expected {want!r}, got {got!r}")
    if key == "published":
        ok, detail = same_published(want, art.get("published"))
        return CheckResult(name, name, ok, "" if ok else f"expected {want}, {detail}")
    if key == "outlet_or_agency_any":
        have = [v for v in (art.get("outlet"), art.get("agency")) if v]
        ok = any(_norm_space(h).casefold() == _norm_space(w).casefold() for h in have for w in want)
        return CheckResult(name, name, ok, "" if ok else f"expected one of {want}, got outlet/agency {have}")
    if key == "tags_include":
        tags = {str(t).casefold() for t in art.get("tags") or []}
        missing = tuple(t for t in want if t.casefold() not in tags)
        msg = f"missing tags {list(missing)}; tags are {sorted(tags)}" if missing else ""
        return CheckResult(name, name, not missing, msg, failed_keys=missing)
    text = _norm_space(art.get("text") or "")
    leaked = tuple(s for s in want if _norm_space(s) in text)
    return CheckResult(name, name, not leaked, f"page chrome leaked into the body: {list(leaked)}" if leaked else "",
                       failed_keys=leaked)


# ---------------------------------------------------------------- event checks


def describe_event(index: int, ev: dict[str, Any]) -> str:
    """A one-line summary of an output event for failure messages."""
    d = event_date(ev)
    loc = ev.get("location") or {}
    actors = ", ".join(f"{a.get('role')}={a.get('name')}" for a in ev.get("actors") or [])
    when = f"{d[0]}..{d[1]}" if d else "no date"
    where = f"{loc.get('name')} {loc.get('country_code')}" if loc else "no place"
    return (f"event #{index} [{ev.get('status')} | {ev.get('event_type')} / {ev.get('sub_event_type')} | "
            f"{when} | {where} | {actors or 'no actors'}]")


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching item -> event (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(item: int, seen: set[int]) -> bool:
        for ev in candidates[item]:
            if ev in seen:
                continue
            seen.add(ev)
            if ev not in owner or augment(owner[ev], seen):
                owner[ev] = item
                return True
        return False

    for item in range(len(candidates)):
        augment(item, set())
    return {item: ev for ev, item in owner.items()}


def _label(section: str, i: int, item: dict[str, Any]) -> str:
    tag = item.get("name") or item.get("why")
    return f"{section}[{i}]" + (f" ({tag})" if tag else "")


def _failed(outcomes: tuple[KeyOutcome, ...]) -> tuple[str, ...]:
    return tuple(o.key for o in outcomes if not o.ok)


def _must_results(items: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[CheckResult]:
    table = [[item_outcomes(ev, item) for ev in events] for item in items]
    candidates = [[j for j, outs in enumerate(row) if all(o.ok for o in outs)] for row in table]
    matching = _max_matching(candidates)
    results = []
    for i, item in enumerate(items):
        label = _label("events_must", i, item)
        if i in matching:
            j = matching[i]
            results.append(CheckResult(label, "events_must", True, f"matched {describe_event(j, events[j])}",
                                       event=j, outcomes=table[i][j]))
            continue
        if not events:
            results.append(CheckResult(label, "events_must", False, "the output has no events"))
            continue
        if candidates[i]:
            j = candidates[i][0]
            msg = (f"every matching event ({', '.join(f'#{c}' for c in candidates[i])}) is needed by another "
                   f"must-have item; a distinct event is required")
            results.append(CheckResult(label, "events_must", False, msg, event=j, outcomes=table[i][j]))
            continue
        j = max(range(len(events)), key=lambda k: (sum(o.ok for o in table[i][k]), -k))
        failed = _failed(table[i][j])
        detail = "; ".join(str(o) for o in table[i][j] if not o.ok)
        msg = f"no event matches; closest is {describe_event(j, events[j])}, which fails {detail}"
        results.append(CheckResult(label, "events_must", False, msg, event=j, failed_keys=failed,
                                   outcomes=table[i][j]))
    return results


def _evidence_hint(ev: dict[str, Any]) -> str:
    spans = ev.get("evidence") or []
    return f' (evidence: "{_norm_space(spans[0].get("text", ""))[:120]}")' if spans else ""


def _must_not_results(items: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[CheckResult]:
    results = []
    for i, item in enumerate(items):
        label = _label("events_must_not", i, item)
        offenders = [j for j, ev in enumerate(events) if all(o.ok for o in item_outcomes(ev, item))]
        if not offenders:
            results.append(CheckResult(label, "events_must_not", True))
            continue
        j = offenders[0]
        msg = f"{describe_event(j, events[j])} matches every key of this must-not{_evidence_hint(events[j])}"
        if len(offenders) > 1:
            msg += f" (also events {', '.join(f'#{k}' for k in offenders[1:])})"
        results.append(CheckResult(label, "events_must_not", False, msg, event=j,
                                   outcomes=item_outcomes(events[j], item)))
    return results


def _count_results(expected: dict[str, Any], events: list[dict[str, Any]]) -> list[CheckResult]:
    results = []
    for key, limit in expected.items():
        m = MAX_OCCURRED.match(key)
        if key == "max_events":
            found = list(range(len(events)))
            kind = "max_events"
        elif m:
            day, cc = m.groups()
            found = [j for j, ev in enumerate(events) if ev.get("status") == "occurred"
                     and _covers(ev, day) and (ev.get("location") or {}).get("country_code") == cc]
            kind = "max_occurred_events"
        else:
            continue
        ok = len(found) <= limit
        msg = "" if ok else (f"{len(found)} events (at most {limit} allowed): "
                             + "; ".join(describe_event(j, events[j]) for j in found))
        results.append(CheckResult(key, kind, ok, msg, event=None if ok else found[0]))
    return results


def _covers(ev: dict[str, Any], day: str) -> bool:
    d = event_date(ev)
    return d is not None and d[0] <= day <= d[1]


def check(output: dict[str, Any], expected: dict[str, Any]) -> list[CheckResult]:
    """Every check of ``expected`` (GOLDEN.md format) on one extraction-contract object."""
    problems = validate_expected(expected)
    if problems:
        raise ValueError("malformed expected facts: " + "; ".join(problems))
    art = output.get("article") or {}
    events = [ev for ev in output.get("events") or [] if isinstance(ev, dict)]
    results = [_article_check(k, v, art) for k, v in (expected.get("article") or {}).items()]
    results += _must_results(expected.get("events_must", []), events)
    results += _must_not_results(expected.get("events_must_not", []), events)
    results += _count_results(expected, events)
    return results


# ---------------------------------------------------------------- page chrome

_CHROME: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("filter chip", lambda s: len(s) < 200 and s.endswith("×")),
    ("tags", lambda s: re.match(r"(?i)tags?\s*:", s) is not None),
    ("photo credit", lambda s: re.search(r"\([A-Za-z][^()\n]{0,60}/\s*[A-Za-z][^()\n]{0,40}\)$", s) is not None),
    ("copyright", lambda s: re.match(r"(?i)(©|\(c\)\s|copyright\b)", s) is not None),
)


def chrome_kind(line: str) -> str | None:
    """Which kind of page chrome a line is (``None`` for story text)."""
    s = line.strip()
    if not s:
        return None
    return next((kind for kind, test in _CHROME if test(s)), None)


def strip_chrome(text: str) -> str:
    """The text without its filter-chip, ``Tags:``, photo-caption-with-credit and copyright lines."""
    return "".join(line for line in text.splitlines(keepends=True) if chrome_kind(line) is None)
