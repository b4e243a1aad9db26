"""What a sentence says about which event it speaks of: participants (people,
and offices such as "le ministre russe de la Défense" when no name is given),
event words (call, meeting, attack…), dates resolved against the article's
date ("dimanche", "le 25 juin", "il y a un an et demi", "last week"), and
salient names (places, organisations) that tie accounts of one event together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from crosscheck.actors import Registry
from crosscheck.lang import all_languages, alternation, alternations, merged, union
from crosscheck.textnorm import NAME_WORD, fold

EVENT_KIND_PATTERNS = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in alternations("event_words").items()}
# One search over every kind's words: most sentences name no event, and then no kind's pattern is tried.
ANY_EVENT_WORD = re.compile(rf"\b(?:{'|'.join(f'(?:{words})' for words in alternations('event_words').values())})\b")
WEEKDAYS = {name: number for lang in all_languages() for number, name in enumerate(lang.weekdays)}
MONTHS = {name: number for lang in all_languages() for number, name in enumerate(lang.month_names, start=1)}
MONTH_RE = "|".join(MONTHS)
ANY_MONTH = re.compile(MONTH_RE)  # the three patterns below need a month's name; most sentences have none
DAY_MONTH = re.compile(
    rf"\b(?:(?:{alternation('day_articles')}) )?(\d{{1,2}})(?:{alternation('ordinals_before_month')})? ({MONTH_RE})"
    rf"(?: (\d{{4}}))?\b"
)
MONTH_DAY = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})(?:{alternation('ordinals_after_month')})?(?:,? (\d{{4}}))?\b")
PAST_AFTER_MONTH = re.compile(alternation("past_after_month"))
MONTH_YEAR = re.compile(
    rf"\b(?:(?:{alternation('month_prepositions')}) )?({MONTH_RE})(?: (?:{PAST_AFTER_MONTH.pattern}))? ?(\d{{4}})?\b"
)
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
AGO = tuple(re.compile(lang.ago) for lang in all_languages())
NUMBER_WORDS = merged("number_words")
TIME_UNITS = merged("time_units")
RELATIVE = merged("relative_days")
RELATIVE_PATTERNS = tuple((re.compile(rf"\b{phrase}\b"), days) for phrase, days in RELATIVE.items())
# One search tells whether any phrase is there, before each is tried in turn (the first listed wins).
ANY_RELATIVE = re.compile(r"\b(?:" + "|".join(f"(?:{phrase})" for phrase in RELATIVE) + r")\b")
FUTURE = re.compile(rf"\b(?:{alternation('future_cues')})\b")
PAST_BEFORE = re.compile(rf"\b(?:{alternation('past_cues')})\s*$|^\s*(?:{alternation('past_cues')})\b")
PAST_AFTER = re.compile(rf"\s*(?:{alternation('past_cues_after_weekday')})\b")
HOMOLOGUE = re.compile(rf"\b(?:{alternation('counterpart_words')})\b")
SALIENT = re.compile(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]{3,}(?:\s+[A-ZÀ-Þ][\w'’-]+)*")
YEAR = re.compile(rf"\b(?:{alternation('month_prepositions')}) ((?:19|20)\d\d)\b(?! ?%)")  # "en 2020, un tribunal…"
# Where a capital letter says nothing about a name: a sentence's or a quotation's first word ("Selon", "Dans").
CAPITALISED_WORD = re.compile(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]{3,}")
OPENING = re.compile(r"(?:^|[.!?:;«“\"(—–-])[\s«“\"(]*$")


@dataclass(frozen=True)
class Day:
    """A possibly partial date: any field may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    # "jeudi" in an undated article: no date, but evidence that a Thursday's event is the one meant (never a veto)
    weekday: int | None = None

    def compatible(self, other: Day | None, tolerance: int = 1) -> bool:
        if other is None:
            return True
        if self.year and other.year and self.year != other.year:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        return not (self.day and other.day and self.month == other.month and abs(self.day - other.day) > tolerance)

    def iso(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return None

    def merge(self, other: Day | None) -> Day:
        if other is None:
            return self
        weekday = self.weekday if self.weekday is not None else other.weekday
        return Day(self.year or other.year, self.month or other.month, self.day or other.day, weekday)

    def dated(self) -> bool:
        return bool(self.year or self.month)

    def falls_on(self, other: Day | None) -> bool:
        """A weekday-only day and a full date of that weekday (or the day after: time zones)."""
        if self.weekday is None or other is None or other.iso() is None:
            return False
        return (date(other.year, other.month, other.day).weekday() - self.weekday) % 7 in (0, 1)


@dataclass
class Signature:
    persons: set[str] = field(default_factory=set)
    offices: set[tuple[str, str]] = field(default_factory=set)  # (country, role) named without a person
    kinds: set[str] = field(default_factory=set)
    day: Day | None = None
    salient: set[str] = field(default_factory=set)
    counterparts: set[str] = field(default_factory=set)  # countries in "ses homologues américain, français…"
    day_start: int = 0  # where the date expression starts in the sentence
    source_side: str | None = None
    persons_sides: set[str] = field(default_factory=set)


def from_date(value: date) -> Day:
    return Day(value.year, value.month, value.day)


def find_day(folded: str, published: date | None) -> tuple[Day | None, int]:
    """The first date expression in a (folded) sentence and where it starts."""
    found = date_matches(folded)
    return day_of(folded, published, found), min((m.start() for m in found if m), default=0)


def date_matches(folded: str) -> DateMatches:
    month = ANY_MONTH.search(folded) is not None
    return DateMatches(
        DAY_MONTH.search(folded) if month else None,
        MONTH_DAY.search(folded) if month else None,
        search_ago(folded),
        WEEKDAY.search(folded),
        MONTH_YEAR.search(folded) if month else None,
    )


class DateMatches(NamedTuple):
    """Each date pattern's first match in a sentence, searched once for both
    where the date starts and what it is."""

    day_month: re.Match | None
    month_day: re.Match | None
    ago: re.Match | None
    weekday: re.Match | None
    month_year: re.Match | None


def resolve_day(folded: str, published: date | None) -> Day | None:
    """The first date expression in a (folded) sentence, resolved as far as
    the article's date allows."""
    return day_of(folded, published, date_matches(folded))


def day_of(folded: str, published: date | None, found: DateMatches) -> Day | None:
    if m := found.day_month:
        year = int(m.group(3)) if m.group(3) else infer_year(int(m.group(1)), MONTHS[m.group(2)], published)
        return Day(year, MONTHS[m.group(2)], int(m.group(1)))
    if m := found.month_day:
        year = int(m.group(3)) if m.group(3) else infer_year(int(m.group(2)), MONTHS[m.group(1)], published)
        return Day(year, MONTHS[m.group(1)], int(m.group(2)))
    if ANY_RELATIVE.search(folded):
        for pattern, days in RELATIVE_PATTERNS:
            if pattern.search(folded):
                return from_date(published + timedelta(days=days)) if published else None
    if m := found.ago:
        return ago(m, published)
    if m := found.weekday:
        if published is None:
            return Day(weekday=WEEKDAYS[m.group(1)])
        ahead = FUTURE.search(
            folded[max(0, m.start() - 25) : m.end() + 12],
        )
        if ahead:
            return next_weekday(WEEKDAYS[m.group(1)], published)
        before = PAST_BEFORE.search(
            folded[max(0, m.start() - 6) : m.start()],
        ) or PAST_AFTER.match(folded[m.end() :])
        return last_weekday(WEEKDAYS[m.group(1)], published, strictly_past=bool(before))
    if (m := found.month_year) and (m.group(2) or PAST_AFTER_MONTH.search(m.group(0))):
        year = (
            int(m.group(2))
            if m.group(2)
            else (published.year - (MONTHS[m.group(1)] >= published.month) if published else None)
        )
        return Day(year, MONTHS[m.group(1)], None)
    return None


MONTH_NAMED = re.compile(rf"\b(?:{alternation('month_prepositions')}) ({MONTH_RE})\b(?! \d)")


def month_named(folded: str, published: date | None) -> Day | None:
    """A bare month ("in October", "en juillet") in a statement set beside an
    event: the last such month up to the article's date."""
    m = MONTH_NAMED.search(folded)
    if m is None or published is None:
        return None
    month = MONTHS[m.group(1)]
    return Day(published.year - (month > published.month), month, None)


def year_named(folded: str) -> Day | None:
    """A bare year ("en 2020"): too loose to date an event, enough to set a statement apart from one."""
    m = YEAR.search(folded)
    return Day(int(m.group(1)), None, None) if m else None


def infer_year(day: int, month: int, published: date | None) -> int | None:
    if published is None:
        return None
    candidate = date(published.year, month, min(day, 28))
    return published.year - 1 if candidate > published + timedelta(days=7) else published.year


def last_weekday(weekday: int, published: date, strictly_past: bool = False) -> Day:
    """The latest such weekday on or before the article's date; the day
    after it when that is the weekday named, since a statement from another
    time zone is often dated "Friday" in a story filed on Thursday (a week
    back would be "last Friday")."""
    delta = (published.weekday() - weekday) % 7
    if delta == 6 and not strictly_past:
        return from_date(published + timedelta(days=1))
    return from_date(published - timedelta(days=delta))


def next_weekday(weekday: int, published: date) -> Day:
    delta = (weekday - published.weekday()) % 7 or 7
    return from_date(published + timedelta(days=delta))


def search_ago(folded: str) -> re.Match | None:
    """The leftmost "il y a trois jours" / "three days ago" of any language."""
    found = [m for pattern in AGO if (m := pattern.search(folded))]
    return min(found, key=lambda m: m.start(), default=None)


def ago(match: re.Match, published: date | None) -> Day | None:
    if published is None:
        return None
    count_word = match.group("count") or "1"
    unit = match.group("unit")
    count = NUMBER_WORDS.get(count_word)
    count = count or int(count_word)
    days = TIME_UNITS[unit] * count
    if match.groupdict().get("half"):
        days += days // (2 * count)
    back = published - timedelta(days=days)
    return Day(back.year, back.month, None)


# "an aide to President Vladimir Putin", "le porte-parole du président X": X is not taking part.
SERVES = re.compile(
    rf"\b(?:{alternation('aide_titles')})\s+(?:[\w-]+\s+){{0,2}}(?:{alternation('aide_links')})\s*"
    r"(?:(?:[\w-]+\s+){0,3})$"
)


def sentence_signature(
    text: str, registry: Registry, published: date | None, surnames: dict[str, str] | None = None
) -> Signature:
    """`surnames` maps a folded family name ("austin") to a person the
    article has named in full, so that "M. Austin" counts as that person."""
    folded = fold(text)
    day, day_start = find_day(folded, published)
    sig = Signature(day=day, day_start=day_start)
    actors = registry.find(text)
    for match in actors:
        if is_principal(match.actor, published) and not SERVES.search(
            fold(text[max(0, match.start - 80) : match.start])
        ):
            sig.persons.add(match.actor.id)
    for name in CAPITALISED_WORD.findall(text) if surnames else ():
        if person := surnames.get(fold(name)):
            sig.persons.add(person)
    sig.persons |= {person for person, _ in unregistered_people(text, registry)}
    if ANY_EVENT_WORD.search(folded):
        sig.kinds = {kind for kind, pattern in EVENT_KIND_PATTERNS.items() if pattern.search(folded)}
    sig.offices = offices_named(text, registry)
    if m := HOMOLOGUE.search(folded):
        words = re.findall(r"[\w-]+", text[m.start() : m.start() + 120])
        sig.counterparts = {registry.country_of(w) for w in words} - {None}
    sig.salient = salient_names(text, registry, [(m.start, m.end) for m in actors])
    return sig


def salient_names(text: str, registry: Registry, actor_spans: list[tuple[int, int]] = ()) -> set[str]:
    """Capitalised names that are neither actors nor countries ("Kharkiv",
    "Nancy Pelosi"); one capitalised word opening the sentence or a quotation
    is only a capital letter, and "Jinping" of "Xi Jinping" is the actor's."""
    found = set()
    for match in SALIENT.finditer(text):
        name = match.group()
        if " " not in name and OPENING.search(text[max(0, match.start() - 4) : match.start()]):
            continue
        if any(start < match.end() and match.start() < end for start, end in actor_spans):
            continue
        if not registry.find(name) and not registry.country_of(name):
            found.add(fold(name))
    return found


def office_pattern(role: str, titles: dict[str, str], domains: dict[str, str], names: dict[str, str]) -> str:
    """A title near its domain ("ministre … de la Défense"), or a whole name of the office."""
    branches = [rf"(?:{titles[role]})\W+(?:\w+\W+){{0,3}}(?:{domains[role]})"] if role in titles else []
    return "|".join([*branches, *([names[role]] if role in names else [])])


def office_patterns() -> tuple[tuple[str, str], ...]:
    titles, domains, names = alternations("office_titles"), alternations("office_domains"), alternations("office_names")
    return tuple((role, office_pattern(role, titles, domains, names)) for role in dict.fromkeys([*titles, *names]))


OFFICE_PATTERNS = tuple((role, re.compile(pattern)) for role, pattern in office_patterns())
COUNTRY_COUNTERPART = re.compile(
    rf"\b(?:{alternation('counterpart_before_country')}) (\w+)|\b(\w+) (?:{alternation('counterpart_after_country')})\b"
)
# Its words anywhere: the pattern above tries every word of a sentence, so it runs only where they are.
COUNTERPART_WORDS = re.compile(
    rf"{alternation('counterpart_before_country')}|{alternation('counterpart_after_country')}"
)


def offices_named(text: str, registry: Registry) -> set[tuple[str, str]]:
    """Offices named with a country ("le secrétaire américain à la Défense",
    "son homologue russe"): (country, role)."""
    found = set()
    folded = fold(text)
    for role, pattern in OFFICE_PATTERNS:
        for match in pattern.finditer(folded):
            window = text[max(0, match.start() - 10) : match.end() + 25]
            country = registry.country_of(window)
            if country:
                found.add((country, role))
    for match in COUNTRY_COUNTERPART.finditer(folded) if COUNTERPART_WORDS.search(folded) else ():
        country = registry.country_of(text[match.start() : match.end()])
        if country:
            found.add((country, "counterpart"))
    return found


TITLED_NAME = re.compile(
    rf"\b(?:{alternation('person_titles')})\b(?:\s+[\w'’-]+){{0,5}}?\s*,?\s+"
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})"
)


