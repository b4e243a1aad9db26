"""Discourse memory for one article: who has been named and who has spoken,
so that "la même source", "ses services", "il a ajouté" or "the ministry"
resolve to the last fitting actor. Lookups go back over the last
`LIMITS.discourse_mentions` mentions only, so their cost does not grow with
the article."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any

from crosscheck.actors import (
    INSTITUTION_KINDS,
    INSTITUTION_WORDS,
    ROLE_PATTERNS,
    Registry,
    Resolution,
    unknown_id,
)
from crosscheck.attribute.phrases import SPEAKER_NOUNS
from crosscheck.lang import alternation, alternations, union
from crosscheck.lang.names import WIRE_SERVICES
from crosscheck.metadata import DATELINE_AGENCY
from crosscheck.settings import LIMITS
from crosscheck.textnorm import NAME_WORD, fold, fold_words

SAME_SOURCE = re.compile(rf"^(?:{alternation('same_source')})$")


def one_of(words: frozenset[str]) -> str:
    """Words as a regex alternation; callers anchor or bound it, so the order cannot change a match."""
    return "|".join(re.escape(w) for w in sorted(words))


def whole(words: frozenset[str]) -> re.Pattern:
    return re.compile(rf"^(?:{one_of(words)})$")


PRONOUN = whole(union("person_pronouns"))
FEMININE_PRONOUN = whole(union("feminine_pronouns"))
PLURAL_PRONOUN = whole(union("plural_pronouns"))
THING_PRONOUN = whole(union("thing_pronouns"))
TITLE_WORDS = union("name_titles")
SURNAME = re.compile(rf"^(?:(?:{one_of(TITLE_WORDS)})\.?\s+)?([a-z][\w'-]+)$")
BACK_DETERMINERS, BACK_NOUNS = alternations("back_reference_determiners"), alternations("back_reference_nouns")


def back_reference(kind: str, gap: str = r"\s+", before: str = "", after: str = "") -> re.Pattern:
    """ "ses services", "le ministère": a phrase that points back to an actor of this kind."""
    return re.compile(rf"^(?:{BACK_DETERMINERS[kind]}){gap}{before}(?:{BACK_NOUNS[kind]}){after}$")


OFFICE_BACK = back_reference("office", r"\s*")
OWN_STAFF = back_reference("staff")
DOCUMENT = back_reference("document")
OUTLET_BACK = back_reference(
    "outlet",
    r"\s*",
    before=rf"(?:(?:{alternation('outlet_words_before')})\s+)?",
    after=rf"(?:\s+(?:{alternation('outlet_words_after')}))?",
)
INSTITUTION_BACK = back_reference("institution", r"\s*")
PERSON_BACK = back_reference("person")
SPOKESPERSON = re.compile(r"\bspokes\w+|\bporte-parole\b")
NAME_RUN = re.compile(
    rf"(?<![\w'’-]){NAME_WORD}(?:\s+(?:[A-ZÀ-Þ]\.\s*)?(?:(?:{one_of(union('name_particles'))})\s+)?"
    rf"{NAME_WORD}){{0,5}}"
)
NON_SPACE = re.compile(r"\S+")
COUNTRY_PAIR_DASH = re.compile(r"[-–—/]")
OPENING_REACH = 40  # characters from a sentence's start within which its subject is named
TITLE_WINDOW = 90  # characters before or after a name where its title may be
TITLE_BOUNDARY = re.compile(rf"[;:(«»“”\"\n]|\s[-–—]\s|,\s(?!$)|\b(?:{one_of(union('title_boundary_words'))})\s")
FEMININE_DETERMINERS = union("feminine_determiners")
CAPITALISED_TITLES = union("capitalised_title_words")
TITLE_OPEN_ENDS = union("title_open_ends")
FEMALE_WORDS = union("female_words")
INSTITUTIONAL_SOURCE_KINDS = INSTITUTION_KINDS | {"parliament", "statement"}
OUTLET_KINDS = {"agency", "outlet"}


@dataclass
class Mention:
    resolution: Resolution
    position: int  # absolute offset in the article
    spoke: bool
    sentence: int = 0  # where its sentence starts


@dataclass(frozen=True)
class Title:
    """What an apposition or a title says of a person: "le ministre brésilien des Affaires étrangères"."""

    role: str | None
    side: str | None
    female: bool
    nouns: frozenset[str] = frozenset()  # "chancelier", "premier": the title's own words


@dataclass
class Discourse:
    registry: Registry
    published: date | None
    mentions: list[Mention] = field(default_factory=list)
    sentence_start: int = 0
    dateline_side: str | None = None  # the country of the story's dateline ("JAKARTA (Reuters) -")
    home_side: str | None = None  # the country whose officials the article names without a nationality
    ahead: dict[str, Resolution] = field(default_factory=dict)  # the opening's people, for its headline
    in_heading: bool = False  # attributing a headline, which names people before the text introduces them
    inverted: bool = False  # resolving a source after its content ("…, a-t-il indiqué", "…, he said")
    roles: dict[str, str] = field(default_factory=dict)  # actor id -> the office the article gives it
    women: set[str] = field(default_factory=set)  # actor ids the article marks as women
    title_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # actor id -> its title's nouns
    _people: dict = field(default_factory=dict, repr=False)  # see people_index
    _people_of: list | None = field(default=None, repr=False)
    _people_seen: int = field(default=0, repr=False)
    watch: Any = field(default=None, repr=False)  # split.Reads in a child attributing an article's second half

    def note(self, resolution: Resolution, position: int, *, spoke: bool) -> None:
        if resolution.side is not None or resolution.known or spoke:
            self.mentions.append(Mention(resolution, position, spoke, self.sentence_start))

    def note_registry_mentions(self, text: str, offset: int) -> None:
        found = self.registry.find(text)
        for match in found:
            self.note(
                Resolution(match.actor.id, match.actor.side, match.actor.kind, match.actor.name, True),
                offset + match.start,
                spoke=False,
            )
        self.note_titled_people(text, offset, found)
        self.note_titled_subject(text, offset)

    def note_titled_subject(self, text: str, offset: int) -> None:
        """ "Le ministre kényan de l'Intérieur s'est rendu…", "Deux responsables
        du ministère philippin…": an unnamed subject with a title and a country,
        for a pronoun that follows before anyone has spoken."""
        match = OPENING_SUBJECT.match(fold(text))
        if not match or self.read_title(text[: match.end()]) is None:
            return
        phrase = text[: match.end()].strip()
        resolution = self.registry.resolve(phrase, self.published)
        if resolution.side:
            self.note(
                Resolution(resolution.actor, resolution.side, resolution.kind, phrase, resolution.known),
                offset,
                spoke=False,
            )

    # --- people the article introduces ----------------------------------

    def note_titled_people(self, text: str, offset: int, known: list) -> None:
        """ "le ministre brésilien des Affaires étrangères Mauro Vieira",
        "X Y, the Kenyan president,": a title with a country makes the name an
        actor for the rest of the article, even one the registry does not know."""
        bare_side = lambda before: self.side_of_bare_title(before, offset)  # noqa: E731
        for name, title in self.titled_names(text):
            if person := self.learn_title(text, name, title, known, bare_side):
                self.note(person, offset + name.start(), spoke=False)

    def learn_titles(self, text: str) -> None:
        """What `note_registry_mentions` learns of the offices and the women a
        sentence names, without noting its mentions: a child attributing an
        article's second half reads the sentences before its overlap so. A
        bare title's country depends on what was said before it, which the
        child does not know there: it learns nothing of those people (should
        it read of them, the parent finds its reads differ)."""
        known = None
        for name, title in self.titled_names(text):
            known = self.registry.find(text) if known is None else known  # only where a title is found
            self.learn_title(text, name, title, known, lambda before: None)

    def titled_names(self, text: str) -> Iterator[tuple[re.Match, Title]]:
        for run in NAME_RUN.finditer(text):
            name = self.without_title(text, run)
            if name is None:
                continue
            title = (
                self.title_of(text, name.start(), name.end())
                or self.bare_title(text[run.start() : name.start()])
                or self.bare_title(title_before(text, run.start()))
            )
            if title is not None:
                yield name, title

    def learn_title(self, text: str, name: re.Match, title: Title, known: list, bare_side) -> Resolution | None:
        """Learn what the title says of the name; the person the article
        introduces, when the registry does not know the name. `bare_side`
        gives the country of a title that names none, from the words before the name."""
        registered = [m for m in known if m.start <= name.start() < m.end or name.start() <= m.start < name.end()]
        if registered:
            self.learn(registered[0].actor.id, title)
            return None
        side = title.side or bare_side(text[max(0, name.start() - TITLE_WINDOW) : name.start()])
        if side is None or self.is_not_a_name(name.group()):
            return None
        person = Resolution(unknown_id(name.group(), side), side, "person", name.group(), False)
        self.learn(person.actor, title)
        return person

    def bare_title(self, words_before_name: str) -> Title | None:
        """ "Water Resources Minister", "Senate President": capitalised title
        words inside the name's run that give neither an office we know nor a country."""
        nouns = frozenset(fold_words(words_before_name)) & SPEAKER_NOUNS
        return Title(None, None, False, nouns) if nouns else None

    def side_of_bare_title(self, before: str, position: int) -> str | None:
        """ "ministry spokesman X", "Army spokesman X", "Water Minister X": a
        title with no country is that of the last ministry or army quoted,
        else of the article's own country (the press gives a nationality to
        foreign officials only), else of the last official quoted, else of
        the dateline."""
        words = set(fold_words(before[-40:]))
        if words & INSTITUTION_WORDS:
            named = self.last(position, spoke=True, exclude_kinds={"person"} | OUTLET_KINDS, sided=True)
            if named is not None:
                return named.side
        if self.home_side:
            return self.home_side
        quoted = self.last(position, spoke=True, kinds={"person"} | INSTITUTIONAL_SOURCE_KINDS, sided=True)
        return quoted.side if quoted else self.dateline_side

    def without_title(self, text: str, run: re.Match) -> re.Match | None:
        """ "Foreign Minister Sugiono": the name after the capitalised title words."""
        start = run.start()
        words = list(NON_SPACE.finditer(run.group()))
        for word in words[:-1]:  # "Water Resources Minister Hani Sewilam": the name follows the last title word
            folded = fold(word.group())
            if folded in SPEAKER_NOUNS or folded in CAPITALISED_TITLES:
                start = run.start() + word.end()
        return NAME_RUN.match(text[: run.end()], skip_space(text, start)) if start < run.end() else None

    def title_of(self, text: str, start: int, end: int) -> Title | None:
        """The title right before a name ("the Kenyan president X") or in an
        apposition right after it ("X, ministre brésilien de la Défense,")."""
        title = self.read_title(title_before(text, start))
        if title is None and text.startswith(", ", end):
            after = text[end + 2 : end + 2 + TITLE_WINDOW]
            title = self.read_title(re.split(r"[,;.()]", after, maxsplit=1)[0])
        return title

    def read_title(self, phrase: str) -> Title | None:
        words = fold_words(phrase)
        if not words or len(words) > 10 or not any(w in SPEAKER_NOUNS for w in words):
            return None
        if words[-1] in TITLE_OPEN_ENDS:
            return None  # "the Ministry of Foreign Affairs": the name of an office, not of a person
        folded = " ".join(words)
        role = next((r for r, pattern in ROLE_PATTERNS.items() if pattern.search(folded)), None)
        # the country nearest the name: "…à Pretoria la ministre australienne" is Australian
        phrase = self.without_country_pairs(phrase)
        side = self.registry.country_of(phrase)
        if side is not None:
            tails = (" ".join(words[i:]) for i in range(len(words) - 1, 0, -1))
            side = next((c for tail in tails if (c := self.registry.country_of(tail))), side)
        if side is None:
            orgs = [m.actor for m in self.registry.find(phrase) if m.actor.kind != "person"]
            side = orgs[0].side if orgs else None
        head = next(i for i, w in enumerate(words) if w in SPEAKER_NOUNS)
        female = head > 0 and words[head - 1] in FEMININE_DETERMINERS or any(w in FEMALE_WORDS for w in words)
        if role is None and side is None:
            return None
        return Title(role, side, female, frozenset(w for w in words if w in SPEAKER_NOUNS))

    def without_country_pairs(self, phrase: str) -> str:
        """ "ministre du Commerce Canada–États-Unis": a portfolio between two
        countries gives its holder neither nationality."""
        return " ".join(word for word in phrase.split() if not self.joins_two_countries(word))

    def joins_two_countries(self, word: str) -> bool:
        for dash in COUNTRY_PAIR_DASH.finditer(word):
            left, right = word[: dash.start()], word[dash.end() :]
            if left and right and self.registry.country_of(left) and self.registry.country_of(right):
                return True
        return False

    def is_not_a_name(self, name: str) -> bool:
        words = fold_words(name)
        return any(w in self.registry.institution_vocabulary() for w in words) or bool(self.registry.country_of(name))

    def learn(self, actor_id: str | None, title: Title) -> None:
        if actor_id is None:
            return
        if title.role:
            self.roles.setdefault(actor_id, title.role)
            self.title_nouns.setdefault(actor_id, title.nouns)
        if title.female:
            self.women.add(actor_id)

    def has_role(self, resolution: Resolution, role: str) -> bool:
        if self.roles.get(resolution.actor or "") == role:
            return True
        actor = self.registry.get(resolution.actor)
        return bool(actor) and any(r.role == role for r in actor.roles)

    def last(
        self,
        before: int,
        *,
        spoke: bool | None = None,
        kinds: set[str] | None = None,
        exclude_kinds: set[str] | None = None,
        side: str | None = None,
        sided: bool = False,
    ) -> Resolution | None:
        """The latest mention before `before` that fits; `sided`: only one
        that speaks for a country (an unresolved "readout" is no antecedent)."""
        for mention in self.recent():
            r = mention.resolution
            if mention.position >= before or sided and r.side is None:
                continue
            if spoke is not None and mention.spoke != spoke:
                continue
            if kinds is not None and r.kind not in kinds:
                continue
            if exclude_kinds and r.kind in exclude_kinds:
                continue
            if side is not None and r.side != side:
                continue
            return r
        return None

    def resolve_anaphor(self, phrase: str, position: int, prefer_side: str | None = None) -> Resolution | None:
        """The antecedent of an anaphoric source phrase, or None when the
        phrase is not anaphoric."""
        key = " ".join(fold(phrase).replace("'", "' ").split()).replace("' ", "'")
        if SAME_SOURCE.match(key):
            return self.last(position, spoke=True)
        if THING_PRONOUN.match(key):  # "it said": the institution named last, spoken or not
            return self.last(position, kinds=INSTITUTIONAL_SOURCE_KINDS | OUTLET_KINDS) or self.last(
                position, spoke=True, exclude_kinds={"person"}
            )
        if PRONOUN.match(key):
            return self.pronoun_antecedent(key, position)
        if OFFICE_BACK.match(key):  # "le bureau a ajouté": the office of the last speaker
            speaker = self.last(position, spoke=True)
            return self._staff_of(speaker) if speaker and speaker.kind == "person" else speaker
        if OWN_STAFF.match(key):
            person = self.sentence_subject(position) or self.last(position, kinds={"person"})
            return self._staff_of(person) if person else self.last(position, spoke=True)
        if DOCUMENT.match(key):
            return (
                self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS, sided=True)
                or self.last(position, spoke=True, exclude_kinds=OUTLET_KINDS, sided=True)
                or self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS)
                or self.last(position, spoke=True, exclude_kinds=OUTLET_KINDS)
            )
        if OUTLET_BACK.match(key):
            return self.last_outlet_or_namesake(key, position)
        if INSTITUTION_BACK.match(key):
            if prefer_side and (preferred := self.last(position, kinds=INSTITUTIONAL_SOURCE_KINDS, side=prefer_side)):
                return preferred
            return (
                self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS, sided=True)
                or self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS)
                or self.last(position, kinds=INSTITUTIONAL_SOURCE_KINDS)
            )
        if (surname := SURNAME.match(key)) and (named := self.person_named(surname.group(1), position)):
            return named
        if self.registry.country_of(phrase) is None and (role := role_of(key)):
            # "la chancelière", "the premier", "le chef d'Etat": the last person the article gives that office
            holder = self.role_holder(key, role, position)
            if holder and fold_words(key)[-1] in INSTITUTION_WORDS:
                return self.office_of(holder, phrase)  # "the Prime Minister's Office": the holder's office
            if holder:
                return holder
        if PERSON_BACK.match(key):
            if SPOKESPERSON.search(key):  # "the spokesperson": the last voice quoted, often an office's
                return self.last(position, spoke=True, sided=True) or self.last(position, kinds={"person"})
            return self.last(position, spoke=True, kinds={"person"}) or self.last(position, kinds={"person"})
        return None

    def last_outlet_or_namesake(self, key: str, position: int) -> Resolution | None:
        """ "the agency said" is the news agency, unless an institution whose
        own name holds that noun was named since ("The Maritime Enforcement
        Agency detained …, the agency said"). A qualified phrase ("the news
        agency") is always an outlet."""
        words = fold_words(key)
        noun = words[-1] if len(words) == 2 else None  # "the agency", "l'agence", not "the news agency"
        for mention in self.recent():
            r = mention.resolution
            if mention.position >= position:
                continue
            if r.kind in OUTLET_KINDS:
                return r
            if noun and r.kind != "person" and noun in fold_words(r.name or ""):
                return r
        return None

    def role_holder(self, key: str, role: str, position: int) -> Resolution | None:
        """The last person given the office, preferring one the article titled
        with the same noun: "le chancelier" is the chancellor even when the
        Polish prime minister, also a head of government, spoke last."""
        nouns = set(fold_words(key)) & SPEAKER_NOUNS
        titled = lambda r: self.has_role(r, role) and bool(nouns & self.title_nouns.get(r.actor or "", set()))  # noqa: E731
        holds = lambda r: self.has_role(r, role)  # noqa: E731
        return (
            self.last_person(position, titled, spoke=True)
            or self.last_person(position, titled)
            or self.last_person(position, holds, spoke=True)
            or self.last_person(position, holds)
        )

    def office_of(self, holder: Resolution, phrase: str) -> Resolution:
        staff = self._staff_of(holder)
        if staff is not holder:
            return staff
        return Resolution(unknown_id(phrase, holder.side), holder.side, "other", phrase, False)

    def pronoun_antecedent(self, key: str, position: int) -> Resolution | None:
        """The last speaker that agrees with the pronoun: a woman for "elle"
        (or, in French, a feminine institution), not a woman for "il", a
        group or an institution, never one person, for "ils"/"they"."""
        if PLURAL_PRONOUN.match(key):
            return self.last_fitting(position, lambda r: r.kind != "person" and is_plural(r.name)) or (
                self.last_fitting(position, lambda r: r.kind != "person" and is_plural(r.name), spoke=False)
            )
        if FEMININE_PRONOUN.match(key):
            return (
                self.last_person(position, lambda r: r.actor in self.women, spoke=True)
                or self.last_person(position, lambda r: r.actor in self.women)
                or self.last_fitting(position, lambda r: r.kind not in ("person", "other"))
                or self.last_person(position, lambda r: True, spoke=True)
                or self.last_fitting(position, lambda r: r.kind == "person", spoke=False)
            )
        singular = lambda r: r.kind in ("person", "other", "statement") and r.actor not in self.women  # noqa: E731
        if self.inverted and (opener := self.opening_person(position)) and opener.actor not in self.women:
            return opener  # "Le premier ministre australien a évoqué…, a-t-il indiqué": the sentence's own subject
        return (
            self.last_fitting(position, singular)
            or self.last_fitting(position, lambda r: r.actor not in self.women)
            or self.last_fitting(position, lambda r: singular(r) and not is_plural(r.name), spoke=False)
        )

    def opening_person(self, position: int) -> Resolution | None:
        """The person the current sentence opens with, before `position`."""
        opener = None
        for mention in self.recent():  # latest first: the earliest fitting one is kept
            if mention.position < self.sentence_start:
                break
            near_start = mention.position - self.sentence_start <= OPENING_REACH
            if near_start and mention.position < position and mention.resolution.kind == "person":
                opener = mention.resolution
        return opener

    def last_fitting(self, position: int, fits, *, spoke: bool = True) -> Resolution | None:
        """The last speaker before `position` that `fits`; with spoke=False, the
        first fitting actor of the last sentence that names one (its subject
        rather than its object: "X met Y. He said…" is X)."""
        sentence = None
        found = None
        for mention in self.recent():
            if sentence is not None and mention.sentence != sentence:
                break
            if mention.position < position and (mention.spoke or not spoke) and fits(mention.resolution):
                if spoke:
                    return mention.resolution
                sentence, found = mention.sentence, mention.resolution
        return found

    def last_person(self, position: int, fits, *, spoke: bool = False) -> Resolution | None:
        for mention in self.recent():
            r = mention.resolution
            if mention.position < position and r.kind == "person" and (mention.spoke or not spoke) and fits(r):
                return r
        return None

    def article_person(self, phrase: str, position: int) -> Resolution | None:
        """A bare name ("Vieira", "Mauro Vieira", "M. Li") that names a person the
        article has introduced: the article's people come before the registry."""
        name = phrase.rsplit(", ", 1)[-1].strip()  # "Le ministre du Commerce, Dominic LeBlanc": the apposition
        key = fold(name if name != phrase.strip() else phrase).strip()
        words = key.replace(".", " ").split()
        if not words or not NAME_RUN.fullmatch(name.split(". ")[-1].strip()):
            return None
        titled = name != phrase.strip() or len(phrase.split()) > 2
        end = position + len(phrase) if titled else position  # "Prime Minister X" names X, noted where X starts
        return self.person_named(words[-1], end, full=" ".join(w for w in words if w not in TITLE_WORDS))

    def person_ahead(self, phrase: str) -> Resolution | None:
        """ "Albanese says…", "FM Gedion says…": a headline's surname is the
        person of that name the article's opening goes on to introduce."""
        words = fold(phrase).replace(".", " ").split()
        if not self.in_heading or not words or not phrase.split()[-1][:1].isupper():
            return None
        return self.ahead.get(words[-1])

    def person_named(self, surname: str, position: int, full: str = "") -> Resolution | None:
        """ "M. Dong", "Wang": the last person mentioned whose name ends so."""
        index = self.people_index()
        found = [index.get(("word", surname), ())]
        if full:
            found.append(index.get(("name", full), ()))
        oldest = len(self.mentions) - LIMITS.discourse_mentions  # what recent() looks back over
        for number in heapq.merge(*(reversed(numbers) for numbers in found), reverse=True):
            if number < oldest:
                break
            if self.mentions[number].position < position:
                return self.mentions[number].resolution
        else:
            if self.watch is not None:
                self.watch.ran_out(self.mentions)
        return None

    def people_index(self) -> dict[tuple[str, str], list[int]]:
        """Numbers of the mentions of people, in order, by the first and last
        words of their folded names ("word") and by the whole folded name
        ("name"); brought up to date with the mentions added since the last call."""
        index = self._people
        if self._people_of is not self.mentions or self._people_seen > len(self.mentions):
            index.clear()  # the list was replaced or shortened: index it anew
            self._people_of, self._people_seen = self.mentions, 0
        for number in range(self._people_seen, len(self.mentions)):
            r = self.mentions[number].resolution
            if r.kind == "person":
                for key in {("word", word) for word in end_words(r.name)} | {("name", fold(r.name))}:
                    index.setdefault(key, []).append(number)
        self._people_seen = len(self.mentions)
        return index

    def sentence_subject(self, position: int) -> Resolution | None:
        """The first person named earlier in the current sentence: "ses
        services" belong to the sentence's subject, not to its last name."""
        for mention in reversed(list(self.recent())):
            if self.sentence_start <= mention.position < position and mention.resolution.kind == "person":
                return mention.resolution
        return None

    def recent(self) -> Iterator[Mention]:
        """The last `LIMITS.discourse_mentions` mentions, latest first."""
        if self.watch is not None:
            return self.watch.recent(self.mentions)
        return islice(reversed(self.mentions), LIMITS.discourse_mentions)

    def _staff_of(self, person: Resolution) -> Resolution:
        actor = self.registry.get(person.actor)
        if actor:
            for role in reversed(actor.roles):
                org = self.registry.get(role.org)
                if org and (self.published is None or role.start is None or role.start <= self.published):
                    return Resolution(org.id, org.side, org.kind, org.name, True)
        return person


