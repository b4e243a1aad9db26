"""`--jobs N`: forked workers read, attribute and embed articles; the main
process links and saves them in input order, so the store is the same as
with one process, whatever N."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from crosscheck.check import check_paths
from crosscheck.embed import cache_key
from crosscheck.export import export_contract
from crosscheck.ingest import ingest_paths
from crosscheck.link import claim_contents
from crosscheck.models import IngestStatus
from crosscheck.pipeline import bundled_examples, full_stages
from crosscheck.stores import open_store
from tests.conftest import FakeEncoder

ROOT = Path(__file__).resolve().parent.parent


def examples_with_trouble(folder: Path) -> Path:
    """The bundled examples, an empty file and a copy of the first article."""
    shutil.copytree(bundled_examples(), folder)
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    shutil.copy(folder / "01_chine-usa-appel.txt", folder / "zz_same-as-01.txt")
    return folder


def test_two_workers_store_what_one_process_stores(tmp_path: Path, examples_db: Path) -> None:
    folder = examples_with_trouble(tmp_path / "in")
    seen = []
    db = tmp_path / "jobs.db"
    with open_store(db) as store:
        summary = ingest_paths([folder], store, stages=full_stages(), jobs=2, location=db, on_outcome=seen.append)
        with_workers = export_contract(store)
    with open_store(examples_db, readonly=True) as store:
        in_one_process = export_contract(store)
    assert with_workers == in_one_process
    assert [Path(o.path).name for o in seen][:12] == sorted(p.name for p in bundled_examples().iterdir())[:12]
    assert summary.count(IngestStatus.NEW) == 12 and len(seen) == 14
    [empty] = summary.failed
    assert empty.path.endswith("zz_empty.txt") and "empty" in (empty.message or "")
    assert [o.status for o in seen if o.path.endswith("zz_same-as-01.txt")] == [IngestStatus.UNCHANGED]


def test_workers_embed_and_skip_what_the_store_holds(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(
            f"Le ministère norvégien a déclaré que la réunion numéro {i} avait porté sur la pêche.\n"
            "Le Kremlin a affirmé que les discussions avaient été utiles.\n",
            encoding="utf-8",
        )
    db = tmp_path / "s.db"
    encoder = FakeEncoder()  # the workers' copies encode; this process's counts what it encodes itself
    with open_store(db) as store:
        first = ingest_paths([folder], store, stages=full_stages(encoder=encoder), jobs=2, location=db)
        counts = store.counts()
        contents = [
            text for a in store.articles() for text in claim_contents(a, [c for c in store.claims(a.id) if c.source])
        ]
        stored = store.cached_vectors([cache_key(encoder.name, text) for text in contents])
        again = ingest_paths([folder], store, stages=full_stages(encoder=encoder), jobs=2, location=db)
        assert store.counts() == counts
    assert first.count(IngestStatus.NEW) == 4 and counts["claims"] == 8
    assert again.count(IngestStatus.UNCHANGED) == 4
    assert len(contents) == 8 and len(stored) == 5  # saved with the article that brought each
    assert not set(contents) & set(encoder.encoded)  # linking and divergences used the workers' vectors


def test_check_finds_the_same_with_two_workers(tmp_path: Path, ru_us_db: Path) -> None:
    folder = tmp_path / "new"
    shutil.copytree(ROOT / "tests" / "data" / "check", folder, ignore=shutil.ignore_patterns("known_*"))
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    results = []
    for jobs in (1, 2):
        with open_store(ru_us_db, readonly=True) as store:
            result = check_paths([folder], store, full_stages(), jobs=jobs, location=ru_us_db)
        results.append(([(f.path, f.kind, f.message, f.pair_id) for f in result.findings], result.checked))
    assert results[0] == results[1]
    assert any(kind == "unreadable" and path.endswith("zz_empty.txt") for path, kind, *_ in results[0][0])


def test_cli_jobs_option(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(
            f"Le ministère a déclaré que la réunion numéro {i} avait eu lieu à Oslo.\n", encoding="utf-8"
        )
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    run = subprocess.run(
        [sys.executable, "-m", "crosscheck", "ingest", str(folder), "--db", str(tmp_path / "c.db"), "--jobs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 2, run.stderr
    assert "3 new" in run.stdout
    [skipped] = [line for line in run.stderr.splitlines() if "skipped" in line]
    assert "bad.txt" in skipped
    refused = subprocess.run(
        [sys.executable, "-m", "crosscheck", "ingest", str(folder), "--engine", "ray", "--jobs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert refused.returncode == 2 and "--jobs" in refused.stderr
