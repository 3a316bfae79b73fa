"""The browser's Back and Forward buttons (issue 13, Must 6): real Chromium against `streamlit
run` on a copy of the fixture database, like tests/test_browser.py (own server and browser, so
the tests here do not depend on the order of that module's tests).

Skipped, with a message saying so, where /usr/bin/chromium does not exist."""

from __future__ import annotations

import re
import shutil

import pytest

from analytics.config import CHROMIUM, CHROMIUM_FLAGS
from ui.testing import IDLE_JS, streamlit_server

TIMEOUT_MS = 120_000  # generous: the machine may be shared with other test runs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk; .ci/run does this)",
    ),
]


@pytest.fixture(scope="module")
def server(fixture_db_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("history") / "history.duckdb"
    shutil.copyfile(fixture_db_file, db)
    with streamlit_server(db, tmp_path_factory.mktemp("logs") / "streamlit.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


def settled(pg, title: str) -> None:
    """The page titled ``title`` is shown and no run is going on."""
    pg.get_by_role("heading", name=title, level=1).wait_for()
    pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


def sidebar(pg):
    return pg.locator("[data-testid=stSidebar]")


def chips(pg, label: str) -> list[str]:
    """The values a sidebar multiselect shows, by its label."""
    box = sidebar(pg).locator("[data-testid=stMultiSelect]", has_text=label)
    return box.locator("[data-tag]").evaluate_all(
        "tags => tags.map(t => t.getAttribute('aria-label'))"
    )


def years_shown(pg) -> list[str]:
    return sidebar(pg).locator("[data-testid=stSliderThumbValue]").all_inner_texts()


def choose(pg, label: str, option: str) -> None:
    """Open a sidebar select box by its label and click an option; a rerun that ends while the
    list opens closes it again, so open it until the option shows."""
    for _ in range(5):
        settled_run(pg)
        sidebar(pg).get_by_role("combobox", name=label).click()
        try:
            pg.get_by_role("option", name=option).click(timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - the list closed under the click: open it again
            pg.keyboard.press("Escape")
    raise AssertionError(f"option {option} of {label} did not open")


def settled_run(pg) -> None:
    pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


def chart_titles(pg) -> list[str]:
    return pg.locator(".js-plotly-plot .gtitle").all_text_contents()


def test_back_after_a_drill_down_returns_to_the_page_and_filters_before_the_click(server, page):
    page.goto(f"{server['base']}/?term=3")
    settled(page, "概要")
    page.locator(".js-plotly-plot .gtitle").first.wait_for()
    before_titles = chart_titles(page)
    assert any("第3期" in title for title in before_titles)
    assert years_shown(page) == ["2016年度", "2025年度"]
    assert chips(page, "達成度") == []

    # the fourth segment of the level bars: fiscal 2023, level 3 (the fixture's term-3 years)
    bar = page.locator(".js-plotly-plot").first.locator("g.point path >> visible=true").nth(3)
    bar.click(force=True)
    page.wait_for_url("**/initiatives**")
    settled(page, "取組一覧")
    page.get_by_text("絞り込み中:").wait_for()
    assert "level=3" in page.url and "fy_from=2023" in page.url
    assert years_shown(page) == ["2023年度", "2023年度"]
    assert chips(page, "達成度") == ["3 ほぼ目標どおり"]

    page.go_back()
    settled(page, "概要")
    page.wait_for_function("() => !location.search.includes('level=')")
    page.locator(".js-plotly-plot .gtitle").first.wait_for()
    settled(page, "概要")
    assert re.search(r"/(overview)?\?term=3$", page.url), page.url
    assert years_shown(page) == ["2016年度", "2025年度"]
    assert chips(page, "達成度") == []
    assert chips(page, "実行プログラム（期）") == ["第3期"]
    assert chart_titles(page) == before_titles
    assert page.get_by_text("絞り込み中:").count() == 0

    # Forward opens the drilled view again, with its bar (Streamlit left one entry between)
    page.go_forward()
    page.go_forward()
    page.wait_for_url("**/initiatives**")
    settled(page, "取組一覧")
    page.get_by_text("絞り込み中:").wait_for()
    assert chips(page, "達成度") == ["3 ほぼ目標どおり"]
    assert years_shown(page) == ["2023年度", "2023年度"]

    # the bar's 戻る still works in one click, and Back after it shows the drilled view again
    page.get_by_role("button", name="戻る").click()
    page.wait_for_url(re.compile(r"/(overview)?\?term=3$"))
    settled(page, "概要")
    assert chips(page, "達成度") == [] and page.get_by_text("絞り込み中:").count() == 0
    page.go_back()
    page.wait_for_url("**/initiatives?*level=3*")
    settled(page, "取組一覧")
    page.get_by_text("絞り込み中:").wait_for()
    assert chips(page, "達成度") == ["3 ほぼ目標どおり"]
    assert page.locator('[data-testid="stException"]').count() == 0


def test_back_after_a_sidebar_change_returns_to_the_previous_filters(server, page):
    page.goto(f"{server['base']}/")
    settled(page, "概要")
    page.locator(".js-plotly-plot .gtitle").first.wait_for()
    covid = sidebar(page).get_by_label("新型コロナの影響")
    choose(page, "新型コロナの影響", "影響ありを除く")
    page.wait_for_function("() => location.search.includes('covid=exclude')")
    page.locator(".js-plotly-plot .gtitle", has_text="コロナ影響ありを除く").first.wait_for()
    settled(page, "概要")
    one_change = chart_titles(page)

    choose(page, "実行プログラム（期）", "第3期")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('term=3')")
    page.locator(".js-plotly-plot .gtitle", has_text="第3期").first.wait_for()
    settled(page, "概要")

    page.go_back()
    page.wait_for_function("() => !location.search.includes('term=3')")
    settled(page, "概要")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.js-plotly-plot .gtitle')]"
        ".some(t => t.textContent.includes('第3期'))"
    )
    assert chips(page, "実行プログラム（期）") == []
    assert covid.input_value() == "影響ありを除く"
    assert "covid=exclude" in page.url
    assert chart_titles(page) == one_change

    page.go_back()
    page.wait_for_function("() => !location.search.includes('covid=')")
    settled(page, "概要")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.js-plotly-plot .gtitle')]"
        ".some(t => t.textContent.includes('コロナ影響ありを除く'))"
    )
    assert covid.input_value() == "すべて"
    assert page.locator('[data-testid="stException"]').count() == 0


CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_switching_language_keeps_every_filter_and_names_them_in_the_new_language(server, page):
    """Streamlit 1.67 keeps a select box's, multiselect's or slider's choice as its label, and the
    labels change with the language: a switch used to drop the years and the COVID choice, keep
    the goal's chip in Japanese, and the switch back failed with an error."""
    page.goto(f"{server['base']}/initiatives?fy_from=2019&fy_to=2021&covid=exclude&goal=1")
    settled(page, "取組一覧")
    wanted = ["fy_from=2019", "fy_to=2021", "covid=exclude", "goal=1"]
    for lang, title, years, covid, goal in (
        ("English", "Initiatives", ["FY2019", "FY2021"], "Exclude affected", "Basic goal"),
        ("日本語", "取組一覧", ["2019年度", "2021年度"], "影響ありを除く", "基本目標"),
        ("English", "Initiatives", ["FY2019", "FY2021"], "Exclude affected", "Basic goal"),
    ):
        sidebar(page).get_by_text(lang, exact=True).click()
        settled(page, title)
        assert all(part in page.url for part in wanted), page.url
        assert ("lang=en" in page.url) == (lang == "English")
        assert years_shown(page) == years
        assert sidebar(page).get_by_label(covid_label(lang)).input_value() == covid
        goals = chips(page, goal)
        assert len(goals) == 1 and goals[0].startswith("1.")
        assert bool(CJK.search(goals[0])) == (lang == "日本語"), goals
        assert page.locator('[data-testid="stException"]').count() == 0


def covid_label(lang: str) -> str:
    return "COVID-19 impact" if lang == "English" else "新型コロナの影響"


def test_the_overview_draws_the_open_tabs_chart_and_keeps_that_tab(server, page):
    """The overview's two charts are tabs of which only the open one is drawn (a filter change
    redraws one chart, not two). The trend tab, once opened, stays open through a language switch
    and through a drill-down from its chart and 戻る."""

    def open_tab() -> str:
        return page.locator('[role="tab"][aria-selected="true"]').inner_text()

    page.goto(f"{server['base']}/?term=3")
    settled(page, "概要")
    page.locator(".js-plotly-plot .gtitle", has_text="年度別の達成度の構成").wait_for()
    assert open_tab() == "年度別の達成度"
    assert not [t for t in chart_titles(page) if "割合の推移" in t]

    page.get_by_role("tab", name="基本目標別の達成率").click()
    page.locator(".js-plotly-plot .gtitle", has_text="割合の推移").wait_for()
    settled_run(page)
    assert not [t for t in chart_titles(page) if "年度別の達成度の構成" in t]

    sidebar(page).get_by_text("English", exact=True).click()
    settled(page, "Overview")
    page.locator(".js-plotly-plot .gtitle", has_text="share on target").wait_for()
    assert open_tab() == "On-target rate by goal"
    sidebar(page).get_by_text("日本語", exact=True).click()
    settled(page, "概要")
    page.locator(".js-plotly-plot .gtitle", has_text="割合の推移").wait_for()
    assert open_tab() == "基本目標別の達成率"

    # a point of the trend: its year and goal in 取組一覧; then 戻る, or the browser's Back, to
    # the overview with the same tab open
    for back in (lambda: page.get_by_role("button", name="戻る").click(), page.go_back):
        trend = page.locator(".js-plotly-plot", has_text="割合の推移")
        trend.locator(".scatterlayer .points path.point >> visible=true").first.click(force=True)
        page.wait_for_url("**/initiatives**")
        settled(page, "取組一覧")
        page.get_by_text("絞り込み中:").wait_for()
        assert "goal=" in page.url and "fy_from=" in page.url
        back()
        page.wait_for_url(re.compile(r"/(overview)?\?term=3$"))
        settled(page, "概要")
        page.locator(".js-plotly-plot .gtitle", has_text="割合の推移").wait_for()
        assert open_tab() == "基本目標別の達成率"
    assert page.locator('[data-testid="stException"]').count() == 0


def test_years_moved_on_the_slider_stay_through_another_filter_change(server, page):
    """The 年度 slider moved with the keyboard narrows the view, and the years stay when the COVID
    choice changes next (Streamlit 1.67 read the slider's two ends as one year, then every year:
    a member's years were dropped by the next change, and dragging seemed to do nothing)."""
    page.goto(f"{server['base']}/initiatives")
    settled(page, "取組一覧")
    assert years_shown(page) == ["2016年度", "2025年度"]
    thumbs = sidebar(page).get_by_role("slider")
    thumbs.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    thumbs.last.focus()  # leaving the thumb lets the slider send its value
    page.wait_for_function("() => location.search.includes('fy_from=2018')")
    settled_run(page)
    assert years_shown(page) == ["2018年度", "2025年度"]
    choose(page, "新型コロナの影響", "影響ありを除く")
    page.wait_for_function("() => location.search.includes('covid=exclude')")
    settled_run(page)
    assert "fy_from=2018" in page.url
    assert years_shown(page) == ["2018年度", "2025年度"]
    assert page.locator('[data-testid="stException"]').count() == 0
