"""The secretariat's real files (issue 12): sheets built here from literal rows in the shapes city
staff make them, imported with no hand edits, and checked value by value afterwards."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import openpyxl
import pytest

from analytics.ingest.importer import run_import
from analytics.ingest.terms import TermError, add_term
from tests.conftest import ROOT, file_hash

TITLE = "令和6年度 川崎市国際施策推進プラン 取組評価一覧"
AS_OF = "令和7年7月1日現在　総務企画局国際政策推進室"
GOAL_1 = "基本目標Ⅰ\n川崎発の最先端技術で世界をリードするまち"
GOAL_2 = "基本目標Ⅱ\n発信力を高め世界的プレゼンスを確立するまち"


def evaluations(db, fy):
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select initiative_id, achievement_level, covid_impact, disaster_impact, next_step,"
            " results_ja, note_ja, source from evaluations where fiscal_year = ? and source <> 'sample'"
            " order by initiative_id",
            [fy],
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def goal_sheet(book, title, goal, rows, *, hide_row=None):
    """One sheet per 基本目標 as staff lay it out: title, blank, date line, a two-row header with
    「評価」 merged over three columns, the goal and direction merged down, last year's level in a
    hidden column, a 合計 row, a blank row and two ※ notes; an autofilter left on."""
    ws = book.create_sheet(title)
    ws.append([TITLE])
    ws.merge_cells("A1:L1")
    ws.append([])
    ws.append([AS_OF])
    ws.append(
        [
            "No.",
            "基本目標",
            "取組の方向性",
            "事業コード",
            "事務事業名",
            "所管局",
            "前年度達成度",
            "評価",
            None,
            None,
            "令和6年度の主な取組実績",
            "備考",
        ]
    )
    ws.append([None] * 7 + ["達成度", "コロナの影響", "今後の方向性"])
    for col in "ABCDEFGKL":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("H4:J4")
    first = 6
    for i, (direction, code, name, bureau, level, covid, step, results) in enumerate(rows):
        ws.append(
            [
                i + 1,
                goal if i == 0 else None,
                direction,
                code,
                name,
                bureau,
                3,
                level,
                covid,
                step,
                results,
                None,
            ]
        )
    last = first + len(rows) - 1
    ws.merge_cells(f"B{first}:B{last}")
    # direction cells: a value starts a merge down over the following empty ones
    start = first
    for r in range(first + 1, last + 2):
        if r > last or ws[f"C{r}"].value is not None:
            if r - 1 > start:
                ws.merge_cells(f"C{start}:C{r - 1}")
            start = r
    ws.append(["合計", None, None, None, f"{len(rows)}件"])
    ws.append([])
    ws.append(["※達成度：1 目標を大きく上回って達成 … 5 目標を大きく下回った"])
    ws.append(["※前年度達成度は参考として記載しています。"])
    ws.column_dimensions["G"].hidden = True
    if hide_row:
        ws.row_dimensions[hide_row].hidden = True
    ws.auto_filter.ref = f"A5:L{last}"
    return ws


@pytest.fixture
def city_workbook(tmp_path):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "表紙"
    cover.append(["令和6年度 川崎市国際施策推進プラン 取組評価"])
    cover.append([])
    cover.append(["総務企画局国際政策推進室"])
    goal_sheet(
        book,
        "基本目標Ⅰ",
        GOAL_1,
        [
            (
                "（１）世界をけん引するビジネス拠点の創出",
                40111010,
                "国際戦略拠点活性化推進事業",
                "臨海部国際戦略本部",
                "ほぼ目標どおり達成",
                "\u2212",
                "Ⅱ（改善しながら継続）",
                "キングスカイフロントの拠点間連携を強化した。",
            ),
            (
                None,
                40111020,
                "戦略拠点形成推進事業",
                "臨海部国際戦略本部",
                "目標を上回って達成",
                "あり",
                "Ⅰ　現状のまま継続",
                "拠点形成の協議を進めた。",
            ),
            (
                "（２）企業の海外展開による国際競争力の強化",
                40204010,
                "海外展開支援事業",
                "経済労働局",
                "４",
                "○",
                "Ⅲ",
                None,
            ),
        ],
        hide_row=7,
    )
    goal_sheet(
        book,
        "基本目標Ⅱ",
        GOAL_2,
        [
            (
                "（１）国際的認知度向上の促進",
                50401010,
                "国際施策推進事業",
                "総務企画局",
                "３．ほぼ目標どおり達成",
                "なし",
                "1",
                "プラン推進会議を開催した。",
            ),
            (
                "（２）海外から人を川崎にひきつけるまちづくり",
                None,  # no code: staff name the project
                "観光振興事業",
                "経済労働局",
                "2",
                None,
                "Ⅲ（事業規模拡大）",
                "インバウンド向けの情報発信を拡充した。",
            ),
        ],
    )
    path = tmp_path / "取組評価一覧.xlsx"
    book.save(path)
    return path


def test_a_workbook_per_goal_with_title_rows_and_merged_headers(reference_db, city_workbook):
    outcome = run_import([city_workbook], reference_db)
    assert not outcome.problems, [str(p) for p in outcome.problems]
    assert outcome.written and outcome.changed["evaluations"] == 5
    source = "import:取組評価一覧.xlsx"
    assert evaluations(reference_db, 2024) == {
        "T3-40111010": (
            3,
            False,
            False,
            "Ⅱ",
            "キングスカイフロントの拠点間連携を強化した。",
            None,
            source,
        ),
        "T3-40111020": (2, True, False, "Ⅰ", "拠点形成の協議を進めた。", None, source),
        "T3-40204010": (4, True, False, "Ⅲ", None, None, source),
        "T3-50401010": (3, False, False, "Ⅰ", "プラン推進会議を開催した。", None, source),
        "T3-40504010": (
            2,
            False,
            False,
            "Ⅲ",
            "インバウンド向けの情報発信を拡充した。",
            None,
            source,
        ),
    }
    notes = "\n".join(outcome.notes)
    assert "[表紙]: 表がないため読み飛ばしました" in notes
    assert "[基本目標Ⅰ]: 見出し 4行目から2行、データ 3行" in notes
    assert "[基本目標Ⅰ]: 年度 2024 はタイトル行から" in notes
    # the 合計 row (9), the blank row (10) and the two notes (11, 12)
    assert (
        "[基本目標Ⅰ]: 4行を読み飛ばしました（合計・小計 1、空行 1、注記 2、最初は9行目）" in notes
    )
    assert "[基本目標Ⅰ]: 読み込まない列 (columns ignored): No. (列A)、基本目標 (列B)" not in notes
    assert "前年度達成度 (列G・非表示)" in notes
    assert "非表示の行 7、非表示の列 G、オートフィルタ A5:L8 があります" in notes
    assert "事務事業名で特定した行: 1" in notes
    log = query(
        reference_db,
        "select file_name, rows_changed from import_log where sheet_kind = 'evaluations' order by import_id",
    )
    assert log == [("取組評価一覧.xlsx[基本目標Ⅰ]", 3), ("取組評価一覧.xlsx[基本目標Ⅱ]", 2)]


def test_every_sheet_is_read_not_only_the_first(reference_db, city_workbook):
    # Issue 12: only the first sheet with a table was read, silently, and the command exited 0.
    run_import([city_workbook], reference_db)
    assert "T3-50401010" in evaluations(reference_db, 2024)


def cp932_csv(tmp_path):
    text = (
        f"{TITLE}\r\n"
        "\r\n"
        f"{AS_OF}\r\n"
        "事業コード,事務事業名,達成度,コロナの影響,災害の影響,今後の方向性,令和6年度の主な取組実績,備考\r\n"
        '50601010,国際交流推進事業,ほぼ目標どおり達成,－,なし,Ⅰ　現状のまま継続,"姉妹都市との交流を再開した。\r\n記念式典を実施。",\r\n'
        ",友好港交流推進事業,３．ほぼ目標どおり達成,あり,－,Ⅱ（改善しながら継続）,ダナン港との交流会,\r\n"
        "50703010,多文化共生社会の実現に向けた取組,目標を下回った,○,×,Ⅳ,,要改善\r\n"
        ",,,,,,,\r\n"
        "※達成度は5段階で評価しています。\r\n"
        "※コロナの影響：あり／なし\r\n"
    )
    path = tmp_path / "評価一覧.csv"
    path.write_bytes(text.encode("cp932"))
    return path


def test_a_cp932_csv_from_japanese_excel_with_notes_at_the_end(reference_db, tmp_path):
    outcome = run_import([cp932_csv(tmp_path)], reference_db)
    assert not outcome.problems, [str(p) for p in outcome.problems]
    source = "import:評価一覧.csv"
    assert evaluations(reference_db, 2024) == {
        "T3-50601010": (
            3,
            False,
            False,
            "Ⅰ",
            "姉妹都市との交流を再開した。\r\n記念式典を実施。",
            None,
            source,
        ),
        "T3-40610010": (3, True, False, "Ⅱ", "ダナン港との交流会", None, source),
        "T3-50703010": (4, True, False, "Ⅳ", None, "要改善", source),
    }
    notes = "\n".join(outcome.notes)
    assert "評価一覧.csv: 年度 2024 はタイトル行から" in notes
    assert "3行を読み飛ばしました（空行 1、注記 2、最初は8行目）" in notes


def test_covid_and_results_columns_are_read_not_dropped(reference_db, tmp_path):
    # Issue 12: 「コロナの影響」 and the results column were dropped with a warning and the
    # sample's values stayed, relabelled as the city's.
    run_import([cp932_csv(tmp_path)], reference_db)
    covid, results = query(
        reference_db,
        "select covid_impact, results_ja from evaluations"
        " where initiative_id = 'T3-40610010' and fiscal_year = 2024",
    )[0]
    assert covid is True and results == "ダナン港との交流会"


def test_a_sheet_without_a_code_column_and_a_year_in_both_calendars(reference_db, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(
        "年度,事務事業名,達成度\n"
        "令和６（2024）年度,海外展開支援事業,5\n"
        "令和6(2024)年度,上下水道分野における 国際展開推進事業,目標を大きく上回って達成\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert not outcome.problems and outcome.matched_by_name == 2
    rows = evaluations(reference_db, 2024)
    assert rows["T3-40204010"][0] == 5 and rows["T3-30312010"][0] == 1


def test_swapped_codes_are_refused(reference_db, tmp_path):
    # Issue 12: two rows whose codes were swapped loaded silently.
    digest = file_hash(reference_db)
    path = tmp_path / "swapped.csv"
    path.write_text(
        "事業コード,事務事業名,年度,達成度\n"
        "40111010,戦略拠点形成推進事業,2024,2\n"
        "40111020,国際戦略拠点活性化推進事業,2024,4\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert [str(p).split(": ")[0] for p in outcome.problems] == [
        f"{path}:2:事業コード (列A)",
        f"{path}:3:事業コード (列A)",
    ]
    assert "入れ替わって" in outcome.problems[0].message
    assert not outcome.written and file_hash(reference_db) == digest


def test_unknown_name_suggests_the_closest_and_renamed_project_warns(reference_db, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(
        "事業コード,事務事業名,年度,達成度\n"
        ",海外展開支援,2024,3\n"
        "40204010,海外展開支援事業（中小企業）,2024,3\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert len(outcome.problems) == 1
    problem = outcome.problems[0]
    assert (problem.row, problem.column) == (2, "事務事業名 (列B)")
    assert "近い名称：「海外展開支援事業」" in problem.message
    assert any(":3:事務事業名 (列B): 名称が登録と少し違います" in w for w in outcome.warnings)


def test_unrecognised_header_that_looks_known_is_a_problem(reference_db, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(
        "事業コード,年度,達成度,コロナ禍の状況\n40111010,2024,3,あり\n", encoding="utf-8"
    )
    outcome = run_import([path], reference_db)
    assert [str(p).split(": ")[0] for p in outcome.problems] == [f"{path}:1:コロナ禍の状況 (列D)"]


def test_fiscal_years_that_disagree_are_a_problem(reference_db, tmp_path):
    path = tmp_path / "R5評価.csv"
    path.write_text(f"{TITLE}\n事業コード,達成度\n40111010,3\n", encoding="utf-8")
    outcome = run_import([path], reference_db)
    assert len(outcome.problems) == 1 and "年度が食い違っています" in outcome.problems[0].message


def test_year_column_against_title_and_no_year_at_all(reference_db, tmp_path):
    clash = tmp_path / "a.csv"
    clash.write_text(f"{TITLE}\n事業コード,年度,達成度\n40111010,2023,3\n", encoding="utf-8")
    none = tmp_path / "b.csv"
    none.write_text("事業コード,達成度\n40111010,3\n", encoding="utf-8")
    outcome = run_import([clash, none], reference_db)
    shown = sorted(str(p).split(": ")[0] for p in outcome.problems)
    assert shown == [f"{clash}:3:年度 (列B)", f"{none}:1:-"]
    given = run_import([none], reference_db, fiscal_year=2025)
    assert not given.problems and given.added["evaluations"] == 1


def test_bureau_column_is_compared_and_a_mismatch_warns(reference_db, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("事業コード,所管局,年度,達成度\n40111010,港湾局,2024,3\n", encoding="utf-8")
    outcome = run_import([path], reference_db)
    assert not outcome.problems
    assert any(
        ":2:所管局 (列B): 所管局「港湾局」は登録（臨海部国際戦略本部）と違います" in w
        for w in outcome.warnings
    )


def test_a_row_filed_under_another_direction_warns_and_counts_under_the_registered_one(
    reference_db, tmp_path
):
    # 40111010 is registered under 1-1 世界をけん引するビジネス拠点の創出 (reference data).
    path = tmp_path / "d.csv"
    path.write_text(
        "基本目標,取組の方向性,事業コード,年度,達成度\n"
        "3,（１）地域での交流・多文化共生の促進,40111010,2024,3\n"
        "1,（１）世界をけん引するビジネス拠点の創出,40111020,2024,3\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert not outcome.problems
    direction_warnings = [w for w in outcome.warnings if "取組の方向性" in w]
    assert len(direction_warnings) == 1
    assert (
        f"{path}:2:取組の方向性 (列B): 取組の方向性「(1)地域での交流・多文化共生の促進」は登録（1-1 世界をけん引するビジネス拠点の創出）と違います"
        in direction_warnings[0]
    )


def test_a_problem_in_a_hidden_row_says_so(reference_db, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "R6"
    ws.append(["事業コード", "達成度"])
    ws.append([40111010, 3])
    ws.append([40111020, 9])
    ws.row_dimensions[3].hidden = True
    path = tmp_path / "h.xlsx"
    book.save(path)
    outcome = run_import([path], reference_db)
    assert [str(p).split(": ")[0] for p in outcome.problems] == [f"{path}[R6]:3:達成度 (列B)"]
    assert "この行は非表示です" in outcome.problems[0].message


# ---- corrections, a new term, provenance ------------------------------------------------------

CORRECTED_LIST = (
    "期,事業コード,事務事業名,基本目標,取組の方向性,所管局,新規・拡充,概要\n"
    "第3期,40111010,国際戦略拠点活性化推進事業（改称）,基本目標Ⅰ,（２）企業の海外展開による国際競争力の強化,"
    "経済労働局,拡充,概要を改めた。\n"
)


def test_corrections_to_initiatives_with_evaluations_dry_run_and_real_agree(reference_db, tmp_path):
    # Issue 12: the dry run passed and the real import crashed (TransactionContext Error).
    path = tmp_path / "list.csv"
    path.write_text(CORRECTED_LIST, encoding="utf-8")
    before = query(
        reference_db, "select count(*) from evaluations where initiative_id = 'T3-40111010'"
    )
    digest = file_hash(reference_db)
    dry = run_import([path], reference_db, dry_run=True)
    assert not dry.problems and dry.changed["initiatives"] == 1 and not dry.written
    assert file_hash(reference_db) == digest
    real = run_import([path], reference_db)
    assert not real.problems and real.changed == dry.changed and real.written
    assert query(
        reference_db,
        "select name_ja, direction_id, department_id, new_or_expanded, description_ja, source"
        " from initiatives where initiative_id = 'T3-40111010'",
    ) == [
        (
            "国際戦略拠点活性化推進事業（改称）",
            "1-2",
            "economy-labour",
            "expanded",
            "概要を改めた。",
            "import:list.csv",
        )
    ]
    assert (
        query(reference_db, "select count(*) from evaluations where initiative_id = 'T3-40111010'")
        == before
    )


def test_add_term_then_its_initiative_list_and_evaluations(reference_db, tmp_path):
    term = add_term(reference_db, "第4期", "2026-2029")
    assert (term.term_id, term.first_fy, term.last_fy, term.name_ja) == (
        4,
        2026,
        2029,
        "第4期実行プログラム",
    )
    assert query(
        reference_db, "select fiscal_year, wareki_ja from fiscal_years where term_id = 4"
    ) == [
        (2026, "令和8年度"),
        (2027, "令和9年度"),
        (2028, "令和10年度"),
        (2029, "令和11年度"),
    ]
    listing = tmp_path / "第4期取組一覧.csv"
    listing.write_text(
        # The title names the term's years: an initiative list has no fiscal year to agree on.
        "第4期実行プログラム（令和8年度～令和11年度）取組一覧\n\n"
        "期,事業コード,事務事業名,取組の方向性,所管局\n"
        "第4期,40111010,国際戦略拠点活性化推進事業,Ⅰ-1,臨海部国際戦略本部\n"
        "4,59999990,新しい多文化共生事業,Ⅲ-1,市民文化局\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "r8.csv"
    sheet.write_text("事務事業名,達成度\n新しい多文化共生事業,3\n", encoding="utf-8")
    outcome = run_import([listing, sheet], reference_db, fiscal_year=2026)
    assert not outcome.problems, [str(p) for p in outcome.problems]
    assert outcome.added == {"initiatives": 2, "evaluations": 1}
    assert query(
        reference_db,
        "select initiative_id, term_id, achievement_level from evaluations where fiscal_year = 2026",
    ) == [("T4-59999990", 4, 3)]


@pytest.mark.parametrize(
    "term, years, says",
    [
        ("4", "2025-2028", "重なっています"),
        ("3", "2026-2029", "すでに登録されています"),
        ("5", "2026-2029", "順序が合いません"),
        ("4", "2029-2026", "範囲が正しくありません"),
        ("四", "2026-2029", "期は 4 や 第4期"),
    ],
)
def test_add_term_refuses_and_leaves_the_database_unchanged(reference_db, term, years, says):
    digest = file_hash(reference_db)
    if term == "5":
        add_term(reference_db, "4", "2026-2029")
        digest = file_hash(reference_db)
        years = "2012-2013"
    with pytest.raises(TermError, match=says):
        add_term(reference_db, term, years)
    assert file_hash(reference_db) == digest


def test_an_unchanged_value_from_a_sheet_is_credited_to_the_sheet(reference_db, tmp_path):
    level, covid, disaster, step, results = query(
        reference_db,
        "select achievement_level, covid_impact, disaster_impact, next_step, results_ja"
        " from evaluations where initiative_id = 'T3-40111010' and fiscal_year = 2024",
    )[0]
    path = tmp_path / "same.csv"
    path.write_text(
        "事業コード,年度,達成度,コロナ影響,災害影響,今後の方向性,取組実績,備考\n"
        f"40111010,2024,{level},{int(covid)},{int(disaster)},{step},{results},\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert outcome.unchanged["evaluations"] == 1 and outcome.relabelled["evaluations"] == 1
    assert outcome.written
    assert query(
        reference_db,
        "select source from evaluations where initiative_id = 'T3-40111010' and fiscal_year = 2024",
    ) == [("import:same.csv",)]
    again = run_import([path], reference_db)
    assert not again.needs_write and not again.written


def test_cli_summary_and_exit_codes(reference_db, tmp_path, city_workbook):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.ingest",
            "import",
            str(city_workbook),
            "--db",
            str(reference_db),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "evaluations: 追加 0 / 変更 5 / 変更なし 0" in done.stdout
    assert "--dry-run" in done.stdout


def test_an_instructions_sheet_listing_the_columns_is_not_a_table(reference_db, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "記入方法"
    ws.append(["列", "必須/任意", "書き方"])
    ws.append(["事業コード", "必須", "8桁"])
    ws.append(["達成度", "必須", "1〜5"])
    data = book.create_sheet("入力")
    data.append(["事業コード", "年度", "達成度"])
    data.append([40111010, "R6", 2])
    path = tmp_path / "t.xlsx"
    book.save(path)
    outcome = run_import([path], reference_db)
    assert not outcome.problems and outcome.changed["evaluations"] == 1
    assert any("[記入方法]: 表がないため読み飛ばしました" in n for n in outcome.notes)


def test_a_row_that_mentions_a_total_in_its_results_is_still_read(reference_db, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "事業コード,年度,達成度,取組実績\n40111010,2024,2,合計\n小計,,,\n40111020,2024,4,参加者の小計\n",
        encoding="utf-8",
    )
    outcome = run_import([path], reference_db)
    assert not outcome.problems and outcome.changed["evaluations"] == 2
    assert [r[:1] + r[4:5] for r in evaluations(reference_db, 2024).values()] == [
        (2, "合計"),
        (4, "参加者の小計"),
    ]
    assert any("1行を読み飛ばしました（合計・小計 1、最初は3行目）" in n for n in outcome.notes)


@pytest.mark.parametrize(
    "parser, raw, expected",
    [
        ("parse_level", "ほぼ目標どおり達成", 3),
        ("parse_level", "３．ほぼ目標どおり達成", 3),
        ("parse_level", "目標を上回って達成", 2),
        ("parse_level", "目標を上回って", 2),
        ("parse_next_step", "Ⅱ（改善しながら継続）", "Ⅱ"),
        ("parse_next_step", "Ⅰ　現状のまま継続", "Ⅰ"),
        ("parse_next_step", "3(事業規模拡大)", "Ⅲ"),
        ("parse_fiscal_year", "令和6(2024)年度", 2024),
        ("parse_fiscal_year", "令和６（2024）年度", 2024),
        ("parse_flag", "\u2212", False),
        ("parse_flag", "－", False),
    ],
)
def test_the_citys_spellings(parser, raw, expected):
    from analytics.ingest import values

    assert getattr(values, parser)(raw) == expected


@pytest.mark.parametrize(
    "parser, raw",
    [
        ("parse_fiscal_year", "令和6(2025)年度"),  # the calendars disagree
        ("parse_next_step", "Ⅱ（事業規模拡大）"),  # numeral and label disagree
        ("parse_level", "3．目標を下回った"),
    ],
)
def test_spellings_that_contradict_themselves_are_refused(parser, raw):
    from analytics.ingest import values

    with pytest.raises(values.BadValue):
        getattr(values, parser)(raw)


def test_a_project_row_below_the_notes_is_a_problem(reference_db, tmp_path):
    path = tmp_path / "n.csv"
    path.write_text(
        f"{TITLE}\n事業コード,達成度\n40111010,3\n※注記\n40111020,2\n", encoding="utf-8"
    )
    outcome = run_import([path], reference_db)
    assert [str(p).split(": ")[0] for p in outcome.problems] == [f"{path}:5:事業コード (列A)"]


def test_columns_hidden_after_the_table_are_not_listed(reference_db, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "R6"
    ws.append(["事業コード", "達成度", "前年度達成度"])
    ws.append([40111010, 2, 3])
    ws.column_dimensions.group("C", "Z", hidden=True)
    path = tmp_path / "h.xlsx"
    book.save(path)
    outcome = run_import([path], reference_db)
    assert not outcome.problems
    assert (
        f"{path}[R6]: 非表示の列 C があります。これらの行も読み込みました (hidden columns C: their rows are read too)"
        in outcome.notes
    )
