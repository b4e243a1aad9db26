"""The review queue's reads and writes: verdicts and their history, the
queue and its progress, calibration counts, the rows of a verdict export.

`ReviewStore` is a mixin of `crosscheck.store.Store`: its methods are written
once in portable SQL (`?` placeholders) over the primitives each backend
provides (`execute`, `query`, `value`, `transaction`, `errors`). Verdicts are
only ever appended or marked undone, each in one short transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.models import (
    AGREEMENT,
    BandCount,
    EventReview,
    ItemCount,
    JudgedVerdict,
    Point,
    QueueFilters,
    ReviewProgress,
    Verdict,
)

MAX_ROWS = 2**62  # bounds LIMIT and OFFSET: both backends take 64-bit integers only
DIVERGENT = "divergent"
NEEDS_CONTEXT = "needs-context"

VERDICT_COLUMNS = ", ".join(Verdict.model_fields)
# A flagged pair with both claims and its current verdict, if any.
PAIRS = """FROM divergences d
    JOIN claims ca ON ca.id = d.a
    JOIN claims cb ON cb.id = d.b
    LEFT JOIN current_verdicts v ON v.pair_id = d.id"""
# A pair is reviewed when it has a current verdict given on the claims as they are now
# (verdicts carried over from before texts were recorded count as given on them).
REVIEWED = """(v.id IS NOT NULL AND (v.text_a IS NULL
    OR (v.text_a = ca.text AND v.text_b = cb.text) OR (v.text_a = cb.text AND v.text_b = ca.text)))"""
REVIEWED_COUNT = f"coalesce(sum(CASE WHEN {REVIEWED} THEN 1 ELSE 0 END), 0)"

PAIR_TEXTS = (
    "SELECT d.a, ca.text, d.b, cb.text FROM divergences d JOIN claims ca ON ca.id = d.a "
    "JOIN claims cb ON cb.id = d.b WHERE d.id = ? AND d.kind != ?"
)
# PostgreSQL runs two verdict transactions at once: locking the pair's row makes a
# retried post wait for the first and then see its verdict (SQLite's writers take turns).
LOCK_PAIR = {"postgresql": " FOR UPDATE OF d"}
INSERT_VERDICT = (
    "INSERT INTO verdicts (pair_id, verdict, note, reviewer, created_at, claim_a, text_a, claim_b, text_b)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
CURRENT_ID = "SELECT max(id) FROM verdicts WHERE pair_id = ? AND undone_at IS NULL"
UNDO = f"UPDATE verdicts SET undone_at = ?, undone_by = ? WHERE undone_at IS NULL AND id = ({CURRENT_ID})"
UNDO_THIS = f"{UNDO} AND id = ?"

# A verdict export reads one of two fixed tables, never a name from outside.
JUDGED = (
    "SELECT {columns}, d.kind AS pair_kind, d.score AS pair_score, d.event_id AS pair_event, "
    "e.label AS pair_label, d.a AS pair_a, d.b AS pair_b FROM {table} v "
    "LEFT JOIN divergences d ON d.id = v.pair_id LEFT JOIN events e ON e.id = d.event_id ORDER BY v.id"
)
JUDGED_SQL = {
    history: JUDGED.format(
        columns=", ".join(f"v.{c}" for c in Verdict.model_fields),
        table="verdicts" if history else "current_verdicts",
    )
    for history in (False, True)
}


# A queue item is a point, or a flagged pair that belongs to none (an older store's).
ITEM = "coalesce(d.point, d.id)"
ITEM_ROWS = f"""SELECT {ITEM} AS item, max(d.kind) AS kind, max(d.score) AS score, count(*) AS pairs,
    {REVIEWED_COUNT} AS reviewed,
    coalesce(sum(CASE WHEN {REVIEWED} AND v.verdict = ? THEN 1 ELSE 0 END), 0) AS divergent,
    coalesce(sum(CASE WHEN {REVIEWED} AND v.verdict = ? THEN 1 ELSE 0 END), 0) AS needs_context
    {PAIRS} WHERE {{where}} GROUP BY {ITEM}{{having}}"""
ITEM_PAIRS = (
    "SELECT d.id, d.a, ca.text, d.b, cb.text FROM divergences d JOIN claims ca ON ca.id = d.a "
    "JOIN claims cb ON cb.id = d.b WHERE (d.point = ? OR d.point IS NULL AND d.id = ?) AND d.kind != ? ORDER BY d.id"
)
INSERT_POINT_VERDICT = (
    "INSERT INTO verdicts (pair_id, verdict, note, reviewer, created_at, claim_a, text_a, claim_b, text_b, point)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
UNDO_BATCH = (
    "UPDATE verdicts SET undone_at = ?, undone_by = ? WHERE undone_at IS NULL AND batch = ? AND id = "
    "(SELECT max(w.id) FROM verdicts w WHERE w.pair_id = verdicts.pair_id AND w.undone_at IS NULL) RETURNING id"
)
THRESHOLDS_SETTING = "thresholds"


class ReviewStore:
    """Verdicts, the review queue and calibration (mixed into `Store`)."""

    # --- verdicts -------------------------------------------------------------

    def record_verdict(self, pair_id: str, verdict: str, *, reviewer: str, note: str, at: str) -> Verdict | None:
        """Append a verdict on a flagged pair, with the claims' texts as judged;
        None when there is no such flagged pair. A verdict the same as the
        pair's current one (reviewer, verdict, note, claims' texts) is a retry:
        nothing is appended and the current one is returned."""
        with self.errors(), self.transaction(exclusive=False):
            pair = self._execute(PAIR_TEXTS + LOCK_PAIR.get(self.dialect, ""), [pair_id, AGREEMENT]).fetchone()
            if pair is None:
                return None
            current = self._current_verdict(pair_id)
            given = (reviewer, verdict, note, *pair)
            if current is not None and given == (current.reviewer, current.verdict, current.note, *judged_on(current)):
                return current
            new_id = self._value(INSERT_VERDICT, [pair_id, verdict, note, reviewer, at, *pair])
            return self._verdict(new_id)

    def undo_verdict(self, pair_id: str, *, reviewer: str, at: str, verdict_id: int | None = None) -> Verdict | None:
        """Mark the pair's current verdict undone (it stays in the history), or
        only `verdict_id` if that one is still current, so a retried undo does
        not undo the verdict before it. None when nothing was undone."""
        params = [at, reviewer, pair_id]
        sql = UNDO if verdict_id is None else UNDO_THIS
        with self.errors(), self.transaction(exclusive=False):
            undone = self._value(sql + " RETURNING id", params if verdict_id is None else [*params, verdict_id])
            return self._verdict(undone) if undone is not None else None

    def verdict_history(self, pair_id: str) -> list[Verdict]:
        """Every verdict ever given on the pair, oldest first, undone ones included."""
        with self.errors():
            rows = self._query(f"SELECT {VERDICT_COLUMNS} FROM verdicts WHERE pair_id = ? ORDER BY id", [pair_id])
            return [Verdict.model_validate(r) for r in rows]

    def current_verdict(self, pair_id: str) -> Verdict | None:
        with self.errors():
            return self._current_verdict(pair_id)

    def current_verdicts_in_event(self, event_id: str) -> dict[str, Verdict]:
        """The current verdict of each judged pair of an event, by pair id."""
        with self.errors():
            rows = self._query(
                f"SELECT {VERDICT_COLUMNS} FROM current_verdicts "
                "WHERE pair_id IN (SELECT id FROM divergences WHERE event_id = ?)",
                [event_id],
            )
            return {r["pair_id"]: Verdict.model_validate(r) for r in rows}

    def judged_verdicts(self, *, history: bool = False) -> list[JudgedVerdict]:
        """Current verdicts (or every verdict ever given), oldest first, each
        with its pair as now stored."""
        with self.errors():
            return [judged(r) for r in self._query(JUDGED_SQL[history])]

    def _current_verdict(self, pair_id: str) -> Verdict | None:
        rows = self._query(f"SELECT {VERDICT_COLUMNS} FROM current_verdicts WHERE pair_id = ?", [pair_id])
        return Verdict.model_validate(rows[0]) if rows else None

    def _verdict(self, verdict_id: int) -> Verdict:
        rows = self._query(f"SELECT {VERDICT_COLUMNS} FROM verdicts WHERE id = ?", [verdict_id])
        return Verdict.model_validate(rows[0])

    # --- the queue ----------------------------------------------------------

    def review_queue(self, filters: QueueFilters, *, limit: int = 1, offset: int = 0) -> list[str]:
        """Ids of the flagged pairs still to review, highest score first."""
        where, params = filter_clause(filters)
        limit, offset = bounded(limit), bounded(offset)
        with self.errors():
            rows = self._execute(
                f"SELECT d.id {PAIRS} WHERE {where} AND NOT {REVIEWED} ORDER BY d.score DESC, d.id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        return [r[0] for r in rows]

    def review_progress(self, filters: QueueFilters) -> ReviewProgress:
        where, params = filter_clause(filters)
        with self.errors():
            sql = f"SELECT {REVIEWED_COUNT}, count(*) {PAIRS} WHERE {where}"
            reviewed, total = self._execute(sql, params).fetchone()
        return ReviewProgress(reviewed=reviewed, left=total - reviewed)

    def events_to_review(self) -> list[EventReview]:
        """Events with flagged pairs, most divergent first (sum of the scores),
        with how many of their pairs are reviewed."""
        with self.errors():
            rows = self._query(
                f"SELECT e.id AS id, e.label AS label, count(*) AS pairs, {REVIEWED_COUNT} AS reviewed "
                f"{PAIRS} JOIN events e ON e.id = d.event_id WHERE d.kind != ? "
                "GROUP BY e.id, e.label ORDER BY sum(d.score) DESC, e.id",
                [AGREEMENT],
            )
            return [EventReview.model_validate(r) for r in rows]

    def flagged_event_labels(self) -> list[tuple[str, str]]:
        """(id, label) of the events with flagged pairs, by label: the queue's event filter."""
        with self.errors():
            rows = self._execute(
                "SELECT e.id, e.label FROM events e WHERE EXISTS "
                "(SELECT 1 FROM divergences d WHERE d.event_id = e.id AND d.kind != ?) ORDER BY e.label, e.id",
                [AGREEMENT],
            ).fetchall()
            return [(r[0], r[1]) for r in rows]

    def claim_sides(self) -> list[str]:
        """The sides (country codes) claims speak for, sorted."""
        with self.errors():
            rows = self._execute("SELECT DISTINCT side FROM claims WHERE side IS NOT NULL ORDER BY side").fetchall()
            return [r[0] for r in rows]

    # --- points: the queue's items ------------------------------------------

    def item_queue(
        self, filters: QueueFilters, thresholds: dict[str, float], *, limit: int = 1, offset: int = 0
    ) -> list[str]:
        """Points (or pairs of no point) with a pair still to review, highest score first."""
        sql, params = item_rows(filters, thresholds)
        with self.errors():
            rows = self._execute(
                f"SELECT item FROM ({sql}) i WHERE reviewed < pairs ORDER BY score DESC, item LIMIT ? OFFSET ?",
                [*params, bounded(limit), bounded(offset)],
            ).fetchall()
        return [r[0] for r in rows]

    def item_progress(self, filters: QueueFilters, thresholds: dict[str, float]) -> ReviewProgress:
        """Points (and pairs of no point) reviewed (every pair) and left."""
        sql, params = item_rows(filters, thresholds)
        with self.errors():
            reviewed, total = self._execute(
                f"SELECT coalesce(sum(CASE WHEN reviewed = pairs THEN 1 ELSE 0 END), 0), count(*) FROM ({sql}) i",
                params,
            ).fetchone()
        return ReviewProgress(reviewed=reviewed, left=total - reviewed)

    def item_counts(self) -> list[ItemCount]:
        """Every point (and pair of no point) of a flagged kind, with its pairs' verdict counts."""
        sql, params = item_rows(QueueFilters(), {})
        with self.errors():
            return [ItemCount.model_validate(r) for r in self._query(f"{sql} ORDER BY 1", params)]

    def item_pair_ids(self, item: str) -> list[str]:
        """The flagged pairs a point (or a pair of no point) holds."""
        with self.errors():
            return [r[0] for r in self._execute(ITEM_PAIRS, [item, item, AGREEMENT]).fetchall()]

    def record_item_verdict(self, item: str, verdict: str, *, reviewer: str, note: str, at: str) -> list[Verdict]:
        """One verdict on a point: a verdict row for each of its pairs (the
        point recorded, all in one batch), in one transaction. A pair whose
        current verdict is the same is left as it is (a retry). Its verdicts,
        by pair; empty when the point has no flagged pair."""
        with self.errors(), self.transaction(exclusive=False):
            pairs = self._execute(ITEM_PAIRS + LOCK_PAIR.get(self.dialect, ""), [item, item, AGREEMENT]).fetchall()
            point = None if [p[0] for p in pairs] == [item] else item  # a pair of no point is its own item
            given, new = [], []
            for pair_id, *texts in pairs:
                current = self._current_verdict(pair_id)
                if current is not None and is_retry(current, (reviewer, verdict, note, *texts)):
                    given.append(current.id)
                    continue
                new.append(self._value(INSERT_POINT_VERDICT, [pair_id, verdict, note, reviewer, at, *texts, point]))
            if new:
                self._execute(f"UPDATE verdicts SET batch = ? WHERE id IN ({marks(new)})", [min(new), *new])
            return [self._verdict(i) for i in sorted(given + new)]

    def undo_batch(self, batch: int, *, reviewer: str, at: str) -> list[int]:
        """Mark undone the verdicts of one batch that are still their pairs'
        current ones (a retried undo undoes nothing more); the undone ids."""
        with self.errors(), self.transaction(exclusive=False):
            return sorted(r[0] for r in self._execute(UNDO_BATCH, [at, reviewer, batch]).fetchall())

    def last_batch(self, item: str) -> list[Verdict]:
        """The current verdicts of the latest batch given on a point (the undo bar's)."""
        with self.errors():
            rows = self._query(
                f"SELECT {VERDICT_COLUMNS} FROM current_verdicts WHERE batch = "
                f"(SELECT max(batch) FROM current_verdicts WHERE pair_id IN (SELECT id FROM divergences d "
                "WHERE d.point = ? OR d.point IS NULL AND d.id = ?)) ORDER BY id",
                [item, item],
            )
            return [Verdict.model_validate(r) for r in rows]

    def point(self, point_id: str) -> Point | None:
        """One stored point with its claims."""
        with self.errors():
            found = self._points("id = ?", [point_id])
        return found[0] if found else None

    # --- the store's calibrated thresholds ------------------------------------

    def saved_thresholds(self) -> dict[str, float]:
        """The thresholds an ingest recorded for this store (none: every point is flagged)."""
        with self.errors():
            text = self._value("SELECT value FROM store_settings WHERE name = ?", [THRESHOLDS_SETTING])
        return json.loads(text) if text else {}

    def save_thresholds(self, thresholds: dict[str, float]) -> None:
        with self.errors(), self.transaction(exclusive=False):
            self._execute("DELETE FROM store_settings WHERE name = ?", [THRESHOLDS_SETTING])
            self._execute(
                "INSERT INTO store_settings (name, value) VALUES (?, ?)",
                [THRESHOLDS_SETTING, json.dumps(thresholds, sort_keys=True)],
            )

    # --- calibration ---------------------------------------------------------

    def calibration_counts(self, upper_bounds: Sequence[float]) -> list[BandCount]:
        """Per divergence kind and score band: flagged pairs, reviewed ones and
        those judged divergent. A pair is in the first band whose upper bound
        its score is below; band `len(upper_bounds)` holds the rest."""
        band = " ".join(f"WHEN d.score < ? THEN {i}" for i in range(len(upper_bounds)))
        band = f"CASE {band} ELSE {len(upper_bounds)} END" if upper_bounds else "0"
        with self.errors():
            rows = self._query(
                f"SELECT d.kind AS kind, {band} AS band, count(*) AS flagged, {REVIEWED_COUNT} AS reviewed, "
                f"coalesce(sum(CASE WHEN {REVIEWED} AND v.verdict = ? THEN 1 ELSE 0 END), 0) AS divergent, "
                f"coalesce(sum(CASE WHEN {REVIEWED} AND v.verdict = ? THEN 1 ELSE 0 END), 0) AS needs_context "
                f"{PAIRS} WHERE d.kind != ? GROUP BY 1, 2 ORDER BY 1, 2",
                [*upper_bounds, DIVERGENT, NEEDS_CONTEXT, AGREEMENT],
            )
            return [BandCount.model_validate(r) for r in rows]


