"""Find the table in each sheet of an evaluation file or initiative list, as a person would.

The header may start anywhere in the first rows and be one or two rows deep (a merged upper
cell such as 「評価」 over 「達成度」「コロナの影響」「今後の方向性」). Title rows above it name the
fiscal year; total, blank and note rows under it are skipped and reported. The kind of sheet is
told by its header. Nothing here touches the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analytics.ingest.grids import Grid, column_letter, read_grids
from analytics.ingest.problems import Problem, printable
from analytics.ingest.values import find_fiscal_years, normalise

__all__ = ["Problem", "Sheet", "printable", "read_sheets"]

HEADER_SEARCH_ROWS = 20

# field -> header spellings (compared by header_key: NFKC, lower case, no spaces or brackets)
EVALUATION_HEADERS = {
    "initiative_id": ["取組ID", "initiative_id"],
    "project_code": ["事業コード", "事務事業コード", "コード", "project_code", "code"],
    "name_ja": ["取組名", "事務事業名", "事業名", "取組名称", "name_ja", "name"],
    "fiscal_year": ["年度", "評価年度", "対象年度", "fiscal_year", "fy", "year"],
    "achievement_level": ["達成度", "達成度区分", "達成状況", "achievement_level", "level"],
    "covid_impact": [
        "コロナ影響",
        "コロナの影響",
        "新型コロナの影響",
        "新型コロナ影響",
        "新型コロナウイルス感染症の影響",
        "covid_impact",
        "covid",
    ],
    "disaster_impact": ["災害影響", "災害の影響", "台風の影響", "disaster_impact", "disaster"],
    "next_step": ["今後の方向性", "今後の方向性区分", "方向性区分", "next_step"],
    "results_ja": ["取組実績", "主な取組実績", "取組実績・成果", "実績", "results_ja", "results"],
    "note_ja": ["備考", "note_ja", "note"],
    # Read to check or to identify, never stored with the evaluation:
    "goal": ["基本目標"],
    "direction": ["取組の方向性", "方向性"],
    "department_id": ["所管局", "所管", "所管局名", "局名", "所管局・区", "department", "bureau"],
}
INITIATIVE_HEADERS = {
    "term_id": ["期", "実行プログラム", "term_id", "term"],
    "initiative_id": ["取組ID", "initiative_id"],
    "project_code": ["事業コード", "事務事業コード", "コード", "project_code", "code"],
    "name_ja": ["取組名", "事務事業名", "事業名", "取組名称", "name_ja", "name"],
    "name_en": ["取組名(英語)", "英語名", "name_en"],
    "goal": ["基本目標"],
    "direction_id": ["取組の方向性", "方向性", "direction_id", "direction"],
    "department_id": [
        "所管局",
        "所管",
        "所管局名",
        "局名",
        "department_id",
        "department",
        "bureau",
    ],
    "new_or_expanded": ["新規・拡充", "新規拡充", "new_or_expanded"],
    "description_ja": ["概要", "取組概要", "取組内容", "description_ja", "description"],
}
REQUIRED = {
    "evaluations": [("achievement_level",), ("initiative_id", "project_code", "name_ja")],
    "initiatives": [("term_id",), ("name_ja",), ("direction_id",), ("department_id",)],
}
# Columns a sheet may carry that the importer does not read; listed in the summary.
IGNORED_HEADERS = {"no", "no.", "番号", "連番", "通し番号", "項番", "#"}
IGNORED_PREFIXES = ("前年度", "昨年度", "前回", "前期")
# An unknown header with one of these in it was probably meant as a known column.
LOOKS_KNOWN = ("コロナ", "災害", "達成", "実績", "方向性", "備考", "年度", "コード", "名")

_TOTAL = re.compile(r"(合計|小計|総計|計)(\(.*\))?|.{0,12}(小計|合計)")
_NOTE = re.compile(r"(※|\*|注[0-9:：).．、\s]|\(注|備考[:：]|注意[:：]|出典[:：])")
_YEAR_PREFIX = re.compile(r"((?:令和|平成|r|h)(?:\d{1,2}|元)年度|(?:fy)?20\d\d年度)の?")


def header_key(text: object) -> str:
    """NFKC, lower case, without spaces, line breaks, required-marks or enclosing brackets."""
    key = re.sub(r"\s+", "", normalise(text).lower()).strip("※*＊")
    while len(key) > 2 and key[0] + key[-1] in ("()", "[]", "【】", "「」", "<>", "〈〉", "《》"):
        key = key[1:-1]
    return key


def _spelling_table(headers: dict[str, list[str]]) -> dict[str, str]:
    return {header_key(s): f for f, names in headers.items() for s in names}


_LOOKUP = {
    "evaluations": _spelling_table(EVALUATION_HEADERS),
    "initiatives": _spelling_table(INITIATIVE_HEADERS),
}


def recognise(label: str, kind: str) -> tuple[str | None, int | None]:
    """The field a header names, and the fiscal year written in front of it (「令和6年度の主な
    取組実績」 -> results_ja, 2024). A trailing bracket (「達成度（5段階）」) is tolerated."""
    key = header_key(label)
    lookup = _LOOKUP[kind]
    year = None
    m = _YEAR_PREFIX.match(key)
    if m and len(key) > m.end():
        years = find_fiscal_years(m.group(1))
        year = next(iter(years)) if len(years) == 1 else None
        key = key[m.end() :]
    for candidate in (key, re.sub(r"\(.*\)$", "", key)):
        if candidate in lookup:
            return lookup[candidate], year
    return None, year


def _detect_kind(keys: set[str]) -> str | None:
    def has(kind: str, f: str) -> bool:
        return any(recognise(k, kind)[0] == f for k in keys)

    if has("evaluations", "achievement_level"):
        return "evaluations"
    if has("initiatives", "direction_id") and has("initiatives", "name_ja"):
        return "initiatives"
    return None


@dataclass
class Sheet:
    """The data rows of one table: ``rows`` holds (spreadsheet row number, {field: raw text})."""

    file: str
    kind: str
    columns: dict[str, str]  # field -> header as written, with its letter: 「達成度 (列H)」
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    sheet: str | None = None  # the worksheet's name; None for a CSV
    fiscal_year: int | None = None  # named by the title, sheet or file name, or --fiscal-year
    fiscal_year_source: tuple[str, str, str] | None = None  # (key, Japanese, English)
    hidden_rows: set[int] = field(default_factory=set)

    @property
    def where(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet is not None else self.file


@dataclass
class Reading:
    """Everything read from the files of one command."""

    sheets: list[Sheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the summary reports


def read_sheets(
    path: Path, fiscal_year: int | None = None, reading: Reading | None = None
) -> Reading:
    """Read every table of one file (a workbook may hold several sheets)."""
    reading = reading or Reading()
    name = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        reading.problems.append(
            Problem(name, None, None, f"ファイルを読めません (cannot read file): {exc.strerror}")
        )
        return reading
    if not data.strip():
        reading.problems.append(Problem(name, 1, None, "ファイルが空です (the file is empty)"))
        return reading
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        reading.problems.append(
            Problem(
                name,
                None,
                None,
                "CSVまたはXLSXのファイルではありません。Excelで「CSV」か「Excelブック」として保存してください "
                f"(not a CSV or XLSX file; save it from Excel as CSV or workbook): {suffix or '(no extension)'}",
            )
        )
        return reading
    grids, problems = read_grids(name, data, suffix)
    reading.problems += problems
    found = 0
    covers: list[Grid] = []
    for grid in grids:
        sheet = _table(grid, fiscal_year, reading)
        if sheet is False:
            covers.append(grid)
        else:
            found += 1
            if sheet is not None:
                reading.sheets.append(sheet)
    if grids and not found and not problems:
        first = grids[0]
        first_row = next((n for n, cells in first.rows if any(_visible(c) for c in cells)), 1)
        reading.problems.append(
            Problem(
                name,
                first_row if len(grids) == 1 else None,
                None,
                "表の見出し行が見つかりません。先頭20行のうちに、評価シートなら「達成度」、取組一覧なら"
                "「取組名」と「取組の方向性」の列見出しを置いてください (no table found: within the first "
                "20 rows an evaluation sheet needs a 達成度/achievement_level header, an initiative list "
                "取組名/name_ja and 取組の方向性/direction_id)",
                None if len(grids) == 1 and first.sheet is None else first.sheet,
            )
        )
    elif found:
        for grid in covers:
            reading.notes.append(
                printable(
                    f"{name}[{grid.sheet}]: 表がないため読み飛ばしました（表紙など） "
                    "(no table on this sheet, skipped: a cover or instructions)"
                )
            )
    return reading


def _find_header(grid: Grid) -> tuple[int, int, list[str], str] | None:
    """(index of the first header row, depth 1 or 2, column labels, kind) or None."""
    rows = grid.rows
    for i in range(min(HEADER_SEARCH_ROWS, len(rows))):
        upper = rows[i][1]
        single_kind = _detect_kind({c for c in upper if _visible(c)})
        # A header names at least two known columns: a single 「達成度」 in a list of
        # explanations (an instructions sheet) is not a table.
        if single_kind and _known_count(upper, single_kind) < 2:
            single_kind = None
        if i + 1 < len(rows):
            lower = rows[i + 1][1]
            combined = _combine(upper, lower)
            kind = _detect_kind(set(combined)) or single_kind
            deeper = (
                kind
                and _known_count(combined, kind) >= 2
                and _known_count(combined, kind) > _known_count(upper, kind)
            )
            if deeper and (_known_count(upper, kind) or _merged_header(grid, i)):
                return i, 2, combined, kind
        if single_kind:
            return i, 1, [normalise(c) for c in upper], single_kind
    return None


def _merged_header(grid: Grid, i: int) -> bool:
    """An upper header row whose cells are merged down into the row below it."""
    number = grid.rows[i + 1][0]
    return any((number, c) in grid.from_above for c in range(len(grid.rows[i + 1][1])))


def _known_count(labels: list[str], kind: str) -> int:
    return sum(1 for label in labels if _visible(label) and recognise(label, kind)[0])


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows to one: the lower cell names the column, the upper one where nothing is
    under it; an upper cell that qualifies the lower (「令和5年度」 over 「達成度」) is kept in front."""
    labels = []
    for c in range(max(len(upper), len(lower))):
        up = normalise(upper[c]) if c < len(upper) else ""
        low = normalise(lower[c]) if c < len(lower) else ""
        if not low or low == up:
            labels.append(up)
        elif (
            up
            and any(recognise(up + low, k)[0] for k in _LOOKUP)
            and not any(recognise(up, k)[0] for k in _LOOKUP)
        ):
            labels.append(up + low)
        else:
            labels.append(low)
    return labels


