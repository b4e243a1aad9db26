"""Benchmark: the review queue's pages with 10,000 flagged pairs in the store.

The store holds the bundled examples; synthetic flagged pairs between their
claims (random kinds and scores) bring it to N pairs, and half of them get a
verdict, so the queue's join with the verdict history does real work.
Prints the median and 95th percentile time of a queue page (unfiltered and
filtered), a pair page and a verdict POST, through the app's test client
(request parsing, store queries, template rendering; no network).

    python bench/review_bench.py [PAIRS]     (default 10000)
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import bundled_examples, full_stages
from crosscheck.review import KINDS, VERDICTS
from crosscheck.serve import create_app
from crosscheck.stores import open_store

REQUESTS = 50


def build_store(db: Path, pairs: int) -> int:
    rng = random.Random(11)
    with open_store(db) as store:
        ingest_paths([bundled_examples()], store, stages=full_stages())
        claims = store.db.execute("SELECT id, event_id FROM claims").fetchall()
        rows = []
        for i in range(pairs - len(store.divergences())):
            (a, event), (b, _) = rng.sample(claims, 2)
            kind = rng.choice(KINDS)
            rows.append((f"dv-synth{i:07d}", event, a, b, kind, round(rng.uniform(0.5, 0.95), 2), "synthetic", "bench"))
        with store.db.conn:
            store.db.conn.executemany("INSERT INTO divergences VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            judged = rng.sample(rows, len(rows) // 2)
            store.db.conn.executemany(
                "INSERT INTO verdicts (pair_id, verdict, reviewer, created_at) VALUES (?, ?, 'bench', '2026-01-01')",
                [(r[0], rng.choice(VERDICTS)) for r in judged],
            )
        return len(store.divergences())


def timed(client: TestClient, method: str, path: str, **kwargs) -> list[float]:
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        answer = client.request(method, path, **kwargs)
        times.append(time.perf_counter() - started)
        assert answer.status_code in (200, 303), (path, answer.status_code)
    return times


def line(label: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return f"{label:<34} median {statistics.median(times) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "review.db"
        total = build_store(db, pairs)
        client = TestClient(create_app(db, reviewer="bench"), base_url="http://127.0.0.1")
        first = client.get("/queue").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', first).group(1)
        pair = re.search(r'data-pair="([^"]+)"', first).group(1)
        print(f"store: {total:,} flagged pairs, half of them judged")
        print(line("queue page", timed(client, "GET", "/queue")))
        print(line("queue page, kind + side filter", timed(client, "GET", "/queue?kind=framing&side=US")))
        print(line("pair page", timed(client, "GET", f"/pairs/{pair}")))
        data = {"verdict": "needs-context", "csrf": csrf, "reviewer": "bench"}
        print(line("verdict POST", timed(client, "POST", f"/pairs/{pair}/verdict", data=data, follow_redirects=False)))


if __name__ == "__main__":
    main()
