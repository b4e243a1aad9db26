"""Event linking, piece by piece, on hand-made records: signatures, an
article's local events, stored events and 4-dimensional vectors. The whole
articles of tests/test_link.py check the same code end to end."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest

from crosscheck.actors import load_registry
from crosscheck.link import (
    LocalEvent,
    best_match,
    choose_event,
    day_text,
    event_keys,
    label_for,
    match_score,
    merge_event,
    new_event,
    parse_day,
    participant_side,
    piece_signature,
    segment_events,
)
from crosscheck.models import Article, Claim, Event, Sentence, SpeechType
from crosscheck.settings import LinkSettings
from crosscheck.signature import Day, Signature, sentence_signature
from crosscheck.vector_index import unit

SETTINGS = LinkSettings()
AUSTIN, BELOUSOV = "person.lloyd-austin", "person.andrei-belousov"
LAVROV, WANG, BLINKEN = "person.sergei-lavrov", "person.wang-yi", "person.antony-blinken"
FIDAN, ZELENSKY = "person.hakan-fidan", "person.volodymyr-zelensky"
PUTIN = "person.vladimir-putin"
CALL_DAY = Day(2024, 6, 25)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def local(
    *persons: str,
    kind: str | None = None,
    day: Day | None = None,
    salient: tuple[str, ...] = (),
    topic: tuple[str, ...] = (),
    counterparts: tuple[str, ...] = (),
    sides: tuple[str, ...] = (),
    claims: tuple[str, ...] = ("c1",),
) -> LocalEvent:
    """An article's event as the segmentation would leave it: each person named twice."""
    return LocalEvent(
        persons=Counter({p: 2 for p in persons}),
        kinds=Counter([kind] if kind else []),
        day=day,
        salient=Counter(salient),
        topic=Counter(topic),
        counterparts=set(counterparts),
        person_sides=set(sides),
        claims=list(claims),
    )


def stored(
    event_id: str = "ev-stored",
    *participants: str,
    kind: str = "call",
    day: str | None = "2024-06-25",
    salient: tuple[str, ...] = (),
    topic: tuple[str, ...] = (),
) -> Event:
    return Event(
        id=event_id,
        label=f"stored {event_id}",
        kind=kind,
        day=day,
        participants=sorted(participants),
        salient=list(salient),
        topic=list(topic),
        articles=["earlier-article"],
        claims=3,
    )


def signature(*persons: str, kinds: tuple[str, ...] = (), day: Day | None = None, **extra) -> Signature:
    return Signature(persons=set(persons), kinds=set(kinds), day=day, **extra)


# --- match_score -------------------------------------------------------------


def test_same_participants_on_the_same_day_score_above_the_merge_threshold() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV)) >= SETTINGS.merge_score


def test_the_same_participants_on_another_day_do_not_match() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    same_day = match_score(call, stored("ev", AUSTIN, BELOUSOV, day="2024-06-25"))
    other_day = match_score(call, stored("ev", AUSTIN, BELOUSOV, day="2024-03-15"))
    assert same_day > other_day == 0.0


def test_a_day_apart_and_a_date_without_year_count_as_the_same_day() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    exact = match_score(call, stored("ev", AUSTIN, BELOUSOV, day="2024-06-25"))
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, day="2024-06-26")) == exact  # a readout after midnight
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, day="--06-25")) == exact  # "MOSCOW, June 25"


def test_without_a_stored_date_the_same_ministers_need_a_shared_subject() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, topic=("livrai", "armes", "ukrain"))
    undated = stored("ev", AUSTIN, BELOUSOV, day=None, topic=("otages", "echang"))
    assert match_score(call, undated) == 0.0
    same_subject = stored("ev", AUSTIN, BELOUSOV, day=None, topic=("livrai", "armes", "otages"))
    assert match_score(call, same_subject) >= SETTINGS.merge_score


def test_a_close_cosine_stands_in_for_shared_words_across_languages() -> None:
    french = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, topic=("livrai", "armes"))
    english = stored("ev", AUSTIN, BELOUSOV, day=None, topic=("weapon", "delive"))
    here, there = unit(np.array([0.9, 0.3, 0.1, 0.0])), unit(np.array([0.88, 0.35, 0.05, 0.02]))
    far = unit(np.array([0.0, 0.1, 0.2, 0.97]))
    assert float(here @ there) >= SETTINGS.same_subject_cosine > float(here @ far)
    assert match_score(french, english) == 0.0
    assert match_score(french, english, cosine=float(here @ far)) == 0.0
    assert match_score(french, english, cosine=float(here @ there)) >= SETTINGS.merge_score


def test_a_close_cosine_raises_the_score_of_a_dated_match_too() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    event = stored("ev", AUSTIN, BELOUSOV)
    assert match_score(call, event, cosine=0.95) > match_score(call, event, cosine=0.2) == match_score(call, event)


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ((AUSTIN, BELOUSOV), (LAVROV, WANG)),  # nobody in common
        ((AUSTIN, BELOUSOV), (AUSTIN, WANG)),  # two pairs that share one person
    ],
)
def test_other_participants_on_the_same_day_do_not_match(mine: tuple[str, ...], theirs: tuple[str, ...]) -> None:
    assert match_score(local(*mine, kind="call", day=CALL_DAY), stored("ev", *theirs)) == 0.0