def _visible(cell: str) -> bool:
    return bool(unicodedata.normalize("NFKC", cell).strip())


# Where a total row says so: its first cell, or the cells that name a project.
_LABEL_FIELDS = ("project_code", "name_ja", "initiative_id", "goal", "direction", "direction_id")


def _is_total(
    row_number: int, cells: list[str], own: list[str], index: dict[str, int], grid: Grid
) -> bool:
    """合計 / 小計 / 計 in the row's first cell or where the project's code or name goes, and no
    project code: a results text that happens to mention a total does not hide a project row."""

    def cell(f: str) -> str:
        i = index.get(f)
        if i is None or i >= len(cells) or (row_number, i) in grid.from_above:
            return ""
        return cells[i]

    if re.fullmatch(r"\d{8}", normalise(cell("project_code"))):
        return False
    labels = [own[0]] + [cell(f) for f in _LABEL_FIELDS]
    return any(_TOTAL.fullmatch(header_key(c)) for c in labels if _visible(c))


def _table(grid: Grid, option_year: int | None, reading: Reading) -> Sheet | None | bool:
    """The sheet's table; False for a sheet without one (a cover), None when it has problems."""
    found = _find_header(grid)
    if found is None:
        return False
    start, depth, labels, kind = found
    header_row = grid.rows[start + depth - 1][0]
    found_problems: list[Problem] = []

    def problem(row: int | None, column: str | None, message: str) -> None:
        found_problems.append(Problem(grid.file, row, column, message, grid.sheet))

    # An initiative list belongs to a term, not to a year: its title may name the term's years
    # (「第4期実行プログラム（令和8年度～令和11年度）」), which is no fiscal year to agree on.
    sheet_year, source = (
        _sheet_year(grid, start, option_year, problem) if kind == "evaluations" else (None, None)
    )
    columns, index, ignored, unnamed, unread = _columns(grid, labels, kind, header_row, sheet_year)
    spellings = EVALUATION_HEADERS if kind == "evaluations" else INITIATIVE_HEADERS
    for alternatives in REQUIRED[kind]:
        if not any(a in columns for a in alternatives):
            wanted = " / ".join(f"{spellings[a][0]} ({a})" for a in alternatives)
            problem(
                header_row,
                wanted,
                "必須の列がありません。この見出しの列を追加してください (missing required column: add it)",
            )
    no_year = kind == "evaluations" and "fiscal_year" not in columns and sheet_year is None
    if no_year and not found_problems:  # not when the sources disagree: that says it already
        problem(
            header_row,
            None,
            "年度がわかりません。「年度」の列を加えるか、タイトルに「令和6年度」のように書くか、"
            "--fiscal-year 2024 を付けてください (no fiscal year: add a 年度 column, name the year "  # example input, not a plan year
            "in the title such as 令和6年度, or give --fiscal-year)",
        )
    sheet = Sheet(grid.file, kind, columns, sheet=grid.sheet, hidden_rows=set(grid.hidden_rows))
    sheet.fiscal_year, sheet.fiscal_year_source = sheet_year, source
    skipped = _data_rows(grid, start + depth, index, columns, unnamed, sheet, problem)
    if not sheet.rows and not found_problems:
        problem(
            header_row + 1,
            None,
            "データ行がありません。見出しの下に行を入力してください "
            "(the sheet has a header but no data rows)",
        )
    reading.notes += _summary(grid, sheet, header_row, depth, len(labels), skipped, ignored)
    # Headers that cannot be read do not stop the rows from being checked: the clerk gets every
    # problem of the file in one go (nothing is written while any problem remains).
    reading.problems += unread + found_problems
    return None if found_problems else sheet


