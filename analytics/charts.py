"""Plotly figures built from the named queries' DataFrames (each shares its query's name).

Conventions, the same on every chart:
- the five levels always in the order 1→5 with fixed colours: a diverging blue–grey–orange scheme
  (level 3 neutral) that colour-blind readers can tell apart;
- fiscal years are categories ("2022年度" / "FY2022"), never a numeric axis;
- the title states what the chart shows and, on a second line, the filter context;
- an empty result gives a "no data for this filter" figure, never an exception;
- a CJK font family first, so Japanese renders in exported images too.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics import plan, theme
from analytics.i18n import fy_label, level_label, name_column, t
from analytics.theme import LEVEL_COLORS, RATE_SCALE

LEVELS = (1, 2, 3, 4, 5)
Y_TITLE_MARGIN = 76  # px: "100%" and the rotated axis title (14 px in the theme), with standoff
TICKS_PX = 42  # px below the plot area for two-line fiscal-year ticks (the year over 「年度」)
LEGEND_ROW_PX = 28  # px a row of the legend at 11 px


def _layout(
    fig: go.Figure,
    title: str,
    context: str,
    lang: str,
    height: int = 420,
    legend_rows: int = 1,
    top: int = 80,
) -> go.Figure:
    """The shared frame. The legend sits at the bottom of the figure, below the fiscal-year ticks,
    with room for ``legend_rows`` rows at the narrowest column we lay out (about 400 px)."""
    bottom = TICKS_PX + LEGEND_ROW_PX * legend_rows + 8 if legend_rows else 56
    fig.update_layout(
        title={
            "text": f"{title}<br><sup>{_escape(context)}</sup>",
            "x": 0.0,
            "xanchor": "left",
            "font": {"size": 15},
        },
        font={"family": theme.FONT_FAMILY, "size": 12},
        height=height,
        margin={"l": 60, "r": 16, "t": top, "b": bottom},
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.0,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 11},
            "itemwidth": 30,
        },
        plot_bgcolor=theme.CHART_BACKGROUND,
        paper_bgcolor=theme.CHART_BACKGROUND,
        dragmode=False,
    )
    # Fixed margins where the ticks are known (fiscal years, rates, counts): with automargin on,
    # Plotly draws a new chart twice (once to measure the ticks, once to fit them), and Streamlit
    # mounts every changed chart anew on each filter change. Axes whose ticks are names (bureaus,
    # level names, goals along bars) and titled x axes keep automargin: their width depends on
    # the data and the language.
    fig.update_xaxes(showgrid=False, linecolor=theme.AXIS_LINE, fixedrange=True)
    fig.update_yaxes(gridcolor=theme.GRID_LINE, zeroline=False, fixedrange=True)
    for axis in fig.select_xaxes():
        axis.automargin = bool(axis.title.text)  # the transition matrix's titled level axes
    horizontal = any(getattr(trace, "orientation", None) == "h" for trace in fig.data)
    for axis in fig.select_yaxes():
        # names as ticks (categories, bars along names, levels named by ticktext): any width
        names = axis.type == "category" or horizontal or axis.ticktext is not None
        axis.automargin = names
        if axis.title.text and not names:  # room for the rotated title beside "100%"
            fig.update_layout(margin_l=max(fig.layout.margin.l or 0, Y_TITLE_MARGIN))
    return fig


def _year_ticks(fig: go.Figure, years, lang: str, every: int = 1) -> None:
    """Fiscal years read without turning the head: never rotated, on two short lines
    ('2016' over '年度'), every ``every``-th year where the panels are narrow."""
    years = list(years)
    labels = fiscal_year_axis(years, lang)
    fig.update_xaxes(
        tickmode="array",
        tickvals=labels[::every],
        ticktext=[t("fy.tick", lang, v=int(y)) for y in years][::every],
        tickangle=0,
        tickfont={"size": 11},
    )


def _escape(text: str) -> str:
    """Plotly titles accept a little HTML: data-derived text must not inject any."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def empty_figure(title: str, context: str, lang: str = "ja") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=t("chart.no_data", lang),
        showarrow=False,
        font={"size": 16, "color": theme.MUTED_TEXT},
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, context, lang, height=300, legend_rows=0)


def _plan_years(df: pd.DataFrame, fiscal_years: pd.DataFrame | None) -> list[int]:
    """The x axis of a trend: every fiscal year of the plan when given, else those in the data."""
    return (
        list(fiscal_years["fiscal_year"])
        if fiscal_years is not None
        else sorted(df["fiscal_year"].unique())
    )


def _wrap(label: str, lang: str) -> str:
    """A level name on two lines near its middle (at a space in English)."""
    if lang == "en" and " " in label:
        words = label.split(" ")
        half = len(label) / 2
        best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - half))
        return " ".join(words[:best]) + "<br>" + " ".join(words[best:])
    cut = (len(label) + 1) // 2 + 1
    return label[:cut] + "<br>" + label[cut:] if len(label) > 8 else label


