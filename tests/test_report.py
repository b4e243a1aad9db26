"""The report: every page escapes article text, shows each side's claims in
columns and flagged pairs side by side, links claims to their sentence, and
honours the filters; the sample in reports/ matches what the code writes."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.errors import CrosscheckError
from crosscheck.ingest import ingest_paths
from crosscheck.report import Filters, collect, slots, write_report
from crosscheck.store import Store
from tests.conftest import DATA, linked_stages

REPO = Path(__file__).resolve().parent.parent

HOSTILE = """Titre <script>alert(1)</script>
Le Kremlin a déclaré que « "><img src=x onerror=alert(2)> » était <a href="javascript:alert(3)">un lien</a>.
Selon le Pentagone <b>gras</b>, la réunion [lien](javascript:alert(4)) | aura lieu mardi.
"""

CALLS = {p.name: p.read_text(encoding="utf-8") for p in sorted((DATA / "report").glob("*.txt"))}


def ingest_texts(tmp_path: Path, texts: dict[str, str]) -> Store:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store.open(tmp_path / "x.db")
    for name in sorted(texts):
        ingest_paths([folder / name], store, stages=linked_stages())
    return store


@pytest.fixture
def call_store(tmp_path: Path):
    store = ingest_texts(tmp_path, CALLS)
    yield store
    store.close()


class LiveMarkup(HTMLParser):
    """Collects whatever in a page could run or fetch: scripts, images,
    event handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "img", "iframe", "object", "embed", "link"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


def pages(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}


def test_article_text_is_inert_on_every_page(tmp_path: Path) -> None:
    with ingest_texts(tmp_path, {"hostile.txt": HOSTILE}) as store:
        assert store.claims()  # the hostile sentences did become claims
        write_report(store, tmp_path / "out")
        write_report(store, tmp_path / "out", "json")
    written = pages(tmp_path / "out")
    assert {"index.html"} < set(written) and any(name.startswith("articles/") for name in written)
    for name, html in written.items():
        assert live_markup(html) == [], name
    article_page = next(html for name, html in written.items() if name.startswith("articles/"))
    assert "&lt;img src=x onerror=alert(2)&gt;" in article_page
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "<img" not in markdown and "<script" not in markdown and "](javascript:" not in markdown
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["claims"]


def test_event_page_has_a_column_per_side_and_the_pair_side_by_side(call_store: Store, tmp_path: Path) -> None:
    index = write_report(call_store, tmp_path / "out")
    data = collect(call_store)
    [view] = [v for v in data.events if v.pairs]
    assert {s.code for s in view.sides} >= {"RU", "US"}
    html = (tmp_path / "out" / view.page).read_text(encoding="utf-8")
    assert html.count('class="column') >= 2 and "Russia" in html and "United States" in html
    assert 'class="pair"' in html and "contradiction" in html and "<svg" in html
    assert view.page in index.read_text(encoding="utf-8")


def test_claim_links_point_at_a_sentence_of_the_article_page(call_store: Store, tmp_path: Path) -> None:
    write_report(call_store, tmp_path / "out")
    out = tmp_path / "out"
    links = set()
    for page in (out / "events").glob("*.html"):
        links |= set(re.findall(r'href="\.\./(articles/[^"#]+)#(s\d+)"', page.read_text(encoding="utf-8")))
    assert links
    for target, anchor in links:
        assert f'id="{anchor}"' in (out / target).read_text(encoding="utf-8")


def test_initiator_contradiction_marks_who_asked(call_store: Store) -> None:
    [pair] = [p for v in collect(call_store).events for p in v.pairs if p.divergence.evidence.startswith("who")]
    for pieces in pair.marked:
        marked = " ".join(text for text, on in pieces if on).lower()
        assert "initiative" in marked or "request" in marked


def test_slots_for_numbers_mark_only_the_numbers(call_store: Store) -> None:
    from crosscheck.models import Divergence

    pair = Divergence(id="x", event_id="e", a="a", b="b", kind="contradiction", score=0.75, evidence="numbers differ")
    pieces = slots("They agreed on 300 prisoners.", "They agreed on 250 prisoners.", pair)
    assert [text for text, on in pieces if on] == ["300"]


def test_filters(call_store: Store) -> None:
    everything = collect(call_store)
    assert everything.events
    assert not collect(call_store, Filters(side="BR")).events
    assert not [p for v in collect(call_store, Filters(min_score=0.99)).events for p in v.pairs]
    assert not collect(call_store, Filters(since=date(2030, 1, 1))).events
    first = everything.events[0].event.id
    assert [v.event.id for v in collect(call_store, Filters(event=first)).events] == [first]
    with pytest.raises(CrosscheckError):
        collect(call_store, Filters(event="ev-does-not-exist"))


def test_verdicts_show_on_pairs(call_store: Store, tmp_path: Path) -> None:
    pair = next(p for v in collect(call_store).events for p in v.pairs)
    from crosscheck.review import record_verdict

    record_verdict(call_store, pair.divergence.id, "needs-context", reviewer="t")
    write_report(call_store, tmp_path / "out", "md")
    assert "| needs-context |" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_markdown_and_json_carry_the_same_events(call_store: Store, tmp_path: Path) -> None:
    write_report(call_store, tmp_path / "out", "md")
    write_report(call_store, tmp_path / "out", "json")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert set(data) == {"events", "claims", "divergences", "agreements"}
    for event in data["events"]:
        assert event["label"].split(",")[0] in markdown
    assert {d["kind"] for d in data["divergences"]} <= {"denial", "contradiction", "omission", "emphasis"}


def test_sample_report_in_the_repository_is_up_to_date(examples_db: Path, tmp_path: Path) -> None:
    """reports/ is what `crosscheck run` writes for the bundled examples."""
    with Store.open(examples_db, readonly=True) as store:
        write_report(store, tmp_path / "fresh")
    fresh, committed = tmp_path / "fresh", REPO / "reports"
    expected = {str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()}
    present = {str(p.relative_to(committed)) for p in committed.rglob("*") if p.is_file() and ".db" not in p.name}
    assert expected == present, "regenerate with: crosscheck run"
    for name in expected:
        assert (fresh / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), name
