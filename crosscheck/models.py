"""The one definition of every record that crosses a stage boundary.

The SQLite schema (`crosscheck.store`) and the JSON exports follow these
models; stages pass these objects, never raw rows or dicts.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class SentenceKind(StrEnum):
    BODY = "body"
    HEADING = "heading"  # title, subheading, caption: no final punctuation
    META = "meta"  # byline, dateline, outlet or source line
    BOILERPLATE = "boilerplate"  # navigation, donation appeal, "Lire aussi"…
    DUPLICATE = "duplicate"  # a repeated lede or paragraph


class SpeechType(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    ACCORDING_TO = "according_to"
    COMMUNIQUE = "communique"
    NARRATION = "narration"


class Polarity(StrEnum):
    NEUTRAL = "neutral"
    ASSERTIVE = "assertive"
    WARNING = "warning"
    DENIAL = "denial"


class Article(Record):
    id: str
    content_hash: str
    text: str = Field(description="the text every offset points into")
    raw: str | None = Field(None, description="the file as read, when `text` was extracted from it")
    path: str | None = None
    format: str = "txt"
    title: str | None = None
    outlet: str | None = None
    agency: str | None = None
    url: str | None = None
    published: date | None = None
    lang: str | None = None


class Sentence(Record):
    article_id: str
    index: int
    start: int
    end: int
    paragraph: int = 0
    kind: SentenceKind = SentenceKind.BODY


class ChainLink(Record):
    mention: str
    actor: str | None = None
    side: str | None = None


class Claim(Record):
    id: str
    article_id: str
    start: int
    end: int
    text: str
    content_start: int
    content_end: int
    source: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    actor: str | None = None
    side: str | None = None
    verb: str | None = None
    polarity: Polarity = Polarity.NEUTRAL
    speech: SpeechType = SpeechType.NARRATION
    chain: list[ChainLink] = Field(default_factory=list)
    confidence: float = 0.0
    producer: str = "attribute.rules.v1"
    event_id: str | None = None

    @property
    def attributed(self) -> bool:
        return self.speech is not SpeechType.NARRATION


class ActorRole(Record):
    role: str
    org: str | None = None
    start: date | None = None
    end: date | None = None


class Actor(Record):
    id: str
    name: str
    kind: str = "other"
    side: str | None = None
    aliases: list[str] = Field(default_factory=list)
    roles: list[ActorRole] = Field(default_factory=list)


class IngestStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class IngestOutcome(Record):
    path: str
    status: IngestStatus
    article_id: str | None = None
    message: str | None = None
    sentences: int = 0
    claims: int = 0


class Event(Record):
    """An event that claims speak of: a call, a meeting, an attack, a statement."""

    id: str
    label: str
    kind: str = "statement"
    day: str | None = None  # ISO date, or a partial one: "2024-06", "--06-25"
    participants: list[str] = Field(default_factory=list)
    salient: list[str] = Field(default_factory=list)
    topic: list[str] = Field(default_factory=list)  # word stems of its claims' contents
    articles: list[str] = Field(default_factory=list)
    claims: int = 0
    producer: str = "link.rules.v1"


class DivergenceKind(StrEnum):
    """How two sides' versions of one point relate."""

    AGREEMENT = "agreement"  # both say the same: stored, shown quietly, never flagged
    DENIAL = "denial"  # one side refutes what the other said
    CONTRADICTION = "contradiction"  # incompatible facts on one slot: initiator, numbers, negation
    OMISSION = "omission"  # one side's readout raises what the other's leaves out
    FRAMING = "framing"  # same exchange, different stance or stress (formerly "emphasis")


AGREEMENT = DivergenceKind.AGREEMENT.value
DIVERGENCE_KINDS = tuple(k.value for k in DivergenceKind if k is not DivergenceKind.AGREEMENT)  # flagged kinds
LEGACY_KINDS = {"emphasis": DivergenceKind.FRAMING.value}  # names earlier versions stored or accepted


class Divergence(Record):
    """Two claims of one event that give divergent versions."""

    id: str  # stable: derived from the two claim ids
    event_id: str
    a: str
    b: str
    kind: str  # a DivergenceKind value
    score: float
    evidence: str = ""
    producer: str = "diverge.rules.v1"
    point: str | None = None  # the point this pair is derived from


class Slot(Record):
    """Where one claim of a point parts from the other side's: a span of its article's text."""

    claim: str
    start: int
    end: int
    slot: str  # what differs there: initiator, number, negation, denial, omission


class Point(Record):
    """One way two sides' versions of an event part (or agree): its topic,
    each side's claims that carry it, the slots where they differ."""

    id: str  # stable: kept when later articles add claims to it
    event_id: str
    kind: DivergenceKind
    topic: str  # a few words a reader can scan
    score: float
    reasons: list[str] = Field(default_factory=list)
    claims: dict[str, list[str]] = Field(default_factory=dict)  # side -> claim ids
    slots: list[Slot] = Field(default_factory=list)
    producer: str = "points.rules.v1"

    def claim_ids(self) -> set[str]:
        return {c for ids in self.claims.values() for c in ids}


# --- review: fact-checkers' verdicts on flagged pairs ---------------------------


class Verdict(Record):
    """One judgement of a flagged pair; the history keeps every one, a later
    one supersedes it and undo marks it undone. `text_a`/`text_b` are the
    claims' texts as judged (none for verdicts carried over from before)."""

    id: int
    pair_id: str
    verdict: str
    note: str = ""
    reviewer: str
    created_at: str
    claim_a: str | None = None
    text_a: str | None = None
    claim_b: str | None = None
    text_b: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None
    point: str | None = None  # the point judged, when the verdict was given on a whole point
    batch: int | None = None  # on a point: the first verdict id of the verdicts given with it, one per pair


class QueueFilters(Record):
    """Which flagged pairs a review queue holds: one event, a side, a kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    event: str | None = None
    side: str | None = None
    kind: str | None = None


class ReviewProgress(Record):
    reviewed: int
    left: int

    @property
    def total(self) -> int:
        return self.reviewed + self.left


class EventReview(Record):
    """An event with flagged pairs and how many of them are reviewed."""

    id: str
    label: str
    pairs: int
    reviewed: int


class BandCount(Record):
    """Flagged pairs of one kind in one score band: reviewed, and judged divergent."""

    kind: str
    band: int  # index into the bands asked for
    flagged: int
    reviewed: int
    divergent: int
    needs_context: int = 0  # reviewed, but reviewers could not tell without more context


class ItemCount(Record):
    """A queue item (a point, or a flagged pair of no point): its kind, score,
    pairs, and how many of them reviewers judged, found divergent, or could not tell."""

    item: str
    kind: str
    score: float
    pairs: int
    reviewed: int
    divergent: int
    needs_context: int


class JudgedVerdict(Record):
    """A verdict with its pair as now stored (the pair may be gone: then its
    claims are the ones the verdict was given on)."""

    verdict: Verdict
    kind: str | None = None
    score: float | None = None
    event_id: str | None = None
    event_label: str | None = None
    a: str | None = None
    b: str | None = None