def test_a_call_is_not_a_meeting_unless_the_same_pair_the_same_day() -> None:
    """The same two people on the same day are one exchange, whether an
    outlet calls it a call, talks or a meeting; undated, the kinds stay apart."""
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, kind="meeting", day=None)) == 0.0
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, kind="meeting", day="2024-03-15")) == 0.0
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, kind="meeting")) >= SETTINGS.merge_score
    assert match_score(call, stored("ev", AUSTIN, LAVROV, kind="meeting")) == 0.0
    assert match_score(call, stored("ev", AUSTIN, BELOUSOV, kind="statement")) > 0.0


def test_an_undated_account_published_the_day_of_the_exchange_is_that_exchange() -> None:
    meeting = local(AUSTIN, BELOUSOV, kind="meeting", topic=("armes", "livrai", "ukrain"))
    event = stored("ev", AUSTIN, BELOUSOV, kind="call", topic=("armes", "livrai", "otages"))
    assert match_score(meeting, event) == 0.0  # no date of its own: a call and a meeting stay apart
    meeting.published = date(2024, 6, 26)
    assert match_score(meeting, event) >= SETTINGS.merge_score
    meeting.published = date(2024, 7, 10)
    assert match_score(meeting, event) == 0.0
    french = local(AUSTIN, BELOUSOV, kind="meeting", topic=("entret", "frontie"))  # no word in common
    french.published = date(2024, 6, 25)
    assert match_score(french, event) >= SETTINGS.merge_score


def test_a_third_person_does_not_split_a_same_day_account() -> None:
    """ "Tusk, Merz and the Polish president": a third person quoted beside the pair."""
    three = local(AUSTIN, BELOUSOV, LAVROV, kind="call", day=CALL_DAY)
    assert match_score(three, stored("ev", AUSTIN, BELOUSOV, WANG)) >= SETTINGS.merge_score
    assert match_score(three, stored("ev", AUSTIN, BELOUSOV, WANG, day=None)) == 0.0  # undated: not enough


def test_an_event_is_of_the_exchange_kind_named_most() -> None:
    summit = LocalEvent(kinds=Counter({"call": 1, "meeting": 3, "attack": 2}))
    assert summit.kind() == "meeting"
    assert LocalEvent(kinds=Counter({"call": 2, "meeting": 2})).kind() == "call"
    assert LocalEvent(kinds=Counter({"talks": 2})).kind() == "meeting"  # talks, and nothing says by phone
    assert LocalEvent(kinds=Counter({"call": 1, "talks": 3})).kind() == "call"  # "held phone talks … the talks"
    assert LocalEvent(kinds=Counter({"call": 1, "meeting": 2, "talks": 3})).kind() == "meeting"
    assert LocalEvent(kinds=Counter({"attack": 1})).kind() == "attack"
    assert LocalEvent().kind() == "statement"


def test_shared_names_add_to_the_score() -> None:
    strike = local(kind="attack", day=Day(2024, 6, 25), salient=("kharkiv", "saltivka"))
    assert match_score(strike, stored("ev", kind="attack", salient=("kharkiv", "saltivka"))) > match_score(
        strike, stored("ev", kind="attack", salient=("odessa",))
    )


# --- best_match ----------------------------------------------------------------


def test_no_candidate_above_the_threshold_is_no_match() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert best_match(call, [stored("a", LAVROV, WANG), stored("b", AUSTIN, BELOUSOV, day="2024-03-15")]) is None
    assert best_match(call, []) is None


def test_the_higher_score_wins_whatever_the_order() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, salient=("pentagone",))
    weaker = stored("weak", AUSTIN, BELOUSOV, kind="statement")
    stronger = stored("strong", AUSTIN, BELOUSOV, kind="call", salient=("pentagone",))
    assert best_match(call, [weaker, stronger]).id == best_match(call, [stronger, weaker]).id == "strong"


def test_a_tie_goes_to_more_participants_in_common() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, salient=("pentagone",))
    both = stored("both", AUSTIN, BELOUSOV, kind="statement")  # same pair, other kind
    one = stored("one", AUSTIN, kind="call", salient=("pentagone",))  # one of them, same kind, a shared name
    assert match_score(call, both) == match_score(call, one)
    assert best_match(call, [one, both]).id == best_match(call, [both, one]).id == "both"


def test_a_tie_in_participants_goes_to_more_shared_subject() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, topic=("livrai", "armes"))
    on_topic = stored("on", AUSTIN, BELOUSOV, topic=("livrai", "otages"))
    off_topic = stored("off", AUSTIN, BELOUSOV, topic=("otages", "echang"))
    assert match_score(call, on_topic) == match_score(call, off_topic)
    assert best_match(call, [off_topic, on_topic]).id == best_match(call, [on_topic, off_topic]).id == "on"


