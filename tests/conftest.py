"""Shared fixtures: paths to the bundled examples and a fresh store per test."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from crosscheck.pipeline import bundled_examples
from crosscheck.stores import open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def examples() -> Path:
    return bundled_examples()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL with pgvector on loopback for the whole run (tests/pg_server.py).
    Skipped where none can be started, unless CROSSCHECK_REQUIRE_POSTGRES is set (CI)."""
    from tests.pg_server import NoServer, local_server

    try:
        server = local_server()
        url = server.__enter__()
    except NoServer as error:
        if os.environ.get("CROSSCHECK_REQUIRE_POSTGRES"):
            pytest.fail(f"CROSSCHECK_REQUIRE_POSTGRES is set but {error}")
        pytest.skip(f"no PostgreSQL server could be started: {error}")
    yield url
    server.__exit__(None, None, None)


def fresh_pg_store(server: str) -> str:
    """The URL of a new, empty database on the test server."""
    from tests.pg_server import fresh_database

    return fresh_database(server, f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path: Path) -> Path | str:
    """Where a fresh store goes, once per backend: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "store.db"
    return fresh_pg_store(request.getfixturevalue("pg_server"))


@pytest.fixture
def any_store(location):
    with open_store(location) as opened:
        yield opened


def no_claims(article, sentences):
    """An extractor for tests that only exercise ingestion."""
    return []


class FakeEncoder:
    """Deterministic bag-of-words vectors: texts sharing words are close.
    Counts what it encodes, so tests can check the cache."""

    name = "fake:bow-64"
    dim = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]):
        import hashlib

        import numpy as np

        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


def linked_stages(encoder=None):
    """Attribution, linking and divergences with the registry, and a fake encoder."""
    from crosscheck.pipeline import full_stages

    return full_stages(encoder=encoder or FakeEncoder())


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    """The bundled examples through the whole default pipeline, once per test run."""
    from crosscheck.ingest import ingest_paths
    from crosscheck.pipeline import full_stages

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with open_store(db) as opened:
        ingest_paths([bundled_examples()], opened, stages=full_stages())
    return db


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store (SQLite's backup, write-ahead log included)."""
    import sqlite3

    with open_store(source, readonly=True) as opened:
        opened.db.conn.backup(sqlite3.connect(target))
    return target


@pytest.fixture(scope="session")
def ru_us_db(tmp_path_factory) -> Path:
    """Two known versions of one call, the Pentagon's and Moscow's (tests/data/check/known_ru_us)."""
    from crosscheck.ingest import ingest_paths
    from crosscheck.pipeline import full_stages

    db = tmp_path_factory.mktemp("ru_us") / "known.db"
    with open_store(db) as opened:
        ingest_paths([DATA / "check" / "known_ru_us"], opened, stages=full_stages())
    return db
