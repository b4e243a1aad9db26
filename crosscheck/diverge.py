"""Flag divergent versions inside each event.

Pairs are compared only across sides (and, for omissions, across readouts);
a pair is flagged as
  denial        one side refutes or denies what the other said;
  contradiction incompatible facts: one version negates what the other
                asserts about the same thing, or gives other numbers;
  omission      the text says one readout leaves out a topic another covers;
  emphasis      both report the substance of the exchange but stress
                different things.
Versions that agree (they share the same salient facts, or their embeddings
are close) are not flagged. Thresholds live in `DivergenceSettings`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from crosscheck.models import Claim, Divergence, Event, Polarity
from crosscheck.textnorm import fold

STOPWORDS = set(
    """
le la les l un une des du de d au aux a et ou mais donc or ni car que qu qui quoi dont ou en dans sur sous par pour
avec sans entre vers chez ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on
se s y ne n pas plus est sont etait etaient ete etre avoir avait avaient a ont aurait auraient fait faire cela ca
tres aussi ainsi alors deja encore tout toute tous toutes autre autres meme comme si lui eux nous vous je tu
the a an of to in on at by for with from and or but not no is are was were be been has have had that this these
those it its their his her they he she we as also than then there which who whom whose will would could should
""".split()
)
# Words that describe the exchange itself rather than its substance.
EXCHANGE_WORDS = set(
    """
discute discuter discussion discussions conversation conversations appel appels entretien entretiens telephonique
telephoniques echange echanges echangé points vue situation conflit questions question aborde abordees abordé
ministre ministres parties partie cote homologue homologues initiative initie demande premier premiere contact
contacts type depuis dernier derniere lieu eu dit declare indique ajoute precise souligne affirme annonce
call calls talks talked spoke discussed conversation meeting minister ministers sides side counterpart first
initiated request said told added stressed noted according also both two deux
""".split()
)
NEGATED = re.compile(r"\b(?:n'|ne |pas\b|jamais|aucun|aucune|not|no|never|none|denied|deny|sans)\b")
DENIAL_WORDS = re.compile(
    r"\b(?:refut\w*|dement\w*|dementi\w*|nie\b|nient|rejet\w*|rejette\w*|inacceptable|"
    r"faux|mensong\w*|deni\w*|denied|denies|reject\w*|refute\w*|false|lies?|dismiss\w*)\b"
)
OMISSION = re.compile(
    r"\b(?:ne mentionne pas|ne fait (?:aucune |pas )?(?:etat|mention)|passe sous silence|"
    r"omet|made no mention|did not mention|does not mention|no mention of|omits?|"
    r"did not refer to|n'evoque pas|ne dit rien)\b"
)
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
RELAY_KINDS = ("outlet.",)


@dataclass(frozen=True)
class DivergenceSettings:
    """Thresholds, set by measurement on the seeds and the bundled examples
    (see the README): a pair that shares `agree_shared` salient stems, or
    whose content embeddings reach `agree_cosine`, agrees."""

    min_salient: int = 3  # salient stems a claim needs to count as substance
    agree_shared: int = 2
    agree_cosine: float = 0.93
    stem: int = 6


def stems(text: str, settings: DivergenceSettings, exclude: set[str] = frozenset()) -> set[str]:
    words = re.findall(r"[a-z]{3,}", fold(text))
    return {w[: settings.stem] for w in words if w not in STOPWORDS and w not in EXCHANGE_WORDS and w not in exclude}


def pair_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return "dv-" + hashlib.sha1(f"{first}|{second}".encode()).hexdigest()[:12]


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

    @property
    def relay(self) -> bool:
        return (self.claim.actor or "").startswith(RELAY_KINDS)


def view_of(claim: Claim, text: str, names: set[str], settings: DivergenceSettings) -> View:
    content = text[claim.content_start : claim.content_end] or claim.text
    folded = fold(content)
    return View(
        claim=claim,
        content=content,
        stems=stems(content, settings, names),
        negated=bool(NEGATED.search(folded)),
        denial=claim.polarity is Polarity.DENIAL or bool(DENIAL_WORDS.search(folded)),
        numbers=set(NUMBER.findall(content)),
    )


def find_divergences(
    event: Event, views: list[View], settings: DivergenceSettings, participant_sides: set[str] | None = None
) -> list[Divergence]:
    """Flagged pairs among one event's claims. `participant_sides` are the
    countries of the event's participants; claims of other sides (a third
    country's outlet, say) are compared only for denials."""
    sides = participant_sides or {v.claim.side for v in views if not v.relay}
    found: dict[str, Divergence] = {}
    for a, b in combinations(views, 2):
        if a.claim.side == b.claim.side:
            continue
        result = compare(a, b, sides, settings)
        if result:
            kind, score, evidence = result
            first, second = sorted((a.claim.id, b.claim.id))
            found[pair_id(first, second)] = Divergence(
                id=pair_id(first, second),
                event_id=event.id,
                a=first,
                b=second,
                kind=kind,
                score=round(score, 3),
                evidence=evidence,
            )
    return list(found.values())


