"""`crosscheck serve`: the review queue as a small local web app (FastAPI,
Jinja2 with autoescape on, no third-party script).

Security: every POST carries a CSRF token (an HMAC of a per-browser cookie
under a per-process secret); only the Host names given are answered (no DNS
rebinding of a loopback app); with a token, every request must present it
(header, cookie, or once in the query string, which sets the cookie). Pages
forbid inline script and every fetch outside the app.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware.trustedhost import TrustedHostMiddleware

from crosscheck import review
from crosscheck.actors import country_names
from crosscheck.errors import CrosscheckError
from crosscheck.report import slots
from crosscheck.store import Store, store_exists

CSRF_COOKIE = "crosscheck_csrf"
TOKEN_COOKIE = "crosscheck_token"
REVIEWER_COOKIE = "crosscheck_reviewer"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Settings:
    db: Path
    token: str | None = None
    reviewer: str = ""
    secret: bytes = b""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("crosscheck", "templates/serve"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        VERDICTS=review.VERDICTS,
        VERDICT_KEYS={verdict: key for key, verdict in review.VERDICT_KEYS.items()},
        VERDICT_HELP=review.VERDICT_HELP,
        KINDS=review.KINDS,
        country=lambda code: country_names().get(code or "", code or "no side"),
        chain=review.chain_text,
    )
    env.filters["web_url"] = web_url
    return env


def web_url(url: str | None) -> str:
    """An article's address, if it is a web one (never javascript: or data:)."""
    return url if url and url.lower().startswith(("https://", "http://")) else ""


def create_app(
    db: Path, *, token: str | None = None, reviewer: str = "", allowed_hosts: list[str] | None = None
) -> FastAPI:
    settings = Settings(db=db, token=token, reviewer=reviewer, secret=secrets.token_bytes(32))
    env = templates()
    app = FastAPI(title="crosscheck review", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or [*LOOPBACK_NAMES, "testserver"])

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if settings.token and not presents_token(request, settings.token):
            return PlainTextResponse("401: this review server needs its token", status_code=401)
        if settings.token and request.query_params.get("token"):
            response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
            response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.mount("/static", StaticFiles(packages=[("crosscheck", "templates/serve/static")]), name="static")

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        browser_id = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        context |= {
            "csrf": csrf_token(settings.secret, browser_id),
            "reviewer": request.cookies.get(REVIEWER_COOKIE) or settings.reviewer,
        }
        response = HTMLResponse(env.get_template(template).render(**context), status_code=status)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, browser_id, httponly=True, samesite="strict")
        return response

    def refuse_forgery(request: Request, csrf: str) -> Response | None:
        browser_id = request.cookies.get(CSRF_COOKIE, "")
        if not browser_id or not hmac.compare_digest(csrf, csrf_token(settings.secret, browser_id)):
            return PlainTextResponse("403: missing or wrong CSRF token; reload the page", status_code=403)
        return None

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)  # no icon, and no 404 in the browser's console

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, event: str = "", side: str = "", kind: str = "", skip: int = 0) -> HTMLResponse:
        filters = review.QueueFilters(event or None, side or None, kind or None)
        with Store.open(settings.db, readonly=True) as store:
            ids = review.queue(store, filters, limit=1, offset=max(skip, 0))
            pair = review.pair_in_context(store, ids[0]) if ids else None
            return page(
                request,
                "queue.html.j2",
                pair=pair,
                marked=marked(pair),
                progress=review.progress(store, filters),
                filters=filters,
                query=query_string(filters),
                skip=max(skip, 0),
                events=event_choices(store),
                sides=side_choices(store),
            )

    @app.get("/pairs/{pair_id}", response_class=HTMLResponse)
    def pair_page(request: Request, pair_id: str) -> HTMLResponse:
        with Store.open(settings.db, readonly=True) as store:
            pair = review.pair_in_context(store, pair_id)
            if pair is None:
                return page(request, "missing.html.j2", status=404, what=f"flagged pair {pair_id}")
            filters = review.QueueFilters()
            return page(request, "pair.html.j2", pair=pair, marked=marked(pair), filters=filters, query="")

    @app.post("/pairs/{pair_id}/verdict")
    def give_verdict(
        request: Request,
        pair_id: str,
        verdict: str = Form(...),
        csrf: str = Form(""),
        note: str = Form(""),
        reviewer: str = Form(""),
        back: str = Form(""),
    ) -> Response:
        if refused := refuse_forgery(request, csrf):
            return refused
        try:
            with Store.open(settings.db) as store:
                review.record_verdict(store, pair_id, verdict, reviewer=reviewer, note=note)
        except CrosscheckError as error:
            return PlainTextResponse(f"400: {error}", status_code=400)
        response = RedirectResponse(safe_back(back), status_code=303)
        response.set_cookie(REVIEWER_COOKIE, " ".join(reviewer.split()), httponly=True, samesite="strict")
        return response

    @app.post("/pairs/{pair_id}/undo")
    def undo(request: Request, pair_id: str, csrf: str = Form(""), reviewer: str = Form("")) -> Response:
        if refused := refuse_forgery(request, csrf):
            return refused
        try:
            with Store.open(settings.db) as store:
                review.undo_verdict(store, pair_id, reviewer=reviewer or settings.reviewer or "unknown")
        except CrosscheckError as error:
            return PlainTextResponse(f"400: {error}", status_code=400)
        return RedirectResponse(f"/pairs/{pair_id}", status_code=303)

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        with Store.open(settings.db, readonly=True) as store:
            return page(request, "events.html.j2", events=event_rows(store))

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        with Store.open(settings.db, readonly=True) as store:
            label = store.event_label(event_id)
            if label is None:
                return page(request, "missing.html.j2", status=404, what=f"event {event_id}")
            filters = review.QueueFilters(event=event_id)
            return page(
                request,
                "event.html.j2",
                event_id=event_id,
                label=label,
                pairs=review.event_pair_summaries(store, event_id),
                progress=review.progress(store, filters),
                query=query_string(filters),
            )

    return app


