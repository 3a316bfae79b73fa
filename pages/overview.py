"""概要 / Overview: headline numbers, the level mix per year, the on-target trend by goal, and
what is below target in the latest year."""

import streamlit as st

from analytics import tables
from analytics.i18n import fy_label, t
from analytics.indicators.queries import has_sample
from ui import first_paint, state
from ui.data import figure, query
from ui.downloads import downloads
from ui.indicator_data import indicator_query, not_applied_note, status_figure
from ui.run import current
from ui.widgets import (
    TABLE_ROWS,
    chart,
    context_line,
    data_table,
    percent,
    shown_of,
    tabbed,
    table_download,
)

run = current("overview")
lang = run.lang
st.title(t("overview.title", lang))
context_line(run.context)

head = query("headline")
latest = head["latest_fiscal_year"]
c1, c2, c3, c4 = st.columns(4)
c1.metric(
    t("metric.projects", lang),
    t("unit.n", lang, n=f"{head['projects']:,}"),
    help=t(
        "metric.projects_help_evaluated" if head["projects_evaluated"] else "metric.projects_help",
        lang,
    ),
)
c2.metric(t("metric.evaluations", lang), t("unit.n", lang, n=f"{head['evaluations']:,}"))
c3.metric(t("metric.latest_fy", lang), fy_label(latest, lang) if latest else "—")
change = head["change"]
points = None if change is None else round(change * 100, 1)
c4.metric(
    t("metric.latest_rate", lang),
    percent(head["latest_on_target_rate"]),
    # no change is neither good nor bad: no arrow, no colour
    delta=None
    if points is None
    else (t("metric.no_change", lang) if points == 0 else f"{points:+.1f} pt"),
    delta_color="off" if points == 0 else "normal",
    delta_arrow="off" if points == 0 else "auto",
    help=t("metric.latest_rate_help", lang),
)


def drill_year_level(point: dict) -> None:
    """A segment of a stacked bar: that fiscal year and that level (「4 目標を下回った」 of 2021)."""
    fy, level = int(point["customdata"][0]), int(point["customdata"][2])
    state.drill(goto="initiatives", f_years=(fy, fy), f_level=[level])


def drill_goal_year(point: dict) -> None:
    fy, goal = int(point["customdata"][0]), int(point["customdata"][1])
    state.drill(goto="initiatives", f_years=(fy, fy), f_goal=[goal])


ctx = {"lang": lang, "context": run.context}
# The two charts as tabs, only the open one drawn: a filter change redraws one chart, not two
# (docs/benchmarks.md, tenth session).
levels_tab, trend_tab = tabbed("overview_chart", ["overview.tab.levels", "overview.tab.trend"])
if levels_tab.open:
    with levels_tab:
        # the plan's years the filter chose, as the trend in the other tab (an open year: 未評価)
        fig = figure("achievement_by_year_and_group", fiscal_years=True, **ctx)
        chart(fig, "overview_levels", on_click=drill_year_level)
if trend_tab.open:
    with trend_tab:
        fig = figure(
            "on_target_by_year_and_group", params={"group": "goal"}, fiscal_years=True, **ctx
        )
        chart(fig, "overview_trend", on_click=drill_goal_year)
st.caption(t("chart.click_hint", lang))


def below_the_charts() -> None:
    """This year's below-target initiatives, the outcome indicators and the downloads: below the
    fold, so a session's first run leaves them to the next (ui/first_paint.py)."""
    st.subheader(t("overview.below_latest", lang, fy=fy_label(latest, lang) if latest else "—"))
    if latest:
        below_latest = query(
            "below_target",
            filters=run.filters.narrowed(fy_from=latest, fy_to=latest),
            limit=TABLE_ROWS,
        )
        by_year = query("on_target_by_year_and_group", group="none")
        below_count = int(by_year.loc[by_year["fiscal_year"] == latest, "below_target"].sum())
    else:
        below_latest, below_count = None, 0
    if not below_count:
        st.success(t("overview.none_below", lang))
    else:
        below_table = tables.exceptions_table(below_latest, lang)
        data_table(below_table, hide_index=True, width="stretch")
        shown_of(len(below_latest), below_count, lang)
        table_download(below_table, "overview_below")

    indicators = indicator_query("indicator_status")  # 成果指標, beside the levels
    if len(indicators):
        ind_fy = int(indicators["fiscal_year"].iloc[0])
        st.subheader(t("ind.overview", lang, fy=fy_label(ind_fy, lang)))
        note = not_applied_note()  # the chart's subtitle names the filters it takes
        if note:
            context_line(note.strip())
        chart(status_figure(), "ov_ind")
        sample = t("ind.sample_note", lang) if has_sample(indicators) else ""
        st.caption(f"{t('ind.overview_link', lang)} {sample}")

    downloads("overview")


if first_paint.whole_page():
    below_the_charts()
