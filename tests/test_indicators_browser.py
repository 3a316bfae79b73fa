"""The indicators page in real Chromium at 1366×768 on a copy of the reference database (its
20 term-3 indicators); the screenshot goes to test-artifacts/indicators.png."""

from __future__ import annotations

import shutil

import pytest

from analytics.config import CHROMIUM, CHROMIUM_FLAGS
from tests.test_browser import ARTIFACTS, TIMEOUT_MS, errors, wait_ready
from ui.testing import streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk)",
    ),
]


def test_indicators_page_in_chromium_at_1366x768(reference_db_file, tmp_path):
    from playwright.sync_api import sync_playwright

    db = tmp_path / "browser.duckdb"
    shutil.copyfile(reference_db_file, db)
    with (
        streamlit_server(db, tmp_path / "streamlit.log") as server,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="ja-JP")
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{server['base']}/indicators")
        wait_ready(page, "指標の達成状況（成果指標）")
        page.locator(".js-plotly-plot").nth(20).wait_for()  # the counts and 20 small charts
        assert page.get_by_text("2024年度の状況").first.is_visible()
        assert errors(page) == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "indicators.png"))
        page.screenshot(path=str(ARTIFACTS / "indicators-full.png"), full_page=True)
        browser.close()
