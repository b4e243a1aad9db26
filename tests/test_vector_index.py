"""The random-hyperplane LSH keys under which event centroids are indexed:
the same vector always gets the same keys (in this process and the next one,
since they are stored), near-identical vectors share most keys, unrelated
ones share none."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from crosscheck.vector_index import BITS, TABLES, lsh_keys, unit

DIM = 384  # an encoder's size (e5's)


def random_unit_vectors(count: int, seed: int, dim: int = DIM) -> np.ndarray:
    return unit_rows(np.random.default_rng(seed).standard_normal((count, dim)).astype(np.float32))


def shared_keys(a: np.ndarray, b: np.ndarray) -> int:
    return sum(x == y for x, y in zip(lsh_keys(a), lsh_keys(b), strict=True))


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def total_shared(a: np.ndarray, b: np.ndarray) -> int:
    return sum(shared_keys(x, y) for x, y in zip(a, b, strict=True))


def test_one_key_per_table_each_in_its_own_namespace() -> None:
    keys = lsh_keys(np.array([0.5, -0.2, 0.7, 0.1], dtype=np.float32))
    assert [k.split(":")[0] for k in keys] == [f"v{t}" for t in range(TABLES)]
    assert all(0 <= int(k.split(":")[1], 16) < 2**BITS for k in keys)
    assert not any(k.startswith(("p:", "s:")) for k in keys)  # never collide with participant and name keys


def test_the_same_vector_gets_the_same_keys_on_every_call() -> None:
    vector = random_unit_vectors(1, seed=3)[0]
    first = lsh_keys(vector)
    assert lsh_keys(vector.copy()) == first
    assert lsh_keys(vector.astype(np.float64)) == first


def test_keys_are_the_same_in_another_process() -> None:
    vector = [0.31, -0.52, 0.18, 0.77]
    script = (
        "import json, sys, numpy as np; from crosscheck.vector_index import lsh_keys; "
        "print(json.dumps(lsh_keys(np.array(json.loads(sys.argv[1]), dtype=np.float32))))"
    )
    out = subprocess.run([sys.executable, "-c", script, json.dumps(vector)], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == lsh_keys(np.array(vector, dtype=np.float32))


def test_keys_ignore_the_vector_s_length() -> None:
    vector = np.array([0.4, 0.1, -0.3, 0.2], dtype=np.float32)
    assert lsh_keys(vector) == lsh_keys(3.0 * vector) == lsh_keys(unit(vector))


def test_orthogonal_small_vectors_share_no_key() -> None:
    basis = np.eye(4, dtype=np.float32)
    for i in range(4):
        for j in range(i + 1, 4):
            assert shared_keys(basis[i], basis[j]) == 0


def test_opposite_vectors_share_no_key() -> None:
    vector = random_unit_vectors(1, seed=5)[0]
    assert shared_keys(vector, -vector) == 0


def test_near_identical_vectors_share_most_keys() -> None:
    vectors = random_unit_vectors(100, seed=11)
    noise = random_unit_vectors(100, seed=12) * 0.01  # cosine about 0.99995
    shared = [shared_keys(v, unit(v + n)) for v, n in zip(vectors, noise, strict=True)]
    assert sum(shared) / (TABLES * len(vectors)) >= 0.9
    assert sum(s >= TABLES - 1 for s in shared) >= 90


def test_orthogonal_vectors_almost_never_share_a_key() -> None:
    vectors = random_unit_vectors(100, seed=21)
    others = random_unit_vectors(100, seed=22)
    others = others - np.sum(others * vectors, axis=1, keepdims=True) * vectors  # orthogonal to each vector
    assert np.allclose(np.sum(others * vectors, axis=1), 0, atol=1e-5)
    shared = sum(shared_keys(v, o) for v, o in zip(vectors, others, strict=True))
    assert shared <= 4  # 400 bands at 1 in 1,024 each: about 0.4 expected


@pytest.mark.parametrize("cosine", [0.95, 0.7])
def test_closer_vectors_share_more_keys(cosine: float) -> None:
    vectors = random_unit_vectors(100, seed=31)
    others = random_unit_vectors(100, seed=32)
    others = unit_rows(others - np.sum(others * vectors, axis=1, keepdims=True) * vectors)
    close = unit_rows(cosine * vectors + np.sqrt(1 - cosine**2) * others)
    closer = unit_rows(0.999 * vectors + np.sqrt(1 - 0.999**2) * others)
    assert total_shared(vectors, closer) > total_shared(vectors, close) > total_shared(vectors, others)


def test_unit_scales_to_length_one_and_leaves_zero_alone() -> None:
    assert np.isclose(np.linalg.norm(unit(np.array([3.0, 4.0, 0.0]))), 1.0)
    assert np.array_equal(unit(np.zeros(4)), np.zeros(4))