def test_the_closest_vector_decides_between_undated_candidates() -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, topic=("livrai",))
    centroid = unit(np.array([0.2, 0.9, 0.1, 0.3]))
    vectors = {"near": unit(np.array([0.25, 0.85, 0.1, 0.3])), "far": unit(np.array([0.9, 0.0, 0.4, 0.1]))}
    candidates = [stored(name, AUSTIN, BELOUSOV, day=None) for name in ("far", "near")]
    similarity = {name: float(vector @ centroid) for name, vector in vectors.items()}
    assert best_match(call, candidates) is None
    assert best_match(call, candidates, similarity).id == "near"


def test_an_attack_without_participants_merges_on_names_alone() -> None:
    strike = local(kind="attack", day=Day(2024, 6, 25), salient=("kharkiv", "saltivka"))
    statement = local(kind=None, day=Day(2024, 6, 25), salient=("kharkiv", "saltivka"))
    assert best_match(strike, [stored("ev", kind="attack", salient=("kharkiv",))]) is not None
    assert best_match(statement, [stored("ev", kind="statement", salient=("kharkiv",))]) is None


# --- choose_event ----------------------------------------------------------------


def test_the_first_sentence_opens_an_event() -> None:
    assert choose_event([], None, signature(AUSTIN, BELOUSOV, kinds=("call",), day=CALL_DAY), True) is None


def test_a_sentence_about_the_same_pair_stays_with_the_current_event() -> None:
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert choose_event([current], current, signature(BELOUSOV), True) is current
    assert choose_event([current], current, signature(AUSTIN, BELOUSOV, day=Day(2024, 6, 26)), True) is current


def test_a_claim_dated_elsewhere_goes_back_to_the_event_of_that_date() -> None:
    earlier = local(AUSTIN, BELOUSOV, kind="call", day=Day(2024, 3, 15))
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    events = [earlier, current]
    assert choose_event(events, current, signature(BELOUSOV, day=Day(2024, 3, 15)), True) is earlier
    assert choose_event(events, current, signature(BELOUSOV, day=Day(2023, 11, 2)), True) is None  # a new one


def test_narration_dated_elsewhere_does_not_move_the_text() -> None:
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert choose_event([current], current, signature(day=Day(2023, 3, 1)), False) is current


def test_another_pair_moves_to_that_pair_s_event_or_opens_one() -> None:
    lavrov_wang = local(LAVROV, WANG, kind="meeting")
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert choose_event([lavrov_wang, current], current, signature(LAVROV, WANG), True) is lavrov_wang
    assert choose_event([current], current, signature(LAVROV, WANG), True) is None
    assert choose_event([current], current, signature(LAVROV, WANG), False) is current  # named in narration


def test_a_third_voice_on_one_exchange_stays_with_it() -> None:
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert choose_event([current], current, signature(ZELENSKY), True) is current


def test_one_call_of_a_round_of_calls_is_its_own_event() -> None:
    round_of_calls = local(LAVROV, kind="call", counterparts=("US", "FR", "TR"), sides=("RU",))
    assert round_of_calls.multi
    assert choose_event([round_of_calls], round_of_calls, signature(FIDAN), True) is None


def test_two_more_counterparts_of_a_round_go_back_to_the_round() -> None:
    round_of_calls = local(LAVROV, kind="call", counterparts=("US", "FR", "TR"), sides=("RU",))
    one_call = local(LAVROV, BLINKEN, kind="call", sides=("RU", "US"))
    sig = signature(FIDAN, "person.jean-noel-barrot", persons_sides={"TR", "FR"})
    assert choose_event([round_of_calls, one_call], one_call, sig, True) is round_of_calls
    outsiders = signature(WANG, "person.subrahmanyam-jaishankar", persons_sides={"CN", "IN"})
    assert choose_event([round_of_calls, one_call], one_call, outsiders, True) is None


def test_a_ministry_of_one_counterpart_goes_to_that_counterpart_s_call() -> None:
    round_of_calls = local(LAVROV, kind="call", counterparts=("US", "FR", "TR"), sides=("RU",))
    call_with_ankara = local(LAVROV, FIDAN, kind="call", sides=("RU", "TR"))
    by_ministry = signature(source_side="TR")  # "le ministère turc a confirmé"
    events = [call_with_ankara, round_of_calls]
    assert choose_event(events, round_of_calls, by_ministry, True) is call_with_ankara
    assert choose_event([round_of_calls], round_of_calls, by_ministry, True) is round_of_calls


def test_an_attack_spoken_of_beside_a_call_opens_its_own_event() -> None:
    current = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    strike = signature(kinds=("attack",))
    assert choose_event([current], current, strike, True) is None
    assert choose_event([current], current, strike, False) is current  # narration
    offices = signature(kinds=("attack",), offices={("RU", "defence_minister")})
    assert choose_event([current], current, offices, True) is current  # "le ministre russe a évoqué les frappes"
    strikes = local(kind="attack", day=CALL_DAY)
    assert choose_event([strikes], strikes, strike, True) is strikes


# --- segment_events ----------------------------------------------------------------

PUBLISHED = date(2024, 6, 26)  # a Wednesday
CALL = [
    (
        "Le secrétaire américain à la Défense Lloyd Austin s'est entretenu mardi au téléphone avec son homologue "
        "russe Andreï Belousov, a annoncé le Pentagone.",
        "US",
    ),
    (
        "Selon le Pentagone, M. Austin a souligné l'importance de maintenir ouvertes les lignes de communication.",
        "US",
    ),
    (
        "Le ministère russe de la Défense a indiqué que M. Belousov avait mis en garde contre la poursuite des "
        "livraisons d'armes à l'Ukraine.",
        "RU",
    ),
]


