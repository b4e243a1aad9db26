"""Ingest: files in, articles with their sentences, claims, events and
divergences stored.

The chain for each document, one stage each:

    read (readers) → analyse (segment, classify) → attribute → embed
    → link → diverge (through a Draft, which reads the store) → save

`ingest_paths` runs it on files and folders, skips content already stored,
and writes each article in one transaction, so an interrupted run leaves no
half article behind; `check` runs the same chain and drops the draft. With
`jobs` > 1, worker processes (`Analyser`, through `crosscheck.pool`) read,
analyse, attribute and embed, and this process links, flags and saves each
article in input order, so the store is the same as with one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck import claims_record
from crosscheck.analyse import analyse_document, reanalyse
from crosscheck.draft import Draft
from crosscheck.errors import InputError
from crosscheck.models import Article, Claim, Divergence, IngestOutcome, IngestStatus, Sentence
from crosscheck.readers import DEFAULT_MAX_BYTES, Document, iter_files, read_documents
from crosscheck.store import Store

if TYPE_CHECKING:
    from crosscheck.actors import Registry

Extractor = Callable[[Article, list[Sentence]], list[Claim]]
Embedder = Callable[[Draft], None]  # the draft's claim vectors, ahead of the write turn
Linker = Callable[[Draft], None]  # the draft's claims get event ids, the draft its events
Diverger = Callable[[Draft], list[Divergence]]  # flagged pairs (and agreements) of the draft's events


@dataclass
class IngestSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: IngestStatus) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def failed(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status is IngestStatus.FAILED]

    def line(self) -> str:
        parts = [f"{self.count(s)} {s.value}" for s in IngestStatus]
        claims = sum(o.claims for o in self.outcomes)
        return f"articles: {', '.join(parts)}; claims stored: {claims}"


@dataclass
class Stages:
    """The analysis run on each new article, in this order: attribution,
    embedding, event linking and divergence flagging. Tests swap in light
    stages; a missing stage is skipped."""

    extractor: Extractor | None = None
    embedder: Embedder | None = None
    linker: Linker | None = None
    diverger: Diverger | None = None
    registry: Registry | None = None  # the one the stages use, for steps that need names (check)
    preload: Callable[[], None] | None = None  # loads the models the stages use, before worker processes fork

    def load_models(self) -> None:
        if self.preload is not None:
            self.preload()

    def extract(self, article: Article, sentences: list[Sentence]) -> list[Claim]:
        return (self.extractor or default_extractor())(article, sentences)

    def embed(self, draft: Draft) -> None:
        if self.embedder is not None:
            self.embedder(draft)

    def link_and_diverge(self, draft: Draft) -> None:
        """Events and divergences of the draft; reads the store, writes nothing."""
        if self.linker is not None:
            self.linker(draft)
        if self.diverger is not None and draft.events:
            draft.divergences = self.diverger(draft)


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    stages: Stages | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    jobs: int = 1,
    location: Path | str | None = None,
) -> IngestSummary:
    """Ingest files and folders into the store; per-file problems are
    recorded as failed outcomes and never stop the run. With `jobs` > 1 and
    the store's `location`, worker processes read, attribute and embed the
    articles (`crosscheck.pool`); this process still links and saves them in
    input order, so the store ends up the same."""
    stages = stages or Stages(extractor=extractor)
    files = list(iter_files(list(paths)))
    if on_total:
        on_total(len(files))
    summary = IngestSummary()
    with store.errors():  # a store that fails is no per-file problem: it stops the run, exit 3
        for outcomes in file_outcomes(files, store, stages, max_bytes=max_bytes, jobs=jobs, location=location):
            for outcome in outcomes:
                summary.outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
    return summary


def file_outcomes(
    files: list[Path], store: Store, stages: Stages, *, max_bytes: int, jobs: int, location: Path | str | None
) -> Iterable[list[IngestOutcome]]:
    """Each file's outcomes, in input order."""
    if jobs < 2 or len(files) < 2 or location is None:
        for path in files:
            yield ingest_file(path, store, stages, max_bytes=max_bytes)
        return
    for path, result in analysed_files(files, stages, location, max_bytes=max_bytes, jobs=min(jobs, len(files))):
        if isinstance(result, str):
            yield [failed(path, result)]
        else:
            yield [
                commit_analysed(a.draft(store, stages), store, stages, a.claims if a.known_claims else None)
                for a in result
            ]


