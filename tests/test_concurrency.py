"""Readers and writers at once, as separate processes on one store: a CI
`check`, an `ingest` of new articles and a reviewer posting verdicts. Nothing
is refused and nothing is lost (issue: a check used to hold the write lock)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crosscheck.stores import open_store
from tests.conftest import DATA, copy_store

ROOT = Path(__file__).resolve().parent.parent

VERDICTS = """
import sys
from crosscheck.review import record_verdict
from crosscheck.stores import open_store
with open_store(sys.argv[1]) as store:
    pairs = [d.id for d in store.divergences()]
    for i, pair in enumerate(pairs):
        record_verdict(store, pair, "divergent" if i % 2 else "consistent", reviewer="Łukasz")
print(len(pairs))
"""


def new_articles(folder: Path, count: int) -> Path:
    """Distinct short wire stories about invented talks, each one article."""
    folder.mkdir()
    for i in range(count):
        (folder / f"talks-{i}.txt").write_text(
            f"Pourparlers n°{i} à Genève\n\n"
            f"Le ministère norvégien des Affaires étrangères a déclaré que la réunion numéro {i} "
            f"avait porté sur {12 + i} navires de pêche retenus depuis le {1 + i % 27} mars.\n",
            encoding="utf-8",
        )
    return folder


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_check_ingest_and_verdicts_at_once_lose_nothing(examples_db: Path, tmp_path: Path) -> None:
    db = copy_store(examples_db, tmp_path / "shared.db")
    with open_store(db, readonly=True) as store:
        before = store.counts()
        pairs = [d.id for d in store.divergences()]
    folder = new_articles(tmp_path / "new", 6)
    cli = ("-m", "crosscheck")
    processes = {
        "check": start(*cli, "check", str(DATA / "check" / "relay_cn.txt"), "--db", str(db), "--format", "json"),
        "ingest": start(*cli, "ingest", str(folder), "--db", str(db), "-q"),
        "verdicts": start("-c", VERDICTS, str(db)),
    }
    done = {name: (p.wait(timeout=900), *p.communicate()) for name, p in processes.items()}
    assert done["check"][0] == 1, done["check"][2]  # 1: the relayed version contradicts a known one
    assert done["ingest"][0] == 0, done["ingest"][2]
    assert done["verdicts"][0] == 0, done["verdicts"][2]
    assert '"contradiction"' in done["check"][1]
    with open_store(db, readonly=True) as store:
        after = store.counts()
        from crosscheck.review import current_verdict

        judged = [current_verdict(store, pair) for pair in pairs]
    assert pairs and after["articles"] == before["articles"] + 6
    assert all(v is not None and v.reviewer == "Łukasz" for v in judged)
    assert done["verdicts"][1].strip() == str(len(pairs))
