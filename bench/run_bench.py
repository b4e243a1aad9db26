"""Benchmark: the whole job (ingest, attribution, event linking, divergences,
default encoder) on a generated corpus, then the HTML report of it. Prints
articles/s and the report's rendering time.

    python bench/run_bench.py [N]     (default 1000)

The corpus holds distinct variants of the bundled examples (`variants.py`);
sentences without a figure repeat across variants and hit the embedding
cache, so the figure is optimistic for the encoder's share: `stage_bench.py`
makes each article pay for its own vectors and prints each stage's share.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import full_stages
from crosscheck.report import write_report
from crosscheck.stores import open_store

sys.path.insert(0, str(Path(__file__).parent))
from ingest_bench import build_corpus  # noqa: E402 - the sibling benchmark's corpus builder


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, count)
        stages = full_stages()
        started = time.perf_counter()
        with open_store(Path(tmp) / "run.db") as store:
            ingest_paths([corpus], store, stages=stages)
            counts = store.counts()
            events, pairs = len(store.events()), len(store.divergences())
        elapsed = time.perf_counter() - started
        print(
            f"whole job: {count} articles in {elapsed:.1f} s = {count / elapsed:.1f} articles/s "
            f"({counts['claims']} claims, {events} events, {pairs} flagged pairs)"
        )
        started = time.perf_counter()
        with open_store(Path(tmp) / "run.db", readonly=True) as store:
            write_report(store, Path(tmp) / "report")
        pages = sum(1 for _ in (Path(tmp) / "report").rglob("*.html"))
        print(f"HTML report of {count} articles: {time.perf_counter() - started:.1f} s ({pages} pages)")


if __name__ == "__main__":
    main()
