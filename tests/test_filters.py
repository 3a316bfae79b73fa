"""The filter model: SQL with bound parameters only, and an exact round trip through URL strings."""

from __future__ import annotations

import pytest

from analytics import queries
from analytics.filters import Filters

ROUND_TRIP = [
    Filters(),
    Filters(terms=(3,)),
    Filters(terms=(1, 2), fy_from=2018, fy_to=2021),
    Filters(goals=(1, 3), directions=("1-2", "3-1"), bureaus=("economy-labour", "ward-asao")),
    Filters(covid="exclude", disaster="only", new_only=True, search="交流 センター"),
    Filters(fy_from=2020),
    Filters(search="a,b=c&d"),
    Filters(levels=(4, 5)),
    Filters(levels=(1,), terms=(3,), covid="exclude"),
]


@pytest.mark.parametrize("filters", ROUND_TRIP)
def test_query_dict_round_trips_exactly(filters):
    query = filters.to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    again = Filters.from_query(query)
    assert again == filters and again.ignored == ()


def test_defaults_leave_the_url_empty_and_order_is_canonical():
    assert Filters().to_query() == {}
    assert Filters(terms=(3, 1, 3)).terms == (1, 3)
    assert Filters(goals=(2, 1)) == Filters(goals=(1, 2))


@pytest.mark.parametrize(
    "query, expected, ignored",
    [
        ({"term": "1,x"}, Filters(), ("term",)),
        ({"term": "3", "colour": "red"}, Filters(terms=(3,)), ("colour",)),
        ({"fy_from": "2021", "fy_to": "2018"}, Filters(), ("fy_from", "fy_to")),
        ({"fy_from": "20x1"}, Filters(), ("fy_from",)),
        ({"covid": "maybe", "disaster": "exclude"}, Filters(disaster="exclude"), ("covid",)),
        ({"bureau": "Robert'); drop table x;--"}, Filters(), ("bureau",)),
        ({"direction": "1-1,9-99"}, Filters(), ("direction",)),
        ({"q": "x" * 101}, Filters(), ("q",)),
        ({"q": "a\x00b"}, Filters(), ("q",)),
        ({"goal": ["1", "3"]}, Filters(goals=(1, 3)), ()),  # a repeated key arrives as a list
        ({"new": "yes"}, Filters(), ("new",)),
        ({"term": None}, Filters(), ("term",)),
        ({"level": "4,5"}, Filters(levels=(4, 5)), ()),
        ({"level": "5,4,4"}, Filters(levels=(4, 5)), ()),
        ({"level": "6"}, Filters(), ("level",)),
        ({"level": "4,x"}, Filters(), ("level",)),
        ({"level": "0"}, Filters(), ("level",)),
    ],
)
def test_malformed_and_unknown_values_are_ignored_not_fatal(query, expected, ignored):
    got = Filters.from_query(query)
    assert got == expected
    assert got.ignored == ignored


def test_where_binds_every_value():
    f = Filters(
        terms=(1, 3), fy_from=2019, goals=(2,), bureaus=("port",), search="50%_off", covid="only"
    )
    clause, params = f.where()
    for value in ("port", "50%", "2019"):
        assert value not in clause
    assert params["f_term_0"] == 1 and params["f_term_1"] == 3 and params["f_bureau_0"] == "port"
    assert params["f_search"] == "50%_off"  # matched literally with contains(), no LIKE pattern
    assert "covid_impact" in clause and "$f_fy_from" in clause


def test_initiative_scope_uses_term_overlap_and_skips_evaluation_flags():
    clause, params = Filters(fy_from=2019, fy_to=2020, covid="exclude").where("initiative")
    assert "last_fy >= $f_fy_from" in clause and "first_fy <= $f_fy_to" in clause
    assert "covid" not in clause and params == {"f_fy_from": 2019, "f_fy_to": 2020}


def test_hostile_search_text_is_data_not_sql(fixture_con):
    hostile = Filters(search="'; drop table evaluations; --")
    assert len(queries.evaluations(fixture_con, hostile)) == 0
    assert len(queries.evaluations(fixture_con)) == 24


def test_like_wildcards_in_search_are_literal(fixture_con):
    assert len(queries.evaluations(fixture_con, Filters(search="_"))) == 0
    assert len(queries.evaluations(fixture_con, Filters(search="%"))) == 0
    assert len(queries.evaluations(fixture_con, Filters(search="<img"))) == 3
    assert len(queries.evaluations(fixture_con, Filters(search="30000020"))) == 3  # code, exact


def test_the_level_filter_reads_and_writes_level_4_5():
    f = Filters.from_query({"level": "4,5"})
    assert f.levels == (4, 5) and f.to_query() == {"level": "4,5"}
    assert Filters(levels=(5, 4), terms=(3,)).to_query() == {"term": "3", "level": "4,5"}


