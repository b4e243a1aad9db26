"""What only the PostgreSQL backend has: its server errors, the pgvector
HNSW index, and the same results as SQLite on the bundled examples."""

from __future__ import annotations

import pytest

from crosscheck.errors import StoreError
from crosscheck.export import export_contract
from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import bundled_examples, full_stages
from crosscheck.stores import open_store
from tests.conftest import fresh_pg_store, linked_stages


def test_unreachable_server_is_one_clear_line_without_the_password() -> None:
    with pytest.raises(StoreError) as raised:
        open_store("postgresql://crosscheck:s3cret@127.0.0.1:9/nowhere")
    message = str(raised.value)
    assert "cannot reach the PostgreSQL server" in message and "\n" not in message
    assert "s3cret" not in message and "postgresql://crosscheck@127.0.0.1:9/nowhere" in message


def test_missing_database_is_named(pg_server: str) -> None:
    base = pg_server.rpartition("/")[0]
    with pytest.raises(StoreError, match="no_such_db"):
        open_store(f"{base}/no_such_db")


def test_candidate_events_come_from_the_hnsw_index(pg_server: str) -> None:
    with open_store(fresh_pg_store(pg_server)) as store:
        ingest_paths([bundled_examples()], store, stages=linked_stages())
        dims = store._execute("SELECT DISTINCT dim FROM event_vectors").fetchall()
        assert dims == [(64,)]  # the fake encoder's
        indexes = {r[0] for r in store._execute("SELECT indexname FROM pg_indexes WHERE tablename = 'event_vectors'")}
        assert "event_vectors_hnsw_64" in indexes
        [(centroid,)] = store._execute("SELECT embedding::text FROM event_vectors LIMIT 1").fetchall()
        store._execute("SET enable_seqscan = off")
        plan = store._execute(
            "EXPLAIN SELECT event_id FROM event_vectors WHERE dim = 64 "
            "ORDER BY embedding::vector(64) <=> ?::vector(64) LIMIT 20",
            [centroid],
        ).fetchall()
        assert "event_vectors_hnsw_64" in " ".join(r[0] for r in plan)
        nearest = store.candidate_events([], [float(x) for x in centroid.strip("[]").split(",")])
        assert nearest and all(e.id for e in nearest)


@pytest.mark.slow
def test_bundled_examples_export_the_same_from_both_backends(pg_server: str, examples_db) -> None:
    """The whole default pipeline (real encoder) into PostgreSQL gives the
    claims, events and flagged pairs it gives into SQLite."""
    with open_store(fresh_pg_store(pg_server)) as store:
        ingest_paths([bundled_examples()], store, stages=full_stages())
        on_postgres = export_contract(store)
    with open_store(examples_db, readonly=True) as store:
        on_sqlite = export_contract(store)
    assert on_postgres == on_sqlite
