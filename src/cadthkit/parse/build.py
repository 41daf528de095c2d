"""Assemble a `Report` from the reading-order stream: split it at the top-level headings and
hand each section to its parser."""

from __future__ import annotations

import re

from ..errors import NotAReportError
from ..models import (
    Box,
    ParseWarning,
    ReferenceGroup,
    Report,
    Source,
    SummaryTable,
    TextBlock,
    TextCitation,
)
from ..pdf import Grid, Line, Page
from .citations import SUPERSCRIPT, parse_callout
from .criteria import parse_criteria
from .flow import CAPTION, Item, body_size, build_flow
from .metadata import parse_metadata
from .references import parse_reference_items
from .studies import parse_summary_table
from .text import join_lines, paragraph_text, paragraphs

H_QUESTIONS = ("research question",)
H_KEY = ("key finding",)
H_METHODS = ("methods",)
H_CRITERIA = ("selection criteria",)
H_RESULTS = ("results", "summary of evidence")
H_SUMMARY = ("overall summary",)
H_REFERENCES = ("references",)
H_APPENDIX = ("appendix",)
_NUMBERED = re.compile(r"^\d+\.\s+")


def _is(heading: str, names: tuple[str, ...]) -> bool:
    h = heading.lower()
    return any(h.startswith(n) for n in names)


def _sections(items: list[Item]) -> list[tuple[str, list[Item]]]:
    sections: list[tuple[str, list[Item]]] = []
    for item in items:
        if item.kind == "h1" or (item.kind == "h2" and _is(item.text, H_CRITERIA)):
            sections.append((item.text, []))
        elif sections:
            sections[-1][1].append(item)
    return sections


def _text_lines(items: list[Item]) -> list[Line]:
    return [i.line for i in items if i.kind == "text" and i.line is not None]


def _paragraph_texts(items: list[Item]) -> list[tuple[str, list[Line]]]:
    return [(paragraph_text(p), p) for p in paragraphs(_text_lines(items))]


def _questions(items: list[Item]) -> list[str]:
    lines = _text_lines(items)
    if lines and _NUMBERED.match(lines[0].text):
        out: list[list[str]] = []
        for line in lines:
            if _NUMBERED.match(line.text):
                out.append([_NUMBERED.sub("", line.text)])
            elif out:
                out[-1].append(line.text)
        return [join_lines(q) for q in out]
    return [t for t, _ in _paragraph_texts(items)]


def _tables(items: list[Item], warnings: list[ParseWarning], body: float) -> list[SummaryTable]:
    """Every 'Table N:' caption followed by grids (N ≥ 2, or a 'Summary of' caption)."""
    tables: list[SummaryTable] = []
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind != "caption" or not _is_summary_caption(item.text):
            i += 1
            continue
        grids: list[Grid] = []
        footnote: list[Line] = []
        j = i + 1
        while j < len(items):
            nxt = items[j]
            if nxt.kind == "grid" and nxt.grid is not None:
                if footnote:
                    break
                grids.append(nxt.grid)
            elif nxt.kind == "text" and grids and nxt.line is not None and nxt.line.size < body:
                footnote.append(nxt.line)
            else:
                break
            j += 1
        if grids:
            foot = paragraph_text(footnote) if footnote else None
            tables.append(parse_summary_table(item.text, grids, foot, warnings))
        i = j
    return tables


def _block(field: str, index: int, lines: list[Line]) -> TextBlock:
    """One box per page around the lines of a paragraph."""
    boxes: list[Box] = []
    for page in dict.fromkeys(ln.page for ln in lines):
        on = [ln for ln in lines if ln.page == page]
        boxes.append(
            Box(
                page=page,
                x0=min(ln.x0 for ln in on),
                top=min(ln.top for ln in on),
                x1=max(ln.x1 for ln in on),
                bottom=max(ln.bottom for ln in on),
            )
        )
    return TextBlock(field=field, index=index, boxes=boxes)


def _is_summary_caption(text: str) -> bool:
    m = CAPTION.match(text)
    return m is not None and (int(m.group(1)) >= 2 or "summary of" in text.lower())


def _text_citations(section: str, paras: list[tuple[str, list[Line]]]) -> list[TextCitation]:
    out: list[TextCitation] = []
    for pi, (text, lines) in enumerate(paras):
        sup_boxes = [(s, ln) for ln in lines for s in ln.sups]
        sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z])", text)
        k = 0
        for sentence in sentences:
            for m in SUPERSCRIPT.finditer(sentence):
                raw = m.group(1)
                box = None
                page = lines[0].page
                if k < len(sup_boxes):
                    (_, x0, top, x1, bottom), line = sup_boxes[k]
                    page = line.page
                    box = Box(page=page, x0=x0, top=top, x1=x1, bottom=bottom)
                k += 1
                out.append(
                    TextCitation(
                        raw=raw,
                        numbers=parse_callout(raw) or [],
                        box=box,
                        section=section,
                        paragraph=pi,
                        sentence=sentence,
                        page=page,
                    )
                )
    return out


