from __future__ import annotations

from datetime import date

import pytest

from crosscheck.actors import load_registry
from crosscheck.signature import Day, resolve_day, sentence_signature
from crosscheck.textnorm import fold

PUBLISHED = date(2024, 6, 26)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les deux ministres se sont parlé dimanche.", Day(2024, 6, 23)),
        ("L'appel a eu lieu le 25 juin.", Day(2024, 6, 25)),
        ("La rencontre du 3 avril 2023 à Genève.", Day(2023, 4, 3)),
        ("The call took place on June 25.", Day(2024, 6, 25)),
        ("Leur dernier contact remonte à mars 2023.", Day(2023, 3, None)),
        ("Leur dernière conversation a eu lieu il y a un an et demi.", Day(2022, 12, None)),
        ("Moscou l'a dit hier.", Day(2024, 6, 25)),
        ("Washington said so last week.", Day(2024, 6, 19)),
        ("La visite est prévue jeudi.", Day(2024, 6, 27)),
        ("In a statement on Thursday, Beijing said the call was useful.", Day(2024, 6, 27)),  # filed across time zones
        ("They last spoke last Thursday.", Day(2024, 6, 20)),
        ("Le ministère l'avait annoncé jeudi dernier.", Day(2024, 6, 20)),
        ("Kyiv said on Tuesday that the list was complete.", Day(2024, 6, 25)),
        ("Aucune date ici.", None),
    ],
)
def test_dates_resolve_against_the_article_date(text: str, expected: Day | None) -> None:
    assert resolve_day(fold(text), PUBLISHED) == expected


def test_partial_dates_compare_on_what_they_know() -> None:
    assert Day(None, 6, 25).compatible(Day(2024, 6, 24))
    assert not Day(None, 6, 25).compatible(Day(2024, 6, 20))
    assert not Day(2022, 10, None).compatible(Day(2024, 10, 3))


def test_signature_names_participants_kind_and_offices() -> None:
    sig = sentence_signature(
        "Le ministre russe de la Défense Andreï Belousov s'est entretenu au téléphone avec son homologue américain.",
        load_registry(),
        PUBLISHED,
    )
    assert "person.andrei-belousov" in sig.persons
    assert "call" in sig.kinds
    assert ("US", "counterpart") in sig.offices


def test_people_named_as_someone_s_principal_are_not_participants() -> None:
    sig = sentence_signature(
        "Vladimir Medinsky, an aide to President Vladimir Putin, described the talks as businesslike.",
        load_registry(),
        PUBLISHED,
    )
    assert "person.vladimir-medinsky" in sig.persons
    assert "person.vladimir-putin" not in sig.persons


def test_salient_names_are_names_not_capital_letters() -> None:
    registry = load_registry()
    sig = sentence_signature(
        "Selon Pékin, Xi Jinping a mis en garde contre « Toute ingérence » à Kaohsiung, a rapporté Xinhua.",
        registry,
        None,
    )
    assert "selon" not in sig.salient and "toute" not in sig.salient  # a sentence's or a quotation's first word
    assert "jinping" not in sig.salient  # part of an actor's name
    assert "kaohsiung" in sig.salient
    english = sentence_signature("According to Russian officials, the talks in Ankara covered Odesa.", registry, None)
    assert english.salient == {"odesa"}  # no opening word, no nationality, no capital city


def test_a_weekday_without_the_article_s_date_is_kept_as_a_weekday() -> None:
    assert resolve_day(fold("Les deux ministres se sont parlé jeudi."), None) == Day(weekday=3)
    assert not Day(weekday=3).dated() and Day(weekday=3).compatible(Day(2024, 6, 25))  # evidence, never a veto
    assert Day(weekday=3).falls_on(Day(2025, 6, 5)) and not Day(weekday=3).falls_on(Day(2025, 6, 3))


@pytest.mark.parametrize(
    ("text", "kind", "not_kind"),
    [
        ("The foreign minister held phone talks with his Philippine counterpart.", "call", "meeting"),
        ("The two ministers spoke by telephone on Monday.", "call", "meeting"),
        ("The two ministers held talks in Geneva on Monday.", "talks", "call"),
        ("Les deux présidents s'étaient déjà entretenus le 30 avril.", "call", "meeting"),
    ],
)
def test_phone_talks_are_a_call_not_a_meeting(text: str, kind: str, not_kind: str) -> None:
    sig = sentence_signature(text, load_registry(), PUBLISHED)
    assert kind in sig.kinds and not_kind not in sig.kinds
