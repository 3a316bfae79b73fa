"""Cached indicator results and figures for the pages, keyed on the database file's version and
the part of the filters the indicators take (analytics.indicators.queries.applicable): a COVID or
level filter leaves them, and their charts, as they are, so a change of it redraws nothing here."""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters, describe_filters
from analytics.i18n import t
from analytics.indicators import charts, queries
from ui.db import FileVersion, database


@st.cache_data(max_entries=128, show_spinner=False)
def _load(version: FileVersion, name: str, filter_items: tuple):
    con, _ = database().cursor()
    try:
        return getattr(queries, name)(con, Filters.from_query(dict(filter_items)))
    finally:
        con.close()


def _items(filters: Filters) -> tuple:
    return tuple(sorted(queries.applicable(filters).to_query().items()))


def indicator_query(name: str, filters: Filters | None = None):
    """``analytics.indicators.queries.<name>(con, filters)`` for this run, cached."""
    run = st.session_state["_active_run"]
    return _load(run.version, name, _items(run.filters if filters is None else filters))


def indicator_context() -> str:
    """The filters the indicators are narrowed by, in words (the charts' titles name the year),
    and which chosen filters they do not take."""
    run = st.session_state["_active_run"]
    text = describe_filters(queries.applicable(run.filters, with_year=False), run.lang, run.names)
    return text + not_applied_note()


def not_applied_note() -> str:
    """「（…の条件は成果指標には適用されません）」 when a chosen filter does not apply to the
    indicators, else ""."""
    run = st.session_state["_active_run"]
    skipped = queries.not_applied(run.filters)
    if not skipped:
        return ""
    names = ("・" if run.lang == "ja" else ", ").join(t(label, run.lang) for label in skipped)
    return t("ind.not_applied", run.lang, names=names)


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
    context = describe_filters(
        queries.applicable(run.filters, with_year=False), run.lang, run.names
    )
    return _status_figure(run.version, _items(run.filters), run.lang, context)


def indicator_figures() -> dict:
    """One small chart per indicator (code -> figure) for this run's filters, built once."""
    run = st.session_state["_active_run"]
    return _indicator_figures(run.version, _items(run.filters), run.lang)
