"""The store's suite, run against both backends (`location` is a SQLite file,
then a database on a real PostgreSQL server), plus each backend's own cases."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from crosscheck.errors import StoreError
from crosscheck.ingest import ingest_paths
from crosscheck.models import Article, Claim, Divergence, DivergenceKind, Event, IngestStatus, Point, Sentence
from crosscheck.store import MIGRATIONS, SCHEMA_VERSION, Store, m010_points, model_columns, to_row
from crosscheck.stores import open_store
from tests.conftest import linked_stages, no_claims
from tests.test_ingest import write_articles


def columns(store: Store, table: str) -> set[str]:
    return {c[0] for c in store._execute(f"SELECT * FROM {table} LIMIT 0").description}


def set_schema_version(location: Path | str, version: int) -> None:
    if isinstance(location, Path):
        conn = sqlite3.connect(location)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()
        return
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        conn.execute("UPDATE crosscheck_schema SET version = %s", [version])


def count(location: Path | str, table: str) -> int:
    """Rows in a table, read by a separate connection (0 before the table exists)."""
    if isinstance(location, Path):
        if not location.exists():
            return 0
        conn = sqlite3.connect(f"file:{location}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            return 0
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(location) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def hold_write_turn(location: Path | str):
    """Another process's connection holding the store's write lock; `.rollback()` and `.close()` free it."""
    if isinstance(location, Path):
        blocker = sqlite3.connect(location)
        blocker.execute("BEGIN EXCLUSIVE")
        return blocker
    import psycopg

    from crosscheck.store_postgres import WRITE_LOCK

    blocker = psycopg.connect(location)
    blocker.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
    return blocker


# --- both backends -------------------------------------------------------------


def test_migrations_give_every_model_field_a_column(any_store: Store) -> None:
    tables = (
        ("articles", Article),
        ("sentences", Sentence),
        ("claims", Claim),
        ("events", Event),
        ("divergences", Divergence),
    )
    for table, model in tables:
        assert set(model_columns(model)) <= columns(any_store, table)
    assert set(model_columns(Point)) - {"claims"} <= columns(any_store, "points")  # claims: point_claims rows
    assert any_store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    assert {"pair_id", "verdict", "undone_at"} <= columns(any_store, "current_verdicts")


def a_point(claims: dict[str, list[str]], point_id: str = "pt-1") -> Point:
    return Point(
        id=point_id, event_id="ev-1", kind=DivergenceKind.FRAMING, topic="aid", score=0.6, reasons=["r"], claims=claims
    )


def test_points_are_stored_with_their_claims_and_continued(any_store: Store) -> None:
    any_store.save_points([a_point({"RU": ["a:1"], "US": ["b:1"]})])
    any_store.save_points([a_point({"RU": ["c:1"]})])  # a later article continues it: claims add up
    [point] = any_store.event_points("ev-1")
    assert point.claims == {"RU": ["a:1", "c:1"], "US": ["b:1"]} and point.kind is DivergenceKind.FRAMING
    assert [p.id for p in any_store.points()] == ["pt-1"] and any_store.event_points("ev-2") == []


def test_reingesting_an_article_takes_its_claims_out_of_points(any_store: Store) -> None:
    any_store.save_points(
        [
            a_point({"RU": ["gone:5", "other:2"], "US": ["kept:1"]}),
            a_point({"RU": ["gone:9"], "US": ["kept:3"]}, "pt-2"),
            a_point({"US": ["kept:7"]}, "pt-3"),
        ]
    )
    gone = [
        Claim(id=f"gone:{n}", article_id="gone", start=n, end=n + 1, text="x", content_start=n, content_end=n + 1)
        for n in (5, 9)
    ]
    any_store.insert_rows("claims", (to_row(c) for c in gone))
    with any_store.transaction():
        any_store._delete_article_rows("gone")
    # pt-2 lost its only Russian claim, so it no longer says how two sides part; pt-3 was untouched.
    assert [(p.id, p.claims) for p in any_store.points()] == [
        ("pt-1", {"RU": ["other:2"], "US": ["kept:1"]}),
        ("pt-3", {"US": ["kept:7"]}),
    ]


def test_a_store_made_before_points_opens_with_its_pairs_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    before = MIGRATIONS.index(m010_points)
    for migration in MIGRATIONS[:before]:
        migration(db)
    db.execute(f"PRAGMA user_version = {before}")
    db["divergences"].insert(
        {"id": "dv-1", "event_id": "ev-1", "a": "a:1", "b": "b:1", "kind": "emphasis", "score": 0.6}
        | {"evidence": "", "producer": "v"}
    )
    db.conn.commit()
    db.close()
    with open_store(path) as store:
        [pair] = store.divergences()
        assert (pair.id, pair.kind, pair.point) == ("dv-1", "framing", None) and store.points() == []


def test_reopening_does_not_migrate_twice(location) -> None:
    open_store(location).close()
    with open_store(location) as again:
        assert again.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(location) -> None:
    open_store(location).close()
    set_schema_version(location, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer crosscheck"):
        open_store(location)


def test_rows_round_trip_and_replace_keeps_one_row(any_store: Store) -> None:
    event = Event(id="ev-1", label="Call, 25 June", kind="call", participants=["a", "b"], claims=2)
    with any_store.transaction():
        any_store.insert_rows("events", [to_row(event)])
    renamed = {**event.model_dump(mode="json"), "participants": ["a"], "label": "Call"}
    any_store.insert_rows("events", [renamed], conflict="replace")
    any_store.insert_rows("events", [renamed | {"label": "ignored"}], conflict="ignore")
    [stored] = any_store.events()
    assert (stored.label, stored.participants) == ("Call", ["a"])
    any_store.cache_vectors("m", 2, {"k": b"\x00\x01\xff"})
    any_store.cache_vectors("m", 2, {"k": b"other"})
    assert any_store.cached_vectors(["k", "absent"]) == {"k": b"\x00\x01\xff"}
    any_store.cache_vectors("m", 2, {"k": b"new"}, replace=True)
    assert any_store.cached_vectors(["k"]) == {"k": b"new"}


def test_literal_percent_and_quoted_keywords_pass_through(any_store: Store) -> None:
    rows = any_store._query("SELECT 'a%b' AS text, 1 AS \"end\" WHERE ? LIKE '%x%'", ["axb"])
    assert rows == [{"text": "a%b", "end": 1}]


def test_a_failed_transaction_leaves_nothing(tmp_path: Path, any_store: Store) -> None:
    write_articles(tmp_path / "a", 2)
    ingest_paths([tmp_path / "a"], any_store, extractor=no_claims)
    with pytest.raises(RuntimeError), any_store.transaction():
        any_store._execute("DELETE FROM sentences")
        raise RuntimeError("interrupted")
    assert any_store.counts() == {"articles": 2, "sentences": 2, "claims": 0}
    with any_store.transaction(keep=False):
        any_store._execute("DELETE FROM sentences")
    assert any_store.counts()["sentences"] == 2


def test_locked_store_gives_a_clear_error_and_loses_nothing(tmp_path: Path, location, monkeypatch) -> None:
    write_articles(tmp_path / "a", 2)
    with open_store(location) as store:
        ingest_paths([tmp_path / "a"], store, extractor=no_claims)
    blocker = hold_write_turn(location)
    monkeypatch.setattr("crosscheck.store.BUSY_TIMEOUT_S", 0.2)
    write_articles(tmp_path / "b", 1, prefix="other")
    with pytest.raises(StoreError, match="locked by another process"), open_store(location) as store:
        ingest_paths([tmp_path / "b"], store, extractor=no_claims)
    blocker.rollback()
    blocker.close()
    with open_store(location, readonly=True) as store:
        assert store.counts()["articles"] == 2


def test_reader_works_while_a_writer_holds_a_transaction(tmp_path: Path, location) -> None:
    write_articles(tmp_path / "a", 3)
    with open_store(location) as store:
        ingest_paths([tmp_path / "a"], store, extractor=no_claims)
        with store.transaction(keep=False):
            store._execute("DELETE FROM sentences")
            with open_store(location, readonly=True) as reader:
                assert reader.counts()["sentences"] == 3


def test_read_only_store_refuses_writes(tmp_path: Path, location) -> None:
    write_articles(tmp_path / "a", 1)
    with open_store(location) as store:
        ingest_paths([tmp_path / "a"], store, extractor=no_claims)
    with open_store(location, readonly=True) as reader, pytest.raises(StoreError), reader.errors():
        reader._execute("DELETE FROM articles")
    assert count(location, "articles") == 1


def test_interrupted_run_leaves_whole_articles_and_the_next_run_completes(tmp_path: Path, location) -> None:
    write_articles(tmp_path / "in", 3000)
    script = (
        "import sys; from pathlib import Path; from crosscheck.stores import open_store, store_location; "
        "from crosscheck.ingest import ingest_paths; "
        "s = open_store(store_location(sys.argv[1])); ingest_paths([Path(sys.argv[2])], s, extractor=lambda a, x: [])"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(location), str(tmp_path / "in")])
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        if count(location, "articles") > 50:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored = count(location, "articles")
    assert 0 < stored < 3000
    assert count(location, "sentences") == stored  # one sentence per article: no half article
    with open_store(location) as store:
        summary = ingest_paths([tmp_path / "in"], store, extractor=no_claims)
        assert store.counts()["articles"] == 3000
    assert summary.count(IngestStatus.UNCHANGED) == stored


PARALLEL_INGEST = """
import sys
from pathlib import Path
from crosscheck.ingest import ingest_paths
from crosscheck.stores import open_store, store_location
from tests.conftest import linked_stages

