"""Points of divergence: a diff of two sides' readouts, topic by topic.

Inside an event, `crosscheck.diverge` compares claims of different sides and
says how each compared pair relates (agreement, denial, contradiction,
framing, omission). A point gathers the pairs that speak of one topic in one
way: pairs of the same kind that share a claim, or whose claims on one side
are the same telling (a statement relayed by several articles, or in two
languages), join; each side's other tellings of a member join too. So one
point carries every claim of each side that says it, and the flagged pairs a
scorer or reviewer sees are derived from it (each claim of one side × each
claim of the other). A point found again by a later article keeps its id and
gains the new claims: no duplicates across articles or languages.

A point stores a readable topic (a few of its salient words), the slots where
the versions part (the initiator, the numbers, the negation, the denial or
omission words; nothing for framing, where the whole stance differs) and the
reasons its pairs were flagged.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import TYPE_CHECKING

from crosscheck.diverge import event_comparisons
from crosscheck.diverge_pairs import SCOPE, pair_id, pair_of
from crosscheck.diverge_readouts import SILENT_DEMAND, SILENT_OMISSION, TONE_DIFFERS, article_omissions
from crosscheck.diverge_views import (
    DEFAULTS,
    DEMAND,
    DENIAL_WORDS,
    INITIATOR,
    META_STEMS,
    NEGATED,
    NUMBER,
    OMISSION,
    View,
)
from crosscheck.lang import alternation
from crosscheck.models import AGREEMENT, Divergence, DivergenceKind, Point, Slot
from crosscheck.settings import DivergenceSettings
from crosscheck.signature import STEM, topic_stems
from crosscheck.textnorm import fold

if TYPE_CHECKING:
    from crosscheck.draft import Draft

PROPOSITION_BREAK = re.compile(alternation("proposition_breaks"))
TOPIC_WORDS = 4


@dataclass
class Proposition:
    """One thing a claim says: its content, or a part of it when it
    coordinates several ("called for a ceasefire and urged talks")."""

    view: View
    start: int  # offsets into the claim's content
    end: int
    stems: set[str] = field(default_factory=set)


def propositions(view: View) -> list[Proposition]:
    """The propositions of a claim: its content cut where another reporting
    clause is coordinated with it (worked out once per view)."""
    if (known := view.memo.get("propositions")) is None:
        known = view.memo["propositions"] = cut_propositions(view)
    return known


def cut_propositions(view: View) -> list[Proposition]:
    content = view.content
    cuts = [0, *(m.start() for m in PROPOSITION_BREAK.finditer(fold(content))), len(content)]
    parts = [Proposition(view, start, end) for start, end in zip(cuts, cuts[1:], strict=False) if end > start]
    for part in parts:
        part.stems = topic_stems(content[part.start : part.end]) & view.stems
    return [p for p in parts if p.stems] or [Proposition(view, 0, len(content), set(view.stems))]


def same_telling(a: View, b: View, settings: DivergenceSettings, strict: bool = False) -> bool:
    """Two claims of one side, in two articles, that say the same thing (one
    statement relayed twice, or told in two languages); `strict` asks for
    near-identical vectors (framing, where a shared word or two is no proof)."""
    if a.claim.side != b.claim.side or a.claim.article_id == b.claim.article_id:
        return False  # one article does not tell one statement twice (repeated ledes are marked apart)
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    if cosine >= settings.same_telling_cosine:
        return True
    if strict:
        return False
    if cosine >= settings.same_telling_cosine_with_terms and shared_terms(a, b) >= settings.same_telling_terms:
        return True
    return translated(a, b, cosine, settings)


def shared_terms(a: View, b: View) -> int:
    """The most stems one proposition of `a` shares with one of `b`."""
    return max((len(p.stems & q.stems) for p in propositions(a) for q in propositions(b)), default=0)


def translated(a: View, b: View, cosine: float, settings: DivergenceSettings) -> bool:
    """One statement told in two languages: their stems differ, so the concepts
    and third countries they share confirm a lower cosine."""
    if a.lang is None or b.lang is None or a.lang == b.lang:
        return False
    shared = len(a.concepts & b.concepts) + len(set(a.places) & set(b.places) - {a.claim.side})
    return cosine >= settings.same_telling_other_language_cosine and shared >= settings.same_telling_concepts


def group_pairs(
    pairs: list[Divergence], views: dict[str, View], settings: DivergenceSettings
) -> list[list[Divergence]]:
    """Pairs of one kind that make one point (see `related`), as groups."""
    parent = list(range(len(pairs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(pairs)), 2):
        if pairs[i].kind == pairs[j].kind and related(pairs[i], pairs[j], views, settings):
            parent[root(i)] = root(j)
    groups: dict[int, list[Divergence]] = {}
    for i, pair in enumerate(pairs):
        groups.setdefault(root(i), []).append(pair)
    return list(groups.values())


CHAINED = (DivergenceKind.DENIAL.value, DivergenceKind.CONTRADICTION.value, DivergenceKind.OMISSION.value)


def related(p: Divergence, q: Divergence, views: dict[str, View], settings: DivergenceSettings) -> bool:
    """Two pairs of one kind that make one point. A denial, contradiction or
    omission names a specific claim: pairs sharing one are one point. Framing
    and agreement are stances: on each side the two pairs must hold the same
    claim or two tellings of it, or every account of an exchange would chain
    into one point."""
    if p.kind in CHAINED and {p.a, p.b} & {q.a, q.b}:
        # Two silent omissions sharing the other side's readout are two topics that readout leaves out.
        return p.kind != DivergenceKind.OMISSION.value or p.evidence == q.evidence or not silent(p, q)
    if p.evidence.startswith(TONE_DIFFERS) and q.evidence.startswith(TONE_DIFFERS):  # the tones of one exchange
        return bool({p.a, p.b} & {q.a, q.b})
    if any(x not in views for x in (p.a, p.b, q.a, q.b)):
        return False

    def alike(x: str, y: str) -> bool:
        return x == y or same_telling(views[x], views[y], settings)

    return (alike(p.a, q.a) and alike(p.b, q.b)) or (alike(p.a, q.b) and alike(p.b, q.a))


def silent(*pairs: Divergence) -> bool:
    return any(p.evidence.startswith((SILENT_OMISSION, SILENT_DEMAND)) for p in pairs)


def build_points(
    event_id: str,
    pairs: list[Divergence],
    views: list[View],
    settings: DivergenceSettings,
    stored: list[Point] = (),
) -> list[Point]:
    """The points of one event from its compared pairs (flagged and agreeing):
    grouped, widened to each side's other tellings, merged into the stored
    point they continue."""
    by_id = {v.claim.id: v for v in views}
    points = []
    for group in group_pairs([p for p in pairs if p.a in by_id and p.b in by_id], by_id, settings):
        members = {x for p in group for x in (p.a, p.b)}
        kind = DivergenceKind(group[0].kind)
        strict = kind is DivergenceKind.FRAMING
        members |= tellings(views, [by_id[m] for m in members], settings, strict)
        point = Point(
            id=point_id(event_id, kind, group),
            event_id=event_id,
            kind=kind,
            topic="",
            score=max(p.score for p in group),
            reasons=list(dict.fromkeys(p.evidence for p in sorted(group, key=lambda p: -p.score) if p.evidence)),
            claims=sides_of(members, by_id),
        )
        points.append(continued(point, stored, by_id, settings))
    points = merge_same(points)
    for point in points:
        point.topic = silent_topic(point) or topic_of(point, by_id)
        point.slots = slots_of(point, by_id)
    return points


def tellings(views: list[View], members: list[View], settings: DivergenceSettings, strict: bool) -> set[str]:
    """The ids of the views that tell what one of `members` tells (`same_telling`):
    only a view of the member's side in another article can."""
    out = set()
    for member in members:
        side, article = member.claim.side, member.claim.article_id
        out |= {
            v.claim.id
            for v in views
            if v.claim.side == side
            and v.claim.article_id != article
            and v.claim.id not in out
            and same_telling(v, member, settings, strict)
        }
    return out


