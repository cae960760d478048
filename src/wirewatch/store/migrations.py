"""Versioned schema migrations for the SQLite backend: an ordered list of plain functions.

Each migration runs in its own transaction and is recorded in ``schema_migrations``;
:func:`migrate` applies the ones a database lacks.  Never edit a released migration:
append a new one.

Fusion-ready design: ``events.kind`` is ``article`` (one article's event) or ``fused``
(many articles' reports merged); ``event_articles`` lists an event's member articles;
``claims`` and ``evidence`` rows carry their own ``article_id``, so a fused event keeps
every claim with offsets into the right article; an article event merged into a fused
one gets ``fused_into`` set and drops out of search.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import StoreError

SCHEMA_V1 = """
CREATE TABLE articles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, published TEXT, published_date TEXT,
    outlet TEXT, agency TEXT, byline TEXT, url TEXT,
    text TEXT NOT NULL, captions TEXT NOT NULL DEFAULT '[]',
    doc_hash TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_date DESC, rid DESC);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_agency ON articles(agency);

CREATE TABLE article_tags (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    pos INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag, article_id);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    name TEXT, admin1 TEXT, admin2 TEXT, country TEXT, country_code TEXT,
    lat REAL, lon REAL, geonames_id INTEGER, precision TEXT, role TEXT, reason TEXT,
    PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT, type TEXT,
    PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;

CREATE TABLE events (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'article',
    fused_into TEXT,
    status TEXT NOT NULL, event_type TEXT, sub_event_type TEXT, cameo TEXT,
    plover_type TEXT, plover_mode TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT, date_text TEXT,
    loc_name TEXT, admin1 TEXT, admin2 TEXT, country TEXT, country_code TEXT,
    lat REAL, lon REAL, geonames_id INTEGER, loc_precision TEXT,
    fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    verification TEXT, confidence REAL NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]', weapons TEXT NOT NULL DEFAULT '[]',
    targets TEXT NOT NULL DEFAULT '[]', reasons TEXT NOT NULL DEFAULT '[]',
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_date ON events(date_start DESC, rid DESC);
CREATE INDEX events_country ON events(country_code, date_start);
CREATE INDEX events_admin1 ON events(admin1);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_sub_type ON events(sub_event_type);
CREATE INDEX events_status ON events(status);
CREATE INDEX events_fatalities ON events(fatalities_best);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_fused ON events(fused_into);

CREATE TABLE event_articles (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, article_id)
) WITHOUT ROWID;
CREATE INDEX event_articles_article ON event_articles(article_id, event_id);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL, country_code TEXT,
    PRIMARY KEY (event_id, idx)
) WITHOUT ROWID;
CREATE INDEX event_actors_name ON event_actors(name, event_id);

CREATE TABLE claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    field TEXT NOT NULL, value INTEGER, qualifier TEXT, claimant TEXT, reported_by TEXT,
    superseded INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, idx)
) WITHOUT ROWID;

CREATE TABLE evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, idx)
) WITHOUT ROWID;

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    article_id TEXT, stage TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    source TEXT, recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX failures_key ON failures(ifnull(article_id, ''), stage, code, message);
CREATE INDEX failures_article ON failures(article_id);
"""

FTS_V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rid', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE VIRTUAL TABLE events_fts USING fts5(
    search_text, content='events', content_rowid='rid', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, search_text) VALUES (new.rid, new.search_text);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE OF search_text ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
    INSERT INTO events_fts(rowid, search_text) VALUES (new.rid, new.search_text);
END;
"""

# Added by the fusion stage (wirewatch.store.fused): a fused event's full record, beside its
# ``events`` row (kind 'fused'), for exports and the event page's disagreements.
FUSED_V3 = """
CREATE TABLE fused_events (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    date_start TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX fused_events_date ON fused_events(date_start);
"""

# Search speed: the longest event date span bounds date-window scans (date_start >= since - span).
META_V6 = """
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO store_meta (key, value)
    SELECT 'max_event_span_days', ifnull(max(CAST(julianday(date_end) - julianday(date_start) AS INTEGER)), 0)
    FROM events WHERE date_start IS NOT NULL AND date_end IS NOT NULL;
"""

