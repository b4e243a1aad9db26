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

from crosscheck.actors import country_names
from crosscheck.diverge import DENIAL_WORDS, INITIATOR, NEGATED, NUMBER, OMISSION
from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.export import contract_claim, writing
from crosscheck.filenames import unique_names
from crosscheck.formats import ReportFormat
from crosscheck.models import AGREEMENT, DIVERGENCE_KINDS, Article, Claim, Divergence, Event, Point, Sentence
from crosscheck.review import chain_text
from crosscheck.signature import STEM, topic_stems
from crosscheck.store import Store
from crosscheck.textnorm import fold

REPORT_FORMATS = tuple(ReportFormat)
UNKNOWN_SIDE = "—"


@dataclass(frozen=True)
class Filters:
    event: str | None = None  # an event id, or the start of one
    side: str | None = None  # a country code: events where it speaks, pairs that involve it
    since: date | None = None  # events dated (or covered) on or after this day
    min_score: float = 0.0  # flagged pairs below this score are left out


@dataclass
class ClaimView:
    claim: Claim
    article: Article
    sentence: int | None  # index of the sentence that holds the claim, for the link
    article_page: str  # the article's page, relative to the report folder

    @property
    def side(self) -> str:
        return self.claim.side or UNKNOWN_SIDE

    @property
    def chain(self) -> str:
        return chain_text(self.claim)

    @property
    def day(self) -> str:
        return self.article.published.isoformat() if self.article.published else ""

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

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.point.kind.value, self.point.kind.value)


def readout_row(point: Point, claims: dict[str, ClaimView]) -> ReadoutRow:
    versions: dict[str, list] = {}
    for side, ids in sorted(point.claims.items()):
        for claim_id in ids:
            if claim_id in claims:
                view = claims[claim_id]
                spans = [
                    (s.start - view.claim.start, s.end - view.claim.start) for s in point.slots if s.claim == claim_id
                ]
                versions.setdefault(side or UNKNOWN_SIDE, []).append((view, pieces(view.claim.text, spans)))
    return ReadoutRow(point, versions)


@dataclass
class SideView:
    code: str
    claims: list[ClaimView]

    @property
    def name(self) -> str:
        return country_names().get(self.code, "unattributed" if self.code == UNKNOWN_SIDE else self.code)


@dataclass
class EventView:
    event: Event
    name: str  # of its page's file, unique in the report
    sides: list[SideView] = field(default_factory=list)
    pairs: list[PairView] = field(default_factory=list)
    agreements: list[PairView] = field(default_factory=list)
    readout: list[ReadoutRow] = field(default_factory=list)  # one row per point, agreements last

    @property
    def kinds(self) -> list[tuple[str, int]]:
        counts = Counter(p.divergence.kind for p in self.pairs)
        return [(kind, counts[kind]) for kind in DIVERGENCE_KINDS if counts[kind]]

    @property
    def weight(self) -> float:
        return sum(p.divergence.score for p in self.pairs)

    @property
    def outlets(self) -> list[str]:
        names = {c.article.outlet or c.article.agency or c.article.id for s in self.sides for c in s.claims}
        return sorted(names)

    @property
    def claims(self) -> list[ClaimView]:
        return [c for s in self.sides for c in s.claims]

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
            by_event.setdefault(claim.event_id, {}).setdefault(view.side, []).append(view)
    for event_id, sides in by_event.items():
        views[event_id].sides = [SideView(code, sorted(cs, key=claim_order)) for code, cs in sorted(sides.items())]
    for flagged, target in ((store.divergences(), "pairs"), (store.agreements(), "agreements")):
        for d in flagged:
            if d.event_id not in views or d.a not in claims or d.b not in claims or d.score < filters.min_score:
                continue
            pair = PairView(d, *(claim_view(claims[x], articles, sentence_of, pages) for x in (d.a, d.b)))
            pair.verdict = verdicts.get(d.id)
            if filters.side and filters.side not in {pair.a.claim.side, pair.b.claim.side}:
                continue
            getattr(views[d.event_id], target).append(pair)
    add_readouts(views, store.points(), {c.claim.id: c for v in views.values() for c in v.claims}, filters.min_score)
    chosen = [v for v in views.values() if v.sides and (not filters.side or side_speaks(v, filters.side))]
    if filters.since:
        chosen = [v for v in chosen if recent_enough(v, filters.since)]
    for view in chosen:
        view.pairs.sort(key=lambda p: (-p.divergence.score, DIVERGENCE_KINDS.index(p.divergence.kind)))
    chosen.sort(key=lambda v: (-v.weight, -len(v.claims), v.event.label))
    if filters.event and not chosen:
        raise CrosscheckError(f"no event {filters.event!r} in the store (see the report index for ids)")
    return ReportData(chosen, list(articles.values()), len(claims), filters, sentences, pages)


