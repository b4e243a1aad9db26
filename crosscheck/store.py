"""The store: schema, migrations, and the reads and writes of each stage.

Two backends behind one interface: a SQLite file (the default) and a
PostgreSQL database with pgvector (`crosscheck.store_postgres`), chosen by the
location given to `crosscheck.stores.open_store`. The schema follows the pydantic models in
`crosscheck.models`; it changes only through the numbered, append-only
migrations below, the same functions for both backends (PostgreSQL runs them
through a small translation of the sqlite-utils calls they make), applied when
a store is opened for writing. SQLite's `PRAGMA user_version` (PostgreSQL's
`crosscheck_schema` table) records how many have run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar, get_args, get_origin

from pydantic import BaseModel

from crosscheck.errors import StoreError
from crosscheck.models import AGREEMENT, Article, Claim, Divergence, Event, Point, Sentence
from crosscheck.store_review import ReviewStore


def import_sqlite_utils():
    """sqlite-utils, imported with pandas hidden: it imports pandas, when
    installed, only to map pandas' Timestamp type, which crosscheck never
    stores, and that import is a third of a cold command's start-up."""
    if "pandas" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["pandas"] = None  # an ImportError for `import pandas`, by the import system's rule
    try:
        import sqlite_utils
    finally:
        if sys.modules.get("pandas", 0) is None:
            del sys.modules["pandas"]
    return sqlite_utils


sqlite_utils = import_sqlite_utils()
from sqlite_utils.db import jsonify_if_needed, quote_identifier  # noqa: E402 - after the import above

M = TypeVar("M", bound=BaseModel)


class DraftToSave(Protocol):
    """What `save_draft` writes (a `crosscheck.draft.Draft`, named here by its
    shape so the store does not import the stage above it)."""

    article: Article
    sentences: list[Sentence]
    claims: list[Claim]
    events: dict[str, tuple[Event, list[str]]]
    divergences: list[Divergence]
    points: list[Point]
    cached: list
    event_vectors: dict

BUSY_TIMEOUT_S = 10.0


