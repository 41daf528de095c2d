"""Shared test fixtures: the real report PDFs live in ../shared/fixtures beside the checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

# CI must be reproducible: the same examples on every run. Explore locally with
# `pytest --hypothesis-profile=explore`.
settings.register_profile("ci", max_examples=15, derandomize=True)
settings.register_profile("explore", max_examples=100, derandomize=False)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
BASE_FIXTURE_NAMES = sorted(p.name[: -len(".truth.json")] for p in FIXTURES.glob("*.truth.json"))
# The same reports re-written by other PDF writers (cairo, gs, rotated storage), with the
# original's truth: every fixture test runs on them too, as "variants/NAME.KIND".
VARIANT_NAMES = sorted(
    "variants/" + p.name[: -len(".truth.json")] for p in FIXTURES.glob("variants/*.truth.json")
)
FIXTURE_NAMES = BASE_FIXTURE_NAMES + VARIANT_NAMES


def pytest_configure(config: pytest.Config) -> None:
    if not BASE_FIXTURE_NAMES:
        raise pytest.UsageError(f"no fixtures found in {FIXTURES}: tests need ../shared/fixtures")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the known gaps (tests/known_gaps.py) as strict expected failures."""
    from .known_gaps import gap_for

    for item in items:
        reason = gap_for(item.nodeid)
        if reason:
            item.add_marker(pytest.mark.xfail(strict=True, reason=reason))


# The project's own fixtures (layouts no public fixture has, made by a browser engine, not by
# our renderer): extraction tests run on them too.
OWN_FIXTURES = ROOT / "tests" / "data"
OWN_NAMES = sorted(p.name[: -len(".truth.json")] for p in OWN_FIXTURES.glob("*.truth.json"))


def _folder(name: str) -> Path:
    return OWN_FIXTURES if name in OWN_NAMES else FIXTURES


@cache
def truth(name: str) -> dict:
    return json.loads((_folder(name) / f"{name}.truth.json").read_text(encoding="utf-8"))


@cache
def extracted(name: str):
    """Extract each fixture once per test session (records are not mutated by tests)."""
    from cadthkit import extract

    return extract(_folder(name) / f"{name}.pdf")


def fixture_pdf(name: str) -> Path:
    return _folder(name) / f"{name}.pdf"
