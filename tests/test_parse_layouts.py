"""The pieces that read the layouts beyond the 2017 Summary of Abstracts, each on small made-up
input: rule tables and lone boxes from ruling edges, spanning tables split across pages, the
borderless abbreviations list, the flow diagram, unnumbered references, templates, and the
joins of wrapped text."""

from __future__ import annotations

from cadthkit.parse.abbreviations import parse_abbreviations
from cadthkit.parse.flow import Item
from cadthkit.parse.metadata import parse_metadata
from cadthkit.parse.prisma import parse_prisma
from cadthkit.parse.running import Paragraph, citations
from cadthkit.parse.studies import parse_summary_table
from cadthkit.parse.template import detect_template
from cadthkit.parse.text import join_lines, join_reference
from cadthkit.parse.unnumbered import parse_unnumbered
from cadthkit.pdf import Cell, Grid, Line
from cadthkit.pdf.grids import edges_to_grids, make_edge, rect_edges
from cadthkit.pdf.layout import Glyph


def _line(text: str, top: float, x0: float = 60, page: int = 1, **kw) -> Line:
    return Line(text, page, x0, top, x0 + 6 * len(text), top + 10, 10, False, **kw)


def _item(text: str, top: float, box: int | None = None, x0: float = 60) -> Item:
    return Item("text", 1, line=_line(text, top, x0), box=box)


# --- ruling edges → grids -------------------------------------------------------------------


def test_rule_table_takes_its_columns_from_the_shaded_header_cells() -> None:
    """2021 template: horizontal rules only; shaded header cells give the columns; a band
    shaded across the full width is a merged section row."""
    edges = [make_edge(60, y, 540, y, "h") for y in (100, 130, 150, 220, 280)]
    for x0, x1 in ((60, 200), (200, 380), (380, 540)):
        edges += rect_edges(x0, 100, x1, 130)  # shaded header cells
    edges += rect_edges(60, 130, 540, 150)  # shaded section row
    (grid,) = edges_to_grids(edges, 612, 4)
    assert (grid.top, grid.bottom) == (100, 280)
    assert [[(c.x0, c.x1) if c else None for c in row] for row in grid.rows] == [
        [(60, 200), (200, 380), (380, 540)],
        [(60, 540), None, None],
        [(60, 200), (200, 380), (380, 540)],
        [(60, 200), (200, 380), (380, 540)],
    ]


def _glyphs(text: str, x0: float, top: float, size: float = 9) -> list[Glyph]:
    return [
        Glyph(ch, x0 + i * 5, x0 + i * 5 + 4.5, top, top + size, size, False, i)
        for i, ch in enumerate(text)
    ]


def test_rule_table_row_cut_by_the_page_break_is_taken_in() -> None:
    """A browser draws no rule under a row a page break cuts: the text running on to the
    bottom of the page in the table's columns is its last row; a footnote is not."""
    header = [e for x0, x1 in ((60, 200), (200, 540)) for e in rect_edges(x0, 100, x1, 130)]
    header += [make_edge(60, y, 540, y, "h") for y in (100, 130)]
    cut = [
        g
        for top in range(134, 720, 12)
        for g in _glyphs("words", 65, top) + _glyphs("more", 205, top)
    ]
    (grid,) = [g for g in edges_to_grids(header, 612, 8, cut, 792) if len(g.rows[0]) == 2]
    assert len(grid.rows) == 2 and grid.bottom > 720
    footnote = [
        g for top in (134, 146) for g in _glyphs("RCT = randomized controlled trial; vs", 60, top)
    ]
    grids = edges_to_grids(header, 612, 8, footnote, 792)
    assert all(len(g.rows) == 1 for g in grids)


def test_stacked_boxes_are_lone_boxes_not_a_table() -> None:
    """Flow-diagram boxes of one width, one under another: no inner columns, so no table."""
    edges = [e for top in (100, 160, 220) for e in rect_edges(100, top, 280, top + 30)]
    grids = edges_to_grids(edges, 612, 9)
    assert [(g.top, len(g.rows), len(g.rows[0])) for g in grids] == [
        (100, 1, 1),
        (160, 1, 1),
        (220, 1, 1),
    ]


def test_two_bordered_tables_of_one_width_stay_two_tables() -> None:
    def table(top: float) -> list:
        edges = [make_edge(60, top + 30 * k, 540, top + 30 * k, "h") for k in range(3)]
        return edges + [make_edge(x, top, x, top + 60, "v") for x in (60, 300, 540)]

    grids = edges_to_grids(table(100) + table(300), 612, 10)
    assert [(g.top, g.bottom, len(g.rows), len(g.rows[0])) for g in grids] == [
        (100, 160, 2, 2),
        (300, 360, 2, 2),
    ]


# --- tables -----------------------------------------------------------------------------------


