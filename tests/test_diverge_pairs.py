"""How two claims of different sides relate: denials, who asked, numbers,
scope, negation, framing on a shared topic, agreements kept quiet."""

from __future__ import annotations

from crosscheck.diverge import find_divergences
from crosscheck.models import Claim, Polarity
from tests.test_diverge import EVENT, SETTINGS, claim, kinds, views, with_vectors


def test_denial_is_paired_with_the_claim_it_refutes() -> None:
    accusation = claim("Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles.", "GR", n=1)
    denial = claim(
        "Dendias a démenti tout survol d'avions militaires au-dessus des îles.", "TR", n=2, polarity=Polarity.DENIAL
    )
    found = find_divergences(EVENT, views(accusation, denial), SETTINGS, {"GR", "TR"})
    assert ("denial", "art:1000", "art:2000") in kinds(found)


def test_a_denial_told_before_the_claim_it_answers_is_paired_with_it() -> None:
    denial = claim("Athènes dément avoir promis une base navale à la Turquie.", "GR", n=1, polarity=Polarity.DENIAL)
    other = claim("Dendias a évoqué la coopération énergétique en mer Égée.", "GR", n=2)
    version = claim("Selon Ankara, les deux ministres ont parlé d'une base navale partagée.", "TR", n=3)
    found = find_divergences(EVENT, views(denial, other, version), SETTINGS, {"GR", "TR"})
    assert ("denial", "art:1000", "art:3000") in kinds(found)


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


def test_the_same_scope_on_both_sides_is_no_contradiction() -> None:
    one = claim("Ankara said the two sides agreed on an energy and infrastructure truce.", "TR", n=1, article="b")
    two = claim("Athènes a indiqué que la trêve couvre l'énergie et les infrastructures portuaires.", "GR", n=2)
    pairs = find_divergences(EVENT, views(one, two), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "contradiction"]


def test_a_denial_that_says_what_it_denies_answers_the_claim_that_says_it_in_another_article() -> None:
    before = claim("Dendias a évoqué la reprise des patrouilles près de Chypre.", "GR", n=1)
    denial = claim(
        "Le porte-parole turc a démenti qu'un accord ait été conclu sur les quotas de pêche en mer Égée.",
        "TR",
        n=2,
        polarity=Polarity.DENIAL,
    )
    said = claim(
        "Athens said the two ministers agreed to revise the fishing quotas before summer.", "GR", n=3, article="b"
    )
    found = find_divergences(EVENT, views(before, denial, said), SETTINGS, {"GR", "TR"})
    assert {("denial", "art:1000", "art:2000"), ("denial", "art:2000", "b:3000")} <= kinds(found)


def test_a_bare_denial_answers_only_what_was_just_reported() -> None:
    before = claim("Dendias a évoqué la reprise des patrouilles près de Chypre.", "GR", n=1)
    denial = claim("Ankara a démenti quelques heures plus tard.", "TR", n=2, polarity=Polarity.DENIAL)
    said = claim(
        "Athens said the two ministers agreed to revise the fishing quotas before summer.", "GR", n=3, article="b"
    )
    found = find_divergences(EVENT, views(before, denial, said), SETTINGS, {"GR", "TR"})
    assert {(d.a, d.b) for d in found if d.kind == "denial"} == {("art:1000", "art:2000")}


def test_a_denial_in_a_relative_clause_answers_the_statement_just_before_it() -> None:
    earlier = claim("Pour Athènes, il s'agit d'un geste humanitaire accompli dans un esprit de paix.", "GR", n=1)
    statement = claim("Athènes assure avoir obtenu en retour les cartes des champs de mines", "GR", n=2)
    denial = claim("ce que le gouvernement turc conteste", "TR", n=3, polarity=Polarity.DENIAL)
    found_views = with_vectors(views(earlier, statement, denial), [0, 1, 0])  # nearer in meaning to the earlier
    found = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert {(d.a, d.b) for d in found if d.kind == "denial"} == {("art:2000", "art:3000")}
