"""`crosscheck serve`: the review queue as a small local web app (FastAPI,
Jinja2 with autoescape on, no third-party script).

Security: every POST carries a CSRF token (an HMAC of a per-browser cookie
under a per-process secret); on loopback only loopback host names and
addresses are answered (no DNS rebinding of a loopback app); with a token,
every request must present it (header, cookie, or once in the query string,
which sets the cookie). Pages forbid inline script and every fetch outside
the app. Reviewers' names may be in any script: cookies carry them
percent-encoded (a header is Latin-1).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, unquote, urlencode

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from crosscheck import review
from crosscheck.actors import country_names
from crosscheck.display import (
    SPEECH_WORDS,
    country_colours,
    evidence_sentence,
    outlet_of,
    speaker,
    title_of,
    written_day,
)
from crosscheck.errors import CrosscheckError, StoreError, UsageError
from crosscheck.models import DIVERGENCE_KINDS, LEGACY_KINDS, QueueFilters
from crosscheck.report import slots
from crosscheck.store_review import MAX_ROWS
from crosscheck.stores import open_store, store_exists

CSRF_COOKIE = "crosscheck_csrf"
TOKEN_COOKIE = "crosscheck_token"
REVIEWER_COOKIE = "crosscheck_reviewer"
LAST_COOKIE = "crosscheck_last"  # the point (or pair) this browser gave its last verdict on, for the undo bar
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
TOKEN_CHARACTERS = re.compile(r"[!-~]+")  # printable ASCII: it travels in headers and cookies


@dataclass(frozen=True)
class Settings:
    db: Path | str
    token: str | None = None
    reviewer: str = ""
    secret: bytes = b""
    any_host: bool = False


def is_loopback(host: str) -> bool:
    """A name or address that only this machine reaches: localhost, 127.0.0.0/8, ::1."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a Host header: `127.0.0.2:8765` → `127.0.0.2`, `[::1]:8765` → `::1`."""
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


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
        KINDS=DIVERGENCE_KINDS,
        KIND_WORDS=review.KIND_WORDS,
        point_evidence=review.point_evidence,
        country=lambda code: country_names().get(code or "", code or "no side"),
        chain=review.chain_text,
        speaker=speaker,
        evidence_sentence=evidence_sentence,
        SPEECH_WORDS=SPEECH_WORDS,
        outlet_of=outlet_of,
        title_of=title_of,
    )
    env.filters["web_url"] = web_url
    env.filters["label"] = readable_label
    return env


def web_url(url: str | None) -> str:
    """An article's address, if it is a web one (never javascript: or data:)."""
    return url if url and url.lower().startswith(("https://", "http://")) else ""