def sql_type(annotation: Any) -> type:
    """The SQLite column type for a model field annotation."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is not None and args and get_origin(annotation) not in (list, dict):
        annotation = args[0]
    if get_origin(annotation) in (list, dict) or annotation in (list, dict):
        return str  # stored as JSON text
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return int
        if issubclass(annotation, (int, float)):
            return annotation
        if issubclass(annotation, (str, Enum, date)):
            return str
    return str


def model_columns(model: type[BaseModel]) -> dict[str, type]:
    return {name: sql_type(field.annotation) for name, field in model.model_fields.items()}


@cache
def json_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(n for n, field in model.model_fields.items() if get_origin(field.annotation) in (list, dict))


def to_row(record: BaseModel) -> dict[str, Any]:
    row = record.model_dump(mode="json")
    for name in json_fields(type(record)):
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


@cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


def from_row(model: type[M], row: dict[str, Any]) -> M:
    fields = field_names(model)
    data = {k: v for k, v in row.items() if k in fields}
    for name in json_fields(model):
        if isinstance(data.get(name), str):
            data[name] = json.loads(data[name])
    return model.model_validate(data)


# --- migrations: append only; never edit one that has shipped ---------------
# Each migration spells out its columns (the models' fields at that version),
# so a later field is always added by a later migration; a test checks that
# the migrated schema covers every model field.


def m001_articles_and_sentences(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "content_hash": str,
            "text": str,
            "raw": str,
            "path": str,
            "format": str,
            "title": str,
            "outlet": str,
            "agency": str,
            "url": str,
            "published": str,
            "lang": str,
        },
        pk="id",
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["sentences"].create(
        {"article_id": str, "index": int, "start": int, "end": int, "paragraph": int, "kind": str},
        pk=("article_id", "index"),
    )


def m002_claims(db: sqlite_utils.Database) -> None:
    db["claims"].create(
        {
            "id": str,
            "article_id": str,
            "start": int,
            "end": int,
            "text": str,
            "content_start": int,
            "content_end": int,
            "source": str,
            "source_start": int,
            "source_end": int,
            "actor": str,
            "side": str,
            "verb": str,
            "polarity": str,
            "speech": str,
            "chain": str,
            "confidence": float,
            "producer": str,
            "event_id": str,
        },
        pk="id",
    )
    db["claims"].create_index(["article_id"])
    db["claims"].create_index(["actor"])


def m003_events_and_divergences(db: sqlite_utils.Database) -> None:
    db["events"].create(
        {
            "id": str,
            "label": str,
            "kind": str,
            "day": str,
            "participants": str,
            "salient": str,
            "articles": str,
            "claims": int,
            "producer": str,
        },
        pk="id",
    )
    db["event_keys"].create({"event_id": str, "key": str}, pk=("key", "event_id"))
    db["event_keys"].create_index(["event_id"])
    db["divergences"].create(
        {"id": str, "event_id": str, "a": str, "b": str, "kind": str, "score": float, "evidence": str, "producer": str},
        pk="id",
    )
    db["divergences"].create_index(["event_id"])
    db["claims"].create_index(["event_id"])


def m004_embeddings(db: sqlite_utils.Database) -> None:
    db["embeddings"].create({"key": str, "model": str, "dim": int, "vector": bytes}, pk="key")


def m005_event_topic(db: sqlite_utils.Database) -> None:
    db["events"].add_column("topic", str)


def m006_divergence_claim_indexes(db: sqlite_utils.Database) -> None:
    db["divergences"].create_index(["a"])
    db["divergences"].create_index(["b"])


def m007_reviews(db: sqlite_utils.Database) -> None:
    """Fact-checkers' verdicts on flagged pairs, kept apart from the pairs so
    that recomputing divergences never loses one."""
    db["reviews"].create(
        {"pair_id": str, "verdict": str, "note": str, "reviewer": str, "updated_at": str},
        pk="pair_id",
    )


def m008_verdict_history(db: sqlite_utils.Database) -> None:
    """Verdicts as a history: each judgement is a row, a later one supersedes
    it, undo marks it undone; none is ever deleted. Each row keeps the two
    claims' texts as judged, so a pair comes back to the queue when they change."""
    db.execute(
        """CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            pair_id TEXT NOT NULL,
            verdict TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            claim_a TEXT, text_a TEXT,
            claim_b TEXT, text_b TEXT,
            undone_at TEXT,
            undone_by TEXT
        )"""
    )
    db.execute("CREATE INDEX verdicts_pair ON verdicts (pair_id, id)")
    db.execute(
        """CREATE VIEW current_verdicts AS
        SELECT v.* FROM verdicts v
        WHERE v.id = (SELECT max(id) FROM verdicts w WHERE w.pair_id = v.pair_id AND w.undone_at IS NULL)"""
    )
    db.execute(
        """INSERT INTO verdicts (pair_id, verdict, note, reviewer, created_at)
        SELECT pair_id, verdict, coalesce(note, ''), coalesce(reviewer, ''), coalesce(updated_at, '') FROM reviews"""
    )
    db["reviews"].drop()


def m009_event_vectors(db) -> None:
    """Event centroids for the vector index. In SQLite the index is the LSH
    keys kept in `event_keys` (m003), so there is nothing to add; PostgreSQL
    keeps each centroid in a pgvector column with an HNSW index."""
    if getattr(db, "dialect", "sqlite") == "postgresql":
        db.execute("CREATE EXTENSION IF NOT EXISTS vector")
        db.execute(
            "CREATE TABLE event_vectors (event_id TEXT COLLATE \"C\" PRIMARY KEY, model TEXT, dim INTEGER, "
            "embedding vector NOT NULL)"
        )


