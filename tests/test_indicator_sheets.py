"""Indicator sheets (成果指標) in the city's table style, built here from literal rows, imported
with the same command and the same all-or-nothing rules as evaluation sheets."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import duckdb
import openpyxl
import pytest

from analytics.indicators import queries
from analytics.ingest import values
from analytics.ingest.importer import run_import
from analytics.ingest.indicator_sheets import parse_measure
from tests.conftest import ROOT, file_hash

# Wide form: title rows, 「実績値」 over three year columns (merged: blank to its right), the year
# row spelled three ways, full-width digits, the goal and direction merged down, notes under it.
WIDE = [
    ["令和6年度 川崎市国際施策推進プラン 成果指標の達成状況"],
    ["作成日：令和7年3月31日", "", "", "国際施策推進室"],
    [],
    [
        "基本目標",
        "取組の方向性",
        "指標",
        "単位",
        "目標の方向",
        "現状値（評価年度）",
        "目標値（R7年度）",
        "実績値",
        "",
        "",
        "備考",
    ],
    ["", "", "", "", "", "", "", "令和4年度", "R5", "2024年度", ""],
    [
        "基本目標１",
        "（２）企業の海外展開による国際競争力の強化",
        "海外展示会での商談件数",
        "件",
        "増加",
        "１２０(R3)",
        "２００",
        "１３０",
        "１５５",
        "１８０",
        "展示会2回に出展",
    ],
    [
        "",
        "",
        "川崎港のコンテナ取扱量（暦年）",
        "TEU",
        "↑",
        "140,412(R3)",
        "現状値以上",
        "131,820",
        "124,905",
        "１１９，０００",
        "",
    ],
    [
        "基本目標2",
        "国際的認知度向上の促進",
        "川崎市に良いイメージを持つ市民の割合（都市イメージ調査）",
        "%",
        "上昇",
        "57.6%(R4)",
        "65.0%",
        "-",
        "61.2%",
        "74.2%",
        "",
    ],
    [
        "基本目標3",
        "3-2",
        "日本語の相談で困った外国人市民の割合",
        "",
        "減少",
        "40.0%(R3)",
        "30.0%",
        "38.5%",
        "－",
        "35％",
        "",
    ],
    ["※ 実績値は各年度末時点の数値", "", "", "", "", "", "", "", "", "", ""],
]


def write_csv(path, rows, encoding="cp932"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def rows(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("95.5%(R2)", (95.5, 2020, "%")),
        ("146,894(H30)", (146894, 2018, None)),
        ("57.6％（R4）", (57.6, 2022, "%")),
        ("１，５０４万人", (1504, None, "万人")),
        ("77,207TEU", (77207, None, "TEU")),
        ("約28万人(2019)", (28, 2019, "万人")),
        ("▲3.5", (-3.5, None, None)),
        ("12(令和元年度)", (12, 2019, None)),
    ],
)
def test_values_as_the_city_writes_them(raw, expected):
    assert parse_measure(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,23,4", "12(R99x)", "12kg", "", "現状値以上"])
def test_values_that_cannot_be_read(raw):
    with pytest.raises(values.BadValue):
        parse_measure(raw)


def write_merged_xlsx(path, rows):
    """WIDE as the city's Excel has it: the two header rows merged down (A–G, K) and 「実績値」
    merged over its three year columns; the goal and direction merged down over their rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "成果指標"
    for row in rows:
        ws.append(row)
    for column in "ABCDEFGK":
        ws.merge_cells(f"{column}4:{column}5")
    ws.merge_cells("H4:J4")
    ws.merge_cells("A6:A7")
    ws.merge_cells("B6:B7")
    book.save(path)
    return path


