"""Concurrency: many threads through the app's connection handling, and many browser sessions
while an import replaces the database.

LOAD_SESSIONS / LOAD_SECONDS size the session test (4 sessions × 12 s in `make test`,
20 × 60 s in `make soak`)."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import threading
import time

import pytest

from analytics import queries
from analytics.config import CHROMIUM, CHROMIUM_FLAGS
from analytics.filters import Filters
from tests import reliability
from ui.testing import IDLE_JS, rss_mb, streamlit_server

THREADS, PER_THREAD = 8, 200
SESSIONS = int(os.environ.get("LOAD_SESSIONS", "4"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "12"))
STARTUP_LIMIT = 180  # seconds for every session to open and work once
# Pause between one session's clicks. A committee member reads for seconds; at 0.2-1.0 s twenty
# sessions plus their twenty Chromium pages kept both cores saturated and a click could wait
# over a minute for its rerun (no error, just a queue).
THINK_SECONDS = (1.0, 3.0)

FILTERS = [
    Filters(),
    Filters(terms=(3,)),
    Filters(goals=(2,)),
    Filters(bureaus=("port",)),
    Filters(fy_from=2020, fy_to=2020),
    Filters(covid="exclude"),
    Filters(search="交流"),
]
CALLS = [
    ("evaluations", {}),
    ("achievement_by_year_and_group", {"group": "goal"}),
    ("on_target_by_year_and_group", {"group": "bureau"}),
    ("on_target_by_term_and_goal", {}),
    ("covid_rate_by_year", {}),
    ("year_over_year", {}),
    ("below_target", {}),
    ("declines", {}),
    ("coverage", {}),
    ("headline", {}),
]


def call(con, name, filters, params):
    return getattr(queries, name)(con, filters, **params)


def same(a, b) -> bool:
    """Equal results; NaN equals NaN (DataFrame.equals), as a reader would see it."""
    if isinstance(a, dict):
        return a == b
    return a.equals(b)


def test_threads_through_the_app_connection_match_serial_results(reference_db):
    from ui.db import Database

    database = Database(reference_db)
    con, _ = database.cursor()
    expected = {(n, f, tuple(p.items())): call(con, n, f, p) for n, p in CALLS for f in FILTERS}
    con.close()
    failures: list[str] = []
    mismatches = [0]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(PER_THREAD):
            name, params = rng.choice(CALLS)
            filters = rng.choice(FILTERS)
            try:
                cursor, _ = database.cursor()  # a fresh cursor per "script run", as the app does
                got = call(cursor, name, filters, params)
                cursor.close()
            except Exception as exc:  # noqa: BLE001 - every error is a finding
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            if not same(got, expected[(name, filters, tuple(params.items()))]):
                mismatches[0] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    started = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - started
    assert failures == [] and mismatches[0] == 0
    reliability.record(
        "concurrent queries",
        f"{THREADS} threads × {PER_THREAD} named queries with random filters through ui.db (a cursor each), on the reference data",
        THREADS * PER_THREAD,
        f"errors: 0; results differing from the serial run: 0 ({elapsed:.1f} s)",
    )


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_sessions_keep_working_while_an_import_replaces_the_database(fixture_db_file, tmp_path):
    db = tmp_path / "load.duckdb"
    shutil.copyfile(fixture_db_file, db)
    sheet = tmp_path / "fy2025.csv"
    sheet.write_text("事業コード,年度,達成度\n10000010,2025,3\n20000010,R7,2\n", encoding="utf-8")
    with streamlit_server(db, tmp_path / "streamlit.log") as server:
        memory: dict = {}
        results = asyncio.run(_drive_sessions(server, sheet, memory))
        time.sleep(5)
        memory["after"] = rss_mb(server["pid"])
    errors = sum(r["errors"] for r in results)
    interactions = sum(r["interactions"] for r in results)
    stale = [r for r in results if not r["saw_new_after_next_interaction"]]
    assert errors == 0, [r.get("details") for r in results]
    assert not stale
    assert all(r["interactions"] >= 2 for r in results)  # each worked before and after the import
    reliability.record(
        "concurrent sessions + import",
        f"{SESSIONS} Chromium sessions (opened 0.5 s apart) clicking every 1-3 s for {SECONDS:.0f} s once all were in;"
        " an import replaced the database half-way",
        interactions,
        f"errors: {errors}; sessions showing the new data on their next interaction: {SESSIONS - len(stale)}/{SESSIONS}; "
        f"server memory {memory['start']:.0f} MB at start, {memory['peak']:.0f} MB peak, {memory['after']:.0f} MB 5 s after the sessions closed",
    )


async def _drive_sessions(server, sheet, memory) -> list[dict]:
    from playwright.async_api import async_playwright

    from analytics.ingest.importer import run_import

    imported = asyncio.Event()
    all_started = asyncio.Event()  # every session has shown the old data at least once
    started: set[int] = set()
    # The SECONDS of use start once every session is in (sessions open a little apart, as
    # people do; twenty pages opening at once on 2 cores take up to a minute to draw).
    clock = {"deadline": float("inf")}
    watch_done = asyncio.Event()

    async def watch_memory() -> None:
        while time.monotonic() < clock["deadline"] + 2 and not watch_done.is_set():
            memory["peak"] = max(memory["peak"], rss_mb(server["pid"]))
            await asyncio.sleep(0.5)

    async def import_half_way() -> None:
        # Half-way through the use, every session having worked at least once on the old data.
        try:
            await asyncio.wait_for(all_started.wait(), timeout=STARTUP_LIMIT)
        except TimeoutError:
            clock["deadline"] = time.monotonic() - 60  # let every session stop
            raise AssertionError(
                f"only {len(started)} of {SESSIONS} sessions worked within {STARTUP_LIMIT} s"
            ) from None
        clock["deadline"] = time.monotonic() + SECONDS
        await asyncio.sleep(SECONDS / 2)
        outcome = await asyncio.to_thread(run_import, [sheet], server["db"])
        assert outcome.written
        imported.set()

    async def session(browser, seed: int) -> dict:
        rng = random.Random(seed)
        await asyncio.sleep(seed * 0.5)
        context = await browser.new_context(viewport={"width": 1366, "height": 900})
        page = await context.new_page()
        page.set_default_timeout(120_000)
        dialogs: list[str] = []
        page.on("dialog", lambda d: dialogs.append(d.message))
        result = {"errors": 0, "interactions": 0, "saw_new_after_next_interaction": False}
        await page.goto(server["base"] + "/")
        await page.get_by_role("heading", name="概要", level=1).wait_for()
        while time.monotonic() < clock["deadline"] or not result["saw_new_after_next_interaction"]:
            after_import = imported.is_set()
            await page.get_by_role("button", name="絞り込みを解除").first.click()
            await page.wait_for_timeout(250)
            await page.wait_for_function(IDLE_JS)
            result["interactions"] += 1
            if not after_import:
                started.add(seed)
                if len(started) == SESSIONS:
                    all_started.set()
            found = await page.locator('[data-testid="stException"]').count() + len(dialogs)
            if found:
                result.setdefault("details", []).append(
                    await page.locator('[data-testid="stException"]').all_inner_texts() + dialogs
                )
            result["errors"] += found
            if after_import:
                # No rerun happens without an interaction, so a change now is this click's doing.
                try:
                    await page.wait_for_function(
                        "() => document.querySelectorAll('[data-testid=\"stMetricValue\"]')[1]?.innerText.trim() === '26件'",
                        timeout=30_000,
                    )
                    result["saw_new_after_next_interaction"] = True
                except Exception:  # noqa: BLE001 - reported by the assertion below
                    result["saw_new_after_next_interaction"] = False
                break
            if time.monotonic() > clock["deadline"] + 30:
                break
            await asyncio.sleep(rng.uniform(*THINK_SECONDS))
        await context.close()
        return result

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            # warm-up: the first session loads the libraries; the baseline is taken after it closes
            warm = await browser.new_page()
            await warm.goto(server["base"] + "/")
            await warm.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
            await warm.close()
            await asyncio.sleep(2)
            memory["start"] = memory["peak"] = rss_mb(server["pid"])
            watcher = asyncio.create_task(watch_memory())
            importer = asyncio.create_task(import_half_way())
            results = await asyncio.gather(*(session(browser, i) for i in range(SESSIONS)))
            await importer
            watch_done.set()
            await watcher
        finally:
            await browser.close()
    return results
