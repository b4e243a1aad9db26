"""What the divergence stages know of each claim of an event: its view.

A `View` holds a claim's content, salient stems and concepts, numbers,
negation and denial, the initiator it names, the countries it names as
places, whether it states a demand or only reports the exchange itself
(`meta`) or a joint outcome, and how much it is a participant's account of
the exchange. The helpers that rank accounts (`central`), name the event's
subject and test agreement work on views only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from crosscheck.lang import all_languages, alternation, union
from crosscheck.models import Claim, Event, Polarity
from crosscheck.settings import DivergenceSettings
from crosscheck.signature import STEM, topic_stems
from crosscheck.textnorm import fold

DEFAULTS = DivergenceSettings()
NEGATED = re.compile(rf"\b(?:{alternation('negation_cues')})\b")
DENIAL_WORDS = re.compile(rf"\b(?:{alternation('denial_cues')})\b")
OMISSION = re.compile(rf"\b(?:{alternation('omission_cues')})\b")
POSSESSIVE_REQUESTS = [
    lang.possessive_request.replace("{who}", rf"(?P<who{n}>[\w-]+)")
    for n, lang in enumerate((lang for lang in all_languages() if lang.possessive_request), start=2)
]
INITIATOR = re.compile(
    rf"\b(?:{alternation('request_phrases')})\s+(?:(?:{alternation('request_adjectives')})\s+)?"
    rf"(?:{alternation('request_links')})?"
    r"(?P<who>(?:[^,.;«»\"]|\.(?=\w)){2,40})|" + "|".join(POSSESSIVE_REQUESTS)
)
# A number beside an acronym names something ("UNCLOS 1982", "the 1982 UN Convention", "COP 31"): not a figure two
# versions can differ on.
NUMBER = re.compile(r"(?<![A-Z]{2} )\b\d+(?:[.,]\d+)?\b(?! [A-Z]{2})")
META_STEMS = frozenset(
    word[:STEM]
    for word in union("meta_words")
    | {w for lang in all_languages() for w in (*lang.weekdays, *lang.month_names, *lang.number_words, *lang.time_units)}
)
BOTH_PARTICIPANTS = rf"\b(?:{alternation('both_words')}) (?:{alternation('participant_nouns')})"
JOINT_OUTCOME = re.compile(rf"{BOTH_PARTICIPANTS} (?:{alternation('joint_outcome_verbs')})\b")
RELAY_ID_PREFIXES = ("outlet.",)
DEMAND = re.compile(alternation("demand_cues"))
EXCHANGE_HELD = re.compile(alternation("exchange_held"))
CONCEPT_OF = {
    fold(word)[:STEM]: concept
    for lang in all_languages()
    for concept, words in lang.concepts.items()
    for word in words.split()
}
QUESTION_LEAD = re.compile(rf"\b(?:{alternation('question_leads')})\b(?P<topic>[^,;:]*)")
SPEECH_IN_CONTENT = re.compile(alternation("reported_speech"))
PARTICIPANT_REF = re.compile(
    rf"\b(?:{alternation('both_words')}) (?:{alternation('participant_nouns')})\b"
    rf"|\b(?:{alternation('definite_articles')}) (?:{alternation('leader_titles')})\b"
)
DEMONSTRATIVE = re.compile(rf"\b(?:{alternation('demonstratives')}) (?:{alternation('claim_nouns')})\b")
MIN_CENTRAL_STEMS = 3
OTHER_SUBJECT = re.compile(r"\s+(?:[a-z]+\s+)?")  # a country, then at most one word ("has"), then the denial word


@dataclass
class View:
    """What the comparison needs of a claim."""

    claim: Claim
    content: str
    stems: set[str]
    negated: bool
    denial: bool
    numbers: set[str]
    vector: np.ndarray | None = None
    initiator: str | None = None  # the country said to have asked for the exchange
    account: float = 0.0  # how much the claim reports the exchange's substance
    meta: bool = False  # it only reports the exchange itself (that it took place, its length, its tone)
    joint: bool = False  # it reports what both participants agreed or decided: no one side's stress
    places: dict[str, str] = field(default_factory=dict)  # country code -> its name as the claim writes it
    demand: bool = False  # it states a demand, condition, warning or proposal
    lang: str | None = None  # its article's language
    # What the pair stages work out from the view alone (propositions, scope words), once per view rather than
    # once per pair: a new article's claims meet up to `max_compared` remembered ones each.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def concepts(self) -> set[str]:
        """Its salient stems, those of a concept named across languages replaced by the concept."""
        return {CONCEPT_OF.get(stem, stem) for stem in self.stems - META_STEMS}

    @property
    def relay(self) -> bool:
        return (self.claim.actor or "").startswith(RELAY_ID_PREFIXES)


def view_of(claim: Claim, text: str, names: set[str], settings: DivergenceSettings, registry=None) -> View:
    view = plain_view(claim, text, names, settings, registry)
    view.initiator = initiator(claim.text, registry)
    view.places = countries_named(claim.text, registry)
    view.account = account_score(view, names)
    return view


def plain_view(claim: Claim, text: str, names: set[str], settings: DivergenceSettings, registry=None) -> View:
    content = text[claim.content_start : claim.content_end] or claim.text
    folded = fold(content)
    whole = fold(claim.text)
    stems = topic_stems(content, registry, names) | topic_stems(asked_about(whole), registry, names)
    demand = bool(DEMAND.search(whole))
    held = bool(EXCHANGE_HELD.search(whole)) and not demand  # "X spoke with Y": the exchange, not its substance
    return View(
        claim=claim,
        content=content,
        stems=stems,
        negated=bool(NEGATED.search(folded)),
        denial=claim.polarity is Polarity.DENIAL or denies(content, claim.side, registry),
        numbers=set(NUMBER.findall(content)),
        meta=held or len(stems - META_STEMS) < settings.min_salient,
        joint=bool(JOINT_OUTCOME.search(whole)),
        demand=demand,
    )


def denies(content: str, side: str | None, registry=None) -> bool:
    """Whether the content holds a denial word its own source says, not one
    whose subject is another country ("une offre que New Delhi rejette":
    India rejects it, not the Pakistani minister who made the offer)."""
    folded = fold(content)
    denials = list(DENIAL_WORDS.finditer(folded))
    if not denials:  # no denial word: the country mentions are not needed
        return False
    ends = [end for code, _, _, end in registry.country_mentions(content) if code != side] if registry else []
    return any(
        not any(OTHER_SUBJECT.fullmatch(folded[end : match.start()]) for end in ends if end <= match.start())
        for match in denials
    )


def asked_about(folded: str) -> str:
    """The topic of the question a claim answers, if it says ("asked about the nuclear file, …")."""
    match = QUESTION_LEAD.search(folded)
    return match.group("topic") if match else ""


def initiator(text: str, registry) -> str | None:
    """The country that asked for or initiated the exchange, when the claim says."""
    match = INITIATOR.search(fold(text))
    if not match or registry is None:
        return None
    start, end = match.span(next(name for name, value in match.groupdict().items() if value))
    return registry.country_of(text[start:end])


def account_score(view: View, names: set[str]) -> float:
    """Claims where a participant speaks or is reported speaking in the
    exchange ("Choïgou a répondu que…", "Hegseth urged Dong…") are the
    accounts whose emphases are compared."""
    folded = fold(view.claim.text)
    pattern = names_pattern(frozenset(names))
    named = pattern is not None and pattern.search(folded) or PARTICIPANT_REF.search(folded)
    score = 2.0 if named else 0.0
    score += 1.0 if SPEECH_IN_CONTENT.search(folded) or view.claim.verb else 0.0
    score += 0.5 if view.claim.speech.value == "direct" else 0.0
    return score + min(len(view.stems), 10) / 10


@lru_cache(maxsize=64)
def names_pattern(names: frozenset[str]) -> re.Pattern | None:
    """One pattern for any of the names as a whole word (an event's names, once for all its claims)."""
    return re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in sorted(names))})\b") if names else None


