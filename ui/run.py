"""One script run's context: open the database, restore the filters from the URL, draw the
sidebar, keep the URL in step, show notices and the sample banner (``prepare``), and hand the
result to the page (``current``)."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import streamlit as st

from analytics import queries
from analytics.config import db_path
from analytics.derived import needs_refresh
from analytics.filters import Filters, describe_filters
from analytics.i18n import t
from ui import drillbar, first_paint, sidebar, state
from ui.db import DatabaseMissing, FileVersion, database
from ui.screen import fit_to_screen
from ui.widgets import md, sample_banner


@dataclass(frozen=True)
class Run:
    """What a page needs for this script run."""

    con: object
    version: FileVersion
    filters: Filters
    lang: str
    years: list[int]
    names: dict = field(default_factory=dict)  # queries.context_names: chosen values by name

    @property
    def context(self) -> str:
        return describe_filters(self.filters, self.lang, self.names)


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
        run = prepare()
    st.session_state["_active_run"] = run
    st.session_state["_page"] = page  # where 戻る returns after a drill-down
    return run


def prepare() -> Run:
    """Everything before the page's own content; stops the run with a message if there is no database."""
    fit_to_screen()
    try:
        con, version = database().cursor()
    except DatabaseMissing:
        _stop("db.missing", "build")
    basics = _basics(version)
    if basics is None:
        _stop("db.outdated", "refresh")
    dims = basics["dims"]
    years = [int(y) for y in dims["years"]["fiscal_year"]]
    state.init_from_url(sidebar.known_values(dims))
    if state.is_history_navigation():
        drillbar.follow_history(years)
    if first_paint.filters_this_run():
        filters = sidebar.render(dims)
    else:  # a session's first run: the note, and the filters the URL or the defaults hold
        filters = state.current_filters(years)
    state.write_url(filters)
    lang = state.lang()
    run = Run(
        con=con,
        version=version,
        filters=filters,
        lang=lang,
        years=years,
        names=basics["names"],
    )
    show_notices(lang)
    sample_banner(basics["status"], lang)
    if st.session_state.pop("_drilled", None):
        drillbar.note_drill(filters)
    st.session_state[drillbar.SHOWN] = filters
    drillbar.show(run.context, years, lang)
    return run


@st.cache_data(max_entries=8, show_spinner=False)
def _basics(version: FileVersion) -> dict | None:
    """What every run needs from the database that changes only with the file (the filters'
    values, their names, the data's provenance), read once per file version; None when the
    database must be refreshed first. Read on every run, they were a third of a warm run."""
    con, _ = database().cursor()
    try:
        if needs_refresh(con):
            return None
        dims = sidebar.dimensions(con)
        return {
            "dims": dims,
            "names": queries.context_names(con, dims),
            "status": queries.data_status(con),
        }
    finally:
        con.close()


def _stop(message: str, command: str) -> None:
    """No usable database: say so in both languages, with the command that fixes it."""
    path = str(db_path())
    st.title(t("app.title"))
    st.error(t(message, "ja", path=path) + "\n\n" + t(message, "en", path=path))
    st.code(f"python -m analytics.ingest {command} --db {path}", language="bash")
    st.stop()


_settled = False


def settle_memory() -> None:
    """Once per server process, after its first run: move every object alive then (the imported
    libraries, Plotly's validators, the warm caches) out of the garbage collector's way. Without
    it Python's full collection walked them all during almost every rerun, 110–230 ms each time,
    in the middle of drawing the page."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


def show_notices(lang: str) -> None:
    """Say which of the link's parameters were ignored: in the session's first whole run, so a
    first screen drawn before the filters does not take the notice away."""
    ignored = state.url_notice(keep=bool(st.session_state.get(first_paint.PENDING)))
    if ignored:
        keys = ", ".join(md(k) for k in ignored)  # the link's: data
        st.warning(t("filter.ignored", lang, keys=keys), icon="⚠️")
