"""`crosscheck check`: new articles against the store, for CI pipelines.

Each article is read, its claims extracted and linked to the known events,
and its flagged pairs computed exactly as `ingest` would, in an in-memory
draft (`crosscheck.draft`) that reads the store and writes nothing: an
unrecorded check never takes the store's write lock, and every article is
checked against the store alone, so findings do not depend on the order or
company of the files. With `record`, each draft is saved in its own short
write turn, as in `ingest`, and later articles see the earlier ones.
Findings: claims that diverge from another side's version already known
(with that version), statements about a tracked event that carry no
attribution, and files that could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.actors import load_registry
from crosscheck.draft import Draft
from crosscheck.errors import InputError
from crosscheck.ingest import Stages, analysed_files, commit_draft, draft_document, read_file_records
from crosscheck.models import AGREEMENT, DIVERGENCE_KINDS, Article, Claim, Divergence, Event, Sentence, SentenceKind
from crosscheck.readers import DEFAULT_MAX_BYTES, iter_files
from crosscheck.settings import Thresholds
from crosscheck.store import Store
from crosscheck.textnorm import printable

FLAGGED_KINDS = DIVERGENCE_KINDS
OTHER_KINDS = ("unattributed", "unreadable")
DEFAULT_FAIL_ON = frozenset({"contradiction", "denial"})
MIN_UNATTRIBUTED_WORDS = 8
MIN_CONTESTED_STEMS = 2  # substance words a sourceless sentence shares with a disputed claim


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
    thresholds: Thresholds | None = None,
    jobs: int = 1,
    location: Path | str | None = None,
) -> CheckResult:
    """`thresholds` (calibrated from verdicts), else the store's: a point
    scored below its kind's threshold is not a finding. With `jobs` > 1 and
    the store's `location`, worker processes read, attribute and embed the
    files (`crosscheck.pool`); the findings are the same."""
    result = CheckResult()
    limits = thresholds.by_kind if thresholds is not None else store.saved_thresholds()
    for path in (p for p in paths if not p.exists()):
        unreadable(result, str(path), f"{path}: no such file")
    files = list(iter_files([p for p in paths if p.exists()]))
    for path, documents in read_files(files, stages, max_bytes=max_bytes, jobs=jobs, location=location):
        if isinstance(documents, str):
            unreadable(result, str(path), documents)
            continue
        for document in documents:
            check_document(document, path, store, stages, result, min_score=min_score, record=record, limits=limits)
    return result


def read_files(files: list[Path], stages: Stages, *, max_bytes: int, jobs: int, location: Path | str | None):
    """Each file's documents (read here, or analysed by workers), or why it cannot be read, in input order."""
    if jobs > 1 and len(files) > 1 and location is not None:
        yield from analysed_files(files, stages, location, max_bytes=max_bytes, jobs=min(jobs, len(files)))
        return
    for path in files:
        try:
            yield path, read_file_records(path, max_bytes=max_bytes)
        except InputError as error:
            yield path, str(error)


def check_document(
    document,
    path: Path,
    store: Store,
    stages: Stages,
    result: CheckResult,
    *,
    min_score: float,
    record: bool,
    limits: dict[str, float] | None = None,
) -> None:
    """The findings of one document: a (document, known claims) record, or one a worker analysed."""
    registry = stages.registry or load_registry()
    with store.errors():
        if isinstance(document, tuple):
            checked = checked_article(*document, store, stages, record)
        else:  # analysed by a worker (crosscheck.pool)
            known_claims = document.claims if document.known_claims else None
            checked = checked_draft(document.draft(store, stages), known_claims, store, stages, record)
    shown_path = checked.article.path or str(path)
    result.checked[shown_path] = checked.article.id
    result.findings.extend(divergent_claims(checked, shown_path, min_score, limits or {}))
    with store.errors():
        result.findings.extend(unattributed_statements(checked, shown_path, registry, store))


def unreadable(result: CheckResult, path: str, message: str) -> None:
    result.checked[path] = None
    result.findings.append(Finding(path, "unreadable", message))


@dataclass
class CheckedArticle:
    """An article as checked: its claims, and the flagged pairs and events
    they are part of, from its draft or (unchanged or recorded) the store."""

    article: Article
    sentences: list[Sentence]
    claims: dict[str, Claim]
    pairs: list[Divergence]
    events: dict[str, Event]
    others: dict[str, Claim]  # the other claim of each pair
    paths: dict[str, str | None]  # article id -> file


def checked_article(doc, known_claims, store: Store, stages: Stages, record: bool) -> CheckedArticle:
    return checked_draft(draft_document(doc, known_claims, store, stages), known_claims, store, stages, record)


def checked_draft(draft, known_claims, store: Store, stages: Stages, record: bool) -> CheckedArticle:
    if isinstance(draft, Draft) and not record:
        stages.link_and_diverge(draft)
        return from_draft(draft)
    if isinstance(draft, Draft):
        draft = commit_draft(draft, store, stages, known_claims=known_claims)
    return from_store(store, draft.article_id)


def from_draft(draft: Draft) -> CheckedArticle:
    mine = {c.id: c for c in draft.claims}
    pairs = [d for d in draft.divergences if d.kind != AGREEMENT and (d.a in mine or d.b in mine)]
    return assemble(draft.store, draft.article, draft.sentences, mine, pairs, draft.events_with_ids)


