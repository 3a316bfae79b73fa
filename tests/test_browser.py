"""Real Chromium (Debian's, driven by Playwright) against `streamlit run` on a free local port,
on a copy of the fixture database. Screenshots go to test-artifacts/. The fixtures `server`,
`fresh_server`, `browser` and `page` are in tests/conftest.py (one Chromium for the run, one
server for the tests that only read).

Skipped, with a message saying so, where /usr/bin/chromium does not exist."""

from __future__ import annotations

import csv
import io
import re
import time
import urllib.parse
from pathlib import Path

import duckdb
import pytest

from analytics.config import CHROMIUM
from tests.conftest import ROOT, TIMEOUT_MS
from tests.fixture_data import HOSTILE_NAME
from ui import first_paint
from ui.testing import IDLE_JS

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk; .ci/run does this)",
    ),
]


def wait_idle(pg) -> None:
    """Until the app's run has ended (Streamlit's running indicator gone)."""
    pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


def wait_ready(pg, title: str) -> None:
    pg.get_by_role("heading", name=title, level=1).wait_for()
    wait_idle(pg)


def errors(pg) -> int:
    return pg.locator('[data-testid="stException"]').count()


def shot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def test_a_shared_deep_link_works_as_the_first_request_to_a_fresh_server(fresh_server, page):
    # A server of its own: it has served nothing yet.
    page.goto(f"{fresh_server['base']}/bureaus?term=3&covid=exclude")
    wait_ready(page, "部局別")
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("第3期・コロナ影響ありを除く").first.is_visible()
    assert "/bureaus" in page.url and "term=3" in page.url
    assert errors(page) == 0


def test_the_first_filter_a_member_chooses_on_a_fresh_server_is_kept(fresh_server, browser):
    """The first session of a fresh server starts in Streamlit's pages-folder mode; its first
    filter change used to be dropped (the select box went back to すべて, the URL stayed bare)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(f"{fresh_server['base']}/")
    wait_ready(pg, "概要")
    pg.locator(".js-plotly-plot").first.wait_for()
    box = pg.locator("[data-testid=stSidebar]").get_by_label("新型コロナの影響")
    option = pg.get_by_role("option", name="影響ありを除く")
    for _ in range(10):  # a click while the first runs settle can leave the list closed
        box.click()
        try:
            option.wait_for(timeout=3_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: open it again
            pg.keyboard.press("Escape")
    option.click()
    pg.locator(".js-plotly-plot .gtitle", has_text="コロナ影響ありを除く").first.wait_for()
    pg.wait_for_function("() => location.search.includes('covid=exclude')")
    time.sleep(1)  # a late rerun that dropped the choice would show here
    assert box.input_value() == "影響ありを除く"
    assert "covid=exclude" in pg.url
    context.close()


# When the note in place of the filters appeared (and how often), when the first chart was drawn
# and with what title, and when the sidebar's first select box came: milliseconds since navigation.
FIRST_PAINT_WATCH = """
window.__seen = {notes: 0};
const marker = '.st-key-MARKER';
let shown = false;
const look = () => {
  const seen = window.__seen, now = performance.now();
  const note = !!document.querySelector(marker);
  if (note && !shown) { seen.notes += 1; seen.note ??= now; }
  shown = note;
  const box = !!document.querySelector('[data-testid=stSidebar] [data-testid=stSelectbox]');
  const title = document.querySelector('.js-plotly-plot .gtitle');
  if (title && seen.chart === undefined) {
    seen.chart = now; seen.title = title.textContent; seen.box_with_chart = box;
    seen.below_with_chart = document.body.innerText.includes('に目標を下回った取組');
  }
  if (box) seen.box ??= now;
};
new MutationObserver(look).observe(document, {subtree: true, childList: true});
""".replace("MARKER", first_paint.MARKER)


def test_a_sessions_first_screen_comes_first_and_its_filters_follow_by_themselves(server, browser):
    """A session's first run draws the overview's charts with the link's filters and a note where
    the filters will be; the filters and the rest of the page follow without a click, once; a
    later page of the same session has its filters at once (ui/first_paint.py)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.add_init_script(FIRST_PAINT_WATCH)
    try:
        pg.goto(f"{server['base']}/?goal=1&covid=exclude")
        wait_ready(pg, "概要")
        seen = pg.evaluate("window.__seen")
        assert seen["notes"] == 1
        assert seen["note"] < seen["chart"] < seen["box"]
        assert not seen["box_with_chart"]
        assert not seen["below_with_chart"]  # the overview's part below its charts came later
        assert "コロナ影響ありを除く" in seen["title"]  # the link's filters, from the first screen
        sidebar = pg.locator("[data-testid=stSidebar]")
        assert sidebar.get_by_label("新型コロナの影響").input_value() == "影響ありを除く"
        chips = sidebar.locator("[data-testid=stMultiSelect]", has_text="基本目標").locator(
            "[data-tag]"
        )
        assert chips.count() == 1 and chips.first.get_attribute("aria-label").startswith("1.")
        assert pg.get_by_role("heading", name="に目標を下回った取組").count() == 1
        assert pg.locator(f".st-key-{first_paint.MARKER}").count() == 0
        sidebar.get_by_role("link", name="達成度の推移").click()
        wait_ready(pg, "達成度の推移")
        assert pg.evaluate("window.__seen.notes") == 1  # no note on the session's next page
        assert sidebar.get_by_label("新型コロナの影響").first.is_visible()
        assert "covid=exclude" in pg.url and "goal=1" in pg.url
        assert errors(pg) == 0
    finally:
        context.close()


