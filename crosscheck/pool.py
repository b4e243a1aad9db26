"""`--jobs N`: the per-article work of `ingest`, `run` and `check` in N local
worker processes.

Reading, segmentation, attribution and claim embedding need nothing but the
store's read side, so forked workers do them (each loads spaCy and the
encoder once; forking shares every module the parent imported). Linking,
divergence flagging and saving need the order of arrival, so the main process
does them for each article in input order, exactly as one process does: the
store and its exports are the same whatever N. The Ray engine splits the work
at the same place.

A worker skips an article whose content the store holds, and embeds only the
texts the store has no vector for, as one process would; the main process
checks both again when the article's turn comes, since earlier articles of
the run may have been saved since.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from crosscheck.draft import Draft
from crosscheck.errors import InputError
from crosscheck.ingest import Stages, draft_analysed, read_file_records, unchanged
from crosscheck.models import Article, Claim, IngestOutcome, Sentence
from crosscheck.store import Store

AHEAD_PER_WORKER = 4  # articles analysed ahead of the main process, per worker: bounds memory


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
    """What a worker runs: one file in, its analysed documents (or the
    reason it cannot be read) out."""

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
        from crosscheck.analyse import analyse_document, reanalyse

        article, sentences = reanalyse(doc) if isinstance(doc, Article) else analyse_document(doc)
        if (existing := self.store.article_id_for_hash(article.content_hash)) is not None:
            return Analysed(article, sentences, [], known_claims is not None, stored_as=existing)
        claims = known_claims if known_claims is not None else self.stages.extract(article, sentences)
        draft = Draft(self.store, article, sentences, claims)
        self.stages.embed(draft)
        vectors = [(c.model, c.dim, c.vectors) for c in draft.cached]
        return Analysed(article, sentences, claims, known_claims is not None, vectors)


_analyser: Analyser | None = None  # the worker's, set when the pool forks it


def start_worker(analyser: Analyser, parent: int) -> None:
    global _analyser
    _analyser = analyser
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()


def exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed stops instead of waiting forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def analyse_in_worker(path: Path) -> list[Analysed] | str:
    return _analyser.analyse(path)


def analysed_files(
    files: list[Path], stages: Stages, location: Path | str, *, max_bytes: int, jobs: int
) -> Iterator[tuple[Path, list[Analysed] | str]]:
    """Each file's analysis, in input order, from `jobs` forked workers that
    stay a few articles ahead of the caller."""
    import multiprocessing

    analyser = Analyser(stages, location, max_bytes)
    stages.load_models()  # once, here: the forked workers share them
    context = multiprocessing.get_context("fork")  # the workers share the parent's modules and registry
    with context.Pool(jobs, initializer=start_worker, initargs=(analyser, os.getpid())) as pool:
        remaining = iter(files)
        pending = deque(
            (p, pool.apply_async(analyse_in_worker, (p,))) for p in islice(remaining, jobs * AHEAD_PER_WORKER)
        )
        while pending:
            path, result = pending.popleft()
            if (following := next(remaining, None)) is not None:
                pending.append((following, pool.apply_async(analyse_in_worker, (following,))))
            yield path, result.get()
