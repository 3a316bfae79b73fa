"""The part of every script run that all pages share: open the database, restore the filters
from the URL, draw the sidebar, keep the URL in step, show notices and the sample banner."""

from __future__ import annotations

import streamlit as st

from analytics import queries
from analytics.config import db_path
from analytics.i18n import t
from analytics.ingest.build import needs_refresh
from ui import sidebar, state
from ui.common import Run, sample_banner
from ui.db import DatabaseMissing, database


def prepare() -> Run:
    """Everything before the page's own content; stops the run with a message if there is no database."""
    try:
        con, version = database().cursor()
    except DatabaseMissing:
        _stop("db.missing", "build")
    if needs_refresh(con):
        _stop("db.outdated", "refresh")
    dims = sidebar.dimensions(con)
    state.init_from_url(sidebar.known_values(dims))
    filters = sidebar.render(dims)
    state.write_url(filters)
    lang = state.lang()
    years = [int(y) for y in dims["years"]["fiscal_year"]]
    run = Run(con=con, version=version, filters=filters, lang=lang, years=years)
    state.show_notices()
    sample_banner(queries.data_status(con), lang)
    if st.session_state.pop("_drilled", False):
        st.caption(t("filter.drilled", lang, what=run.context))
    return run


def _stop(message: str, command: str) -> None:
    """No usable database: say so in both languages, with the command that fixes it."""
    path = str(db_path())
    st.title(t("app.title"))
    st.error(t(message, "ja", path=path) + "\n\n" + t(message, "en", path=path))
    st.code(f"python -m analytics.ingest {command} --db {path}", language="bash")
    st.stop()
