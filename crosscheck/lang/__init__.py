"""Each language's words and patterns, in one place.

A language is a module ``crosscheck.lang.<code>`` (``fr.py``, ``en.py``) listed in
``LANGUAGES``. Word lists are written there as whitespace-separated strings and
patterns as regex source; ``language(code)`` returns them as a frozen
``Language``. Stage modules keep the mechanisms and import the words from here.

Today's matching is language-blind: every article is matched against French and
English together. ``alternation`` builds that combined pattern; patterns whose
branch order interleaves the two languages are kept whole in ``mixed.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Language:
    code: str
    abbreviations: frozenset[str]
    months: str  # regex alternation of month names and their abbreviations
    institution_words: frozenset[str]
    articles: frozenset[str]
    background_cues: str  # regex on folded text: a statement that is not about the current exchange


@cache
def language(code: str) -> Language:
    """The words and patterns of one language, by its code in ``LANGUAGES``."""
    if code not in LANGUAGES:
        raise KeyError(f"no language module for {code!r}; known: {', '.join(LANGUAGES)}")
    module = importlib.import_module(f"crosscheck.lang.{code}")
    return Language(
        code=module.CODE,
        abbreviations=frozenset(module.ABBREVIATIONS.split()),
        months=module.MONTHS,
        institution_words=frozenset(module.INSTITUTION_WORDS.split()),
        articles=frozenset(module.ARTICLES.split()),
        background_cues=module.BACKGROUND_CUES,
    )


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


def union(field: str) -> frozenset[str]:
    """One word-set field merged over every language."""
    return frozenset().union(*(getattr(lang, field) for lang in all_languages()))


def alternation(field: str) -> str:
    """One pattern field of every language joined as ``a|b``, in ``LANGUAGES`` order."""
    return "|".join(getattr(lang, field) for lang in all_languages())
