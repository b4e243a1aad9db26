"""Article metadata found in the text itself: title, outlet, relayed agency,
address, publication date and language.

Scraped and pasted articles carry these as short lines around the body: a
byline ("Par Le Journal avec AFP", "By Reuters staff"), a source line
("Source : https://…"), a dateline ("PÉKIN, 12 mars 2025 (AFP) -") or a date
line ("Publié le 12 mars 2025 à 14h32"). Those lines are returned as meta
paragraphs so that they never become claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

from crosscheck.lang import LANGUAGES, all_languages, alternation
from crosscheck.lang.names import AGENCIES, AGENCY_SHORT_NAMES
from crosscheck.textnorm import fold

HEADER_LINES = 8  # paragraphs looked at for header metadata
FOOTER_LINES = 4
SHORT_LINE = 120

BYLINE = re.compile(
    rf"^(?:{alternation('byline_words')})\s+(?P<outlet>[^,;:.!?]{{2,60}}?)"
    rf"(?:\s+(?:{alternation('byline_joiners')})\s+(?P<agency>{AGENCIES}))?\s*"
    rf"(?:\((?P<agency2>{AGENCIES})\))?\s*$",
    re.IGNORECASE,
)
NAME = rf"(?!(?:{alternation('name_articles')})\b)[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’.-]+){{1,2}}"
PEOPLE = re.compile(rf"{NAME}(?:(?:,| (?:{alternation('list_joiners')})| &) {NAME})*")
BYLINE_STAFF = re.compile(rf"\s+(?:{alternation('byline_staff_words')})$", re.IGNORECASE)
OUTLET_WORDS = re.compile(rf"\b(?:{alternation('outlet_name_words')})\b")
# "Par Selin Kaya, à Ankara — Anadolu" / "By Selin Kaya in Ankara | Harbour Post": authors, then the outlet.
BYLINE_THEN_OUTLET = re.compile(
    rf"^(?:{alternation('byline_words')})\s+[^—–|]{{2,80}}?\s+[—–|]\s+(?P<outlet>[^,;:.!?—–|()]{{2,60}}?)"
    rf"\s*(?:\((?P<agency>{AGENCIES})\))?\s*$",
    re.IGNORECASE,
)
# A lede opening on a dateline without an agency: "ANKARA, 3 décembre 2026 — Le ministre…".
DATELINE_DATE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:[ -][A-ZÀ-Þ][\w'’.-]*){0,3},\s*(?P<date>[^—–()]{4,40}?)\s+[—–-]\s")
MARKDOWN_MARKS = re.compile(r"^#+\s*|\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
SOURCE_LINE = re.compile(r"^(?:source|sources|via)\s*:\s*(?P<value>\S.{0,150}?)\s*$", re.IGNORECASE)
DATELINE_AGENCY = re.compile(rf"\((?P<agency>{AGENCIES})\)\s*[-–—]")
ABSOLUTE_DATE = re.compile(
    rf"\b(?:{alternation('absolute_dates')}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
DATE_LINE_WORDS = re.compile(rf"^(?:{alternation('date_line_words')})\b", re.IGNORECASE)
# Words a date line may hold besides its dates and times ("Publié le … à …", "le 25 juin 2024, 14h32").
DATE_LINE_FILLER = re.compile(
    rf"\d{{1,2}}[:h]\d{{2}}|\b(?:{alternation('time_prepositions')}|{alternation('day_articles')}|am|pm|a\.m|p\.m)\b|[\W_]",
    re.IGNORECASE,
)


@dataclass
class HeaderInfo:
    title: str | None = None
    outlet: str | None = None
    agency: str | None = None
    url: str | None = None
    published: date | None = None
    meta_paragraphs: set[int] = field(default_factory=set)


def read_header(paragraphs: list[str], skip: set[int] = frozenset()) -> HeaderInfo:
    """Metadata from the first and last short paragraphs of an article;
    `skip` holds paragraphs already known to be boilerplate."""
    info = HeaderInfo()
    n = len(paragraphs)
    candidates = list(range(min(HEADER_LINES, n))) + list(range(max(HEADER_LINES, n - FOOTER_LINES), n))
    for index in candidates:
        if index not in skip and read_line(paragraphs[index].strip(), info, in_header=index < HEADER_LINES):
            info.meta_paragraphs.add(index)
    info.title = guess_title(paragraphs, info.meta_paragraphs | set(skip))
    return info


def read_line(line: str, info: HeaderInfo, *, in_header: bool) -> bool:
    """Fill `info` from one line; True when the line is pure metadata."""
    line = MARKDOWN_MARKS.sub("", line).strip()
    if len(line) > SHORT_LINE:
        if in_header:
            read_lede_dateline(line, info)
        return False
    if m := BYLINE_THEN_OUTLET.match(line):
        info.outlet = info.outlet or m.group("outlet").strip()
        info.agency = info.agency or canonical_agency(m.group("agency"))
        return True
    if m := BYLINE.match(line):
        name = BYLINE_STAFF.sub("", m.group("outlet").strip())
        if not PEOPLE.fullmatch(name) or OUTLET_WORDS.search(name):  # "By Daniel Harper and Lin Qiao": authors
            info.outlet = info.outlet or name
        info.agency = info.agency or canonical_agency(m.group("agency") or m.group("agency2"))
        return True
    if m := SOURCE_LINE.match(line):
        value = m.group("value")
        if re.match(r"https?://", value):
            info.url = info.url or value
            info.outlet = info.outlet or outlet_from_url(value)
        else:
            info.outlet = info.outlet or value.rstrip(".")
        return True
    if re.fullmatch(r"https?://\S+", line):
        info.url = info.url or line
        return True
    return in_header and read_date_line(line, info)


def read_lede_dateline(line: str, info: HeaderInfo) -> None:
    """The agency and date of a lede's dateline ("MOSCOU, 25 juin 2024 (AFP) - …")."""
    if info.agency is None and (m := DATELINE_AGENCY.search(line[:150])):
        info.agency = canonical_agency(m.group("agency"))
        info.published = info.published or first_date(line[: m.start()])
    elif m := DATELINE_DATE.match(line[:120]):
        info.published = info.published or first_date(m.group("date"))


