"""One side's readout against the other's: stated and silent omissions,
demands left out, a restricted scope, framing on a distinctive topic."""

from __future__ import annotations

from crosscheck.diverge import find_divergences
from crosscheck.diverge_readouts import SILENT_OMISSION, TONE_DIFFERS, omissions
from tests.test_diverge import EVENT, SETTINGS, claim, kinds, views, with_vectors


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


def test_no_silent_omission_when_the_other_side_names_the_country_too() -> None:
    raised = claim("Dendias a averti que la Libye ne devait pas servir de base à des forages illégaux.", "GR", n=1)
    readout = claim("Fidan a souligné l'importance du commerce bilatéral et de la coopération énergétique.", "TR", n=2)
    named = claim("Fidan said Turkey's accord with Libya respected international law.", "TR", n=3, article="b")
    pairs = find_divergences(EVENT, views(raised, readout, named), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(SILENT_OMISSION)]  # Libya is no third country left out


def test_a_seat_of_government_is_not_a_third_country_raised() -> None:
    raised = claim("Dendias a averti que le Foreign Office suivrait de près les forages en mer Égée.", "GR", n=1)
    readout = claim("Fidan a souligné l'importance du commerce bilatéral et de la coopération énergétique.", "TR", n=2)
    pairs = find_divergences(EVENT, views(raised, readout), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(SILENT_OMISSION)]


def test_a_demand_the_other_side_answers_in_another_language_is_no_omission() -> None:
    demand = claim("Dendias a exigé l'arrêt des frappes et le retrait des troupes de l'île.", "GR", n=1)
    answer = claim("Fidan ruled out any withdrawal of troops or halt to strikes, he stressed.", "TR", n=2, article="b")
    pairs = find_divergences(EVENT, views(demand, answer), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "omission"]


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


def test_a_demand_the_other_side_negates_is_answered_not_left_out() -> None:
    demand = claim(
        "Dendias a exigé le retrait des navires de forage et des garde-côtes de la zone contestée.", "GR", n=1
    )
    agreed = claim("Fidan said both ministers agreed to resume exploratory talks next month.", "TR", n=2, article="b")
    negates = claim("Interrogé sur les navires de forage, Fidan a dit qu'ils ne sont pas à l'ordre du jour.", "TR", n=3)
    pairs = find_divergences(EVENT, views(demand, agreed, negates), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "omission"]
    assert ("contradiction", "art:1000", "art:3000") in {(p.kind, p.a, p.b) for p in pairs}


def test_accounts_of_one_side_topic_are_framed_against_each_other_not_the_other_leading_accounts() -> None:
    embargo = claim("Dendias a souligné que la Libye devait respecter l'embargo de l'ONU sur les armes.", "GR", n=1)
    aegean = claim("Dendias a insisté sur la délimitation des zones maritimes en mer Égée.", "GR", n=2)
    rights = claim("Fidan said Libya's government had every right to buy weapons.", "TR", n=3, article="b")
    trade = claim("Fidan a insisté sur le commerce bilatéral et le tourisme entre les deux pays.", "TR", n=4)
    pairs = find_divergences(EVENT, views(embargo, aegean, rights, trade), SETTINGS, {"GR", "TR"})
    framed = {(p.a, p.b) for p in pairs if p.kind == "framing"}
    assert framed == {("art:1000", "b:3000"), ("art:2000", "art:4000")}  # Libya with Libya, the rest apart
    assert "Libye" in next(p.evidence for p in pairs if p.a == "art:1000")


def test_each_side_calling_the_exchange_something_else_is_a_difference_of_tone() -> None:
    ours = claim("Le porte-parole a qualifié l'entretien de « franc ».", "GR", n=1)
    theirs = claim('The ministry said the talks had been "warm and fruitful".', "TR", n=2, article="b")
    pairs = find_divergences(EVENT, views(ours, theirs), SETTINGS, {"GR", "TR"})
    assert [(p.kind, p.evidence) for p in pairs] == [("framing", "tone differs: frank | productive, warm")]


def test_one_tone_both_sides_give_the_exchange_is_no_difference() -> None:
    ours = claim("Le porte-parole a qualifié l'entretien de « franc et constructif ».", "GR", n=1)
    theirs = claim('The ministry described the meeting as "constructive".', "TR", n=2, article="b")
    candid = claim('A spokesman called the conversation "candid".', "TR", n=3, article="b")
    pairs = find_divergences(EVENT, views(ours, theirs, candid), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(TONE_DIFFERS)]


def test_a_tone_word_far_from_any_exchange_noun_gives_the_exchange_no_tone() -> None:
    ours = claim("Le porte-parole a qualifié l'entretien de « franc ».", "GR", n=1)
    theirs = claim(
        "Fidan said the new pipeline would give the region a positive outlook, after the call.", "TR", n=2, article="b"
    )
    pairs = find_divergences(EVENT, views(ours, theirs), SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.evidence.startswith(TONE_DIFFERS)]
