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
from crosscheck.stores import open_store
from crosscheck.verdict_export import render_verdicts
from tests.conftest import copy_store, linked_stages
from tests.test_report import CALLS, ingest_texts


@pytest.fixture
def pairs_store(examples_db: Path, tmp_path: Path):
    """A copy of the bundled examples' store and its flagged pairs."""
    store = open_store(copy_store(examples_db, tmp_path / "review.db"))
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
    assert review.progress(pairs_store) == review.ReviewProgress(reviewed=1, left=len(everything) - 1)
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
    import sqlite_utils

    from crosscheck.store import MIGRATIONS

    db = tmp_path / "old.db"
    old = sqlite_utils.Database(db)
    for migration in MIGRATIONS[:7]:  # a store of schema 7, with its reviews table
        migration(old)
    old.execute("INSERT INTO reviews VALUES ('dv-1', 'divergent', 'n', 'Ana', '2026-01-01')")
    old.execute("PRAGMA user_version = 7")
    old.conn.commit()
    old.close()
    with open_store(db) as store:
        assert store.verdicts() == {"dv-1": "divergent"}
        assert [(v.reviewer, v.note) for v in review.history(store, "dv-1")] == [("Ana", "n")]
        assert "reviews" not in store.db.table_names()


def write_verdicts(db: str, pairs: list[str], reviewer: str) -> None:
    with open_store(Path(db)) as store:
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


def test_terminal_queue_judges_points_with_keys_notes_skips_and_undo(pairs_store: Store) -> None:
    keys = iter(["e", "d", "s", "c", "u", "z", "q"])
    console = Console(file=io.StringIO(), width=100)
    console.input = lambda prompt="": "checked against the transcript"  # type: ignore[method-assign]
    first, second, third, fourth = review.point_queue(pairs_store, limit=4)
    session = run_review(pairs_store, console, lambda: next(keys), reviewer="Ana")
    assert session.given == [first, third] and session.undone == 1

    def verdicts(item: str) -> list:
        return [review.current_verdict(pairs_store, p) for p in pairs_store.item_pair_ids(item)]

    assert {(v.verdict, v.note, v.point) for v in verdicts(first)} == {
        ("divergent", "checked against the transcript", first)
    }  # every pair of the point, the point recorded
    assert verdicts(second) == [None] * len(pairs_store.item_pair_ids(second))  # skipped
    assert {v.verdict for v in verdicts(third)} == {"consistent"}
    assert verdicts(fourth) == [None] * len(pairs_store.item_pair_ids(fourth))  # judged unrelated, then undone
    for pair in pairs_store.item_pair_ids(fourth):
        assert [(v.verdict, v.undone_by) for v in review.history(pairs_store, pair)] == [("unrelated", "Ana")]
    out = console.file.getvalue()
    assert "points reviewed" in out and "[d] divergent" in out and "one verdict covers" in out


