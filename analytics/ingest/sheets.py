"""Read an evaluation sheet or an initiative list (CSV or XLSX) into rows of text cells.

The kind of sheet is told by its header row. Japanese headers are those of the templates in
``data/templates/``; the English field names are accepted too. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from analytics.ingest.values import normalise


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, printed as FILE:ROW:COLUMN: message."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return printable(f"{self.file}:{row}:{self.column or '-'}: {self.message}")


def printable(text: str) -> str:
    """One problem, one line: control characters and line separators from a sheet are escaped."""
    return "".join(
        ch
        if ch == " " or unicodedata.category(ch)[0] not in "CZ" or ch == "\u3000"
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


# field -> header spellings (compared after NFKC, lower case, spaces removed)
EVALUATION_HEADERS = {
    "initiative_id": ["取組ID", "initiative_id"],
    "project_code": ["事業コード", "事務事業コード", "project_code", "code"],
    "name_ja": ["取組名", "事務事業名", "name_ja", "name"],
    "fiscal_year": ["年度", "評価年度", "fiscal_year", "fy", "year"],
    "achievement_level": ["達成度", "達成度区分", "achievement_level", "level"],
    "covid_impact": [
        "コロナ影響",
        "新型コロナの影響",
        "新型コロナウイルス感染症の影響",
        "covid_impact",
        "covid",
    ],
    "disaster_impact": ["災害影響", "災害の影響", "disaster_impact", "disaster"],
    "next_step": ["今後の方向性", "今後の方向性区分", "next_step"],
    "results_ja": ["取組実績", "results_ja", "results"],
    "note_ja": ["備考", "note_ja", "note"],
}
INITIATIVE_HEADERS = {
    "term_id": ["期", "実行プログラム", "term_id", "term"],
    "initiative_id": ["取組ID", "initiative_id"],
    "project_code": ["事業コード", "事務事業コード", "project_code", "code"],
    "name_ja": ["取組名", "事務事業名", "name_ja", "name"],
    "name_en": ["取組名(英語)", "英語名", "name_en"],
    "direction_id": ["取組の方向性", "方向性", "direction_id", "direction"],
    "department_id": ["所管局", "所管", "department_id", "department", "bureau"],
    "new_or_expanded": ["新規・拡充", "新規拡充", "new_or_expanded"],
    "description_ja": ["概要", "取組概要", "description_ja", "description"],
}
REQUIRED = {
    "evaluations": [("fiscal_year",), ("achievement_level",), ("initiative_id", "project_code")],
    "initiatives": [("term_id",), ("name_ja",), ("direction_id",), ("department_id",)],
}


def header_key(text: object) -> str:
    return normalise(text).lower().replace(" ", "").replace("\t", "")


@dataclass
class Sheet:
    """The data rows of one sheet: ``rows`` holds (spreadsheet row number, {field: raw text})."""

    file: str
    kind: str
    columns: dict[str, str]  # field -> header as written in the file
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_sheet(path: Path) -> tuple[Sheet | None, list[Problem], list[str]]:
    """Read one file. Returns the sheet (None if unreadable), its problems, and warnings."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return (
            None,
            [Problem(name, None, None, f"ファイルを読めません (cannot read file): {exc.strerror}")],
            [],
        )
    if not data.strip():
        return None, [Problem(name, 1, None, "ファイルが空です (the file is empty)")], []
    if suffix in (".xlsx", ".xlsm"):
        table, problems = _read_xlsx(name, data)
    elif suffix in (".csv", ".txt", ".tsv"):
        table, problems = _read_csv(name, data)
    else:
        return (
            None,
            [
                Problem(
                    name,
                    None,
                    None,
                    f"CSVまたはXLSXのファイルではありません (not a CSV or XLSX file): {suffix or '(no extension)'}",
                )
            ],
            [],
        )
    if problems:
        return None, problems, []
    return _to_sheet(name, table)


