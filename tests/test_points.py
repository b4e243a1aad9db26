"""Points of divergence on hand-made claims: pairs become points, one
statement told twice is one point, a later article continues a stored point,
slots are the slot only, pairs are derived from points."""

from __future__ import annotations

import numpy as np

from crosscheck.diverge import SILENT_OMISSION, find_divergences, pair_id, short
from crosscheck.models import DivergenceKind, Point, Polarity
from crosscheck.points import build_points, pairs_of, propositions
from tests.test_diverge import EVENT, SETTINGS, claim, views


def with_vectors(found_views, directions: list[int]):
    """Unit vectors: views given the same direction are near-identical (cosine 1)."""
    for view, direction in zip(found_views, directions, strict=True):
        vector = np.zeros(8, dtype=np.float32)
        vector[direction] = 1.0
        view.vector = vector
    return found_views


def test_who_asked_is_one_contradiction_point_with_the_initiator_as_slot() -> None:
    one = claim("L'entretien a eu lieu à la demande de la partie américaine, a précisé Pékin.", "CN", n=1)
    two = claim("The call was organised at the request of Beijing, the Pentagon said.", "US", n=2)
    found_views = views(one, two)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"CN", "US"})
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    assert point.kind is DivergenceKind.CONTRADICTION and point.claims == {"CN": ["art:1000"], "US": ["art:2000"]}
    text = {v.claim.id: v.claim for v in found_views}
    marked = {
        s.claim: text[s.claim].text[s.start - text[s.claim].start : s.end - text[s.claim].start] for s in point.slots
    }
    assert marked == {"art:1000": "partie américaine", "art:2000": "Beijing"}  # the slot, not every word
    assert {s.slot for s in point.slots} == {"initiator"} and point.topic


def test_the_same_statement_told_by_two_articles_is_one_point_with_more_claims() -> None:
    refutes = claim(
        "Dendias a démenti tout survol d'avions militaires au-dessus des îles.", "GR", n=1, polarity=Polarity.DENIAL
    )
    told = claim("Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles.", "TR", n=2)
    retold = claim(
        "Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles grecques.", "TR", n=3, article="b"
    )
    found_views = with_vectors(views(refutes, told, retold), [0, 1, 1])
    pairs = [p for p in find_divergences(EVENT, found_views[:2], SETTINGS, {"GR", "TR"}) if p.kind == "denial"]
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    assert point.claims == {"GR": ["art:1000"], "TR": ["art:2000", "b:3000"]}
    derived = pairs_of([point], pairs)
    assert {(d.a, d.b) for d in derived} == {("art:1000", "art:2000"), ("art:1000", "b:3000")}
    assert {d.point for d in derived} == {point.id} and {d.kind for d in derived} == {"denial"}
    assert {d.id for d in derived} == {pair_id("art:1000", "art:2000"), pair_id("art:1000", "b:3000")}  # stable ids


def test_two_statements_of_one_article_are_not_merged_as_one_telling() -> None:
    refutes = claim(
        "Dendias a démenti tout survol d'avions militaires au-dessus des îles.", "GR", n=1, polarity=Polarity.DENIAL
    )
    told = claim("Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles.", "TR", n=2)
    again = claim(
        "Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles, a-t-il ajouté.", "TR", n=3
    )
    found_views = with_vectors(views(refutes, told, again), [0, 1, 1])
    pairs = [p for p in find_divergences(EVENT, found_views[:2], SETTINGS, {"GR", "TR"}) if p.kind == "denial"]
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    assert point.claims["TR"] == ["art:2000"]


