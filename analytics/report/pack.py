"""``build_pack``: the meeting pack as bytes, for the review page and the command line."""

from __future__ import annotations

from analytics import queries
from analytics.filters import Filters
from analytics.report.browser import ChromiumMissing, chromium, html_to_pdf, render_images
from analytics.report.printable import review_html
from analytics.report.sections import pack_figures, provenance_note
from analytics.report.workbook import review_xlsx
from analytics.review import build_review


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
