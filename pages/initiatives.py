"""取組一覧 / Initiatives: the filtered evaluations as a table; pick one to read its history."""

import streamlit as st

from analytics import charts, tables
from analytics.i18n import next_step_label, t
from ui.data import query
from ui.downloads import downloads
from ui.run import current
from ui.widgets import (
    PICKER_ROWS,
    TABLE_ROWS,
    chart,
    context_line,
    data_table,
    history_list,
    md,
    shown_of,
)

run = current("initiatives")
lang = run.lang
st.title(t("initiatives.title", lang))
context_line(run.context)

evaluations = query("evaluations", limit=TABLE_ROWS, latest_first=True)  # latest year on top
total = query("headline")["evaluations"] or 0
table = tables.evaluation_table(evaluations, lang)
if not total:  # no table, no picker: say so
    st.info(t("initiatives.none", lang))
    key = None
else:
    st.caption(t("initiatives.count", lang, n=f"{total:,}"))
    flag = st.column_config.TextColumn  # あり/なし (Yes/No), as wide as its header
    picked = data_table(
        table,
        hide_index=True,
        width="stretch",
        height=420 if len(table) > 10 else "auto",  # a short list without empty rows below it
        on_select="rerun",
        selection_mode="single-row",
        key="initiative_table",
        column_config={
            t("col.covid", lang): flag(),
            t("col.disaster", lang): flag(),
        },
    )

    shown_of(len(table), total, lang)
    projects = query("headline")["projects"] or 0
    if projects <= PICKER_ROWS:
        choices = tables.initiative_choices(query("initiative_list"), lang)
    else:  # listing every project of a wide filter costs seconds and helps nobody
        choices = {}
        st.caption(t("initiatives.narrow_first", lang, n=f"{projects:,}", limit=f"{PICKER_ROWS:,}"))
    rows = picked.selection.rows if picked else []
    if rows:
        row = evaluations.iloc[rows[0]]
        st.session_state["initiative_pick"] = (
            row["project_code"] if row["project_code"] else row["initiative_id"]
        )
    if st.session_state.get("initiative_pick") not in choices:
        st.session_state.pop("initiative_pick", None)
    key = st.selectbox(
        t("initiatives.pick", lang),
        list(choices),
        format_func=choices.get,
        index=None,
        key="initiative_pick",
        placeholder=t("initiatives.pick_placeholder", lang),
    )

if key:
    history = query("initiative_history", project_key=key)
    latest = history.iloc[-1]
    st.subheader(md(latest[f"name_{lang}"]))
    facts = st.columns(4)
    facts[0].text(f"{t('col.code', lang)}: {latest['project_code'] or '—'}")
    facts[1].text(f"{t('col.bureau', lang)}: {latest[f'department_name_{lang}']}")
    facts[2].text(
        f"{t('col.direction', lang)}: {latest['direction_id']} {latest[f'direction_name_{lang}']}"
    )
    facts[3].text(
        f"{t('col.next_step', lang)}: {next_step_label(latest['next_step'], lang) or '—'}"
    )
    chart(
        charts.initiative_history(history, lang, query("fiscal_years"), query("plan_events")),
        "initiative_timeline",
    )
    data_table(
        tables.history_table(history, lang),
        hide_index=True,
        width="stretch",
    )
    texts = tables.history_texts(history, lang)
    if texts:  # the table cuts the sentences: here they are whole, in the table's order
        st.markdown(history_list(texts, lang))

downloads("initiatives")
