"""Importer fuzzing: sheets mutated from valid ones must end with exit 0 or 2, never a traceback;
on 2 the database file is byte-for-byte unchanged, on 0 it passes an integrity check.

FUZZ_EXAMPLES sets how many sheets (300 in `make test`, 20 000 with random seeds in `make soak`)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections import Counter

import duckdb
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.ingest.__main__ import main as ingest_main
from tests import reliability
from tests.conftest import file_hash

# 300 keeps `make test` under 15 minutes (13 min 49 s in a clean-clone CI run; 15 min 1 s with 500):
# each sheet goes through the full workbook reader (merges, hidden rows), about 0.17 s a sheet on
# the 2-core machine; `make soak` runs 20 000.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SOAK = os.environ.get("FUZZ_SOAK") == "1"

EVALUATION_SHEET = [
    [
        "事業コード",
        "取組名",
        "年度",
        "達成度",
        "コロナ影響",
        "災害影響",
        "今後の方向性",
        "取組実績",
        "備考",
    ],
    ["10000010", "海外展開テスト事業", "令和7年度", "3", "なし", "なし", "Ⅱ", "計画どおり実施", ""],
    ["20000010", "発信テスト事業", "R7", "２", "○", "×", "II", "参加者増", "オンライン"],
    ["30000010", "相談テスト事業", "2024", "目標を下回った", "", "", "", "人員不足", "=SUM(A1)"],
]
INITIATIVE_SHEET = [
    ["期", "事業コード", "取組名", "取組の方向性", "所管局", "新規・拡充", "概要"],
    ["3", "59999990", "新規交流事業", "3-1", "幸区役所", "新規", "地域の交流"],
    ["第3期", "59999980", "新規発信事業", "Ⅱ-1", "総務企画局", "", ""],
]
NASTY = [
    "",
    " ",
    "\u3000",
    "#N/A",
    "#VALUE!",
    "#DIV/0!",
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(1)",
    "３",
    "1.0",
    "3.5",
    "999999999999999999",
    "🌏",
    "髙",
    "𠮷",
    "\u202e",
    "\ufeff",
    "令和99年度",
    "平成元年度",
    "NaN",
    "None",
    "TRUE",
    "null",
    "<script>alert(1)</script>",
    "**bold**",
    "'; drop table evaluations; --",
    "\t",
    "\r",
    "\n",
    "x" * 20_000,
    "あ" * 10_001,
]

cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=25), st.integers(-10, 3000).map(str))
operation = st.one_of(
    st.tuples(st.just("drop_col"), st.integers(0, 12)),
    st.tuples(st.just("rename_col"), st.integers(0, 12), cell),
    st.tuples(st.just("dup_col"), st.integers(0, 12)),
    st.tuples(st.just("swap_cols"), st.integers(0, 12), st.integers(0, 12)),
    st.tuples(st.just("set_cell"), st.integers(0, 6), st.integers(0, 12), cell),
    st.tuples(st.just("blank_row"), st.integers(0, 6)),
    st.tuples(st.just("dup_row"), st.integers(0, 6)),
    st.tuples(st.just("drop_row"), st.integers(0, 6)),
)
ENCODINGS = ["utf-8", "utf-8-sig", "cp932", "utf-16", "latin-1", "euc-jp"]


def mutate(table: list[list[str]], ops) -> list[list[str]]:
    rows = [list(r) for r in table]
    for op in ops:
        kind = op[0]
        width = max((len(r) for r in rows), default=0)
        if kind == "drop_col" and width:
            for r in rows:
                if op[1] % width < len(r):
                    del r[op[1] % width]
        elif kind == "rename_col" and rows and rows[0]:
            rows[0][op[1] % len(rows[0])] = op[2]
        elif kind == "dup_col" and width:
            for r in rows:
                if r:
                    r.append(r[op[1] % len(r)])
        elif kind == "swap_cols" and width:
            for r in rows:
                if len(r) == width:
                    i, j = op[1] % width, op[2] % width
                    r[i], r[j] = r[j], r[i]
        elif kind == "set_cell" and rows:
            r = rows[op[1] % len(rows)]
            if r:
                r[op[2] % len(r)] = op[3]
        elif kind == "blank_row":
            rows.insert(op[1] % (len(rows) + 1), ["", " ", "\u3000"][op[1] % 3 : op[1] % 3 + 1] * 3)
        elif kind == "dup_row" and rows:
            rows.append(list(rows[op[1] % len(rows)]))
        elif kind == "drop_row" and len(rows) > 1:
            del rows[op[1] % len(rows)]
    return rows


TITLES = [
    ["令和7年度 川崎市国際施策推進プラン 取組評価一覧"],
    [],
    ["令和7年7月1日現在\u3000総務企画局"],
    ["取組評価一覧"],
    ["R6"],
]
NOTES = [["合計", "", "3件"], [], ["※達成度は5段階"], ["注1 コロナの影響：あり／なし"]]
GROUPED = {"達成度", "コロナ影響", "今後の方向性"}


def dress(rows: list[list[str]], title_rows: int, two_row: bool, notes: int):
    """The shapes staff make (issue 12): title rows above, a two-row header with 「評価」 over
    three columns, total and note rows under the table. Returns the rows and, for a workbook,
    the merged ranges (first row, first col, last row, last col; 1-based)."""
    merges = []
    top = [list(r) for r in TITLES[:title_rows]]
    body = [list(r) for r in rows]
    if two_row and body:
        header = body[0]
        upper = ["評価" if h in GROUPED else h for h in header]
        lower = [h if h in GROUPED else "" for h in header]
        body[0:1] = [upper, lower]
        r = len(top) + 1
        for c, h in enumerate(header, start=1):
            if h not in GROUPED:
                merges.append((r, c, r + 1, c))
        grouped = [c for c, h in enumerate(header, start=1) if h in GROUPED]
        if len(grouped) > 1 and grouped == list(range(grouped[0], grouped[-1] + 1)):
            merges.append((r, grouped[0], r, grouped[-1]))
    return top + body + [list(r) for r in NOTES[:notes]], merges


def to_csv(rows: list[list[str]], encoding: str) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def to_xlsx(
    rows: list[list[str]],
    extra_sheet_first: bool,
    merge_header: bool,
    dressing: tuple[int, bool, int] = (0, False, 0),
    sheets: int = 1,
) -> bytes:
    """One workbook; with ``sheets`` > 1 the data rows are dealt out to one sheet per goal, each
    with its own header (and title rows, two-row header, notes as ``dressing`` says)."""
    book = openpyxl.Workbook()
    if extra_sheet_first:
        book.active.title = "記入方法"
        book.active.append(["説明", "=1+1"])
        first = book.create_sheet("基本目標Ⅰ")
    else:
        first = book.active
    header, data = rows[:1], rows[1:]
    parts = [data[i::sheets] for i in range(sheets)] if header else [rows]
    for n, part in enumerate(parts):
        ws = first if n == 0 else book.create_sheet(f"基本目標{'ⅠⅡⅢ'[n % 3]}{n}")
        dressed, merges = dress(header + part, *dressing) if header else (part, [])
        for r in dressed:
            ws.append([_xlsx_safe(v) for v in r])
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    if merge_header and rows and len(rows[0]) > 2 and not dressing[1]:
        first.merge_cells(start_row=1, start_column=2, end_row=1, end_column=3)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_safe(value: str) -> str:
    # openpyxl refuses control characters that XLSX cannot store; a real sheet cannot hold them either
    return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)


sheet = st.fixed_dictionaries(
    {
        "base": st.sampled_from(["evaluations", "initiatives"]),
        "ops": st.lists(operation, max_size=6),
        "format": st.sampled_from(["csv", "csv", "csv", "xlsx", "txt", "pdf", "none"]),
        "encoding": st.sampled_from(ENCODINGS),
        "truncate": st.one_of(st.none(), st.floats(0.0, 1.0)),
        "bom_at": st.one_of(st.none(), st.floats(0.0, 1.0)),
        "extra_sheet": st.booleans(),
        "merge_header": st.booleans(),
        "title_rows": st.integers(0, len(TITLES)),
        "two_row_header": st.booleans(),
        "notes": st.integers(0, len(NOTES)),
        "sheets": st.integers(1, 3),
    }
)


def counts(db) -> dict:
    """Rows per term (initiatives) and per fiscal year (evaluations)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "initiatives": dict(
                con.execute("select term_id, count(*) from initiatives group by 1").fetchall()
            ),
            "evaluations": dict(
                con.execute("select fiscal_year, count(*) from evaluations group by 1").fetchall()
            ),
        }
    finally:
        con.close()


