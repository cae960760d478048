"""Shared fixtures: ``shared`` is ../shared (tests needing it skip with a clear message when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.config import shared_dir


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