def fiscal_year_axis(years, lang: str) -> list[str]:
    return [fy_label(y, lang) for y in years]


def _level_names(lang: str) -> dict[int, str]:
    return {lv: level_label(lv, lang) for lv in LEVELS}


def _group_name(df: pd.DataFrame, lang: str) -> pd.Series:
    return df[name_column("group_name", lang)]


# ---- level distribution ---------------------------------------------------------------------


def achievement_by_year_and_group(
    df: pd.DataFrame,
    lang: str = "ja",
    context: str = "",
    group: str = "none",
    years=None,
    fiscal_years: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,  # with fiscal_years (ui.data.figure); bars draw none
) -> go.Figure:
    """100% stacked bars of the five levels per fiscal year, one panel per group if grouped.
    With ``fiscal_years`` (the plan's years the filter chose) the axis spans them all, as the
    trends do (the overview's other tab), and a year without evaluations yet says 「未評価」 in its
    place."""
    if fiscal_years is not None:
        years = list(fiscal_years["fiscal_year"])
    title = (
        t("chart.level_by_year", lang)
        if group == "none"
        else t("chart.level_by_year_group", lang, group=t(f"group.{group}", lang))
    )
    if df.empty or df["evaluations"].sum() == 0:
        return empty_figure(title, context, lang)
    years = sorted(df["fiscal_year"].unique()) if years is None else list(years)
    groups = sorted(dict.fromkeys(df["group_key"]))
    cols = min(3, len(groups))
    rows = -(-len(groups) // cols)
    names = dict(zip(df["group_key"], _group_name(df, lang), strict=False))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_yaxes=True,
        subplot_titles=[_escape(_facet_title(group, g, names[g], lang)) for g in groups]
        if group != "none"
        else None,
        vertical_spacing=min(0.5 / rows, 0.2) if rows > 1 else 0.0,
        horizontal_spacing=0.04,
    )
    if group != "none":  # the full name on hover
        for annotation, g in zip(fig.layout.annotations, groups, strict=True):
            annotation.update(hovertext=_escape(names[g]), font={"size": 12})
    labels = _level_names(lang)
    x_all = fiscal_year_axis(years, lang)
    # All traces in one add_traces call: adding them one by one to a subplot grid is Plotly's
    # slow path (over 200 ms for nine panels).
    traces, trace_rows, trace_cols = [], [], []
    for i, g in enumerate(groups):
        part = df[df["group_key"] == g]
        for level in LEVELS:
            cell = part[part["achievement_level"] == level].set_index("fiscal_year")
            trace_rows.append(i // cols + 1)
            trace_cols.append(i % cols + 1)
            traces.append(
                go.Bar(
                    x=[fy_label(y, lang) for y in cell.index],
                    y=cell["share"],
                    name=labels[level],
                    legendgroup=str(level),
                    showlegend=i == 0,
                    marker_color=LEVEL_COLORS[level],
                    customdata=[
                        [int(y), g, level, int(n)]
                        for y, n in zip(cell.index, cell["evaluations"], strict=True)
                    ],
                    hovertemplate="%{x} "
                    + _escape(labels[level])
                    + "<br>%{y:.1%} (%{customdata[3]})<extra></extra>",
                )
            )
    fig.add_traces(traces, rows=trace_rows, cols=trace_cols)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x_all)
    if fiscal_years is not None:  # a year with no bar keeps its place
        fig.update_xaxes(range=[-0.5, len(x_all) - 0.5])
    if fiscal_years is not None and group == "none":  # and says why it is empty
        evaluated = set(df.loc[df["evaluations"] > 0, "fiscal_year"].astype(int))
        note = t("chart.not_evaluated", lang)
        for year in (y for y in years if int(y) not in evaluated):
            fig.add_annotation(  # Japanese upright, one character a line; English turned
                x=fy_label(year, lang),
                y=0.5,
                text=note if lang == "en" else "<br>".join(note),
                textangle=-90 if lang == "en" else 0,
                showarrow=False,
                font={"size": 11, "color": theme.MUTED_TEXT},
            )
    _year_ticks(fig, years, lang, every=1 if cols == 1 else 2)
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return _layout(
        fig,
        title,
        context,
        lang,
        height=420 if group == "none" else 250 * rows + 150,
        legend_rows=3 if group == "none" else 2,
        top=80 if group == "none" else 100,
    )


