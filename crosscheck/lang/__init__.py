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
    female_words: frozenset[str]  # words that make a person a woman ("mme", "she", "cheffe"); attribute.context
    joint_source: str  # regex: a source that is both sides at once ("les deux présidents"); attribute.engine
    state_source_words: frozenset[str]  # unnamed sources that speak for a state ("officials"); attribute.engine
    place_intro: str  # regex: the preposition of an opening "In Taipei," ; attribute.engine
    no_comment_verbs: frozenset[str]  # lemmas that, negated and bare, report silence ("did not respond")


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
        female_words=frozenset(module.FEMALE_WORDS.split()),
        joint_source=module.JOINT_SOURCE,
        state_source_words=frozenset(module.STATE_SOURCE_WORDS.split()),
        place_intro=module.PLACE_INTRO,
        no_comment_verbs=frozenset(module.NO_COMMENT_VERBS.split()),
    )


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


def union(field: str) -> frozenset[str]:
    """One word-set field merged over every language."""
    return frozenset().union(*(getattr(lang, field) for lang in all_languages()))


def alternation(field: str) -> str:
    """One pattern field of every language joined as ``a|b``, in ``LANGUAGES`` order."""
    return "|".join(getattr(lang, field) for lang in all_languages())
