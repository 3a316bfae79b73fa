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
# common colour-vision deficiencies (no red/green pair). Levels 2 and 4 are light enough for the
# grid's coloured labels to write them in black (tests/test_theme.py).
EXPECTED_COLORS = {1: "#1f5fa6", 2: "#9dc3e8", 3: "#cfcfcf", 4: "#f5b46e", 5: "#b2470d"}


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


def test_fixed_margins_only_where_the_ticks_are_known(fixture_con):
    """Year, rate and count axes have fixed margins (no second draw to fit them); axes whose
    ticks are names of any length keep automargin: the level names of one initiative's history,
    the bureaus of the heat map."""
    built = build_all(fixture_con, Filters(), "en")
    levels, heat = built["levels"], built["heatmap"]
    assert levels.layout.xaxis.automargin is False and levels.layout.yaxis.automargin is False
    assert heat.layout.yaxis.automargin is True  # bureau names
    history = charts.initiative_history(queries.initiative_history(fixture_con, "10000010"), "en")
    assert history.layout.yaxis.automargin is True  # "1 Far exceeded target" …
    assert history.layout.xaxis.automargin is False


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


def test_a_heat_map_cell_over_few_evaluations_is_faint_and_says_its_n():
    """A ward with one initiative: 0/1 in 2021 must not read like a whole bureau's failure.
    Its cell is in a faint trace of its own, labelled 「0% (n=1)」; 5 evaluations are enough
    for full colour, 4 are not. Every cell, the empty one too, has a point a click selects,
    with the bureau, the year and the n (0: nothing to drill to); the cells fill the plot."""
    df = pd.DataFrame(
        {
            "fiscal_year": [2020, 2021, 2020, 2021, 2021],
            "group_key": ["fin", "fin", "ward", "ward", "port"],
            "group_name_ja": ["財政局", "財政局", "幸区役所", "幸区役所", "港湾局"],
            "group_name_en": ["Finance", "Finance", "Saiwai", "Saiwai", "Port"],
            "evaluations": [5, 4, 1, 1, 10],
            "on_target": [4, 4, 1, 0, 4],
            "below_target": [1, 0, 0, 1, 6],
            "on_target_rate": [0.8, 1.0, 1.0, 0.0, 0.4],
        }
    )
    fig = charts.on_target_by_bureau_heatmap(df, "ja", "")
    full, faint, cells = fig.data
    # mean rate, highest first: 財政局 0.9, 幸区役所 0.5, 港湾局 0.4
    assert list(full.y) == ["財政局", "幸区役所", "港湾局"]
    assert [list(r) for r in full.z] == [[0.8, None], [None, None], [None, 0.4]]
    assert [list(r) for r in faint.z] == [[None, 1.0], [1.0, 0.0], [None, None]]
    assert [list(r) for r in full.text] == [["80%", ""], ["", ""], ["", "40%"]]
    assert [list(r) for r in faint.text] == [
        ["", "100% (n=4)"],
        ["100% (n=1)", "0% (n=1)"],
        ["", ""],
    ]
    assert full.opacity == 1 and faint.opacity < 1
    assert full.showscale is True and faint.showscale is False  # one colour scale
    assert (faint.zmin, faint.zmax) == (full.zmin, full.zmax) == (0.0, 1.0)
    # Plotly cannot select a heat-map cell: a click selects an invisible point at its centre
    assert full.hoverinfo == faint.hoverinfo == "skip"
    assert cells.type == "scatter" and cells.marker.opacity == 0 and cells.showlegend is False
    assert list(zip(cells.x, cells.y, strict=True)) == [
        (year, bureau)
        for bureau in ("財政局", "幸区役所", "港湾局")
        for year in ("2020年度", "2021年度")
    ]
    assert [list(c) for c in cells.customdata] == [
        ["fin", 2020, 5],
        ["fin", 2021, 4],
        ["ward", 2020, 1],
        ["ward", 2021, 1],
        ["port", 2020, 0],  # no evaluation: a click there drills nowhere
        ["port", 2021, 10],
    ]
    assert fig.layout.hoverdistance == -1  # the nearest point, however wide the cell
    # the cells fill the plot area (a scatter's markers would pad automatic ranges)
    assert tuple(fig.layout.xaxis.range) == (-0.5, 1.5)
    assert tuple(fig.layout.yaxis.range) == (2.5, -0.5)  # the first bureau at the top


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