def _short(name: str, lang: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _tree_label(name: str, lang: str, code: str = "", lines: int = 2, width: int = 0) -> str:
    """A treemap cell's text on short lines, so that a cell a few characters wide still shows it
    (Plotly hides, whole, text that would not fit at 10 px): the code on a line of its own, then
    the name broken every 8 characters (Japanese) or between words near 16, at most ``lines``
    lines, the last ending in 「…」 when the name goes on (``width`` characters a line instead).
    The whole name is on hover."""
    width = width or (8 if lang == "ja" else 16)
    text = str(name)
    if lang == "ja":
        wrapped = [text[i : i + width] for i in range(0, len(text), width)]
    else:
        wrapped = textwrap.wrap(text, width, break_long_words=True) or [text]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "<br>".join(_escape(line) for line in ([code] if code else []) + wrapped)


def _facet_title(group: str, key: str, name: str, lang: str) -> str:
    """A panel's title, short enough for a third of a laptop screen: number and short name."""
    if group == "goal":
        return f"{t('goal.short', lang, v=key)} {_short(name, lang, 12 if lang == 'ja' else 18)}"
    if group == "term":
        return t("term.short", lang, v=key)
    if group == "direction":
        return f"{key} {_short(name, lang, 13 if lang == 'ja' else 22)}"
    return _short(name, lang, 16)


# ---- on-target rate -------------------------------------------------------------------------


def on_target_by_year_and_group(
    df: pd.DataFrame,
    lang: str = "ja",
    context: str = "",
    fiscal_years: pd.DataFrame | None = None,
    group: str = "goal",
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """On-target rate lines per group (goal by default) across the plan's fiscal years, terms as bands, COVID shaded."""
    title = t("chart.on_target_trend", lang)
    if df.empty:
        return empty_figure(title, context, lang)
    if group == "direction":
        return _on_target_by_direction(df, title, context, lang, fiscal_years, events)
    years = _plan_years(df, fiscal_years)
    x_all = fiscal_year_axis(years, lang)
    fig = go.Figure()
    names = _group_name(df, lang)
    label_n = df["group_key"].nunique() <= 3
    for i, (key, part) in enumerate(df.assign(_name=names).groupby("group_key", sort=True)):
        label = _group_label(group, key, part["_name"].iloc[0], lang)
        _rate_line(
            fig,
            x=[fy_label(y, lang) for y in part["fiscal_year"]],
            rate=part["on_target_rate"],
            n=part["evaluations"],
            name=_escape(label),
            line={"color": _series_color(group, key, i), "width": 2.5},
            **_rate_point(part, key, _escape(label), lang),
            lang=lang,
            label_n=label_n,
        )
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5]
    )
    fig.update_yaxes(
        tickformat=".0%",
        range=[_rate_floor(df["on_target_rate"].min()), 1.02],
        title=t("axis.on_target_rate", lang),
    )
    _year_ticks(fig, years, lang)
    if fiscal_years is not None:
        _mark_periods(fig, years, fiscal_years, lang, events)
    return _layout(fig, title, context, lang)


def _rate_point(part: pd.DataFrame, key: str, label: str, lang: str) -> dict:
    """A group's on-target line: each point's click data (year, group, on target, evaluations)
    and its hover text, with ``label`` already escaped."""
    return {
        "customdata": list(
            zip(
                part["fiscal_year"],
                [key] * len(part),
                part["on_target"],
                part["evaluations"],
                strict=True,
            )
        ),
        "hovertemplate": "%{x}<br>"
        + label
        + "<br>%{y:.1%} (%{customdata[2]}/%{customdata[3]}"
        + t("unit.count", lang)
        + ")<extra></extra>",
    }


def direction_panels(keys) -> dict[str, tuple[int, int]]:
    """Each direction's panel (row, column) in the direction chart: one row per goal (a
    direction id is '<goal>-<n>'), its directions side by side in order."""
    by_goal: dict[str, list[str]] = {}
    for key in sorted(set(keys)):
        by_goal.setdefault(key.split("-")[0], []).append(key)
    return {
        key: (row, col)
        for row, members in enumerate(by_goal.values(), start=1)
        for col, key in enumerate(members, start=1)
    }


