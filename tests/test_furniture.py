"""Running headers and page numbers are dropped, even where a page wraps the header differently."""

from __future__ import annotations

from cadthkit.pdf import Line, Page
from cadthkit.pdf.furniture import strip_furniture

HEAD = [
    "SUMMARY OF ABSTRACTS Off-Label Use of Intravenous Immunoglobulin for Solid Organ",
    "Transplant Rejection: Clinical Effectiveness",
]


def _page(number: int, header: list[str], width: float = 612, height: float = 792) -> Page:
    lines = [
        Line(t, number, 60, 30 + 12 * i, 500, 38 + 12 * i, 8, False) for i, t in enumerate(header)
    ]
    lines.append(Line(f"Body text of page {number}.", number, 60, 100, 500, 110, 10, False))
    lines.append(Line(str(number), number, 300, height - 40, 306, height - 30, 10, False))
    return Page(number, width, height, lines, [])


def test_header_rewrapped_on_a_landscape_page_is_dropped() -> None:
    pages = [_page(n, HEAD) for n in range(2, 6)]
    pages.append(_page(6, [" ".join(HEAD)], width=792, height=612))  # one line on landscape
    pages.append(_page(7, ["A heading that happens to sit high on the page"]))
    strip_furniture(pages)
    assert [[ln.text for ln in p.lines] for p in pages] == [
        [f"Body text of page {n}."] for n in range(2, 7)
    ] + [["A heading that happens to sit high on the page", "Body text of page 7."]]
