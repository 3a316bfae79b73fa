"""The plan's facts are data: its years, its terms' years and its events come from the database,
so a plan of other years and events shows them on the charts, in the titles and in the summary;
and no plan year is written in the code."""

from __future__ import annotations

import ast
import csv
import re
import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics import charts, plan, queries
from analytics.config import REFERENCE_DIR
from analytics.derived import needs_refresh, refresh_facts
from analytics.review import build_review, summary_text
from tests.conftest import ROOT
from tests.fixture_data import build_fixture

YEAR = re.compile(r"\b20[0-9][0-9]\b")
# Calendar facts, not the plan's: the eras' first years (令和 = 2018 + n) and the input examples
# in the importer's messages (analytics/ingest/values.py, being rewritten in another issue).
ALLOWED = {"analytics/ingest/values.py"}

SHIFT = 14  # the fixture's plan, FY2016-FY2025, moved to FY2030-FY2039
EVENTS = [
    ("quake", "disaster", "2033", "2033", "大地震テスト", "Test earthquake"),
    ("epidemic", "covid", "2034", "2036", "感染症テスト期間", "Test epidemic"),
]


def docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                lines |= set(range(first.lineno, first.end_lineno + 1))
    return lines


def year_literals(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".sql":
        lines = [line.split("--", 1)[0] for line in text.splitlines()]
        skip: set[int] = set()
    else:
        lines = text.splitlines()
        skip = docstring_lines(ast.parse(text))
    return [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(lines, start=1)
        if n not in skip and YEAR.search(line)
    ]


def test_the_year_finder_skips_docstrings_only(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.test_plan.ROOT", tmp_path)
    sample = tmp_path / "sample.py"
    sample.write_text('"""Since FY2016."""\n\n\ndef f():\n    """2019."""\n    return 2020  # x\n')
    assert year_literals(sample) == ["sample.py:6: return 2020  # x"]
    query = tmp_path / "q.sql"
    query.write_text("-- FY2016\nselect 2022 as y\n")
    assert year_literals(query) == ["q.sql:2: select 2022 as y"]


def test_no_plan_year_is_written_in_the_code():
    found = []
    for folder in ("analytics", "ui", "pages"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".sql") and str(path.relative_to(ROOT)) not in ALLOWED:
                found += year_literals(path)
    found += year_literals(ROOT / "dashboard.py")
    assert found == []


def shifted_reference(folder):
    """The reference CSVs with the terms and fiscal years moved SHIFT years on, other events."""
    folder.mkdir()
    for path in REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    with open(REFERENCE_DIR / "terms.csv", encoding="utf-8") as f:
        terms = list(csv.DictReader(f))
    for row in terms:
        row["first_fy"] = str(int(row["first_fy"]) + SHIFT)
        row["last_fy"] = str(int(row["last_fy"]) + SHIFT)
    with open(REFERENCE_DIR / "fiscal_years.csv", encoding="utf-8") as f:
        years = list(csv.DictReader(f))
    for row in years:
        fy = int(row["fiscal_year"]) + SHIFT
        row.update(fiscal_year=str(fy), label_ja=f"{fy}年度", wareki_ja=f"令和{fy - 2018}年度")
    for name, rows in (("terms", terms), ("fiscal_years", years)):
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    with open(folder / "plan_events.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["event_id", "kind", "first_fy", "last_fy", "label_ja", "label_en"])
        writer.writerows(EVENTS)
    return folder


@pytest.fixture(scope="module")
def other_plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("other_plan")
    db = root / "other.duckdb"
    build_fixture(db, shifted_reference(root / "reference"), year_shift=SHIFT)
    return db


def test_the_charts_draw_the_other_plan_s_years_terms_and_events(other_plan):
    con = duckdb.connect(str(other_plan), read_only=True)
    fy, events = queries.fiscal_years(con), queries.plan_events(con)
    fig = charts.on_target_by_year_and_group(
        queries.on_target_by_year_and_group(con, group="goal"), "ja", "", fy, events=events
    )
    con.close()
    assert list(fig.layout.xaxis.categoryarray) == [f"{y}年度" for y in range(2030, 2040)]
    labels = {a.text for a in fig.layout.annotations}
    assert {"第1期", "第3期", "大地震テスト", "感染症テスト期間"} <= labels
    assert "新型コロナの影響期間" not in labels and "令和元年東日本台風" not in labels
    bands = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    lines = [s.x0 for s in fig.layout.shapes if s.type == "line"]
    # terms FY2030-31, 2032-35, 2036-39 (positions 0-1, 2-5, 6-9); the epidemic 2034-36 (4-6)
    assert bands == [(-0.5, 1.5), (1.5, 5.5), (5.5, 9.5), (3.55, 6.45)]
    assert lines == [3]  # the earthquake, FY2033


def test_the_summary_and_the_title_read_the_other_plan_s_years(other_plan):
    con = duckdb.connect(str(other_plan), read_only=True)
    review = build_review(con)
    assert (
        plan.review_title(review.fiscal_years, "ja") == "総括評価（プラン計画期間 2030〜2039年度）"
    )
    assert (
        plan.review_title(review.fiscal_years, "en") == "Overall review of the plan (FY2030–FY2039)"
    )
    ja, en = summary_text(review, "ja"), summary_text(review, "en")
    con.close()
    # before the epidemic (FY2030-33): A 3,2,3,3; B 2,3; E 4,3 -> 7 of 8 on target;
    # its lowest year FY2034: A 4, B 5 -> 0 of 2
    assert "影響前（2030〜2033年度）の87.5%" in ja and "2034年度には0.0%" in ja
    assert "before the pandemic (FY2030–FY2033)" in en
    assert "2016" not in ja + en and "2019" not in ja + en


def test_the_review_page_shows_the_other_plan(other_plan, tmp_path, monkeypatch):
    import streamlit.testing.v1.app_test as app_test

    from ui import testing

    monkeypatch.setattr(app_test, "PagesManager", app_test.PagesManager)
    testing.steady_page_mode()
    db = tmp_path / "app.duckdb"
    shutil.copyfile(other_plan, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/review.py").run()
    assert not at.exception
    assert at.title[0].value == "総括評価（プラン計画期間 2030〜2039年度）"
    assert "影響前（2030〜2033年度）" in at.info[-1].value


def test_a_database_without_plan_events_is_told_to_refresh_and_refresh_adds_them(
    fixture_db_file, tmp_path
):
    db = tmp_path / "old.duckdb"
    shutil.copyfile(fixture_db_file, db)
    con = duckdb.connect(str(db))
    con.execute("drop table plan_events")  # as built by the previous version
    con.execute("drop table derived_version")
    assert needs_refresh(con)
    refresh_facts(con)
    assert not needs_refresh(con)
    assert queries.plan_events(con)[
        ["event_id", "kind", "first_fy", "last_fy"]
    ].values.tolist() == [
        ["typhoon-hagibis", "disaster", 2019, 2019],
        ["covid-19", "covid", 2020, 2022],
    ]
    con.close()
