"""How two claims of different sides relate: the pair decision.

`compare` says whether a pair is a denial (the claim a denial answers, see
`denial_targets`), a contradiction (who asked for the exchange, numbers, a
wider scope for one measure, a negation on a shared concept), framing (two
central accounts of one topic that stress different things) or an
agreement, or nothing at all. `pair_of` builds the compared pair.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from crosscheck.diverge_views import (
    CONCEPT_OF,
    DEMONSTRATIVE,
    DENIAL_WORDS,
    OMISSION,
    View,
    agree,
    concept_words,
    cosine,
    same_sentence,
    short,
)
from crosscheck.lang import alternation, union
from crosscheck.models import AGREEMENT, Divergence, DivergenceKind
from crosscheck.settings import DivergenceSettings
from crosscheck.signature import STEM, topic_stems
from crosscheck.textnorm import fold

AND_WORDS = union("and_words")
SCOPE = "scope differs: "
ANSWERING_RELATIVE = re.compile(rf"\W*(?:{alternation('relative_report_openers')})\b")
CLAUSE_END = re.compile(r"[,;:.]\s|[,;:]")


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
    folded = fold(denier.claim.text)
    if DEMONSTRATIVE.search(folded) or ANSWERING_RELATIVE.match(folded):  # "a réfuté ces affirmations", ", ce que
        return max(earlier, key=lambda v: v.claim.start)  # Rabat dément": what was just reported

    return max(earlier, key=lambda v: (closeness(denier, v), v.claim.start))


def denied_object(denier: View, settings: DivergenceSettings) -> set[str]:
    """The concepts of what a denial says it denies, when it says it: the words after its denial word, up to the
    end of the clause ("rejected claims that the ministers had agreed on a new border commission", "a démenti
    qu'un accord ait été conclu sur les quotas"), at least `min_salient` of them; none for a bare denial ("ce que
    Rabat dément", "denied it hours later, saying…"), which answers what was just reported."""
    folded = fold(denier.claim.text)
    match = DENIAL_WORDS.search(folded)
    if match is None:
        return set()
    clause = CLAUSE_END.split(folded[match.end() :], maxsplit=1)[0]
    denied = {CONCEPT_OF.get(stem, stem) for stem in topic_stems(clause) & denier.stems}
    return denied if len(denied) >= settings.min_salient else set()


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
    denied = denied_object(denier, settings)
    if not own and (answered := answered_claim(denier, views)) is not None:
        own.add(id(answered))
        if denied and not denied & answered.concepts:  # it says what it denies, and the claim before is not that:
            elsewhere = [v for v in others if v.claim.article_id != denier.claim.article_id and denied & v.concepts]
            if elsewhere:  # the other articles' claim that says it, too
                own.add(id(max(elsewhere, key=lambda v: (len(denied & v.concepts), cosine(v, denier)))))
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


def opposed(a: View, b: View, subject: frozenset[str]) -> set[str]:
    """The concepts beyond the event's subject that one claim negates and the
    other asserts ("the reparations question is not closed" / "is settled"),
    whichever claims of the event they are. A claim that says a readout does
    not mention something is an omission, not a negation."""
    if a.negated == b.negated or names_omission(a) or names_omission(b):
        return set()
    return a.concepts & b.concepts - subject_concepts(subject)


def names_omission(view: View) -> bool:
    """Whether the claim says a readout does not mention something (once per view)."""
    if (known := view.memo.get("names_omission")) is None:
        known = view.memo["names_omission"] = bool(OMISSION.search(fold(view.claim.text)))
    return known


@lru_cache(maxsize=64)
def subject_concepts(subject: frozenset[str]) -> frozenset[str]:
    """The concepts of an event's subject stems."""
    return frozenset(CONCEPT_OF.get(stem, stem) for stem in subject)


def same_topic(a: View, b: View, sides: set) -> bool:
    """Whether two claims speak of one topic (the event's subject included:
    two stresses on it are framing): a concept, or a third country (not a
    participant's), in common."""
    return bool(a.concepts & b.concepts or (set(a.places) & set(b.places)) - sides)


def scope_words(view: View) -> list[tuple[str, int, int, str]]:
    """The view's salient words and its "and" words, in text order (once per view)."""
    if (known := view.memo.get("scope_words")) is None:
        known = view.memo["scope_words"] = [
            w for w in concept_words(view.content) if w[3] in AND_WORDS or w[3][:STEM] in view.stems
        ]
    return known


def joined_terms(view: View) -> dict[frozenset[str], tuple[int, int]]:
    """Two different concepts the view's content joins, word after salient word, with their span (once per view)."""
    if (known := view.memo.get("joined_terms")) is None:
        words = scope_words(view)
        known = view.memo["joined_terms"] = {
            frozenset((first[0], second[0])): (first[1], second[2])
            for first, second in zip(words, words[1:], strict=False)
            if first[0] != second[0]
        }
    return known


def wider_scope(wide: View, narrow: View) -> tuple[str, str] | None:
    """One measure told with a wider scope: `wide` coordinates two terms
    ("energy and infrastructure") that `narrow` joins into one ("energy
    infrastructure", "infrastructures énergétiques"). Returns both wordings."""
    coordinated = coordinations(wide)
    if not coordinated:
        return None
    joined = joined_terms(narrow)
    for terms, start, end in coordinated:
        if span := joined.get(terms):
            return wide.content[start:end], narrow.content[span[0] : span[1]]
    return None


def coordinations(view: View) -> list[tuple[frozenset[str], int, int]]:
    """Two terms the view's content coordinates ("energy and infrastructure"), with their span, in text order
    (once per view)."""
    if (known := view.memo.get("coordinations")) is None:
        words = scope_words(view)
        known = view.memo["coordinations"] = [
            (frozenset((first[0], second[0])), first[1], second[2])
            for first, link, second in zip(words, words[1:], words[2:], strict=False)
            if link[3] in AND_WORDS
        ]
    return known
