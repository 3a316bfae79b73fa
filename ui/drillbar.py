"""After a chart click narrowed the filters: a bar at the top of the page, 「絞り込み中: …」, with
解除 (every filter back to all) and 戻る (the filters and the page as they were before the click),
each one click. The views before each click are kept in the session, newest last.

The browser's Back and Forward restore the URL's view (ui.state.init_from_url); the bar follows:
Back to the view before a click takes that click off the stack, and Forward to the view the
click had opened puts it back."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import t
from ui import state
from ui.state import DRILL_REDO as REDO
from ui.widgets import DRILL_STACK as STACK
from ui.widgets import md

SHOWN = "_shown_filters"  # the filters of the last run: the view a Back or Forward leaves


def _path() -> str:
    """The address of the page in the browser, without the query."""
    return urlparse(st.context.url or "").path


def _widget_values(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if not k.startswith("_")}


def note_drill(filters: Filters) -> None:
    """In the run after a chart click, still on the clicked page: note the filters the click
    chose and the page's address. Streamlit's switch_page writes two history entries, this
    page with the new filters, then the new page; Back from the new page lands on the first."""
    stack = st.session_state.get(STACK)
    if stack:
        stack[-1]["_after"] = filters.to_query()
        stack[-1]["_path"] = _path()


def follow_history(years: list[int]) -> None:
    """After the browser's Back or Forward, once the URL's filters are in the widgets: keep the
    drill stack in step, so the bar shows exactly when the view is a drilled one.

    Views are compared by their filters (the URL's query): a drill-down always changes them.
    Each undone drill-down (``REDO``, newest last) keeps the view before it, the view after it,
    and, when 戻る undid it, the address of the page 戻る was pressed on."""
    stack = st.session_state.setdefault(STACK, [])
    redo = st.session_state.setdefault(REDO, [])
    left = st.session_state.get(SHOWN)
    left_query = None if left is None else left.to_query()
    restored = state.current_filters(years).to_query()
    top = stack[-1] if stack else None
    undone = redo[-1] if redo and redo[-1]["after"] is not None else None
    if (
        top is not None
        and top.get("_after") == restored == left_query
        and top.get("_path") == _path()
    ):
        # Back from the page a click opened, onto the entry switch_page left for the clicked
        # page with the new filters: show that page as it was before the click. The URL is
        # rewritten in place (Streamlit replaces the entry during a Back), no entry is added.
        st.session_state.update(_widget_values(top))
        redo.append({"before": stack.pop(), "after": left, "path": None})
    elif top is not None and state.filters_held(top, years).to_query() == restored:
        redo.append({"before": stack.pop(), "after": left, "path": None})
    elif (
        undone is not None
        and undone["path"] == _path()
        and state.filters_held(undone["before"], years).to_query() == restored == left_query
    ):
        # the same after 戻る: Back from the page it opened lands on the page 戻る was pressed
        # on with the filters before the click; show it as it was, drilled
        state.hold_filters(undone["after"], years)
        stack.append(redo.pop()["before"])
    elif undone is not None and undone["after"].to_query() == restored:
        stack.append(redo.pop()["before"])


def _back() -> None:
    stack = st.session_state.get(STACK) or []
    if not stack:
        return
    snapshot = stack.pop()
    # the browser's Back from the view 戻る opens returns to the drilled view: the bar with it
    redo = st.session_state.setdefault(REDO, [])
    redo.append({"before": snapshot, "after": st.session_state.get(SHOWN), "path": _path()})
    st.session_state.update(_widget_values(snapshot))
    page = snapshot.get("_page")
    if page:
        st.session_state["_goto"] = page


def clear(years: list[int]) -> None:
    """Every filter back to all and the bar gone: the bar's 解除 and the sidebar's
    絞り込みを解除 alike (the sidebar's left the bar saying 「絞り込み中: 全期間・全取組」)."""
    st.session_state[STACK] = []
    state.reset_filters(years)


def show(context: str, years: list[int], lang: str) -> None:
    if not st.session_state.get(STACK):
        return
    with st.container(border=True):
        text, undo, back = st.columns([6, 1.2, 1.2], vertical_alignment="center")
        text.markdown(
            f":material/filter_alt: **{t('drill.active', lang)}** {md(context)}",
        )
        undo.button(
            t("drill.clear", lang),
            on_click=clear,
            args=(years,),
            key="drill_clear",
            width="stretch",
        )
        back.button(t("drill.back", lang), on_click=_back, key="drill_back", width="stretch")
