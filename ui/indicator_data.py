"""Cached indicator results for the pages (keyed on the database file's version and the filters,
like ui.data.query)."""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.indicators import charts, queries
from ui.db import FileVersion, database


@st.cache_data(max_entries=128, show_spinner=False)
def _load(version: FileVersion, name: str, filter_items: tuple):
    con, _ = database().cursor()
    try:
        return getattr(queries, name)(con, Filters.from_query(dict(filter_items)))
    finally:
        con.close()


def indicator_query(name: str, filters: Filters | None = None):
    """``analytics.indicators.queries.<name>(con, filters)`` for this run, cached."""
    run = st.session_state["_active_run"]
    filters = run.filters if filters is None else filters
    return _load(run.version, name, tuple(sorted(filters.to_query().items())))


@st.cache_resource(max_entries=64, show_spinner=False)
def _status_figure(version: FileVersion, filter_items: tuple, lang: str, context: str):
    status = _load(version, "indicator_status", filter_items)
    fy = int(status["fiscal_year"].iloc[0]) if len(status) else None
    return charts.status_counts(queries.status_counts(status), fy, lang, context)


@st.cache_resource(max_entries=16, show_spinner=False)
def _indicator_figures(version: FileVersion, filter_items: tuple, lang: str) -> dict:
    status = _load(version, "indicator_status", filter_items)
    values = _load(version, "indicator_values", filter_items)
    return {
        row["indicator_code"]: charts.indicator_chart(
            row, values[values["indicator_code"] == row["indicator_code"]], lang
        )
        for row in status.to_dict("records")
    }


def status_figure():
    """The status counts per goal for this run's filters, built once and shared read-only."""
    run = st.session_state["_active_run"]
    return _status_figure(
        run.version, tuple(sorted(run.filters.to_query().items())), run.lang, run.context
    )


def indicator_figures() -> dict:
    """One small chart per indicator (code -> figure) for this run's filters, built once."""
    run = st.session_state["_active_run"]
    return _indicator_figures(run.version, tuple(sorted(run.filters.to_query().items())), run.lang)
