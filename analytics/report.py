"""The meeting pack of the overall review: XLSX, printable HTML (charts as static images) and PDF.

    python -m analytics.report --out FILE.{xlsx,html,pdf} [--db PATH] [--lang ja|en]
        [--term 3] [--fy_from 2016] [--fy_to 2025] [--goal 1,2] [--direction 1-1]
        [--bureau port] [--covid all|only|exclude] [--disaster ...] [--new 1] [--q TEXT]
        [--compare-from 2023] [--compare-to 2024]

The filter options are the URL parameters' names. Chart images and the PDF are made with
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright); where it is missing the
HTML carries the tables without images and the PDF is refused with a message saying how to get it.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd

from analytics import charts, export, queries
from analytics.config import db_path
from analytics.export import TOKYO
from analytics.filters import KEYS, Filters
from analytics.i18n import describe_filters, fy_label, t
from analytics.indicators import summary as indicator_summary
from analytics.review import Review, build_review, level_table, movers_table, summary_text

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ChromiumMissing(RuntimeError):
    pass


# ---- the figures of the pack -----------------------------------------------------------------


def pack_figures(review: Review, lang: str) -> dict:
    ctx = describe_filters(review.filters, lang)
    return {
        "trend": charts.on_target_by_year_and_group(
            review.by_goal_year, lang, ctx, review.fiscal_years
        ),
        "covid": charts.covid_rate_by_year(review.covid, lang, ctx, review.fiscal_years),
    }


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """One headless Chromium for the chart images and the PDF."""
    if not CHROMIUM.exists():
        raise ChromiumMissing(str(CHROMIUM))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def render_images(browser, figures: dict, width: int = 1000, height: int = 420) -> dict[str, str]:
    """PNG data URLs of Plotly figures, drawn by plotly.js in the browser (static, no JavaScript left)."""
    from plotly.offline import get_plotlyjs

    page = browser.new_page()
    page.set_content(
        '<html><head><meta charset="utf-8"></head><body><div id="c"></div></body></html>'
    )
    page.add_script_tag(content=get_plotlyjs())
    images = {}
    for name, fig in figures.items():
        spec = json.loads(fig.to_json())
        images[name] = page.evaluate(
            """async ([spec, w, h]) => {
                const el = document.getElementById('c');
                await Plotly.newPlot(el, spec.data, {...spec.layout, width: w, height: h}, {staticPlot: true});
                return await Plotly.toImage(el, {format: 'png', width: w, height: h, scale: 2});
            }""",
            [spec, width, height],
        )
    page.close()
    return images


def html_to_pdf(browser, document: str) -> bytes:
    page = browser.new_page()
    page.set_content(document, wait_until="load")
    pdf = page.pdf(
        format="A4",
        print_background=True,
        margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"},
    )
    page.close()
    return pdf


# ---- XLSX ------------------------------------------------------------------------------------


def review_xlsx(review: Review, lang: str, rows: pd.DataFrame) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "表紙" if lang == "ja" else "Cover"
    for label, value in _cover_lines(review, lang):
        cover.append([label, value])
    cover["A1"].font = Font(bold=True, size=14)
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 110
    for row in cover.iter_rows():
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    def sheet(title: str, frame: pd.DataFrame, percent: tuple[str, ...] = ()) -> None:
        ws = book.create_sheet(title[:31])
        frame = export.neutralise(frame)  # any text a spreadsheet would run as a formula
        ws.append(list(frame.columns))
        for values in frame.itertuples(index=False):
            ws.append(
                [
                    None
                    if (isinstance(v, float) and pd.isna(v))
                    else (v.item() if hasattr(v, "item") else v)
                    for v in values
                ]
            )
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, column in enumerate(frame.columns, start=1):
            letter = get_column_letter(i)
            longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(100)])
            ws.column_dimensions[letter].width = min(50, max(9, longest * 1.5))
            if column in percent:
                for cell in ws[letter][1:]:
                    cell.number_format = "0.0%"
        ws.freeze_panes = "A2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"

    shares = tuple(t("review.col.level_share", lang, v=v) for v in range(1, 6)) + (
        t("col.rate", lang),
    )
    sheet(
        t("review.term_goal", lang),
        _as_fractions(level_table(review.term_goal, lang, "goal"), shares),
        shares,
    )
    sheet(
        t("review.term_direction", lang),
        _as_fractions(level_table(review.term_direction, lang, "direction"), shares),
        shares,
    )
    sheet(
        t("review.chart_data", lang),
        _chart_data(review, lang),
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
    from analytics.tables import exceptions_table

    sheet(
        t("review.below", lang, fy=fy_label(review.latest, lang) if review.latest else "-")[:31],
        export.neutralise(exceptions_table(review.below_latest, lang)),
    )
    if review.indicators is not None and not review.indicators.empty:
        sheet(t("page.indicators", lang), indicator_summary.sheet_table(review.indicators, lang))
    sheet(t("review.rows", lang), export.export_frame(rows, lang))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _as_fractions(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    out = frame.copy()
    for c in columns:
        out[c] = out[c] / 100
    return out


def _chart_data(review: Review, lang: str) -> pd.DataFrame:
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


def _cover_lines(review: Review, lang: str) -> list[tuple[str, str]]:
    return [
        (t("review.cover", lang), ""),
        (t("download.about.generated", lang), datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M")),
        (t("download.about.filters", lang), describe_filters(review.filters, lang)),
        (
            t("download.about.query", lang),
            "&".join(f"{k}={v}" for k, v in review.filters.to_query().items()) or "-",
        ),
        (t("download.about.provenance", lang), review.numbers.get("provenance", "")),
        (t("review.summary", lang), summary_text(review, lang)),
    ]


# ---- HTML ------------------------------------------------------------------------------------

PRINT_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", Meiryo, sans-serif;
       font-size: 10.5pt; color: #1b1b1b; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 6mm; color: #1f5fa6; }
h2 { font-size: 13pt; margin: 0 0 3mm; border-bottom: 2px solid #1f5fa6; padding-bottom: 1mm; }
section { page-break-before: always; break-before: page; }
section.first { page-break-before: auto; break-before: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 4mm; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #dde6f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td:first-child { white-space: nowrap; }
td:nth-child(2) { min-width: 42mm; }
tr { page-break-inside: avoid; }
img { width: 100%; height: auto; margin-bottom: 4mm; }
.summary { font-size: 11.5pt; line-height: 1.8; background: #f2f5f9; padding: 4mm 5mm; border-left: 4px solid #1f5fa6; }
.meta { color: #555; font-size: 9pt; }
.banner { color: #7a4b00; background: #fff4e0; padding: 2mm 4mm; font-size: 9pt; }
"""


