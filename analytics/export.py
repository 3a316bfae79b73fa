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
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from analytics import xlsx
from analytics.i18n import level_label, next_step_label, t

TOKYO = ZoneInfo("Asia/Tokyo")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADERS = [  # (ja, en), in the order of the columns
    ("年度", "Fiscal year"),
    ("期", "Term"),
    ("基本目標", "Goal"),
    ("基本目標名", "Goal name"),
    ("取組の方向性", "Direction"),
    ("方向性名", "Direction name"),
    ("所管局", "Bureau"),
    ("事業コード", "Project code"),
    ("取組ID", "Initiative id"),
    ("取組名", "Initiative"),
    ("新規・拡充", "New/expanded"),
    ("達成度", "Level"),
    ("達成度区分", "Level label"),
    ("目標どおり以上", "On target"),
    ("コロナ影響", "COVID impact"),
    ("災害影響", "Disaster impact"),
    ("今後の方向性", "Next step"),
    ("取組実績", "Results"),
    ("備考", "Note"),
    ("データ出典", "Source"),
]


def export_frame(evaluations: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The download's table: one row per evaluation, headers in the display language.
    Column operations only (no per-cell Python), so a million rows take seconds, not minutes."""
    en = lang == "en"
    e = evaluations
    yes, no = ("yes", "no") if en else ("あり", "なし")

    def flag(column: str) -> pd.Series:
        return pd.Series(np.where(e[column].astype(bool), yes, no), index=e.index)

    def text(column: str) -> pd.Series:
        return e[column].astype(object).where(e[column].notna(), "")

    levels = {lv: level_label(lv, lang, with_number=False) for lv in range(1, 6)}
    steps = {s: next_step_label(s, lang) for s in ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ")}
    kinds = {"new": "new" if en else "新規", "expanded": "expanded" if en else "拡充"}
    suffix = "en" if en else "ja"
    columns = [
        e["fiscal_year"].astype(int),
        e["term_id"].astype(int),
        e["goal_id"].astype(int),
        text(f"goal_name_{suffix}"),
        text("direction_id"),
        text(f"direction_name_{suffix}"),
        text(f"department_name_{suffix}"),
        text("project_code"),
        text("initiative_id"),
        text(f"name_{suffix}"),
        e["new_or_expanded"].map(kinds).astype(object).where(e["new_or_expanded"].notna(), ""),
        e["achievement_level"].astype(int),
        e["achievement_level"].astype(int).map(levels),
        flag("on_target"),
        flag("covid_impact"),
        flag("disaster_impact"),
        e["next_step"].map(steps).astype(object).where(e["next_step"].notna(), ""),
        text("results_ja"),
        text("note_ja"),
        # 'sample' or 'import:<file>': the word in the display language, the file name as data
        e["source"].astype(object).where(e["source"] != "sample", t("about.kind.sample", lang)),
    ]
    frame = pd.DataFrame(
        {h[1] if en else h[0]: c.to_numpy() for h, c in zip(HEADERS, columns, strict=True)}
    )
    return neutralise(frame)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix an apostrophe to text cells a spreadsheet would read as a formula."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            risky = values.map(
                lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS), na_action="ignore"
            )
            risky = risky.fillna(False).astype(bool)
            if risky.any():
                out[column] = values.where(~risky, "'" + values[risky].astype(str))
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


def xlsx_evaluations(con, filters, limit: int = XLSX_MAX_ROWS) -> pd.DataFrame:
    """The evaluations an XLSX download holds: every row of the filter, or past ``limit`` the
    rows of the latest years (what a review reads first; the CSV has every row), in the
    downloads' order, oldest year first."""
    from analytics import queries

    rows = queries.evaluations(con, filters, limit=limit, latest_first=True)
    # latest first reverses the years only: a stable sort on the year restores the order
    return rows.sort_values("fiscal_year", kind="stable").reset_index(drop=True)


def csv_for_filter(con, filters, lang: str = "ja", encoding: str = "utf-8-sig") -> bytes:
    """Every row of the filter as CSV bytes (see ``write_csv``)."""
    out = io.BytesIO()
    write_csv(con, filters, out, lang, encoding)
    return out.getvalue()


def csv_file_for_filter(
    con, filters, lang: str = "ja", encoding: str = "utf-8-sig"
) -> io.BufferedReader:
    """Every row of the filter as CSV in an anonymous temporary file, opened for reading: what
    the download button takes. Streamlit reads it into the one copy it serves; the rows never
    sit in memory twice (a BytesIO's getvalue() would copy them)."""
    with tempfile.TemporaryFile(prefix="kawasaki-csv-") as spool:
        write_csv(con, filters, spool, lang, encoding)
        spool.flush()
        reader = os.fdopen(os.dup(spool.fileno()), "rb")  # lives on when spool closes
    reader.seek(0)
    return reader


def write_csv(con, filters, out, lang: str = "ja", encoding: str = "utf-8-sig") -> None:
    """Write every row of the filter as CSV to the binary file ``out``, batch by batch (only a
    batch of rows is in memory at a time). Characters CP932 cannot hold become '?'
    (``cp932_problems`` lists them beforehand)."""
    from analytics import queries

    sql, params = queries.statement("evaluations", filters)
    result = con.execute(sql, params)
    header = True
    written = 0
    while True:
        chunk = result.fetch_df_chunk(max(1, BATCH_ROWS // 2_048))
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
        if encoding == "utf-8-sig" and written == 0:
            written += out.write(b"\xef\xbb\xbf")
        written += out.write(
            data.encode("cp932", errors="replace") if encoding == "cp932" else data.encode("utf-8")
        )
        if chunk.empty:
            break


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


def estimate_csv_bytes(
    sample: pd.DataFrame, rows: int, lang: str = "ja", encoding: str = "utf-8-sig"
) -> int:
    """Size of the full CSV in ``encoding``, from the size of a sample of its rows."""
    if sample.empty or rows == 0:
        return 0
    data, _ = csv_bytes(export_frame(sample, lang), encoding)
    header = len(csv_bytes(export_frame(sample.iloc[0:0], lang), encoding)[0])  # with a BOM
    return int(header + (len(data) - header) / len(sample) * rows)


def xlsx_bytes(frame: pd.DataFrame, about: list[tuple[str, str]], lang: str = "ja") -> bytes:
    """A workbook: the rows on the first sheet; the filters, as-of date and provenance on the second."""
    book = xlsx.workbook()
    title = "Evaluations" if lang == "en" else "評価データ"
    xlsx.table_sheet(book, title, frame, max_rows=XLSX_MAX_ROWS, auto_filter=True)
    xlsx.pairs_sheet(book, "Filters" if lang == "en" else "条件", about)
    return xlsx.to_bytes(book)


def file_name(kind: str, extension: str, today: date | None = None) -> str:
    """ASCII and dated, e.g. kawasaki-intl-evaluations-2026-11-29.csv."""
    today = today or datetime.now(TOKYO).date()
    return f"kawasaki-intl-{kind}-{today.isoformat()}.{extension}"
