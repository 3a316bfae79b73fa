"""The indicators section of the overall review (総括評価) and the meeting pack: counts per
status, which indicators were achieved, which worsened (with their notes), written from the same
query results as the tables so the text and the tables cannot disagree."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analytics.filters import Filters
from analytics.i18n import fy_label, t
from analytics.indicators import queries
from analytics.indicators.tables import counts_table, download_table, named_list


@dataclass
class IndicatorSection:
    fiscal_year: int | None
    status: pd.DataFrame  # queries.indicator_status
    counts: dict[str, int]  # per status, every status present

    @property
    def empty(self) -> bool:
        return self.status.empty

    @property
    def has_sample(self) -> bool:
        return queries.has_sample(self.status)


def build_section(con, filters: Filters | None = None) -> IndicatorSection:
    status = queries.indicator_status(con, filters)
    year = int(status["fiscal_year"].iloc[0]) if len(status) else None
    return IndicatorSection(year, status, queries.counts_by_status(status))


def _names(status: pd.DataFrame, which: str, lang: str, with_notes: bool) -> str:
    part = status[status["status"] == which]
    name = "name_en" if lang == "en" else "name_ja"
    items = []
    for label, ja, note in zip(part[name], part["name_ja"], part["actual_note"], strict=True):
        text = label if isinstance(label, str) and label else ja
        quoted = f"「{text}」" if lang == "ja" else f"“{text}”"
        if with_notes and isinstance(note, str) and note:
            quoted += t("ind.s.note", lang, note=note)
        items.append(quoted)
    return ("、" if lang == "ja" else "; ").join(items)


def summary_text(section: IndicatorSection, lang: str = "ja") -> str:
    """A few sentences: the counts per status, the achieved and the worsened (with notes)."""
    if section.empty:
        return t("ind.s.none", lang)
    parts = [
        t(
            "ind.s.counts",
            lang,
            n=len(section.status),
            fy=fy_label(section.fiscal_year, lang),
            **section.counts,
        )
    ]
    if section.counts["achieved"]:
        parts.append(
            t("ind.s.achieved", lang, names=_names(section.status, "achieved", lang, False))
        )
    if section.counts["worsened"]:
        parts.append(
            t("ind.s.worsened", lang, names=_names(section.status, "worsened", lang, True))
        )
    if section.has_sample:
        parts.append(t("ind.s.sample", lang))
    return ("" if lang == "ja" else " ").join(parts)


def section_tables(section: IndicatorSection, lang: str = "ja") -> list[tuple[str, pd.DataFrame]]:
    """(title, table) pairs: counts per goal, the achieved, the worsened with notes."""
    if section.empty:
        return []
    return [
        (
            t("ind.review", lang, fy=fy_label(section.fiscal_year, lang)),
            counts_table(queries.status_counts(section.status), lang),
        ),
        (t("ind.achieved_list", lang), named_list(section.status, "achieved", lang)),
        (t("ind.worsened_list", lang), named_list(section.status, "worsened", lang)),
    ]


def sheet_table(section: IndicatorSection, lang: str = "ja") -> pd.DataFrame:
    """Every indicator with its status, note and where its numbers come from (the XLSX sheet)."""
    return download_table(section.status, lang)


def section_html(
    section: IndicatorSection, lang: str, table_html: Callable[[pd.DataFrame], str]
) -> str:
    """The pack's indicators section; ``table_html`` is the pack's own table renderer."""
    e = html.escape
    if section.empty:
        return f"<section><h2>{e(t('ind.title', lang))}</h2><p>{e(t('ind.s.none', lang))}</p></section>"
    (title, counts), *lists = section_tables(section, lang)
    body = [f"<h2>{e(title)}</h2>", f'<p class="summary">{e(summary_text(section, lang))}</p>']
    body.append(table_html(counts))
    for heading, frame in lists:
        body.append(f"<h3>{e(heading)}</h3>{table_html(frame)}")
    return f"<section>{''.join(body)}</section>"