def create_app(db: Path | str, *, token: str | None = None, reviewer: str = "", any_host: bool = False) -> FastAPI:
    """The review app. Without `any_host`, only loopback host names are answered."""
    settings = Settings(db=db, token=token, reviewer=reviewer, secret=secrets.token_bytes(32), any_host=any_host)
    env = templates()
    app = FastAPI(title="crosscheck review", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if not settings.any_host and not is_loopback(host_name(request.headers.get("host", ""))):
            response = PlainTextResponse("400: invalid host header", status_code=400)
        elif settings.token and not presents_token(request, settings.token):
            response = PlainTextResponse("401: this review server needs its token", status_code=401)
        elif settings.token and request.query_params.get("token"):
            response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
            response.set_cookie(TOKEN_COOKIE, quote(settings.token, safe=""), httponly=True, samesite="strict")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, error: StoreError) -> Response:
        return PlainTextResponse(f"503: {error}", status_code=503)

    @app.exception_handler(CrosscheckError)
    async def refused(request: Request, error: CrosscheckError) -> Response:
        return PlainTextResponse(f"400: {error}", status_code=400)

    app.mount("/static", StaticFiles(packages=[("crosscheck", "templates/serve/static")]), name="static")

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        browser_id = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        context |= {
            "csrf": csrf_token(settings.secret, browser_id),
            "reviewer": unquote(request.cookies.get(REVIEWER_COOKIE, "")) or settings.reviewer,
        }
        response = HTMLResponse(env.get_template(template).render(**context), status_code=status)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, browser_id, httponly=True, samesite="strict")
        return response

    def refuse_forgery(request: Request, csrf: str) -> Response | None:
        browser_id = request.cookies.get(CSRF_COOKIE, "")
        if not browser_id or not hmac.compare_digest(csrf.encode(), csrf_token(settings.secret, browser_id).encode()):
            return PlainTextResponse("403: missing or wrong CSRF token; reload the page", status_code=403)
        return None

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/countries.css")
    def countries_css() -> Response:
        """One colour per country of the store, as the report gives them (no inline style: the CSP forbids it)."""
        with open_store(settings.db, readonly=True) as store:
            colours = country_colours(code for code in store.claim_sides() if re.fullmatch(r"[A-Za-z0-9-]+", code))
        rules = "".join(
            f'.version[data-side="{code}"],.side[data-side="{code}"]{{--side:{colour}}}\n'
            for code, colour in colours.items()
        )
        return Response(rules, media_type="text/css")

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)  # no icon, and no 404 in the browser's console

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, event: str = "", side: str = "", kind: str = "", skip: int = 0) -> HTMLResponse:
        kind = LEGACY_KINDS.get(kind, kind)  # "emphasis" is framing's former name
        filters = QueueFilters(event=event or None, side=side or None, kind=kind or None)
        with open_store(settings.db, readonly=True) as store:
            progress = review.point_progress(store, filters)
            skip = min(max(skip, 0), progress.left)  # past the last point: nothing left to show
            ids = review.point_queue(store, filters, limit=1, offset=skip)
            return page(
                request,
                "queue.html.j2",
                point=review.point_in_context(store, ids[0]) if ids else None,
                progress=progress,
                filters=filters,
                query=query_string(filters),
                skip=skip,
                events=store.flagged_event_labels(),
                sides=store.claim_sides(),
                last=last_given(store, unquote(request.cookies.get(LAST_COOKIE, ""))),
            )

    @app.get("/points/{item}", response_class=HTMLResponse)
    def point_page(request: Request, item: str) -> HTMLResponse:
        with open_store(settings.db, readonly=True) as store:
            point = review.point_in_context(store, item)
            if point is None:
                return page(request, "missing.html.j2", status=404, what=f"point {item}")
            back = f"/points/{quote(item, safe='')}"
            return page(request, "point.html.j2", point=point, last=last_given(store, item), undo_back=back)

    @app.post("/points/{item}/verdict")
    def give_point_verdict(
        request: Request,
        item: str,
        verdict: str = Form(...),
        csrf: str = Form(""),
        note: str = Form(""),
        reviewer: str = Form(""),
        back: str = Form(""),
    ) -> Response:
        if refused := refuse_forgery(request, csrf):
            return refused
        with open_store(settings.db) as store:
            given = review.record_point_verdict(store, item, verdict, reviewer=reviewer, note=note)
        response = RedirectResponse(safe_back(back), status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(given[0].reviewer, safe=""), httponly=True, samesite="strict")
        response.set_cookie(LAST_COOKIE, quote(item, safe=""), httponly=True, samesite="strict")
        return response

    @app.post("/points/{item}/undo")
    def undo_point(
        request: Request,
        item: str,
        csrf: str = Form(""),
        reviewer: str = Form(""),
        batch: Annotated[int | None, Form(ge=1, le=MAX_ROWS)] = None,
        back: str = Form(""),
    ) -> Response:
        if refused := refuse_forgery(request, csrf):
            return refused
        if batch is None:
            raise UsageError("undo needs the verdict it takes back (batch)")
        with open_store(settings.db) as store:
            review.undo_point_verdict(store, batch, reviewer=reviewer or settings.reviewer or "unknown")
        response = RedirectResponse(safe_back(back or f"/points/{quote(item, safe='')}"), status_code=303)
        response.delete_cookie(LAST_COOKIE)
        return response

    @app.get("/pairs/{pair_id}", response_class=HTMLResponse)
    def pair_page(request: Request, pair_id: str) -> HTMLResponse:
        with open_store(settings.db, readonly=True) as store:
            pair = in_side_order(review.pair_in_context(store, pair_id))
            if pair is None:
                return page(request, "missing.html.j2", status=404, what=f"flagged pair {pair_id}")
            return page(request, "pair.html.j2", pair=pair, marked=marked(pair), filters=QueueFilters(), query="")

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
        with open_store(settings.db) as store:
            given = review.record_verdict(store, pair_id, verdict, reviewer=reviewer, note=note)
        response = RedirectResponse(safe_back(back), status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(given.reviewer, safe=""), httponly=True, samesite="strict")
        response.set_cookie(LAST_COOKIE, quote(pair_id, safe=""), httponly=True, samesite="strict")
        return response

    @app.post("/pairs/{pair_id}/undo")
    def undo(
        request: Request,
        pair_id: str,
        csrf: str = Form(""),
        reviewer: str = Form(""),
        verdict_id: Annotated[int | None, Form(alias="verdict", ge=1, le=MAX_ROWS)] = None,
        back: str = Form(""),
    ) -> Response:
        if refused := refuse_forgery(request, csrf):
            return refused
        with open_store(settings.db) as store:
            review.undo_verdict(
                store, pair_id, reviewer=reviewer or settings.reviewer or "unknown", verdict_id=verdict_id
            )
        response = RedirectResponse(safe_back(back or f"/pairs/{quote(pair_id, safe='')}"), status_code=303)
        response.delete_cookie(LAST_COOKIE)
        return response

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        with open_store(settings.db, readonly=True) as store:
            return page(request, "events.html.j2", events=review.events_to_review(store))

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        with open_store(settings.db, readonly=True) as store:
            label = store.event_label(event_id)
            if label is None:
                return page(request, "missing.html.j2", status=404, what=f"event {event_id}")
            filters = QueueFilters(event=event_id)
            return page(
                request,
                "event.html.j2",
                event_id=event_id,
                label=label,
                pairs=review.event_pair_summaries(store, event_id),
                progress=review.point_progress(store, filters),
                query=query_string(filters),
            )

    return app


