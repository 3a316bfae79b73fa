"""部局別 / Bureaus: the bureau × fiscal year heat map and a summary per bureau."""

import streamlit as st

from analytics import tables
from analytics.charts import SMALL_N
from analytics.i18n import t
from ui import state
from ui.data import figure, query
from ui.downloads import downloads
from ui.run import current
from ui.widgets import chart, context_line, data_table

run = current("bureaus")
lang = run.lang
st.title(t("bureaus.title", lang))
context_line(run.context)

fig = figure(
    "on_target_by_bureau_heatmap",
    "on_target_by_year_and_group",
    params={"group": "bureau"},
    lang=lang,
    context=run.context,
)


def drill_bureau_year(point: dict) -> bool:
    """A heat-map cell: that bureau in that fiscal year, on the initiatives page; an empty cell
    (no evaluation) goes nowhere."""
    bureau, fy, n = str(point["customdata"][0]), int(point["customdata"][1]), point["customdata"][2]
    if not n:
        return False
    state.drill(goto="initiatives", f_bureau=[bureau], f_years=(fy, fy))
    return True


chart(fig, "bureau_heatmap", on_click=drill_bureau_year)
st.caption(t("bureaus.click_hint", lang, n=SMALL_N))

st.subheader(t("bureaus.summary", lang))
summary = tables.bureau_table(query("on_target_by_bureau"), lang)
data_table(
    summary,
    hide_index=True,
    width="stretch",
    column_config={
        t("col.rate", lang): st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%.1f%%"
        )
    },
)

downloads("bureaus")
