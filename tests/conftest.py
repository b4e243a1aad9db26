"""Shared fixtures: paths to the bundled examples and a fresh store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.pipeline import bundled_examples
from crosscheck.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def examples() -> Path:
    return bundled_examples()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as opened:
        yield opened


def no_claims(article, sentences):
    """An extractor for tests that only exercise ingestion."""
    return []
