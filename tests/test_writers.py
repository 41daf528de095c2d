"""The same printed page, however a writer encodes it, reads the same: pages stored sideways,
glyphs drawn in any order or one by one without spaces, ligatures that lie about their text,
fonts with no text mapping (issue 9). Each PDF is built here, at test time."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from cadthkit import extract
from cadthkit.cli import app
from cadthkit.errors import InputError
from cadthkit.limits import DEFAULT_LIMITS
from cadthkit.parse.text import join_lines
from cadthkit.pdf import Page, read_document
from cadthkit.pdf.layout import Glyph, PageSource
from cadthkit.pdf.pages import build_page
from cadthkit.pdf.pdfium_reader import read_page

from .conftest import BASE_FIXTURE_NAMES, fixture_pdf
from .writers import (
    glyph_by_glyph,
    named_glyphs,
    printed_sideways,
    remapped_text,
    ruled_page,
    stored_rotated,
    unmapped_font,
)


def _texts(page: Page) -> tuple[list[str], list[list[list[str]]]]:
    cells = [
        [[cell.text if cell else "" for cell in row] for row in grid.rows] for grid in page.grids
    ]
    return [line.text for line in page.lines], cells


def _geometry(page: Page) -> list[tuple[float, ...]]:
    boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in page.lines]
    for grid in page.grids:
        boxes.append((grid.x0, grid.top, grid.x1, grid.bottom))
        boxes += [(c.x0, c.top, c.x1, c.bottom) for row in grid.rows for c in row if c]
    return [tuple(round(v, 1) for v in box) for box in boxes]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_page_stored_with_rotate_reads_as_displayed(tmp_path: Path, rotation: int) -> None:
    original = ruled_page(tmp_path / "page.pdf")
    turned = stored_rotated(original, tmp_path / f"rotate{rotation}.pdf", rotation)
    assert pdfium.PdfDocument(turned)[0].get_rotation() == rotation
    want = read_document(original)[0]
    got = read_document(turned)[0]
    assert (got.width, got.height) == (want.width, want.height)
    assert _texts(got) == _texts(want)
    assert want.grids and "Meng (2016)^{5}" in [c for row in _texts(want)[1][0] for c in row]
    assert "Two randomized controlled trials^{2,3}" in _texts(want)[0]
    assert _geometry(got) == _geometry(want)


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_both_readers_honour_rotate(tmp_path: Path, reader: str) -> None:
    original = ruled_page(tmp_path / "page.pdf")
    turned = stored_rotated(original, tmp_path / "rotate90.pdf", 90)
    assert _texts(read_document(turned, reader=reader)[0]) == _texts(read_document(original)[0])


def test_page_printed_sideways_is_read_turned(tmp_path: Path) -> None:
    """No /Rotate, but all the text runs up the page: read as a reader turns it."""
    original = ruled_page(tmp_path / "page.pdf")
    sideways = printed_sideways(original, tmp_path / "sideways.pdf")
    assert _texts(read_document(sideways)[0]) == _texts(read_document(original)[0])


def test_drawing_order_does_not_matter(tmp_path: Path) -> None:
    want = read_document(ruled_page(tmp_path / "page.pdf"))[0]
    for name, kwargs in [("shuffled", {"shuffled": True}), ("back", {"words_backwards": True})]:
        got = read_document(ruled_page(tmp_path / f"{name}.pdf", **kwargs))[0]
        assert _texts(got) == _texts(want), name


@pytest.mark.parametrize("name", BASE_FIXTURE_NAMES)
def test_glyph_order_never_changes_a_page(name: str) -> None:
    """Every fixture page, its glyphs handed over in a shuffled order with shuffled stream
    numbers, builds the same lines and cells."""
    doc = pdfium.PdfDocument(fixture_pdf(name))
    rng = random.Random(11)
    try:
        for index in range(len(doc)):
            source = read_page(doc, index, DEFAULT_LIMITS.max_chars_per_page)
            want = _texts(build_page(_copy(source, list(range(len(source.glyphs)))), None))
            order = list(range(len(source.glyphs)))
            rng.shuffle(order)
            assert _texts(build_page(_copy(source, order), None)) == want, (name, index + 1)
    finally:
        doc.close()


def _copy(source: PageSource, order: list[int]) -> PageSource:
    glyphs = [
        Glyph(g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.bold, stream)
        for stream, g in zip(order, source.glyphs, strict=True)
    ]
    random.Random(len(order)).shuffle(glyphs)
    return PageSource(source.number, source.width, source.height, glyphs, list(source.edges))


LINES = ["Taylor SJ, Ødegaard BN, et al. Foam dressings", "cost-effectiveness (95% CI, 0.3 to 0.9)"]


@pytest.mark.parametrize("spacing", [0.0, 0.3])
def test_words_from_gaps_when_no_space_is_printed(tmp_path: Path, spacing: float) -> None:
    """pdftocairo prints no space glyphs; letter-spacing (0.3 pt at 10 pt) splits no word."""
    pdf = glyph_by_glyph(tmp_path / "cairo.pdf", LINES, spacing=spacing)
    assert [ln.text for ln in read_document(pdf)[0].lines] == LINES


def test_printed_spaces_are_kept(tmp_path: Path) -> None:
    pdf = remapped_text(tmp_path / "spaces.pdf", ["Taylor SJ, Ødegaard BN"], {})
    assert [ln.text for ln in read_document(pdf)[0].lines] == ["Taylor SJ, Ødegaard BN"]


def test_byte_swapped_and_private_use_ligatures_are_repaired(tmp_path: Path) -> None:
    """Ghostscript writes "fi" as U+6600 U+6900 and "ffi" as U+6600 U+CF00 (0xCF = f + i)."""
    pdf = remapped_text(
        tmp_path / "ligatures.pdf",
        ["e\ufb03cient \ufb01nal \ufb02ow", "a\ufb00ord ba\ufb04e"],
        {"\ufb03": "6600CF00", "\ufb01": "66006900", "\ufb02": "F002", "\ufb04": "FB04"},
    )
    want = ["efficient final flow", "afford baffle"]
    assert [ln.text for ln in read_document(pdf)[0].lines] == want
    assert [ln.text for ln in read_document(pdf, reader="pdfplumber")[0].lines] == want


def test_soft_hyphen_no_break_and_zero_width_spaces(tmp_path: Path) -> None:
    """A soft hyphen closes up a word broken at a line end, and prints nothing elsewhere;
    no-break spaces are spaces; zero-width spaces print nothing."""
    pdf = remapped_text(
        tmp_path / "spaces.pdf",
        ["The dressings were regu-", "lated in two\u200btrials of 12 hyphen\u00adated weeks."],
        {"-": "00AD", " ": "00A0"},
    )
    # PDFium marks every hyphen that ends a line alike (U+0002), so a soft one there is read as
    # printed; pdfminer keeps the writer's U+00AD.
    lines = [ln.text for ln in read_document(pdf)[0].lines]
    assert lines == ["The dressings were regu-", "lated in twotrials of 12 hyphenated weeks."]
    lines = [ln.text for ln in read_document(pdf, reader="pdfplumber")[0].lines]
    assert lines == ["The dressings were regu\u00ad", "lated in twotrials of 12 hyphenated weeks."]
    assert join_lines(lines) == "The dressings were regulated in twotrials of 12 hyphenated weeks."


def test_font_without_tounicode_is_read_from_its_embedded_cmap(tmp_path: Path) -> None:
    """Glyph codes alone mean nothing ("+HOORZRUOG" for "Hello world"); the embedded font's
    cmap names the characters."""
    lines = ["Hello world, efficient reports", "Meng (2016) and Wong (2014)"]
    pdf = unmapped_font(tmp_path / "cid.pdf", lines, embed=True)
    assert [ln.text for ln in read_document(pdf)[0].lines] == lines


def test_font_without_tounicode_is_read_from_its_glyph_names(tmp_path: Path) -> None:
    names = {c: c for c in "Helowrd"} | {" ": "space"}
    pdf = named_glyphs(tmp_path / "names.pdf", "Hello world", names)
    assert [ln.text for ln in read_document(pdf)[0].lines] == ["Hello world"]
    meaningless = {c: f"g{ord(c)}" for c in names}
    pdf = named_glyphs(tmp_path / "no-names.pdf", "Hello world", meaningless)
    with pytest.raises(InputError, match="text layer cannot be read: its fonts map 11 of 11"):
        read_document(pdf)


def test_font_with_no_text_mapping_at_all_is_refused_clearly(tmp_path: Path) -> None:
    pdf = unmapped_font(tmp_path / "cid.pdf", ["Hello world", "Summary of Abstracts"], embed=False)
    with pytest.raises(InputError, match="text layer cannot be read"):
        extract(pdf)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(app, ["extract", str(pdf), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {pdf}: text layer cannot be read")
    assert len(result.output.strip().splitlines()) == 1
    assert list(out.iterdir()) == []


def test_annotations_land_where_the_rotated_page_shows_the_finding(tmp_path: Path) -> None:
    """Boxes are as displayed, so the marks on a page stored with /Rotate 90 must come out
    where they do on the original: the annotated pages read the same."""
    from cadthkit import api

    from .conftest import extracted

    pages = []
    for name in ("synthetic-s11", "variants/synthetic-s11.rotated"):
        out = tmp_path / f"{name.replace('/', '_')}.pdf"
        api.annotate(fixture_pdf(name), api.check(extracted(name)), out)
        pages.append(read_document(out)[1:])  # the summary page names the file
    assert [_texts(p) for p in pages[0]] == [_texts(p) for p in pages[1]]
    for want, got in zip(pages[0], pages[1], strict=True):
        for a, b in zip(_geometry(want), _geometry(got), strict=True):
            assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 0.2
    # A margin note is a bordered box, so it may be read as a one-cell grid rather than lines.
    assert any("citation_out_of_range" in repr(_texts(p)) for p in pages[1])
