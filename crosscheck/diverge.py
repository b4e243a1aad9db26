"""Flag divergent versions inside each event.

Pairs are compared only across sides (and, for omissions, across readouts);
a pair is flagged as
  denial        one side refutes or denies what the other said;
  contradiction incompatible facts: one version negates what the other
                asserts about the same thing, or gives other numbers;
  omission      the text says one readout leaves out a topic another covers;
  framing       both report the substance of the exchange but stress
                different things.
`crosscheck.points` groups these pairs into points (one way the versions part).
Versions that agree (they name the same initiator, share the same salient
facts, or their embeddings are close) are not flagged: they are kept as
agreements, which reports show quietly. Thresholds live in `DivergenceSettings`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from crosscheck.lang import all_languages, alternation, union
from crosscheck.models import AGREEMENT, Claim, Divergence, DivergenceKind, Event, Polarity
from crosscheck.settings import DivergenceSettings
from crosscheck.signature import STEM, topic_stems
from crosscheck.textnorm import fold

if TYPE_CHECKING:
    from crosscheck.draft import Draft

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
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
META_STEMS = frozenset(
    word[:STEM]
    for word in union("meta_words")
    | {w for lang in all_languages() for w in (*lang.weekdays, *lang.month_names, *lang.number_words, *lang.time_units)}
)
BOTH_PARTICIPANTS = rf"\b(?:{alternation('both_words')}) (?:{alternation('participant_nouns')})"
JOINT_OUTCOME = re.compile(rf"{BOTH_PARTICIPANTS} (?:{alternation('joint_outcome_verbs')})\b")
RELAY_ID_PREFIXES = ("outlet.",)
OMISSION_KIND = DivergenceKind.OMISSION.value
DEMAND = re.compile(alternation("demand_cues"))
EXCHANGE_HELD = re.compile(alternation("exchange_held"))
CONCEPT_OF = {
    fold(word)[:STEM]: concept
    for lang in all_languages()
    for concept, words in lang.concepts.items()
    for word in words.split()
}
AND_WORDS = union("and_words")
RESTRICTED = re.compile(rf"\b(?:{alternation('restriction_cues')})\b")
COVERED = re.compile(rf"\b(?:{alternation('coverage_cues')})\b")
QUESTION_LEAD = re.compile(rf"\b(?:{alternation('question_leads')})\b(?P<topic>[^,;:]*)")


def pair_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return "dv-" + hashlib.sha1(f"{first}|{second}".encode()).hexdigest()[:12]


def pair_of(event_id: str, a: str, b: str, kind: str, score: float, evidence: str, **extra) -> Divergence:
    """A compared pair of two claim ids, in the stored order (the smaller id first)."""
    first, second = sorted((a, b))
    return Divergence(
        id=pair_id(first, second),
        event_id=event_id,
        a=first,
        b=second,
        kind=kind,
        score=score,
        evidence=evidence,
        **extra,
    )


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
        denial=claim.polarity is Polarity.DENIAL or bool(DENIAL_WORDS.search(folded)),
        numbers=set(NUMBER.findall(content)),
        meta=held or len(stems - META_STEMS) < settings.min_salient,
        joint=bool(JOINT_OUTCOME.search(whole)),
        demand=demand,
    )


def asked_about(folded: str) -> str:
    """The topic of the question a claim answers, if it says ("asked about the nuclear file, …")."""
    match = QUESTION_LEAD.search(folded)
    return match.group("topic") if match else ""


def answered_claim(denier: View, views: list[View]) -> View | None:
    """The claim a denial answers when it does not quote it: among the earlier
    claims of another side in the same article, the closest in substance
    (shared stems, then embedding similarity), else the nearest. A denial told
    first (a headline, "X dismissed reports that…" before the other side's
    version) answers the closest later one."""
    others = [v for v in views if v.claim.article_id == denier.claim.article_id and v.claim.side != denier.claim.side]
    earlier = [v for v in others if v.claim.start < denier.claim.start]
    if not earlier:  # a later claim answered must be another country's, not a source of no known side
        later = [v for v in others if v.claim.side]
        return max(later, key=lambda v: (closeness(denier, v), -v.claim.start), default=None)
    if DEMONSTRATIVE.search(fold(denier.claim.text)):  # "a réfuté ces affirmations": the ones just reported
        return max(earlier, key=lambda v: v.claim.start)

    return max(earlier, key=lambda v: (closeness(denier, v), v.claim.start))


def closeness(denier: View, view: View) -> float:
    return len(view.stems & denier.stems) + cosine(view, denier)


def denial_targets(denier: View, views: list[View], settings: DivergenceSettings) -> set[int]:
    """What a denial answers: in its own article, the claim it quotes or
    points at (same sentence, "ces affirmations", else the closest earlier
    one); in each other article, the other side's claims closest in
    substance (most shared stems, at least `agree_shared`). One article's
    targets do not depend on the others, so incremental runs agree with full ones."""
    others = [v for v in views if v.claim.side != denier.claim.side and v is not denier]
    own = {id(v) for v in others if same_sentence(denier.claim, v.claim)}
    if not own and (answered := answered_claim(denier, views)) is not None:
        own.add(id(answered))
    best: dict[str, tuple[int, set[int]]] = {}
    for view in others:
        shared = len(denier.stems & view.stems)
        if view.denial or shared < settings.agree_shared or view.claim.article_id == denier.claim.article_id and own:
            continue
        top, ids = best.get(view.claim.article_id, (0, set()))
        if shared > top:
            best[view.claim.article_id] = (shared, {id(view)})
        elif shared == top:
            ids.add(id(view))
    return own.union(*(ids for _, ids in best.values()))


def find_divergences(
    event: Event,
    views: list[View],
    settings: DivergenceSettings,
    participant_sides: set[str] | None = None,
    nli=None,
    focus: set[str] | None = None,
) -> list[Divergence]:
    """Flagged pairs among one event's claims (with `focus`, only pairs that
    involve one of those claim ids). `participant_sides` are the
    countries of the event's participants; claims of other sides (a third
    country's outlet, say) are compared only for denials."""
    voices = Counter(v.claim.side for v in views if not v.relay and v.claim.side)
    sides = participant_sides if participant_sides and len(participant_sides) >= 2 else set(voices)
    if len(sides) > 2 and len(voices) > 2:  # a host or a third country commenting: not one of the two versions
        second = sorted(voices.values(), reverse=True)[1]
        sides = {side for side in sides if voices[side] >= second}
    targets = {id(v): denial_targets(v, views, settings) for v in views if v.denial}
    exchange = event.kind in ("call", "meeting")
    central_ids = central(
        views,
        settings.accounts_per_side if exchange else settings.positions_per_side,
        settings.min_account if exchange else 0.0,
    )
    subject = event_subject(views, settings)
    found: dict[str, Divergence] = {}
    for a, b in combinations(views, 2):
        if a.claim.side == b.claim.side or focus is not None and not {a.claim.id, b.claim.id} & focus:
            continue
        result = compare(a, b, sides, settings, targets, central_ids, nli, subject)
        if result:
            kind, score, evidence = result
            pair = pair_of(event.id, a.claim.id, b.claim.id, kind, round(score, 3), evidence)
            found[pair.id] = pair
    if exchange and len(sides) == 2:
        left_out, demands = silent_demands(event, views, sides, settings, focus, subject)
        aligned = topic_framings(event, views, sides, settings, focus)
        specific = [p for p in found.values() if p.evidence.startswith(SCOPE)]  # one measure, told two ways
        on_topic = {x for pair in [*aligned, *specific] for x in (pair.a, pair.b)}
        for pair_id_, pair in list(found.items()):  # a demand left out, or a claim on a topic the other side
            if pair.kind == DivergenceKind.FRAMING.value and {pair.a, pair.b} & (left_out | on_topic):  # answers
                del found[pair_id_]
        for pair in aligned:
            if pair.a not in left_out and pair.b not in left_out:
                found.setdefault(pair.id, pair)
        for pair in restricted_scope(event, views, sides, focus):
            if found.get(pair.id) is None or found[pair.id].kind in (AGREEMENT, DivergenceKind.FRAMING.value):
                found[pair.id] = pair
        for pair in [*silent_omissions(event, views, sides, settings, focus), *demands]:
            if found.get(pair.id) is None or found[pair.id].kind == DivergenceKind.FRAMING.value:
                found[pair.id] = pair  # more specific than a difference of stress
    return list(found.values())


