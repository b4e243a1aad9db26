"""The actor registry: who can speak, which country they speak for, and the
names they go by across languages and transliterations.

Data lives in `crosscheck/data/actors.json` and `countries.json`; users add or
override actors with their own file (`--actors FILE`, or `actors.json` in a
claim-record folder). Mentions are matched on folded word sequences, then
fuzzily (rapidfuzz) for transliteration variants; roles resolve titles such
as "le ministre russe de la Défense" to the person in office at a date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from crosscheck.errors import InputError
from crosscheck.lang import union
from crosscheck.lang.mixed import COMBINED_ROLE_WORDS
from crosscheck.models import Actor
from crosscheck.textnorm import Token, fold, fold_words, tokens

MAX_ALIAS_WORDS = 8
FUZZY_CUTOFF = 88
KIND_RANK = {
    "person": 6,
    "ministry": 5,
    "presidency": 5,
    "army": 4,
    "intelligence": 4,
    "parliament": 4,
    "agency": 4,
    "outlet": 4,
    "organisation": 4,
    "party": 3,
    "government": 2,
    "other": 1,
}
ROLE_WORDS = COMBINED_ROLE_WORDS
ROLE_PATTERNS = {role: re.compile(pattern) for role, pattern in ROLE_WORDS.items()}


@dataclass(frozen=True)
class Resolution:
    """What a source mention resolves to."""

    actor: str | None
    side: str | None
    kind: str
    name: str
    known: bool  # found in the registry (not merely inferred)


INSTITUTION_KINDS = {"ministry", "army", "government", "presidency", "intelligence"}
INSTITUTION_WORDS = union("institution_words")
ARTICLES = union("articles")


FOUND_CACHE_SIZE = 1024
# Characters of text whose registry matches are kept. Attribution, then the event signatures, look up each
# sentence of an article in turn, so the cache holds a whole long article (10 MB: about 100,000 sentences,
# 15 million characters with each entry's overhead); its matches take about as much memory as the text.
FOUND_CACHE_CHARS = 32_000_000


@dataclass(frozen=True)
class Match:
    actor: Actor
    start: int
    end: int


class Registry:
    def __init__(self, actors: list[Actor], countries: dict):
        self.actors = {a.id: a for a in actors}
        self.alias_index: dict[tuple[str, ...], list[str]] = {}
        self.longest_alias: dict[str, int] = {}  # first word -> words in its longest alias
        self._found: dict[str, tuple[Match, ...]] = {}  # signatures, context and attribution ask for the same sentence
        self._found_chars = 0  # characters of the texts in _found
        self.case_sensitive: set[tuple[str, ...]] = set()
        self.acronyms: set[tuple[str, ...]] = set()
        self.capitalised: set[tuple[str, ...]] = set()
        for actor in actors:
            for alias in [actor.name, *actor.aliases]:
                self._index_alias(alias, actor.id, actor.kind)
        self.country_words: dict[tuple[str, ...], str] = {}
        self.seat_words: set[tuple[str, ...]] = set()  # "White House", "Foreign Office": a government, not a place
        self.blocs: set[tuple[str, ...]] = set()
        self._index_countries(countries)
        # First words of the country keys of each length, and of the blocs: a
        # phrase's other words start none, so they need no look-up.
        self.country_starts = {n: {k[0] for k in self.country_words if len(k) == n} for n in (1, 2, 3)}
        self.bloc_starts: dict[str, list[tuple[str, ...]]] = {}
        for bloc in self.blocs:
            self.bloc_starts.setdefault(bloc[0], []).append(bloc)
        self._resolved: dict[tuple[str, date | None], Resolution] = {}  # the same sources recur in an article
        self._countries: dict[str, str | None] = {}  # and so do the phrases and windows asked for a country

    def _index_alias(self, alias: str, actor_id: str, kind: str = "") -> None:
        key = fold_words(alias)
        if not key or len(key) > MAX_ALIAS_WORDS:
            return
        self._found.clear()
        self._found_chars = 0
        ids = self.alias_index.setdefault(key, [])
        self.longest_alias[key[0]] = max(len(key), self.longest_alias.get(key[0], 0))
        if actor_id not in ids:
            ids.append(actor_id)
        if len(key) == 1 and (alias.isupper() or len(key[0]) <= 3):
            self.case_sensitive.add(key)
            if alias.isupper():
                self.acronyms.add(key)
        words = [w for w in alias.split() if len(w) > 3]
        institution = kind in INSTITUTION_KINDS and INSTITUTION_WORDS & set(key)  # "China's defence ministry"
        if len(key) > 1 and words and all(w[:1].isupper() for w in words) and not institution:
            self.capitalised.add(key)  # "Le Monde", "New York Times": a name, not the phrase "le monde"

    def _index_countries(self, data: dict) -> None:
        for code, entry in data.get("countries", {}).items():
            for field in ("names", "demonyms", "capitals", "seats"):
                for word in entry.get(field, []):
                    key = fold_words(word)
                    if key and (key not in self.country_words or field == "demonyms"):
                        self.country_words.setdefault(key, code)
                    if key and field == "seats":
                        self.seat_words.add(key)
            for word in entry.get("names", []):
                if word.isupper():
                    self.case_sensitive.add(fold_words(word))
                    self.acronyms.add(fold_words(word))
        for word in data.get("blocs", {}):
            self.blocs.add(fold_words(word))

    # --- finding mentions --------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Registry actors named in `text`, longest match first at each place."""
        found = self._found.get(text)
        if found is None:
            if self._found_chars >= FOUND_CACHE_CHARS:
                self._found.clear()
                self._found_chars = 0
            found = self._found[text] = tuple(self._find(text))
            self._found_chars += len(text) + 50  # a short text's entry costs more than its characters
        return list(found)

    def found_since(self, count: int) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
        """The matches `find` kept after its first `count` texts, by actor id, for another
        process's registry (`keep_found`): a forked child's look-ups, which the parent would repeat."""
        entries = list(self._found.items())
        entries = entries[count:] if count <= len(entries) else entries  # emptied since: all it holds is new
        return [(text, tuple((m.actor.id, m.start, m.end) for m in found)) for text, found in entries]

    def found_count(self) -> int:
        return len(self._found)

    def keep_found(self, entries: list[tuple[str, tuple[tuple[str, int, int], ...]]]) -> None:
        for text, matches in entries:
            if text not in self._found and all(actor in self.actors for actor, _, _ in matches):
                self._found[text] = tuple(Match(self.actors[actor], start, end) for actor, start, end in matches)
                self._found_chars += len(text) + 50

    def _find(self, text: str) -> tuple[Match, ...]:
        toks = tokens(text)
        starts = self.longest_alias
        found, i = [], 0
        while i < len(toks):
            match = self._longest_at(text, toks, i) if toks[i].text in starts else None
            if match:
                found.append(match[0])
                i = match[1]
            else:
                i += 1
        return tuple(found)

    def _longest_at(self, text: str, toks: list[Token], i: int) -> tuple[Match, int] | None:
        longest = self.longest_alias.get(toks[i].text)
        if longest is None:
            return None
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i : i + n])
            ids = self.alias_index.get(key)
            if not ids or not self._case_ok(text, key, toks[i : i + n]):
                continue
            actor = self.actors[ids[0]]
            return Match(actor, toks[i].start, toks[i + n - 1].end), i + n
        return None

    def _case_ok(self, text: str, key: tuple[str, ...], toks: list[Token]) -> bool:
        original = text[toks[0].start : toks[-1].end]
        if key in self.case_sensitive:
            if len(key[0]) > 3:
                return original[:1].isupper()
            # "UE", "US": an acronym only in capitals; "Xi", "Li", "Kim": a name, capitalised as one ("XI" is a numeral)
            return original.isupper() if key in self.acronyms else original[:1].isupper() and original[1:].islower()
        if key in self.capitalised:
            # "Lee Jae-myung": the syllable after a hyphen of a given name keeps its small letter
            return all(t.upper or text[t.start - 1 : t.start] == "-" for t in toks if len(t.text) > 3)
        if len(key) == 1:
            return toks[0].upper  # a lone name must be capitalised ("Price", not "price")
        return True

    def country_of(self, text: str) -> str | None:
        """The country a phrase points at through a demonym, name, capital or seat."""
        if text in self._countries:
            return self._countries[text]
        if len(self._countries) >= FOUND_CACHE_SIZE:
            self._countries.clear()
        code = self._countries[text] = self._country_of(text)
        return code

    def _country_of(self, text: str) -> str | None:
        return next((code for code, _, _, _ in self.country_mentions(text)), None)

    def country_mentions(self, text: str) -> Iterator[tuple[str, tuple[str, ...], int, int]]:
        """Each country word group of a text, longest first: (code, folded words, start, end)."""
        toks = tokens(text)
        words = [t.text for t in toks]
        for n in (3, 2, 1):
            starts = self.country_starts[n]
            for i in [i for i, word in enumerate(words[: max(0, len(words) - n + 1)]) if word in starts]:
                key = tuple(words[i : i + n])
                code = self.country_words.get(key)
                if code and (key not in self.case_sensitive or toks[i].upper):
                    yield code, key, toks[i].start, toks[i + n - 1].end

    @lru_cache(maxsize=1)  # noqa: B019 - one registry per process, cached for its life
    def country_stems(self) -> set[str]:
        """Stems of country names, demonyms and capitals ("ukrain", "americ")."""
        return {word[:6] for key in self.country_words for word in key if len(word) >= 4}

    def is_bloc(self, text: str) -> bool:
        words = fold_words(text)
        starts = self.bloc_starts
        return any(words[i : i + len(b)] == b for i, word in enumerate(words) if word in starts for b in starts[word])

    # --- resolving a source mention ---------------------------------------

    def resolve(self, mention: str, at: date | None = None) -> Resolution:
        """The actor and side a source mention speaks for."""
        resolution = self._resolved.get((mention, at))
        if resolution is None:
            if len(self._resolved) >= FOUND_CACHE_SIZE:
                self._resolved.clear()
            resolution = self._resolved[(mention, at)] = self._resolve(mention, at)
        return resolution

    def _resolve(self, mention: str, at: date | None) -> Resolution:
        matches = [m for m in self.find(mention) if not is_location(mention, m)]
        if office := self.office_named_by_role(mention, matches):
            return self._resolution(office)  # "le bureau du Premier ministre éthiopien": the office, not the holder
        role = self.role_holder(mention, at)
        if role and not any(m.actor.kind == "person" for m in matches):
            return self._resolution(role)
        if matches:
            best = max(matches, key=lambda m: (KIND_RANK.get(m.actor.kind, 1), m.end - m.start))
            return self._resolution(best.actor)
        fuzzy = self.fuzzy_person(mention) or self.person_by_surname(mention, at)
        if fuzzy:
            return self._resolution(fuzzy)
        if self.is_bloc(mention):
            return Resolution(None, None, "other", mention, False)
        side = self.country_of(mention)
        return Resolution(unknown_id(mention, side), side, guess_kind(mention), mention, False)

    @staticmethod
    def office_named_by_role(mention: str, matches: list[Match]) -> Actor | None:
        for match in matches:
            named = fold(mention[match.start : match.end])
            if match.actor.kind != "person" and any(re.search(p, named) for p in ROLE_WORDS.values()):
                return match.actor
        return None

    def _resolution(self, actor: Actor) -> Resolution:
        return Resolution(actor.id, actor.side, actor.kind, actor.name, True)

    def role_holder(self, mention: str, at: date | None) -> Actor | None:
        """The person holding the office a title names ("le ministre russe de
        la Défense", "the Kremlin spokesman") on the given date."""
        folded = fold(mention)
        country = self.country_of(mention)
        for role, pattern in ROLE_PATTERNS.items():
            if not pattern.search(folded):
                continue
            org = self.org_for_role(role, mention, country)
            holder = self.holder(role, org, country, at)
            if holder:
                return holder
            if org:
                return self.actors.get(org)
        return None

    def org_for_role(self, role: str, mention: str, country: str | None) -> str | None:
        if role in ("spokesperson", "secretary_general"):
            orgs = [m.actor for m in self.find(mention) if m.actor.kind != "person"]
            return orgs[0].id if orgs else None
        if country is None:
            return None
        suffix = {"defence_minister": "mod", "foreign_minister": "mfa"}.get(role)
        return f"{country.lower()}.{suffix}" if suffix else None

    def holder(self, role: str, org: str | None, country: str | None, at: date | None) -> Actor | None:
        if role in ("spokesperson", "secretary_general") and org is None:
            return None
        if org is None and country is None:
            return None
        candidates = []
        for actor in self.actors.values():
            for r in actor.roles:
                if r.role != role:
                    continue
                if org and r.org != org:
                    continue
                if not org and actor.side != country:
                    continue
                if at and ((r.start and r.start > at) or (r.end and r.end < at)):
                    continue
                candidates.append((r.start or date.min, actor))
        if not candidates or (at is None and len(candidates) > 1):
            return None
        return max(candidates, key=lambda c: c[0])[1]

    def fuzzy_person(self, mention: str) -> Actor | None:
        """A person whose name is a transliteration variant of a capitalised
        word sequence in the mention (Choïgu ~ Choïgou, Belooussov ~ Belousov)."""
        from rapidfuzz import fuzz, process

        names = re.findall(r"\b[A-ZÀ-Þ][\w'’-]{3,}(?:\s+[A-ZÀ-Þ][\w'’-]+)*", mention)
        if not names:
            return None
        choices = self.person_aliases()
        for name in names:
            found = process.extractOne(
                " ".join(fold_words(name)), choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found:
                return self.actors[choices[found[0]]]
        return None

    def person_by_surname(self, mention: str, at: date | None) -> Actor | None:
        """The one person in office whose family name a bare name is ("Wang",
        "M. Kim"): the first or last word of a registry name; none when several fit."""
        name = LONE_NAME.fullmatch(mention.strip())
        if not name:
            return None
        ids = self.surname_index().get(fold(name.group(1)), ())
        fitting = [self.actors[i] for i in ids if in_office(self.actors[i], at)]
        return fitting[0] if len(fitting) == 1 else None

    @lru_cache(maxsize=1)  # noqa: B019 - one registry per process, cached for its life
    def surname_index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for actor in self.actors.values():
            words = fold_words(actor.name) if actor.kind == "person" else ()
            for word in {words[0], words[-1]} if len(words) > 1 else ():
                index.setdefault(word, []).append(actor.id)
        return {word: tuple(ids) for word, ids in index.items()}

    @lru_cache(maxsize=1)  # noqa: B019 - one registry per process, cached for its life
    def institution_vocabulary(self) -> frozenset[str]:
        """Words of the names of institutions ("foreign", "affairs", "house"):
        a capitalised run made of them is an office's name, not a person's."""
        words = {w for key, ids in self.alias_index.items() if self.actors[ids[0]].kind != "person" for w in key}
        persons = {w for key, ids in self.alias_index.items() if self.actors[ids[0]].kind == "person" for w in key}
        return frozenset(words - persons) | INSTITUTION_WORDS

    @lru_cache(maxsize=1)  # noqa: B019 - one registry per process, cached for its life
    def person_aliases(self) -> dict[str, str]:
        return {
            " ".join(key): ids[0]
            for key, ids in self.alias_index.items()
            if self.actors[ids[0]].kind == "person" and len(" ".join(key)) >= 5
        }

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None


LONE_NAME = re.compile(r"(?:(?:M|Mme|Mr|Mrs|Ms|Dr)\.?\s+)?([A-ZÀ-Þ][a-zà-ÿ'’-]+)")


def in_office(actor: Actor, at: date | None) -> bool:
    """Holds one of its roles on the date (any role when undated or role-less)."""
    if at is None or not actor.roles:
        return True
    return any((r.start is None or r.start <= at) and (r.end is None or r.end >= at) for r in actor.roles)


def is_location(mention: str, match: Match) -> bool:
    """ "L'ambassade des États-Unis à Beyrouth": a capital after a locative
    preposition names a place, not the speaker."""
    before = fold(mention[: match.start]).split()
    return match.actor.kind == "government" and bool(before) and before[-1] in {"a", "au", "en", "in", "at", "from"}


def unknown_id(mention: str, side: str | None) -> str:
    words = [w for w in fold_words(mention) if w not in ARTICLES]
    slug = "-".join(words[:6]) or "source"
    return f"unknown.{(side or 'xx').lower()}.{slug}"


def guess_kind(mention: str) -> str:
    folded = fold(mention)
    if re.search(r"\b(ministere|ministry|department|departement)\b", folded):
        return "ministry"
    if re.search(r"\b(journal|quotidien|agence|newspaper|agency|chaine|media|magazine|site)\b", folded):
        return "outlet"
    if re.search(r"\b(communique|statement|readout|declaration)\b", folded):
        return "statement"
    return "other"


def load_actor_file(path: Path) -> tuple[list[Actor], dict]:
    """A user's registry file: {"actors": [{"id": …, "name": …, …}, …]};
    anything else is an InputError saying what is wrong where."""
    data = read_actor_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise InputError(path, 'not an actor registry: expected {"actors": [{"id": "…", "name": "…"}, …]}')
    try:
        actors = TypeAdapter(list[Actor]).validate_python(data["actors"])
    except ValidationError as error:
        raise InputError(path, f"not a valid actor registry: {validation_problem(error)}") from error
    return actors, data


def read_actor_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise InputError(path, "not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from error
    except RecursionError as error:
        raise InputError(path, "JSON nested too deeply to read") from error


def validation_problem(error: ValidationError) -> str:
    """The first problem as "actor 2, field 'id': field required", and how many more."""
    problems = error.errors()
    first = problems[0]
    index, *fields = first["loc"]
    where = f"actor {index + 1}" + (f", field '{'.'.join(map(str, fields))}'" if fields else "")
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    if first["type"] == "model_type":
        return f'{where}: expected an object like {{"id": "…", "name": "…"}}{more}'
    return f"{where}: {first['msg'][0].lower()}{first['msg'][1:]}{more}"


def builtin_data() -> tuple[list[Actor], dict]:
    folder = resources.files("crosscheck") / "data"
    actors = json.loads((folder / "actors.json").read_text(encoding="utf-8"))
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    return [Actor.model_validate(a) for a in actors["actors"]], countries


@lru_cache(maxsize=8)
def load_registry(extra: tuple[Path, ...] = ()) -> Registry:
    """The built-in registry, with actors from user files added or overriding
    built-in ones of the same id."""
    actors, countries = builtin_data()
    by_id = {a.id: a for a in actors}
    for path in extra:
        user_actors, _ = load_actor_file(path)
        by_id.update({a.id: a for a in user_actors})
    return Registry(list(by_id.values()), countries)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names by code, in English ("RU": "Russia")."""
    folder = resources.files("crosscheck") / "data"
    data = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    return {code: entry.get("name_en") or code for code, entry in data.get("countries", {}).items()}
