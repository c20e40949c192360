"""Shared fixtures: the repository paths, the shared evaluation data, one pipeline per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
DEMO = ROOT / "data" / "demo"
SEED = DEMO / "seed" / "000_bd9733fec56149a6.txt"


def shared_data(*parts: str) -> Path:
    """Path under ../shared/data; skips the calling test when it is absent."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data {path} is not present (it lives in ../shared/data beside the repository)")
    return path


def hand_mentions(text: str, names: dict[str, tuple[str, str]]):
    """Entity mentions built by hand for tests: ``{surface: (label, key)}``, one per occurrence in ``text``,
    lemma and name equal to the surface form, sorted by start."""
    from newsdesk.model import Mention

    out = []
    for name, (label, key) in names.items():
        start = text.find(name)
        while start >= 0:
            out.append(Mention(start, start + len(name), name, label, name, key, name))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda m: m.start)


@pytest.fixture(scope="session")
def pipeline():
    """One pipeline for the whole test session (models load once). Reference date fixed for reproducibility."""
    from newsdesk.pipeline import Pipeline

    return Pipeline(reference_date=dt.date(2026, 11, 30))
