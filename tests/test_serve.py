"""`crosscheck serve` through its test client: every route, CSRF and token
refusals, the Host check, escaping of whatever the store holds, and two
reviewers posting at once."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck import review
from crosscheck.serve import create_app
from crosscheck.stores import open_store
from crosscheck.verdict_export import render_verdicts
from tests.conftest import copy_store
from tests.test_report import live_markup


@pytest.fixture
def db(examples_db: Path, tmp_path: Path) -> Path:
    return copy_store(examples_db, tmp_path / "serve.db")


def browser_of(app) -> TestClient:
    """A client of the app as a browser on this machine sees it (a loopback host name)."""
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def client(db: Path) -> TestClient:
    return browser_of(create_app(db, reviewer="Ana"))


def form_values(html: str) -> tuple[str, str]:
    """The page's CSRF token and the first pair of the point it shows."""
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    pair = re.search(r'data-pair="([^"]+)"', html).group(1)
    return csrf, pair


def shown_point(html: str) -> str:
    return re.search(r'data-point="([^"]+)"', html).group(1)


def stored(db: Path) -> list[tuple[str, str, str]]:
    with open_store(db, readonly=True) as store:
        return store.db.execute("SELECT pair_id, verdict, reviewer FROM verdicts ORDER BY id").fetchall()