def article_of(paragraphs: list[tuple[str, str | None]]) -> tuple[Article, list[Sentence], list[Claim]]:
    """One sentence per paragraph; a side makes the whole sentence a claim of that side."""
    text = "\n\n".join(p for p, _ in paragraphs) + "\n"
    article = Article(id="unit", content_hash="0", text=text, published=PUBLISHED, lang="fr")
    sentences, claims, start = [], [], 0
    for index, (paragraph, side) in enumerate(paragraphs):
        start = text.index(paragraph, start)
        end = start + len(paragraph)
        sentences.append(Sentence(article_id="unit", index=index, start=start, end=end, paragraph=index))
        if side:
            claims.append(
                Claim(
                    id=f"c{index}",
                    article_id="unit",
                    start=start,
                    end=end,
                    text=paragraph,
                    content_start=start,
                    content_end=end,
                    source="source",
                    side=side,
                    speech=SpeechType.INDIRECT,
                )
            )
        start = end
    return article, sentences, claims


def events_of(paragraphs: list[tuple[str, str | None]], registry) -> list[LocalEvent]:
    return segment_events(*article_of(paragraphs), registry)


def test_a_call_told_in_three_sentences_is_one_dated_event(registry) -> None:
    [call] = events_of(CALL, registry)
    assert call.claims == ["c0", "c1", "c2"]
    assert call.core() == {AUSTIN, BELOUSOV}
    assert call.kind() == "call" and call.day == Day(2024, 6, 25)  # "mardi" in a Wednesday story


def test_an_earlier_dated_warning_after_the_call_is_another_event(registry) -> None:
    warning = (
        "En mars 2023, Moscou avait déjà averti Washington que les vols de drones près de la Crimée constituaient "
        "une escalade, selon un communiqué du Kremlin.",
        "RU",
    )
    call, background = events_of([*CALL, warning], registry)
    assert call.claims == ["c0", "c1", "c2"] and call.day == Day(2024, 6, 25)
    assert background.claims == ["c3"] and background.day == Day(2023, 3, None)


@pytest.mark.parametrize(
    "background",
    [
        "Le mois dernier, Moscou avait dénoncé les livraisons d'armes américaines à Kiev, selon le Kremlin.",
        "Moscou réclame depuis des années la fin des livraisons d'armes américaines à Kiev, selon le Kremlin.",
        "Moscou avait qualifié en mars les livraisons d'armes américaines de « provocation », selon le Kremlin.",
    ],
)
def test_a_standing_or_earlier_statement_is_not_part_of_the_call(background: str, registry) -> None:
    call, earlier = events_of([*CALL, (background, "RU")], registry)
    assert call.claims == ["c0", "c1", "c2"] and earlier.claims == ["c3"]


def test_an_undated_warning_about_strikes_is_not_part_of_the_call(registry) -> None:
    warning = ("Moscou avait déjà averti Washington contre les frappes de drones en Crimée, selon le Kremlin.", "RU")
    call, background = events_of([*CALL, warning], registry)
    assert call.claims == ["c0", "c1", "c2"]
    assert background.claims == ["c3"] and background.kind() == "attack"


def test_a_claim_about_another_pair_opens_another_event(registry) -> None:
    other = (
        "Le même jour, Sergueï Lavrov a reçu à Moscou son homologue chinois Wang Yi, a indiqué la diplomatie russe.",
        "RU",
    )
    call, visit = events_of([*CALL, other], registry)
    assert call.claims == ["c0", "c1", "c2"]
    assert visit.claims == ["c3"] and visit.core() == {LAVROV, WANG}


def test_dated_narration_without_an_exchange_word_leaves_the_call_alone(registry) -> None:
    aside = ("Les deux hommes ne s'étaient plus parlé depuis mars 2023.", None)
    [call] = events_of([*CALL[:2], aside, CALL[2]], registry)
    assert call.claims == ["c0", "c1", "c3"] and call.day == Day(2024, 6, 25)


def test_a_recalled_previous_call_does_not_capture_the_next_claims(registry) -> None:
    aside = ("Leur précédent entretien téléphonique avait eu lieu en mars 2023.", None)
    both = ("M. Belousov a dit à M. Austin que Moscou restait ouvert au dialogue, selon le ministère russe.", "RU")
    [call] = events_of([*CALL[:2], aside, both], registry)
    assert call.claims == ["c0", "c1", "c3"]


def test_a_counterpart_is_the_minister_of_the_same_office(registry) -> None:
    other = (
        "Le même jour, Sergueï Lavrov a reçu à Moscou son homologue chinois Wang Yi, a indiqué la diplomatie russe.",
        "RU",
    )
    call, _ = events_of([*CALL, other], registry)
    assert call.core() == {AUSTIN, BELOUSOV}


