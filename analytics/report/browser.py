"""Headless Chromium for the pack's chart images and its PDF."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

from analytics.config import CHROMIUM, CHROMIUM_FLAGS


class ChromiumMissing(RuntimeError):
    pass


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