def read_date_line(line: str, info: HeaderInfo) -> bool:
    found = ABSOLUTE_DATE.search(line)
    if not found:
        return False
    if m := DATELINE_AGENCY.search(line):
        info.agency = info.agency or canonical_agency(m.group("agency"))
    info.published = info.published or parse_date(found.group())
    rest = DATE_LINE_FILLER.sub(" ", ABSOLUTE_DATE.sub("", line))
    return bool(DATE_LINE_WORDS.match(line) or len(rest.split()) <= 4)  # not "Le 25 juin 2024, le Kremlin a…"


def first_date(text: str) -> date | None:
    found = ABSOLUTE_DATE.search(text)
    return parse_date(found.group()) if found else None


# The forms ABSOLUTE_DATE finds most, read without dateparser (whose first
# call costs a process about half a second of CPU): "18 avril 2025", "1er mai
# 2025", "April 18, 2025", "2025-04-18". Anything else goes to dateparser.
DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})(?P<ordinal>[^\W\d_]*)\s+(?P<month>[^\W\d_]+\.?)\s+(?P<year>\d{4})")
MONTH_DAY_YEAR = re.compile(r"(?P<month>[^\W\d_]+\.?)\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})")
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


@lru_cache(maxsize=1024)
def parse_date(text: str) -> date | None:
    return plain_date(text) or dateparser_date(text)


def plain_date(text: str) -> date | None:
    for form in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        if found := form.fullmatch(text.strip()):
            return matched_date(found)  # None for "31 février": dateparser decides
    return None


def matched_date(found: re.Match) -> date | None:
    """The date a match's year, month (a number or a name) and day groups give, if the calendar has it."""
    month = found["month"]
    number = int(month) if month.isdigit() else month_number(month, found.groupdict().get("ordinal") or "")
    try:
        return date(int(found["year"]), number, int(found["day"])) if number else None
    except ValueError:
        return None


@lru_cache(maxsize=256)
def month_number(word: str, ordinal: str = "") -> int | None:
    """The month a name or abbreviation names ("avril", "Sept."), when the
    languages whose month names it is one of (and whose ordinal it follows,
    "1er") all agree on one."""
    folded = fold(word).rstrip(".")
    found = {
        index + 1
        for language in all_languages()
        if re.fullmatch(language.months, word, re.IGNORECASE)
        and (not ordinal or ordinal.lower() in language.ordinals_before_month.split("|"))
        for index, name in enumerate(language.month_names)
        if name.startswith(folded)
    }
    return found.pop() if len(found) == 1 else None


