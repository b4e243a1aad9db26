"""The sample report (reports/) in a real browser: headless Chromium, driven
by Playwright, checking what a reader sees at 1280 and 390 pixels wide.

Needs /usr/bin/chromium (Debian's package; `.ci/run` installs it). Without
it the tests skip, unless CROSSCHECK_REQUIRE_BROWSER is set (CI), where they fail."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from crosscheck.stores import open_store

REPORT = Path(__file__).resolve().parent.parent / "reports"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without these Chromium reaches out to Google at start-up, which a closed network refuses.
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_missing() -> str | None:
    if CHROMIUM is None:
        return "chromium is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = browser_missing()
    if reason:
        if os.environ.get("CROSSCHECK_REQUIRE_BROWSER"):
            pytest.fail(f"browser test required but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)
        yield launched
        launched.close()


class Watched:
    """A page with its console errors and every request it made recorded."""

    def __init__(self, browser, width: int):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def external(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]

    def overflows(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def most_divergent_event(watched: Watched) -> None:
    watched.page.goto((REPORT / "index.html").as_uri())
    assert watched.page.locator("table.events tbody tr").count() >= 3
    watched.page.locator("table.events tbody tr a").first.click()
    watched.page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 390])
def test_reader_sees_columns_and_a_flagged_pair(browser, width: int, tmp_path: Path) -> None:
    watched = Watched(browser, width)
    most_divergent_event(watched)
    page = watched.page
    columns = page.locator(".columns .column")
    assert columns.count() >= 2 and columns.first.is_visible()
    pair = page.locator("section.pair").first
    assert pair.is_visible() and pair.locator(".version").count() == 2
    assert pair.locator(".badge").first.inner_text() in {"denial", "contradiction", "omission", "framing"}
    left, right = (pair.locator(".version").nth(i).bounding_box() for i in (0, 1))
    if width >= 1000:  # side by side on a wide screen, stacked on a phone
        assert abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + left["width"] - 1
    else:
        assert right["y"] >= left["y"] + left["height"] - 1
    assert not watched.overflows(), "the page scrolls sideways"
    page.screenshot(path=str(tmp_path / f"event-{width}.png"), full_page=True)
    assert watched.errors == [] and watched.external() == []


def test_claim_link_highlights_its_sentence(browser) -> None:
    watched = Watched(browser, 1280)
    most_divergent_event(watched)
    watched.page.locator(".column li a").first.click()
    watched.page.wait_for_load_state()
    target = watched.page.locator(".sentence:target")
    assert target.count() == 1 and target.is_visible()
    background = target.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in {"rgba(0, 0, 0, 0)", "transparent"}
    assert watched.errors == [] and watched.external() == []


@pytest.mark.parametrize("width", [1280, 390])
def test_index_fits_the_screen(browser, width: int) -> None:
    watched = Watched(browser, width)
    watched.page.goto((REPORT / "index.html").as_uri())
    assert not watched.overflows()
    assert watched.errors == [] and watched.external() == []


@pytest.fixture
def review_server(examples_db: Path, tmp_path: Path):
    """`crosscheck serve` on a copy of the examples' store, on a free loopback port."""
    import socket
    import threading
    import time

    import uvicorn

    from crosscheck.serve import create_app
    from tests.conftest import copy_store

    db = copy_store(examples_db, tmp_path / "review.db")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db, reviewer="Ana"), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    server.should_exit = True
    thread.join(10)


