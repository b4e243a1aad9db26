"""`crosscheck ingest --engine ray`: the per-article work on Ray Data.

Reading, segmentation, attribution and claim embedding need nothing from the
store, so they run as a Ray Data `map_batches` transform over the input files
on a pool of workers (each loads the registry, spaCy and the encoder once).
Linking, divergence flagging and writing need the store and the order of
arrival, so the driver does them, in input order, a batch of articles per
round trip: vectors cached in one write, then each article linked and saved
in its write turn, exactly as the local engine does. Hence the same store,
and the same export, from either engine.

A local Ray instance is started by default (`workers` CPUs); `address`
joins an existing cluster (`ray://host:10001` or `auto`), whose workers must
have crosscheck installed.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosscheck.draft import Draft
from crosscheck.errors import InputError, UsageError
from crosscheck.ingest import IngestSummary, Stages, commit_draft, failed, read_file_records
from crosscheck.models import Article, Claim, IngestOutcome, Sentence
from crosscheck.readers import iter_files
from crosscheck.store import Store

WRITE_BATCH = 16  # articles per round trip between the Ray workers and the store


@dataclass
class Analysed:
    """One document as a worker returns it: ready to link and store."""

    article: Article
    sentences: list[Sentence]
    claims: list[Claim]
    known_claims: bool
    model: str
    vectors: dict[str, bytes]  # embedding cache key -> float32 bytes


class Analyser:
    """The Ray Data transform: files in, analysed documents out (pickled)."""

    def __init__(self, registry_files: tuple[str, ...], model: str | None, max_bytes: int) -> None:
        from crosscheck.actors import load_registry
        from crosscheck.embed import LazyEncoder

        self.registry = load_registry(tuple(Path(p) for p in registry_files))
        self.encoder = LazyEncoder(model)
        self.max_bytes = max_bytes

    def __call__(self, batch: dict) -> dict:
        results = [pickle.dumps(self.analyse(Path(str(path)))) for path in batch["path"]]
        return {"index": list(batch["index"]), "result": results}

    def analyse(self, path: Path) -> list[Analysed] | str:
        try:
            records = read_file_records(path, max_bytes=self.max_bytes)
        except InputError as error:
            return str(error)
        return [self.analyse_document(doc, known) for doc, known in records]

    def analyse_document(self, doc, known_claims: list[Claim] | None) -> Analysed:
        from crosscheck.analyse import analyse_document, reanalyse
        from crosscheck.attribute import extract_article_claims
        from crosscheck.embed import cache_key, claims_to_embed
        from crosscheck.link import claim_contents

        article, sentences = reanalyse(doc) if isinstance(doc, Article) else analyse_document(doc)
        claims = known_claims
        if claims is None:
            claims = extract_article_claims(article, sentences, registry=self.registry)
        texts = sorted(set(claim_contents(article, claims_to_embed(claims))))
        vectors = {}
        if texts:
            encoded = self.encoder.encode(texts)
            vectors = {cache_key(self.encoder.name, t): v.tobytes() for t, v in zip(texts, encoded, strict=True)}
        return Analysed(article, sentences, claims, known_claims is not None, self.encoder.name, vectors)


def start_ray(address: str | None, workers: int) -> None:
    import ray

    if ray.is_initialized():
        return
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    options = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, **options)
    except (ConnectionError, ValueError, RuntimeError) as error:
        raise UsageError(f"--ray-address {address}: cannot join the Ray cluster ({error})") from error


def analysed_files(
    files: list[Path], registry_files: tuple[Path, ...], model: str | None, max_bytes: int, workers: int
) -> Iterator[tuple[Path, list[Analysed] | str]]:
    """Each file's analysis, in input order, as the Ray workers finish them."""
    import ray

    for name in ("ray", "ray.data"):  # crosscheck shows its own progress and errors
        logging.getLogger(name).setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = ray.data.from_items([{"index": i, "path": str(p)} for i, p in enumerate(files)])
    dataset = dataset.map_batches(
        Analyser,
        fn_constructor_kwargs={
            "registry_files": tuple(str(p) for p in registry_files),
            "model": model,
            "max_bytes": max_bytes,
        },
        batch_size=4,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    for batch in dataset.iter_batches(batch_size=WRITE_BATCH, batch_format="numpy"):
        for index, result in zip(batch["index"], batch["result"], strict=True):
            yield files[int(index)], pickle.loads(result)


def ingest_with_ray(
    paths: list[Path],
    store: Store,
    stages: Stages,
    *,
    registry_files: tuple[Path, ...] = (),
    model: str | None = None,
    max_bytes: int,
    address: str | None = None,
    workers: int | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest files with the per-article work on Ray; the same outcomes and
    store as `ingest_paths` with the same stages."""
    workers = workers or os.cpu_count() or 1
    files = list(iter_files(paths))
    if on_total:
        on_total(len(files))
    summary = IngestSummary()
    if not files:
        return summary
    start_ray(address, workers)
    pending: list[tuple[Path, list[Analysed] | str]] = []
    for item in analysed_files(files, registry_files, model, max_bytes, workers):
        pending.append(item)
        if len(pending) >= WRITE_BATCH:
            write_batch(pending, store, stages, summary, on_outcome)
            pending = []
    write_batch(pending, store, stages, summary, on_outcome)
    return summary


def write_batch(batch, store: Store, stages: Stages, summary: IngestSummary, on_outcome) -> None:
    """Cache the batch's vectors in one write, then link and save each article in order."""
    documents = [a for _, result in batch if not isinstance(result, str) for a in result]
    with store.errors():
        for model in {a.model for a in documents}:
            vectors = {k: v for a in documents if a.model == model for k, v in a.vectors.items()}
            if vectors:
                store.cache_vectors(model, len(next(iter(vectors.values()))) // 4, vectors)  # float32: 4 bytes each
    for path, result in batch:
        if isinstance(result, str):
            outcomes = [failed(path, result)]
        else:
            outcomes = [store_analysed(a, store, stages) for a in result]
        for outcome in outcomes:
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)


def store_analysed(analysed: Analysed, store: Store, stages: Stages) -> IngestOutcome:
    known = analysed.claims if analysed.known_claims else None
    draft = Draft(store, analysed.article, analysed.sentences, analysed.claims)
    return commit_draft(draft, store, stages, known_claims=known)
