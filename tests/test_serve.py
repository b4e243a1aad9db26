"""`crosscheck serve` through its test client: every route, CSRF and token
refusals, the Host check, escaping of whatever the store holds, and two
reviewers posting at once."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck import review
from crosscheck.serve import create_app
from crosscheck.store import Store
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
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    pair = re.search(r'data-pair="([^"]+)"', html).group(1)
    return csrf, pair


def stored(db: Path) -> list[tuple[str, str, str]]:
    with Store.open(db, readonly=True) as store:
        return store.db.execute("SELECT pair_id, verdict, reviewer FROM verdicts ORDER BY id").fetchall()


def test_queue_shows_the_top_pair_side_by_side_and_a_verdict_moves_on(client: TestClient, db: Path) -> None:
    page = client.get("/queue")
    assert page.status_code == 200 and page.headers["content-security-policy"].startswith("default-src 'none'")
    csrf, pair = form_values(page.text)
    with Store.open(db, readonly=True) as store:
        assert pair == review.queue(store)[0]
        total = len(store.divergences())
    assert page.text.count('class="version') == 2 and f'id="left">{total}<' in page.text
    done = client.post(
        f"/pairs/{pair}/verdict",
        data={"verdict": "divergent", "csrf": csrf, "reviewer": "Ana", "note": "n", "back": "/queue?kind=denial"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/queue?kind=denial"
    assert stored(db) == [(pair, "divergent", "Ana")]
    following = client.get("/queue")
    assert form_values(following.text)[1] != pair and 'id="reviewed">1<' in following.text


def test_every_route_answers(client: TestClient, db: Path) -> None:
    _, pair = form_values(client.get("/queue").text)
    with Store.open(db, readonly=True) as store:
        event = store.divergences()[0].event_id
    assert client.get("/", follow_redirects=False).headers["location"] == "/queue"
    for path in ("/queue?kind=emphasis&skip=1", f"/pairs/{pair}", "/events", f"/events/{event}", "/static/review.js"):
        assert client.get(path).status_code == 200, path
    assert client.get("/pairs/dv-nothing").status_code == 404
    assert client.get("/events/ev-nothing").status_code == 404
    empty = client.get("/queue?side=ZZ")
    assert empty.status_code == 200 and 'id="empty"' in empty.text


def test_undo_restores_the_previous_state(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    client.post(f"/pairs/{pair}/verdict", data={"verdict": "unrelated", "csrf": csrf, "reviewer": "Ana"})
    assert "undo" in client.get(f"/pairs/{pair}").text
    done = client.post(f"/pairs/{pair}/undo", data={"csrf": csrf, "reviewer": "Ana"}, follow_redirects=False)
    assert done.status_code == 303
    with Store.open(db, readonly=True) as store:
        assert review.current_verdict(store, pair) is None and len(review.history(store, pair)) == 1


def test_posts_without_the_csrf_token_are_refused(client: TestClient, db: Path) -> None:
    csrf, pair = form_values(client.get("/queue").text)
    for data in (
        {"verdict": "divergent", "reviewer": "Ana"},
        {"verdict": "divergent", "reviewer": "Ana", "csrf": "0" * 64},
    ):
        assert client.post(f"/pairs/{pair}/verdict", data=data).status_code == 403
    assert client.post(f"/pairs/{pair}/undo", data={"reviewer": "Ana"}).status_code == 403
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
    with Store.open(db) as store:
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
        assert sorted(live_markup(html)) == ["link", "script"], path  # our stylesheet and script, nothing else
        assert '<script src="/static/review.js"' in html and '<link rel="stylesheet" href="/static/review.css">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/pairs/{pair}").text


def store_event(db: Path, pair: str) -> str:
    with Store.open(db, readonly=True) as store:
        return store.db.execute("SELECT event_id FROM divergences WHERE id = ?", [pair]).fetchone()[0]


def test_two_reviewers_posting_at_once_lose_nothing(db: Path) -> None:
    app = create_app(db)
    with Store.open(db, readonly=True) as store:
        pairs = review.queue(store, limit=5)

    def reviewer(name: str, errors: list) -> None:
        browser = browser_of(app)
        csrf, _ = form_values(browser.get("/queue").text)
        for i in range(20):
            answer = browser.post(
                f"/pairs/{pairs[i % len(pairs)]}/verdict",
                data={"verdict": review.VERDICTS[i % 5], "csrf": csrf, "reviewer": name},
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