def compare(
    a: View,
    b: View,
    sides: set,
    settings: DivergenceSettings,
    targets: dict[int, set[int]],
    central_ids: set[int],
    nli=None,
    subject: frozenset[str] = frozenset(),
) -> tuple[str, float, str] | None:
    """How two claims of different sides relate, if they are compared. A
    negation or other numbers contradict only on something both claims name
    beyond the event's `subject` (see `event_subject`)."""
    for denier, other in ((a, b), (b, a)):
        if denier.denial and denier.claim.side != other.claim.side and id(other) in targets[id(denier)]:
            return "denial", 0.85, f"{denier.claim.source} refutes: {short(denier.content)}"
    if a.relay and b.relay or not (a.claim.side and b.claim.side):
        return None
    if a.initiator and b.initiator:
        if a.initiator != b.initiator:
            return "contradiction", 0.8, f"who asked for it: {a.initiator} vs {b.initiator}"
        return AGREEMENT, 0.0, f"both say {a.initiator} asked for it"
    if a.claim.side not in sides or b.claim.side not in sides or a.relay or b.relay:
        return None
    if len(a.stems) < settings.min_salient or len(b.stems) < settings.min_salient:
        return None
    shared = a.stems & b.stems - subject
    if a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers) and shared:
        return (
            "contradiction",
            0.75,
            f"numbers differ: {', '.join(sorted(a.numbers))} vs {', '.join(sorted(b.numbers))}",
        )
    if scope := wider_scope(a, b) or wider_scope(b, a):
        return "contradiction", 0.75, f"{SCOPE}{scope[0]} vs {scope[1]}"
    if negated_on := opposed(a, b, subject):
        return "contradiction", 0.65, f"one version negates: {', '.join(sorted(negated_on))}"
    if id(a) not in central_ids or id(b) not in central_ids:
        return None
    if agree(a, b, settings):
        return AGREEMENT, 0.0, "same facts: " + ", ".join(sorted(a.stems & b.stems)[:6])
    if (
        nli is not None
        and (p := max(nli(a.content, b.content), nli(b.content, a.content))) >= settings.nli_contradiction
    ):
        return "contradiction", p, f"NLI: contradiction p={p:.2f}"
    if not same_topic(a, b, sides):  # two topics of one exchange, not two stresses of one
        return None
    return DivergenceKind.FRAMING.value, 0.6, f"{short(a.content, 60)} | {short(b.content, 60)}"


