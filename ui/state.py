"""Shared state of a session: the language and the filters, kept in widget keys, read from the URL
on a session's first run and after the browser's Back or Forward, and written back to the URL on
every run, so a copied link reopens the same view on any page and each change is a history entry."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.filters import FILTERS, Filter, Filters


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


def is_history_navigation() -> bool:
    """Whether this run comes from the browser's Back or Forward button.

    Streamlit 1.67 writes every change of ``st.query_params`` as a new browser history entry
    (``history.pushState``) and, on Back or Forward, reruns the page of the restored URL with
    that URL's query, but with the widget values the browser holds now. It says which run that
    is only on its run context (``ScriptRunContext.is_history_navigation``, set from the
    browser's popstate); its own ``bind="query-params"`` widgets use it the same way. Our
    widgets are not bound (one filter can span two URL keys, and bound keys could not be
    rewritten through ``st.query_params``), so the URL is read here instead."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.is_history_navigation)


def init_from_url(known: dict[str, set]) -> None:
    """On the first run of a session, and after the browser's Back or Forward, take the filters
    and language from the URL: the URL is the view the member asked for.

    ``known`` holds the values the database has (terms, goals, directions, bureaus, years);
    a value it lacks is dropped and named in a notice, like any malformed parameter."""
    if st.session_state.get("_initialised") and not is_history_navigation():
        return
    st.session_state["_initialised"] = True
    st.session_state["lang"] = "en" if st.query_params.get_all("lang")[-1:] == ["en"] else "ja"
    filters = _url_filters()
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
    st.session_state["_url_notice"] = [_as_given(key) for key in sorted(set(ignored))]


def _as_given(key: str, most: int = 20) -> str:
    """An ignored parameter as the link gave it (``level=9``), each part cut at ``most``
    characters and control and format characters (bidi overrides too) shown as ?, for the
    notice."""

    def short(text: str) -> str:
        text = "".join("?" if unicodedata.category(c)[0] == "C" else c for c in text)
        return text if len(text) <= most else text[:most] + "…"

    values = st.query_params.get_all(key)
    return f"{short(key)}={short(','.join(values))}" if values else short(key)


def _url_filters() -> Filters:
    """The filters of the URL's query (``ignored`` names the keys it could not read)."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params if key != "lang"}
    return Filters.from_query({k: v[-1] if len(v) == 1 else v for k, v in raw.items()})


def current_filters(years: list[int]) -> Filters:
    """The filters the widgets hold now."""
    return filters_held(st.session_state, years)


def filters_held(s: Mapping[str, object], years: list[int]) -> Filters:
    """The filters that widget values (widget key -> value) stand for."""
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
    hold_filters(Filters(), years)


def keep_filters(years: list[int]) -> None:
    """Callback of the language switch: hold the filters of the URL (the view shown, written on
    every run) again, as values. Streamlit 1.67 keeps a select box's, multiselect's or slider's
    choice as its label, and the labels change with the language: without this a switch dropped
    the years and the COVID choice, left the chips in the other language, and a second switch with
    a goal or term chosen failed with an error. (The widgets' own values are not read here: the
    URL holds the view as shown.)"""
    hold_filters(_url_filters(), years)


def hold_filters(filters: Filters, years: list[int]) -> None:
    """Put ``filters`` in the widgets (before they are drawn, or in a callback)."""
    st.session_state.update({widget_key(f): _widget_value(f, filters, years) for f in FILTERS})


DRILL_REDO = "_drill_redo"  # drill-downs undone by the browser's Back, for Forward (ui.drillbar)


def drill(goto: str | None = None, **changes: object) -> None:
    """From a chart click (in a callback, before the widgets exist): narrow the filters."""
    for key, value in changes.items():
        st.session_state[key] = value
    st.session_state["_drilled"] = True
    st.session_state.pop(DRILL_REDO, None)  # a new click, like a new page, ends Forward
    if goto:
        st.session_state["_goto"] = goto


def url_notice(keep: bool) -> list[str]:
    """The link's parameters that were ignored (ui.run shows them), forgotten unless ``keep``:
    a first screen drawn before the filters (ui/first_paint.py) keeps them for the run after it."""
    if keep:
        return list(st.session_state.get("_url_notice") or [])
    return list(st.session_state.pop("_url_notice", None) or [])
