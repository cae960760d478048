"""Filters -> parameterised SQL ``WHERE`` clauses, shared by the SQL backends.

Conditions through other tables are uncorrelated ``IN (SELECT ...)`` sub-queries (each
computed once, using the indexes) rather than correlated ``EXISTS`` that the planner may
run per row.  Every value travels as a bound parameter (``?`` here; a backend with another
paramstyle rewrites the placeholder).  Only full text differs between backends,
so it comes from a :class:`Dialect`.  Table aliases: ``e`` events, ``a`` articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import dates
from .filters import Filters

Clause = tuple[str, list[object]]


@dataclass(frozen=True, slots=True)
class Dialect:
    """Backend-specific SQL fragments: full-text conditions taking one query parameter."""

    article_fts: str  # condition on alias ``a``
    event_fts: str  # condition on alias ``e``
    unnest: str = "json_each(f.vals) u"  # the values of ``event_facets f`` as rows ``u.value``
    binary: str = ""  # a byte-order collation for sorting ``event_facets`` strings
    # read the events that end after they start from their partial index (SQLite's planner would walk
    # the date index instead: it cannot tell the partial index is a few thousand rows)
    multiday: str = " INDEXED BY events_multiday"


SQLITE = Dialect(
    article_fts="a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
    event_fts="e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)",
)

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[\w'’-]+\*?", re.UNICODE)


def fts_query(q: str) -> str | None:
    """A safe FTS5 query: every word or "quoted phrase" becomes a quoted string, AND-ed.

    Operators and punctuation typed by the user are never passed through, so no input
    can make a syntax error or reach another column; ``word*`` keeps a prefix search.
    """
    parts: list[str] = []
    for m in _TOKEN.finditer(q):
        if m.group(1) is not None:
            words = _WORD.findall(m.group(1))
            if words:
                parts.append('"' + " ".join(w.rstrip("*") for w in words) + '"')
            continue
        for w in _WORD.findall(m.group(2)):
            star = w.endswith("*")
            w = w.rstrip("*").strip("'’-")
            if w:
                parts.append(f'"{w}"' + ("*" if star else ""))
    return " ".join(parts[:32]) or None


def _in(col: str, values: tuple[str, ...]) -> Clause:
    return f"{col} IN ({', '.join('?' * len(values))})", list(values)


def _outlet_article(values: tuple[str, ...], alias: str) -> Clause:
    marks = ", ".join("?" * len(values))
    return f"({alias}.outlet IN ({marks}) OR {alias}.agency IN ({marks}))", [*values, *values]


def event_only_clauses(f: Filters) -> list[Clause]:
    """Conditions on the event row itself (alias ``e``)."""
    out: list[Clause] = [("e.fused_into IS NULL", [])]
    for col, values in (("e.country_code", f.countries), ("e.admin1", f.admin1),
                        ("e.event_type", f.event_types), ("e.sub_event_type", f.sub_event_types),
                        ("e.status", f.statuses)):
        if values:
            out.append(_in(col, values))
    for name in f.actors:
        out.append(("e.id IN (SELECT x.event_id FROM event_actors x WHERE x.name = ?)", [name]))
    if f.min_fatalities is not None:
        out.append(("e.fatalities_best >= ?", [f.min_fatalities]))
    if f.max_fatalities is not None:
        out.append(("e.fatalities_best <= ?", [f.max_fatalities]))
    if f.bbox:
        w, s, east, n = f.bbox
        out.append(("e.lat BETWEEN ? AND ?", [s, n]))
        if w <= east:
            out.append(("e.lon BETWEEN ? AND ?", [w, east]))
        else:  # crosses the antimeridian
            out.append(("(e.lon >= ? OR e.lon <= ?)", [w, east]))
    return out


def event_clauses(f: Filters, d: Dialect, max_span_days: int | None = None) -> list[Clause]:
    """All conditions for the event list: event fields, event date, text, and article-level filters."""
    out = event_only_clauses(f)
    q = fts_query(f.q) if f.q else None
    if q:
        out.append((d.event_fts, [q]))
    out += _event_dates(f, max_span_days)
    for tag in f.tags:
        out.append(("e.id IN (SELECT ea.event_id FROM article_tags t JOIN event_articles ea"
                     " ON ea.article_id = t.article_id WHERE t.tag = ?)", [tag]))
    if f.outlets:
        cond, params = _outlet_article(f.outlets, "a2")
        out.append(("e.id IN (SELECT ea.event_id FROM articles a2 JOIN event_articles ea ON ea.article_id = a2.id"
                    f" WHERE {cond})", params))
    return out


def article_clauses(f: Filters, d: Dialect, max_span_days: int | None = None) -> list[Clause]:
    """All conditions for the article list.

    With an event-level filter (country, type, actor ...) the list holds the articles that
    report a matching event, and a date window applies to that event's date; otherwise the
    date window applies to the publication date (the seed page's ``date 2024-01-04``).
    """
    out: list[Clause] = []
    q = fts_query(f.q) if f.q else None
    if q:
        out.append((d.article_fts, [q]))
    if f.event_level:
        sql, params = join(event_only_clauses(f) + _event_dates(f, max_span_days))
        out.append(("a.id IN (SELECT ea.article_id FROM events e JOIN event_articles ea ON ea.event_id = e.id"
                    f" WHERE {sql})", params))
    else:
        if f.since:
            out.append(("a.published_date >= ?", [f.since.isoformat()]))
        if f.until:
            out.append(("a.published_date <= ?", [f.until.isoformat()]))
    for tag in f.tags:
        out.append(("a.id IN (SELECT t.article_id FROM article_tags t WHERE t.tag = ?)", [tag]))
    if f.outlets:
        out.append(_outlet_article(f.outlets, "a"))
    return out


def _event_dates(f: Filters, max_span_days: int | None = None) -> list[Clause]:
    """Interval overlap with the window; ``max_span_days`` (the longest stored event span) adds an
    equivalent lower bound on ``date_start`` so the date indexes scan only the window."""
    out: list[Clause] = []
    if f.since:
        out.append(("e.date_end >= ?", [f.since.isoformat()]))
        if max_span_days is not None:
            out.append(("e.date_start >= ?", [dates.shift(f.since, -max_span_days).isoformat()]))
    if f.until:
        out.append(("e.date_start <= ?", [f.until.isoformat()]))
    return out


def join(clauses: list[Clause]) -> Clause:
    """``c1 AND c2 ...`` with the parameters in order (``1 = 1`` when empty)."""
    if not clauses:
        return "1 = 1", []
    return " AND ".join(c for c, _ in clauses), [p for _, ps in clauses for p in ps]
