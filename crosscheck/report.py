"""Divergence reports: events with each side's claims in columns and the
flagged pairs side by side, as a folder of static HTML pages (index, one page
per event, one per article with the claim's sentence highlighted), as
Markdown, or as JSON.

Every piece of article text goes through Jinja2 with autoescape on (HTML) or
the `md` filter (Markdown). The pages need nothing from the network and run
no script: inline CSS, inline SVG, and `:target` for highlighting.

A report folder carries a marker, `.crosscheck-report.json`, listing the files
crosscheck wrote there. A report is written only into a new or empty folder,
or one with a marker (unless forced); crosscheck replaces and removes only the
files its marker lists, never a file it did not write.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath

from crosscheck.display import (
    NO_COLOUR,
    SPEECH_WORDS,
    agreement_sentence,
    country_colours,
    country_name,
    event_title,
    evidence_sentence,
    is_outlet,
    outlet_of,
    speaker,
    title_of,
    written_date,
    written_day,
)
from crosscheck.diverge import DENIAL_WORDS, INITIATOR, NEGATED, NUMBER, OMISSION
from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.export import contract_claim, writing
from crosscheck.filenames import unique_names
from crosscheck.formats import ReportFormat
from crosscheck.models import AGREEMENT, DIVERGENCE_KINDS, Article, Claim, Divergence, Event, Point, Sentence
from crosscheck.signature import STEM, topic_stems
from crosscheck.store import Store
from crosscheck.textnorm import fold

REPORT_FORMATS = tuple(ReportFormat)
OUTLETS = "outlets"  # the group of a news organisation's own assertions, shown apart from the sides
NO_SIDE = "none"  # claims of no country: international bodies, unresolved sources
LEGEND = (
    ("quoted", "the speaker's own words, in quotation marks"),
    ("reported speech", "what the speaker said, in the article's words"),
    ("“according to”", "a claim attributed with “according to” or “selon”"),
    ("written statement", "a communiqué or readout"),
)


@dataclass(frozen=True)
class Filters:
    event: str | None = None  # an event id, or the start of one
    side: str | None = None  # a country code: events where it speaks, pairs that involve it
    since: date | None = None  # events dated (or covered) on or after this day
    min_score: float = 0.0  # flagged pairs below this score are left out
    thresholds: dict[str, float] | None = None  # per kind, calibrated: below, shown quietly (None: the store's)


@dataclass
class ClaimView:
    claim: Claim
    article: Article
    sentence: int | None  # index of the sentence that holds the claim, for the link
    article_page: str  # the article's page, relative to the report folder

    @property
    def side(self) -> str:
        return self.claim.side or ""

    @property
    def group(self) -> str:
        """The column the claim goes in: its country, the outlets', or no country's."""
        if is_outlet(self.claim):
            return OUTLETS
        return self.claim.side or NO_SIDE

    @property
    def chain(self) -> str:
        return speaker(self.claim)

    @property
    def speech(self) -> str:
        return SPEECH_WORDS.get(str(self.claim.speech), str(self.claim.speech))

    @property
    def day(self) -> str:
        return written_date(self.article.published)

    @property
    def outlet(self) -> str:
        """What the link to the article reads: its outlet, else its title, else its file name (said to be one)."""
        title, is_file_name = title_of(self.article)
        return outlet_of(self.article) or (f"file {title}" if is_file_name else title)

    @property
    def anchor(self) -> str:
        return f"s{self.sentence}" if self.sentence is not None else ""


@dataclass
class PairView:
    divergence: Divergence
    a: ClaimView
    b: ClaimView
    verdict: str | None = None

    @property
    def marked(self) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        """Each version's text with the slots where the versions part marked."""
        a, b = self.a.claim.text, self.b.claim.text
        return slots(a, b, self.divergence), slots(b, a, self.divergence)

    @property
    def evidence(self) -> str:
        return evidence_sentence(self.divergence, self.a.claim, self.b.claim, self.marked)

    @property
    def agreement(self) -> str:
        return agreement_sentence(self.divergence)

    def ordered(self, order: list[str]) -> PairView:
        """The pair with its versions in the event's left-to-right order."""
        rank = {code: i for i, code in enumerate(order)}
        if rank.get(self.b.group, len(rank)) < rank.get(self.a.group, len(rank)):
            return PairView(self.divergence, self.b, self.a, self.verdict)
        return self


