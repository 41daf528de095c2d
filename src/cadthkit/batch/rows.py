"""Flatten one extracted Report (and its findings) into store rows.

Runs in the worker, so the single writing process only inserts plain tuples and never pays for
validation or serialisation.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from ..models import Finding, Report
from .schema import TABLES

Row = dict[str, Any]


@dataclass
class ReportRows:
    """Everything the store writes for one report: the `reports` row and its child rows."""

    sha256: str
    page_count: int
    report: Row
    children: dict[str, list[Row]] = field(default_factory=dict)
    findings_by_code: dict[str, int] = field(default_factory=dict)
    audit_error_class: str | None = None


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def report_rows(
    report: Report,
    findings: list[Finding] | None,
    *,
    audit_error: str | None = None,
    audit_error_class: str | None = None,
    seconds: float | None = None,
) -> ReportRows:
    """Rows for `report`; `findings` None means the audit did not run (or failed)."""
    sha = report.source.sha256
    md = report.metadata
    studies = [
        {
            "sha256": sha,
            "table_index": t,
            "row_index": r,
            "table_number": table.number,
            "table_title": table.title,
            "section": row.section,
            "label": row.label,
            "first_author": row.first_author,
            "year": row.year,
            "year_raw": row.year_raw,
            "citation_raw": row.citation.raw,
            "citation_numbers": _j(row.citation.numbers),
            "page": row.pages[0] if row.pages else (row.box.page if row.box else None),
            "cells": _j(row.cells),
        }
        for t, table in enumerate(report.summary_tables)
        for r, row in enumerate(table.rows)
    ]
    refs = [_ref_row(sha, "main", i, ref, ref.section) for i, ref in enumerate(report.references)]
    appendix = [(g.heading, ref) for g in report.appendix for ref in g.references]
    refs += [_ref_row(sha, "appendix", i, ref, h) for i, (h, ref) in enumerate(appendix)]
    citations = [
        {
            "sha256": sha,
            "position": i,
            "raw": c.raw,
            "numbers": _j(c.numbers),
            "section": c.section,
            "paragraph": c.paragraph,
            "sentence": c.sentence,
            "page": c.page,
        }
        for i, c in enumerate(report.text_citations)
    ]
    finding_rows = [_finding_row(sha, i, f) for i, f in enumerate(findings or [])]
    by_code: dict[str, int] = {}
    for f in findings or []:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    if audit_error is not None:
        status = "audit_failed"
    elif findings is None:
        status = "unaudited"
    else:
        status = "findings" if findings else "ok"
    row: Row = {
        "sha256": sha,
        "path": report.source.path,
        "status": status,
        "tool_version": report.tool_version,
        "schema_version": report.schema_version,
        "title": md.title,
        "report_type": md.report_type,
        "service_line": md.service_line,
        "version": md.version,
        "publication_date": md.publication_date.isoformat() if md.publication_date else None,
        "publication_year": md.publication_date.year if md.publication_date else None,
        "report_length_pages": md.report_length_pages,
        "authors": _j(md.authors),
        "page_count": report.source.page_count,
        "n_tables": len(report.summary_tables),
        "n_studies": len(studies),
        "n_references": len(report.references),
        "n_appendix_references": len(appendix),
        "n_text_citations": len(citations),
        "n_findings": None if findings is None else len(findings),
        "n_warnings": len(report.warnings),
        "audit_error": audit_error,
        "seconds": seconds,
        "processed_at": None,  # set by the store when it writes
        "record": report.model_dump_json(),
    }
    assert set(row) == {c.name for c in TABLES["reports"]}
    return ReportRows(
        sha256=sha,
        page_count=report.source.page_count,
        report=row,
        children={
            "studies": studies,
            "refs": refs,
            "citations": citations,
            "findings": finding_rows,
        },
        findings_by_code=by_code,
        audit_error_class=audit_error_class,
    )


def _ref_row(sha: str, kind: str, position: int, ref: Any, section: str | None) -> Row:
    return {
        "sha256": sha,
        "list": kind,
        "position": position,
        "number": ref.number,
        "section": section,
        "subsection": ref.subsection,
        "text": ref.text,
        "authors": _j(ref.authors),
        "title": ref.title,
        "journal": ref.journal,
        "year": ref.year,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "pmid": ref.pmid,
        "doi": ref.doi,
        "url": ref.url,
        "page": ref.box.page if ref.box else None,
    }


def _finding_row(sha: str, position: int, f: Finding) -> Row:
    loc = f.location
    return {
        "sha256": sha,
        "position": position,
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "page": loc.page if loc.page is not None else (loc.box.page if loc.box else None),
        "table_title": loc.table,
        "section": loc.section,
        "row": loc.row,
        "reference": loc.reference,
        "printed": None if f.printed is None else str(f.printed),
        "expected": f.expected,
        "numbers": _j(f.numbers),
        "matched_reference": f.matched_reference,
        "confidence": f.confidence,
        "suggested_fix": f.suggested_fix,
        "finding": f.model_dump_json(),
    }