def _on_target_by_direction(
    df: pd.DataFrame,
    title: str,
    context: str,
    lang: str,
    fiscal_years: pd.DataFrame | None,
    events: pd.DataFrame | None,
) -> go.Figure:
    """Nine lines in one chart are a tangle: one small panel per direction instead, one row per
    goal, one line each in its direction's colour, on one shared rate scale. The panel title is
    the number and a short name (the full name on hover); the terms and events are shaded in
    every panel (named in the goal tab's chart)."""
    years = _plan_years(df, fiscal_years)
    x_all = fiscal_year_axis(years, lang)
    names = dict(zip(df["group_key"], _group_name(df, lang), strict=False))
    panels = direction_panels(names)
    rows = max(r for r, _ in panels.values())
    cols = max(c for _, c in panels.values())
    titles = [""] * (rows * cols)
    for key, (r, c) in panels.items():
        titles[(r - 1) * cols + c - 1] = _escape(_facet_title("direction", key, names[key], lang))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_yaxes=True,
        subplot_titles=titles,
        vertical_spacing=min(0.5 / rows, 0.2) if rows > 1 else 0.0,
        horizontal_spacing=0.05,
    )
    in_order = sorted(panels, key=panels.get)  # row by row: the order of the titles
    for annotation, key in zip(fig.layout.annotations, in_order, strict=True):
        annotation.update(hovertext=_escape(f"{key} {names[key]}"), font={"size": 12})
    for key in in_order:
        part = df[df["group_key"] == key]
        label = _escape(_group_label("direction", key, names[key], lang))
        row, col = panels[key]
        _rate_line(
            fig,
            x=[fy_label(y, lang) for y in part["fiscal_year"]],
            rate=part["on_target_rate"],
            n=part["evaluations"],
            name=label,
            line={"color": theme.direction_color(key), "width": 2.5},
            lang=lang,
            row=row,
            col=col,
            showlegend=False,
            **_rate_point(part, key, label, lang),
        )
    for r in range(1, rows + 1):  # a goal with fewer directions leaves empty cells
        for c in range(1, cols + 1):
            if (r, c) not in panels.values():
                fig.update_xaxes(visible=False, row=r, col=c)
                fig.update_yaxes(visible=False, row=r, col=c)
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5]
    )
    # room above 100% for the n label of a faint point there; no tick past 100%
    floor = _rate_floor(df["on_target_rate"].min())
    fig.update_yaxes(
        tickformat=".0%",
        range=[floor, 1.12],
        tickvals=[v / 10 for v in range(0, 11, 2) if v / 10 >= floor],
    )
    _year_ticks(fig, years, lang, every=2 if cols > 2 else 1)
    if fiscal_years is not None:
        _mark_periods(fig, years, fiscal_years, lang, events, panels=[panels[k] for k in in_order])
    fig.update_layout(showlegend=False)
    return _layout(fig, title, context, lang, height=190 * rows + 150, legend_rows=0, top=100)


SMALL_N = 5  # a rate over fewer evaluations than this is drawn faint, with its n, off the line


def _rate_line(
    fig: go.Figure,
    x,
    rate,
    n,
    name: str,
    line: dict,
    lang: str,
    label_n: bool = True,
    row: int | None = None,
    col: int | None = None,
    **trace,
) -> None:
    """A rate line that does not dramatise small numbers: points over fewer than SMALL_N
    evaluations are left out of the line and drawn as faint markers labelled with their n
    (with many lines the labels would collide: then the n is in the hover and the table).
    ``row`` and ``col`` place it in a panel of a subplot grid."""
    n = [int(v) if pd.notna(v) else 0 for v in n]
    rate = list(rate)
    small = [0 < v < SMALL_N for v in n]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[None if s else r for r, s in zip(rate, small, strict=True)],
            mode="lines+markers",
            name=name,
            legendgroup=name,
            line=line,
            connectgaps=False,
            **trace,
        ),
        row=row,
        col=col,
    )
    if any(small):
        pick = [i for i, s in enumerate(small) if s]
        custom = trace.get("customdata")
        fig.add_trace(
            go.Scatter(
                x=[x[i] for i in pick],
                y=[rate[i] for i in pick],
                mode="markers+text" if label_n else "markers",
                name=name,
                legendgroup=name,
                showlegend=False,
                opacity=0.45,
                line={"color": line["color"]},
                marker={"color": line["color"], "size": 7, "symbol": "circle-open"},
                text=[t("chart.small_n", lang, n=n[i]) for i in pick],
                textposition=_label_sides(pick, [rate[i] for i in pick]),
                textfont={"size": 10, "color": line["color"]},
                customdata=[custom[i] for i in pick] if custom is not None else None,
                hovertemplate=trace.get("hovertemplate"),
            ),
            row=row,
            col=col,
        )


def _label_sides(pick: list[int], rates: list[float]) -> list[str]:
    """Where each faint point's n label goes: right of the point (clear of the event label left
    of its line), above it, or below it when the point before is faint, labelled above and at
    about the same height, so two labels side by side do not run together (not near the foot of
    the axis, where a label below would be cut off)."""
    sides: list[str] = []
    for i, position in enumerate(pick):
        crowded = (
            i > 0
            and pick[i - 1] == position - 1
            and sides[-1] == "top right"
            and abs(rates[i] - rates[i - 1]) < 0.15
            and rates[i] > 0.6
        )
        sides.append("bottom right" if crowded else "top right")
    return sides


def _rate_floor(lowest: float) -> float:
    """The bottom of a rate axis: 50% when every rate is above it; when a rate reaches 0%, a little
    below zero, so a 0% point and its n label sit above the labels at the foot of the plot."""
    if pd.isna(lowest) or lowest >= 0.55:
        return 0.5
    return -0.15 if lowest < 0.15 else lowest - 0.05