KIND_WORDS = {
    "agreement": "both say the same",
    "denial": "one side denies it",
    "contradiction": "the facts conflict",
    "omission": "one side leaves it out",
    "framing": "same topic, different stress",
}


@dataclass
class ReadoutRow:
    """One point of the readout diff: its topic, kind and each side's versions
    with only the differing slot marked."""

    point: Point
    versions: dict[str, list[tuple[ClaimView, list[tuple[str, bool]]]]]
    below: bool = False  # scored below its kind's calibrated threshold: stored, not flagged

    @property
    def kind_words(self) -> str:
        words = KIND_WORDS.get(self.point.kind.value, self.point.kind.value)
        return f"{words} (below the calibrated threshold, not flagged)" if self.below else words

    @property
    def quiet(self) -> bool:
        return self.below or self.point.kind == AGREEMENT

    @staticmethod
    def side_name(code: str) -> str:
        return "No country" if code == NO_SIDE else country_name(code)


def readout_row(point: Point, claims: dict[str, ClaimView]) -> ReadoutRow:
    versions: dict[str, list] = {}
    for side, ids in sorted(point.claims.items()):
        for claim_id in ids:
            if claim_id in claims:
                view = claims[claim_id]
                spans = [
                    (s.start - view.claim.start, s.end - view.claim.start) for s in point.slots if s.claim == claim_id
                ]
                versions.setdefault(side or NO_SIDE, []).append((view, pieces(view.claim.text, spans)))
    return ReadoutRow(point, versions)


@dataclass
class SideView:
    code: str
    claims: list[ClaimView]
    colour: str = NO_COLOUR

    @property
    def name(self) -> str:
        if self.code == OUTLETS:
            return "News organisations' own reporting"
        if self.code == NO_SIDE:
            return "No country (international bodies, unresolved sources)"
        return country_name(self.code)

    @property
    def label(self) -> str:
        return {OUTLETS: "media", NO_SIDE: "none"}.get(self.code, self.code)


@dataclass
class EventView:
    event: Event
    name: str  # of its page's file, unique in the report
    sides: list[SideView] = field(default_factory=list)  # the countries, by code
    apart: list[SideView] = field(default_factory=list)  # outlets' own claims, then claims of no country
    pairs: list[PairView] = field(default_factory=list)
    agreements: list[PairView] = field(default_factory=list)
    below: list[PairView] = field(default_factory=list)  # flagged kinds scored below the calibrated threshold
    readout: list[ReadoutRow] = field(default_factory=list)  # one row per point, agreements last
    title: str = ""

    @property
    def kinds(self) -> list[tuple[str, int]]:
        counts = Counter(p.divergence.kind for p in self.pairs)
        return [(kind, counts[kind]) for kind in DIVERGENCE_KINDS if counts[kind]]

    @property
    def weight(self) -> float:
        return sum(p.divergence.score for p in self.pairs)

    @property
    def outlets(self) -> list[str]:
        """The outlets named by the event's articles, and how many articles name none."""
        articles = {c.article.id: c.article for c in self.claims}
        named = sorted({outlet_of(a) for a in articles.values()} - {""})
        unnamed = sum(1 for a in articles.values() if not outlet_of(a))
        return named + ([f"{unnamed} article{'s' if unnamed > 1 else ''} naming no outlet"] if unnamed else [])

    @property
    def groups(self) -> list[SideView]:
        return self.sides + self.apart

    @property
    def claims(self) -> list[ClaimView]:
        return [c for s in self.groups for c in s.claims]

    @property
    def published(self) -> list[date]:
        return [c.article.published for c in self.claims if c.article.published]

    @property
    def day(self) -> str:
        return written_day(self.event.day, self.published)

    @property
    def group_of(self) -> dict[str, SideView]:
        return {s.code: s for s in self.groups}

    @property
    def page(self) -> str:
        return f"events/{self.name}.html"


@dataclass
class ReportData:
    events: list[EventView]
    articles: list[Article]
    claims: int
    filters: Filters = field(default_factory=Filters)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)  # of the articles with claims
    article_pages: dict[str, str] = field(default_factory=dict)  # article id -> its page, for every article

    @property
    def pairs(self) -> int:
        return sum(len(v.pairs) for v in self.events)


# --- collecting --------------------------------------------------------------


