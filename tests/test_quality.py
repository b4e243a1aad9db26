"""Quality gate: the scorer's figures on the bundled examples, against their
hand annotation (tests/data/examples_gold.json), must not fall below the
recorded floors. Floors only ever rise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.evaluate import score
from crosscheck.export import export_contract
from crosscheck.ingest import ingest_paths
from crosscheck.pipeline import full_stages
from crosscheck.stores import open_store
from tests.conftest import DATA

FLOORS = {"claims_f1": 0.91, "side_accuracy": 0.93, "events_bcubed_f1": 0.92, "divergences_recall": 0.45}


@pytest.fixture(scope="module")
def examples_score(examples_db: Path) -> dict:
    with open_store(examples_db, readonly=True) as store:
        export = export_contract(store)
        texts = {a.id: a.text for a in store.articles()}
    return score(json.loads((DATA / "examples_gold.json").read_text(encoding="utf-8")), export, texts)


def test_claims_f1_floor(examples_score: dict) -> None:
    print(examples_score)
    assert examples_score["claims"]["f1"] >= FLOORS["claims_f1"]


def test_side_accuracy_floor(examples_score: dict) -> None:
    assert examples_score["side_accuracy"] >= FLOORS["side_accuracy"]


def test_event_and_divergence_floors(examples_score: dict) -> None:
    assert examples_score["events_bcubed_f1"] >= FLOORS["events_bcubed_f1"]
    assert examples_score["divergences"]["recall"] >= FLOORS["divergences_recall"]
    assert examples_score["agreements_flagged"] == 0


SEEDS = Path(__file__).parents[2] / "shared" / "eval"


@pytest.mark.skipif(
    not (SEEDS / "gold" / "seeds.json").exists(), reason="the shared evaluation kit is not beside the repo"
)
def test_shared_seed_scores(tmp_path: Path) -> None:
    """On the shared seed articles (measured, never copied): the targets of
    the attribution and the events issues."""
    corpus = SEEDS.parent / "corpus" / "seeds"
    with open_store(tmp_path / "seeds.db") as store:
        ingest_paths([corpus], store, stages=full_stages())
        export = export_contract(store)
        texts = {a.id: a.text for a in store.articles()}
    result = score(json.loads((SEEDS / "gold" / "seeds.json").read_text(encoding="utf-8")), export, texts)
    assert result["claims"]["f1"] >= 0.85 and result["side_accuracy"] >= 0.95
    # the events-and-divergences issue's targets
    assert result["events_bcubed_f1"] >= 0.90
    assert result["divergences"]["f1"] >= 0.70 and result["divergences"]["recall"] >= 0.80
    assert result["agreements_flagged"] == 0
