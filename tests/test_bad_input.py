"""One bad file never stops a run nor gets the wrong message, and a store
that cannot be used is exit 3 with one line, left as it was (README, Exit
codes). Commands run in this process through `crosscheck.cli.main`, the one
place that turns errors into stderr lines and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from crosscheck.actors import load_registry
from crosscheck.cli import main
from crosscheck.errors import InputError, StoreError
from crosscheck.ingest import ingest_paths
from crosscheck.models import IngestStatus
from crosscheck.pipeline import full_stages
from crosscheck.store import log_files
from crosscheck.stores import open_store
from tests.conftest import copy_store, no_claims

SEED = "Le ministère des Affaires étrangères a déclaré mardi que les pourparlers reprendraient bientôt.\n"
GOOD = "The defence ministry said on Wednesday that the convoy had reached the border crossing.\n"
LATER = "Selon le porte-parole du gouvernement, la délégation rentrera jeudi après deux jours de discussions.\n"


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `crosscheck ARGS…`: the exit code, stdout, and the lines of stderr."""

    def run(*args: str | Path) -> tuple[int, str, list[str]]:
        monkeypatch.setattr(sys, "argv", ["crosscheck", *map(str, args)])
        with pytest.raises(SystemExit) as done:
            main()
        captured = capsys.readouterr()
        return done.value.code, captured.out, captured.err.strip().splitlines()

    return run


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def counts(db: Path) -> dict[str, int]:
    with open_store(db, readonly=True) as store:
        return store.counts()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with open_store(db) as store:
        ingest_paths([write(db.parent / "in" / "seed.txt", SEED)], store, stages=full_stages())
    return db


@pytest.fixture
def seeded(seed_store: Path, tmp_path: Path) -> Path:
    """A store holding one article and its claim."""
    return copy_store(seed_store, tmp_path / "seeded.db")


# --- bad input files ------------------------------------------------------------


def test_ingest_stores_the_good_files_past_every_bad_one(tmp_path: Path, seeded: Path, cli) -> None:
    before = counts(seeded)
    good = write(tmp_path / "in" / "good.txt", GOOD)
    record = json.dumps({"text": LATER})
    bad = {
        tmp_path / "in" / "missing.txt": "no such file or folder",
        write(tmp_path / "in" / "notes.pdf", b"%PDF-1.4"): "unsupported file type .pdf",
        write(tmp_path / "in" / "deep.json", "[" * 100_000 + "]" * 100_000): "JSON nested too deeply",
        write(tmp_path / "in" / "batch.jsonl", f"{record}\n{record}\n{{oops}}\n"): "invalid JSON at line 3",
    }
    code, out, err = cli("ingest", *bad, good, "--db", seeded)
    assert code == 2
    assert "1 new, 0 updated, 0 unchanged, 4 failed" in out
    assert len(err) == len(bad)
    for path, problem in bad.items():
        assert [line for line in err if f"{path}: {problem}" in line], (path, err)
    after = counts(seeded)
    assert after["articles"] == before["articles"] + 1 and after["claims"] >= before["claims"]
    with open_store(seeded, readonly=True) as store:
        assert {a.id for a in store.articles()} == {"seed", "good"}


def test_a_file_name_that_is_not_utf8_is_stored_under_a_printable_id(tmp_path: Path, seeded: Path, cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for raw, text in ((b"r\xe9sum\xe9.txt", GOOD), (b"r\xe8sum\xe8.txt", LATER)):  # Latin-1 names
        (Path(os.fsdecode(folder)) / os.fsdecode(raw)).write_text(text, encoding="utf-8")
    code, out, err = cli("ingest", folder, "--db", seeded)
    assert code == 0, err
    assert "2 new" in out
    code, out, err = cli("export", "--db", seeded, "--format", "json")
    assert code == 0, err
    articles = {claim["article"] for claim in json.loads(out)["claims"]}
    assert {"r\\xe9sum\\xe9", "r\\xe8sum\\xe8"} <= articles


def test_check_checks_the_good_files_past_unsupported_and_missing_ones(tmp_path: Path, seeded: Path, cli) -> None:
    good = write(tmp_path / "new" / "good.txt", GOOD)
    odd = write(tmp_path / "new" / "notes.pdf", b"%PDF-1.4")
    missing = tmp_path / "new" / "missing.txt"
    code, out, _ = cli("check", odd, missing, good, "--db", seeded, "--format", "json")
    assert code == 2
    report = json.loads(out)
    unreadable = {f["path"]: f["message"] for f in report["findings"] if f["kind"] == "unreadable"}
    assert set(unreadable) == {str(odd), str(missing)}
    assert "unsupported file type .pdf" in unreadable[str(odd)] and "no such file" in unreadable[str(missing)]
    assert {c["path"]: c["article"] for c in report["checked"]}[str(good)] == "good"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('["person.one", "person.two"]', 'expected {"actors": ['),
        ('{"actors": "person.one"}', 'expected {"actors": ['),
        ('{"actors": ["person.one"]}', 'actor 1: expected an object like {"id"'),
        ('{"actors": [{"id": "p.a", "name": "A"}, {"name": "B"}]}', "actor 2, field 'id': field required"),
        ('{"actors": [{"id": 7, "name": "A", "aliases": "A."}]}', "actor 1, field 'id': input should be a valid"),
        ('{"actors": [{"id": "p.a", "name": "A", "roles": [{"start": "soon"}]}]}', "actor 1, field 'roles.0."),
        ('{"actors": [', "invalid JSON at line 1"),
    ],
)
def test_a_bad_actor_registry_names_the_file_and_what_is_wrong(tmp_path: Path, content: str, problem: str) -> None:
    path = write(tmp_path / "actors.json", content)
    with pytest.raises(InputError) as raised:
        load_registry((path,))
    assert str(raised.value).startswith(f"{path}: ") and problem in str(raised.value)


