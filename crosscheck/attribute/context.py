"""Discourse memory for one article: who has been named and who has spoken,
so that "la même source", "ses services", "il a ajouté" or "the ministry"
resolve to the last fitting actor. Lookups go back over the last
`LIMITS.discourse_mentions` mentions only, so their cost does not grow with
the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice

from crosscheck.actors import INSTITUTION_KINDS, Registry, Resolution
from crosscheck.lang import alternation, alternations, union
from crosscheck.settings import LIMITS
from crosscheck.textnorm import fold

SAME_SOURCE = re.compile(rf"^(?:{alternation('same_source')})$")


def one_of(words: frozenset[str]) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")$")


PRONOUN = one_of(union("person_pronouns"))
THING_PRONOUN = one_of(union("thing_pronouns"))
SURNAME = re.compile(rf"^(?:(?:{'|'.join(sorted(union('name_titles')))})\.?\s+)?([a-z][\w'-]{{2,}})$")
BACK_DETERMINERS, BACK_NOUNS = alternations("back_reference_determiners"), alternations("back_reference_nouns")


def back_reference(kind: str, gap: str = r"\s+") -> re.Pattern:
    """ "ses services", "le ministère": a phrase that points back to an actor of this kind."""
    return re.compile(rf"^(?:{BACK_DETERMINERS[kind]}){gap}(?:{BACK_NOUNS[kind]})$")


OWN_STAFF = back_reference("staff")
DOCUMENT = back_reference("document")
OUTLET_BACK = back_reference("outlet", r"\s*")
INSTITUTION_BACK = back_reference("institution", r"\s*")
PERSON_BACK = back_reference("person")
INSTITUTIONAL_SOURCE_KINDS = INSTITUTION_KINDS | {"parliament", "statement"}
OUTLET_KINDS = {"agency", "outlet"}


@dataclass
class Mention:
    resolution: Resolution
    position: int  # absolute offset in the article
    spoke: bool


@dataclass
class Discourse:
    registry: Registry
    published: date | None
    mentions: list[Mention] = field(default_factory=list)
    sentence_start: int = 0

    def note(self, resolution: Resolution, position: int, *, spoke: bool) -> None:
        if resolution.side is not None or resolution.known or spoke:
            self.mentions.append(Mention(resolution, position, spoke))

    def note_registry_mentions(self, text: str, offset: int) -> None:
        for match in self.registry.find(text):
            self.note(
                Resolution(match.actor.id, match.actor.side, match.actor.kind, match.actor.name, True),
                offset + match.start,
                spoke=False,
            )

    def last(
        self,
        before: int,
        *,
        spoke: bool | None = None,
        kinds: set[str] | None = None,
        exclude_kinds: set[str] | None = None,
        side: str | None = None,
    ) -> Resolution | None:
        for mention in self.recent():
            r = mention.resolution
            if mention.position >= before:
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
            return self.last(position, spoke=True, kinds={"person", "other", "statement"}) or self.last(
                position, spoke=True
            )
        if OWN_STAFF.match(key):
            person = self.sentence_subject(position) or self.last(position, kinds={"person"})
            return self._staff_of(person) if person else self.last(position, spoke=True)
        if DOCUMENT.match(key):
            return self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS) or self.last(
                position, spoke=True, exclude_kinds=OUTLET_KINDS
            )
        if OUTLET_BACK.match(key):
            return self.last(position, kinds=OUTLET_KINDS)
        if INSTITUTION_BACK.match(key):
            if prefer_side and (preferred := self.last(position, kinds=INSTITUTIONAL_SOURCE_KINDS, side=prefer_side)):
                return preferred
            return self.last(position, spoke=True, kinds=INSTITUTIONAL_SOURCE_KINDS) or self.last(
                position, kinds=INSTITUTIONAL_SOURCE_KINDS
            )
        if surname := SURNAME.match(key):
            return self.person_named(surname.group(1), position)
        if PERSON_BACK.match(key):
            return self.last(position, spoke=True, kinds={"person"}) or self.last(position, kinds={"person"})
        return None

    def person_named(self, surname: str, position: int) -> Resolution | None:
        """ "M. Dong", "Wang": the last person mentioned whose name ends so."""
        for mention in self.recent():
            r = mention.resolution
            if mention.position < position and r.kind == "person" and surname in end_words(r.name):
                return r
        return None

    def sentence_subject(self, position: int) -> Resolution | None:
        """The first person named earlier in the current sentence: "ses
        services" belong to the sentence's subject, not to its last name."""
        for mention in reversed(list(self.recent())):
            if self.sentence_start <= mention.position < position and mention.resolution.kind == "person":
                return mention.resolution
        return None

    def recent(self) -> Iterator[Mention]:
        """The last `LIMITS.discourse_mentions` mentions, latest first."""
        return islice(reversed(self.mentions), LIMITS.discourse_mentions)

    def _staff_of(self, person: Resolution) -> Resolution:
        actor = self.registry.get(person.actor)
        if actor:
            for role in reversed(actor.roles):
                org = self.registry.get(role.org)
                if org and (self.published is None or role.start is None or role.start <= self.published):
                    return Resolution(org.id, org.side, org.kind, org.name, True)
        return person


@lru_cache(maxsize=4096)
def end_words(name: str) -> tuple[str, ...]:
    """The first and last words of a folded name ("M. Dong" is "Dong", and so is "Wang")."""
    words = fold(name).split()
    return (words[0], words[-1]) if words else ()