def _cell(*texts: str, page: int = 1, bullets: bool = False) -> Cell:
    lines = [_line(t, 100 + 12 * i, page=page) for i, t in enumerate(texts)]
    for ln in lines:
        ln.bullet = bullets
    return Cell(60, 100, 300, 100 + 12 * len(texts), lines)


def test_spanning_rows_join_a_cell_row_split_across_pages() -> None:
    header = [_cell("Strengths"), _cell("Limitations")]
    page1 = Grid(
        15,
        60,
        100,
        540,
        700,
        [
            header,
            [_cell("Smith et al. (2017)^{3}"), None],
            [_cell("First strength", bullets=True), _cell("First limitation", bullets=True)],
        ],
    )
    page2 = Grid(
        16,
        60,
        70,
        540,
        300,
        [
            [_cell("Strengths", page=16), _cell("Limitations", page=16)],
            [_cell("Second strength", page=16, bullets=True), _cell("", page=16)],
            [_cell("Lee and Kim (2016)^{4}", page=16), None],
            [_cell("Only strength", page=16), _cell("Only limitation", page=16)],
        ],
    )
    table = parse_summary_table("Table 4: Strengths and Limitations", [page1, page2], None, [])
    assert table.layout == "spanning" and table.columns == ["Strengths", "Limitations"]
    smith, lee = table.rows
    assert (smith.label, smith.first_author, smith.citation.raw) == (
        "Smith et al. (2017)",
        "Smith",
        "3",
    )
    assert smith.cells == [["First strength", "Second strength"], ["First limitation"]]
    assert smith.pages == [15, 16]
    assert (lee.label, lee.first_author, lee.cells) == (
        "Lee and Kim (2016)",
        "Lee",
        ["Only strength", "Only limitation"],
    )


def test_country_under_the_label_is_the_first_cell_extra() -> None:
    grid = Grid(
        10,
        60,
        100,
        540,
        300,
        [
            [_cell("First Author, Publication Year, Country"), _cell("Study Design")],
            [_cell("Okafor (2010)^{12}", "United", "Kingdom"), _cell("RCT")],
        ],
    )
    (row,) = parse_summary_table("Table 3: Characteristics", [grid], None, []).rows
    assert (row.label, row.first_cell_extra, row.cells) == (
        "Okafor (2010)",
        "United Kingdom",
        ["RCT"],
    )


# --- running text, lists, diagram, references -------------------------------------------------


def test_heterogeneity_statistic_is_not_a_citation() -> None:
    sups = [("2", 0, 0, 1, 1), ("3", 0, 0, 1, 1)]
    line = _line("Heterogeneity was high (I^{2} = 64%) in trials.^{3}", 100, sups=sups)
    found = citations("Summary of Critical Appraisal", [Paragraph(line.text, [line])])
    assert [(c.raw, c.numbers) for c in found] == [("3", [3])]


def test_abbreviations_split_where_the_column_gap_is() -> None:
    items = [
        Item(
            "text", 3, line=_line("AMSTAR 2 A MeaSurement Tool to Assess", 100, columns=[(9, 306)])
        ),
        Item("text", 3, line=_line("systematic Reviews 2", 112, x0=306)),
        Item("text", 3, line=_line("CI confidence interval", 130, columns=[(3, 306)])),
    ]
    assert parse_abbreviations(items) == {
        "AMSTAR 2": "A MeaSurement Tool to Assess systematic Reviews 2",
        "CI": "confidence interval",
    }


def test_flow_diagram_boxes_in_flow_order_with_numbers() -> None:
    """A side box printed higher than the box it branches from still follows it."""
    items = [
        _item("835 citations identified from electronic", 97, box=1, x0=117),
        _item("literature search and screened", 108, box=1, x0=131),
        _item("↓", 133, x0=178),  # an arrow, outside every box
        _item("817 citations excluded", 129, box=2, x0=400),
        _item("18 potentially relevant articles retrieved for", 156, box=3, x0=108),
        _item("scrutiny (full text, if available)", 167, box=3, x0=133),
        _item("14 reports excluded:", 206, box=4, x0=385),
        _item("-irrelevant population (9)", 218, box=4, x0=336),
        _item("-already included in at least one of the selected", 230, box=4, x0=336),
        _item("systematic reviews (5)", 241, box=4, x0=336),
        _item("18 potentially relevant reports", 244, box=5, x0=132),
        _item("4 reports included in review", 320, box=6, x0=136),
    ]
    prisma = parse_prisma(items)
    assert prisma is not None
    assert prisma.boxes == [
        "835 citations identified from electronic literature search and screened",
        "817 citations excluded",
        "18 potentially relevant articles retrieved for scrutiny (full text, if available)",
        "18 potentially relevant reports",
        "14 reports excluded:",
        "-irrelevant population (9)",
        "-already included in at least one of the selected systematic reviews (5)",
        "4 reports included in review",
    ]
    assert (prisma.identified, prisma.excluded_screening, prisma.full_text) == (835, 817, 18)
    assert (prisma.potentially_relevant, prisma.excluded_full_text, prisma.included) == (18, 14, 4)
    assert prisma.other_sources is None  # not printed: never guessed
    assert [(r.reason, r.count) for r in prisma.exclusion_reasons] == [
        ("irrelevant population", 9),
        ("already included in at least one of the selected systematic reviews", 5),
    ]