def test_a_first_page_with_nothing_to_show_still_gets_its_filters(server, page):
    """The fixture data has no outcome indicators, so 成果指標の達成状況 says so and shows nothing
    else. As a session's first page it still gets its filters after its first screen: it used to
    stop its run there (st.stop), and nothing was left to ask for the next run."""
    page.goto(f"{server['base']}/indicators")
    wait_ready(page, "成果指標の達成状況")
    assert page.get_by_text("この条件に該当する成果指標はありません。").is_visible()
    assert page.locator("[data-testid=stSidebar]").get_by_label("新型コロナの影響").is_visible()
    assert errors(page) == 0


@pytest.mark.parametrize(
    "path, title, charts",
    [
        ("", "概要", 1),  # the open tab's chart; the fixture has no indicators
        ("trends", "達成度の推移", 2),
        ("initiatives", "取組一覧", 0),
        ("bureaus", "部局別", 1),
        ("review", "総括評価（プラン計画期間 2016〜2025年度）", 2),
        ("about", "データについて", 0),
    ],
)
def test_every_page_loads_with_its_charts_and_no_error(server, page, path, title, charts):
    started = time.monotonic()
    page.goto(f"{server['base']}/{path}")
    wait_ready(page, title)
    if charts:
        page.locator(".js-plotly-plot").nth(charts - 1).wait_for()
        elapsed = time.monotonic() - started
        print(f"\n{path or 'overview'}: {charts} chart(s) shown after {elapsed:.2f} s")
    assert page.locator(".js-plotly-plot").count() >= charts
    assert errors(page) == 0
    assert page.locator('[data-testid="stDialog"]').count() == 0
    print(f"screenshot: {shot(page, path or 'overview')}")


def test_a_filter_change_updates_a_chart(server, page):
    page.goto(f"{server['base']}/")
    wait_ready(page, "概要")
    page.locator(".js-plotly-plot").first.wait_for()
    box = page.get_by_label("取組名・事業コードで検索")
    box.fill("海外")
    box.press("Enter")
    page.locator(".js-plotly-plot .gtitle", has_text="「海外」を含む").first.wait_for()
    assert "q=" in page.url
    assert errors(page) == 0


def test_language_switch_to_english(server, page):
    page.goto(f"{server['base']}/")
    wait_ready(page, "概要")
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    wait_ready(page, "Overview")
    page.locator(
        ".js-plotly-plot .gtitle", has_text="Achievement levels by fiscal year"
    ).first.wait_for()
    assert "lang=en" in page.url


def test_csv_download_has_a_bom_and_exactly_the_filtered_rows(server, page):
    page.goto(f"{server['base']}/initiatives?term=3")
    wait_ready(page, "取組一覧")
    page.get_by_text("この条件の評価すべてをダウンロード").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="CSVをダウンロード").click()
    download = info.value
    assert download.suggested_filename.startswith(
        "kawasaki-intl-evaluations-"
    ) and download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    con = duckdb.connect(str(server["db"]), read_only=True)
    expected = con.execute(
        "select count(*) from evaluations e join initiatives i on i.initiative_id = e.initiative_id where i.term_id = 3"
    ).fetchone()[0]
    con.close()
    assert len(rows) - 1 == expected == 12


