"""Benchmark: ingest + segmentation + attribution of a generated corpus.

Builds N articles from the bundled examples (each a copy with a distinct
serial line, so no two share a content hash), ingests them into a fresh store
and prints articles/s, sentences/s and claims/s. Usage:

    python bench/ingest_bench.py [N]     (default 2000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import bundled_examples
from crosscheck.stores import open_store


def build_corpus(folder: Path, count: int) -> None:
    sources = sorted(p for p in bundled_examples().iterdir() if p.suffix in {".txt", ".md"})
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for i in range(count):
        (folder / f"bench{i:05d}.txt").write_text(f"{texts[i % len(texts)]}\nRéférence {i}.\n", encoding="utf-8")


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
