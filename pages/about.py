"""データについて / About the data: definitions, provenance, the import log, what is still
missing, and how to import the city's sheets."""

import pandas as pd
import streamlit as st

from analytics import plan, tables
from analytics.config import TEMPLATE_DIR
from analytics.i18n import fy_label, level_label, next_step_label, t, template_label
from analytics.labels import NEXT_STEP_LABELS_JA
from ui.data import query
from ui.run import current
from ui.widgets import TABLE_ROWS, data_table, md, shown_of

run = current("about")
lang = run.lang
st.title(t("about.title", lang))

st.subheader(t("about.levels", lang))
data_table(
    pd.DataFrame(
        {
            t("col.level", lang): [level_label(lv, lang) for lv in range(1, 6)],
            t("about.meaning", lang): [t(f"about.level{lv}", lang) for lv in range(1, 6)],
        }
    ),
    hide_index=True,
)
disasters = plan.labels(query("plan_events"), "disaster", lang)
st.markdown(
    t(
        "about.definitions",
        lang,
        disasters=md(("、" if lang == "ja" else ", ").join(disasters))
        if disasters
        else t("about.a_disaster", lang),
    )
)
data_table(
    pd.DataFrame(
        {t("col.next_step", lang): [next_step_label(s, lang) for s in NEXT_STEP_LABELS_JA]}
    ),
    hide_index=True,
    width="content",  # six short labels, not a column stretched over the page
)

st.subheader(t("about.provenance", lang))
status = query("data_status")
st.text(
    t(
        "about.status",
        lang,
        total=status["evaluations"],
        sample=status["sample_evaluations"],
        imported=status["imported_evaluations"],
        as_of=status["as_of"] or "—",
    )
)
provenance = query("provenance")
data_table(tables.provenance_table(provenance, lang), hide_index=True, width="stretch")

st.subheader(t("about.coverage", lang))
by_year = query("coverage_by_year")
data_table(
    pd.DataFrame(
        {
            t("col.fiscal_year", lang): [fy_label(y, lang) for y in by_year["fiscal_year"]],
            t("about.expected", lang): by_year["expected"],
            t("about.evaluated", lang): by_year["evaluated"],
            t("about.missing", lang): by_year["missing"],
        }
    ),
    hide_index=True,
)
missing_total = int(by_year["missing"].sum())
with st.expander(t("about.missing_list", lang, n=f"{missing_total:,}")):
    missing = tables.missing_evaluations(
        query("coverage", limit=TABLE_ROWS, missing_only=True), lang
    )
    data_table(missing, hide_index=True, width="stretch")
    shown_of(len(missing), missing_total, lang)

st.subheader(t("about.import_log", lang))
data_table(tables.import_log_table(query("import_log"), lang), hide_index=True, width="stretch")

st.subheader(t("about.how_to_import", lang))
st.markdown(t("about.import_steps", lang))
with st.expander(t("about.for_admin", lang)):
    st.markdown(t("about.for_admin_text", lang))
# the templates, then the filled sample sheet(s), whatever year they are for
names = [
    "evaluation_sheet_template.xlsx",
    "evaluation_sheet_template.csv",
    "initiative_list_template.xlsx",
] + sorted(p.name for p in TEMPLATE_DIR.glob("evaluation_sheet_sample_*.csv"))
cols = st.columns(2)
for i, name in enumerate(names):
    col = cols[i % 2]
    path = TEMPLATE_DIR / name
    col.download_button(
        template_label(name, lang),
        data=path.read_bytes(),
        file_name=name,
        key=f"template_{name}",
        on_click="ignore",
        icon=":material/description:",
    )
