"""The web desk and JSON API over a newsdesk database (``newsdesk serve``).

:func:`create_app` builds the FastAPI application: server-rendered pages in
English, Russian and Ukrainian (``newsdesk.web.pages``, Jinja2 templates)
and the JSON API under ``/api/v1`` (``newsdesk.web.api``). It reads the
store; ingest over HTTP goes through :mod:`newsdesk.pipeline`.
"""

from __future__ import annotations

from newsdesk.web.app import create_app

__all__ = ["create_app"]
