"""Each named query on the fixture database (tests/fixture_data.py), against values worked out by
hand from its literal rows."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from analytics import queries
from analytics.filters import Filters
from tests.conftest import ROOT

A, B, C, D, E = "10000010", "20000010", "30000010", "30000020", "40000010"


def records(df, *columns):
    return [tuple(r) for r in df[list(columns)].itertuples(index=False)]


def test_every_query_file_says_what_one_row_is():
    names = queries.names()
    assert len(names) >= 15
    for name in names:
        first = queries.sql_text(name).splitlines()[0]
        assert first.startswith("-- One row"), name


def test_importing_analytics_does_not_import_streamlit():
    code = "import sys, analytics, analytics.queries, analytics.charts, analytics.filters, analytics.i18n; print('streamlit' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"


# ---- evaluations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), 24),
        (Filters(terms=(3,)), 12),
        (Filters(terms=(1,)), 4),
        (Filters(goals=(3,)), 8),
        (Filters(directions=("3-2",)), 3),
        (Filters(bureaus=("education",)), 5),
        (Filters(fy_from=2020, fy_to=2021), 4),
        (Filters(covid="only"), 5),
        (Filters(covid="exclude"), 19),
        (Filters(disaster="only"), 1),
        (Filters(new_only=True), 13),  # T2-B (4) + T3-A, T3-C, T3-D (3 each)
        (Filters(search="テスト"), 21),
        (Filters(terms=(2,), goals=(3,)), 0),
        (Filters(fy_from=2025), 0),
    ],
)
def test_evaluations_rows_per_filter(fixture_con, filters, expected):
    assert len(queries.evaluations(fixture_con, filters)) == expected


def test_new_only_count_matches_hand_count(fixture_con):
    got = queries.evaluations(fixture_con, Filters(new_only=True))
    assert sorted(got["initiative_id"].unique()) == [
        "T2-20000010",
        "T3-10000010",
        "T3-30000010",
        "T3-30000020",
    ]
    assert len(got) == 13


def test_the_screen_lists_the_latest_year_first_and_a_limit_keeps_it(fixture_con):
    # the fixture's 2024 rows by goal and direction: A (1-1), B (2-1), D (3-1), C (3-2); then 2023
    latest = queries.evaluations(fixture_con, limit=5, latest_first=True)
    assert records(latest, "fiscal_year", "initiative_id") == [
        (2024, "T3-10000010"),
        (2024, "T3-20000010"),
        (2024, "T3-30000020"),
        (2024, "T3-30000010"),
        (2023, "T3-10000010"),
    ]
    # the downloads' order: oldest first (2016: A's first term, then E)
    oldest = queries.evaluations(fixture_con, limit=2)
    assert records(oldest, "fiscal_year", "initiative_id") == [
        (2016, "T1-10000010"),
        (2016, "T1-40000010"),
    ]


def test_evaluations_carry_names_in_both_languages(fixture_con):
    row = queries.evaluations(fixture_con, Filters(search=C)).iloc[0]
    assert row["goal_name_ja"] == "多様性が市民の生活を豊かにしていくことを誰もが認識しているまち"
    assert (
        row["department_name_ja"] == "教育委員会事務局"
        and row["department_name_en"] == "Board of Education Secretariat"
    )
    assert row["direction_id"] == "3-2" and bool(row["on_target"]) is True


# ---- distribution and rates -----------------------------------------------------------------


def test_level_distribution_by_year_includes_zero_levels(fixture_con):
    df = queries.achievement_by_year_and_group(fixture_con)
    assert len(df) == 9 * 5
    fy2024 = df[df["fiscal_year"] == 2024]
    assert list(fy2024["achievement_level"]) == [1, 2, 3, 4, 5]
    assert list(fy2024["evaluations"]) == [1, 0, 2, 1, 0]
    assert list(fy2024["share"]) == [0.25, 0.0, 0.5, 0.25, 0.0]
    fy2020 = df[df["fiscal_year"] == 2020]
    assert list(fy2020["evaluations"]) == [0, 0, 0, 1, 1]


@pytest.mark.parametrize(
    "group, fiscal_year, expected",
    [
        ("goal", 2022, [("1", 1, 1.0), ("2", 1, 0.0), ("3", 2, 1.0)]),
        ("goal", 2016, [("1", 1, 1.0), ("3", 1, 0.0)]),
        ("term", 2022, [("3", 4, 0.75)]),
        ("direction", 2023, [("1-1", 1, 1.0), ("2-1", 1, 1.0), ("3-1", 1, 1.0), ("3-2", 1, 0.0)]),
        (
            "bureau",
            2024,
            [
                ("civic-culture", 1, 1.0),
                ("economy-labour", 1, 1.0),
                ("education", 1, 1.0),
                ("ward-kawasaki", 1, 0.0),
            ],
        ),
        ("none", 2021, [("all", 2, 0.5)]),
    ],
)
def test_on_target_by_year_and_group(fixture_con, group, fiscal_year, expected):
    df = queries.on_target_by_year_and_group(fixture_con, group=group)
    got = records(
        df[df["fiscal_year"] == fiscal_year], "group_key", "evaluations", "on_target_rate"
    )
    assert got == expected


def test_on_target_by_term_and_goal(fixture_con):
    df = queries.on_target_by_term_and_goal(fixture_con)
    got = records(df, "term_id", "goal_id", "initiatives", "evaluations", "on_target")
    assert got == [
        (1, 1, 1, 2, 2),
        (1, 3, 1, 2, 1),
        (2, 1, 1, 4, 3),
        (2, 2, 1, 4, 2),
        (3, 1, 1, 3, 3),
        (3, 2, 1, 3, 2),
        (3, 3, 2, 6, 4),
    ]


def test_on_target_by_bureau_lowest_rate_first(fixture_con):
    df = queries.on_target_by_bureau(fixture_con)
    got = records(
        df, "department_id", "initiatives", "evaluations", "on_target", "latest_fiscal_year"
    )
    assert got == [
        ("civic-culture", 1, 7, 4, 2024),
        ("education", 2, 5, 3, 2024),
        ("ward-kawasaki", 1, 3, 2, 2024),
        ("economy-labour", 1, 9, 8, 2024),
    ]


# ---- COVID ----------------------------------------------------------------------------------


def test_covid_rate_with_and_without_the_affected(fixture_con):
    df = queries.covid_rate_by_year(fixture_con).set_index("fiscal_year")
    assert tuple(df.loc[2022, ["evaluations", "affected", "not_affected"]]) == (4, 1, 3)
    assert df.loc[2022, "on_target_rate"] == 0.75
    assert df.loc[2022, "on_target_rate_without_affected"] == 1.0
    assert df.loc[2022, "on_target_rate_affected"] == 0.0
    assert math.isnan(
        df.loc[2020, "on_target_rate_without_affected"]
    )  # nothing unaffected that year
    assert math.isnan(df.loc[2019, "on_target_rate_affected"])


@pytest.mark.parametrize(
    "covid, years",
    [
        ("all", list(range(2016, 2025))),
        ("exclude", [2016, 2017, 2018, 2019, 2022, 2023, 2024]),
        ("only", [2020, 2021, 2022]),
    ],
)
def test_covid_switch_changes_which_years_have_data(fixture_con, covid, years):
    df = queries.covid_rate_by_year(fixture_con, Filters(covid=covid))
    assert list(df["fiscal_year"]) == years


def test_covid_by_year_levels(fixture_con):
    df = queries.covid_by_year(fixture_con)
    fy2021 = df[df["fiscal_year"] == 2021]
    assert records(
        fy2021[fy2021["evaluations"] > 0],
        "covid_impact",
        "achievement_level",
        "evaluations",
        "share",
    ) == [(True, 3, 1, 0.5), (True, 4, 1, 0.5)]
    fy2022 = df[(df["fiscal_year"] == 2022) & ~df["covid_impact"]]
    assert list(fy2022["evaluations"]) == [0, 0, 3, 0, 0]


# ---- year over year ---------------------------------------------------------------------------


def test_year_over_year_changes_including_term_boundaries_and_mid_plan_starts(fixture_con):
    df = queries.year_over_year(fixture_con)
    got = {
        (r.project_code, r.fiscal_year): (
            r.change,
            None if pd.isna(r.previous_level) else int(r.previous_level),
        )
        for r in df.itertuples()
    }
    assert got[(A, 2016)] == ("new", None)
    assert got[(A, 2017)] == ("improved", 3)
    assert got[(A, 2018)] == ("declined", 2)  # first year of term 2 compares with term 1's last
    assert got[(A, 2022)] == ("same", 3)  # first year of term 3
    assert got[(B, 2018)] == ("new", None)  # starts mid-plan
    assert got[(B, 2020)] == ("declined", 3)
    assert got[(C, 2022)] == ("new", None)
    assert got[(D, 2024)] == ("declined", 3)
    assert got[(E, 2017)] == ("improved", 4)


def test_year_over_year_keeps_the_baseline_outside_the_filtered_years(fixture_con):
    df = queries.year_over_year(fixture_con, Filters(terms=(3,), fy_from=2022, fy_to=2022))
    assert records(df, "project_code", "change") == [
        (A, "same"),
        (B, "same"),
        (C, "new"),
        (D, "new"),
    ]


@pytest.mark.parametrize(
    "from_fy, to_fy, expected",
    [
        (2021, 2022, [(3, 3, 1), (4, 4, 1)]),
        (2023, 2024, [(2, 1, 1), (3, 3, 1), (3, 4, 1), (4, 3, 1)]),
        (2016, 2024, [(3, 1, 1)]),
        (2024, 2025, []),  # a year not yet evaluated
    ],
)
def test_transitions_between_two_years(fixture_con, from_fy, to_fy, expected):
    assert (
        records(
            queries.transitions(fixture_con, from_fy, to_fy), "from_level", "to_level", "projects"
        )
        == expected
    )


def test_transitions_respect_the_filter_on_the_later_year(fixture_con):
    df = queries.transitions(fixture_con, 2023, 2024, Filters(goals=(3,)))
    assert records(df, "from_level", "to_level", "projects") == [(3, 4, 1), (4, 3, 1)]


# ---- exceptions -------------------------------------------------------------------------------


def test_below_target_worst_first_with_notes(fixture_con):
    df = queries.below_target(fixture_con)
    assert records(df, "project_code", "fiscal_year", "achievement_level") == [
        (B, 2020, 5),
        (D, 2024, 4),
        (C, 2023, 4),
        (B, 2022, 4),
        (B, 2021, 4),
        (A, 2020, 4),
        (E, 2016, 4),
    ]
    assert df.iloc[0]["note_ja"] == "全面中止"


def test_declines_largest_drop_first(fixture_con):
    df = queries.declines(fixture_con)
    assert records(df, "project_code", "fiscal_year", "previous_level", "achievement_level") == [
        (B, 2020, 3, 5),
        (D, 2024, 3, 4),
        (C, 2023, 3, 4),
        (A, 2020, 3, 4),
        (B, 2019, 2, 3),
        (A, 2018, 2, 3),
    ]


# ---- one initiative, headline, coverage, tree ----------------------------------------------------


def test_initiative_history_across_terms(fixture_con):
    df = queries.initiative_history(fixture_con, A)
    assert records(df, "fiscal_year", "term_id", "achievement_level") == [
        (2016, 1, 3),
        (2017, 1, 2),
        (2018, 2, 3),
        (2019, 2, 3),
        (2020, 2, 4),
        (2021, 2, 3),
        (2022, 3, 3),
        (2023, 3, 2),
        (2024, 3, 1),
    ]
    assert queries.initiative_history(fixture_con, "99999999").empty


@pytest.mark.parametrize(
    "filters, expected",
    [
        (
            Filters(),
            dict(
                projects=5,
                initiatives=8,
                evaluations=24,
                latest_fiscal_year=2024,
                latest_on_target_rate=0.75,
                previous_on_target_rate=0.75,
                change=0.0,
            ),
        ),
        (
            Filters(terms=(2,)),
            dict(
                projects=2,
                initiatives=2,
                evaluations=8,
                latest_fiscal_year=2021,
                latest_on_target_rate=0.5,
                previous_on_target_rate=0.0,
                change=0.5,
            ),
        ),
        (
            Filters(fy_to=2019),
            dict(
                projects=3,
                initiatives=4,
                evaluations=8,
                latest_fiscal_year=2019,
                latest_on_target_rate=1.0,
                previous_on_target_rate=1.0,
                change=0.0,
            ),
        ),
        (
            Filters(search="該当なし"),
            dict(
                projects=0,
                initiatives=0,
                evaluations=0,
                latest_fiscal_year=None,
                latest_on_target_rate=None,
                previous_on_target_rate=None,
                change=None,
            ),
        ),
        (
            Filters(fy_from=2025),
            dict(
                projects=4,
                initiatives=4,
                evaluations=0,
                latest_fiscal_year=None,
                latest_on_target_rate=None,
                previous_on_target_rate=None,
                change=None,
            ),
        ),
    ],
)
def test_headline_numbers(fixture_con, filters, expected):
    got = queries.headline(fixture_con, filters)
    assert {k: got[k] for k in expected} == expected


def test_coverage_shows_the_year_not_yet_evaluated(fixture_con):
    df = queries.coverage(fixture_con)
    assert len(df) == 4 + 8 + 16
    missing = df[~df["evaluated"]]
    assert sorted(missing["initiative_id"]) == [
        "T3-10000010",
        "T3-20000010",
        "T3-30000010",
        "T3-30000020",
    ]
    assert set(missing["fiscal_year"]) == {2025}
    assert len(queries.coverage(fixture_con, Filters(fy_to=2024))[lambda d: ~d["evaluated"]]) == 0


def test_achievement_tree_leaves(fixture_con):
    df = queries.achievement_tree(fixture_con, Filters(terms=(3,)))
    got = records(
        df, "goal_id", "direction_id", "initiative_id", "evaluations", "on_target", "latest_level"
    )
    assert got == [
        (1, "1-1", "T3-10000010", 3, 3, 1),
        (2, "2-1", "T3-20000010", 3, 2, 3),
        (3, "3-1", "T3-30000020", 3, 2, 4),
        (3, "3-2", "T3-30000010", 3, 2, 3),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "evaluations",
        "achievement_by_year_and_group",
        "on_target_by_year_and_group",
        "on_target_by_term_and_goal",
        "on_target_by_bureau",
        "covid_by_year",
        "covid_rate_by_year",
        "year_over_year",
        "below_target",
        "declines",
        "achievement_tree",
        "coverage",
    ],
)
def test_a_filter_matching_nothing_gives_an_empty_frame(fixture_con, name):
    params = {"group": "goal"} if "group" in name else {}
    df = getattr(queries, name)(fixture_con, Filters(search="該当なし"), **params)
    assert df.empty


def test_achievement_tree_stops_at_directions_for_a_wide_filter(fixture_con):
    df = queries.achievement_tree(fixture_con, by_initiative=False)
    got = records(df, "goal_id", "direction_id", "evaluations", "on_target")
    assert got == [
        (1, "1-1", 9, 8),
        (2, "2-1", 7, 4),
        (3, "3-1", 3, 2),
        (3, "3-2", 3, 2),
        (3, "3-3", 2, 1),
    ]
    assert df["initiative_id"].isna().all()


def test_coverage_by_year_counts_listed_evaluated_and_missing(fixture_con):
    df = queries.coverage_by_year(fixture_con, Filters(covid="exclude"))  # coverage ignores impacts
    got = records(df, "fiscal_year", "expected", "evaluated", "missing")
    assert got == [(2016, 2, 2, 0), (2017, 2, 2, 0)] + [(y, 2, 2, 0) for y in range(2018, 2022)] + [
        (y, 4, 4, 0) for y in (2022, 2023, 2024)
    ] + [(2025, 4, 0, 4)]
    assert records(
        queries.coverage_by_year(fixture_con, Filters(terms=(1,))), "fiscal_year", "expected"
    )[:3] == [(2016, 2), (2017, 2), (2018, 0)]


@pytest.mark.parametrize("name", ["below_target", "declines", "evaluations"])
def test_limit_keeps_the_first_rows_in_the_querys_order(reference_con, name):
    def rows(df):  # None and NaN alike (a short frame may type an empty column differently)
        return df.astype(object).where(df.notna(), None).values.tolist()

    full = getattr(queries, name)(reference_con)
    assert len(full) > 20
    for n in (1, 3, 20):
        assert rows(getattr(queries, name)(reference_con, limit=n)) == rows(full.head(n))


def test_a_parameter_the_query_does_not_read_is_an_error(fixture_con):
    with pytest.raises(ValueError, match="has no parameters"):
        queries.run(fixture_con, "evaluations", Filters(), group="goal")


@pytest.mark.parametrize(
    "filters",
    [
        Filters(levels=(4, 5)),
        Filters(covid="only"),
        Filters(terms=(3,), covid="exclude"),
        Filters(disaster="only", levels=(4,)),
    ],
)
def test_under_an_evaluation_filter_the_headline_counts_the_projects_it_keeps(fixture_con, filters):
    """「4 目標を下回った」 chosen: the headline's projects are those with such an evaluation, not
    every project listed (a project followed across terms by its code counts once)."""
    levels, terms = list(filters.levels), list(filters.terms)
    expected = fixture_con.execute(
        """
        select count(distinct coalesce(i.project_code, i.initiative_id))
        from evaluations e join initiatives i using (initiative_id)
        where (len($levels::int[]) = 0 or list_contains($levels::int[], e.achievement_level))
          and (len($terms::int[]) = 0 or list_contains($terms::int[], i.term_id))
          and ($covid = 'all' or ($covid = 'only') = e.covid_impact)
          and ($disaster = 'all' or ($disaster = 'only') = e.disaster_impact)
        """,
        {"levels": levels, "terms": terms, "covid": filters.covid, "disaster": filters.disaster},
    ).fetchone()[0]
    listed = queries.headline(fixture_con, filters.of_initiatives())
    got = queries.headline(fixture_con, filters)
    assert got["projects"] == expected and got["projects_evaluated"]
    assert not listed["projects_evaluated"] and listed["projects"] >= expected
