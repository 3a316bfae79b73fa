"""Downloads: the evaluations of a filter as CSV (UTF-8 with BOM, or CP932) or XLSX.

- Exactly the rows of the ``evaluations`` query for the filter, with the columns a reader needs,
  headed in the display language.
- Text cells that start with = + - @ tab or carriage return get a leading apostrophe so that a
  spreadsheet does not run them as formulas (numbers are left alone).
- CP932 cannot hold every character: those are replaced by '?' and reported (row, column,
  character), never dropped silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from analytics.i18n import level_label, next_step_label

TOKYO = ZoneInfo("Asia/Tokyo")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# (header ja, header en, how to get the value from an evaluations row)
COLUMNS = [
    ("年度", "Fiscal year", lambda r, lang: int(r["fiscal_year"])),
    ("期", "Term", lambda r, lang: int(r["term_id"])),
    ("基本目標", "Goal", lambda r, lang: int(r["goal_id"])),
    ("基本目標名", "Goal name", lambda r, lang: r[f"goal_name_{lang}"]),
    ("取組の方向性", "Direction", lambda r, lang: r["direction_id"]),
    ("方向性名", "Direction name", lambda r, lang: r[f"direction_name_{lang}"]),
    ("所管局", "Bureau", lambda r, lang: r[f"department_name_{lang}"]),
    ("事業コード", "Project code", lambda r, lang: r["project_code"]),
    ("取組ID", "Initiative id", lambda r, lang: r["initiative_id"]),
    ("取組名", "Initiative", lambda r, lang: r[f"name_{lang}"]),
    ("新規・拡充", "New/expanded", lambda r, lang: _change_kind(r["new_or_expanded"], lang)),
    ("達成度", "Level", lambda r, lang: int(r["achievement_level"])),
    (
        "達成度区分",
        "Level label",
        lambda r, lang: level_label(r["achievement_level"], lang, with_number=False),
    ),
    ("目標どおり以上", "On target", lambda r, lang: _yes_no(r["on_target"], lang)),
    ("コロナ影響", "COVID impact", lambda r, lang: _yes_no(r["covid_impact"], lang)),
    ("災害影響", "Disaster impact", lambda r, lang: _yes_no(r["disaster_impact"], lang)),
    ("今後の方向性", "Next step", lambda r, lang: next_step_label(r["next_step"], lang)),
    ("取組実績", "Results", lambda r, lang: r["results_ja"]),
    ("備考", "Note", lambda r, lang: r["note_ja"]),
    ("データ出典", "Source", lambda r, lang: r["source"]),
]


def _yes_no(flag: object, lang: str) -> str:
    return ("yes" if flag else "no") if lang == "en" else ("あり" if flag else "なし")


def _change_kind(kind: object, lang: str) -> str:
    if not isinstance(kind, str):
        return ""
    return {"new": ("新規", "new"), "expanded": ("拡充", "expanded")}[kind][lang == "en"]


def export_frame(evaluations: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The download's table: one row per evaluation, headers in the display language."""
    headers = [en if lang == "en" else ja for ja, en, _ in COLUMNS]
    records = evaluations.to_dict("records")
    rows = [[_clean(get(r, lang)) for _, _, get in COLUMNS] for r in records]
    return neutralise(pd.DataFrame(rows, columns=headers))


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix an apostrophe to text cells a spreadsheet would read as a formula."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [
                ("'" + v) if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
                for v in out[column]
            ]
    return out


@dataclass(frozen=True)
class Unencodable:
    row: int  # 1-based data row (the header is row 0)
    column: str
    character: str


def csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8-sig") -> tuple[bytes, list[Unencodable]]:
    """CSV for Excel: CRLF line ends; UTF-8 with BOM by default, or CP932 with a report."""
    if encoding not in ("utf-8-sig", "cp932"):
        raise ValueError("encoding must be utf-8-sig or cp932")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(frame.columns)
    problems: list[Unencodable] = []
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        cells = ["" if v is None else str(v) for v in row]
        if encoding == "cp932":
            cells = [
                _cp932_safe(cell, i, column, problems)
                for cell, column in zip(cells, frame.columns, strict=True)
            ]
        writer.writerow(cells)
    return buffer.getvalue().encode(encoding), problems