def _series_color(group: str, key: str, position: int) -> str:
    """Goals, terms and directions keep their own colour under every filter; other groups take
    turns."""
    if group == "goal":
        return theme.goal_color(int(key))
    if group == "term":
        return theme.term_color(int(key))
    if group == "direction":
        return theme.direction_color(key)
    return theme.SERIES_COLORS[position % len(theme.SERIES_COLORS)]


def _group_label(group: str, key: str, name: str, lang: str) -> str:
    if group == "goal":
        return t("goal.short", lang, v=key)
    if group == "term":
        return t("term.short", lang, v=key)
    if group == "direction":
        return f"{key} {_short(name, lang, 14)}"
    return t("series.all", lang) if key == "all" else _short(name, lang)


def _mark_periods(
    fig: go.Figure,
    years: list[int],
    fiscal_years: pd.DataFrame,
    lang: str,
    events: pd.DataFrame | None = None,
    panels: list[tuple[int, int]] | None = None,
) -> None:
    """Terms as alternating bands; the plan's events (plan_events) from the data: an event of
    several years shaded, an event of one year marked with a line. In a grid of ``panels``
    (row, col) every panel is shaded and none is labelled: a label fills a small panel and runs
    into its n labels (the goal tab's chart names the same bands)."""
    position = {y: i for i, y in enumerate(years)}
    labelled = panels is None
    for row, col in panels or [(None, None)]:
        for term_id, part in fiscal_years.groupby("term_id"):
            first, last = position[part["fiscal_year"].min()], position[part["fiscal_year"].max()]
            fig.add_vrect(
                x0=first - 0.5,
                x1=last + 0.5,
                fillcolor=theme.term_shade(term_id),
                line_width=0,
                layer="below",
                row=row,
                col=col,
                # above the plot area, clear of points at 100%
                **_band_label(t("term.short", lang, v=int(term_id)), "top left", labelled),
                **({"annotation_yanchor": "bottom"} if labelled else {}),
            )
        for event in [] if events is None else events.itertuples(index=False):
            shown = [y for y in years if event.first_fy <= y <= event.last_fy]
            if not shown:
                continue
            text = _escape(plan.label(event._asdict(), lang))
            if event.first_fy == event.last_fy:
                x = position[shown[0]]
                fig.add_vline(
                    x=x,
                    line_dash="dot",
                    line_color=theme.EVENT_COLOR,
                    line_width=1,
                    row=row,
                    col=col,
                )
                if labelled:
                    fig.add_annotation(
                        x=x,
                        y=0,
                        yref="paper",
                        text=text,
                        showarrow=False,
                        font={"size": 10, "color": theme.EVENT_COLOR},
                        yanchor="bottom",
                        textangle=-90,
                        xshift=-8,
                    )
            else:
                fig.add_vrect(
                    x0=position[shown[0]] - 0.45,
                    x1=position[shown[-1]] + 0.45,
                    fillcolor=theme.PERIOD_SHADE,
                    line_width=0,
                    layer="below",
                    row=row,
                    col=col,
                    **_band_label(text, "bottom left", labelled),
                )


def _band_label(text: str, where: str, labelled: bool) -> dict:
    """A band's label, as add_vrect's annotation arguments (none for an unlabelled panel)."""
    if not labelled:
        return {}
    return {"annotation_text": text, "annotation_position": where, "annotation_font_size": 11}


