"""Benchmark: the whole job (ingest, attribution, event linking, divergences,
default encoder) on distinct articles, with one process and with worker
processes (`--jobs`), then the HTML report of it. Prints articles/s (wall
clock, models loaded before the clock starts), the CPU seconds of this
process and its workers, and the report's rendering time.

    python bench/run_bench.py [N] [JOBS ...]     (default 1000, jobs 1 and 2)

The corpus holds distinct variants of the bundled examples (`variants.py`:
re-ordered, re-numbered, re-dated; `corpus_stats` says how many sentences
repeat). Each run fills a fresh store, so every article pays for its own
parses and vectors but those its sentences share with earlier articles.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import full_stages
from crosscheck.report import write_report
from crosscheck.stores import open_store

sys.path.insert(0, str(Path(__file__).parent))
from variants import build_corpus, corpus_stats  # noqa: E402 - the sibling corpus builder


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def whole_job(corpus: Path, db: Path, jobs: int) -> str:
    stages = full_stages()
    stages.load_models()
    (own, workers), started = cpu_seconds(), time.perf_counter()
    with open_store(db) as store:
        summary = ingest_paths([corpus], store, stages=stages, jobs=jobs, location=db)
        counts = store.counts()
        events, pairs = len(store.events()), len(store.divergences())
    elapsed = time.perf_counter() - started
    own, workers = (after - before for after, before in zip(cpu_seconds(), (own, workers), strict=True))
    count = len(summary.outcomes)
    return (
        f"--jobs {jobs}: {count} articles in {elapsed:.1f} s = {count / elapsed:.1f} articles/s; CPU: "
        f"{own:.1f} s in the main process, {workers:.1f} s in workers ({count / (own + workers):.1f} articles "
        f"per CPU-second; {counts['claims']} claims, {events} events, {pairs} flagged pairs)"
    )


def main() -> None:
    if sys.argv[1:2] == ["--one"]:  # one run, in a process of its own: no cache warmed by another run
        print(whole_job(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])), flush=True)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    jobs = [int(j) for j in sys.argv[2:]] or [1, 2]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        print(corpus_stats(build_corpus(corpus, count)))
        for n in jobs:
            subprocess.run([sys.executable, __file__, "--one", str(corpus), str(Path(tmp) / f"run-{n}.db"), str(n)])
        started = time.perf_counter()
        with open_store(Path(tmp) / f"run-{jobs[0]}.db", readonly=True) as store:
            write_report(store, Path(tmp) / "report")
        pages = sum(1 for _ in (Path(tmp) / "report").rglob("*.html"))
        print(f"HTML report of {count} articles: {time.perf_counter() - started:.1f} s ({pages} pages)")


if __name__ == "__main__":
    main()
