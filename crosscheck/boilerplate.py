"""Recognise the page furniture that scraped articles carry inside their text.

Navigation ("Aller au contenu"), cross-links ("Lire aussi"), social and
newsletter prompts ("Rejoignez-nous sur Telegram"), donation appeals, comment
counters, share buttons, copyright and cookie notices. Matching is per
paragraph: an appeal is usually one paragraph whose every sentence is noise.
The patterns are matched against the lower-cased paragraph: a big alternation
under IGNORECASE costs four times as much, per character, on long paragraphs.
"""

from __future__ import annotations

import re

from crosscheck.lang.mixed import COMBINED_APPEAL, COMBINED_WIDGET_LINE

# Whole short lines that are navigation or widgets.
WIDGET_LINE = re.compile(COMBINED_WIDGET_LINE)

# Phrases that mark a paragraph as an appeal, a prompt or a legal notice.
APPEAL = re.compile(COMBINED_APPEAL)

# A quotation: a leader saying "join us" is news, not a prompt (bounded, so unclosed marks stay linear).
QUOTED = re.compile(r"«[^»]{0,600}»|“[^”]{0,600}”|\"[^\"]{0,600}\"")


def is_boilerplate(paragraph: str) -> bool:
    """True when a paragraph is page furniture rather than article text."""
    text = paragraph.strip().lower()
    if not text:
        return False
    if WIDGET_LINE.match(text):
        return True
    return bool(APPEAL.search(QUOTED.sub(" ", text)))


def boilerplate_paragraphs(paragraphs: list[str], furniture: list[bool] | None = None) -> set[int]:
    """Indices of furniture paragraphs, with the short question or colon line
    that introduces one ("Comment nous soutenir ?", "Newsletter :"); `furniture`,
    when given, is each paragraph's `is_boilerplate`."""
    flags = furniture if furniture is not None else [is_boilerplate(p) for p in paragraphs]
    noise = {i for i, flag in enumerate(flags) if flag}
    for i in sorted(noise):
        heading = paragraphs[i - 1].strip() if i else ""
        if heading and len(heading) < 120 and heading[-1] in "?:":
            noise.add(i - 1)
    return noise
