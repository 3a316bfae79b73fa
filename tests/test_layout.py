"""What a committee member sees on a laptop (1366×768) and an iPad in landscape (1024×768): no chart
text runs into other text or past the chart's edge, no text is too small to read, and the headline
figures are not cut off. Real Chromium against `streamlit run` on the reference data, every page and
every tab. Axis tick labels (fiscal years above all) are read without turning the head: not
rotated. Screenshots of each go to test-artifacts/layout/.

How the boxes are measured: for every visible SVG text of a Plotly chart (ticks, legend, titles,
annotations, treemap and heat-map labels; hover labels excluded), the text's own box
(``getBBox``) is mapped to the screen with its full transform (``getScreenCTM``), so a rotated label
is a rotated quadrilateral, not its axis-aligned hull. Two quadrilaterals overlap when no edge of
either separates them (the separating-axis test), allowing one pixel of touch."""

from __future__ import annotations

import time

import pytest

from analytics.config import CHROMIUM
from tests.conftest import ROOT
from ui.testing import IDLE_JS

ARTIFACTS = ROOT / "test-artifacts" / "layout"
TIMEOUT_MS = 60_000
SIZES = {"laptop": (1366, 768), "ipad": (1024, 768)}
MIN_FONT_PX = 9  # smaller than this is not readable on a projector or a laptop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk; .ci/run does this)",
    ),
]

# Runs in the page: every visible text of every Plotly chart, as a screen quadrilateral.
COLLECT_TEXTS = """
() => {
  const visible = (el, root) => {
    for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
      if (a.getAttribute && a.getAttribute('opacity') === '0') return false;
    }
    return true;
  };
  const charts = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, index) => {
    if (!visible(plot, plot) || plot.getBoundingClientRect().width === 0) return;
    const r = plot.getBoundingClientRect();
    const texts = [];
    plot.querySelectorAll('svg text').forEach((el) => {
      if (el.closest('.hoverlayer') || el.closest('.modebar')) return;
      const content = (el.textContent || '').trim();
      if (!content || !visible(el, plot)) return;
      let bb;
      try { bb = el.getBBox(); } catch (e) { return; }
      if (bb.width === 0 || bb.height === 0) return;
      const m = el.getScreenCTM();
      const corners = [[bb.x, bb.y], [bb.x + bb.width, bb.y], [bb.x + bb.width, bb.y + bb.height], [bb.x, bb.y + bb.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
      const fontSize = parseFloat(getComputedStyle(el).fontSize) || 0;
      const scale = Math.sqrt(m.a * m.a + m.b * m.b);
      const cls = (el.getAttribute('class') || '') + ' in ' + ((el.parentElement && el.parentElement.getAttribute('class')) || '');
      const tick = !!el.closest('g[class*="tick"]');
      const angle = Math.round(Math.atan2(m.b, m.a) * 180 / Math.PI);
      texts.push({text: content.slice(0, 40), cls, corners, px: fontSize * scale, tick, angle});
    });
    const title = plot.querySelector('.gtitle');
    charts.push({index, title: title ? title.textContent.slice(0, 50) : '', box: [r.left, r.top, r.right, r.bottom], texts});
  });
  return charts;
}
"""

# Runs in the page: headline metrics whose label or value is cut off (ellipsis or overflow).
TRUNCATED_METRICS = """
() => {
  const cut = [];
  document.querySelectorAll('[data-testid="stMetric"]').forEach((m) => {
    m.querySelectorAll('[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"], [data-testid="stMetricValue"]').forEach((el) => {
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) cut.push((el.textContent || '').trim().slice(0, 40));
    });
  });
  return [...new Set(cut)];
}
"""


def _axes(quad):
    for i in range(4):
        (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4]
        yield (y1 - y2, x2 - x1)  # the edge's normal


def overlap(a, b, touch: float = 1.0) -> bool:
    """Whether two convex quadrilaterals overlap by more than ``touch`` pixels (separating axes)."""
    for ax, ay in list(_axes(a)) + list(_axes(b)):
        length = (ax * ax + ay * ay) ** 0.5
        if length == 0:
            continue
        pa = [(x * ax + y * ay) / length for x, y in a]
        pb = [(x * ax + y * ay) / length for x, y in b]
        if max(pa) - touch <= min(pb) or max(pb) - touch <= min(pa):
            return False
    return True