def review_html(
    review: Review, lang: str, images: dict[str, str] | None, provenance_note: str
) -> str:
    e = html.escape
    latest = fy_label(review.latest, lang) if review.latest else "-"
    sections = []
    sections.append(
        f"""<section class="first"><h1>{e(t("review.cover", lang))}</h1>
<p class="meta">{e(t("download.about.generated", lang))}: {e(datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M"))} ・
{e(t("download.about.filters", lang))}: {e(describe_filters(review.filters, lang))}</p>
<p class="banner">{e(provenance_note)}</p>
<h2>{e(t("review.summary", lang))}</h2><p class="summary" id="summary">{e(summary_text(review, lang))}</p></section>"""
    )
    sections.append(
        f"<section><h2>{e(t('review.term_goal', lang))}</h2>{_table(level_table(review.term_goal, lang, 'goal'))}</section>"
    )
    sections.append(
        f"<section><h2>{e(t('review.term_direction', lang))}</h2>{_table(level_table(review.term_direction, lang, 'direction'))}</section>"
    )
    if images:
        figures = "".join(f'<img alt="{e(name)}" src="{src}">' for name, src in images.items())
    else:
        figures = f'<p class="meta">{e(t("review.no_images", lang))}</p>'
    rates = (t("axis.on_target_rate", lang), t("series.without_affected", lang))
    chart_data = _chart_data(review, lang).assign(
        **{c: lambda d, c=c: (d[c].astype(float) * 100).round(1) for c in rates}
    )
    sections.append(
        f"<section><h2>{e(t('review.trend', lang))}</h2>{figures}{_table(chart_data)}</section>"
    )
    if review.from_fy and review.to_fy:
        a, b = fy_label(review.from_fy, lang), fy_label(review.to_fy, lang)
        sections.append(
            f"<section><h2>{e(t('review.movers', lang, a=a, b=b))}</h2>"
            f"<h3>{e(t('review.improved', lang))}</h3>{_table(movers_table(review.movers, lang, review.from_fy, review.to_fy, True))}"
            f"<h3>{e(t('review.declined', lang))}</h3>{_table(movers_table(review.declined, lang, review.from_fy, review.to_fy, False))}</section>"
        )
    from analytics.tables import exceptions_table

    sections.append(
        f"<section><h2>{e(t('review.below', lang, fy=latest))}</h2>{_table(exceptions_table(review.below_latest, lang))}</section>"
    )
    if review.indicators is not None and not review.indicators.empty:
        sections.append(indicator_summary.section_html(review.indicators, lang, _table))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(t("review.cover", lang))}</title>'
        f"<style>{PRINT_CSS}</style></head><body>{''.join(sections)}</body></html>"
    )


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>-</p>"
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