def on_target_by_term_and_goal(df: pd.DataFrame, lang: str = "ja", context: str = "") -> go.Figure:
    """Grouped bars: the on-target rate of each goal, one bar per term."""
    title = t("chart.term_comparison", lang)
    if df.empty:
        return empty_figure(title, context, lang)
    fig = go.Figure()
    goals = sorted(df["goal_id"].unique())
    x = [t("goal.short", lang, v=g) for g in goals]
    for term_id, part in df.groupby("term_id", sort=True):
        part = part.set_index("goal_id").reindex(goals)
        fig.add_trace(
            go.Bar(
                x=x,
                y=part["on_target_rate"],
                name=t("term.short", lang, v=int(term_id)),
                marker_color=theme.term_color(term_id),
                text=[f"{v:.0%}" if pd.notna(v) else "" for v in part["on_target_rate"]],
                textposition="outside",
                customdata=[[int(term_id), int(g)] for g in goals],
                hovertemplate="%{x} · "
                + t("term.short", lang, v=int(term_id))
                + "<br>%{y:.1%}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.1], title=t("axis.on_target_rate", lang))
    return _layout(fig, title, context, lang)


def on_target_by_bureau_heatmap(
    df: pd.DataFrame, lang: str = "ja", context: str = "", years=None
) -> go.Figure:
    """Bureau × fiscal year heat map of the on-target rate (from on_target_by_year_and_group, group=bureau)."""
    title = t("chart.bureau_heatmap", lang)
    if df.empty:
        return empty_figure(title, context, lang)
    years = sorted(df["fiscal_year"].unique()) if years is None else list(years)
    names = df.assign(_name=_group_name(df, lang)).groupby("group_key")["_name"].first()
    order = (
        df.groupby("group_key")["on_target_rate"].mean().sort_values(ascending=False).index.tolist()
    )
    rate = df.pivot(index="group_key", columns="fiscal_year", values="on_target_rate").reindex(
        index=order, columns=years
    )
    count = df.pivot(index="group_key", columns="fiscal_year", values="evaluations").reindex(
        index=order, columns=years
    )
    rates, counts = rate.to_numpy(), count.to_numpy()
    # A rate over fewer than SMALL_N evaluations (a ward with one initiative: 0% or 100%) is drawn
    # faint and says its n, so that one evaluation does not read like a whole bureau's failure.
    small = (counts > 0) & (counts < SMALL_N)
    text = [
        [
            ""
            if pd.isna(r)
            else (f"{r:.0%} ({t('chart.small_n', lang, n=int(c))})" if faint else f"{r:.0%}")
            for r, c, faint in zip(row, crow, srow, strict=True)
        ]
        for row, crow, srow in zip(rates, counts, small, strict=True)
    ]
    customdata = [
        [[k, int(y), (0 if pd.isna(c) else int(c))] for y, c in zip(years, crow, strict=True)]
        for k, crow in zip(order, counts, strict=True)
    ]
    fig = go.Figure()
    for part, opacity in ((~small, 1.0), (small, 0.4)):
        if not part.any():
            continue
        fig.add_trace(
            go.Heatmap(
                z=[
                    [
                        r if keep and not pd.isna(r) else None
                        for r, keep in zip(row, prow, strict=True)
                    ]
                    for row, prow in zip(rates, part, strict=True)
                ],
                x=fiscal_year_axis(years, lang),
                y=[_escape(names[k]) for k in order],
                text=[
                    [v if keep else "" for v, keep in zip(row, prow, strict=True)]
                    for row, prow in zip(text, part, strict=True)
                ],
                texttemplate="%{text}",
                customdata=customdata,
                colorscale=RATE_SCALE,
                zmin=0.0,
                zmax=1.0,
                opacity=opacity,
                # on a faded cell Plotly's own choice (white on what was dark) cannot be read
                textfont={"color": theme.TEXT} if opacity < 1 else {},
                hoverinfo="skip",  # the cells' points below answer hover and click
                showscale=not fig.data,  # one colour scale, whichever part comes first
                colorbar={"tickformat": ".0%", "thickness": 12, "tickfont": {"size": 11}},
                xgap=2,
                ygap=2,
            )
        )
    # Plotly cannot select a heat-map cell, so a click on one reached the app without it. Every
    # cell has an invisible point at its centre; a click selects the nearest, which on this grid
    # is the cell's own (no cutoff: a cell may be far wider or taller than the point). An empty
    # cell's point carries n = 0, and the page does not drill on it.
    cells = [(i, j) for i in range(len(order)) for j in range(len(years))]
    labels, bureaus = fiscal_year_axis(years, lang), [_escape(names[k]) for k in order]
    empty = "%{y}<br>%{x}: —<extra></extra>"
    fig.add_trace(
        go.Scatter(
            x=[labels[j] for _, j in cells],
            y=[bureaus[i] for i, _ in cells],
            mode="markers",
            marker={"symbol": "square", "size": 20, "opacity": 0},
            customdata=[customdata[i][j] for i, j in cells],
            text=["" if pd.isna(rates[i][j]) else f"{rates[i][j]:.1%}" for i, j in cells],
            hovertemplate=[
                empty
                if pd.isna(rates[i][j])
                else "%{y}<br>%{x}: %{text} (%{customdata[2]})<extra></extra>"
                for i, j in cells
            ],
            hoverlabel={"bgcolor": theme.CHART_BACKGROUND, "font": {"color": theme.TEXT}},
            showlegend=False,
            name="",
        )
    )
    fig.update_layout(hoverdistance=-1)
    # the cells fill the plot area: a scatter's markers would pad the axes' automatic ranges
    fig.update_xaxes(type="category", range=[-0.5, len(years) - 0.5], autorange=False)
    _year_ticks(fig, years, lang)
    fig.update_yaxes(
        type="category", range=[len(order) - 0.5, -0.5], autorange=False, tickfont={"size": 11}
    )
    fig.update_traces(textfont={"size": 11})
    return _layout(fig, title, context, lang, height=max(360, 26 * len(order) + 150), legend_rows=0)


# ---- COVID ------------------------------------------------------------------------------------


def covid_rate_by_year(
    df: pd.DataFrame,
    lang: str = "ja",
    context: str = "",
    fiscal_years: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """The on-target rate of all evaluations, without the COVID-affected, and of the affected alone."""
    title = t("chart.covid_comparison", lang)
    if df.empty:
        return empty_figure(title, context, lang)
    years = _plan_years(df, fiscal_years)
    x = [fy_label(y, lang) for y in df["fiscal_year"]]
    fig = go.Figure()
    series = [
        ("on_target_rate", "series.all", theme.ALL_SERIES_COLOR, "solid"),
        (
            "on_target_rate_without_affected",
            "series.without_affected",
            theme.WITHOUT_AFFECTED_COLOR,
            "solid",
        ),
        ("on_target_rate_affected", "series.affected", theme.AFFECTED_COLOR, "dot"),
    ]
    counts = {
        "on_target_rate": df["evaluations"],
        "on_target_rate_without_affected": df["not_affected"],
        "on_target_rate_affected": df["affected"],
    }
    for column, key, color, dash in series:
        # each line names itself and the count its own rate is over
        _rate_line(
            fig,
            x=x,
            rate=df[column],
            n=counts[column],
            name=t(key, lang),
            line={"color": color, "dash": dash, "width": 2.5},
            customdata=list(zip(df["fiscal_year"], counts[column], strict=True)),
            hovertemplate="%{x} · "
            + _escape(t(key, lang))
            + "<br>%{y:.1%} ("
            + t("chart.over_n", lang)
            + ")<extra></extra>",
            lang=lang,
        )
    x_all = fiscal_year_axis(years, lang)
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5]
    )
    _year_ticks(fig, years, lang)
    fig.update_yaxes(
        tickformat=".0%", range=[_rate_floor(0.0), 1.05], title=t("axis.on_target_rate", lang)
    )
    if fiscal_years is not None:
        _mark_periods(fig, years, fiscal_years, lang, events)
    return _layout(fig, title, context, lang, legend_rows=2)  # three series, half a page wide


def covid_by_year(df: pd.DataFrame, lang: str = "ja", context: str = "") -> go.Figure:
    """Side-by-side 100% bars per fiscal year: the levels of affected vs not-affected evaluations."""
    title = t("chart.covid_levels", lang)
    if df.empty or df["evaluations"].sum() == 0:
        return empty_figure(title, context, lang)
    labels = _level_names(lang)
    years = sorted(df["fiscal_year"].unique())
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        subplot_titles=[t("series.not_affected_short", lang), t("series.affected_short", lang)],
    )
    for col, affected in ((1, False), (2, True)):
        part = df[df["covid_impact"] == affected]
        for level in LEVELS:
            cell = part[part["achievement_level"] == level]
            fig.add_trace(
                go.Bar(
                    x=[fy_label(y, lang) for y in cell["fiscal_year"]],
                    y=cell["share"],
                    name=labels[level],
                    legendgroup=str(level),
                    showlegend=col == 1,
                    marker_color=LEVEL_COLORS[level],
                    customdata=[
                        [int(y), level, int(n)]
                        for y, n in zip(cell["fiscal_year"], cell["evaluations"], strict=True)
                    ],
                    hovertemplate="%{x}<br>%{y:.1%} (%{customdata[2]})<extra></extra>",
                ),
                row=1,
                col=col,
            )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=fiscal_year_axis(years, lang)
    )
    _year_ticks(fig, years, lang)
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return _layout(fig, title, context, lang, legend_rows=2, top=100)