def opposed(a: View, b: View, subject: frozenset[str]) -> set[str]:
    """The concepts beyond the event's subject that one claim negates and the
    other asserts ("the reparations question is not closed" / "is settled"),
    whichever claims of the event they are. A claim that says a readout does
    not mention something is an omission, not a negation."""
    if a.negated == b.negated or OMISSION.search(fold(a.claim.text)) or OMISSION.search(fold(b.claim.text)):
        return set()
    return a.concepts & b.concepts - {CONCEPT_OF.get(stem, stem) for stem in subject}


def same_topic(a: View, b: View, sides: set) -> bool:
    """Whether two claims speak of one topic (the event's subject included:
    two stresses on it are framing): a concept, or a third country (not a
    participant's), in common."""
    return bool(a.concepts & b.concepts or (set(a.places) & set(b.places)) - sides)


def event_subject(views: list[View], settings: DivergenceSettings) -> frozenset[str]:
    """The stems that name what the whole event is about ("Mercosur" at a
    Mercosur meeting): in at least `subject_share` of its claims. Two claims
    that share only these speak of the event, not of one slot of it."""
    if len(views) < settings.subject_min_claims:  # in a handful of claims, every shared word looks like one
        return frozenset()
    counts = Counter(stem for v in views for stem in v.stems)
    return frozenset(stem for stem, n in counts.items() if n >= settings.subject_share * len(views))


SCOPE = "scope differs: "


def wider_scope(wide: View, narrow: View) -> tuple[str, str] | None:
    """One measure told with a wider scope: `wide` coordinates two terms
    ("energy and infrastructure") that `narrow` joins into one ("energy
    infrastructure", "infrastructures énergétiques"). Returns both wordings."""
    words = [w for w in concept_words(narrow.content) if w[3] in AND_WORDS or w[3][:STEM] in narrow.stems]
    joined = {
        frozenset((first[0], second[0])): (first[1], second[2])
        for first, second in zip(words, words[1:], strict=False)
        if first[0] != second[0]
    }
    coordinated = [w for w in concept_words(wide.content) if w[3] in AND_WORDS or w[3][:STEM] in wide.stems]
    for first, link, second in zip(coordinated, coordinated[1:], coordinated[2:], strict=False):
        if link[3] in AND_WORDS and (span := joined.get(frozenset((first[0], second[0])))):
            return wide.content[first[1] : second[2]], narrow.content[span[0] : span[1]]
    return None


