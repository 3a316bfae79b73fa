"""Small widgets the pages share: charts with drill-down, the sample banner, captions, and text
rendering that never interprets data as markup."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import export, tables
from analytics.filters import FILTERS
from analytics.i18n import t
from ui import state

if TYPE_CHECKING:  # Streamlit's internal module, for the annotation only
    from collections.abc import Sequence

    from streamlit.elements.lib.mutable_tab_container import TabContainer

TABLE_ROWS = 2_000  # rows a table sends to the browser; the download has them all
PICKER_ROWS = 3_000  # the picker lists a filter's projects up to this many; search narrows the rest
TREE_LEAVES = 400  # the treemap goes down to initiatives when the filter has at most this many

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


# What Streamlit looks for in the text after it has decoded the Markdown (so after any escape or
# character reference): an icon (:material_name:) and its logo (:streamlit:); and bare addresses
# that the address below does not take (http://… right after a letter, say), which GFM would link
# together with the Japanese words after it.
_DECODED_CODES = re.compile(r"(?<=:)(?=material_|streamlit:|//)|(?<=\bwww)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"  # invisible, and breaks those apart
# A web address in data, not inside an ASCII word (Japanese may come right before it): printable ASCII up to a space, a quote, a colon, < or
# >, or a backquote (Japanese text may follow it with no space).
_ADDRESS = re.compile(r"(?<![A-Za-z0-9_@./])(https?://|www\.)([!#-9;=?-_a-~]+)", re.IGNORECASE)
_ADDRESS_TRAILING = "?!.,;*_~'"  # punctuation that ends a sentence, not the address


def md(text: object) -> str:
    """Escape data for places that render Markdown (headings, labels): shown literally.

    A colon becomes its character reference: Streamlit reads ``:material/…:`` as an icon even
    after a backslash (``:smile:`` and ``:red[…]`` stop at one), and the reference shows as a
    plain colon, copied as one too. After the other escapes, so its ``&`` stays. Two codes are
    looked for only in the decoded text (``:material_…:``, ``:streamlit:``): an invisible word
    joiner keeps them text. A web address is code (``https://…``): shown and copied as it is,
    never a link (GFM would link it with the words after it, and data, a link's search text
    included, must not make links). The CSV and XLSX have the data as it is."""
    text, out, start = str(text), [], 0
    for match in _ADDRESS.finditer(text):
        address = _address(match.group(1), match.group(2))
        if address:
            out += [_text(text[start : match.start()]), f"`{address}`"]
            start = match.start() + len(address)
    return "".join([*out, _text(text[start:])])


def _text(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _DECODED_CODES.sub(WORD_JOINER, text)).replace(
        ":", "&#58;"
    )


def _address(prefix: str, rest: str) -> str:
    """The address without a sentence's punctuation after it or a closing parenthesis it does
    not open; "" when nothing is left after its http:// or www."""
    while rest and (
        rest[-1] in _ADDRESS_TRAILING or (rest[-1] == ")" and rest.count(")") > rest.count("("))
    ):
        rest = rest[:-1]
    return prefix + rest if rest else ""


def context_line(text: str) -> None:
    """The filter context under a page's title or heading. It names the chosen values and a
    link's search text, which are data: escaped here, once for every page."""
    st.caption(md(text))


def _item_text(text: str) -> str:
    """Data for one item of a Markdown list: each of its lines escaped, blank lines dropped, the
    lines kept in the item (a hard break and the item's indent), so that a sheet's line breaks
    cannot end the list or make a heading of the line above."""
    lines = [md(line.strip()) for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    # "=" is left by md(); a line of them under another would make that one a heading
    return "  \n  ".join(re.sub(r"^=", r"\\=", line) for line in lines)


def history_list(texts: list[tuple[str, str, str, str]], lang: str) -> str:
    """An initiative's years (analytics.tables.history_texts) as a Markdown list: the year in
    bold, its level, the results, and the note on a line of its own."""
    out = [f"**{t('initiatives.results_full', lang)}**", ""]
    for year, level, results, note in texts:
        level = f"（{md(level)}）" if lang == "ja" else f" ({md(level)})"
        item = f"- **{md(year)}**{level} {_item_text(results)}"
        if note:
            item += f"  \n  {t('col.note', lang)}: {_item_text(note)}"
        out.append(item)
    return "\n".join(out)


def sample_banner(status: dict, lang: str) -> None:
    sample = status.get("sample_evaluations") or 0
    total = status.get("evaluations") or 0
    if sample:
        key = "banner.sample_all" if sample == total else "banner.sample"
        st.info(t(key, lang, n=sample, total=total), icon=":material/science:")


def chart(fig, key: str, on_click=None, table: pd.DataFrame | None = None) -> None:
    """A Plotly chart (a figure, or a ``ui.data.View`` that brings its table), then 「表で見る」
    with the chart's figures and their CSV; with ``on_click`` a click on a bar or point calls it
    with the point (False back: the point leads nowhere, and 戻る keeps no step for it)."""
    if hasattr(fig, "table"):
        fig, table = fig.fig, fig.table
    _plot(fig, key, on_click)
    if table is not None and not table.empty:
        chart_table(table, key)


@st.fragment
def chart_table(table: pd.DataFrame, key: str) -> None:
    """The figures behind a chart, and exactly those rows as CSV. Sent to the browser only when
    asked for, and the switch reruns this fragment alone, not the page."""
    lang = st.session_state["_active_run"].lang
    if not st.toggle(t("chart.show_table", lang), key=f"{key}_show_table"):
        return
    data_table(table, hide_index=True, height=min(35 * len(table) + 38, 360))
    table_download(table, key)


def data_table(
    frame: pd.DataFrame,
    container=None,
    column_config: dict | None = None,
    levels: tuple[str, ...] = (),
    **kwargs,
):
    """``st.dataframe`` for every table of the app: the row's name and the table's key figure
    pinned at the left (analytics.tables.pinned_columns), so a narrow screen scrolling a wide
    table sideways keeps them in view; a level (達成度) drawn as a label in the level's fixed
    colour. ``container`` a column to draw it in; ``levels`` more columns that hold level labels
    than 達成度 and 前年度の達成度 (the movers' two years).

    The level colours are the grid's own coloured labels, not a pandas Styler: a Styler costs the
    server 13 ms for 7 rows and about 454 ms for 2 000 in every rerun, and the browser 80–110 ms a
    filter change for the overview's 7 rows (docs/benchmarks.md)."""
    lang = st.session_state["_active_run"].lang
    config = dict(column_config or {})
    levels = tables.level_columns(frame.columns, lang) + [c for c in levels if c in frame]
    if levels:
        labels, colors = tables.level_palette(lang)
        frame = frame.assign(
            **{c: [[v] if isinstance(v, str) and v else [] for v in frame[c]] for c in levels}
        )
        coloured = st.column_config.MultiselectColumn(options=labels, color=colors)["type_config"]
        for column in levels:  # a caller's settings (a width) kept, the labels always
            held = config.get(column)
            config[column] = {**(held if isinstance(held, dict) else {}), "type_config": coloured}
    one_decimal = st.column_config.NumberColumn(format="%.1f")["type_config"]
    for column in tables.percent_columns(frame.columns, lang):  # 81.0 beside 92.9, not 81
        held = config.get(column)
        held = dict(held) if isinstance(held, dict) else {}
        if pd.api.types.is_numeric_dtype(frame[column]) and not held.get("type_config"):
            config[column] = {**held, "type_config": one_decimal}
    wide = tables.long_names(lang)
    pinned = tables.pinned_columns(frame.columns, lang)
    if len(pinned) == len(frame.columns):  # nothing beside them to scroll: no pins (greyed text)
        pinned = []
    for column in pinned:
        held = config.get(column)
        held = dict(held) if isinstance(held, dict) else {}
        if column in wide and "width" not in held:
            held["width"] = tables.name_width(frame[column], len(frame.columns), lang)
        config[column] = {**held, "pinned": True}
    return (container or st).dataframe(frame, column_config=config, **kwargs)


def table_download(table: pd.DataFrame, key: str) -> None:
    """Exactly the rows of the table above it, as CSV (UTF-8 with BOM, opens in Excel)."""
    lang = st.session_state["_active_run"].lang
    st.download_button(
        t("chart.table_download", lang, n=len(table)),
        data=lambda: table.to_csv(index=False).encode("utf-8-sig"),
        file_name=export.file_name(key.replace("_", "-"), "csv"),  # no internal names
        mime="text/csv",
        key=f"{key}_table_csv",
        icon=":material/download:",
        on_click="ignore",
    )


def _plot(fig: go.Figure, key: str, on_click=None) -> None:
    # No toolbar (its tips are English and its zoom mode made a finger drag zoom); the figures
    # are in the table under each chart and in the meeting pack.
    config = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False}
    if on_click is None:
        st.plotly_chart(fig, key=key, config=config, width="stretch")
        return

    def callback() -> None:
        points = st.session_state[key].selection.get("points") or []
        if points:
            remember_view()
            if on_click(points[0]) is False:  # nothing to drill to (an empty heat-map cell)
                st.session_state[DRILL_STACK].pop()

    st.plotly_chart(
        fig, key=key, config=config, width="stretch", on_select=callback, selection_mode="points"
    )


DRILL_STACK = "_drill_stack"  # the views before each chart click, newest last (ui.drillbar)


def remember_view() -> None:
    """Before a click narrows the filters: keep the filters and the page, for 戻る."""
    keys = [state.widget_key(f) for f in FILTERS]
    snapshot = {key: st.session_state.get(key) for key in keys}
    snapshot["_page"] = st.session_state.get("_page")
    st.session_state.setdefault(DRILL_STACK, []).append(snapshot)


def tabbed(key: str, labels: list[str]) -> Sequence[TabContainer]:
    """Tabs of which only the open one is drawn (each tab's ``.open``): opening another reruns
    the page. ``labels`` are text keys (analytics.i18n). Streamlit knows the open tab by its
    label and forgets it when the page is left, so it is also kept here by its text key: the same
    tab stays open after a language switch and after 戻る from a drill-down."""
    lang = st.session_state["_active_run"].lang
    names = [t(label, lang) for label in labels]
    kept = st.session_state.get(f"_{key}")
    if kept in labels:
        st.session_state[key] = names[labels.index(kept)]

    def remember() -> None:
        if st.session_state.get(key) in names:
            st.session_state[f"_{key}"] = labels[names.index(st.session_state[key])]

    return st.tabs(names, key=key, on_change=remember)


def shown_of(shown: int, total: int, lang: str) -> None:
    """Say when a table shows only part of the filter's rows."""
    if total > shown:
        st.caption(t("table.capped", lang, n=f"{shown:,}", total=f"{total:,}"))


def percent(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1%}"