# Search speed: covering indexes, so filters on country / date and every event facet read only
# the index, and article lookups by id get outlet and date without reading the article text.
COVERING_V7 = """
DROP INDEX IF EXISTS events_country;
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_country ON events(country_code, date_start, date_end, fused_into, event_type,
    sub_event_type, status, admin1, fatalities_best, id);
CREATE INDEX events_date ON events(date_start, date_end, fused_into, country_code, event_type,
    sub_event_type, status, admin1, fatalities_best, id);
CREATE INDEX articles_id_cover ON articles(id, published_date, outlet, agency);
ANALYZE;
"""

# Facet speed without filters: single-field indexes that also cover fused_into (search hides
# merged article events), so unfiltered facet counts read only an index.
FACET_INDEXES_V8 = """
DROP INDEX IF EXISTS events_admin1;
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_sub_type;
DROP INDEX IF EXISTS events_status;
CREATE INDEX events_admin1 ON events(admin1, fused_into);
CREATE INDEX events_type ON events(event_type, sub_event_type, fused_into);
CREATE INDEX events_sub_type ON events(sub_event_type, fused_into);
CREATE INDEX events_status ON events(status, fused_into);
CREATE INDEX events_id_fused ON events(id, fused_into);
ANALYZE;
"""


def _exec_script(sql: str) -> Callable[[sqlite3.Connection], None]:
    """Run statements one by one (``executescript`` would commit the open transaction)."""
    def run(conn: sqlite3.Connection) -> None:
        buf = ""
        for line in sql.splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                conn.execute(buf)
                buf = ""
        if buf.strip():
            raise StoreError(f"incomplete SQL statement in migration: {buf[:80]!r}")
    return run

INDEX_V4 = """
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX evidence_article ON evidence(article_id);
"""

# Added by the watcher (wirewatch.watch.state): per-source status and validators, seen items,
# saved searches and the alerts already sent (docs/watch.md).
WATCH_V5 = """
CREATE TABLE watch_sources (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL, kind TEXT NOT NULL, outlet TEXT,
    etag TEXT, last_modified TEXT,
    last_poll TEXT, last_ok TEXT, last_error TEXT, last_error_at TEXT,
    errors_in_row INTEGER NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0,
    items_stored INTEGER NOT NULL DEFAULT 0, next_due REAL NOT NULL DEFAULT 0
);
CREATE TABLE watch_items (
    url_key TEXT PRIMARY KEY,
    source TEXT NOT NULL, status TEXT NOT NULL,
    content_hash TEXT, outlet TEXT, article_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT,
    first_seen TEXT NOT NULL, stored_at TEXT, appeared_at REAL
);
CREATE INDEX watch_items_hash ON watch_items(content_hash, outlet);
CREATE INDEX watch_items_source ON watch_items(source, status);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY,
    params TEXT NOT NULL, webhook TEXT,
    since_rid INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
);
CREATE TABLE alerts_sent (
    alert TEXT NOT NULL, event_id TEXT NOT NULL, version TEXT NOT NULL,
    kind TEXT NOT NULL, members TEXT NOT NULL, why TEXT NOT NULL,
    delivered TEXT NOT NULL, sent_at TEXT NOT NULL,
    PRIMARY KEY (alert, event_id, version)
);
CREATE TABLE alert_members (
    alert TEXT NOT NULL, member_id TEXT NOT NULL, event_id TEXT NOT NULL, version TEXT NOT NULL,
    PRIMARY KEY (alert, member_id)
) WITHOUT ROWID;
"""

# Casualties per side (docs/events.md): each claim's victims as written and the side of the event they
# belong to; each event's per-side low/best/high as the contract's ``casualties_by_side`` JSON list.
SIDES_V9 = """
ALTER TABLE claims ADD COLUMN victims TEXT;
ALTER TABLE claims ADD COLUMN side TEXT;
ALTER TABLE events ADD COLUMN casualties_by_side TEXT NOT NULL DEFAULT '[]';
"""

