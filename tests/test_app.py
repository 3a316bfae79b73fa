"""The Streamlit app through AppTest, on the fixture database (never data/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics.i18n import t
from tests.conftest import ROOT
from ui import testing

PAGES = [
    "pages/overview.py",
    "pages/trends.py",
    "pages/initiatives.py",
    "pages/bureaus.py",
    "pages/review.py",
    "pages/about.py",
]
TITLES_JA = [
    "概要",
    "達成度の推移",
    "取組一覧",
    "部局別",
    "総括評価（プラン計画期間 2016〜2025年度）",
    "データについて",
]
TIMEOUT = 60


@pytest.fixture(autouse=True)
def steady_page_mode(monkeypatch):
    """AppTest in a real server's steady page mode (see ui/testing.py)."""
    import streamlit.testing.v1.app_test as app_test

    monkeypatch.setattr(app_test, "PagesManager", app_test.PagesManager)  # restored after the test
    testing.steady_page_mode()


@pytest.fixture
def app_db(fixture_db_file, tmp_path, monkeypatch):
    db = tmp_path / "app.duckdb"
    shutil.copyfile(fixture_db_file, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


def new_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def table_rows(at: AppTest) -> int:
    if not at.dataframe:  # no evaluation: the page says so instead of an empty table
        assert [i.value for i in at.info][-1] == (
            "この条件に該当する評価はありません。絞り込みを変えてください。"
        )
        assert "initiative_pick" not in [box.key for box in at.selectbox]  # no empty picker
        return 0
    return len(at.dataframe[0].value)


def test_every_page_runs_without_exception(app_db):
    at = new_app().run()
    assert not at.exception
    for page, title in zip(PAGES, TITLES_JA, strict=True):
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.title[0].value == title


def test_overview_headline_numbers_match_the_fixture(app_db):
    at = new_app().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("metric.projects")] == "5件"
    assert metrics[t("metric.evaluations")] == "24件"
    assert metrics[t("metric.latest_fy")] == "2024年度"
    assert metrics[t("metric.latest_rate")] == "75.0%"


def test_a_filter_narrows_the_table_and_is_written_to_the_url(app_db):
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    assert table_rows(at) == 24
    at.multiselect(key="f_term").set_value([3]).run()
    assert table_rows(at) == 12
    assert at.query_params["term"] == "3"
    at.selectbox(key="f_covid").set_value("exclude").run()
    assert table_rows(at) == 11  # term 3 minus B's COVID-affected FY2022
    assert at.query_params["covid"] == "exclude"
    at.button[0].click().run()  # reset
    assert table_rows(at) == 24 and "term" not in at.query_params


def test_the_initiatives_table_opens_at_the_latest_year(app_db):
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    years = list(at.dataframe[0].value[t("col.fiscal_year")])
    # the fixture's years: 2016 to 2024, four evaluations in 2024
    assert years[:4] == ["2024年度"] * 4 and years[4] == "2023年度" and years[-1] == "2016年度"


def test_the_level_filter_in_the_sidebar_narrows_the_pages_and_the_url(app_db):
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    at.multiselect(key="f_level").set_value([4, 5]).run()
    # the fixture's level 4 and 5: A 2020, B 2020-2022, C 2023, D 2024, E 2016 (7 rows)
    assert table_rows(at) == 7
    assert at.query_params["level"] == "4,5"
    at.multiselect(key="f_term").set_value([3]).run()
    assert table_rows(at) == 3  # B 2022, C 2023, D 2024
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
    again = new_app(level="4,5", lang="en").run()
    assert again.session_state["f_level"] == [4, 5] and not again.exception
    assert again.multiselect(key="f_level").label == "Achievement level"


