"""Shared fixtures: ``shared`` is ../shared (tests needing it skip with a clear message when absent)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

from wirewatch.config import shared_dir

# Property-based tests explore new random inputs on every developer run; CI (.ci/run sets
# HYPOTHESIS_PROFILE=ci) replays a fixed derandomized set so a landing is never decided by the dice.
# A failure found locally is fixed at its cause and pinned by a deterministic test.
_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is absent (set WIREWATCH_SHARED to the shared folder to run this test)")
    return path


@pytest.fixture(scope="session")
def resources():
    from wirewatch.pipeline import Resources

    return Resources()


# PostgreSQL: $WIREWATCH_TEST_PG if set, else a throwaway server (tests/test_store_postgres.py explains).
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_admin_url():
    url = os.environ.get("WIREWATCH_TEST_PG")
    if url:
        yield url
        return
    from wirewatch.errors import ConfigError
    from wirewatch.scale import pgserver

    try:
        server = pgserver.start()
    except ConfigError as exc:
        pytest.skip(f"no PostgreSQL: $WIREWATCH_TEST_PG is unset and a throwaway server did not start ({exc});"
                    " run scripts/install-postgres.sh")
    yield server.url
    pgserver.stop(server)


@pytest.fixture()
def pg_url(pg_admin_url):
    psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL tests need psycopg (the `scale` extra)")
    from wirewatch.scale.pgserver import create_database

    name = f"wirewatch_test_{os.getpid()}_{next(_names)}"
    create_database(pg_admin_url, name)
    base, _, _ = pg_admin_url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
