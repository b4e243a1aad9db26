"""Whole jobs that string the stages together: ingest into a store, and
`run` (ingest a folder, then write the report)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from crosscheck.ingest import IngestSummary, Stages, ingest_paths
from crosscheck.models import IngestOutcome, IngestStatus
from crosscheck.readers import DEFAULT_MAX_BYTES
from crosscheck.settings import Thresholds
from crosscheck.stores import open_store


def bundled_examples() -> Path:
    return Path(str(resources.files("crosscheck") / "examples"))


def ingest_into(
    paths: list[Path],
    db: Path,
    *,
    max_bytes: int,
    actor_files: list[Path] = (),
    quiet: bool = False,
    model: str | None = None,
    nli: str | None = None,
    ray: dict | None = None,
    jobs: int | None = None,
) -> IngestSummary:
    """Ingest files into the store at `db`, reporting progress on stderr;
    `jobs` worker processes do the per-article work (default: one per CPU),
    or `ray` ({"address": …, "workers": …}) runs it on Ray."""
    registry_files = tuple(actor_files) + tuple(p / "actors.json" for p in paths if (p / "actors.json").is_file())
    from crosscheck.embed import store_encoder

    with open_store(db) as store, Progress(quiet) as progress:
        model = store_encoder(store, model)
        stages = full_stages(registry_files, model, nli=nli)
        if ray is not None:
            from crosscheck.ray_engine import ingest_with_ray

            return ingest_with_ray(
                paths,
                store,
                stages,
                registry_files=registry_files,
                model=model,
                max_bytes=max_bytes,
                on_outcome=progress.advance,
                on_total=progress.start,
                **ray,
            )
        return ingest_paths(
            paths,
            store,
            stages=stages,
            max_bytes=max_bytes,
            on_outcome=progress.advance,
            on_total=progress.start,
            jobs=jobs or default_jobs(),
            location=db,
        )


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# A dated article in each language, analysed once before worker processes fork.
WARM_UP_TEXTS = (
    "Des discussions utiles\n\nPublié le 3 mars 2025\n\n"
    "Le porte-parole du ministère a déclaré mardi que les discussions avaient été utiles.",
    "Useful talks\n\nMarch 3, 2025\n\nThe ministry's spokesman said on Tuesday that the talks had been useful.",
)


def full_stages(
    registry_files: tuple[Path, ...] = (), model: str | None = None, encoder=None, nli: str | None = None
) -> Stages:
    """Attribution, event linking and divergence flagging, sharing one
    registry and one encoder (loaded only when a pair needs comparing)."""
    from crosscheck.actors import load_registry
    from crosscheck.attribute import extract_article_claims
    from crosscheck.embed import LazyEncoder, load_nli
    from crosscheck.link import embed_claims, link_article
    from crosscheck.points import points_for

    # load_registry() and load_registry(()) are two lru_cache entries: the report code asks for the first.
    registry = load_registry(registry_files) if registry_files else load_registry()
    encoder = encoder or LazyEncoder(model)
    nli_scorer = load_nli(nli) if nli else None

    def extractor(article, sentences):
        return extract_article_claims(article, sentences, registry=registry)

    def embedder(draft):
        embed_claims(draft, encoder)

    def linker(draft):
        link_article(draft, registry, encoder)

    def diverger(draft):
        touched = set(draft.events)
        draft.points, pairs = points_for(draft, touched, registry, encoder, nli=nli_scorer, article_id=draft.article.id)
        return pairs

    def preload():
        from crosscheck.attribute import extract_claims
        from crosscheck.attribute.parse import french_parser

        french_parser()
        for text in WARM_UP_TEXTS:  # language id, verb lexicons, the registry's indexes
            extract_claims(text, registry=registry)
        encoder.encode(["."])  # the weights and the tokenizer

    return Stages(
        extractor=extractor, embedder=embedder, linker=linker, diverger=diverger, registry=registry, preload=preload
    )


class Progress:
    """A progress bar on stderr for long runs on a terminal; failures are
    always reported, one line each, as they happen."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.task = None

    def __enter__(self) -> Progress:
        return self

    def start(self, total: int) -> None:
        if total > 20 and sys.stderr.isatty() and not self.quiet:
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(transient=True, redirect_stdout=False)
            self.bar.start()
            self.task = self.bar.add_task("ingesting", total=total)

    def advance(self, outcome: IngestOutcome) -> None:
        if outcome.status is IngestStatus.FAILED:
            message = f"crosscheck: skipped {outcome.message}"
            (
                self.bar.console.print(message, markup=False, highlight=False)
                if self.bar
                else print(message, file=sys.stderr)
            )
        elif outcome.status is IngestStatus.UNCHANGED and not self.quiet and self.bar is None:
            print(f"{outcome.path}: unchanged ({outcome.message})", file=sys.stderr)
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_folder(
    folder: Path | None,
    *,
    db: Path | None,
    out: Path,
    model: str | None = None,
    nli: str | None = None,
    force: bool = False,
    thresholds: Thresholds | None = None,
    jobs: int | None = None,
) -> Path:
    """Ingest a folder (the bundled examples by default) and write the report;
    returns the report's path. Without `db`, a fresh store in `out` that
    replaces only the one an earlier run created there (or any, with `force`)."""
    from crosscheck.report import ReportFolder, write_report

    folder = folder or bundled_examples()
    refuse_report_among_articles(folder, out)
    target = ReportFolder.open(out, force=force)  # refused before any work is done
    if db is None:  # a fresh store, so the report reflects this run only
        db = target.fresh_store(force=force)
    summary = ingest_into([folder], db, max_bytes=DEFAULT_MAX_BYTES, quiet=True, model=model, nli=nli, jobs=jobs)
    print(summary.line(), file=sys.stderr)
    if thresholds is not None:  # calibrated from verdicts: the store keeps them for the queue, check and report
        with open_store(db) as store:
            store.save_thresholds(thresholds.by_kind)
    with open_store(db, readonly=True) as store:
        return write_report(store, out, force=force)


def refuse_report_among_articles(folder: Path, out: Path) -> None:
    """The report may not go where run reads articles from: its pages would
    land among the user's articles (`run articles --out .` writes articles/*.html)
    and be read as articles by the next run."""
    from crosscheck.errors import UsageError
    from crosscheck.report import PAGE_FOLDERS

    source, target = folder.resolve(), out.resolve()
    if target.is_relative_to(source) or any(source.is_relative_to(target / sub) for sub in PAGE_FOLDERS):
        raise UsageError(
            f"--out {out}: the report's pages would be written among the articles read from {folder}; "
            "choose an --out folder outside it"
        )
