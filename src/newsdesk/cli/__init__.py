"""The ``newsdesk`` command line: analyze, ingest, load, relink, quotes, search, speakers, entities, serve, eval.

Run ``newsdesk --help`` or ``newsdesk COMMAND --help`` for the options. One module per group of commands:
:mod:`~newsdesk.cli.analyze`, :mod:`~newsdesk.cli.ingest` (ingest, load, relink), :mod:`~newsdesk.cli.query` (quotes,
search, speakers, entities), :mod:`~newsdesk.cli.serve`, :mod:`~newsdesk.cli.evaluate` (eval ...); what they share
(the Typer app, consoles, options, exit codes) is in :mod:`~newsdesk.cli.common`. Exit codes: 0 done, 1 something
was rejected and ``--fail-on-reject`` was given, 2 a configuration or database error, 3 an input could not be read.
"""

from newsdesk.cli import analyze, evaluate, ingest, query, serve  # noqa: F401  (each registers its commands)
from newsdesk.cli.common import app

__all__ = ["app"]