def test_a_claim_about_deliveries_going_on_since_another_date_stays_with_the_call(registry) -> None:
    since = (
        "Le ministère russe a indiqué que M. Belousov avait dénoncé les livraisons d'armes américaines, qui se "
        "poursuivent depuis le 15 mars.",
        "RU",
    )
    [call] = events_of([*CALL[:2], since], registry)  # "depuis le 15 mars" is a reference point, not the call's day
    assert call.claims == ["c0", "c1", "c2"] and call.day == Day(2024, 6, 25)


# --- sentence signatures (crosscheck.signature) -----------------------------------------


def sign(text: str, registry, surnames: dict[str, str] | None = None) -> Signature:
    return sentence_signature(text, registry, PUBLISHED, surnames)


def test_a_family_name_counts_once_the_article_has_named_the_person(registry) -> None:
    text = "Selon M. Austin, les discussions ont été franches."
    assert AUSTIN not in sign(text, registry).persons
    assert AUSTIN in sign(text, registry, {"austin": AUSTIN}).persons


def test_a_spokesperson_speaks_for_the_exchange_without_taking_part(registry) -> None:
    sig = sign("Le porte-parole du Kremlin, Dmitri Peskov, a qualifié l'échange d'utile et de franc.", registry)
    assert sig.persons == set()


def test_a_minister_the_registry_lacks_is_named_after_the_title(registry) -> None:
    sig = sign("Le ministre grec des Affaires étrangères Nikolaos Vardakis a reçu son homologue turc.", registry)
    assert "name:nikolaos-vardakis" in sig.persons
    assert ("TR", "counterpart") in sig.offices


def test_a_round_of_calls_names_its_counterparts(registry) -> None:
    sig = sign(
        "Sergueï Lavrov s'est entretenu mardi au téléphone avec ses homologues américain, français et turc.", registry
    )
    assert sig.persons == {LAVROV} and sig.kinds == {"call"}
    assert sig.counterparts == {"US", "FR", "TR"}
    event = LocalEvent()
    event.absorb(sig)
    assert event.multi


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Les deux ministres se sont parlé au téléphone pendant une heure.", {"call"}),
        ("The two ministers spoke by phone for an hour.", {"call"}),
        ("Les pourparlers reprendront à Genève la semaine prochaine.", {"meeting"}),
        ("The talks will resume in Geneva next week.", {"talks"}),
        ("Une frappe de missiles a touché le centre-ville dans la nuit.", {"attack"}),
        ("Russian troops massing near the border worried Kyiv.", {"military"}),
        ("Des troupes massées près de la frontière inquiètent Kiev.", {"military"}),
        ("Les troupes ukrainiennes ont reçu des munitions supplémentaires.", set()),  # troops alone are no event
        ("Des troupes russes massées près de la frontière inquiètent Kiev.", {"military"}),
        ("Des soldats russes déployés en Biélorussie inquiètent Varsovie.", {"military"}),
    ],
)
def test_event_words_give_the_kind(text: str, kinds: set[str], registry) -> None:
    assert sign(text, registry).kinds == kinds


def test_undated_strikes_on_two_cities_do_not_merge_on_a_sentence_s_first_word(registry) -> None:
    def strike(text: str) -> LocalEvent:
        event = LocalEvent(claims=["c1"])
        event.absorb(sentence_signature(text, registry, None))
        return event

    odessa = strike("Selon l'armée ukrainienne, une frappe de drones a touché Odessa dans la nuit.")
    kharkiv = strike("Selon les autorités locales, des missiles ont frappé Kharkiv au petit matin.")
    assert best_match(odessa, [new_event(kharkiv, "other-article", 0, registry)]) is None


# --- dates, keys, records -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (Day(2024, 6, 25), "2024-06-25"),
        (Day(2024, 6, None), "2024-06"),  # "en juin 2024"
        (Day(2024, None, None), "2024"),
        (Day(None, 6, 25), "--06-25"),  # "le 25 juin", article undated
        (Day(None, 6, None), "--06"),
    ],
)
def test_days_round_trip_through_their_text(day: Day, text: str) -> None:
    assert day_text(day) == text
    assert parse_day(text) == day


def test_days_without_month_or_year_have_no_text() -> None:
    assert day_text(None) is None
    assert day_text(Day(None, None, 25)) is None
    assert parse_day(None) is None and parse_day("") is None


def test_a_stored_partial_day_is_compatible_with_the_full_one() -> None:
    assert parse_day("--06-25").compatible(Day(2024, 6, 25))
    assert not parse_day("2024-06").compatible(Day(2024, 7, 1))


def test_event_keys_are_sorted_prefixed_and_independent_of_set_order() -> None:
    keys = event_keys({BELOUSOV, AUSTIN}, {"pentagone", "kremlin"})
    assert keys == [f"p:{BELOUSOV}", f"p:{AUSTIN}", "s:kremlin", "s:pentagone"]
    assert event_keys(set(reversed(sorted({AUSTIN, BELOUSOV}))), {"kremlin", "pentagone"}) == keys
    assert event_keys(set(), set()) == []


def test_a_name_that_is_both_participant_and_salient_gets_both_keys() -> None:
    assert event_keys({"kharkiv"}, {"kharkiv"}) == ["p:kharkiv", "s:kharkiv"]


