"""総括評価 / Overall review: summary tables per term, the trend and COVID view, who improved and
declined, what is below target, a summary written from the numbers, and the meeting pack."""

import streamlit as st

from analytics import chart_tables, charts, export, plan
from analytics.config import CHROMIUM
from analytics.i18n import fy_label, t
from analytics.indicators.summary import section_tables as indicator_section_tables
from analytics.report import build_pack
from analytics.review import (
    cut_label,
    level_table,
    movers_tables,
    summary_figures,
    summary_text,
)
from analytics.tables import NAME_WIDTH_PX, exceptions_table
from ui.data import query
from ui.data import review as cached_review
from ui.db import database
from ui.run import current
from ui.widgets import chart, context_line, data_table, md

run = current("review")
lang = run.lang
st.title(plan.review_title(query("fiscal_years"), lang))
context_line(run.context)

# only the years that have evaluations under this filter (FY2025 has none yet)
evaluated = [int(y) for y in query("on_target_by_year_and_group", group="none")["fiscal_year"]]
years = evaluated if len(evaluated) >= 2 else run.years
a, b = st.columns(2)
compare_from = a.selectbox(
    t("trends.from_year", lang),
    years,
    index=len(years) - 2,
    format_func=lambda y: fy_label(y, lang),
    key="rv_from",
)
compare_to = b.selectbox(
    t("trends.to_year", lang),
    years,
    index=len(years) - 1,
    format_func=lambda y: fy_label(y, lang),
    key="rv_to",
)
review = cached_review(compare_from, compare_to)

st.subheader(t("review.summary", lang))
st.info(md(summary_text(review, lang)), icon=":material/summarize:")
st.caption(t("review.figures", lang))
data_table(summary_figures(review, lang), hide_index=True, width="stretch")


def term_table(group: str, container) -> None:
    """期別 × goal or direction: one column a level, and the long names as wide as a name
    elsewhere (in full on hover), so that more of the levels sit beside them on a laptop."""
    frame = review.term_goal if group == "goal" else review.term_direction
    data_table(
        level_table(frame, lang, group, compact=True),
        container=container,
        column_config={t(f"group.{group}", lang): {"width": NAME_WIDTH_PX}},
        hide_index=True,
        width="stretch",
    )


st.subheader(t("review.term_goal", lang))
term_table("goal", st)
term_table("direction", st.expander(t("review.term_direction", lang)))

st.subheader(t("review.trend", lang))
left, right = st.columns(2)
with left:
    chart(
        charts.on_target_by_year_and_group(
            review.by_goal_year, lang, run.context, review.fiscal_years, events=review.events
        ),
        "review_trend",
        table=chart_tables.for_chart(
            "on_target_by_year_and_group", review.by_goal_year, lang, group="goal"
        ),
    )
with right:
    chart(
        charts.covid_rate_by_year(
            review.covid, lang, run.context, review.fiscal_years, review.events
        ),
        "review_covid",
        table=chart_tables.for_chart("covid_rate_by_year", review.covid, lang),
    )

st.subheader(t("review.movers", lang, a=fy_label(compare_from, lang), b=fy_label(compare_to, lang)))
# One above the other, each the page's width: side by side, half a page showed only the name and
# the change, and the years, the bureau and the note had to be scrolled to.
improved, declined = movers_tables(review.movers, review.declined, lang, compare_from, compare_to)
st.caption(t("review.improved", lang) + cut_label(review.movers, lang, True))
# each year's level by its name, in columns as wide in both tables
level_years = (fy_label(compare_from, lang), fy_label(compare_to, lang))
aligned = {y: {"width": 200} for y in level_years}
data_table(improved, levels=level_years, column_config=aligned, hide_index=True, width="stretch")
st.caption(t("review.declined", lang) + cut_label(review.declined, lang, False))
data_table(declined, levels=level_years, column_config=aligned, hide_index=True, width="stretch")

latest = fy_label(review.latest, lang) if review.latest else "—"
st.subheader(t("review.below", lang, fy=latest))
data_table(
    exceptions_table(review.below_latest, lang),
    hide_index=True,
    width="stretch",
)


if review.indicators is not None and not review.indicators.empty:
    for i, (title, frame) in enumerate(indicator_section_tables(review.indicators, lang)):
        (st.subheader if i == 0 else st.caption)(title)
        data_table(frame, hide_index=True, width="stretch")


def pack(kind: str):
    def make() -> bytes:
        con, _ = database().cursor()
        try:
            return build_pack(con, kind, run.filters, lang, (compare_from, compare_to))
        finally:
            con.close()

    return make


st.subheader(t("review.pack", lang))
cols = st.columns(3)
kinds = [
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("html", "text/html"),
    ("pdf", "application/pdf"),
]
for col, (kind, mime) in zip(cols, kinds, strict=True):
    if kind == "pdf" and not CHROMIUM.exists():
        col.warning(t("review.no_chromium", lang))
        continue
    col.download_button(
        t(f"review.pack_{kind}", lang),
        data=pack(kind),
        file_name=export.file_name("review", kind),
        mime=mime,
        key=f"pack_{kind}",
        icon=":material/download:",
        on_click="ignore",
    )