def silent_topic(point: Point) -> str:
    """What a silent omission leaves out, as the claim that raises it names it ("Taïwan")."""
    names = [r.removeprefix(SILENT_OMISSION) for r in point.reasons if r.startswith(SILENT_OMISSION)]
    return ", ".join(dict.fromkeys(n for r in names for n in r.split(", ")))


def point_id(event_id: str, kind: DivergenceKind, group: list[Divergence]) -> str:
    first = min(pair_id(p.a, p.b) for p in group)
    return "pt-" + hashlib.sha1(f"{event_id}|{kind.value}|{first}".encode()).hexdigest()[:12]


def sides_by_id(members: tuple[str, ...], sides: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for claim_id in sorted(members):
        out.setdefault(sides.get(claim_id, ""), []).append(claim_id)
    return out


def sides_of(members: set[str], views: dict[str, View]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for claim_id in sorted(members):
        out.setdefault(views[claim_id].claim.side or "", []).append(claim_id)
    return out


def continued(point: Point, stored: list[Point], views: dict[str, View], settings: DivergenceSettings) -> Point:
    """The stored point of the same event and kind this one continues (a claim
    in common, or the same telling of one), with the new claims added."""
    mine = point.claim_ids()
    for old in stored:
        if old.event_id != point.event_id or old.kind != point.kind or other_silent_topic(point, old):
            continue
        theirs = old.claim_ids()
        if mine & theirs or any(
            a in views and b in views and same_telling(views[a], views[b], settings) for a in mine for b in theirs
        ):
            claims = {side: sorted(set(old.claims.get(side, [])) | set(ids)) for side, ids in point.claims.items()}
            claims = {**old.claims, **claims}
            reasons = list(dict.fromkeys([*old.reasons, *point.reasons]))
            return point.model_copy(
                update={"id": old.id, "claims": claims, "reasons": reasons, "score": max(old.score, point.score)}
            )
    return point


def other_silent_topic(point: Point, old: Point) -> bool:
    """Two silent omissions that share only the readout leaving them out are two topics, not one."""
    reasons = [r for r in (*point.reasons, *old.reasons) if r.startswith((SILENT_OMISSION, SILENT_DEMAND))]
    return bool(reasons) and not set(point.reasons) & set(old.reasons)


def merge_same(points: list[Point]) -> list[Point]:
    """Points that ended up as one stored point (two groups continuing it) become one."""
    out: dict[str, Point] = {}
    for point in points:
        if point.id in out:
            old = out[point.id]
            claims = {
                side: sorted(set(old.claims.get(side, [])) | set(point.claims.get(side, [])))
                for side in {*old.claims, *point.claims}
            }
            point = old.model_copy(
                update={
                    "claims": claims,
                    "reasons": list(dict.fromkeys([*old.reasons, *point.reasons])),
                    "score": max(old.score, point.score),
                }
            )
        out[point.id] = point
    return list(out.values())


def topic_of(point: Point, views: dict[str, View]) -> str:
    """A few words a reader can scan: the salient words most sides, then most
    claims, of the point share, as the claim that has most of them writes them."""
    present = [views[c] for c in sorted(point.claim_ids()) if c in views]
    if not present:
        return ""
    shared_places = set.intersection(*(set(side_places(present, side)) for side in {v.claim.side for v in present}))
    counts = Counter(stem for v in present for stem in v.stems - META_STEMS)
    sides = Counter(stem for side in {v.claim.side for v in present} for stem in side_stems(present, side) - META_STEMS)
    anchor = max(present, key=lambda v: sum(sides[s] * 10 + counts[s] for s in v.stems))
    folded = fold(anchor.content)
    words: dict[str, str] = {}
    for match in re.finditer(r"[a-z]{3,}", folded):
        stem = match.group()[:STEM]
        if stem in anchor.stems and stem not in words:
            words[stem] = anchor.content[match.start() : match.end()]
    places = [anchor.places[code] for code in sorted(shared_places) if code in anchor.places]
    words = {stem: word for stem, word in words.items() if stem not in META_STEMS}
    ranked = sorted(words, key=lambda s: (-sides[s], -counts[s], list(words).index(s)))[: TOPIC_WORDS - len(places)]
    return " ".join([*places, *(words[s] for s in sorted(ranked, key=list(words).index))])


def side_places(views: list[View], side: str | None) -> set[str]:
    """The third countries one side's claims name (not the speakers' own)."""
    speakers = {v.claim.side for v in views}
    return {code for v in views if v.claim.side == side for code in v.places if code not in speakers}


def side_stems(views: list[View], side: str | None) -> set[str]:
    return set().union(*(v.stems for v in views if v.claim.side == side))


SLOT_OF_REASON = (
    ("who asked for it", "initiator", INITIATOR),
    ("numbers differ", "number", NUMBER),
    ("one version negates", "negation", NEGATED),
)


def slots_of(point: Point, views: dict[str, View]) -> list[Slot]:
    """Where the versions part, in each claim's text: only the slot the
    reasons name (framing and agreement have none)."""
    named = [entry for entry in SLOT_OF_REASON if any(r.startswith(entry[0]) for r in point.reasons)]
    patterns = [(name, pattern) for _, name, pattern in named]
    if point.kind is DivergenceKind.DENIAL:
        patterns.append(("denial", DENIAL_WORDS))
    elif point.kind is DivergenceKind.OMISSION:
        patterns.append(("omission", OMISSION))
        if left_out := silent_topic(point):  # the place one side raises, where it raises it
            names = "|".join(re.escape(fold(n)) for n in left_out.split(", "))
            patterns.append(("omission", re.compile(rf"\b(?:{names})\b")))
    if any(r.startswith(SILENT_DEMAND) for r in point.reasons):  # the demand the other side leaves out
        patterns.append(("omission", DEMAND))
    if wordings := [w for r in point.reasons if r.startswith(SCOPE) for w in r.removeprefix(SCOPE).split(" vs ")]:
        patterns.append(("scope", re.compile("|".join(re.escape(fold(w)) for w in dict.fromkeys(wordings)))))
    out = []
    for claim_id in sorted(point.claim_ids()):
        view = views.get(claim_id)
        if view is None:
            continue
        folded = fold(view.claim.text)
        for name, pattern in patterns:
            for match in pattern.finditer(folded):
                start, end = slot_span(match)
                out.append(Slot(claim=claim_id, start=view.claim.start + start, end=view.claim.start + end, slot=name))
    return out


def slot_span(match: re.Match) -> tuple[int, int]:
    """The part of a match that is the slot itself (who asked, not "at the request of")."""
    for group in ("who", "who2"):
        if group in match.re.groupindex and match.group(group):
            return match.span(group)
    return match.span()


def pairs_of(points: list[Point], flagged: list[Divergence]) -> list[Divergence]:
    """The pairs of each point: every claim of one side with every claim of
    another. A pair already compared keeps its own evidence; the others take
    the point's first reason."""
    known = {d.id: d for d in flagged}
    out: dict[str, Divergence] = {}
    for point in points:
        for (side_a, ids_a), (side_b, ids_b) in product(point.claims.items(), repeat=2):
            if side_a >= side_b:  # each pair of sides once; "" (no single country) is a side too
                continue
            for a, b in product(ids_a, ids_b):
                key = pair_id(a, b)
                old = known.get(key)
                evidence = old.evidence if old is not None and old.kind == point.kind else next(iter(point.reasons), "")
                pair = pair_of(point.event_id, a, b, point.kind.value, point.score, evidence, point=point.id)
                if key not in out or better(pair, out[key]):
                    out[key] = pair
    return list(out.values())


def better(pair: Divergence, other: Divergence) -> bool:
    """A flagged kind beats an agreement; then the higher score."""
    return (pair.kind != AGREEMENT, pair.score) > (other.kind != AGREEMENT, other.score)


# --- the step that reads the store through an article's draft -----------------


def points_for(
    draft: Draft,
    event_ids: set[str],
    registry,
    encoder=None,
    settings: DivergenceSettings = DEFAULTS,
    nli=None,
    article_id: str | None = None,
) -> tuple[list[Point], list[Divergence]]:
    """The points of the given events that the draft's article adds to or
    changes, and the pairs derived from them (agreements included). Each
    event's stored points are read, not its stored pairs: a new article's
    claims are compared with at most `settings.max_compared` earlier ones."""
    stated = article_omissions(draft, registry, settings) if article_id is not None else []
    sides = {c.id: c.side or "" for c in draft.claims}
    points = [stated_omission(d, sides) for d in stated]
    pairs = {d.id: d.model_copy(update={"point": p.id}) for d, p in zip(stated, points, strict=True)}
    for event, views, compared in event_comparisons(draft, event_ids, registry, encoder, settings, nli, article_id):
        found = build_points(event.id, compared, views, settings, draft.event_points(event.id))
        points.extend(found)
        pairs.update((d.id, d) for d in pairs_of(found, compared))
    return points, list(pairs.values())


def stated_omission(pair: Divergence, sides: dict[str, str]) -> Point:
    """An omission the article states in words ("the readout does not mention
    X"): the statement and the claim that covers X, whatever their sides (the
    article itself says the two versions part), as one point."""
    topic = pair.evidence.removeprefix("omits:").strip().rstrip("…")
    topic = re.split(r"[,;:(«“\"]", topic)[0]  # the first thing left out: "le désengagement, ni la reprise…"
    return Point(
        id=point_id(pair.event_id, DivergenceKind.OMISSION, [pair]),
        event_id=pair.event_id,
        kind=DivergenceKind.OMISSION,
        topic=" ".join(topic.split()[:TOPIC_WORDS]),
        score=pair.score,
        reasons=[pair.evidence],
        claims=sides_by_id((pair.a, pair.b), sides),
    )
