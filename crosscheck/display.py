"""How reports and the review app write things for people: dates as people
write them, one colour per country (Okabe–Ito, always beside the code),
plain words for internal values, speakers by name, event titles with their
accents, and a flagged pair's evidence as a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from babel.dates import format_date

from crosscheck.actors import country_names, load_registry
from crosscheck.models import Article, Claim, Divergence, DivergenceKind, Event
from crosscheck.textnorm import fold

# Okabe & Ito's palette, told apart with every common colour-vision deficiency;
# yellow last, as it is faint on white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
NO_COLOUR = "#8a8f96"
LOCALES = {"en": "en_GB", "fr": "fr_FR"}  # "25 June 2024", "25 juin 2024"
SPEECH_WORDS = {
    "direct": "quoted",
    "indirect": "reported speech",
    "according_to": "“according to”",
    "communique": "written statement",
}
OUTLET_PREFIX = "outlet."
NO_SIDE = "no country"


def country_colours(codes: Iterable[str]) -> dict[str, str]:
    """A colour per country code, in the order given (the store's countries
    by code, so the report and the review app agree): the same colour for a
    country on every page."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(dict.fromkeys(codes))}


def country_name(code: str | None) -> str:
    return country_names().get(code or "", code or NO_SIDE)


def is_outlet(claim: Claim) -> bool:
    """A news organisation's own assertion: not one of the sides compared."""
    return (claim.actor or "").startswith(OUTLET_PREFIX)


# --- dates ----------------------------------------------------------------------


def locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def written_date(day: date | None, lang: str = "en") -> str:
    return format_date(day, "d MMMM y", locale=locale(lang)) if day else ""


