"""`render` on records with enormous fields: the layout work grows linearly with a paragraph's
length (it grew with its square: a 1 MB one-word field took 319 s), and the time, page and
memory limits of extraction hold, each with one line and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import paragraph
from typer.testing import CliRunner

from cadthkit.cli import app
from cadthkit.errors import LimitError
from cadthkit.limits import Limits
from cadthkit.models import Report
from cadthkit.render import render_to_bytes
from cadthkit.render.document import _header_markup
from cadthkit.render.styles import build_styles

from .conftest import extracted

runner = CliRunner()


def _with_methods(text: str) -> Report:
    return extracted("synthetic-s11").model_copy(update={"methods": text})


def _with_title(text: str) -> Report:
    report = extracted("synthetic-s11")
    return report.model_copy(
        update={"metadata": report.metadata.model_copy(update={"title": text})}
    )


def _with_cell(text: str) -> Report:
    report = extracted("synthetic-s11")
    table = report.summary_tables[0]
    row = table.rows[0]
    cells = [*row.cells[:-1], text]
    rows = [row.model_copy(update={"cells": cells}), *table.rows[1:]]
    tables = [table.model_copy(update={"rows": rows}), *report.summary_tables[1:]]
    return report.model_copy(update={"summary_tables": tables})


def _measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the glyph widths reportlab measures while it breaks lines: its layout work."""
    calls = [0]
    real = paragraph.stringWidth

    def counted(*args: Any, **kwargs: Any) -> float:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(paragraph, "stringWidth", counted)
    return calls


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(_with_methods, id="paragraph"),
        pytest.param(_with_title, id="title"),
        pytest.param(_with_cell, id="table cell"),
    ],
)
@pytest.mark.parametrize("kind", ["one word", "words"])
def test_layout_work_grows_linearly_with_a_field(
    monkeypatch: pytest.MonkeyPatch, build: Callable[[str], Report], kind: str
) -> None:
    def text(n: int) -> str:
        return "x" * n if kind == "one word" else ("lorem ipsum dolor sit amet " * n)[:n]

    calls = _measured(monkeypatch)
    work = []
    for n in (10_000, 40_000):
        calls[0] = 0
        render_to_bytes(build(text(n)))
        work.append(calls[0])
    # Four times the text: about four times the work (it was 11 to 16 times).
    assert work[1] < 5.5 * work[0], work


def test_the_running_header_prints_a_short_title() -> None:
    report = _with_title("A very long title " * 10_000)
    markup = _header_markup(report, build_styles("2017"))
    assert markup is not None and len(markup) < 400


BIG = "x" * 1_000_000


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--timeout", "0.5"], "took longer than 0.5 s (rendering stopped on page"),
        (["--max-pages", "5"], "would have more than 5 pages; see --max-pages"),
    ],
)
def test_render_is_held_to_the_limits(tmp_path: Path, options: list[str], message: str) -> None:
    record = tmp_path / "big.json"
    record.write_text(_with_methods(BIG).model_dump_json())
    out = tmp_path / "big.pdf"
    result = runner.invoke(app, ["render", str(record), "-o", str(out), *options])
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: {out}: ") and message in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json"]


def test_running_out_of_memory_while_rendering_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What the memory cap (--max-memory-mb, RLIMIT_AS) makes happen deep in reportlab."""
    real = paragraph.Paragraph.wrap
    calls = [0]

    def wrap(self: paragraph.Paragraph, *args: Any) -> Any:
        calls[0] += 1
        if calls[0] > 50:
            raise MemoryError
        return real(self, *args)

    monkeypatch.setattr(paragraph.Paragraph, "wrap", wrap)
    with pytest.raises(LimitError, match=r"ran out of memory rendering page \d+"):
        render_to_bytes(extracted("synthetic-s11"), limits=Limits(), name=tmp_path / "o.pdf")
    record = tmp_path / "r.json"
    record.write_text(extracted("synthetic-s11").model_dump_json())
    calls[0] = 0
    result = runner.invoke(app, ["render", str(record), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {tmp_path / 'o.pdf'}: ran out of memory rendering")
    assert not (tmp_path / "o.pdf").exists()
