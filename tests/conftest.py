"""Shared fixtures: the reference database (built once per run) and a small fixture database
built from literal rows (tests/fixture_data.py), both in temporary folders, never data/; and for
the browser tests, one Chromium for the run and the dashboard servers they share."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics.config import CHROMIUM, CHROMIUM_FLAGS
from analytics.ingest.build import build
from tests import fixture_data
from ui.testing import streamlit_server

ROOT = Path(__file__).resolve().parent.parent


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def reference_db_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    build(db)
    return db


@pytest.fixture
def reference_db(reference_db_file, tmp_path) -> Path:
    """A private copy of the reference database that a test may change."""
    db = tmp_path / "kawasaki.duckdb"
    shutil.copyfile(reference_db_file, db)
    return db


@pytest.fixture(scope="session")
def reference_con(reference_db_file):
    con = duckdb.connect(str(reference_db_file), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def fixture_db_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    fixture_data.build_fixture(db)
    return db


@pytest.fixture(scope="session")
def fixture_con(fixture_db_file):
    con = duckdb.connect(str(fixture_db_file), read_only=True)
    yield con
    con.close()


# --- Browser tests -------------------------------------------------------------------------------
# Fixtures: `browser` (the run's Chromium), `page` (a fresh context on it), `server` (the dashboard
# on a copy of the fixture database, shared by the tests that only read), `reference_server` (the
# same on a copy of the reference database) and `fresh_server` (a server of the test's own that
# has served nothing yet). A test that writes to its database starts its own server
# (ui.testing.streamlit_server), as tests/test_browser_admin.py does.

TIMEOUT_MS = 45_000
CHROMIUM_MISSING = (
    "browser tests skipped: /usr/bin/chromium not found"
    " (apt-get install chromium fonts-noto-cjk; .ci/run does this)"
)


class SharedChromium:
    """One Playwright driver and one Chromium for the browser tests of the whole run: started by
    the first test that uses `browser`, kept for the browser tests that follow it, module after
    module, and closed before any test that does not use it.

    Why closed: between its calls Playwright's sync API leaves the thread's asyncio loop marked
    as running, so while it is open no other code in the test process can start its own
    Playwright or event loop (the meeting pack's PDF in analytics/report/browser.py, the load
    test's async Playwright, any asyncio.run)."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None

    def browser(self):
        if self._browser is not None and not self._browser.is_connected():
            self.stop()  # Chromium went away (crashed or killed): start a new one
        if self._browser is None:
            # Imported here, not at the top: most runs of a single test file need no browser.
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
            )
        return self._browser

    def stop(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        try:
            if browser is not None and browser.is_connected():
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()


_chromium = SharedChromium()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Runs before `-m` selects: a test on the shared Chromium is a browser test even where its
    # module forgot the marker, so `make test-fast` skips it.
    for item in items:
        if "shared_chromium" in item.fixturenames:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the test's fixtures: `fixturenames` names the fixtures a test really gets, so a
    # module that defines its own `browser` does not count as using the shared one.
    if "shared_chromium" not in item.fixturenames:
        _chromium.stop()


@pytest.fixture(scope="session")
def shared_chromium():
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    yield _chromium
    _chromium.stop()


@pytest.fixture
def browser(shared_chromium):
    """The run's Chromium. A test opens its own context (or uses `page`) and closes it."""
    return shared_chromium.browser()


@pytest.fixture
def page(browser):
    """A new context and page at 1366×900 in Japanese, downloads on; ``page.dialogs`` lists the
    messages of any alert, confirm or prompt (each dismissed)."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="ja-JP"
    )
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


@contextlib.contextmanager
def dashboard_on_a_copy(source: Path, folder: Path):
    """`streamlit run dashboard.py` on a copy of ``source`` in ``folder`` (log beside it)."""
    db = folder / "dashboard.duckdb"
    shutil.copyfile(source, db)
    with streamlit_server(db, folder / "streamlit.log") as running:
        yield running


@pytest.fixture(scope="session")
def server(fixture_db_file, tmp_path_factory):
    """The dashboard on a copy of the fixture database, one server for every test that only
    reads. Which test is its first request depends on the order tests run in: a test about a
    fresh server uses `fresh_server`."""
    with dashboard_on_a_copy(fixture_db_file, tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="session")
def reference_server(reference_db_file, tmp_path_factory):
    """The dashboard on a copy of the reference database, shared like `server`."""
    folder = tmp_path_factory.mktemp("reference_server")
    with dashboard_on_a_copy(reference_db_file, folder) as running:
        yield running


@pytest.fixture
def fresh_server(fixture_db_file, tmp_path):
    """A dashboard server of this test's own, on a copy of the fixture database, that has served
    nothing yet: for what a shared link or a member does as the first request to a new server."""
    with dashboard_on_a_copy(fixture_db_file, tmp_path) as running:
        yield running


def pytest_sessionfinish(session):
    """On a pytest-xdist worker: hand this worker's reliability rows to the main process."""
    if hasattr(session.config, "workeroutput"):
        from tests import reliability

        session.config.workeroutput["reliability"] = json.dumps(reliability.RESULTS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist, in the main process: a worker's reliability rows, for the summary."""
    from tests import reliability

    rows = getattr(node, "workeroutput", {}).get("reliability")
    reliability.RESULTS.extend(tuple(row) for row in json.loads(rows or "[]"))


def pytest_terminal_summary(terminalreporter):
    if hasattr(terminalreporter.config, "workeroutput"):  # an xdist worker: the main process writes
        return
    from tests import reliability

    path = reliability.write(ROOT)
    if path:
        terminalreporter.section("reliability: what was tried and what held")
        terminalreporter.write_line(reliability.table())
        terminalreporter.write_line(f"(also in {path.relative_to(ROOT)})")
