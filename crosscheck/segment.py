"""Split article text into sentences with exact character offsets.

Rules written for news typography rather than a general-purpose splitter:
French « » quotes (a quote of several sentences stays whole when its
attribution follows), abbreviations such as M., MM., Mme, initials (J. D.
Vance), numbers and dates, headlines and captions without a final period, and
lines hard-wrapped inside a sentence. `text[start:end]` is always the sentence.

Every step is linear in the text's length, and a run without a sentence end
longer than `LIMITS.sentence_chars` is cut at whitespace, so no sentence is
longer than that whatever the input.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass

from crosscheck.lang import union
from crosscheck.settings import LIMITS

ABBREVIATIONS = union("abbreviations")
TERMINAL = ".!?…"
OPENING_QUOTES = "«“„"
CLOSING_QUOTES = "»”"
MAX_QUOTE_SPAN = 600  # a quote still open after this many characters is treated as unclosed
MIN_WRAPPED_LINE = 50  # a shorter line without final punctuation is a title or a byline, not a wrap
QUOTE_END_TAIL = 3  # a period this close to the closing mark ends the quote

# A boundary starts only where a run of final punctuation starts: retrying inside
# a long run ("......") would make the scan quadratic, and can never match.
BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+(?:[ \u00a0\u202f]*[»”\"')\]])*(?=[ \t\u00a0\u202f]+\S)")
# "…la Maison Blanche.D'après…": a period glued to the next sentence's first word.
GLUED_BOUNDARY = re.compile(r"(?<=[a-zà-ÿ]{3})[.!?](?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’])")
SENTENCE_START = re.compile(r"[ \t\u00a0\u202f]+(?=[\"«“„'(\[—–-]?[ \u00a0\u202f]?[A-ZÀ-ÖØ-Þ0-9])")
LINE = re.compile(r"[^\n]+")
FIRST_VISIBLE = re.compile(r"\s*(\S)")
INITIALS = re.compile(r"(?:[A-ZÀ-Þ]\.?-?)*[A-ZÀ-Þ]")
QUOTE_MARK = re.compile(f'[{OPENING_QUOTES}{CLOSING_QUOTES}"]')
WORD_PUNCTUATION = "_°.'’-"  # with letters and digits, what an abbreviation or a number is made of


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
    merged: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        if line.group().isspace():
            continue
        start, end = line.span()
        if merged and continues_previous_line(text, merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [trim(text, s, e) for s, e in merged]


def continues_previous_line(text: str, previous: tuple[int, int], start: int) -> bool:
    """A line that starts in lower case after a line with no final punctuation
    is the same sentence, broken by a hard wrap, with no blank line between.
    Looks only at the previous line's end, never at the whole paragraph so far."""
    last = previous[1] - 1
    while last > previous[0] and text[last].isspace():
        last -= 1
    first = FIRST_VISIBLE.match(text, start)
    return (
        text.count("\n", previous[1], start) == 1
        and last + 1 - previous[0] >= MIN_WRAPPED_LINE
        and text[last] not in TERMINAL + ':»”"'
        and first is not None
        and first.group(1).islower()
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, none longer than `LIMITS.sentence_chars`."""
    chunk = text[start:end]
    quotes = QuoteGuard(quote_ranges(chunk))
    cuts = [0]
    for match in sorted([*BOUNDARY.finditer(chunk), *GLUED_BOUNDARY.finditer(chunk)], key=lambda m: m.start()):
        cut = match.end()
        if match.re is BOUNDARY and not SENTENCE_START.match(chunk, cut):
            continue
        if is_abbreviation(chunk, match.start()) or quotes.protects(match.start()):
            continue
        cuts.append(cut)
    cuts.append(len(chunk))
    pieces = [trim(text, start + a, start + b) for a, b in zip(cuts, cuts[1:], strict=False)]
    return [bounded for s, e in pieces if e > s for bounded in cut_overlong(text, s, e, LIMITS.sentence_chars)]


def cut_overlong(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """A trimmed span as pieces of at most `limit` characters, cut at the last
    whitespace of each piece's second half, or at the limit where a run has none."""
    while end - start > limit:
        cut = start + limit
        while cut > start + limit // 2 and not text[cut].isspace():
            cut -= 1
        if not text[cut].isspace():
            cut = start + limit
        yield trim(text, start, cut)
        start, end = trim(text, cut, end)
    yield start, end


def is_abbreviation(chunk: str, period_at: int) -> bool:
    if chunk[period_at] != ".":
        return False
    token = word_before(chunk, period_at)
    if not token:
        return False
    word = token.lower().strip("'’-")
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # Initials: "J." or "J.-C." or "J.D." — single capital letters.
    return bool(INITIALS.fullmatch(token))


def word_before(chunk: str, end: int) -> str:
    """The run of letters, digits and `WORD_PUNCTUATION` that ends at `end`
    (scanned backwards, so its cost is the word's length)."""
    start = end
    while start > 0 and (chunk[start - 1].isalnum() or chunk[start - 1] in WORD_PUNCTUATION):
        start -= 1
    return chunk[start:end]


def quote_ranges(chunk: str) -> list[tuple[int, int]]:
    """(open, close) positions of the quotations in a paragraph, in the order
    they close; an unclosed or very long quote does not protect its inner boundaries."""
    ranges, stack, straight_open = [], [], None
    for mark in QUOTE_MARK.finditer(chunk):
        i, ch = mark.start(), mark.group()
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


class QuoteGuard:
    """Whether a boundary is inside a quote that the attribution follows (not
    the quote's own last period), asked for increasing positions: each quote is
    pushed and popped once, so a paragraph's cost does not grow with quotes × boundaries.
    Of two quotes around a position (a straight one inside guillemets), the one
    that closes first decides."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._by_opening = sorted(ranges)
        self._next = 0
        self._closings: list[int] = []  # closing positions of the quotes opened so far

    def protects(self, position: int) -> bool:
        while self._next < len(self._by_opening) and self._by_opening[self._next][0] < position:
            heapq.heappush(self._closings, self._by_opening[self._next][1])
            self._next += 1
        while self._closings and self._closings[0] <= position:
            heapq.heappop(self._closings)
        return bool(self._closings) and self._closings[0] - position > QUOTE_END_TAIL