def _read_csv(name: str, data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    text, problem = _decode(name, data)
    if problem:
        return [], [problem]
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    # Rows are counted as records, the way a spreadsheet shows them: a quoted cell with line
    # breaks (common in 取組実績) is still one row.
    table = []
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
                f"CSVの形式が壊れています（{reader.line_num}行目付近） (malformed CSV near line {reader.line_num}): {exc}",
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


def _read_xlsx(name: str, data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    import openpyxl  # imported here: only XLSX imports need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        return [], [
            Problem(
                name,
                None,
                None,
                f"XLSXファイルとして開けません (not a readable XLSX file): {type(exc).__name__}",
            )
        ]
    try:
        # The first sheet whose header row is a known kind; a template's instructions sheet is skipped.
        first = None
        for ws in book.worksheets:
            table = [
                (i, [_cell_text(v) for v in row])
                for i, row in enumerate(ws.iter_rows(values_only=True), start=1)
            ]
            first = first if first is not None else table
            header = next((cells for _, cells in table if any(c.strip() for c in cells)), [])
            if _detect_kind({header_key(h) for h in header}):
                return table, []
        return first or [], []
    except Exception as exc:  # a damaged workbook can fail in many ways inside openpyxl
        return [], [
            Problem(
                name,
                None,
                None,
                f"XLSXファイルの読み込みに失敗しました (cannot read the XLSX file): {type(exc).__name__}",
            )
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _detect_kind(keys: set[str]) -> str | None:
    def has(headers: dict, f: str) -> bool:
        return any(header_key(h) in keys for h in headers[f])

    if has(EVALUATION_HEADERS, "achievement_level"):
        return "evaluations"
    if has(INITIATIVE_HEADERS, "direction_id") and has(INITIATIVE_HEADERS, "name_ja"):
        return "initiatives"
    return None


def _to_sheet(
    name: str, table: list[tuple[int, list[str]]]
) -> tuple[Sheet | None, list[Problem], list[str]]:
    body = [(n, cells) for n, cells in table if any(_visible(c) for c in cells)]
    if not body:
        return None, [Problem(name, 1, None, "データがありません (no header row and no data)")], []
    header_row, header = body[0]
    kind = _detect_kind({header_key(h) for h in header})
    if kind is None:
        return (
            None,
            [
                Problem(
                    name,
                    header_row,
                    None,
                    "見出し行から種類を判別できません。評価シートには「達成度」、取組一覧には「取組名」"
                    "「取組の方向性」の列が必要です (cannot tell the sheet kind from its header: an "
                    "evaluation sheet needs 達成度/achievement_level, an initiative list needs "
                    "取組名/name_ja and 取組の方向性/direction_id)",
                )
            ],
            [],
        )
    spellings = EVALUATION_HEADERS if kind == "evaluations" else INITIATIVE_HEADERS
    lookup = {header_key(s): f for f, names in spellings.items() for s in names}
    problems: list[Problem] = []
    warnings: list[str] = []
    columns: dict[str, str] = {}
    index: dict[str, int] = {}
    unnamed_with_data: list[int] = []
    for i, raw in enumerate(header):
        label = normalise(raw)
        if not label:
            unnamed_with_data.append(i)
            continue
        f = lookup.get(header_key(raw))
        if f is None:
            warnings.append(
                printable(
                    f"{name}:{header_row}:{label}: 不明な列のため読み飛ばします (unknown column ignored)"
                )
            )
        elif f in columns:
            problems.append(
                Problem(
                    name,
                    header_row,
                    label,
                    f"列「{columns[f]}」と重複しています (duplicate column: same field as '{columns[f]}')",
                )
            )
        else:
            columns[f] = label
            index[f] = i
    for alternatives in REQUIRED[kind]:
        if not any(a in columns for a in alternatives):
            wanted = " / ".join(f"{spellings[a][0]} ({a})" for a in alternatives)
            problems.append(
                Problem(name, header_row, wanted, "必須の列がありません (missing required column)")
            )
    sheet = Sheet(name, kind, columns)
    for row_number, cells in body[1:]:
        for i in unnamed_with_data:
            if i < len(cells) and _visible(cells[i]):
                problems.append(
                    Problem(
                        name,
                        row_number,
                        f"列{i + 1}",
                        "見出しのない列に値があります (value in a column without a header)",
                    )
                )
        sheet.rows.append(
            (row_number, {f: (cells[i] if i < len(cells) else "") for f, i in index.items()})
        )
    if not sheet.rows and not problems:
        problems.append(
            Problem(
                name,
                header_row + 1,
                None,
                "データ行がありません (the sheet has a header but no data rows)",
            )
        )
    return (None if problems else sheet), problems, warnings


def _visible(cell: str) -> bool:
    return bool(unicodedata.normalize("NFKC", cell).strip())