def _sheet_year(grid: Grid, start: int, option_year: int | None, problem) -> tuple:
    """The fiscal year named above the table, by the sheet's name, by the file's name or by
    --fiscal-year, and where it came from; sources that disagree are a problem."""
    title = " ".join(c for _, cells in grid.rows[:start] for c in cells if _visible(c))
    sources = [
        ("title", "タイトル行", "the title rows", find_fiscal_years(title)),
        ("sheet", "シート名", "the sheet name", find_fiscal_years(grid.sheet or "")),
        ("file", "ファイル名", "the file name", find_fiscal_years(Path(grid.file).stem)),
        ("option", "--fiscal-year", "--fiscal-year", {option_year} if option_year else set()),
    ]
    named = sorted(set().union(*(years for *_, years in sources)))
    if len(named) > 1:
        said_ja = "、".join(f"{ja} {sorted(y)}" for _, ja, _, y in sources if y)
        said_en = ", ".join(f"{en} {sorted(y)}" for _, _, en, y in sources if y)
        problem(
            grid.rows[0][0] if sources[0][3] else None,
            None,
            f"年度が食い違っています（{said_ja}）。タイトル・シート名・ファイル名の年度をそろえてください "
            f"(the fiscal years disagree: {said_en}; make the title, sheet name and file name agree)",
        )
        return None, None
    if not named:
        return None, None
    return named[0], next((key, ja, en) for key, ja, en, y in sources if y)