def test_labels_name_the_pair_the_kind_and_the_day(registry) -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    assert label_for(call, registry) == "Belousov–Austin call, 2024-06-25"
    unknown = local(FIDAN, "name:georgios-gerapetritis", kind="meeting")
    assert label_for(unknown, registry) == "Gerapetritis–Fidan meeting"


def test_a_korean_name_is_labelled_by_its_family_name_and_a_double_surname_kept(registry) -> None:
    summit = local("person.lee-jae-myung", "person.sanae-takaichi", kind="meeting", day=Day(2026, 3, 14))
    assert label_for(summit, registry) == "Lee–Takaichi meeting, 2026-03-14"
    talks = local("person.wladyslaw-kosiniak-kamysz", "person.boris-pistorius", kind="meeting")
    assert "Kosiniak-Kamysz" in label_for(talks, registry)


@pytest.mark.parametrize(
    ("piece", "dated"),
    [
        ("Flights will resume from March 1, the ministry said.", False),  # when a plan starts
        ("Les vols reprendront à partir du 1er mars, a indiqué le ministère.", False),
        ("The ministers spoke by phone on March 1, the ministry said.", True),
        ("La liste a été transmise dès le 1er mars, a indiqué le ministère.", True),  # "as early as": the date
    ],
)
def test_a_starting_date_is_not_the_event_date(piece: str, dated: bool, registry) -> None:
    sig = piece_signature(piece, [], registry, date(2026, 2, 10), {})
    assert (sig.day is not None) is dated


def test_an_event_without_people_is_labelled_by_its_kind_and_names(registry) -> None:
    strike = local(kind="attack", day=Day(2024, 6, None), salient=("kharkiv", "kharkiv", "saltivka"))
    assert label_for(strike, registry) == "Attack · Kharkiv, Saltivka, 2024-06"


def test_a_person_named_in_passing_is_not_a_participant(registry) -> None:
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY)
    call.persons.update({AUSTIN: 4, BELOUSOV: 4, ZELENSKY: 1})
    event = new_event(call, "art-1", 0, registry)
    assert event.participants == sorted([AUSTIN, BELOUSOV])


def test_a_new_event_carries_the_article_s_view(registry) -> None:
    call = local(
        AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, salient=("pentagone",), topic=("armes",), claims=("c1", "c2")
    )
    event = new_event(call, "art-1", 0, registry)
    assert event.id == new_event(call, "art-1", 0, registry).id != new_event(call, "art-1", 1, registry).id
    assert (event.kind, event.day, event.articles, event.claims) == ("call", "2024-06-25", ["art-1"], 2)
    assert event.salient == ["pentagone"] and event.topic == ["armes"]


def test_merging_completes_a_partial_day_and_adds_the_article_once(registry) -> None:
    earlier = stored("ev-1", AUSTIN, BELOUSOV, day="--06-25", salient=("kremlin",), topic=("armes",))
    call = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, salient=("pentagone",), topic=("armes", "ukrain"))
    merged = merge_event(earlier, call, "art-2", registry)
    assert merged.id == "ev-1" and merged.day == "2024-06-25"
    assert merged.articles == ["art-2", "earlier-article"]
    assert merged.claims == earlier.claims + 1
    assert merged.salient == ["kremlin", "pentagone"]
    assert merged.topic[0] == "armes"  # counted in both
    again = merge_event(merged, call, "art-2", registry)
    assert again.articles == merged.articles


def test_merging_keeps_the_stored_participants_and_fills_missing_ones(registry) -> None:
    call = local(AUSTIN, BELOUSOV, ZELENSKY, kind="call", day=CALL_DAY)
    kept = merge_event(stored("ev-1", AUSTIN, BELOUSOV), call, "art-2", registry)
    assert kept.participants == sorted([AUSTIN, BELOUSOV])
    filled = merge_event(stored("ev-2", kind="attack"), call, "art-2", registry)
    assert filled.participants == sorted([AUSTIN, BELOUSOV, ZELENSKY])


def test_merging_keeps_the_stored_day_when_the_article_gives_none(registry) -> None:
    merged = merge_event(stored("ev-1", AUSTIN, BELOUSOV, day="2024-06"), local(AUSTIN, BELOUSOV), "a", registry)
    assert merged.day == "2024-06"


# --- background statements, counterparts, undated accounts, labels ----------------------


def test_a_warning_repeated_for_weeks_is_background_and_the_call_goes_on(registry) -> None:
    warning = (
        "Moscou met en garde depuis plusieurs semaines contre toute livraison de missiles, selon le Kremlin.",
        "RU",
    )
    after = ("Selon le Pentagone, M. Austin a aussi évoqué la sécurité des diplomates.", "US")
    call, background = events_of([*CALL, warning, after], registry)
    assert call.claims == ["c0", "c1", "c2", "c4"]
    assert background.claims == ["c3"] and background.background


def test_a_cue_inside_what_is_said_does_not_make_a_claim_background(registry) -> None:
    inside = (
        "Le ministère russe a indiqué que M. Belousov avait rappelé que Washington livrait régulièrement des armes.",
        "RU",
    )
    quoted = ("« Nous l'avons dit à maintes reprises », a déclaré M. Belousov, selon le ministère russe.", "RU")
    article, sentences, claims = article_of([*CALL, inside, quoted])
    sources = ["", "", "", "Le ministère", "M. Belousov"]
    claims = [with_source(article.text, c, s) for c, s in zip(claims, sources, strict=True)]
    [call] = segment_events(article, sentences, claims, registry)
    assert call.claims == ["c0", "c1", "c2", "c3", "c4"]


