"""The pack as printable HTML (A4, one section per page); the PDF is this, printed by Chromium."""

from __future__ import annotations

import html
from datetime import datetime

import pandas as pd

from analytics.export import TOKYO
from analytics.i18n import fy_label, t
from analytics.indicators import summary as indicator_summary
from analytics.report.sections import chart_data, yes_no
from analytics.review import (
    Review,
    cut_label,
    level_table,
    movers_table,
    summary_figures,
    summary_text,
)
from analytics.tables import exceptions_table
from analytics.theme import PRINT_CSS


def review_html(
    review: Review, lang: str, images: dict[str, str] | None, provenance_note: str
) -> str:
    e = html.escape
    latest = fy_label(review.latest, lang) if review.latest else "-"
    sections = []
    sections.append(
        f"""<section class="first"><h1>{e(t("review.cover", lang))}</h1>
<p class="meta">{e(t("download.about.generated", lang))}: {e(datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M"))} ・
{e(t("download.about.filters", lang))}: {e(review.context(lang))}</p>
<p class="banner">{e(provenance_note)}</p>
<h2>{e(t("review.summary", lang))}</h2><p class="summary" id="summary">{e(summary_text(review, lang))}</p>
<h3>{e(t("review.figures", lang))}</h3>{_table(summary_figures(review, lang), lang)}</section>"""
    )
    # follows the summary on page 1, so the first page is not half blank; one column a level
    # (「12件（10.5%）」), so that all five fit the page's width (the XLSX has them apart)
    goals, directions = (
        _table(level_table(frame, lang, group, compact=True), lang)
        for frame, group in ((review.term_goal, "goal"), (review.term_direction, "direction"))
    )
    sections.append(
        f'<section class="flow"><h2>{e(t("review.term_goal", lang))}</h2>{goals}</section>'
    )
    sections.append(
        f"<section><h2>{e(t('review.term_direction', lang))}</h2>{directions}</section>"
    )
    if images:
        figures = "".join(f'<img alt="{e(name)}" src="{src}">' for name, src in images.items())
    else:
        figures = f'<p class="meta">{e(t("review.no_images", lang))}</p>'
    rates = (t("axis.on_target_rate", lang), t("series.without_affected", lang))
    table_data = chart_data(review, lang).assign(
        **{c: lambda d, c=c: (d[c].astype(float) * 100).round(1) for c in rates}
    )
    sections.append(
        f"<section><h2>{e(t('review.trend', lang))}</h2>{figures}{_table(table_data, lang)}</section>"
    )
    if review.from_fy and review.to_fy:
        a, b = fy_label(review.from_fy, lang), fy_label(review.to_fy, lang)
        sections.append(
            f"<section><h2>{e(t('review.movers', lang, a=a, b=b))}</h2>"
            f"<h3>{e(t('review.improved', lang) + cut_label(review.movers, lang, True))}</h3>{_table(movers_table(review.movers, lang, review.from_fy, review.to_fy, True), lang)}"
            f"<h3>{e(t('review.declined', lang) + cut_label(review.declined, lang, False))}</h3>{_table(movers_table(review.declined, lang, review.from_fy, review.to_fy, False), lang)}</section>"
        )
    sections.append(
        f"<section><h2>{e(t('review.below', lang, fy=latest))}</h2>{_table(exceptions_table(review.below_latest, lang), lang)}</section>"
    )
    if review.indicators is not None and not review.indicators.empty:
        sections.append(
            indicator_summary.section_html(review.indicators, lang, lambda f: _table(f, lang))
        )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(t("review.cover", lang))}</title>'
        f"<style>{PRINT_CSS}</style></head><body>{''.join(sections)}</body></html>"
    )


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and pd.isna(v)) or (isinstance(v, str) and not v)


def _table(frame: pd.DataFrame, lang: str) -> str:
    """A printed table: あり/なし for flags, no column that is empty in every row."""
    if frame.empty:
        return "<p>-</p>"
    frame = frame[[c for c in frame.columns if not frame[c].map(_blank).all()]]
    frame = yes_no(frame, lang)
    e = html.escape
    head = "".join(f"<th>{e(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for v in row:
            numeric = isinstance(v, int | float) and not isinstance(v, bool)
            if v is None or (isinstance(v, float) and pd.isna(v)):
                text = ""
            else:
                text = f"{v:.1f}" if isinstance(v, float) else str(v)
            cells.append(f'<td class="num">{e(text)}</td>' if numeric else f"<td>{e(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
