"""Every table of the app through one helper (ui.widgets.data_table): on a narrow screen a wide
table scrolls sideways with the row's name and its key figure pinned at the left, and a level is
a label in the level's colour. AppTest on the fixture database; the pins and the labels are read
from the dataframe's column config in the proto."""

from __future__ import annotations

import json
from collections import Counter

import duckdb
from streamlit.testing.v1 import AppTest

from analytics.tables import NAME_WIDTH_PX
from tests import test_app
from tests.conftest import ROOT
from tests.test_charts import EXPECTED_COLORS
from ui.downloads import panel_key
from ui.widgets import history_list, md

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
        # the long names as wide as a name elsewhere, the levels beside them
        {"期": None, "基本目標": N, "目標どおり以上の割合（%）": None},
        {"期": None, "取組の方向性": N, "目標どおり以上の割合（%）": None},
        # improved, declined: one above the other, each the page's width
        {"取組名": N, "変化（達成度1が最良）": None},
        {"取組名": N, "変化（達成度1が最良）": None},
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
    # no row numbers (0, 1, 2 …) beside the figures
    assert json.loads(at.dataframe[0].proto.columns)["_index"]["hidden"] is True


LEVELS_JA = {
    1: "1 目標を大きく上回って達成",
    2: "2 目標を上回って達成",
    3: "3 ほぼ目標どおり",
    4: "4 目標を下回った",
    5: "5 目標を大きく下回った",
}


def test_levels_are_labels_in_their_fixed_colours(app_db):
    """Every table with a level shows it as a label in the level's colour (the grid's own
    labels, not a pandas Styler), the same five colours as the charts, on every page."""
    palette = {LEVELS_JA[lv]: colour for lv, colour in EXPECTED_COLORS.items()}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    seen = {}
    for page in ("pages/overview.py", "pages/trends.py", "pages/initiatives.py", "pages/review.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        for frame in at.dataframe:
            config = json.loads(frame.proto.columns or "{}")
            for column in ("達成度", "前年度の達成度"):
                if column not in config:
                    continue
                options = config[column]["type_config"]["options"]
                assert config[column]["type_config"]["type"] == "multiselect", (page, column)
                assert {o["value"]: o["color"] for o in options} == palette, (page, column)
                cells = [list(v) for v in frame.value[column]]
                assert cells and all(len(c) == 1 and c[0] in palette for c in cells), page
                seen.setdefault(page, []).append((column, cells))
    assert set(seen) == {
        "pages/overview.py",
        "pages/trends.py",
        "pages/initiatives.py",
        "pages/review.py",
    }
    # the overview's table is below target in the latest year: levels 4 and 5 only
    overview = [c[0] for _, cells in seen["pages/overview.py"] for c in cells]
    assert set(overview) <= {LEVELS_JA[4], LEVELS_JA[5]}
    # the initiatives list holds every evaluation of the fixture: each level as often as in the data
    con = duckdb.connect(str(app_db), read_only=True)
    counts = dict(
        con.execute("select achievement_level, count(*) from evaluations group by 1").fetchall()
    )
    con.close()
    listed = Counter(c[0] for column, cells in seen["pages/initiatives.py"] for c in cells)
    assert listed == {LEVELS_JA[lv]: n for lv, n in counts.items()}


def _download_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("この条件の評価は"))