def unregistered_people(text: str, registry: Registry) -> list[tuple[str, str]]:
    """People the registry does not know, named after a title ("son homologue
    grec Georgios Gerapetritis"): ("name:<slug>", family name)."""
    found = []
    for match in TITLED_NAME.finditer(text):
        name = match.group("name")
        if registry.find(name) or registry.country_of(name) or registry.is_bloc(name):
            continue
        words = fold(name).split()
        found.append(("name:" + "-".join(words), words[-1]))
    return found


# Offices whose holders speak for others: named in a story, they report on the exchange.
SPEAKING_ROLES = frozenset({"spokesperson", "press_officer"})


def is_principal(actor, on: date | None) -> bool:
    """A person who can be a party to an exchange (not only its spokesperson)
    on the article's date: "Kalın" in 2022 spoke for Erdoğan, he was not a party."""
    if actor.kind != "person":
        return False
    roles = [
        r for r in actor.roles if on is None or ((r.start is None or r.start <= on) and (r.end is None or r.end >= on))
    ]
    return any(r.role not in SPEAKING_ROLES for r in roles) or (not roles and not actor.roles)


def article_surnames(texts: list[str], registry: Registry, published: date | None = None) -> dict[str, str]:
    """Family (and given) names of the people an article names in full."""
    names: dict[str, str] = {}
    for text in texts:
        for match in registry.find(text):
            if is_principal(match.actor, published):
                for part in fold(match.actor.name).split():
                    if len(part) >= 4:
                        names.setdefault(part, match.actor.id)
        for person, family in unregistered_people(text, registry):
            names.setdefault(family, person)
    return names


STOPWORDS = union("stopwords")
# Words that describe the exchange itself rather than its substance.
EXCHANGE_WORDS = union("exchange_words")
STEM = 6


def topic_stems(text: str, registry: Registry | None = None, exclude: set[str] = frozenset()) -> set[str]:
    return set(topic_stems_in_order(text, registry, exclude))


def topic_stems_in_order(text: str, registry: Registry | None = None, exclude: set[str] = frozenset()) -> list[str]:
    """Word stems that carry a statement's substance, each once, in text order
    (which breaks ties between equally frequent stems, earlier words first): no
    stop words, no words about the exchange itself, no country names (nearly
    every claim has one)."""
    countries = registry.country_stems() if registry is not None else set()
    out: dict[str, None] = {}
    for word in re.findall(r"[a-z]{3,}", fold(text)):
        stem = word[:STEM]
        if word in STOPWORDS or word in EXCHANGE_WORDS or word in exclude or stem in countries:
            continue
        out[stem] = None
    return list(out)
