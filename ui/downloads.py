"""The download panel every data page shows: exactly the filter's rows as CSV or XLSX."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import streamlit as st

from analytics import export
from analytics.export import TOKYO
from analytics.i18n import t
from ui.data import csv_size, query
from ui.db import database
from ui.widgets import data_table

ENCODINGS = ["utf-8-sig", "cp932"]


def panel_key(key: str) -> str:
    """The widget key of a page's download panel (open or closed)."""
    return f"{key}_downloads"


# The chosen encoding, kept outside the radios: a radio is not drawn while its panel is closed, so
# it would not keep its value through a filter change. One choice for every page.
ENCODING_KEY = "_download_encoding"


@st.fragment
def downloads(key: str) -> None:
    """Exactly the rows of the current filter, as CSV (UTF-8 with BOM or CP932) or XLSX.

    Nothing is built until a button is clicked; the rows and size are stated first. The panel's
    content is sent to the browser only once the panel is opened, and opening it or choosing the
    encoding reruns this panel alone, not the page: a page load and every filter change have a
    radio and two buttons fewer to draw (docs/benchmarks.md). The panel's label stays
    the same under every filter (Streamlit makes a new, closed panel when the label changes), so
    an open panel stays open and its encoding stays chosen through filter changes."""
    run = st.session_state["_active_run"]
    # the chosen encoding: the radio's, when this run is its change, else the one kept
    encoding = st.session_state.get(f"{key}_encoding") or st.session_state.get(
        ENCODING_KEY, ENCODINGS[0]
    )
    rows, size = csv_size(encoding)
    if not rows:  # nothing to download: no panel (an open one is closed when rows come back)
        st.caption(t("download.none", run.lang))
        return
    st.caption(
        t(
            "download.size",
            run.lang,
            n=f"{rows:,}",
            size=_size(size),
            encoding=t(f"download.{encoding}.short", run.lang),
        )
    )
    panel = st.expander(
        t("download.header", run.lang),
        icon=":material/download:",
        key=panel_key(key),
        on_change="rerun",
    )
    with panel:
        if panel.open:
            _panel(key, run, rows)


def _panel(key: str, run, rows: int) -> None:
    lang = run.lang
    encoding = st.radio(
        t("download.encoding", lang),
        ENCODINGS,
        index=ENCODINGS.index(st.session_state.get(ENCODING_KEY, ENCODINGS[0])),
        format_func=lambda e: t(f"download.{e}", lang),
        horizontal=True,
        key=f"{key}_encoding",
    )
    st.session_state[ENCODING_KEY] = encoding
    if encoding == "cp932":
        problems = export.cp932_problems(query("text_values"))
        if problems:
            st.warning(t("download.cp932_problems", lang, n=len(problems)))
            data_table(
                pd.DataFrame(
                    [
                        (t(f"download.field.{f}", lang), ch, f"U+{ord(ch):04X}", example)
                        for f, ch, example in problems
                    ],
                    columns=[
                        t("download.col.field", lang),
                        t("download.col.char", lang),
                        "Unicode",
                        t("download.col.example", lang),
                    ],
                ),
                hide_index=True,
                height=160,
            )
    filters = run.filters

    def make_csv() -> io.BufferedReader:
        con, _ = database().cursor()
        try:
            return export.csv_file_for_filter(con, filters, lang, encoding)
        finally:
            con.close()

    left, right = st.columns(2)
    left.download_button(
        t("download.csv", lang),
        data=make_csv,
        file_name=export.file_name("evaluations", "csv"),
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/table_view:",
        on_click="ignore",
    )
    status = query("data_status")
    about = [
        (t("download.about.filters", lang), run.context),
        (
            t("download.about.query", lang),
            "&".join(f"{k}={v}" for k, v in filters.to_query().items()) or "-",
        ),
        (t("download.about.rows", lang), str(min(rows, export.XLSX_MAX_ROWS))),
        (t("download.about.as_of", lang), status.get("as_of") or "-"),
        (t("download.about.generated", lang), datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M")),
        (
            t("download.about.provenance", lang),
            t(
                "download.about.sample",
                lang,
                n=status.get("sample_evaluations") or 0,
                total=status.get("evaluations") or 0,
            ),
        ),
    ]
    if rows > export.XLSX_MAX_ROWS:
        about.append(
            (
                t("download.about.capped", lang),
                t(
                    "download.xlsx_capped",
                    lang,
                    n=f"{export.XLSX_MAX_ROWS:,}",
                    total=f"{rows:,}",
                ),
            )
        )
        right.caption(
            t("download.xlsx_capped", lang, n=f"{export.XLSX_MAX_ROWS:,}", total=f"{rows:,}")
        )

    def make_xlsx() -> bytes:
        con, _ = database().cursor()
        try:
            frame = export.export_frame(export.xlsx_evaluations(con, filters), lang)
        finally:
            con.close()
        return export.xlsx_bytes(frame, about, lang)

    right.download_button(
        t("download.xlsx", lang),
        data=make_xlsx,
        file_name=export.file_name("evaluations", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/grid_on:",
        on_click="ignore",
    )


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3)):,} KB"
