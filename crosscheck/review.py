"""Fact-checkers' review of flagged pairs: the queue, verdicts and their
history, calibration figures.

A verdict belongs to the pair's stable id (a hash of its two claim ids), so it
survives re-ingesting and re-linking. Each verdict keeps the two claims'
texts as judged: a pair whose claims have changed since is queued again.
Verdicts are only ever appended (a new one supersedes the last) or marked
undone, each in one statement, so reviewers working at once lose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from crosscheck.errors import CrosscheckError
from crosscheck.models import AGREEMENT, DIVERGENCE_KINDS, Article, Claim, Divergence, Sentence
from crosscheck.store import Store

VERDICTS = ("divergent", "consistent", "unrelated", "misattributed", "needs-context")
# One key per verdict, the same in the browser and the terminal.
VERDICT_KEYS = {"d": "divergent", "c": "consistent", "u": "unrelated", "m": "misattributed", "n": "needs-context"}
VERDICT_HELP = {
    "divergent": "the two versions really differ",
    "consistent": "the versions agree; flagged wrongly",
    "unrelated": "the claims are not about the same thing",
    "misattributed": "a claim's source or side is wrong",
    "needs-context": "cannot tell without more context",
}
KINDS = DIVERGENCE_KINDS
SCORE_BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, float("inf")))
MAX_NOTE = 4000
MAX_REVIEWER = 100

# A pair is reviewed when it has a current verdict given on the claims as they are now
# (verdicts carried over from before texts were recorded count as given on them).
REVIEWED = """(v.id IS NOT NULL AND (v.text_a IS NULL
    OR (v.text_a = ca.text AND v.text_b = cb.text) OR (v.text_a = cb.text AND v.text_b = ca.text)))"""
PAIRS = """FROM divergences d
    JOIN claims ca ON ca.id = d.a
    JOIN claims cb ON cb.id = d.b
    LEFT JOIN current_verdicts v ON v.pair_id = d.id"""


@dataclass(frozen=True)
class QueueFilters:
    event: str | None = None
    side: str | None = None
    kind: str | None = None

    def where(self) -> tuple[str, list[str]]:
        clauses, params = ["d.kind != ?"], [AGREEMENT]
        if self.event:
            clauses.append("d.event_id = ?")
            params.append(self.event)
        if self.side:
            clauses.append("(ca.side = ? OR cb.side = ?)")
            params += [self.side.upper(), self.side.upper()]
        if self.kind:
            clauses.append("d.kind = ?")
            params.append(self.kind)
        return " AND ".join(clauses), params


@dataclass
class Verdict:
    id: int
    pair_id: str
    verdict: str
    note: str
    reviewer: str
    created_at: str
    claim_a: str | None = None
    text_a: str | None = None
    claim_b: str | None = None
    text_b: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_reviewer(reviewer: str) -> str:
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise CrosscheckError("a verdict needs the reviewer's name")
    if len(reviewer) > MAX_REVIEWER:
        raise CrosscheckError(f"reviewer name longer than {MAX_REVIEWER} characters")
    return reviewer


def record_verdict(store: Store, pair_id: str, verdict: str, *, reviewer: str, note: str = "") -> Verdict:
    """Append a verdict on a flagged pair (a later one supersedes it; none is lost)."""
    if verdict not in VERDICTS:
        raise CrosscheckError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if len(note) > MAX_NOTE:
        raise CrosscheckError(f"note longer than {MAX_NOTE} characters")
    reviewer = check_reviewer(reviewer)
    with store.errors():
        pair = store.execute(
            "SELECT d.a, ca.text, d.b, cb.text FROM divergences d JOIN claims ca ON ca.id = d.a "
            "JOIN claims cb ON cb.id = d.b WHERE d.id = ? AND d.kind != ?",
            [pair_id, AGREEMENT],
        ).fetchone()
        if pair is None:
            raise CrosscheckError(f"{pair_id}: no such flagged pair in {store.path}")
        with store.transaction(exclusive=False):  # one short write; verdicts only append
            verdict_id = store.value(
                "INSERT INTO verdicts (pair_id, verdict, note, reviewer, created_at, claim_a, text_a, claim_b, text_b)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [pair_id, verdict, note.strip(), reviewer, now(), *pair],
            )
        return verdict_by_id(store, verdict_id)


def undo_verdict(store: Store, pair_id: str, *, reviewer: str) -> Verdict | None:
    """Mark the pair's current verdict undone (it stays in the history); the
    one before it, if any, is current again. None when there is nothing to undo."""
    reviewer = check_reviewer(reviewer)
    with store.errors(), store.transaction(exclusive=False):
        row = store.execute(
            "UPDATE verdicts SET undone_at = ?, undone_by = ? WHERE id = "
            "(SELECT max(id) FROM verdicts WHERE pair_id = ? AND undone_at IS NULL) RETURNING id",
            [now(), reviewer, pair_id],
        ).fetchone()
    return verdict_by_id(store, row[0]) if row else None


def verdict_by_id(store: Store, verdict_id: int) -> Verdict:
    cursor = store.execute("SELECT * FROM verdicts WHERE id = ?", [verdict_id])
    return as_verdict(cursor, cursor.fetchone())


def as_verdict(cursor, row) -> Verdict:
    return Verdict(**dict(zip([c[0] for c in cursor.description], row, strict=True)))


def history(store: Store, pair_id: str) -> list[Verdict]:
    """Every verdict ever given on the pair, oldest first, undone ones included."""
    with store.errors():
        cursor = store.execute("SELECT * FROM verdicts WHERE pair_id = ? ORDER BY id", [pair_id])
        return [as_verdict(cursor, row) for row in cursor.fetchall()]


def current_verdict(store: Store, pair_id: str) -> Verdict | None:
    with store.errors():
        cursor = store.execute("SELECT * FROM current_verdicts WHERE pair_id = ?", [pair_id])
        row = cursor.fetchone()
        return as_verdict(cursor, row) if row else None


def queue(store: Store, filters: QueueFilters = QueueFilters(), limit: int = 1, offset: int = 0) -> list[str]:
    """Ids of the pairs still to review, highest score first."""
    where, params = filters.where()
    with store.errors():
        rows = store.execute(
            f"SELECT d.id {PAIRS} WHERE {where} AND NOT {REVIEWED} ORDER BY d.score DESC, d.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class Progress:
    reviewed: int
    left: int

    @property
    def total(self) -> int:
        return self.reviewed + self.left


def progress(store: Store, filters: QueueFilters = QueueFilters()) -> Progress:
    where, params = filters.where()
    with store.errors():
        reviewed, total = store.execute(
            f"SELECT coalesce(sum({REVIEWED}), 0), count(*) {PAIRS} WHERE {where}", params
        ).fetchone()
    return Progress(reviewed, total - reviewed)


# --- one pair in context --------------------------------------------------------


@dataclass
class ClaimInContext:
    claim: Claim
    article: Article
    before: str  # the sentence before the claim's, if any
    sentence: str  # the claim's sentence(s)
    after: str
    lead: str = ""  # the part of the claim's sentence before the claim
    tail: str = ""  # and after it

    @property
    def chain(self) -> str:
        return chain_text(self.claim)

    @property
    def day(self) -> str:
        return self.article.published.isoformat() if self.article.published else ""


@dataclass
class PairInContext:
    divergence: Divergence
    a: ClaimInContext
    b: ClaimInContext
    event_label: str
    current: Verdict | None = None
    history: list[Verdict] = field(default_factory=list)


def chain_text(claim: Claim) -> str:
    """Outlet → agency → official, as written."""
    return " → ".join(link.mention for link in claim.chain) or (claim.source or "")


@dataclass
class PairSummary:
    """A pair as an event's list shows it: no article text needed."""

    divergence: Divergence
    a: Claim
    b: Claim
    current: Verdict | None


