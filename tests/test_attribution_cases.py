"""The attribution case table (tests/data/attribution_cases.jsonl), written
for this project: each case's expected claims must be found with their
source's side, and negative cases must yield no claim.

The table is larger than what the rules handle today; the share of cases
passing is held to a floor that may only rise (see FLOOR)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crosscheck import extract_claims
from crosscheck.settings import LIMITS
from tests.conftest import DATA

CASES = [
    json.loads(line)
    for line in (DATA / "attribution_cases.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
# Measured on the table grown to 476 cases (issue 16's classes): main scored 0.809 / 0.805 / 0.967 there.
# Grown to 494 with the held-out set's constructions (session 4): 0.914 / 0.931 / 0.968.
FLOOR = {"claims": 0.91, "sides": 0.925, "negatives": 0.96}


def run_case(case: dict) -> tuple[int, int, int]:
    """(expected claims found, of which with the right side, spurious claims)."""
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    claims = extract_claims(case["text"], lang=case["lang"], published=published, article_id=case["id"])
    found = right_side = 0
    used = set()
    for expected in case["expect"]:
        start = case["text"].find(expected["cover"])
        end = start + len(expected["cover"])
        match = next((c for c in claims if c.id not in used and c.start <= start + 2 and c.end >= end - 2), None)
        if match:
            used.add(match.id)
            found += 1
            right_side += (match.side or None) == expected["side"]
    return found, right_side, len([c for c in claims if c.id not in used])


def test_case_table_is_well_formed() -> None:
    assert len(CASES) >= 80
    assert len({c["id"] for c in CASES}) == len(CASES)
    for case in CASES:
        for expected in case["expect"]:
            assert expected["cover"] in case["text"] and expected["source"] in case["text"]


def test_attribution_table_meets_its_floor() -> None:
    expected = found = right = 0
    negatives = [c for c in CASES if not c["expect"]]
    clean = 0
    for case in CASES:
        f, r, spurious = run_case(case)
        expected += len(case["expect"])
        found += f
        right += r
        clean += not case["expect"] and spurious == 0
    rates = {"claims": found / expected, "sides": right / max(found, 1), "negatives": clean / len(negatives)}
    print({k: round(v, 3) for k, v in rates.items()})
    for key, floor in FLOOR.items():
        assert rates[key] >= floor, f"{key}: {rates[key]:.3f} < {floor}"


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c["pattern"] in {"selon X", "X a <verbe> que", "inverted clause"}],
    ids=lambda c: c["id"],
)
def test_core_french_patterns(case: dict) -> None:
    found, right_side, _ = run_case(case)
    assert found == len(case["expect"]) and right_side == found


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "« Nous ne céderons pas », a déclaré à l'AFP le ministre russe des Affaires étrangères.",
            "le ministre russe des Affaires étrangères",
        ),
        ("« Rien de nouveau », a indiqué aux journalistes le porte-parole du Kremlin.", "le porte-parole du Kremlin"),
        (
            "La réunion aura lieu mardi, a précisé samedi une source au sein du ministère turc.",
            "une source au sein du ministère turc",
        ),
    ],
)
def test_inverted_source_after_adverbials(text: str, source: str) -> None:
    [claim] = extract_claims(text, lang="fr")
    assert claim.source == source


def test_the_parser_sees_at_most_the_cap_of_a_sentence(monkeypatch) -> None:
    from crosscheck.attribute import parse

    seen: list[int] = []
    monkeypatch.setattr(parse, "french_parser", lambda: lambda text: seen.append(len(text)) or [])
    parse.parse.cache_clear()
    sentence = "Le ministre " + "très " * LIMITS.parser_chars + "a déclaré que tout allait bien."
    try:
        assert parse.subject_span(sentence, 12) is None
        assert parse.subject_span(sentence, LIMITS.parser_chars + 12) is None  # a verb past the cap: not parsed
    finally:
        parse.parse.cache_clear()
    assert seen == [LIMITS.parser_chars]


def test_the_attribution_rules_see_at_most_the_cap_of_a_sentence(monkeypatch) -> None:
    from crosscheck.attribute import SentenceAttributor, extract_article_claims
    from crosscheck.models import Article, Sentence, SentenceKind

    seen: list[int] = []
    monkeypatch.setattr(SentenceAttributor, "attribute", lambda self, text, offset: seen.append(len(text)) or [])
    text = "Selon le Kremlin, " + "la trêve tiendra " * LIMITS.attribution_chars
    article = Article(id="a", content_hash="h", text=text, lang="fr")
    sentence = Sentence(article_id="a", index=0, start=0, end=len(text), paragraph=0, kind=SentenceKind.BODY)
    assert extract_article_claims(article, [sentence]) == []
    assert seen == [LIMITS.attribution_chars]


def test_an_inverted_source_before_a_hard_wrap_or_a_colon_is_read_without_error() -> None:
    wrapped = "Les pourparlers ont duré trois heures sans la moindre pause, a indiqué le Pentagone\ndans un communiqué."
    assert [(c.source, c.side) for c in extract_claims(wrapped)] == [("le Pentagone", "US")]
    colon = "Les pourparlers ont duré trois heures sans la moindre pause, a indiqué le Pentagone\u00a0: rien de plus."
    assert all(colon[c.start : c.end] == c.text for c in extract_claims(colon))  # used to raise AttributeError


def test_anaphors_look_back_over_a_bounded_number_of_mentions() -> None:
    from crosscheck.actors import Resolution, load_registry
    from crosscheck.attribute.context import Discourse

    discourse = Discourse(load_registry(), None)
    dong = Resolution("person.dong-jun", "CN", "person", "Dong Jun", True)
    kremlin = Resolution("ru.presidency", "RU", "presidency", "Kremlin", True)
    discourse.note(dong, 0, spoke=False)
    for position in range(1, LIMITS.discourse_mentions):
        discourse.note(kremlin, position, spoke=False)
    assert discourse.person_named("dong", LIMITS.discourse_mentions) == dong  # the oldest mention kept
    discourse.note(kremlin, LIMITS.discourse_mentions, spoke=False)
    assert discourse.person_named("dong", LIMITS.discourse_mentions + 1) is None  # now out of reach
    assert len(list(discourse.recent())) == LIMITS.discourse_mentions