def test_review_commands_on_the_command_line(pairs_store: Store, tmp_path: Path) -> None:
    from tests.test_cli import crosscheck

    db = str(pairs_store.path)
    pair = review.queue(pairs_store)[0]
    review.record_verdict(pairs_store, pair, "divergent", reviewer="Ana")
    stats = crosscheck("stats", "--db", db)
    assert stats.returncode == 0 and re.search(r"denial|contradiction|framing", stats.stdout)
    assert re.search(r"reviewers judged 1 of 1 divergent \(100%\)", stats.stdout)  # the one reviewed pair
    out = tmp_path / "verdicts.jsonl"
    assert crosscheck("verdicts", "export", "--db", db, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["pair_id"] == pair
    bad = crosscheck("verdicts", "export", "--db", db, "--format", "xml")
    assert bad.returncode == 2 and "--format" in bad.stderr
    exposed = crosscheck("serve", "--db", db, "--host", "0.0.0.0")
    assert exposed.returncode == 2 and "--token" in exposed.stderr
    assert crosscheck("review", "--db", str(tmp_path / "none.db")).returncode == 2
    unknown = crosscheck("review", "--db", db, "--kind", "rumour")
    assert unknown.returncode == 2 and "must be one of denial, contradiction, omission, framing" in unknown.stderr
    assert "emphasis" not in crosscheck("review", "--help").stdout  # framing is the kind's name now


# --- on both backends: a small store written here --------------------------------

EAST = (
    "Le ministère a affirmé que la rencontre avait été demandée par la partie adverse. "
    "Il a ajouté que les pourparlers reprendraient lundi matin. "
    "Le porte-parole a démenti tout accord sur les échanges de prisonniers."
)
WEST = (
    "The ministry said the meeting had been requested by the other side. "
    "It added that the talks would resume on Tuesday. "
    "A spokesman said an agreement on prisoner exchanges had been reached."
)
# (pair id, claim of EAST, claim of WEST, kind, score)
SEEDED_PAIRS = [
    ("dv-first", 0, 0, "contradiction", 0.92),
    ("dv-second", 2, 2, "denial", 0.81),
    ("dv-third", 1, 1, "contradiction", 0.55),
    ("dv-agrees", 0, 1, "agreement", 0.3),
]


def seed_pairs(store: Store) -> None:
    """Two articles of one event (sides XA and XB), three flagged pairs and an agreement."""
    from crosscheck.models import Article, Claim, Divergence, Event, Sentence
    from crosscheck.store import to_row

    rows: dict[str, list] = {"articles": [], "sentences": [], "claims": [], "events": [], "divergences": []}
    for article_id, text, side in (("east", EAST, "XA"), ("west", WEST, "XB")):
        rows["articles"].append(Article(id=article_id, content_hash=article_id, text=text, outlet=f"{side} wire"))
        start = 0
        for index, sentence in enumerate(text.split(". ")):
            end = start + len(sentence) + (1 if index < 2 else 0)
            rows["sentences"].append(Sentence(article_id=article_id, index=index, start=start, end=end))
            span = {"start": start, "end": end, "content_start": start, "content_end": end, "text": text[start:end]}
            rows["claims"].append(
                Claim(id=f"{article_id}:{index}", article_id=article_id, side=side, event_id="ev-talks", **span)
            )
            start = end + 1
    rows["events"].append(Event(id="ev-talks", label="Talks on prisoners", articles=["east", "west"], claims=6))
    for pair_id, a, b, kind, score in SEEDED_PAIRS:
        rows["divergences"].append(
            Divergence(id=pair_id, event_id="ev-talks", a=f"east:{a}", b=f"west:{b}", kind=kind, score=score)
        )
    with store.transaction():
        for table, records in rows.items():
            store.insert_rows(table, [to_row(r) for r in records])


@pytest.fixture
def seeded(any_store: Store) -> Store:
    seed_pairs(any_store)
    return any_store


def verdict_rows(store: Store) -> int:
    return len(store.judged_verdicts(history=True))


def test_seeded_queue_progress_and_events_on_both_backends(seeded: Store) -> None:
    assert review.queue(seeded, limit=10) == ["dv-first", "dv-second", "dv-third"]  # by score, no agreement
    assert review.queue(seeded, review.QueueFilters(kind="denial"), limit=10) == ["dv-second"]
    assert review.queue(seeded, review.QueueFilters(side="xb"), limit=10, offset=1) == ["dv-second", "dv-third"]
    assert review.queue(seeded, review.QueueFilters(event="ev-other"), limit=10) == []
    review.record_verdict(seeded, "dv-second", "divergent", reviewer="Ana")
    assert review.queue(seeded, limit=10) == ["dv-first", "dv-third"]
    assert review.progress(seeded) == review.ReviewProgress(reviewed=1, left=2)
    [event] = review.events_to_review(seeded)
    assert (event.id, event.label, event.pairs, event.reviewed) == ("ev-talks", "Talks on prisoners", 3, 1)
    assert seeded.flagged_event_labels() == [("ev-talks", "Talks on prisoners")]
    assert seeded.claim_sides() == ["XA", "XB"]
    summaries = review.event_pair_summaries(seeded, "ev-talks")
    assert [(s.divergence.id, s.current and s.current.reviewer) for s in summaries] == [
        ("dv-first", None), ("dv-second", "Ana"), ("dv-third", None),
    ]  # fmt: skip


def test_seeded_calibration_counts_per_kind_and_band(seeded: Store) -> None:
    review.record_verdict(seeded, "dv-first", "divergent", reviewer="Ana")
    review.record_verdict(seeded, "dv-third", "consistent", reviewer="Ana")
    table = {(r.kind, r.band_label): (r.flagged, r.reviewed, r.divergent) for r in review.calibration(seeded)}
    assert table == {
        ("denial", "0.8–0.9"): (1, 0, 0),
        ("contradiction", "0.5–0.6"): (1, 1, 0),
        ("contradiction", "0.9–1.0"): (1, 1, 1),
    }


def test_stats_count_needs_context_apart_and_read_as_sentences(seeded: Store) -> None:
    review.record_verdict(seeded, "dv-first", "needs-context", reviewer="Ana")
    review.record_verdict(seeded, "dv-third", "divergent", reviewer="Ana")
    rows = {(r.kind, r.band_label): r for r in review.calibration(seeded)}
    unsure = rows["contradiction", "0.9–1.0"]
    assert (unsure.reviewed, unsure.needs_context, unsure.judged, unsure.precision) == (1, 1, 0, None)
    assert unsure.sentence() == "1 pair scored 0.9 or more: reviewers needed more context to tell for the 1 reviewed"
    assert rows["contradiction", "0.5–0.6"].sentence() == (
        "1 pair scored 0.5–0.6: reviewers judged 1 of 1 divergent (100%)"
    )
    assert rows["denial", "0.8–0.9"].sentence() == "1 pair scored 0.8–0.9: none reviewed yet"


@pytest.mark.parametrize("name", ["Łukasz", "Олена", "Zoë  Ngô\u00a0Thị"])
def test_names_in_any_script_are_stored_and_exported_as_given(seeded: Store, name: str) -> None:
    given = review.record_verdict(seeded, "dv-first", "divergent", reviewer=name, note="Переговоры — ok")
    expected = " ".join(name.split())
    assert given.reviewer == expected and review.history(seeded, "dv-first")[0].reviewer == expected
    [line] = render_verdicts(seeded, "jsonl").splitlines()
    assert expected in line and json.loads(line)["reviewer"] == expected
    [row] = csv.DictReader(io.StringIO(render_verdicts(seeded, "csv")))
    assert (row["reviewer"], row["note"], row["a_text"]) == (expected, "Переговоры — ok", EAST.split(". ")[0] + ".")
    documents = json.loads(render_verdicts(seeded, "claimreview"))
    assert {d["author"]["name"] for d in documents} == {expected}


@pytest.mark.parametrize("name", ["Ana\x00", "Ana\x1b[31m", "\udce9ric", "x" * 101, " \t "])
def test_names_that_are_not_text_are_refused(seeded: Store, name: str) -> None:
    with pytest.raises(CrosscheckError, match="reviewer"):
        review.record_verdict(seeded, "dv-first", "divergent", reviewer=name)
    assert verdict_rows(seeded) == 0


def test_a_retried_verdict_is_stored_once(seeded: Store) -> None:
    first = review.record_verdict(seeded, "dv-first", "divergent", reviewer="Łukasz", note="see the readout")
    again = review.record_verdict(seeded, "dv-first", "divergent", reviewer="Łukasz", note="see the readout ")
    assert again == first and verdict_rows(seeded) == 1
    review.record_verdict(seeded, "dv-first", "divergent", reviewer="Олена", note="see the readout")  # another reviewer
    review.record_verdict(seeded, "dv-first", "divergent", reviewer="Łukasz", note="see the readout")  # current again
    review.record_verdict(seeded, "dv-first", "consistent", reviewer="Łukasz", note="see the readout")  # changed mind
    assert [(v.reviewer, v.verdict) for v in review.history(seeded, "dv-first")] == [
        ("Łukasz", "divergent"), ("Олена", "divergent"), ("Łukasz", "divergent"), ("Łukasz", "consistent"),
    ]  # fmt: skip
    review.undo_verdict(seeded, "dv-first", reviewer="Łukasz")
    review.record_verdict(seeded, "dv-first", "consistent", reviewer="Łukasz", note="see the readout")  # given anew
    assert verdict_rows(seeded) == 5


def test_a_retried_undo_undoes_only_its_verdict(seeded: Store) -> None:
    kept = review.record_verdict(seeded, "dv-first", "divergent", reviewer="Ana")
    mistake = review.record_verdict(seeded, "dv-first", "unrelated", reviewer="Ana")
    assert review.undo_verdict(seeded, "dv-first", reviewer="Ana", verdict_id=mistake.id).id == mistake.id
    assert review.undo_verdict(seeded, "dv-first", reviewer="Ana", verdict_id=mistake.id) is None  # the retry
    assert review.current_verdict(seeded, "dv-first") == kept


def test_two_identical_posts_at_once_store_one_verdict(seeded: Store, location) -> None:
    import threading

    errors: list[Exception] = []

    def post() -> None:
        try:
            with open_store(location) as store:
                review.record_verdict(store, "dv-second", "misattributed", reviewer="Олена", note="same form")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and verdict_rows(seeded) == 1


@pytest.mark.parametrize("offset", [-5, 10**30, 2**63])
def test_queue_offsets_and_limits_of_any_size_are_bounded(seeded: Store, offset: int) -> None:
    expected = ["dv-first", "dv-second", "dv-third"] if offset < 0 else []
    assert review.queue(seeded, limit=10**30, offset=offset) == expected


def hold_verdicts_table(location) -> tuple[object, str]:
    """Another connection in a write transaction that blocks verdicts: SQLite's
    write lock, PostgreSQL's lock on the verdicts table."""
    if isinstance(location, Path):
        blocker = sqlite3.connect(location, check_same_thread=False)
        blocker.execute("BEGIN IMMEDIATE")
        blocker.execute("INSERT INTO events (id, label) VALUES ('ev-held', 'held')")
        return blocker, "sqlite"
    import psycopg

    blocker = psycopg.connect(location)
    blocker.execute("LOCK TABLE verdicts IN EXCLUSIVE MODE")
    return blocker, "postgresql"


def test_a_verdict_waits_for_another_writer_and_is_stored(seeded: Store, location) -> None:
    import threading
    import time

    blocker, _ = hold_verdicts_table(location)
    release = threading.Timer(1.0, blocker.commit)
    release.start()
    started = time.monotonic()
    try:
        given = review.record_verdict(seeded, "dv-third", "needs-context", reviewer="Олена")
    finally:
        release.join()
        blocker.close()
    assert time.monotonic() - started >= 0.9  # it waited for the other writer, then went through
    assert review.current_verdict(seeded, "dv-third") == given and verdict_rows(seeded) == 1


def test_terminal_queue_in_any_script(seeded: Store) -> None:
    keys = iter(["d", "q"])
    console = Console(file=io.StringIO(), width=120)
    session = run_review(seeded, console, lambda: next(keys), reviewer="Олена")
    assert review.current_verdict(seeded, session.given[0]).reviewer == "Олена"
    assert "Олена" in console.file.getvalue()


def test_verdicts_export_is_utf8_on_stdout_whatever_the_locale(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "names.db"
    with open_store(db) as store:
        seed_pairs(store)
        review.record_verdict(store, "dv-first", "divergent", reviewer="Олена")
    exported = subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", "verdicts", "export", "--db", str(db), "--format", "csv"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},  # a terminal that cannot show Cyrillic
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    [row] = csv.DictReader(io.StringIO(exported.stdout.decode("utf-8")))
    assert row["reviewer"] == "Олена"


def test_terminal_pair_names_the_reviewer_and_never_prints_an_empty_omits_line() -> None:
    from crosscheck.models import Article, Claim, Divergence
    from crosscheck.review_tui import render_pair

    article = Article(id="east", content_hash="h", text=EAST, outlet="XA wire")
    claims = [
        Claim(id=f"east:{i}", article_id="east", start=0, end=10, content_start=0, content_end=10, text=EAST[:10])
        for i in (0, 1)
    ]
    omission = Divergence(
        id="dv-x", event_id="ev", a="east:0", b="east:1", kind="omission", score=0.7, evidence="omits: "
    )
    pair = review.PairInContext(
        omission, *(review.ClaimInContext(c, article, "", c.text, "") for c in claims), "Talks on prisoners"
    )
    console = Console(file=io.StringIO(), width=100)
    console.print(render_pair(pair, review.ReviewProgress(reviewed=0, left=1), "", "Ana"))
    lines = [line.strip() for line in console.file.getvalue().splitlines()]
    assert "reviewing as Ana · 0 reviewed · 1 left" in lines
    assert not any(line.rstrip(":") in ("omits", "") and "omits" in line for line in lines)
    assert "A readout is said to leave out a topic the other version covers" in lines
    assert "no country" in console.file.getvalue()  # a claim of no side, in words


def test_claimreview_names_who_made_the_claim_not_a_pronoun(pairs_store: Store) -> None:
    from crosscheck.actors import load_registry

    first = review.queue(pairs_store)[0]
    review.record_verdict(pairs_store, first, "divergent", reviewer="Ana")
    by_text = {c.text: c for c in pairs_store.claims()}
    documents = json.loads(render_verdicts(pairs_store, "claimreview"))
    assert documents
    for document in documents:
        claim = by_text[document["claimReviewed"]]
        actor = load_registry().get(claim.actor)
        expected = actor.name if actor else claim.source
        assert document["itemReviewed"]["author"]["name"] == expected


# --- points: the queue's items, verdicts on a whole point, stats and thresholds --------


def seed_point(store: Store) -> None:
    """The seeded pairs, with "dv-first" and "dv-third" made one contradiction
    point (as `crosscheck.points` derives pairs, both at the point's score);
    "dv-second" stays a pair of no point, as in a store from before points."""
    from crosscheck.models import Point, Slot

    seed_pairs(store)
    point = Point(
        id="pt-talks",
        event_id="ev-talks",
        kind="contradiction",
        topic="meeting requested",
        score=0.92,
        reasons=["who asked for it: XA vs XB"],
        claims={"XA": ["east:0", "east:1"], "XB": ["west:0", "west:1"]},
        slots=[Slot(claim="east:0", start=43, end=80, slot="initiator")],
    )
    with store.transaction():
        store.save_points([point])
        for pair in ("dv-first", "dv-third"):
            store._execute("UPDATE divergences SET point = ?, score = ? WHERE id = ?", ["pt-talks", 0.92, pair])


@pytest.fixture
def pointed(any_store: Store) -> Store:
    seed_point(any_store)
    return any_store


def test_a_point_is_one_queue_item_and_a_pair_of_no_point_is_its_own(pointed: Store) -> None:
    assert review.point_queue(pointed, limit=10) == ["pt-talks", "dv-second"]
    assert review.point_progress(pointed) == review.ReviewProgress(reviewed=0, left=2)
    assert review.point_queue(pointed, review.QueueFilters(kind="denial"), limit=10) == ["dv-second"]
    assert review.point_queue(pointed, review.QueueFilters(side="xa"), limit=10, offset=1) == ["dv-second"]
    point = review.point_in_context(pointed, "pt-talks")
    assert (point.kind, point.topic, point.is_point, sorted(point.pairs)) == (
        "contradiction", "meeting requested", True, ["dv-first", "dv-third"],
    )  # fmt: skip
    assert [(s.code, [v.claim.id for v, _ in s.versions]) for s in point.sides] == [
        ("XA", ["east:0", "east:1"]), ("XB", ["west:0", "west:1"]),
    ]  # fmt: skip
    marked = [text for text, on in point.sides[0].versions[0][1] if on]
    assert marked == [EAST[43:80]]  # only the slot, nothing else of the claim
    single = review.point_in_context(pointed, "dv-second")
    assert (single.is_point, single.pairs, single.kind) == (False, ["dv-second"], "denial")
    assert review.point_in_context(pointed, "pt-nothing") is None


def test_one_verdict_on_a_point_covers_its_pairs_and_undo_takes_it_back(pointed: Store) -> None:
    given = review.record_point_verdict(pointed, "pt-talks", "divergent", reviewer="Ana", note="both readouts")
    assert sorted((v.pair_id, v.point, v.note) for v in given) == [
        ("dv-first", "pt-talks", "both readouts"), ("dv-third", "pt-talks", "both readouts"),
    ]  # fmt: skip
    assert len({v.batch for v in given}) == 1 and given[0].batch == min(v.id for v in given)
    assert review.point_queue(pointed, limit=10) == ["dv-second"]
    assert review.point_progress(pointed) == review.ReviewProgress(reviewed=1, left=1)
    assert review.record_point_verdict(pointed, "pt-talks", "divergent", reviewer="Ana", note="both readouts")
    assert verdict_rows(pointed) == 2  # a retry appends nothing
    [single] = review.record_point_verdict(pointed, "dv-second", "needs-context", reviewer="Bo")
    assert (single.pair_id, single.point) == ("dv-second", None)
    again = review.record_point_verdict(pointed, "pt-talks", "consistent", reviewer="Bo")
    assert review.undo_point_verdict(pointed, again[0].batch, reviewer="Bo") == sorted(v.id for v in again)
    assert review.undo_point_verdict(pointed, again[0].batch, reviewer="Bo") == []  # a retried undo: nothing more
    assert {review.current_verdict(pointed, p).verdict for p in ("dv-first", "dv-third")} == {"divergent"}
    with pytest.raises(CrosscheckError, match="no such point"):
        review.record_point_verdict(pointed, "pt-nothing", "divergent", reviewer="Ana")
    exported = [json.loads(line) for line in render_verdicts(pointed, "jsonl").splitlines()]
    assert {row["point"] for row in exported if row["pair_id"] != "dv-second"} == {"pt-talks"}


def test_a_point_that_gains_a_pair_comes_back_to_the_queue(pointed: Store) -> None:
    review.record_point_verdict(pointed, "pt-talks", "divergent", reviewer="Ana")
    with pointed.transaction():
        pointed._execute("UPDATE divergences SET point = ? WHERE id = ?", ["pt-talks", "dv-second"])
    assert review.point_queue(pointed, limit=10) == ["pt-talks"]  # its new pair is not judged yet
    assert review.point_progress(pointed) == review.ReviewProgress(reviewed=0, left=1)


def test_stats_per_kind_of_point(pointed: Store) -> None:
    review.record_point_verdict(pointed, "pt-talks", "divergent", reviewer="Ana")
    review.record_point_verdict(pointed, "dv-second", "needs-context", reviewer="Ana")
    stats = {s.kind: s for s in review.kind_stats(pointed)}
    found = stats["contradiction"]
    assert (found.flagged, found.judged, found.confirmed) == (1, 1, 1)
    assert (stats["denial"].judged, stats["denial"].needs_context) == (0, 1)
    assert stats["contradiction"].sentence() == (
        "contradiction: 1 point flagged; reviewers judged 1 and found 1 divergent (100%)"
    )
    assert stats["denial"].sentence() == "denial: 1 point flagged; none judged yet; 1 more needed context to tell"
    [proposal] = [p for p in review.propose_thresholds(pointed) if p.kind == "contradiction"]
    assert proposal.threshold is None and "9 more verdicts needed" in proposal.sentence()


def test_thresholds_proposed_are_the_lowest_that_reach_the_target() -> None:
    # 12 judged points: the six scored 0.7 and more were divergent, none below; at 0.68 six of seven (86%)
    scores = [(0.9, True), (0.88, True), (0.85, True), (0.82, True), (0.8, True), (0.7, True)]
    scores += [(0.68, False), (0.65, False), (0.62, False), (0.6, False), (0.55, False), (0.5, False)]
    found = review.proposal("framing", scores, target=0.8, min_verdicts=10)
    assert (found.threshold, found.above, found.below) == (0.68, (6, 7), (0, 5))
    assert found.sentence() == (
        "framing: flag only points scored 0.68 or more; reviewers found 6 of the 7 judged at or above it "
        "divergent (86%), and 0 of the 5 below it (0%)"
    )
    assert review.proposal("framing", scores, target=0.9, min_verdicts=10).threshold == 0.7
    assert review.proposal("framing", scores, target=0.5, min_verdicts=10).threshold == 0.0  # 6 of 12 already
    assert review.proposal("framing", scores, target=0.8, min_verdicts=13).threshold is None  # too few verdicts
    wrong = [(0.5 + i / 100, i == 3) for i in range(12)]  # one divergent in twelve, not the top one
    nothing = review.proposal("framing", wrong, target=0.8, min_verdicts=10)
    assert nothing.threshold is None and "no threshold reaches 80%" in nothing.sentence()


def test_a_point_below_its_kinds_threshold_is_not_queued(pointed: Store) -> None:
    pointed.save_thresholds({"contradiction": 0.95})
    assert review.point_queue(pointed, limit=10) == ["dv-second"]
    assert review.point_progress(pointed).total == 1
    pointed.save_thresholds({"contradiction": 0.9, "denial": 0.85})
    assert review.point_queue(pointed, limit=10) == ["pt-talks"]
    [stats] = [s for s in review.kind_stats(pointed) if s.kind == "denial"]
    assert stats.below_threshold == 1 and "below the threshold in force" in stats.sentence()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a thresholds file"),
        ('{"thresholds": {"rumour": 0.5}}', "unknown kind 'rumour'"),
        ('{"thresholds": {"framing": 1.5}}', "must be a score from 0 to 1"),
        ('{"thresholds": {"framing": true}}', "must be a score from 0 to 1"),
        ('["framing"]', "expected"),
    ],
)
def test_a_malformed_thresholds_file_is_one_line_naming_it(tmp_path: Path, content: str, problem: str) -> None:
    from crosscheck.settings import load_thresholds

    path = tmp_path / "thresholds.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CrosscheckError, match=re.escape(problem)) as raised:
        load_thresholds(path)
    assert str(raised.value).startswith(str(path)) and "\n" not in str(raised.value)


