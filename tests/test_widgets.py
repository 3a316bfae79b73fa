"""Every table of the app through one helper (ui.widgets.data_table): on a narrow screen a wide
table scrolls sideways with the row's name and its key figure pinned at the left. AppTest on the
fixture database; the pins are read from the dataframe's column config in the proto."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analytics.tables import NAME_WIDTH_PX, NARROW_NAME_WIDTH_PX
from tests import test_app
from tests.conftest import ROOT

# the AppTest fixtures, shared with test_app
steady_page_mode = test_app.steady_page_mode
app_db = test_app.app_db

TIMEOUT = 60


def pins(at: AppTest) -> list[dict[str, object]]:
    """Per table on the page: pinned column -> its width (None: Streamlit's own)."""
    out = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        out.append({c: v.get("width") for c, v in config.items() if v.get("pinned")})
    return out


N = NAME_WIDTH_PX
# page -> the pins of each of its tables, in page order (the fixture has no indicators)
EXPECTED_JA = {
    "pages/overview.py": [{"取組名": N, "達成度": None}],  # below target in the latest year
    "pages/trends.py": [{"取組名": N, "前年度の達成度": None, "達成度": None}],  # declines
    "pages/initiatives.py": [{"取組名": N, "達成度": None}],
    "pages/bureaus.py": [{"所管局": None, "目標どおり以上の割合": None}],
    "pages/review.py": [
        {"項目": None},  # the summary's figures
        {"期": None, "基本目標": None, "目標どおり以上の割合（%）": None},
        {"期": None, "取組の方向性": None, "目標どおり以上の割合（%）": None},
        # improved, declined: side by side, so the name is narrower (Streamlit drops the pins
        # of a table whose pinned columns take more than 60% of its width)
        {"取組名": NARROW_NAME_WIDTH_PX, "変化（達成度1が最良）": None},
        {"取組名": NARROW_NAME_WIDTH_PX, "変化（達成度1が最良）": None},
        {"取組名": N, "達成度": None},  # below target
    ],
}


def test_every_wide_table_pins_its_name_and_key_figure(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    for page, expected in EXPECTED_JA.items():
        at.switch_page(page).run()
        assert not at.exception, page
        assert pins(at) == expected, page


def test_the_pins_follow_the_language(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/initiatives.py").run()
    assert pins(at) == [{"Initiative": N, "Level": None}]
    at.switch_page("pages/bureaus.py").run()
    assert pins(at) == [{"Bureau": None, "On-target share": None}]


def test_a_chart_table_pins_its_series_and_rate(app_db):
    """「表で見る」 under the goal trend: the goal and the rate stay beside each other."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/trends.py").run()
    at.toggle(key="trend_goal_show_table").set_value(True).run()
    assert pins(at)[0] == {"基本目標": None, "目標どおり以上の割合（%）": None}