@pytest.mark.parametrize(
    "scope, clause, params",
    [
        (
            "evaluation",
            "achievement_level in ($f_level_0, $f_level_1)",
            {"f_level_0": 4, "f_level_1": 5},
        ),
        (
            "counts",
            "achievement_level in ($f_level_0, $f_level_1)",
            {"f_level_0": 4, "f_level_1": 5},
        ),
        (
            "initiative years",
            "(evaluated_mask & (if($f_at_level_1, level_1_mask, 0::hugeint)"
            " | if($f_at_level_2, level_2_mask, 0::hugeint) | if($f_at_level_3, level_3_mask, 0::hugeint)"
            " | if($f_at_level_4, level_4_mask, 0::hugeint) | if($f_at_level_5, level_5_mask, 0::hugeint)))"
            " != 0",
            {
                "f_at_level_1": False,
                "f_at_level_2": False,
                "f_at_level_3": False,
                "f_at_level_4": True,
                "f_at_level_5": True,
            },
        ),
        ("initiative", "true", {}),  # a level belongs to an evaluation, not to an initiative
    ],
)
def test_the_level_filter_on_every_scope_binds_its_values(scope, clause, params):
    assert Filters(levels=(4, 5)).where(scope) == (clause, params)


def test_the_level_filter_in_the_context_line():
    from analytics.filters import describe_filters

    # Levels read by name when three or fewer are chosen (issue 13), else as a count.
    assert (
        describe_filters(Filters(levels=(4, 5)), "ja") == "4 目標を下回った・5 目標を大きく下回った"
    )
    assert (
        describe_filters(Filters(terms=(3,), levels=(4, 5)), "en")
        == "term 3; 4 Below target, 5 Far below target"
    )
    assert describe_filters(Filters(levels=(1, 2, 4, 5)), "ja") == "達成度4件"


# The names are the reference CSVs' (data/reference/goals.csv, directions.csv, departments.csv),
# cut to 12 characters (28 in English) with an ellipsis.
@pytest.mark.parametrize(
    "filters, lang, expected",
    [
        (Filters(bureaus=("port",)), "ja", "港湾局"),
        (Filters(bureaus=("port",)), "en", "Port and Harbor Bureau"),
        (Filters(bureaus=("port", "finance")), "ja", "財政局・港湾局"),
        (Filters(bureaus=("port", "finance", "general-affairs", "environment")), "ja", "所管局4件"),
        (Filters(goals=(2,)), "ja", "基本目標2 発信力を高め世界的プレ…"),
        (Filters(directions=("1-2",)), "ja", "1-2 企業の海外展開による国…"),
        (
            Filters(terms=(3,), goals=(1,), covid="exclude"),
            "ja",
            "第3期・基本目標1 川崎発の最先端技術で世…・コロナ影響ありを除く",
        ),
        (Filters(goals=(1,)), "en", "Goal 1 A city leading the world wi…"),
    ],
)
def test_the_context_line_names_what_is_chosen(reference_con, filters, lang, expected):
    from analytics import queries
    from analytics.filters import describe_filters

    assert describe_filters(filters, lang, queries.context_names(reference_con)) == expected


def test_level_counts_on_the_fixture_equal_a_count_in_sql(fixture_con):
    """The fixture's evaluations at level 4 or 5, counted straight from the source table."""
    want = fixture_con.execute(
        "select count(*) from evaluations where achievement_level in (4, 5)"
    ).fetchone()[0]
    assert want > 0
    assert len(queries.evaluations(fixture_con, Filters(levels=(4, 5)))) == want
    assert queries.headline(fixture_con, Filters(levels=(4, 5)))["evaluations"] == want


def test_coverage_ignores_the_filters_on_evaluations(fixture_con):
    everything = queries.coverage_by_year(fixture_con, Filters(terms=(3,)))
    for f in (Filters(terms=(3,), levels=(4, 5)), Filters(terms=(3,), covid="only")):
        assert queries.coverage_by_year(fixture_con, f).equals(everything)
    assert Filters(levels=(4,), covid="only", goals=(1,)).of_initiatives() == Filters(goals=(1,))


def test_the_meeting_pack_command_line_takes_the_level(fixture_db_file, tmp_path):
    import subprocess
    import sys

    import openpyxl

    out = tmp_path / "pack.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.report",
            "--out",
            str(out),
            "--db",
            str(fixture_db_file),
            "--level",
            "4,5",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    cover = {row[0]: row[1] for row in openpyxl.load_workbook(out)["表紙"].values}
    assert cover["絞り込み条件"] == "4 目標を下回った・5 目標を大きく下回った"
    assert cover["URLの条件"] == "level=4,5"
