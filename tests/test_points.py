"""Points of divergence on hand-made claims: pairs become points, one
statement told twice is one point, a later article continues a stored point,
slots are the slot only, pairs are derived from points."""

from __future__ import annotations

import numpy as np

from crosscheck.diverge import find_divergences
from crosscheck.diverge_pairs import pair_id
from crosscheck.models import DivergenceKind, Point, Polarity
from crosscheck.points import build_points, pairs_of, propositions
from tests.test_diverge import EVENT, SETTINGS, claim, views, with_vectors


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


def translated_denial(gr_lang: str, cosine: float, gr_text: str):
    """A stored denial point told in English, and the same exchange told again by a later article in `gr_lang`."""
    told = claim("Dendias said the negotiations covered maritime access to the port for Turkish ships.", "GR", n=1)
    denied = claim("Fidan dismissed reports that Turkey had asked for a lease at the port.", "TR", n=2)
    again = claim(gr_text, "GR", n=3, article="b")
    denied_again = claim("Ankara a démenti avoir demandé un bail dans le port.", "TR", n=4, article="b")
    found_views = views(told, denied, again, denied_again)
    for view, lang, vector in zip(
        found_views,
        ["en", "en", gr_lang, gr_lang],
        [[1, 0, 0, 0], [0, 0, 1, 0], [cosine, 0.6, 0, 0], [0, 0, 0, 1]],
        strict=True,
    ):
        view.lang, view.vector = lang, np.asarray(vector, dtype=np.float32) / np.linalg.norm(vector)
    pairs = [p for p in find_divergences(EVENT, found_views[2:], SETTINGS, {"GR", "TR"}) if p.kind == "denial"]
    stored = Point(
        id="pt-stored", event_id="ev-1", kind=DivergenceKind.DENIAL, topic="port", score=0.85,
        reasons=["earlier"], claims={"GR": ["art:1000"], "TR": ["art:2000"]},
    )  # fmt: skip
    return build_points("ev-1", pairs, found_views, SETTINGS, [stored])


def test_the_same_point_told_in_another_language_continues_the_stored_point() -> None:
    french = "Selon Dendias, les négociations ont porté sur un accès maritime au port pour les navires turcs."
    [point] = translated_denial("fr", 0.8, french)  # cosine 0.8: a translation, below the same-language bar
    assert point.id == "pt-stored" and point.claims["GR"] == ["art:1000", "b:3000"]
    [apart] = translated_denial("en", 0.8, french)  # as close in one language is no proof of one telling
    assert apart.id != "pt-stored"
    other = "Selon Dendias, la visite a permis de relancer le tourisme et les échanges étudiants."
    [unrelated] = translated_denial("fr", 0.8, other)  # no concept in common: another statement
    assert unrelated.id != "pt-stored"


def test_the_tones_each_side_gives_one_exchange_are_one_point() -> None:
    ours = claim("Le porte-parole a qualifié l'entretien de « franc ».", "GR", n=1)
    theirs = claim('The ministry said the talks had been "warm and fruitful".', "TR", n=2, article="b")
    again = claim('Fidan said the two sides had a "friendly" exchange of views.', "TR", n=3, article="c")
    found_views = with_vectors(views(ours, theirs, again), [0, 1, 2])
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    [point] = build_points("ev-1", pairs, found_views, SETTINGS)
    assert point.kind is DivergenceKind.FRAMING and point.claims == {"GR": ["art:1000"], "TR": ["b:2000", "c:3000"]}