with open_store(store_location(sys.argv[1])) as store:
    summary = ingest_paths([Path(p) for p in sys.argv[2:]], store, stages=linked_stages())
print(len(summary.failed))
"""


def test_parallel_writers_store_each_article_once_and_lose_no_event(tmp_path: Path, location) -> None:
    """Two ingests at once over the same files, with claims, linking and
    divergences: every article once, and no event update lost (each event
    counts exactly the claims and articles filed under it)."""
    files = article_variants(tmp_path / "in", copies=3)
    open_store(location).close()  # migrated once, before the race
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", PARALLEL_INGEST, str(location), *map(str, order)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        for order in (files, files)
    ]
    assert [w.communicate(timeout=600)[0].strip() for w in workers] == ["0", "0"]
    serial = tmp_path / "serial.db"
    with open_store(serial) as store:
        ingest_paths(files, store, stages=linked_stages())
    with open_store(location, readonly=True) as parallel, open_store(serial, readonly=True) as alone:
        assert parallel.counts() == alone.counts()
        assert len({a.content_hash for a in parallel.articles()}) == len(files)
        assert all(c.event_id for c in parallel.claims() if c.source)
        for store in (parallel, alone):
            claims = store.claims()
            for event in store.events():
                filed = [c for c in claims if c.event_id == event.id]
                assert (event.claims, set(event.articles)) == (len(filed), {c.article_id for c in filed})


def article_variants(folder: Path, copies: int) -> list[Path]:
    """Copies of the bundled examples, each with its own closing line: many
    different articles about the same few events."""
    from crosscheck.pipeline import bundled_examples

    folder.mkdir()
    for copy in range(copies):
        for path in sorted(bundled_examples().glob("*.txt")):
            text = path.read_text(encoding="utf-8").rstrip() + f"\n\n(Édition {copy + 1}.)\n"
            (folder / f"{path.stem}-{copy}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


# --- SQLite only -----------------------------------------------------------------


def test_sqlite_store_uses_write_ahead_logging(store: Store) -> None:
    assert store.db.journal_mode == "wal"


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    junk = b"this is not a database at all" * 100
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="not a crosscheck store or corrupt"):
        open_store(path)
    assert path.read_bytes() == junk


def test_missing_store_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "absent.db", readonly=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(StoreError, match="cannot write"):
        open_store(folder / "x.db")


def test_unwritable_location_gives_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot write the store|does not exist"):
        open_store(Path("/proc/crosscheck-test/store.db"))
    with pytest.raises(StoreError, match="cannot write the store"):
        open_store(Path("/proc/crosscheck-test.db"))
