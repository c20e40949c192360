"""``newsdesk serve``: the web desk and JSON API over a database (newsdesk.web)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from newsdesk.errors import NewsdeskError
from newsdesk.cli.common import (
    app,
    err,
    DbOpt,
    _settings,
    _fail,
)


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, metavar="PORT", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web desk (RU / UA / EN) and the JSON API under /api/v1 over the database.

    Read-only unless the environment variable NEWSDESK_API_TOKEN is set: then
    POST /api/v1/articles ingests articles from requests that send
    `Authorization: Bearer <token>`. The OpenAPI schema is at
    /api/v1/openapi.json. Ctrl+C stops the server.
    """
    import os

    import uvicorn

    from newsdesk.web import create_app

    settings = _settings(db_path=db)
    token = os.environ.get("NEWSDESK_API_TOKEN", "").strip() or None
    if token is None and not settings.db_path.exists():
        _fail(f"no database at {settings.db_path}: run `newsdesk ingest PATH --db {settings.db_path}` first")
    try:
        web = create_app(settings.db_path, api_token=token, settings=settings)
    except NewsdeskError as exc:
        _fail(str(exc))
    if host not in _LOOPBACK:
        err.print(f"[yellow]warning[/yellow]: listening on {escape(host)}, reachable from other machines")
    shown = f"[{host}]" if ":" in host else host
    mode = "ingest on (NEWSDESK_API_TOKEN set)" if token else "read-only"
    err.print(f"newsdesk serving {escape(str(settings.db_path))} at http://{escape(shown)}:{port}/ ({mode})")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