def _columns(grid: Grid, labels: list[str], kind: str, header_row: int, sheet_year: int | None):
    """Each column known (field -> 「達成度 (列H)」 and its index), ignored, without a header, or
    a header that looks like a known one but cannot be read (a problem)."""
    spellings = EVALUATION_HEADERS if kind == "evaluations" else INITIATIVE_HEADERS
    columns: dict[str, str] = {}
    index: dict[str, int] = {}
    ignored: list[str] = []
    unnamed: list[int] = []
    unread: list[Problem] = []

    def unreadable(shown: str, message: str) -> None:
        unread.append(Problem(grid.file, header_row, shown, message, grid.sheet))

    for i, label in enumerate(labels):
        hidden = "・非表示" if i in grid.hidden_columns else ""
        shown = f"{label} (列{column_letter(i)}{hidden})"
        if not label:
            unnamed.append(i)
            continue
        f, year = recognise(label, kind)
        key = header_key(label)
        if f and year is not None and sheet_year is not None and year != sheet_year:
            ignored.append(shown)  # another year's column: last year's 達成度 beside this year's
        elif f and f in columns:
            unreadable(
                shown,
                f"列「{columns[f]}」と同じ項目です。どちらかの列を削除するか見出しを直してください "
                f"(duplicate column: same field as {columns[f]}; delete one or rename it)",
            )
        elif f:
            columns[f], index[f] = shown, i
        elif (
            key in IGNORED_HEADERS
            or key.startswith(IGNORED_PREFIXES)
            or not any(word in key for word in LOOKS_KNOWN)
        ):
            ignored.append(shown)
        else:
            known = "、".join(names[0] for names in spellings.values())
            unreadable(
                shown,
                f"この列見出しは読めません。次のいずれかに直すか、不要なら列を削除してください：{known} "
                "(unknown column header that looks like a known one: rename it to one of these, "
                "or delete the column)",
            )
    return columns, index, ignored, unnamed, unread


