"""Offset-preserving text folding shared by every matcher.

`fold` maps each character to exactly one character (lower case, accents
dropped, typographic apostrophes and dashes unified), so an index into the
folded text is an index into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

SPECIAL = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "‐": "-",
    "‑": "-",
    "–": "-",
    "—": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "œ": "o",
    "Œ": "o",
    "æ": "a",
    "Æ": "a",
    "ß": "s",
    "ı": "i",
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
}


UNIFIED = "’‘ʼ`‐‑–—\u00a0\u202f\u2009"  # apostrophes, dashes and spaces `lower` unifies


def fold_char(ch: str) -> str:  # called once per distinct character: FOLD_TABLE keeps the result
    if ch in SPECIAL:
        return SPECIAL[ch]
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    return base if len(base) == 1 else ch


def lower_char(ch: str) -> str:
    return SPECIAL.get(ch, ch) if ch in UNIFIED else (ch.lower()[:1] or ch)


class _CharTable(dict):
    """A `str.translate` table filled on first sight of each character, so
    folding runs in C after the first occurrence (hot: every token of every
    sentence is folded)."""

    def __init__(self, one_char):
        super().__init__()
        self.one_char = one_char

    def __missing__(self, code: int) -> str:
        self[code] = value = self.one_char(chr(code))
        return value


FOLD_TABLE = _CharTable(fold_char)
LOWER_TABLE = _CharTable(lower_char)


FOLDED: dict[str, str] = {}  # the rules and stages of a sentence fold the same texts in turn
FOLDED_SIZE = 4096
FOLDED_CHARS = 5000  # longer texts (a whole article) are folded once


def fold(text: str) -> str:
    """Lower-cased, accent-free text of the same length as `text`."""
    folded = FOLDED.get(text)
    if folded is None:
        if len(text) > FOLDED_CHARS:
            return text.translate(FOLD_TABLE)
        if len(FOLDED) >= FOLDED_SIZE:
            FOLDED.clear()
        folded = FOLDED[text] = text.translate(FOLD_TABLE)
    return folded


def lower(text: str) -> str:
    """Lower case with accents kept ("annoncé" stays apart from "annonce"),
    apostrophes and dashes unified; same length as `text`."""
    return text.translate(LOWER_TABLE)


class Token(NamedTuple):  # a tuple, not a dataclass: millions are made per large article
    text: str  # folded
    start: int
    end: int
    upper: bool  # the original starts with a capital letter
    word: str = ""  # lower case, accents kept


WORD_RUN = re.compile(r"\w+")
# One capitalised word of a person's name, inner capitals allowed ("LeBlanc", "McDonald", "DeSantis").
NAME_WORD = r"[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+)?"


def tokens(text: str, folded: str | None = None) -> list[Token]:
    """The word tokens of `text`; `folded`, when given, is `fold(text)` (the
    tokens are the same either way: the cache keys on the text alone)."""
    return list(_tokens(text))


@lru_cache(maxsize=1024)  # the same sentence is looked up by several stages in turn
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(_tokenise(text, fold(text)))


def _tokenise(text: str, folded: str) -> list[Token]:
    lowered = lower(text)
    new = tuple.__new__  # Token(...) through its Python-level __new__ costs twice as much
    return [
        new(Token, (m.group(), start, end, text[start].isupper(), lowered[start:end]))
        for m in WORD_RUN.finditer(folded)
        for start, end in (m.span(),)
    ]


def lower_words(text: str) -> tuple[str, ...]:
    lowered = lower(text)
    return tuple(lowered[m.start() : m.end()] for m in re.finditer(r"\w+", fold(text)))


def fold_words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RUN.findall(fold(text)))


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


# Everything that can break a line or hijack a terminal or a diff view: C0/C1
# controls (newlines and tabs included), Unicode line separators, bidi overrides,
# and what XML and UTF-8 cannot carry (lone surrogates from undecodable file
# names, U+FFFE, U+FFFF).
NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def one_line(text: str, replacement: str = " ") -> str:
    """A value for one line of output (a file name, a message, a source)."""
    return NOT_ONE_LINE.sub(replacement, text)


def printable(text: str) -> str:
    """Article text without control characters: it goes to terminals (escape
    sequences) and XML (where they are not allowed)."""
    return CONTROL.sub(" ", text)