def event_pair_summaries(store: Store, event_id: str) -> list[PairSummary]:
    """The event's flagged pairs, highest score first, with their current verdicts, in three queries."""
    with store.errors():
        pairs = store.event_divergences(event_id)
        claims = store.claims_with_ids(sorted({c for d in pairs for c in (d.a, d.b)}))
        cursor = store.execute(
            "SELECT * FROM current_verdicts WHERE pair_id IN (SELECT id FROM divergences WHERE event_id = ?)",
            [event_id],
        )
        current = {v.pair_id: v for v in (as_verdict(cursor, row) for row in cursor.fetchall())}
    return [
        PairSummary(d, claims[d.a], claims[d.b], current.get(d.id)) for d in pairs if d.a in claims and d.b in claims
    ]


def reviewed_per_event(store: Store) -> dict[str, tuple[int, int]]:
    """Event id → (flagged pairs, reviewed ones), in one query."""
    with store.errors():
        rows = store.execute(
            f"SELECT d.event_id, count(*), coalesce(sum({REVIEWED}), 0) {PAIRS} WHERE d.kind != ? GROUP BY d.event_id",
            [AGREEMENT],
        ).fetchall()
    return {event: (pairs, reviewed) for event, pairs, reviewed in rows}


def pair_in_context(store: Store, pair_id: str) -> PairInContext | None:
    with store.errors():
        divergence = store.divergence(pair_id)
        if divergence is None:
            return None
        claims = store.claims_with_ids([divergence.a, divergence.b])
        label = store.event_label(divergence.event_id)
        return PairInContext(
            divergence,
            in_context(store, claims[divergence.a]),
            in_context(store, claims[divergence.b]),
            label or divergence.event_id,
            current_verdict(store, pair_id),
            history(store, pair_id),
        )


