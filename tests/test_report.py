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

import crosscheck
from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.ingest import ingest_paths
from crosscheck.report import MARKER, Filters, ReportFolder, collect, slots, write_report
from crosscheck.store import Store
from crosscheck.stores import open_store
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
    store = open_store(tmp_path / "x.db")
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
    assert 'class="pair"' in html and "contradiction" in html and 'class="coverage"' in html
    assert view.page in index.read_text(encoding="utf-8")
    readout = html[html.index('class="readout"') :]
    assert '<span class="side-code">RU</span> Russia</h4>' in readout  # each readout column names its country


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
    assert {d["kind"] for d in data["divergences"]} <= {"denial", "contradiction", "omission", "framing"}


def test_sample_report_in_the_repository_is_up_to_date(examples_db: Path, tmp_path: Path) -> None:
    """reports/ is what `crosscheck run` writes for the bundled examples."""
    with open_store(examples_db, readonly=True) as store:
        write_report(store, tmp_path / "fresh")
    fresh, committed = tmp_path / "fresh", REPO / "reports"
    expected = {str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()}
    present = {str(p.relative_to(committed)) for p in committed.rglob("*") if p.is_file() and ".db" not in p.name}
    assert expected == present, "regenerate with: crosscheck run"
    for name in expected - {MARKER}:
        assert (fresh / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), name
    marker = json.loads((committed / MARKER).read_text(encoding="utf-8"))
    assert marker["files"] == sorted(expected - {MARKER})
    assert marker["store"] == "crosscheck.db"  # run's store, which the next run may replace


# --- the report folder: never deletes or replaces what crosscheck did not write


def marker_files(folder: Path) -> list[str]:
    return json.loads((folder / MARKER).read_text(encoding="utf-8"))["files"]


def test_a_report_lists_its_files_and_a_rewrite_removes_only_its_own_stale_pages(
    call_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_report(call_store, out)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != MARKER)
    assert marker_files(out) == written
    old_page = out / "events" / "ev-gone.html"  # a page of an event the store no longer has
    old_page.write_text("old", encoding="utf-8")
    (out / MARKER).write_text(json.dumps({"files": [*written, "events/ev-gone.html"]}), encoding="utf-8")
    own = out / "events" / "notes.html"  # a user's file among the pages
    own.write_text("mine", encoding="utf-8")
    write_report(call_store, out)
    assert not old_page.exists() and own.read_text(encoding="utf-8") == "mine"
    assert marker_files(out) == written


