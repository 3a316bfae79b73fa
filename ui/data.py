"""Cached data access for the pages: query results and figures keyed on the database file's
version and the filters, shared by every rerun and session that asks for the same."""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import chart_tables, charts, export, queries
from analytics.filters import Filters
from analytics.review import build_review
from ui.db import FileVersion, database


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
    df = _cached(version, query_name, filter_items, params)
    kwargs = dict(chart_args)
    if kwargs.pop("fiscal_years", False):
        kwargs["fiscal_years"] = _chosen_years(
            _cached(version, "fiscal_years", (), ()), Filters.from_query(dict(filter_items))
        )
        kwargs["events"] = _cached(version, "plan_events", (), ())
    return getattr(charts, chart_name)(df, **kwargs)


@st.cache_data(max_entries=256, show_spinner=False)
def _table(
    version: FileVersion,
    chart_name: str,
    query_name: str,
    filter_items: tuple,
    params: tuple,
    lang: str,
    group: str | None,
) -> pd.DataFrame:
    """The chart's figures as a table, from the same cached query result as the chart."""
    df = _cached(version, query_name, filter_items, params)
    extra = {"group": group} if group else {}
    return chart_tables.for_chart(chart_name, df, lang, **extra)


@dataclass(frozen=True)
class View:
    """A chart and its figures as a table (「表で見る」), from one query result."""

    fig: go.Figure
    table: pd.DataFrame
    name: str


def _chosen_years(fiscal_years: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The plan's years the filter chose (its terms, its span): a chart of term 3 spans term 3."""
    years = fiscal_years
    if filters.terms:
        years = years[years["term_id"].isin(filters.terms)]
    if filters.fy_from is not None:
        years = years[years["fiscal_year"] >= filters.fy_from]
    if filters.fy_to is not None:
        years = years[years["fiscal_year"] <= filters.fy_to]
    return years if not years.empty else fiscal_years


def figure(
    chart_name: str, query_name: str | None = None, *, params: dict | None = None, **chart_args
) -> View:
    """``charts.<chart_name>(query(<query_name>, **params), **chart_args)``, cached, with the
    chart's table. Pass ``fiscal_years=True`` for charts that draw the plan's years, terms and
    events."""
    run = st.session_state["_active_run"]
    filter_items = tuple(sorted(run.filters.to_query().items()))
    param_items = tuple(sorted((params or {}).items()))
    fig = _figure(
        run.version,
        chart_name,
        query_name or chart_name,
        filter_items,
        param_items,
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in chart_args.items())),
    )
    group = chart_args.get("group") or (params or {}).get("group")
    table = _table(
        run.version,
        chart_name,
        query_name or chart_name,
        filter_items,
        param_items,
        chart_args.get("lang", run.lang),
        group,
    )
    return View(fig, table, chart_name)


@st.cache_data(max_entries=64, show_spinner=False)
def _review(version: FileVersion, filter_items: tuple, from_fy: int, to_fy: int):
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


@st.cache_data(max_entries=256, show_spinner=False)
def _csv_size(
    version: FileVersion, filter_items: tuple, lang: str, encoding: str
) -> tuple[int, int]:
    """(rows, estimated CSV bytes) of the whole-filter download, from a sample of 200 rows.
    Formatting the sample is most of a warm page run's time, so it is done once per filter."""
    rows = _cached(version, "headline", filter_items, ())["evaluations"] or 0
    sample = _cached(version, "evaluations", filter_items, (("limit", 200),))
    return rows, export.estimate_csv_bytes(sample, rows, lang, encoding)


def csv_size(encoding: str = "utf-8-sig") -> tuple[int, int]:
    """(rows, estimated bytes) of the current filter's CSV download in ``encoding``."""
    run = st.session_state["_active_run"]
    filter_items = tuple(sorted(run.filters.to_query().items()))
    return _csv_size(run.version, filter_items, run.lang, encoding)
