"""Read a CSV or XLSX file into grids of text cells, one per sheet, as a person sees them.

A workbook's merged cells are resolved here (every cell of a merged range holds the range's
value, and remembers whether it got it from a row above), and hidden rows, hidden columns and an
active autofilter are noted so that messages can mention them. Nothing here knows about headers.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field

from analytics.ingest.problems import Problem


@dataclass
class Grid:
    """One sheet: ``rows`` are (spreadsheet row number, cells); ``from_above`` holds the
    (row, column index) of cells filled by a merge that starts in an earlier row."""

    file: str
    sheet: str | None  # None for a CSV
    rows: list[tuple[int, list[str]]]
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indexes
    autofilter: str | None = None
    from_above: set[tuple[int, int]] = field(default_factory=set)


def read_grids(
    name: str, data: bytes, suffix: str, *, fill_merged: bool = True
) -> tuple[list[Grid], list[Problem]]:
    """Every sheet of a file as a grid of texts. ``fill_merged``: a merged range's value is
    written into every cell it covers (evaluation sheets); without it only the first cell holds
    it (indicator tables, whose reader pairs a merged 「実績値」 with the year cells under it)."""
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(name, data, fill_merged)
    text, problem = _decode(name, data)
    if problem:
        return [], [problem]
    rows, problems = _read_csv(name, text)
    return ([Grid(name, None, rows)] if not problems else []), problems


def _read_csv(name: str, text: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    # Rows are counted as records, the way a spreadsheet shows them: a quoted cell with line
    # breaks (common in 取組実績) is still one row.
    table: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for record, cells in enumerate(reader, start=1):
            table.append((record, cells))
    except csv.Error as exc:
        return [], [
            Problem(
                name,
                len(table) + 1,
                None,
                f'CSVの形式が壊れています（{reader.line_num}行目付近）。引用符（"）の対応を確認してください '
                f"(malformed CSV near line {reader.line_num}; check the quotes): {exc}",
            )
        ]
    return table, []


def _decode(name: str, data: bytes) -> tuple[str, Problem | None]:
    """UTF-8 (with or without BOM) first, then CP932 (Shift_JIS as Excel writes it)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp932"]
    error = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = error or exc
            continue
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            return "", Problem(
                name, line, None, "NUL文字を含んでいます (the file contains NUL bytes)"
            )
        return text, None
    line = data[: error.start].count(b"\n") + 1
    return "", Problem(
        name,
        line,
        None,
        "文字コードを読めません。UTF-8またはShift_JIS(CP932)で保存してください "
        "(cannot decode: save as UTF-8 or Shift_JIS/CP932)",
    )


def _read_xlsx(name: str, data: bytes, fill_merged: bool) -> tuple[list[Grid], list[Problem]]:
    import openpyxl  # imported here: only XLSX imports need it

    def unreadable(exc: Exception) -> list[Problem]:
        return [
            Problem(
                name,
                None,
                None,
                f"XLSXファイルとして開けません。Excelで開いて保存し直してください "
                f"(not a readable XLSX file; open and save it again in Excel): {type(exc).__name__}",
            )
        ]

    try:
        # Not read-only: merged ranges and hidden rows are only known to a fully loaded sheet.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        return [], unreadable(exc)
    except Exception as exc:  # a damaged workbook can fail in many ways inside openpyxl
        return [], unreadable(exc)
    try:
        return [_grid(name, ws, fill_merged) for ws in book.worksheets], []
    except Exception as exc:
        return [], unreadable(exc)
    finally:
        book.close()


def _grid(name: str, ws, fill_merged: bool = True) -> Grid:
    rows = [
        (i, [_cell_text(v) for v in row])
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1)
    ]
    grid = Grid(name, ws.title, rows)
    cells = {number: row for number, row in rows}
    for merged in ws.merged_cells.ranges if fill_merged else ():
        top_left = cells.get(merged.min_row)
        if top_left is None or merged.min_col - 1 >= len(top_left):
            continue
        value = top_left[merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            row = cells.get(r)
            if row is None:
                continue
            for c in range(merged.min_col - 1, min(merged.max_col, len(row))):
                row[c] = value
                if r > merged.min_row:
                    grid.from_above.add((r, c))
    grid.hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min:
            grid.hidden_columns.update(range(dim.min - 1, (dim.max or dim.min)))
    grid.autofilter = ws.auto_filter.ref or None
    return grid


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