def test_unnumbered_references_split_at_gaps_and_pubmed_lines() -> None:
    items = [
        _item("Nelson EA, Bell-Syer SE. Compression for preventing recurrence. Cochrane", 100),
        _item("Database Syst Rev. 2012;(8):CD002303.", 112),
        _item("PubMed: PM22895924", 124),
        _item("Health Quality Ontario. Compression stockings [Internet]. Toronto: HQO;", 146),
        _item("2013 [cited 2013 May 6]. Available from: https://www.hqontario.ca/cs", 158),
        _item("Jull A, Parag V. Responsiveness of quality of life instruments. Wound Repair", 180),
        _item("Regen. 2010;18(1):26-30.", 192),
    ]
    refs = parse_unnumbered(items, "APPENDIX 5: ADDITIONAL REFERENCES OF POTENTIAL INTEREST")
    assert [(r.number, r.pmid, r.text[:22]) for r in refs] == [
        (None, "22895924", "Nelson EA, Bell-Syer S"),
        (None, None, "Health Quality Ontario"),
        (None, None, "Jull A, Parag V. Respo"),
    ]
    assert refs[1].text.endswith(
        "Toronto: HQO; 2013 [cited 2013 May 6]. Available from: https://www.hqontario.ca/cs"
    )
    assert {r.section for r in refs} == {"APPENDIX 5: ADDITIONAL REFERENCES OF POTENTIAL INTEREST"}


# --- templates and metadata -------------------------------------------------------------------


def test_templates_are_told_apart_by_their_first_page() -> None:
    assert detect_template([_line("TITLE: Compression Stockings", 60)]) == "2013"
    assert detect_template([_line("CADTH Health Technology Review", 70)]) == "2021"
    assert (
        detect_template([_line("CADTH RAPID RESPONSE REPORT: SUMMARY OF ABSTRACTS", 70)]) == "2017"
    )
    assert detect_template([_line("Dear colleague", 70)]) is None


def test_2013_metadata_leaves_what_is_not_printed_null() -> None:
    cover = [
        _line("TITLE: Compression Stockings for Venous Leg Ulcers: A Review of", 60),
        _line("Clinical Effectiveness", 74),
        _line("DATE: 30 May 2013", 92),
        _line("Cite as: Compression Stockings. Ottawa: CADTH; 2013 May. (CADTH rapid", 110),
        _line("response report: summary with critical appraisal).", 120),
    ]
    warnings: list = []
    meta = parse_metadata(cover, [], warnings, "2013")
    assert (
        meta.title
        == "Compression Stockings for Venous Leg Ulcers: A Review of Clinical Effectiveness"
    )
    assert meta.report_type == "Summary with Critical Appraisal"
    assert (meta.publication_date.isoformat(), meta.publication_date_raw) == (
        "2013-05-30",
        "30 May 2013",
    )
    assert (meta.service_line, meta.version, meta.report_length_pages) == (None, None, None)
    assert meta.authors == [] and warnings == []


def test_2021_cover_names_the_type_under_the_band() -> None:
    cover = [
        _line("CADTH Health Technology Review", 70),
        _line("Rapid Review", 120),
        Line("Home Naloxone Kits: A Review", 1, 60, 160, 400, 184, 24, False),
        _line("Service Line: Rapid Response Service", 300),
    ]
    meta = parse_metadata(cover, [], [], "2021")
    assert (meta.report_type, meta.title) == ("Rapid Review", "Home Naloxone Kits: A Review")
    assert meta.service_line == "Rapid Response Service"


# --- joining wrapped text ---------------------------------------------------------------------


def test_a_minus_sign_at_a_line_end_joins_the_number_after_it() -> None:
    assert join_lines(["(MD -1.1; 95% CI, -", "3.3 to 6.0)"]) == "(MD -1.1; 95% CI, -3.3 to 6.0)"
    assert join_lines(["(MD -", "0.2; 95% CI, -3.5 to 4.6)"]) == "(MD -0.2; 95% CI, -3.5 to 4.6)"
    assert join_lines(["a well-", "known"]) == "a well-known"
    assert join_lines(["values ranged from -", "and then"]) == "values ranged from - and then"


def test_reference_wrapped_after_a_semicolon() -> None:
    assert join_reference(["BMJ. 2009 May;", "227(3):614-28."]) == "BMJ. 2009 May;227(3):614-28."
    assert join_reference(["Ann Med. 2014;", "161-70."]) == "Ann Med. 2014;161-70."
    assert join_reference(["London: WHO;", "2013 [cited 2015 Dec 18]."]) == (
        "London: WHO; 2013 [cited 2015 Dec 18]."
    )
