"""The plan's facts as the database holds them: its period (the fiscal years of its terms) and the
events of its time (plan_events). Nothing here knows a year; everything is read from the tables
``queries.fiscal_years`` and ``queries.plan_events`` return."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import name_column, t


def period(fiscal_years: pd.DataFrame) -> tuple[int, int] | None:
    """The plan's first and last fiscal year."""
    if fiscal_years is None or fiscal_years.empty:
        return None
    return int(fiscal_years["fiscal_year"].min()), int(fiscal_years["fiscal_year"].max())


def event_span(events: pd.DataFrame | None, kind: str) -> tuple[int, int] | None:
    """The first and last fiscal year of the earliest event of a kind ('covid', 'disaster')."""
    if events is None or events.empty:
        return None
    rows = events[events["kind"] == kind].sort_values("first_fy")
    if rows.empty:
        return None
    return int(rows.iloc[0]["first_fy"]), int(rows.iloc[0]["last_fy"])


def before(fiscal_years: pd.DataFrame, events: pd.DataFrame | None, kind: str):
    """The plan's years before the first event of a kind: (first, last), or None."""
    span, plan = event_span(events, kind), period(fiscal_years)
    if span is None or plan is None or span[0] <= plan[0]:
        return None
    return plan[0], span[0] - 1


def label(event, lang: str) -> str:
    """An event's label (a row of plan_events) in the display language."""
    return str(event[name_column("label", lang)])


def labels(events: pd.DataFrame | None, kind: str, lang: str) -> list[str]:
    """The labels of the events of a kind, earliest first."""
    if events is None or events.empty:
        return []
    rows = events[events["kind"] == kind].sort_values("first_fy")
    return [str(v) for v in rows[name_column("label", lang)]]


def review_title(fiscal_years: pd.DataFrame, lang: str) -> str:
    """「総括評価（プラン計画期間 …〜…年度）」 from the plan's own years."""
    span = period(fiscal_years)
    if span is None:
        return t("review.title_plain", lang)
    return t("review.title", lang, a=span[0], b=span[1])
