"""The shared filter widgets in the sidebar: the same on every page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.filters import Filters
from analytics.i18n import fy_label, t
from ui import state


def dimensions(con) -> dict[str, pd.DataFrame]:
    from analytics import queries

    return {
        name: queries.dimension(con, name)
        for name in ("terms", "goals", "directions", "departments")
    } | {"years": queries.fiscal_years(con)}


def known_values(dims: dict[str, pd.DataFrame]) -> dict[str, set]:
    return {
        "terms": set(dims["terms"]["term_id"].astype(int)),
        "goals": set(dims["goals"]["goal_id"].astype(int)),
        "directions": set(dims["directions"]["direction_id"]),
        "bureaus": set(dims["departments"]["department_id"]),
        "years": set(dims["years"]["fiscal_year"].astype(int)),
    }


def render(dims: dict[str, pd.DataFrame]) -> Filters:
    lang = state.lang()
    name = "name_en" if lang == "en" else "name_ja"
    years = [int(y) for y in dims["years"]["fiscal_year"]]
    terms = dict(zip(dims["terms"]["term_id"].astype(int), dims["terms"][name], strict=True))
    goals = dims["goals"]
    directions = dims["directions"]
    bureaus = dict(
        zip(dims["departments"]["department_id"], dims["departments"][name], strict=True)
    )
    with st.sidebar:
        st.segmented_control(
            t("lang.label", lang),
            ["ja", "en"],
            format_func={"ja": "日本語", "en": "English"}.get,
            key="lang",
            persist_state="session",
            required=True,
        )
        st.subheader(t("filter.header", lang))
        st.multiselect(
            t("filter.term", lang),
            list(terms),
            format_func=terms.get,
            key="f_term",
            persist_state="session",
            placeholder=t("filter.all", lang),
        )
        if years:
            held = st.session_state.get("f_years")
            if not (isinstance(held, list | tuple) and len(held) == 2 and set(held) <= set(years)):
                st.session_state["f_years"] = (years[0], years[-1])
            st.select_slider(
                t("filter.years", lang),
                options=years,
                format_func=lambda y: fy_label(y, lang),
                key="f_years",
                persist_state="session",
            )
        goal_names = {
            int(g): f"{g}. {n}" for g, n in zip(goals["goal_id"], goals[name], strict=True)
        }
        st.multiselect(
            t("filter.goal", lang),
            list(goal_names),
            format_func=goal_names.get,
            key="f_goal",
            persist_state="session",
            placeholder=t("filter.all", lang),
        )
        chosen_goals = set(st.session_state.get("f_goal") or [])
        shown = directions[directions["goal_id"].isin(chosen_goals)] if chosen_goals else directions
        direction_names = {
            d: f"{d} {n}" for d, n in zip(shown["direction_id"], shown[name], strict=True)
        }
        # keep a drilled-down direction selectable even if its goal is not chosen
        for d in st.session_state.get("f_direction") or []:
            direction_names.setdefault(d, d)
        st.multiselect(
            t("filter.direction", lang),
            list(direction_names),
            format_func=direction_names.get,
            key="f_direction",
            persist_state="session",
            placeholder=t("filter.all", lang),
        )
        st.multiselect(
            t("filter.bureau", lang),
            list(bureaus),
            format_func=bureaus.get,
            key="f_bureau",
            persist_state="session",
            placeholder=t("filter.all", lang),
        )
        impact = {
            "all": t("filter.all", lang),
            "only": t("filter.only", lang),
            "exclude": t("filter.exclude", lang),
        }
        st.selectbox(
            t("filter.covid", lang),
            list(impact),
            format_func=impact.get,
            key="f_covid",
            persist_state="session",
        )
        st.selectbox(
            t("filter.disaster", lang),
            list(impact),
            format_func=impact.get,
            key="f_disaster",
            persist_state="session",
        )
        st.toggle(t("filter.new", lang), key="f_new", persist_state="session")
        st.text_input(t("filter.search", lang), key="f_q", persist_state="session", max_chars=100)
        st.button(
            t("filter.reset", lang),
            on_click=state.reset_filters,
            args=(years,),
            icon=":material/filter_alt_off:",
        )
        st.caption(t("filter.share", lang))
    return state.current_filters(years)
