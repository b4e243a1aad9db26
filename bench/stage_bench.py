"""Benchmark: the whole job on distinct articles, with each stage's share.

Ingests N variants of real articles (`variants.py`: re-ordered, re-numbered,
re-dated; by default of the bundled examples, or of the folders given) into a
fresh store with the default pipeline, and prints articles/s and the seconds
and share of each stage: reading and analysis (segmentation, metadata,
language id), attribution, embedding, linking, divergences and saving.

Variants repeat the sentences that carry no figure, so by default each
article pays for its own work as a really new one would: the parser's cache
is emptied before each article, and the claims an article embeds are encoded
again even when another variant cached the same text (`--cached` lets the
caches hit). The models are loaded before the clock starts and their load
times are printed apart (a process pays them once).

    python bench/stage_bench.py [N] [FOLDER ...] [--cached] [--model=e5]     (default 200)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import crosscheck.embed
import crosscheck.ingest
from crosscheck.attribute import parse
from crosscheck.embed import encoder_name
from crosscheck.metadata import detect_language
from crosscheck.pipeline import full_stages
from crosscheck.stores import open_store

sys.path.insert(0, str(Path(__file__).parent))
from variants import build_corpus, corpus_stats  # noqa: E402 - the sibling corpus builder

STAGES = ("read + analyse", "attribution", "embedding", "linking", "divergences", "saving")


class Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, stage: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - started

        return timed


def load_models(encoder) -> dict[str, float]:
    """Load each model once, timing it, so the run measures steady work."""
    loads = {}
    for name, load in (
        ("spaCy parser", parse.french_parser),
        ("language id", lambda: detect_language("Le ministre a déclaré que la rencontre aurait lieu mardi.")),
        ("encoder", lambda: encoder.encode(["Le ministre a déclaré."])),
    ):
        started = time.perf_counter()
        load()
        loads[name] = time.perf_counter() - started
    return loads


PAID: set[str] = set()  # the texts of the current article encoded so far
CURRENT = {"text": ""}  # the current article's text


def fresh_embedding(cached):
    """embed_cached that encodes each of an article's own texts once, as for a
    new article, whatever other variants cached (stored articles' texts are
    read from the cache, as in a real run)."""

    def embed(store, encoder, texts):
        own = sorted(t for t in set(texts) - PAID if t in CURRENT["text"])
        if own:
            encoder.encode(own)
            PAID.update(own)
        return cached(store, encoder, texts)

    return embed


def timed_stages(clock: Clock, fresh: bool, model: str | None):
    encoder = crosscheck.embed.LazyEncoder(model)
    stages = full_stages(encoder=encoder)
    extractor = stages.extractor

    def extract(article, sentences):
        if fresh:
            parse.parse.cache_clear()
            PAID.clear()
            CURRENT["text"] = article.text
        return extractor(article, sentences)

    stages.extractor = clock.wrap("attribution", extract)
    stages.embedder = clock.wrap("embedding", stages.embedder)
    stages.linker = clock.wrap("linking", stages.linker)
    stages.diverger = clock.wrap("divergences", stages.diverger)
    return stages, encoder


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    fresh = "--cached" not in sys.argv
    model = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--model=")), None)
    count = int(args[0]) if args else 200
    folders = [Path(a) for a in args[1:]] or None
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        print(f"corpus: {corpus_stats(build_corpus(corpus, count, folders))}; encoder {encoder_name(model)}")
        stages, encoder = timed_stages(clock, fresh, model)
        loads = load_models(encoder)
        print("model loads (once per process): " + ", ".join(f"{k} {v:.2f} s" for k, v in loads.items()))
        analyse, cached = crosscheck.ingest.analyse_document, crosscheck.embed.embed_cached
        crosscheck.ingest.analyse_document = clock.wrap("read + analyse", analyse)
        if fresh:
            crosscheck.embed.embed_cached = fresh_embedding(cached)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            with open_store(Path(tmp) / "bench.db") as store:
                store.save_draft = clock.wrap("saving", store.save_draft)
                crosscheck.ingest.ingest_paths([corpus], store, stages=stages)
                counts = store.counts()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            crosscheck.ingest.analyse_document = analyse
            crosscheck.embed.embed_cached = cached
        report(count, elapsed, cpu, counts, clock, fresh)


def report(count: int, elapsed: float, cpu: float, counts: dict, clock: Clock, fresh: bool) -> None:
    mode = "each article paying for its own parses and vectors" if fresh else "caches hitting across variants"
    print(
        f"whole job ({mode}): {count} articles in {elapsed:.1f} s = {count / elapsed:.2f} articles/s, "
        f"{counts['claims']} claims; CPU {cpu:.1f} s = {count / cpu:.2f} articles per CPU-second"
    )
    other = elapsed - sum(clock.seconds.values())
    for stage in (*STAGES, "other (reading files, hashing, store reads)"):
        seconds = clock.seconds.get(stage, other if stage.startswith("other") else 0.0)
        share, per_article = 100 * seconds / elapsed, 1000 * seconds / count
        print(f"  {stage:44s} {seconds:7.2f} s  {share:5.1f} %  {per_article:7.1f} ms/article")


if __name__ == "__main__":
    main()
