"""Heading levels come from ranking bold sizes, with sub-headings just above body size kept h3."""

from __future__ import annotations

from cadthkit.parse.flow import build_flow
from cadthkit.pdf import Line, Page


def _page(number: int, lines: list[tuple[str, float, bool]]) -> Page:
    out = []
    for i, (text, size, bold) in enumerate(lines):
        top = 80 + i * 20
        out.append(Line(text, number, 60, top, 500, top + size, size, bold))
    return Page(number, 612, 792, out, [])


def test_subheading_slightly_above_body_is_h3() -> None:
    body = "A sentence of running text that is long enough to count as body text."
    pages = [
        _page(1, [("CADTH RAPID RESPONSE REPORT: SUMMARY OF ABSTRACTS", 12, True)]),
        _page(2, [("Authors: A", 10, False)]),
        _page(
            3,
            [
                ("References Summarized", 14, True),
                ("Non-Randomized Studies", 11.5, True),
                ("Prospective Observational Studies", 10.5, True),
                *[(body, 10, False)] * 6,
                ("Retrospective Observational Studies", 10, True),
                *[(body, 10, False)] * 6,
            ],
        ),
    ]
    kinds = {item.text: item.kind for item in build_flow(pages) if item.page == 3}
    assert kinds["References Summarized"] == "h1"
    assert kinds["Non-Randomized Studies"] == "h2"
    assert kinds["Prospective Observational Studies"] == "h3"
    assert kinds["Retrospective Observational Studies"] == "h3"


def test_2013_run_in_lines_are_never_headings() -> None:
    """A short title leaves the bold 'TITLE:' label most of the line: in capitals ('TITLE: HPV')
    it still reads as the run-in line, not as the first section."""
    body = "A sentence of running text that is long enough to count as body text."
    pages = [
        _page(
            1,
            [
                ("TITLE: HPV", 10, True),
                ("DATE: 2013-05-30", 10, True),
                ("CONTEXT AND POLICY ISSUES:", 10, True),
                *[(body, 10, False)] * 6,
            ],
        )
    ]
    kinds = {item.text: item.kind for item in build_flow(pages, template="2013")}
    assert kinds["TITLE: HPV"] == kinds["DATE: 2013-05-30"] == "text"
    assert kinds["CONTEXT AND POLICY ISSUES:"] == "h1"