def with_source(text: str, claim: Claim, source: str) -> Claim:
    """The claim with the span of its source mention, as attribution gives it."""
    if not source:
        return claim
    start = text.index(source, claim.start)
    return claim.model_copy(update={"source": source, "source_start": start, "source_end": start + len(source)})


def test_a_previous_call_recalled_in_a_claim_is_its_own_event(registry) -> None:
    recalled = (
        "Lors de leur précédent entretien, M. Austin avait demandé la libération de deux Américains, selon Moscou.",
        "RU",
    )
    call, background = events_of([*CALL, recalled, CALL[1]], registry)
    assert call.claims == ["c0", "c1", "c2", "c4"] and background.claims == ["c3"]


def test_a_claim_dated_by_a_year_alone_is_not_part_of_an_undated_call(registry) -> None:
    undated = [(CALL[0][0].replace(" mardi", ""), "US"), CALL[1]]
    verdict = ("En 2019, un tribunal russe l'avait condamné à treize ans de prison, selon son avocat.", "US")
    article, sentences, claims = article_of([*undated, verdict])
    call, background = segment_events(article.model_copy(update={"published": None}), sentences, claims, registry)
    assert call.claims == ["c0", "c1"] and call.day is None
    assert background.claims == ["c2"] and background.day == Day(2019, None, None)


def test_the_other_party_named_after_being_described_joins_the_event(registry) -> None:
    described = ("Le chef du Pentagone s'est entretenu mardi avec un haut responsable russe, selon Washington.", "US")
    austin = ("M. Austin a souligné l'importance de maintenir le dialogue, a indiqué le Pentagone.", "US")
    both = ("Andreï Belousov a répondu à Lloyd Austin que Moscou restait ouvert, selon le ministère russe.", "RU")
    [call] = events_of([described, austin, both], registry)
    assert call.claims == ["c0", "c1", "c2"] and call.core() == {AUSTIN, BELOUSOV}


def test_undated_accounts_of_one_exchange_between_the_same_people_match() -> None:
    french = local(AUSTIN, BELOUSOV, kind="call", topic=("livrai", "armes"))
    english = stored("ev", AUSTIN, BELOUSOV, day=None, topic=("weapon", "delive"))
    assert match_score(french, english) >= SETTINGS.merge_score
    assert match_score(french, stored("ev", AUSTIN, BELOUSOV, kind="meeting", day=None)) == 0.0
    assert match_score(french, stored("ev", AUSTIN, BELOUSOV, LAVROV, day=None, topic=("weapon",))) == 0.0
    dated = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, topic=("livrai", "armes"))
    assert match_score(dated, english) == 0.0  # one dated account: the subject must match too


@pytest.mark.parametrize(
    ("day", "shown"),
    [(Day(None, 6, 25), "25 June"), (Day(None, 6, None), "June"), (Day(2024, 6, 25), "2024-06-25")],
)
def test_a_label_never_shows_a_yearless_iso_date(day: Day, shown: str, registry) -> None:
    label = label_for(local(AUSTIN, BELOUSOV, kind="call", day=day), registry)
    assert label == f"Belousov–Austin call, {shown}" and "--" not in label


def test_a_merge_relabels_the_event_with_the_completed_date(registry) -> None:
    earlier = stored("ev-1", AUSTIN, BELOUSOV, day="--06-25")
    merged = merge_event(earlier, local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY), "art-2", registry)
    assert merged.label == "Belousov–Austin call, 2024-06-25"


def test_a_weekday_in_an_undated_article_matches_a_stored_date_of_that_weekday() -> None:
    tuesday = local(AUSTIN, BELOUSOV, kind="call", day=Day(weekday=1), topic=("livrai",))  # "mardi", no date
    assert match_score(tuesday, stored("ev", AUSTIN, BELOUSOV, day="2024-06-25")) >= SETTINGS.merge_score
    assert match_score(tuesday, stored("ev", AUSTIN, BELOUSOV, day="2024-06-26")) >= SETTINGS.merge_score  # time zones
    assert match_score(tuesday, stored("ev", AUSTIN, BELOUSOV, day="2024-06-28")) == 0.0  # a Friday
    assert match_score(tuesday, stored("ev", AUSTIN, BELOUSOV, day=None)) >= SETTINGS.merge_score  # both undated
    assert label_for(tuesday, load_registry()) == "Belousov–Austin call"


def test_a_statement_dated_a_month_before_the_event_is_background() -> None:
    from crosscheck.signature import month_named

    assert month_named("the minister warned in october that", date(2026, 11, 18)) == Day(2026, 10, None)
    assert month_named("le ministre avait averti en decembre que", date(2026, 11, 18)) == Day(2025, 12, None)
    assert month_named("the floods of october 12", date(2026, 11, 18)) is None