def integrity(db, before: dict, sheet_rows: int) -> None:
    """After an import: constraints hold, no orphan rows, and the row counts by term and year
    only grew, by no more than the sheet has rows (an import adds or updates, never deletes)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        orphans = con.execute(
            "select count(*) from evaluations e left join initiatives i using (initiative_id) where i.initiative_id is null"
        ).fetchone()[0]
        outside = con.execute(
            """select count(*) from evaluations e join initiatives i using (initiative_id) join terms t on t.term_id = i.term_id
               where e.fiscal_year not between t.first_fy and t.last_fy or e.term_id <> i.term_id"""
        ).fetchone()[0]
        bad_levels = con.execute(
            "select count(*) from evaluations where achievement_level not between 1 and 5"
        ).fetchone()[0]
        assert orphans == outside == bad_levels == 0
    finally:
        con.close()
    after = counts(db)
    for table in ("initiatives", "evaluations"):
        was, now = before[table], after[table]
        assert all(now.get(k, 0) >= n for k, n in was.items()), (table, was, now)
        assert 0 <= sum(now.values()) - sum(was.values()) <= sheet_rows, (table, was, now)


@pytest.fixture(scope="module")
def fuzz_db(fixture_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    pristine = folder / "pristine.duckdb"
    shutil.copyfile(fixture_db_file, pristine)
    return folder, pristine


def test_fuzzed_sheets_exit_0_or_2_and_never_corrupt_the_database(fuzz_db):
    folder, pristine = fuzz_db
    db = folder / "kawasaki.duckdb"
    shutil.copyfile(pristine, db)
    pristine_hash, pristine_counts = file_hash(pristine), counts(pristine)
    outcomes: Counter = Counter()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not SOAK,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(sheet)
    def run(example):
        # Every sheet starts from the same data, whatever the sheet before it did (or failed).
        if file_hash(db) != pristine_hash:
            shutil.copyfile(pristine, db)
        base = EVALUATION_SHEET if example["base"] == "evaluations" else INITIATIVE_SHEET
        rows = mutate(base, example["ops"])
        dressing = (example["title_rows"], example["two_row_header"], example["notes"])
        if example["format"] == "xlsx":
            data = to_xlsx(
                rows, example["extra_sheet"], example["merge_header"], dressing, example["sheets"]
            )
            suffix = ".xlsx"
        else:
            data = to_csv(dress(rows, *dressing)[0], example["encoding"])
            suffix = {"csv": ".csv", "txt": ".txt", "pdf": ".pdf", "none": ""}[example["format"]]
        if example["bom_at"] is not None:
            at = int(len(data) * example["bom_at"])
            data = data[:at] + b"\xef\xbb\xbf" + data[at:]
        if example["truncate"] is not None:
            data = data[: int(len(data) * example["truncate"])]
        path = folder / f"sheet{suffix}"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = ingest_main(["import", str(path), "--db", str(db)])
        printed = out.getvalue() + err.getvalue()
        assert code in (0, 2), printed
        assert "Traceback" not in printed
        outcomes[code] += 1
        if code == 2:
            assert file_hash(db) == pristine_hash
            assert all(
                line.startswith(str(path))
                or line.startswith(("warning:", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
                for line in err.getvalue().splitlines()
                if line
            ), printed
        else:
            integrity(db, pristine_counts, sheet_rows=len(rows))

    run()
    total = sum(outcomes.values())
    reliability.record(
        "importer fuzzing (hypothesis)",
        "sheets mutated from valid ones: columns dropped/renamed/duplicated/swapped, nasty cells (#N/A, formulas, emoji, non-CP932, 20 000-char), blank rows, 6 encodings, stray BOMs, truncation, XLSX with an extra sheet or merged header, wrong file types; title rows, two-row merged headers, total and note rows, one sheet per goal",
        total,
        f"exit 2 (problems reported, file unchanged): {outcomes[2]}; exit 0 (integrity check passed): {outcomes[0]}; tracebacks: 0",
    )
    assert total >= EXAMPLES