@pytest.mark.parametrize("form", ["cp932 csv", "xlsx with merged cells"])
def test_wide_sheet_imports_new_changed_and_unchanged(reference_db, tmp_path, form):
    if form == "cp932 csv":
        sheet = write_csv(tmp_path / "成果指標_R6.csv", WIDE)
    else:
        sheet = write_merged_xlsx(tmp_path / "成果指標_R6.xlsx", WIDE)
    done = subprocess.run(
        [sys.executable, "-m", "analytics.ingest", "import", str(sheet), "--db", str(reference_db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # Indicators: 2 new (展示会, 日本語の相談), 2 unchanged (port, city image: same definition).
    # Values: new 3 + 2; changed 1 (port FY2024 117,633 -> 119,000); unchanged port 2022-23 and
    # city image 2023-24.
    assert "indicators: 追加 2 / 変更 0 / 変更なし 2" in done.stdout
    assert "indicator_values: 追加 5 / 変更 1 / 変更なし 4" in done.stdout
    new = rows(
        reference_db,
        "select indicator_code, direction_id, term_id, unit, better, baseline_value, baseline_fy,"
        " target_value, target_text, target_fy, provenance, source from indicators"
        " where source like 'import:%' order by 1",
    )
    assert new == [
        (
            "T3-1-2-04",
            "1-2",
            3,
            "件",
            "higher",
            120.0,
            2021,
            200.0,
            None,
            2025,
            "imported",
            f"import:{sheet.name}",
        ),
        (
            "T3-3-2-04",
            "3-2",
            3,
            "%",
            "lower",
            40.0,
            2021,
            30.0,
            None,
            2025,
            "imported",
            f"import:{sheet.name}",
        ),
    ]
    assert rows(
        reference_db,
        "select fiscal_year, actual, note_ja from indicator_values"
        " where indicator_code = 'T3-1-2-04' order by 1",
    ) == [(2022, 130.0, None), (2023, 155.0, None), (2024, 180.0, "展示会2回に出展")]
    assert rows(
        reference_db,
        "select actual, provenance, note_ja from indicator_values"
        " where indicator_code = 'T3-1-2-02' and fiscal_year = 2024",
    ) == [(119000.0, "imported", None)]  # the old note was about the sample number: dropped
    assert rows(
        reference_db,
        "select file_name, sheet_kind, rows_added, rows_changed, rows_unchanged from import_log"
        " where sheet_kind = 'indicators'",
    ) == [(sheet.name, "indicators", 7, 1, 6)]
    assert rows(reference_db, "select count(*) from indicator_values where note_ja = 'nan'") == [
        (0,)
    ]
    # The new indicator's status: p = (180 - 120) / (200 - 120) = 0.75 = e = 3/4 -> 順調;
    # the lower-is-better one: p = (35 - 40) / (30 - 40) = 0.5 < e, >= e/2 = .375 -> やや遅れ.
    con = duckdb.connect(str(reference_db), read_only=True)
    status = queries.indicator_status(con).set_index("indicator_code")["status"]
    con.close()
    assert status["T3-1-2-04"] == "on_track" and status["T3-3-2-04"] == "slightly_behind"
    # Importing the same sheet again changes nothing.
    again = run_import([sheet], reference_db)
    assert not again.problems and not again.has_changes


def xlsx(path, sheets: dict[str, list[list]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, data in sheets.items():
        ws = book.create_sheet(title)
        for row in data:
            ws.append(row)
    book.save(path)


def test_workbook_one_row_per_year_behind_a_cover_sheet(reference_db, tmp_path):
    path = tmp_path / "成果指標.xlsx"
    header = [
        "指標コード",
        "指標名",
        "取組の方向性",
        "期",
        "現状値",
        "現状値の年度",
        "目標値",
        "目標年度",
        "年度",
        "実績値",
        "備考",
    ]
    xlsx(
        path,
        {
            "表紙": [["成果指標 令和6年度"], ["国際施策推進室"]],
            "基本目標2": [
                ["基本目標2 発信力を高め世界的プレゼンスを確立するまち"],
                header,
                [
                    "T3-2-2-03",
                    "市内の外国人延べ宿泊者数",
                    "2-2",
                    "第3期",
                    "28万人",
                    2019,
                    "35万人",
                    "令和7年度",
                    "令和6年度",
                    "29.5万人",
                    "クルーズ船の寄港再開",
                ],
                [None, None, None, None, None, None, None, None, "R5", "19.8万人", None],
            ],
        },
    )
    outcome = run_import([path], reference_db)
    assert outcome.problems == []
    assert (outcome.added["indicators"], outcome.unchanged["indicators"]) == (0, 1)
    assert (outcome.changed["indicator_values"], outcome.unchanged["indicator_values"]) == (1, 1)
    assert rows(
        reference_db,
        "select actual, note_ja from indicator_values"
        " where indicator_code = 'T3-2-2-03' and fiscal_year = 2024",
    ) == [(29.5, "クルーズ船の寄港再開")]
    # p = (29.5 - 28) / (35 - 28) = 0.214 < e/2 = (5/6)/2 = 0.417, >= 0 -> 遅れ (was 後退)
    con = duckdb.connect(str(reference_db), read_only=True)
    status = queries.indicator_status(con).set_index("indicator_code")["status"]
    con.close()
    assert status["T3-2-2-03"] == "behind"


BAD = [
    ["成果指標"],
    ["取組の方向性", "指標", "目標の方向", "現状値（評価年度）", "目標値（R7年度）", "実績値", ""],
    ["", "", "", "", "", "R5", "R6"],
    ["1-1", "読めない現状値", "増加", "abc", "10", "", ""],  # row 4
    ["1-1", "年度のない現状値", "増加", "57.6%", "60%", "", ""],  # row 5
    ["1-1", "方向が不明", "横ばい", "5(R3)", "10", "", ""],  # row 6
    ["9-9", "方向性が不明", "増加", "5(R3)", "10", "", ""],  # row 7
    ["1-1", "年度が違う実績", "増加", "5(R3)", "10", "7(R4)", ""],  # row 8
    ["1-1", "方向と目標が矛盾", "減少", "5(R3)", "10", "", ""],  # row 9
    ["1-1", "単位が違う", "増加", "5%(R3)", "10件", "", ""],  # row 10
]


def test_problems_name_file_row_and_column_exit_2_and_change_nothing(reference_db, tmp_path):
    sheet = write_csv(tmp_path / "bad.csv", BAD, encoding="utf-8-sig")
    good = write_csv(tmp_path / "good.csv", WIDE)
    before = file_hash(reference_db)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.ingest",
            "import",
            str(good),
            str(sheet),
            "--db",
            str(reference_db),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2
    assert file_hash(reference_db) == before
    err = done.stderr
    for where in [
        "bad.csv:4:現状値（評価年度）: 数値を読めません",
        "bad.csv:5:現状値（評価年度）: 現状値の年度がありません",
        "bad.csv:6:目標の方向: 目標の方向は",
        "bad.csv:7:取組の方向性: 取組の方向性を特定できません",
        "bad.csv:8:R5: 列の年度（2023）と値の年度（2022）が違います",
        "bad.csv:9:目標の方向: 目標の方向（減少）と目標値・現状値が矛盾します",
        "bad.csv:10:目標値（R7年度）: 単位が一致しません",
    ]:
        assert where in err, where
    assert "good.csv" not in err  # the good file has no problems, but is not imported either


def test_an_evaluation_sheet_is_still_read_as_one(reference_db, tmp_path):
    sheet = write_csv(
        tmp_path / "eval.csv",
        [["事業コード", "年度", "達成度"], ["40901010", "令和7年度", "3"]],
        encoding="utf-8",
    )
    outcome = run_import([sheet], reference_db, dry_run=True)
    assert "indicators" not in outcome.added


def test_a_direction_as_code_and_name_is_taken_when_they_agree_and_refused_when_not(
    reference_db, tmp_path
):
    agree = [row[:] for row in WIDE]
    agree[7][1] = "2-1 国際的認知度向上の促進"  # the official name of 2-1
    good = write_csv(tmp_path / "成果指標_R6.csv", agree)
    outcome = run_import([good], reference_db, dry_run=True)
    assert outcome.problems == []
    disagree = [row[:] for row in WIDE]
    disagree[7][1] = "2-2 観光振興"  # 2-2 is 海外から人を川崎にひきつけるまちづくり
    bad = write_csv(tmp_path / "成果指標_誤り.csv", disagree)
    before = file_hash(reference_db)
    outcome = run_import([bad], reference_db)
    assert [(p.row, p.column) for p in outcome.problems] == [(8, "取組の方向性")]
    assert "海外から人を川崎にひきつけるまちづくり" in outcome.problems[0].message
    assert file_hash(reference_db) == before


def test_a_changed_number_without_a_note_drops_the_old_note(reference_db, tmp_path):
    # The reference data's port indicator carries a note on FY2024; the city's sheet gives the
    # year a new number and no note, and the FY2023 number unchanged: that note is kept.
    old = dict(
        rows(
            reference_db,
            "select fiscal_year, note_ja from indicator_values where indicator_code = 'T3-1-2-02'",
        )
    )
    assert old[2024]
    port_row = WIDE[6][:]
    port_row[:2] = WIDE[5][:2]  # its goal and direction, merged down from the row above in WIDE
    port = [WIDE[0], WIDE[1], WIDE[2], WIDE[3], WIDE[4], port_row]
    sheet = write_csv(tmp_path / "成果指標_R6.csv", port)
    assert run_import([sheet], reference_db).written
    now = dict(
        rows(
            reference_db,
            "select fiscal_year, note_ja from indicator_values where indicator_code = 'T3-1-2-02'",
        )
    )
    assert now[2024] is None and now[2023] == old[2023]
