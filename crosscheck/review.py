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

import json
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from crosscheck.display import short_speaker, speaker, written_date
from crosscheck.errors import CrosscheckError
from crosscheck.models import (
    DIVERGENCE_KINDS,
    Article,
    Claim,
    Divergence,
    EventReview,
    ItemCount,
    QueueFilters,
    ReviewProgress,
    Sentence,
    Verdict,
)
from crosscheck.settings import Thresholds
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


# --- points: what the queue judges -------------------------------------------------

KIND_WORDS = {
    "denial": "one side denies what the other said",
    "contradiction": "the facts conflict",
    "omission": "one side leaves it out",
    "framing": "same topic, different stress",
}


def store_thresholds(store: Store, given: Thresholds | None = None) -> dict[str, float]:
    """The thresholds in force: the ones given to the command, else the store's."""
    return dict(given.by_kind) if given is not None else store.saved_thresholds()


def point_queue(store: Store, filters: QueueFilters = ALL_PAIRS, limit: int = 1, offset: int = 0) -> list[str]:
    """Ids of the points still to review (a pair of no point is its own item), highest score first."""
    return store.item_queue(filters, store.saved_thresholds(), limit=limit, offset=offset)


def point_progress(store: Store, filters: QueueFilters = ALL_PAIRS) -> ReviewProgress:
    """Points reviewed (each of their pairs has a verdict) and left."""
    return store.item_progress(filters, store.saved_thresholds())


def record_point_verdict(store: Store, item: str, verdict: str, *, reviewer: str, note: str = "") -> list[Verdict]:
    """One verdict on a point: a verdict on each of its pairs (pair ids stay
    the history's key), the point recorded with each. Returns them."""
    if verdict not in VERDICTS:
        raise CrosscheckError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    reviewer, note = check_reviewer(reviewer), check_note(note)
    given = store.record_item_verdict(item, verdict, reviewer=reviewer, note=note, at=now())
    if not given:
        raise CrosscheckError(f"{item}: no such point or flagged pair in {store.path}")
    return given


def undo_point_verdict(store: Store, batch: int, *, reviewer: str) -> list[int]:
    """Take back a verdict given on a point: each of its pairs' verdicts that
    is still current is marked undone. The ids undone (none on a retry)."""
    return store.undo_batch(batch, reviewer=check_reviewer(reviewer), at=now())


@dataclass
class SideVersions:
    """One side's claims of a point, each in context with its slot marked."""

    code: str
    versions: list[tuple[ClaimInContext, list[tuple[str, bool]]]]


@dataclass
class PointInContext:
    """A queue item: a point, or a flagged pair of no point (an older store's)."""

    id: str
    kind: str
    topic: str
    score: float
    reasons: list[str]
    event_id: str
    event_label: str
    sides: list[SideVersions]
    pairs: list[str]
    current: list[Verdict] = field(default_factory=list)  # its pairs' current verdicts
    is_point: bool = True
    pair_names: dict[str, str] = field(default_factory=dict)  # pair id -> "RU M. Medinski / UA Kyiv"

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind)

    @property
    def claims(self) -> int:
        return sum(len(s.versions) for s in self.sides)

    @property
    def verdict_summary(self) -> str:
        """Its pairs' current verdicts in words: "divergent (Ana) on 4 of 4 pairs"."""
        counts: dict[tuple[str, str], int] = {}
        for v in self.current:
            counts[v.verdict, v.reviewer] = counts.get((v.verdict, v.reviewer), 0) + 1
        return "; ".join(
            f"{verdict} ({who}) on {n} of {len(self.pairs)} pair{'s' if len(self.pairs) != 1 else ''}"
            for (verdict, who), n in sorted(counts.items(), key=lambda item: -item[1])
        )


def point_in_context(store: Store, item: str) -> PointInContext | None:
    """A point with every claim of each side in its article's context, or a
    pair of no point as a one-pair item; None when neither exists."""
    with store.errors():
        pair_ids = store.item_pair_ids(item)
        if not pair_ids:
            return None
        point = store.point(item) if pair_ids != [item] else None
        current = [v for v in (store.current_verdict(p) for p in pair_ids) if v is not None]
        if point is None:
            return lone_pair(store, item, current)
        label = store.event_label(point.event_id) or point.event_id
        return PointInContext(
            item, point.kind.value, point.topic, point.score, point.reasons, point.event_id, label,
            point_sides(store, point), pair_ids, current, pair_names=pair_names(store, pair_ids),
        )  # fmt: skip