# ---- the direction chart: one panel per direction, one row per goal (issue 13) -----------------

GOAL_COLORS = {1: "#1f5fa6", 2: "#e08214", 3: "#5e3c99"}


def direction_chart(con, lang="ja", filters=None):
    df = queries.on_target_by_year_and_group(con, filters, "direction")
    fy = queries.fiscal_years(con)
    events = queries.plan_events(con)
    return df, charts.on_target_by_year_and_group(df, lang, "", fy, "direction", events)


def by_panel(fig) -> dict[str, list]:
    """Traces per panel, keyed by the panel's x axis."""
    out: dict[str, list] = {}
    for trace in fig.data:
        out.setdefault(trace.xaxis, []).append(trace)
    return out


def test_directions_are_small_multiples_one_row_per_goal(fixture_con):
    """The fixture's directions: 1-1 (A), 2-1 (B), 3-1 (D), 3-2 (C), 3-3 (E), one evaluation per
    initiative and year, so every rate is over n=1: all faint, none on the line."""
    _, fig = direction_chart(fixture_con)
    assert charts.direction_panels(["3-3", "1-1", "3-1", "2-1", "3-2"]) == {
        "1-1": (1, 1),
        "2-1": (2, 1),
        "3-1": (3, 1),
        "3-2": (3, 2),
        "3-3": (3, 3),
    }
    panels = by_panel(fig)
    # grid 3×3: row 1 = goal 1 (x), row 2 = goal 2 (x4), row 3 = goal 3 (x7, x8, x9)
    assert sorted(panels) == ["x", "x4", "x7", "x8", "x9"]
    # one direction per panel: its line and its faint small-n points, nothing else
    for traces in panels.values():
        assert len(traces) == 2 and len({tr.name for tr in traces}) == 1
    assert {tr.showlegend for tr in fig.data} == {False}
    assert [a.text for a in fig.layout.annotations] == [
        "1-1 世界をけん引するビジネス…",
        "2-1 国際的認知度向上の促進",
        "3-1 地域での交流・多文化共生…",
        "3-2 誰もが暮らしやすい環境づ…",
        "3-3 グローバル都市・川崎を担…",
    ]
    assert fig.layout.annotations[0].hovertext == "1-1 世界をけん引するビジネス拠点の創出"
    # colours by identity: each direction in its goal's colour
    assert {ax: {tr.line.color for tr in trs} for ax, trs in panels.items()} == {
        "x": {GOAL_COLORS[1]},
        "x4": {GOAL_COLORS[2]},
        "x7": {GOAL_COLORS[3]},
        "x8": {GOAL_COLORS[3]},
        "x9": {GOAL_COLORS[3]},
    }
    # the empty cells of goals 1 and 2 (their directions 2 and 3 have no evaluations) are hidden
    assert fig.layout.xaxis2.visible is False and fig.layout.yaxis5.visible is False
    # values against the fixture, by hand: A 2016-2024 below target only in 2020 (level 4);
    # B 2018-2024 below in 2020 (5), 2021 (4), 2022 (4); C 2022 3, 2023 4, 2024 3
    line, faint = panels["x"]
    assert list(line.y) == [None] * 9
    assert list(faint.y) == [1, 1, 1, 1, 0, 1, 1, 1, 1]
    assert list(faint.text) == ["n=1"] * 9
    # side by side at the same height, the n labels take turns above and below their points
    assert list(faint.textposition)[:3] == ["top right", "bottom right", "top right"]
    assert list(panels["x4"][1].y) == [1, 1, 0, 0, 0, 1, 1]
    c = panels["x8"][1]
    assert list(c.x) == ["2022年度", "2023年度", "2024年度"] and list(c.y) == [1, 0, 1]
    # a click drills to that direction in that year
    assert [list(d)[:2] for d in c.customdata] == [[2022, "3-2"], [2023, "3-2"], [2024, "3-2"]]