def test_a_bad_actor_registry_is_one_line_and_exit_2(tmp_path: Path, seeded: Path, cli) -> None:
    before = counts(seeded)
    registry = write(tmp_path / "actors.json", '["person.one"]')
    code, _, err = cli("ingest", write(tmp_path / "good.txt", GOOD), "--db", seeded, "--actors", registry)
    assert code == 2 and len(err) == 1 and f"{registry}: not an actor registry" in err[0]
    assert counts(seeded) == before


def test_nul_characters_never_reach_the_store(location, tmp_path: Path) -> None:
    """PostgreSQL text cannot hold NUL: readers drop it for every backend, so
    the files are stored (offsets point into the text as stored)."""
    folder = tmp_path / "nul"
    write(folder / "late.txt", SEED * 150 + "Fin\x00 du communiqué.\n")
    write(folder / "escaped.json", json.dumps({"text": GOOD.replace("convoy", "con\x00voy"), "title": "A\x00B"}))
    write(folder / "plain.txt", LATER)
    with open_store(location) as store:
        summary = ingest_paths([folder], store, extractor=no_claims)
        stored = store.articles()
    assert [o.status for o in summary.outcomes] == [IngestStatus.NEW] * 3
    assert len(stored) == 3 and not any("\x00" in a.text or "\x00" in (a.title or "") for a in stored)
    assert "the convoy had reached" in next(a.text for a in stored if a.id == "escaped")


# --- stores that cannot be used ---------------------------------------------------


def a_crosscheck_store(tmp_path: Path) -> Path:
    db = tmp_path / "made" / "crosscheck.db"
    db.parent.mkdir()
    with open_store(db) as store:
        ingest_paths([write(tmp_path / "made-in" / "seed.txt", SEED)], store, extractor=no_claims)
    return db


def payroll_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE payroll (name TEXT, salary INTEGER)")
        conn.execute("INSERT INTO payroll VALUES ('A. Martin', 3100)")
    conn.close()
    return path


def every_command(db: Path, article: Path, report: Path) -> dict[str, list[str | Path]]:
    return {
        "ingest": ["ingest", article, "--db", db],
        "export": ["export", "--db", db, "-o", report.with_suffix(".json")],
        "report": ["report", "--db", db, "-o", report, "--format", "md"],
        "check": ["check", article, "--db", db],
    }


def assert_refused_untouched(db: Path, tmp_path: Path, cli, problem: str) -> None:
    original = db.read_bytes()
    article = write(tmp_path / "article.txt", GOOD)
    for name, args in every_command(db, article, tmp_path / "report").items():
        code, _, err = cli(*args)
        assert code == 3, (name, err)
        assert len(err) == 1 and str(db) in err[0] and problem in err[0], (name, err)
        assert db.read_bytes() == original, name
        assert not any(p.exists() for p in log_files(db)), name


