"""Reports: the store's claims as a self-contained HTML page and Markdown.

Every piece of article text goes through Jinja2 with autoescape on; the page
needs nothing from the network (inline CSS, no scripts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crosscheck.models import Article, Claim
from crosscheck.store import Store


@dataclass
class ArticleView:
    article: Article
    claims: list[Claim]
    sides: list[tuple[str, int]]


def collect(store: Store) -> list[ArticleView]:
    views = []
    for article in store.articles():
        claims = store.claims(article.id)
        sides = Counter(c.side or "—" for c in claims)
        views.append(ArticleView(article, claims, sorted(sides.items())))
    return views


def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("crosscheck", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(views: list[ArticleView]) -> str:
    return environment().get_template("report.html.j2").render(views=views, total=sum(len(v.claims) for v in views))


def render_markdown(views: list[ArticleView]) -> str:
    lines = ["# crosscheck report", ""]
    for view in views:
        a = view.article
        lines += [
            f"## {md(a.title or a.id)}",
            "",
            f"*{md(a.outlet or 'unknown outlet')}*" + (f", {a.published}" if a.published else "") + "",
            "",
        ]
        lines += ["| side | source | verb | claim |", "|---|---|---|---|"]
        for c in view.claims:
            lines.append(f"| {c.side or '—'} | {md(c.source or '')} | {md(c.verb or c.speech.value)} | {md(c.text)} |")
        lines.append("")
    return "\n".join(lines)


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
        .replace("\n", " ")
    )


def write_report(store: Store, out: Path) -> Path:
    views = collect(store)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(render_html(views), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(views), encoding="utf-8")
    return out / "index.html"
