"""The indicators page in real Chromium at 1366×768 on a copy of the reference database (its
20 term-3 indicators), through `reference_server` and `browser` of tests/conftest.py; the
screenshot goes to test-artifacts/indicators.png."""

from __future__ import annotations

import pytest

from analytics.config import CHROMIUM
from tests.test_browser import ARTIFACTS, TIMEOUT_MS, errors, wait_ready

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk)",
    ),
]


def test_indicators_page_in_chromium_at_1366x768(reference_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="ja-JP")
    try:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{reference_server['base']}/indicators")
        wait_ready(page, "成果指標の達成状況")
        page.locator(".js-plotly-plot").nth(20).wait_for()  # the counts and 20 small charts
        assert page.get_by_text("2024年度の状況").first.is_visible()
        assert errors(page) == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "indicators.png"))
        page.screenshot(path=str(ARTIFACTS / "indicators-full.png"), full_page=True)
    finally:
        page.context.close()
