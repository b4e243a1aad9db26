"""One family of errors, each with the exit code the CLI turns it into.

Library code raises these with a message a user can act on; only the CLI
prints them (one line on stderr) and exits.
"""

from __future__ import annotations

from pathlib import Path


class ExitCode:
    """Exit codes of every command, as documented in the README."""

    OK = 0
    FINDINGS = 1  # `check`: findings at or above the fail level
    INPUT = 2  # usage or input error: bad option, unreadable or missing file
    STORE = 3  # the store cannot be opened or written (locked, corrupt, read-only)
    BUG = 70  # an unexpected internal error (EX_SOFTWARE)
    INTERRUPTED = 130


class CrosscheckError(Exception):
    """Base of every expected failure; `str(error)` is the one-line message."""

    exit_code = ExitCode.INPUT


class InputError(CrosscheckError):
    """An input file cannot be read as an article."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UsageError(CrosscheckError):
    """Options or arguments that cannot work together."""


class StoreError(CrosscheckError):
    """The SQLite store cannot be opened, read or written."""

    exit_code = ExitCode.STORE