def test_reviewer_judges_three_points_with_the_keyboard(browser, review_server) -> None:
    from crosscheck import review

    url, db = review_server
    with open_store(db, readonly=True) as store:
        expected = review.point_queue(store, limit=3)
        pairs = {point: store.item_pair_ids(point) for point in expected}
    watched = Watched(browser, 1280)
    page = watched.page
    page.goto(f"{url}/queue")
    for key, point in zip(("d", "c", "n"), expected, strict=True):
        assert page.locator("section.point").get_attribute("data-point") == point
        assert page.locator("section.point article.version").count() >= 2
        if key == "n":  # a note first: e focuses it, Escape leaves it
            page.keyboard.press("e")
            page.keyboard.type("see the full readout")
            page.keyboard.press("Escape")
        with page.expect_navigation():
            page.keyboard.press(key)
    assert page.locator("#reviewed").inner_text() == "3"
    with open_store(db, readonly=True) as store:
        rows = store.db.execute("SELECT pair_id, verdict, reviewer, note, point FROM verdicts ORDER BY id").fetchall()
    given = {
        "d": ("divergent", "Ana", ""),
        "c": ("consistent", "Ana", ""),
        "n": ("needs-context", "Ana", "see the full readout"),
    }
    assert sorted(rows) == sorted(
        (pair, *given[key], point) for key, point in zip("dcn", expected, strict=True) for pair in pairs[point]
    )
    assert watched.errors == [] and all(u.startswith(url) for u in watched.requests)
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_judging_a_point_gives_every_pair_of_it_the_verdict(browser, review_server, width: int, tmp_path) -> None:
    from crosscheck import review

    url, db = review_server
    with open_store(db, readonly=True) as store:
        point = max(review.point_queue(store, limit=100), key=lambda p: len(store.item_pair_ids(p)))
        shown = review.point_in_context(store, point)
    assert len(shown.pairs) > 2 and len(shown.sides) == 2
    watched = Watched(browser, width)
    page = watched.page
    page.goto(f"{url}/points/{point}")
    columns = page.locator(".sides .side")
    assert columns.count() == 2 and page.locator(".point .topic").inner_text() == shown.topic
    left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    if width >= 1000:  # a column per side on a wide screen, stacked on a phone
        assert abs(left["y"] - right["y"]) < 2 and right["x"] >= left["x"] + left["width"] - 1
    else:
        assert right["y"] >= left["y"] + left["height"] - 1
    for side, column in zip(shown.sides, (columns.nth(0), columns.nth(1)), strict=True):
        assert column.locator("article.version").count() == len(side.versions)
    marked = page.locator(".point mark.diff").all_inner_texts()
    claims = " ".join(page.locator(".point .claim").all_inner_texts())
    assert sum(len(m) for m in marked) < len(claims) / 4  # the slot is marked, not every word
    assert f"One verdict covers the {len(shown.pairs)} pairs" in page.locator("#verdict-form").inner_text()
    assert not watched.overflows(), "the page scrolls sideways"
    page.screenshot(path=str(tmp_path / f"point-{width}.png"), full_page=True)
    with page.expect_navigation():
        page.keyboard.press("d")
    assert (
        f"divergent (Ana) on {len(shown.pairs)} of {len(shown.pairs)} pairs"
        in page.locator("#point-verdict").inner_text()
    )
    with open_store(db, readonly=True) as store:
        verdicts = [review.current_verdict(store, pair) for pair in shown.pairs]
    assert all(v is not None and (v.verdict, v.point) == ("divergent", point) for v in verdicts)
    assert len({v.batch for v in verdicts}) == 1
    with page.expect_navigation():
        page.keyboard.press("z")  # the undo bar of the point page takes the whole verdict back
    with open_store(db, readonly=True) as store:
        assert all(review.current_verdict(store, pair) is None for pair in shown.pairs)
    assert watched.errors == [] and all(u.startswith(url) for u in watched.requests)
    page.close()


# --- what a journalist reads: the report as the code writes it now ----------------


@pytest.fixture(scope="module")
def fresh_report(examples_db: Path, tmp_path_factory) -> Path:
    """The examples' report written by this code (reports/ is regenerated on merge)."""
    from crosscheck.report import write_report

    out = tmp_path_factory.mktemp("report") / "out"
    with open_store(examples_db, readonly=True) as store:
        write_report(store, out)
    return out


def event_pages(report: Path) -> list[Path]:
    return sorted((report / "events").glob("*.html"))


@pytest.mark.parametrize("width", [1280, 390])
def test_dates_are_written_out_on_one_line(browser, fresh_report: Path, width: int) -> None:
    watched = Watched(browser, width)
    page = watched.page
    for url in [fresh_report / "index.html", *event_pages(fresh_report)[:2]]:
        page.goto(url.as_uri())
        dates = page.locator(".date")
        assert dates.count() >= 1
        for i in range(dates.count()):
            date = dates.nth(i)
            if not date.is_visible():  # the index's date column, hidden on a phone (the date is under the event)
                continue
            text = date.inner_text()
            assert "--" not in text and not re.search(r"\d{4}-\d{2}", text), text
            lines = date.evaluate(
                "node => { const r = document.createRange(); r.selectNodeContents(node);"
                " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
            )
            assert lines == 1, f"{text!r} wraps at {width}px"
        assert not watched.overflows()
    assert watched.errors == [] and watched.external() == []