def test_a_chosen_direction_keeps_its_colour_and_its_table_matches(fixture_con):
    from analytics import chart_tables

    df, fig = direction_chart(fixture_con, "en", Filters(directions=("3-2",)))
    assert {tr.xaxis for tr in fig.data} == {"x"}  # one panel
    assert {tr.line.color for tr in fig.data} == {GOAL_COLORS[3]}
    assert [a.text for a in fig.layout.annotations] == [
        "3-2 An environment where …"  # 21 characters and …
    ]
    table = chart_tables.on_target_by_year_and_group(df, "en", group="direction")
    assert table.values.tolist() == [
        ["FY2022", "3-2 An environment where everyone can live well", 1, 1, 100.0],
        ["FY2023", "3-2 An environment where everyone can live well", 0, 1, 0.0],
        ["FY2024", "3-2 An environment where everyone can live well", 1, 1, 100.0],
    ]


def test_a_direction_panel_draws_its_line_and_leaves_only_small_n_faint():
    """Literal rows: 1-1 over 10 and 4 evaluations, 1-2 over 8 and 6. Two panels side by side."""
    df = pd.DataFrame(
        {
            "fiscal_year": [2023, 2023, 2024, 2024],
            "group_key": ["1-1", "1-2", "1-1", "1-2"],
            "group_name_ja": ["方向1", "方向2", "方向1", "方向2"],
            "group_name_en": ["Dir 1", "Dir 2", "Dir 1", "Dir 2"],
            "evaluations": [10, 8, 4, 6],
            "on_target": [9, 8, 1, 3],
            "below_target": [1, 0, 3, 3],
            "on_target_rate": [0.9, 1.0, 0.25, 0.5],
        }
    )
    fig = charts.on_target_by_year_and_group(df, "ja", "", group="direction")
    panels = by_panel(fig)
    assert sorted(panels) == ["x", "x2"]
    line, faint = panels["x"]
    assert list(line.y) == [0.9, None] and list(faint.y) == [0.25] and list(faint.text) == ["n=4"]
    assert len(panels["x2"]) == 1 and list(panels["x2"][0].y) == [1.0, 0.5]  # no small n
    assert fig.layout.yaxis.range == fig.layout.yaxis2.range  # one scale for every panel


@pytest.mark.parametrize(
    "pick, rates, sides",
    [
        # side by side at one height: above, below, above
        ([0, 1, 2], [1.0, 1.0, 0.95], ["top right", "bottom right", "top right"]),
        # side by side at different heights (75% then 50%): both above, and a label below 50%
        # would run off the foot of the axis
        ([4, 5], [0.75, 0.5], ["top right", "top right"]),
        # not side by side: above
        ([0, 2], [1.0, 1.0], ["top right", "top right"]),
    ],
)
def test_n_labels_of_faint_points_side_by_side_do_not_collide(pick, rates, sides):
    assert charts._label_sides(pick, rates) == sides


def test_the_tree_table_tells_an_initiative_in_two_terms_apart(fixture_con):
    """The fixture's A (海外展開テスト事業, 10000010) runs in all three terms: three leaves of
    the same name, each with its term (T1 2016-17: 2 evaluations, T2 2018-21: 4, T3: 3)."""
    from analytics import chart_tables

    table = chart_tables.achievement_tree(queries.achievement_tree(fixture_con), "ja")
    rows = table[table["取組名"] == "海外展開テスト事業"]
    assert list(zip(rows["期"], rows["評価件数（件）"], strict=True)) == [
        ("第1期", 2),
        ("第2期", 4),
        ("第3期", 3),
    ]


def test_an_initiatives_history_says_what_its_diamonds_are(fixture_con):
    """The fixture's A was affected by COVID in 2020 and 2021 (diamonds); E never was."""
    affected = charts.initiative_history(queries.initiative_history(fixture_con, "10000010"), "ja")
    symbols = list(affected.data[0].marker.symbol)
    assert symbols.count("diamond") == 2
    assert "◆ 新型コロナの影響を受けた年度" in affected.layout.title.text
    never = charts.initiative_history(queries.initiative_history(fixture_con, "40000010"), "ja")
    assert "diamond" not in list(never.data[0].marker.symbol)
    assert "◆" not in never.layout.title.text


