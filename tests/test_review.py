"""Review verdicts in the store: history, undo, the queue, stability across
re-ingesting, parallel writers, calibration, exports, and the terminal queue."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console

from crosscheck import review
from crosscheck.errors import CrosscheckError
from crosscheck.ingest import ingest_paths
from crosscheck.review_tui import run_review
from crosscheck.store import Store
from crosscheck.verdict_export import render_verdicts
from tests.conftest import copy_store, linked_stages
from tests.test_report import CALLS, ingest_texts


@pytest.fixture
def pairs_store(examples_db: Path, tmp_path: Path):
    """A copy of the bundled examples' store and its flagged pairs."""
    store = Store.open(copy_store(examples_db, tmp_path / "review.db"))
    assert len(store.divergences()) >= 3
    yield store
    store.close()


def test_verdicts_keep_their_history_and_undo_restores_the_one_before(pairs_store: Store) -> None:
    pair = review.queue(pairs_store)[0]
    review.record_verdict(pairs_store, pair, "divergent", reviewer="Ana", note="two readouts")
    review.record_verdict(pairs_store, pair, "needs-context", reviewer="Bo")
    assert review.current_verdict(pairs_store, pair).verdict == "needs-context"
    undone = review.undo_verdict(pairs_store, pair, reviewer="Bo")
    assert undone.verdict == "needs-context" and undone.undone_by == "Bo"
    current = review.current_verdict(pairs_store, pair)
    assert (current.verdict, current.reviewer, current.note) == ("divergent", "Ana", "two readouts")
    assert [v.verdict for v in review.history(pairs_store, pair)] == ["divergent", "needs-context"]
    review.undo_verdict(pairs_store, pair, reviewer="Bo")
    assert review.current_verdict(pairs_store, pair) is None
    assert review.undo_verdict(pairs_store, pair, reviewer="Bo") is None  # nothing left to undo
    assert len(review.history(pairs_store, pair)) == 2  # undo never deletes


@pytest.mark.parametrize(
    ("pair", "verdict", "reviewer", "problem"),
    [
        (None, "maybe", "Ana", "verdict must be one of"),
        ("dv-000000000000", "divergent", "Ana", "no such flagged pair"),
        (None, "divergent", "   ", "reviewer"),
    ],
)
def test_bad_verdicts_are_refused(pairs_store: Store, pair, verdict: str, reviewer: str, problem: str) -> None:
    with pytest.raises(CrosscheckError, match=problem):
        review.record_verdict(pairs_store, pair or review.queue(pairs_store)[0], verdict, reviewer=reviewer)
    assert pairs_store.db.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0


def test_queue_is_ordered_by_score_and_filters_and_skips_reviewed_pairs(pairs_store: Store) -> None:
    everything = review.queue(pairs_store, limit=100)
    scores = [
        pairs_store.db.execute("SELECT score FROM divergences WHERE id = ?", [p]).fetchone()[0] for p in everything
    ]
    assert scores == sorted(scores, reverse=True) and len(everything) == len(pairs_store.divergences())
    review.record_verdict(pairs_store, everything[0], "consistent", reviewer="Ana")
    assert everything[0] not in review.queue(pairs_store, limit=100)
    assert review.progress(pairs_store) == review.Progress(1, len(everything) - 1)
    kind = pairs_store.divergences()[0].kind
    assert all(
        d.kind == kind
        for d in pairs_store.divergences()
        if d.id in review.queue(pairs_store, review.QueueFilters(kind=kind), 100)
    )
    assert review.queue(pairs_store, review.QueueFilters(side="ZZ"), 100) == []


def test_a_verdict_survives_reingesting_and_a_changed_claim_is_queued_again(tmp_path: Path) -> None:
    store = ingest_texts(tmp_path, CALLS)
    pair = review.queue(store)[0]
    review.record_verdict(store, pair, "divergent", reviewer="Ana")
    folder = tmp_path / "articles"
    for path in sorted(folder.iterdir()):  # the same articles again, after a re-link
        store.db.execute("DELETE FROM articles WHERE id = ?", [path.stem])
        ingest_paths([path], store, stages=linked_stages())
    assert review.current_verdict(store, pair).verdict == "divergent" and pair not in review.queue(store, limit=100)

    claim_id = store.db.execute("SELECT a FROM divergences WHERE id = ?", [pair]).fetchone()[0]
    store.db.execute("UPDATE claims SET text = text || ' (corrected)' WHERE id = ?", [claim_id])
    store.db.conn.commit()
    assert pair in review.queue(store, limit=100)  # its claim changed since it was judged
    store.close()


def test_older_reviews_are_carried_into_the_history(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE reviews (pair_id TEXT PRIMARY KEY, verdict TEXT, note TEXT, reviewer TEXT, updated_at TEXT)"
    )
    conn.execute("INSERT INTO reviews VALUES ('dv-1', 'divergent', 'n', 'Ana', '2026-01-01')")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    for table in ("articles", "sentences", "claims", "events", "event_keys", "divergences", "embeddings"):
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (id TEXT)")  # an empty store of schema 7
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        assert store.verdicts() == {"dv-1": "divergent"}
        assert "reviews" not in store.db.table_names()


def write_verdicts(db: str, pairs: list[str], reviewer: str) -> None:
    with Store.open(Path(db)) as store:
        for i, pair in enumerate(pairs * 10):
            review.record_verdict(store, pair, review.VERDICTS[i % len(review.VERDICTS)], reviewer=reviewer)


def test_two_reviewers_writing_at_once_lose_nothing(pairs_store: Store) -> None:
    pairs = review.queue(pairs_store, limit=3)
    db = str(pairs_store.path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=write_verdicts, args=(db, pairs, name)) for name in ("Ana", "Bo")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    counts = dict(pairs_store.db.execute("SELECT reviewer, count(*) FROM verdicts GROUP BY reviewer").fetchall())
    assert counts == {"Ana": 30, "Bo": 30}