def add_readouts(
    views: dict[str, EventView], points: list[Point], claims: dict[str, ClaimView], min_score: float
) -> None:
    """Each event's readout diff: its points with a version on two sides (a
    stated omission may have one), divergent ones first, agreements last."""
    for point in sorted(points, key=lambda p: (p.kind == AGREEMENT, -p.score, p.id)):
        if point.event_id not in views or point.kind != AGREEMENT and point.score < min_score:
            continue
        row = readout_row(point, claims)
        if len(row.versions) >= 2 or point.kind == "omission" and row.versions:
            views[point.event_id].readout.append(row)


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
    denial or omission words; for emphasis, the substance words the other
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


# --- timeline ----------------------------------------------------------------


@dataclass
class Dot:
    x: float
    y: float
    side: str
    title: str
    href: str


@dataclass
class Timeline:
    """Who said what, when: one lane per side, one column per article in
    publication order, one dot per claim."""

    width: int
    height: int
    lanes: list[tuple[str, float]]
    columns: list[tuple[str, str, float]]  # date, outlet, x
    dots: list[Dot]


LANE = 34
LEFT = 70
COLUMN = 90


def timeline(view: EventView) -> Timeline:
    articles = sorted({(c.article.published or date.min, c.article.id) for c in view.claims})
    column_of = {article_id: LEFT + COLUMN * (i + 0.5) for i, (_, article_id) in enumerate(articles)}
    lane_of = {side.code: 24 + LANE * i for i, side in enumerate(view.sides)}
    dots = []
    for side in view.sides:
        seen: Counter = Counter()
        for c in side.claims:
            offset = (seen[c.article.id] % 5 - 2) * 7
            seen[c.article.id] += 1
            title = f"{side.code} · {c.chain} · {c.day or c.article.id}: {c.claim.text[:160]}"
            dots.append(Dot(column_of[c.article.id] + offset, lane_of[side.code], side.code, title, article_href(c)))
    outlets = {c.article.id: c.article.outlet or c.article.agency or c.article.id for c in view.claims}
    columns = [
        (day.isoformat() if day != date.min else "undated", outlets[a][:14], column_of[a]) for day, a in articles
    ]
    width = LEFT + COLUMN * max(1, len(articles)) + 10
    return Timeline(width, 24 + LANE * len(view.sides) + 28, list(lane_of.items()), columns, dots)


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
    env.globals.update(article_href=article_href, timeline=timeline)
    return env


def render_index(data: ReportData) -> str:
    return environment().get_template("index.html.j2").render(data=data)


def render_event(view: EventView) -> str:
    return environment().get_template("event.html.j2").render(view=view)


def render_article(article: Article, sentences: list[Sentence], claimed: set[int]) -> str:
    paragraphs: dict[int, list[tuple[Sentence, str]]] = {}
    for s in sentences:
        paragraphs.setdefault(s.paragraph, []).append((s, article.text[s.start : s.end]))
    return (
        environment()
        .get_template("article.html.j2")
        .render(article=article, paragraphs=list(paragraphs.values()), claimed=claimed)
    )


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
    shown: dict[str, set[int]] = {}
    for c in (c for v in data.events for c in v.claims):
        shown.setdefault(c.article.id, set()).update({c.sentence} - {None})
    articles = {a.id: a for a in data.articles}
    for article_id, claimed in shown.items():
        page = partial(render_article, articles[article_id], data.sentences[article_id], claimed)
        files[data.article_pages[article_id]] = page
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