def _evaluations(db, fy_from: int, fy_to: int, covid_exclude: bool) -> int:
    """The fixture's evaluations in those years (without the COVID-affected ones), by SQL."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM evaluations WHERE fiscal_year BETWEEN ? AND ?"
            " AND (NOT ? OR NOT covid_impact)",
            [fy_from, fy_to, covid_exclude],
        ).fetchone()[0]
    finally:
        con.close()


def test_a_year_range_on_the_slider_is_kept_through_other_filter_changes(app_db):
    """The 年度 slider: a range chosen on it, or given by a link, narrows the pages and stays
    when another filter changes. (Streamlit 1.67 read a range slider whose range came only from
    Session State as one year, then as every year: the range was lost on the next change.)"""
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    at.select_slider(key="f_years").set_range(2019, 2021).run()
    assert (at.query_params["fy_from"], at.query_params["fy_to"]) == ("2019", "2021")
    assert table_rows(at) == _evaluations(app_db, 2019, 2021, False)
    at.selectbox(key="f_covid").set_value("exclude").run()
    assert at.session_state["f_years"] == (2019, 2021) and not at.exception
    assert (at.query_params["fy_from"], at.query_params["fy_to"]) == ("2019", "2021")
    assert table_rows(at) == _evaluations(app_db, 2019, 2021, True)

    linked = new_app(fy_from="2020", fy_to="2022").run()
    linked.switch_page("pages/initiatives.py").run()
    linked.selectbox(key="f_covid").set_value("exclude").run()
    assert linked.session_state["f_years"] == (2020, 2022)
    assert table_rows(linked) == _evaluations(app_db, 2020, 2022, True)


def test_filters_are_kept_when_moving_between_pages(app_db):
    at = new_app().run()
    at.multiselect(key="f_goal").set_value([3]).run()
    at.switch_page("pages/initiatives.py").run()
    assert table_rows(at) == 8
    at.switch_page("pages/bureaus.py").run()
    assert at.session_state["f_goal"] == [3] and not at.exception


def test_language_switch_changes_labels(app_db):
    at = new_app().run()
    assert at.title[0].value == "概要"
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert t("metric.evaluations", "en") in [m.label for m in at.metric]
    assert at.query_params["lang"] == "en"


def test_query_parameters_restore_the_filters(app_db):
    at = new_app(term="3", goal="3", covid="exclude", lang="en").run()
    assert at.session_state["f_term"] == [3] and at.session_state["f_goal"] == [3]
    assert at.session_state["f_covid"] == "exclude"
    assert at.title[0].value == "Overview"
    at.switch_page("pages/initiatives.py").run()
    assert table_rows(at) == 6  # C and D in FY2022-24


@pytest.mark.parametrize(
    "query, ignored",
    [
        ({"term": "x"}, "term=x"),
        # each part cut at 20 characters, Markdown escaped
        ({"bureau": "<script>alert(1)</script>"}, r"bureau=\<script\>alert\(1\)\</sc…"),
        ({"goal": "7"}, "goal=7"),  # well-formed, but no such goal
        ({"level": "9"}, "level=9"),
        ({"fy_from": "2030"}, r"fy\_from=2030"),
        ({"q": "' or 1=1 --", "unknown": "1"}, "unknown=1"),
    ],
)
def test_bad_query_parameters_are_ignored_with_a_notice(app_db, query, ignored):
    """The notice names each ignored parameter with its value, as the link gave them."""
    at = new_app(**query).run()
    assert not at.exception
    notice = [w.value for w in at.warning if w.value.startswith("URLの次の指定は")]
    assert len(notice) == 1 and notice[0].endswith(": " + ignored), notice


def test_hostile_query_text_is_searched_as_data(app_db):
    at = new_app(q="' or 1=1 --").run()
    at.switch_page("pages/initiatives.py").run()
    assert table_rows(at) == 0 and not at.exception


def test_initiative_detail_shows_history_as_text(app_db):
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    at.selectbox(key="initiative_pick").set_value("30000020").run()
    assert not at.exception
    assert (
        at.subheader[0].value == r"\<img src=x onerror=alert\(1\)\>"
    )  # escaped Markdown: shown literally
    history = at.dataframe[1].value
    assert len(history) == 3
    # under the table, each year's results and note whole, in the table's order (oldest first);
    # the notes' Markdown and HTML shown literally (tests/fixture_data.py: every result 「テスト実績」)
    full = next(m.value for m in at.markdown if m.value.startswith("**年度ごとの取組実績"))
    assert full.splitlines() == [
        "**年度ごとの取組実績と備考（全文）**",
        "",
        "- **2022年度**（3 ほぼ目標どおり） テスト実績",
        "- **2023年度**（3 ほぼ目標どおり） テスト実績  ",
        r"  備考: \*\*太字\*\* \[link\]\(javascript&#58;alert\(1\)\) \<b\>b\</b\>",
        "- **2024年度**（4 目標を下回った） テスト実績  ",
        r"  備考: \=SUM\(A1\)",
    ]
    assert list(history["年度"]) == ["2022年度", "2023年度", "2024年度"]  # the table's order


def test_sample_banner_shown_while_sample_rows_exist_and_gone_after_import(
    fixture_db_file, tmp_path, monkeypatch
):
    from analytics.ingest.importer import run_import

    db = tmp_path / "sample.duckdb"
    shutil.copyfile(fixture_db_file, db)
    con = duckdb.connect(str(db))  # before the app opens it: mark FY2016 as shipped sample
    con.execute("update evaluations set source = 'sample' where fiscal_year = 2016")
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = new_app().run()
    assert any("見本" in i.value for i in at.info)
    sheet = tmp_path / "fy2016.csv"
    sheet.write_text("事業コード,年度,達成度\n10000010,2016,2\n40000010,2016,3\n", encoding="utf-8")
    assert run_import([sheet], db).changed["evaluations"] == 2
    at.run()
    assert not any("見本" in i.value for i in at.info)


def test_a_replaced_database_is_seen_on_the_next_interaction(app_db, tmp_path):
    from analytics.ingest.importer import run_import

    at = new_app().run()
    assert {m.label: m.value for m in at.metric}[t("metric.evaluations")] == "24件"
    sheet = tmp_path / "fy2025.csv"
    sheet.write_text("事業コード,年度,達成度\n10000010,2025,3\n20000010,R7,2\n", encoding="utf-8")
    outcome = run_import([sheet], app_db)
    assert outcome.written
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert (
        metrics[t("metric.evaluations")] == "26件" and metrics[t("metric.latest_fy")] == "2025年度"
    )


def test_missing_database_says_how_to_build_it(tmp_path, monkeypatch):
    missing = tmp_path / "nothing.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(missing))
    at = new_app().run()
    assert not at.exception
    assert at.error and str(missing) in at.error[0].value
    assert "python -m analytics.ingest build" in at.code[0].value


def test_the_app_connection_cannot_write(app_db):
    from ui.db import database

    cursor, _ = database(app_db).cursor()
    with pytest.raises(duckdb.Error):
        cursor.execute("create table intruder (a integer)")
    with pytest.raises(duckdb.Error):
        cursor.execute("delete from evaluations")
    assert cursor.execute("select count(*) from evaluations").fetchone() == (24,)
    from tests import reliability

    reliability.record(
        "read-only serving",
        "CREATE TABLE and DELETE through the app's own connection",
        2,
        "both refused by DuckDB (the file is attached READ_ONLY); data unchanged",
    )


def test_review_page_summary_follows_the_filters(app_db):
    at = new_app(term="3").run()
    at.switch_page("pages/review.py").run()
    assert not at.exception
    summary = at.info[-1].value
    assert "第3期" in summary and "2022年度〜2024年度" in summary


@pytest.mark.parametrize(
    "table", ["evaluation_facts", "evaluation_counts", "initiative_years", "derived_version"]
)
def test_an_outdated_database_says_how_to_update_it(app_db, table):
    con = duckdb.connect(str(app_db))
    con.execute(f"drop table {table}")
    if table == "evaluation_facts":  # the oldest layout: a view, and no other derived table
        for other in ("projects", "project_search", "evaluation_counts", "initiative_years"):
            con.execute(f"drop table {other}")
        con.execute("drop table initiative_facts")
        con.execute("create view initiative_facts as select * from initiatives")
        con.execute("create view evaluation_facts as select * from evaluations")
    con.close()
    at = new_app().run()
    assert not at.exception and at.error
    assert "python -m analytics.ingest refresh" in at.code[0].value
    done = subprocess.run(
        [sys.executable, "-m", "analytics.ingest", "refresh", "--db", str(app_db)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    at = new_app().run()
    assert not at.exception and not at.error


def test_after_a_drill_down_the_bar_goes_back_or_clears_in_one_click(app_db):
    at = new_app().run()
    at.switch_page("pages/initiatives.py").run()
    assert table_rows(at) == 24
    # what a chart click does (ui.widgets: remember the view, then narrow to term 3)
    at.session_state["_drill_stack"] = [
        {"f_term": [], "f_goal": [], "_page": "initiatives", "f_covid": "all"}
    ]
    at.multiselect(key="f_term").set_value([3]).run()
    assert table_rows(at) == 12
    assert any(t("drill.active") in m.value for m in at.markdown)
    at.button(key="drill_back").click().run()
    assert table_rows(at) == 24 and at.session_state["f_term"] == []
    assert not any(t("drill.active") in m.value for m in at.markdown)
    at.session_state["_drill_stack"] = [{"f_term": [], "_page": "initiatives"}]
    at.multiselect(key="f_term").set_value([3]).run()
    at.button(key="drill_clear").click().run()
    assert table_rows(at) == 24 and "term" not in at.query_params
    # the sidebar's 絞り込みを解除 after a drill-down: the filters and the bar both go
    at.session_state["_drill_stack"] = [{"f_term": [], "_page": "initiatives"}]
    at.multiselect(key="f_term").set_value([3]).run()
    assert any(t("drill.active") in m.value for m in at.markdown)
    next(b for b in at.sidebar.button if b.label == t("filter.reset")).click().run()
    assert table_rows(at) == 24 and "term" not in at.query_params
    assert not any(t("drill.active") in m.value for m in at.markdown)


def test_a_chart_of_one_term_spans_that_term_only():
    import pandas as pd

    from analytics.filters import Filters
    from ui.data import _chosen_years

    plan = pd.DataFrame({"fiscal_year": range(2016, 2026), "term_id": [1] * 3 + [2] * 4 + [3] * 3})
    assert list(_chosen_years(plan, Filters(terms=(3,)))["fiscal_year"]) == [2023, 2024, 2025]
    assert list(_chosen_years(plan, Filters(fy_from=2021, fy_to=2021))["fiscal_year"]) == [2021]
    assert len(_chosen_years(plan, Filters())) == 10


def test_one_year_reads_as_one_year():
    from analytics.filters import Filters, describe_filters

    assert describe_filters(Filters(fy_from=2021, fy_to=2021), "ja") == "2021年度"
    assert describe_filters(Filters(fy_from=2019, fy_to=2021), "ja") == "2019〜2021年度"


def test_the_context_names_the_chosen_bureau_on_the_page_and_in_chart_titles(
    reference_db, monkeypatch
):
    monkeypatch.setenv("DASHBOARD_DB", str(reference_db))
    at = new_app(bureau="port", covid="exclude").run()
    assert not at.exception
    expected = "港湾局・コロナ影響ありを除く"  # departments.csv: port = 港湾局
    assert expected in [c.value for c in at.caption]
    titles = [
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")
    ]
    # the evaluation charts carry the whole context; the indicators' chart only what indicators
    # are narrowed by (a COVID filter does not apply to them)
    evaluation_charts = [
        title for title in titles if "成果指標" not in title and "指標の状況" not in title
    ]
    indicator_charts = [title for title in titles if "指標の状況" in title]
    assert len(evaluation_charts) == 1 and expected in evaluation_charts[0]
    assert len(indicator_charts) == 1
    assert "<sup>港湾局</sup>" in indicator_charts[0] and "コロナ" not in indicator_charts[0]
    # the trend by goal, in the overview's second tab: drawn once that tab is open
    at.session_state["_overview_chart"] = "overview.tab.trend"
    at.run()
    titles = [
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")
    ]
    assert len(titles) == 2 and "割合の推移" in titles[0] and expected in titles[0]
