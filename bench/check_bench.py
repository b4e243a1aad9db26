"""Benchmark: `crosscheck check` against a store of 100,000 claims.

The store holds the bundled examples and the Russia-US fixture call (real
events) beside synthetic events that make up the rest of the claims (see
link_bench.py). Prints:

- cold: process start to exit of `crosscheck check ONE_ARTICLE --db STORE`,
  the command a CI job runs, for three articles whose claims the store has
  never seen (so the encoder loads): French that needs the parser, English,
  and French that does not (best and median of several runs; the first run
  also pays for reading the libraries from disk, and fills crosscheck's
  artefact cache if it is empty);
- warm: the time per article when one process checks 100 articles, end to
  end (the CLI on a folder of 100, minus the single-article run), and in
  process per article, each article also paying to encode its own claims
  (the copies repeat sentences whose vectors the store has cached; a really
  new article's are not): median, 95th percentile, worst.

    python bench/check_bench.py [CLAIMS]     (default 100000)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.actors import load_registry
from crosscheck.check import check_paths
from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import bundled_examples, full_stages
from crosscheck.stores import open_store

sys.path.insert(0, str(Path(__file__).parent))
from link_bench import fill  # noqa: E402 - the sibling benchmark's synthetic store

ROOT = Path(__file__).parents[1]
CHECK = ROOT / "tests" / "data" / "check"
COLD_ARTICLES = {  # bench/data: written for this benchmark, about an exchange the store does not hold
    "French, parsed": Path(__file__).parent / "data" / "cold_fr.txt",
    "English": Path(__file__).parent / "data" / "cold_en.txt",
    "French, no parse": CHECK / "relay_ru.txt",
}
COLD_RUNS = 5
WARM_ARTICLES = 100
CROSSCHECK = [sys.executable, "-m", "crosscheck.cli"]


def build_store(db: Path, claims: int) -> int:
    people = [a.id for a in load_registry().actors.values() if a.kind == "person"]
    with open_store(db) as store:
        ingest_paths([bundled_examples(), CHECK / "known_ru_us"], store, stages=full_stages())
        fill(store, claims - store.counts()["claims"], people)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return store.counts()["claims"]


def new_articles(folder: Path, count: int) -> list[Path]:
    """`count` distinct new articles: the fixtures and examples, each with its
    own serial line (distinct files, the same events as the store's)."""
    sources = [CHECK / "relay_ru.txt", CHECK / "relay_cn.txt", CHECK / "agreeing.txt"]
    sources += sorted(p for p in bundled_examples().iterdir() if p.suffix in {".txt", ".md"})
    folder.mkdir()
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        path = folder / f"new{i:03d}{source.suffix}"
        path.write_text(f"{source.read_text(encoding='utf-8')}\nDépêche n° {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def wall(*args: str | Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([*CROSSCHECK, *map(str, args)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"crosscheck check failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def cold(db: Path, article: Path) -> list[float]:
    return [wall("check", article, "--db", db) for _ in range(COLD_RUNS)]


def warm_in_process(db: Path, articles: list[Path]) -> list[float]:
    """Seconds per article, each also paying to encode its own claims: the
    copies repeat the store's sentences, whose vectors are cached, while a
    really new article's are not."""
    import crosscheck.embed

    stages = full_stages()
    cached_embed = crosscheck.embed.embed_cached
    article_text = ""

    paid: set[str] = set()

    def embed_as_new(store, encoder, texts):
        own = [t for t in texts if t in article_text and t not in paid]
        if own:
            encoder.encode(own)
            paid.update(own)
        return cached_embed(store, encoder, texts)

    times = []
    with open_store(db) as store:
        check_paths([articles[0]], store, stages)  # load the models once
        crosscheck.embed.embed_cached = embed_as_new
        try:
            for path in articles:
                article_text = path.read_text(encoding="utf-8")
                paid.clear()
                started = time.perf_counter()
                check_paths([path], store, stages)
                times.append(time.perf_counter() - started)
        finally:
            crosscheck.embed.embed_cached = cached_embed
    return times


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        total = build_store(db, claims)
        print(f"store: {total:,} claims")

        best = {}
        for name, article in COLD_ARTICLES.items():
            runs = cold(db, article)
            best[name] = min(runs)
            print(
                f"cold, one article, {name} (process start to exit): best {min(runs):.2f} s, "
                f"median {statistics.median(runs):.2f} s over {COLD_RUNS} runs (first {runs[0]:.2f} s)"
            )

        folder = Path(tmp) / "new"
        articles = new_articles(folder, WARM_ARTICLES)
        batch = wall("check", folder, "--db", db)
        per_article = (batch - best["French, no parse"]) / (WARM_ARTICLES - 1)
        print(f"warm, CLI on {WARM_ARTICLES} articles: {batch:.1f} s in all, {per_article:.3f} s per further article")

        times = sorted(warm_in_process(db, articles))
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"warm, in process, own claims encoded: median {statistics.median(times):.3f} s, "
            f"p95 {p95:.3f} s, worst {times[-1]:.3f} s per article"
        )
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
