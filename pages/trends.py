"""達成度の推移 / Trends: by goal, direction and term, the COVID view, and year-over-year changes."""

import streamlit as st

from analytics import tables
from analytics.i18n import fy_label, t
from ui import state
from ui.data import figure, query
from ui.downloads import downloads
from ui.run import current
from ui.widgets import (
    TABLE_ROWS,
    TREE_LEAVES,
    chart,
    context_line,
    data_table,
    shown_of,
    table_download,
)

run = current("trends")
lang = run.lang
st.title(t("trends.title", lang))
context_line(run.context)


def drill_group_year(group_key: str, with_level: bool = False):
    """A point: that group in that year; a stacked-bar segment (``with_level``): and that level."""

    def on_click(point: dict) -> None:
        fy, key = int(point["customdata"][0]), str(point["customdata"][1])
        changes = {
            "goal": {"f_goal": [int(key)]},
            "direction": {"f_direction": [key]},
            "term": {"f_term": [int(key)]},
        }[group_key]
        if with_level:
            changes["f_level"] = [int(point["customdata"][2])]
        state.drill(goto="initiatives", f_years=(fy, fy), **changes)

    return on_click


def drill_tree(point: dict) -> bool | None:
    """Treemap node ids: g<goal>, d<direction>, i<initiative id>."""
    node = str(point.get("id") or "")
    if node.startswith("g") and node[1:].isdigit():
        state.drill(f_goal=[int(node[1:])], f_direction=[])
    elif node.startswith("d"):
        if st.session_state.get("f_direction") == [node[1:]]:
            return False  # the direction the treemap is opened at: nothing to narrow
        state.drill(f_direction=[node[1:]])
    elif node.startswith("i"):
        state.drill(goto="initiatives", f_q=node.split("-", 1)[-1])


def drill_term_goal(point: dict) -> None:
    term, goal = (int(v) for v in point["customdata"][:2])
    state.drill(goto="initiatives", f_term=[term], f_goal=[goal])


by_goal, by_direction, by_term, covid, changes = st.tabs(
    [
        t("trends.tab.goal", lang),
        t("trends.tab.direction", lang),
        t("trends.tab.term", lang),
        t("trends.tab.covid", lang),
        t("trends.tab.changes", lang),
    ]
)
ctx = {"lang": lang, "context": run.context}
with by_goal:
    fig = figure("on_target_by_year_and_group", params={"group": "goal"}, fiscal_years=True, **ctx)
    chart(fig, "trend_goal", on_click=drill_group_year("goal"))
    fig = figure(
        "achievement_by_year_and_group",
        params={"group": "goal"},
        group="goal",
        years=run.years,
        **ctx,
    )
    chart(fig, "levels_goal", on_click=drill_group_year("goal", with_level=True))
    leaves = (
        query("headline")["initiatives"] or 0
    ) <= TREE_LEAVES  # a wide filter stops at directions
    fig = figure("achievement_tree", params={"by_initiative": leaves}, **ctx)
    chart(fig, "tree", on_click=drill_tree)
    st.caption(t("trends.tree_hint", lang))
with by_direction:
    params = {"group": "direction"}
    fig = figure(
        "on_target_by_year_and_group", params=params, fiscal_years=True, group="direction", **ctx
    )
    chart(fig, "trend_direction", on_click=drill_group_year("direction"))
    fig = figure(
        "achievement_by_year_and_group", params=params, group="direction", years=run.years, **ctx
    )
    chart(fig, "levels_direction", on_click=drill_group_year("direction", with_level=True))
with by_term:
    chart(figure("on_target_by_term_and_goal", **ctx), "term_goal", on_click=drill_term_goal)
    fig = figure(
        "achievement_by_year_and_group",
        params={"group": "term"},
        group="term",
        years=run.years,
        **ctx,
    )
    chart(fig, "levels_term", on_click=drill_group_year("term", with_level=True))
with covid:
    st.caption(t("trends.covid_note", lang))
    chart(figure("covid_rate_by_year", fiscal_years=True, **ctx), "covid_rate")
    chart(figure("covid_by_year", **ctx), "covid_levels")
with changes:
    # only the years that have evaluations under this filter (FY2025 has none yet)
    evaluated = [int(y) for y in query("on_target_by_year_and_group", group="none")["fiscal_year"]]
    years = evaluated or run.years
    latest = query("headline")["latest_fiscal_year"] or years[-1]
    to_index = years.index(latest) if latest in years else len(years) - 1
    a, b = st.columns(2)
    from_fy = a.selectbox(
        t("trends.from_year", lang),
        years,
        index=max(0, to_index - 1),
        format_func=lambda y: fy_label(y, lang),
        key="tr_from",
    )
    to_fy = b.selectbox(
        t("trends.to_year", lang),
        years,
        index=to_index,
        format_func=lambda y: fy_label(y, lang),
        key="tr_to",
    )
    fig = figure(
        "transitions",
        params={"from_fy": from_fy, "to_fy": to_fy},
        from_fy=from_fy,
        to_fy=to_fy,
        **ctx,
    )
    chart(fig, "transitions")
    # the declines in the chosen span: each year after the first, against its year before
    lo, hi = min(from_fy, to_fy), max(from_fy, to_fy)
    span = run.filters.narrowed(fy_from=lo + 1, fy_to=hi) if hi > lo else None
    st.subheader(t("trends.declines_span", lang, a=fy_label(lo, lang), b=fy_label(hi, lang)))
    if span is None:
        st.caption(t("trends.same_year", lang))
        span = run.filters.narrowed(fy_from=hi, fy_to=hi)
    declines = query("declines", filters=span, limit=TABLE_ROWS)
    changes = query("changes_by_year", filters=span)
    declined_total = int(changes.loc[changes["change"] == "declined", "evaluations"].sum())
    declines_table = tables.exceptions_table(declines, lang, with_previous=True)
    data_table(declines_table, hide_index=True, width="stretch", height=320)
    shown_of(len(declines), declined_total, lang)
    table_download(declines_table, "trends_declines")

downloads("trends")
