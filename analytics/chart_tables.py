"""「表で見る」: each chart's figures as a table, built from the very DataFrame the chart is drawn
from (so the table and the chart cannot disagree). Counts carry 件 in their header, rates are
percentages with one decimal. One function per chart, named as the chart."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import fy_label, level_label, name_column, t

LEVELS = (1, 2, 3, 4, 5)


def _count(key: str, lang: str) -> str:
    return t("unit.count_col", lang, c=t(key, lang))


def _pct(key: str, lang: str) -> str:
    return t("unit.pct_col", lang, c=t(key, lang))


def _percent(series: pd.Series) -> pd.Series:
    return (series.astype(float) * 100).round(1)


def _group_label(group: str, key: object, name: str, lang: str) -> str:
    if group == "goal":
        return f"{t('goal.short', lang, v=key)} {name}"
    if group == "term":
        return t("term.short", lang, v=key)
    if group == "direction":
        return f"{key} {name}"
    if group == "none" or key == "all":
        return t("series.all", lang)
    return str(name)


def _group_header(group: str, lang: str) -> str:
    return t(f"col.{group}", lang) if group != "none" else t("col.group", lang)


def achievement_by_year_and_group(
    df: pd.DataFrame, lang: str, group: str = "none", **_
) -> pd.DataFrame:
    """One row per fiscal year (and group): the count of each level, the total and the shares."""
    if df.empty:
        return pd.DataFrame()
    wide = df.pivot_table(
        index=["fiscal_year", "group_key"],
        columns="achievement_level",
        values="evaluations",
        aggfunc="sum",
        fill_value=0,
    ).reindex(columns=list(LEVELS), fill_value=0)
    names = df.groupby("group_key")[name_column("group_name", lang)].first()
    out = pd.DataFrame({t("col.fiscal_year", lang): [fy_label(y, lang) for y, _ in wide.index]})
    if group != "none":
        out[_group_header(group, lang)] = [
            _group_label(group, g, names[g], lang) for _, g in wide.index
        ]
    total = wide.sum(axis=1).to_numpy()
    for level in LEVELS:
        out[t("unit.count_col", lang, c=level_label(level, lang))] = wide[level].to_numpy()
    out[_count("col.evaluations", lang)] = total
    on_target = wide[[1, 2, 3]].sum(axis=1).to_numpy()
    out[_pct("col.rate", lang)] = [
        round(100 * o / n, 1) if n else None for o, n in zip(on_target, total, strict=True)
    ]
    return out


def on_target_by_year_and_group(
    df: pd.DataFrame, lang: str, group: str = "goal", **_
) -> pd.DataFrame:
    """One row per fiscal year and line: on target, evaluations and the rate the line draws."""
    if df.empty:
        return pd.DataFrame()
    names = df[name_column("group_name", lang)]
    return pd.DataFrame(
        {
            t("col.fiscal_year", lang): [fy_label(y, lang) for y in df["fiscal_year"]],
            _group_header(group, lang): [
                _group_label(group, k, n, lang) for k, n in zip(df["group_key"], names, strict=True)
            ],
            _count("col.on_target", lang): df["on_target"].to_numpy(),
            _count("col.evaluations", lang): df["evaluations"].to_numpy(),
            _pct("col.rate", lang): _percent(df["on_target_rate"]).to_numpy(),
        }
    )


def on_target_by_term_and_goal(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            t("col.term", lang): [t("term.short", lang, v=v) for v in df["term_id"]],
            t("col.goal", lang): [
                f"{t('goal.short', lang, v=g)} {n}"
                for g, n in zip(df["goal_id"], df[name_column("goal_name", lang)], strict=True)
            ],
            _count("col.on_target", lang): df["on_target"].to_numpy(),
            _count("col.evaluations", lang): df["evaluations"].to_numpy(),
            _pct("col.rate", lang): _percent(df["on_target_rate"]).to_numpy(),
        }
    )


def on_target_by_bureau_heatmap(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    """The heat map's cells: bureau, fiscal year, evaluations, rate."""
    if df.empty:
        return pd.DataFrame()
    part = df.sort_values(["group_key", "fiscal_year"])
    return pd.DataFrame(
        {
            t("col.bureau", lang): part[name_column("group_name", lang)].to_numpy(),
            t("col.fiscal_year", lang): [fy_label(y, lang) for y in part["fiscal_year"]],
            _count("col.on_target", lang): part["on_target"].to_numpy(),
            _count("col.evaluations", lang): part["evaluations"].to_numpy(),
            _pct("col.rate", lang): _percent(part["on_target_rate"]).to_numpy(),
        }
    )


