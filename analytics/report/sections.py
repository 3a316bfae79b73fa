"""What the pack says, in either format: its figures, the chart data and the cover lines."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from analytics import charts, queries
from analytics.export import TOKYO
from analytics.i18n import fy_label, t
from analytics.review import Review, summary_text


def yes_no(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Flag columns (all True/False) as あり/なし, for both formats of the pack."""
    return frame.apply(
        lambda col: (
            col.map(lambda v: t("value.yes" if v else "value.no", lang))
            if len(col) and col.map(lambda v: isinstance(v, bool | np.bool_)).all()
            else col
        )
    )


def pack_figures(review: Review, lang: str) -> dict:
    ctx = review.context(lang)
    return {
        "trend": charts.on_target_by_year_and_group(
            review.by_goal_year, lang, ctx, review.fiscal_years, events=review.events
        ),
        "covid": charts.covid_rate_by_year(
            review.covid, lang, ctx, review.fiscal_years, review.events
        ),
    }


def as_fractions(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    out = frame.copy()
    for c in columns:
        out[c] = out[c] / 100
    return out


def chart_data(review: Review, lang: str) -> pd.DataFrame:
    by_year = review.by_year.set_index("fiscal_year")
    covid = review.covid.set_index("fiscal_year")
    years = list(by_year.index)
    return pd.DataFrame(
        {
            t("col.fiscal_year", lang): [fy_label(y, lang) for y in years],
            t("col.evaluations", lang): [int(by_year.at[y, "evaluations"]) for y in years],
            t("col.on_target", lang): [int(by_year.at[y, "on_target"]) for y in years],
            t("axis.on_target_rate", lang): [float(by_year.at[y, "on_target_rate"]) for y in years],
            t("col.covid_affected", lang): [int(covid.at[y, "affected"]) for y in years],
            t("series.without_affected", lang): [
                covid.at[y, "on_target_rate_without_affected"] for y in years
            ],
        }
    )


def cover_lines(review: Review, lang: str) -> list[tuple[str, str]]:
    return [
        (t("review.cover", lang), ""),
        (t("download.about.generated", lang), datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M")),
        (t("download.about.filters", lang), review.context(lang)),
        (
            t("download.about.query", lang),
            "&".join(f"{k}={v}" for k, v in review.filters.to_query().items()) or "-",
        ),
        (t("download.about.provenance", lang), review.numbers.get("provenance", "")),
        (t("review.summary", lang), summary_text(review, lang)),
    ]


def provenance_note(con, lang: str) -> str:
    status = queries.data_status(con)
    return t(
        "download.about.sample",
        lang,
        n=status.get("sample_evaluations") or 0,
        total=status.get("evaluations") or 0,
    )