SINGULAR_ENDING_S = union("singular_ending_s")
# The opening noun phrase of a sentence, up to its verb group.
OPENING_SUBJECT = re.compile(
    rf"(?:{alternation('subject_determiners')})\s[^,;:«»\"]{{3,80}}?(?=\s(?:{alternation('subject_verbs')})\s)"
)


def role_of(key: str) -> str | None:
    """The office a role noun names ("la chanceliere" is head of government)."""
    if not PERSON_BACK.match(key) and len(key.split()) > 4:
        return None
    return next((role for role, pattern in ROLE_PATTERNS.items() if pattern.search(key)), None)


def is_plural(name: str) -> bool:
    """ "Chinese officials", "les autorités": a group, which "they" can stand for."""
    head = name.split()[:2]
    return any(w[:1].islower() and w.endswith(("s", "x")) and fold(w) not in SINGULAR_ENDING_S for w in head)


DATELINE_CITY = re.compile(
    r"\s*(?:(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ' .-]{2,30}?)\s*(?:,[^\n]{0,40}?)?\s*(?:\([^)\n]{1,30}\))?"
    r"|(?P<town>[A-ZÀ-Þ][\w' .-]{2,30}?)\s*\([^)\n]{1,30}\))\s*[-–—]\s"
    r"|\s*(?P<colon>[A-ZÀ-Þ][A-ZÀ-Þ' .-]{2,30}?):\s"  # "ISLAMABAD: …", as South Asian papers write it
)


