"""A long article's attribution on two cores, with the claims of one process.

Attribution reads what the article said before each sentence (who was named
and who spoke, the offices and the women it introduced, the last quoted
claim), so the second half of an article cannot start cold. A forked child
attributes the second half: it reads the sentences before its overlap for
the offices and the women they give people (kept to the article's end, so no
overlap would rebuild them), attributes from `OVERLAP` sentences before its
half so that the rest of its discourse is rebuilt by then, and records what
it reads of the discourse it had at the half. Meanwhile the parent attributes the first half; then it
checks that everything the child read is what its own discourse holds at the
half. If anything differs (or the child failed), the parent attributes the
second half itself: the claims are always those of one process in order.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from itertools import islice
from typing import Any

from crosscheck.forked import Child, can_fork
from crosscheck.settings import LIMITS

SPLIT_SENTENCES = 20_000  # shorter articles (about 2 MB of news text) are attributed in one process
OVERLAP = 3_000  # sentences the child attributes before its half: some thousand mentions to look back over
TITLES_SHARE = 0.1  # what reading a sentence for its people's titles costs, against attributing it
# Fields of the discourse and the attributor that are compared by what the child read of them, that both
# processes set alike, or that hold no state; any other field is compared whole.
READ_FIELDS = {"mentions", "roles", "women", "title_nouns"}
SAME_IN_BOTH = {"registry", "published", "lexicon", "discourse"}
NO_STATE = {"sentence_start", "watch", "in_heading", "inverted"}  # set for each sentence; the child's own record


def worth_splitting(sentences: list) -> bool:
    return len(sentences) >= SPLIT_SENTENCES and can_fork()


class RecordingDict(dict):
    """A dict that notes the keys read, or that it was read whole."""

    def __init__(self, data: dict, reads: Reads, name: str):
        super().__init__(data)
        self.reads, self.name = reads, name

    def _read(self, key: Any) -> None:
        self.reads.keys.add((self.name, key))

    def get(self, key, default=None):
        self._read(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self._read(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._read(key)
        return super().__contains__(key)

    def setdefault(self, key, default=None):
        self._read(key)
        return super().setdefault(key, default)

    def pop(self, key, *default):
        self._read(key)
        return super().pop(key, *default)

    def _whole(self):
        self.reads.whole.add(self.name)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def __len__(self):
        self._whole()
        return super().__len__()

    def keys(self):
        self._whole()
        return super().keys()

    def items(self):
        self._whole()
        return super().items()

    def values(self):
        self._whole()
        return super().values()


class RecordingSet(set):
    """A set that notes the members asked for, or that it was read whole."""

    def __init__(self, data: set, reads: Reads, name: str):
        super().__init__(data)
        self.reads, self.name = reads, name

    def __contains__(self, key):
        self.reads.keys.add((self.name, key))
        return super().__contains__(key)

    def __iter__(self):
        self.reads.whole.add(self.name)
        return super().__iter__()

    def __len__(self):
        self.reads.whole.add(self.name)
        return super().__len__()


@dataclass
class Reads:
    """What the child read of the discourse it had at the half."""

    keys: set = field(default_factory=set)  # ("roles" | "women" | "title_nouns", actor id)
    whole: set = field(default_factory=set)  # names of the fields read whole
    before_start: bool = False  # looked back past its first mention, with fewer than the look-back limit

    def recent(self, mentions: list) -> Iterator:
        """`Discourse.recent`, noting a look-back that ran out of mentions."""
        yield from islice(reversed(mentions), LIMITS.discourse_mentions)
        if len(mentions) < LIMITS.discourse_mentions:
            self.before_start = True

    def ran_out(self, mentions: list) -> None:
        if len(mentions) < LIMITS.discourse_mentions:
            self.before_start = True


@dataclass
class State:
    """The discourse at the half, as far as later sentences can see it."""

    mentions: list  # the last `LIMITS.discourse_mentions`
    mention_count: int
    roles: dict
    women: set
    title_nouns: dict
    previous: Any
    others: dict  # any other field of the discourse or the attributor


def state_of(attribution) -> State:
    discourse = attribution.discourse
    return State(
        mentions=list(discourse.mentions[-LIMITS.discourse_mentions :]),
        mention_count=len(discourse.mentions),
        roles=dict(discourse.roles),
        women=set(discourse.women),
        title_nouns=dict(discourse.title_nouns),
        previous=attribution.previous,
        others=copy.deepcopy(other_fields(attribution)),
    )


def other_fields(attribution) -> dict:
    """Fields of the discourse and the attributor beyond those the child's reads cover (a cache, with a
    leading underscore, holds no state)."""
    discourse = attribution.discourse
    parts = {"discourse": {f.name: getattr(discourse, f.name) for f in fields(discourse)}}
    parts["attributor"] = vars(attribution.attributor)
    known = READ_FIELDS | SAME_IN_BOTH | NO_STATE
    return {
        f"{part}.{name}": value
        for part, values in parts.items()
        for name, value in values.items()
        if name not in known and not name.startswith("_")
    }


@dataclass
class SecondHalf:
    claims: list
    state: State
    reads: Reads
    found: list = field(default_factory=list)  # the registry matches the child looked up (`Registry.found_since`)


def second_half(attribution, sentences: list, half: int, overlap: int) -> SecondHalf:
    """In the child: the offices and women the sentences before the overlap give people (which the article
    keeps to its end), the overlap to rebuild the rest of the discourse, then the second half, watched."""
    registry = attribution.discourse.registry
    start = max(0, half - overlap)
    attribution.learn_titles(sentences[:start])
    known = registry.found_count()
    attribution.run(sentences[start:half])
    state = state_of(attribution)
    reads = Reads()
    discourse = attribution.discourse
    discourse.roles = RecordingDict(discourse.roles, reads, "roles")
    discourse.women = RecordingSet(discourse.women, reads, "women")
    discourse.title_nouns = RecordingDict(discourse.title_nouns, reads, "title_nouns")
    discourse.watch = reads
    claims = attribution.run(sentences[half:])
    return SecondHalf(claims, state, reads, registry.found_since(known))


def consistent(attribution, second: SecondHalf) -> bool:
    """Whether the child's discourse at the half answered every read as the parent's does."""
    mine, theirs, reads = state_of(attribution), second.state, second.reads
    if mine.mentions[len(mine.mentions) - len(theirs.mentions) :] != theirs.mentions:
        return False
    if reads.before_start and mine.mention_count != theirs.mention_count:
        return False
    for name in reads.whole:
        if getattr(mine, name) != getattr(theirs, name):
            return False
    for name, key in reads.keys:
        if name in ("roles", "title_nouns") and getattr(mine, name).get(key) != getattr(theirs, name).get(key):
            return False
        if name == "women" and (key in mine.women) != (key in theirs.women):
            return False
    return mine.previous == theirs.previous and mine.others == theirs.others


def load_lazy_parts(attribution) -> None:
    """What the rules load on first use (the French parser, the registry's name indexes), loaded before
    the fork: a long article needs them, and each process would otherwise load its own."""
    registry = attribution.discourse.registry
    registry.surname_index()
    registry.person_aliases()
    registry.institution_vocabulary()
    registry.country_stems()
    if attribution.attributor.lexicon.lang == "fr":
        from crosscheck.attribute.parse import french_parser

        french_parser()


def attribute_in_two(attribution, sentences: list, overlap: int = OVERLAP) -> list:
    """The article's claims, the second half attributed by a forked child when it can be."""
    return attribute_halves(attribution, sentences, overlap)[0]


def attribute_halves(attribution, sentences: list, overlap: int) -> tuple[list, bool]:
    """The claims, and whether the child's second half was used."""
    # the parent's share of the sentences, so both take as long: len - half + overlap + TITLES_SHARE * (half - overlap)
    half = int((len(sentences) + overlap * (1 - TITLES_SHARE)) / (2 - TITLES_SHARE))
    if half >= len(sentences):
        return attribution.run(sentences), False
    load_lazy_parts(attribution)
    child = Child.start(lambda: second_half(attribution, sentences, half, overlap))
    try:
        first = attribution.run(sentences[:half])
        second = child.result()
    finally:
        child.stop()
    if second is not None and consistent(attribution, second):
        attribution.discourse.registry.keep_found(second.found)  # the event signatures look the sentences up again
        return first + second.claims, True
    return first + attribution.run(sentences[half:]), False