def test_a_later_article_continues_the_stored_point_and_keeps_its_id() -> None:
    refutes = claim(
        "Dendias a démenti tout survol d'avions militaires au-dessus des îles.", "GR", n=1, polarity=Polarity.DENIAL
    )
    told = claim("Fidan a dénoncé des survols répétés d'avions militaires au-dessus des îles.", "TR", n=2, article="b")
    found_views = views(refutes, told)
    pairs = [p for p in find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"}) if p.kind == "denial"]
    stored = Point(
        id="pt-stored", event_id="ev-1", kind=DivergenceKind.DENIAL, topic="survols", score=0.85,
        reasons=["earlier"], claims={"GR": ["art:1000"], "TR": ["old:5"]},
    )  # fmt: skip
    [point] = build_points("ev-1", pairs, found_views, SETTINGS, [stored])
    assert point.id == "pt-stored" and point.claims == {"GR": ["art:1000"], "TR": ["b:2000", "old:5"]}
    assert point.reasons[0] == "earlier" and len(point.reasons) == 2


def test_agreements_make_quiet_points_and_framing_has_no_slot() -> None:
    one = claim("Fidan a insisté sur la coopération énergétique et le commerce bilatéral.", "TR", n=1)
    two = claim("Dendias a estimé que toute provocation navale menacerait le commerce régional.", "GR", n=2)
    three = claim("Dendias a salué la coopération énergétique et le commerce bilatéral.", "GR", n=3)
    found_views = views(one, two, three)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"TR", "GR"})
    points = {p.kind: p for p in build_points("ev-1", pairs, found_views, SETTINGS)}
    assert set(points) == {DivergenceKind.FRAMING, DivergenceKind.AGREEMENT}
    assert points[DivergenceKind.FRAMING].slots == [] and points[DivergenceKind.AGREEMENT].kind == "agreement"
    assert "énergétique" in points[DivergenceKind.AGREEMENT].topic


def test_a_claim_that_coordinates_two_reporting_clauses_carries_two_propositions() -> None:
    both = claim(
        "Il a souligné le soutien à la souveraineté ukrainienne, et a appelé à un cessez-le-feu rapide.", "FR", n=1
    )
    [view] = views(both)
    parts = propositions(view)
    assert len(parts) == 2
    assert "cessez" in view.content[parts[1].start : parts[1].end] and "cessez" not in view.content[: parts[0].end]
    single = claim("He urged a quick ceasefire in the region.", "US", n=2)
    assert len(propositions(views(single)[0])) == 1


def test_evidence_is_cut_at_a_word_boundary() -> None:
    assert short("the ministry said the talks were constructive and frank", 30) == "the ministry said the talks…"


def test_the_readout_row_marks_the_slot_and_nothing_else() -> None:
    from crosscheck.models import Article
    from crosscheck.report import ClaimView, readout_row

    one = claim("L'entretien a eu lieu à la demande de la partie américaine, a précisé Pékin.", "CN", n=1)
    two = claim("The call was organised at the request of Beijing, the Pentagon said.", "US", n=2)
    found_views = views(one, two)
    [point] = build_points("ev-1", find_divergences(EVENT, found_views, SETTINGS, {"CN", "US"}), found_views, SETTINGS)
    article = Article(id="art", content_hash="h", text="")
    shown = {v.claim.id: ClaimView(v.claim, article, None, "articles/art.html") for v in found_views}
    row = readout_row(point, shown)
    marked = {side: [text for text, hit in pieces if hit] for side, [(_, pieces)] in row.versions.items()}
    assert marked == {"CN": ["partie américaine"], "US": ["Beijing"]} and row.kind_words == "the facts conflict"


def test_a_third_country_one_readout_raises_and_the_other_never_names_is_a_silent_omission() -> None:
    raised = claim("Dendias a averti que la Libye ne devait pas servir de base à des forages illégaux.", "GR", n=1)
    readout = claim("Fidan a souligné l'importance du commerce bilatéral et de la coopération énergétique.", "TR", n=2)
    found_views = views(raised, readout)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    [omission] = [p for p in pairs if p.kind == "omission"]
    assert {omission.a, omission.b} == {"art:1000", "art:2000"} and "Libye" in omission.evidence
    [point] = [p for p in build_points("ev-1", pairs, found_views, SETTINGS) if p.kind is DivergenceKind.OMISSION]
    assert point.topic == "Libye"
    [slot] = point.slots
    assert slot.claim == "art:1000" and raised[1][slot.start - 1000 : slot.end - 1000] == "Libye"


def test_no_silent_omission_when_the_other_side_names_the_country_too() -> None:
    raised = claim("Dendias a averti que la Libye ne devait pas servir de base à des forages illégaux.", "GR", n=1)
    readout = claim("Fidan a souligné l'importance du commerce bilatéral et de la coopération énergétique.", "TR", n=2)
    named = claim("Fidan said Turkey's accord with Libya respected international law.", "TR", n=3, article="b")
    pairs = find_divergences(EVENT, views(raised, readout, named), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(SILENT_OMISSION)]  # Libya is no third country left out