def dateparser_date(text: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=list(LANGUAGES),
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def canonical_agency(name: str | None) -> str | None:
    if not name:
        return None
    return AGENCY_SHORT_NAMES.get(name.lower(), name)


def outlet_from_url(url: str) -> str | None:
    """The registrable domain of an address, by the public-suffix list
    ("eveningledger.co.uk", not "co.uk"); the host itself when it has none."""
    from tld import get_fld

    return get_fld(url, fail_silently=True) or urlparse(url).hostname or None


def guess_title(paragraphs: list[str], excluded: set[int]) -> str | None:
    for index, paragraph in enumerate(paragraphs[:HEADER_LINES]):
        line = paragraph.strip().lstrip("#").strip()
        if index in excluded or not line:
            continue
        if len(line) <= 250 and line[-1] not in '.:»”"':
            return line
        return None
    return None


def detect_language(text: str) -> str | None:
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    lang, _ = language_identifier().classify(sample)
    return lang


@lru_cache(maxsize=1)
def language_identifier():
    """py3langid's identifier, from the artefact cache (`crosscheck/model_cache.py`):
    decompressing its model costs a fresh process about 0.6 s of CPU, loading
    the artefact a seventh of that."""
    from py3langid import langid

    from crosscheck import model_cache

    name = model_cache.artefact_name("langid", "py3langid", [langid.MODEL_DIR / langid.MODEL_FILE])
    identifier = model_cache.cached(name, langid._get_identifier, model_cache.save_pickle, model_cache.load_pickle)
    langid.IDENTIFIER = identifier  # py3langid's own functions then use it too
    return identifier


URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2}|[a-z]{3,9})/(?P<day>\d{1,2})(?:/|$)", re.IGNORECASE)


def page_date(found: date | None, url: str | None, raw: str | None) -> date | None:
    """The publication date of a web page. HTML date extractors fall back on a
    bare year ("© 2026") and call it 1 January: such a date counts only when
    the page writes it out; else the page's address ("/2026/nov/25/") or
    nothing, so the article's own dateline can date it."""
    if found and (found.month, found.day) == (1, 1) and not (raw and writes_new_year(raw, found.year)):
        found = None
    return found or url_date(url)


def writes_new_year(raw: str, year: int) -> bool:
    return bool(
        re.search(
            rf"{year}-01-01|01/01/{year}|\b1(?:er|st)?\s+(?:janvier|january)\s+{year}|"
            rf"\bjanuary\s+1(?:st)?,?\s+{year}",
            raw,
            re.IGNORECASE,
        )
    )


def url_date(url: str | None) -> date | None:
    found = URL_DATE.search(url) if url else None
    return matched_date(found) if found else None


# "BUENOS AIRES, Nov 25 (BAT) –", "KYIV, 3 March –": a lede's dateline that gives a day without its year.
LEDE_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]*(?:[ -][A-ZÀ-Þ][\w'’.-]*){0,3},\s*(?P<date>[^—–()\n]{3,30}?)\s*(?:\([^)\n]{2,30}\))?\s+[—–-]\s"
)
DAY_THEN_MONTH = re.compile(r"^(?P<day>\d{1,2})(?P<ordinal>[^\W\d_]{0,3})\.?\s+(?P<month>[^\W\d_]+\.?)$")
MONTH_THEN_DAY = re.compile(r"^(?P<month>[^\W\d_]+\.?)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?$")


def dateline_month_day(lede: str) -> tuple[int, int] | None:
    """The month and day of a lede's dateline that has no year; None for
    anything else (a dateline with its year dates the article itself)."""
    found = LEDE_DATELINE.match(lede[:120])
    if not found:
        return None
    words = found["date"].strip()
    parts = DAY_THEN_MONTH.match(words) or MONTH_THEN_DAY.match(words)
    if not parts:
        return None
    month = month_number(parts["month"], parts.groupdict().get("ordinal") or "")
    day = int(parts["day"])
    return (month, day) if month and 1 <= day <= 31 else None