def problems_in(charts: list[dict]) -> list[str]:
    found = []
    for chart in charts:
        where = f"chart {chart['index']} «{chart['title']}»"
        left, top, right, bottom = chart["box"]
        texts = chart["texts"]
        for t in texts:
            xs = [x for x, _ in t["corners"]]
            ys = [y for _, y in t["corners"]]
            if (
                min(xs) < left - 1
                or max(xs) > right + 1
                or min(ys) < top - 1
                or max(ys) > bottom + 1
            ):
                found.append(f"{where}: «{t['text']}» ({t['cls']}) is clipped by the chart's edge")
            if t["tick"] and t["angle"] != 0:
                found.append(f"{where}: tick «{t['text']}» is rotated {t['angle']}°")
            if t["px"] < MIN_FONT_PX:
                found.append(f"{where}: «{t['text']}» is {t['px']:.1f} px, too small to read")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if overlap(a["corners"], b["corners"]):
                    found.append(
                        f"{where}: «{a['text']}» ({a['cls']}) overlaps «{b['text']}» ({b['cls']})"
                    )
    return found


def test_the_overlap_check_itself():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    shifted = [(x + 5, y + 5) for x, y in square]
    apart = [(x + 20, y) for x, y in square]
    touching = [(x + 10, y) for x, y in square]
    # a diamond whose hull would overlap the square but whose rotated box does not
    diamond = [(16, 5), (21, 0), (26, 5), (21, 10)]
    diamond_in = [(8, 5), (13, 0), (18, 5), (13, 10)]
    assert overlap(square, shifted) and overlap(shifted, square)
    assert not overlap(square, apart)
    assert not overlap(square, touching)
    assert not overlap(square, diamond)
    assert overlap(square, diamond_in)


@pytest.fixture(scope="module")
def server(reference_server):
    """This module's pages on the reference data: the run's shared server on a copy of the
    reference database (tests/conftest.py), as is `browser`."""
    return reference_server


def _settle(pg) -> None:
    """Wait until the script run has finished and the charts have stopped drawing: the number of
    charts and of their texts is the same over three looks half a second apart."""
    pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    seen: list[int] = []
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        seen.append(
            pg.evaluate(
                "() => document.querySelectorAll('.js-plotly-plot').length * 100000"
                " + document.querySelectorAll('.js-plotly-plot svg text').length"
            )
        )
        if len(seen) >= 4 and len(set(seen[-3:])) == 1:
            return
        time.sleep(0.5)


