"""The web desk application: ``create_app(db_path)`` builds the FastAPI app.

What it serves::

    /                      front page: latest articles, filters, search box
    /articles/{id}         one article: quotations and entities marked, who said what
    /speakers, /speakers/{key}   who is quoted; one speaker's quotations and timeline
    /entities/{key}        one entity: mentions over time, co-occurring entities, aliases
    /search?q=             full-text search over articles and quotations
    /api                   the JSON API described (the OpenAPI schema is /api/v1/openapi.json)
    /api/v1/...            the JSON API (newsdesk.web.api)
    /static/...            CSS, one script, the icon: everything local, no CDN

Errors: a page states what was wrong (404: no such page or item; 400: which
value cannot be used and why; 405: which method the address does not answer;
401/403: token wrong or ingest off); only 500 says "recorded on the server".
A page number past the last answers 404 (page 1 always answers). ``HEAD``
is answered wherever ``GET`` is, with the same headers and no body.

Security: article text is untrusted input. Templates escape everything
(Jinja2 autoescape); every response carries a strict Content-Security-Policy
(``default-src 'self'``: no inline script or style, nothing from other
hosts); request bodies over ``max_body_bytes`` get 413; any unexpected error
gets a generic 500 page or JSON (details go to the server log only). Without
an API token the database is opened read-only and ``POST /api/v1/articles``
answers 403.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk import __version__
from newsdesk.config import Settings, load_settings
from newsdesk.errors import ConfigError, StoreError
from newsdesk.store import Store
from newsdesk.lang import try_normalize_lang
from newsdesk.web.i18n import COOKIE, SWITCHER, UI, UI_LANGS, N_, negotiate

__all__ = ["CSP", "DEFAULT_MAX_BODY_BYTES", "Desk", "create_app"]

log = logging.getLogger("newsdesk.web")

HERE = Path(__file__).resolve().parent

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""The Content-Security-Policy of every response: only this origin's files, no inline script or style."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

DEFAULT_MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted (1 MB); larger ones get 413."""


