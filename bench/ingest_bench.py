"""Benchmark: ingest + segmentation + attribution of a generated corpus.

Builds N distinct articles from the bundled examples (`variants.py`:
re-ordered, re-numbered, re-dated), ingests them into a fresh store and prints
articles/s, sentences/s and claims/s. Usage:

    python bench/ingest_bench.py [N]     (default 2000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from crosscheck.ingest import ingest_paths
from crosscheck.stores import open_store

sys.path.insert(0, str(Path(__file__).parent))
from variants import build_corpus  # noqa: E402 - the sibling corpus builder (run_bench and scale_bench import it too)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, count)
        for label, extractor in (("ingest + segmentation", lambda a, s: []), ("ingest + attribution", None)):
            db = Path(tmp) / f"{label.split()[-1]}.db"
            started = time.perf_counter()
            with open_store(db) as store:
                summary = ingest_paths([corpus], store, extractor=extractor)
                counts = store.counts()
            elapsed = time.perf_counter() - started
            print(
                f"{label:24s} {count} articles in {elapsed:6.1f} s: {count / elapsed:7.1f} articles/s, "
                f"{counts['sentences'] / elapsed:8.0f} sentences/s, {counts['claims'] / elapsed:7.0f} claims/s "
                f"({summary.count(summary.outcomes[0].status)} new)"
            )


if __name__ == "__main__":
    main()
