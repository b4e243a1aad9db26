"""Where a store lives — a SQLite file, or a PostgreSQL database named by a
URL — and how to open one, whichever backend. Light on purpose: the CLI
parses `--db` with it before any backend is imported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosscheck.store import Store


def is_postgres_url(location: object) -> bool:
    return isinstance(location, str) and location.split("://", 1)[0] in ("postgresql", "postgres")


def store_location(value: str | Path) -> str | Path:
    """What `--db` names: a PostgreSQL URL as given, anything else a SQLite file path."""
    return value if is_postgres_url(value) else Path(value)


def store_exists(location: str | Path) -> bool:
    """Whether there is a store there to read (a server is asked when it is opened)."""
    return is_postgres_url(location) or Path(location).exists()


def open_store(location: Path | str, *, readonly: bool = False) -> Store:
    """The store at `location`, migrated to the current schema unless `readonly`."""
    if is_postgres_url(location):
        from crosscheck.store_postgres import PostgresStore

        return PostgresStore.connect(str(location), readonly=readonly)
    from crosscheck.store import SqliteStore

    return SqliteStore.connect(Path(location), readonly=readonly)