def concept_words(text: str) -> list[tuple[str, int, int, str]]:
    """Each word of a text as (its concept or stem, start, end, folded word)."""
    folded = fold(text)
    return [
        (CONCEPT_OF.get(m.group()[:STEM], m.group()[:STEM]), m.start(), m.end(), m.group())
        for m in re.finditer(r"[a-z]+", folded)
    ]


def agree(a: View, b: View, settings: DivergenceSettings) -> bool:
    if len(a.stems & b.stems) >= settings.agree_shared:
        return True
    if a.vector is not None and b.vector is not None:
        return float(a.vector @ b.vector) >= settings.agree_cosine
    return False


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


def silent_omissions(
    event: Event, views: list[View], sides: set[str], settings: DivergenceSettings, focus: set[str] | None
) -> list[Divergence]:
    """A third country one side's account raises (Taiwan, Iran) that no claim of
    the other side names, when the event holds that side's readout: paired with
    the other side's leading account, which leaves it out."""
    leading = central(views, 1, settings.min_account, joint=True)  # a joint outcome is still that side's readout
    out = []
    for view in views:
        if view.claim.side not in sides or view.relay or view.meta or view.joint:
            continue
        raised = {code: name for code, name in view.places.items() if code not in sides}
        for other in sides - {view.claim.side}:
            theirs = [v for v in views if v.claim.side == other]
            named = set().union(*(v.places for v in theirs))
            missing = [name for code, name in raised.items() if code not in named]
            readout = next((v for v in theirs if id(v) in leading), None)
            if not missing or readout is None:
                continue
            if focus is not None and not {view.claim.id, readout.claim.id} & focus:
                continue
            evidence = f"{SILENT_OMISSION}{', '.join(missing)}"
            out.append(
                pair_of(
                    event.id, view.claim.id, readout.claim.id, OMISSION_KIND, settings.silent_omission_score, evidence
                )
            )
    return out


SILENT_OMISSION = "not in the other side's readout: "


def restricted_scope(event: Event, views: list[View], sides: set[str], focus: set[str] | None) -> list[Divergence]:
    """One side says the exchange was restricted to some topics ("limited to
    consular matters"), the other that it covered something those topics do
    not name ("all disputes, including Kashmir, were discussed")."""
    out = []
    for narrow in views:
        if narrow.claim.side not in sides or narrow.relay or not RESTRICTED.search(fold(narrow.claim.text)):
            continue
        for wide in views:
            if wide.claim.side in (narrow.claim.side, None) or wide.claim.side not in sides or wide.relay:
                continue
            if not COVERED.search(fold(wide.claim.text)) or not wide.concepts - narrow.concepts:
                continue
            if focus is not None and not {narrow.claim.id, wide.claim.id} & focus:
                continue
            evidence = f"{RESTRICTED_SCOPE}{short(narrow.content, 50)} | {short(wide.content, 50)}"
            out.append(
                pair_of(event.id, narrow.claim.id, wide.claim.id, DivergenceKind.CONTRADICTION.value, 0.7, evidence)
            )
    return out


RESTRICTED_SCOPE = "scope of the exchange differs: "


def silent_demands(
    event: Event,
    views: list[View],
    sides: set[str],
    settings: DivergenceSettings,
    focus: set[str] | None,
    subject: frozenset[str] = frozenset(),
) -> tuple[set[str], list[Divergence]]:
    """A demand, condition, warning or proposal one side's account states whose
    substance the other side's claims leave out, when the event holds that
    side's readout: paired with what that readout says was agreed (its joint
    outcome closest to the demand), else with its leading account closest to it. Returns
    the ids of the demands left out and the pairs."""
    leading = central(views, settings.accounts_per_side, settings.min_account)
    demands: set[str] = set()
    out = []
    for view in views:
        if view.claim.side not in sides or view.relay or view.meta or view.joint or not view.demand:
            continue
        substance = demand_substance(view)
        for other in sides - {view.claim.side}:
            theirs = [v for v in views if v.claim.side == other and not v.relay]
            if len(substance) < settings.min_salient or mentioned(view, substance, theirs, settings):
                continue
            if any(opposed(view, v, subject) for v in theirs):  # they answer it, if only to negate it
                continue
            agreed = [v for v in theirs if v.joint and not v.denial]
            readouts = nearest(view, agreed) or nearest(view, [v for v in theirs if id(v) in leading])
            demands |= {view.claim.id} if readouts else set()
            for readout in readouts:
                if focus is not None and not {view.claim.id, readout.claim.id} & focus:
                    continue
                evidence = f"{SILENT_DEMAND}{short(view.content, 60)}"
                score = settings.silent_omission_score
                out.append(pair_of(event.id, view.claim.id, readout.claim.id, OMISSION_KIND, score, evidence))
    return demands, out