def dateline_side(opening: str, registry: Registry) -> str | None:
    """The country of a dateline in capitals ("WASHINGTON –", "PARIS, 3 mars (AFP) -"); for a city the
    registry does not place, that of a national news agency in it ("OUJDA, 17 nov (MAP) -"), not a wire's."""
    match = DATELINE_CITY.match(opening)
    if not match:
        return None
    city = registry.country_of((match.group("city") or match.group("town") or match.group("colon")).title())
    agency = DATELINE_AGENCY.search(match.group())
    if city or agency is None or agency["agency"] in WIRE_SERVICES:
        return city
    for name in (agency["agency"], f"{agency['agency']} news agency"):  # "MAP" is known as "MAP news agency"
        if (found := registry.resolve(name)).kind == "agency":
            return found.side
    return None


def title_before(text: str, start: int) -> str:
    """The words right before a name that may be its title, up to a comma, a colon, a dash or a line break."""
    before = text[max(0, start - TITLE_WINDOW) : start].rstrip()
    before = before[:-1] if before.endswith(",") else before
    cut = max((m.end() for m in TITLE_BOUNDARY.finditer(before)), default=0)
    return before[cut:]


HOME_OPENING = 3000  # characters of an article read for its home country


def home_side(opening: str, registry: Registry) -> str | None:
    """The country of the officials an article's opening names with a bare
    title ("Foreign Minister X", "le président Y"), where the press names its
    own country's officials; None when there are none or two countries tie."""
    discourse = Discourse(registry, None)
    people = [m for m in registry.find(opening) if m.actor.kind == "person" and m.actor.side]
    votes: Counter = Counter()
    for run in NAME_RUN.finditer(opening):
        name = discourse.without_title(opening, run)
        person = next((m for m in people if m.start <= name.start() < m.end), None) if name else None
        if person is None or registry.country_of(opening[run.start() : name.start()]):
            continue  # "Chinese Premier Li Qiang" is named as a foreigner
        title = discourse.title_of(opening, name.start(), name.end())
        if title is not None and title.role and title.side is None:
            votes[person.actor.side] += 1
    ranked = votes.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def people_ahead(opening: str, registry: Registry) -> dict[str, Resolution]:
    """The people an article's opening names, by the first and by the last
    word of their name as written, when one person alone answers to it."""
    found: dict[str, set[str]] = {}
    people: dict[str, Resolution] = {}
    for match in registry.find(opening):
        actor = match.actor
        if actor.kind != "person" or not actor.side:
            continue
        people[actor.id] = Resolution(actor.id, actor.side, actor.kind, actor.name, True)
        for word in end_words(opening[match.start : match.end]):
            found.setdefault(word, set()).add(actor.id)
    return {word: people[next(iter(ids))] for word, ids in found.items() if len(ids) == 1}


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


@lru_cache(maxsize=4096)
def end_words(name: str) -> tuple[str, ...]:
    """The first and last words of a folded name ("M. Dong" is "Dong", and so is "Wang")."""
    words = fold(name).split()
    return (words[0], words[-1]) if words else ()