def test_the_level_bars_keep_a_year_not_yet_evaluated_in_its_place(fixture_con):
    """The plan runs to FY2025 and the fixture's evaluations stop at 2024: the overview's bars
    span the same ten years as the trend beside them, 2025 saying 未評価."""
    from analytics.i18n import fy_label

    fig = charts.achievement_by_year_and_group(
        queries.achievement_by_year_and_group(fixture_con),
        "ja",
        fiscal_years=queries.fiscal_years(fixture_con),
    )
    assert list(fig.layout.xaxis.categoryarray)[-1] == fy_label(2025, "ja")
    assert list(fig.layout.xaxis.range) == [-0.5, 9.5]
    notes = [a for a in fig.layout.annotations if a.text == "未<br>評<br>価"]  # upright
    assert [a.x for a in notes] == [fy_label(2025, "ja")]
    # without the plan's years (the trends page's panels): the evaluated years only, no note
    plain = charts.achievement_by_year_and_group(
        queries.achievement_by_year_and_group(fixture_con), "ja"
    )
    assert not [a for a in plain.layout.annotations if "評" in (a.text or "")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_treemap_cells_name_their_direction_on_short_lines(fixture_con, lang):
    """A direction's cell: its code on a line of its own, then its name on at most two lines short
    enough for a narrow cell (8 characters in Japanese, about 16 in English), which read back as
    the name's beginning; 「…」 ends them when the name goes on."""
    fig = charts.achievement_tree(queries.achievement_tree(fixture_con), lang, "")
    labels = dict(zip(fig.data[0].ids, fig.data[0].labels, strict=True))
    rows = fixture_con.execute(
        "SELECT direction_id, name_ja, name_en FROM directions ORDER BY direction_id"
    ).fetchall()
    width, joiner = (8, "") if lang == "ja" else (16, " ")
    rows = [row for row in rows if f"d{row[0]}" in labels]  # the fixture's directions
    assert len(rows) >= 3
    for direction, ja, en in rows:
        name = en if lang == "en" else ja
        lines = labels[f"d{direction}"].split("<br>")
        assert lines[0] == direction
        assert 2 <= len(lines) <= 3 and all(len(line) <= width for line in lines[1:]), lines
        shown = joiner.join(lines[1:])
        if shown.endswith("…"):
            assert len(name) > len(shown) - 1 and name.startswith(shown[:-1].rstrip())
        else:
            assert shown == name
    # the English names are longer than a line: wrapped, not cut to one
    if lang == "en":
        assert any(len(labels[f"d{d}"].split("<br>")) == 3 for d, _, _ in rows)


def test_treemap_labels_escape_a_name_broken_across_lines():
    """An ampersand or angle bracket at a line's end is escaped whole, never split from its
    entity; the line breaks are the only markup."""
    label = charts._tree_label("多文化共生の推進&<b>交流</b>", "ja", "3-1")
    assert label.split("<br>")[0] == "3-1"
    assert "<b>" not in label and "&amp;" in label and "&lt;b&gt;" in label


def test_a_treemap_of_one_direction_opens_at_it(fixture_con):
    """After a click on a direction's cell (the filter narrowed to it) the treemap opens at that
    direction, its initiatives in view; a wider filter opens at the top, goals and directions."""
    one = charts.achievement_tree(
        queries.achievement_tree(fixture_con, Filters(directions=("3-2",))), "ja", ""
    )
    assert one.data[0].level == "d3-2"
    leaves = [i for i, p in zip(one.data[0].ids, one.data[0].parents, strict=True) if p == "d3-2"]
    expected = fixture_con.execute(
        "select count(distinct initiative_id) from evaluations join initiatives using"
        " (initiative_id) where direction_id = ?",
        ["3-2"],
    ).fetchone()[0]
    assert len(leaves) == expected > 0
    assert one.data[0].pathbar.visible is False  # its top cell names the direction
    # an initiative's small cell: at most three lines of five characters
    for label in [
        lb for i, lb in zip(one.data[0].ids, one.data[0].labels, strict=True) if i[0] == "i"
    ]:
        assert len(label.split("<br>")) <= 3 and max(map(len, label.split("<br>"))) <= 5, label
    every = charts.achievement_tree(queries.achievement_tree(fixture_con), "ja", "")
    assert every.data[0].level is None