SILENT_DEMAND = "demand the other side's readout leaves out: "


def topic_framings(
    event: Event, views: list[View], sides: set[str], settings: DivergenceSettings, focus: set[str] | None
) -> list[Divergence]:
    """Two sides' accounts of one topic (a participant reported speaking) that stress different things: both name
    the same third country, one only some of the event's claims name (Iran in
    a call about Ukraine, not Ukraine itself), and share a concept, without agreeing."""
    voiced = [
        v
        for v in views
        if v.claim.side in sides and not (v.relay or v.meta or v.joint) and v.account >= settings.min_account
    ]
    if not voiced:
        return []
    named = Counter(code for v in voiced for code in v.places if code not in sides)
    distinctive = {code for code, count in named.items() if count <= settings.topic_place_share * len(voiced)}
    out = []
    for a, b in combinations(voiced, 2):
        if a.claim.side == b.claim.side or focus is not None and not {a.claim.id, b.claim.id} & focus:
            continue
        places = distinctive & set(a.places) & set(b.places)
        if not places or not a.concepts & b.concepts or agree(a, b, settings):
            continue
        where = ", ".join(a.places[code] for code in sorted(places))
        evidence = f"on {where}: {short(a.content, 50)} | {short(b.content, 50)}"
        out.append(pair_of(event.id, a.claim.id, b.claim.id, DivergenceKind.FRAMING.value, 0.6, evidence))
    return out


def demand_substance(view: View) -> set[str]:
    """What a demand asks for: its concepts, less the words that make it a demand."""
    cue_stems = {w[:STEM] for m in DEMAND.finditer(fold(view.claim.text)) for w in re.findall(r"[a-z]{3,}", m.group())}
    return view.concepts - cue_stems


def mentioned(view: View, substance: set[str], theirs: list[View], settings: DivergenceSettings) -> bool:
    """Whether the other side's claims speak of a demand's substance: they share
    more than `demand_mentioned_share` of its concepts, or one is close to it in
    meaning, or one shares some of its concepts and is fairly close."""
    said = set().union(*(v.concepts for v in theirs))
    if len(substance & said) > settings.demand_mentioned_share * len(substance):
        return True
    return any(
        cosine(view, v) >= settings.demand_mentioned_cosine
        or len(substance & v.concepts) >= settings.demand_answer_shared
        and cosine(view, v) >= settings.demand_answer_cosine
        for v in theirs
    )


def nearest(view: View, candidates: list[View]) -> list[View]:
    return [max(candidates, key=lambda v: cosine(view, v))] if candidates else []


def cosine(a: View, b: View) -> float:
    return float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0


def initiator(text: str, registry) -> str | None:
    """The country that asked for or initiated the exchange, when the claim says."""
    match = INITIATOR.search(fold(text))
    if not match or registry is None:
        return None
    start, end = match.span(next(name for name, value in match.groupdict().items() if value))
    return registry.country_of(text[start:end])


SPEECH_IN_CONTENT = re.compile(alternation("reported_speech"))


PARTICIPANT_REF = re.compile(
    rf"\b(?:{alternation('both_words')}) (?:{alternation('participant_nouns')})\b"
    rf"|\b(?:{alternation('definite_articles')}) (?:{alternation('leader_titles')})\b"
)
DEMONSTRATIVE = re.compile(rf"\b(?:{alternation('demonstratives')}) (?:{alternation('claim_nouns')})\b")


def account_score(view: View, names: set[str]) -> float:
    """Claims where a participant speaks or is reported speaking in the
    exchange ("Choïgou a répondu que…", "Hegseth urged Dong…") are the
    accounts whose emphases are compared."""
    folded = fold(view.claim.text)
    named = any(re.search(rf"\b{re.escape(n)}\b", folded) for n in names) or PARTICIPANT_REF.search(folded)
    score = 2.0 if named else 0.0
    score += 1.0 if SPEECH_IN_CONTENT.search(folded) or view.claim.verb else 0.0
    score += 0.5 if view.claim.speech.value == "direct" else 0.0
    return score + min(len(view.stems), 10) / 10


MIN_CENTRAL_STEMS = 3


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


def same_sentence(a: Claim, b: Claim) -> bool:
    return a.article_id == b.article_id and (a.start <= b.start < a.end or b.start <= a.start < b.end)