def test_queue_shows_the_top_point_and_one_verdict_covers_its_pairs(client: TestClient, db: Path) -> None:
    page = client.get("/queue")
    assert page.status_code == 200 and page.headers["content-security-policy"].startswith("default-src 'none'")
    csrf, point = form_values(page.text)[0], shown_point(page.text)
    with open_store(db, readonly=True) as store:
        assert point == review.point_queue(store)[0]
        total = review.point_progress(store).total
        shown = review.point_in_context(store, point)
        assert total < len(store.divergences())  # progress counts points, fewer than their pairs
    assert page.text.count('class="version') == shown.claims and f'id="left">{total}<' in page.text
    assert len(shown.pairs) > 1 and shown.topic in page.text  # the examples' top point holds several pairs
    done = client.post(
        f"/points/{point}/verdict",
        data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana", "note": "n", "back": "/queue?kind=denial"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/queue?kind=denial"
    assert sorted(stored(db)) == [(pair, "divergent", "Ana") for pair in sorted(shown.pairs)]
    following = client.get("/queue")
    assert shown_point(following.text) != point and 'id="reviewed">1<' in following.text
    assert 'id="last-given"' in following.text and f"on {len(shown.pairs)} pairs of the point" in following.text


def test_undo_of_a_point_verdict_takes_back_each_of_its_pairs_once(client: TestClient, db: Path) -> None:
    page = client.get("/queue").text
    csrf, point = form_values(page)[0], shown_point(page)
    client.post(f"/points/{point}/verdict", data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana"})
    client.post(f"/points/{point}/verdict", data={"verdict": "unrelated", "csrf": csrf, "reviewer": "Ana"})
    batch = re.search(r'name="batch" value="(\d+)"', client.get(f"/points/{point}").text).group(1)
    for _ in range(2):  # a retried undo takes back nothing more
        answer = client.post(f"/points/{point}/undo", data={"csrf": csrf, "reviewer": "Ana", "batch": batch})
        assert answer.status_code == 200
    with open_store(db, readonly=True) as store:
        verdicts = {review.current_verdict(store, p).verdict for p in store.item_pair_ids(point)}
    assert verdicts == {"divergent"}
    assert client.post(f"/points/{point}/undo", data={"csrf": csrf, "reviewer": "Ana"}).status_code == 400
    assert client.post(f"/points/{point}/undo", data={"reviewer": "Ana", "batch": batch}).status_code == 403


def test_every_route_answers(client: TestClient, db: Path) -> None:
    _, pair = form_values(client.get("/queue").text)
    with open_store(db, readonly=True) as store:
        event = store.divergences()[0].event_id
    assert client.get("/", follow_redirects=False).headers["location"] == "/queue"
    point = shown_point(client.get("/queue").text)
    for path in (
        "/queue?kind=framing&skip=1", "/queue?kind=emphasis", f"/pairs/{pair}", f"/points/{point}", "/events",
        f"/events/{event}", "/static/review.js",
    ):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert client.get("/pairs/dv-nothing").status_code == 404
    assert client.get("/points/pt-nothing").status_code == 404
    assert client.get("/events/ev-nothing").status_code == 404
    empty = client.get("/queue?side=ZZ")
    assert empty.status_code == 200 and 'id="empty"' in empty.text


def test_undo_restores_the_previous_state(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    client.post(f"/pairs/{pair}/verdict", data={"verdict": "unrelated", "csrf": csrf, "reviewer": "Ana"})
    assert "undo" in client.get(f"/pairs/{pair}").text
    done = client.post(f"/pairs/{pair}/undo", data={"csrf": csrf, "reviewer": "Ana"}, follow_redirects=False)
    assert done.status_code == 303
    with open_store(db, readonly=True) as store:
        assert review.current_verdict(store, pair) is None and len(review.history(store, pair)) == 1


def test_posts_without_the_csrf_token_are_refused(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    for data in (
        {"verdict": "divergent", "reviewer": "Ana"},
        {"verdict": "divergent", "reviewer": "Ana", "csrf": "0" * 64},
    ):
        assert client.post(f"/pairs/{pair}/verdict", data=data).status_code == 403
    assert client.post(f"/pairs/{pair}/undo", data={"reviewer": "Ana"}).status_code == 403
    point = shown_point(client.get("/queue").text)
    assert client.post(f"/points/{point}/verdict", data={"verdict": "divergent", "reviewer": "Ana"}).status_code == 403
    stranger = browser_of(client.app)  # another browser: its own cookie, so the first one's token is worthless
    refused = stranger.post(f"/pairs/{pair}/verdict", data={"verdict": "divergent", "csrf": csrf, "reviewer": "X"})
    assert refused.status_code == 403 and stored(db) == []


def test_bad_verdicts_and_open_redirects_are_refused(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    bad = client.post(f"/pairs/{pair}/verdict", data={"verdict": "maybe", "csrf": csrf, "reviewer": "Ana"})
    assert bad.status_code == 400 and stored(db) == []
    away = client.post(
        f"/pairs/{pair}/verdict",
        data={"verdict": "consistent", "csrf": csrf, "reviewer": "Ana", "back": "//evil.example/"},
        follow_redirects=False,
    )
    assert away.headers["location"] == "/queue"


def test_a_token_is_required_when_one_is_set(db: Path) -> None:
    app = create_app(db, token="s3cret-token")
    anonymous = browser_of(app)
    assert anonymous.get("/queue").status_code == 401
    assert anonymous.get("/static/review.js").status_code == 401
    assert anonymous.get("/queue", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert anonymous.get("/queue", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    browser = browser_of(app)
    first = browser.get("/queue?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and "token" not in first.headers["location"]
    assert browser.get("/queue").status_code == 200  # the cookie carries it from now on


def test_unknown_host_names_are_refused(db: Path) -> None:
    rebound = TestClient(create_app(db), base_url="http://attacker.example")
    assert rebound.get("/queue").status_code == 400


def test_whatever_the_store_holds_is_escaped(client: TestClient, db: Path) -> None:
    _, pair = form_values(client.get("/queue").text)
    with open_store(db) as store:
        a, b = store.db.execute("SELECT a, b FROM divergences WHERE id = ?", [pair]).fetchone()
        hostile = ' "><script>alert(1)</script><img src=x onerror=alert(2)>'
        store.db.execute("UPDATE claims SET text = text || ?, source = ? WHERE id = ?", [hostile, "<b>x</b>", a])
        store.db.execute(
            "UPDATE articles SET url = 'javascript:alert(3)', title = '<iframe src=x>' WHERE id = "
            "(SELECT article_id FROM claims WHERE id = ?)",
            [a],
        )
        store.db.execute("UPDATE events SET label = '<script>alert(4)</script>'")
        store.db.conn.commit()
        review.record_verdict(store, pair, "needs-context", reviewer="<img src=x onerror=alert(5)>", note="<script>")
    for path in (f"/pairs/{pair}", "/events", f"/events/{store_event(db, pair)}"):
        html = client.get(path).text
        assert sorted(live_markup(html)) == ["link", "link", "script"], path  # our stylesheets and script only
        assert '<script src="/static/review.js"' in html and '<link rel="stylesheet" href="/static/review.css">' in html
        assert '<link rel="stylesheet" href="/countries.css">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/pairs/{pair}").text


def store_event(db: Path, pair: str) -> str:
    with open_store(db, readonly=True) as store:
        return store.db.execute("SELECT event_id FROM divergences WHERE id = ?", [pair]).fetchone()[0]


def test_two_reviewers_posting_at_once_lose_nothing(db: Path) -> None:
    app = create_app(db)
    with open_store(db, readonly=True) as store:
        pairs = review.queue(store, limit=5)

    def reviewer(name: str, errors: list) -> None:
        browser = browser_of(app)
        csrf, _ = form_values(browser.get("/queue").text)
        for i in range(20):  # each round a new verdict on each pair (the same one again would be a retry)
            answer = browser.post(
                f"/pairs/{pairs[i % len(pairs)]}/verdict",
                data={"verdict": review.VERDICTS[i // len(pairs) % 5], "csrf": csrf, "reviewer": name},
                follow_redirects=False,
            )
            if answer.status_code != 303:
                errors.append(answer.text)

    errors: list[str] = []
    threads = [threading.Thread(target=reviewer, args=(name, errors)) for name in ("Ana", "Bo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    by_reviewer = [r for _, _, r in stored(db)]
    assert by_reviewer.count("Ana") == 20 and by_reviewer.count("Bo") == 20


# --- names in any script, retries, bounds, hosts, a busy store ---------------------


def post_verdict(browser: TestClient, verdict: str, reviewer: str, pair: str | None = None):
    csrf, top = form_values(browser.get("/queue").text)
    return browser.post(
        f"/pairs/{pair or top}/verdict",
        data={"verdict": verdict, "csrf": csrf, "reviewer": reviewer},
        follow_redirects=False,
    )


def test_reviewers_named_in_any_script_post_and_are_shown(db: Path) -> None:
    app = create_app(db)
    lukasz, olena = browser_of(app), browser_of(app)
    first = post_verdict(lukasz, "divergent", "Łukasz")
    assert first.status_code == 303 and "%C5%81ukasz" in first.headers["set-cookie"]
    [(pair, _, _)] = stored(db)
    assert post_verdict(olena, "consistent", "Олена", pair).status_code == 303
    assert 'id="reviewer" value="Łukasz"' in lukasz.get("/queue").text  # the cookie brings the name back
    assert 'id="reviewer" value="Олена"' in olena.get("/queue").text
    history = lukasz.get(f"/pairs/{pair}").text
    assert "· Łukasz: <b>divergent</b>" in history and "· Олена: <b>consistent</b>" in history
    assert "Олена" in lukasz.get(f"/events/{store_event(db, pair)}").text
    with open_store(db, readonly=True) as store:
        exported = [
            json.loads(line)["reviewer"] for line in render_verdicts(store, "jsonl", include_history=True).splitlines()
        ]
    assert exported == ["Łukasz", "Олена"]


def test_a_retried_post_stores_one_verdict(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    data = {"verdict": "divergent", "csrf": csrf, "reviewer": "Олена", "note": "двa источника"}
    answers = [client.post(f"/pairs/{pair}/verdict", data=data, follow_redirects=False) for _ in range(3)]
    assert [a.status_code for a in answers] == [303, 303, 303] and stored(db) == [(pair, "divergent", "Олена")]


def test_a_retried_undo_takes_back_one_verdict(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    for verdict in ("divergent", "unrelated"):
        client.post(f"/pairs/{pair}/verdict", data={"verdict": verdict, "csrf": csrf, "reviewer": "Ana"})
    undo_id = re.search(r'name="verdict" value="(\d+)"', client.get(f"/pairs/{pair}").text).group(1)
    for _ in range(2):
        answer = client.post(f"/pairs/{pair}/undo", data={"csrf": csrf, "reviewer": "Ana", "verdict": undo_id})
        assert answer.status_code == 200
    with open_store(db, readonly=True) as store:
        assert review.current_verdict(store, pair).verdict == "divergent"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/queue?skip=" + "9" * 40, 200),
        ("/queue?skip=-3", 200),
        ("/queue?skip=99999999999999999999&kind=denial&side=RU", 200),
        ("/queue?skip=many", 422),
        ("/queue?skip=" + "9" * 5000, 422),
    ],
)
def test_numeric_query_parameters_never_fail_the_server(client: TestClient, path: str, status: int) -> None:
    answer = client.get(path)
    assert answer.status_code == status
    if status == 200 and "9" * 40 in path:
        assert 'id="empty"' in answer.text and "Back to the first skipped pair" in answer.text


@pytest.mark.parametrize("value", ["0", "-1", str(2**64), "x"])
def test_an_undo_of_a_verdict_id_out_of_range_is_refused(client: TestClient, db: Path, value: str) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    client.post(f"/pairs/{pair}/verdict", data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana"})
    answer = client.post(f"/pairs/{pair}/undo", data={"csrf": csrf, "reviewer": "Ana", "verdict": value})
    assert answer.status_code == 422
    with open_store(db, readonly=True) as store:
        assert review.current_verdict(store, pair).verdict == "divergent"


@pytest.mark.parametrize(
    ("base", "any_host", "status"),
    [
        ("http://127.0.0.2:8765", False, 200),
        ("http://127.255.0.9", False, 200),
        ("http://localhost:8765", False, 200),
        ("http://[::1]:8765", False, 200),
        ("http://128.0.0.1", False, 400),
        ("http://localhost.attacker.example", False, 400),
        ("http://review.newsroom.example", True, 200),
    ],
)
def test_loopback_addresses_are_answered_and_other_names_refused(db: Path, base: str, any_host: bool, status: int):
    client = TestClient(create_app(db, any_host=any_host), base_url=base)
    assert client.get("/queue").status_code == status


def test_serve_listens_on_any_loopback_address(db: Path) -> None:
    import subprocess
    import sys
    import urllib.request

    server = subprocess.Popen(
        [sys.executable, "-m", "crosscheck.cli", "serve", "--db", str(db), "--host", "127.0.0.2", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = re.search(r"on (http://127\.0\.0\.2:\d+/)", server.stderr.readline()).group(1)
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(f"{url}queue", timeout=30) as answer:
            assert answer.status == 200 and b'class="version' in answer.read()
    finally:
        server.terminate()
        server.wait(30)


def test_serve_refuses_at_start_what_it_could_not_serve(db: Path) -> None:
    import socket

    from tests.test_cli import crosscheck

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = crosscheck("serve", "--db", str(db), "--port", port)
    assert busy.returncode == 2 and f"port {port}" in busy.stderr and len(busy.stderr.splitlines()) == 1
    spaced = crosscheck("serve", "--db", str(db), "--host", "0.0.0.0", "--token", "two words")
    assert spaced.returncode == 2 and "--token" in spaced.stderr
    assert crosscheck("serve", "--db", str(db), "--port", "70000").returncode == 2


def test_a_verdict_posted_while_another_process_writes_waits_and_is_stored(client: TestClient, db: Path) -> None:
    import sqlite3
    import time

    csrf, pair = form_values(client.get("/queue").text)
    blocker = sqlite3.connect(db, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # an ingest or a check holding the write lock
    release = threading.Timer(1.0, blocker.rollback)
    release.start()
    started = time.monotonic()
    try:
        answer = client.post(
            f"/pairs/{pair}/verdict",
            data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana"},
            follow_redirects=False,
        )
    finally:
        release.join()
        blocker.close()
    assert answer.status_code == 303 and time.monotonic() - started >= 0.9
    assert stored(db) == [(pair, "divergent", "Ana")]


def test_a_store_locked_for_too_long_is_a_503_and_stores_nothing(client: TestClient, db: Path, monkeypatch) -> None:
    import sqlite3

    from crosscheck import store as store_module

    csrf, pair = form_values(client.get("/queue").text)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        answer = client.post(f"/pairs/{pair}/verdict", data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana"})
    finally:
        blocker.rollback()
        blocker.close()
    assert answer.status_code == 503 and "locked" in answer.text
    assert stored(db) == []


@pytest.fixture
def seeded_location(location):
    from tests.test_review import seed_pairs

    with open_store(location) as store:
        seed_pairs(store)
    return location


def test_the_app_on_both_backends(seeded_location) -> None:
    browser = browser_of(create_app(seeded_location))
    assert post_verdict(browser, "divergent", "Олена").status_code == 303
    assert post_verdict(browser, "divergent", "Олена", "dv-first").status_code == 303  # a retry
    page = browser.get("/pairs/dv-first").text
    assert "· Олена: <b>divergent</b>" in page and 'id="reviewer" value="Олена"' in page
    assert 'id="reviewed">1<' in browser.get("/queue").text and "Talks on prisoners" in browser.get("/events").text
    with open_store(seeded_location, readonly=True) as store:
        assert [v.reviewer for v in review.history(store, "dv-first")] == ["Олена"]


def test_each_country_has_one_colour_from_the_apps_own_stylesheet(client: TestClient, db: Path) -> None:
    from crosscheck.display import PALETTE

    css = client.get("/countries.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    rules = dict(re.findall(r'\.version\[data-side="([A-Z]{2})"\][^{]*\{--side:(#[0-9A-F]{6})\}', css.text))
    with open_store(db, readonly=True) as store:
        assert sorted(rules) == store.claim_sides()
    assert len(set(rules.values())) == min(len(rules), len(PALETTE))
    page = client.get("/queue").text
    assert 'href="/countries.css"' in page and "style=" not in page  # no inline style: the CSP forbids it
    assert re.search(r'class="version" data-side="[A-Z]{2}"', page)
