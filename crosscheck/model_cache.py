"""Fixed artefacts derived from the installed models, built on first use and
kept in a cache directory crosscheck owns, so that later processes load them
instead of rebuilding them.

The USE tokenizer (parsed from its sentencepiece file in pure Python), the
USE weights (a compressed archive) and the language identifier (an
LZMA-compressed model) cost a fresh process about two seconds of CPU to build;
loaded from the cache they cost a tenth of that. An artefact's name carries
the package version and the size and modification time of the files it is
built from, so a new version of a model is rebuilt, never mixed with an old
artefact. The directory is `CROSSCHECK_CACHE`, else `$XDG_CACHE_HOME/crosscheck`,
else `~/.cache/crosscheck` (a directory only its user writes: artefacts are
pickles); where there is none or it cannot be written the artefact is simply
built in memory each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = "1"  # bumped when an artefact's layout changes
# Regex source from this length on is served compiled (spaCy's French token_match is 1.4 MB of it).
LONG_PATTERN = 10_000


def cache_dir() -> Path | None:
    """Where artefacts are kept; None when there is no home to keep them in."""
    if configured := os.environ.get("CROSSCHECK_CACHE"):
        return Path(configured)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "crosscheck"
    try:
        return Path.home() / ".cache" / "crosscheck"
    except RuntimeError:  # no HOME and no password entry (some containers)
        return None


def artefact_name(kind: str, distribution: str, sources: list[Path], *more: str) -> str:
    """`kind-<digest>`: the digest of the distribution's version, its source
    files' sizes and times and anything else the artefact depends on."""
    stamps = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources]
    parts = [FORMAT, distribution, installed_version(distribution), *stamps, *more]
    return f"{kind}-{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()[:16]}"


def installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def cached(name: str, build: Callable[[], T], save: Callable[[T, Path], None], load: Callable[[Path], T]) -> T:
    """The artefact `name` loaded from the cache; else built, saved there
    (written aside and renamed into place, so a reader never sees half of
    one and two processes building it at once both succeed) and returned."""
    if (where := cache_dir()) is None:
        return build()
    folder = where / name
    if folder.is_dir():
        try:
            return load(folder)
        except Exception:  # noqa: BLE001 - a damaged cache must never stop a run: it is rebuilt below
            pass
    built = build()
    store(folder, built, save)
    return built


def store(folder: Path, built: T, save: Callable[[T, Path], None]) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError:
        return  # no writable cache: the next process builds it again
    try:
        save(built, staging)
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)  # an unreadable one, replaced
        staging.rename(folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another process got there first, or the disk is full


def save_pickle(built: object, folder: Path) -> None:
    with open(folder / "artefact.pickle", "wb") as out:
        pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)


def load_pickle(folder: Path) -> object:
    with open(folder / "artefact.pickle", "rb") as saved:
        return pickle.load(saved)  # crosscheck's own cache directory, written by save_pickle


@contextmanager
def compiled_patterns(name: str) -> Iterator[None]:
    """While it is open, `re.compile` serves long patterns from the artefact
    `name`: their compiled code, kept from the first time they were compiled
    (CPython's `re` compiles in pure Python: spaCy's French tokenizer costs
    a process 3 s of CPU to compile, 0.05 s to load). The code is what `re`
    itself produced, under the same Python version (the name carries it), and
    CPython validates it when it is loaded; on any other Python, or if that
    fails, `re` compiles the pattern as usual."""
    where = cache_dir()
    folder = where / name if where is not None else None
    try:
        known = load_pickle(folder) if folder is not None and folder.is_dir() else {}
    except Exception:  # noqa: BLE001 - a damaged cache must never stop a run: it is rebuilt below
        known = {}
    recorded: dict = {}
    original = re.compile

    def compile_served(pattern, flags=0):
        if not isinstance(pattern, str) or len(pattern) < LONG_PATTERN:
            return original(pattern, flags)
        key = (pattern, int(flags))
        try:
            parts = known.get(key) or recorded.setdefault(key, compiled_code(*key))
            return from_code(pattern, *parts)
        except (AttributeError, TypeError, ValueError, RuntimeError, ImportError):
            return original(pattern, flags)

    re.compile = compile_served
    try:
        yield
    finally:
        re.compile = original
    if recorded and folder is not None:
        store(folder, {**known, **recorded}, save_pickle)


def patterns_artefact(kind: str, distribution: str, model: str) -> str:
    """The name of the compiled-patterns artefact of a library, a model of it and this Python."""
    return artefact_name(kind, distribution, [], sys.implementation.name, sys.version, model, installed_version(model))


def compiled_code(pattern: str, flags: int) -> tuple:
    """What `re` compiles `pattern` to (CPython's `re._compiler.compile`, kept apart)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return flags | parsed.state.flags, array("I", code), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def from_code(pattern: str, flags: int, code: array, groups: int, groupindex: dict, indexgroup: tuple) -> re.Pattern:
    import _sre

    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)
