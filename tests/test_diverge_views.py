"""A claim's view: its evidence cut at a word, whether it only reports the
exchange, states a demand, answers a question on a topic."""

from __future__ import annotations

from crosscheck.diverge import find_divergences
from crosscheck.diverge_views import NUMBER, short
from tests.test_diverge import EVENT, SETTINGS, claim, views


def test_evidence_is_cut_at_a_word_boundary() -> None:
    assert short("the ministry said the talks were constructive and frank", 30) == "the ministry said the talks…"


def test_a_claim_that_only_says_the_exchange_took_place_is_context_unless_it_carries_a_demand() -> None:
    held = claim(
        "Dendias s'est entretenu avec son homologue turc pendant une heure, la première fois depuis mars.", "GR", n=1
    )
    spoke = claim(
        "Fidan held a phone call with his Greek counterpart as tensions over maritime borders grew.", "TR", n=2
    )
    urged = claim("Dendias s'est entretenu avec Fidan et l'a exhorté à retirer les navires de forage.", "GR", n=3)
    held_view, spoke_view, urged_view = views(held, spoke, urged)
    assert held_view.meta and spoke_view.meta and not urged_view.meta and urged_view.demand


def test_a_demand_verb_inside_a_quotation_is_a_demand() -> None:
    quoted = claim(
        "Il a «souligné le soutien de la Grèce» et «appelé à un retrait des navires», a affirmé Athènes.", "GR", n=1
    )
    plain = claim("Il a «souligné le soutien de la Grèce à Chypre», a affirmé Athènes.", "GR", n=2)
    assert [v.demand for v in views(quoted, plain)] == [True, False]


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


def test_a_denial_word_whose_subject_is_another_country_is_not_the_sources_denial() -> None:
    offer = claim(
        "Fidan a proposé une médiation de pays tiers, une offre qu'Athènes rejette depuis des années.", "TR", n=1
    )
    rejects = claim("Athènes rejette toute médiation de pays tiers, a déclaré le porte-parole grec.", "GR", n=2)
    reported = claim("Fidan said Ankara rejects the Greek claims over the continental shelf.", "TR", n=3)
    assert [v.denial for v in views(offer, rejects, reported)] == [False, True, True]


def test_a_number_beside_an_acronym_names_something_and_is_no_figure() -> None:
    text = "in line with the 1982 UN Convention, under UNCLOS 1982 and at COP 31, 31 Marocains and 12 fishermen by 2026"
    assert NUMBER.findall(text) == ["31", "12", "2026"]
