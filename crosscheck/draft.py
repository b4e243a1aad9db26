"""One article's additions to the store, held in memory until they are saved.

The linking and divergence stages read the store and produce records; they
do it through a `Draft`, which answers reads with the article's own new rows
first (its claims, its events as linking updates them, the vectors it
computed) and the store's rows after, and which keeps every write to itself.
`ingest` then saves the draft in one transaction; an unrecorded `check`
drops it, so checking never takes the store's write lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crosscheck.models import Article, Claim, Divergence, Event, Point, Sentence

if TYPE_CHECKING:
    from crosscheck.store import Store

# Claims of each side an event, and each of its points, keep in view for a new article: the largest events of
# the seeds, calls and bundled examples hold at most 15 attributed claims of one side, their points 4.
EVENT_MEMORY = 24


@dataclass
class CachedVectors:
    """One `cache_vectors` call, replayed when the draft is saved."""

    model: str
    dim: int
    vectors: dict[str, bytes]
    replace: bool


@dataclass
class Draft:
    """The store as the stages see it while one article is being added."""

    store: Store
    article: Article
    sentences: list[Sentence]
    claims: list[Claim]
    events: dict[str, tuple[Event, list[str]]] = field(default_factory=dict)  # id -> (event, index keys)
    divergences: list[Divergence] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    cached: list[CachedVectors] = field(default_factory=list)
    event_vectors: dict[str, tuple[str, Any]] = field(default_factory=dict)  # event id -> (model, centroid)
    _vectors: dict[str, bytes] = field(default_factory=dict)

    # --- what the stages write --------------------------------------------

    def cache_vectors(self, model: str, dim: int, vectors: dict[str, bytes], *, replace: bool = False) -> None:
        if not replace:  # callers compute only what no cache holds; saving ignores keys stored meanwhile
            vectors = {k: v for k, v in vectors.items() if k not in self._vectors}
        if vectors:
            self.cached.append(CachedVectors(model, dim, vectors, replace))
            self._vectors.update(vectors)

    def index_event_vector(self, event_id: str, model: str, centroid: Any) -> list[str]:
        self.event_vectors[event_id] = (model, centroid)
        return self.store.vector_keys(centroid)

    def renamed(self, article: Article, sentences: list[Sentence], claims: list[Claim]) -> Draft:
        """The same additions under another article id (a name already taken),
        keeping the vectors computed so far."""
        return Draft(self.store, article, sentences, claims, cached=self.cached, _vectors=self._vectors)

    def set_events(self, linked_claims: list[Claim], events: list[tuple[Event, list[str]]]) -> None:
        self.claims = linked_claims
        self.events = {event.id: (event, keys) for event, keys in events}

    # --- what the stages read ----------------------------------------------

    def cached_vectors(self, keys: list[str]) -> dict[str, bytes]:
        mine = {k: self._vectors[k] for k in keys if k in self._vectors}
        return {**self.store.cached_vectors([k for k in keys if k not in mine]), **mine}

    def candidate_events(self, keys: list[str], centroid: Any | None) -> list[Event]:
        return self.store.candidate_events(keys, centroid)

    def events_with_ids(self, ids: list[str]) -> list[Event]:
        stored = {e.id: e for e in self.store.events_with_ids([i for i in ids if i not in self.events])}
        mine = {i: self.events[i][0] for i in ids if i in self.events}
        return [x for _, x in sorted({**stored, **mine}.items())]

    def event_claims(self, event_id: str) -> list[Claim]:
        """The event's claims that a new article is compared with, in the
        store's order (article, then offset): this article's (its new version
        in place of any stored one), and for each side, the `EVENT_MEMORY`
        attributed claims stored last and as many of each stored point's.
        A bounded read: an event of ten thousand claims costs what a small one does."""
        stored = self.store.event_claims(event_id, recent=EVENT_MEMORY, leaving_out=self.article.id)
        mine = [c for c in self.claims if c.event_id == event_id]
        return sorted(stored + mine, key=lambda c: (c.article_id, c.start))

    def event_points(self, event_id: str) -> list[Point]:
        """The event's points: the stored ones, as this draft has changed them."""
        mine = {p.id: p for p in self.points if p.event_id == event_id}
        stored = [p for p in self.store.event_points(event_id) if p.id not in mine]
        return sorted([*stored, *mine.values()], key=lambda p: p.id)

    def article_of(self, article_id: str) -> Article | None:
        return self.article if article_id == self.article.id else self.store.article(article_id)

    def article_texts(self, article_ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """The text and language of each article among `article_ids` (this one's, the store's)."""
        mine = {self.article.id: (self.article.text, self.article.lang)} if self.article.id in article_ids else {}
        return {**self.store.article_texts([a for a in article_ids if a not in mine]), **mine}

    def claims_of(self, article_id: str) -> list[Claim]:
        return list(self.claims) if article_id == self.article.id else self.store.claims(article_id)