# Fusion index (wirewatch.store.fusion_index, docs/fusion.md): every mention's profile and the fused
# event it is in, its candidate keys (by key and day) and its links (pairs at or above the threshold).
FUSION_INDEX_V10 = """
CREATE TABLE fusion_mentions (
    uid TEXT PRIMARY KEY, article_id TEXT NOT NULL, day INTEGER, model TEXT NOT NULL,
    profile TEXT NOT NULL, fused TEXT
);
CREATE INDEX fusion_mentions_article ON fusion_mentions(article_id);
CREATE INDEX fusion_mentions_fused ON fusion_mentions(fused);
CREATE TABLE fusion_keys (
    key TEXT NOT NULL, day INTEGER, uid TEXT NOT NULL,
    PRIMARY KEY (key, uid)
) WITHOUT ROWID;
CREATE INDEX fusion_keys_day ON fusion_keys(key, day);
CREATE INDEX fusion_keys_uid ON fusion_keys(uid);
CREATE TABLE fusion_links (
    a TEXT NOT NULL, b TEXT NOT NULL, p REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX fusion_links_b ON fusion_links(b);
CREATE TABLE fusion_dirty (uid TEXT PRIMARY KEY) WITHOUT ROWID;
"""

# Facet fields denormalised per event (wirewatch.store.facet_index, docs/scale.md): the member
# articles (date and rid), their tags and outlets, and the actor names, as one JSON array, so every
# facet of a filtered search is one read per matched event. Filled here for events already stored.
FACET_INDEX_V11 = """
CREATE TABLE event_facets (
    event_rid INTEGER PRIMARY KEY REFERENCES events(rid) ON DELETE CASCADE,
    vals TEXT NOT NULL
);
"""


def _facets_v11(conn: sqlite3.Connection) -> None:
    from .facet_index import SQLITE_REFRESH

    _exec_script(FACET_INDEX_V11)(conn)
    conn.execute(SQLITE_REFRESH.format(events="SELECT id FROM events"))


# The map and the timeline of one country (docs/scale.md): the newest events of a country straight from
# an index in the map's order (date_start, rid), the usual filters checked in the index; and the days of
# a country's day-precise events without reading the table.
MAP_TIMELINE_V12 = """
CREATE INDEX events_country_day ON events(country_code, date_start, rid, date_end, fused_into, event_type, lat, lon);
CREATE INDEX events_timeline ON events(country_code, date_precision, date_start, date_end, fused_into, event_type);
ANALYZE;
"""

def _cells_v13(conn: sqlite3.Connection) -> None:
    """Facet counts per (country, event type, start day), kept by triggers (``store/facet_cells.py``)."""
    from ..search.sql import SQLITE
    from .facet_cells import build_all, sqlite_schema

    for sql in sqlite_schema():
        conn.execute(sql)
    build_all(conn, SQLITE.unnest)
    conn.execute("ANALYZE facet_cells")
    conn.execute("ANALYZE cell_articles")


# (version, name, function); append only.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "articles, events, claims, places, tags, failures", _exec_script(SCHEMA_V1)),
    (2, "full-text indexes over article title+text and event text", _exec_script(FTS_V2)),
    (3, "fused events: the whole fused record (claims with outlet and time, disagreements)", _exec_script(FUSED_V3)),
    (4, "claims and evidence by article (fast re-ingest)", _exec_script(INDEX_V4)),
    (5, "watcher: sources, seen items, saved searches, alerts sent", _exec_script(WATCH_V5)),
    (6, "store_meta: longest event date span (bounds date-window searches)", _exec_script(META_V6)),
    (7, "covering indexes for filters and facets", _exec_script(COVERING_V7)),
    (8, "facet indexes covering fused_into", _exec_script(FACET_INDEXES_V8)),
    (9, "casualties per side: claims.victims, claims.side, events.casualties_by_side", _exec_script(SIDES_V9)),
    (10, "fusion index: mention profiles, candidate keys, links", _exec_script(FUSION_INDEX_V10)),
    (11, "event_facets: facet fields denormalised per event", _facets_v11),
    (12, "map and timeline indexes by country", _exec_script(MAP_TIMELINE_V12)),
    (13, "facet counts per country, event type and day (facet_cells)", _cells_v13),
]


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(conn: sqlite3.Connection, migrations: list | None = None) -> list[int]:
    """Apply missing migrations in order, each in one transaction; return the versions applied."""
    todo = MIGRATIONS if migrations is None else migrations
    done = set(applied_versions(conn))
    latest = max((v for v, _, _ in todo), default=0)
    if done and max(done) > latest:
        raise StoreError(f"database schema version {max(done)} is newer than this wirewatch ({latest}); upgrade wirewatch")
    applied: list[int] = []
    for version, name, fn in todo:
        if version in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            fn(conn)
            conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                         (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except Exception as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
        applied.append(version)
    return applied
