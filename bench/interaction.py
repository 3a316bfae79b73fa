"""What the committee feels in the browser, against a yardstick measured in the same run.

Two timings, each for the dashboard's overview and for `bench/minimal_app.py` (one Plotly chart,
one sidebar select box), in Debian's Chromium at 1366×768:

- first chart: from navigation to the first Plotly chart drawn (median of the loads after a first
  one that warms the server); beside it, with no target, the same load until the whole page is
  drawn and the sidebar's select box is there (a session's first run draws the dashboard's filters
  after its first screen, ui/first_paint.py, so this says they do not come later for it);
- filter change: from the click on another option of the sidebar's COVID select box to the end of
  the rerun with every chart the filter applies to drawn again for the new choice (no element left
  stale, every such chart's title showing the new filter). Which charts those are is found in a
  warm-up change: the ones whose title changes with the choice. On the overview that is the level
  and trend charts; the indicators' chart takes no COVID filter, so Streamlit does not redraw it.

Both apps are served at once and timed in turns (dashboard then minimal app, then the other way
round), so that a machine that slows down or speeds up during the run weighs on both alike; timing
one app after the other let such drift decide a ratio. Between turns the page settles (Streamlit
draws a changed chart a second time once its width is known) and the bench waits a second, so that
neither app is timed under the other's leftover work.

`python -m bench.interaction [--db PATH] [--loads N] [--changes N]` prints a Markdown table with the
medians (and ranges) and the ratios dashboard / minimal app.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.testing import IDLE_JS  # noqa: E402 - after the project's root is on the path

# The overview's COVID select box and the minimal app's: option labels as shown in Japanese.
DASHBOARD = {"script": "dashboard.py", "label": "コロナの影響", "options": ["除く", "すべて"]}
MINIMAL = {"script": "bench/minimal_app.py", "label": "コロナの影響", "options": ["除く", "すべて"]}

# Done when the run has ended, nothing is stale and every chart that depends on the select box
# (found in the warm-up: its title changes with the choice) shows the chosen option. A chart the
# filter does not apply to (the overview's indicator chart under a COVID filter) is not redrawn by
# Streamlit at all, and its title rightly does not name the filter.
REDRAWN = """
({has, absent, charts}) => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (!plots.length) return false;
  const chosen = charts ? plots.filter((p, i) => charts.includes(i)) : plots;
  return chosen.every((p) => { const t = p.querySelector('.gtitle'); return t && t.textContent.includes(has) && !(absent && t.textContent.includes(absent)); });
}
"""
QUIET = 1.0  # seconds between turns
# The whole page drawn (no run going, no element waiting for its code, no first-screen note where
# the filters will be) and nothing stale.
SETTLED = f"() => ({IDLE_JS})() && !document.querySelector('[data-stale=\"true\"]')"
TITLES = "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => (p.querySelector('.gtitle') || {}).textContent || '')"


def _open(page, label: str, option: str):
    """Open the sidebar select box and return ``option`` in its list, ready to click. A click that
    lands while the page is still settling leaves the box closed: click again until it opens."""
    box = page.locator("[data-testid=stSidebar]").get_by_label(label, exact=False).first
    wanted = page.get_by_role("option", name=option, exact=False).first
    for _ in range(20):
        box.click()
        try:
            wanted.wait_for(timeout=3_000)
            return wanted
        except Exception:  # playwright's TimeoutError: the list did not open
            continue
    raise RuntimeError(f"the select box {label!r} did not open")


def _load(browser, server: dict, app: dict) -> tuple[float, float]:
    """Seconds to the first chart, and to the whole page with the sidebar's select box ready."""
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="ja-JP")
    started = time.perf_counter()
    page.goto(server["base"] + "/")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    first = time.perf_counter() - started
    box = page.locator("[data-testid=stSidebar]").get_by_label(app["label"], exact=False).first
    box.wait_for(timeout=120_000)
    page.wait_for_function(SETTLED, timeout=120_000)
    ready = time.perf_counter() - started
    page.close()
    time.sleep(QUIET)  # the server's run and the closed page's work end before the next turn
    return first, ready


def _settled_page(browser, server: dict):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="ja-JP")
    page.goto(server["base"] + "/")
    page.wait_for_function(REDRAWN, arg={"has": "", "absent": "", "charts": None}, timeout=120_000)
    page.wait_for_function(SETTLED, timeout=120_000)
    time.sleep(2)  # every chart drawn
    return page