def collect(store: Store, filters: Filters = Filters()) -> ReportData:
    """The events to report, most divergent first, with their claims by side
    and their pairs, after the filters."""
    articles = {a.id: a for a in store.articles()}
    pages = {a: f"articles/{name}.html" for a, name in unique_names(articles).items()}  # the same under any filter
    claims = {c.id: c for c in store.claims() if c.source}
    sentences = {a: store.sentences(a) for a in sorted({c.article_id for c in claims.values()})}
    sentence_of = sentence_index(sentences, claims.values())
    verdicts = store.verdicts()
    events = store.events()
    event_names = unique_names(e.id for e in events)
    views = {e.id: EventView(e, event_names[e.id]) for e in events if wanted_event(e, filters)}
    by_event: dict[str, dict[str, list[ClaimView]]] = {}
    for claim in claims.values():
        if claim.event_id in views:
            view = claim_view(claim, articles, sentence_of, pages)
            by_event.setdefault(claim.event_id, {}).setdefault(view.group, []).append(view)
    colours = country_colours(sorted({c.side for c in claims.values() if c.side and not is_outlet(c)}))
    for event_id, groups in by_event.items():
        fill_groups(views[event_id], groups, colours)
    limits = store.saved_thresholds() if filters.thresholds is None else filters.thresholds
    for flagged, target in ((store.divergences(), "pairs"), (store.agreements(), "agreements")):
        for d in flagged:
            if d.event_id not in views or d.a not in claims or d.b not in claims or d.score < filters.min_score:
                continue
            target_list = "below" if target == "pairs" and d.score < limits.get(d.kind, 0.0) else target
            pair = PairView(d, *(claim_view(claims[x], articles, sentence_of, pages) for x in (d.a, d.b)))
            pair.verdict = verdicts.get(d.id)
            if filters.side and filters.side not in {pair.a.claim.side, pair.b.claim.side}:
                continue
            view = views[d.event_id]
            getattr(view, target_list).append(pair.ordered([g.code for g in view.groups]))
    claim_views = {c.claim.id: c for v in views.values() for c in v.claims}
    add_readouts(views, store.points(), claim_views, filters.min_score, limits)
    chosen = [v for v in views.values() if v.groups and (not filters.side or side_speaks(v, filters.side))]
    if filters.since:
        chosen = [v for v in chosen if recent_enough(v, filters.since)]
    for view in chosen:
        view.pairs.sort(key=lambda p: (-p.divergence.score, DIVERGENCE_KINDS.index(p.divergence.kind)))
        view.title = event_title(
            view.event, [c.claim for c in view.claims], [c.claim.text for c in view.claims], view.published
        )
    chosen.sort(key=lambda v: (-v.weight, -len(v.claims), v.event.label))
    if filters.event and not chosen:
        raise CrosscheckError(f"no event {filters.event!r} in the store (see the report index for ids)")
    return ReportData(chosen, list(articles.values()), len(claims), filters, sentences, pages)


def add_readouts(
    views: dict[str, EventView],
    points: list[Point],
    claims: dict[str, ClaimView],
    min_score: float,
    limits: dict[str, float] | None = None,
) -> None:
    """Each event's readout diff: its points with a version on two sides (a
    stated omission may have one), divergent ones first, then those below
    their kind's calibrated threshold, agreements last."""
    limits = limits or {}

    def below(point: Point) -> bool:
        return point.kind != AGREEMENT and point.score < limits.get(point.kind.value, 0.0)

    for point in sorted(points, key=lambda p: (p.kind == AGREEMENT, below(p), -p.score, p.id)):
        if point.event_id not in views or point.kind != AGREEMENT and point.score < min_score:
            continue
        row = readout_row(point, claims)
        row.below = below(point)
        if len(row.versions) >= 2 or point.kind == "omission" and row.versions:
            views[point.event_id].readout.append(row)


def fill_groups(view: EventView, groups: dict[str, list[ClaimView]], colours: dict[str, str]) -> None:
    """The event's columns: its countries by code, then outlets' own claims, then claims of no country."""

    def column(code: str) -> SideView:
        return SideView(code, sorted(groups[code], key=claim_order), colours.get(code, NO_COLOUR))

    view.sides = [column(code) for code in sorted(set(groups) - {OUTLETS, NO_SIDE})]
    view.apart = [column(code) for code in (OUTLETS, NO_SIDE) if code in groups]


