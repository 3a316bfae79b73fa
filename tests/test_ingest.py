"""The importer: value spellings, encodings, every error class (database unchanged each time),
idempotent re-import, and an import while another process reads the database."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import duckdb
import openpyxl
import pytest

from analytics.ingest import values
from analytics.ingest.build import build
from analytics.ingest.importer import run_import
from analytics.ingest.store import StoreError
from tests.conftest import ROOT, file_hash

# Term-3 projects of the reference data (codes from data/reference/initiatives.csv).
HUB = "40111010"  # 国際戦略拠点活性化推進事業, term 3 (and 1, 2)
YOUTH = "50403010"  # 若者文化の発信事業, term 3 only
HEADER = "事業コード,年度,達成度,コロナ影響,災害影響,今後の方向性,取組実績,備考\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def evaluation(con, initiative_id, fy):
    return con.execute(
        "select achievement_level, covid_impact, disaster_impact, next_step, results_ja, note_ja, source"
        " from evaluations where initiative_id = ? and fiscal_year = ?",
        [initiative_id, fy],
    ).fetchone()


def read(db, initiative_id, fy):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return evaluation(con, initiative_id, fy)
    finally:
        con.close()


# ---- value spellings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, level",
    [
        ("3", 3),
        ("３", 3),
        (" 4 ", 4),
        ("\u30001\u3000", 1),
        ("5.0", 5),
        ("ほぼ目標どおり", 3),
        ("目標を大きく下回った", 5),
        ("2:目標を上回って達成", 2),
    ],
)
def test_level_spellings(raw, level):
    assert values.parse_level(raw) == level


@pytest.mark.parametrize("raw", ["0", "6", "", "#N/A", "=1+2", "3:目標を下回った", "three"])
def test_bad_levels(raw):
    with pytest.raises(values.BadValue):
        values.parse_level(raw)


@pytest.mark.parametrize(
    "raw, fy",
    [
        ("2022", 2022),
        ("2022年度", 2022),
        ("２０２２年度", 2022),
        ("令和4年度", 2022),
        ("令和４年度", 2022),
        ("令和元年度", 2019),
        ("R4", 2022),
        ("r7", 2025),
        ("FY2022", 2022),
        ("fy 2023", 2023),
        ("平成28年度", 2016),
        ("H30", 2018),
        ("2024.0", 2024),
    ],
)
def test_fiscal_year_spellings(raw, fy):
    assert values.parse_fiscal_year(raw) == fy


@pytest.mark.parametrize("raw", ["", "昭和60年度", "22", "FY", "2022/04/01", "1800"])
def test_bad_fiscal_years(raw):
    with pytest.raises(values.BadValue):
        values.parse_fiscal_year(raw)


@pytest.mark.parametrize(
    "raw, flag",
    [
        ("あり", True),
        ("なし", False),
        ("○", True),
        ("〇", True),
        ("×", False),
        ("", False),
        (None, False),
        ("TRUE", True),
        ("false", False),
        ("1", True),
        ("０", False),
        ("有", True),
    ],
)
def test_flag_spellings(raw, flag):
    assert values.parse_flag(raw) is flag


@pytest.mark.parametrize(
    "raw, step",
    [
        ("Ⅱ", "Ⅱ"),
        ("II", "Ⅱ"),
        ("ii", "Ⅱ"),
        ("Ⅵ", "Ⅵ"),
        ("4", "Ⅳ"),
        ("改善しながら継続", "Ⅱ"),
        ("Ⅲ 事業規模拡大", "Ⅲ"),
        ("", None),
    ],
)
def test_next_step_spellings(raw, step):
    assert values.parse_next_step(raw) == step


def test_flag_and_step_reject_nonsense():
    with pytest.raises(values.BadValue):
        values.parse_flag("maybe")
    with pytest.raises(values.BadValue):
        values.parse_next_step("Ⅶ")
    with pytest.raises(values.BadValue):
        values.parse_next_step("Ⅱ 事業廃止")  # numeral and label disagree


# ---- successful imports ------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_in_each_encoding_imports_the_same_values(reference_db, tmp_path, encoding):
    sheet = write(
        tmp_path,
        "fy2025.csv",
        HEADER + f"{HUB},令和7年度,３,あり,×,Ⅱ,交流会をオンラインで実施,備考　\n",
        encoding,
    )
    outcome = run_import([sheet], reference_db)
    assert not outcome.problems and outcome.added["evaluations"] == 1 and outcome.written
    assert read(reference_db, f"T3-{HUB}", 2025) == (
        3,
        True,
        False,
        "Ⅱ",
        "交流会をオンラインで実施",
        "備考",
        "import:fy2025.csv",
    )


def test_xlsx_with_an_instructions_sheet_first(reference_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "記入方法"
    book.active.append(["この表の書き方"])
    data = book.create_sheet("入力")
    data.append(["事業コード", "年度", "達成度", "コロナ影響", "今後の方向性"])
    data.append([int(YOUTH), 2025, 2, False, "III"])
    data.append([None, None, None, None, None])
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    outcome = run_import([path], reference_db)
    assert not outcome.problems and outcome.added["evaluations"] == 1
    assert read(reference_db, f"T3-{YOUTH}", 2025)[:4] == (2, False, False, "Ⅲ")


def test_changing_an_imported_evaluation_keeps_columns_the_sheet_lacks(reference_db, tmp_path):
    full = write(tmp_path, "full.csv", HEADER + f"{HUB},2023,3,あり,なし,Ⅱ,交流会を実施,注記\n")
    assert run_import([full], reference_db).written
    sheet = write(tmp_path, "fix.csv", f"事業コード,年度,達成度\n{HUB},2023,5\n")
    outcome = run_import([sheet], reference_db)
    assert outcome.changed["evaluations"] == 1 and outcome.added["evaluations"] == 0
    assert read(reference_db, f"T3-{HUB}", 2023) == (
        5,
        True,
        False,
        "Ⅱ",
        "交流会を実施",
        "注記",
        "import:fix.csv",
    )


def test_a_sample_evaluations_values_are_not_kept_under_the_citys_name(reference_db, tmp_path):
    # Issue 12: a sheet without the optional columns used to keep the sample's next step and
    # results text, relabelled as imported. Sample values are not the city's: they are cleared.
    assert read(reference_db, f"T3-{HUB}", 2023)[6] == "sample"
    sheet = write(tmp_path, "fix.csv", f"事業コード,年度,達成度\n{HUB},2023,5\n")
    assert run_import([sheet], reference_db).written
    assert read(reference_db, f"T3-{HUB}", 2023) == (
        5,
        False,
        False,
        None,
        None,
        None,
        "import:fix.csv",
    )


def test_reimporting_the_same_sheet_changes_nothing(reference_db, tmp_path):
    sheet = ROOT / "data/templates/evaluation_sheet_sample_fy2025.csv"
    first = run_import([sheet], reference_db)
    assert first.added["evaluations"] == 6 and first.written
    digest = file_hash(reference_db)
    second = run_import([sheet], reference_db)
    assert not second.has_changes and not second.written and second.unchanged["evaluations"] == 6
    assert file_hash(reference_db) == digest
    con = duckdb.connect(str(reference_db), read_only=True)
    log = con.execute(
        "select file_name, sheet_kind, rows_added, rows_changed from import_log order by import_id"
    ).fetchall()
    con.close()
    assert log[-1] == ("evaluation_sheet_sample_fy2025.csv", "evaluations", 6, 0) and len(log) == 2


def test_dry_run_validates_and_writes_nothing(reference_db, tmp_path):
    digest = file_hash(reference_db)
    sheet = write(tmp_path, "s.csv", f"事業コード,年度,達成度\n{HUB},2025,3\n")
    outcome = run_import([sheet], reference_db, dry_run=True)
    assert outcome.added["evaluations"] == 1 and not outcome.written
    assert file_hash(reference_db) == digest


def test_initiative_list_and_its_evaluations_in_one_import(reference_db, tmp_path):
    initiatives = write(
        tmp_path,
        "list.csv",
        "期,事業コード,取組名,取組の方向性,所管局,新規・拡充\n第3期,59999990,新しい交流事業,Ⅲ-1,幸区役所,新規\n",
    )
    sheet = write(tmp_path, "eval.csv", "事業コード,年度,達成度\n59999990,R6,3\n")
    outcome = run_import([sheet, initiatives], reference_db)
    assert not outcome.problems
    assert outcome.added == {"initiatives": 1, "evaluations": 1}
    con = duckdb.connect(str(reference_db), read_only=True)
    row = con.execute(
        "select term_id, direction_id, department_id, new_or_expanded from initiatives where initiative_id = 'T3-59999990'"
    ).fetchone()
    con.close()
    assert row == (3, "3-1", "ward-saiwai", "new")


# ---- every error class leaves the database byte-for-byte unchanged -----------------------------

ERROR_CASES = {
    "unknown code": (HEADER + "99999999,2023,3,,,,,\n", ":2:事業コード (列A):"),
    "level outside 1-5": (HEADER + f"{HUB},2023,7,,,,,\n", ":2:達成度 (列C):"),
    "year outside the term": (HEADER + f"{YOUTH},2021,3,,,,,\n", ":2:年度 (列B):"),
    "year outside the plan": (HEADER + f"{HUB},2030,3,,,,,\n", ":2:年度 (列B):"),
    "duplicate rows": (HEADER + f"{HUB},2023,3,,,,,\n{HUB},令和5年度,2,,,,,\n", ":3:年度 (列B):"),
    "missing required column": ("事業コード,年度,コロナ影響\n" + f"{HUB},2023,あり\n", ":1:"),
    "bad flag": (HEADER + f"{HUB},2023,3,たぶん,,,,\n", ":2:コロナ影響 (列D):"),
    "duplicate column": ("事業コード,年度,達成度,level\n" + f"{HUB},2023,3,3\n", ":1:level (列D):"),
    "value without header": ("事業コード,年度,達成度,\n" + f"{HUB},2023,3,x\n", ":2:列D:"),
    "header only": (HEADER, ":2:"),
    "unknown kind": ("foo,bar\n1,2\n", ":1:"),
    "malformed quotes": (HEADER + f'{HUB},2023,3,,,,"unterminated\n', ":"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_each_error_class_is_reported_and_nothing_is_written(reference_db, tmp_path, case):
    text, where = ERROR_CASES[case]
    digest = file_hash(reference_db)
    sheet = write(tmp_path, "bad.csv", text)
    outcome = run_import([sheet], reference_db)
    assert outcome.problems and not outcome.written
    assert any(where in str(p) for p in outcome.problems), [str(p) for p in outcome.problems]
    assert file_hash(reference_db) == digest


def test_empty_file_and_non_csv_file_and_undecodable_bytes(reference_db, tmp_path):
    digest = file_hash(reference_db)
    empty = write(tmp_path, "empty.csv", "")
    pdf = write(tmp_path, "report.pdf", "%PDF-1.4")
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(HEADER.encode() + b"\xff\xfe\xfa\xfb,2023,3\n")
    fake_xlsx = write(tmp_path, "fake.xlsx", "not a zip")
    outcome = run_import([empty, pdf, garbage, fake_xlsx], reference_db)
    messages = [str(p) for p in outcome.problems]
    assert any(m.startswith(f"{empty}:1:") for m in messages)
    assert any(m.startswith(f"{pdf}:-:-:") for m in messages)
    assert any(m.startswith(f"{garbage}:2:") for m in messages)
    assert any(m.startswith(f"{fake_xlsx}:") for m in messages)
    assert file_hash(reference_db) == digest


def test_one_bad_file_blocks_the_good_one_too(reference_db, tmp_path):
    digest = file_hash(reference_db)
    good = write(tmp_path, "good.csv", f"事業コード,年度,達成度\n{HUB},2025,3\n")
    bad = write(tmp_path, "bad.csv", f"事業コード,年度,達成度\n{HUB},2025,9\n")
    outcome = run_import([good, bad], reference_db)
    assert outcome.problems and not outcome.written and file_hash(reference_db) == digest


def test_cli_prints_file_row_column_and_exits_2(reference_db, tmp_path):
    digest = file_hash(reference_db)
    sheet = write(tmp_path, "bad.csv", HEADER + f"{HUB},2023,7,,,,,\n99999999,2023,3,,,,,\n")
    done = subprocess.run(
        [sys.executable, "-m", "analytics.ingest", "import", str(sheet), "--db", str(reference_db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert f"{sheet}:2:達成度 (列C): " in lines[0]
    assert f"{sheet}:3:事業コード (列A): " in lines[1]
    assert "Traceback" not in done.stderr
    assert file_hash(reference_db) == digest


def test_cli_other_failures_exit_1_with_one_line(tmp_path):
    sheet = write(tmp_path, "s.csv", f"事業コード,年度,達成度\n{HUB},2025,3\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.ingest",
            "import",
            str(sheet),
            "--db",
            str(tmp_path / "missing.duckdb"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "python -m analytics.ingest build" in done.stderr


# ---- the served file ---------------------------------------------------------------------------


def test_import_while_another_process_holds_the_database_read_only(reference_db, tmp_path):
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import duckdb, sys, time
                con = duckdb.connect({str(reference_db)!r}, read_only=True)
                q = "select count(*) from evaluations where fiscal_year = 2025"
                print(con.execute(q).fetchone()[0], flush=True)
                sys.stdin.readline()
                print(con.execute(q).fetchone()[0], flush=True)
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "0"
        started = time.monotonic()
        outcome = run_import(
            [ROOT / "data/templates/evaluation_sheet_sample_fy2025.csv"], reference_db
        )
        assert outcome.written and time.monotonic() - started < 30
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "0"  # the old file, whole, until it reopens
    finally:
        reader.wait(timeout=30)
    con = duckdb.connect(str(reference_db), read_only=True)
    assert (
        con.execute("select count(*) from evaluations where fiscal_year = 2025").fetchone()[0] == 6
    )
    con.close()
    assert (tmp_path / "kawasaki.duckdb.bak").exists()
    assert not list(tmp_path.glob(".*.tmp*"))


def test_refuses_directory_symlink_and_non_duckdb_paths(tmp_path, reference_db):
    sheet = write(tmp_path, "s.csv", f"事業コード,年度,達成度\n{HUB},2025,3\n")
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    link = tmp_path / "link.duckdb"
    os.symlink(reference_db, link)
    text = write(tmp_path, "notes.duckdb", "hello, not a database")
    for target in (folder, link, text):
        with pytest.raises(StoreError):
            run_import([sheet], target)
    assert text.read_text() == "hello, not a database"
    from tests import reliability

    reliability.record(
        "importer target checks",
        "import into a directory, a symlink to the served file, and a text file named .duckdb",
        3,
        "each refused with a one-line message; nothing written",
    )


def test_build_will_not_discard_imported_rows_without_force(reference_db, tmp_path):
    run_import([ROOT / "data/templates/evaluation_sheet_sample_fy2025.csv"], reference_db)
    digest = file_hash(reference_db)
    with pytest.raises(StoreError, match="--force"):
        build(reference_db)
    assert file_hash(reference_db) == digest
    build(reference_db, force=True)
    con = duckdb.connect(str(reference_db), read_only=True)
    assert con.execute("select count(*) from evaluations where source <> 'sample'").fetchone() == (
        0,
    )
    con.close()


def test_structure_only_build_then_city_lists(tmp_path):
    db = tmp_path / "city.duckdb"
    counts = build(db, structure_only=True)
    assert counts["directions"] == 9 and "evaluations" not in counts
    listing = write(
        tmp_path,
        "list.csv",
        "期,事業コード,取組名,取組の方向性,所管局\n3,40000001,実データ事業,国際的認知度向上の促進,総務企画局\n",
    )
    sheet = write(tmp_path, "eval.csv", "事業コード,年度,達成度\n40000001,2022,3\n")
    outcome = run_import([listing, sheet], db)
    assert outcome.added == {"initiatives": 1, "evaluations": 1}


def test_rows_are_counted_like_a_spreadsheet_when_cells_hold_line_breaks(reference_db, tmp_path):
    sheet = write(
        tmp_path,
        "multi.csv",
        HEADER + f'{HUB},2023,3,,,,"一行目\n二行目\n三行目",\n{HUB},2024,9,,,,,\n',
    )
    outcome = run_import([sheet], reference_db)
    assert [str(p).split(": ")[0] for p in outcome.problems] == [f"{sheet}:3:達成度 (列C)"]


def test_refresh_upgrades_a_database_without_the_facts_table(reference_db):
    con = duckdb.connect(str(reference_db))
    con.execute("drop table evaluation_facts")
    con.close()
    done = subprocess.run(
        [sys.executable, "-m", "analytics.ingest", "refresh", "--db", str(reference_db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(reference_db), read_only=True)
    assert (
        con.execute("select count(*) from evaluation_facts").fetchone()
        == con.execute("select count(*) from evaluations").fetchone()
        == (936,)
    )
    con.close()
