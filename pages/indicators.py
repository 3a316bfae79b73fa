"""成果指標の達成状況 / Indicators: the outcome indicators' status per goal, a small chart per
indicator, the table with progress bars, the way to an indicator's initiatives, downloads."""

import streamlit as st

from analytics import export
from analytics.i18n import fy_label, t
from analytics.indicators.queries import has_sample, status_counts
from analytics.indicators.tables import counts_by_status_table, download_table, status_table
from ui import state
from ui.indicator_data import (
    indicator_context,
    indicator_figures,
    indicator_query,
    status_figure,
)
from ui.run import current
from ui.widgets import chart, context_line, data_table, md

run = current("indicators")
lang = run.lang
st.title(t("ind.title", lang))
context_line(indicator_context())

status = indicator_query("indicator_status")
if has_sample(status):
    st.info(t("ind.sample_note", lang), icon=":material/science:")
with st.expander(t("ind.rule_title", lang), icon=":material/rule:"):
    st.markdown(t("ind.rule", lang))


def the_year(status) -> None:
    """The latest year's indicators: counts, the table, the charts and downloads."""
    fy = int(status["fiscal_year"].iloc[0])
    st.subheader(t("ind.year", lang, fy=fy_label(fy, lang)))
    counts = status_counts(status)
    left, right = st.columns([7, 5])  # the counts' five columns need 360 px at 1366
    with left:
        chart(status_figure(), "ind_counts")
    data_table(counts_by_status_table(counts, lang), right, hide_index=True)

    st.subheader(t("ind.table", lang))
    table = status_table(status, lang, grouped=True)
    progress = t("ind.col.progress", lang)
    first = ["code", "name", "status", "progress", "expected", "actual", "unit", "baseline"]
    order = [t(f"ind.col.{c}", lang) for c in first]
    expected = t("ind.col.expected", lang)
    # A text target (現状値以上) has no progress and no expected progress: a dash, not "None".
    table[expected] = [f"{v:.1f}%" if v == v and v is not None else "—" for v in table[expected]]
    data_table(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            progress: st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%"),
        },
        column_order=order + [c for c in table.columns if c not in order],
        key="ind_table",
    )

    names = dict(
        zip(status["indicator_code"], status[f"name_{lang}"].fillna(status["name_ja"]), strict=True)
    )
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    picked = a.selectbox(
        t("ind.pick", lang),
        list(names),
        index=None,
        format_func=lambda code: f"{code} {names[code]}",
        placeholder=t("ind.pick_placeholder", lang),
        key="ind_pick",
    )
    if picked:
        row = status.set_index("indicator_code").loc[picked]
        b.button(
            t("ind.open", lang),
            on_click=state.drill,
            kwargs={
                "goto": "initiatives",
                "f_direction": [row["direction_id"]],
                "f_term": [int(row["term_id"])],
            },
            icon=":material/open_in_new:",
            key="ind_open",
        )

    st.subheader(t("ind.charts", lang))
    st.caption(
        t(
            "ind.legend",
            lang,
            b=t("ind.series.baseline", lang),
            g=t("ind.series.target", lang),
            a=t("ind.series.actual", lang),
            p=t("ind.series.path", lang),
        )
    )
    figures = indicator_figures()
    rows = status.to_dict("records")
    for start in range(0, len(rows), 3):  # a row of three at a time: a note under one chart does
        # not push the charts beside it out of line
        for column, row in zip(st.columns(3), rows[start : start + 3], strict=False):
            with column:
                chart(figures[row["indicator_code"]], f"ind_chart_{row['indicator_code']}")
                if isinstance(row["actual_note"], str) and row["actual_note"]:
                    st.caption(t("ind.note", lang, note=md(row["actual_note"])))

    with st.expander(t("ind.download", lang), icon=":material/download:"):
        frame = export.neutralise(download_table(status, lang))
        about = [
            (t("download.about.filters", lang), indicator_context()),
            (t("ind.col.fiscal_year", lang), fy_label(fy, lang)),
        ]
        c1, c2, c3 = st.columns(3)
        for col, encoding in ((c1, "utf-8-sig"), (c2, "cp932")):
            col.download_button(
                f"{t('download.csv', lang)} — {t(f'download.{encoding}', lang)}",
                data=export.csv_bytes(frame, encoding)[0],
                file_name=export.file_name("indicators", "csv"),
                mime="text/csv",
                key=f"ind_csv_{encoding}",
                on_click="ignore",
            )
        c3.download_button(
            t("download.xlsx", lang),
            data=export.xlsx_bytes(frame, about, lang),
            file_name=export.file_name("indicators", "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="ind_xlsx",
            on_click="ignore",
        )


# No st.stop() in a page: a session's first run must reach its end (ui/first_paint.py).
if status.empty:
    st.warning(t("ind.none", lang))
else:
    the_year(status)