def wanted_event(event: Event, filters: Filters) -> bool:
    return not filters.event or event.id == filters.event or event.id.startswith(filters.event)


def side_speaks(view: EventView, side: str) -> bool:
    return any(s.code == side for s in view.sides)


def recent_enough(view: EventView, since: date) -> bool:
    day = view.event.day or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return date.fromisoformat(day) >= since
    published = [c.article.published for c in view.claims if c.article.published]
    return bool(published) and max(published) >= since


def claim_view(
    claim: Claim, articles: dict[str, Article], sentence_of: dict[str, int], pages: dict[str, str]
) -> ClaimView:
    return ClaimView(claim, articles[claim.article_id], sentence_of.get(claim.id), pages[claim.article_id])


def claim_order(view: ClaimView) -> tuple:
    return (view.article.published or date.min, view.article.id, view.claim.start)


def sentence_index(sentences: dict[str, list[Sentence]], claims) -> dict[str, int]:
    """The index of the sentence each claim starts in."""
    out: dict[str, int] = {}
    for claim in claims:
        hit = next((s for s in sentences[claim.article_id] if s.start <= claim.start < s.end), None)
        out[claim.id] = hit.index if hit else None
    return out


SLOT_PATTERNS = {
    "who asked for it": INITIATOR,
    "numbers differ": NUMBER,
    "one version negates": NEGATED,
}


def slots(text: str, other: str, divergence: Divergence) -> list[tuple[str, bool]]:
    """`text` in pieces, marked where it differs from `other` in the way the
    evidence says: who asked for the call, the numbers, the negation, the
    denial or omission words; for framing, the substance words the other
    version lacks."""
    folded = fold(text)
    pattern = next((p for prefix, p in SLOT_PATTERNS.items() if divergence.evidence.startswith(prefix)), None)
    if pattern is None and divergence.kind in ("denial", "omission"):
        pattern = DENIAL_WORDS if divergence.kind == "denial" else OMISSION
    if pattern is not None:
        spans = [m.span() for m in pattern.finditer(folded)]
    else:
        lacking = topic_stems(text) - topic_stems(other)
        spans = [
            m.span()
            for m in re.finditer(r"[a-z]{3,}", folded)
            if m.group()[:STEM] in lacking and topic_stems(m.group())  # not a stop word sharing a stem
        ]
    return pieces(text, spans)


def pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position or start == end:
            continue
        if start > position:
            out.append((text[position:start], False))
        out.append((text[start:end], True))
        position = end
    if position < len(text):
        out.append((text[position:], False))
    return out


# --- coverage ------------------------------------------------------------------


@dataclass
class Dot:
    href: str
    title: str


@dataclass
class CoverageRow:
    """One article of the event, in publication order, with a dot per claim and side."""

    day: str
    outlet: str
    page: str
    claims: list[tuple[SideView, list[Dot]]]


def coverage(view: EventView) -> list[CoverageRow]:
    """Who said what, when: one row per article in publication order, its
    claims as dots grouped by side (colour and code), each linking to the claim."""
    articles = sorted({(c.article.published or date.min, c.article.id): c for c in view.claims}.items())
    rows = []
    for _, first in articles:
        claims = []
        for group in view.groups:
            dots = [
                Dot(article_href(c), f"{group.label} · {c.chain}: {c.claim.text[:160]}")
                for c in group.claims
                if c.article.id == first.article.id
            ]
            if dots:
                claims.append((group, dots))
        rows.append(CoverageRow(first.day or "undated", first.outlet, article_href(first).split("#")[0], claims))
    return rows


def article_href(view: ClaimView, prefix: str = "../") -> str:
    anchor = f"#{view.anchor}" if view.anchor else ""
    return f"{prefix}{view.article_page}{anchor}"


# --- rendering ---------------------------------------------------------------


