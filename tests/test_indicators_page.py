"""The 成果指標の達成状況 page through AppTest, on the fixture database plus four literal indicators
whose statuses are computed by hand below."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import testing

# code, direction, better, baseline, baseline_fy, target, target_text, target_fy, name
INDICATORS = [
    ("X-1", "1-1", "higher", 10, 2021, 20, None, 2025, "海外展開の成約件数"),
    ("X-2", "2-1", "lower", 50, 2021, 30, None, 2025, "困りごとの割合"),
    ("X-3", "3-2", "higher", 100, 2021, None, "現状値以上", 2025, "多言語相談件数"),
    ("X-4", "3-2", "higher", 0, 2021, 8, None, 2025, "交流した市民の割合"),
]
VALUES = [  # code, fiscal year, actual, note
    ("X-1", 2022, 12, None),
    ("X-1", 2023, 15, None),
    ("X-1", 2024, 19, None),  # p = 9/10 = 0.9 >= e = 3/4 -> 順調
    ("X-2", 2024, 52, "イベント中止の影響"),  # p = 2/-20 = -0.1 -> 後退
    ("X-3", 2024, 120, None),  # 120 >= 100 -> 達成
    ("X-4", 2023, 3, None),  # FY2024 has none -> 未評価 (FY2023: p = .375, e = .5 -> やや遅れ)
]
EXPECTED_FY2024 = {"X-1": "順調", "X-2": "後退", "X-3": "達成", "X-4": "未評価"}


def add_indicators(db) -> None:
    con = duckdb.connect(str(db))
    for code, direction, better, b, b_fy, g, text, g_fy, name in INDICATORS:
        con.execute(
            "insert into indicators (indicator_code, name_ja, name_en, unit, better, direction_id,"
            " term_id, baseline_value, baseline_fy, target_value, target_text, target_fy, plan_ja,"
            " provenance, baseline_provenance, target_provenance, source)"
            " values (?, ?, ?, '件', ?, ?, 3, ?, ?, ?, ?, ?, 'テスト計画', 'sample', 'sample',"
            " 'sample', 'sample')",
            [code, name, f"Indicator {code}", better, direction, b, b_fy, g, text, g_fy],
        )
    for code, fy, actual, note in VALUES:
        con.execute(
            "insert into indicator_values values (?, ?, ?, ?, 'sample', 'sample')",
            [code, fy, actual, note],
        )
    con.execute("insert into indicator_initiatives values ('X-1', 'T3-10000010')")
    con.close()


@pytest.fixture(autouse=True)
def steady_page_mode(monkeypatch):
    import streamlit.testing.v1.app_test as app_test

    monkeypatch.setattr(app_test, "PagesManager", app_test.PagesManager)
    testing.steady_page_mode()


@pytest.fixture
def app_db(fixture_db_file, tmp_path, monkeypatch):
    db = tmp_path / "app.duckdb"
    shutil.copyfile(fixture_db_file, db)
    add_indicators(db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


def open_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/indicators.py").run()
    assert not at.exception
    return at


def statuses(at: AppTest) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if "指標コード" in d.value.columns)
    return dict(zip(table["指標コード"], table["状況"], strict=True))


def test_page_shows_each_indicators_status_and_the_counts_per_goal(app_db):
    at = open_page()
    assert at.title[0].value == "成果指標の達成状況"
    assert at.subheader[0].value == "2024年度の状況"
    assert statuses(at) == EXPECTED_FY2024
    # beside the chart, one row per status and one column per goal (X-1 serves goal 1, X-2
    # goal 2, X-3 and X-4 goal 3), so that it fits its narrow column
    counts = next(d.value for d in at.dataframe if "基本目標1" in d.value.columns)
    assert list(counts.columns) == ["状況", "基本目標1", "基本目標2", "基本目標3", "計"]
    assert counts.values.tolist() == [
        ["達成", 0, 0, 1, 1],
        ["順調", 1, 0, 0, 1],
        ["やや遅れ", 0, 0, 0, 0],
        ["遅れ", 0, 0, 0, 0],
        ["後退", 0, 1, 0, 1],
        ["未評価", 0, 0, 1, 1],
        ["計", 1, 1, 2, 4],
    ]
    # the rule is written on the page, and the sample numbers are said to be sample
    assert any("p = (A − B) / (G − B)" in m.value for m in at.markdown)
    assert any("見本" in i.value for i in at.info)


def test_the_bureau_filter_keeps_the_indicators_its_initiatives_serve(app_db):
    # (The year filter is tested on the queries in test_indicators.py: AppTest does not move the
    # year slider.)
    at = open_page()
    at.multiselect(key="f_bureau").set_value(["economy-labour"]).run()
    assert statuses(at) == {"X-1": "順調"}


def test_evaluation_filters_leave_the_indicators_as_they_are_and_the_page_says_so(app_db):
    # COVID and level filters are about evaluations: the statuses and the counts chart do not
    # change, the chart's subtitle does not claim them, and the page names them as not applied.
    at = open_page()
    before = statuses(at)
    figure_before = at.get("plotly_chart")[0].proto.spec
    at.selectbox(key="f_covid").select("exclude").run()
    at.multiselect(key="f_level").set_value([4, 5]).run()
    assert not at.exception
    assert statuses(at) == before == EXPECTED_FY2024
    assert at.get("plotly_chart")[0].proto.spec == figure_before
    assert "コロナ" not in figure_before
    assert at.caption[0].value == (
        "全期間・全取組（達成度・新型コロナの影響の条件は成果指標には適用されません）"
    )


def test_an_indicator_opens_its_directions_initiatives(app_db):
    at = open_page()
    at.selectbox(key="ind_pick").select("X-2").run()
    at.button(key="ind_open").click().run()
    assert not at.exception
    assert at.session_state["f_direction"] == ["2-1"] and at.session_state["f_term"] == [3]
    assert at.query_params["direction"] == "2-1"


def test_english_labels(app_db):
    at = open_page()
    at.segmented_control(key="lang").set_value("en").run()
    table = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    assert dict(zip(table["Code"], table["Status"], strict=True)) == {
        "X-1": "On track",
        "X-2": "Worsened",
        "X-3": "Achieved",
        "X-4": "Not yet measured",
    }


def test_without_indicators_the_page_says_so(fixture_db_file, tmp_path, monkeypatch):
    db = tmp_path / "plain.duckdb"
    shutil.copyfile(fixture_db_file, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = open_page()
    assert at.warning[0].value == "この条件に該当する成果指標はありません。"