def m010_points(db) -> None:
    """Points of divergence (crosscheck.points): one row a point, its claims in
    `point_claims`, each pair linked to its point. Pairs stored as "emphasis"
    by earlier versions are the kind now called framing."""
    db["points"].create(
        {
            "id": str,
            "event_id": str,
            "kind": str,
            "topic": str,
            "score": float,
            "reasons": str,
            "slots": str,
            "producer": str,
        },
        pk="id",
    )
    db["points"].create_index(["event_id"])
    db["point_claims"].create({"point_id": str, "claim_id": str, "side": str}, pk=("point_id", "claim_id"))
    db["point_claims"].create_index(["claim_id"])
    db["divergences"].add_column("point", str)
    db.execute("UPDATE divergences SET kind = 'framing' WHERE kind = 'emphasis'")


def m011_point_verdicts(db) -> None:
    """Verdicts given on a whole point: the point judged and the batch (the
    first verdict id of the verdicts given at once, one per pair), so undo
    takes back the whole judgement. The view is rebuilt because PostgreSQL
    fixes a view's columns when it is made. `store_settings` keeps the
    store's calibrated thresholds."""
    db["verdicts"].add_column("point", str)
    db["verdicts"].add_column("batch", int)
    db.execute("DROP VIEW current_verdicts")
    db.execute(
        """CREATE VIEW current_verdicts AS
        SELECT v.* FROM verdicts v
        WHERE v.id = (SELECT max(id) FROM verdicts w WHERE w.pair_id = v.pair_id AND w.undone_at IS NULL)"""
    )
    db.execute("CREATE INDEX verdicts_batch ON verdicts (batch)")
    db["store_settings"].create({"name": str, "value": str}, pk="name")


def m012_event_claims_by_side(db) -> None:
    """Each side's claims of an event in the order they were stored, for the
    bounded read of `Store.event_claims` (SQLite puts the rowid at the end of
    every index; PostgreSQL's rowid column is named)."""
    postgres = getattr(db, "dialect", "sqlite") == "postgresql"
    db["claims"].create_index(["event_id", "side", "rowid"] if postgres else ["event_id", "side"])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    m001_articles_and_sentences,
    m002_claims,
    m003_events_and_divergences,
    m004_embeddings,
    m005_event_topic,
    m006_divergence_claim_indexes,
    m007_reviews,
    m008_verdict_history,
    m009_event_vectors,
    m010_points,
    m011_point_verdicts,
    m012_event_claims_by_side,
]
SCHEMA_VERSION = len(MIGRATIONS)


def describe_sqlite_error(path: Path, error: sqlite3.Error, *, readonly: bool = False) -> str:
    message = str(error)
    if "locked" in message or "busy" in message:
        return f"{path}: database is locked by another process; retry when it has finished"
    if "not a database" in message or "malformed" in message:
        return f"{path}: not a crosscheck store or corrupt ({message}); nothing was changed"
    if "unable to open" in message and readonly:
        return f"{path}: cannot open the store ({message}); check the permissions of the file and its folder"
    if "readonly" in message or "unable to open" in message:
        folder = os.access(path.parent, os.W_OK)
        advice = "check the permissions of the file and its folder" if folder else "its folder is read-only"
        return f"{path}: cannot write the store ({message}); {advice}"
    if "disk is full" in message:
        return f"{path}: the disk is full; nothing half-written was stored"
    return f"{path}: {message}"