def covid_rate_by_year(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    """The three lines side by side, each with the count it is computed over."""
    if df.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            t("col.fiscal_year", lang): [fy_label(y, lang) for y in df["fiscal_year"]],
            t("unit.count_col", lang, c=t("series.all", lang)): df["evaluations"].to_numpy(),
            _pct("series.all", lang): _percent(df["on_target_rate"]).to_numpy(),
            t("unit.count_col", lang, c=t("series.without_affected", lang)): df[
                "not_affected"
            ].to_numpy(),
            _pct("series.without_affected", lang): _percent(
                df["on_target_rate_without_affected"]
            ).to_numpy(),
            t("unit.count_col", lang, c=t("series.affected", lang)): df["affected"].to_numpy(),
            _pct("series.affected", lang): _percent(df["on_target_rate_affected"]).to_numpy(),
        }
    )


def covid_by_year(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame()
    wide = df.pivot_table(
        index=["fiscal_year", "covid_impact"],
        columns="achievement_level",
        values="evaluations",
        aggfunc="sum",
        fill_value=0,
    ).reindex(columns=list(LEVELS), fill_value=0)
    out = pd.DataFrame(
        {
            t("col.fiscal_year", lang): [fy_label(y, lang) for y, _ in wide.index],
            t("col.covid", lang): [
                t("series.affected_short" if a else "series.not_affected_short", lang)
                for _, a in wide.index
            ],
        }
    )
    for level in LEVELS:
        out[t("unit.count_col", lang, c=level_label(level, lang))] = wide[level].to_numpy()
    out[_count("col.evaluations", lang)] = wide.sum(axis=1).to_numpy()
    return out


def achievement_tree(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame()
    leaves = df["initiative_id"].map(lambda v: isinstance(v, str))
    out = {
        t("col.goal", lang): [t("goal.short", lang, v=g) for g in df["goal_id"]],
        t("col.direction", lang): [
            f"{d} {n}"
            for d, n in zip(
                df["direction_id"], df[name_column("direction_name", lang)], strict=True
            )
        ],
    }
    if leaves.any():
        # the same initiative in two terms is two rows: the term tells them apart
        out[t("col.term", lang)] = [
            t("term.short", lang, v=int(v)) if pd.notna(v) else "" for v in df["term_id"]
        ]
        out[t("col.name", lang)] = df[name_column("name", lang)].fillna("").to_numpy()
    out[_count("col.on_target", lang)] = df["on_target"].to_numpy()
    out[_count("col.evaluations", lang)] = df["evaluations"].to_numpy()
    out[_pct("col.rate", lang)] = _percent(df["on_target"] / df["evaluations"]).to_numpy()
    return pd.DataFrame(out)


def transitions(df: pd.DataFrame, lang: str, **_) -> pd.DataFrame:
    """The matrix: one row per earlier level, one column per later level (件)."""
    grid = (
        df.pivot_table(index="from_level", columns="to_level", values="projects", aggfunc="sum")
        .reindex(index=list(LEVELS), columns=list(LEVELS))
        .fillna(0)
        .astype(int)
    )
    out = pd.DataFrame({t("axis.from_level", lang): [level_label(lv, lang) for lv in LEVELS]})
    for level in LEVELS:
        out[t("unit.count_col", lang, c=t("axis.to_level_n", lang, v=level))] = grid[
            level
        ].to_numpy()
    return out


def dash_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A number that does not exist (a rate over no evaluation) reads 「—」, not nan or None."""
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) and values.isna().any():
            whole = values.dropna().eq(values.dropna().round()).all()
            out[column] = [
                "—" if pd.isna(v) else (f"{int(v)}" if whole else f"{v:.1f}") for v in values
            ]
    return out


def for_chart(chart_name: str, df: pd.DataFrame, lang: str, **chart_args) -> pd.DataFrame:
    """The table of ``charts.<chart_name>`` drawn from ``df``."""
    return dash_missing(globals()[chart_name](df, lang, **chart_args))
