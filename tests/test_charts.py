"""Charts: built from every query result (the empty one included), with the fixed level colours,
the 1→5 order, categorical fiscal years and a title carrying the filter context."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import charts, queries, theme
from analytics.filters import Filters, describe_filters
from analytics.i18n import TEXT, level_label, t

NOTHING = Filters(search="該当なし")
# Blue for above target, neutral grey for on target, orange for below: told apart with any of the
# common colour-vision deficiencies (no red/green pair).
EXPECTED_COLORS = {1: "#1f5fa6", 2: "#8cb9e3", 3: "#cfcfcf", 4: "#f2a65a", 5: "#b2470d"}


def build_all(con, filters, lang):
    ctx = describe_filters(filters, lang)
    fy = queries.fiscal_years(con)
    return {
        "levels": charts.achievement_by_year_and_group(
            queries.achievement_by_year_and_group(con, filters), lang, ctx, years=fy["fiscal_year"]
        ),
        "levels_by_goal": charts.achievement_by_year_and_group(
            queries.achievement_by_year_and_group(con, filters, "goal"), lang, ctx, group="goal"
        ),
        "trend": charts.on_target_by_year_and_group(
            queries.on_target_by_year_and_group(con, filters, "goal"), lang, ctx, fy
        ),
        "terms": charts.on_target_by_term_and_goal(
            queries.on_target_by_term_and_goal(con, filters), lang, ctx
        ),
        "heatmap": charts.on_target_by_bureau_heatmap(
            queries.on_target_by_year_and_group(con, filters, "bureau"),
            lang,
            ctx,
            fy["fiscal_year"],
        ),
        "covid": charts.covid_rate_by_year(queries.covid_rate_by_year(con, filters), lang, ctx, fy),
        "covid_levels": charts.covid_by_year(queries.covid_by_year(con, filters), lang, ctx),
        "tree": charts.achievement_tree(queries.achievement_tree(con, filters), lang, ctx),
        "transitions": charts.transitions(
            queries.transitions(con, 2023, 2024, filters), 2023, 2024, lang, ctx
        ),
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("filters", [Filters(), Filters(terms=(3,), covid="exclude"), NOTHING])
def test_every_chart_builds_with_title_and_context(fixture_con, filters, lang):
    for name, fig in build_all(fixture_con, filters, lang).items():
        title = fig.layout.title.text
        assert describe_filters(filters, lang).replace("<", "&lt;") in title, name
        if filters is NOTHING:
            assert fig.layout.annotations[0].text == t("chart.no_data", lang), name


def test_level_bars_use_fixed_colours_in_order_1_to_5(fixture_con):
    fig = charts.achievement_by_year_and_group(
        queries.achievement_by_year_and_group(fixture_con), "ja", ""
    )
    assert [tr.name for tr in fig.data] == [level_label(lv, "ja") for lv in range(1, 6)]
    assert [tr.marker.color for tr in fig.data] == [EXPECTED_COLORS[lv] for lv in range(1, 6)]
    assert charts.LEVEL_COLORS == EXPECTED_COLORS
    assert fig.layout.barmode == "stack"


def test_faceted_level_bars_keep_one_legend_entry_per_level(fixture_con):
    fig = charts.achievement_by_year_and_group(
        queries.achievement_by_year_and_group(fixture_con, group="goal"), "en", "", group="goal"
    )
    assert len(fig.data) == 3 * 5
    assert [tr.name for tr in fig.data if tr.showlegend] == [
        level_label(lv, "en") for lv in range(1, 6)
    ]
    assert {tr.marker.color for tr in fig.data if tr.name == level_label(4, "en")} == {
        EXPECTED_COLORS[4]
    }


@pytest.mark.parametrize(
    "lang, first, last", [("ja", "2016年度", "2025年度"), ("en", "FY2016", "FY2025")]
)
def test_fiscal_years_are_categories_over_the_whole_plan(fixture_con, lang, first, last):
    fy = queries.fiscal_years(fixture_con)
    fig = charts.on_target_by_year_and_group(
        queries.on_target_by_year_and_group(fixture_con, group="goal"),
        lang,
        "",
        fy,
        events=queries.plan_events(fixture_con),
    )
    axis = fig.layout.xaxis
    assert axis.type == "category"
    assert (
        axis.categoryarray[0] == first
        and axis.categoryarray[-1] == last
        and len(axis.categoryarray) == 10
    )
    # small-n points are extra faint traces outside the legend (issue 13): one legend entry per goal
    assert [tr.name for tr in fig.data if tr.showlegend is not False] == [
        t("goal.short", lang, v=g) for g in (1, 2, 3)
    ]
    # the three terms as bands, plus the COVID period
    assert len(fig.layout.shapes) == 3 + 1 + 1  # term bands, COVID band, typhoon line
    labels = {a.text for a in fig.layout.annotations}
    covid = "新型コロナの影響期間" if lang == "ja" else "COVID-19 period"  # from plan_events
    assert {t("term.short", lang, v=1), t("term.short", lang, v=3), covid} <= labels


def test_transition_matrix_is_5_by_5_in_level_order(fixture_con):
    fig = charts.transitions(queries.transitions(fixture_con, 2023, 2024), 2023, 2024, "ja", "")
    z = fig.data[0].z
    assert len(z) == 5 and all(len(row) == 5 for row in z)
    assert z[1][0] == 1 and z[2][2] == 1 and z[2][3] == 1 and z[3][2] == 1  # 2→1, 3→3, 3→4, 4→3
    assert sum(sum(row) for row in z) == 4
    assert list(fig.data[0].x) == [level_label(lv, "ja") for lv in range(1, 6)]


def test_treemap_ids_let_a_click_narrow_the_filters(fixture_con):
    fig = charts.achievement_tree(queries.achievement_tree(fixture_con), "ja", "")
    ids = list(fig.data[0].ids)
    assert {"g1", "g2", "g3", "d1-1", "d3-2", "iT3-30000010"} <= set(ids)
    parents = dict(zip(ids, fig.data[0].parents, strict=True))
    assert parents["iT3-30000010"] == "d3-2" and parents["d3-2"] == "g3" and parents["g3"] == ""


def test_hostile_names_are_escaped_in_figures(fixture_con):
    fig = charts.achievement_tree(queries.achievement_tree(fixture_con), "ja", "")
    assert not any("<img" in str(label) for label in fig.data[0].labels)
    fig = charts.achievement_by_year_and_group(
        queries.achievement_by_year_and_group(fixture_con), "ja", "<b>x</b>"
    )
    assert "<b>x</b>" not in fig.layout.title.text


def test_initiative_timeline_marks_levels_with_their_colours(fixture_con):
    df = queries.initiative_history(fixture_con, "10000010")
    fig = charts.initiative_history(df, "en", queries.fiscal_years(fixture_con))
    assert list(fig.data[0].marker.color) == [
        EXPECTED_COLORS[lv] for lv in [3, 2, 3, 3, 4, 3, 3, 2, 1]
    ]
    assert tuple(fig.layout.yaxis.range) == (5.5, 0.5)  # level 1 on top
    empty = charts.initiative_history(queries.initiative_history(fixture_con, "none"), "en")
    assert empty.layout.annotations[0].text == t("chart.no_data", "en")


def test_cjk_font_comes_first():
    assert theme.FONT_FAMILY.startswith("Noto Sans CJK JP")


def test_translation_table_has_both_languages():
    for key, (ja, en) in TEXT.items():
        assert ja.strip() and en.strip(), key


def test_every_translation_key_used_in_the_code_exists():
    import re

    from tests.conftest import ROOT

    used = set()
    for path in [
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.rglob("analytics/**/*.py"),
        ROOT / "dashboard.py",
    ]:
        used |= set(re.findall(r'\bt\(\s*"([a-z_][a-z0-9_.]*)"', path.read_text(encoding="utf-8")))
    assert used and sorted(k for k in used if k not in TEXT) == []


def test_a_rate_over_few_evaluations_is_faint_labelled_and_off_the_line():
    """Goal 1: 9/10 in 2023, 0/2 in 2024. The 0% must not be a point of the line."""
    df = pd.DataFrame(
        {
            "fiscal_year": [2023, 2024],
            "group_key": ["1", "1"],
            "group_name_ja": ["目標1", "目標1"],
            "group_name_en": ["Goal 1", "Goal 1"],
            "evaluations": [10, 2],
            "on_target": [9, 0],
            "below_target": [1, 2],
            "on_target_rate": [0.9, 0.0],
        }
    )
    fig = charts.on_target_by_year_and_group(df, "ja", "")
    line, faint = fig.data
    assert list(line.y) == [0.9, None]
    assert list(faint.x) == ["2024年度"] and list(faint.y) == [0.0]
    assert list(faint.text) == ["n=2"] and faint.opacity < 1 and faint.showlegend is False


def test_chart_tables_give_the_charts_figures_with_units():
    from analytics import chart_tables

    df = pd.DataFrame(
        {
            "fiscal_year": [2023, 2024],
            "group_key": ["1", "1"],
            "group_name_ja": ["目標1", "目標1"],
            "group_name_en": ["Goal 1", "Goal 1"],
            "evaluations": [10, 2],
            "on_target": [9, 0],
            "below_target": [1, 2],
            "on_target_rate": [0.9, 0.0],
        }
    )
    table = chart_tables.on_target_by_year_and_group(df, "ja", group="goal")
    assert list(table.columns) == [
        "年度",
        "基本目標",
        "目標どおり以上（件）",
        "評価件数（件）",
        "目標どおり以上の割合（%）",
    ]
    assert table.values.tolist() == [
        ["2023年度", "基本目標1 目標1", 9, 10, 90.0],
        ["2024年度", "基本目標1 目標1", 0, 2, 0.0],
    ]
