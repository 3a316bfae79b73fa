"""Outcome indicators (成果指標): the status rule on hand-computed cases, the constraints of
the tables, and the reference data's statuses (counted by hand from indicator_catalog.py)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analytics.filters import Filters
from analytics.indicators import queries
from analytics.indicators.rule import STATUS_COLOURS, STATUSES, assess, expected_progress

# Baseline 0 in FY2021, target 4 in FY2025, judged in FY2023: e = (2023-2021)/(2025-2021) = 0.5.
HIGHER = dict(baseline=0.0, baseline_fy=2021, target=4.0, target_fy=2025, fiscal_year=2023)


@pytest.mark.parametrize(
    "actual, status, p",
    [
        (5.0, "achieved", 1.25),
        (4.0, "achieved", 1.0),  # p exactly 1
        (3.96, "on_track", 0.99),
        (2.0, "on_track", 0.5),  # p exactly e
        (1.96, "slightly_behind", 0.49),
        (1.0, "slightly_behind", 0.25),  # p exactly e / 2
        (0.96, "behind", 0.24),
        (0.0, "behind", 0.0),  # p exactly 0
        (-0.4, "worsened", -0.1),
        (None, "not_measured", None),
    ],
)
def test_status_boundaries_higher_is_better(actual, status, p):
    got = assess(actual=actual, **HIGHER)
    assert got.status == status
    assert got.expected == 0.5
    assert got.progress == (None if p is None else pytest.approx(p))


@pytest.mark.parametrize(
    "actual, status",
    [
        (29.0, "achieved"),  # p = (29 - 38.4) / (30 - 38.4) = 1.119
        (30.0, "achieved"),  # p = 1
        (33.9, "slightly_behind"),  # p = 4.5 / 8.4 = 0.536; e = 5/6 = 0.833, e/2 = 0.417
        (31.4, "on_track"),  # p = 7 / 8.4 = 0.833 = e
        (37.0, "behind"),  # p = 1.4 / 8.4 = 0.167
        (38.4, "behind"),  # p = 0
        (40.0, "worsened"),  # p = -1.6 / 8.4 < 0
    ],
)
def test_lower_is_better_uses_the_same_formula(actual, status):
    got = assess(
        baseline=38.4,
        baseline_fy=2019,
        target=30.0,
        target_fy=2025,
        fiscal_year=2024,
        actual=actual,
    )
    assert got.status == status


@pytest.mark.parametrize(
    "baseline, target, actual",
    [
        (0.7, 0.1, 0.4),  # lower is better; in binary floating point p = 0.4999999999999999
        (2.0, 2.6, 2.3),  # p = 0.4999999999999996
        (1.0, 1.2, 1.1),  # p = 0.5000000000000006
    ],
)
def test_a_decimal_exactly_on_the_on_track_line_is_on_track(baseline, target, actual):
    # FY2020 -> FY2024, judged in FY2022: e = 0.5; in decimals p = 0.5 exactly.
    got = assess(
        baseline=baseline,
        baseline_fy=2020,
        target=target,
        target_fy=2024,
        fiscal_year=2022,
        actual=actual,
    )
    assert got.status == "on_track"


@pytest.mark.parametrize(
    "text, actual, status",
    [
        ("現状値以上", 100.0, "achieved"),  # A = B
        ("現状値以上", 100.5, "achieved"),
        ("現状値以上", 99.9, "worsened"),
        ("現状値以上", None, "not_measured"),
        ("現状値以下", 46.0, "achieved"),  # A = B
        ("現状値以下", 41.0, "achieved"),
        ("現状値以下", 49.0, "worsened"),
    ],
)
def test_text_targets(text, actual, status):
    baseline = 100.0 if text == "現状値以上" else 46.0
    got = assess(
        baseline=baseline,
        baseline_fy=2021,
        target_text=text,
        target_fy=2025,
        fiscal_year=2024,
        actual=actual,
    )
    assert (got.status, got.progress, got.expected) == (status, None, None)


def test_a_baseline_measured_before_the_term_began():
    # Visitors: 1,504 (2014, before term 3 began in FY2022), target 2,106 in FY2025.
    got = assess(
        baseline=1504, baseline_fy=2014, target=2106, target_fy=2025, fiscal_year=2024, actual=1561
    )
    assert got.expected == pytest.approx(10 / 11)  # 0.909, not (2024-2022)/(2025-2022)
    assert got.progress == pytest.approx(57 / 602)  # 0.0947
    assert got.status == "behind"
    got = assess(
        baseline=1504, baseline_fy=2014, target=2106, target_fy=2025, fiscal_year=2022, actual=1850
    )
    # p = 346/602 = 0.575 < e = 8/11 = 0.727, >= e/2 = 0.364
    assert got.status == "slightly_behind"


@pytest.mark.parametrize(
    "year, expected",
    [(2019, 0.0), (2021, 0.0), (2022, 0.25), (2025, 1.0), (2027, 1.0)],
)
def test_expected_progress_is_clipped(year, expected):
    assert expected_progress(year, 2021, 2025) == expected


def test_after_the_target_year_expected_is_one():
    got = assess(
        baseline=0, baseline_fy=2021, target=10, target_fy=2025, fiscal_year=2026, actual=9.9
    )
    assert (got.expected, got.status) == (1.0, "slightly_behind")


def test_impossible_definitions_are_refused():
    with pytest.raises(ValueError):
        assess(baseline=1, baseline_fy=2021, target_fy=2025, fiscal_year=2024, actual=1)
    with pytest.raises(ValueError):
        assess(baseline=1, baseline_fy=2021, target=1, target_fy=2025, fiscal_year=2024, actual=1)
    with pytest.raises(ValueError):
        expected_progress(2024, 2025, 2025)


def test_six_statuses_with_six_distinct_colours_and_grey_for_not_measured():
    assert list(STATUS_COLOURS) == list(STATUSES)
    assert len(set(STATUS_COLOURS.values())) == 6
    red, green, blue = (int(STATUS_COLOURS["not_measured"][i : i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue


# ---- the tables' constraints -------------------------------------------------------------------

GOOD = {
    "indicator_code": "X-1",
    "name_ja": "テスト指標",
    "better": "higher",
    "direction_id": "1-1",
    "term_id": 3,
    "baseline_value": 10,
    "baseline_fy": 2021,
    "target_value": 20,
    "target_text": None,
    "target_fy": 2025,
    "plan_ja": "テスト計画",
    "provenance": "sample",
    "baseline_provenance": "sample",
    "target_provenance": "sample",
    "reference": None,
    "source": "sample",
}


@pytest.mark.parametrize(
    "change",
    [
        {"better": "up"},
        {"target_value": 5},  # higher is better, target below the baseline
        {"better": "lower"},  # lower is better, target above the baseline
        {"target_value": None},  # neither a number nor a text target
        {"target_text": "現状値以上"},  # both
        {"target_value": None, "target_text": "現状値以下"},  # text disagrees with higher
        {"target_value": None, "target_text": "増やす"},
        {"target_fy": 2021},  # target year not after the baseline year
        {"direction_id": "9-9"},
        {"provenance": "published"},  # published without a reference
        {"name_ja": "  "},
    ],
)
def test_the_database_refuses_impossible_indicators(reference_db, change):
    con = duckdb.connect(str(reference_db))
    row = {**GOOD, **change}
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(f"insert into indicators ({columns}) values ({marks})", list(row.values()))
    con.execute(f"insert into indicators ({columns}) values ({marks})", list(GOOD.values()))
    with pytest.raises(duckdb.ConstraintException):  # one actual per year, in a plan year
        con.execute(
            "insert into indicator_values values ('X-1', 2030, 1, null, 'sample', 'sample')"
        )
    con.execute("insert into indicator_values values ('X-1', 2022, 1, null, 'sample', 'sample')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "insert into indicator_values values ('X-1', 2022, 2, null, 'sample', 'sample')"
        )
    with pytest.raises(duckdb.ConstraintException):  # published needs its reference
        con.execute("insert into indicator_values values ('X-1', 2023, 2, null, 'published', '')")
    con.close()


# ---- the reference data --------------------------------------------------------------------------


def test_reference_has_indicators_under_every_direction(reference_con):
    got = reference_con.execute(
        "select direction_id, count(*) from indicators where term_id = 3 group by 1 order by 1"
    ).fetchall()
    assert [d for d, _ in got] == [f"{g}-{s}" for g in (1, 2, 3) for s in (1, 2, 3)]
    total = reference_con.execute("select count(*) from indicators").fetchone()[0]
    assert 18 <= total <= 24


def test_published_numbers_carry_their_reference(reference_con):
    assert reference_con.execute(
        "select count(*) from indicators where (provenance = 'published'"
        " or baseline_provenance = 'published' or target_provenance = 'published')"
        " and coalesce(reference, '') = ''"
    ).fetchone() == (0,)
    # DESIGN.md §5: city image 57.6 (FY2022) and 74.2 (FY2024); visit index 0.3/8.2/23.0, target 7.
    assert reference_con.execute(
        "select baseline_value, baseline_fy, baseline_provenance from indicators"
        " where name_ja like '川崎市に良いイメージ%'"
    ).fetchall() == [(57.6, 2022, "published")]
    got = reference_con.execute(
        "select fiscal_year, actual, v.provenance from indicator_values v join indicators i"
        " using (indicator_code) where i.name_ja like '来訪推奨度%' order by 1"
    ).fetchall()
    assert got == [(2023, 8.2, "published"), (2024, 23.0, "published")]
    assert reference_con.execute(
        "select count(*) from indicator_values where provenance = 'published'"
        " and source in ('', 'sample')"
    ).fetchone() == (0,)


def test_no_indicator_claims_to_be_the_sogo_keikaku_indicator(reference_con):
    assert reference_con.execute(
        "select count(*) from indicators where plan_ja like '%総合計画%'"
    ).fetchone() == (0,)


def test_reference_statuses_in_the_latest_year(reference_con):
    # Counted by hand from data/reference/indicator_catalog.py for FY2024 (term 3's 20 indicators):
    # achieved: 1-2-01 (301 >= 300), 2-1-01 (74.2 >= 65), 2-1-03 (21.7 >= 20), 2-2-01 (23 >= 7),
    #   3-2-01 (現状値以上, 6350 >= 5120)
    # on track: 1-3-01 (p .976 >= e .75), 2-1-02 (.889 >= .5), 2-3-01 (.867), 3-1-02 (.863),
    #   3-3-01 (.8)
    # slightly behind: 1-1-01 (.583), 1-2-03 (.5), 3-2-02 (lower: 4.5/8.4 = .536 < e .833)
    # behind: 1-3-02 (.1), 2-2-02 (.095 < e/2 = .455), 3-3-02 (.222 < .375)
    # worsened: 1-2-02 (現状値以上, 117,633 < 140,412), 2-2-03 (27.4 < 28), 3-2-03 (現状値以下, 49 > 46)
    # not measured: 3-1-01 (no FY2024 actual)
    status = queries.indicator_status(reference_con)
    assert set(status["fiscal_year"]) == {2024}
    assert queries.counts_by_status(status) == {
        "achieved": 5,
        "on_track": 5,
        "slightly_behind": 3,
        "behind": 3,
        "worsened": 3,
        "not_measured": 1,
    }
    by_code = dict(zip(status["indicator_code"], status["status"], strict=True))
    assert by_code["T3-3-2-02"] == "slightly_behind"
    assert by_code["T3-3-1-01"] == "not_measured"
    counts = queries.status_counts(status).set_index("goal_id")
    assert counts.loc[1].to_dict() == {
        "achieved": 1,
        "on_track": 1,
        "slightly_behind": 2,
        "behind": 1,
        "worsened": 1,
        "not_measured": 0,
        "total": 6,
    }


def test_term2_indicator_in_fy2021_with_a_baseline_before_the_term(reference_con):
    # Port throughput: 77,207 TEU (2014), target 150,000 (FY2021); FY2021 actual 140,412 (sample).
    # p = 63,205 / 72,793 = 0.868 < e = 1, >= e/2 -> slightly behind.
    status = queries.indicator_status(reference_con, Filters(fy_to=2021))
    assert status[["indicator_code", "status"]].values.tolist() == [
        ["T2-1-2-01", "slightly_behind"]
    ]
    assert status["progress"].iloc[0] == pytest.approx(63205 / 72793)


@pytest.mark.parametrize(
    "filters, codes",
    [
        (Filters(bureaus=("port",)), ["T3-1-2-02", "T3-2-3-01"]),
        (Filters(directions=("2-1",)), ["T3-2-1-01", "T3-2-1-02", "T3-2-1-03"]),
        (Filters(goals=(1,), bureaus=("waterworks",)), ["T3-1-2-03", "T3-1-3-01"]),
        (Filters(terms=(2,)), ["T2-1-2-01"]),  # its latest actual is FY2021
        (Filters(terms=(2,), fy_to=2024), []),  # FY2024 is outside term 2
    ],
)
def test_shared_filters_select_indicators(reference_con, filters, codes):
    assert queries.indicator_status(reference_con, filters)["indicator_code"].tolist() == codes


# ---- the status command line -----------------------------------------------------------------


def run_status(db, *args):
    import subprocess
    import sys

    from tests.conftest import ROOT

    return subprocess.run(
        [sys.executable, "-m", "analytics.indicators", "status", "--db", str(db), *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_status_command_prints_csv_with_bom_and_japanese_headers(reference_db_file):
    import csv
    import io

    done = run_status(reference_db_file, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows[0] == [
        "指標コード",
        "指標名",
        "取組の方向性",
        "単位",
        "現状値",
        "現状値の年度",
        "目標値",
        "目標年度",
        "実績値",
        "進捗率(%)",
        "期待進捗率(%)",
        "状況",
    ]
    assert len(rows) == 1 + 20
    by_code = {r[0]: r for r in rows[1:]}
    # Visitors: baseline 1504 (2014), target 2106 (2025), FY2024 actual 1561:
    # p = 57/602 = 9.5%, e = 10/11 = 90.9% -> 遅れ
    assert by_code["T3-2-2-02"][3:] == [
        "万人",
        "1504",
        "2014",
        "2106",
        "2025",
        "1561",
        "9.5",
        "90.9",
        "遅れ",
    ]
    # Text target: no progress or expected.
    assert by_code["T3-3-2-03"][6:] == ["現状値以下", "2025", "49", "", "", "後退"]


def test_status_command_for_a_chosen_year_as_a_table(reference_db_file):
    done = run_status(reference_db_file, "--fiscal-year", "2021", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "FY2021"
    assert "Status" in lines[1] and len(lines) == 3
    assert lines[2].split()[0] == "T2-1-2-01" and lines[2].endswith("Slightly behind")


def test_status_command_on_a_missing_database_says_so(tmp_path):
    done = run_status(tmp_path / "none.duckdb")
    assert done.returncode == 1
    assert b"database not found" in done.stderr


def test_every_indicator_string_is_translated():
    import re

    from analytics.i18n import TEXT
    from tests.conftest import ROOT

    used = {f"status.{s}" for s in STATUSES} | {f"ind.kind.{k}" for k in ("published", "sample")}
    for path in [*ROOT.glob("analytics/indicators/*.py"), ROOT / "pages/indicators.py"]:
        used |= set(re.findall(r'\bt\(\s*"([a-z_][a-z0-9_.]*)"', path.read_text(encoding="utf-8")))
    assert len(used) > 30
    assert sorted(k for k in used if k not in TEXT) == []
    assert all(TEXT[k][0].strip() and TEXT[k][1].strip() for k in used)


def test_a_database_from_before_the_indicators_is_refreshed_to_have_them(reference_db):
    from analytics.ingest import store
    from analytics.ingest.build import needs_refresh, refresh_facts

    con = duckdb.connect(str(reference_db))
    for table in ("indicator_values", "indicator_initiatives", "indicators"):
        con.execute(f"drop table {table}")
    evaluations = con.execute("select count(*) from evaluations").fetchone()
    assert needs_refresh(con)
    con.close()
    store.write_new_version(reference_db, refresh_facts, start_empty=False)
    con = duckdb.connect(str(reference_db), read_only=True)
    assert not needs_refresh(con)
    assert con.execute("select count(*) from indicators").fetchone() == (0,)
    assert con.execute("select count(*) from evaluations").fetchone() == evaluations
    con.close()


def test_a_refreshed_old_database_takes_an_indicator_import_and_keeps_its_log(reference_db):
    """Databases built before the indicators have an import log that refuses the kind
    'indicators'; refresh (and every import, which refreshes first) rebuilds it, rows kept."""
    from analytics.ingest import store
    from analytics.ingest.build import refresh_facts

    con = duckdb.connect(str(reference_db))
    con.execute("create table old_log as select * from import_log")
    con.execute("drop table import_log")
    con.execute(
        "create table import_log (import_id integer primary key, imported_at timestamp not null,"
        " file_name varchar not null, sha256 varchar not null check (length(sha256) = 64),"
        " sheet_kind varchar not null check (sheet_kind in ('reference', 'evaluations', 'initiatives')),"
        " rows_added integer not null, rows_changed integer not null, rows_unchanged integer not null)"
    )
    con.execute("insert into import_log select * from old_log")
    con.execute("drop table old_log")
    con.execute(
        "insert into import_log values (2, '2025-06-01 10:00', '令和6年度評価.xlsx', ?, 'evaluations', 3, 1, 90)",
        ["a" * 64],
    )
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "insert into import_log values (3, now(), 'x.csv', ?, 'indicators', 1, 0, 0)",
            ["b" * 64],
        )
    con.close()
    store.write_new_version(reference_db, refresh_facts, start_empty=False)
    con = duckdb.connect(str(reference_db))
    con.execute(
        "insert into import_log values (3, '2026-06-01 10:00', '成果指標.xlsx', ?, 'indicators', 21, 0, 0)",
        ["b" * 64],
    )
    rows = con.execute(
        "select import_id, file_name, sheet_kind, rows_added from import_log order by 1"
    ).fetchall()
    con.close()
    assert rows[1:] == [
        (2, "令和6年度評価.xlsx", "evaluations", 3),
        (3, "成果指標.xlsx", "indicators", 21),
    ]
    assert rows[0][2] == "reference"


def test_a_small_charts_title_wraps_in_two_lines_and_cuts_only_beyond():
    from analytics.indicators.charts import title_lines

    # two lines break after a particle or before （, the one nearest the middle
    name = "外国人市民と交流したことがある市民の割合"  # 20 characters; と at 6 or 12, が at 13
    assert title_lines(name) == ["外国人市民と交流したこと", "がある市民の割合"]
    assert title_lines("主要観光施設（25施設）の入込観光客数") == [
        "主要観光施設",
        "（25施設）の入込観光客数",
    ]
    assert title_lines("ア" * 20) == ["ア" * 10, "ア" * 10]  # no pause: the middle
    assert title_lines("通訳") == ["通訳"]
    long = "あ" * 17 + "い" * 17 + "う"  # 35 characters: one too many for two lines
    assert title_lines(long) == ["あ" * 17, "い" * 16 + "…"]
    english = "Share of residents who have interacted with foreign residents in the city"
    # English breaks between words, and the cut leaves whole words (34 characters a line)
    assert title_lines(english, "en") == [
        "Share of residents who have",
        "interacted with foreign …",
    ]


@pytest.mark.parametrize(
    "years, ticks",
    [
        ([2019, 2025, 2022, 2023], [2019, 2020, 2021, 2022, 2023, 2024, 2025]),  # none skipped
        ([2021, 2025], [2021, 2022, 2023, 2024, 2025]),
        # a baseline long before the term: every other year back from the target's
        ([2014, 2025, 2024], [2015, 2017, 2019, 2021, 2023, 2025]),
    ],
)
def test_a_small_charts_years_are_evenly_spaced(years, ticks):
    from analytics.indicators.charts import indicator_chart, year_ticks

    assert year_ticks(years) == ticks
    row = {
        "name_ja": "指標",
        "unit": "件",
        "baseline_value": 1.0,
        "baseline_fy": min(years),
        "target_fy": max(years),
        "target_value": 2.0,
        "status": "on_track",
        "indicator_code": "T3-1-1-01",
    }
    values = pd.DataFrame({"fiscal_year": years[2:], "actual": [1.5] * len(years[2:])})
    assert list(indicator_chart(row, values).layout.xaxis.tickvals) == ticks


def test_an_english_chart_in_ten_thousands_writes_every_hover_out():
    """万人 in English: the baseline, the target and each year's actual all read in people
    (28.5万人 is 285,000 people), none as 「× 10,000」 beside another written out."""
    from analytics.indicators.charts import indicator_chart

    row = {
        "name_ja": "市内の外国人延べ宿泊者数",
        "name_en": "Foreign guest nights in the city",
        "unit": "万人",
        "baseline_value": 28.0,
        "baseline_fy": 2019,
        "target_fy": 2025,
        "target_value": 35.0,
        "status": "behind",
        "indicator_code": "T3-2-2-01",
    }
    values = pd.DataFrame({"fiscal_year": [2023, 2024], "actual": [28.5, 27.4]})
    fig = indicator_chart(row, values, "en")
    hovers = " ".join(str(trace.hovertemplate) for trace in fig.data if trace.hovertemplate)
    assert "280,000 people" in hovers and "350,000 people" in hovers
    assert "10,000" not in hovers
    actual = next(trace for trace in fig.data if trace.mode == "lines+markers")
    assert list(actual.customdata) == [285_000, 274_000]
    assert "%{customdata:,.0f} people" in actual.hovertemplate