def test_a_joint_outcome_and_a_claim_about_the_call_itself_are_never_framing() -> None:
    joint = claim("Les deux ministres ont convenu de se reparler prochainement sur la question migratoire.", "GR", n=1)
    meta = claim("Dendias a indiqué que l'entretien téléphonique avait duré deux heures et avait été franc.", "GR", n=2)
    stress = claim("Fidan a insisté sur les droits de la minorité turque en Thrace occidentale.", "TR", n=3)
    found_views = views(joint, meta, stress)
    assert found_views[0].joint and found_views[1].meta and not found_views[2].meta
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "framing"]


def test_a_framing_point_across_languages_is_topped_by_the_country_both_sides_name() -> None:
    french = claim("Dendias a estimé que toute prospection autour de Chypre serait une provocation.", "GR", n=1)
    english = claim("Fidan said Turkish Cypriots must share the gas found off Cyprus, he stressed.", "TR", n=2)
    found_views = views(french, english)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert [p.kind for p in pairs] == ["framing"]
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    assert point.topic.split()[0] == "Chypre" and "Cyprus" not in point.topic  # one name, as the anchor claim writes it


def test_a_demand_the_other_readout_leaves_out_pairs_with_what_that_side_says_was_agreed() -> None:
    demand = claim(
        "Dendias a exigé le retrait des navires de forage et des garde-côtes de la zone contestée.", "GR", n=1
    )
    agreed = claim("Fidan said both ministers agreed to resume exploratory talks next month.", "TR", n=2, article="b")
    stress = claim("Fidan a insisté sur le commerce bilatéral et le tourisme.", "TR", n=3, article="b")
    found_views = views(demand, agreed, stress)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert [(p.kind, p.a, p.b) for p in pairs] == [("omission", "art:1000", "b:2000")]  # not framed as well
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    [slot] = point.slots
    assert slot.claim == "art:1000" and demand[1][slot.start - 1000 : slot.end - 1000] == "a exigé"


def test_a_demand_the_other_side_answers_in_another_language_is_no_omission() -> None:
    demand = claim("Dendias a exigé l'arrêt des frappes et le retrait des troupes de l'île.", "GR", n=1)
    answer = claim("Fidan ruled out any withdrawal of troops or halt to strikes, he stressed.", "TR", n=2, article="b")
    pairs = find_divergences(EVENT, views(demand, answer), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "omission"]


def test_one_measure_with_a_wider_scope_on_one_side_is_a_contradiction_on_that_slot() -> None:
    wide = claim("Ankara said the two sides agreed on an energy and infrastructure truce.", "TR", n=1, article="b")
    narrow = claim(
        "Athènes a indiqué avoir accepté une trêve des frappes sur les infrastructures énergétiques.", "GR", n=2
    )
    found_views = views(wide, narrow)
    [pair] = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert pair.kind == "contradiction" and "energy and infrastructure" in pair.evidence
    [point] = build_points("ev-1", [pair], found_views, SETTINGS)
    texts = {v.claim.id: v.claim for v in found_views}
    marked = {
        s.claim: texts[s.claim].text[s.start - texts[s.claim].start : s.end - texts[s.claim].start] for s in point.slots
    }
    assert marked == {"b:1000": "energy and infrastructure", "art:2000": "infrastructures énergétiques"}


def test_the_same_scope_on_both_sides_is_no_contradiction() -> None:
    one = claim("Ankara said the two sides agreed on an energy and infrastructure truce.", "TR", n=1, article="b")
    two = claim("Athènes a indiqué que la trêve couvre l'énergie et les infrastructures portuaires.", "GR", n=2)
    pairs = find_divergences(EVENT, views(one, two), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "contradiction"]


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


def test_accounts_of_one_side_topic_are_framed_against_each_other_not_the_other_leading_accounts() -> None:
    embargo = claim("Dendias a souligné que la Libye devait respecter l'embargo de l'ONU sur les armes.", "GR", n=1)
    aegean = claim("Dendias a insisté sur la délimitation des zones maritimes en mer Égée.", "GR", n=2)
    rights = claim("Fidan said Libya's government had every right to buy weapons.", "TR", n=3, article="b")
    trade = claim("Fidan a insisté sur le commerce bilatéral et le tourisme entre les deux pays.", "TR", n=4)
    pairs = find_divergences(EVENT, views(embargo, aegean, rights, trade), SETTINGS, {"GR", "TR"})
    framed = {(p.a, p.b) for p in pairs if p.kind == "framing"}
    assert framed == {("art:1000", "b:3000"), ("art:2000", "art:4000")}  # Libya with Libya, the rest apart
    assert "Libye" in next(p.evidence for p in pairs if p.a == "art:1000")