def test_hostile_initiative_name_is_text_and_raises_no_dialog(server, page):
    page.goto(f"{server['base']}/initiatives?q=30000020")
    wait_ready(page, "取組一覧")
    page.get_by_label("取組の推移を見る").click()
    page.get_by_role("option", name=re.compile(re.escape(HOSTILE_NAME))).click()
    page.get_by_role("heading", name=HOSTILE_NAME).wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    time.sleep(1)
    assert page.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert errors(page) == 0
    shot(page, "initiative-detail")


# A search text a shared link could carry: each Markdown construct Streamlit would render,
# Streamlit's icon, colour and emoji codes included (an icon even survives a backslash).
MARKDOWN_SEARCH = ":material/warning: :material_home: :streamlit: :red[赤] :smile: **太字** [リンク](https://example.org)"
# Parameter names the link makes up: the notice that they were ignored names them.
MARKDOWN_KEYS = [":material_home:", "[x](//evil.example)", "www.example.org"]


@pytest.mark.parametrize(
    "path, title",
    [
        ("", "概要"),
        ("trends", "達成度の推移"),
        ("initiatives", "取組一覧"),
        ("bureaus", "部局別"),
        ("review", "総括評価（プラン計画期間 2016〜2025年度）"),
    ],
)
def test_a_search_text_in_the_link_is_shown_literally_under_the_title(server, page, path, title):
    """The context under each page's title names the search text, and the notice names the
    parameters it ignored: as typed, never as an icon, a colour, bold text or a link."""
    params = {"q": MARKDOWN_SEARCH, **dict.fromkeys(MARKDOWN_KEYS, "1")}
    page.goto(f"{server['base']}/{path}?" + urllib.parse.urlencode(params))
    wait_ready(page, title)
    caption = page.locator("[data-testid=stMain] [data-testid=stCaptionContainer]").first
    notice = page.locator("[data-testid=stAlert]", has_text="URLの次の指定は")
    # invisible word joiners aside (ui.widgets.md), each reads exactly as typed
    assert f"「{MARKDOWN_SEARCH}」を含む" in caption.inner_text().replace("\u2060", "")
    assert all(key in notice.inner_text().replace("\u2060", "") for key in MARKDOWN_KEYS)
    for shown in (caption, notice.locator("[data-testid=stMarkdownContainer]")):
        # Streamlit's icons from Markdown are span[role=img], its logo an img, colours a styled span
        for rendered in ("span[role=img]", "img", "strong", "span[style]"):
            assert shown.locator(rendered).count() == 0, rendered

    # no links at all: a web address is code, read and copied as typed (GFM would have linked
    # it with the 」を含む after it); the Markdown link [リンク](…) is text
    for shown in (caption, notice):
        assert shown.locator("a").count() == 0
    assert caption.locator("code").all_inner_texts() == ["https://example.org"]
    assert notice.locator("code").all_inner_texts() == ["www.example.org=1"]
    assert errors(page) == 0


def test_clicking_a_bar_drills_down_to_the_initiatives(server, page):
    page.goto(f"{server['base']}/")
    wait_ready(page, "概要")
    bar = page.locator(".js-plotly-plot").first.locator("g.point path >> visible=true").nth(3)
    bar.wait_for()
    bar.click(force=True)
    page.wait_for_url("**/initiatives**")
    wait_ready(page, "取組一覧")
    assert "fy_from=" in page.url and "fy_to=" in page.url
    assert "level=" in page.url  # issue 13: the segment's level, not every level of that year
    assert errors(page) == 0


def test_clicking_a_treemap_cell_narrows_the_filters(server, page):
    page.goto(f"{server['base']}/trends")
    wait_ready(page, "達成度の推移")
    tree = page.locator(".js-plotly-plot").nth(2)
    tree.scroll_into_view_if_needed()
    tree.locator("g.slice").nth(1).click(force=True)
    # issue 13: the drill bar at the top names the filter, with 解除 and 戻る
    page.get_by_text("絞り込み中:").wait_for()
    page.wait_for_url(re.compile(r"(direction|goal)="))
    page.get_by_role("button", name="戻る").click()
    page.wait_for_url(lambda url: "direction=" not in url and "goal=" not in url)
    assert errors(page) == 0


def test_a_treemap_opened_at_one_direction_leaves_its_own_cell_as_it_is(server, page):
    """One direction chosen: the treemap opens at it with its initiatives. A click on the
    direction's own cell narrows nothing, so no 絞り込み中 bar comes up for it."""
    page.goto(f"{server['base']}/trends?direction=3-2")
    wait_ready(page, "達成度の推移")
    tree = page.locator(".js-plotly-plot").nth(2)
    tree.scroll_into_view_if_needed()
    assert tree.locator("g.slice").count() > 1  # the direction and its initiatives
    tree.locator("g.slice").first.click(force=True, position={"x": 40, "y": 8})
    time.sleep(1.5)
    page.wait_for_function(IDLE_JS)
    assert page.get_by_text("絞り込み中:").count() == 0
    assert "direction=3-2" in page.url
    assert errors(page) == 0


