"""Writes `crosscheck/data/reference_mean.json`: each built-in encoder's mean
vector over `crosscheck/data/reference_sentences.txt`, which every store
centres event centroids on. It is fixed by the model and the sentences, so it
ships with the package instead of being encoded again in each store.

    python scripts/build_reference_mean.py

Run it again after changing the sentences or a built-in encoder (a store
whose sentences no longer match the file's hash computes the mean itself;
tests/test_embed.py checks the file against the model).
"""

from __future__ import annotations

import json

from crosscheck.embed import BUILT_IN, load_encoder
from crosscheck.vector_index import SHIPPED_MEAN, reference_sentences, reference_sentences_hash, sentences_mean


def main() -> None:
    means = {model: sentences_mean(load_encoder(model), reference_sentences()) for model in sorted(BUILT_IN)}
    record = {
        "sentences_sha256": reference_sentences_hash(),
        "means": {model: [float(x) for x in mean] for model, mean in means.items()},
    }
    SHIPPED_MEAN.write_text(json.dumps(record) + "\n", encoding="utf-8")
    print(f"wrote {SHIPPED_MEAN}: " + ", ".join(f"{m} ({v.shape[0]} dimensions)" for m, v in means.items()))


if __name__ == "__main__":
    main()