def in_side_order(pair: review.PairInContext | None) -> review.PairInContext | None:
    """The pair with its versions in country-code order, as the report shows them."""
    if pair is None or (pair.a.claim.side or "~") <= (pair.b.claim.side or "~"):
        return pair
    return replace(pair, a=pair.b, b=pair.a)


def readable_label(label: str) -> str:
    """An event label with its trailing ISO date written as people write it."""
    head, comma, day = label.rpartition(", ")
    if comma and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?|--\d{2}(?:-\d{2})?", day):
        return f"{head}, {written_day(day)}"
    return label


@dataclass(frozen=True)
class LastGiven:
    """The verdict this browser gave last on a point, for the undo bar."""

    item: str
    title: str
    verdict: str
    reviewer: str
    batch: int
    pairs: int


def last_given(store, item: str) -> LastGiven | None:
    """The latest verdict given on a point as one batch, while it is still current (the undo bar)."""
    batch = store.last_batch(item) if item else []
    if not batch or batch[0].batch is None:
        return None
    point = store.point(item)
    title = (point.topic if point else "") or review.KIND_WORDS.get(point.kind.value if point else "", item)
    first = batch[0]
    return LastGiven(item, title, first.verdict, first.reviewer, first.batch, len(batch))


def presents_token(request: Request, token: str) -> bool:
    offered = [
        request.headers.get("authorization", "").removeprefix("Bearer ").strip(),
        unquote(request.cookies.get(TOKEN_COOKIE, "")),
        request.query_params.get("token", ""),
    ]
    return any(o and hmac.compare_digest(o.encode(), token.encode()) for o in offered)


def csrf_token(secret: bytes, browser_id: str) -> str:
    return hmac.new(secret, browser_id.encode(), hashlib.sha256).hexdigest()


def safe_back(back: str) -> str:
    """Only a path of this app: never an open redirect."""
    return back if back.startswith("/") and not back.startswith("//") and "\\" not in back else "/queue"


def query_string(filters: QueueFilters) -> str:
    values = {"event": filters.event, "side": filters.side, "kind": filters.kind}
    return urlencode({k: v for k, v in values.items() if v})


def marked(pair: review.PairInContext | None):
    if pair is None:
        return None
    a, b = pair.a.claim.text, pair.b.claim.text
    return slots(a, b, pair.divergence), slots(b, a, pair.divergence)


def check_listening(host: str, token: str | None) -> None:
    """Refuse what the app could not then serve safely: a host other machines
    reach without a token, a token that cannot travel in a header."""
    if token is not None and not TOKEN_CHARACTERS.fullmatch(token):
        raise UsageError("--token must be printable ASCII without spaces")
    if not is_loopback(host) and not token:
        raise UsageError(f"--host {host} is reachable from other machines: give --token too")


def listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that a bad address or a port in use is one clear line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as error:
        raise UsageError(f"--host {host}: not an address to listen on ({error})") from error
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
        listener.listen(128)  # connections wait in the backlog until the server accepts them
    except OSError as error:
        listener.close()
        raise UsageError(f"cannot listen on {host} port {port}: {error.strerror or error}") from error
    return listener


def serve(
    db: Path | str, host: str, port: int, token: str | None, reviewer: str, announce: Callable[[str], None] = print
) -> None:
    """Serve the review app until interrupted; `announce` gets its address once it listens."""
    import uvicorn

    check_listening(host, token)
    if not store_exists(db):
        raise CrosscheckError(f"{db}: no such store")
    with open_store(db):
        pass  # brings an older store's schema up to date before the read-only pages open it
    listener = listening_socket(host, port)
    app = create_app(db, token=token, reviewer=reviewer, any_host=not is_loopback(host))
    address, bound_port = listener.getsockname()[:2]
    announce(f"http://{f'[{address}]' if ':' in address else address}:{bound_port}/")
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])
