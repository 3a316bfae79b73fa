"""The indicators beside the levels: the 総括評価 summary, the meeting pack (HTML, XLSX) and the
overview, on the fixture database plus the four literal indicators of test_indicators_page."""

from __future__ import annotations

import io
import shutil

import duckdb
import openpyxl
import pytest

from analytics.filters import Filters
from analytics.queries import evaluations
from analytics.report.printable import review_html
from analytics.report.workbook import review_xlsx
from analytics.review import build_review, summary_text
from tests.test_indicators_page import add_indicators, open_page, steady_page_mode  # noqa: F401

# FY2024 (see test_indicators_page): X-1 順調, X-2 後退 (note), X-3 達成, X-4 未評価.
SENTENCES_JA = (
    "成果指標4件の2024年度の状況は、達成1件、順調1件、やや遅れ0件、遅れ0件、後退1件、未評価1件でした。"
    "達成したのは「多言語相談件数」です。"
    "後退したのは「困りごとの割合」（イベント中止の影響）です。"
    "（成果指標の数値は一部を除き見本です。）"
)


@pytest.fixture
def db(fixture_db_file, tmp_path):
    path = tmp_path / "review.duckdb"
    shutil.copyfile(fixture_db_file, path)
    add_indicators(path)
    return path


@pytest.fixture
def con(db):
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def test_the_review_summary_ends_with_the_indicators(con):
    review = build_review(con)
    assert summary_text(review, "ja").endswith(SENTENCES_JA)
    en = summary_text(review, "en")
    assert "Of the 4 outcome indicators in FY2024, 1 were achieved, 1 on track" in en
    assert "Worsened: “Indicator X-2” (note, Japanese data: イベント中止の影響)." in en


def test_the_summary_follows_the_filters(con):
    review = build_review(con, Filters(goals=(1,)))
    assert "成果指標1件の2024年度の状況は、達成0件、順調1件" in summary_text(review, "ja")
    assert "後退したのは" not in summary_text(review, "ja")


def test_without_indicators_the_summary_is_unchanged(fixture_con):
    assert "成果指標" not in summary_text(build_review(fixture_con), "ja")


def test_the_pack_html_has_the_indicators_section(con):
    document = review_html(build_review(con), "ja", None, "note")
    section = document[document.index("<h2>成果指標の状況（2024年度）</h2>") :]
    assert "<h3>達成した指標</h3>" in section and "<h3>後退した指標（備考つき）</h3>" in section
    # the counts table: goal 3 has one achieved and one not measured, total 2
    assert (
        "<tr><td>基本目標3</td>"
        + '<td class="num">1</td><td class="num">0</td><td class="num">0</td>'
        + '<td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">2</td></tr>'
    ) in section
    assert (
        "<td>困りごとの割合</td><td>50件 (2021年度)</td><td>52件</td><td>30件</td><td>イベント中止の影響</td>"
        in section
    )


def test_the_pack_xlsx_has_an_indicators_sheet(con):
    book = openpyxl.load_workbook(
        io.BytesIO(review_xlsx(build_review(con), "ja", evaluations(con)))
    )
    ws = book["成果指標の達成状況"]
    rows = list(ws.values)
    assert rows[0][:3] == ("指標コード", "指標名", "取組の方向性")
    status_col = rows[0].index("状況")
    assert {r[0]: r[status_col] for r in rows[1:]} == {
        "X-1": "順調",
        "X-2": "後退",
        "X-3": "達成",
        "X-4": "未評価",
    }


def test_overview_and_review_pages_show_the_indicators(db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = open_page()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert "成果指標の状況（2024年度）" in [s.value for s in at.subheader]
    # the chart's subtitle names the filters: no second line saying 「全期間・全取組」 again
    assert [c.value for c in at.caption].count("全期間・全取組") == 1  # under the page's title
    # a filter the indicators do not take is said under their heading
    at.selectbox(key="f_covid").set_value("exclude").run()
    assert "（新型コロナの影響の条件は成果指標には適用されません）" in [c.value for c in at.caption]
    at.selectbox(key="f_covid").set_value("all").run()
    at.switch_page("pages/review.py").run()
    assert not at.exception
    assert "成果指標の状況（2024年度）" in [s.value for s in at.subheader]
    assert at.info[-1].value.endswith("（成果指標の数値は一部を除き見本です。）")
