"""The secretariat's import app in real Chromium (Debian's, driven by Playwright) against
`streamlit run admin/app.py` on 127.0.0.1, on a copy of the reference database: a server of
this module's own, since its tests write to the database. `browser` and `page` are in
tests/conftest.py.

Skipped, with a message saying so, where /usr/bin/chromium does not exist."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analytics.config import CHROMIUM
from tests.conftest import TIMEOUT_MS, file_hash
from tests.test_browser import errors, shot
from ui.testing import IDLE_JS, streamlit_server

TITLE = "評価シートの取り込み（事務局用）"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk; .ci/run does this)",
    ),
]


@pytest.fixture(scope="module")
def admin_server(reference_db_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("admin") / "admin.duckdb"
    shutil.copyfile(reference_db_file, db)
    log = tmp_path_factory.mktemp("logs") / "admin.log"
    with streamlit_server(db, log, script="admin/app.py") as running:
        yield running


def ready(pg) -> None:
    pg.get_by_role("heading", name=TITLE, level=1).wait_for()
    pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


def upload(pg, name: str, data: bytes) -> None:
    pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )


def level(db, initiative_id: str, fy: int):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select achievement_level, source from evaluations where initiative_id = ? and fiscal_year = ?",
            [initiative_id, fy],
        ).fetchone()
    finally:
        con.close()


def test_a_bad_file_shows_the_problems_and_writes_nothing(admin_server, page):
    digest = file_hash(admin_server["db"])
    page.goto(admin_server["base"])
    ready(page)
    upload(page, "悪い例.csv", "事業コード,年度,達成度\n40111010,2024,7\n".encode("cp932"))
    page.get_by_text("1件の問題があるため取り込めません", exact=False).wait_for()
    page.get_by_role("button", name="問題の一覧をダウンロード（CSV）").wait_for()
    assert page.get_by_role("button", name="取り込む").count() == 0
    assert errors(page) == 0
    print(f"screenshot: {shot(page, 'admin-problems')}")
    assert file_hash(admin_server["db"]) == digest


def test_preview_then_import(admin_server, page):
    db = admin_server["db"]
    page.goto(admin_server["base"])
    ready(page)
    sheet = "令和6年度 取組評価一覧\n\n事業コード,事務事業名,達成度\n50401010,国際施策推進事業,目標を大きく下回った\n"
    upload(page, "令和6年度評価.csv", sheet.encode("utf-8"))
    page.get_by_role("heading", name="変更の内容（取り込む前の確認）").wait_for()
    assert level(db, "T3-50401010", 2024)[1] == "sample"  # checked, not yet written
    print(f"screenshot: {shot(page, 'admin-preview')}")
    page.get_by_role("button", name="取り込む").click()
    page.get_by_text("取り込みました", exact=False).first.wait_for()
    assert level(db, "T3-50401010", 2024) == (5, "import:令和6年度評価.csv")
    assert errors(page) == 0


def test_english_switch(admin_server, page):
    page.goto(admin_server["base"])
    ready(page)
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Import evaluation sheets (secretariat)", level=1).wait_for()
    assert errors(page) == 0
