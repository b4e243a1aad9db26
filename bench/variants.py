"""Distinct benchmark articles made from real ones: each variant keeps its
source's header lines (title, outlet, date) and re-orders the body's
paragraphs, re-numbers its figures and re-dates its years, so no two
variants share a content hash and most of their sentences differ (an
article's text is never repeated, and the parse and embedding caches hit
only where a sentence has no figure and keeps its wording).

    from variants import build_corpus
    build_corpus(folder, 200)                 # variants of the bundled examples
    build_corpus(folder, 200, [other_folder]) # or of any folders of .txt/.md articles

`corpus_stats` says how many distinct sentences a corpus holds, which the
benchmarks print beside their figures.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from crosscheck.pipeline import bundled_examples

LEDE_CHARS = 150  # the first paragraph this long is the lede; it and the header before it stay first
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?![\w]|[.,]\d)")
YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")


def sources(folders: list[Path] | None = None) -> list[Path]:
    folders = folders or [bundled_examples()]
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in {".txt", ".md"})


def variant(text: str, serial: int) -> str:
    """The `serial`-th variant of an article (the 0th is the article itself):
    the paragraphs after the lede shuffled, every year moved back by the same
    amount and every other figure (days of the month included, in the
    publication date too) moved by the same shift."""
    if serial == 0:
        return text
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    lede = next((i for i, p in enumerate(paragraphs) if len(p) >= LEDE_CHARS), 0) + 1
    rest = paragraphs[lede:]
    random.Random(serial).shuffle(rest)
    shift, years = 1 + serial % 17, 1 + serial % 4
    text = "\n\n".join(paragraphs[:lede] + rest) + "\n"
    text = YEAR.sub(lambda m: str(int(m.group()) - years), text)
    return NUMBER.sub(lambda m: renumbered(int(m.group()), shift), text)


def renumbered(number: int, shift: int) -> str:
    """Another figure of the same kind: a day of the month stays one."""
    return str((number - 1 + shift) % 28 + 1) if 1 <= number <= 31 else str(number + shift)


def build_corpus(folder: Path, count: int, folders: list[Path] | None = None) -> list[Path]:
    """`count` distinct articles in `folder`, cycling over the sources."""
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources(folders)]
    paths = []
    for i in range(count):
        suffix, text = texts[i % len(texts)]
        path = folder / f"v{i:05d}{suffix}"
        path.write_text(variant(text, i // len(texts)), encoding="utf-8")
        paths.append(path)
    return paths


def corpus_stats(paths: list[Path]) -> str:
    sentences = [s for p in paths for s in re.split(r"(?<=[.!?»])\s+", p.read_text(encoding="utf-8")) if s.strip()]
    return f"{len(paths)} articles, {len(set(sentences))} distinct sentences of {len(sentences)}"
