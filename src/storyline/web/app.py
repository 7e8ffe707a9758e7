"""The Starlette application: routes for the pages and the JSON API over a read-only store."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.model import Story
from storyline.report.data import ReportIndex, report_data
from storyline.report.markup import el
from storyline.store.tables import to_json_row
from storyline.web import api, layout, pages, queries, views
from storyline.web.results import search_page as results_page
from storyline.web.search import MAX_QUERY_CHARS, QueryError, Results, search

# Nothing from elsewhere, no script at all, no framing. Styles come from this server, plus
# the style attributes the report's builder writes (the width of a confidence meter); a
# style cannot run script, and with nothing loadable from elsewhere it cannot send data out.
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_URL_CHARS = 4096  # longer URLs are no request this app makes
ASSETS = {  # name -> (package, file); a fixed table, so no URL can name another file
    "report.css": ("storyline.report", "report.css"),
    "web.css": ("storyline.web", "web.css"),
}


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or scope["path"].encode()
        if len(raw) + len(scope.get("query_string", b"")) > MAX_URL_CHARS:
            response = Response("URL too long", status_code=414, media_type="text/plain")
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        return sender


class Connections:
    """One read-only connection per worker thread: sqlite3 objects stay on their thread."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.local = threading.local()
        queries.open_readonly(db_path).close()  # fail at start, not on the first request

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Yield the thread's connection inside one read transaction: a consistent view."""
        db = getattr(self.local, "db", None)
        if db is None:
            db = self.local.db = queries.open_readonly(self.db_path)
            db.isolation_level = None
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")


def _html(title: str, body: object, *, query: str = "", status: int = 200) -> HTMLResponse:
    return HTMLResponse(layout.layout(title, body, query=query), status_code=status)


def _param(request: Request, name: str) -> str:
    value = request.query_params.get(name, "")
    if len(value) > MAX_QUERY_CHARS or "\x00" in value:
        raise views.BadRequestError(f"the {name} parameter is too long or holds a NUL character")
    return value


