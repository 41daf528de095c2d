"""Superscripts found from geometry alone, at the size ratios and rises of three engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from cadthkit.pdf import read_document


def _pdf(path: Path, ratio: float, rise: float, body: float = 10.0) -> Path:
    canvas = Canvas(str(path))
    x, y = 72, 700
    text = "Meng (2016)"
    canvas.setFont("Helvetica", body)
    canvas.drawString(x, y, text)
    x += stringWidth(text, "Helvetica", body)
    canvas.setFont("Helvetica", body * ratio)
    canvas.drawString(x, y + body * rise, "5")
    x += stringWidth("5", "Helvetica", body * ratio)
    canvas.setFont("Helvetica", body)
    canvas.drawString(x, y, " and three trials,")
    x2 = x + stringWidth(" and three trials,", "Helvetica", body)
    canvas.setFont("Helvetica", body * ratio)
    canvas.drawString(x2, y + body * rise, "6-8")
    # A small raised glyph far from any text (a stray marker) is not a superscript of anything.
    canvas.drawString(400, y + body * rise, "9")
    canvas.setFont("Helvetica", body)
    canvas.drawString(72, y - 40, "A body line with nothing raised.")
    canvas.save()
    return path


@pytest.mark.parametrize(
    ("engine", "ratio", "rise"),
    [("libreoffice", 0.58, 0.40), ("reportlab", 0.80, 0.54), ("chromium", 0.65, 0.49)],
)
def test_superscripts_marked_inline(tmp_path: Path, engine: str, ratio: float, rise: float) -> None:
    pages = read_document(_pdf(tmp_path / f"{engine}.pdf", ratio, rise))
    texts = [line.text for line in pages[0].lines]
    assert "Meng (2016)^{5} and three trials,^{6-8}" in texts
    assert "9" in texts  # kept as text, not glued to a line as a superscript
    assert "A body line with nothing raised." in texts
    line = next(ln for ln in pages[0].lines if ln.text.startswith("Meng"))
    assert [s[0] for s in line.sups] == ["5", "6-8"]


def test_same_size_raised_text_is_not_a_superscript(tmp_path: Path) -> None:
    pages = read_document(_pdf(tmp_path / "flat.pdf", 1.0, 0.4))
    assert not any("^{" in line.text for line in pages[0].lines)