def test_a_marker_cannot_make_crosscheck_remove_anything_else(call_store: Store, tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "precious.txt"
    write_report(call_store, out)
    outside.write_text("keep", encoding="utf-8")
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    listed = [*marker_files(out), "../precious.txt", str(outside), "notes.txt", "articles/../../precious.txt"]
    (out / MARKER).write_text(json.dumps({"files": listed}), encoding="utf-8")
    write_report(call_store, out)
    assert outside.read_text(encoding="utf-8") == "keep" and (out / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert "notes.txt" not in marker_files(out)


def test_a_folder_of_other_files_is_refused_unless_forced_and_force_replaces_nothing(
    call_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    (folder / "articles").mkdir(parents=True)
    source = folder / "articles" / "a.txt"
    source.write_text("an article of the user's", encoding="utf-8")
    with pytest.raises(UsageError, match="no crosscheck report"):
        write_report(call_store, folder)
    assert sorted(p.name for p in folder.rglob("*")) == ["a.txt", "articles"]  # nothing written
    write_report(call_store, folder, force=True)
    assert source.read_text(encoding="utf-8") == "an article of the user's"
    assert (folder / "index.html").is_file() and "articles/a.txt" not in marker_files(folder)
    write_report(call_store, folder)  # the marker now says a report lives here
    assert source.is_file()


def test_force_never_replaces_a_file_of_the_same_name(call_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    own_index = folder / "index.html"
    own_index.write_text("<p>the user's home page</p>", encoding="utf-8")
    with pytest.raises(UsageError, match="crosscheck did not write it"):
        write_report(call_store, folder, force=True)
    assert own_index.read_text(encoding="utf-8") == "<p>the user's home page</p>"
    assert not (folder / "events").exists()  # refused before writing anything


def test_report_into_a_file_is_a_usage_error(call_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        write_report(call_store, target)
    assert target.read_text(encoding="utf-8") == "x"


def test_markdown_after_html_keeps_the_pages(call_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_report(call_store, out)
    pages_before = marker_files(out)
    write_report(call_store, out, "json")
    write_report(call_store, out, "md")
    assert set(marker_files(out)) == set(pages_before) | {"report.json"}
    assert all((out / name).is_file() for name in marker_files(out))


# --- page names: unique after sanitising, links to the right article

ODD_IDS = ["x y", "x_y", "x?y", "long " + "z" * 195]


def test_article_ids_that_sanitise_alike_get_their_own_pages_and_links(tmp_path: Path) -> None:
    bodies = list(CALLS.values())
    lines = [
        json.dumps({"id": ident, "title": f"Version {n}", "text": f"Version {n}\n\n{bodies[n % 2]}"})
        for n, ident in enumerate(ODD_IDS)
    ]
    (tmp_path / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(tmp_path / "x.db") as store:
        ingest_paths([tmp_path / "odd.jsonl"], store, stages=linked_stages())
        write_report(store, tmp_path / "out")
        data = collect(store)
    out = tmp_path / "out"
    article_pages = sorted(p.name for p in (out / "articles").glob("*.html"))
    assert len(article_pages) == len(ODD_IDS) and "x_y.html" in article_pages
    assert all(len(name) <= 80 + len(".html") for name in article_pages)
    title = {ident: f"Version {n}" for n, ident in enumerate(ODD_IDS)}
    linked = {c.article.id: c.article_page for v in data.events for c in v.claims}
    assert set(linked) == set(ODD_IDS)
    for article_id, page in linked.items():
        assert f"<h1>{title[article_id]}</h1>" in (out / page).read_text(encoding="utf-8"), article_id
    event_pages = " ".join(p.read_text(encoding="utf-8") for p in (out / "events").glob("*.html"))
    assert all(f'href="../{page}' in event_pages for page in linked.values())


def test_run_replaces_only_the_store_it_created(tmp_path: Path) -> None:
    out = tmp_path / "out"
    db = ReportFolder.open(out).fresh_store()
    db.write_bytes(b"run's store")
    assert ReportFolder.open(out).fresh_store() == db and not db.exists()  # the marker says run made it
    (out / MARKER).unlink()
    db.write_bytes(b"someone's store")
    with pytest.raises(UsageError, match="did not create"):
        ReportFolder.open(out, force=True).fresh_store()
    assert db.read_bytes() == b"someone's store"


def test_check_never_offers_the_articles_own_claim_as_other_version():
    """`check` item: a pair whose two claims are both of the checked
    article is not a finding; a pair with another article's claim is."""
    from crosscheck.check import CheckedArticle, divergent_claims
    from crosscheck.models import Article, Claim, Divergence

    text = "Alpha said the bridge is open. Beta said the bridge is closed."
    article = Article(id="art-1", content_hash="h", text=text)

    def claim(cid, article_id, side, start, end):
        return Claim(
            id=cid,
            article_id=article_id,
            start=start,
            end=end,
            text=text[start:end],
            content_start=start,
            content_end=end,
            side=side,
            source=side,
        )

    own_a, own_b = claim("c1", "art-1", "AA", 0, 30), claim("c2", "art-1", "BB", 31, len(text))
    elsewhere = claim("c3", "art-2", "BB", 0, 20)
    pairs = [
        Divergence(id="p-same", event_id="e1", a="c1", b="c2", kind="contradiction", score=0.9),
        Divergence(id="p-other", event_id="e1", a="c3", b="c1", kind="contradiction", score=0.8),
    ]
    checked = CheckedArticle(
        article, [], {"c1": own_a, "c2": own_b}, pairs, {}, {"c3": elsewhere}, {"art-1": "a.txt", "art-2": "b.txt"}
    )
    findings = divergent_claims(checked, "a.txt", 0.0)
    assert [f.pair_id for f in findings] == ["p-other"]
    assert findings[0].other.article == "art-2"


def test_evidence_says_whom_each_side_names_as_asking(call_store: Store) -> None:
    [pair] = [p for v in collect(call_store).events for p in v.pairs if p.divergence.evidence.startswith("who")]
    assert (pair.a.side, pair.b.side) == ("RU", "US")  # the event's order, by country code
    assert pair.evidence.startswith("Who asked for it. ")
    russian, american = pair.evidence.removeprefix("Who asked for it. ").split(" · ")
    assert "à l'initiative de la partie américaine" in russian and "Moscow's request" in american
    assert "vs" not in pair.evidence


def test_dates_are_written_as_people_write_them() -> None:
    from crosscheck.display import written_day

    assert written_day("2024-06-25") == "25 June 2024"
    assert written_day("2024-06-25", lang="fr") == "25 juin 2024"
    assert written_day("--06-25", [date(2024, 6, 27)]) == "25 June 2024"
    assert written_day("--12-30", [date(2025, 1, 2)]) == "30 December 2024"  # before the article: the year before
    assert written_day("--06-25") == "25 June" and written_day("2025-10") == "October 2025"
    assert written_day(None) == "" and "--" not in written_day("--06")


def test_each_country_keeps_one_colour_and_each_event_one_order(examples_db: Path) -> None:
    from crosscheck.display import PALETTE

    with open_store(examples_db, readonly=True) as store:
        data = collect(store)
    colours: dict[str, set[str]] = {}
    for view in data.events:
        for side in view.sides:
            colours.setdefault(side.code, set()).add(side.colour)
        order = [g.code for g in view.groups]
        assert [s.code for s in view.sides] == sorted(s.code for s in view.sides)
        for pair in view.pairs + view.agreements:
            assert order.index(pair.a.group) <= order.index(pair.b.group)
    assert all(len(c) == 1 for c in colours.values()) and len(colours) > 2
    firsts = [next(iter(c)) for c in colours.values()]
    assert set(firsts) <= set(PALETTE) and len(set(firsts)) == min(len(firsts), len(PALETTE))


def test_outlets_are_shown_apart_from_the_sides(tmp_path: Path) -> None:
    agency = (
        "Appel Austin-Belooussov\n\nSelon l'agence Reuters, l'entretien téléphonique entre Lloyd Austin et "
        "Andreï Belooussov, le 25 juin 2024, a duré près d'une heure et portait sur l'Ukraine.\n"
    )
    with ingest_texts(tmp_path, CALLS | {"c_agence.txt": agency}) as store:
        assert any(c.actor == "outlet.reuters" for c in store.claims())
        data = collect(store)
        write_report(store, tmp_path / "out")
    assert all(s.code != "GB" for v in data.events for s in v.sides)
    [view] = [v for v in data.events if any(g.code == "outlets" for g in v.apart)]
    html = (tmp_path / "out" / view.page).read_text(encoding="utf-8")
    assert "News organisations&#39; own reporting" in html and "United Kingdom" not in html


def test_article_pages_link_back_to_their_events_and_tag_each_claim(call_store: Store, tmp_path: Path) -> None:
    write_report(call_store, tmp_path / "out")
    data = collect(call_store)
    view = next(v for v in data.events if v.pairs)
    page = (tmp_path / "out" / view.sides[0].claims[0].article_page).read_text(encoding="utf-8")
    assert f'href="../{view.page}"' in page and view.title in page
    tags = re.findall(r'class="side-tag"[^>]*>([A-Z]{2}|media|none)<', page)
    assert view.sides[0].code in tags


def test_titles_fall_back_to_the_file_name_and_say_so(tmp_path: Path) -> None:
    body = "Le ministère russe de la Défense a déclaré mardi que l'appel avait eu lieu à la demande de Washington.\n"
    with ingest_texts(tmp_path, {"sans-titre.txt": body}) as store:
        [article] = store.articles()
        write_report(store, tmp_path / "out")
    page = (tmp_path / "out" / "articles" / "sans-titre.html").read_text(encoding="utf-8")
    if article.title is None:
        assert "No title was found in the article: this is its file name." in page
    assert "outlet not given in the article" in page and "unknown outlet" not in page


def test_speakers_show_who_a_pronoun_is_and_speech_in_plain_words(examples_db: Path) -> None:
    with open_store(examples_db, readonly=True) as store:
        data = collect(store)
    claims = [c for v in data.events for c in v.claims]
    resolved = [c for c in claims if c.claim.source in ("il", "elle", "he", "she") and c.claim.actor]
    assert resolved and all(" → " in c.chain for c in resolved)
    assert {c.speech for c in claims} <= {"quoted", "reported speech", "“according to”", "written statement"}


def test_event_titles_keep_accents_and_leave_out_background_names() -> None:
    from crosscheck.display import event_title
    from crosscheck.models import Claim, Event

    def claim(text: str, actor: str | None) -> Claim:
        span = {"start": 0, "end": len(text), "content_start": 0, "content_end": len(text)}
        return Claim(id=text[:8], article_id="a", text=text, actor=actor, side="FR", **span)

    event = Event(
        id="ev-x",
        label="x",
        kind="call",
        day="--05-24",
        participants=["person.emmanuel-macron", "person.hakan-fidan", "person.recep-tayyip-erdogan"],
    )
    claims = [
        claim("Emmanuel Macron a appelé Recep Tayyip Erdoğan mardi.", "person.emmanuel-macron"),
        claim("Ankara a salué l'appel.", "person.recep-tayyip-erdogan"),
    ]
    title = event_title(event, claims, [c.text for c in claims], [date(2022, 5, 25)])
    assert title == "Macron–Erdoğan call, 24 May 2022"  # Fidan, named only in a background sentence, left out
    nameless = Event(id="ev-y", label="y", kind="statement", salient=["crimee", "etats-unis"])
    texts = ["Le sort de la Crimée inquiète les États-Unis."]
    assert event_title(nameless, [], texts) == "Statement · Crimée, États-Unis"


def test_framing_evidence_reads_as_a_sentence_and_has_a_colour_on_both_sites() -> None:
    from crosscheck.display import evidence_sentence
    from crosscheck.models import Claim, Divergence, DivergenceKind

    claim = Claim(id="a:1", article_id="a", start=0, end=10, text="x", content_start=0, content_end=10)
    pair = Divergence(
        id="dv-1",
        event_id="ev-1",
        a="a:1",
        b="b:1",
        kind=DivergenceKind.FRAMING,
        score=0.6,
        evidence="warned against provocation | kept its policy unchanged",
    )
    assert evidence_sentence(pair, claim, claim, ([], [])) == "Each side stresses something else"
    for css in ("templates/base.html.j2", "templates/serve/static/review.css"):
        assert ".kind-framing{" in (Path(crosscheck.__file__).parent / css).read_text(encoding="utf-8")
