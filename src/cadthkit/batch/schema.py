"""The store's tables, declared once: the DDL, the export and the documented schema come from here.

A column whose kind is JSON holds JSON text in SQLite (query it with `json_each`/`json_extract`);
`cadthkit export --format jsonl` writes it decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

STORE_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # SQLite type, or "JSON" (stored as TEXT)
    doc: str
    key: bool = False
    required: bool = False

    @property
    def sql(self) -> str:
        kind = "TEXT" if self.kind == "JSON" else self.kind
        return f"{self.name} {kind}{' NOT NULL' if self.required or self.key else ''}"


C = Column
_REPORT_FK = C("sha256", "TEXT", "Report this row belongs to (reports.sha256).", key=True)

TABLES: dict[str, list[Column]] = {
    "reports": [
        C("sha256", "TEXT", "SHA-256 of the PDF bytes; one row per distinct file content.", True),
        C("path", "TEXT", "Path it was extracted from (`files` lists copies).", False, True),
        C("status", "TEXT", "ok (audit clean), findings, unaudited, or audit_failed.", False, True),
        C("tool_version", "TEXT", "cadthkit version that wrote the row.", False, True),
        C("schema_version", "INTEGER", "Version of the record format in `record`.", False, True),
        C("title", "TEXT", "Report title from the cover."),
        C("report_type", "TEXT", "e.g. Summary of Abstracts, Reference List."),
        C("service_line", "TEXT", "'Service Line:' value."),
        C("version", "TEXT", "'Version:' value as printed."),
        C("publication_date", "TEXT", "ISO date; null when unreadable."),
        C("publication_year", "INTEGER", "Year of publication_date."),
        C("report_length_pages", "INTEGER", "Page count printed on the cover."),
        C("authors", "JSON", "Author names (JSON list)."),
        C("page_count", "INTEGER", "Pages in the PDF.", False, True),
        C("n_tables", "INTEGER", "Summary tables."),
        C("n_studies", "INTEGER", "Summary-table study rows (rows in `studies`)."),
        C("n_references", "INTEGER", "Main-list references."),
        C("n_appendix_references", "INTEGER", "Further-information references."),
        C("n_text_citations", "INTEGER", "Citation callouts in running text."),
        C("n_findings", "INTEGER", "Audit findings; null when not audited."),
        C("n_warnings", "INTEGER", "Parser warnings in the record."),
        C("audit_error", "TEXT", "Why the audit failed (status audit_failed)."),
        C("seconds", "REAL", "Worker time for extract + audit."),
        C("processed_at", "TEXT", "UTC time the row was written (ISO 8601)."),
        C("record", "JSON", "The full Report record.", False, True),
    ],
    "studies": [
        _REPORT_FK,
        C("table_index", "INTEGER", "0-based summary table within the report.", True),
        C("row_index", "INTEGER", "0-based row within the table.", True),
        C("table_number", "INTEGER", "N from 'Table N:'."),
        C("table_title", "TEXT", "Table caption."),
        C("section", "TEXT", "Section row above, e.g. 'Randomized Controlled Trials'."),
        C("label", "TEXT", "'Author (Year)' as printed."),
        C("first_author", "TEXT", "Author before '(Year)'."),
        C("year", "INTEGER", "Study year; null when not a plausible year."),
        C("year_raw", "TEXT", "Year as printed."),
        C("citation_raw", "TEXT", "Superscript after 'Author (Year)', as printed."),
        C("citation_numbers", "JSON", "Reference numbers it denotes (JSON list; [] unreadable)."),
        C("page", "INTEGER", "First page of the row."),
        C("cells", "JSON", "Remaining columns (JSON list; a bulleted cell is a list)."),
    ],
    "refs": [
        _REPORT_FK,
        C("list", "TEXT", "main (reference list) or appendix (further information).", True),
        C("position", "INTEGER", "0-based order within that list.", True),
        C("number", "INTEGER", "Reference number as printed.", False, True),
        C("section", "TEXT", "Design heading (main) or appendix heading."),
        C("subsection", "TEXT", "Sub-heading, where printed."),
        C("text", "TEXT", "Reference as printed.", False, True),
        C("authors", "JSON", "Author names (JSON list)."),
        C("title", "TEXT", "Article or report title."),
        C("journal", "TEXT", "Journal abbreviation."),
        C("year", "INTEGER", "Publication year."),
        C("volume", "TEXT", "Volume."),
        C("issue", "TEXT", "Issue."),
        C("pages", "TEXT", "Pages or article number."),
        C("pmid", "TEXT", "PubMed ID."),
        C("doi", "TEXT", "DOI."),
        C("url", "TEXT", "First link in the text."),
        C("page", "INTEGER", "Page where the reference starts."),
    ],
    "citations": [
        _REPORT_FK,
        C("position", "INTEGER", "0-based order in the report.", True),
        C("raw", "TEXT", "Superscript as printed.", False, True),
        C("numbers", "JSON", "Reference numbers it denotes (JSON list)."),
        C("section", "TEXT", "Heading of the section."),
        C("paragraph", "INTEGER", "Paragraph index within the section."),
        C("sentence", "TEXT", "Sentence around the callout, ^{...} marked."),
        C("page", "INTEGER", "Page of the callout."),
    ],
    "findings": [
        _REPORT_FK,
        C("position", "INTEGER", "0-based order in the audit result.", True),
        C("code", "TEXT", "Finding code, e.g. citation_mismatch.", False, True),
        C("severity", "TEXT", "error, warning or info.", False, True),
        C("message", "TEXT", "What is wrong, in one sentence.", False, True),
        C("page", "INTEGER", "Page concerned."),
        C("table_title", "TEXT", "Table concerned."),
        C("section", "TEXT", "Section concerned."),
        C("row", "TEXT", "Summary-table row 'Author (Year)'."),
        C("reference", "INTEGER", "Reference number concerned."),
        C("printed", "TEXT", "What is printed."),
        C("expected", "INTEGER", "What should be printed, where known."),
        C("numbers", "JSON", "Reference numbers involved (JSON list)."),
        C("matched_reference", "INTEGER", "Reference the row matched."),
        C("confidence", "REAL", "How sure the match is (0-1)."),
        C("suggested_fix", "TEXT", "What to change."),
        C("finding", "JSON", "The full Finding."),
    ],
    "failures": [
        C("path", "TEXT", "File that failed.", True),
        C("sha256", "TEXT", "SHA-256 of the file, when it could be read."),
        C("stage", "TEXT", "read, extract or audit.", False, True),
        C("reason", "TEXT", "error, timeout, memory, crashed, unreadable or skipped.", False, True),
        C("error_class", "TEXT", "Exception class, or the signal that ended the worker."),
        C("message", "TEXT", "One line saying what went wrong.", False, True),
        C("tool_version", "TEXT", "cadthkit version of the attempt.", False, True),
        C("seconds", "REAL", "Time spent before it failed."),
        C("failed_at", "TEXT", "UTC time of the failure (ISO 8601)."),
    ],
    "files": [
        C("path", "TEXT", "Every PDF path seen, copies included.", True),
        C("sha256", "TEXT", "Its content hash (join to reports or failures)."),
        C("size", "INTEGER", "Bytes."),
        C("seen_at", "TEXT", "UTC time last seen by a run."),
    ],
}

CHILD_TABLES = ("studies", "refs", "citations", "findings")


def ddl() -> list[str]:
    """CREATE statements for every table (idempotent)."""
    statements = ["CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT)"]
    for table, columns in TABLES.items():
        parts = [c.sql for c in columns]
        keys = [c.name for c in columns if c.key]
        parts.append(f"PRIMARY KEY ({', '.join(keys)})")
        if table in CHILD_TABLES:
            parts.append("FOREIGN KEY (sha256) REFERENCES reports (sha256) ON DELETE CASCADE")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    statements += [
        "CREATE INDEX IF NOT EXISTS findings_code ON findings (code)",
        "CREATE INDEX IF NOT EXISTS studies_section ON studies (section)",
        "CREATE INDEX IF NOT EXISTS refs_pmid ON refs (pmid)",
        "CREATE INDEX IF NOT EXISTS files_sha ON files (sha256)",
    ]
    return statements


def markdown() -> str:
    """The schema as Markdown tables, for docs (a test keeps the docs in step)."""
    out = []
    for table, columns in TABLES.items():
        out.append(f"#### `{table}`\n\n| column | type | meaning |\n|---|---|---|")
        for c in columns:
            kind = c.kind + (" (key)" if c.key else "")
            out.append(f"| `{c.name}` | {kind} | {c.doc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
