"""Versioned schema migrations for the PostgreSQL backend (same tables and columns as SQLite).

Differences from the SQLite schema: ``rid`` is an identity column; full text is a stored,
generated ``tsvector`` column with a GIN index (``articles.tsv`` from title and text,
``events.tsv`` from ``search_text``) instead of FTS5 tables; ``wirewatch_tsquery`` turns the
backend-neutral query of :func:`wirewatch.search.sql.fts_query` (quoted words and phrases,
``"word"*`` prefixes, all AND-ed) into a ``tsquery``.  Never edit a released migration: append.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError

LOCK_KEY = 727_277_001  # pg_advisory_lock key: one migrating process at a time
FUSION_LOCK = 727_277_002  # one fusing process at a time (store.fused.refresh / refuse)
CELLS_LOCK = 727_277_003  # one transaction at a time refreshes facet_cells (store.facet_cells)

SCHEMA_V1 = """
CREATE TABLE articles (
    rid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, published TEXT, published_date TEXT,
    outlet TEXT, agency TEXT, byline TEXT, url TEXT,
    text TEXT NOT NULL, captions TEXT NOT NULL DEFAULT '[]',
    doc_hash TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_date DESC NULLS LAST, rid DESC);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_agency ON articles(agency);
CREATE TABLE article_tags (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL, pos INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_tags_tag ON article_tags(tag, article_id);
CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    name TEXT, admin1 TEXT, admin2 TEXT, country TEXT, country_code TEXT,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, geonames_id BIGINT, precision TEXT, role TEXT, reason TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, value TEXT, type TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE TABLE events (
    rid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'article', fused_into TEXT,
    status TEXT NOT NULL, event_type TEXT, sub_event_type TEXT, cameo TEXT, plover_type TEXT, plover_mode TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT, date_text TEXT,
    loc_name TEXT, admin1 TEXT, admin2 TEXT, country TEXT, country_code TEXT,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, geonames_id BIGINT, loc_precision TEXT,
    fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    verification TEXT, confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]', weapons TEXT NOT NULL DEFAULT '[]',
    targets TEXT NOT NULL DEFAULT '[]', reasons TEXT NOT NULL DEFAULT '[]',
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_date ON events(date_start DESC NULLS LAST, rid DESC);
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
);
CREATE INDEX event_articles_article ON event_articles(article_id, event_id);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL, country_code TEXT,
    PRIMARY KEY (event_id, idx)
);
CREATE INDEX event_actors_name ON event_actors(name, event_id);
CREATE TABLE claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL, idx INTEGER NOT NULL,
    field TEXT NOT NULL, value BIGINT, qualifier TEXT, claimant TEXT, reported_by TEXT,
    superseded INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, idx)
);
CREATE TABLE evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL, idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, idx)
);
CREATE TABLE failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT, stage TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    source TEXT, recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX failures_key ON failures((coalesce(article_id, '')), stage, code, message);
CREATE INDEX failures_article ON failures(article_id);
"""

FULL_TEXT_V2 = r"""
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', text)) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
ALTER TABLE events ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED;
CREATE INDEX events_tsv ON events USING GIN (tsv);
CREATE FUNCTION wirewatch_tsquery(q text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    m text[];
    part tsquery;
    acc tsquery := NULL;
BEGIN
    FOR m IN SELECT regexp_matches(q, '"([^"]*)"(\*?)', 'g') LOOP
        IF m[2] = '*' THEN
            part := to_tsquery('english', quote_literal(m[1]) || ':*');
        ELSE
            part := phraseto_tsquery('english', m[1]);
        END IF;
        IF numnode(part) > 0 THEN
            acc := CASE WHEN acc IS NULL THEN part ELSE acc && part END;
        END IF;
    END LOOP;
    RETURN coalesce(acc, phraseto_tsquery('english', q));
END $$;
"""

FUSED_V3 = """
CREATE TABLE fused_events (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    doc TEXT NOT NULL, date_start TEXT, updated_at TEXT NOT NULL
);
CREATE INDEX fused_events_date ON fused_events(date_start);
"""

INDEX_V4 = """
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX evidence_article ON evidence(article_id);
"""

# Search speed (mirrors SQLite's 6 and 7): the longest stored event span bounds date windows, and
# covering indexes let filters on country, type and dates, and the event facets, read only the index.
SPEED_V5 = r"""
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO store_meta (key, value)
    SELECT 'max_event_span_days', coalesce(max(date_end::date - date_start::date), 0) FROM events
    WHERE date_start ~ '^\d{4}-\d{2}-\d{2}$' AND date_end ~ '^\d{4}-\d{2}-\d{2}$';
CREATE INDEX events_country_cover ON events(country_code, event_type, date_start)
    INCLUDE (date_end, fused_into, sub_event_type, status, admin1, fatalities_best, id);
CREATE INDEX events_date_cover ON events(date_start)
    INCLUDE (date_end, fused_into, country_code, event_type, sub_event_type, status, admin1, fatalities_best, id);
CREATE INDEX articles_id_cover ON articles(id) INCLUDE (published_date, outlet, agency, rid);
ANALYZE;
"""

# Casualties per side (mirrors SQLite's 9): claims' victims and side, events' per-side figures (JSON).
SIDES_V6 = """
ALTER TABLE claims ADD COLUMN victims TEXT;
ALTER TABLE claims ADD COLUMN side TEXT;
ALTER TABLE events ADD COLUMN casualties_by_side TEXT NOT NULL DEFAULT '[]';
"""

# Facet fields denormalised per event (mirrors SQLite's 11; wirewatch.store.facet_index), filled for
# the events already stored; the covering indexes also carry ``rid`` (SQLite's carry it implicitly),
# so the matched events are found without reading the events table.
FACETS_V7 = """
DROP INDEX events_country_cover;
DROP INDEX events_date_cover;
CREATE INDEX events_country_cover ON events(country_code, event_type, date_start)
    INCLUDE (date_end, fused_into, sub_event_type, status, admin1, fatalities_best, id, rid);
CREATE INDEX events_date_cover ON events(date_start)
    INCLUDE (date_end, fused_into, country_code, event_type, sub_event_type, status, admin1, fatalities_best, id, rid);
CREATE TABLE event_facets (
    event_rid BIGINT PRIMARY KEY REFERENCES events(rid) ON DELETE CASCADE,
    vals TEXT[] NOT NULL
);
"""

# The fusion index (mirrors SQLite's 10; wirewatch.store.fusion_index, docs/fusion.md).
FUSION_INDEX_V8 = """
CREATE TABLE fusion_mentions (
    uid TEXT PRIMARY KEY, article_id TEXT NOT NULL, day INTEGER, model TEXT NOT NULL,
    profile TEXT NOT NULL, fused TEXT
);
CREATE INDEX fusion_mentions_article ON fusion_mentions(article_id);
CREATE INDEX fusion_mentions_fused ON fusion_mentions(fused);
CREATE TABLE fusion_keys (
    key TEXT NOT NULL, day INTEGER, uid TEXT NOT NULL,
    PRIMARY KEY (key, uid)
);
CREATE INDEX fusion_keys_day ON fusion_keys(key, day);
CREATE INDEX fusion_keys_uid ON fusion_keys(uid);
CREATE TABLE fusion_links (
    a TEXT NOT NULL, b TEXT NOT NULL, p DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX fusion_links_b ON fusion_links(b);
CREATE TABLE fusion_dirty (uid TEXT PRIMARY KEY);
"""

# The map and the timeline of one country (mirrors SQLite's 12).
MAP_TIMELINE_V9 = """
CREATE INDEX events_country_day ON events(country_code, date_start DESC NULLS LAST, rid DESC)
    INCLUDE (date_end, fused_into, event_type, lat, lon);
CREATE INDEX events_timeline ON events(country_code, date_precision, date_start) INCLUDE (date_end, fused_into, event_type);
ANALYZE events;
"""

Migration = tuple[int, str, Callable[[Any], None]]


def _sql(script: str) -> Callable[[Any], None]:
    def run(conn: Any) -> None:
        conn.execute(script)  # psycopg sends a parameterless script as one simple query
    return run


def _facets_v7(conn: Any) -> None:
    from .facet_index import POSTGRES_REFRESH

    conn.execute(FACETS_V7)
    conn.execute(POSTGRES_REFRESH.format(events="SELECT id FROM events"))
    conn.execute("ANALYZE event_facets")



def _cells_v10(conn: Any) -> None:
    """Facet counts per (country, event type, start day), kept by triggers (mirrors SQLite's 13)."""
    from .facet_cells import build_all, postgres_schema
    from .postgres import POSTGRES

    for sql in postgres_schema():
        conn.execute(sql)
    build_all(conn, POSTGRES.unnest)  # no parameters: the raw connection takes these statements as they are
    conn.execute("ANALYZE facet_cells")
    conn.execute("ANALYZE cell_articles")


# (version, name, function); append only.  Versions follow the SQLite backend's where they match.
MIGRATIONS: list[Migration] = [
    (1, "articles, events, claims, places, tags, failures", _sql(SCHEMA_V1)),
    (2, "full text: generated tsvector columns with GIN indexes, wirewatch_tsquery()", _sql(FULL_TEXT_V2)),
    (3, "fused events: the whole fused record", _sql(FUSED_V3)),
    (4, "claims and evidence by article (fast re-ingest)", _sql(INDEX_V4)),
    (5, "store_meta (longest event span) and covering indexes for filters and facets", _sql(SPEED_V5)),
    (6, "casualties per side: claims.victims, claims.side, events.casualties_by_side", _sql(SIDES_V6)),
    (7, "event_facets: facet fields denormalised per event", _facets_v7),
    (8, "fusion index: mention profiles, candidate keys, links", _sql(FUSION_INDEX_V8)),
    (9, "map and timeline indexes by country", _sql(MAP_TIMELINE_V9)),
    (10, "facet counts per country, event type and day (facet_cells)", _cells_v10),
]


def migrate(conn: Any, migrations: list[Migration] | None = None) -> list[int]:
    """Apply missing migrations in order, each in one transaction, under an advisory lock."""
    todo = MIGRATIONS if migrations is None else migrations
    latest = max((v for v, _, _ in todo), default=0)
    applied: list[int] = []
    conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > latest:
            raise StoreError(f"database schema version {max(done)} is newer than this wirewatch ({latest});"
                             " upgrade wirewatch")
        for version, name, fn in todo:
            if version in done:
                continue
            try:
                with conn.transaction():
                    fn(conn)
                    conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (%s, %s, %s)",
                                 (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
            except StoreError:
                raise
            except Exception as exc:
                raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
            applied.append(version)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    return applied