def test_a_country_has_one_colour_on_every_page_beside_its_code(browser, fresh_report: Path) -> None:
    watched = Watched(browser, 1280)
    colours: dict[str, set[str]] = {}
    for url in event_pages(fresh_report):
        watched.page.goto(url.as_uri())
        for badge in watched.page.locator(".badge.side").all():
            code = badge.locator(".side-code").inner_text()
            colour = badge.evaluate("node => getComputedStyle(node).borderLeftColor")
            colours.setdefault(code, set()).add(colour)
        versions = watched.page.locator("section.pair").all()
        order = [b.inner_text() for b in watched.page.locator(".badge.side .side-code").all()]
        for pair in versions:  # one left/right order in the event
            left, right = (pair.locator(".version").nth(i).locator(".side-tag").inner_text() for i in (0, 1))
            assert order.index(left) <= order.index(right)
    countries = {code: c for code, c in colours.items() if re.fullmatch(r"[A-Z]{2}", code)}
    assert len(countries) >= 3 and all(len(c) == 1 for c in countries.values()), colours
    assert len({next(iter(c)) for c in countries.values()}) == len(countries)
    assert watched.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_event_page_has_a_legend_and_a_coverage_table_that_fits(browser, fresh_report: Path, width: int) -> None:
    watched = Watched(browser, width)
    page = watched.page
    page.goto(event_pages(fresh_report)[0].as_uri())
    legend = page.locator("#legend")
    assert legend.is_visible() and "reported speech" in legend.inner_text()
    body = page.locator("body").inner_text()
    assert "according_to" not in body and "indirect ·" not in body and "communique ·" not in body
    rows = page.locator("table.coverage tbody tr")
    assert rows.count() >= 1
    for cell in page.locator("table.coverage td.outlet").all():  # outlet names whole, never cut or overlapping
        assert cell.evaluate("node => node.scrollWidth <= node.clientWidth + 1"), cell.inner_text()
    dot = page.locator("table.coverage a.dot").first
    assert dot.is_visible() and dot.bounding_box()["width"] >= 8
    assert not watched.overflows()
    assert watched.errors == [] and watched.external() == []


def test_article_page_leads_back_to_its_event_and_shows_each_claims_side(browser, fresh_report: Path) -> None:
    watched = Watched(browser, 390)
    page = watched.page
    event = event_pages(fresh_report)[0]
    page.goto(event.as_uri())
    title = page.locator("h1").inner_text()
    page.locator(".column li a").first.click()
    page.wait_for_load_state()
    assert page.locator(".sentence:target").count() == 1
    tags = page.locator(".side-tag")
    assert tags.count() >= 1 and tags.first.is_visible()
    back = page.locator("nav a", has_text=title)
    assert back.count() == 1
    back.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert not watched.overflows() and watched.errors == [] and watched.external() == []


def test_undo_is_visible_after_a_verdict_and_z_works_on_the_queue(browser, review_server) -> None:
    from crosscheck import review

    url, db = review_server
    watched = Watched(browser, 390)
    page = watched.page
    page.goto(f"{url}/queue")
    assert "reviewing as Ana" in page.locator("nav").inner_text()
    first = page.locator("section.point").get_attribute("data-point")
    with page.expect_navigation():
        page.keyboard.press("d")
    bar = page.locator("#last-given")
    assert bar.is_visible() and "divergent" in bar.inner_text() and "undo" in bar.inner_text()
    assert page.locator("section.point").get_attribute("data-point") != first
    with page.expect_navigation():
        page.keyboard.press("z")
    assert page.url.startswith(f"{url}/queue") and page.locator("#last-given").count() == 0
    assert page.locator("section.point").get_attribute("data-point") == first
    with open_store(db, readonly=True) as store:
        for pair in store.item_pair_ids(first):
            assert review.current_verdict(store, pair) is None and len(review.history(store, pair)) == 1
    assert not watched.overflows()
    assert watched.errors == [] and all(u.startswith(url) for u in watched.requests)


def test_no_page_of_the_report_scrolls_sideways_on_a_phone(browser, fresh_report: Path) -> None:
    watched = Watched(browser, 390)
    pages = [fresh_report / "index.html", *event_pages(fresh_report), *sorted((fresh_report / "articles").glob("*"))]
    for url in pages:
        watched.page.goto(url.as_uri())
        assert not watched.overflows(), url.name
    assert watched.errors == [] and watched.external() == []
