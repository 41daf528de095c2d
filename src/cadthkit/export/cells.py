"""Spreadsheet cells: Excel (and LibreOffice) hold at most 32,767 characters in a cell and cut
or refuse the rest silently. Every CSV cadthkit writes passes its cells through `fit_cell`, so a
longer value is cut here, visibly, with a marker saying how long it was and where it is whole."""

from __future__ import annotations

EXCEL_CELL_LIMIT = 32_767


def marker(length: int, whole: str) -> str:
    return f" […cut by cadthkit: {length:,} characters in all; whole in {whole}]"


def fit_cell(value: object, whole: str = "the JSON record") -> tuple[object, bool]:
    """`value`, cut to the cell limit with a marker when it is longer; and whether it was cut."""
    if not isinstance(value, str) or len(value) <= EXCEL_CELL_LIMIT:
        return value, False
    note = marker(len(value), whole)
    return value[: EXCEL_CELL_LIMIT - len(note)] + note, True
