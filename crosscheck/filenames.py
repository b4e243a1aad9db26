"""File names for ids (article ids come from file names and JSON fields and
may hold anything): one name per id, unique within the set even on a file
system that ignores case, so no article's file overwrites another's.

An id that is already a safe, short name keeps it (of two such ids alike but
for case, the first in code-point order). Any other id is
sanitised, cut to the limit, and given a short hash of the original id, so
its name depends on the id alone and links to it stay put from one run to
the next.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable

NAME_LIMIT = 80  # characters before the extension
HASH_LENGTH = 8
UNSAFE = re.compile(r"[^\w.-]+")


def unique_names(ids: Iterable[str], limit: int = NAME_LIMIT) -> dict[str, str]:
    """A file name (without extension) for each id, no two alike, ignoring case."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for identifier in sorted(set(ids), key=lambda i: (not is_plain(i, limit), i)):  # plain ids choose first
        name = next(n for n in candidates(identifier, limit) if n.casefold() not in taken)
        names[identifier] = name
        taken.add(name.casefold())
    return names


def is_plain(identifier: str, limit: int = NAME_LIMIT) -> bool:
    """Already a safe file name: word characters, dots and dashes, not hidden, short enough."""
    return 0 < len(identifier) <= limit and sanitised(identifier) == identifier


def sanitised(identifier: str) -> str:
    return UNSAFE.sub("_", identifier).strip("._")


def candidates(identifier: str, limit: int):
    """Names for an id, best first: the id itself when plain, then the
    sanitised id with a hash of the id; the rest only for ids made to collide."""
    if is_plain(identifier, limit):
        yield identifier
    stem = sanitised(identifier)
    for salt in itertools.count():
        salted = f"{identifier}\0{salt}" if salt else identifier
        suffix = hashlib.sha256(salted.encode()).hexdigest()[:HASH_LENGTH]
        yield f"{stem[: limit - len(suffix) - 1]}-{suffix}" if stem else suffix
