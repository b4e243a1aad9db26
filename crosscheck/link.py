"""Link claims into events.

Within an article, sentences are read in order and a claim joins the event the
text is currently about; the text moves to another event when a sentence
names another pair of participants, a date that cannot be the current
event's, or (for claims) another kind of event (an attack after a phone call).
Across articles, an article's events join stored events with the same core
participants, or of the same kind sharing names (places, organisations) and
close in embedding space, when their dates are compatible.
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from crosscheck import metadata
from crosscheck.actors import Registry
from crosscheck.boilerplate import QUOTED
from crosscheck.forked import map_in_two
from crosscheck.lang import alternation
from crosscheck.models import Article, Claim, Event, Sentence, SentenceKind
from crosscheck.settings import LinkSettings
from crosscheck.signature import (
    Day,
    Signature,
    article_surnames,
    find_day,
    month_named,
    sentence_signature,
    topic_stems_in_order,
    year_named,
)
from crosscheck.textnorm import fold
from crosscheck.vector_index import event_sum, save_event_sum, store_mean, unit

if TYPE_CHECKING:
    from crosscheck.draft import Draft

log = logging.getLogger(__name__)
EXCHANGE = {"call", "meeting", "talks"}  # the kinds of a piece; an event's kind() is call or meeting
INCIDENT = {"attack", "military"}
BACKGROUND_DATE = re.compile(
    r"\b(?:depuis|since|debut|start|begin\w*|avant|before|apres|after)\b[^.]{0,100}$"
    r"|\b(?:from|a partir d[ue]|a compter d[ue])(?: le)?\s+$"  # "from March 1": when a plan starts
)
BACKGROUND_CUE = re.compile(alternation("background_cues"))
SOURCE_RELATIVE = re.compile(rf",\s(?:{alternation('source_relatives')})\b")
LEADING_ADVERBIAL = re.compile(rf"(.{{1,40}}?)\s(?:{alternation('clause_complementizers')})\b", re.IGNORECASE)
OPENING_PHRASE = re.compile(r"[^,.;:«“\"]{0,50},")  # a sentence's leading adverbial, up to its comma
SIGNATURES_IN_TWO = 5_000  # pieces from which a child computes half the signatures (about 0.3 s of work)
SIGNATURES_PARENT_SHARE = 0.5  # the parent waits for the child before it segments; the child per piece is slower


@dataclass
class LocalEvent:
    """An event as one article speaks of it."""

    persons: Counter = field(default_factory=Counter)
    offices: set[tuple[str, str]] = field(default_factory=set)
    kinds: Counter = field(default_factory=Counter)
    day: Day | None = None
    salient: Counter = field(default_factory=Counter)
    claims: list[str] = field(default_factory=list)
    counterparts: set[str] = field(default_factory=set)
    topic: Counter = field(default_factory=Counter)  # word stems of the claims' contents
    person_sides: set[str] = field(default_factory=set)
    background: bool = False  # a statement beside the article's exchange: never the one the text is about
    published: date | None = None  # the article's date, for an account that dates nothing itself

    @property
    def multi(self) -> bool:
        """A round of exchanges with several counterparts ("ses homologues
        américain, français et turc")."""
        return len(self.counterparts) >= 3

    def core(self) -> frozenset[str]:
        """The participants the article names most: the event's identity."""
        if not self.persons:
            return frozenset()
        counts = self.persons.most_common()
        top = counts[0][1]
        keep = [p for p, n in counts if n >= max(1, top / 3)]
        return frozenset(keep[:6])

    def kind(self) -> str:
        """The exchange the article speaks of most (one "calls" in "which Seoul
        calls Dokdo" does not make a summit a call), else an incident."""
        calls = self.kinds.get("call", 0)
        meetings = self.kinds.get("meeting", 0) + (0 if calls else self.kinds.get("talks", 0))
        if calls or meetings:
            return "call" if calls >= meetings else "meeting"
        for kind in ("attack", "military"):
            if self.kinds.get(kind):
                return kind
        return "statement"

    def absorb(self, sig: Signature) -> None:
        self.persons.update(sorted(sig.persons))  # the order breaks ties in `core`: not a set's, which differs
        self.person_sides |= getattr(sig, "persons_sides", set())
        self.offices |= sig.offices
        self.kinds.update(sig.kinds)
        self.salient.update(sorted(sig.salient))  # from one process to the next (and after a child sends the set)
        self.counterparts |= sig.counterparts
        if sig.day is not None:
            self.day = sig.day.merge(self.day) if self.day is None or self.day.compatible(sig.day) else self.day


def segment_events(
    article: Article, sentences: list[Sentence], claims: list[Claim], registry: Registry
) -> list[LocalEvent]:
    """The article's events, each with the ids of its claims."""
    by_sentence = claims_by_sentence(sentences, claims)
    body = [s for s in sentences if s.kind is SentenceKind.BODY]
    surnames = article_surnames([article.text[s.start : s.end] for s in body], registry, article.published)
    names = set(surnames)
    events: list[LocalEvent] = []
    current: LocalEvent | None = None
    text_pieces = [p for sentence in body for p in pieces(article.text, sentence, by_sentence.get(sentence.index, []))]
    facts = pieces_read(text_pieces, article, registry, surnames)
    dateline = None if article.published or not body else dateline_day(article.text[body[0].start : body[0].end])
    recalled_day: Day | None = None  # the day of the earlier exchange the narration just recalled
    for (piece, piece_claims), (packed, recalled) in zip(text_pieces, facts, strict=True):
        sig = unpack(packed)
        if current is not None and is_background(piece, piece_claims, article, sig, current, recalled, dateline):
            if piece_claims:  # its own event, and the text stays on the exchange it was about
                sig.day = sig.day or year_named(fold(piece)) or recalled_day
                target = find_background(events, sig) or open_background(events)
                add_claims(target, sig, piece_claims, article.text, registry, names)
            else:  # "Ils s'étaient entretenus le 13 mai. Le Pentagone avait alors indiqué…": that day
                recalled_day = sig.day or recalled_day
            continue
        recalled_day = None
        target = choose_event(events, current, sig, bool(piece_claims))
        opened = target is None
        if opened:
            target = LocalEvent()
            events.append(target)
        if not piece_claims and not sig.kinds & EXCHANGE:
            sig.day = None  # background narration does not date the event
        # narration that opens another exchange ("Les deux présidents s'étaient entretenus le 30 avril.") dates it,
        # so what is said of it next ("L'Élysée avait alors indiqué…") goes with it
        if piece_claims or target is current or current is None or opened and sig.kinds & EXCHANGE and sig.day:
            target.absorb(sig)
            if opened and not piece_claims:
                recalled_day = sig.day
        current = target
        add_claims(target, None, piece_claims, article.text, registry, names)
    headline_claims = [c for s in sentences if s.kind is not SentenceKind.BODY for c in by_sentence.get(s.index, [])]
    attach_headline_claims(events, headline_claims, article.text, registry, names)
    return [e for e in events if e.claims]


def claims_by_sentence(sentences: list[Sentence], claims: list[Claim]) -> dict[int, list[Claim]]:
    """Each sentence's claims, by the sentence's index."""
    by_sentence: dict[int, list[Claim]] = {}
    starts = [s.start for s in sentences]  # in text order: a bisection finds each claim's sentence
    for claim in claims:
        at = bisect.bisect_right(starts, claim.start) - 1
        if at >= 0 and claim.start < sentences[at].end:
            by_sentence.setdefault(sentences[at].index, []).append(claim)
    return by_sentence


def pieces_read(
    text_pieces: list[tuple[str, list[Claim]]], article: Article, registry: Registry, surnames: dict[str, str]
) -> list[tuple[tuple, bool]]:
    """Each piece's signature (packed) and whether it recalls another time (`recalls`); on two cores
    for a long article, since each depends on its piece alone."""

    def read(text_piece: tuple[str, list[Claim]]) -> tuple[tuple, bool]:
        piece, claims = text_piece
        sig = piece_signature(piece, claims, registry, article.published, surnames)
        return pack(sig), recalls(article.text, piece, claims)

    return map_in_two(read, text_pieces, at_least=SIGNATURES_IN_TWO, parent_share=SIGNATURES_PARENT_SHARE)


SIGNATURE_FIELDS = tuple(f.name for f in fields(Signature))


def pack(sig: Signature) -> tuple:
    """A signature as a tuple, its sets as tuples: a long article's signatures are all kept until it
    is segmented, and an empty set alone costs 200 bytes (a signature with its six sets, 1.6 kB)."""
    return tuple(tuple(v) if isinstance(v, set) else v for v in (getattr(sig, name) for name in SIGNATURE_FIELDS))


def unpack(packed: tuple) -> Signature:
    return Signature(*(set(v) if isinstance(v, tuple) else v for v in packed))


def attach_headline_claims(events: list[LocalEvent], claims: list[Claim], text: str, registry, names) -> None:
    """A headline or caption that attributes speaks of the article's main
    story: the event holding most of its claims (a new one if it has none)."""
    if not claims:
        return
    main = max((e for e in events if e.claims), key=lambda e: len(e.claims), default=None)
    if main is None:
        main = LocalEvent()
        events.append(main)
    add_claims(main, None, claims, text, registry, names)


def piece_signature(piece: str, claims: list[Claim], registry: Registry, published, surnames) -> Signature:
    sig = sentence_signature(piece, registry, published, surnames)
    sig.persons |= office_holders(sig.offices, set(surnames.values()), registry, sig.persons)
    if sig.day is not None and BACKGROUND_DATE.search(fold(piece[: sig.day_start])):
        sig.day = None  # "depuis le 15 mars 2023": a reference point, not this event's date
    sig.source_side = next((c.side for c in claims if c.side), None)
    sig.persons_sides = {registry.actors[p].side for p in sig.persons if p in registry.actors}
    return sig


def add_claims(target: LocalEvent, sig: Signature | None, claims: list[Claim], text: str, registry, names) -> None:
    if sig is not None:
        target.absorb(sig)
    target.claims.extend(c.id for c in claims)
    for claim in claims:
        target.topic.update(topic_stems_in_order(text[claim.content_start : claim.content_end], registry, names))


def frame(text: str, piece: str, claims: list[Claim]) -> str:
    """Where a cue speaks of a claim's own time: around its source and verb,
    outside quotations ("Pékin menace depuis plusieurs jours", not "…, the
    ministry said" of a content that says "repeatedly")."""
    if not claims or claims[0].source_start is None:
        return piece
    claim = claims[0]
    said = QUOTED.sub(lambda m: " " * len(m.group()), text[claim.start : claim.end])  # offsets kept
    start, end = max(0, claim.source_start - 40 - claim.start), claim.source_end + 60 - claim.start
    if describing := SOURCE_RELATIVE.search(fold(said), claim.source_end - claim.start, end):
        end = describing.start()  # "…, a prévenu X, qui réclame depuis des années…": the source's own story
    opening = OPENING_PHRASE.match(piece)  # "During their previous call, …"
    return (opening.group() if opening else "") + " " + said[start:end]


def recalls(text: str, piece: str, claims: list[Claim]) -> bool:
    """A cue, around a claim's source and verb or in narration, that the piece speaks of another time:
    an earlier exchange recalled, a position held for days or repeated."""
    return bool(BACKGROUND_CUE.search(fold(frame(text, piece, claims))))


def dateline_day(lede: str) -> Day | None:
    found = metadata.dateline_month_day(lede)
    return Day(None, *found) if found else None


def is_background(
    piece: str,
    claims: list[Claim],
    article: Article,
    sig: Signature,
    current: LocalEvent,
    recalled: bool,
    dateline: Day | None = None,
) -> bool:
    """A piece beside the exchange the text is about: an earlier exchange
    recalled ("leur précédent entretien"), a position held for days or
    repeated, or, for a claim that names no exchange, another date than the
    event's ("en 2020, un tribunal…", "warned in October"); in an article
    that dates its exchange by weekday alone, the date of its dateline
    ("BUENOS AIRES, Nov 25 –": "said on April 2" is another day)."""
    if current.background:
        return False
    if recalled and not (sig.persons - set(current.persons)):
        return True
    about_an_exchange = bool(current.kinds.keys() & EXCHANGE)
    if not claims or sig.kinds & EXCHANGE or not (about_an_exchange or current.day and current.day.dated()):
        return False
    outside = fold(QUOTED.sub(" ", piece))  # a quotation's dates are the speaker's
    day, start = find_day(outside, article.published)
    # a bare month dates the statement only outside what it says ("warned in October that…", not "said the
    # floods in September…")
    said = fold(QUOTED.sub(" ", without_contents(piece, claims, article.text)))
    day = day or year_named(outside) or month_named(said, article.published)
    if day is None or BACKGROUND_DATE.search(outside[:start]):  # "qui se poursuivent depuis le 15 mars"
        return False
    if current.day is not None and current.day.dated():
        return not current.day.compatible(day)
    if dateline is not None and day.month:
        return not dateline.compatible(day)
    return day.day is None and day.year is not None  # "en 2020": not an undated call's day


def without_contents(piece: str, claims: list[Claim], text: str) -> str:
    """The piece without what its claims say; an adverbial before the content's
    complementizer ("warned in October that…") stays, as it dates the saying."""
    for claim in claims:
        content = text[claim.content_start : claim.content_end]
        opening = LEADING_ADVERBIAL.match(content)
        piece = piece.replace(content, opening.group(1) if opening else " ")
    return piece


def find_background(events: list[LocalEvent], sig: Signature) -> LocalEvent | None:
    for event in reversed(events):
        if event.background and event.day and event.day.dated() and sig.day and event.day.compatible(sig.day):
            return event
    return None


def open_background(events: list[LocalEvent]) -> LocalEvent:
    event = LocalEvent(background=True)
    events.append(event)
    return event


def office_holders(
    offices: set[tuple[str, str]], article_persons: set[str], registry: Registry, named: set[str] = frozenset()
) -> set[str]:
    """People of the article who hold (or held) an office a sentence names
    without a name: "le ministre russe" is the Russian minister the article
    names elsewhere; "son homologue russe" beside the American defence
    secretary is the Russian minister of defence, not every Russian minister."""
    peers = counterpart_roles(offices, named, registry)
    found = set()
    for country, role in offices:
        for person in article_persons:
            actor = registry.get(person)
            if actor and actor.side == country and any(holds(r.role, role, peers) for r in actor.roles):
                found.add(person)
    return found


def counterpart_roles(offices: set[tuple[str, str]], named: set[str], registry: Registry) -> set[str]:
    """The offices a sentence names besides a counterpart's: the counterpart holds the same."""
    roles = {role for _, role in offices if role != "counterpart"}
    for person in named:
        actor = registry.get(person)
        roles |= {r.role for r in actor.roles if r.role.endswith("minister")} if actor else set()
    return roles


def holds(actual: str, named: str, peers: set[str]) -> bool:
    if named != "counterpart":
        return actual == named
    return actual in peers if peers else actual.endswith("minister")


def pieces(text: str, sentence: Sentence, claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """A sentence, or its parts when it holds claims of different speakers in
    separate clauses ("…, après que Moscou a déclaré que…")."""
    if len(claims) <= 1:
        return [(text[sentence.start : sentence.end], claims)]
    ordered = sorted(claims, key=lambda c: c.start)
    out, start = [], sentence.start
    for i, claim in enumerate(ordered):
        end = ordered[i + 1].start if i + 1 < len(ordered) and ordered[i + 1].start > claim.start else sentence.end
        end = max(end, claim.start + 1)
        out.append((text[start:end], [claim]))
        start = end
    return out


def choose_event(
    events: list[LocalEvent], current: LocalEvent | None, sig: Signature, is_claim: bool
) -> LocalEvent | None:
    """The local event a sentence belongs to; None opens a new one."""
    if current is None:
        return None
    if (
        sig.day is not None
        and current.day is not None
        and not current.day.compatible(sig.day)
        and (is_claim or sig.kinds & EXCHANGE)
    ):
        return find_compatible(events, sig)
    core = current.core()
    if len(sig.persons) >= 2 and (multi := find_multi(events, sig)) is not None:
        return multi
    different_pair = len(sig.persons) >= 2 and core and not participants_match(sig, core, current)
    if different_pair and (is_claim or sig.kinds & EXCHANGE):
        return find_by_persons(events, sig)
    if len(sig.persons) == 1 and core and not sig.persons <= core and is_claim:
        if current.multi:
            return find_by_persons(events, sig)  # one call of a round: its own event
        return find_by_persons(events, sig) or current  # a third voice on the same exchange (its host, say)
    if is_claim and current.multi and not sig.persons and sig.source_side in current.counterparts:
        return find_by_side(events, sig.source_side) or current  # "le ministère français a confirmé"
    if (
        is_claim
        and sig.kinds & INCIDENT
        and not sig.kinds & EXCHANGE
        and not (current.kinds.keys() & INCIDENT)
        and not sig.persons
        and not sig.offices
    ):
        return None  # an attack spoken of beside a call, not as its subject
    return current


def find_multi(events: list[LocalEvent], sig: Signature) -> LocalEvent | None:
    for event in reversed(events):
        if event.multi and sig.persons_sides <= event.counterparts | event.person_sides:
            named = sig.persons - set(event.persons)
            if len(named) >= 2:
                return event
    return None


def find_by_side(events: list[LocalEvent], side: str) -> LocalEvent | None:
    for event in reversed(events):
        if not event.multi and side in event.person_sides:
            return event
    return None


def participants_match(sig: Signature, core: frozenset[str], event: LocalEvent) -> bool:
    if sig.persons == core or sig.persons <= set(event.persons):
        return True
    if len(core) == 1 and core < sig.persons and len(sig.persons) == 2 and not event.multi:
        return True  # the text names the other party it had only described ("le dirigeant chinois")
    return event.multi and sig.persons <= set(event.persons) and len(sig.persons) == len(core)


def find_by_persons(events: list[LocalEvent], sig: Signature) -> LocalEvent | None:
    for event in reversed(events):
        if sig.persons == event.core() or (
            len(sig.persons) == 1 and sig.persons <= event.core() and len(event.core()) == 2
        ):
            return event
    return None


def find_compatible(events: list[LocalEvent], sig: Signature) -> LocalEvent | None:
    for event in reversed(events):
        if (
            event.day is not None
            and event.day.dated()
            and event.day.compatible(sig.day)
            and (not sig.persons or sig.persons <= set(event.persons))
        ):
            return event
    return None


# --- across articles --------------------------------------------------------

SETTINGS = LinkSettings()


def day_text(day: Day | None) -> str | None:
    if day is None or not (day.month or day.year):
        return None
    year = f"{day.year:04d}" if day.year else "-"
    month = f"-{day.month:02d}" if day.month else ""
    dom = f"-{day.day:02d}" if day.day and day.month else ""
    return f"{year}{month}{dom}"


def parse_day(text: str | None) -> Day | None:
    if not text:
        return None
    parts = text.lstrip("-").split("-") if text.startswith("--") else text.split("-")
    if text.startswith("--"):
        return Day(None, int(parts[0]), int(parts[1]) if len(parts) > 1 else None)
    values = [int(p) for p in parts if p]
    return Day(*(values + [None] * (3 - len(values))))


def match_score(local: LocalEvent, stored, cosine: float | None = None, side_of=None) -> float:
    """How strongly an article's event is the same as a stored one; 0 when
    they cannot be (other date, other participants, call vs meeting, or
    nothing in common but the participants when a date is missing)."""
    stored_day = parse_day(stored.day)
    if local.day is not None and not local.day.compatible(stored_day):
        return 0.0
    kind = local.kind()
    mine, theirs = set(local.core()), set(stored.participants)
    shared_topic = len(set(t for t, _ in local.topic.most_common(SETTINGS.topic_size)) & set(stored.topic))
    if cosine is not None and cosine >= SETTINGS.same_subject_cosine:
        shared_topic = max(shared_topic, SETTINGS.min_shared_topic)  # across languages the words differ
    # Two dates a day apart at most (time zones, a readout published after midnight) are the same day; wire
    # copy often gives no year ("MOSCOW, March 15"), and the same day of the same month is evidence enough.
    same_day = bool(local.day and stored_day and dated(local.day) and dated(stored_day))
    same_day = same_day and local.day.compatible(stored_day) or bool(local.day and local.day.falls_on(stored_day))
    # An account that dates nothing, published the day of the stored exchange or the next, is of that day.
    same_day = same_day or reported_that_day(local, stored_day)
    # The same two leaders the same day: one exchange, whether an outlet calls it talks, a call or a meeting.
    same_pair_same_day = same_day and len(mine & theirs) >= 2
    if kind in EXCHANGE and stored.kind in EXCHANGE and kind != stored.kind and not same_pair_same_day:
        return 0.0
    score = 0.0
    if mine and theirs:
        # a third person (a spokesman, a president quoted on the side) does not make another exchange
        both = len(mine & theirs) >= 2 and same_day
        nested = mine <= theirs or theirs <= mine
        # one shared participant the same day, and no one from a country the other account leaves out: the same
        # talks named with another aide or leader ("Greer and LeBlanc" and "Greer, Carney's minister")
        alike = same_day and kind == stored.kind and same_countries(mine, theirs, side_of)
        apart = not mine & theirs or (len(mine) >= 2 and len(theirs) >= 2 and not nested and not both and not alike)
        if apart and not (same_day and two_accounts(local, stored, cosine, side_of)):
            return 0.0
        score += 1 if apart else 3 if mine == theirs else (2 if min(len(mine), len(theirs)) >= 2 else 1)
        if not same_day and shared_topic < SETTINGS.min_shared_topic and not same_undated_exchange(local, stored):
            return 0.0  # the same two ministers speak often: without a date, the subject must match too
    score += 1.0 if kind == stored.kind else 0.0
    score += min(2, len(set(local.salient) & set(stored.salient)))
    score += 1.0 if shared_topic >= SETTINGS.min_shared_topic else 0.0
    return score


def two_accounts(local: LocalEvent, stored, cosine: float | None, side_of) -> bool:
    """Two accounts of one exchange the same day that name different people:
    each side's readout names its own minister and "his Congolese counterpart",
    a third outlet one of each. Same kind, close in subject, and the countries
    fit: one account's countries hold the other's, or the other's are the
    counterparts this one names (never two bilaterals of one leader at a summit)."""
    if side_of is None or cosine is None or cosine < SETTINGS.two_accounts_cosine:
        return False
    if local.kind() not in EXCHANGE or local.kind() != stored.kind:
        return False
    mine, theirs = {side_of(p) for p in local.core()}, {side_of(p) for p in stored.participants}
    if None in mine | theirs:
        return False
    if mine & theirs:
        return mine <= theirs or theirs <= mine
    counterparts = local.counterparts | {country for country, role in local.offices if role == "counterpart"}
    return theirs <= counterparts


def same_countries(mine: set[str], theirs: set[str], side_of) -> bool:
    """Both groups of participants speak for the same countries, each one known."""
    if side_of is None:
        return False
    mine_sides, their_sides = {side_of(p) for p in mine}, {side_of(p) for p in theirs}
    return None not in mine_sides | their_sides and mine_sides == their_sides


def reported_that_day(local: LocalEvent, stored_day: Day | None) -> bool:
    """An undated account published the day of the stored exchange or the day after."""
    if local.day is not None or local.published is None or stored_day is None or stored_day.iso() is None:
        return False
    return 0 <= (local.published - date(stored_day.year, stored_day.month, stored_day.day)).days <= 1


def same_undated_exchange(local: LocalEvent, stored) -> bool:
    """Two accounts of an exchange between the same people, neither dated:
    nothing tells them apart, and across languages no word is shared."""
    kind = local.kind()
    return (
        day_text(local.day) is None
        and not stored.day
        and kind in EXCHANGE
        and kind == stored.kind
        and len(local.core()) >= 2
        and set(local.core()) == set(stored.participants)
    )


def dated(day: Day) -> bool:
    return bool(day.month and day.day)


def best_match(
    local: LocalEvent, candidates: list, similarity: dict[str, float] | None = None, side_of=None
) -> object | None:
    similarity = similarity or {}
    scored = [(match_score(local, c, similarity.get(c.id), side_of), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= merge_threshold(local, c)]
    if not scored:
        return None
    mine = set(local.core())
    topic = {t for t, _ in local.topic.most_common(SETTINGS.topic_size)}

    def rank(item):  # ties: more participants in common, then more shared subject
        score, event = item
        return score, len(mine & set(event.participants)), len(topic & set(event.topic))

    return max(scored, key=rank)[1]


def merge_threshold(local: LocalEvent, stored) -> float:
    """An incident (an attack, a clash) is identified by its place and day; the
    people one account names (a leader who reacted) are not its participants."""
    if local.kind() in INCIDENT and (not local.core() or not stored.participants):
        return SETTINGS.incident_merge_score
    return SETTINGS.merge_score


def event_keys(participants: set[str], salient: set[str]) -> list[str]:
    """Index keys under which an event is found again: its participants and names."""
    return sorted({f"p:{p}" for p in participants} | {f"s:{s}" for s in salient})


def short_name(actor) -> str:
    """The name a headline would use: the family name as the registry spells
    it alone ("Shoigu", "Xi"), else the last word of the full name."""
    single = {a for a in actor.aliases if " " not in a and len(a) >= 2 and a[:1].isupper() and not a.isupper()}
    words = actor.name.split()
    for word in (words[-1], words[0]):
        if word in single:
            return word
    if len(words) > 1 and re.fullmatch(r"\w+-[a-z]\w*", words[-1]):
        return words[0]  # "Lee Jae-myung": a given name in two syllables after the family name
    return words[-1]


def label_for(local: LocalEvent, registry: Registry) -> str:
    salient = [s for s, _ in local.salient.most_common(2)]
    return event_label(sorted(local.core()), local.kind(), local.day, salient, registry)


def event_label(participants: list[str], kind: str, day: Day | None, salient: list[str], registry: Registry) -> str:
    """ "Austin–Belousov call, 2024-06-25"; a date whose year is unknown reads "25 June"."""
    names = []
    for person in participants:
        actor = registry.get(person)
        if actor:
            names.append(short_name(actor))
        elif person.startswith("name:"):
            names.append(person.split("-")[-1].title())  # someone the registry does not know
    head = "–".join(names[:3]) + f" {kind}" if names else kind.capitalize()
    if not names and salient:
        head += " · " + ", ".join(s.title() for s in salient)
    shown = label_day(day)
    return f"{head}, {shown}" if shown else head


def label_day(day: Day | None) -> str | None:
    if day is None or day.year or not day.month:
        return day_text(day)
    month = calendar.month_name[day.month]
    return f"{day.day} {month}" if day.day else month


# --- the step that reads the store through an article's draft -----------------


def event_id(article_id: str, index: int) -> str:
    return "ev-" + hashlib.sha1(f"{article_id}#{index}".encode()).hexdigest()[:10]


def link_article(draft: Draft, registry: Registry, encoder=None) -> None:
    """Give the draft's claims their event ids and the draft the events to
    write (new or merged). Candidates come from the participant, name and
    vector keys of the article's events; the vector keys need an encoder."""
    article, claims = draft.article, draft.claims
    assigned: dict[str, str] = {}
    out: list[tuple[Event, list[str]]] = []
    vectors = ClaimVectors(draft, encoder, article, claims)
    merged: dict[str, Event] = {}  # events this article already updated, newer than the store's copy
    for index, local in enumerate(segment_events(article, draft.sentences, claims, registry)):
        local.published = article.published
        core, salient = set(local.core()), {s for s, _ in local.salient.most_common(8)}
        centroid = vectors.centroid(local.claims)
        candidates = [merged.get(c.id, c) for c in draft.candidate_events(event_keys(core, salient), centroid)]
        match = best_match(local, candidates, vectors.similarity(centroid, candidates), participant_side(registry))
        log.debug("%s %s %s -> %s", article.id, local.kind(), sorted(local.core()), match.label if match else None)
        event = (
            merge_event(match, local, article.id, registry) if match else new_event(local, article.id, index, registry)
        )
        merged[event.id] = event
        total = vectors.update_sum(event.id, local.claims)
        vector_keys = [] if total is None else draft.index_event_vector(event.id, encoder.name, vectors.centred(total))
        out = [(e, k) for e, k in out if e.id != event.id]
        out.append((event, event_keys(set(event.participants), set(event.salient)) + vector_keys))
        for claim_id in local.claims:
            assigned[claim_id] = event.id
    draft.set_events([c.model_copy(update={"event_id": assigned.get(c.id)}) for c in claims], out)


def participant_side(registry: Registry):
    def side_of(participant: str) -> str | None:
        actor = registry.actors.get(participant)
        return actor.side if actor else None

    return side_of


def claim_contents(article: Article, claims: list[Claim]) -> list[str]:
    """What is embedded of each claim: its content, without the attribution."""
    return [article.text[c.content_start : c.content_end] or c.text for c in claims]


def embed_claims(draft: Draft, encoder) -> None:
    """Compute the claims' vectors ahead of linking (outside the store's
    write turn, so parallel writers do not wait on the encoder)."""
    from crosscheck.embed import claims_to_embed, embed_cached

    attributed = claims_to_embed(draft.claims)
    if encoder is not None and attributed:
        embed_cached(draft, encoder, claim_contents(draft.article, attributed))


class ClaimVectors:
    """The article's claim embeddings and the event centroids they update."""

    def __init__(self, store, encoder, article: Article, claims: list[Claim]):
        self.store, self.encoder = store, encoder
        self.by_id: dict[str, np.ndarray] = {}
        self.mean = None
        from crosscheck.embed import claims_to_embed, embed_cached

        attributed = claims_to_embed(claims)
        if encoder is None or not attributed:
            return

        matrix = embed_cached(store, encoder, claim_contents(article, attributed))
        self.by_id = dict(zip((c.id for c in attributed), matrix, strict=True))
        self.mean = store_mean(store, encoder)

    def centred(self, vector: np.ndarray) -> np.ndarray:
        return unit(unit(vector) - self.mean)

    def centroid(self, claim_ids: list[str]) -> np.ndarray | None:
        rows = [self.by_id[c] for c in claim_ids if c in self.by_id]
        return self.centred(np.sum(rows, axis=0)) if rows and self.mean is not None else None

    def similarity(self, centroid: np.ndarray | None, events: list[Event]) -> dict[str, float]:
        if centroid is None:
            return {}
        out = {}
        for event in events:
            total, known = event_sum(self.store, event.id, centroid.shape[0])
            if known:
                out[event.id] = float(self.centred(total) @ centroid)
        return out

    def update_sum(self, event_id: str, claim_ids: list[str]) -> np.ndarray | None:
        rows = [self.by_id[c] for c in claim_ids if c in self.by_id]
        if not rows or self.mean is None:
            return None
        total, _ = event_sum(self.store, event_id, rows[0].shape[0])
        total = total + np.sum(rows, axis=0)
        save_event_sum(self.store, self.encoder.name, event_id, total)
        return total


def new_event(local: LocalEvent, article_id: str, index: int, registry: Registry) -> Event:
    return Event(
        id=event_id(article_id, index),
        label=label_for(local, registry),
        kind=local.kind(),
        day=day_text(local.day),
        participants=sorted(local.core()),
        salient=[s for s, _ in local.salient.most_common(8)],
        topic=[t for t, _ in local.topic.most_common(SETTINGS.topic_size)],
        articles=[article_id],
        claims=len(local.claims),
    )


def merge_event(stored: Event, local: LocalEvent, article_id: str, registry: Registry) -> Event:
    day = parse_day(stored.day)
    day = local.day.merge(day) if local.day else day
    participants = (
        sorted(set(stored.participants) | set(local.core())) if not stored.participants else stored.participants
    )
    salient = [s for s, _ in local.salient.most_common(2)] if not stored.salient else stored.salient[:2]
    return stored.model_copy(
        update={
            "label": event_label(participants, stored.kind, day, salient, registry),
            "day": day_text(day),
            "participants": participants,
            "salient": sorted(set(stored.salient) | {s for s, _ in local.salient.most_common(4)})[:16],
            "topic": [t for t, _ in (Counter(stored.topic) + local.topic).most_common(SETTINGS.topic_size)],
            "articles": sorted(set(stored.articles) | {article_id}),
            "claims": stored.claims + len(local.claims),
        }
    )