def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("crosscheck", "templates"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["filename"] = lambda path: Path(path).name  # never the reader's own folders
    env.globals.update(article_href=article_href, coverage=coverage, LEGEND=LEGEND)
    return env


def render_index(data: ReportData) -> str:
    return environment().get_template("index.html.j2").render(data=data)


def render_event(view: EventView) -> str:
    return environment().get_template("event.html.j2").render(view=view)


@dataclass
class ArticlePage:
    article: Article
    sentences: list[Sentence]
    claimed: dict[int, list[SideView]] = field(default_factory=dict)  # sentence index -> the sides speaking in it
    events: list[EventView] = field(default_factory=list)  # the events its claims belong to

    @property
    def title(self) -> tuple[str, bool]:
        return title_of(self.article)

    @property
    def outlet(self) -> str:
        return outlet_of(self.article)

    @property
    def day(self) -> str:
        return written_date(self.article.published)


def render_article(page: ArticlePage) -> str:
    paragraphs: dict[int, list[tuple[Sentence, str]]] = {}
    for s in page.sentences:
        paragraphs.setdefault(s.paragraph, []).append((s, page.article.text[s.start : s.end]))
    return environment().get_template("article.html.j2").render(page=page, paragraphs=list(paragraphs.values()))


def render_markdown(data: ReportData) -> str:
    return environment().get_template("report.md.j2").render(data=data)


def render_json(data: ReportData) -> str:
    """The export contract's fields for the reported events, their claims and pairs."""
    events = [v.event.model_dump(mode="json") for v in data.events]
    claims = [contract_claim(c.claim) for v in data.events for c in v.claims]
    pairs = [p.divergence.model_dump(mode="json") | {"verdict": p.verdict} for v in data.events for p in v.pairs]
    agreements = [p.divergence.model_dump(mode="json") for v in data.events for p in v.agreements]
    body = {"events": events, "claims": claims, "divergences": pairs, "agreements": agreements}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def md(text: object) -> str:
    """Markdown-safe inline text: no table breaks, no HTML, no links, no emphasis."""
    out = str(text).replace("\\", "\\\\")
    for char in "|[]()*_`#!":
        out = out.replace(char, "\\" + char)
    return out.replace("<", "&lt;").replace(">", "&gt;").replace("\r", " ").replace("\n", " ")


# --- writing -----------------------------------------------------------------

MAIN_FILE = {"html": "index.html", "md": "report.md", "json": "report.json"}
REWRITES = {  # what a report of each format replaces: its files of a previous report not written again are removed
    "html": ("index.html", "report.md", "events/", "articles/"),
    "md": ("report.md",),
    "json": ("report.json",),
}


def write_report(
    store: Store, out: Path, fmt: str = "html", filters: Filters = Filters(), *, force: bool = False
) -> Path:
    """Write the report into the folder `out`; returns the main file's path.
    `force` writes into a folder that holds other files (none is replaced)."""
    if fmt not in REPORT_FORMATS:
        raise CrosscheckError(f"--format must be one of {', '.join(REPORT_FORMATS)}, not {fmt!r}")
    folder = ReportFolder.open(out, force=force)
    data = collect(store, filters)
    folder.write(report_files(data, fmt), REWRITES[fmt])
    return out / MAIN_FILE[fmt]


def report_files(data: ReportData, fmt: str) -> dict[str, Callable[[], str]]:
    """The report's files, relative to its folder, each with what renders it."""
    if fmt == "md":
        return {"report.md": partial(render_markdown, data)}
    if fmt == "json":
        return {"report.json": partial(render_json, data)}
    files: dict[str, Callable[[], str]] = {view.page: partial(render_event, view) for view in data.events}
    articles = {a.id: a for a in data.articles}
    shown: dict[str, ArticlePage] = {}
    for view in data.events:
        for group in view.groups:
            for c in group.claims:
                page = shown.setdefault(c.article.id, ArticlePage(articles[c.article.id], data.sentences[c.article.id]))
                if view not in page.events:
                    page.events.append(view)
                if c.sentence is not None and group not in page.claimed.setdefault(c.sentence, []):
                    page.claimed[c.sentence].append(group)
    for article_id, page in shown.items():
        files[data.article_pages[article_id]] = partial(render_article, page)
    files["report.md"] = partial(render_markdown, data)
    files["index.html"] = partial(render_index, data)  # last: the entry point links to the pages above
    return files


def write_file(path: Path, text: str) -> Path:
    """Write through a temporary file, so an interrupted run leaves the old page whole."""
    temporary = path.with_name(path.name + ".part")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path


# --- the report folder -------------------------------------------------------

MARKER = ".crosscheck-report.json"
RUN_STORE = "crosscheck.db"  # the fresh store `crosscheck run` keeps beside its report
PAGE_FOLDERS = ("events", "articles")


@dataclass
class ReportFolder:
    """A folder a report goes into, with what its marker says crosscheck wrote there."""

    path: Path
    files: set[str] = field(default_factory=set)  # paths relative to the folder, with /
    store: str | None = None  # set when `crosscheck run` created its store here

    @classmethod
    def open(cls, path: Path, *, force: bool = False) -> ReportFolder:
        """The folder if a report may go there: new, empty, or holding a
        marker; any other folder only with `force`."""
        if path.exists() and not path.is_dir():
            raise UsageError(f"{path}: is a file; a report is written into a folder")
        marker = path / MARKER
        if marker.is_file():
            try:
                return cls.from_marker(path, json.loads(marker.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError, KeyError) as error:
                if not force:
                    problem = f"not a report marker crosscheck can read ({error!r})"
                    raise UsageError(f"{marker}: {problem}; --force writes beside the folder's files") from error
        elif not force and path.is_dir() and any(path.iterdir()):
            raise UsageError(
                f"{path}: the folder holds files and no crosscheck report ({MARKER}); choose a new or empty "
                "folder, or --force to write the report beside them (nothing is deleted)"
            )
        return cls(path)

    @classmethod
    def from_marker(cls, path: Path, content: dict) -> ReportFolder:
        """Only names a report can have are taken from the marker, so that an
        edited marker cannot make crosscheck remove anything else."""
        files = {name for name in content["files"] if is_report_file(name)}
        store = RUN_STORE if content.get("store") == RUN_STORE else None
        return cls(path, files, store)

    def write(self, files: dict[str, Callable[[], str]], rewrites: tuple[str, ...]) -> None:
        """Write the files, then remove the ones of the previous report that
        `rewrites` covers and that were not written again."""
        self.refuse_foreign(files)
        written = {name.casefold() for name in files}  # a file system may ignore case: A.html is a.html
        stale = {name for name in self.files if name.startswith(rewrites) and name.casefold() not in written}
        with writing(self.path, "the report"):
            self.path.mkdir(parents=True, exist_ok=True)
            self.files |= set(files)
            self.save()  # first, so that an interrupted run still knows the files it wrote
            for folder in {PurePosixPath(name).parent for name in files} - {PurePosixPath(".")}:
                (self.path / folder).mkdir(exist_ok=True)
            for name, render in files.items():
                write_file(self.path / name, render())
            for name in sorted(stale):
                (self.path / name).unlink(missing_ok=True)
            self.files -= stale
            self.save()

    def refuse_foreign(self, names) -> None:
        """Never replace a file crosscheck did not write (a user's own
        articles/x.html in a folder written with --force, say)."""
        for name in names:
            target = self.path / name
            if name not in self.files and (target.exists() or target.is_symlink()):
                raise UsageError(f"{target}: exists and crosscheck did not write it; move it or choose another folder")

    def fresh_store(self, *, force: bool = False) -> Path:
        """An empty place for `crosscheck run`'s store; a store there is replaced
        only if run created it (the marker says so), or with `force`."""
        db = self.path / RUN_STORE
        present = [p for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")) if p.exists()]
        if present and self.store != RUN_STORE:
            if not force:
                raise UsageError(
                    f"{db}: a store crosscheck run did not create; choose another --out folder, pass --db {db} "
                    "to add to it, or --force to replace it"
                )
            print(f"crosscheck: replacing {db} (--force)", file=sys.stderr)
        with writing(self.path, "the report"):
            self.path.mkdir(parents=True, exist_ok=True)
            for stale in present:
                stale.unlink()
            self.store = RUN_STORE
            self.save()
        return db

    def save(self) -> None:
        content = {
            "about": "a crosscheck report: crosscheck replaces or removes only the files listed here",
            "files": sorted(self.files),
        }
        if self.store:
            content["store"] = self.store
        write_file(self.path / MARKER, json.dumps(content, ensure_ascii=False, indent=1) + "\n")


def is_report_file(name: object) -> bool:
    """A name a report's file can have: a top-level file of the report, or a page in events/ or articles/."""
    if not isinstance(name, str) or "\\" in name:
        return False
    parts = PurePosixPath(name).parts
    if len(parts) == 1:
        return parts[0] in MAIN_FILE.values()
    return len(parts) == 2 and parts[0] in PAGE_FOLDERS and parts[1].endswith(".html")
