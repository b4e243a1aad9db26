"""Reports: events with their flagged pairs side by side, as a self-contained
HTML page and as Markdown.

Every piece of article text goes through Jinja2 with autoescape on (HTML) or
`md()` (Markdown); the page needs nothing from the network (inline CSS, no
scripts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.models import Article, Claim, Divergence, Event
from crosscheck.store import Store


@dataclass
class PairView:
    divergence: Divergence
    a: Claim
    b: Claim


@dataclass
class EventView:
    event: Event
    pairs: list[PairView] = field(default_factory=list)
    by_side: dict[str, list[Claim]] = field(default_factory=dict)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        return sorted(Counter(p.divergence.kind for p in self.pairs).items())


@dataclass
class ReportData:
    events: list[EventView]
    articles: list[Article]
    claims: int

    @property
    def pairs(self) -> int:
        return sum(len(v.pairs) for v in self.events)


def collect(store: Store) -> ReportData:
    claims = {c.id: c for c in store.claims()}
    views = {e.id: EventView(e) for e in store.events()}
    for claim in claims.values():
        if claim.event_id in views and claim.source:
            views[claim.event_id].by_side.setdefault(claim.side or "—", []).append(claim)
    for d in store.divergences():
        if d.event_id in views and d.a in claims and d.b in claims:
            views[d.event_id].pairs.append(PairView(d, claims[d.a], claims[d.b]))
    ordered = sorted(views.values(), key=lambda v: (-len(v.pairs), -v.event.claims, v.event.label))
    for view in ordered:
        view.pairs.sort(key=lambda p: -p.divergence.score)
    return ReportData([v for v in ordered if v.by_side], store.articles(), len(claims))


def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("crosscheck", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(data: ReportData) -> str:
    return environment().get_template("report.html.j2").render(data=data)


def render_markdown(data: ReportData) -> str:
    lines = [
        "# crosscheck report",
        "",
        f"{len(data.articles)} articles, {data.claims} claims, {len(data.events)} events, {data.pairs} flagged pairs.",
        "",
    ]
    for view in data.events:
        sides = ", ".join(f"{side} {len(claims)}" for side, claims in sorted(view.by_side.items()))
        lines += [f"## {md(view.event.label)}", "", f"Claims by side: {sides}.", ""]
        if view.pairs:
            lines += ["| kind | score | one version | the other |", "|---|---|---|---|"]
            for p in view.pairs:
                lines.append(f"| {p.divergence.kind} | {p.divergence.score:.2f} | {version(p.a)} | {version(p.b)} |")
            lines.append("")
    return "\n".join(lines)


def version(claim: Claim) -> str:
    return f"**{claim.side or '—'}** {md(claim.source or '')}: {md(claim.text)}"


def md(text: str) -> str:
    """Markdown-safe inline text: no table breaks, no HTML, no link syntax."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("(", "\\(")
        .replace("*", "\\*")
        .replace("\n", " ")
    )


def write_report(store: Store, out: Path) -> Path:
    data = collect(store)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(render_html(data), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(data), encoding="utf-8")
    return out / "index.html"