# ---- drill-down, transitions, one initiative ---------------------------------------------------


def achievement_tree(df: pd.DataFrame, lang: str = "ja", context: str = "") -> go.Figure:
    """Treemap goal → direction → initiative; area = evaluations, colour = on-target rate.
    Node ids are 'g<goal>', 'd<direction>' and 'i<initiative_id>' so a click can narrow the filters."""
    title = t("chart.tree", lang)
    if df.empty:
        return empty_figure(title, context, lang)
    ids, labels, parents, values, colors, hover = [], [], [], [], [], []
    goal_name, dir_name, name = (
        name_column("goal_name", lang),
        name_column("direction_name", lang),
        name_column("name", lang),
    )
    for goal_id, g in df.groupby("goal_id", sort=True):
        ids.append(f"g{goal_id}")
        labels.append(_escape(t("goal.short", lang, v=goal_id)))
        parents.append("")
        values.append(int(g["evaluations"].sum()))
        colors.append(g["on_target"].sum() / g["evaluations"].sum())
        hover.append(_escape(g[goal_name].iloc[0]))
        for direction_id, d in g.groupby("direction_id", sort=True):
            ids.append(f"d{direction_id}")
            labels.append(_tree_label(d[dir_name].iloc[0], lang, direction_id))
            parents.append(f"g{goal_id}")
            values.append(int(d["evaluations"].sum()))
            colors.append(d["on_target"].sum() / d["evaluations"].sum())
            hover.append(_escape(d[dir_name].iloc[0]))
            for row in d.itertuples():
                if not isinstance(row.initiative_id, str):  # a direction-level tree: no leaves
                    continue
                ids.append(f"i{row.initiative_id}")
                # an initiative's cell is small: three short lines
                labels.append(
                    _tree_label(getattr(row, name), lang, lines=3, width=5 if lang == "ja" else 10)
                )
                parents.append(f"d{direction_id}")
                values.append(int(row.evaluations))
                colors.append(row.on_target_rate)
                hover.append(_escape(getattr(row, name)))
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker={
                "colors": colors,
                "colorscale": RATE_SCALE,
                "cmin": 0.0,
                "cmax": 1.0,
                "colorbar": {"tickformat": ".0%", "thickness": 12},
            },
            customdata=hover,
            hovertemplate="%{customdata}<br>"
            + t("axis.evaluations", lang)
            + ": %{value}<br>%{color:.1%}<extra></extra>",
            maxdepth=2,
            # one direction in the data (a click on its cell, or a filter that covers one): open
            # at it, its initiatives in view, rather than one goal block around one direction
            level=f"d{df['direction_id'].iloc[0]}"
            if df["direction_id"].nunique() == 1
            and "initiative_id" in df
            and df["initiative_id"].map(lambda v: isinstance(v, str)).any()
            else None,
        )
    )
    if fig.data[0].level:  # its top cell names the direction; the path bar above it was empty
        fig.update_traces(pathbar={"visible": False})
    # Text too small to read is hidden (the name is on hover), never drawn at 4 px.
    fig.update_layout(uniformtext={"minsize": 10, "mode": "hide"})
    return _layout(fig, title, context, lang, height=520, legend_rows=0)


