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

from crosscheck.actors import Registry
from crosscheck.textnorm import fold

EVENT_KIND_PATTERNS = {
    "call": r"\b(?:entretiens? telephoniques?|conversations? telephoniques?|appels?(?: telephoniques?)?|"
    r"telephone|au telephone|par telephone|visioconference|phone calls?|calls?|phoned|spoke by phone|"
    r"video call|conversation|conversations|echanges? telephoniques?|s'est entretenu|se sont entretenus)\b",
    "meeting": r"\b(?:rencontres?|reunions?|sommets?|pourparlers|negociations?|entrevues?|talks|meetings?|"
    r"summit|met|visite|visit|delegations?)\b",
    "attack": r"\b(?:attaques?|frappes?|tirs|bombardements?|missiles?|roquettes?|drones?|attentats?|"
    r"explosions?|strikes?|attacks?|shelling|rockets?|offensive|contre-offensive|incursion)\b",
    # Troops as such are everywhere (prisoners, casualties); a military event is troops moving or massing.
    "military": r"\b(?:(?:troupes|soldats|forces|troops)(?: [\w-]+)? "
    r"(?:massee?s|amassee?s|deployee?s|massing|deployed)|concentrations? de troupes|deploiements?|invasion|"
    r"manoeuvres|exercices militaires|troop build-?up|build-?up|deployments?)\b",
}
WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_RE = "|".join(MONTHS)
DAY_MONTH = re.compile(rf"\b(?:le |on )?(\d{{1,2}})(?:er)? ({MONTH_RE})(?: (\d{{4}}))?\b")
MONTH_DAY = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b")
MONTH_YEAR = re.compile(rf"\b(?:en |in )?({MONTH_RE})(?: dernier| last)? ?(\d{{4}})?\b")
YEAR = re.compile(r"\b(?:en|in) ((?:19|20)\d\d)\b(?! ?%)")  # "en 2020, un tribunal…"
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
AGO = re.compile(
    r"\bil y a (?:(un|une|deux|trois|\d+) )?(jours?|semaines?|mois|ans?)(?: et demi)?\b|"
    r"\b(a|one|two|three|\d+) (days?|weeks?|months?|years?) ago\b"
)
RELATIVE = {
    "hier": -1,
    "yesterday": -1,
    "avant-hier": -2,
    "aujourd'hui": 0,
    "today": 0,
    "la semaine derniere": -7,
    "last week": -7,
}
HOMOLOGUE = re.compile(r"\b(?:homologues?|counterparts?|collegues?)\b")
SALIENT = re.compile(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]{3,}(?:\s+[A-ZÀ-Þ][\w'’-]+)*")
# Where a capital letter says nothing about a name: a sentence's or a quotation's first word ("Selon", "Dans").
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
    starts = [
        m.start()
        for m in (
            DAY_MONTH.search(folded),
            MONTH_DAY.search(folded),
            AGO.search(folded),
            WEEKDAY.search(folded),
            MONTH_YEAR.search(folded),
        )
        if m
    ]
    return resolve_day(folded, published), min(starts, default=0)


def resolve_day(folded: str, published: date | None) -> Day | None:
    """The first date expression in a (folded) sentence, resolved as far as
    the article's date allows."""
    if m := DAY_MONTH.search(folded):
        year = int(m.group(3)) if m.group(3) else infer_year(int(m.group(1)), MONTHS[m.group(2)], published)
        return Day(year, MONTHS[m.group(2)], int(m.group(1)))
    if m := MONTH_DAY.search(folded):
        year = int(m.group(3)) if m.group(3) else infer_year(int(m.group(2)), MONTHS[m.group(1)], published)
        return Day(year, MONTHS[m.group(1)], int(m.group(2)))
    for phrase, days in RELATIVE.items():
        if re.search(rf"\b{phrase}\b", folded):
            return from_date(published + timedelta(days=days)) if published else None
    if m := AGO.search(folded):
        return ago(m, published)
    if m := WEEKDAY.search(folded):
        if published is None:
            return Day(weekday=WEEKDAYS[m.group(1)])
        ahead = re.search(
            r"\b(?:prevue?s?|prochain|doit|devrait|aura|next|will|due|planned)\b",
            folded[max(0, m.start() - 25) : m.end() + 12],
        )
        if ahead:
            return next_weekday(WEEKDAYS[m.group(1)], published)
        before = re.search(
            r"\b(?:last|dernier|derniere|passe|passee)\s*$|^\s*(?:dernier|derniere|passe|passee|last)\b",
            folded[max(0, m.start() - 6) : m.start()],
        ) or re.match(r"\s*(?:dernier|derniere|passe|passee)\b", folded[m.end() :])
        return last_weekday(WEEKDAYS[m.group(1)], published, strictly_past=bool(before))
    if (m := MONTH_YEAR.search(folded)) and (m.group(2) or "dernier" in m.group(0) or "last" in m.group(0)):
        year = (
            int(m.group(2))
            if m.group(2)
            else (published.year - (MONTHS[m.group(1)] >= published.month) if published else None)
        )
        return Day(year, MONTHS[m.group(1)], None)
    return None


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


def ago(match: re.Match, published: date | None) -> Day | None:
    if published is None:
        return None
    count_word = match.group(1) or match.group(3) or "1"
    unit = match.group(2) or match.group(4)
    count = {"un": 1, "une": 1, "a": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3}.get(count_word)
    count = count or int(count_word)
    days = {"j": 1, "d": 1, "s": 7, "w": 7, "m": 30, "a": 365, "y": 365}[unit[0]] * count
    if "et demi" in match.group(0):
        days += days // (2 * count)
    back = published - timedelta(days=days)
    return Day(back.year, back.month, None)


# "an aide to President Vladimir Putin", "le porte-parole du président X": X is not taking part.
SERVES = re.compile(
    r"\b(?:aide|adviser|advisor|spokes\w+|porte-parole|conseill\w+|envoy|envoye\w*|emissaire|proche|"
    r"bras droit|chief of staff|chef de cabinet)\s+(?:[\w-]+\s+){0,2}(?:to|of|du|de|des|de la|d')\s*"
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
    for name in re.findall(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]{3,}", text):
        if surnames and (person := surnames.get(fold(name))):
            sig.persons.add(person)
    sig.persons |= {person for person, _ in unregistered_people(text, registry)}
    sig.kinds = {kind for kind, pattern in EVENT_KIND_PATTERNS.items() if re.search(pattern, folded)}
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


OFFICE_PATTERNS = (
    (
        "defence_minister",
        r"(?:ministre|secretaire|minister|secretary|chef)\W+(?:\w+\W+){0,3}"
        r"(?:defense|defence|armees)",
    ),
    (
        "foreign_minister",
        r"(?:ministre|minister|secretary|chef)\W+(?:\w+\W+){0,3}(?:affaires etrangeres|diplomatie|"
        r"foreign)|secretary of state|secretaire d'etat",
    ),
    ("head_of_state", r"\bpresident(?:e)?\b"),
)


def offices_named(text: str, registry: Registry) -> set[tuple[str, str]]:
    """Offices named with a country ("le secrétaire américain à la Défense",
    "son homologue russe"): (country, role)."""
    found = set()
    folded = fold(text)
    for role, pattern in OFFICE_PATTERNS:
        for match in re.finditer(pattern, folded):
            window = text[max(0, match.start() - 10) : match.end() + 25]
            country = registry.country_of(window)
            if country:
                found.add((country, role))
    for match in re.finditer(
        r"\b(?:homologues?|ministres?|chef de la diplomatie) (\w+)|\b(\w+) (?:counterparts?|minister)\b", folded
    ):
        country = registry.country_of(text[match.start() : match.end()])
        if country:
            found.add((country, "counterpart"))
    return found


TITLED_NAME = re.compile(
    r"\b(?:homologue|counterpart|ministre|minister|secretary|secr[ée]taire|pr[ée]sident|president|chancelier|"
    r"chancellor|premier ministre|prime minister|chef de la diplomatie)\b(?:\s+[\w'’-]+){0,5}?\s*,?\s+"
    r"(?P<name>[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'’-]+){1,2})"
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


STOPWORDS = set(
    """
le la les l un une des du de d au aux a et ou mais donc or ni car que qu qui quoi dont ou en dans sur sous par pour
avec sans entre vers chez ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on
se s y ne n pas plus est sont etait etaient ete etre avoir avait avaient a ont aurait auraient fait faire cela ca
tres aussi ainsi alors deja encore tout toute tous toutes autre autres meme comme si lui eux nous vous je tu
the a an of to in on at by for with from and or but not no is are was were be been has have had that this these
those it its their his her they he she we as also than then there which who whom whose will would could should
""".split()
)
# Words that describe the exchange itself rather than its substance.
EXCHANGE_WORDS = set(
    """
discute discuter discussion discussions conversation conversations appel appels entretien entretiens telephonique
telephoniques echange echanges echangé points vue situation conflit questions question aborde abordees abordé
ministre ministres parties partie cote homologue homologues initiative initie demande premier premiere contact
contacts type depuis dernier derniere lieu eu dit declare indique ajoute precise souligne affirme annonce
call calls talks talked spoke discussed conversation meeting minister ministers sides side counterpart first
initiated request said told added stressed noted according also both two deux defense defence ministere
""".split()
)
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
