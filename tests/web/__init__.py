"""Tests of the web desk and JSON API (a package, so its conftest does not shadow tests/conftest.py)."""
