from __future__ import annotations

import pytest

from cadthkit.parse.citations import parse_callout, strip_marks


@pytest.mark.parametrize(
    ("raw", "numbers"),
    [
        ("5", [5]),
        ("2-5", [2, 3, 4, 5]),
        ("2–5", [2, 3, 4, 5]),
        ("2,3", [2, 3]),
        ("2, 4-6", [2, 4, 5, 6]),
        ("10,11", [10, 11]),
        (" 14 - 17 ", [14, 15, 16, 17]),
    ],
)
def test_readable_callouts(raw: str, numbers: list[int]) -> None:
    assert parse_callout(raw) == numbers


@pytest.mark.parametrize("raw", ["1b", "10*", "", "0", "5-2", "2,,3", "a", "1-999"])
def test_unreadable_callouts(raw: str) -> None:
    assert parse_callout(raw) is None


def test_strip_marks() -> None:
    assert strip_marks("trials,^{6-8} five") == "trials, five"
