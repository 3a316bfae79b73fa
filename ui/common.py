"""What every page shares: the run's context, cached queries, the sample-data banner, charts
with drill-down, downloads, and text rendering that never interprets data as markup."""

from __future__ import annotations

import inspect
import io
import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import export, queries
from analytics.export import TOKYO
from analytics.filters import Filters
from analytics.i18n import describe_filters, t
from ui.db import FileVersion, database

TABLE_ROWS = 2000  # rows a table sends to the browser; the download has them all
PICKER_ROWS = 3000  # the picker lists a filter's projects up to this many; search narrows the rest
TREE_LEAVES = 400  # the treemap goes down to initiatives when the filter has at most this many

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


@dataclass(frozen=True)
class Run:
    """What a page needs for this script run."""

    con: object
    version: FileVersion
    filters: Filters
    lang: str
    years: list[int]

    @property
    def context(self) -> str:
        return describe_filters(self.filters, self.lang)


def current(page: str) -> Run:
    """This run's context, handed over by dashboard.py just before it runs the page.

    Streamlit runs in its legacy "pages folder" mode whenever a pages/ folder exists, until
    dashboard.py calls st.navigation. So the very first request to a fresh server, if it is a
    link to a page (a shared link is), runs the page file alone. Hand over to dashboard.py once,
    with the page and the URL's parameters: that ends the legacy mode for the server. Where the
    mode comes back every run (AppTest resets it), prepare the run here instead."""
    run = st.session_state.pop("_run", None)
    if run is None:
        if not st.session_state.get("_handed_over"):
            st.session_state["_handed_over"] = True
            st.session_state["_goto"] = page
            st.switch_page("dashboard.py", query_params=st.query_params.to_dict())
        from ui.app import prepare

        run = prepare()
    st.session_state["_active_run"] = run
    return run


def md(text: object) -> str:
    """Escape data for places that render Markdown (headings, labels): shown literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(
    version: FileVersion, name: str, filter_items: tuple, params: tuple
) -> pd.DataFrame | dict:
    """Query results keyed on the database file's version, the query and the filters."""
    con, _ = database().cursor()
    fn = getattr(queries, name)
    kwargs = dict(params)
    if "filters" in inspect.signature(fn).parameters:
        kwargs["filters"] = Filters.from_query(dict(filter_items))
    try:
        return fn(con, **kwargs)
    finally:
        con.close()


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(
    version: FileVersion,
    chart_name: str,
    query_name: str,
    filter_items: tuple,
    params: tuple,
    chart_args: tuple,
):
    """A built Plotly figure, shared read-only by every rerun and session that asks for the same
    one (Streamlit only reads it). Building figures is most of a warm page run's time."""
    from analytics import charts

    df = _cached(version, query_name, filter_items, params)
    kwargs = dict(chart_args)
    if kwargs.pop("fiscal_years", False):
        kwargs["fiscal_years"] = _cached(version, "fiscal_years", (), ())
    return getattr(charts, chart_name)(df, **kwargs)


def figure(
    chart_name: str, query_name: str | None = None, *, params: dict | None = None, **chart_args
):
    """``charts.<chart_name>(query(<query_name>, **params), **chart_args)``, cached.
    Pass ``fiscal_years=True`` for charts that draw the plan's years and terms."""
    run = st.session_state["_active_run"]
    return _figure(
        run.version,
        chart_name,
        query_name or chart_name,
        tuple(sorted(run.filters.to_query().items())),
        tuple(sorted((params or {}).items())),
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in chart_args.items())),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _review(version: FileVersion, filter_items: tuple, from_fy: int, to_fy: int):
    from analytics.review import build_review

    con, _ = database().cursor()
    try:
        return build_review(con, Filters.from_query(dict(filter_items)), from_fy, to_fy)
    finally:
        con.close()


def review(from_fy: int, to_fy: int):
    """The overall review of the current filters, cached like the queries."""
    run = st.session_state["_active_run"]
    return _review(run.version, tuple(sorted(run.filters.to_query().items())), from_fy, to_fy)


def query(name: str, filters: Filters | None = None, **params):
    run = st.session_state["_active_run"]
    filters = run.filters if filters is None else filters
    return _cached(
        run.version, name, tuple(sorted(filters.to_query().items())), tuple(sorted(params.items()))
    )


def sample_banner(status: dict, lang: str) -> None:
    sample = status.get("sample_evaluations") or 0
    total = status.get("evaluations") or 0
    if sample:
        key = "banner.sample_all" if sample == total else "banner.sample"
        st.info(t(key, lang, n=sample, total=total), icon=":material/science:")


def chart(fig: go.Figure, key: str, on_click=None) -> None:
    """A Plotly chart; with ``on_click`` a click on a bar or point calls it with the point."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
    if on_click is None:
        st.plotly_chart(fig, key=key, config=config, width="stretch")
        return

    def callback() -> None:
        points = st.session_state[key].selection.get("points") or []
        if points:
            on_click(points[0])

    st.plotly_chart(
        fig, key=key, config=config, width="stretch", on_select=callback, selection_mode="points"
    )


def downloads(key: str) -> None:
    """Exactly the rows of the current filter, as CSV (UTF-8 with BOM or CP932) or XLSX.

    Nothing is built until a button is clicked; the size is stated first."""
    run = st.session_state["_active_run"]
    lang = run.lang
    rows = query("headline")["evaluations"] or 0
    size = export.estimate_csv_bytes(query("evaluations", limit=200), rows, lang)
    with st.expander(
        t("download.header", lang, n=f"{rows:,}", size=_size(size)), icon=":material/download:"
    ):
        encoding = st.radio(
            t("download.encoding", lang),
            ["utf-8-sig", "cp932"],
            format_func=lambda e: t(f"download.{e}", lang),
            horizontal=True,
            key=f"{key}_encoding",
        )
        if encoding == "cp932":
            problems = export.cp932_problems(query("text_values"))
            if problems:
                st.warning(t("download.cp932_problems", lang, n=len(problems)))
                st.dataframe(
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
                frame = export.export_frame(
                    queries.evaluations(con, filters, limit=export.XLSX_MAX_ROWS), lang
                )
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


def shown_of(shown: int, total: int, lang: str) -> None:
    """Say when a table shows only part of the filter's rows."""
    if total > shown:
        st.caption(t("table.capped", lang, n=f"{shown:,}", total=f"{total:,}"))


def percent(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1%}"