def in_context(store: Store, claim: Claim) -> ClaimInContext:
    article = store.article(claim.article_id)
    sentences: list[Sentence] = store.sentences(claim.article_id)
    holding = [i for i, s in enumerate(sentences) if s.start < claim.end and s.end > claim.start]
    if not holding:
        return ClaimInContext(claim, article, "", claim.text, "")
    first, last = holding[0], holding[-1]
    text = article.text

    def span(i: int) -> str:
        return text[sentences[i].start : sentences[i].end] if 0 <= i < len(sentences) else ""

    start, end = sentences[first].start, sentences[last].end
    return ClaimInContext(
        claim,
        article,
        span(first - 1),
        text[start:end],
        span(last + 1),
        lead=text[start : max(start, claim.start)],
        tail=text[min(end, claim.end) : end],
    )


# --- calibration -------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    kind: str
    band: tuple[float, float]
    flagged: int
    reviewed: int
    divergent: int

    @property
    def precision(self) -> float | None:
        """Share of the reviewed pairs that reviewers judged divergent."""
        return self.divergent / self.reviewed if self.reviewed else None

    @property
    def band_label(self) -> str:
        low, high = self.band
        return f"{low:.1f}–{min(high, 1.0):.1f}"


def calibration(store: Store) -> list[Calibration]:
    """Per divergence kind and score band: flagged pairs, reviewed ones, and
    those judged divergent (the observed precision)."""
    with store.errors():
        rows = store.execute(
            f"SELECT d.kind, d.score, {REVIEWED}, v.verdict {PAIRS} WHERE d.kind != ?", [AGREEMENT]
        ).fetchall()
    counts: dict[tuple[str, tuple[float, float]], list[int]] = {}
    for kind, score, reviewed, verdict in rows:
        band = next(b for b in SCORE_BANDS if b[0] <= score < b[1])
        tally = counts.setdefault((kind, band), [0, 0, 0])
        tally[0] += 1
        tally[1] += bool(reviewed)
        tally[2] += bool(reviewed) and verdict == "divergent"
    return [
        Calibration(kind, band, *counts[kind, band]) for kind in KINDS for band in SCORE_BANDS if (kind, band) in counts
    ]