def item_rows(filters: QueueFilters, thresholds: dict[str, float]) -> tuple[str, list[Any]]:
    """One row per queue item (point, or pair of no point) after the filters;
    an item scored below its kind's threshold is not flagged."""
    where, params = filter_clause(filters)
    having, limits = "", []
    if thresholds:
        having = f" HAVING max(d.score) >= CASE max(d.kind) {' '.join('WHEN ? THEN ?' for _ in thresholds)} ELSE 0 END"
        limits = [x for kind, score in sorted(thresholds.items()) for x in (kind, score)]
    return ITEM_ROWS.format(where=where, having=having), [DIVERGENT, NEEDS_CONTEXT, *params, *limits]


def filter_clause(filters: QueueFilters) -> tuple[str, list[Any]]:
    """The WHERE clause of a queue (fixed fragments, values as parameters)."""
    clauses, params = ["d.kind != ?"], [AGREEMENT]
    if filters.event:
        clauses.append("d.event_id = ?")
        params.append(filters.event)
    if filters.side:
        clauses.append("(ca.side = ? OR cb.side = ?)")
        params += [filters.side.upper(), filters.side.upper()]
    if filters.kind:
        clauses.append("d.kind = ?")
        params.append(filters.kind)
    return " AND ".join(clauses), params


def is_retry(current: Verdict, given: tuple) -> bool:
    """The same reviewer, verdict, note and claims' texts as the pair's current verdict."""
    return given == (current.reviewer, current.verdict, current.note, *judged_on(current))


def judged_on(verdict: Verdict) -> tuple[str | None, ...]:
    """The claims and texts a verdict was given on, as `PAIR_TEXTS` reads them."""
    return verdict.claim_a, verdict.text_a, verdict.claim_b, verdict.text_b


def marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def bounded(count: int) -> int:
    return min(max(int(count), 0), MAX_ROWS)


def judged(row: dict[str, Any]) -> JudgedVerdict:
    verdict = Verdict.model_validate({c: row[c] for c in Verdict.model_fields})
    return JudgedVerdict(
        verdict=verdict,
        kind=row["pair_kind"],
        score=row["pair_score"],
        event_id=row["pair_event"],
        event_label=row["pair_label"],
        a=row["pair_a"] or verdict.claim_a,
        b=row["pair_b"] or verdict.claim_b,
    )