def test_an_open_download_panel_and_its_encoding_outlast_a_filter_change(app_db):
    """The panel's content is built only while it is open; it stays open through a filter change
    (its label does not change with the rows), and the encoding stays chosen when the panel is
    closed and opened again, and on the other pages."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.radio  # closed: nothing of the panel's content was sent
    at.session_state[panel_key("overview")] = True
    at.run()
    at.radio(key="overview_encoding").set_value("cp932").run()
    before = _download_caption(at)
    at.selectbox(key="f_covid").set_value("exclude").run()
    assert not at.exception
    assert _download_caption(at) != before  # fewer rows
    assert at.radio(key="overview_encoding").value == "cp932"
    at.session_state[panel_key("overview")] = False
    at.run()
    assert not at.radio
    at.session_state[panel_key("overview")] = True
    at.run()
    assert at.radio(key="overview_encoding").value == "cp932"
    # one choice for every page's panel
    at.switch_page("pages/initiatives.py").run()
    at.session_state[panel_key("initiatives")] = True
    at.run()
    assert at.radio(key="initiatives_encoding").value == "cp932"


def test_a_callers_settings_for_a_level_column_are_kept_with_the_labels():
    def app():
        from types import SimpleNamespace

        import pandas as pd
        import streamlit as st

        from ui.widgets import data_table

        st.session_state["_active_run"] = SimpleNamespace(lang="ja")
        frame = pd.DataFrame({"取組名": ["甲"], "達成度": ["4 目標を下回った"]})
        data_table(frame, column_config={"達成度": {"width": 123, "label": "評価"}})

    at = AppTest.from_function(app, default_timeout=TIMEOUT).run()
    assert not at.exception
    config = json.loads(at.dataframe[0].proto.columns)["達成度"]
    assert config["width"] == 123 and config["label"] == "評価"
    assert config["type_config"]["type"] == "multiselect"
    assert list(at.dataframe[0].value["達成度"][0]) == ["4 目標を下回った"]


MOVERS_COLUMNS = ["取組名", "変化（達成度1が最良）", "2023年度", "2024年度", "所管局", "備考"]


def _movers_columns(at: AppTest) -> list[list[str]]:
    """The columns of 総括評価's improved and declined tables, which are not in page columns."""
    at.switch_page("pages/review.py").run()
    assert not at.exception
    in_columns = [f for c in at.columns for f in c.dataframe]
    assert not [f for f in in_columns if "変化（達成度1が最良）" in f.value.columns]
    return [
        list(f.value.columns) for f in at.dataframe if "変化（達成度1が最良）" in f.value.columns
    ]


def test_the_movers_show_the_notes_across_the_page(app_db):
    """総括評価's improved and declined tables, one above the other: every column, the notes
    included (the fixture's evaluations have notes)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert _movers_columns(at) == [MOVERS_COLUMNS, MOVERS_COLUMNS]
    palette = {LEVELS_JA[lv]: colour for lv, colour in EXPECTED_COLORS.items()}
    for frame in [f for f in at.dataframe if "変化（達成度1が最良）" in f.value.columns]:
        config = json.loads(frame.proto.columns)
        for year in ("2023年度", "2024年度"):  # each year's level as its coloured label
            options = config[year]["type_config"]["options"]
            assert {o["value"]: o["color"] for o in options} == palette
            assert all(len(v) == 1 and v[0] in palette for v in frame.value[year])


def test_the_movers_leave_out_a_note_column_no_mover_has(app_db):
    """When no evaluation has a note, the movers' 備考 is left out, not shown as an empty strip."""
    from analytics.derived import refresh_facts

    con = duckdb.connect(str(app_db))
    con.execute("update evaluations set note_ja = null")
    refresh_facts(con)
    con.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    without = [c for c in MOVERS_COLUMNS if c != "備考"]
    assert _movers_columns(at) == [without, without]


def test_a_table_of_one_column_pins_nothing(app_db):
    """データについて: the six 今後の方向性 in a table of their own. A pin keeps a name in view
    while the rest scrolls sideways; with nothing beside it, it would only grey the text."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    (steps,) = [f for f in at.dataframe if list(f.value.columns) == ["今後の方向性"]]
    assert len(steps.value) == 6
    config = json.loads(steps.proto.columns or "{}")
    assert not any(v.get("pinned") for v in config.values())


def test_percentages_in_tables_keep_one_decimal(app_db):
    """総括評価's 期別・基本目標別 table: a rate of 81.0 reads 81.0 beside 92.9, not 81."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/review.py").run()
    assert not at.exception
    seen = 0
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        for column in frame.value.columns:
            if str(column).endswith("（%）") and frame.value[column].dtype.kind == "f":
                assert config[column]["type_config"]["format"] == "%.1f", column
                seen += 1
    assert seen >= 2  # the rate of the term × goal and of the term × direction table