def central(views: list[View], limit: int, minimum: float, joint: bool = False) -> set[int]:
    """The `limit` best accounts of each side (with `joint`, joint outcomes count)."""
    chosen: set[int] = set()
    for side in {v.claim.side for v in views}:
        ranked = sorted(
            (
                v
                for v in views
                if v.claim.side == side
                and v.account >= minimum
                and not (v.relay or v.meta or v.joint and not joint)
                and len(v.stems) >= MIN_CENTRAL_STEMS
            ),
            key=lambda v: (-v.account, v.claim.start),
        )
        chosen |= {id(v) for v in ranked[:limit]}
    return chosen


def countries_named(text: str, registry) -> dict[str, str]:
    """The countries a claim names as places (by name, demonym or capital, not by
    a seat of government such as "the Foreign Office", which many countries
    have), each with the words that name it."""
    if registry is None:
        return {}
    found: dict[str, str] = {}
    for code, words, start, end in registry.country_mentions(text):
        if words not in registry.seat_words and code not in found:
            found[code] = text[start:end]
    return found


def event_subject(views: list[View], settings: DivergenceSettings) -> frozenset[str]:
    """The stems that name what the whole event is about ("Mercosur" at a
    Mercosur meeting): in at least `subject_share` of its claims. Two claims
    that share only these speak of the event, not of one slot of it."""
    if len(views) < settings.subject_min_claims:  # in a handful of claims, every shared word looks like one
        return frozenset()
    counts = Counter(stem for v in views for stem in v.stems)
    return frozenset(stem for stem, n in counts.items() if n >= settings.subject_share * len(views))


def agree(a: View, b: View, settings: DivergenceSettings) -> bool:
    if len(a.stems & b.stems) >= settings.agree_shared:
        return True
    if a.vector is not None and b.vector is not None:
        return float(a.vector @ b.vector) >= settings.agree_cosine
    return False


def cosine(a: View, b: View) -> float:
    return float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0


def concept_words(text: str) -> list[tuple[str, int, int, str]]:
    """Each word of a text as (its concept or stem, start, end, folded word)."""
    folded = fold(text)
    return [
        (CONCEPT_OF.get(m.group()[:STEM], m.group()[:STEM]), m.start(), m.end(), m.group())
        for m in re.finditer(r"[a-z]+", folded)
    ]


def same_sentence(a: Claim, b: Claim) -> bool:
    return a.article_id == b.article_id and (a.start <= b.start < a.end or b.start <= a.start < b.end)


def short(text: str, limit: int = 80) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def participant_names(event: Event, registry) -> set[str]:
    """Name words of the event's participants, in every spelling the registry knows."""
    names = set()
    for person in event.participants:
        actor = registry.get(person)
        if actor:
            for alias in [actor.name, *actor.aliases]:
                names |= name_words(alias)
        elif person.startswith("name:"):
            names |= name_words(person[5:].replace("-", " "))
    return names


def name_words(name: str) -> set[str]:
    """The words of a name as salient stems see them ("jae-myung": "jae", "myung"; short names such as "Dar" too)."""
    return set(re.findall(r"[a-z]{3,}", fold(name)))