# ---- one entry point for the page and the command line ----------------------------------------


def provenance_note(con, lang: str) -> str:
    status = queries.data_status(con)
    return t(
        "download.about.sample",
        lang,
        n=status.get("sample_evaluations") or 0,
        total=status.get("evaluations") or 0,
    )


def build_pack(
    con,
    kind: str,
    filters: Filters,
    lang: str = "ja",
    compare: tuple[int | None, int | None] = (None, None),
) -> bytes:
    """The meeting pack as bytes: kind is xlsx, html or pdf. Raises ChromiumMissing for a PDF without Chromium."""
    review = build_review(con, filters, *compare)
    note = provenance_note(con, lang)
    review.numbers["provenance"] = note
    if kind == "xlsx":
        return review_xlsx(review, lang, queries.evaluations(con, filters))
    if kind == "html":
        try:
            with chromium() as browser:
                images = render_images(browser, pack_figures(review, lang))
        except ChromiumMissing:
            images = None
        return review_html(review, lang, images, note).encode("utf-8")
    if kind == "pdf":
        with chromium() as browser:
            document = review_html(
                review, lang, render_images(browser, pack_figures(review, lang)), note
            )
            return html_to_pdf(browser, document)
    raise ValueError(f"unknown pack kind {kind!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analytics.report", description="Write the overall review's meeting pack."
    )
    parser.add_argument("--out", type=Path, required=True, help="FILE.xlsx, FILE.html or FILE.pdf")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    parser.add_argument("--lang", choices=["ja", "en"], default="ja")
    parser.add_argument(
        "--compare-from",
        type=int,
        default=None,
        help="first year of the improved/declined comparison",
    )
    parser.add_argument(
        "--compare-to", type=int, default=None, help="second year (default: the latest evaluated)"
    )
    for key in KEYS:
        parser.add_argument(f"--{key}", default=None, help=f"same as the URL parameter '{key}'")
    args = parser.parse_args(argv)
    kind = args.out.suffix.lower().lstrip(".")
    if kind not in ("xlsx", "html", "pdf"):
        print(f"error: --out must end in .xlsx, .html or .pdf: {args.out}", file=sys.stderr)
        return 2
    query = {k: getattr(args, k) for k in KEYS if getattr(args, k) is not None}
    filters = Filters.from_query(query)
    if filters.ignored:
        print(
            f"error: cannot read filter option(s): {', '.join('--' + k for k in filters.ignored)}",
            file=sys.stderr,
        )
        return 2
    path = args.db or db_path()
    if not Path(path).exists():
        print(
            f"error: database not found: {path} (build it with: python -m analytics.ingest build)",
            file=sys.stderr,
        )
        return 1
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        data = build_pack(con, kind, filters, args.lang, (args.compare_from, args.compare_to))
    except ChromiumMissing:
        print(
            "error: the PDF needs Chromium (/usr/bin/chromium: apt-get install chromium); write --out FILE.html and print it to PDF from a browser instead",
            file=sys.stderr,
        )
        return 1
    finally:
        con.close()
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
