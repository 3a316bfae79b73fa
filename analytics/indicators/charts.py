"""The indicators' figures: status counts per goal (the six statuses in fixed colours, 達成 to
後退, 未評価 grey) and one small chart per indicator (actuals by year, baseline and target marked,
the on-track path dashed). Same conventions as analytics/charts.py."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics import theme
from analytics.charts import _escape, _layout, empty_figure
from analytics.i18n import fy_label, t, target_label, unit_label, with_unit
from analytics.indicators.rule import STATUS_COLOURS, STATUSES
from analytics.indicators.tables import number_text


def status_counts(
    counts: pd.DataFrame, fy: int | None, lang: str = "ja", context: str = ""
) -> go.Figure:
    """Stacked horizontal bars: one per goal, one segment per status."""
    title = t("ind.counts", lang, fy=fy_label(fy, lang) if fy else "—")
    if counts.empty:
        return empty_figure(title, context, lang)
    goals = [t("goal.short", lang, v=int(g)) for g in counts["goal_id"]]
    fig = go.Figure()
    for status in STATUSES:
        label = t(f"status.{status}", lang)
        fig.add_bar(
            y=goals,
            x=counts[status],
            name=label,
            orientation="h",
            marker_color=STATUS_COLOURS[status],
            text=[str(n) if n else "" for n in counts[status]],
            textposition="inside",
            hovertemplate=f"%{{y}} {label}: %{{x}}<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(dtick=1)
    _layout(fig, title, context, lang, height=340, legend_rows=2)  # six statuses: two rows
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    return fig


def indicator_chart(row: dict, values: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """One indicator: actuals by year, the baseline and the target marked, the on-track path
    (baseline to target, straight) dashed; the title carries the latest status."""
    name = row.get("name_en") if lang == "en" and row.get("name_en") else row["name_ja"]
    unit = row.get("unit") or ""
    shown_unit = unit_label(unit, lang)
    b, y0, y1 = float(row["baseline_value"]), int(row["baseline_fy"]), int(row["target_fy"])
    text_target = row.get("target_text") if isinstance(row.get("target_text"), str) else None
    g = b if text_target else float(row["target_value"])
    status = row.get("status")
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["not_measured"])
    fig = go.Figure()
    fig.add_scatter(
        x=[y0, y1],
        y=[b, g],
        mode="lines",
        line={"dash": "dash", "color": theme.AXIS_LINE, "width": 1.5},
        name=t("ind.series.path", lang),
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=[y0],
        y=[b],
        mode="markers",
        marker={"symbol": "square", "size": 9, "color": theme.BASELINE_MARK},
        name=t("ind.series.baseline", lang),
        hovertemplate=f"{_escape(t('ind.series.baseline', lang))} {fy_label(y0, lang)}: "
        f"{_escape(with_unit(number_text(b), unit, lang))}<extra></extra>",
    )
    fig.add_scatter(
        x=[y1],
        y=[g],
        mode="markers",
        marker={"symbol": "star", "size": 13, "color": theme.TARGET_MARK},
        name=t("ind.series.target", lang),
        hovertemplate=f"{_escape(t('ind.series.target', lang))} {fy_label(y1, lang)}: "
        f"{_escape(target_label(text_target, lang) if text_target else with_unit(number_text(g), unit, lang))}"
        "<extra></extra>",
    )
    if not values.empty:
        fig.add_scatter(
            x=values["fiscal_year"].astype(int),
            y=values["actual"].astype(float),
            mode="lines+markers",
            line={"color": colour, "width": 2.5},
            marker={"size": 8},
            name=t("ind.series.actual", lang),
            hovertemplate="%{x}: " + _escape(with_unit("%{y:,}", unit, lang)) + "<extra></extra>",
        )
        if lang == "en" and unit == "万人":  # as the baseline and target: 285,000 people
            fig.data[-1].customdata = values["actual"].astype(float) * 10_000
            fig.data[-1].hovertemplate = "%{x}: %{customdata:,.0f} people<extra></extra>"
    label = t(f"status.{status}", lang) if status else ""
    fig.update_layout(
        title={
            "text": "<br>".join(_escape(line) for line in title_lines(name, lang))
            + f'<br><span style="font-size:11px;color:{theme.MUTED_TEXT}">'
            + f"{_escape(row['indicator_code'])} · {_escape(label)}</span>",
            "x": 0.0,
            # the first line's middle 16 px from the top, the others below it (Plotly puts a
            # title's first line in the middle of the margin, and three lines then ran into the plot)
            "yref": "container",
            "y": 1 - 16 / HEIGHT,
            "yanchor": "middle",
            "font": {"size": 13},
        },
        font={"family": theme.FONT_FAMILY, "size": 11},
        height=HEIGHT,
        margin={"l": 50, "r": 10, "t": 74, "b": 30},
        showlegend=False,
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    years = year_ticks([y0, y1, *(values["fiscal_year"].astype(int) if not values.empty else [])])
    fig.update_xaxes(
        tickvals=years,
        ticktext=[str(y) for y in years],
        tickangle=0,
        showgrid=False,
        linecolor=theme.AXIS_LINE,
    )
    fig.update_yaxes(
        title=_escape(shown_unit), gridcolor=theme.GRID_LINE, zeroline=False, rangemode="tozero"
    )
    return fig


HEIGHT = 266  # px, a small chart
TITLE_CHARS = 17  # a third of a laptop screen holds about 17 characters of a Japanese title
TITLE_CHARS_EN = 34  # and about twice as many Latin ones
_PAUSE_AFTER = set("のをにとがへで、・")


def title_lines(name: str, lang: str = "ja") -> list[str]:
    """An indicator's name in at most two lines of a small chart's width, cut with 「…」 only
    beyond that (the full name is in the page's table of indicators). English breaks at spaces."""
    if lang == "en" and " " in name:
        return textwrap.wrap(name, TITLE_CHARS_EN, max_lines=2, placeholder=" …") or [""]
    if len(name) <= TITLE_CHARS:
        return [name]
    if len(name) > 2 * TITLE_CHARS:
        return [name[:TITLE_CHARS], name[TITLE_CHARS : 2 * TITLE_CHARS - 1] + "…"]
    # two lines: break where Japanese reads a pause (after a particle or 、, before （) nearest the
    # middle, else in the middle, so that no line is left with one or two characters
    fits = range(len(name) - TITLE_CHARS, TITLE_CHARS + 1)
    pauses = [i for i in fits if name[i] == "（" or name[i - 1] in _PAUSE_AFTER]
    cut = min(pauses, key=lambda i: abs(2 * i - len(name))) if pauses else -(-len(name) // 2)
    return [name[:cut], name[cut:]]


def year_ticks(years) -> list[int]:
    """Every fiscal year from the first to the last when they span six years or fewer (evenly
    spaced, none missing between a baseline and the term's years); else every other year, back
    from the last (a baseline long before the term: the measured years stay readable)."""
    first, last = min(years), max(years)
    if last - first <= 6:
        return list(range(first, last + 1))
    return list(range(last, first - 1, -2))[::-1]  # every other year back from the target's