def transitions(
    df: pd.DataFrame, from_fy: int, to_fy: int, lang: str = "ja", context: str = ""
) -> go.Figure:
    """5×5 matrix: how many projects moved from each level in from_fy to each level in to_fy."""
    title = t("chart.transition", lang, a=fy_label(from_fy, lang), b=fy_label(to_fy, lang))
    if df.empty:
        return empty_figure(title, context, lang)
    grid = (
        df.pivot_table(index="from_level", columns="to_level", values="projects", aggfunc="sum")
        .reindex(index=list(LEVELS), columns=list(LEVELS))
        .fillna(0)
        .astype(int)
    )
    labels = [level_label(lv, lang) for lv in LEVELS]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=labels,
            y=labels,
            text=grid.to_numpy(),
            texttemplate="%{text}",
            colorscale=theme.COUNT_SCALE,
            showscale=False,
            hovertemplate="%{y} → %{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        title=t("axis.to_level", lang),
        side="bottom",
        tickmode="array",
        tickvals=labels,
        ticktext=[_wrap(label, lang) for label in labels],
        tickangle=0,
        tickfont={"size": 11},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
        title=t("axis.from_level", lang),
    )
    return _layout(fig, title, context, lang, height=480, legend_rows=0)


def initiative_history(
    df: pd.DataFrame,
    lang: str = "ja",
    fiscal_years: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """One project's level per fiscal year across terms; level 1 at the top, COVID and typhoon marked."""
    name = df[name_column("name", lang)].iloc[-1] if not df.empty else ""
    title = t("chart.timeline", lang, name=_escape(name))
    if df.empty:
        return empty_figure(title, "", lang)
    years = _plan_years(df, fiscal_years)
    x_all = fiscal_year_axis(years, lang)
    symbols = ["diamond" if c else "circle" for c in df["covid_impact"]]
    fig = go.Figure(
        go.Scatter(
            x=[fy_label(y, lang) for y in df["fiscal_year"]],
            y=df["achievement_level"],
            mode="lines+markers",
            line={"color": theme.HISTORY_LINE, "width": 1.5},
            marker={
                "size": 16,
                "color": [LEVEL_COLORS[int(lv)] for lv in df["achievement_level"]],
                "symbol": symbols,
                "line": {"color": theme.MARKER_EDGE, "width": 1},
            },
            customdata=[_escape(r if isinstance(r, str) and r else "—") for r in df["results_ja"]],
            hovertemplate="%{x}: %{y}<br>"
            + _escape(t("col.results", lang))
            + ": %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5]
    )
    _year_ticks(fig, years, lang)
    fig.update_yaxes(
        range=[5.5, 0.5],
        tickvals=list(LEVELS),
        ticktext=[level_label(lv, lang) for lv in LEVELS],
        title=t("axis.level", lang),
    )
    if fiscal_years is not None:
        _mark_periods(fig, years, fiscal_years, lang, events)
    # what the diamonds are, under the title (the chart has no legend)
    key = t("chart.timeline_key", lang) if df["covid_impact"].fillna(False).any() else ""
    return _layout(fig, title, key, lang, height=380, legend_rows=0)
