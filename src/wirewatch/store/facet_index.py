"""Facet fields denormalised per event (table ``event_facets``), written whenever an event or one of
its member articles is written, so a filtered search reads every facet from one row per matched event.

``vals`` holds one string per value, a two-letter prefix saying what it is:

* ``a:DATE|RID`` a member article (its publication date, ``0000-00-00`` when unknown, and its ``rid``
  zero-padded to 12 digits, so the strings sort as the article list does: newest first, then ``rid``);
* ``t:RID|TAG`` a tag of a member article, ``o:RID|OUTLET`` its outlet (else agency): counting distinct
  strings counts distinct articles, as the article facets do;
* ``x:NAME`` an actor of the event (each name once: counting them counts events, as the actor facet does).

SQLite stores them as a JSON array (read with ``json_each``), PostgreSQL as ``text[]`` (``unnest``).
The statements below take ``{events}``: a sub-query giving the ids of the events to refresh.
"""

from __future__ import annotations

RID_WIDTH = 12
PREFIX_LEN = 2  # "a:", "t:", "o:", "x:"
RID_VALUE_AT = PREFIX_LEN + RID_WIDTH + 2  # 1-based position of TAG / OUTLET in "t:RID|TAG"


def _members(rid: str) -> str:
    """The strings of one event ``e`` (UNION: each once), with ``rid`` the SQL of a padded article rid."""
    member = "FROM event_articles ea JOIN articles a ON a.id = ea.article_id WHERE ea.event_id = e.id"
    return (f"SELECT 'a:' || coalesce(a.published_date, '0000-00-00') || '|' || {rid} AS v {member}"
            f" UNION SELECT 't:' || {rid} || '|' || t.tag AS v FROM event_articles ea JOIN articles a"
            " ON a.id = ea.article_id JOIN article_tags t ON t.article_id = a.id WHERE ea.event_id = e.id"
            f" UNION SELECT 'o:' || {rid} || '|' || coalesce(a.outlet, a.agency) AS v {member}"
            " AND coalesce(a.outlet, a.agency) IS NOT NULL"
            " UNION SELECT 'x:' || x.name AS v FROM event_actors x WHERE x.event_id = e.id")


SQLITE_REFRESH = (
    "INSERT OR REPLACE INTO event_facets (event_rid, vals) SELECT e.rid, (SELECT json_group_array(v) FROM ("
    + _members(f"printf('%0{RID_WIDTH}d', a.rid)").replace("{", "{{").replace("}", "}}")
    + " ORDER BY v)) FROM events e WHERE e.id IN ({events})")

POSTGRES_REFRESH = (
    "INSERT INTO event_facets (event_rid, vals) SELECT e.rid, ARRAY(SELECT v FROM ("
    + _members(f"lpad(a.rid::text, {RID_WIDTH}, '0')")
    + ") s ORDER BY v) FROM events e WHERE e.id IN ({events})"
    " ON CONFLICT (event_rid) DO UPDATE SET vals = excluded.vals")
