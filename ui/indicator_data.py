"""Cached indicator results for the pages (keyed on the database file's version and the filters,
like ui.data.query)."""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.indicators import queries
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
