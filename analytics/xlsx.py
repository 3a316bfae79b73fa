"""One way to write a table into a workbook, for the downloads (analytics/export.py) and the
meeting pack (analytics/report): the same header fill, column widths and cell cleaning."""

from __future__ import annotations

import io

import pandas as pd

from analytics import theme

MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 200  # column widths are judged from this many rows


def workbook():
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    return book


def to_bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_value(value: object) -> object:
    """What a cell can hold: no NaN, plain Python numbers, no control characters."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        # Control characters other than tab/newline are not allowed in XLSX cells.
        return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def table_sheet(
    book,
    title: str,
    frame: pd.DataFrame,
    *,
    percent: tuple[str, ...] = (),
    max_rows: int | None = None,
    auto_filter: bool = False,
    printable: bool = False,
):
    """A sheet holding ``frame``: a bold filled header row, frozen; widths from the content."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title[:31])
    ws.append(list(frame.columns))
    rows = frame if max_rows is None else frame.head(max_rows)
    for values in rows.itertuples(index=False):
        ws.append([cell_value(v) for v in values])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=theme.xlsx_color(theme.HEADER_FILL))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        sample = frame[column].head(WIDTH_SAMPLE_ROWS)
        longest = max([len(str(column))] + [len(str(v)) for v in sample])
        ws.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, longest * 1.6))
        if column in percent:
            for cell in ws[letter][1:]:
                cell.number_format = "0.0%"
    ws.freeze_panes = "A2"
    if auto_filter:
        ws.auto_filter.ref = ws.dimensions
    if printable:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    return ws


def pairs_sheet(book, title: str, pairs: list[tuple[str, str]], *, title_row: bool = False):
    """A sheet of label/value lines (the cover or the filters), values wrapped."""
    from openpyxl.styles import Alignment, Font

    ws = book.create_sheet(title[:31])
    for label, value in pairs:
        ws.append([cell_value(label), cell_value(value)])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110
    for row in ws.iter_rows():
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    if title_row:
        ws["A1"].font = Font(bold=True, size=14)
    return ws
