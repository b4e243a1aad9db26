"""Fact-checkers' review of flagged pairs: the queue, verdicts and their
history, calibration figures.

A verdict belongs to the pair's stable id (a hash of its two claim ids), so it
survives re-ingesting and re-linking. Each verdict keeps the two claims'
texts as judged: a pair whose claims have changed since is queued again.
Verdicts are only ever appended (a new one supersedes the last) or marked
undone, each in one short transaction, so reviewers working at once lose
nothing; a retried post or undo changes nothing more. The SQL is the store's
(`crosscheck.store_review`); this module checks what reviewers give it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crosscheck.display import speaker, written_date
from crosscheck.errors import CrosscheckError
from crosscheck.models import (
    DIVERGENCE_KINDS,
    Article,
    Claim,
    Divergence,
    EventReview,
    QueueFilters,
    ReviewProgress,
    Sentence,
    Verdict,
)
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
SCORE_BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, float("inf")))
MAX_NOTE = 4000
MAX_REVIEWER = 100
ALL_PAIRS = QueueFilters()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_reviewer(reviewer: str) -> str:
    """The reviewer's name as stored: any script, whitespace collapsed, no control characters."""
    reviewer = " ".join(unicodedata.normalize("NFC", reviewer).split())
    if not reviewer:
        raise CrosscheckError("a verdict needs the reviewer's name")
    if len(reviewer) > MAX_REVIEWER:
        raise CrosscheckError(f"reviewer name longer than {MAX_REVIEWER} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in reviewer):
        raise CrosscheckError("reviewer name has control characters or is not valid text")
    return reviewer


def check_note(note: str) -> str:
    note = note.replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        raise CrosscheckError(f"note longer than {MAX_NOTE} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in note):
        raise CrosscheckError("note has control characters or is not valid text")
    return note


def record_verdict(store: Store, pair_id: str, verdict: str, *, reviewer: str, note: str = "") -> Verdict:
    """Append a verdict on a flagged pair (a later one supersedes it; none is
    lost). The same verdict, reviewer and note as the pair's current verdict
    is a retry: nothing is appended and that verdict is returned."""
    if verdict not in VERDICTS:
        raise CrosscheckError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    reviewer, note = check_reviewer(reviewer), check_note(note)
    recorded = store.record_verdict(pair_id, verdict, reviewer=reviewer, note=note, at=now())
    if recorded is None:
        raise CrosscheckError(f"{pair_id}: no such flagged pair in {store.path}")
    return recorded


def undo_verdict(store: Store, pair_id: str, *, reviewer: str, verdict_id: int | None = None) -> Verdict | None:
    """Mark the pair's current verdict undone (it stays in the history); the
    one before it, if any, is current again. With `verdict_id`, only that
    verdict, if it is still the current one (a retried undo undoes nothing
    more). None when there is nothing to undo."""
    return store.undo_verdict(pair_id, reviewer=check_reviewer(reviewer), at=now(), verdict_id=verdict_id)


def history(store: Store, pair_id: str) -> list[Verdict]:
    """Every verdict ever given on the pair, oldest first, undone ones included."""
    return store.verdict_history(pair_id)


def current_verdict(store: Store, pair_id: str) -> Verdict | None:
    return store.current_verdict(pair_id)


def queue(store: Store, filters: QueueFilters = ALL_PAIRS, limit: int = 1, offset: int = 0) -> list[str]:
    """Ids of the pairs still to review, highest score first."""
    return store.review_queue(filters, limit=limit, offset=offset)


def progress(store: Store, filters: QueueFilters = ALL_PAIRS) -> ReviewProgress:
    return store.review_progress(filters)


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
        return speaker(self.claim)

    @property
    def day(self) -> str:
        return written_date(self.article.published)


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
    current = store.current_verdicts_in_event(event_id)
    return [
        PairSummary(d, claims[d.a], claims[d.b], current.get(d.id)) for d in pairs if d.a in claims and d.b in claims
    ]


def events_to_review(store: Store) -> list[EventReview]:
    """Events with flagged pairs, most divergent first, with their review progress."""
    return store.events_to_review()


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
    needs_context: int = 0  # reviewed, but reviewers could not tell: neither divergent nor not

    @property
    def judged(self) -> int:
        """Reviewed pairs that reviewers could tell about."""
        return self.reviewed - self.needs_context

    @property
    def precision(self) -> float | None:
        """Share of the judged pairs that reviewers found divergent."""
        return self.divergent / self.judged if self.judged else None

    @property
    def band_label(self) -> str:
        low, high = self.band
        return f"{low:.1f}–{min(high, 1.0):.1f}"

    @property
    def band_words(self) -> str:
        low, high = self.band
        if low == 0:
            return f"below {high:.1f}"
        return f"{low:.1f} or more" if high == float("inf") else f"{low:.1f}–{high:.1f}"

    def sentence(self) -> str:
        """The row as a desk editor reads it: "of the 5 pairs scored 0.6–0.7,
        reviewers judged 4 of 5 divergent"."""
        flagged = f"{self.flagged} pair{'s' if self.flagged != 1 else ''} scored {self.band_words}"
        if not self.reviewed:
            return f"{flagged}: none reviewed yet"
        if self.judged:
            found = f"reviewers judged {self.divergent} of {self.judged} divergent ({self.precision:.0%})"
            unsure = f"; {self.needs_context} more needed context to tell" if self.needs_context else ""
        else:
            found, unsure = f"reviewers needed more context to tell for the {self.reviewed} reviewed", ""
        waiting = f"; {self.flagged - self.reviewed} not reviewed yet" if self.flagged > self.reviewed else ""
        return f"{flagged}: {found}{unsure}{waiting}"


def calibration(store: Store) -> list[Calibration]:
    """Per divergence kind and score band: flagged pairs, reviewed ones, those
    judged divergent, and those reviewers could not tell about."""
    counts = store.calibration_counts([high for _, high in SCORE_BANDS[:-1]])
    found = {(c.kind, c.band): c for c in counts}
    return [
        Calibration(
            kind, band, *(getattr(found[kind, i], f) for f in ("flagged", "reviewed", "divergent", "needs_context"))
        )
        for kind in DIVERGENCE_KINDS
        for i, band in enumerate(SCORE_BANDS)
        if (kind, i) in found
    ]
