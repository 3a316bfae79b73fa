"""Hostile input: what a link, a sheet or a name can carry is never executed and never crashes,
and the served configuration keeps its protections."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from analytics import export, queries
from analytics.filters import Filters
from analytics.report import build_pack
from tests import reliability
from tests.conftest import ROOT
from tests.fixture_data import HOSTILE_NAME, HOSTILE_NOTE, MARKDOWN_NOTE
from tests.test_app import steady_page_mode, table_rows  # noqa: F401 - the fixture, used by the AppTests below

HOSTILE_QUERIES = {
    "sql in a search": {"q": "x' or '1'='1"},
    "sql in a list": {"term": "3; drop table evaluations"},
    "sql in a bureau": {"bureau": "port') or 1=1 --"},
    "script tag": {"q": "<script>alert(1)</script>", "goal": "<img src=x onerror=alert(1)>"},
    "100 KB value": {"q": "x" * 100_000},
    "100 KB list": {"bureau": ",".join(["port"] * 20_000)},
    "unknown keys": {"page": "admin", "debug": "1", "__proto__": "x"},
    "repeated key": {"goal": ["1", "x"]},
    "control characters": {"q": "a\u0000b\u001bc"},
    "huge year": {"fy_from": "9" * 400},
}


@pytest.fixture
def app_db(fixture_db_file, tmp_path, monkeypatch):
    db = tmp_path / "hostile.duckdb"
    shutil.copyfile(fixture_db_file, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


@pytest.mark.parametrize("case", list(HOSTILE_QUERIES))
def test_hostile_query_parameters_are_ignored_or_bound_never_executed(app_db, case):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in HOSTILE_QUERIES[case].items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    at.switch_page("pages/initiatives.py").run()
    assert not at.exception
    con = duckdb.connect(str(app_db), read_only=True)
    assert con.execute("select count(*) from evaluations").fetchone() == (
        24,
    )  # nothing ran against the data
    con.close()
    shown = table_rows(at)  # 0: the page says so, with no table
    assert shown in (0, 24) or case == "repeated key"


def test_hostile_query_parameters_summary(app_db):
    reliability.record(
        "hostile query parameters",
        "SQL fragments in search/lists/bureau, <script> and <img onerror>, 100 KB values and lists, unknown and repeated keys, control characters, absurd years (AppTest); invalid UTF-8 and HTML in a real browser URL (test_browser)",
        len(HOSTILE_QUERIES) + 1,
        "no exception; every value ignored with a notice or bound as a parameter; the data unchanged",
    )


def test_hostile_names_and_notes_stay_text_in_every_export(fixture_con):
    frame = export.export_frame(queries.evaluations(fixture_con), "ja")
    data, _ = export.csv_bytes(frame)
    text = data.decode("utf-8-sig")
    assert HOSTILE_NAME in text and MARKDOWN_NOTE in text  # kept literally, as data
    assert (
        "\n" + HOSTILE_NOTE not in text
        and "," + HOSTILE_NOTE not in text
        and "'" + HOSTILE_NOTE in text
    )
    for kind in ("xlsx",):
        book = openpyxl.load_workbook(
            io.BytesIO(build_pack(fixture_con, kind, Filters(), compare=(2023, 2024)))
        )
        formulas = [
            (ws.title, c.coordinate)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.data_type == "f"
        ]
        assert formulas == []
        values = [
            c.value
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        assert "'" + HOSTILE_NOTE in values
    document = build_pack(fixture_con, "html", Filters(), compare=(2023, 2024)).decode("utf-8")
    assert "<img src=x" not in document and "&lt;img src=x onerror=alert(1)&gt;" in document
    reliability.record(
        "hostile names and notes in exports",
        "an initiative named <img src=x onerror=alert(1)>, notes =SUM(A1) and **Markdown** [link](javascript:…) <b>html</b>, through CSV, XLSX, the meeting pack (XLSX, HTML)",
        4,
        "formula cells neutralised (no formula in any workbook), HTML escaped, text kept literally",
    )


def test_served_configuration_keeps_its_protections():
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def option(name: str) -> str:
        match = re.search(rf"^{name} = (.+)$", shown, re.MULTILINE)
        assert match, name
        return match.group(1).strip()

    assert option("enableXsrfProtection") == "true"
    assert option("enableCORS") == "true"
    assert option("toolbarMode") == '"viewer"'
    assert option("gatherUsageStats") == "false"
    assert option("headless") == "true"
    assert option("fileWatcherType") == '"none"'  # served, not edited: no source watching
    reliability.record(
        "served configuration",
        "effective `streamlit config show` in the project folder",
        1,
        "XSRF and CORS protection on, toolbar in viewer mode, no usage statistics, headless, no source watching",
    )
