"""The cheap searches that let a sentence skip the date, event-kind and
counterpart patterns never skip one that would have matched."""

from __future__ import annotations

import pytest

from crosscheck import signature
from crosscheck.actors import load_registry
from crosscheck.textnorm import fold

SENTENCES = [
    "Le ministre a appelé mardi son homologue russe au téléphone.",
    "Les deux dirigeants se sont rencontrés le 14 mars 2024 à Genève.",
    "On March 14, the two ministers held talks by phone with their Russian counterpart.",
    "La maison du marchand a été fermée en mai dernier, selon la mairie.",
    "Les frappes de drones ont visé un dépôt il y a trois semaines.",
    "Rien ne s'est passé ce jour-là, a dit un habitant.",
    "The Chinese minister met his counterparts in Jakarta last week.",
    "Le chef de la diplomatie chinoise a reçu une délégation en juillet 2023.",
]


def ungated_matches(folded: str) -> signature.DateMatches:
    return signature.DateMatches(
        signature.DAY_MONTH.search(folded),
        signature.MONTH_DAY.search(folded),
        signature.search_ago(folded),
        signature.WEEKDAY.search(folded),
        signature.MONTH_YEAR.search(folded),
    )


def spans(matches: signature.DateMatches) -> list:
    return [m.span() if m else None for m in matches]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_date_patterns_find_what_they_find_without_the_month_gate(text: str) -> None:
    folded = fold(text)
    assert spans(signature.date_matches(folded)) == spans(ungated_matches(folded))


@pytest.mark.parametrize("text", SENTENCES)
def test_the_event_kinds_and_counterparts_are_those_of_every_pattern(text: str) -> None:
    registry = load_registry()
    folded = fold(text)
    sig = signature.sentence_signature(text, registry, None)
    assert sig.kinds == {kind for kind, p in signature.EVENT_KIND_PATTERNS.items() if p.search(folded)}
    counterparts = {
        (country, "counterpart")
        for m in signature.COUNTRY_COUNTERPART.finditer(folded)
        if (country := registry.country_of(text[m.start() : m.end()]))
    }
    assert {o for o in sig.offices if o[1] == "counterpart"} == counterparts


def test_the_sentences_cover_both_sides_of_each_gate() -> None:
    folded = [fold(t) for t in SENTENCES]
    assert {bool(signature.ANY_MONTH.search(f)) for f in folded} == {True, False}
    assert any(signature.DAY_MONTH.search(f) for f in folded) and any(signature.MONTH_DAY.search(f) for f in folded)
    assert {bool(signature.ANY_EVENT_WORD.search(f)) for f in folded} == {True, False}
    assert {bool(signature.COUNTERPART_WORDS.search(f)) for f in folded} == {True, False}
    assert any(signature.COUNTRY_COUNTERPART.search(f) for f in folded)
