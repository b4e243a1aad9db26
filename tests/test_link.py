"""Event linking on fixture articles written for these tests
(tests/data/linking): one phone call told by a French and an English
article, and an earlier meeting of the same ministers."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.ingest import ingest_paths
from crosscheck.store import Store
from crosscheck.stores import open_store
from tests.conftest import DATA, linked_stages

FIXTURES = DATA / "linking"


def ingest_all(db: Path, files: list[Path]) -> Store:
    store = open_store(db)
    stages = linked_stages()
    for path in files:
        ingest_paths([path], store, stages=stages)
    return store


def events_by_article(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for claim in store.claims():
        out.setdefault(claim.article_id.split("_")[0], set()).add(claim.event_id)
    return out


@pytest.fixture
def linked(tmp_path: Path):
    store = ingest_all(tmp_path / "x.db", sorted(FIXTURES.glob("*.txt")))
    yield store
    store.close()


def test_one_call_told_in_french_and_english_is_one_event(linked: Store) -> None:
    events = events_by_article(linked)
    assert len(events["a1"]) == 1 and events["a1"] == events["a2"]
    [event] = [e for e in linked.events() if e.id in events["a1"]]
    assert event.kind == "call" and event.day == "2025-02-11"
    assert {"person.hakan-fidan", "name:georgios-gerapetritis"} <= set(event.participants)
    assert set(event.articles) == {"a1_appel-fidan-gerapetritis", "a2_fidan-gerapetritis-call"}


def test_an_earlier_meeting_of_the_same_ministers_stays_apart(linked: Store) -> None:
    events = events_by_article(linked)
    assert events["a3"].isdisjoint(events["a1"])


def test_incremental_linking_gives_the_events_of_a_full_run(tmp_path: Path) -> None:
    files = sorted(FIXTURES.rglob("*.txt"))
    with open_store(tmp_path / "full.db") as full:
        ingest_paths([FIXTURES], full, stages=linked_stages())
        grouping_full = grouping(full)
    with ingest_all(tmp_path / "step.db", files) as step:
        grouping_step = grouping(step)
    assert grouping_full == grouping_step


def grouping(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for claim in store.claims():
        groups.setdefault(claim.event_id, set()).add(claim.id)
    return {frozenset(g) for g in groups.values()}


def test_event_labels_are_readable(linked: Store) -> None:
    labels = {e.label for e in linked.events()}
    assert "Gerapetritis–Fidan call, 2025-02-11" in labels  # a minister the registry lacks still names the event


def test_a_readout_relayed_word_for_word_is_not_flagged_again(tmp_path: Path) -> None:
    original = FIXTURES / "a1_appel-fidan-gerapetritis.txt"
    relay = tmp_path / "relay.txt"
    relay.write_text("Reprise d'une dépêche\n" + original.read_text(encoding="utf-8"), encoding="utf-8")
    with ingest_all(tmp_path / "x.db", [original]) as store:
        before = len(store.divergences())
        ingest_paths([relay], store, stages=linked_stages())
        assert before >= 1
        assert len(store.divergences()) == before
        assert len({c.event_id for c in store.claims()}) == 1  # the relay joined the same event


def test_a_host_s_word_and_talk_of_soldiers_stay_with_the_talks(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(
        "GENÈVE, 12 mars 2025 (AFP) - Les délégations arménienne et azerbaïdjanaise se sont retrouvées mercredi "
        "à Genève pour un nouveau cycle de pourparlers.\n\n"
        "Le Premier ministre arménien, Nikol Pachinian, a déclaré que les deux parties avaient progressé sur "
        "le tracé de la frontière.\n\n"
        "Le président azerbaïdjanais, Ilham Aliev, a affirmé que rien n'avait été signé.\n\n"
        "Selon Erevan, les soldats blessés lors des derniers incidents seront rapatriés en priorité.\n\n"
        "Le conseiller fédéral suisse Ignazio Cassis, qui accueillait les discussions, a indiqué que les "
        "délégations se retrouveraient avant l'été.\n",
        encoding="utf-8",
    )
    store = ingest_all(tmp_path / "x.db", [article])
    assert len({c.event_id for c in store.claims() if c.source}) == 1
    store.close()


def test_undated_french_and_english_accounts_of_one_meeting_are_one_event(tmp_path: Path) -> None:
    """Neither article is dated and they share no word: the same two ministers
    in the same kind of exchange is the evidence; the background (a charge
    made for months, a previous meeting recalled) stays apart."""
    with ingest_all(tmp_path / "x.db", sorted((FIXTURES / "undated").glob("*.txt"))) as store:
        claims = {c.text: c.event_id for c in store.claims() if c.source}
        meeting = claims[next(t for t in claims if t.startswith("Le ministre chinois"))]
        english = [e for t, e in claims.items() if t.startswith(("Chinese Foreign", "Lavrov said", "Wang told"))]
        assert english and set(english) == {meeting}
        apart = ("Le département d'État accuse", "During their previous")
        background = [e for t, e in claims.items() if t.startswith(apart)]
        assert len(background) == 2 and meeting not in background
        [event] = [e for e in store.events() if e.id == meeting]
        assert event.kind == "meeting" and event.day is None and "--" not in event.label


def test_a_warning_made_a_month_earlier_is_its_own_event_but_a_month_in_the_content_is_not(tmp_path: Path) -> None:
    article = tmp_path / "dam.txt"
    article.write_text(
        "Water talks stall\n\nPublished 18 November 2025\n\n"
        "NAIROBI — Kenya's foreign minister met his Ugandan counterpart on Tuesday to discuss the Nile basin, "
        "the Kenyan foreign ministry said.\n\n"
        "The ministry said floods in September had destroyed 3,000 hectares of farmland along the river.\n\n"
        "Uganda's water minister warned in October that Kampala would not accept new quotas.\n",
        encoding="utf-8",
    )
    store = ingest_all(tmp_path / "x.db", [article])
    events = {c.text.split()[0]: c.event_id for c in store.claims() if c.source}
    assert events["The"] == events["Kenya's"] != events["Uganda's"]
    store.close()