def presents_token(request: Request, token: str) -> bool:
    offered = [
        request.headers.get("authorization", "").removeprefix("Bearer ").strip(),
        request.cookies.get(TOKEN_COOKIE, ""),
        request.query_params.get("token", ""),
    ]
    return any(o and hmac.compare_digest(o.encode(), token.encode()) for o in offered)


def csrf_token(secret: bytes, browser_id: str) -> str:
    return hmac.new(secret, browser_id.encode(), hashlib.sha256).hexdigest()


def safe_back(back: str) -> str:
    """Only a path of this app: never an open redirect."""
    return back if back.startswith("/") and not back.startswith("//") and "\\" not in back else "/queue"


def query_string(filters: review.QueueFilters) -> str:
    values = {"event": filters.event, "side": filters.side, "kind": filters.kind}
    return urlencode({k: v for k, v in values.items() if v})


def marked(pair: review.PairInContext | None):
    if pair is None:
        return None
    a, b = pair.a.claim.text, pair.b.claim.text
    return slots(a, b, pair.divergence), slots(b, a, pair.divergence)


def event_choices(store: Store) -> list[tuple[str, str]]:
    rows = store.execute(
        "SELECT e.id, e.label FROM events e WHERE EXISTS "
        "(SELECT 1 FROM divergences d WHERE d.event_id = e.id AND d.kind != 'agreement') ORDER BY e.label"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def side_choices(store: Store) -> list[str]:
    rows = store.execute("SELECT DISTINCT side FROM claims WHERE side IS NOT NULL ORDER BY side").fetchall()
    return [r[0] for r in rows]


def event_rows(store: Store) -> list[dict]:
    """Events with flagged pairs, most divergent first, with their review progress."""
    counts = review.reviewed_per_event(store)
    rows = store.execute(
        "SELECT e.id, e.label FROM events e JOIN divergences d ON d.event_id = e.id "
        "AND d.kind != 'agreement' GROUP BY e.id ORDER BY sum(d.score) DESC, e.id"
    ).fetchall()
    return [{"id": i, "label": label, "pairs": counts[i][0], "reviewed": counts[i][1]} for i, label in rows]


def serve(db: Path, host: str, port: int, token: str | None, reviewer: str) -> None:
    import uvicorn

    if not store_exists(db):
        raise CrosscheckError(f"{db}: no such store")
    with Store.open(db):
        pass  # brings an older store's schema up to date before the read-only pages open it
    if not is_loopback(host) and not token:
        raise CrosscheckError(f"--host {host} is reachable from other machines: give --token too")
    hosts = [*LOOPBACK_NAMES] if is_loopback(host) else ["*"]
    app = create_app(db, token=token, reviewer=reviewer, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")
