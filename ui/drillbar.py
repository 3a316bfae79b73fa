"""After a chart click narrowed the filters: a bar at the top of the page, 「絞り込み中: …」, with
解除 (every filter back to all) and 戻る (the filters and the page as they were before the click),
each one click. The views before each click are kept in the session, newest last."""

from __future__ import annotations

import streamlit as st

from analytics.i18n import t
from ui import state
from ui.widgets import DRILL_STACK as STACK
from ui.widgets import md


def _back() -> None:
    stack = st.session_state.get(STACK) or []
    if not stack:
        return
    snapshot = stack.pop()
    page = snapshot.pop("_page", None)
    for key, value in snapshot.items():
        st.session_state[key] = value
    if page:
        st.session_state["_goto"] = page


def _clear(years: list[int]) -> None:
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
            on_click=_clear,
            args=(years,),
            key="drill_clear",
            width="stretch",
        )
        back.button(t("drill.back", lang), on_click=_back, key="drill_back", width="stretch")