def test_calibration_counts_verdicts_per_kind_and_band(pairs_store: Store) -> None:
    first, second = review.queue(pairs_store, limit=2)
    review.record_verdict(pairs_store, first, "divergent", reviewer="Ana")
    review.record_verdict(pairs_store, second, "consistent", reviewer="Ana")
    table = review.calibration(pairs_store)
    assert sum(row.flagged for row in table) == len(pairs_store.divergences())
    assert sum(row.reviewed for row in table) == 2 and sum(row.divergent for row in table) == 1
    for row in table:
        assert row.band[0] <= max(d.score for d in pairs_store.divergences() if d.kind == row.kind)
        assert row.precision is None or 0 <= row.precision <= 1


def test_exports_carry_the_verdicts(pairs_store: Store) -> None:
    first, second = review.queue(pairs_store, limit=2)
    review.record_verdict(pairs_store, first, "divergent", reviewer="Ana", note='=HYPERLINK("x")')
    review.record_verdict(pairs_store, second, "unrelated", reviewer="Bo")
    lines = [json.loads(line) for line in render_verdicts(pairs_store, "jsonl").splitlines()]
    assert [(r["pair_id"], r["verdict"]) for r in lines] == [(first, "divergent"), (second, "unrelated")]
    assert lines[0]["a_text"] and lines[0]["b_side"]
    rows = list(csv.DictReader(io.StringIO(render_verdicts(pairs_store, "csv"))))
    assert rows[0]["note"].startswith("'=")  # no formula runs when the file is opened in a spreadsheet
    review.undo_verdict(pairs_store, second, reviewer="Bo")
    assert len(render_verdicts(pairs_store, "jsonl").splitlines()) == 1
    assert len(render_verdicts(pairs_store, "jsonl", include_history=True).splitlines()) == 2


def schema_org_loader(url: str, options=None) -> dict:
    """schema.org's context without the network: every term in its vocabulary."""
    assert url.rstrip("/").endswith("schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def test_claimreview_export_is_json_ld_with_the_required_fields(pairs_store: Store) -> None:
    from pyld import jsonld

    first, second = review.queue(pairs_store, limit=2)
    review.record_verdict(pairs_store, first, "divergent", reviewer="Ana", note="Two readouts disagree.")
    review.record_verdict(pairs_store, second, "consistent", reviewer="Ana")
    documents = json.loads(render_verdicts(pairs_store, "claimreview", url_template="https://x.test/fc/{pair_id}"))
    assert len(documents) == 2  # one per version of the one pair judged divergent
    s = "https://schema.org/"
    for document in documents:
        [node] = jsonld.expand(document, {"documentLoader": schema_org_loader})
        assert node["@type"] == [f"{s}ClaimReview"]
        assert node[f"{s}url"][0]["@value"] == f"https://x.test/fc/{first}"
        assert node[f"{s}claimReviewed"][0]["@value"]
        assert node[f"{s}reviewRating"][0][f"{s}alternateName"][0]["@value"] == "Divergent version"
        assert node[f"{s}author"][0][f"{s}name"][0]["@value"] == "Ana"
        item = node[f"{s}itemReviewed"][0]
        assert item["@type"] == [f"{s}Claim"] and item[f"{s}author"][0][f"{s}name"][0]["@value"]
        assert item[f"{s}appearance"][0][f"{s}headline"]
    assert documents[0]["claimReviewed"] != documents[1]["claimReviewed"]


def test_terminal_queue_records_keys_notes_skips_and_undo(pairs_store: Store) -> None:
    keys = iter(["e", "d", "s", "c", "u", "z", "q"])
    console = Console(file=io.StringIO(), width=100)
    console.input = lambda prompt="": "checked against the transcript"  # type: ignore[method-assign]
    first, second, third, fourth = review.queue(pairs_store, limit=4)
    session = run_review(pairs_store, console, lambda: next(keys), reviewer="Ana")
    assert session.given == [first, third] and session.undone == 1
    assert review.current_verdict(pairs_store, first).note == "checked against the transcript"
    assert review.current_verdict(pairs_store, second) is None  # skipped
    assert review.current_verdict(pairs_store, third).verdict == "consistent"
    assert review.current_verdict(pairs_store, fourth) is None  # judged unrelated, then undone
    assert [(v.verdict, v.undone_by) for v in review.history(pairs_store, fourth)] == [("unrelated", "Ana")]
    out = console.file.getvalue()
    assert "reviewed" in out and "[d] divergent" in out


def test_review_commands_on_the_command_line(pairs_store: Store, tmp_path: Path) -> None:
    from tests.test_cli import crosscheck

    db = str(pairs_store.path)
    pair = review.queue(pairs_store)[0]
    review.record_verdict(pairs_store, pair, "divergent", reviewer="Ana")
    stats = crosscheck("stats", "--db", db)
    assert stats.returncode == 0 and re.search(r"denial|contradiction|emphasis", stats.stdout)
    assert re.search(r"\b1\s+1\s+1\.00$", stats.stdout, re.M)  # the one reviewed pair, judged divergent
    out = tmp_path / "verdicts.jsonl"
    assert crosscheck("verdicts", "export", "--db", db, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["pair_id"] == pair
    bad = crosscheck("verdicts", "export", "--db", db, "--format", "xml")
    assert bad.returncode == 2 and "--format" in bad.stderr
    exposed = crosscheck("serve", "--db", db, "--host", "0.0.0.0")
    assert exposed.returncode == 2 and "--token" in exposed.stderr
    assert crosscheck("review", "--db", str(tmp_path / "none.db")).returncode == 2
