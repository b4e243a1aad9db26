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

The stages live in their own modules: `diverge_views` (what is known of
each claim), `diverge_pairs` (how two claims relate), `diverge_readouts`
(one side's readout against the other's); this module runs them over an
event and reads the store through an article's draft.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from crosscheck.diverge_pairs import SCOPE, compare, denial_targets, pair_of
from crosscheck.diverge_readouts import (
    restricted_scope,
    silent_demands,
    silent_omissions,
    tone_framings,
    topic_framings,
)
from crosscheck.diverge_views import (  # noqa: F401 (the report marks them)
    DEFAULTS,
    DENIAL_WORDS,
    INITIATOR,
    NEGATED,
    NUMBER,
    OMISSION,
    View,
    central,
    event_subject,
    participant_names,
    view_of,
)
from crosscheck.models import AGREEMENT, Divergence, DivergenceKind, Event
from crosscheck.settings import DivergenceSettings
from crosscheck.textnorm import fold

if TYPE_CHECKING:
    from crosscheck.draft import Draft


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
    for a, b in focused_pairs(views, focus):
        if a.claim.side == b.claim.side:
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
        for pair in tone_framings(event, views, sides, settings, focus):
            found.setdefault(pair.id, pair)
        for pair in restricted_scope(event, views, sides, focus):
            if found.get(pair.id) is None or found[pair.id].kind in (AGREEMENT, DivergenceKind.FRAMING.value):
                found[pair.id] = pair
        for pair in [*silent_omissions(event, views, sides, settings, focus), *demands]:
            if found.get(pair.id) is None or found[pair.id].kind == DivergenceKind.FRAMING.value:
                found[pair.id] = pair  # more specific than a difference of stress
    return list(found.values())


def focused_pairs(views: list[View], focus: set[str] | None) -> Iterator[tuple[View, View]]:
    """The pairs of views (in `combinations` order) that involve a claim of `focus`, or all with no focus:
    a new article's claims against the event's, without walking the remembered claims' own pairs."""
    if focus is None:
        yield from combinations(views, 2)
        return
    focused = [j for j, v in enumerate(views) if v.claim.id in focus]
    for i, a in enumerate(views):
        if a.claim.id in focus:
            yield from ((a, b) for b in views[i + 1 :])
        else:
            yield from ((a, views[j]) for j in focused if j > i)


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
    langs: dict[str, str | None] = {}
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
        read_texts(draft, {c.article_id for c in claims}, texts, langs)
        views = [view_of(c, texts[c.article_id], names, settings, registry) for c in claims]
        for view in views:
            view.lang = langs.get(view.claim.article_id)
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


def read_texts(draft: Draft, article_ids: set[str], cache: dict[str, str], langs: dict[str, str | None]) -> None:
    """The texts of the articles not in `cache` yet (in one read), noting their languages in `langs`."""
    missing = sorted(article_ids - cache.keys())
    found = draft.article_texts(missing) if missing else {}
    for article_id in missing:
        cache[article_id], langs[article_id] = found.get(article_id, ("", None))