def build_report(pages: list[Page], source: Source, tool_version: str) -> Report:
    warnings: list[ParseWarning] = []
    items = build_flow(pages)
    if not any(p.lines or p.grids for p in pages):
        raise NotAReportError(
            source.path, "has no text layer (a scanned image?); OCR is not supported"
        )
    first_h1 = next(
        (
            i
            for i, it in enumerate(items)
            if it.kind == "h1" and not _is(it.text, ("cadth",)) and it.page > 1
        ),
        len(items),
    )
    cover = [ln for ln in pages[0].lines]
    front = [it.line for it in items[:first_h1] if it.line is not None and it.page > 1]
    meta = parse_metadata(cover, front, warnings)
    body = body_size(pages)
    report = Report(tool_version=tool_version, source=source, metadata=meta)
    sections = _sections(items[first_h1:])
    found: set[str] = set()
    for name, sec in sections:
        if _is(name, H_QUESTIONS):
            found.add("questions")
            report.research_questions = _questions(sec)
        elif _is(name, H_KEY):
            found.add("key")
            _single_text(report, "key_findings", sec)
        elif _is(name, H_METHODS):
            found.add("methods")
            _single_text(report, "methods", sec)
        elif _is(name, H_CRITERIA):
            found.add("criteria")
            _criteria(report, sec)
        elif _is(name, H_SUMMARY):
            _running_text(report, name, sec, "overall_summary", body, warnings)
        elif _is(name, H_APPENDIX):
            report.appendix_heading = name
            _, _, groups = parse_reference_items(sec, warnings)
            report.appendix = [ReferenceGroup(heading=h, references=r) for h, r in groups]
        elif _is(name, H_REFERENCES) or (_is(name, H_RESULTS) and _has_entries(sec)):
            # A Reference List report lists its references under "Results".
            found.add("references")
            report.references_heading = name
            refs, empty, _ = parse_reference_items(sec, warnings)
            report.references, report.reference_sections_empty = refs, empty
        elif _is(name, H_RESULTS):
            _running_text(report, name, sec, "results_paragraphs", body, warnings)
    if not found and meta.report_type is None:
        raise NotAReportError(
            source.path,
            "is not a CADTH Rapid Response report (no cover band and none of its section headings)",
        )
    _warn_missing(report, found, warnings)
    report.warnings = warnings
    return report


def _single_text(report: Report, field: str, sec: list[Item]) -> None:
    """A section read as one text (Key Findings, Methods), with where it is printed."""
    paras = _paragraph_texts(sec)
    setattr(report, field, " ".join(t for t, _ in paras) or None)
    lines = [ln for _, p in paras for ln in p]
    if lines:
        report.text_blocks.append(_block(field, 0, lines))


def _running_text(
    report: Report,
    name: str,
    sec: list[Item],
    field: str,
    body: float,
    warnings: list[ParseWarning],
) -> None:
    """Paragraphs with citations (Results, Overall Summary) and the summary tables among them."""
    paras = _paragraph_texts(_without_footnotes(sec, body))
    setattr(report, field, [t for t, _ in paras])
    report.text_blocks += [_block(field, i, p) for i, (_, p) in enumerate(paras)]
    report.text_citations += _text_citations(name, paras)
    report.summary_tables += _tables(sec, warnings, body)


def _has_entries(sec: list[Item]) -> bool:
    return any(it.kind == "text" and re.match(r"^\d{1,4}\.\s", it.text) for it in sec) and any(
        it.kind == "h2" for it in sec
    )


def _without_footnotes(sec: list[Item], body: float) -> list[Item]:
    """Drop a table's footnote: the smaller-than-body lines right after its grid."""
    out: list[Item] = []
    after_grid = False
    for item in sec:
        small = item.kind == "text" and item.line is not None and item.line.size < body
        if item.kind == "grid":
            after_grid = True
        elif after_grid and small:
            continue
        else:
            after_grid = False
        out.append(item)
    return out


def _criteria(report: Report, sec: list[Item]) -> None:
    intro: list[Item] = []
    grids: list[Grid] = []
    in_table = False
    for it in sec:
        if it.kind == "caption":
            in_table = True
        elif it.kind == "grid" and it.grid is not None:
            grids.append(it.grid)
            in_table = True
        elif not in_table:
            intro.append(it)
    paras = _paragraph_texts(intro)
    report.selection_criteria_intro = " ".join(t for t, _ in paras) or None
    intro_lines = [ln for _, p in paras for ln in p]
    if intro_lines:
        report.text_blocks.append(_block("selection_criteria_intro", 0, intro_lines))
    report.selection_criteria = parse_criteria(grids[:1] + _continuations(grids))


def _continuations(grids: list[Grid]) -> list[Grid]:
    return [g for g in grids[1:] if g.page != grids[0].page]


def _warn_missing(report: Report, found: set[str], warnings: list[ParseWarning]) -> None:
    wanted = {
        "questions": "Research Questions",
        "key": "Key Findings",
        "methods": "Methods",
        "criteria": "Selection Criteria (Table 1)",
        "references": "reference list",
    }
    for key, label in wanted.items():
        if key not in found:
            warnings.append(
                ParseWarning(code="missing_section", message=f"No {label} section found.")
            )
    if "criteria" in found and not report.selection_criteria:
        warnings.append(
            ParseWarning(code="missing_section", message="Selection Criteria has no Table 1 grid.")
        )
    if report.metadata.report_type != "Reference List" and not report.summary_tables:
        warnings.append(
            ParseWarning(
                code="missing_summary_table", message="No 'Table N: Summary of ...' table found."
            )
        )
    if "references" in found and not report.references:
        warnings.append(
            ParseWarning(
                code="empty_reference_list", message="The reference list has no numbered entries."
            )
        )