def test_thresholds_files_in_json_and_toml_and_the_old_kind_name(tmp_path: Path) -> None:
    from crosscheck.settings import load_thresholds

    (tmp_path / "t.toml").write_text("[thresholds]\nframing = 0.7\ndenial = 0.5\n", encoding="utf-8")
    (tmp_path / "t.json").write_text('{"emphasis": 0.65}', encoding="utf-8")
    assert load_thresholds(tmp_path / "t.toml").by_kind == {"framing": 0.7, "denial": 0.5}
    assert load_thresholds(tmp_path / "t.json").by_kind == {"framing": 0.65}
    proposals = [review.proposal("framing", [(0.6 + i / 100, True) for i in range(10)], 0.8, 10)]
    for name in ("w.json", "w.toml"):
        (tmp_path / name).write_text(review.thresholds_file(proposals, tmp_path / name), encoding="utf-8")
        assert load_thresholds(tmp_path / name).by_kind == {"framing": 0.0}


def test_thresholds_silence_check_findings_and_quiet_the_report(pairs_store: Store) -> None:
    from crosscheck.check import check_paths
    from crosscheck.models import DIVERGENCE_KINDS
    from crosscheck.pipeline import full_stages
    from crosscheck.report import Filters, collect, render_event
    from crosscheck.settings import Thresholds
    from tests.conftest import DATA

    article, stages = DATA / "check" / "relay_cn.txt", full_stages()

    def divergent_findings(**options) -> set[str]:
        found = check_paths([article], pairs_store, stages, **options).findings
        return {f.kind for f in found} & set(DIVERGENCE_KINDS)

    assert "contradiction" in divergent_findings()
    strict = Thresholds({kind: 1.0 for kind in DIVERGENCE_KINDS})
    assert divergent_findings(thresholds=strict) == set()
    kind = "contradiction"  # a kind the examples flag, every pair of it scored below 0.99
    data = collect(pairs_store, Filters(thresholds={kind: 0.99}))
    assert not [p for v in data.events for p in v.pairs if p.divergence.kind == kind]
    quiet = [v for v in data.events if any(p.divergence.kind == kind for p in v.below)]
    assert quiet and "Below the calibrated threshold" in render_event(quiet[0])
    rows = [r for v in data.events for r in v.readout if r.point.kind.value == kind]
    assert rows and all(r.quiet and "below the calibrated threshold" in r.kind_words for r in rows)
    pairs_store.save_thresholds(strict.by_kind)  # without thresholds given, the store's own apply
    assert divergent_findings() == set()
    assert not [p for v in collect(pairs_store).events for p in v.pairs]


