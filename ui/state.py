"""Shared state of a session: the language and the filters, kept in widget keys, read from the URL
on a session's first run and written back to the URL on every run, so a copied link reopens the
same view on any page."""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import t

# widget key -> default value
DEFAULTS: dict[str, object] = {
    "f_term": [],
    "f_years": None,
    "f_goal": [],
    "f_direction": [],
    "f_bureau": [],
    "f_covid": "all",
    "f_disaster": "all",
    "f_new": False,
    "f_q": "",
}


def lang() -> str:
    return "en" if st.session_state.get("lang") == "en" else "ja"


def init_from_url(known: dict[str, set]) -> None:
    """On the first run of a session, take the filters and language from the URL.

    ``known`` holds the values the database has (terms, goals, directions, bureaus, years);
    a value it lacks is dropped and named in a notice, like any malformed parameter."""
    if st.session_state.get("_initialised"):
        return
    st.session_state["_initialised"] = True
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    st.session_state["lang"] = "en" if raw.pop("lang", ["ja"])[-1:] == ["en"] else "ja"
    filters = Filters.from_query({k: v[-1] if len(v) == 1 else v for k, v in raw.items()})
    ignored = list(filters.ignored)
    kept: dict[str, object] = {}
    for key, field, pool in (
        ("term", "terms", known["terms"]),
        ("goal", "goals", known["goals"]),
        ("direction", "directions", known["directions"]),
        ("bureau", "bureaus", known["bureaus"]),
    ):
        values = getattr(filters, field)
        kept[field] = tuple(v for v in values if v in pool)
        if len(kept[field]) != len(values):
            ignored.append(key)
    years = sorted(known["years"])
    lo = filters.fy_from if filters.fy_from in known["years"] else None
    hi = filters.fy_to if filters.fy_to in known["years"] else None
    if (filters.fy_from is not None and lo is None) or (filters.fy_to is not None and hi is None):
        ignored.append("fy")
    filters = filters.narrowed(**kept)
    st.session_state.update(
        f_term=list(filters.terms),
        f_goal=list(filters.goals),
        f_direction=list(filters.directions),
        f_bureau=list(filters.bureaus),
        f_covid=filters.covid,
        f_disaster=filters.disaster,
        f_new=filters.new_only,
        f_q=filters.search,
        f_years=(lo or years[0], hi or years[-1]) if years else None,
    )
    st.session_state["_url_notice"] = sorted(set(ignored))


def current_filters(years: list[int]) -> Filters:
    """The filters the widgets hold now."""
    s = st.session_state
    held = s.get("f_years")
    lo, hi = held if isinstance(held, list | tuple) and len(held) == 2 else (None, None)
    return Filters(
        terms=tuple(s.get("f_term") or ()),
        fy_from=lo if years and lo is not None and lo != years[0] else None,
        fy_to=hi if years and hi is not None and hi != years[-1] else None,
        goals=tuple(s.get("f_goal") or ()),
        directions=tuple(s.get("f_direction") or ()),
        bureaus=tuple(s.get("f_bureau") or ()),
        covid=s.get("f_covid") or "all",
        disaster=s.get("f_disaster") or "all",
        new_only=bool(s.get("f_new")),
        search=s.get("f_q") or "",
    )


def write_url(filters: Filters) -> None:
    wanted = dict(filters.to_query())
    if lang() == "en":
        wanted["lang"] = "en"
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def reset_filters(years: list[int]) -> None:
    """Button callback: every filter back to 'all'."""
    for key, value in DEFAULTS.items():
        st.session_state[key] = list(value) if isinstance(value, list) else value
    st.session_state["f_years"] = (years[0], years[-1]) if years else None


def drill(goto: str | None = None, **changes: object) -> None:
    """From a chart click (in a callback, before the widgets exist): narrow the filters."""
    for key, value in changes.items():
        st.session_state[key] = value
    st.session_state["_drilled"] = True
    if goto:
        st.session_state["_goto"] = goto


def show_notices() -> None:
    ignored = st.session_state.pop("_url_notice", None)
    if ignored:
        st.warning(t("filter.ignored", lang(), keys=", ".join(k[:20] for k in ignored)), icon="⚠️")
