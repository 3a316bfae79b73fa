"""Entry point: `make run` (or `streamlit run dashboard.py`).

Declares the pages, prepares the run (database, shared filters in the sidebar and the URL,
language, banner) and runs the chosen page with that context."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics.i18n import t
from ui import first_paint, state
from ui.run import prepare, settle_memory

st.set_page_config(
    page_title=t("app.title"), page_icon="🌏", layout="wide", initial_sidebar_state="expanded"
)

PAGES = {
    "overview": ("pages/overview.py", ":material/dashboard:"),
    "trends": ("pages/trends.py", ":material/trending_up:"),
    "initiatives": ("pages/initiatives.py", ":material/list_alt:"),
    "bureaus": ("pages/bureaus.py", ":material/account_balance:"),
    "indicators": ("pages/indicators.py", ":material/flag:"),
    "review": ("pages/review.py", ":material/fact_check:"),
    "about": ("pages/about.py", ":material/info:"),
}


def main() -> None:
    goto = st.session_state.pop("_goto", None)
    # The first session of a fresh server starts in Streamlit's legacy "pages folder" mode (see
    # ui.run.current): its first run is registered under dashboard.py's own page, not the page
    # st.navigation picks, so the browser's next rerun counts as a page change and Streamlit drops
    # the widget values it carries: the first filter a member chooses was lost. Switch to the
    # chosen page once so the browser and the server agree on it.
    settle = PagesManager.uses_pages_directory and not st.session_state.get("_settled")
    run = prepare()
    lang = state.lang()
    pages = {
        name: st.Page(
            path,
            title=t(f"page.{name}", lang),
            icon=icon,
            url_path=name,
            default=name == "overview",
        )
        for name, (path, icon) in PAGES.items()
    }
    page = st.navigation(list(pages.values()))
    if goto in pages and pages[goto] is not page:
        st.switch_page(pages[goto], query_params=st.query_params.to_dict())
    if settle:
        st.session_state["_settled"] = True
        st.switch_page(page, query_params=st.query_params.to_dict())
    st.session_state["_run"] = run  # handed to the page, which takes it
    try:
        page.run()
    finally:
        first_paint.finish()
    settle_memory()


main()
