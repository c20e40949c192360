"""``python -m newsdesk.cli``: the same as the ``newsdesk`` command."""

from newsdesk.cli import app

app()
