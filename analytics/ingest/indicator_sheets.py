"""Read and validate indicator sheets (成果指標) in the city's table style, and write them.

What the city's tables look like, and what is read:
- title and date rows above the table; the header row is the first with an indicator-name column
  (「指標」「指標名」「成果指標」) and a target column (「目標値…」);
- a two-row header: 「実績値」 over one column per year (「令和4年度」「R5」「2024年度」…), or
  year columns directly in the header; or one row per year with 「年度」 and 「実績値」 columns
  (the indicator cells merged down, i.e. blank below their first row);
- 現状値 written 「57.6%(R4)」 or 「146,894(H30)」, or its year in its own column (「現状値の年度」)
  or in the header (「現状値（R2年度）」); the same for 目標値 (「目標値（令和7年度）」, 「目標年度」);
  text targets 「現状値以上」「現状値以下」;
- 「目標の方向」 as 増加・減少・上昇・低下・↑・↓ (else told by the target against the baseline);
- units in their own column (「単位」) or inside the value (%, 件, 人, 万人, TEU, …); thousands
  separators and full-width digits; ▲ for a minus;
- the direction as in evaluation sheets (「1-2」, 「（２）企業の海外展開…」 beside its 基本目標,
  or its name); goal and direction cells merged down; the term in a column or implied by the
  target year; notes (「※」「注」) under the table are skipped.

An indicator is matched by its code (「指標コード」), else by its exact name within its term;
otherwise it is added with a new code. Problems name file[sheet], row and column; nothing is
written unless every row of every file is valid (the importer's rules).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analytics.ingest import values
from analytics.ingest.grids import read_grids
from analytics.ingest.problems import Problem

HEADER_SCAN_ROWS = 15
NO_VALUE = {"", "-", "－", "―", "ー", "—", "−", "‐", "–", "未", "未測定", "調査なし", "n/a"}
HIGHER = {"増加", "上昇", "↑", "増", "高", "higher", "up", "増やす", "向上"}
LOWER = {"減少", "低下", "↓", "減", "低", "lower", "down", "減らす"}
TEXT_TARGETS = {"現状値以上": "higher", "現状値以下": "lower"}
UNITS = (
    "万人",
    "千人",
    "人",
    "件",
    "%",
    "TEU",
    "機関",
    "pt",
    "ポイント",
    "回",
    "社",
    "団体",
    "か所",
)

# field -> header spellings (compared after NFKC, spaces and brackets' contents removed)
HEADERS = {
    "code": ["指標コード", "コード", "指標番号", "code"],
    "name": ["指標", "指標名", "成果指標", "indicator"],
    "name_en": ["指標名(英語)", "英語名", "name_en"],
    "goal": ["基本目標", "goal"],
    "direction": ["取組の方向性", "方向性", "direction"],
    "term": ["期", "実行プログラム", "term"],
    "unit": ["単位", "unit"],
    "better": ["目標の方向", "方向", "better"],
    "baseline": ["現状値", "基準値", "baseline"],
    "baseline_fy": ["現状値の年度", "現状値年度", "基準年度", "基準値の年度", "baseline_fy"],
    "target": ["目標値", "目標", "target"],
    "target_fy": ["目標年度", "目標値の年度", "target_fy"],
    "fiscal_year": ["年度", "実績年度", "fiscal_year"],
    "actual": ["実績値", "実績", "actual"],
    "note": ["備考", "note"],
    "plan": ["設定した計画", "計画", "設定計画", "plan"],
}
_LOOKUP = {
    unicodedata.normalize("NFKC", s).lower().replace(" ", ""): f
    for f, names in HEADERS.items()
    for s in names
}


def _key(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().lower().replace(" ", "")


def _bare(text: object) -> tuple[str, str]:
    """'目標値（R7年度）' -> ('目標値', 'r7年度'): the header word and what its brackets hold."""
    key = _key(text)
    m = re.fullmatch(r"(.*?)\((.*)\)", key)
    return (m.group(1), m.group(2)) if m else (key, "")


def _year_or_none(text: str) -> int | None:
    try:
        return values.parse_fiscal_year(text)
    except values.BadValue:
        return None


@dataclass
class Table:
    """The data rows of one indicator table (one sheet)."""

    label: str  # file name, with [sheet] for a workbook
    columns: dict[str, tuple[int, str]]  # field -> (index, header as written)
    year_columns: dict[int, tuple[int, str]]  # fiscal year -> (index, header as written)
    header_years: dict[str, int]  # baseline / target year written in the header
    rows: list[tuple[int, list[str]]]


@dataclass
class IndicatorFile:
    path: Path
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read(path: Path) -> IndicatorFile | None:
    """The file's indicator tables; None when the file is not an indicator sheet (its header
    tells), so the caller reads it as an evaluation sheet or an initiative list."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if suffix not in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm"):
        return None
    # The same reader as evaluation sheets: encodings, merged cells filled, hidden rows known.
    grids, problems = read_grids(
        path.name, data, ".csv" if suffix in (".txt", ".tsv") else suffix, fill_merged=False
    )
    if problems:  # the evaluation-sheet reader reports what it cannot read
        return None
    sheets = [
        (f"{path.name}[{g.sheet}]" if g.sheet is not None else path.name, g.rows) for g in grids
    ]
    found = IndicatorFile(path)
    for label, grid in sheets:
        header = _find_header(grid)
        if header is not None:
            found.tables.append(_table(label, grid, header, found.problems))
    return found if found.tables else None


