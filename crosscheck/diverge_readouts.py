"""Comparisons of one side's whole readout with the other's.

What no single pair shows: a third country or a demand one side raises that
the other side's readout leaves out (silent omissions), an exchange one side
says was restricted to some topics while the other says it covered more,
two accounts of one distinctive topic stressed differently, the tones the
two sides give the exchange, and omissions an article states in words ("the
readout does not mention X").
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from typing import TYPE_CHECKING

from crosscheck.diverge_pairs import opposed, pair_of
from crosscheck.diverge_views import DEFAULTS, DEMAND, OMISSION, View, agree, central, cosine, plain_view, short
from crosscheck.lang import all_languages, alternation
from crosscheck.models import Divergence, DivergenceKind, Event
from crosscheck.settings import DivergenceSettings
from crosscheck.signature import STEM, topic_stems
from crosscheck.textnorm import fold

if TYPE_CHECKING:
    from crosscheck.draft import Draft

OMISSION_KIND = DivergenceKind.OMISSION.value
RESTRICTED = re.compile(rf"\b(?:{alternation('restriction_cues')})\b")
COVERED = re.compile(rf"\b(?:{alternation('coverage_cues')})\b")
SILENT_OMISSION = "not in the other side's readout: "
SILENT_DEMAND = "demand the other side's readout leaves out: "
RESTRICTED_SCOPE = "scope of the exchange differs: "
TONE_DIFFERS = "tone differs: "
TONE_OF = {
    word: tone for lang in all_languages() for tone, words in lang.tone_words.items() for word in words.split()
}
TONE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, TONE_OF), key=len, reverse=True)) + r")\b")
EXCHANGE_NOUN = re.compile(rf"\b(?:{alternation('exchange_nouns')})\b")
CLAUSE_BREAK = re.compile(r"[,;:.]\s")
TONE_REACH = 5  # words between a tone adjective and the exchange noun it qualifies ("the meeting had been "warm"")


def silent_omissions(
    event: Event, views: list[View], sides: set[str], settings: DivergenceSettings, focus: set[str] | None
) -> list[Divergence]:
    """A third country one side's account raises (Taiwan, Iran) that no claim of
    the other side names, when the event holds that side's readout: paired with
    the other side's leading account, which leaves it out."""
    leading = central(views, 1, settings.min_account, joint=True)  # a joint outcome is still that side's readout
    out = []
    theirs_of = {side: [v for v in views if v.claim.side == side] for side in sides}
    named_of = {side: set().union(*(v.places for v in theirs)) for side, theirs in theirs_of.items()}
    readout_of = {side: next((v for v in theirs if id(v) in leading), None) for side, theirs in theirs_of.items()}
    for view in views:
        if view.claim.side not in sides or view.relay or view.meta or view.joint:
            continue
        raised = {code: name for code, name in view.places.items() if code not in sides}
        for other in sides - {view.claim.side}:
            named = named_of[other]
            missing = [name for code, name in raised.items() if code not in named]
            readout = readout_of[other]
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
    theirs_of = {side: [v for v in views if v.claim.side == side and not v.relay] for side in sides}
    said_of = {side: set().union(*(v.concepts for v in theirs)) for side, theirs in theirs_of.items()}
    for view in views:
        if view.claim.side not in sides or view.relay or view.meta or view.joint or not view.demand:
            continue
        substance = demand_substance(view)
        for other in sides - {view.claim.side}:
            theirs = theirs_of[other]
            if len(substance) < settings.min_salient or mentioned(view, substance, theirs, settings, said_of[other]):
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


def demand_substance(view: View) -> set[str]:
    """What a demand asks for: its concepts, less the words that make it a demand."""
    cue_stems = {w[:STEM] for m in DEMAND.finditer(fold(view.claim.text)) for w in re.findall(r"[a-z]{3,}", m.group())}
    return view.concepts - cue_stems


def mentioned(
    view: View, substance: set[str], theirs: list[View], settings: DivergenceSettings, said: set[str] | None = None
) -> bool:
    """Whether the other side's claims speak of a demand's substance: they share
    more than `demand_mentioned_share` of its concepts (`said`: all their
    concepts), or one is close to it in meaning, or one shares some of its
    concepts and is fairly close."""
    if said is None:
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


def tone_of(view: View) -> set[str]:
    """The tones a claim gives the exchange: the tone adjectives within `TONE_REACH` words of a noun naming it, in
    one clause ("described the meeting as 'frank'", "held 'cordial and constructive' talks"; not "a positive
    outlook, after the call")."""
    folded = fold(view.claim.text)
    nouns = [m.start() for m in EXCHANGE_NOUN.finditer(folded)]

    def qualifies(tone: int, noun: int) -> bool:
        between = folded[min(tone, noun) : max(tone, noun)]
        return between.count(" ") <= TONE_REACH and not CLAUSE_BREAK.search(between)

    return {TONE_OF[m.group()] for m in TONE.finditer(folded) if any(qualifies(m.start(), n) for n in nouns)}


def tone_framings(
    event: Event, views: list[View], sides: set[str], settings: DivergenceSettings, focus: set[str] | None
) -> list[Divergence]:
    """Each side calls the exchange something else ("frank" / "cordial and constructive"): every claim of one
    side that gives it a tone with every claim of the other that gives another, when no tone is common to the
    two sides (both calling it "constructive" is agreement on the tone, whatever else each adds)."""
    toned = [(v, tones) for v in views if v.claim.side in sides and not v.relay and (tones := tone_of(v))]
    by_side: dict[str, set[str]] = {}
    for view, tones in toned:
        by_side.setdefault(view.claim.side, set()).update(tones)
    if len(by_side) < 2 or set.intersection(*by_side.values()):
        return []
    out = []
    for (a, tones_a), (b, tones_b) in combinations(toned, 2):
        if a.claim.side == b.claim.side or focus is not None and not {a.claim.id, b.claim.id} & focus:
            continue
        evidence = f"{TONE_DIFFERS}{', '.join(sorted(tones_a))} | {', '.join(sorted(tones_b))}"
        kind = DivergenceKind.FRAMING.value
        out.append(pair_of(event.id, a.claim.id, b.claim.id, kind, settings.tone_score, evidence))
    return out


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


def article_omissions(draft: Draft, registry=None, settings: DivergenceSettings = DEFAULTS) -> list[Divergence]:
    """Omissions an article states in words ("does not mention …")."""
    claims = [c for c in draft.claims if c.source and c.event_id]
    if not any(OMISSION.search(fold(c.text)) for c in claims):
        return []  # most articles state none: no view to build
    text = draft.article.text
    views = [plain_view(c, text, set(), settings, registry) for c in claims]
    return omissions(views, {c.id: c.event_id for c in claims}, settings)
