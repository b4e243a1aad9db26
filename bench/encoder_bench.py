"""Benchmark: the built-in encoders side by side (README, "Quality and speed").

For each encoder that ships its weights in a package (`--model e5`, `--model
use`), prints:

- same-event ROC AUC: over every pair of annotated claims of a gold file (the
  evaluation kit's, `../shared/eval/gold/*.json` by default), how well the
  cosine of their quotes ranks pairs of one event above pairs of two;
- cold start: a fresh process importing the encoder, loading it and encoding
  one sentence (CPU seconds, less the bare interpreter's);
- sentences per CPU-second, encoding the annotated quotes one article at a
  time, as ingest does.

    python bench/encoder_bench.py [GOLD.json ...]
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from crosscheck.embed import load_encoder

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT.parent / "shared" / "eval" / "gold" / f"{name}.json" for name in ("seeds", "calls")]
MODELS = ("e5", "use")
COLD = (
    "import resource, sys\n"
    "from crosscheck.embed import load_encoder\n"
    "load_encoder(sys.argv[1]).encode(['Le ministre a déclaré que la rencontre aurait lieu mardi.'])\n"
    "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(usage.ru_utime + usage.ru_stime)\n"
)


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """The probability that a positive pair outscores a negative one."""
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind="stable")] = np.arange(1, len(scores) + 1)
    positives = int(labels.sum())
    negatives = len(labels) - positives
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def same_event_auc(encoder, gold: dict) -> float:
    claims = [c for c in gold["claims"] if c.get("event")]
    vectors = encoder.encode([c["quote"] for c in claims])
    pairs = list(itertools.combinations(range(len(claims)), 2))
    scores = np.array([float(vectors[i] @ vectors[j]) for i, j in pairs])
    labels = np.array([claims[i]["event"] == claims[j]["event"] for i, j in pairs])
    return roc_auc(scores, labels)


def sentences_per_cpu_second(encoder, golds: list[dict]) -> float:
    articles: dict[str, list[str]] = {}
    for gold in golds:
        for claim in gold["claims"]:
            articles.setdefault(claim["article"], []).append(claim["quote"])
    started = time.process_time()
    for quotes in articles.values():
        encoder.encode(quotes)
    return sum(map(len, articles.values())) / (time.process_time() - started)


def cold_start(model: str) -> float:
    def cpu(code: str, *args: str) -> float:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        return float(done.stdout.split()[-1])

    bare = cpu("import resource; u = resource.getrusage(resource.RUSAGE_SELF); print(u.ru_utime + u.ru_stime)")
    return min(cpu(COLD, model) for _ in range(3)) - bare


def main() -> None:
    paths = [Path(a) for a in sys.argv[1:]] or GOLD
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    names = " | ".join(f"{p.stem} AUC" for p in paths)
    print(f"| encoder | {names} | sentences per CPU-second | cold start, CPU s |")
    for model in MODELS:
        encoder = load_encoder(model)
        encoder.encode(["warm-up"])
        aucs = " | ".join(f"{same_event_auc(encoder, gold):.3f}" for gold in golds)
        speed = sentences_per_cpu_second(encoder, golds)
        print(f"| {encoder.name} | {aucs} | {speed:.0f} | {cold_start(model):.2f} |", flush=True)


if __name__ == "__main__":
    main()
