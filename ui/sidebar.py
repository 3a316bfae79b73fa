"""The shared filter widgets in the sidebar: the same on every page, one per declared filter
(analytics/filters.py FILTERS), in the declaration's order."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import queries
from analytics.filters import FILTERS, MAX_SEARCH_LENGTH, Filter, Filters
from analytics.i18n import fy_label, t
from ui import drillbar, state
from ui.widgets import md

# A declaration's ``options`` -> the dimension table and its id column.
DIMENSIONS = {
    "terms": "term_id",
    "goals": "goal_id",
    "directions": "direction_id",
    "departments": "department_id",
}


def dimensions(con) -> dict[str, pd.DataFrame]:
    return {name: queries.dimension(con, name) for name in DIMENSIONS} | {
        "years": queries.fiscal_years(con)
    }


def known_values(dims: dict[str, pd.DataFrame]) -> dict[str, set]:
    """The values the database has, per ``options`` name (a URL value it lacks is dropped)."""
    known = {name: set(_ids(dims[name], column)) for name, column in DIMENSIONS.items()}
    return known | {"years": set(dims["years"]["fiscal_year"].astype(int))}


def _ids(frame: pd.DataFrame, column: str) -> list:
    values = frame[column]
    return list(values.astype(int)) if column in ("term_id", "goal_id") else list(values)


def choices(f: Filter, dims: dict[str, pd.DataFrame], lang: str) -> dict:
    """A pick's or a choice's options, value -> label.

    The label is also the chip of a chosen value, so it is short where the name allows: a term
    reads 「第3期」 (its full name and years are in the label's help), a direction starts with its
    number, a goal with its number; long names wrap in the chip (ui/screen.py)."""
    if f.choices is not None:
        return f.choices(lang)
    name = "name_en" if lang == "en" else "name_ja"
    frame = dims[f.options]
    if f.options == "terms":
        return {tid: t("term.short", lang, v=tid) for tid in _ids(frame, "term_id")}
    if f.options == "directions":
        # only the chosen goals' directions; a drilled-down one stays selectable
        chosen = set(st.session_state.get("f_goal") or [])
        shown = frame[frame["goal_id"].isin(chosen)] if chosen else frame
        out = {d: f"{d} {n}" for d, n in zip(shown["direction_id"], shown[name], strict=True)}
        for d in st.session_state.get(state.widget_key(f)) or []:
            out.setdefault(d, d)
        return out
    ids = _ids(frame, DIMENSIONS[f.options])
    if f.options == "goals":
        return {g: f"{g}. {n}" for g, n in zip(ids, frame[name], strict=True)}
    return dict(zip(ids, frame[name], strict=True))


def help_text(f: Filter, dims: dict[str, pd.DataFrame], lang: str) -> str | None:
    """The tooltip beside a filter's label: for terms, each term's full name and fiscal years
    (the chips say only 「第3期」)."""
    if f.options != "terms":
        return None
    name = "name_en" if lang == "en" else "name_ja"
    return "\n".join(
        "- "
        + t(
            "filter.term_help",
            lang,
            name=md(row[name]),
            a=int(row["first_fy"]),
            b=int(row["last_fy"]),
        )
        for _, row in dims["terms"].iterrows()
    )


def widget(f: Filter, dims: dict[str, pd.DataFrame], years: list[int], lang: str) -> None:
    key, label = state.widget_key(f), t(f.label, lang)
    if f.widget == "pick":
        options = choices(f, dims, lang)
        st.multiselect(
            label,
            list(options),
            format_func=options.get,
            help=help_text(f, dims, lang),
            key=key,
            persist_state="session",
            placeholder=t("filter.all", lang),
        )
    elif f.widget == "years":
        if not years:
            return
        held = st.session_state.get(key)
        if not (isinstance(held, list | tuple) and len(held) == 2 and set(held) <= set(years)):
            st.session_state[key] = (years[0], years[-1])
        # The whole span as its value makes it a range slider for Streamlit 1.67, which reads the
        # browser's two ends as a range only then: a range held only in Session State came back as
        # one year, then as every year, so the chosen years were lost on the next change. Session
        # State still decides what it shows (the URL's or a drill-down's years); the warning that
        # both are given is off in .streamlit/config.toml.
        st.select_slider(
            label,
            options=years,
            value=(years[0], years[-1]),
            format_func=lambda y: fy_label(y, lang),
            key=key,
            persist_state="session",
        )
    elif f.widget == "choice":
        options = choices(f, dims, lang)
        st.selectbox(
            label, list(options), format_func=options.get, key=key, persist_state="session"
        )
    elif f.widget == "toggle":
        st.toggle(label, key=key, persist_state="session")
    elif f.widget == "text":
        st.text_input(label, key=key, persist_state="session", max_chars=MAX_SEARCH_LENGTH)
    else:
        raise ValueError(f"filter {f.name}: unknown widget {f.widget!r}")


def render(dims: dict[str, pd.DataFrame]) -> Filters:
    lang = state.lang()
    years = [int(y) for y in dims["years"]["fiscal_year"]]
    with st.sidebar:
        st.segmented_control(
            t("lang.label", lang),
            ["ja", "en"],
            format_func={"ja": "日本語", "en": "English"}.get,
            key="lang",
            persist_state="session",
            required=True,
            on_change=state.keep_filters,
            args=(years,),
        )
        st.subheader(t("filter.header", lang))
        for f in FILTERS:
            widget(f, dims, years, lang)
        st.button(
            t("filter.reset", lang),
            on_click=drillbar.clear,
            args=(years,),
            icon=":material/filter_alt_off:",
        )
        st.caption(t("filter.share", lang))
    return state.current_filters(years)