# A heat-map cell (the last with a rate, or the first without) and where its centre is on the
# screen: the heat map's last trace holds one invisible point per cell with [bureau, year, n].
HEAT_CELL = """(empty) => {
  const gd = document.querySelector('.js-plotly-plot');
  const cells = gd.data[gd.data.length - 1], L = gd._fullLayout;
  const n = cells.customdata.map((c) => c[2]);
  const i = empty ? n.findIndex((v) => !v) : n.length - 1 - [...n].reverse().findIndex((v) => v > 0);
  const box = gd.getBoundingClientRect();
  const yi = L.yaxis._categories.indexOf(cells.y[i]), xi = L.xaxis._categories.indexOf(cells.x[i]);
  const step = Math.abs(L.xaxis.c2p(1) - L.xaxis.c2p(0));
  return {x: box.left + L.xaxis._offset + L.xaxis.c2p(xi), y: box.top + L.yaxis._offset + L.yaxis.c2p(yi),
          step, bureau: cells.customdata[i][0], fy: cells.customdata[i][1], n: n[i]};
}"""


def _heat_cell(page, empty: bool) -> dict:
    # after a click the page reruns and the chart may be mounted anew: wait until it is drawn
    wait_idle(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)
    time.sleep(0.5)
    cell = page.evaluate(HEAT_CELL, empty)
    page.evaluate(
        "(y) => document.querySelector('[data-testid=stMain]').scrollBy(0, y)",
        max(0, cell["y"] - 500),
    )
    time.sleep(0.5)
    return page.evaluate(HEAT_CELL, empty)


def test_clicking_a_heat_map_cell_drills_to_its_bureau_and_year(server, page):
    """Plotly cannot select a heat-map cell, so a click on one used to reach the app empty and
    do nothing. A click anywhere in the cell, not only at its centre, opens that bureau's
    initiatives in that year; a click on an empty cell (no evaluation) stays where it is."""
    page.goto(f"{server['base']}/bureaus")
    wait_ready(page, "部局別")
    empty = _heat_cell(page, empty=True)
    assert empty["n"] == 0  # the reference data has bureaus that began later
    page.mouse.click(empty["x"] + 0.35 * empty["step"], empty["y"], delay=50)
    time.sleep(3)
    assert "/bureaus" in page.url and "bureau=" not in page.url
    assert page.get_by_text("絞り込み中:").count() == 0
    cell = _heat_cell(page, empty=False)
    assert cell["n"] > 0
    # off the centre, towards the cell's edge (a cell is `step` wide)
    page.mouse.click(cell["x"] + 0.35 * cell["step"], cell["y"], delay=50)
    page.wait_for_url("**/initiatives**")
    wait_ready(page, "取組一覧")
    assert f"bureau={cell['bureau']}" in page.url
    assert f"fy_from={cell['fy']}" in page.url and f"fy_to={cell['fy']}" in page.url
    assert errors(page) == 0


def test_review_page_downloads_the_meeting_pack(server, page):
    import openpyxl

    page.goto(f"{server['base']}/review")
    wait_ready(page, "総括評価（プラン計画期間 2016〜2025年度）")
    page.get_by_text("対象は2016年度〜2024年度").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel（XLSX）").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames[0] == "表紙" and book["評価データ"].max_row - 1 == 24
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="PDF").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    assert info.value.suggested_filename.startswith("kawasaki-intl-review-")
    assert errors(page) == 0


@pytest.mark.parametrize("path", ["", "trends", "initiatives", "bureaus", "review", "about"])
def test_hostile_url_and_data_never_run_on_any_page(server, page, path):
    # invalid UTF-8 (%FF%FE, %C3%28) and markup in the URL; a hostile name and notes in the data
    page.goto(
        f"{server['base']}/{path}?q=%FF%FE%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&term=%C3%28&goal=%3Cscript%3E"
    )
    page.locator("h1").first.wait_for()
    wait_idle(page)
    page.goto(f"{server['base']}/{path}?q=30000020")
    page.locator("h1").first.wait_for()
    wait_idle(page)
    time.sleep(0.5)
    assert errors(page) == 0 and page.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator("strong", has_text="太字").count() == 0