def test_history_list_keeps_a_sheets_line_breaks_inside_each_item():
    """A result or note typed in Excel with line breaks (a blank line, a numbered line, a line of
    「=」, a 「#」) stays inside its year's item, escaped: no new paragraph, list or heading."""
    texts = [
        ("2024年度", "4 目標を下回った", "一行目\n\n1. 二行目\r\n  ===\n# 三行目", "備考\r> 引用"),
        ("2023年度", "3 ほぼ目標どおり", "実施した。", ""),
    ]
    assert history_list(texts, "ja").split("\n") == [
        "**年度ごとの取組実績と備考（全文）**",
        "",
        "- **2024年度**（4 目標を下回った） 一行目  ",
        r"  1\. 二行目  ",
        r"  \===  ",
        r"  \# 三行目  ",
        "  備考: 備考  ",
        r"  \> 引用",
        "- **2023年度**（3 ほぼ目標どおり） 実施した。",
    ]
    texts[0] = ("FY2024", "4 Below target", *texts[0][2:])
    english = history_list(texts, "en").split("\n")
    assert english[0] == "**Each year's results and note in full (Japanese data)**"
    assert english[2] == "- **FY2024** (4 Below target) 一行目  "
    assert english[6] == "  Note (Japanese data): 備考  "


def test_a_web_address_in_data_is_code_that_ends_where_the_address_ends():
    """Japanese text follows an address with no space; GFM would link the words too, and data
    (a link's search text) must not make links. The address becomes code, shown and copied as
    it is; a sentence's punctuation and a parenthesis it does not open stay outside; an address
    inside an ASCII word, or with nothing after its prefix, is plain text."""
    assert md("詳細はhttps://www.city.kawasaki.jp/a.html。を参照") == (
        "詳細は`https://www.city.kawasaki.jp/a.html`。を参照"
    )
    assert md("(https://x.org/a_(b)).") == r"\(`https://x.org/a_(b)`\)\."
    assert md("www.city.kawasaki.jp」") == "`www.city.kawasaki.jp`」"
    assert md("http://host:8080/") == "`http://host`&#58;8080/"  # a colon ends it (:material/…)
    assert md("Visit www.!") == "Visit www\u2060\\.\\!"  # not an address: text, joiner inside
    assert md("user@www.example.com") == "user@www\u2060\\.example\\.com"
    assert md("javascript:alert(1)") == r"javascript&#58;alert\(1\)"


def test_the_download_caption_states_the_chosen_encodings_size_and_no_panel_without_rows(
    app_db,
):
    """The caption above the download panel gives the CSV's size in the chosen encoding (the
    fixture's 24 evaluations are all in the estimate's sample, so it is the file's exact size);
    a filter with no evaluations offers no panel, and says why."""
    from analytics.export import csv_for_filter
    from analytics.filters import Filters

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.session_state[panel_key("overview")] = True
    at.run()
    con = duckdb.connect(str(app_db), read_only=True)
    try:
        for encoding, name in (("cp932", "Shift_JIS"), ("utf-8-sig", "UTF-8")):
            at.radio(key="overview_encoding").set_value(encoding).run()
            size = len(csv_for_filter(con, Filters(), "ja", encoding))
            assert _download_caption(at) == (
                f"この条件の評価は24件、CSV（{name}）で約 {max(1, round(size / 1e3)):,} KB です。"
            )
    finally:
        con.close()
    at.text_input(key="f_q").set_value("該当しない検索語").run()
    assert not at.exception
    assert "この条件の評価はないため、ダウンロードするものはありません。" in [
        c.value for c in at.caption
    ]
    assert not [e for e in at.expander if e.label.startswith("この条件の評価すべて")]