class Desk:
    """What the app shares between requests: the database path, the token, templates, the ingest lock.

    Readers open their own read-only :class:`Store` per request (a Store is
    used by one thread); the one writer (``POST /api/v1/articles``) runs
    under a lock with one :class:`~newsdesk.pipeline.Pipeline`, built on the
    first ingest (models load then, once).
    """

    def __init__(self, db_path: Path, api_token: str | None, settings: Settings) -> None:
        self.db_path = db_path
        self.api_token = api_token or None
        self.settings = settings
        self.write_lock = threading.Lock()
        self._pipeline: Any = None
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    @property
    def writable(self) -> bool:
        """True when the server was started with an API token (ingest allowed)."""
        return self.api_token is not None

    def reader(self) -> Store:
        """A read-only store for one request (close it, or use it in ``with``)."""
        return Store(self.db_path, read_only=True)

    def writer(self) -> Store:
        """A writable store (only with an API token; call under :attr:`write_lock`)."""
        if not self.writable:
            raise StoreError("this server is read-only: start it with NEWSDESK_API_TOKEN set to ingest")
        return Store(self.db_path)

    def pipeline(self) -> Any:
        """The ingest pipeline, built on first use (call under :attr:`write_lock`)."""
        if self._pipeline is None:
            from newsdesk.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def token_matches(self, authorization: str | None) -> bool:
        """True when ingest is enabled and ``authorization`` is ``Bearer <the token>`` (constant-time compare)."""
        if self.api_token is None or not authorization:
            return False
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(value.strip().encode(), self.api_token.encode())

    # -- pages

    def ui(self, request: Request) -> tuple[UI, bool]:
        """The request's interface language, and whether it was chosen now (``?ui=``) and should be remembered.

        Only a usable ``?ui=`` (``en``, ``ru``, ``uk``, ``ua``) is remembered:
        ``?ui=xx`` is ignored and leaves the cookie as it is.
        """
        asked = request.query_params.get("ui")
        lang = negotiate(asked, request.cookies.get(COOKIE), request.headers.get("accept-language"))
        chosen = try_normalize_lang(asked) in UI_LANGS if asked else False
        return UI(lang), chosen and lang != request.cookies.get(COOKIE)

    def render(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """Render a page template in the request's language; remember a newly chosen language in a cookie."""
        ui, remember = self.ui(request)
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "ui"]
        switcher = [
            (code, label, f"{request.url.path}?{urlencode([*params, ('ui', code)])}", code == ui.lang)
            for code, label in SWITCHER
        ]
        html = self.templates.get_template(template).render(
            ui=ui,
            _=ui.gettext,
            ngettext=ui.ngettext,
            switcher=switcher,
            path=request.url.path,
            version=__version__,
            writable=self.writable,
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        if remember:
            response.set_cookie(COOKIE, ui.lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    def error_page(
        self, request: Request, status: int, message: str | None = None, values: dict[str, Any] | None = None
    ) -> Response:
        """An error as the client expects it: JSON under ``/api``, else a page in the interface language.

        ``message`` says what was wrong; on pages it is translated when the
        catalog knows it (the reasons the desk's own pages give are marked
        with ``N_``), else shown as it is; ``values`` fill its ``%(name)s``
        placeholders.
        """
        if request.url.path.startswith("/api/"):
            text = message % values if message and values else message
            return JSONResponse({"detail": text or _GENERIC.get(status, "error")}, status_code=status)
        ui, _ = self.ui(request)
        shown = ui.gettext(message, **(values or {})) if message else None
        return self.render(
            request, "error.html", status=status, status_code=status, message=shown, method=request.method
        )


_GENERIC = {
    400: "bad request",
    401: "invalid or missing token",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request body too large",
    500: "internal server error",
    503: "the database is not available right now",
}


_STOCK_PHRASES = frozenset({"Not Found", "Method Not Allowed", "Bad Request", "Unauthorized", "Forbidden"})


_REASONS = {  # pydantic error type -> what the page says (translated); the address's own names stay as typed
    "int_parsing": N_("%(field)s: a whole number is needed here (got %(got)s)."),
    "less_than_equal": N_("%(field)s: the highest value allowed is %(limit)s (got %(got)s)."),
    "greater_than_equal": N_("%(field)s: the lowest value allowed is %(limit)s (got %(got)s)."),
    "literal_error": N_("%(field)s: one of %(limit)s is expected (got %(got)s)."),
    "string_too_short": N_("%(field)s: too short (the minimum length is %(limit)s)."),
    "missing": N_("%(field)s is required."),
    "string_too_long": N_("%(field)s: at most %(limit)s characters are allowed."),
}


def _validation_reason(exc: RequestValidationError) -> tuple[str, dict[str, Any]]:
    """What was wrong with a page request, as a catalog message and its values.

    The first error decides: ``/?page=abc`` gives ``page: a whole number is
    needed here (got 'abc').``, in the interface language. An error of a kind
    without a message of its own gives pydantic's English words.
    """
    errors = exc.errors()
    if not errors:
        return N_("A value in the address is not one the desk can use."), {}
    error = errors[0]
    field = str(error.get("loc", ("", "value"))[-1])
    got = error.get("input")
    context = error.get("ctx") or {}
    limit = next(iter(context.values()), "")
    values = {"field": field, "got": repr(str(got)[:40]), "limit": limit}
    message = _REASONS.get(str(error.get("type")))
    if message is None:
        shown = f" (got {str(got)[:40]!r})" if isinstance(got, (str, int)) else ""
        return "%(field)s: %(reason)s%(shown)s", {"field": field, "reason": error.get("msg", ""), "shown": shown}
    return message, values


def _api_error(error: dict[str, Any]) -> dict[str, Any]:
    """One validation error of the JSON API with its ``msg`` in the words of :data:`_REASONS` (English)."""
    message = _REASONS.get(str(error.get("type")))
    if message is None:
        return error
    context = error.get("ctx") or {}
    values = {"field": str(error.get("loc", ("", "value"))[-1]), "got": repr(str(error.get("input"))[:40]),
              "limit": next(iter(context.values()), "")}
    return {**error, "msg": message % values}


class _BodyTooLarge(Exception):
    pass


class _Guard:
    """Outermost middleware: security headers on every response, the body limit, generic 500s.

    Exceptions that reach it were not handled by the app; the client gets a
    generic error and the traceback goes to the log.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], desk: Desk, max_body_bytes: int) -> None:
        self.app = app
        self.desk = desk
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        received = 0
        head = scope.get("method") == "HEAD"

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in SECURITY_HEADERS}
                message["headers"] = [
                    *(h for h in message.get("headers", []) if h[0].lower() not in names),
                    *SECURITY_HEADERS,
                ]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        async def counted_receive() -> MutableMapping[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _BodyTooLarge
            return message

        if head:  # answered as GET with the body dropped (in send_with_headers): the same status and headers
            scope = {**scope, "method": "GET"}
        length = dict(scope.get("headers") or []).get(b"content-length")
        try:
            if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
                raise _BodyTooLarge
            await self.app(scope, counted_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await self._respond(scope, send_with_headers, 413)
        except Exception:
            log.exception("unhandled error for %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._respond(scope, send_with_headers, 500)

    async def _respond(self, scope: MutableMapping[str, Any], send: Callable, status: int) -> None:
        request = Request(scope)
        try:
            response = self.desk.error_page(request, status)
        except Exception:  # the error page itself failed: plain text, still no details
            log.exception("the error page failed")
            response = Response(_GENERIC.get(status, "error"), status_code=status, media_type="text/plain")

        async def no_body() -> MutableMapping[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        await response(scope, no_body, send)


def create_app(
    db_path: str | Path,
    *,
    api_token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    settings: Settings | None = None,
) -> FastAPI:
    """Build the web desk and JSON API over one newsdesk database.

    Args:
        db_path: the SQLite database file (``newsdesk ingest`` makes one).
        api_token: when given (``NEWSDESK_API_TOKEN``), ``POST /api/v1/articles``
            ingests articles from requests that send ``Authorization: Bearer
            <token>``; the database is then created or migrated here. When
            None, the server is read-only and the database must exist.
        max_body_bytes: larger request bodies are refused with 413.
        settings: the analysis settings for ingest (default: :func:`load_settings`).

    Returns:
        The ASGI application (run it with uvicorn: ``newsdesk serve``).

    Raises:
        StoreError: the database is missing (read-only), not a newsdesk
            database, or not at the schema version this newsdesk reads.
        ConfigError: ``max_body_bytes`` < 1, or the settings are invalid.
    """
    if max_body_bytes < 1:
        raise ConfigError(f"max_body_bytes must be at least 1, not {max_body_bytes}")
    path = Path(db_path)
    token = api_token or None
    if token is not None:
        Store(path).close()  # create or migrate now, so readers find the current schema
    Store(path, read_only=True).close()  # fail early, with the store's advice
    desk = Desk(path, token, settings or load_settings())

    from newsdesk.web.api import router as api_router
    from newsdesk.web.api import install_openapi
    from newsdesk.web.pages import router as pages_router

    app = FastAPI(
        title="newsdesk",
        version=__version__,
        summary="Who said what, to whom, about whom, when: English, Russian and Ukrainian news.",
        description=(
            "Read-only JSON over a newsdesk database: articles with their quotations, entities and statements, "
            "every annotation with half-open character offsets into the article text. Lists are paginated with "
            "`page` and `size` (at most 100); page 1 always answers, a page past the last answers 404. Invalid "
            "values (a day not on the calendar, `since` after `until`) answer 422 with the reason. "
            "`POST /api/v1/articles` ingests one article only when the server was started with "
            "`NEWSDESK_API_TOKEN` (else 403) and the request sends `Authorization: Bearer <token>` (else 401)."
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.desk = desk
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_openapi(app)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        api = request.url.path.startswith("/api/")
        detail = exc.detail if isinstance(exc.detail, str) else None
        if not api and detail in _STOCK_PHRASES:  # Starlette's "Not Found", "Method Not Allowed": the page says it
            detail = None
        response = desk.error_page(request, exc.status_code, detail, getattr(exc, "values", None))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            # FastAPI's 422 shape, each known error's "msg" in the desk's words: "page: the lowest value allowed
            # is 1 (got '0')." rather than pydantic's "Input should be greater than or equal to 1"
            return await request_validation_exception_handler(request, RequestValidationError(
                [_api_error(error) for error in exc.errors()], body=exc.body))
        message, values = _validation_reason(exc)
        return desk.error_page(request, 400, message, values)

    @app.exception_handler(ConfigError)
    async def bad_value(request: Request, exc: ConfigError) -> Response:
        return desk.error_page(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, exc: StoreError) -> Response:
        log.error("database error: %s", exc)
        return desk.error_page(request, 503)

    app.add_middleware(_Guard, desk=desk, max_body_bytes=max_body_bytes)
    return app
