"""Offset-preserving text folding shared by every matcher.

`fold` maps each character to exactly one character (lower case, accents
dropped, typographic apostrophes and dashes unified), so an index into the
folded text is an index into the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    if ch in SPECIAL:
        return SPECIAL[ch]
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Lower-cased, accent-free text of the same length as `text`."""
    return "".join(fold_char(ch) for ch in text)


def lower(text: str) -> str:
    """Lower case with accents kept ("annoncé" stays apart from "annonce"),
    apostrophes and dashes unified; same length as `text`."""
    return "".join(SPECIAL.get(ch, ch) if ch in "’‘ʼ`‐‑–—\u00a0\u202f\u2009" else (ch.lower()[:1] or ch) for ch in text)


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int
    end: int
    upper: bool  # the original starts with a capital letter
    word: str = ""  # lower case, accents kept


def tokens(text: str, folded: str | None = None) -> list[Token]:
    folded = fold(text) if folded is None else folded
    lowered = lower(text)
    return [
        Token(m.group(), m.start(), m.end(), text[m.start()].isupper(), lowered[m.start() : m.end()])
        for m in re.finditer(r"\w+", folded)
    ]


def lower_words(text: str) -> tuple[str, ...]:
    lowered = lower(text)
    return tuple(lowered[m.start() : m.end()] for m in re.finditer(r"\w+", fold(text)))


def fold_words(text: str) -> tuple[str, ...]:
    return tuple(m.group() for m in re.finditer(r"\w+", fold(text)))


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