PAGES = ["", "trends", "initiatives", "bureaus", "indicators", "review", "about"]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_no_chart_text_overlaps_or_is_clipped(server, browser, path, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        pg.goto(f"{server['base']}/{path}")
        pg.locator("h1").first.wait_for()
        _settle(pg)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        found: list[str] = []
        tabs = pg.get_by_role("tab")
        views = [None] + list(range(1, tabs.count()))  # the first tab is open already
        for view in views:
            name = "" if view is None else f"-tab{view}"
            if view is not None:
                tabs.nth(view).click()
                _settle(pg)
            label = f"{path or 'overview'}{name} at {width}×{height}"
            found += [f"{label}: {p}" for p in problems_in(pg.evaluate(COLLECT_TEXTS))]
            found += [f"{label}: metric cut off: «{m}»" for m in pg.evaluate(TRUNCATED_METRICS)]
            _screenshots(pg, ARTIFACTS / f"{path or 'overview'}{name}-{width}")
        assert not found, "\n".join(found)
    finally:
        context.close()


# Runs in the page: every chip of a chosen value in the sidebar, with whether its text is cut.
CHIPS = """
() => [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]')]
  .map((chip) => {
    const text = chip.querySelector('span');
    const box = chip.closest('[data-testid="stMultiSelect"]').getBoundingClientRect();
    const r = chip.getBoundingClientRect();
    return {
      text: text.textContent,
      cut: text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1,
      inside: r.left >= box.left - 1 && r.right <= box.right + 1,
    };
  })
"""
CHOSEN = "term=1,2,3&bureau=coastal-strategy,education,ward-nakahara&direction=1-2,2-2,3-3"
CHIPS_EXPECTED = {
    "ja": [
        "第1期",
        "第2期",
        "第3期",
        "1-2 企業の海外展開による国際競争力の強化",
        "2-2 海外から人を川崎にひきつけるまちづくり",
        "3-3 グローバル都市・川崎を担う人材の育成・活用等",
        "臨海部国際戦略本部",
        "教育委員会事務局",
        "中原区役所",
    ],
    "en": [
        "Term 1",
        "Term 2",
        "Term 3",
        "1-2 Strengthening competitiveness through companies' overseas expansion",
        "2-2 A city that draws people from abroad",
        "3-3 Developing the people who carry global Kawasaki",
        "Coastal Area International Strategy Headquarters",
        "Board of Education Secretariat",
        "Nakahara Ward Office",
    ],
}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_chosen_filter_chips_read_in_full(server, browser, size, lang):
    """Three terms, three directions and three bureaus chosen: every chip in the sidebar shows its
    whole text (wrapped, not cut with 「…」) inside the widget. At 1024 px the sidebar starts
    collapsed; a member opens it."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        pg.goto(f"{server['base']}/?{CHOSEN}" + ("&lang=en" if lang == "en" else ""))
        pg.locator("h1").first.wait_for()
        _settle(pg)
        if width < 1100:
            opener = pg.locator('[data-testid="stExpandSidebarButton"]')
            opener.wait_for()
            opener.click()
            pg.wait_for_function(
                "() => document.querySelector('[data-testid=\"stSidebar\"]')"
                ".getBoundingClientRect().left >= 0"
            )
            time.sleep(0.5)  # the sidebar slides in
        # a loaded machine can finish the main block before the sidebar's widgets
        pg.wait_for_function(
            "(n) => document.querySelectorAll('[data-testid=\"stSidebar\"] [data-tag]').length >= n",
            arg=len(CHIPS_EXPECTED[lang]),
        )
        chips = pg.evaluate(CHIPS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.set_viewport_size({"width": width, "height": 1400})  # the whole sidebar
        time.sleep(0.5)
        pg.screenshot(path=str(ARTIFACTS / f"chips-{lang}-{width}.png"))
        assert [c["text"] for c in chips] == CHIPS_EXPECTED[lang]
        assert [c["text"] for c in chips if c["cut"] or not c["inside"]] == []
    finally:
        context.close()


SIDEBAR_OPEN = (
    "() => { const bar = document.querySelector('[data-testid=\"stSidebar\"]');"
    " return !!bar && bar.getAttribute('data-collapsed') === 'false'"
    " && bar.getBoundingClientRect().left >= 0; }"
)


def test_at_1024_the_sidebar_starts_collapsed_and_stays_open_once_opened(server, browser):
    """Below 1100 px the sidebar collapses on a browser's first page. Streamlit remembers that,
    so a second tab starts collapsed; a member who opens the sidebar there keeps it open (the
    script that collapses it once per tab used to close it again at once)."""
    width, height = SIZES["ipad"]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    try:
        for tab, path in enumerate(("initiatives", "bureaus")):
            pg = context.new_page()
            pg.set_default_timeout(TIMEOUT_MS)
            pg.goto(f"{server['base']}/{path}")
            pg.locator("h1").first.wait_for()
            _settle(pg)
            bar = pg.locator('[data-testid="stSidebar"]')
            assert bar.get_attribute("data-collapsed") == "true", tab
            pg.locator('[data-testid="stExpandSidebarButton"]').click()
            pg.wait_for_function(SIDEBAR_OPEN)
            time.sleep(1.5)  # longer than the script keeps looking after a page is drawn
            assert pg.evaluate(SIDEBAR_OPEN), tab
            if tab == 0:
                pg.locator('[data-testid="stSidebarCollapseButton"] button').click()
                pg.wait_for_function(
                    "() => document.querySelector('[data-testid=\"stSidebar\"]')"
                    ".getAttribute('data-collapsed') === 'true'"
                )
    finally:
        context.close()


def _screenshots(pg, stem) -> None:
    """The first screen as a person sees it, then the whole page (Streamlit scrolls its main block,
    not the window, so the page is drawn at the height of its content)."""
    pg.screenshot(path=f"{stem}.png")
    full = pg.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    size = pg.viewport_size
    pg.set_viewport_size({"width": size["width"], "height": min(int(full), 12000)})
    time.sleep(0.5)
    pg.screenshot(path=f"{stem}-full.png")
    pg.set_viewport_size(size)
    time.sleep(0.3)
