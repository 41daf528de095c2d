"""Assemble a `Report` from the reading-order stream: recognise the template and the report
type, split the stream at its section headings, hand each section to its parser, and build the
record once from the values they return.

Summary of Abstracts and Reference List reports are read section by section. Critical
Appraisal reports (Summary with Critical Appraisal, 2021 Rapid Review) also keep their running
text as `body`, from which the format 1 text fields are copied, and carry their tables, flow
diagram and further references in appendices.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import NotAReportError
from ..models import ParseWarning, ReferenceGroup, Report, Source
from ..models.report import Template
from ..pdf import Grid, Page
from .abbreviations import parse_abbreviations
from .body import parse_body
from .completeness import length_warning, page_warnings, reference_warnings, table_warnings
from .criteria import parse_criteria
from .flow import Item, body_size, build_flow, is_box, page_lines
from .frontmatter import parse_front_matter
from .metadata import parse_metadata
from .prisma import parse_prisma
from .references import parse_reference_items
from .running import paragraphs_of, running, single, text_lines
from .sections import Section, role, split_sections, starts_section
from .tables import find_tables, without_tables
from .template import CRITICAL_APPRAISAL, detect_template
from .text import join_lines
from .unnumbered import parse_unnumbered

_NUMBERED = re.compile(r"^\d+\.\s+")
_ENTRY = re.compile(r"^\d+\.\s")
_BODY_END = ("references", "prisma", "appendix", "further")

Fields = dict[str, Any]


def build_report(pages: list[Page], source: Source, tool_version: str) -> Report:
    if not any(page_lines(p) or any(not is_box(g) for g in p.grids) for p in pages):
        raise NotAReportError(
            source.path, "has no text layer (a scanned image?); OCR is not supported"
        )
    warnings: list[ParseWarning] = []
    cover = page_lines(pages[0])
    template = detect_template(cover)
    items = build_flow(pages, template=template)
    start = _first_heading(items, template)
    front = [it.line for it in items[:start] if it.line is not None and it.page > 1]
    if template == "2013":  # no cover page: the run-in lines above the first heading
        cover = [it.line for it in items[:start] if it.line is not None]
    meta = parse_metadata(cover, front, warnings, template)
    found: Fields = {"front_matter": parse_front_matter(cover if template == "2013" else front)}
    body_pt = body_size(pages)
    critical = meta.report_type in CRITICAL_APPRAISAL or _has_appraisal(items)
    roles: set[str] = set()
    for sec in split_sections(items[start:]):
        roles.add(sec.role or "")
        part = _critical_section(sec, warnings, body_pt) if critical else None
        if part is None:
            part = _section(sec, warnings, body_pt)
        _merge(found, part)
    if critical:
        _merge(found, _body(items[start:], body_pt))
    if not roles & {"questions", "key", "methods", "criteria", "references"} and (
        meta.report_type is None
    ):
        raise NotAReportError(
            source.path,
            "is not a CADTH Rapid Response report (no cover band and none of its section headings)",
        )
    _warn_missing(found, roles, meta.report_type, warnings)
    warnings += page_warnings(pages, items)
    warnings += length_warning(meta.report_length_pages, len(pages))
    warnings += reference_warnings(found)
    warnings += table_warnings(items, found.get("summary_tables", []))
    return Report(
        tool_version=tool_version, source=source, metadata=meta, warnings=warnings, **found
    )


def _first_heading(items: list[Item], template: Template | None) -> int:
    """Where the report proper starts: its first section heading after the cover."""
    for i, it in enumerate(items):
        if it.kind != "h1":
            continue
        if template == "2013" or (it.page > 1 and not it.text.lower().startswith("cadth")):
            return i
    return len(items)


def _has_appraisal(items: list[Item]) -> bool:
    return any(it.kind in ("h1", "h2") and role(it.text) == "quantity" for it in items)


def _merge(found: Fields, part: Fields) -> None:
    """Lists accumulate in reading order; other values: the first one found wins."""
    for key, value in part.items():
        if isinstance(value, list):
            found.setdefault(key, []).extend(value)
        elif found.get(key) in (None, {}):
            found[key] = value


def _section(sec: Section, warnings: list[ParseWarning], body_pt: float) -> Fields:
    """One section of a Summary of Abstracts or Reference List report."""
    r, items = sec.role, sec.items
    if r == "abbreviations":
        return {"abbreviations": parse_abbreviations(items)}
    if r == "questions":
        return {"research_questions": _questions(items)}
    if r in ("key", "methods"):
        field = "key_findings" if r == "key" else "methods"
        text, blocks = single(field, items)
        return {field: text, "text_blocks": blocks}
    if r == "criteria":
        return _criteria(items)
    if r == "prisma":
        return {"prisma": parse_prisma(items)}
    if r in ("references", "results") and (r == "references" or _has_entries(items)):
        # A Reference List report lists its references under "Results".
        refs, empty, _ = parse_reference_items(items, warnings)
        return {
            "references_heading": sec.heading,
            "references": refs,
            "reference_sections_empty": empty,
        }
    if r == "further" or (r == "appendix" and _has_references(items)):
        return _further(sec, warnings)
    if r in ("results", "summary"):
        field = "overall_summary" if r == "summary" else "results_paragraphs"
        paras = running(field, sec.heading, without_tables(items, body_pt))
        return {
            field: paras.paragraphs,
            "text_blocks": paras.blocks,
            "text_citations": paras.citations,
            "summary_tables": find_tables(items, warnings, body_pt),
        }
    if r == "appendix":
        return {"summary_tables": find_tables(items, warnings, body_pt, sec.heading)}
    return {}


def _critical_section(sec: Section, warnings: list[ParseWarning], body_pt: float) -> Fields | None:
    """A section of a Critical Appraisal report where it differs; None: read it as above."""
    if sec.role in ("key", "methods"):
        return {}  # running text: read from the body
    if sec.role in ("results", "summary"):
        return {"summary_tables": find_tables(sec.items, warnings, body_pt)}
    if sec.role == "criteria":
        return {"selection_criteria": _criteria(sec.items)["selection_criteria"]}
    if sec.role == "appendix":
        return {"summary_tables": find_tables(sec.items, warnings, body_pt, sec.heading)}
    return None


def _body(items: list[Item], body_pt: float) -> Fields:
    """The running text from the first body heading to the reference list."""
    begin = next(
        (
            i
            for i, it in enumerate(items)
            if starts_section(it) and role(it.text) != "abbreviations"
        ),
        len(items),
    )
    end = next(
        (
            i
            for i, it in enumerate(items)
            if i > begin and it.kind == "h1" and role(it.text) in _BODY_END
        ),
        len(items),
    )
    body = parse_body(items[begin:end], body_pt)
    return {
        "body": body.sections,
        **body.copies,
        "text_blocks": body.blocks,
        "text_citations": body.citations,
    }


def _questions(items: list[Item]) -> list[str]:
    lines = text_lines(items)
    if lines and _NUMBERED.match(lines[0].text):
        out: list[list[str]] = []
        for line in lines:
            if _NUMBERED.match(line.text):
                out.append([_NUMBERED.sub("", line.text)])
            elif out:
                out[-1].append(line.text)
        return [join_lines(q) for q in out]
    return [p.text for p in paragraphs_of(items)]


def _criteria(items: list[Item]) -> Fields:
    """The paragraph introducing Table 1, and Table 1 (a row split by a page break continues
    on the next page's grid)."""
    intro: list[Item] = []
    grids: list[Grid] = []
    in_table = False
    for it in items:
        if it.kind == "caption":
            in_table = True
        elif it.kind == "grid" and it.grid is not None:
            grids.append(it.grid)
            in_table = True
        elif not in_table:
            intro.append(it)
    text, blocks = single("selection_criteria_intro", intro)
    continued = [g for g in grids[1:] if grids and g.page != grids[0].page]
    return {
        "selection_criteria_intro": text,
        "text_blocks": blocks,
        "selection_criteria": parse_criteria(grids[:1] + continued),
    }


def _has_entries(items: list[Item]) -> bool:
    return any(it.kind == "text" and _ENTRY.match(it.text) for it in items) and any(
        it.kind == "h2" for it in items
    )


def _has_references(items: list[Item]) -> bool:
    return any(it.kind == "text" and (_ENTRY.match(it.text) or "PubMed" in it.text) for it in items)


def _further(sec: Section, warnings: list[ParseWarning]) -> Fields:
    """Further references: numbered on from the main list under design headings, or printed
    unnumbered under the appendix title (Additional References of Potential Interest)."""
    if any(it.kind == "text" and _ENTRY.match(it.text) for it in sec.items):
        _, _, groups = parse_reference_items(sec.items, warnings)
        appendix = [ReferenceGroup(heading=h, references=r) for h, r in groups]
    else:
        refs = parse_unnumbered(sec.items, sec.heading)
        appendix = [ReferenceGroup(heading=None, references=refs)] if refs else []
    return {"appendix_heading": sec.heading, "appendix": appendix}


def _warn_missing(
    found: Fields, roles: set[str], report_type: str | None, warnings: list[ParseWarning]
) -> None:
    wanted = {
        "questions": "Research Questions",
        "key": "Key Findings",
        "methods": "Methods",
        "criteria": "Selection Criteria (Table 1)",
        "references": "reference list",
    }
    has_refs = "references" in roles or bool(found.get("references_heading"))
    for key, label in wanted.items():
        if key not in roles and not (key == "references" and has_refs):
            warnings.append(
                ParseWarning(code="missing_section", message=f"No {label} section found.")
            )
    if "criteria" in roles and not found.get("selection_criteria"):
        warnings.append(
            ParseWarning(code="missing_section", message="Selection Criteria has no Table 1 grid.")
        )
    if report_type != "Reference List" and not found.get("summary_tables"):
        warnings.append(
            ParseWarning(
                code="missing_summary_table", message="No 'Table N: Summary of ...' table found."
            )
        )
    if has_refs and not found.get("references"):
        warnings.append(
            ParseWarning(
                code="empty_reference_list", message="The reference list has no numbered entries."
            )
        )
