"""`crosscheck check`: new articles against the store, for CI pipelines.

Each article is read, its claims extracted and linked to the known events,
and its flagged pairs computed exactly as `ingest` would, inside one
transaction that is rolled back unless `record` is set, so the store is left
as it was. Unrecorded, every article is checked against the store alone
(its writes undone before the next), so findings do not depend on the order
or company of the files; recorded, each later article sees the earlier ones,
as in `ingest`. Findings: claims that diverge from another side's version already
known (with that version), statements about a tracked event that carry no
attribution, and files that could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.ingest import Stages, ingest_file
from crosscheck.models import DIVERGENCE_KINDS, Claim, IngestStatus, SentenceKind
from crosscheck.readers import DEFAULT_MAX_BYTES, iter_files
from crosscheck.store import Store
from crosscheck.textnorm import printable

FLAGGED_KINDS = DIVERGENCE_KINDS
OTHER_KINDS = ("unattributed", "unreadable")
DEFAULT_FAIL_ON = frozenset({"contradiction", "denial"})
MIN_UNATTRIBUTED_WORDS = 8


@dataclass
class Version:
    """One side's version: the claim's text, source, side and article."""

    text: str
    source: str | None
    side: str | None
    article: str
    path: str | None


@dataclass
class Finding:
    path: str
    kind: str
    message: str
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    score: float = 0.0
    article: str | None = None
    event: str | None = None
    claim: Version | None = None
    other: Version | None = None
    pair_id: str | None = None


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, str | None] = field(default_factory=dict)  # path -> article id (None: unreadable)

    def failing(self, fail_on: frozenset[str]) -> list[Finding]:
        return [f for f in self.findings if f.kind in fail_on]

    def exit_code(self, fail_on: frozenset[str]) -> int:
        """2 when a file could not be read (it was not checked), else 1 when a
        finding is of a failing kind, else 0."""
        if any(f.kind == "unreadable" for f in self.findings):
            return 2
        return 1 if self.failing(fail_on) else 0


def check_paths(
    paths: list[Path],
    store: Store,
    stages: Stages,
    *,
    min_score: float = 0.0,
    record: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckResult:
    result = CheckResult()
    files = [p for p in paths if not p.exists()] + list(iter_files([p for p in paths if p.exists()]))
    # Unrecorded, nothing is kept, and each article is checked against the
    # store alone, not against the articles checked before it in the same run.
    with store.transaction(exclusive=record, keep=record):
        for path in files:
            with store.savepoint(keep=record):
                check_file(path, store, stages, result, min_score=min_score, max_bytes=max_bytes)
    return result


def check_file(path: Path, store: Store, stages: Stages, result: CheckResult, *, min_score: float, max_bytes: int):
    if not path.exists():
        result.checked[str(path)] = None
        result.findings.append(Finding(str(path), "unreadable", f"{path}: no such file"))
        return
    for outcome in ingest_file(path, store, stages, max_bytes=max_bytes):
        if outcome.status is IngestStatus.FAILED:
            result.checked[outcome.path] = None
            result.findings.append(Finding(outcome.path, "unreadable", outcome.message or "could not be read"))
            continue
        result.checked[outcome.path or str(path)] = outcome.article_id
        located = Locator(store, outcome.article_id, outcome.path or str(path))
        result.findings.extend(divergent_claims(store, located, min_score))
        result.findings.extend(unattributed_statements(store, located))


class Locator:
    """Line and column, in the article's file, of a span of its text."""

    def __init__(self, store: Store, article_id: str, path: str):
        self.article = store.article(article_id)
        self.path = path
        self.claims = {c.id: c for c in store.claims(article_id)}

    def position(self, start: int, end: int) -> tuple[int, int, int, int]:
        text, raw = self.article.text, self.article.raw
        if raw is not None:  # extracted from HTML: find the passage in the file, else point at its start
            found = raw.find(text[start : min(end, start + 60)])
            if found < 0:
                return 1, 1, 1, 1
            start, end, text = found, found + (end - start), raw
        return (*line_column(text, start), *line_column(text, end))


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def version(claim: Claim, paths: dict[str, str | None]) -> Version:
    source = printable(claim.source) if claim.source else None
    return Version(printable(claim.text), source, claim.side, claim.article_id, paths.get(claim.article_id))


def divergent_claims(store: Store, located: Locator, min_score: float) -> list[Finding]:
    mine = located.claims
    if not mine:
        return []
    out = []
    events = {e.id: e for e in store.events_with_ids(sorted({c.event_id for c in mine.values() if c.event_id}))}
    pairs = store.divergences_of(list(mine))
    others = store.claims_with_ids(sorted({x for d in pairs for x in (d.a, d.b) if x not in mine}))
    paths = {a: store.article_path(a) for a in {c.article_id for c in [*mine.values(), *others.values()]}}
    for d in pairs:
        if d.score < min_score:
            continue
        own_id, other_id = (d.a, d.b) if d.a in mine else (d.b, d.a)
        own, other = mine[own_id], mine.get(other_id) or others.get(other_id)
        if other is None:
            continue
        line, column, end_line, end_column = located.position(own.start, own.end)
        event = events.get(d.event_id)
        out.append(
            Finding(
                path=located.path,
                kind=d.kind,
                message=f"({d.score:.2f}) against {other.side or '?'} {other.source or ''} "
                f"[{other.article_id}]: {printable(d.evidence)}",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                score=d.score,
                article=own.article_id,
                event=event.label if event else d.event_id,
                claim=version(own, paths),
                other=version(other, paths),
                pair_id=d.id,
            )
        )
    return sorted(out, key=lambda f: (f.line, f.column, -f.score))


def unattributed_statements(store: Store, located: Locator) -> list[Finding]:
    """Sentences without a source that speak of an event other articles
    already cover (they name one of its participants)."""
    article = located.article
    tracked = [
        e
        for e in store.events_with_ids(sorted({c.event_id for c in located.claims.values() if c.event_id}))
        if set(e.articles) - {article.id}
    ]
    if not tracked:
        return []
    from crosscheck.actors import load_registry
    from crosscheck.diverge import participant_names
    from crosscheck.textnorm import fold

    registry = load_registry()
    names = {name: e for e in tracked for name in participant_names(e, registry)}
    covered = [(c.start, c.end) for c in located.claims.values()]
    out = []
    for sentence in store.sentences(article.id):
        text = article.text[sentence.start : sentence.end]
        if sentence.kind is not SentenceKind.BODY or len(text.split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        if any(start < sentence.end and sentence.start < end for start, end in covered):
            continue
        words = set(fold(text).replace("'", " ").split())
        event = next((e for name, e in names.items() if name in words), None)
        if event is None:
            continue
        line, column, end_line, end_column = located.position(sentence.start, sentence.end)
        out.append(
            Finding(
                path=located.path,
                kind="unattributed",
                message=f"no source given for a statement about {event.label}",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                article=article.id,
                event=event.label,
                claim=Version(printable(text), None, None, article.id, located.path),
            )
        )
    return out
