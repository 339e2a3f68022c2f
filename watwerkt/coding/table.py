"""Read a coding sheet (CSV or XLSX) as a header and numbered rows of text cells.

Only reading happens here; meaning is given in :mod:`watwerkt.coding.sheet`.
Row numbers are as a spreadsheet shows them (header = 1), so messages point
at the row an author sees.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from watwerkt.errors import Problem
from watwerkt.files.yaml_source import decode_utf8


@dataclass
class RawTable:
    """Header and rows of one sheet, all cells as stripped strings."""

    path: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    problems: list[Problem] = field(default_factory=list)
    decimal_comma: bool = False  # ';'-separated CSV from Dutch Excel: '0,5' means 0.5


def read_table(path: Path, display_path: str | None = None) -> RawTable:
    """Read ``path`` (.csv, UTF-8, comma or semicolon separated; or .xlsx, first sheet)."""
    shown = display_path or str(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown)
    table = RawTable(shown)
    table.problems.append(Problem(shown, None, "file.unsupported_sheet", {"path": shown}))
    return table


def _read_csv(path: Path, shown: str) -> RawTable:
    table = RawTable(shown)
    text, problems = decode_utf8(path.read_bytes(), shown)
    if text is None:
        table.problems.extend(problems)
        return table
    if not text.strip():
        table.problems.append(Problem(shown, None, "file.empty"))
        return table
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Dutch Excel exports use ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = [[cell.strip() for cell in record] for record in reader]
    table.decimal_comma = delimiter == ";"
    return _finish(table, records)


def _read_xlsx(path: Path, shown: str) -> RawTable:
    import openpyxl  # imported here: only XLSX users pay for it

    table = RawTable(shown)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file: report it, never a traceback
        detail = " ".join(str(exc).split()) or type(exc).__name__
        table.problems.append(Problem(shown, None, "coding.unreadable_xlsx", {"detail": detail}))
        return table
    try:
        sheet = workbook.worksheets[0]
        records = [
            ["" if v is None else str(v).strip() for v in values]
            for values in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    return _finish(table, records)


def _finish(table: RawTable, records: list[list[str]]) -> RawTable:
    if not records or not any(records[0]):
        table.problems.append(Problem(table.path, 1, "coding.no_header"))
        return table
    table.header = records[0]
    width = len(table.header)
    while width and not table.header[width - 1]:
        width -= 1  # trailing empty header cells from spreadsheets
    table.header = table.header[:width]
    for number, cells in enumerate(records[1:], start=2):
        if not any(cells):
            continue  # blank line
        extra = cells[width:]
        if any(extra):
            table.problems.append(
                Problem(
                    table.path, number, "coding.ragged_row", {"got": len(cells), "expected": width}
                )
            )
            continue
        table.rows.append((number, (cells + [""] * width)[:width]))
    return table
