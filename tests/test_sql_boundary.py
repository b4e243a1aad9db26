"""The store is the only module family that speaks SQL: no SQL statement in a
string of any other module of the package (f-strings' constant parts
included). Statements not moved yet are listed in KNOWN_OFFENDERS; a new one
fails, and so does an entry that is no longer there (remove it then)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "crosscheck"
HOLE = "{}"  # where an f-string has a value

# A statement's first words, case-insensitive; each keyword needs what makes it
# SQL after it, so that English ("with", "replace", "Select an event") passes.
NAME = r'(?:[\w."]+|\{\})'
STATEMENT = re.compile(
    r"""^\s*(?:
      select\s+(?:distinct\s+)?(?:\*|\d|\(|'|\{\}|[\w.]+\s*(?:\(|,|\{\}|$|\s+(?:from|as)\b))
    | insert\s+(?:or\s+\w+\s+)?into\b
    | replace\s+into\b
    | update\s+"""
    + NAME
    + r"""\s+set\b
    | delete\s+from\b
    | (?:begin|commit)(?:\s+(?:immediate|exclusive|deferred|transaction|work))?\s*;?\s*$
    | end\s+transaction\b
    | savepoint\s+\w+
    | release\s+(?:savepoint\b|\w*_\w*\s*;?\s*$)
    | rollback(?:\s+to\b|\s+transaction\b|\s*;?\s*$)
    | create\s+(?:unique\s+|temp(?:orary)?\s+|or\s+replace\s+|virtual\s+|\{\}\s*)*
        (?:table|index|view|trigger|extension|database|schema)\b
    | drop\s+(?:table|index|view|trigger|extension|database|schema)\b
    | alter\s+(?:table|index|database|schema)\b
    | pragma\s+\w+
    | with\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s*\(
    | explain\s+(?:query\s+plan\s+|analyze\s+)?(?:select|insert|update|delete|with)\b
    | vacuum\b\s*;?\s*$
    | attach\s+(?:database\b|'|\{\})
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# (module, statement as written, whitespace collapsed): to be moved into the store.
KNOWN_OFFENDERS: set[tuple[str, str]] = set()


def is_store_module(path: Path) -> bool:
    return path.parent == PACKAGE and path.name.startswith("store")


def strings(tree: ast.AST):
    """Every string constant with its line; an f-string as its constant parts around holes."""
    inside_fstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    inside_fstrings.add(id(value))
                    parts.append(str(value.value))
                else:
                    parts.append(HOLE)
            yield node.lineno, "".join(parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
            yield node.lineno, node.value


def sql_statements(source: str) -> list[tuple[int, str]]:
    return [(line, " ".join(text.split())) for line, text in strings(ast.parse(source)) if STATEMENT.match(text)]


def offenders() -> dict[tuple[str, str], int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if is_store_module(path):
            continue
        module = path.relative_to(PACKAGE.parent).as_posix()
        for line, statement in sql_statements(path.read_text(encoding="utf-8")):
            found[module, statement] = line
    return found


def test_no_sql_outside_the_store() -> None:
    found = offenders()
    new = [f"{module}:{line}: {statement[:80]}" for (module, statement), line in found.items()
           if (module, statement) not in KNOWN_OFFENDERS]  # fmt: skip
    assert new == [], "SQL outside crosscheck/store*.py; add a named store method instead:\n" + "\n".join(new)
    moved = sorted(KNOWN_OFFENDERS - set(found))
    assert moved == [], f"no longer found, remove from KNOWN_OFFENDERS: {moved}"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM claims",
        "select d.id FROM divergences d",
        "SELECT coalesce(sum(x), 0) FROM t",
        "SELECT d.kind, d.score",
        "SELECT 1",
        "SELECT {} FROM {}",
        "INSERT INTO verdicts (a) VALUES (?)",
        "insert or replace into t values (?)",
        "UPDATE verdicts SET undone_at = ?",
        "update {} set x = 1",
        "DELETE FROM claims WHERE id = ?",
        "BEGIN IMMEDIATE",
        "begin",
        "COMMIT",
        "SAVEPOINT block",
        "RELEASE SAVEPOINT block",
        "release crosscheck_block",
        "ROLLBACK TO SAVEPOINT block",
        "rollback",
        "CREATE TABLE t (a TEXT)",
        "CREATE UNIQUE INDEX i ON t (a)",
        "CREATE {}INDEX {} ON {} ({})",
        "DROP TABLE reviews",
        "ALTER TABLE t ADD COLUMN c TEXT",
        "PRAGMA user_version = 3",
        "WITH recent AS (SELECT 1) SELECT * FROM recent",
        "EXPLAIN QUERY PLAN SELECT 1",
    ],
)
def test_statements_are_recognised(text: str) -> None:
    assert STATEMENT.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "with",
        "replace",
        "Select an event to review",
        "update the claim record when articles change",
        "Insert rows; on a primary-key clash `conflict` is error",
        "Delete nothing: verdicts are only appended",
        "begin with the highest score",
        "Release notes",
        "create the report folder",
        "drop duplicates",
        "with these filters",
        "commit your work",
        "end",
    ],
)
def test_english_is_not_sql(text: str) -> None:
    assert not STATEMENT.match(text)


def test_fstring_parts_are_read_around_their_holes() -> None:
    source = 'table = "claims"\nsql = f"SELECT * FROM {table} WHERE id = ?"\nword = f"with {table}"\n'
    assert sql_statements(source) == [(2, "SELECT * FROM {} WHERE id = ?")]
