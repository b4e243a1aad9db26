"""Word sets and patterns for finding the edges of source phrases, merged
over every language from crosscheck/lang; the folded forms (no accents,
lower case) are what the matchers compare against.
"""

from __future__ import annotations

import re

from crosscheck.lang import alternation, union

DETERMINERS = union("determiners")
TITLES = union("name_title_words")
PRONOUNS = union("pronouns")
AUXILIARIES = union("auxiliaries")
BETWEEN_AUX_AND_VERB = union("between_aux_and_verb")
# Words that can head a phrase naming a speaker.
SPEAKER_NOUNS = union("speaker_nouns")
TIME_WORDS = union("time_words")
PREPOSITIONS = union("prepositions")
# A period after an abbreviated title ("M.", "Mrs.") or an initial does not end a phrase.
TITLES_BEFORE_NAMES = sorted(union("name_titles") | union("plural_name_titles"))
NO_END_AFTER = "".join(rf"(?<!\b{title})" for title in TITLES_BEFORE_NAMES) + r"(?<!\b[a-z])"
# Where a source phrase that follows its verb ends.
SOURCE_END = re.compile(
    rf"\s*(?:[,;:(—–]|\s-\s|{NO_END_AFTER}\.(?:\s|$)|[»”\"]|$)"
    rf"|\s+(?:{alternation('source_end_words')})\b",
)
INTRO_ADVERBIAL = re.compile(
    rf"^(?:(?:{alternation('intro_adverbials')})\b[^,]{{0,60}}|[^,\s]+(?:{alternation('adverb_suffixes')}))\s*,\s*",
)
LEADING_CONNECTORS = re.compile(rf"^(?:{alternation('leading_connectors')})\s+")


def strip_determiners(words: list[str]) -> list[str]:
    while words and (words[0] in DETERMINERS or words[0] in TITLES):
        words = words[1:]
    return words
