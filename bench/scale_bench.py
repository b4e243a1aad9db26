"""Benchmark: scaling out (README, "Scaling out").

1. Articles/s on one corpus (distinct variants of the bundled examples,
   `variants.py`) for the local engine and for `--engine ray` with 1 and 2
   workers, each into a fresh SQLite store, with the whole default pipeline.
2. Time to link and store one article into a PostgreSQL store of N claims
   (default 1,000,000): a synthetic store (events between random registry
   people, their index keys, claims, and a random centroid per event in the
   pgvector HNSW index), filled with COPY, on a throwaway local server.

3. Event memory: link and store one article into an event that already holds
   N claims (default 10,000), paired with the same article into an event of
   100 claims (past the bounded memory: the same claims compared, so the two
   should cost the same) and into a store that holds only the event's first
   article (fewer claims to compare with).

4. Whole ingest (issue 18's target): the CPU of `ingest_paths` on one new
   article, every stage (reading, segmentation, attribution, embedding,
   linking, divergences, the write), models loaded beforehand, into (a) a
   store whose event already holds N claims (default 10,000), (b) an empty
   store and (c) a store of the event's first article alone, paired round by
   round. Each round's articles are a distinct variant (`variants.py`) of two
   bundled articles on one call, and the per-sentence caches of the process
   are emptied before each timed ingest, so no arm reuses another's parses.

    python bench/scale_bench.py [ARTICLES] [CLAIMS]      (default 120 1000000)
    python bench/scale_bench.py event [CLAIMS] [ROUNDS]  (default 10000 7)
    python bench/scale_bench.py ingest [CLAIMS] [ROUNDS] (default 10000 9)
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from ingest_bench import build_corpus  # noqa: E402 - the sibling benchmark's corpus
from link_bench import ARTICLE, CLAIMS_PER_EVENT, SECOND, WARM_UP  # noqa: E402

from crosscheck.actors import load_registry  # noqa: E402
from crosscheck.ingest import ingest_paths  # noqa: E402
from crosscheck.pipeline import full_stages  # noqa: E402
from crosscheck.store_postgres import vector_literal  # noqa: E402
from crosscheck.stores import open_store
from tests.pg_server import fresh_database, local_server  # noqa: E402


def engines(count: int) -> None:
    from crosscheck.ray_engine import ingest_with_ray

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, count)
        runs = [("local", None), ("ray, 1 worker", 1), ("ray, 2 workers", 2)]
        for label, workers in runs:
            db = Path(tmp) / f"{label.replace(' ', '').replace(',', '-')}.db"
            started = time.perf_counter()
            with open_store(db) as store:
                if workers is None:
                    ingest_paths([corpus], store, stages=full_stages())
                else:
                    ingest_with_ray([corpus], store, full_stages(), max_bytes=10_000_000, workers=workers)
            elapsed = time.perf_counter() - started
            print(f"{label:16s} {count} articles in {elapsed:6.1f} s: {count / elapsed:6.2f} articles/s", flush=True)
            if workers is not None:
                import ray

                ray.shutdown()  # the next run starts its own instance with its own worker count


def fill_postgres(url: str, claims: int, people: list[str], dim: int) -> None:
    """A synthetic store of `claims` claims, loaded with COPY."""
    import psycopg

    rng = random.Random(7)
    vectors = np.random.default_rng(7).standard_normal((claims // CLAIMS_PER_EVENT, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '1GB'")
        with cur.copy(
            "COPY events (id, label, kind, day, participants, salient, topic, articles, claims, producer) FROM STDIN"
        ) as copy:
            for e in range(claims // CLAIMS_PER_EVENT):
                pair = sorted(rng.sample(people, 2))
                day = f"20{rng.randint(14, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                copy.write_row(
                    (f"ev-synthetic-{e}", f"synthetic {e}", "call", day, json.dumps(pair), "[]", '["w1", "w2"]',
                     json.dumps([f"s{e}"]), CLAIMS_PER_EVENT, "synthetic")  # fmt: skip
                )
        rng = random.Random(7)
        with cur.copy("COPY event_keys (event_id, key) FROM STDIN") as copy:
            for e in range(claims // CLAIMS_PER_EVENT):
                for p in rng.sample(people, 2):
                    copy.write_row((f"ev-synthetic-{e}", f"p:{p}"))
        with cur.copy(
            'COPY claims (id, article_id, start, "end", text, content_start, content_end, source, actor, side, '
            "polarity, speech, chain, confidence, producer, event_id) FROM STDIN"
        ) as copy:
            for e in range(claims // CLAIMS_PER_EVENT):
                for i in range(CLAIMS_PER_EVENT):
                    copy.write_row((f"s{e}:{i}", f"s{e}", i, i + 1, "x", 0, 1, "src", "xx.gov", "XX", "neutral",
                                    "indirect", "[]", 0.5, "synthetic", f"ev-synthetic-{e}"))  # fmt: skip
        with cur.copy("COPY event_vectors (event_id, model, dim, embedding) FROM STDIN") as copy:
            for e, vector in enumerate(vectors):
                copy.write_row((f"ev-synthetic-{e}", "synthetic", dim, vector_literal(vector)))
        conn.commit()
        started = time.perf_counter()
        cur.execute(
            f"CREATE INDEX IF NOT EXISTS event_vectors_hnsw_{dim} ON event_vectors "
            f"USING hnsw ((embedding::vector({dim})) vector_cosine_ops) WHERE dim = {dim}"
        )
        conn.commit()
        # The warm-up article already made the index, so COPY maintained it: this is then near zero.
        print(f"  HNSW index over {len(vectors):,} centroids ready in {time.perf_counter() - started:.0f} s")
        cur.execute("ANALYZE")
        conn.commit()


def postgres_link(claims: int) -> None:
    registry = load_registry()
    people = [a.id for a in registry.actors.values() if a.kind == "person"]
    stages = full_stages()
    with local_server() as server:
        url = fresh_database(server, "bench")
        with open_store(url) as store:
            ingest_paths([WARM_UP], store, stages=stages)  # models, caches, the encoder's mean vector
        started = time.perf_counter()
        fill_postgres(url, claims, people, dim=384)
        print(f"  filled {claims:,} claims in {time.perf_counter() - started:.0f} s")
        with open_store(url) as store:
            started = time.perf_counter()
            ingest_paths([ARTICLE], store, stages=stages)
            first = time.perf_counter() - started
            started = time.perf_counter()
            ingest_paths([SECOND], store, stages=stages)
            second = time.perf_counter() - started
            print(
                f"postgresql {store.counts()['claims']:>9,} claims: link + store one article in "
                f"{first * 1000:7.1f} ms (a second one: {second * 1000:.1f} ms)"
            )


CAP = 100  # claims: past the bounded memory (EVENT_MEMORY per side, crosscheck/draft.py)


def padded_event(store, claims: int) -> str:
    """The stored event of the store's one article, grown to `claims` claims:
    copies of its attributed claims in copies of the article."""
    from crosscheck.store import to_row

    [article] = store.articles()
    mine = [c for c in store.claims(article.id) if c.source and c.event_id]
    event_id = mine[0].event_id
    mine = [c for c in mine if c.event_id == event_id]
    copies = -(-claims // len(mine))
    with store.transaction():
        padding = (article.model_copy(update={"id": f"pad{i:05d}", "content_hash": f"pad{i}"}) for i in range(copies))
        store.insert_rows("articles", (to_row(a) for a in padding))
        store.insert_rows(
            "claims",
            (
                to_row(c.model_copy(update={"id": f"pad{i:05d}:{c.id}", "article_id": f"pad{i:05d}"}))
                for i in range(copies)
                for c in mine
            ),
        )
    return event_id


def shuffled(text: str, seed: int) -> str:
    """The article with its body paragraphs in another order: new content, the same event."""
    paragraphs = text.split("\n\n")
    body = paragraphs[3:]
    random.Random(seed).shuffle(body)
    return "\n\n".join(paragraphs[:3] + body)


def event_memory(claims: int, rounds: int) -> None:
    """One article into an event of `claims` claims, paired with the same into
    an event just past the bounded memory (`CAP` claims: what is compared is
    the same, so any difference is a cost that grows with the event) and into
    a store of the event's first article alone (fewer claims to compare)."""
    from crosscheck.pipeline import bundled_examples

    source = bundled_examples() / "02_china-us-defense-call.txt"
    stages = full_stages()
    if hasattr(stages, "load_models"):  # the benchmark also runs on versions before it
        stages.load_models()
    sizes = {"one article": 0, f"{CAP} claims": CAP, f"{claims:,} claims": claims}
    timings: dict[str, list[float]] = {label: [] for label in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for serial in range(rounds):
            new = Path(tmp) / f"new{serial}" / "later.txt"
            new.parent.mkdir()
            new.write_text(shuffled(source.read_text(encoding="utf-8"), serial), encoding="utf-8")
            order = sorted(sizes, reverse=serial % 2 == 1)  # alternate which goes first
            for number, label in enumerate(order):
                with open_store(Path(tmp) / f"{number}-{serial}.db") as store:
                    ingest_paths([source], store, stages=stages)
                    event_id = padded_event(store, sizes[label]) if sizes[label] else None
                    started = time.process_time()  # CPU: a loaded machine's waits are not the event's cost
                    ingest_paths([new], store, stages=stages)
                    timings[label].append(time.process_time() - started)
                    joined = {c.event_id for c in store.claims("later") if c.source}
                    assert event_id is None or event_id in joined, "the later article did not join the big event"
    big, cap, empty = (timings[label] for label in (f"{claims:,} claims", f"{CAP} claims", "one article"))
    print(
        f"event memory, CPU of linking and storing one article: into an event of {claims:,} claims "
        f"{statistics.median(big) * 1000:.0f} ms, of {CAP} claims {statistics.median(cap) * 1000:.0f} ms "
        f"(paired ratio {paired_ratio(big, cap):.2f}), into a store of one article "
        f"{statistics.median(empty) * 1000:.0f} ms (paired ratio {paired_ratio(big, empty):.2f}); "
        f"medians of {rounds} rounds"
    )


FIRST, LATER = "02_china-us-defense-call.txt", "01_chine-usa-appel.txt"  # one call, told by each side's press


def cold_sentence_caches() -> None:
    """Empty the process's per-sentence caches, as a fresh `crosscheck ingest`
    (models loaded) would have them: the arms of a round share the article."""
    from crosscheck import metadata, textnorm
    from crosscheck.attribute import context, parse

    for cached in (parse.parse, textnorm._tokens, metadata.parse_date, metadata.month_number, context.end_words):
        cached.cache_clear()


def joined_variants(tmp: Path, texts: list[str], shift: int, stages) -> bool:
    """Whether the `shift`-th variants of the two articles land in one event
    (variants move dates: with a multiple of 4 the years move by one and most
    keep the two on one call; the others are skipped)."""
    from variants import variant

    folder = Path(tmp) / f"probe{shift}"
    folder.mkdir()
    paths = [folder / "first.txt", folder / "later.txt"]
    for path, text in zip(paths, texts, strict=True):
        path.write_text(variant(text, shift), encoding="utf-8")
    with open_store(folder / "probe.db") as store:
        ingest_paths(paths, store, stages=stages)
        padded = next(c.event_id for c in store.claims("first") if c.source and c.event_id)
        return padded in {c.event_id for c in store.claims("later") if c.source}


def whole_ingest(claims: int, rounds: int) -> None:
    """Issue 18's target taken literally: one new article's whole ingest into
    an event of `claims` claims against the same into an empty store."""
    import gc

    from variants import variant

    from crosscheck.pipeline import bundled_examples

    stages = full_stages()
    stages.load_models()
    labels = {"a": f"event of {claims:,} claims", "b": "empty store", "c": "store of the event's first article"}
    timings: dict[str, list[float]] = {arm: [] for arm in labels}
    texts = [(bundled_examples() / name).read_text(encoding="utf-8") for name in (FIRST, LATER)]
    with tempfile.TemporaryDirectory() as tmp:
        shifts = (shift for shift in range(4, 10_000, 4) if joined_variants(Path(tmp), texts, shift, stages))
        for serial, shift in zip(range(rounds), shifts, strict=False):
            folder = Path(tmp) / f"round{serial}"
            folder.mkdir()
            first, new = folder / "first.txt", folder / "later.txt"
            first.write_text(variant(texts[0], shift), encoding="utf-8")
            new.write_text(variant(texts[1], shift), encoding="utf-8")
            order = sorted(labels, reverse=serial % 2 == 1)  # alternate which goes first
            for arm in order:
                with open_store(folder / f"{arm}.db") as store:
                    event_id = None
                    if arm != "b":
                        ingest_paths([first], store, stages=stages)
                        event_id = next(c.event_id for c in store.claims("first") if c.source and c.event_id)
                    if arm == "a":
                        assert padded_event(store, claims) == event_id
                    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the set-up's log is not the article's cost
                    cold_sentence_caches()
                    gc.collect()
                    started = time.process_time()  # CPU: a loaded machine's waits are not the article's cost
                    ingest_paths([new], store, stages=stages)
                    timings[arm].append(time.process_time() - started)
                    joined = {c.event_id for c in store.claims("later") if c.source}
                    assert event_id is None or event_id in joined, f"round {serial}: the later article did not join"
    a, b, c = (timings[arm] for arm in "abc")
    for arm in "abc":
        print(f"  ({arm}) {labels[arm]:36s} " + " ".join(f"{t * 1000:5.0f}" for t in timings[arm]) + " ms")
    print(
        f"whole ingest, CPU of one new article: (a) into an event of {claims:,} claims "
        f"{statistics.median(a) * 1000:.0f} ms, (b) into an empty store {statistics.median(b) * 1000:.0f} ms "
        f"(paired ratio a/b {paired_ratio(a, b):.2f}), (c) into a store of the event's first article "
        f"{statistics.median(c) * 1000:.0f} ms (a/c {paired_ratio(a, c):.2f}); medians of {rounds} rounds"
    )


def paired_ratio(first: list[float], second: list[float]) -> float:
    """The median of the round-by-round ratios: robust to the machine's speed drifting between rounds."""
    return statistics.median(a / b for a, b in zip(first, second, strict=True))


def main() -> None:
    if sys.argv[1:2] == ["ingest"]:
        whole_ingest(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, int(sys.argv[3]) if len(sys.argv) > 3 else 9)
        return
    if sys.argv[1:2] == ["event"]:
        event_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, int(sys.argv[3]) if len(sys.argv) > 3 else 7)
        return
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    claims = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    engines(articles)
    postgres_link(claims)


if __name__ == "__main__":
    main()
