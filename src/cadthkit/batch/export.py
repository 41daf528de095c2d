"""The store exported for analysts: one file per table (CSV or JSON lines) and, with CSV, one
CSV per summary table of every stored report. No CSV cell exceeds what a spreadsheet holds."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..errors import OutputError
from ..export import EXCEL_CELL_LIMIT, fit_cell
from ..export.tables import cell_columns, table_csvs
from ..files import write_atomic, write_bytes_atomic
from ..models import Report
from .schema import TABLES

Format = Literal["csv", "jsonl"]


def export(
    db: str | Path,
    fmt: Format,
    out_dir: str | Path,
    *,
    notes: list[str] | None = None,
    tables: bool = False,
) -> list[Path]:
    """Write every table of the store at `db` to `out_dir`, one `TABLE.csv|jsonl` file each;
    with `tables`, also one CSV per summary table of every report under `out_dir/tables/`.

    `studies.cells` is written as an object keyed by the table's printed column headers. A CSV
    cell longer than a spreadsheet holds is cut with a marker; `notes` gets one line per file
    that has such cells."""
    db, out = Path(db), Path(out_dir)
    notes = notes if notes is not None else []
    if fmt not in ("csv", "jsonl"):
        raise OutputError(None, f"format must be one of 'csv', 'jsonl', got {fmt!r}")
    if not db.is_file():
        raise OutputError(db, "no such store")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(out, f"cannot create the output folder ({e.strerror})") from e
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        conn.execute("SELECT 1 FROM reports LIMIT 1")
    except sqlite3.DatabaseError as e:
        raise OutputError(db, f"not a cadthkit store ({e})") from e
    written = []
    try:
        headers = _cell_headers(conn)
        for table, columns in TABLES.items():
            target = out / f"{table}.{fmt}"
            cursor = conn.execute(f"SELECT {', '.join(c.name for c in columns)} FROM {table}")
            rows: Iterable[tuple[Any, ...]] = cursor
            if table == "studies":
                rows = _named_cells(cursor, [c.name for c in columns], headers)
            cut: list[int] = [0]
            write_atomic(
                target, partial(_write_table, fmt=fmt, columns=columns, rows=rows, cut=cut)
            )
            written.append(target)
            if cut[0]:
                notes.append(
                    f"{target}: {cut[0]} cell(s) longer than {EXCEL_CELL_LIMIT:,} characters "
                    f"cut (marked); {table}.jsonl (--format jsonl) holds them whole"
                )
        if tables:
            written += _summary_tables(conn, out / "tables", notes)
    finally:
        conn.close()
    return written


def _records(conn: sqlite3.Connection) -> Iterable[tuple[str, str, Report]]:
    from pydantic import ValidationError

    for sha, path, record in conn.execute("SELECT sha256, path, record FROM reports ORDER BY path"):
        try:
            yield sha, path, Report.model_validate_json(record)
        except ValidationError:
            continue  # written by another version of the record format


def _cell_headers(conn: sqlite3.Connection) -> dict[tuple[str, int], list[str]]:
    """(sha256, table_index) → the printed headers of the table's cells."""
    return {
        (sha, i): cell_columns(table)
        for sha, _, report in _records(conn)
        for i, table in enumerate(report.summary_tables)
    }


def _named_cells(
    rows: Iterable[tuple[Any, ...]], names: list[str], headers: dict[tuple[str, int], list[str]]
) -> Iterable[tuple[Any, ...]]:
    """Studies rows with `cells` as {header: cell} (a header printed twice gets ' (2)')."""
    at_sha, at_table, at_cells = (names.index(n) for n in ("sha256", "table_index", "cells"))
    for row in rows:
        cells = json.loads(row[at_cells]) if row[at_cells] else []
        heads = headers.get((row[at_sha], row[at_table]), [])
        named: dict[str, Any] = {}
        for i, cell in enumerate(cells):
            key = heads[i] if i < len(heads) else f"Column {i + 1}"
            n = 2
            while key in named:
                key, n = f"{heads[i] if i < len(heads) else key} ({n})", n + 1
            named[key] = cell
        out = list(row)
        out[at_cells] = json.dumps(named, ensure_ascii=False)
        yield tuple(out)


def _summary_tables(conn: sqlite3.Connection, folder: Path, notes: list[str]) -> list[Path]:
    """One CSV per summary table of every stored report: tables/STEM-SHA8.table-N.csv."""
    folder.mkdir(exist_ok=True)
    written = []
    for sha, path, report in _records(conn):
        texts, cut = table_csvs(report, f"{Path(path).stem}-{sha[:8]}")
        for name, text in texts.items():
            written.append(write_bytes_atomic(folder / name, ("\ufeff" + text).encode("utf-8")))
        if cut:
            notes.append(
                f"{path}: {cut} summary-table cell(s) cut to {EXCEL_CELL_LIMIT:,} characters"
            )
    return written


def _write_table(
    tmp: Path, fmt: Format, columns: list[Any], rows: Iterable[tuple[Any, ...]], cut: list[int]
) -> None:
    names = [c.name for c in columns]
    is_json = [c.kind == "JSON" for c in columns]
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            writer = csv.writer(fh)
            writer.writerow(names)
            for row in rows:
                fitted = [fit_cell(v, "the jsonl export") for v in row]
                cut[0] += sum(was_cut for _, was_cut in fitted)
                writer.writerow([v for v, _ in fitted])
        else:
            for row in rows:
                record = {
                    n: json.loads(v) if j and v is not None else v
                    for n, j, v in zip(names, is_json, row, strict=True)
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