def commit_analysed(
    draft: Draft | IngestOutcome, store: Store, stages: Stages, known_claims: list[Claim] | None
) -> IngestOutcome:
    if isinstance(draft, IngestOutcome):
        return draft
    return commit_draft(draft, store, stages, known_claims=known_claims)


def ingest_file(path: Path, store: Store, stages: Stages, *, max_bytes: int) -> list[IngestOutcome]:
    try:
        records = read_file_records(path, max_bytes=max_bytes)
    except InputError as error:
        return [failed(path, str(error))]
    return [store_document(doc, known_claims, store, stages) for doc, known_claims in records]


def read_file_records(path: Path, *, max_bytes: int) -> list[tuple[Document | Article, list[Claim] | None]]:
    """The documents of a file, each with its claims when it is a claim record."""
    if claims_record.is_record_file(path):
        return [claims_record.read_record(path)]
    return [(doc, None) for doc in read_documents(path, max_bytes=max_bytes)]


def failed(path: Path, message: str) -> IngestOutcome:
    return IngestOutcome(path=str(path), status=IngestStatus.FAILED, message=message)


def store_document(
    doc: Document | Article, known_claims: list[Claim] | None, store: Store, stages: Stages
) -> IngestOutcome:
    """Analyse one document and store it unless the same content is there."""
    return commit_analysed(draft_document(doc, known_claims, store, stages), store, stages, known_claims)


def draft_document(
    doc: Document | Article, known_claims: list[Claim] | None, store: Store, stages: Stages
) -> Draft | IngestOutcome:
    """The document read, attributed and embedded, ready to link (or the
    `unchanged` outcome when its content is stored). Runs outside the store's
    write turn, so parallel writers do not wait on the encoder."""
    article, sentences = reanalyse(doc) if isinstance(doc, Article) else analyse_document(doc)
    return draft_analysed(article, sentences, known_claims, store, stages)


def draft_analysed(
    article: Article, sentences: list[Sentence], known_claims: list[Claim] | None, store: Store, stages: Stages
) -> Draft | IngestOutcome:
    """`draft_document` from the analysed document on."""
    if (existing := store.article_id_for_hash(article.content_hash)) is not None:
        return unchanged(article, existing)
    article, sentences, _ = resolve_id(store, article, sentences)
    claims = known_claims if known_claims is not None else stages.extract(article, sentences)
    draft = Draft(store, article, sentences, claims)
    stages.embed(draft)
    return draft


def commit_draft(
    draft: Draft, store: Store, stages: Stages, *, known_claims: list[Claim] | None = None
) -> IngestOutcome:
    """Link, flag and write an analysed article in one write turn, so parallel
    writers neither store an article twice nor miss each other's events."""
    with store.errors(), store.transaction():
        article = draft.article
        if (existing := store.article_id_for_hash(article.content_hash)) is not None:
            return unchanged(article, existing)  # stored meanwhile, by another writer or under another name
        resolved, resolved_sentences, status = resolve_id(store, article, draft.sentences)
        if resolved.id != article.id:  # another file of the same name is stored
            claims = known_claims if known_claims is not None else stages.extract(resolved, resolved_sentences)
            draft = draft.renamed(resolved, resolved_sentences, claims)
        stages.link_and_diverge(draft)
        store.save_draft(draft)
    return IngestOutcome(
        path=draft.article.path or "",
        status=status,
        article_id=draft.article.id,
        sentences=len(draft.sentences),
        claims=len(draft.claims),
    )


def unchanged(article: Article, existing: str) -> IngestOutcome:
    return IngestOutcome(
        path=article.path or "",
        status=IngestStatus.UNCHANGED,
        article_id=existing,
        message=f"same content as stored article {existing}",
    )