def from_store(store: Store, article_id: str) -> CheckedArticle:
    mine = {c.id: c for c in store.claims(article_id)}
    pairs = store.divergences_of(list(mine))
    return assemble(store, store.article(article_id), store.sentences(article_id), mine, pairs, store.events_with_ids)


def assemble(
    store: Store, article: Article, sentences: list[Sentence], mine: dict[str, Claim], pairs, events_with_ids
) -> CheckedArticle:
    others = store.claims_with_ids(sorted({x for d in pairs for x in (d.a, d.b) if x not in mine}))
    events = {e.id: e for e in events_with_ids(sorted({c.event_id for c in mine.values() if c.event_id}))}
    paths = {a: store.article_path(a) for a in {c.article_id for c in others.values()}}
    paths[article.id] = article.path
    return CheckedArticle(article, sentences, mine, sorted(pairs, key=lambda d: d.id), events, others, paths)


def position(article: Article, start: int, end: int) -> tuple[int, int, int, int]:
    """Line and column, in the article's file, of a span of its text."""
    text, raw = article.text, article.raw
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


def evidence_of(divergence: Divergence, own: Claim, other: Claim) -> str:
    """The pair's evidence as a sentence, this article's version first."""
    from crosscheck.display import evidence_sentence
    from crosscheck.report import slots

    marked = slots(own.text, other.text, divergence), slots(other.text, own.text, divergence)
    return evidence_sentence(divergence, own, other, marked)


def divergent_claims(
    checked: CheckedArticle, path: str, min_score: float, limits: dict[str, float] | None = None
) -> list[Finding]:
    """One finding per point the article's claims are part of; a point below
    its kind's calibrated threshold (`limits`) is not one."""
    limits = limits or {}
    out = []
    mine = checked.claims
    reported: set[str] = set()  # one finding per point: its first pair, best score first
    for d in sorted(checked.pairs, key=lambda d: (-d.score, d.id)):
        if d.score < max(min_score, limits.get(d.kind, 0.0)) or d.point in reported:
            continue
        own_id, other_id = (d.a, d.b) if d.a in mine else (d.b, d.a)
        if other_id in mine:  # both claims are this article's own: no other version to show
            continue
        own, other = mine[own_id], checked.others.get(other_id)
        if other is None or other.article_id == own.article_id:
            continue
        line, column, end_line, end_column = position(checked.article, own.start, own.end)
        event = checked.events.get(d.event_id)
        out.append(
            Finding(
                path=path,
                kind=d.kind,
                message=f"({d.score:.2f}) against {other.side or 'no country'} {other.source or ''} "
                f"[{other.article_id}]: {printable(evidence_of(d, own, other))}",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                score=d.score,
                article=own.article_id,
                event=event.label if event else d.event_id,
                claim=version(own, checked.paths),
                other=version(other, checked.paths),
                pair_id=d.id,
            )
        )
        if d.point is not None:
            reported.add(d.point)
    return sorted(out, key=lambda f: (f.line, f.column, -f.score))


def contested_stems(store: Store, event: Event, names: set[str]) -> list[set[str]]:
    """The substance words of each stored claim that a flagged pair of the event holds."""
    from crosscheck.signature import topic_stems

    pairs = [d for d in store.event_divergences(event.id) if d.kind != AGREEMENT]
    claims = store.claims_with_ids(sorted({c for d in pairs for c in (d.a, d.b)}))
    return [topic_stems(c.text, exclude=names) for c in claims.values()]


def states_contested(text: str, contested: list[set[str]], names: set[str]) -> bool:
    """A sentence takes a position the sides dispute: it says who asked for the
    exchange, denies something, or shares two substance words with a claim
    of a flagged pair."""
    from crosscheck.diverge import DENIAL_WORDS, INITIATOR
    from crosscheck.signature import topic_stems
    from crosscheck.textnorm import fold

    folded = fold(text)
    if INITIATOR.search(folded) or DENIAL_WORDS.search(folded):
        return True
    stems = topic_stems(text, exclude=names)
    return any(len(stems & other) >= MIN_CONTESTED_STEMS for other in contested)


def unattributed_statements(checked: CheckedArticle, path: str, registry, store: Store) -> list[Finding]:
    """Sentences without a source that speak of an event other articles
    already cover (they name one of its participants) and state something
    the sides contest; plain narration ("the two presidents spoke on
    Tuesday") is not a finding."""
    from crosscheck.diverge import participant_names
    from crosscheck.textnorm import fold

    article = checked.article
    tracked = [e for e in checked.events.values() if set(e.articles) - {article.id}]
    if not tracked:
        return []
    names = {name: e for e in tracked for name in participant_names(e, registry)}
    contested = {e.id: contested_stems(store, e, set(names)) for e in tracked}
    covered = [(c.start, c.end) for c in checked.claims.values()]
    out = []
    for sentence in checked.sentences:
        text = article.text[sentence.start : sentence.end]
        if sentence.kind is not SentenceKind.BODY or len(text.split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        if any(start < sentence.end and sentence.start < end for start, end in covered):
            continue
        words = set(fold(text).replace("'", " ").split())
        event = next((e for name, e in names.items() if name in words), None)
        if event is None or not states_contested(text, contested[event.id], set(names)):
            continue
        line, column, end_line, end_column = position(article, sentence.start, sentence.end)
        out.append(
            Finding(
                path=path,
                kind="unattributed",
                message=f"no source given for a statement about {event.label}",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                article=article.id,
                event=event.label,
                claim=Version(printable(text), None, None, article.id, path),
            )
        )
    return out