def test_one_shared_participant_the_same_day_joins_when_no_other_country_comes_in(registry) -> None:
    side_of = participant_side(registry)
    call = local(BLINKEN, "person.joe-biden", LAVROV, kind="call", day=Day(2024, 6, 25))
    same_countries = stored("ev", BLINKEN, "person.vladimir-putin")
    other_country = stored("ev", BLINKEN, WANG)
    assert match_score(call, same_countries, side_of=side_of) >= SETTINGS.merge_score
    assert match_score(call, same_countries) == 0.0  # without knowing the countries, nothing joins them
    assert match_score(call, other_country, side_of=side_of) == 0.0


def test_an_incident_joins_an_account_that_names_no_participant_at_the_incident_threshold() -> None:
    clash = local(LAVROV, kind="attack", salient=("krabey",), topic=("artill", "mines"))
    statement = stored("ev", kind="statement", day="2024-06-25", salient=("krabey",), topic=("artill", "mines"))
    assert best_match(clash, [statement]) is statement
    meeting = stored("ev2", LAVROV, WANG, kind="meeting", day="2024-06-25", salient=("krabey",))
    assert best_match(clash, [meeting]) is None


# --- two accounts naming different people ---------------------------------------


def test_two_accounts_of_one_exchange_naming_different_people_join_when_close_and_their_countries_fit(
    registry,
) -> None:
    """A third outlet names both ministers; the Russian readout named Belousov and the
    Kremlin: one country in common and the other account's countries within."""
    side_of = participant_side(registry)
    both = local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY, salient=("ukraine",))
    russian = stored("ev", BELOUSOV, PUTIN, salient=("ukraine",))
    assert match_score(both, russian, cosine=0.7, side_of=side_of) >= SETTINGS.merge_score
    assert match_score(both, russian, cosine=0.4, side_of=side_of) == 0.0  # not the same subject
    assert match_score(both, russian, cosine=0.7) == 0.0  # no sides known: nothing to check the countries with
    assert match_score(local(AUSTIN, BELOUSOV, kind="call", day=CALL_DAY), russian, cosine=0.7, side_of=side_of) < (
        SETTINGS.merge_score
    )  # nothing named in common
    undated = local(AUSTIN, BELOUSOV, kind="call", salient=("ukraine",))
    assert match_score(undated, russian, cosine=0.7, side_of=side_of) == 0.0


def test_one_side_s_account_joins_the_other_s_when_it_names_that_country_as_counterpart(registry) -> None:
    side_of = participant_side(registry)
    american = stored("ev", BELOUSOV, PUTIN, salient=("ukraine",))
    named = local(AUSTIN, kind="call", day=CALL_DAY, counterparts=("RU",), salient=("ukraine",))
    assert match_score(named, american, cosine=0.7, side_of=side_of) >= SETTINGS.merge_score
    unnamed = local(AUSTIN, kind="call", day=CALL_DAY, counterparts=("CN",), salient=("ukraine",))
    assert match_score(unnamed, american, cosine=0.7, side_of=side_of) == 0.0


def test_two_bilaterals_of_one_leader_the_same_day_stay_apart(registry) -> None:
    """At a summit a leader meets several others the same day: one person in
    common is not enough when the other countries differ."""
    side_of = participant_side(registry)
    with_china = local(AUSTIN, WANG, kind="meeting", day=CALL_DAY, salient=("jakarta",))
    with_russia = stored("ev", AUSTIN, LAVROV, kind="meeting", salient=("jakarta",))
    assert match_score(with_china, with_russia, cosine=0.9, side_of=side_of) == 0.0


def test_an_undated_article_s_dateline_makes_another_month_s_statement_background(registry) -> None:
    """ "WASHINGTON, June 25 – …spoke on Tuesday…": the exchange is dated by
    weekday alone; "said on April 2" is not its day."""
    lede = ("WASHINGTON, Jun 25 (Reuters) - " + CALL[0][0].replace(" mardi", " mardi dernier"), "US")
    earlier = ("M. Belousov a déclaré le 2 avril que la Russie ne céderait pas, selon le ministère russe.", "RU")
    article, sentences, claims = article_of([lede, CALL[1], earlier])
    call, background = segment_events(article.model_copy(update={"published": None}), sentences, claims, registry)
    assert call.claims == ["c0", "c1"] and background.claims == ["c2"]
    no_dateline = [(CALL[0][0].replace(" mardi", " mardi dernier"), "US"), CALL[1], earlier]
    article, sentences, claims = article_of(no_dateline)
    [alone] = segment_events(article.model_copy(update={"published": None}), sentences, claims, registry)
    assert alone.claims == ["c0", "c1", "c2"]  # without a date of its own, nothing tells the statement apart


def test_narration_that_opens_an_earlier_exchange_dates_it_and_keeps_what_was_said_of_it(registry) -> None:
    earlier = ("M. Austin et M. Belousov s'étaient déjà entretenus au téléphone le 13 mai.", None)
    said_then = ("Le Pentagone avait alors indiqué que l'appel avait duré une heure.", "US")
    article, sentences, claims = article_of([*CALL, earlier, said_then])
    main, before = segment_events(article, sentences, claims, registry)  # the narration line carries no claim
    assert main.claims == ["c0", "c1", "c2"]
    assert before.claims == ["c4"] and before.background and before.day == Day(2024, 5, 13)
