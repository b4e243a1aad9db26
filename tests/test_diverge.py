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
    arms = claim("Dendias a insisté sur le risque d'escalade militaire et les livraisons d'armes.", "GR", n=2)
    same = claim("Dendias a souligné l'importance de lignes de communication militaires ouvertes.", "GR", n=3)
    found = find_divergences(EVENT, views(lines, arms, same), SETTINGS, {"TR", "GR"})
    assert kinds(found) == {("framing", "art:1000", "art:2000"), ("agreement", "art:1000", "art:3000")}


def test_text_saying_a_readout_omits_a_topic() -> None:
    covered = claim("Fidan a évoqué la question des réfugiés syriens et des camps frontaliers.", "TR", n=1)
    omits = claim("Le communiqué grec ne mentionne pas les réfugiés syriens.", "GR", n=2)
    found = omissions(views(covered, omits), {"art:1000": "ev-1", "art:2000": "ev-1"}, SETTINGS)
    assert kinds(found) == {("omission", "art:1000", "art:2000")}
    assert found[0].evidence == "omits: les réfugiés syriens."  # what is left out, whole words


def test_a_stated_omission_names_what_is_left_out_when_the_quote_starts_later() -> None:
    covered = claim("Dendias a évoqué la reprise des patrouilles en mer Égée.", "GR", n=1)
    text = "Selon Athènes, le communiqué turc ne mentionne pas la reprise des patrouilles en mer Égée."
    omits = claim(text, "TR", n=2)
    omits[0].content_start += len("Selon Athènes, ")  # the content starts after the source, as attribution sets it
    found = omissions(views(covered, omits), {"art:1000": "ev-1", "art:2000": "ev-1"}, SETTINGS)
    assert [d.evidence for d in found] == ["omits: la reprise des patrouilles en mer Égée."]


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


def test_two_topics_of_one_exchange_are_not_framing() -> None:
    gas = claim("Fidan a insisté sur la coopération énergétique et le gazoduc sous-marin.", "TR", n=1)
    visas = claim("Dendias a demandé un assouplissement des visas pour les étudiants grecs.", "GR", n=2)
    assert find_divergences(EVENT, views(gas, visas), SETTINGS, {"TR", "GR"}) == []


def test_a_third_country_both_name_is_a_shared_topic() -> None:
    one = claim("Fidan a souligné que la Libye devait rester unie et souveraine.", "TR", n=1)
    two = claim("Dendias a dénoncé les accords maritimes signés avec Tripoli.", "GR", n=2)
    found = find_divergences(EVENT, views(one, two), SETTINGS, {"TR", "GR"})
    assert kinds(found) == {("framing", "art:1000", "art:2000")}


def background(n: int) -> tuple[Claim, str]:
    """A claim on the event's subject (the pipeline) and nothing else in common with the others."""
    topics = ["tarifs du transit", "calendrier des travaux", "financement européen", "tracé côtier"]
    return claim(f"Un porte-parole a évoqué le gazoduc et le {topics[n % 4]} prévu.", "TR" if n % 2 else "GR", n=n)


def test_a_negation_contradicts_on_a_topic_whichever_claims_carry_it() -> None:
    lead_tr = claim("Fidan a longuement défendu le gazoduc et son tracé par les eaux turques.", "TR", n=1)
    lead_gr = claim("Dendias a longuement défendu le gazoduc et le financement européen du projet.", "GR", n=2)
    sanctions = claim("Selon Athènes, des sanctions contre Ankara ont été évoquées.", "GR", n=3)
    denied = claim("Un diplomate turc a assuré que les sanctions n'ont pas été évoquées.", "TR", n=4)
    found = find_divergences(EVENT, views(lead_tr, lead_gr, sanctions, denied), SETTINGS, {"TR", "GR"})
    assert ("contradiction", "art:3000", "art:4000") in kinds(found)


def test_a_negation_that_shares_only_the_events_subject_contradicts_nothing() -> None:
    negated = claim("Dendias a affirmé que le gazoduc ne serait pas construit sans accord.", "GR", n=1)
    others = [background(n) for n in range(2, 8)]
    found = find_divergences(EVENT, views(negated, *others), SETTINGS, {"TR", "GR"})
    assert not [d for d in found if d.kind == "contradiction"]


def test_a_readout_that_does_not_mention_a_topic_is_no_negation() -> None:
    raised = claim("Fidan a évoqué les sanctions européennes contre Ankara.", "TR", n=1)
    silent = claim("Le communiqué grec ne fait aucune mention des sanctions européennes.", "GR", n=2)
    found = find_divergences(EVENT, views(raised, silent), SETTINGS, {"TR", "GR"})
    assert not [d for d in found if d.kind == "contradiction"]


def test_an_answer_to_a_question_takes_its_topic() -> None:
    urged = claim("Fidan a appelé Athènes à coopérer pleinement avec l'AIEA.", "TR", n=1)
    answer = claim(
        "Interrogé sur le dossier nucléaire, le porte-parole grec a déclaré qu'il n'était pas à l'ordre du jour.",
        "GR",
        n=2,
    )
    answer[0].content_start = answer[0].start + answer[1].index("qu'il")
    found = find_divergences(EVENT, views(urged, answer), SETTINGS, {"TR", "GR"})
    assert [(d.kind, d.evidence) for d in found] == [("contradiction", "one version negates: nuclear")]


def test_a_denial_told_before_the_claim_it_answers_is_paired_with_it() -> None:
    denial = claim("Athènes dément avoir promis une base navale à la Turquie.", "GR", n=1, polarity=Polarity.DENIAL)
    other = claim("Dendias a évoqué la coopération énergétique en mer Égée.", "GR", n=2)
    version = claim("Selon Ankara, les deux ministres ont parlé d'une base navale partagée.", "TR", n=3)
    found = find_divergences(EVENT, views(denial, other, version), SETTINGS, {"GR", "TR"})
    assert ("denial", "art:1000", "art:3000") in kinds(found)


def test_an_exchange_said_to_be_restricted_contradicts_one_said_to_cover_more() -> None:
    narrow = claim("Athènes a affirmé que l'entretien s'était limité aux questions migratoires.", "GR", n=1)
    wide = claim("Ankara said maritime borders and gas exploration were discussed, including Cyprus.", "TR", n=2)
    found = find_divergences(EVENT, views(narrow, wide), SETTINGS, {"GR", "TR"})
    assert [(d.kind, d.evidence.split(":")[0]) for d in found] == [("contradiction", "scope of the exchange differs")]


def test_coverage_within_the_restricted_topics_is_no_contradiction() -> None:
    narrow = claim("Athènes a affirmé que l'entretien s'était limité aux questions migratoires.", "GR", n=1)
    same = claim("Ankara a indiqué que les questions migratoires ont été abordées.", "TR", n=2)
    found = find_divergences(EVENT, views(narrow, same), SETTINGS, {"GR", "TR"})
    assert not [d for d in found if d.kind == "contradiction"]
