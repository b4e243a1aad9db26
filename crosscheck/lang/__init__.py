"""Each language's words and patterns, in one place.

A language is a module ``crosscheck.lang.<code>`` (``fr.py``, ``en.py``) listed in
``LANGUAGES``, with one upper-case constant per ``Language`` field (``MONTHS`` for
``months``). Word lists are written there as whitespace-separated strings and
patterns as regex source; ``language(code)`` returns them as a frozen
``Language``. Larger data (the reporting verbs) are files in ``lang/data/``.
Stage modules keep the mechanisms and import the words from here.

Today's matching is language-blind: every article is matched against French and
English together. ``alternation`` and ``union`` build those combined patterns
and word sets; patterns whose branch order interleaves the two languages are
kept whole in ``mixed.py``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import MISSING, dataclass, fields
from functools import cache
from importlib import resources

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Language:
    """Word sets are accent-folded lower case unless said otherwise; patterns
    are regex source, alternations of one language's branches. A field with a
    default may be left out by a language that has no such words."""

    code: str
    abbreviations: frozenset[str]
    months: str  # regex alternation of month names and their abbreviations
    institution_words: frozenset[str]
    articles: frozenset[str]
    reporting_verbs: str  # data file in lang/data/ (see `reporting_verbs`)
    clause_verbs: frozenset[str]  # lemmas, as spelled in the verbs file
    # Article metadata (metadata.py); patterns match the original case, case-insensitively.
    byline_words: str  # "par", "by"
    byline_joiners: str  # between an outlet and its agency: "avec", "with"
    list_joiners: str  # between two authors' names: "et", "and"
    name_articles: str  # capitalised articles that do not begin a person's name
    outlet_name_words: str  # words that make a byline name an outlet ("Times", "Monde")
    absolute_dates: str  # full dates written with month names
    date_line_words: str  # words that begin a date line ("publié", "updated")
    time_prepositions: str  # between a date and its time ("à", "at")
    byline_staff_words: str = ""  # trailing words of a byline that name no one ("staff")


@cache
def language(code: str) -> Language:
    """The words and patterns of one language, by its code in ``LANGUAGES``."""
    if code not in LANGUAGES:
        raise KeyError(f"no language module for {code!r}; known: {', '.join(LANGUAGES)}")
    module = importlib.import_module(f"crosscheck.lang.{code}")
    values = {}
    for spec in fields(Language):
        name = spec.name.upper()
        if hasattr(module, name):
            values[spec.name] = _convert(spec.type, getattr(module, name))
        elif spec.default is MISSING and spec.default_factory is MISSING:
            raise KeyError(f"crosscheck/lang/{code}.py has no {name}")
    return Language(**values)


def _convert(kind: str, value):
    if kind.startswith("frozenset") and isinstance(value, str):
        return frozenset(value.split())
    if kind.startswith("tuple") and isinstance(value, str):
        return tuple(value.split())
    return value


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


def union(field: str) -> frozenset[str]:
    """One word-set field merged over every language."""
    return frozenset().union(*(getattr(lang, field) for lang in all_languages()))


def alternation(field: str) -> str:
    """One pattern field of every language joined as ``a|b``, in ``LANGUAGES``
    order; languages that leave the field empty are skipped."""
    return "|".join(value for lang in all_languages() if (value := getattr(lang, field)))


@cache
def reporting_verbs(code: str) -> dict:
    """A language's reporting verbs, statement nouns and channels (its JSON data file)."""
    name = language(code).reporting_verbs
    return json.loads((resources.files(__name__) / "data" / name).read_text(encoding="utf-8"))