def create_app(db_path: Path, *, allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS) -> Starlette:
    """Return the web app over the store at `db_path`, which it only ever reads."""
    connections = Connections(db_path)

    def page(handler: Callable[[sqlite3.Connection, Request], Response]) -> Callable[..., Any]:
        def endpoint(request: Request) -> Response:
            with connections.snapshot() as db:
                return handler(db, request)

        return endpoint

    def home(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        lines, events = views.home(db, offset)
        body = pages.home_page(lines, events, views.store_counts(db))
        more = layout.pager("/", {}, views.next_cursor(offset, len(lines)))
        return _html("Storylines", [body, more])

    def storyline(db: sqlite3.Connection, request: Request) -> Response:
        view = views.storyline(db, request.path_params["id"])
        body = pages.storyline_page(view.index, view.story, view.shown, view.events)
        listed = _article_list(db, view.story, request)
        return _html(view.story.title, [body, listed])

    def _article_list(db: sqlite3.Connection, story: Story, request: Request) -> object:
        offset = views.decode_cursor(_param(request, "cursor"))
        chunk = story.articles[offset : offset + views.PAGE_SIZE]
        heads = {a.id: a for a in queries.article_heads(db, chunk)}
        ordered = [heads[i] for i in chunk if i in heads]
        path = layout.web_href("s" if story.level == "storyline" else "e", story.id) or "/"
        return [
            el("h2", None, "Every article"),
            layout.article_items(ordered),
            layout.pager(path, {}, views.next_cursor(offset, len(chunk))),
        ]

    def event(db: sqlite3.Connection, request: Request) -> Response:
        found, parent, index = views.event(db, request.path_params["id"])
        return _html(found.title, pages.event_page(index, found, parent))

    def article(db: sqlite3.Connection, request: Request) -> Response:
        found, index, stories, entities = views.article(db, request.path_params["id"])
        return _html(found.title or "article", pages.article_page(index, found, stories, entities))

    def entity(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        found, quotes, articles, total, index = views.entity(db, request.path_params["id"], offset)
        more = views.next_cursor(offset, max(len(quotes), len(articles)))
        return _html(found.name, pages.entity_page(index, found, quotes, articles, total, more))

    def source(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        name = request.path_params["name"].strip()
        info = views.source(db, name, offset)
        body = pages.source_page(
            name,
            info["articles"],
            info["total"],
            info["copies"],
            info["copied"],
            info["trust"],
            info["next_cursor"],
        )
        return _html(name or "(no source)", body)

    def quote(db: sqlite3.Connection, request: Request) -> Response:
        group, index = views.quote(db, request.path_params["group"])
        return _html("quotation", pages.quote_page(index, group))

    def search_page(db: sqlite3.Connection, request: Request) -> Response:
        query = _param(request, "q")
        if not query.strip():
            return _html("Search", layout.message_page("Search", "Type words to search for."))
        try:
            results = search(db, query)
        except QueryError as err:
            body = layout.message_page("Search", str(err))
            return _html("Search", body, query=query, status=400)
        return _html(f"Search: {query}", _results_body(db, results), query=query)

    def _results_body(db: sqlite3.Connection, results: Results) -> object:
        story_ids = {s for ids in results.storylines.values() for s in ids}
        stories = queries.stories_by_id(db, story_ids)
        heads = queries.article_heads(db, {q.article for q in results.quotes})
        index = ReportIndex.of(report_data(heads, title=""), link_to=layout.web_href)
        return results_page(results, stories, index)

    # -- JSON ----------------------------------------------------------------------------------

    def api_storylines(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        lines, events = views.home(db, offset)
        items = [
            {**api.story_json(s), "events": [api.story_json(e) for e in events.get(s.id, [])]}
            for s in lines
        ]
        return JSONResponse(api.page_json(items, views.next_cursor(offset, len(lines))))

    def api_storyline(db: sqlite3.Connection, request: Request) -> Response:
        view = views.storyline(db, request.path_params["id"])
        timeline = view.index.timeline.get(view.story.id, [])
        return JSONResponse(
            {
                **api.story_json(view.story),
                "events": [api.story_json(e) for e in view.events],
                "timeline": [to_json_row(t) for t in timeline],
            }
        )

    def api_event(db: sqlite3.Connection, request: Request) -> Response:
        found, parent, _ = views.event(db, request.path_params["id"])
        return JSONResponse({**api.story_json(found), "storyline": parent and parent.id})

    def api_article(db: sqlite3.Connection, request: Request) -> Response:
        found, index, stories, entities = views.article(db, request.path_params["id"])
        links = index.links.get(found.id, [])
        return JSONResponse(
            {
                **api.article_json(found, with_text=True),
                "stories": [s.id for s in stories],
                "entities": [e.id for e in entities],
                "quotes": [to_json_row(q) for q in index.quotes.get(found.id, [])],
                "dates": [to_json_row(d) for d in index.dates.get(found.id, [])],
                "links": [to_json_row(k) for k in links],
            }
        )

    def api_entity(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        found, quotes, articles, total, _ = views.entity(db, request.path_params["id"], offset)
        more = views.next_cursor(offset, max(len(quotes), len(articles)))
        return JSONResponse(
            {
                **to_json_row(replace(found, articles=())),
                "article_count": len(found.articles),
                "quote_count": total,
                "quotes": [to_json_row(q) for q in quotes],
                "articles": [api.article_json(a) for a in articles],
                "next_cursor": more,
            }
        )

    def api_source(db: sqlite3.Connection, request: Request) -> Response:
        offset = views.decode_cursor(_param(request, "cursor"))
        info = views.source(db, request.path_params["name"].strip(), offset)
        info["articles"] = [api.article_json(a) for a in info["articles"]]
        info["trust"] = dict(info["trust"])
        return JSONResponse(info)

    def api_quote(db: sqlite3.Connection, request: Request) -> Response:
        group, _ = views.quote(db, request.path_params["group"])
        return JSONResponse({"group": group[0].group, "quotes": [to_json_row(q) for q in group]})

    def api_search(db: sqlite3.Connection, request: Request) -> Response:
        try:
            results = search(db, _param(request, "q"))
        except QueryError as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        return JSONResponse(api.results_json(results))

    def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            raise HTTPException(404, f"no asset named {name!r}")
        package, file = ASSETS[name]
        css = (resources.files(package) / file).read_text("utf-8")
        return Response(css, media_type="text/css", headers={"cache-control": "max-age=3600"})

    routes = [
        Route("/", page(home)),
        Route("/storyline/{id:path}", page(storyline)),
        Route("/event/{id:path}", page(event)),
        Route("/article/{id:path}", page(article)),
        Route("/entity/{id:path}", page(entity)),
        Route("/source/{name:path}", page(source)),
        Route("/quote/{group:path}", page(quote)),
        Route("/search", page(search_page)),
        Route("/api/storylines", page(api_storylines)),
        Route("/api/storyline/{id:path}", page(api_storyline)),
        Route("/api/event/{id:path}", page(api_event)),
        Route("/api/article/{id:path}", page(api_article)),
        Route("/api/entity/{id:path}", page(api_entity)),
        Route("/api/source/{name:path}", page(api_source)),
        Route("/api/quote/{group:path}", page(api_quote)),
        Route("/api/search", page(api_search)),
        Route("/assets/{name}", asset),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)),
        ],
        exception_handlers={
            HTTPException: _http_error,
            views.NotFoundError: _not_found,
            views.BadRequestError: _bad_request,
            Exception: _server_error,
        },
    )


def _error(request: Request, status: int, heading: str, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return _html(heading, layout.message_page(heading, message), status=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return _error(request, 404, "Not found", "There is no page at this address.")
    if exc.status_code == 405:
        return _error(request, 405, "Not allowed", "This server only answers GET requests.")
    return _error(request, exc.status_code, "Bad request", str(exc.detail))


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, "Not found", str(exc))


async def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 400, "Bad request", str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error(request, 500, "Server error", "Something went wrong reading the store.")