def lone_pair(store: Store, pair_id: str, current: list[Verdict]) -> PointInContext:
    """A flagged pair of no point (an older store's) as a queue item of one pair."""
    from crosscheck.report import slots

    pair = pair_in_context(store, pair_id)
    d = pair.divergence
    marked = slots(pair.a.claim.text, pair.b.claim.text, d), slots(pair.b.claim.text, pair.a.claim.text, d)
    sides = [SideVersions(v.claim.side or "", [(v, m)]) for v, m in zip((pair.a, pair.b), marked, strict=True)]
    sides.sort(key=lambda s: s.code or "~")
    reasons = [d.evidence] if d.evidence else []
    return PointInContext(
        pair_id, d.kind, "", d.score, reasons, d.event_id, pair.event_label, sides, [pair_id], current, is_point=False
    )


def point_sides(store: Store, point) -> list[SideVersions]:
    """Each side's claims of a point, by country code, oldest article first,
    each with only its slots marked."""
    from crosscheck.report import pieces

    claims = store.claims_with_ids(sorted(point.claim_ids()))
    sides = []
    for code, ids in sorted(point.claims.items(), key=lambda side: side[0] or "~"):
        versions = []
        for claim in (claims[c] for c in ids if c in claims):
            spans = [(s.start - claim.start, s.end - claim.start) for s in point.slots if s.claim == claim.id]
            versions.append((in_context(store, claim), pieces(claim.text, spans)))
        versions.sort(key=lambda v: (v[0].article.published is None, v[0].article.published, v[0].claim.id))
        sides.append(SideVersions(code, versions))
    return sides


def pair_names(store: Store, pair_ids: list[str]) -> dict[str, str]:
    """Each pair as its two speakers: "RU M. Medinski / UA Kyiv"."""
    pairs = [d for d in (store.divergence(p) for p in pair_ids) if d is not None]
    claims = store.claims_with_ids(sorted({c for d in pairs for c in (d.a, d.b)}))

    def name(claim_id: str) -> str:
        claim = claims.get(claim_id)
        return f"{claim.side or 'no country'} {short_speaker(claim)}" if claim else claim_id

    return {d.id: " / ".join(sorted((name(d.a), name(d.b)))) for d in pairs}


# --- calibration per kind of point, and thresholds proposed from it ----------------

TARGET_PRECISION = 0.8
MIN_VERDICTS = 10


@dataclass(frozen=True)
class KindStats:
    """Points of one kind (and pairs of no point): flagged, judged, confirmed divergent."""

    kind: str
    flagged: int
    judged: int
    confirmed: int
    needs_context: int
    below_threshold: int = 0  # stored but not flagged under the thresholds in force

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.judged if self.judged else None

    def sentence(self) -> str:
        """The row in words: "framing: 12 points flagged; reviewers judged 10 and found 4 divergent (40%)"."""
        flagged = f"{self.kind}: {self.flagged} point{'s' if self.flagged != 1 else ''} flagged"
        if self.below_threshold:
            flagged += f" ({self.below_threshold} of them below the threshold in force, so not flagged)"
        if not self.judged:
            found = "none judged yet"
        else:
            found = f"reviewers judged {self.judged} and found {self.confirmed} divergent ({self.precision:.0%})"
        unsure = f"; {self.needs_context} more needed context to tell" if self.needs_context else ""
        return f"{flagged}; {found}{unsure}"


def item_verdict(item: ItemCount) -> str | None:
    """What reviewers found of a point: "divergent" when they judged any of
    its pairs divergent, "needs-context" when they could tell of none,
    "not divergent" otherwise; None when no pair is reviewed."""
    if not item.reviewed:
        return None
    if item.divergent:
        return "divergent"
    return "needs-context" if item.needs_context == item.reviewed else "not divergent"


def kind_stats(store: Store, thresholds: dict[str, float] | None = None) -> list[KindStats]:
    """Per kind of point: points flagged, judged, confirmed divergent, needing context."""
    thresholds = store.saved_thresholds() if thresholds is None else thresholds
    items = store.item_counts()
    out = []
    for kind in DIVERGENCE_KINDS:
        mine = [i for i in items if i.kind == kind]
        if not mine:
            continue
        verdicts = [item_verdict(i) for i in mine]
        out.append(
            KindStats(
                kind,
                flagged=len(mine),
                judged=sum(v in ("divergent", "not divergent") for v in verdicts),
                confirmed=verdicts.count("divergent"),
                needs_context=verdicts.count("needs-context"),
                below_threshold=sum(i.score < thresholds.get(kind, 0.0) for i in mine),
            )
        )
    return out


