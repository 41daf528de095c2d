"""Record comparison for the render and fix tests."""

from __future__ import annotations

from typing import Any

from cadthkit.models import Report

# Fields that say where something was printed, not what: they may differ after re-rendering.
# The cover's report length is a page count too: a refreshed PDF states its own length.
POSITIONAL = frozenset({"source", "box", "boxes", "pages", "page", "report_length_pages"})


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in POSITIONAL}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def content(report: Report) -> dict[str, Any]:
    """The record without positional fields, for field-by-field comparison."""
    return _strip(report.model_dump(mode="json"))


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Every field where two stripped records differ, as 'path: a != b'."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b)):
            out += differences(a.get(key), b.get(key), f"{path}.{key}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        out = [f"{path}: {len(a)} items != {len(b)} items"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            out += differences(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
