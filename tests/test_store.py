from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosscheck.errors import StoreError
from crosscheck.ingest import ingest_paths
from crosscheck.models import Article, Claim, Divergence, Event, Sentence
from crosscheck.store import MIGRATIONS, SCHEMA_VERSION, Store, model_columns
from tests.conftest import no_claims
from tests.test_ingest import write_articles


def test_migrations_give_every_model_field_a_column(store: Store) -> None:
    tables = (
        ("articles", Article),
        ("sentences", Sentence),
        ("claims", Claim),
        ("events", Event),
        ("divergences", Divergence),
    )
    for table, model in tables:
        assert set(model_columns(model)) <= set(store.db[table].columns_dict)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert store.db.journal_mode == "wal"


def test_reopening_does_not_migrate_twice(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path) as again:
        assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer crosscheck"):
        Store.open(db_path)


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    junk = b"this is not a database at all" * 100
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="not a crosscheck store or corrupt"):
        Store.open(path)
    assert path.read_bytes() == junk


def test_missing_store_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "absent.db", readonly=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(StoreError, match="cannot write"):
        Store.open(folder / "x.db")


def test_locked_store_gives_a_clear_error_and_loses_nothing(tmp_path: Path, db_path: Path, monkeypatch) -> None:
    write_articles(tmp_path / "a", 2)
    with Store.open(db_path) as store:
        ingest_paths([tmp_path / "a"], store, extractor=no_claims)
    blocker = sqlite3.connect(db_path)
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr("crosscheck.store.BUSY_TIMEOUT_S", 0.2)
    write_articles(tmp_path / "b", 1, prefix="other")
    with pytest.raises(StoreError, match="locked by another process"), Store.open(db_path) as store:
        ingest_paths([tmp_path / "b"], store, extractor=no_claims)
    blocker.rollback()
    blocker.close()
    with Store.open(db_path, readonly=True) as store:
        assert store.counts()["articles"] == 2


def test_reader_works_while_a_writer_holds_a_transaction(tmp_path: Path, db_path: Path) -> None:
    write_articles(tmp_path / "a", 3)
    with Store.open(db_path) as store:
        ingest_paths([tmp_path / "a"], store, extractor=no_claims)
        store.db.execute("BEGIN IMMEDIATE")
        store.db.execute("DELETE FROM sentences")
        with Store.open(db_path, readonly=True) as reader:
            assert reader.counts()["sentences"] == 3
        store.db.execute("ROLLBACK")


def test_interrupted_run_leaves_whole_articles_and_the_next_run_completes(tmp_path: Path, db_path: Path) -> None:
    write_articles(tmp_path / "in", 3000)
    script = (
        "import sys; from pathlib import Path; from crosscheck.store import Store; "
        "from crosscheck.ingest import ingest_paths; "
        "s = Store.open(sys.argv[1]); ingest_paths([Path(sys.argv[2])], s, extractor=lambda a, x: [])"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(db_path), str(tmp_path / "in")])
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        if db_path.exists() and count(db_path, "articles") > 50:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored = count(db_path, "articles")
    assert 0 < stored < 3000
    assert count(db_path, "sentences") == stored  # one sentence per article: no half article
    with Store.open(db_path) as store:
        summary = ingest_paths([tmp_path / "in"], store, extractor=no_claims)
        assert store.counts()["articles"] == 3000
    assert summary.count(summary.outcomes[0].status.__class__("unchanged")) == stored


def count(db_path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_unwritable_location_gives_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot write the store|does not exist"):
        Store.open(Path("/proc/crosscheck-test/store.db"))
    with pytest.raises(StoreError, match="cannot write the store"):
        Store.open(Path("/proc/crosscheck-test.db"))
