"""Divergence rules on hand-made claims: each kind is found, agreeing
versions are not flagged."""

from __future__ import annotations

import pytest

from crosscheck.actors import load_registry
from crosscheck.diverge import find_divergences, omissions, view_of
from crosscheck.models import Claim, Event, Polarity, SpeechType
from crosscheck.settings import DivergenceSettings

SETTINGS = DivergenceSettings()
EVENT = Event(id="ev-1", label="Fidan–Dendias call", kind="call", participants=["person.a", "person.b"])


def claim(
    text: str, side: str, *, n: int, polarity: Polarity = Polarity.NEUTRAL, article: str = "art", actor: str = "x.gov"
) -> tuple[Claim, str]:
    start = n * 1000
    return Claim(
        id=f"{article}:{start}",
        article_id=article,
        start=start,
        end=start + len(text),
        text=text,
        content_start=start,
        content_end=start + len(text),
        source="source",
        actor=actor,
        side=side,
        verb="dire",
        polarity=polarity,
        speech=SpeechType.INDIRECT,
        event_id="ev-1",
    ), text


def views(*claims: tuple[Claim, str]):
    registry = load_registry()
    text = " " * 10_000
    for c, body in claims:
        text = text[: c.start] + body + text[c.start + len(body) :]
    return [view_of(c, text, {"fidan", "dendias"}, SETTINGS, registry) for c, _ in claims]


def kinds(found) -> set[tuple[str, str, str]]:
    return {(d.kind, d.a, d.b) for d in found}


def test_denial_is_paired_with_the_claim_it_refutes() -> None:
    accusation = claim("Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles.", "GR", n=1)
    denial = claim(
        "Dendias a démenti tout survol d'avions militaires au-dessus des îles.", "TR", n=2, polarity=Polarity.DENIAL
    )
    found = find_divergences(EVENT, views(accusation, denial), SETTINGS, {"GR", "TR"})
    assert ("denial", "art:1000", "art:2000") in kinds(found)


def test_who_asked_for_the_call_contradicts() -> None:
    one = claim("L'entretien a eu lieu à la demande de la partie américaine, a précisé Pékin.", "CN", n=1)
    two = claim("The call was organised at the request of Beijing, the Pentagon said.", "US", n=2)
    found = find_divergences(EVENT, views(one, two), SETTINGS, {"CN", "US"})
    assert [d.kind for d in found] == ["contradiction"]


def test_same_initiator_is_agreement() -> None:
    one = claim("L'entretien a eu lieu à la demande de la partie américaine, a précisé Pékin.", "CN", n=1)
    two = claim("The call took place at the request of the United States, the Pentagon said.", "US", n=2)
    [found] = find_divergences(EVENT, views(one, two), SETTINGS, {"CN", "US"})
    assert found.kind == "agreement" and "US" in found.evidence  # kept, never flagged


def test_numbers_that_differ_contradict() -> None:
    one = claim("Fidan a annoncé un échange de 250 prisonniers de guerre dans chaque camp.", "TR", n=1)
    two = claim("Dendias said the exchange covered 300 prisonniers de guerre on each side.", "GR", n=2)
    found = find_divergences(EVENT, views(one, two), SETTINGS, {"TR", "GR"})
    assert [d.kind for d in found] == ["contradiction"] and "numbers differ" in found[0].evidence


def test_different_stress_is_framing_and_shared_facts_agree() -> None:
    lines = claim("Fidan a souligné l'importance de lignes de communication militaires ouvertes.", "TR", n=1)
    arms = claim("Dendias a insisté sur les livraisons d'armes et le risque d'escalade régionale.", "GR", n=2)
    same = claim("Dendias a souligné l'importance de lignes de communication militaires ouvertes.", "GR", n=3)
    found = find_divergences(EVENT, views(lines, arms, same), SETTINGS, {"TR", "GR"})
    assert kinds(found) == {("framing", "art:1000", "art:2000"), ("agreement", "art:1000", "art:3000")}


def test_text_saying_a_readout_omits_a_topic() -> None:
    covered = claim("Fidan a évoqué la question des réfugiés syriens et des camps frontaliers.", "TR", n=1)
    omits = claim("Le communiqué grec ne mentionne pas les réfugiés syriens.", "GR", n=2)
    found = omissions(views(covered, omits), {"art:1000": "ev-1", "art:2000": "ev-1"}, SETTINGS)
    assert kinds(found) == {("omission", "art:1000", "art:2000")}


@pytest.mark.parametrize("relay_side", ["GB"])
def test_news_agencies_are_not_compared_for_framing(relay_side: str) -> None:
    official = claim("Fidan a souligné l'importance de lignes de communication militaires ouvertes.", "TR", n=1)
    agency = claim(
        "Selon Reuters, il s'agit d'un contact rare entre deux puissances régionales rivales.",
        relay_side,
        n=2,
        actor="outlet.reuters",
    )
    assert find_divergences(EVENT, views(official, agency), SETTINGS, {"TR", "GR"}) == []


def test_an_nli_model_can_add_contradictions() -> None:
    lines = claim("Fidan a souligné l'importance de lignes de communication militaires ouvertes.", "TR", n=1)
    arms = claim("Dendias a insisté sur les livraisons d'armes et le risque d'escalade régionale.", "GR", n=2)

    def nli(premise: str, hypothesis: str) -> float:
        return 0.9 if "armes" in premise + hypothesis else 0.0

    found = find_divergences(EVENT, views(lines, arms), SETTINGS, {"TR", "GR"}, nli)
    assert [(d.kind, d.score) for d in found] == [("contradiction", 0.9)]