def test_an_unrelated_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path, cli) -> None:
    db = payroll_database(tmp_path / "payroll.db")
    original = db.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="is an SQLite database but not a crosscheck store"):
            open_store(db, readonly=readonly)
    assert db.read_bytes() == original
    assert_refused_untouched(db, tmp_path, cli, "is an SQLite database but not a crosscheck store")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["payroll"]
    conn.close()


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
def test_a_corrupt_store_is_exit_3_and_left_unchanged(tmp_path: Path, cli, damage: str) -> None:
    db = tmp_path / "damaged.db"
    if damage == "random bytes":
        db.write_bytes(os.urandom(64 * 1024))
    else:
        whole = a_crosscheck_store(tmp_path).read_bytes()
        db.write_bytes(whole[: len(whole) // 2])
    assert_refused_untouched(db, tmp_path, cli, "corrupt")


def test_a_store_damaged_past_its_schema_is_exit_3_not_an_internal_error(tmp_path: Path, cli) -> None:
    """The schema page reads fine, the tables do not: the first read while
    ingesting fails, and that is the store's error (3), not a bug (70)."""
    db = a_crosscheck_store(tmp_path)
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r[0] for r in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    conn.close()
    data = bytearray(db.read_bytes())
    for root in roots:  # each table's and index's first page; the schema stays readable
        data[(root - 1) * page_size : root * page_size] = b"\xa5" * page_size
    db.write_bytes(bytes(data))
    with open_store(db, readonly=True):
        pass  # it opens: the damage is found only when the tables are read
    code, _, err = cli("ingest", write(tmp_path / "new.txt", GOOD), "--db", db)
    assert code == 3 and len(err) == 1 and str(db) in err[0] and "corrupt" in err[0], err


@pytest.mark.parametrize("initial", ["empty file", "new path"])
def test_an_empty_file_or_a_new_path_becomes_a_store(tmp_path: Path, initial: str) -> None:
    db = tmp_path / "fresh.db"
    if initial == "empty file":
        db.write_bytes(b"")
    with open_store(db) as store:
        summary = ingest_paths([write(tmp_path / "good.txt", GOOD)], store, extractor=no_claims)
    assert not summary.failed and counts(db)["articles"] == 1


@contextmanager
def read_only(path: Path):
    """`path` (a file or a folder) made read-only for this process, root
    included (root ignores permission bits, so it gets the immutable flag)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root where chattr +i cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def read_only_copy(seeded: Path, tmp_path: Path) -> Path:
    (tmp_path / "ro").mkdir()
    return copy_store(seeded, tmp_path / "ro" / "store.db")  # closed: no -wal or -shm beside it


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_read_by_export_and_report(tmp_path: Path, seeded: Path, cli, what: str) -> None:
    db = read_only_copy(seeded, tmp_path)
    before, original = counts(seeded), db.read_bytes()
    article = write(tmp_path / "article.txt", GOOD)
    with read_only(db if what == "file" else db.parent):
        code, _, err = cli("export", "--db", db, "-o", tmp_path / "out.json")
        assert code == 0, err
        assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["claims"]) == before["claims"]
        code, out, err = cli("report", "--db", db, "-o", tmp_path / "report", "--format", "md")
        assert code == 0 and (tmp_path / "report" / "report.md").is_file(), err
        code, out, err = cli("stats", "--db", db)
        assert code == 0, err
        code, out, err = cli("verdicts", "export", "--db", db, "-o", tmp_path / "verdicts.jsonl")
        assert code == 0, err
        code, _, err = cli("ingest", article, "--db", db)
        assert code == 3 and len(err) == 1 and str(db) in err[0], err
        assert "cannot write the store" in err[0], err
    assert db.read_bytes() == original and counts(db) == before


@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_unrecorded_check_reads_a_read_only_store(tmp_path: Path, seeded: Path, cli, what: str) -> None:
    db = read_only_copy(seeded, tmp_path)
    original = db.read_bytes()
    with read_only(db if what == "file" else db.parent):
        code, out, err = cli("check", write(tmp_path / "article.txt", GOOD), "--db", db)
        assert code == 0 and "checked 1 file(s)" in out, err
        code, _, err = cli("check", tmp_path / "article.txt", "--db", db, "--record")
        assert code == 3 and len(err) == 1 and "cannot write the store" in err[0], err
    assert db.read_bytes() == original and counts(db) == counts(seeded)


def test_the_embedding_cache_is_inside_the_store_error_boundary(location) -> None:
    """A store that cannot be written fails as the store (exit 3), not with the
    database driver's exception (exit 70), on either backend."""
    with open_store(location):
        pass  # made and migrated
    with open_store(location, readonly=True) as store:
        assert store.cached_vectors(["absent"]) == {}
        with pytest.raises(StoreError, match=str(store.path).rpartition("/")[2]):
            store.cache_vectors("fake:bow-64", 2, {"key": b"\x00\x00\x00\x00\x00\x00\x00\x00"})