def _find_header(grid: list[tuple[int, list[str]]]) -> int | None:
    """Index in ``grid`` of the header row: an indicator-name column and a target column."""
    for i, (_, cells) in enumerate(grid[:HEADER_SCAN_ROWS]):
        fields = {_LOOKUP.get(_bare(c)[0]) for c in cells}
        if "name" in fields and "target" in fields and "baseline" in fields:
            return i
    return None


def _table(label: str, grid, h: int, problems: list[Problem]) -> Table:
    row_number, header = grid[h]
    below = grid[h + 1][1] if h + 1 < len(grid) else []
    columns: dict[str, tuple[int, str]] = {}
    year_columns: dict[int, tuple[int, str]] = {}
    header_years: dict[str, int] = {}
    actual_at: int | None = None
    for i, raw in enumerate(header):
        word, inside = _bare(raw)
        if not word:
            continue
        f = _LOOKUP.get(word)
        year = _year_or_none(word) if f is None else None
        if year is not None:
            year_columns[year] = (i, raw.strip())
            continue
        if f is None:
            continue
        if f in columns:
            problems.append(
                Problem(
                    label,
                    row_number,
                    values.normalise(raw),
                    "列が重複しています (duplicate column)",
                )
            )
            continue
        columns[f] = (i, raw.strip())
        if f in ("baseline", "target") and inside:
            year = _year_or_none(inside)
            if year is not None:
                header_years[f] = year
        if f == "actual":
            actual_at = i
    # A second header row: the years under 「実績値」 (merged across), or under the header itself.
    start = h + 1
    below_years = {i: _year_or_none(_bare(c)[0]) for i, c in enumerate(below) if _key(c)}
    if below_years and all(y is not None for y in below_years.values()):
        for i, year in below_years.items():
            if actual_at is None or i >= actual_at:
                year_columns[year] = (i, below[i].strip())
        if actual_at is not None and actual_at in below_years:
            columns.pop("actual", None)
        start = h + 2
    if "actual" in columns and "fiscal_year" not in columns and not year_columns:
        problems.append(
            Problem(
                label,
                row_number,
                columns["actual"][1],
                "実績値の年度が分かりません。年度ごとの列（令和4年度、R5…）か「年度」列が必要です "
                "(cannot tell the year of the actuals: give one column per year or a 年度 column)",
            )
        )
    return Table(label, columns, year_columns, header_years, grid[start:])


# ---- validation against the database ------------------------------------------------------