def resolved_day(text: str | None, published: Iterable[date] = ()) -> date | str | None:
    """An event's ISO day ("2024-06-25", "2024-06", "--06-25") with a missing
    year taken from the articles' dates: the latest such day not after the
    first article. A month alone stays "YYYY-MM"; None when nothing is known."""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4}|-)(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match:
        return text
    year, month, day = match.groups()
    dates = sorted(published)
    if year == "-" and not dates:
        return text  # no year to be had: written without one
    if year == "-" and dates:
        year = str(dates[0].year)
        if month and day and (int(month), int(day)) > (dates[0].month, dates[0].day):
            year = str(dates[0].year - 1)
    if year != "-" and month and day:
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            return text
    return f"{year}-{month}" if month else (year if year != "-" else None)


def written_day(text: str | date | None, published: Iterable[date] = (), lang: str = "en") -> str:
    """A day as people write it: "25 June 2024", "June 2024", "25 June" (year unknown)."""
    value = text if isinstance(text, date) else resolved_day(text, published)
    if isinstance(value, date):
        return written_date(value, lang)
    if not value:
        return ""
    parts = value.split("-")
    try:
        if value.startswith("-"):  # "--06-25" with no article date to take a year from
            month, day = int(parts[2]), int(parts[3]) if len(parts) > 3 else None
            shown = date(2000, month, day or 1)
            return format_date(shown, "d MMMM" if day else "LLLL", locale=locale(lang))
        if len(parts) == 2:
            return format_date(date(int(parts[0]), int(parts[1]), 1), "LLLL y", locale=locale(lang))
    except (ValueError, IndexError):
        return value
    return value


# --- articles and speakers ----------------------------------------------------------


def outlet_of(article: Article) -> str:
    """The news organisation: as the article names it, else its agency, else its address's host."""
    if article.outlet or article.agency:
        return article.outlet or article.agency
    host = urlsplit(article.url or "").hostname or ""
    return host.removeprefix("www.") or ""


def title_of(article: Article) -> tuple[str, bool]:
    """The article's title, and whether it is only the file name (nothing else was found)."""
    if article.title:
        return article.title, False
    return article.id, True


def actor_name(actor_id: str | None) -> str:
    actor = load_registry().get(actor_id)
    return actor.name if actor else ""


def names_actor(written: str, actor_id: str | None) -> bool:
    """Whether the words as written already name the actor ("M. Medinski", "Medinsky")."""
    actor = load_registry().get(actor_id)
    if actor is None:
        return True
    folded = fold(written)
    names = [actor.name, *actor.aliases, actor.name.split()[-1]]
    return any(re.search(rf"\b{re.escape(fold(n))}\b", folded) for n in names if len(n) > 2)


def speaker(claim: Claim) -> str:
    """Who says it, as the article wrote it and, when the source is a pronoun
    or a description, who that is: "il → Rustem Umerov"."""
    written = " → ".join(link.mention for link in claim.chain) or (claim.source or "")
    name = actor_name(claim.actor)
    if not name or names_actor(written, claim.actor):
        return written or name or "unnamed source"
    return f"{written} → {name}" if written else name


def short_speaker(claim: Claim) -> str:
    """The speaker in a few words: the source as written when it names
    someone ("le Pentagone", "a Pentagon spokesman"), else who the pronoun or
    description stands for."""
    source = claim.source or ""
    if any(ch.isupper() for ch in source[1:]) or (source and claim.actor and names_actor(source, claim.actor)):
        return source
    return actor_name(claim.actor) or source or "unnamed source"


# --- event titles ---------------------------------------------------------------


def event_title(event: Event, claims: list[Claim], texts: list[str], published: Iterable[date] = ()) -> str:
    """The event's label as people would write it: the participants the
    claims speak of or who speak (not someone named only in a background
    sentence), names with their accents, and the date written out."""
    from crosscheck.link import short_name

    registry = load_registry()
    folded = fold(" ".join(texts))
    speakers = {c.actor for c in claims}
    known = [registry.get(p) for p in event.participants if registry.get(p)]
    present = [a for a in known if a.id in speakers or names_actor(folded, a.id)]
    # someone the claims neither quote nor name (a background sentence's) only when two names are not reached
    chosen = present + [a for a in known if a not in present][: max(0, 2 - len(present))]
    names = [short_name(a) for a in known if a in chosen]
    head = "–".join(names[:3]) + f" {event.kind}" if names else event.kind.capitalize()
    if not names and event.salient:
        head += " · " + ", ".join(surface(word, texts) for word in event.salient[:2])
    day = written_day(event.day, published)
    return f"{head}, {day}" if day else head


def surface(folded_word: str, texts: list[str]) -> str:
    """A folded word ("etats-unis") as the texts write it ("États-Unis")."""
    for text in texts:
        for match in re.finditer(r"[\w'’-]+", text):
            if fold(match.group()) == folded_word:
                return match.group()
    return folded_word.title()


# --- evidence -----------------------------------------------------------------------

SLOT_HEADS = {
    "who asked for it": "Who asked for it",
    "numbers differ": "Numbers differ",
    "one version negates": "One version says no",
}


def evidence_sentence(divergence: Divergence, a: Claim, b: Claim, marked: tuple[list, list]) -> str:
    """The evidence as a person would write it: for the slots where the
    versions part, each speaker with their own words; otherwise the stored
    evidence with its internal shorthand spelled out."""
    evidence = divergence.evidence
    head = next((words for prefix, words in SLOT_HEADS.items() if evidence.startswith(prefix)), None)
    if head:
        said = [
            f"{short_speaker(claim)}: {' … '.join(piece.strip() for piece, on in pieces if on)}"
            for claim, pieces in zip((a, b), marked, strict=True)
            if any(on for _, on in pieces)
        ]
        if said:
            return f"{head}. " + " · ".join(said)
    if evidence.startswith("omits:"):
        left_out = evidence.removeprefix("omits:").strip()
        return "A readout is said to leave out " + (left_out or "a topic the other version covers")
    if evidence.startswith("NLI: contradiction"):
        return "A language model reads the two versions as contradicting each other"
    if divergence.kind == DivergenceKind.FRAMING and " | " in evidence:
        return "Each side stresses something else"
    return re.sub(r"^(.*?) refutes: ", r"\1 rejects what was said: ", evidence)


def agreement_sentence(divergence: Divergence) -> str:
    """Why two versions were found to agree, without word stems or bare codes."""
    evidence = divergence.evidence
    if evidence.startswith("same facts"):
        return "Both give the same facts"
    if match := re.fullmatch(r"both say (\w+) asked for it", evidence):
        return f"Both say {country_name(match.group(1))} asked for it"
    return evidence[:1].upper() + evidence[1:]