def _data_rows(
    grid: Grid,
    first: int,
    index: dict[str, int],
    columns: dict[str, str],
    unnamed: list[int],
    sheet: Sheet,
    problem,
) -> dict[str, list[int]]:
    """Fill ``sheet.rows``; totals, blank lines and the notes under the table are skipped and
    returned by kind (their row numbers)."""
    skipped: dict[str, list[int]] = {"total": [], "blank": [], "note": []}
    in_notes = False
    for row_number, cells in grid.rows[first:]:
        own = [
            c for i, c in enumerate(cells) if _visible(c) and (row_number, i) not in grid.from_above
        ]
        if in_notes:
            skipped["note"].append(row_number)
            i = index.get("project_code")
            code = cells[i] if i is not None and i < len(cells) else ""
            if re.fullmatch(r"\d{8}", normalise(code)):
                problem(
                    row_number,
                    columns["project_code"],
                    "注記の行より下に事業の行があります。注記を表の下に移してください "
                    "(a project row below the notes: move the notes under the table)",
                )
            continue
        if not own:
            skipped["blank"].append(row_number)
            continue
        if _is_total(row_number, cells, own, index, grid):
            skipped["total"].append(row_number)
            continue
        if _NOTE.match(normalise(own[0])):
            in_notes = True
            skipped["note"].append(row_number)
            continue
        for i in unnamed:
            if i < len(cells) and _visible(cells[i]) and (row_number, i) not in grid.from_above:
                problem(
                    row_number,
                    f"列{column_letter(i)}",
                    "見出しのない列に値があります。見出しを付けるか値を消してください "
                    "(value in a column without a header: add a header or clear it)",
                )
                break
        sheet.rows.append(
            (row_number, {f: (cells[i] if i < len(cells) else "") for f, i in index.items()})
        )
    return skipped


def _summary(
    grid: Grid,
    sheet: Sheet,
    header_row: int,
    depth: int,
    width: int,
    skipped: dict[str, list[int]],
    ignored: list[str],
) -> list[str]:
    """What the summary says about one table: where it is, its year, what was skipped and why."""
    where = sheet.where
    first_header = header_row - depth + 1
    notes = [
        f"{where}: 見出し {first_header}行目から{depth}行、データ {len(sheet.rows)}行 "
        f"(header at row {first_header}, {depth} row(s) deep; {len(sheet.rows)} data rows)"
    ]
    if sheet.fiscal_year is not None and "fiscal_year" not in sheet.columns:
        _, ja, en = sheet.fiscal_year_source
        notes.append(
            f"{where}: 年度 {sheet.fiscal_year} は{ja}から (fiscal year {sheet.fiscal_year} from {en})"
        )
    counted = [(k, v) for k, v in skipped.items() if v]
    if counted:
        total = sum(len(v) for _, v in counted)
        first = min(v[0] for _, v in counted)
        what_ja = {"total": "合計・小計", "blank": "空行", "note": "注記"}
        notes.append(
            f"{where}: {total}行を読み飛ばしました（"
            + "、".join(f"{what_ja[k]} {len(v)}" for k, v in counted)
            + f"、最初は{first}行目） (skipped {total} rows: "
            + ", ".join(f"{k} {len(v)}" for k, v in counted)
            + f"; first at row {first})"
        )
    if ignored:
        notes.append(f"{where}: 読み込まない列 (columns ignored): " + "、".join(ignored))
    # Only what lies in the table is worth saying (sheets often hide every column after it).
    last_row = max((n for n, _ in sheet.rows), default=header_row)
    hidden_rows = sorted(r for r in grid.hidden_rows if header_row < r <= last_row)
    hidden_columns = sorted(c for c in grid.hidden_columns if c < width)
    parts_ja, parts_en = [], []
    if hidden_rows:
        listed = ", ".join(map(str, hidden_rows[:10])) + ("…" if len(hidden_rows) > 10 else "")
        parts_ja.append(f"非表示の行 {listed}")
        parts_en.append(f"hidden rows {listed}")
    if hidden_columns:
        letters = ", ".join(column_letter(c) for c in hidden_columns)
        parts_ja.append(f"非表示の列 {letters}")
        parts_en.append(f"hidden columns {letters}")
    if grid.autofilter:
        parts_ja.append(f"オートフィルタ {grid.autofilter}")
        parts_en.append(f"an autofilter on {grid.autofilter}")
    if parts_ja:
        notes.append(
            f"{where}: {'、'.join(parts_ja)} があります。これらの行も読み込みました "
            f"({', '.join(parts_en)}: their rows are read too)"
        )
    return notes
