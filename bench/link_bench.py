"""Benchmark: linking one new article into stores of 10,000, 100,000 and
1,000,000 claims. The stores are synthetic (events between random pairs of
registry people, with index keys and claims); the article is a real fixture.
Prints the warm time and the memory allocated to link and store it (the
article's claims are embedded afresh: each store has its own vector cache).

    python bench/link_bench.py [SIZES...]     (default 10000 100000 1000000)
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from crosscheck.actors import load_registry
from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import full_stages
from crosscheck.store import Store
from crosscheck.stores import open_store

ARTICLE = Path(__file__).parents[1] / "tests" / "data" / "linking" / "a1_appel-fidan-gerapetritis.txt"
WARM_UP = ARTICLE.with_name("a3_rencontre-fidan-gerapetritis-2023.txt")
SECOND = ARTICLE.with_name("a2_fidan-gerapetritis-call.txt")
CLAIMS_PER_EVENT = 10


def fill(store: Store, claims: int, people: list[str]) -> None:
    rng = random.Random(7)
    events, keys, rows = [], [], []
    for e in range(claims // CLAIMS_PER_EVENT):
        pair = rng.sample(people, 2)
        event_id = f"ev-synthetic-{e}"
        day = f"20{rng.randint(14, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        events.append(
            (
                event_id,
                f"synthetic {e}",
                "call",
                day,
                json.dumps(sorted(pair)),
                "[]",
                json.dumps(["w1", "w2"]),
                json.dumps([f"s{e}"]),
                CLAIMS_PER_EVENT,
            )
        )
        keys += [(event_id, f"p:{p}") for p in pair]
        keys += [(event_id, f"v{t}:{rng.randrange(1 << 10):x}") for t in range(4)]  # vector buckets
        rows += [
            (
                f"s{e}:{i}",
                f"s{e}",
                i,
                i + 1,
                "x",
                0,
                1,
                "src",
                None,
                None,
                "xx.gov",
                "XX",
                None,
                "neutral",
                "indirect",
                "[]",
                0.5,
                "synthetic",
                event_id,
            )
            for i in range(CLAIMS_PER_EVENT)
        ]
    with store.db.atomic():
        store.db.conn.executemany(
            "INSERT INTO events (id, label, kind, day, participants, salient, topic, articles, claims, producer)"
            " VALUES (?,?,?,?,?,?,?,?,?,'synthetic')",
            events,
        )
        store.db.conn.executemany("INSERT INTO event_keys (event_id, key) VALUES (?,?)", keys)
        store.db.conn.executemany(
            'INSERT INTO claims (id, article_id, start, "end", text, content_start, content_end,'
            " source, source_start, source_end, actor, side, verb, polarity, speech, chain,"
            " confidence, producer, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    registry = load_registry()
    people = [a.id for a in registry.actors.values() if a.kind == "person"]
    stages = full_stages()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.db"
        with open_store(warm) as store:  # load the models and caches once
            ingest_paths([ARTICLE], store, stages=stages)
        for size in sizes:
            db = Path(tmp) / f"store-{size}.db"
            with open_store(db) as store:
                fill(store, size, people)
                store.db.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                )  # the fill's write-ahead log is not the article's cost
                started = time.perf_counter()
                ingest_paths([ARTICLE], store, stages=stages)
                elapsed = time.perf_counter() - started
                tracemalloc.start()  # memory on a second article: tracing slows the clock down
                ingest_paths([SECOND], store, stages=stages)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                print(
                    f"{store.counts()['claims']:>9,} claims: link + store one article in {elapsed * 1000:7.1f} ms, "
                    f"peak {peak / 1e6:5.1f} MB allocated"
                )


if __name__ == "__main__":
    main()