def test_a_demand_one_claim_of_the_other_side_takes_up_is_no_omission() -> None:
    demand = claim("Dendias a exigé que la paix à la frontière reste la condition de relations normales.", "GR", n=1)
    answer = claim("Fidan said the border question would shape relations as a whole.", "TR", n=2, article="b")
    other = claim("Fidan said both ministers agreed to resume exploratory talks next month.", "TR", n=3)
    close, far = (
        with_vectors(views(demand, answer, other), [0, 0, 1]),
        with_vectors(views(demand, answer, other), [0, 1, 2]),
    )
    assert not [p for p in find_divergences(EVENT, close, SETTINGS, {"GR", "TR"}) if p.kind == "omission"]
    assert [
        p for p in find_divergences(EVENT, far, SETTINGS, {"GR", "TR"}) if p.kind == "omission"
    ]  # same words, far apart


def test_a_demand_verb_inside_a_quotation_is_a_demand() -> None:
    quoted = claim(
        "Il a «souligné le soutien de la Grèce» et «appelé à un retrait des navires», a affirmé Athènes.", "GR", n=1
    )
    plain = claim("Il a «souligné le soutien de la Grèce à Chypre», a affirmé Athènes.", "GR", n=2)
    assert [v.demand for v in views(quoted, plain)] == [True, False]


def test_two_demands_the_same_readout_leaves_out_are_two_points() -> None:
    drilling = claim(
        "Dendias a exigé le retrait des navires de forage et des garde-côtes de la zone contestée.", "GR", n=1
    )
    airspace = claim("Dendias a réclamé la fin des survols de chasseurs au-dessus des îles habitées.", "GR", n=2)
    agreed = claim("Fidan said both ministers agreed to resume exploratory talks next month.", "TR", n=3, article="b")
    found_views = views(drilling, airspace, agreed)
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert sorted((p.kind, p.a, p.b) for p in pairs) == [
        ("omission", "art:1000", "b:3000"),
        ("omission", "art:2000", "b:3000"),
    ]
    points = build_points("ev-1", pairs, found_views, SETTINGS)
    assert sorted(p.claims["GR"] for p in points) == [["art:1000"], ["art:2000"]]
    # A later article's point that shares only the readout does not continue the stored one.
    stored = next(p for p in points if p.claims["GR"] == ["art:1000"])
    later = next(p for p in pairs if p.a == "art:2000")
    [point] = build_points("ev-1", [later], found_views, SETTINGS, stored=[stored])
    assert point.id != stored.id and point.claims["GR"] == ["art:2000"]


def test_a_seat_of_government_is_not_a_third_country_raised() -> None:
    raised = claim("Dendias a averti que le Foreign Office suivrait de près les forages en mer Égée.", "GR", n=1)
    readout = claim("Fidan a souligné l'importance du commerce bilatéral et de la coopération énergétique.", "TR", n=2)
    pairs = find_divergences(EVENT, views(raised, readout), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(SILENT_OMISSION)]


def test_a_demand_the_other_side_negates_is_answered_not_left_out() -> None:
    demand = claim(
        "Dendias a exigé le retrait des navires de forage et des garde-côtes de la zone contestée.", "GR", n=1
    )
    agreed = claim("Fidan said both ministers agreed to resume exploratory talks next month.", "TR", n=2, article="b")
    negates = claim("Interrogé sur les navires de forage, Fidan a dit qu'ils ne sont pas à l'ordre du jour.", "TR", n=3)
    pairs = find_divergences(EVENT, views(demand, agreed, negates), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "omission"]
    assert ("contradiction", "art:1000", "art:3000") in {(p.kind, p.a, p.b) for p in pairs}


def test_a_stated_omission_s_topic_is_the_first_thing_left_out() -> None:
    from crosscheck.models import Divergence
    from crosscheck.points import stated_omission

    pair = Divergence(
        id="dv-1",
        event_id="ev-1",
        a="a:1",
        b="b:1",
        kind="omission",
        score=0.7,
        evidence="omits: le désengagement, ni la reprise des patrouilles dans la…",
    )
    assert stated_omission(pair, {"a:1": "CN", "b:1": "IN"}).topic == "le désengagement"
