"""Reporting verbs and locutions, with every inflected form, from each
language's data file (`crosscheck/lang/data/verbs_<code>.json`), indexed for
word-sequence lookup."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.lang import reporting_verbs, union
from crosscheck.models import Polarity
from crosscheck.textnorm import fold_words, lower_words

# Verbs reporting speech only with a clausal complement or inverted (crosscheck/lang: clause_verbs).
NEEDS_CLAUSE = union("clause_verbs")
FINITE = ("present", "imperfect", "simple_past", "future", "conditional", "past")
MAX_FORM_WORDS = 6


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    polarity: Polarity
    tense: str  # participle | finite | present_participle | inverted | infinitive
    request: bool = False
    event: bool = False  # "discuss", "agree": reports an exchange, not a statement

    @property
    def needs_clause(self) -> bool:
        return self.lemma in NEEDS_CLAUSE or self.event


@dataclass
class Lexicon:
    lang: str
    forms: dict[tuple[str, ...], list[VerbForm]]
    statement_nouns: set[str]
    channels: list[tuple[str, ...]]
    max_words: int = MAX_FORM_WORDS
    longest_form: dict[str, int] = field(init=False)  # first word -> words in its longest form

    def __post_init__(self) -> None:
        self.longest_form = {}
        for key in self.forms:
            self.longest_form[key[0]] = max(len(key), self.longest_form.get(key[0], 0))

    def lookup(self, words: tuple[str, ...]) -> list[VerbForm]:
        return self.forms.get(words, [])


def tense_class(key: str) -> str:
    if key in FINITE:
        return "finite"
    if key in ("participle", "reflexive_compound"):
        return "participle" if key == "participle" else "compound"
    if key in ("present_participle", "progressive"):
        return "present_participle"
    return key


def entry_forms(entry: dict) -> list[tuple[str, VerbForm]]:
    polarity = Polarity(entry.get("polarity", "neutral"))
    out = []
    for key, values in entry.get("forms", {}).items():
        for value in values if isinstance(values, list) else [values]:
            form = VerbForm(
                entry["lemma"], polarity, tense_class(key), bool(entry.get("request")), bool(entry.get("event_verb"))
            )
            out.append((value, form))
    return out


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    lang = "en" if lang == "en" else "fr"
    data = reporting_verbs(lang)
    forms: dict[tuple[str, ...], list[VerbForm]] = {}
    for entry in data.get("verbs", []):
        for text, form in entry_forms(entry):
            key = lower_words(text)
            if key and len(key) <= MAX_FORM_WORDS and form not in forms.setdefault(key, []):
                forms[key].append(form)
    nouns = set()
    for noun in data.get("statement_nouns", []):
        for word in (noun.get("noun"), noun.get("plural")) if isinstance(noun, dict) else (noun,):
            if word:
                nouns.add(" ".join(fold_words(word)))
    channels = [
        fold_words(c if isinstance(c, str) else c.get("phrase", "")) for c in data.get("communication_channels", [])
    ]
    return Lexicon(lang, forms, nouns, [c for c in channels if c])
