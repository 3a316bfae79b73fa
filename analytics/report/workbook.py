"""The pack as a workbook: a cover, the tables, the chart data and the rows."""

from __future__ import annotations

import pandas as pd

from analytics import export, xlsx
from analytics.i18n import fy_label, t
from analytics.indicators import summary as indicator_summary
from analytics.report.sections import as_fractions, chart_data, cover_lines, yes_no
from analytics.review import Review, level_table, movers_table
from analytics.tables import exceptions_table


def review_xlsx(review: Review, lang: str, rows: pd.DataFrame) -> bytes:
    book = xlsx.workbook()
    xlsx.pairs_sheet(
        book, "表紙" if lang == "ja" else "Cover", cover_lines(review, lang), title_row=True
    )

    def sheet(title: str, frame: pd.DataFrame, percent: tuple[str, ...] = ()) -> None:
        # neutralise: any text a spreadsheet would run as a formula
        xlsx.table_sheet(book, title, export.neutralise(frame), percent=percent, printable=True)

    shares = tuple(t("review.col.level_share", lang, v=v) for v in range(1, 6)) + (
        t("unit.pct_col", lang, c=t("col.rate", lang)),
    )
    sheet(
        t("review.term_goal", lang),
        as_fractions(level_table(review.term_goal, lang, "goal"), shares),
        shares,
    )
    sheet(
        t("review.term_direction", lang),
        as_fractions(level_table(review.term_direction, lang, "direction"), shares),
        shares,
    )
    sheet(
        t("review.chart_data", lang),
        chart_data(review, lang),
        (t("axis.on_target_rate", lang), t("series.without_affected", lang)),
    )
    if review.from_fy and review.to_fy:
        sheet(
            t("review.improved", lang),
            movers_table(
                review.movers, lang, review.from_fy, review.to_fy, improved=True, limit=1000
            ),
        )
        sheet(
            t("review.declined", lang),
            movers_table(
                review.declined, lang, review.from_fy, review.to_fy, improved=False, limit=1000
            ),
        )
    sheet(
        t("review.below", lang, fy=fy_label(review.latest, lang) if review.latest else "-")[:31],
        export.neutralise(yes_no(exceptions_table(review.below_latest, lang), lang)),
    )
    if review.indicators is not None and not review.indicators.empty:
        sheet(t("page.indicators", lang), indicator_summary.sheet_table(review.indicators, lang))
    sheet(t("review.rows", lang), export.export_frame(rows, lang))
    return xlsx.to_bytes(book)
