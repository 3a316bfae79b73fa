"""Shared state of a session: the language and the filters, kept in widget keys, read from the URL
on a session's first run and written back to the URL on every run, so a copied link reopens the
same view on any page."""

from __future__ import annotations

import streamlit as st

from analytics.filters import FILTERS, Filter, Filters
from analytics.i18n import t


def widget_key(f: Filter) -> str:
    return f"f_{f.name}"


def _widget_value(f: Filter, filters: Filters, years: list[int]) -> object:
    """What the filter's widget holds for ``filters`` (lists for picks, a pair for the years)."""
    value = f.value(filters)
    if f.widget == "years":
        lo, hi = value
        return (lo or years[0], hi or years[-1]) if years else None
    return list(value) if isinstance(value, tuple) else value


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
    for f in FILTERS:
        pool = known.get(f.options) if f.options else None
        if pool is None:
            continue
        for key, name in zip(f.keys, f.fields, strict=True):
            value = getattr(filters, name)
            if isinstance(value, tuple):
                kept[name] = tuple(v for v in value if v in pool)
                if len(kept[name]) != len(value):
                    ignored.append(key)
            elif value is not None and value not in pool:
                kept[name] = f.default
                ignored.append(key)
    filters = filters.narrowed(**kept)
    years = sorted(known.get("years", ()))
    st.session_state.update({widget_key(f): _widget_value(f, filters, years) for f in FILTERS})
    st.session_state["_url_notice"] = sorted(set(ignored))


def current_filters(years: list[int]) -> Filters:
    """The filters the widgets hold now."""
    s = st.session_state
    values: dict[str, object] = {}
    for f in FILTERS:
        held = s.get(widget_key(f))
        if f.widget == "years":
            lo, hi = held if isinstance(held, list | tuple) and len(held) == 2 else (None, None)
            values["fy_from"] = lo if years and lo is not None and lo != years[0] else None
            values["fy_to"] = hi if years and hi is not None and hi != years[-1] else None
        elif isinstance(f.default, tuple):
            values[f.fields[0]] = tuple(held or ())
        elif isinstance(f.default, bool):
            values[f.fields[0]] = bool(held)
        else:
            values[f.fields[0]] = held or f.default
    return Filters(**values)


def write_url(filters: Filters) -> None:
    wanted = dict(filters.to_query())
    if lang() == "en":
        wanted["lang"] = "en"
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def reset_filters(years: list[int]) -> None:
    """Button callback: every filter back to 'all'."""
    st.session_state.update({widget_key(f): _widget_value(f, Filters(), years) for f in FILTERS})


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