def _cp932_safe(cell: str, row: int, column: str, problems: list[Unencodable]) -> str:
    try:
        cell.encode("cp932")
        return cell
    except UnicodeEncodeError:
        out = []
        for ch in cell:
            try:
                ch.encode("cp932")
                out.append(ch)
            except UnicodeEncodeError:
                problems.append(Unencodable(row, str(column), ch))
                out.append("?")
        return "".join(out)


XLSX_MAX_ROWS = 100_000  # past this a workbook is slow to build and to open; the CSV has every row
BATCH_ROWS = 50_000


def csv_for_filter(con, filters, lang: str = "ja", encoding: str = "utf-8-sig") -> bytes:
    """Every row of the filter as CSV, built batch by batch into one buffer: the only full copy.
    Characters CP932 cannot hold become '?' (``cp932_problems`` lists them beforehand)."""
    from analytics import queries

    sql, params = queries.prepare("evaluations", filters)
    result = con.execute(sql, params)
    out = io.BytesIO()
    header = True
    while True:
        chunk = result.fetch_df_chunk(max(1, BATCH_ROWS // 2048))
        if chunk.empty and not header:
            break
        frame = (
            export_frame(chunk, lang) if not chunk.empty else export_frame(chunk.iloc[0:0], lang)
        )
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        if header:
            writer.writerow(frame.columns)
            header = False
        writer.writerows(frame.itertuples(index=False))
        data = text.getvalue()
        if encoding == "utf-8-sig" and out.tell() == 0:
            out.write(b"\xef\xbb\xbf")
        out.write(
            data.encode("cp932", errors="replace") if encoding == "cp932" else data.encode("utf-8")
        )
        if chunk.empty:
            break
    return out.getvalue()


def cp932_problems(text_values: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(field, character, an example value) for every character of the download CP932 cannot hold."""
    found: dict[tuple[str, str], str] = {}
    for field, value in zip(text_values["field"], text_values["value"], strict=True):
        if not isinstance(value, str):
            continue
        try:
            value.encode("cp932")
        except UnicodeEncodeError:
            for ch in value:
                try:
                    ch.encode("cp932")
                except UnicodeEncodeError:
                    found.setdefault((field, ch), value[:40])
    return [(f, ch, example) for (f, ch), example in sorted(found.items())]


def estimate_csv_bytes(sample: pd.DataFrame, rows: int, lang: str = "ja") -> int:
    """Size of the full CSV, from the size of a sample of its rows."""
    if sample.empty or rows == 0:
        return 0
    data, _ = csv_bytes(export_frame(sample, lang))
    header = len(",".join(export_frame(sample.iloc[0:0], lang).columns).encode()) + 5
    return int(header + (len(data) - header) / len(sample) * rows)


def xlsx_bytes(frame: pd.DataFrame, about: list[tuple[str, str]], lang: str = "ja") -> bytes:
    """A workbook: the rows on the first sheet; the filters, as-of date and provenance on the second."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    data = book.active
    data.title = "Evaluations" if lang == "en" else "評価データ"
    data.append(list(frame.columns))
    for row in frame.head(XLSX_MAX_ROWS).itertuples(index=False):
        data.append([_xlsx_value(v) for v in row])
    for cell in data[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    data.freeze_panes = "A2"
    data.auto_filter.ref = data.dimensions
    for i, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        data.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.6))
    info = book.create_sheet("Filters" if lang == "en" else "条件")
    for label, value in about:
        info.append([label, _xlsx_value(value)])
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 100
    for row in info.iter_rows():
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        # Control characters other than tab/newline are not allowed in XLSX cells.
        return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
    return value


def file_name(kind: str, extension: str, today: date | None = None) -> str:
    """ASCII and dated, e.g. kawasaki-intl-evaluations-2026-11-29.csv."""
    today = today or datetime.now(TOKYO).date()
    return f"kawasaki-intl-{kind}-{today.isoformat()}.{extension}"