def resolve_id(
    store: Store, article: Article, sentences: list[Sentence]
) -> tuple[Article, list[Sentence], IngestStatus]:
    """The id to store the article under: its own when new or an update of the
    same file, else one suffixed with its content hash (another file of the
    same name)."""
    if not store.has_article(article.id):
        return article, sentences, IngestStatus.NEW
    if store.article_path(article.id) == article.path:
        return article, sentences, IngestStatus.UPDATED
    article = article.model_copy(update={"id": f"{article.id}-{article.content_hash[:8]}"})
    return article, [s.model_copy(update={"article_id": article.id}) for s in sentences], IngestStatus.NEW


def default_extractor() -> Extractor:
    from crosscheck.attribute import extract_article_claims

    return extract_article_claims


# --- `--jobs`: the part of the work done in worker processes ------------------


@dataclass
class Analysed:
    """One document as a worker returns it: ready to link and save."""

    article: Article
    sentences: list[Sentence]
    claims: list[Claim]
    known_claims: bool
    vectors: list[tuple[str, int, dict[str, bytes]]] = field(default_factory=list)  # (model, dim, key -> float32)
    stored_as: str | None = None  # the stored article with the same content, when the worker saw one

    def draft(self, store: Store, stages: Stages) -> Draft | IngestOutcome:
        """The draft one process would have made, vectors stored meanwhile
        read from the store rather than from the worker."""
        known = self.claims if self.known_claims else None
        if self.stored_as is not None:
            if (existing := store.article_id_for_hash(self.article.content_hash)) is not None:
                return unchanged(self.article, existing)
            return draft_analysed(self.article, self.sentences, known, store, stages)  # its twin was replaced
        draft = Draft(store, self.article, self.sentences, self.claims)
        for model, dim, vectors in self.vectors:
            stored = store.cached_vectors(sorted(vectors))
            draft.cache_vectors(model, dim, {k: v for k, v in vectors.items() if k not in stored})
        stages.embed(draft)  # encodes nothing unless the store lost a vector meanwhile
        return draft


class Analyser:
    """What a `--jobs` worker runs: one file in, its analysed documents (or
    the reason it cannot be read) out. The worker skips an article whose
    content the store holds, and embeds only the texts the store has no vector
    for, as one process would; `Analysed.draft` checks both again when the
    article's turn comes, since earlier articles may have been saved since."""

    def __init__(self, stages: Stages, location: Path | str, max_bytes: int) -> None:
        self.stages = stages
        self.location = location
        self.max_bytes = max_bytes
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from crosscheck.stores import open_store

            self._store = open_store(self.location, readonly=True)
        return self._store

    def analyse(self, path: Path) -> list[Analysed] | str:
        try:
            records = read_file_records(path, max_bytes=self.max_bytes)
        except InputError as error:
            return str(error)
        with self.store.errors():
            return [self.analyse_document(doc, known) for doc, known in records]

    def analyse_document(self, doc, known_claims: list[Claim] | None) -> Analysed:
        article, sentences = reanalyse(doc) if isinstance(doc, Article) else analyse_document(doc)
        if (existing := self.store.article_id_for_hash(article.content_hash)) is not None:
            return Analysed(article, sentences, [], known_claims is not None, stored_as=existing)
        claims = known_claims if known_claims is not None else self.stages.extract(article, sentences)
        draft = Draft(self.store, article, sentences, claims)
        self.stages.embed(draft)
        vectors = [(c.model, c.dim, c.vectors) for c in draft.cached]
        return Analysed(article, sentences, claims, known_claims is not None, vectors)


def analysed_files(
    files: list[Path], stages: Stages, location: Path | str, *, max_bytes: int, jobs: int
) -> Iterator[tuple[Path, list[Analysed] | str]]:
    """Each file's analysis, in input order, from `jobs` forked workers
    (`crosscheck.pool`), the stages' models loaded once before the fork."""
    from crosscheck.pool import ordered_map

    analyser = Analyser(stages, location, max_bytes)
    stages.load_models()
    return ordered_map(analyser.analyse, files, jobs)