def _change(page, app: dict, option: str, charts: list[int]) -> float:
    item = _open(page, app["label"], option)
    started = time.perf_counter()  # from the choice, not from opening the list
    item.click()
    wanted = {"has": "", "absent": "除く"} if option == "すべて" else {"has": option, "absent": ""}
    page.wait_for_function(REDRAWN, arg={**wanted, "charts": charts}, timeout=120_000)
    elapsed = time.perf_counter() - started
    # Streamlit draws a changed chart a second time once its width is known: let that and the
    # end of the run pass before the other app's turn, so that neither is timed under the other's
    # leftover work
    page.wait_for_function(SETTLED, timeout=120_000)
    time.sleep(QUIET)
    return elapsed


def _redrawn_charts(page, app: dict) -> list[int]:
    """The warm-up change: the charts whose title changes with the choice."""
    before = page.evaluate(TITLES)
    _open(page, app["label"], app["options"][0]).click()
    page.wait_for_function(SETTLED, timeout=120_000)
    time.sleep(2)  # every chart drawn
    after = page.evaluate(TITLES)
    return [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]


def _turns(count: int, round_: int) -> list[int]:
    """Which app goes first in a round: 0 1, then 1 0, and so on."""
    order = list(range(count))
    return order if round_ % 2 == 0 else order[::-1]


def _option(app: dict, round_: int) -> str:
    """The option a timed change chooses: the warm-up chose the first, so the other, then back."""
    return app["options"][(round_ + 1) % 2]


def measure(apps: list[dict], db: Path, loads: int, changes: int) -> list[dict]:
    """Both apps served at once and timed in turns (A B, B A, A B …), so that a machine that
    speeds up or slows down during the run weighs on both alike."""
    from playwright.sync_api import sync_playwright

    from analytics.config import CHROMIUM, CHROMIUM_FLAGS
    from ui.testing import streamlit_server

    results = [{"first": [], "ready": [], "change": [], "redrawn": None} for _ in apps]
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(
                streamlit_server(
                    db,
                    Path(tempfile.gettempdir()) / f"bench-{Path(app['script']).stem}.log",
                    script=app["script"],
                )
            )
            for app in apps
        ]
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for round_ in range(loads + 1):  # the first round warms the servers: not counted
            for n in _turns(len(apps), round_):
                first, ready = _load(browser, servers[n], apps[n])
                if round_:
                    results[n]["first"].append(first)
                    results[n]["ready"].append(ready)
        pages = [_settled_page(browser, server) for server in servers]
        for n, app in enumerate(apps):
            results[n]["redrawn"] = _redrawn_charts(pages[n], app)
        for round_ in range(changes):
            for n in _turns(len(apps), round_):
                option = _option(apps[n], round_)
                results[n]["change"].append(
                    _change(pages[n], apps[n], option, results[n]["redrawn"])
                )
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.interaction", description=__doc__)
    parser.add_argument("--db", type=Path, help="default: the reference data, built to a temp file")
    parser.add_argument("--loads", type=int, default=8)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args(argv)
    db = args.db
    if db is None:
        from analytics.ingest.build import build

        db = Path(tempfile.mkdtemp()) / "reference.duckdb"
        build(db)
    print(table(*measure([DASHBOARD, MINIMAL], db, args.loads, args.changes)))
    return 0


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def table(ours: dict, minimal: dict) -> str:
    rows = [
        "| in Chromium, 1366×768 | dashboard: median (range) | minimal app: median (range) | ratio | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, what, target in (
        ("first", "overview's first chart", 1.2),
        ("ready", "whole page drawn, sidebar's select box ready", None),
        ("change", "sidebar filter change, all redrawn", 1.5),
    ):
        a, b = statistics.median(ours[key]), statistics.median(minimal[key])
        rows.append(
            f"| {what} | {a:.2f} s ({_spread(ours[key])}) | {b:.2f} s ({_spread(minimal[key])})"
            f" | {a / b:.2f} | {'—' if target is None else f'≤ {target}'} |"
        )
    n = len(ours["first"]), len(ours["change"])
    rows.append(
        f"\n{n[0]} loads and {n[1]} changes each, after one warm-up, medians (and ranges); both"
        " apps served on this machine at once and timed in turns. Charts redrawn by the change:"
        f" dashboard {len(ours['redrawn'])} of its charts (indices {ours['redrawn']}), minimal app"
        f" {len(minimal['redrawn'])}."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
