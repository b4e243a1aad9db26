"""What makes a long article's attribution fast must not change a claim: the
split of an article between two processes, and the caches the rules share.
The article below is generated from sentences written for this test, its
people invented."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from crosscheck.actors import Resolution, load_registry
from crosscheck.analyse import analyse_document
from crosscheck.attribute import ArticleAttribution, context, dedupe, split
from crosscheck.attribute.context import Discourse
from crosscheck.attribute.engine import SentenceAttributor
from crosscheck.attribute.lexicon import load_lexicon
from crosscheck.readers import Document
from crosscheck.settings import SizeLimits
from crosscheck.textnorm import fold, tokens

DAY = date(2025, 6, 2)
PEOPLE = ["Tovo Rakotobe", "Lina Marov", "Oskar Vendt", "Jaro Pellin", "Mira Santal", "Emil Gorra"]
SPEAKERS = ["le Kremlin", "le Pentagone", "la présidence ukrainienne", "le ministère chinois des Affaires étrangères"]
TOPICS = ["les convois de céréales", "la ligne de front", "les droits de douane", "un échange de prisonniers"]
TEMPLATES = [
    "{Speaker} a déclaré que {topic} resteraient au centre des discussions.",
    "« Nous ne céderons rien sur {topic} », a affirmé {speaker} {day}.",
    "Selon {speaker}, la réunion sur {topic} aura lieu {day}.",
    "Le ministre malgache des Affaires étrangères, {person}, a reçu {day} une délégation.",
    "{surname} a précisé que {topic} avaient été évoqués.",
    "« La porte reste ouverte », a-t-il ajouté.",
    "La ministre kényane de la Défense {person} a jugé que {topic} posaient problème.",
    "Elle a ajouté que la situation restait tendue.",
    "Les discussions sur {topic} ont duré {n} heures.",
    "{n} camions ont franchi la frontière {day}, a indiqué {speaker}.",
]


def generated_article(sentences: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs, count = ["Négociations : une longue journée", "Publié le 2 juin 2025"], 0
    while count < sentences:
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(sentence(rng) for _ in range(size)))
        count += size
    return "\n\n".join(paragraphs) + "\n"


def sentence(rng: random.Random) -> str:
    person, speaker = rng.choice(PEOPLE), rng.choice(SPEAKERS)
    return rng.choice(TEMPLATES).format(
        person=person,
        surname=person.split()[-1],
        speaker=speaker,
        Speaker=speaker[0].upper() + speaker[1:],
        topic=rng.choice(TOPICS),
        day=rng.choice(["lundi", "mardi", "jeudi"]),
        n=rng.randint(2, 90),
    )


def analysed(text: str):
    doc = Document(id="long", text=text, path=Path("long.txt"), format="txt", meta={"lang": "fr"})
    article, sentences = analyse_document(doc)
    return article.model_copy(update={"published": DAY}), sentences


@pytest.fixture
def short_memory(monkeypatch):
    """A look-back of 40 mentions, so that an article of a few hundred sentences is long enough to split."""
    limits = SizeLimits(discourse_mentions=40)
    monkeypatch.setattr(context, "LIMITS", limits)
    monkeypatch.setattr(split, "LIMITS", limits)


def one_process(article, sentences) -> list:
    return dedupe(ArticleAttribution(article, sentences, load_registry()).run(sentences))


def test_the_two_halves_give_the_claims_of_one_process(short_memory) -> None:
    article, sentences = analysed(generated_article(700))
    expected = one_process(article, sentences)
    claims, used = split.attribute_halves(ArticleAttribution(article, sentences, load_registry()), sentences, 250)
    assert used, "the child's discourse should have matched the parent's after 250 sentences"
    assert dedupe(claims) == expected
    assert len(expected) > 150


def test_a_child_whose_discourse_differs_is_not_used(short_memory) -> None:
    # A minister introduced at the top, then named by surname alone: two sentences of overlap cannot tell the
    # child who "Rakotobe" is, so its claims would lack his side; the parent attributes the half itself.
    filler = "Les discussions sur les convois ont duré {n} heures."
    said = "Rakotobe a déclaré que les convois reprendraient dans {n} jours."
    body = [(said if n % 10 == 9 else filler).format(n=n) for n in range(300)]
    text = "Le ministre malgache des Affaires étrangères, Tovo Rakotobe, a reçu lundi une délégation.\n\n"
    article, sentences = analysed(text + "\n\n".join(" ".join(body[k : k + 3]) for k in range(0, 300, 3)))
    expected = one_process(article, sentences)
    assert {c.side for c in expected} == {"MG"}
    half = (len(sentences) + 2) // 2
    unchecked = split.second_half(ArticleAttribution(article, sentences, load_registry()), sentences, half, 2)
    assert unchecked.claims != [c for c in expected if c.start >= sentences[half].start]
    claims, used = split.attribute_halves(ArticleAttribution(article, sentences, load_registry()), sentences, 2)
    assert not used
    assert dedupe(claims) == expected


def test_a_woman_titled_before_the_overlap_is_known_to_the_child(short_memory, monkeypatch) -> None:
    # "La ministre" at the top makes Santal a woman for the whole article; her later appositions do not say
    # so, and "Elle" resolves through it. The child reads the titles before its overlap, so its half is used.
    filler = "Les discussions entre le Kremlin et le Pentagone ont duré {n} heures."
    again = "Mira Santal, ministre kényane de la Défense, a visité le port {n} fois."
    said = "Elle a déclaré que les convois reprendraient dans {n} jours."
    body = [(again if n % 20 == 5 else said if n % 20 == 6 else filler).format(n=n) for n in range(300)]
    text = "La ministre kényane de la Défense Mira Santal a reçu lundi une délégation.\n\n"
    article, sentences = analysed(text + "\n\n".join(" ".join(body[k : k + 3]) for k in range(0, 300, 3)))
    expected = one_process(article, sentences)
    assert {c.actor for c in expected} == {"unknown.ke.mira-santal"} and len(expected) == 15
    claims, used = split.attribute_halves(ArticleAttribution(article, sentences, load_registry()), sentences, 30)
    assert used and dedupe(claims) == expected
    monkeypatch.setattr(ArticleAttribution, "learn_titles", lambda self, sentences: None)
    claims, used = split.attribute_halves(ArticleAttribution(article, sentences, load_registry()), sentences, 30)
    assert not used and dedupe(claims) == expected


def test_a_failing_child_leaves_the_parent_to_finish(short_memory, monkeypatch) -> None:
    def broken(*args):
        raise RuntimeError("the child fails")

    monkeypatch.setattr(split, "second_half", broken)
    article, sentences = analysed(generated_article(300, seed=5))
    claims, used = split.attribute_halves(ArticleAttribution(article, sentences, load_registry()), sentences, 100)
    assert not used
    assert dedupe(claims) == one_process(article, sentences)


def test_a_read_of_an_office_learned_before_the_overlap_is_caught() -> None:
    actor = "unknown.mg.tovo-rakotobe"
    child = Discourse(load_registry(), DAY)
    state = split.state_of(attribution_with(child))
    reads = split.Reads()
    child.roles = split.RecordingDict(child.roles, reads, "roles")
    assert child.roles.get(actor) is None
    assert reads.keys == {("roles", actor)} and not reads.whole
    second = split.SecondHalf([], state, reads)
    knows = Discourse(load_registry(), DAY, roles={actor: "foreign_minister"})
    assert not split.consistent(attribution_with(knows), second)
    assert split.consistent(attribution_with(Discourse(load_registry(), DAY)), second)


def attribution_with(discourse: Discourse):
    attribution = ArticleAttribution.__new__(ArticleAttribution)
    attribution.discourse, attribution.previous = discourse, None
    attribution.attributor = SentenceAttributor(load_lexicon("fr"), discourse)
    return attribution


# --- caches -------------------------------------------------------------------


def person(name: str) -> Resolution:
    return Resolution(f"unknown.xx.{fold(name).replace(' ', '-')}", "XX", "person", name, False)


def scanned(discourse: Discourse, surname: str, position: int) -> Resolution | None:
    """person_named by a plain scan over the look-back window."""
    for mention in list(reversed(discourse.mentions))[: context.LIMITS.discourse_mentions]:
        words = fold(mention.resolution.name).split()
        if mention.position < position and mention.resolution.kind == "person" and surname in (words[0], words[-1]):
            return mention.resolution
    return None


def test_the_index_of_people_follows_added_replaced_and_shortened_mentions() -> None:
    discourse = Discourse(load_registry(), DAY)
    for number, name in enumerate(["Lina Marov", "Oskar Vendt", "Lina Pellin"]):
        discourse.note(person(name), number * 10, spoke=True)
    assert discourse.person_named("lina", 100) == scanned(discourse, "lina", 100) == person("Lina Pellin")
    assert discourse.person_named("lina", 15) == person("Lina Marov")
    discourse.note(person("Mira Vendt"), 40, spoke=False)
    assert discourse.person_named("vendt", 100) == person("Mira Vendt")
    del discourse.mentions[-2:]  # shortened in place
    assert discourse.person_named("lina", 100) == scanned(discourse, "lina", 100) == person("Lina Marov")
    discourse.mentions = [context.Mention(person("Emil Gorra"), 5, True)]  # replaced
    assert discourse.person_named("vendt", 100) is None
    assert discourse.person_named("gorra", 100) == person("Emil Gorra")


def test_the_look_back_limit_holds_for_the_index_of_people(monkeypatch) -> None:
    monkeypatch.setattr(context, "LIMITS", SizeLimits(discourse_mentions=3))
    discourse = Discourse(load_registry(), DAY)
    discourse.note(person("Jaro Pellin"), 0, spoke=True)
    for number in range(3):
        discourse.note(person("Emil Gorra"), 10 + number, spoke=True)
    assert discourse.person_named("pellin", 100) is None  # four mentions back: past the look-back
    assert scanned(discourse, "pellin", 100) is None


def test_the_registry_cache_is_emptied_past_its_character_budget(monkeypatch) -> None:
    from crosscheck import actors

    registry = load_registry()
    monkeypatch.setattr(actors, "FOUND_CACHE_CHARS", 200)
    registry._found.clear()
    registry._found_chars = 0
    texts = [f"Le Kremlin a répondu au Pentagone le {day} juin." for day in range(1, 12)]
    first = [registry.find(t) for t in texts]
    assert len(registry._found) < len(texts)  # the budget emptied it on the way
    assert [registry.find(t) for t in texts] == first
    assert [m.actor.id for m in first[0]] == [m.actor.id for m in registry._find(texts[0])]


def test_the_verb_scan_kept_for_a_sentence_is_not_served_for_another() -> None:
    discourse = Discourse(load_registry(), DAY)
    attributor = SentenceAttributor(load_lexicon("fr"), discourse)
    said = "Le ministre a déclaré que la réunion aurait lieu."
    other = "La réunion aura lieu mardi, a ajouté le ministre."
    hits = attributor.verb_hits(tokens(said), fold(said), [])
    assert [h.form.lemma for h in hits] == ["déclarer"]
    assert [h.form.lemma for h in attributor.verb_hits(tokens(other), fold(other), [])] == ["ajouter"]
    assert attributor.verb_hits(tokens(said), fold(said), [(0, 40)]) == ()  # inside a quotation now


def test_matches_found_in_a_child_are_kept_by_the_parent_registry(monkeypatch) -> None:
    from crosscheck.actors import Registry, builtin_data

    child, parent = Registry(*builtin_data()), Registry(*builtin_data())
    texts = ["Le Kremlin a répondu au Pentagone mardi.", "Selon Pékin, la visite est reportée.", "Rien de neuf."]
    before = child.found_count()
    found = [child.find(t) for t in texts]
    entries = child.found_since(before)
    assert [text for text, _ in entries] == texts
    parent.keep_found(entries)
    monkeypatch.setattr(parent, "_find", lambda text: pytest.fail(f"looked up again: {text}"))
    assert [[(m.actor.id, m.start, m.end) for m in parent.find(t)] for t in texts] == [
        [(m.actor.id, m.start, m.end) for m in f] for f in found
    ]
    assert all(m.actor is parent.actors[m.actor.id] for t in texts for m in parent.find(t))
