"""Our lattice table algorithm (`cadthkit.pdf.lattice`) gives pdfplumber's cells and tables
exactly: page by page on every fixture, variant and own fixture (edges from both readers), and
on random rulings. pdfplumber is the oracle here; the default reading path no longer imports it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from cadthkit.limits import DEFAULT_LIMITS
from cadthkit.pdf import grids, lattice, pdfium_reader, plumber_reader
from cadthkit.pdf.inputfile import read_input
from cadthkit.pdf.layout import Edge, PageSource

from .conftest import FIXTURE_NAMES, OWN_NAMES, fixture_pdf
from .test_layers import loaded_after

T = grids.TOLERANCE


def _as_dict(e: Edge) -> dict:
    """pdfplumber's edge dict for one of our edges."""
    return {
        "x0": e.x0,
        "x1": e.x1,
        "top": e.top,
        "bottom": e.bottom,
        "width": e.x1 - e.x0,
        "height": e.bottom - e.top,
        "orientation": e.orientation,
        "object_type": "line_edge",
    }


def _from_dict(d: dict) -> tuple:
    length = d["width"] if d["orientation"] == "h" else d["height"]
    return (d["x0"], d["top"], d["x1"], d["bottom"], d["orientation"], length)


def plumber_lattice(edges: list[Edge]) -> tuple[list, list, list]:
    """pdfplumber's merged edges, cells, and tables (bbox and rows) for `edges`."""
    merged = merge_edges([_as_dict(e) for e in edges], T, T, T, T)
    cells = intersections_to_cells(edges_to_intersections(filter_edges(merged, min_length=3), T, T))
    tables = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]
        tables.append((table.bbox, [row.cells for row in table.rows]))
    return [_from_dict(d) for d in merged], cells, tables


def our_lattice(edges: list[Edge]) -> tuple[list, list, list]:
    merged = lattice.merge_edges(edges, T)
    cells = lattice.find_cells(lattice.long_enough(merged, 3), T)
    tables = [
        (lattice.bbox(group), lattice.table_rows(group)) for group in lattice.cells_to_tables(cells)
    ]
    return [tuple(e) for e in merged], cells, tables


def _page_inputs(source: PageSource) -> list[list[Edge]]:
    """The edge lists `edges_to_grids` hands to the algorithm: the lattice's (with the closing
    lines) and the rule tables' (without)."""
    edges = lattice.long_enough(source.edges, 1)
    return [edges + grids._closing_lines(edges, source.width), edges]


@cache
def _sources(name: str, reader: str) -> list[PageSource]:
    file = read_input(fixture_pdf(name), DEFAULT_LIMITS)
    limit = DEFAULT_LIMITS.max_chars_per_page
    if reader == "pdfium":
        doc = pdfium_reader.open_document(file.path, file.data)
        try:
            return [pdfium_reader.read_page(doc, i, limit) for i in range(len(doc))]
        finally:
            doc.close()
    with plumber_reader.open_pdf(file.path, file.data) as pdf:
        return list(plumber_reader.sources(pdf, DEFAULT_LIMITS))


def _check_document(name: str, reader: str) -> None:
    sources = _sources(name, reader)
    assert sources
    ruled_pages = 0
    for source in sources:
        for edges in _page_inputs(source):
            ours, theirs = our_lattice(edges), plumber_lattice(edges)
            assert ours[0] == theirs[0], f"page {source.number}: merged edges differ"
            assert ours[1] == theirs[1], f"page {source.number}: cells differ"
            assert ours[2] == theirs[2], f"page {source.number}: tables differ"
        ruled_pages += bool(source.edges)
    assert ruled_pages, "no page with ruling lines: the comparison proved nothing"


@pytest.mark.parametrize("name", FIXTURE_NAMES + OWN_NAMES)
def test_lattice_matches_pdfplumber_pdfium_edges(name: str) -> None:
    _check_document(name, "pdfium")


