from __future__ import annotations

import random
import sys

import pytest

from crosscheck import segment as segment_module
from crosscheck.segment import QuoteGuard, paragraphs, quote_ranges, segment
from crosscheck.settings import LIMITS


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre est arrivé. Il a parlé.", ["Le ministre est arrivé.", "Il a parlé."]),
        ("M. Dupont a parlé. MM. Austin et Li ont discuté.", ["M. Dupont a parlé.", "MM. Austin et Li ont discuté."]),
        ("Mme Baerbock a parlé. Puis elle est partie.", ["Mme Baerbock a parlé.", "Puis elle est partie."]),
        ("J. D. Vance est arrivé. Il a parlé.", ["J. D. Vance est arrivé.", "Il a parlé."]),
        ("Le 3.5 % annoncé. Fin.", ["Le 3.5 % annoncé.", "Fin."]),
        ("« Nous refusons. Jamais », a-t-il dit. Ensuite ?", ["« Nous refusons. Jamais », a-t-il dit.", "Ensuite ?"]),
        ("« Questions abordées. » Le texte suit.", ["« Questions abordées. »", "Le texte suit."]),
        ("Titre sans point\nPremière phrase.", ["Titre sans point", "Première phrase."]),
        (
            "Une phrase assez longue pour avoir été coupée par le\nretour à la ligne. Suite.",
            ["Une phrase assez longue pour avoir été coupée par le\nretour à la ligne.", "Suite."],
        ),
        ("Un titre court\npar Le Journal", ["Un titre court", "par Le Journal"]),
        ("“We will respond,” he said. “Soon.”", ["“We will respond,” he said.", "“Soon.”"]),
        ("Mr. Blinken met Gen. Brown. They talked.", ["Mr. Blinken met Gen. Brown.", "They talked."]),
        ("L'ONU (New York) s'inquiète… La suite.", ["L'ONU (New York) s'inquiète…", "La suite."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_slice_the_text_exactly() -> None:
    text = "  Titre\n\nLe ministre a dit « oui ».  Puis  il est parti.\r\nFin"
    for span in segment(text):
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece


def test_paragraph_numbers_follow_lines() -> None:
    text = "Un.\n\nDeux. Trois.\nQuatre."
    assert [s.paragraph for s in segment(text)] == [0, 1, 1, 2]
    assert len(paragraphs(text)) == 3


# --- bounded and linear on hostile input ------------------------------------


def unpunctuated_run(size: int) -> str:
    words = "accord frontière délégation convoi ministre échange rencontre garantie".split()
    run = " ".join(words[(i * 7 + i // 5) % len(words)] + (",\n" if i % 97 == 96 else "") for i in range(size // 8))
    return run[:size].rstrip()


def test_a_megabyte_without_a_sentence_end_is_cut_into_bounded_sentences_covering_it() -> None:
    text = unpunctuated_run(1_000_000)
    spans = segment(text)
    assert len(spans) >= len(text) // LIMITS.sentence_chars
    assert all(0 < s.end - s.start <= LIMITS.sentence_chars for s in spans)
    covered = 0
    for span in spans:
        assert text[covered : span.start].isspace() or span.start == covered == 0  # only whitespace between
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        covered = span.end
    assert covered == len(text)


def test_a_run_without_whitespace_is_cut_at_the_limit() -> None:
    text = "Début. Xx" + "x" * (3 * LIMITS.sentence_chars + 3)
    pieces = sentences(text)
    assert pieces[0] == "Début."
    assert [len(p) for p in pieces[1:]] == [LIMITS.sentence_chars] * 3 + [5]
    assert "".join(pieces[1:]) == text[len("Début. ") :]


def test_an_overlong_sentence_is_cut_at_the_last_whitespace_before_the_limit() -> None:
    words = "le convoi a franchi la frontière au petit matin"
    text = " ".join([words] * (2 * LIMITS.sentence_chars // len(words)))
    pieces = sentences(text)
    assert all(len(p) <= LIMITS.sentence_chars for p in pieces)
    assert len(pieces[0]) > LIMITS.sentence_chars - len(words)
    assert " ".join(pieces) == text  # cut at spaces, no word split


class CountingText(str):
    """A text that counts the characters copied out of it by slicing."""

    def __getitem__(self, key):
        piece = super().__getitem__(key)
        self.copied += len(piece)
        return piece


def segmentation_work(text: str) -> int:
    """Lines of `crosscheck/segment.py` executed plus characters sliced out of
    the text while segmenting it: a count of operations, not a timing."""
    counted = CountingText(text)
    counted.copied = 0
    lines = 0

    def count_lines(frame, event, arg):
        nonlocal lines
        lines += event == "line"
        return count_lines

    def tracer(frame, event, arg):
        return count_lines if frame.f_code.co_filename == segment_module.__file__ else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        segment(counted)
    finally:
        sys.settrace(previous)
    return lines + counted.copied


def hostile_text(size: int) -> str:
    """Hard-wrapped lines that join into one paragraph, then one paragraph of
    many quotes, periods and abbreviations: what made segmentation quadratic."""
    wrapped = "\n".join(["le texte continue ici sans aucune ponctuation finale sur cette ligne"] * (size // 140))
    quoted = " ".join(["« Oui. Non. Peut-être. » M. Dupont a parlé."] * (size // 90))
    return wrapped + "\n\n" + quoted


def test_segmenting_twice_the_text_costs_twice_the_work() -> None:
    small, large = segmentation_work(hostile_text(20_000)), segmentation_work(hostile_text(40_000))
    assert small > 20_000
    assert large < 2.2 * small


def test_the_quote_guard_answers_as_a_scan_of_every_quote_would() -> None:
    """Of the quotes around a boundary the one that closes first decides (a
    straight quote inside guillemets); the guard finds it without scanning them all."""
    rng = random.Random(3)
    for _ in range(200):
        chunk = "".join(rng.choice('ab «»"') for _ in range(rng.randint(1, 80)))
        ranges = quote_ranges(chunk)
        guard = QuoteGuard(ranges)
        for position in range(len(chunk)):
            first = next(((a, b) for a, b in ranges if a < position < b), None)  # in closing order
            assert guard.protects(position) == (first is not None and first[1] - position > 3)