@dataclass(frozen=True)
class Proposal:
    """The lowest score threshold whose judged precision reaches the target, for one kind."""

    kind: str
    judged: int
    threshold: float | None = None  # None: not enough verdicts, or no threshold reaches the target
    above: tuple[int, int] = (0, 0)  # (divergent, judged) at or above the threshold
    below: tuple[int, int] = (0, 0)  # and below it
    best: tuple[float, int, int] | None = None  # when none reaches the target: the best (score, divergent, judged)
    target: float = TARGET_PRECISION
    min_verdicts: int = MIN_VERDICTS

    def sentence(self) -> str:
        if self.judged < self.min_verdicts:
            more = self.min_verdicts - self.judged
            return (
                f"{self.kind}: {self.judged} point{'s' if self.judged != 1 else ''} judged; {more} more verdict"
                f"{'s' if more != 1 else ''} needed before a threshold can be proposed"
            )
        if self.threshold is None:
            score, hits, judged = self.best
            return (
                f"{self.kind}: no threshold reaches {self.target:.0%}; the best, {score:.2f}, keeps {judged} judged "
                f"point{'s' if judged != 1 else ''} of which {hits} were divergent ({hits / judged:.0%}). "
                "Consider not failing CI on this kind"
            )
        hits, judged = self.above
        if self.threshold == 0:
            return (
                f"{self.kind}: keep flagging every point; reviewers found {hits} of {judged} judged divergent "
                f"({hits / judged:.0%}), at least the {self.target:.0%} target"
            )
        low_hits, low_judged = self.below
        return (
            f"{self.kind}: flag only points scored {self.threshold:.2f} or more; reviewers found {hits} of the "
            f"{judged} judged at or above it divergent ({hits / judged:.0%}), and {low_hits} of the {low_judged} "
            f"below it ({low_hits / low_judged:.0%})"
        )


def propose_thresholds(
    store: Store, target: float = TARGET_PRECISION, min_verdicts: int = MIN_VERDICTS
) -> list[Proposal]:
    """Per kind, the lowest threshold at which the judged points scored at or
    above it were divergent at least `target` of the time (0 when all of
    them are), once `min_verdicts` points of the kind are judged."""
    judged: dict[str, list[tuple[float, bool]]] = {}
    for item in store.item_counts():
        verdict = item_verdict(item)
        if verdict in ("divergent", "not divergent"):
            judged.setdefault(item.kind, []).append((item.score, verdict == "divergent"))
    out = []
    for kind in DIVERGENCE_KINDS:
        scores = judged.get(kind, [])
        if not scores:
            continue
        out.append(proposal(kind, scores, target, min_verdicts))
    return out


def proposal(kind: str, scores: list[tuple[float, bool]], target: float, min_verdicts: int) -> Proposal:
    base = Proposal(kind, len(scores), target=target, min_verdicts=min_verdicts)
    if len(scores) < min_verdicts:
        return base
    best = None
    for threshold in [0.0, *sorted({s for s, _ in scores})]:
        kept = [hit for s, hit in scores if s >= threshold]
        left = [hit for s, hit in scores if s < threshold]
        if sum(kept) >= target * len(kept):
            return replace(base, threshold=threshold, above=(sum(kept), len(kept)), below=(sum(left), len(left)))
        if best is None or sum(kept) / len(kept) > best[1] / best[2]:
            best = (threshold, sum(kept), len(kept))
    return replace(base, best=best)


def thresholds_file(proposals: list[Proposal], path: Path) -> str:
    """The proposed thresholds as the file `--thresholds` reads (TOML when it ends in .toml, else JSON)."""
    table = {p.kind: round(p.threshold, 4) for p in proposals if p.threshold is not None}
    if path.suffix.lower() == ".toml":
        lines = ["# crosscheck stats: lowest scores whose judged precision reaches the target", "[thresholds]"]
        return "\n".join([*lines, *(f"{kind} = {score}" for kind, score in table.items())]) + "\n"
    target = proposals[0].target if proposals else TARGET_PRECISION
    body = {"thresholds": table, "target": target, "judged": {p.kind: p.judged for p in proposals}}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def point_evidence(point: PointInContext) -> list[str]:
    """Why the point was flagged, as sentences: for a slot (who asked, the
    numbers, a negation) each side's speaker with the words marked in their
    claim; otherwise its reasons with the internal shorthand spelled out."""
    from crosscheck.display import SLOT_HEADS, short_speaker

    out = []
    for reason in point.reasons:
        head = next((words for prefix, words in SLOT_HEADS.items() if reason.startswith(prefix)), None)
        said = [
            f"{short_speaker(version.claim)}: {' … '.join(piece.strip() for piece, on in pieces if on)}"
            for side in point.sides
            for version, pieces in side.versions[:1]
            if any(on for _, on in pieces)
        ]
        if head and said:
            sentence = f"{head}. " + " · ".join(said)
        elif reason.startswith("omits:"):
            sentence = "A readout is said to leave out " + (reason.removeprefix("omits:").strip() or "a topic")
        elif " refutes: " in reason:
            sentence = reason.replace(" refutes: ", " rejects what was said: ", 1)
        elif point.kind == "framing":
            sentence = "Each side stresses something else"
        else:
            sentence = reason
        if sentence not in out:
            out.append(sentence)
    return out[:3]