def test_thresholds_on_the_command_line(pairs_store: Store, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from crosscheck.settings import load_thresholds
    from tests.conftest import DATA
    from tests.test_cli import crosscheck

    db = str(pairs_store.path)
    nothing_yet = crosscheck("stats", "--db", db, "--write-thresholds", str(tmp_path / "early.json"))
    assert nothing_yet.returncode == 2 and "not written" in nothing_yet.stderr
    for point in review.point_queue(pairs_store, limit=3):
        review.record_point_verdict(pairs_store, point, "divergent", reviewer="Ana")
    written = tmp_path / "thresholds.json"
    stats = crosscheck("stats", "--db", db, "--min-verdicts", "1", "--write-thresholds", str(written))
    assert stats.returncode == 0 and "Thresholds (target 80%, once 1 points" in stats.stdout
    assert re.search(r"(denial|contradiction|framing|omission): \d+ points? flagged; reviewers judged", stats.stdout)
    proposed = load_thresholds(written).by_kind
    assert proposed and set(proposed.values()) == {0.0}  # every judged point was divergent: keep flagging all
    bad = tmp_path / "bad.json"
    bad.write_text('{"framing": "high"}', encoding="utf-8")
    for command in (["report", "--db", db, "-o", str(tmp_path / "r")], ["check", str(DATA / "check" / "agreeing.txt")]):
        refused = crosscheck(*command, "--db", db, "--thresholds", str(bad))
        assert refused.returncode == 2 and str(bad) in refused.stderr and len(refused.stderr.splitlines()) == 1
    from_env = subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", "report", "--db", db, "-o", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env={**os.environ, "CROSSCHECK_THRESHOLDS": str(bad)},
        timeout=300,
    )
    assert from_env.returncode == 2 and str(bad) in from_env.stderr
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "call.txt").write_text(
        "The ministry said the talks would resume on Monday, a spokesman told reporters.\n", encoding="utf-8"
    )
    new_db = tmp_path / "new.db"
    stored = crosscheck("ingest", str(tmp_path / "articles"), "--db", str(new_db), "--thresholds", str(written))
    assert stored.returncode == 0, stored.stderr
    with open_store(new_db, readonly=True) as store:
        assert store.saved_thresholds() == proposed
