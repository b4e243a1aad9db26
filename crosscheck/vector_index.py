"""A vector index that lives in the store: random-hyperplane LSH keys.

Event centroids (mean claim embeddings, centred on the store's mean vector so
that e5's compressed cosines spread out) are hashed into `TABLES` keys of
`BITS` bits each; they go into the same indexed `event_keys` table as the
participant keys, so finding the events near a new article's is a few index
look-ups whatever the size of the store, inside the same transactions.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

TABLES = 4
BITS = 10
SEED = 1729


@lru_cache(maxsize=8)
def hyperplanes(dim: int) -> np.ndarray:
    return np.random.default_rng(SEED).standard_normal((TABLES * BITS, dim)).astype(np.float32)


def lsh_keys(vector: np.ndarray) -> list[str]:
    """Index keys of a (centred) vector: one bucket per table."""
    signs = (hyperplanes(vector.shape[0]) @ vector) > 0
    keys = []
    for table in range(TABLES):
        bits = signs[table * BITS : (table + 1) * BITS]
        keys.append(f"v{table}:{int(''.join('1' if b else '0' for b in bits), 2):x}")
    return keys


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


REFERENCE_SENTENCES = "reference_sentences.txt"
SHIPPED_MEAN = Path(__file__).parent / "data" / "reference_mean.json"


def store_mean(store, encoder) -> np.ndarray:
    """The encoder's mean vector over a fixed set of ordinary news sentences
    (`data/reference_sentences.txt`): centring on it spreads out the
    compressed cosines of models such as e5. The built-in encoders' ship in
    `data/reference_mean.json` (`scripts/build_reference_mean.py`); another
    model's is computed once and cached in the store."""
    if (shipped := shipped_mean(encoder.name, reference_sentences_hash())) is not None:
        return shipped
    key = f"mean:{encoder.name}"
    cached = store.cached_vectors([key]).get(key)
    if cached is not None:
        return np.frombuffer(cached, dtype=np.float32)
    mean = sentences_mean(encoder, reference_sentences())
    store.cache_vectors(encoder.name, int(mean.shape[0]), {key: mean.tobytes()})
    return mean


def sentences_mean(encoder, sentences: list[str]) -> np.ndarray:
    from crosscheck.embed import embed_cached

    return embed_cached(None, encoder, sentences).mean(axis=0).astype(np.float32)


def reference_sentences() -> list[str]:
    text = (resources.files("crosscheck") / "data" / REFERENCE_SENTENCES).read_text(encoding="utf-8")
    return [s for s in text.splitlines() if s.strip()]


@lru_cache(maxsize=1)
def reference_sentences_hash() -> str:
    return hashlib.sha256((resources.files("crosscheck") / "data" / REFERENCE_SENTENCES).read_bytes()).hexdigest()


@lru_cache(maxsize=4)
def shipped_mean(model: str, sentences_hash: str) -> np.ndarray | None:
    """The shipped mean of this model, when it was built from these sentences."""
    if not SHIPPED_MEAN.is_file():
        return None
    record = json.loads(SHIPPED_MEAN.read_text(encoding="utf-8"))
    vector = record.get("means", {}).get(model)
    if vector is None or record.get("sentences_sha256") != sentences_hash:
        return None
    return np.asarray(vector, dtype=np.float32)


def event_sum(store, event_id: str, dim: int) -> tuple[np.ndarray, bool]:
    raw = store.cached_vectors([f"event-sum:{event_id}"]).get(f"event-sum:{event_id}")
    return (
        (np.frombuffer(raw, dtype=np.float32).copy(), True) if raw is not None else (np.zeros(dim, np.float32), False)
    )


def save_event_sum(store, model: str, event_id: str, total: np.ndarray) -> None:
    vector = {f"event-sum:{event_id}": total.astype(np.float32).tobytes()}
    store.cache_vectors(model, int(total.shape[0]), vector, replace=True)