def short(text: str, limit: int = 80) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def omissions(views: list[View], event_of: dict[str, str], settings: DivergenceSettings) -> list[Divergence]:
    """ "Le communiqué … ne mentionne pas X": paired with the claim of the same
    article that does speak of X."""
    out = []
    for view in views:
        match = OMISSION.search(fold(view.claim.text))
        if not match:
            continue
        topic = topic_stems(view.claim.text[match.end() :])
        candidates = [
            (len(topic & other.stems), other.claim.side == view.claim.side, other)
            for other in views
            if other is not view and other.claim.article_id == view.claim.article_id
        ]
        candidates = [c for c in candidates if c[0] >= 1]
        if candidates:
            _, _, other = max(candidates, key=lambda c: (c[0], c[1], -c[2].claim.start))
            evidence = f"omits: {short(view.claim.text[match.end() :].strip(), 60)}"
            out.append(pair_of(event_of[view.claim.id], view.claim.id, other.claim.id, OMISSION_KIND, 0.7, evidence))
    return out


# --- the step that reads the store through an article's draft -----------------


def divergences_for(
    draft: Draft,
    event_ids: set[str],
    registry,
    encoder=None,
    settings: DivergenceSettings = DEFAULTS,
    nli=None,
    article_id: str | None = None,
) -> list[Divergence]:
    """Compared pairs (flagged and agreeing) of the given events; see `event_comparisons`."""
    out: dict[str, Divergence] = {}
    for _, _, pairs in event_comparisons(draft, event_ids, registry, encoder, settings, nli, article_id):
        out.update((d.id, d) for d in pairs)
    return list(out.values())


def event_comparisons(
    draft: Draft,
    event_ids: set[str],
    registry,
    encoder=None,
    settings: DivergenceSettings = DEFAULTS,
    nli=None,
    article_id: str | None = None,
) -> Iterator[tuple[Event, list[View], list[Divergence]]]:
    """Each event's compared claims and pairs. With `article_id`, only the pairs
    involving that article's claims (compared with at most
    `settings.max_compared` earlier claims of each event), so that an event
    covered by hundreds of articles costs the same for each new one."""
    from crosscheck.embed import claims_to_embed, embed_cached

    texts: dict[str, str] = {}
    compared = {c.id for c in claims_to_embed(draft.claims_of(article_id))} if article_id is not None else set()
    for event_id in sorted(event_ids):
        event = next(iter(draft.events_with_ids([event_id])), None)
        claims = [c for c in draft.event_claims(event_id) if c.source]
        if event is None or len(claims) < 2:
            continue
        if article_id is not None:
            new = [c for c in claims if c.id in compared]  # so pairs grow with the article, not its square
            claims = new + [c for c in claims if c.article_id != article_id][: settings.max_compared]
        names = participant_names(event, registry)
        views = [view_of(c, article_text(draft, c.article_id, texts), names, settings, registry) for c in claims]
        firsts = first_tellings(views, article_id)
        focus = {v.claim.id for v in firsts if article_id is None or v.claim.article_id == article_id}
        if encoder is not None:
            for view, vector in zip(views, embed_cached(draft, encoder, [v.content for v in views]), strict=True):
                view.vector = vector
        sides = {registry.actors[p].side for p in event.participants if p in registry.actors} or None
        yield event, views, find_divergences(event, views, settings, sides, nli, focus)


def first_tellings(views: list[View], newest: str | None = None) -> list[View]:
    """The views minus repeats: a statement relayed word for word by a later
    article (`newest`) is already compared through its first telling."""
    seen: set[str] = set()
    out = []
    for view in sorted(views, key=lambda v: (v.claim.article_id == newest, v.claim.article_id, v.claim.start)):
        key = " ".join(fold(view.content).split())
        if key not in seen:
            seen.add(key)
            out.append(view)
    return out


def article_text(draft: Draft, article_id: str, cache: dict[str, str]) -> str:
    if article_id not in cache:
        article = draft.article_of(article_id)
        cache[article_id] = article.text if article else ""
    return cache[article_id]


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


def article_omissions(draft: Draft, registry=None, settings: DivergenceSettings = DEFAULTS) -> list[Divergence]:
    """Omissions an article states in words ("does not mention …")."""
    claims = [c for c in draft.claims if c.source and c.event_id]
    if not any(OMISSION.search(fold(c.text)) for c in claims):
        return []  # most articles state none: no view to build
    text = draft.article.text
    views = [plain_view(c, text, set(), settings, registry) for c in claims]
    return omissions(views, {c.id: c.event_id for c in claims}, settings)