def compare(a: View, b: View, sides: set, settings: DivergenceSettings) -> tuple[str, float, str] | None:
    if a.denial != b.denial and (a.claim.side and b.claim.side or a.denial or b.denial):
        denier, other = (a, b) if a.denial else (b, a)
        if denier.stems & other.stems or same_sentence(denier.claim, other.claim):
            return "denial", 0.85, f"{denier.claim.source} refutes: {short(denier.content)}"
    if a.relay or b.relay or not (a.claim.side and b.claim.side):
        return None
    if a.claim.side not in sides or b.claim.side not in sides:
        return None
    if len(a.stems) < settings.min_salient or len(b.stems) < settings.min_salient:
        return None
    if agree(a, b, settings):
        return None
    shared = a.stems & b.stems
    if a.negated != b.negated and shared:
        return "contradiction", 0.7, f"one version negates: {', '.join(sorted(shared))}"
    if a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers) and shared:
        return "contradiction", 0.75, f"numbers differ: {sorted(a.numbers)} vs {sorted(b.numbers)}"
    return "emphasis", 0.6, f"{short(a.content, 60)} | {short(b.content, 60)}"


def agree(a: View, b: View, settings: DivergenceSettings) -> bool:
    if len(a.stems & b.stems) >= settings.agree_shared:
        return True
    if a.vector is not None and b.vector is not None:
        return float(a.vector @ b.vector) >= settings.agree_cosine
    return False


def same_sentence(a: Claim, b: Claim) -> bool:
    return a.article_id == b.article_id and (a.start <= b.start < a.end or b.start <= a.start < b.end)


def short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def omissions(views: list[View], event_of: dict[str, str], settings: DivergenceSettings) -> list[Divergence]:
    """ "Le communiqué … ne mentionne pas X": paired with the claim of the same
    article that does speak of X."""
    out = []
    for view in views:
        match = OMISSION.search(fold(view.content))
        if not match:
            continue
        topic = stems(view.content[match.end() :], settings)
        candidates = [
            (len(topic & other.stems), other.claim.side == view.claim.side, other)
            for other in views
            if other is not view and other.claim.article_id == view.claim.article_id
        ]
        candidates = [c for c in candidates if c[0] >= 1]
        if candidates:
            _, _, other = max(candidates, key=lambda c: (c[0], c[1], -c[2].claim.start))
            first, second = sorted((view.claim.id, other.claim.id))
            out.append(
                Divergence(
                    id=pair_id(first, second),
                    event_id=event_of[view.claim.id],
                    a=first,
                    b=second,
                    kind="omission",
                    score=0.7,
                    evidence=f"omits: {short(view.content[match.end() :], 60)}",
                )
            )
    return out


# --- the step that reads and writes the store --------------------------------


def divergences_for(
    store, event_ids: set[str], registry, encoder=None, settings: DivergenceSettings = DivergenceSettings()
) -> list[Divergence]:
    """Recompute the flagged pairs of the given events from the store."""
    from crosscheck.embed import embed_cached

    texts: dict[str, str] = {}
    out: dict[str, Divergence] = {}
    for event_id in sorted(event_ids):
        event = next(iter(e for e in store.events_with_ids([event_id])), None)
        claims = [c for c in store.event_claims(event_id) if c.source]
        if event is None or len(claims) < 2:
            continue
        names = participant_names(event, registry)
        views = [view_of(c, article_text(store, c.article_id, texts), names, settings) for c in claims]
        if encoder is not None:
            for view, vector in zip(views, embed_cached(store, encoder, [v.content for v in views]), strict=True):
                view.vector = vector
        sides = {registry.actors[p].side for p in event.participants if p in registry.actors} or None
        for d in find_divergences(event, views, settings, sides):
            out[d.id] = d
    return list(out.values())


def article_text(store, article_id: str, cache: dict[str, str]) -> str:
    if article_id not in cache:
        article = store.article(article_id)
        cache[article_id] = article.text if article else ""
    return cache[article_id]


def participant_names(event: Event, registry) -> set[str]:
    names = set()
    for person in event.participants:
        actor = registry.get(person)
        if actor:
            names |= {w for w in fold(actor.name).split() if len(w) > 2}
    return names


def article_omissions(store, article_id: str, settings: DivergenceSettings = DivergenceSettings()) -> list[Divergence]:
    claims = [c for c in store.claims(article_id) if c.source and c.event_id]
    text = article_text(store, article_id, {})
    views = [view_of(c, text, set(), settings) for c in claims]
    return omissions(views, {c.id: c.event_id for c in claims}, settings)