class Known:
    """What the served database holds, for matching and for the diff."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ref):
        # ref: the importer's Reference, which holds the direction spellings (one place)
        self.directions = ref.directions
        self.fiscal_years = ref.fiscal_years
        self.terms = ref.terms
        self.direction_names = dict(
            con.execute("select direction_id, name_ja from directions").fetchall()
        )
        self.direction_seq = {
            (g, int(d.split("-")[1])): d
            for d, g in con.execute("select direction_id, goal_id from directions").fetchall()
        }
        self.goals = {}
        for g, numeral, name in con.execute(
            "select goal_id, policy_numeral, name_ja from goals"
        ).fetchall():
            for alias in (str(g), numeral, f"基本目標{g}", f"基本目標{numeral}", name):
                self.goals[_key(alias)] = g
        # NULL stays None (a pandas NaN would be written back as the text 'nan').
        self.indicators = _none_for_null(con.execute("select * from indicators").df())
        self.values = _none_for_null(con.execute("select * from indicator_values").df())


def _none_for_null(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), None)


@dataclass
class Plan:
    """What an import changes: indicator rows to insert or update, value rows to upsert."""

    new_indicators: dict[str, dict] = field(default_factory=dict)
    changed_indicators: dict[str, dict] = field(default_factory=dict)
    new_values: dict[tuple[str, int], dict] = field(default_factory=dict)
    changed_values: dict[tuple[str, int], dict] = field(default_factory=dict)
    unchanged: dict[str, int] = field(
        default_factory=lambda: {"indicators": 0, "indicator_values": 0}
    )
    log: list[tuple[str, str, int, int, int]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.new_indicators or self.changed_indicators or self.new_values or self.changed_values
        )


def parse_measure(raw: str) -> tuple[float, int | None, str | None]:
    """'95.5%(R2)' -> (95.5, 2020, '%'); '77,207(H26)' -> (77207, 2014, None);
    '1,504万人' -> (1504, None, '万人'); '▲3' -> (-3, None, None). Raises BadValue."""
    text = values.normalise(raw).replace(" ", "")
    m = re.fullmatch(
        r"(約)?([▲△−\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^\d()]*?)(?:\(([^()]*)\))?", text
    )
    if not m:
        raise values.BadValue(
            f"数値を読めません。57.6%(R4) や 146,894(H30) のように入力してください "
            f"(cannot read the number; write e.g. 57.6%(R4) or 146,894(H30)): {values._show(raw)}"
        )
    number = float(m.group(3).replace(",", "") + (m.group(4) or ""))
    if m.group(2):
        number = -number
    unit = m.group(5) or None
    if unit and unit not in UNITS:
        raise values.BadValue(
            f"単位「{unit}」を読めません (unknown unit {unit!r}; known: {', '.join(UNITS)}): {values._show(raw)}"
        )
    year = values.parse_fiscal_year(m.group(6)) if m.group(6) else None
    return number, year, unit


def validate(files: list[IndicatorFile], known: Known, plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    codes_in_use = set(known.indicators["indicator_code"])
    by_code = known.indicators.set_index("indicator_code", drop=False)
    # "Exact name" up to the width of characters: （） and () are the same name.
    by_name = {
        (int(r.term_id), values.normalise(r.name_ja)): r.indicator_code
        for r in known.indicators.itertuples()
    }
    old_values = {(r.indicator_code, int(r.fiscal_year)): r for r in known.values.itertuples()}
    seen_values: dict[tuple[str, int], str] = {}
    for file in files:
        source = f"import:{file.path.name}"
        before = (
            len(plan.new_indicators) + len(plan.new_values),
            len(plan.changed_indicators) + len(plan.changed_values),
            sum(plan.unchanged.values()),
        )
        for table in file.tables:
            _validate_table(
                table,
                known,
                plan,
                problems,
                source,
                codes_in_use,
                by_code,
                by_name,
                old_values,
                seen_values,
            )
        plan.log.append(
            (
                file.path.name,
                len(plan.new_indicators) + len(plan.new_values) - before[0],
                len(plan.changed_indicators) + len(plan.changed_values) - before[1],
                sum(plan.unchanged.values()) - before[2],
            )
        )
    return problems


def _validate_table(
    table: Table,
    known: Known,
    plan: Plan,
    problems: list[Problem],
    source: str,
    codes_in_use: set,
    by_code: pd.DataFrame,
    by_name: dict,
    old_values: dict,
    seen_values: dict,
) -> None:
    carried: dict[str, str] = {}
    current: dict | None = None  # the indicator of the previous row (one row per year)
    long_form = "fiscal_year" in table.columns and "actual" in table.columns
    for row_number, cells in table.rows:

        def cell(f: str, cells: list[str] = cells) -> str:
            index = table.columns.get(f, (None,))[0]
            return (
                values.normalise(cells[index]) if index is not None and index < len(cells) else ""
            )

        def bad(
            f: str, message: str, column: str | None = None, row_number: int = row_number
        ) -> None:
            problems.append(
                Problem(table.label, row_number, column or table.columns.get(f, (0, f))[1], message)
            )

        texts = [values.normalise(c) for c in cells]
        if not any(texts):
            continue
        first = next(t for t in texts if t)
        if first.startswith(("※", "注", "(注", "出典")):
            break  # notes under the table
        # Goal, direction and term cells merged down: blank means "as above".
        for f in ("goal", "direction", "term"):
            if cell(f):
                carried[f] = cell(f)
        name = cell("name")
        same_as_above = current is not None and (
            (not name and not cell("code"))
            or (cell("code") and cell("code") == current["indicator_code"])
            or (not cell("code") and name == values.normalise(current["name_ja"]))
        )
        if long_form and same_as_above:
            _value_row(
                table, cell, bad, current, known, plan, source, old_values, seen_values, row_number
            )
            continue
        if not name:
            bad("name", "指標名が空です (indicator name is empty)")
            current = None
            continue
        count = len(problems)
        written = cells[table.columns["name"][0]].strip().strip("\u3000").strip()
        ind = _definition(table, cell, carried, known, bad, written)
        if len(problems) > count or ind is None:
            current = None
            continue
        code = cell("code")
        existing = None
        if code and code in by_code.index:
            existing = by_code.loc[code].to_dict()
        elif not code and (ind["term_id"], name) in by_name:
            code = by_name[(ind["term_id"], name)]
            ind["name_ja"] = by_code.loc[code, "name_ja"]
            existing = by_code.loc[code].to_dict()
        elif not code:
            code = _new_code(ind, codes_in_use)
        if code in plan.new_indicators or code in plan.changed_indicators:
            bad("name", f"同じ指標が2回あります (indicator {code} appears twice)")
            current = None
            continue
        codes_in_use.add(code)
        ind["indicator_code"] = code
        _plan_indicator(plan, ind, existing, source)
        current = ind
        if long_form:
            _value_row(
                table, cell, bad, current, known, plan, source, old_values, seen_values, row_number
            )
        else:
            last_year = None
            for year, (index, header) in sorted(table.year_columns.items()):
                raw = values.normalise(cells[index]) if index < len(cells) else ""
                if raw.lower() in NO_VALUE:
                    continue
                actual = _actual(raw, year, ind, known, lambda m, h=header: bad("", m, h))
                if actual is not None:
                    _plan_value(
                        plan,
                        code,
                        year,
                        actual,
                        None,
                        source,
                        old_values,
                        seen_values,
                        lambda m, h=header: bad("", m, h),
                        row_number,
                    )
                    last_year = year
            note = values.parse_text(cell("note")) if "note" in table.columns else None
            if note and last_year is not None:
                plan_row = plan.new_values.get((code, last_year)) or plan.changed_values.get(
                    (code, last_year)
                )
                key = (code, last_year)
                if plan_row is not None:
                    plan_row["note_ja"] = note
                elif key in old_values and old_values[key].note_ja != note:
                    old = old_values[key]
                    plan.unchanged["indicator_values"] -= 1
                    plan.changed_values[key] = {
                        "indicator_code": code,
                        "fiscal_year": last_year,
                        "actual": old.actual,
                        "note_ja": note,
                        "provenance": "imported",
                        "source": source,
                    }


def _definition(table: Table, cell, carried: dict, known: Known, bad, name: str) -> dict | None:
    out: dict = {"name_ja": name, "name_en": cell("name_en") or None}
    # unit
    unit_column = cell("unit") or None
    units: set[str] = {unit_column} if unit_column else set()
    # baseline
    baseline = baseline_fy = None
    try:
        baseline, baseline_fy, unit = parse_measure(cell("baseline"))
        units |= {unit} if unit else set()
    except values.BadValue as exc:
        bad("baseline", str(exc) if cell("baseline") else "現状値が空です (baseline is empty)")
    baseline_fy = (
        baseline_fy or _year_cell(cell, "baseline_fy", bad) or table.header_years.get("baseline")
    )
    if baseline is not None and baseline_fy is None:
        bad(
            "baseline",
            "現状値の年度がありません。57.6%(R4) のように書くか「現状値の年度」列に入れてください "
            "(the baseline's year is missing: write 57.6%(R4) or give a 現状値の年度 column)",
        )
    # target
    target = target_text = target_fy = None
    raw_target = cell("target")
    if _key(raw_target) in TEXT_TARGETS:
        target_text = _key(raw_target)
    elif not raw_target:
        bad("target", "目標値が空です (target is empty)")
    else:
        try:
            target, target_fy, unit = parse_measure(raw_target)
            units |= {unit} if unit else set()
        except values.BadValue as exc:
            bad(
                "target",
                f"{exc}; 文字の目標は「現状値以上」「現状値以下」です (text targets: 現状値以上, 現状値以下)",
            )
    target_fy = target_fy or _year_cell(cell, "target_fy", bad) or table.header_years.get("target")
    if target_fy is None:
        bad(
            "target",
            "目標年度がありません。「目標値（R7年度）」の見出しか「目標年度」列が必要です "
            "(the target year is missing: put it in the header, e.g. 目標値（R7年度）, or a 目標年度 column)",
        )
    if len(units) > 1:
        where = "unit" if "unit" in table.columns else "target"
        bad(where, f"単位が一致しません (units disagree): {', '.join(sorted(units))}")
    out["unit"] = next(iter(units), None)
    # which way is better
    better = None
    raw_better = cell("better")
    if raw_better:
        if _key(raw_better) in {_key(x) for x in HIGHER}:
            better = "higher"
        elif _key(raw_better) in {_key(x) for x in LOWER}:
            better = "lower"
        else:
            bad(
                "better",
                f"目標の方向は 増加・減少・上昇・低下・↑・↓ のいずれかです (direction of the target must be 増加/減少/上昇/低下/↑/↓): {values._show(raw_better)}",
            )
            return None
    implied = None
    if target_text:
        implied = TEXT_TARGETS[target_text]
    elif target is not None and baseline is not None:
        implied = "higher" if target > baseline else "lower" if target < baseline else None
        if implied is None:
            bad("target", "目標値が現状値と同じです (the target equals the baseline)")
    if better and implied and better != implied:
        bad(
            "better",
            f"目標の方向（{raw_better}）と目標値・現状値が矛盾します (the direction of the target contradicts the target and the baseline)",
        )
    out["better"] = better or implied
    # term: a column, else the term of the target year
    term = None
    if carried.get("term"):
        text = (
            values.normalise(carried["term"])
            .removeprefix("第")
            .removesuffix("期実行プログラム")
            .removesuffix("期")
        )
        term = int(text) if text.isdigit() and int(text) in known.terms else None
        if term is None:
            bad("term", f"存在しない期です (unknown term): {values._show(carried['term'])}")
    elif target_fy is not None:
        term = known.fiscal_years.get(target_fy)
        if term is None:
            bad(
                "target",
                f"目標年度 {target_fy} はプランの期間外です (target year {target_fy} is outside the plan's terms)",
            )
    if baseline_fy is not None and target_fy is not None and target_fy <= baseline_fy:
        bad(
            "target",
            f"目標年度（{target_fy}）が現状値の年度（{baseline_fy}）より後ではありません (the target year must come after the baseline year)",
        )
    # direction
    direction = _direction(carried, known, bad)
    plan_name = cell("plan") or "（取り込み）"
    out.update(
        direction_id=direction,
        term_id=term,
        baseline_value=baseline,
        baseline_fy=baseline_fy,
        target_value=target,
        target_text=target_text,
        target_fy=target_fy,
        plan_ja=plan_name,
    )
    return (
        out
        if None not in (direction, term, out["better"], baseline, baseline_fy, target_fy)
        else None
    )


def _year_cell(cell, f: str, bad) -> int | None:
    raw = cell(f)
    if not raw:
        return None
    try:
        return values.parse_fiscal_year(raw)
    except values.BadValue as exc:
        bad(f, str(exc))
        return None


def _direction(carried: dict, known: Known, bad) -> str | None:
    raw = carried.get("direction", "")
    if not raw:
        bad("direction", "取組の方向性が空です (direction is empty)")
        return None
    found = known.directions.get(_key(raw))
    if found:
        return found
    # 「2-1 国際的認知度向上の促進」: the code, then its name. A name that is not that code's is a
    # problem (which of the two was meant is not ours to guess).
    both = re.fullmatch(r"([1-9]-[1-9])\s*(\S.*)", values.normalise(raw).replace("−", "-"))
    if both and known.directions.get(_key(both.group(1))):
        code = known.directions[_key(both.group(1))]
        if known.directions.get(_key(both.group(2))) == code:
            return code
        bad(
            "direction",
            f"方向性の番号と名称が合いません。{code}は「{known.direction_names.get(code, '')}」です。"
            f"番号か名称のどちらかを直してください (the direction's number and name disagree: {code} is "
            f"{known.direction_names.get(code, '')}): {values._show(raw)}",
        )
        return None
    # 「（２）企業の海外展開…」: a number in brackets, then (optionally) the name.
    m = re.fullmatch(r"[(（]?([1-9])[)）.．、]\s*(.*)", values.normalise(raw))
    if m:
        if m.group(2) and known.directions.get(_key(m.group(2))):
            return known.directions[_key(m.group(2))]
        goal = known.goals.get(_key(carried.get("goal", "")))
        if goal is not None and (goal, int(m.group(1))) in known.direction_seq:
            return known.direction_seq[(goal, int(m.group(1)))]
        if goal is None:
            bad(
                "direction",
                f"方向性の番号だけでは基本目標が分かりません。「基本目標」列を付けてください (a direction number needs its 基本目標): {values._show(raw)}",
            )
            return None
    bad("direction", f"取組の方向性を特定できません (unknown direction): {values._show(raw)}")
    return None


def _new_code(ind: dict, codes_in_use: set) -> str:
    n = 1
    while f"T{ind['term_id']}-{ind['direction_id']}-{n:02d}" in codes_in_use:
        n += 1
    return f"T{ind['term_id']}-{ind['direction_id']}-{n:02d}"


def _actual(raw: str, year: int, ind: dict, known: Known, bad) -> float | None:
    try:
        actual, written_year, unit = parse_measure(raw)
    except values.BadValue as exc:
        bad(str(exc))
        return None
    if written_year is not None and written_year != year:
        bad(
            f"列の年度（{year}）と値の年度（{written_year}）が違います (the value's year differs from its column's)"
        )
        return None
    if unit and ind.get("unit") and unit != ind["unit"]:
        bad(f"単位が一致しません (unit {unit} differs from {ind['unit']})")
        return None
    if year not in known.fiscal_years:
        bad(f"{year}年度はプランの期間外です (fiscal year {year} is outside the plan)")
        return None
    return actual


def _value_row(
    table, cell, bad, ind, known, plan, source, old_values, seen_values, row_number
) -> None:
    try:
        year = values.parse_fiscal_year(cell("fiscal_year"))
    except values.BadValue as exc:
        bad("fiscal_year", str(exc))
        return
    raw = cell("actual")
    if raw.lower() in NO_VALUE:
        return
    actual = _actual(raw, year, ind, known, lambda m: bad("actual", m))
    if actual is not None:
        note = values.parse_text(cell("note")) if "note" in table.columns else None
        _plan_value(
            plan,
            ind["indicator_code"],
            year,
            actual,
            note,
            source,
            old_values,
            seen_values,
            lambda m: bad("fiscal_year", m),
            row_number,
        )


def _plan_indicator(plan: Plan, ind: dict, existing: dict | None, source: str) -> None:
    compared = [
        "name_ja",
        "unit",
        "better",
        "direction_id",
        "term_id",
        "baseline_value",
        "baseline_fy",
        "target_value",
        "target_text",
        "target_fy",
    ]
    if existing is not None and all(_same(existing.get(f), ind.get(f)) for f in compared):
        plan.unchanged["indicators"] += 1
        return
    row = {
        **ind,
        "name_en": ind.get("name_en") or (existing or {}).get("name_en"),
        "plan_ja": ind["plan_ja"]
        if ind["plan_ja"] != "（取り込み）" or existing is None
        else existing["plan_ja"],
        "provenance": "imported",
        "baseline_provenance": "imported",
        "target_provenance": "imported",
        "reference": (existing or {}).get("reference"),
        "note_ja": (existing or {}).get("note_ja"),
        "source": source,
    }
    if existing is None:
        plan.new_indicators[ind["indicator_code"]] = row
    else:
        plan.changed_indicators[ind["indicator_code"]] = row


def _plan_value(plan, code, year, actual, note, source, old_values, seen_values, bad, row_number):
    key = (code, year)
    if key in seen_values:
        bad(
            f"{seen_values[key]}と同じ指標・年度です (same indicator and year as {seen_values[key]})"
        )
        return
    seen_values[key] = f"{row_number}行目"
    old = old_values.get(key)
    if old is not None and _same(old.actual, actual) and (note is None or old.note_ja == note):
        plan.unchanged["indicator_values"] += 1
        return
    row = {
        "indicator_code": code,
        "fiscal_year": year,
        "actual": actual,
        # A new number with no note drops the old note: it was about the old number.
        "note_ja": note,
        "provenance": "imported",
        "source": source,
    }
    (plan.changed_values if old is not None else plan.new_values)[key] = row


def _same(a: object, b: object) -> bool:
    missing_a = a is None or (isinstance(a, float) and pd.isna(a))
    missing_b = b is None or (isinstance(b, float) and pd.isna(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    if isinstance(a, int | float) or isinstance(b, int | float):
        try:
            return abs(float(a) - float(b)) < 1e-9
        except (TypeError, ValueError):
            return False
    return str(a) == str(b)


INDICATOR_COLUMNS = [
    "indicator_code",
    "name_ja",
    "name_en",
    "unit",
    "better",
    "direction_id",
    "term_id",
    "baseline_value",
    "baseline_fy",
    "target_value",
    "target_text",
    "target_fy",
    "plan_ja",
    "provenance",
    "baseline_provenance",
    "target_provenance",
    "reference",
    "note_ja",
    "source",
]
VALUE_COLUMNS = ["indicator_code", "fiscal_year", "actual", "note_ja", "provenance", "source"]


def write(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Apply the plan inside the importer's transaction (bound parameters only)."""
    marks = ", ".join("?" for _ in INDICATOR_COLUMNS)
    names = ", ".join(INDICATOR_COLUMNS)  # our own column names, never data
    for row in plan.new_indicators.values():
        con.execute(
            f"insert into indicators ({names}) values ({marks})",
            [row.get(c) for c in INDICATOR_COLUMNS],
        )
    settable = [c for c in INDICATOR_COLUMNS if c != "indicator_code"]
    assignments = ", ".join(f"{c} = ?" for c in settable)
    for code, row in plan.changed_indicators.items():
        con.execute(
            f"update indicators set {assignments} where indicator_code = ?",
            [row.get(c) for c in settable] + [code],
        )
    for code, year in plan.changed_values:
        con.execute(
            "delete from indicator_values where indicator_code = ? and fiscal_year = ?",
            [code, year],
        )
    for row in [*plan.changed_values.values(), *plan.new_values.values()]:
        con.execute(
            "insert into indicator_values values (?, ?, ?, ?, ?, ?)",
            [row[c] for c in VALUE_COLUMNS],
        )


def count(plan: Plan, outcome, log_rows: list, paths: list[Path]) -> None:
    """Add the plan's counts to the importer's outcome and its import_log rows."""
    if not paths:
        return
    for table, new, changed in (
        ("indicators", plan.new_indicators, plan.changed_indicators),
        ("indicator_values", plan.new_values, plan.changed_values),
    ):
        outcome.added[table] = len(new)
        outcome.changed[table] = len(changed)
        outcome.unchanged[table] = plan.unchanged[table]
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    for name, added, changed, unchanged in plan.log:
        log_rows.append((name, digests[name], "indicators", added, changed, unchanged))