def log_files(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps beside a WAL store."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def read_only_uri(path: Path) -> str:
    """The URI parameters that read a store without writing beside it. A
    reader of a WAL store needs its shared-memory file (-shm); where the
    folder is read-only and that file cannot be made, the store is read as
    immutable, which is safe there since no writer can work in that folder
    either (unless a write-ahead log is left over: then SQLite must read it)."""
    wal, _ = log_files(path)
    if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
        return "mode=ro"
    return "mode=ro&immutable=1"


def is_crosscheck_schema(db: sqlite_utils.Database, version: int) -> bool:
    """A crosscheck store, or an empty file to make one of (never another program's database)."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")]
    if not tables and version == 0:
        return True
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    return {"id", "content_hash", "text"} <= columns


class Store(ReviewStore):
    """Articles, sentences, claims, events, flagged pairs and verdicts.

    The reads and writes of every stage are written once here in portable SQL
    (`?` placeholders, quoted "end" and "index"); a backend supplies the few
    primitives below them: `execute`, `query`, `insert_rows`, `transaction`,
    `errors`, and the vector index (`candidate_events`, `vector_keys`,
    `save_event_vector`). Open one with `crosscheck.stores.open_store`.
    """

    dialect = "sqlite"
    path: Path | str  # where the store is, as shown in messages (a URL without its password)

    def close(self) -> None:
        raise NotImplementedError

    def schema_version(self) -> int:
        """How many migrations have run on this store."""
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- primitives every backend provides ------------------------------------

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run one statement; a DB-API cursor (fetchone, fetchall, description)."""
        raise NotImplementedError

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def insert_rows(self, table: str, rows: Iterable[dict[str, Any]], *, conflict: str = "error") -> None:
        """Insert rows; on a primary-key clash `conflict` is "error", "ignore" or "replace"."""
        raise NotImplementedError

    def transaction(self, *, exclusive: bool = True, keep: bool = True) -> AbstractContextManager[None]:
        """A write transaction, committed on success (rolled back instead when
        `keep` is false) and rolled back on error; nested ones are savepoints.
        `exclusive` makes writers take turns (for the read-link-write of an
        article, where two interleaved writers could each miss the other's
        event); SQLite's writers always take turns."""
        raise NotImplementedError

    @contextmanager
    def savepoint(self, *, keep: bool) -> Iterator[None]:
        """Within a transaction: a block whose writes are kept or rolled back."""
        self._execute("SAVEPOINT crosscheck_block")
        try:
            yield
        except BaseException:
            self._execute("ROLLBACK TO SAVEPOINT crosscheck_block")
            self._execute("RELEASE SAVEPOINT crosscheck_block")
            raise
        if not keep:
            self._execute("ROLLBACK TO SAVEPOINT crosscheck_block")
        self._execute("RELEASE SAVEPOINT crosscheck_block")

    def errors(self) -> AbstractContextManager[None]:
        """Turn database failures during a read or write into a StoreError."""
        raise NotImplementedError

    def candidate_events(self, keys: list[str], centroid: Any | None) -> list[Event]:
        """Stored events an article's event may be: those sharing an index key
        and those whose centroid is near `centroid` (a centred unit vector)."""
        raise NotImplementedError

    def vector_keys(self, centroid: Any) -> list[str]:
        """Extra keys to file an event under for its centred centroid (none
        where the backend indexes the vectors themselves)."""
        raise NotImplementedError

    def save_event_vector(self, event_id: str, model: str, centroid: Any) -> None:
        """Index an event's centred centroid where the backend has a vector index."""
        raise NotImplementedError

    # --- articles -------------------------------------------------------

    def _rows(self, table: str, where: str = "1 = 1", params: Iterable[Any] = (), order_by: str | None = None):
        order = f" ORDER BY {order_by}" if order_by else ""
        return self._query(f"SELECT * FROM {table} WHERE {where}{order}", list(params))

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self._execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def article_id_for_hash(self, content_hash: str) -> str | None:
        return self._value("SELECT id FROM articles WHERE content_hash = ?", [content_hash])

    def article_path(self, article_id: str) -> str | None:
        return self._value("SELECT path FROM articles WHERE id = ?", [article_id])

    def has_article(self, article_id: str) -> bool:
        return self._value("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def save_draft(self, draft: DraftToSave) -> None:
        """Write what an article adds (its sentences, claims, events, flagged
        pairs and the vectors computed for them) in one transaction, replacing
        any earlier version stored under the same id."""
        with self.errors(), self.transaction():
            self._delete_article_rows(draft.article.id)
            self.insert_rows("articles", [to_row(draft.article)])
            self.insert_rows("sentences", (to_row(s) for s in draft.sentences))
            self.insert_rows("claims", (to_row(c) for c in draft.claims))
            for event, keys in draft.events.values():
                self.insert_rows("events", [to_row(event)], conflict="replace")
                self.insert_rows("event_keys", ({"event_id": event.id, "key": k} for k in keys), conflict="ignore")
            self.insert_rows("divergences", (to_row(d) for d in draft.divergences), conflict="replace")
            self.save_points(draft.points)
            for batch in draft.cached:
                self.cache_vectors(batch.model, batch.dim, batch.vectors, replace=batch.replace)
            for event_id, (model, centroid) in draft.event_vectors.items():
                self.save_event_vector(event_id, model, centroid)

    # --- events -------------------------------------------------------------

    def events_with_keys(self, keys: list[str], per_key: int = 50) -> list[Event]:
        """Stored events sharing an index key (a participant, a name, a vector
        bucket): the candidates a new article's event is compared with. At most
        `per_key` of the latest events per key, so a busy key (a president, a
        crowded bucket) costs the same in a store of any size."""
        ids: list[str] = []
        for key in keys:
            rows = self._execute(
                "SELECT event_id FROM event_keys WHERE key = ? ORDER BY rowid DESC LIMIT ?", [key, per_key]
            ).fetchall()
            ids.extend(r[0] for r in rows if r[0] not in ids)
        return self.events_with_ids(ids) if ids else []

    def events_with_ids(self, ids: list[str]) -> list[Event]:
        if not ids:
            return []
        return [from_row(Event, r) for r in self._rows("events", f"id IN ({marks(ids)})", ids, order_by="id")]

    def events(self) -> list[Event]:
        with self.errors():
            return [from_row(Event, r) for r in self._rows("events", order_by="id")]

    def event_label(self, event_id: str) -> str | None:
        return self._value("SELECT label FROM events WHERE id = ?", [event_id])

    def event_claims(self, event_id: str, *, recent: int | None = None, leaving_out: str = "") -> list[Claim]:
        """The event's claims, by article and offset. With `recent`, a read
        bounded whatever the event's size: for each side, its `recent`
        attributed claims stored last, and for each of its points and sides,
        the `recent` claims added last (a point told again by hundreds of
        articles keeps growing); none of the article `leaving_out`."""
        if recent is None:
            rows = self._rows("claims", "event_id = ?", [event_id], order_by="article_id, start")
            return [from_row(Claim, r) for r in rows]
        latest = (r for side in self._event_sides(event_id) for r in self._latest(event_id, side, recent, leaving_out))
        in_points = self._query(
            "SELECT id FROM (SELECT point_claims.claim_id AS id, ROW_NUMBER() OVER "
            "(PARTITION BY point_claims.point_id, point_claims.side ORDER BY point_claims.rowid DESC) AS latest "
            "FROM points JOIN point_claims ON point_claims.point_id = points.id WHERE points.event_id = ?) AS told "
            "WHERE latest <= ?",
            [event_id, recent],
        )
        ids = {r["id"] for r in [*latest, *in_points]}
        if not ids:
            return []
        # By id alone, then filtered: given the event too, SQLite's planner reads every claim of the event.
        rows = self._rows("claims", f"id IN ({marks(ids)})", sorted(ids), order_by="article_id, start")
        return [from_row(Claim, r) for r in rows if r["event_id"] == event_id and r["article_id"] != leaving_out]

    def _event_sides(self, event_id: str) -> list[str | None]:
        """The sides of the event's claims (None: no side), one index step each
        (a loose index scan: DISTINCT would read every claim of the event)."""
        rows = self._query(
            "WITH RECURSIVE sides(side) AS (SELECT MIN(side) FROM claims WHERE event_id = ? UNION ALL "
            "SELECT (SELECT MIN(side) FROM claims WHERE event_id = ? AND side > sides.side) FROM sides "
            "WHERE sides.side IS NOT NULL) SELECT side FROM sides WHERE side IS NOT NULL",
            [event_id, event_id],
        )
        return [r["side"] for r in rows] + [None]

    def _latest(self, event_id: str, side: str | None, count: int, leaving_out: str) -> list[dict[str, Any]]:
        """A side's `count` attributed claims of the event stored last (index m012)."""
        same_side = "side = ?" if side is not None else "side IS NULL"
        return self._query(
            f"SELECT id FROM claims WHERE event_id = ? AND {same_side} AND article_id != ? "
            "AND source IS NOT NULL AND source != '' ORDER BY rowid DESC LIMIT ?",
            [event_id, *([side] if side is not None else []), leaving_out, count],
        )

    def divergences(self) -> list[Divergence]:
        """The flagged pairs (agreements, stored beside them, are left out)."""
        with self.errors():
            rows = self._rows("divergences", "kind != ?", [AGREEMENT], order_by="event_id, id")
            return [from_row(Divergence, r) for r in rows]

    def divergence(self, pair_id: str) -> Divergence | None:
        """One flagged pair (None for an agreement or an unknown id)."""
        rows = self._rows("divergences", "id = ? AND kind != ?", [pair_id, AGREEMENT])
        return from_row(Divergence, rows[0]) if rows else None

    def event_divergences(self, event_id: str) -> list[Divergence]:
        """An event's flagged pairs, highest score first."""
        rows = self._rows("divergences", "event_id = ? AND kind != ?", [event_id, AGREEMENT], order_by="score DESC, id")
        return [from_row(Divergence, r) for r in rows]

    def divergences_of(self, claim_ids: list[str]) -> list[Divergence]:
        """Flagged pairs that involve any of these claims."""
        if not claim_ids:
            return []
        where = f"kind != ? AND (a IN ({marks(claim_ids)}) OR b IN ({marks(claim_ids)}))"
        rows = self._rows("divergences", where, [AGREEMENT, *claim_ids, *claim_ids], order_by="id")
        return [from_row(Divergence, r) for r in rows]

    def claims_with_ids(self, ids: list[str]) -> dict[str, Claim]:
        if not ids:
            return {}
        return {r["id"]: from_row(Claim, r) for r in self._rows("claims", f"id IN ({marks(ids)})", ids)}

    def agreements(self) -> list[Divergence]:
        """Pairs of different sides found to agree: shown quietly, never flagged."""
        with self.errors():
            rows = self._rows("divergences", "kind = ?", [AGREEMENT], order_by="event_id, id")
            return [from_row(Divergence, r) for r in rows]

    # --- points ---------------------------------------------------------------

    def save_points(self, points: list[Point]) -> None:
        """Write points, replacing earlier versions of the same ids (a point a
        later article continued) and keeping their other claims."""
        for point in points:
            row = to_row(point)
            del row["claims"]
            self.insert_rows("points", [row], conflict="replace")
            links = (
                {"point_id": point.id, "claim_id": c, "side": side} for side, ids in point.claims.items() for c in ids
            )
            self.insert_rows("point_claims", links, conflict="ignore")

    def event_points(self, event_id: str) -> list[Point]:
        """An event's points (agreements included), with their claims."""
        return self._points("event_id = ?", [event_id])

    def points(self) -> list[Point]:
        """Every point that still has claims, by event."""
        with self.errors():
            return self._points("1 = 1", [])

    def _points(self, where: str, params: list[Any]) -> list[Point]:
        rows = self._rows("points", where, params, order_by="event_id, id")
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        claims: dict[str, dict[str, list[str]]] = {i: {} for i in ids}
        for link in self._rows("point_claims", f"point_id IN ({marks(ids)})", ids, order_by="point_id, claim_id"):
            claims[link["point_id"]].setdefault(link["side"] or "", []).append(link["claim_id"])
        return [from_row(Point, {**r, "claims": claims[r["id"]]}) for r in rows if claims[r["id"]]]

    def verdicts(self) -> dict[str, str]:
        """The current review verdict of each judged pair, by pair id."""
        with self.errors():
            return dict(self._execute("SELECT pair_id, verdict FROM current_verdicts").fetchall())

    def _delete_article_rows(self, article_id: str) -> None:
        claim_ids = "SELECT id FROM claims WHERE article_id = ?"
        self._execute(
            f"DELETE FROM divergences WHERE a IN ({claim_ids}) OR b IN ({claim_ids})", [article_id, article_id]
        )
        touched = [r[0] for r in self._execute(
            f"SELECT DISTINCT point_id FROM point_claims WHERE claim_id IN ({claim_ids})", [article_id]
        ).fetchall()]
        self._execute(f"DELETE FROM point_claims WHERE claim_id IN ({claim_ids})", [article_id])
        self._delete_one_sided_points(touched)
        for table in ("claims", "sentences", "articles"):
            column = "id" if table == "articles" else "article_id"
            self._execute(f"DELETE FROM {table} WHERE {column} = ?", [article_id])

    def _delete_one_sided_points(self, point_ids: list[str]) -> None:
        """A point that lost every claim of one side with a replaced article no
        longer says how two sides part: it goes, and the next comparison of the
        event finds what still differs."""
        if not point_ids:
            return
        one_sided = (
            f"SELECT p.id FROM points p WHERE p.id IN ({marks(point_ids)}) AND "
            "(SELECT COUNT(DISTINCT pc.side) FROM point_claims pc WHERE pc.point_id = p.id) < 2"
        )
        gone = [r[0] for r in self._execute(one_sided, point_ids).fetchall()]
        if gone:
            self._execute(f"DELETE FROM point_claims WHERE point_id IN ({marks(gone)})", gone)
            self._execute(f"DELETE FROM points WHERE id IN ({marks(gone)})", gone)

    def articles(self) -> list[Article]:
        with self.errors():
            return [from_row(Article, r) for r in self._rows("articles", order_by="id")]

    def article(self, article_id: str) -> Article | None:
        rows = self._rows("articles", "id = ?", [article_id])
        return from_row(Article, rows[0]) if rows else None

    def article_texts(self, article_ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """The text and language of each stored article among `article_ids`, in one read."""
        if not article_ids:
            return {}
        rows = self._query(f"SELECT id, text, lang FROM articles WHERE id IN ({marks(article_ids)})", article_ids)
        return {r["id"]: (r["text"], r["lang"]) for r in rows}

    def sentences(self, article_id: str) -> list[Sentence]:
        rows = self._rows("sentences", "article_id = ?", [article_id], order_by='"index"')
        return [from_row(Sentence, r) for r in rows]

    def claims(self, article_id: str | None = None) -> list[Claim]:
        with self.errors():
            if article_id is None:
                rows = self._rows("claims", order_by='article_id, start, "end"')
            else:
                rows = self._rows("claims", "article_id = ?", [article_id], order_by='start, "end"')
            return [from_row(Claim, r) for r in rows]

    def counts(self) -> dict[str, int]:
        return {name: self._value(f"SELECT count(*) FROM {name}") for name in ("articles", "sentences", "claims")}

    def cached_vectors(self, keys: list[str]) -> dict[str, bytes]:
        if not keys:
            return {}
        with self.errors():
            rows = self._execute(f"SELECT key, vector FROM embeddings WHERE key IN ({marks(keys)})", keys).fetchall()
        return {key: bytes(vector) for key, vector in rows}

    def cache_vectors(self, model: str, dim: int, vectors: dict[str, bytes], *, replace: bool = False) -> None:
        rows = ({"key": k, "model": model, "dim": dim, "vector": v} for k, v in vectors.items())
        with self.errors():
            self.insert_rows("embeddings", rows, conflict="replace" if replace else "ignore")

    def embedding_model(self) -> str | None:
        """The encoder the store's event centroids were computed with, if it has any."""
        with self.errors():
            return self._value(
                "SELECT model FROM embeddings WHERE key >= ? AND key < ? LIMIT 1", ["event-sum:", "event-sum;"]
            )


def marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


class SqliteStore(Store):
    """One SQLite file (write-ahead log, a busy timeout for concurrent writers)."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path

    @classmethod
    def connect(cls, path: Path, *, readonly: bool = False) -> SqliteStore:
        if readonly and not path.exists():
            raise StoreError(f"{path}: no such store; create it with `crosscheck ingest`")
        if not readonly and path.parent and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        beside = [p for p in log_files(path) if not p.exists()]
        conn = None
        try:
            conn = cls._connect(path, readonly)
            store = cls(sqlite_utils.Database(conn), path)
            store._prepare(readonly)
        except BaseException as error:
            if conn is not None:
                conn.close()
            if getattr(error, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                for made in beside:  # the empty log files SQLite made beside a corrupt file
                    made.unlink(missing_ok=True)
            if isinstance(error, sqlite3.Error):
                raise StoreError(describe_sqlite_error(path, error, readonly=readonly)) from error
            raise
        return store

    @staticmethod
    def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
        uri = f"{path.resolve().as_uri()}?{read_only_uri(path) if readonly else 'mode=rwc'}"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return conn

    def _prepare(self, readonly: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if not is_crosscheck_schema(self.db, version):  # reading the schema also fails if the file is corrupt
            raise StoreError(f"{self.path} is an SQLite database but not a crosscheck store; nothing was changed")
        check_version(self.path, version, readonly)
        if readonly:
            return
        if self.db.journal_mode != "wal":
            self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.db.close()

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(describe_sqlite_error(self.path, error)) from error

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, list(params))

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, list(params)))

    def insert_rows(self, table: str, rows: Iterable[dict[str, Any]], *, conflict: str = "error") -> None:
        """One executemany per call: sqlite-utils' insert_all costs more than the
        write itself on a large article (100,000 sentence rows)."""
        rows = list(rows)
        if not rows:
            return
        columns = list(dict.fromkeys(name for row in rows for name in row))
        verb = {"ignore": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE"}.get(conflict, "INSERT")
        names = ", ".join(quote_identifier(c) for c in columns)
        sql = f"{verb} INTO {quote_identifier(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.db.conn.executemany(sql, ([jsonify_if_needed(row.get(c)) for c in columns] for row in rows))

    @contextmanager
    def transaction(self, *, exclusive: bool = True, keep: bool = True) -> Iterator[None]:
        conn = self.db.conn
        if conn.in_transaction:
            with self.savepoint(keep=keep):
                yield
            return
        conn.execute("BEGIN IMMEDIATE")  # a deferred one could fail with "busy" on its first write
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        if keep:
            conn.commit()
        else:
            conn.rollback()

    def candidate_events(self, keys: list[str], centroid: Any | None) -> list[Event]:
        from crosscheck.vector_index import lsh_keys

        return self.events_with_keys(keys + (lsh_keys(centroid) if centroid is not None else []))

    def vector_keys(self, centroid: Any) -> list[str]:
        from crosscheck.vector_index import lsh_keys

        return lsh_keys(centroid)

    def save_event_vector(self, event_id: str, model: str, centroid: Any) -> None:
        """Nothing: SQLite finds near events through the LSH keys in `event_keys`."""


def check_version(where: Path | str, version: int, readonly: bool) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{where}: made by a newer crosscheck (schema {version} > {SCHEMA_VERSION}); upgrade crosscheck"
        )
    if readonly and version < SCHEMA_VERSION:
        raise StoreError(f"{where}: store needs migrating; run `crosscheck ingest` on it first")
