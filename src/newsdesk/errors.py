"""Errors raised by newsdesk.

One root, subclasses by area::

    NewsdeskError
     ├── ConfigError     a setting or argument is wrong (unknown language code,
     │                   missing spaCy pipeline, bad settings file)
     ├── ReadError       an input could not be opened or read at all (I/O)
     ├── ExtractError    a document could not be turned into an Article
     └── StoreError      the database could not be opened, migrated or written

Documents that are merely unusable (empty, binary, unsupported language) are
not errors: they become :class:`newsdesk.model.Rejected` records so a batch
reports them and goes on. Exceptions are for bugs and for the caller's own
mistakes. Every message names the input and says what to do.

This module imports nothing from the project.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Root of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    """A setting, option or argument is invalid."""


class ReadError(NewsdeskError):
    """An input could not be opened or read (missing file, permission, I/O)."""


class ExtractError(NewsdeskError):
    """A document could not be turned into an Article."""


class StoreError(NewsdeskError):
    """The database could not be opened, migrated or written."""
