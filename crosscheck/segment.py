"""Split article text into sentences with exact character offsets.

Rules written for news typography rather than a general-purpose splitter:
French « » quotes (a quote of several sentences stays whole when its
attribution follows), abbreviations such as M., MM., Mme, initials (J. D.
Vance), numbers and dates, headlines and captions without a final period, and
lines hard-wrapped inside a sentence. `text[start:end]` is always the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    # French
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mgr",
    "me",
    "dr",
    "pr",
    "st",
    "ste",
    "etc",
    "cf",
    "av",
    "apr",
    "env",
    "art",
    "al",
    "p",
    "pp",
    "vol",
    "n°",
    "no",
    "nos",
    "tél",
    "gén",
    "gal",
    "col",
    "cdt",
    "lt",
    "sgt",
    "adj",
    "ex",
    "réf",
    "resp",
    "max",
    "min",
    "hab",
    "mds",
    "mrd",
    "md",
    "mio",
    "chap",
    "fig",
    # English
    "mr",
    "mrs",
    "ms",
    "jr",
    "sr",
    "gen",
    "capt",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "prof",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "e.g",
    "i.e",
    "approx",
    "dept",
    "est",
    "jan",
    "feb",
    "mar",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
}
TERMINAL = ".!?…"
OPENING_QUOTES = "«“„"
CLOSING_QUOTES = "»”"
MAX_QUOTE_SPAN = 600  # a quote still open after this many characters is treated as unclosed
MIN_WRAPPED_LINE = 50  # a shorter line without final punctuation is a title or a byline, not a wrap

BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"')\]])*(?=[ \t\u00a0\u202f]+\S)")
SENTENCE_START = re.compile(r"[ \t\u00a0\u202f]+(?=[\"«“„'(\[—–-]?[ \u00a0\u202f]?[A-ZÀ-ÖØ-Þ0-9])")
WORD_BEFORE = re.compile(r"([\w°.'’-]+)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    paragraph: int


def segment(text: str) -> list[Span]:
    """Sentences of `text`, in order, as spans into it."""
    spans: list[Span] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        for s, e in split_paragraph(text, start, end):
            spans.append(Span(s, e, number))
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, with hard-wrapped lines of one sentence joined."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    merged: list[tuple[int, int]] = []
    for start, end in lines:
        if merged and continues_previous_line(text, merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [trim(text, s, e) for s, e in merged]


def continues_previous_line(text: str, previous: tuple[int, int], start: int) -> bool:
    """A line that starts in lower case after a line with no final punctuation
    is the same sentence, broken by a hard wrap, with no blank line between."""
    before = text[previous[0] : previous[1]].rstrip()
    gap = text[previous[1] : start]
    first = text[start : start + 1 + len(text[start:]) - len(text[start:].lstrip())].strip()[:1]
    return (
        gap.count("\n") == 1
        and len(before) >= MIN_WRAPPED_LINE
        and before[-1] not in TERMINAL + ':»”"'
        and first.islower()
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    open_quote_ends = quote_ranges(chunk)
    cuts = [0]
    for match in BOUNDARY.finditer(chunk):
        cut = match.end()
        if not SENTENCE_START.match(chunk, cut):
            continue
        if is_abbreviation(chunk, match.start()) or inside_quote(open_quote_ends, match.start()):
            continue
        cuts.append(cut)
    cuts.append(len(chunk))
    pieces = [trim(text, start + a, start + b) for a, b in zip(cuts, cuts[1:], strict=False)]
    return [(s, e) for s, e in pieces if e > s]


def is_abbreviation(chunk: str, period_at: int) -> bool:
    if chunk[period_at] != ".":
        return False
    match = WORD_BEFORE.search(chunk, 0, period_at)
    if not match:
        return False
    word = match.group(1).lower().strip("'’-")
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # Initials: "J." or "J.-C." or "J.D." — single capital letters.
    token = match.group(1)
    return bool(re.fullmatch(r"(?:[A-ZÀ-Þ]\.?-?)*[A-ZÀ-Þ]", token))


def quote_ranges(chunk: str) -> list[tuple[int, int]]:
    """(open, close) positions of the quotations in a paragraph; an unclosed
    or very long quote does not protect its inner boundaries."""
    ranges, stack, straight_open = [], [], None
    for i, ch in enumerate(chunk):
        if ch in OPENING_QUOTES:
            stack.append(i)
        elif ch in CLOSING_QUOTES and stack:
            opened = stack.pop()
            if not stack:
                ranges.append((opened, i))
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                ranges.append((straight_open, i))
                straight_open = None
    return [(a, b) for a, b in ranges if b - a <= MAX_QUOTE_SPAN]


def inside_quote(ranges: list[tuple[int, int]], position: int) -> bool:
    """True when `position` is inside a quote that the attribution follows,
    i.e. the boundary is not the quote's own last period."""
    for opened, closed in ranges:
        if opened < position < closed:
            tail = closed - position
            return tail > 3  # the period right before the closing mark ends the quote
    return False