@pytest.mark.slow
@pytest.mark.parametrize("name", FIXTURE_NAMES + OWN_NAMES)
def test_lattice_matches_pdfplumber_plumber_edges(name: str) -> None:
    _check_document(name, "pdfplumber")


# Rulings on a coarse lattice with jitter below and above the tolerances: near-aligned lines
# snap, near-touching pieces join, and some pieces stay apart.
_coord = st.integers(0, 12).flatmap(
    lambda k: st.sampled_from([0.0, 0.4, 1.5, 2.9, 3.0, 3.2, 5.0]).map(lambda j: 40.0 * k + j)
)


@st.composite
def _rulings(draw: st.DrawFn) -> list[Edge]:
    edges = []
    for _ in range(draw(st.integers(0, 40))):
        at, a, b = draw(_coord), draw(_coord), draw(_coord)
        if draw(st.booleans()):
            edges.append(lattice.make_edge(min(a, b), at, max(a, b), at, "h"))
        else:
            edges.append(lattice.make_edge(at, min(a, b), at, max(a, b), "v"))
    for _ in range(draw(st.integers(0, 4))):
        x0, top, x1, bottom = draw(_coord), draw(_coord), draw(_coord), draw(_coord)
        edges += grids.rect_edges(min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom))
    return edges


@given(_rulings())
def test_lattice_matches_pdfplumber_on_random_rulings(edges: list[Edge]) -> None:
    edges = lattice.long_enough(edges, 1)
    assert our_lattice(edges) == plumber_lattice(edges)


def test_grids_reach_the_lattice() -> None:
    """The comparison above covers what `edges_to_grids` uses: a bordered table comes out."""
    rows = [lattice.make_edge(60, y, 540, y, "h") for y in (100, 130, 160)]
    cols = [lattice.make_edge(x, 100, x, 160, "v") for x in (60, 300, 540)]
    (grid,) = grids.edges_to_grids(rows + cols, 612, 1)
    assert [[(c.x0, c.top, c.x1, c.bottom) for c in row if c] for row in grid.rows] == [
        [(60, 100, 300, 130), (300, 100, 540, 130)],
        [(60, 130, 300, 160), (300, 130, 540, 160)],
    ]


def test_reading_through_pdfium_loads_no_pdf_package() -> None:
    """The default path skips pdfplumber and pdfminer (our lattice copy) and pypdfium2 (its
    library is called directly): 0.2-0.35 s of start-up on a quiet machine."""
    pdf = fixture_pdf("ivig-offlabel-2017")
    code = f"from cadthkit import extract\nassert extract({str(pdf)!r}).summary_tables"
    loaded = loaded_after(code)
    assert "cadthkit.pdf.lattice" in loaded and "cadthkit.pdf.pdfium_calls" in loaded
    unwanted = {"pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw"}
    assert not loaded & unwanted, sorted(loaded & unwanted)


def test_the_extract_command_loads_no_pdf_package(tmp_path: Path) -> None:
    """The same through `cadthkit extract`, which writes the record: no PDF package, and none
    of what other commands need (the renderer's reportlab, rich's progress bars, the audit,
    the batch store; only the batch options, whose defaults the API shares)."""
    pdf = fixture_pdf("ivig-offlabel-2017")
    code = (
        "from cadthkit.cli import app\n"
        "try:\n"
        f"    app(['extract', {str(pdf)!r}, '-o', {str(tmp_path)!r}], prog_name='cadthkit')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
    )
    loaded = loaded_after(code)
    assert (tmp_path / "ivig-offlabel-2017.json").stat().st_size > 0  # the command ran
    assert "cadthkit.pdf.lattice" in loaded and "cadthkit.pdf.pdfium_calls" in loaded
    unwanted = {"pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "reportlab", "rich"}
    unwanted |= {"cadthkit.audit", "cadthkit.render", "cadthkit.batch.store", "sqlite3"}
    assert not loaded & unwanted, sorted(loaded & unwanted)
