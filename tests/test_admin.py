"""The secretariat's import app (admin/app.py) through AppTest, on a copy of the reference
database; and the committee's app showing a newly declared term."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest.admin import safe_name
from analytics.ingest.importer import run_import
from analytics.ingest.terms import add_term
from tests.conftest import ROOT, file_hash
from ui import testing

TIMEOUT = 60
GOOD = "事業コード,事務事業名,年度,達成度,コロナの影響\n40111010,国際戦略拠点活性化推進事業,令和6年度,ほぼ目標どおり達成,あり\n"
BAD = "事業コード,年度,達成度\n40111010,2024,7\n40111020,戦略拠点形成推進事業でない,3\n"


@pytest.fixture
def admin_db(reference_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(reference_db))
    return reference_db


def admin_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "admin/app.py"), default_timeout=TIMEOUT)


def level(db, initiative_id, fy):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select achievement_level, covid_impact, source from evaluations"
            " where initiative_id = ? and fiscal_year = ?",
            [initiative_id, fy],
        ).fetchone()
    finally:
        con.close()


def test_problems_are_listed_with_file_row_and_column_and_nothing_is_written(admin_db):
    digest = file_hash(admin_db)
    at = admin_app().run()
    assert not at.exception and at.title[0].value == "評価シートの取り込み（事務局用）"
    at.file_uploader[0].set_value(("悪い例.csv", BAD.encode("cp932"), "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.startswith("2件の問題があるため取り込めません")
    problems = at.dataframe[0].value
    assert list(problems["行"]) == [2, 3]
    assert list(problems["列"]) == ["達成度 (列C)", "年度 (列B)"]
    assert list(problems["ファイル"]) == ["悪い例.csv", "悪い例.csv"]
    assert not at.button  # nothing to confirm
    assert file_hash(admin_db) == digest


def test_preview_then_confirm_applies_with_the_same_swap(admin_db):
    before = level(admin_db, "T3-40111010", 2024)
    at = admin_app().run()
    at.file_uploader[0].set_value(("令和6年度評価.csv", GOOD.encode("utf-8"), "text/csv")).run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert len(preview) == 1
    row = preview.iloc[0]
    assert row["区分"] == "変更" and row["取組ID"] == "T3-40111010" and row["年度"] == 2024
    # the sample row (level 3, no COVID, next step Ⅱ, a results text) against the sheet
    assert before == (3, False, "sample")
    assert row["変更（前 → 後）"].startswith(
        "コロナ影響: なし → あり; 今後の方向性: Ⅱ → （空欄）; 取組実績: "
    )
    assert level(admin_db, "T3-40111010", 2024) == before  # only checked so far
    at.button(key="apply").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("取り込みました")
    assert level(admin_db, "T3-40111010", 2024) == (3, True, "import:令和6年度評価.csv")
    log = at.dataframe[-1].value
    assert log.iloc[0]["ファイル[シート]"] == "令和6年度評価.csv" and log.iloc[0]["変更"] == 1


def test_english_switch(admin_db):
    at = admin_app().run()
    at.sidebar.toggle(key="lang_en").set_value(True).run()
    assert at.title[0].value == "Import evaluation sheets (secretariat)"
    assert "Reference build" in list(at.dataframe[0].value["Kind"])


def test_uploaded_names_cannot_leave_the_upload_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\評価.xlsx") == "評価.xlsx"
    assert safe_name("a:b?.csv") == "a_b_.csv"


@pytest.fixture(autouse=True)
def steady_page_mode(monkeypatch):
    import streamlit.testing.v1.app_test as app_test

    monkeypatch.setattr(app_test, "PagesManager", app_test.PagesManager)
    testing.steady_page_mode()


def test_a_new_term_shows_in_the_committee_app_as_not_yet_evaluated(
    reference_db_file, tmp_path, monkeypatch
):
    db = tmp_path / "term4.duckdb"
    shutil.copyfile(reference_db_file, db)
    add_term(db, "4", "2026-2029")
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    # the term is offered by the filters with no code change (a chip reads 「第4期」; the
    # declared name and years are in the label's help)
    term = at.sidebar.multiselect(key="f_term")
    assert term.options == ["第1期", "第2期", "第3期", "第4期"]
    assert term.help.split("\n")[-1] == "- 第4期実行プログラム: 2026〜2029年度"
    listing = tmp_path / "第4期取組一覧.csv"
    listing.write_text(
        "期,事業コード,事務事業名,取組の方向性,所管局\n第4期,59999990,新しい多文化共生事業,Ⅲ-1,市民文化局\n",
        encoding="utf-8",
    )
    assert run_import([listing], db).added["initiatives"] == 1
    at.sidebar.multiselect(key="f_term").set_value([4]).run()
    assert not at.exception
    for page in ("pages/initiatives.py", "pages/trends.py", "pages/bureaus.py", "pages/review.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    # the summary's Markdown source: data escaped, its colon a character reference (ui.widgets.md)
    assert any(i.value == "第4期&#58; 取組1件はまだ評価されていません（未評価）。" for i in at.info)


def test_the_import_log_names_an_indicator_import(admin_db, tmp_path):
    from tests.test_indicator_sheets import WIDE, write_csv

    sheet = write_csv(tmp_path / "成果指標_R6.csv", WIDE)
    assert run_import([sheet], admin_db).written
    at = admin_app().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    log = next(d.value for d in at.dataframe if "種類" in d.value.columns)
    assert log.iloc[0].tolist()[1:3] == ["成果指標_R6.csv", "成果指標"]
