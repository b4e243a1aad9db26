from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from crosscheck.embed import embed_cached, load_encoder
from crosscheck.ingest import ingest_paths
from crosscheck.settings import LIMITS
from crosscheck.store import Store
from crosscheck.stores import open_store
from tests.conftest import DATA, FakeEncoder, linked_stages


def test_vectors_are_cached_by_model_and_text(store: Store, fake_encoder: FakeEncoder) -> None:
    first = embed_cached(store, fake_encoder, ["un appel", "une rencontre", "un appel"])
    assert sorted(fake_encoder.encoded) == ["un appel", "une rencontre"]
    again = embed_cached(store, fake_encoder, ["une rencontre", "un appel"])
    assert sorted(fake_encoder.encoded) == ["un appel", "une rencontre"]  # nothing encoded twice
    assert np.allclose(again[1], first[0])


def test_reingesting_embeds_nothing_again(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    with open_store(tmp_path / "x.db") as store:
        ingest_paths([DATA / "linking"], store, stages=linked_stages(encoder))
        seen = len(encoder.encoded)
        (tmp_path / "copy").mkdir()
        for path in (DATA / "linking").glob("*.txt"):  # the same texts under new names
            (tmp_path / "copy" / ("copy-" + path.name)).write_text(
                path.read_text(encoding="utf-8") + "\n", encoding="utf-8"
            )
        ingest_paths([tmp_path / "copy"], store, stages=linked_stages(encoder))
    assert seen > 0
    assert all(text in encoder.encoded[:seen] for text in encoder.encoded[seen:])


@pytest.mark.slow
@pytest.mark.parametrize("model", [None, "e5", "use"])
def test_bundled_models_put_french_and_english_accounts_of_one_call_close(model: str | None) -> None:
    encoder = load_encoder(model)
    vectors = encoder.encode(
        [
            "Le ministre a souligné l'importance de maintenir ouvertes les lignes de communication militaires.",
            "The minister stressed the importance of keeping military lines of communication open.",
            "Les récoltes de blé ont baissé de dix pour cent dans le sud du pays cette année.",
        ]
    )
    assert vectors.shape == (3, encoder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.05


def test_a_missing_model_is_a_clear_usage_error(tmp_path: Path) -> None:
    from crosscheck.errors import UsageError

    with pytest.raises(UsageError, match="--model .*nothing is downloaded"):
        load_encoder(str(tmp_path / "no-such-model"))


def test_a_lazy_encoder_caches_under_the_same_name_before_and_after_loading() -> None:
    from crosscheck.embed import DEFAULT_MODEL, LazyEncoder

    assert LazyEncoder().name == DEFAULT_MODEL == LazyEncoder().loaded.name
    assert LazyEncoder("/models/my-model").name == "st:/models/my-model"


def test_bundled_encoders_answer_to_their_short_and_full_names() -> None:
    from crosscheck.embed import E5_MODEL, USE_MODEL, LazyEncoder, encoder_name

    assert encoder_name("use") == encoder_name(USE_MODEL) == USE_MODEL == LazyEncoder("use").loaded.name
    assert encoder_name("e5") == encoder_name(E5_MODEL) == E5_MODEL
    assert encoder_name("use-multilingual") == "st:use-multilingual"  # anything else is a local model


def test_the_encoder_sees_at_most_the_cap_of_a_text(store: Store, fake_encoder: FakeEncoder) -> None:
    long = "le convoi humanitaire attend " * 40_000  # over a megabyte in one claim
    embed_cached(store, fake_encoder, [long, "un appel"])
    assert sorted(len(t) for t in fake_encoder.encoded) == [len("un appel"), LIMITS.encoder_chars]
    embed_cached(store, fake_encoder, [long])
    assert len(fake_encoder.encoded) == 2  # cached under the whole text: nothing encoded again


def test_an_unpunctuated_megabyte_reaches_the_encoder_in_bounded_pieces(tmp_path: Path) -> None:
    run = " ".join(f"le ministère russe a déclaré que la trêve numéro {i} tiendrait" for i in range(1_000))
    (tmp_path / "run.txt").write_text(f"Selon le Kremlin, {run}\n", encoding="utf-8")
    encoder = FakeEncoder()
    with open_store(tmp_path / "x.db") as store:
        summary = ingest_paths([tmp_path / "run.txt"], store, stages=linked_stages(encoder))
    assert summary.outcomes[0].claims > 0
    assert encoder.encoded and max(len(t) for t in encoder.encoded) <= LIMITS.encoder_chars


def test_only_an_article_s_first_claims_are_embedded_and_compared(tmp_path: Path, monkeypatch) -> None:
    import crosscheck.embed

    monkeypatch.setattr(crosscheck.embed, "LIMITS", replace(LIMITS, compared_claims=3))
    places = ["Odessa", "Kherson", "Mykolaïv", "Zaporijjia", "Kharkiv", "Soumy"]
    text = "\n\n".join(f"Le Kremlin a affirmé que les combats avaient cessé à {p}." for p in places)
    (tmp_path / "a.txt").write_text(f"Trêve\n\n{text}\n", encoding="utf-8")
    encoder = FakeEncoder()
    with open_store(tmp_path / "x.db") as store:
        summary = ingest_paths([tmp_path / "a.txt"], store, stages=linked_stages(encoder))
    assert summary.outcomes[0].claims == len(places)  # every claim is stored
    claims_encoded = {t for t in encoder.encoded if "combats" in t}  # besides the reference sentences
    assert claims_encoded == {f"que les combats avaient cessé à {p}" for p in places[:3]}


@pytest.mark.slow
@pytest.mark.parametrize("model", ["e5", "use"])
def test_the_shipped_reference_means_are_the_models_own(model: str) -> None:
    """`data/reference_mean.json` holds what each built-in encoder gives for
    the reference sentences (rebuild it with scripts/build_reference_mean.py)."""
    from crosscheck.vector_index import reference_sentences, reference_sentences_hash, sentences_mean, shipped_mean

    encoder = load_encoder(model)
    shipped = shipped_mean(encoder.name, reference_sentences_hash())
    assert shipped is not None, "the shipped mean was built from other sentences or for another model"
    assert np.allclose(shipped, sentences_mean(encoder, reference_sentences()), atol=1e-5)


def test_a_store_uses_the_shipped_mean_and_computes_another_models_once(
    store: Store, fake_encoder: FakeEncoder
) -> None:
    from crosscheck.embed import DEFAULT_MODEL
    from crosscheck.vector_index import reference_sentences, store_mean

    class Named(FakeEncoder):
        name = DEFAULT_MODEL

    default = Named()
    assert store_mean(store, default).shape == (load_encoder().dim,)
    assert default.encoded == []  # shipped: nothing encoded
    first = store_mean(store, fake_encoder)
    assert sorted(fake_encoder.encoded) == sorted(set(reference_sentences()))
    assert np.array_equal(store_mean(store, fake_encoder), first)
    assert len(fake_encoder.encoded) == len(set(reference_sentences()))  # cached in the store: not encoded again


def test_a_store_keeps_the_bundled_encoder_it_was_filled_with(store: Store) -> None:
    from crosscheck.embed import DEFAULT_MODEL, E5_MODEL, store_encoder

    assert store_encoder(store, None) is None  # an empty store: the default
    store.cache_vectors(E5_MODEL, 4, {"mean:x": b"0000", "event-sum:ev-1": b"0000"})
    assert store_encoder(store, None) == E5_MODEL != DEFAULT_MODEL  # filled under the earlier default
    assert store_encoder(store, "use") == "use"  # asked for: the user's choice
