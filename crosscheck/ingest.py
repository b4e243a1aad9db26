"""Ingest: files in, articles with their sentences and claims stored.

`analyse_document` is the pure core (a document in, an article and its
sentences out); `ingest_paths` reads files, skips content already stored, and
writes each article in one transaction so an interrupted run leaves no half
article behind.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck import boilerplate, claims_record, metadata, segment
from crosscheck.draft import Draft
from crosscheck.errors import InputError
from crosscheck.models import Article, Claim, Divergence, IngestOutcome, IngestStatus, Sentence, SentenceKind
from crosscheck.readers import DEFAULT_MAX_BYTES, Document, iter_files, read_documents
from crosscheck.store import Store

if TYPE_CHECKING:
    from crosscheck.actors import Registry

Extractor = Callable[[Article, list[Sentence]], list[Claim]]
Embedder = Callable[[Draft], None]  # the draft's claim vectors, ahead of the write turn
Linker = Callable[[Draft], None]  # the draft's claims get event ids, the draft its events
Diverger = Callable[[Draft], list[Divergence]]  # flagged pairs (and agreements) of the draft's events
CAPTION = r"(?:photo|crédit|credit|illustration|image|vidéo|video)\s*:|\bphoto\s*©|\(photo\b"


def content_hash(text: str) -> str:
    normalised = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def analyse_document(doc: Document) -> tuple[Article, list[Sentence]]:
    """The article record and its classified sentences, from a read document."""
    text = doc.text
    paragraph_spans = segment.paragraphs(text)
    paragraph_texts = [text[s:e] for s, e in paragraph_spans]
    noise = boilerplate.boilerplate_paragraphs(paragraph_texts)
    header = metadata.read_header(paragraph_texts, skip=noise)
    article = Article(
        id=doc.id,
        content_hash=content_hash(text),
        text=text,
        raw=doc.raw,
        path=str(doc.path),
        format=doc.format,
        title=doc.meta.get("title") or header.title,
        outlet=doc.meta.get("outlet") or header.outlet,
        agency=header.agency,
        url=doc.meta.get("url") or header.url,
        published=parse_published(doc.meta.get("published")) or header.published,
        lang=doc.meta.get("lang") or metadata.detect_language(body_sample(paragraph_texts, noise)),
    )
    sentences = classify_sentences(article.id, text, paragraph_spans, noise, header.meta_paragraphs)
    return article, sentences


def parse_published(value: str | None) -> date | None:
    return metadata.parse_date(value[:25]) if value else None


def body_sample(paragraphs: list[str], noise: set[int]) -> str:
    return "\n".join(p for i, p in enumerate(paragraphs) if i not in noise)[:3000]


def classify_sentences(
    article_id: str, text: str, paragraph_spans: list[tuple[int, int]], noise: set[int], meta: set[int]
) -> list[Sentence]:
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for number, (p_start, p_end) in enumerate(paragraph_spans):
        pieces = segment.split_paragraph(text, p_start, p_end)
        caption = p_end - p_start < 300 and re.search(CAPTION, text[p_start:p_end], re.IGNORECASE)
        for start, end in pieces:
            body = text[start:end]
            if number in noise:
                kind = SentenceKind.BOILERPLATE
            elif number in meta:
                kind = SentenceKind.META
            elif " ".join(body.split()) in seen:
                kind = SentenceKind.DUPLICATE
            elif caption or is_heading(body, len(pieces)):
                kind = SentenceKind.HEADING
            else:
                kind = SentenceKind.BODY
            seen.add(" ".join(body.split()))
            sentences.append(
                Sentence(article_id=article_id, index=len(sentences), start=start, end=end, paragraph=number, kind=kind)
            )
    return sentences


def is_heading(sentence: str, sentences_in_paragraph: int) -> bool:
    """A paragraph of one short line with no final punctuation: a title,
    a subheading or a caption."""
    stripped = sentence.rstrip().rstrip('»”" \u00a0\u202f')
    return sentences_in_paragraph == 1 and len(stripped) < 200 and stripped[-1:] not in ".!…:;"


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
) -> IngestSummary:
    """Ingest files and folders into the store; per-file problems are
    recorded as failed outcomes and never stop the run."""
    stages = stages or Stages(extractor=extractor)
    files = list(iter_files(list(paths)))
    if on_total:
        on_total(len(files))
    summary = IngestSummary()
    with store.errors():  # a store that fails is no per-file problem: it stops the run, exit 3
        for path in files:
            for outcome in ingest_file(path, store, stages, max_bytes=max_bytes):
                summary.outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
    return summary


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
    draft = draft_document(doc, known_claims, store, stages)
    if isinstance(draft, IngestOutcome):
        return draft
    return commit_draft(draft, store, stages, known_claims=known_claims)


def draft_document(
    doc: Document | Article, known_claims: list[Claim] | None, store: Store, stages: Stages
) -> Draft | IngestOutcome:
    """The document read, attributed and embedded, ready to link (or the
    `unchanged` outcome when its content is stored). Runs outside the store's
    write turn, so parallel writers do not wait on the encoder."""
    article, sentences = reanalyse(doc) if isinstance(doc, Article) else analyse_document(doc)
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


def reanalyse(article: Article) -> tuple[Article, list[Sentence]]:
    """Sentences for an article restored from the claim record."""
    doc = Document(
        id=article.id, text=article.text, path=Path(article.path or article.id), format=article.format, raw=article.raw
    )
    _, sentences = analyse_document(doc)
    return article, sentences


def default_extractor() -> Extractor:
    from crosscheck.attribute import extract_article_claims

    return extract_article_claims
