"""The derived tables the aggregates read (evaluation_counts, initiative_years, project_search)
must give exactly what counting the evaluations one by one gives, under every kind of filter.

The expected values are computed here in pandas from the evaluations and initiatives tables
(the source tables, not the derived ones), with the filters applied by hand.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analytics import queries
from analytics.filters import Filters, year_mask
from analytics.ingest.build import refresh_facts

FILTERS = [
    Filters(),
    Filters(terms=(2,)),
    Filters(terms=(1, 3)),
    Filters(fy_from=2020, fy_to=2021),
    Filters(fy_from=2023),
    Filters(fy_to=2016),
    Filters(goals=(3,)),
    Filters(directions=("2-1", "3-2")),
    Filters(bureaus=("civic-culture",)),
    Filters(covid="only"),
    Filters(covid="exclude"),
    Filters(disaster="only"),
    Filters(disaster="exclude", covid="exclude"),
    Filters(covid="only", fy_from=2021, fy_to=2022),
    Filters(covid="exclude", disaster="only", fy_from=2019),
    Filters(new_only=True),
    Filters(search="国際"),
    Filters(search="INTERNATIONAL"),  # English names, any case
    Filters(search="40111010"),  # a project code
    Filters(search="国際", covid="exclude", fy_from=2020),
    Filters(search="該当なし"),
    Filters(terms=(3,), goals=(1,), covid="only"),
    Filters(levels=(4, 5)),
    Filters(levels=(1,)),
    Filters(levels=(4, 5), covid="only", fy_from=2020),
    Filters(levels=(3,), search="国際"),
    Filters(levels=(2, 4), goals=(2, 3), new_only=True),
]


def source_frame(con) -> pd.DataFrame:
    """Every evaluation with its initiative's columns, from the source tables only."""
    return con.execute(
        """
        select e.initiative_id, e.fiscal_year, e.achievement_level, e.covid_impact,
               e.disaster_impact, i.term_id, d.goal_id, i.direction_id, i.department_id,
               i.new_or_expanded, coalesce(i.project_code, i.initiative_id) as project_key
        from evaluations e
        join initiatives i using (initiative_id)
        join directions d using (direction_id)
        """
    ).df()


def project_names(con) -> pd.DataFrame:
    return con.execute(
        "select coalesce(project_code, initiative_id) as project_key, project_code, name_ja,"
        " coalesce(name_en, name_ja) as name_en from initiatives"
    ).df()


def by_hand(df: pd.DataFrame, names: pd.DataFrame, f: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if f.terms:
        keep &= df["term_id"].isin(f.terms)
    if f.fy_from is not None:
        keep &= df["fiscal_year"] >= f.fy_from
    if f.fy_to is not None:
        keep &= df["fiscal_year"] <= f.fy_to
    if f.goals:
        keep &= df["goal_id"].isin(f.goals)
    if f.directions:
        keep &= df["direction_id"].isin(f.directions)
    if f.bureaus:
        keep &= df["department_id"].isin(f.bureaus)
    if f.levels:
        keep &= df["achievement_level"].isin(f.levels)
    for column, choice in (("covid_impact", f.covid), ("disaster_impact", f.disaster)):
        if choice == "only":
            keep &= df[column]
        elif choice == "exclude":
            keep &= ~df[column]
    if f.new_only:
        keep &= df["new_or_expanded"].notna()
    if f.search:
        text = f.search.lower()
        hit = (
            names["name_ja"].str.lower().str.contains(text, regex=False)
            | names["name_en"].str.lower().str.contains(text, regex=False)
            | (names["project_code"] == f.search)
        )
        keep &= df["project_key"].isin(set(names.loc[hit, "project_key"]))
    out = df[keep].copy()
    out["on_target"] = out["achievement_level"] <= 3
    return out


@pytest.fixture(scope="module", params=["reference", "fixture"])
def con(request, reference_db_file, fixture_db_file):
    path = reference_db_file if request.param == "reference" else fixture_db_file
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.to_query()) or "none")
def test_counts_and_distinct_counts_equal_counting_one_by_one(con, f):
    part = by_hand(source_frame(con), project_names(con), f)

    got = queries.on_target_by_term_and_goal(con, f)
    want = (
        part.groupby(["term_id", "goal_id"])
        .agg(
            initiatives=("initiative_id", "nunique"),
            evaluations=("on_target", "size"),
            on_target=("on_target", "sum"),
        )
        .reset_index()
    )
    assert got[list(want.columns)].values.tolist() == want.values.tolist()

    got = queries.on_target_by_bureau(con, f).sort_values("department_id")
    want = (
        part.groupby("department_id")
        .agg(
            initiatives=("project_key", "nunique"),
            evaluations=("on_target", "size"),
            on_target=("on_target", "sum"),
            covid_affected=("covid_impact", "sum"),
            latest_fiscal_year=("fiscal_year", "max"),
        )
        .reset_index()
    )
    assert got[list(want.columns)].values.tolist() == want.values.tolist()

    got = queries.review_by_term_and_group(con, f, group="direction")
    levels = pd.crosstab(
        [part["term_id"], part["direction_id"]], part["achievement_level"]
    ).reindex(columns=[1, 2, 3, 4, 5], fill_value=0)
    want = part.groupby(["term_id", "direction_id"])["initiative_id"].nunique()
    assert got["initiatives"].tolist() == want.tolist()
    assert got[[f"level_{n}" for n in range(1, 6)]].values.tolist() == levels.values.tolist()

    got = queries.achievement_by_year_and_group(con, f, group="goal")
    got = got[got["evaluations"] > 0]
    want = part.groupby(["fiscal_year", "goal_id", "achievement_level"]).size()
    assert got["evaluations"].tolist() == want.tolist()
    assert got["group_key"].tolist() == [str(g) for g in want.index.get_level_values(1)]

    got = queries.covid_rate_by_year(con, f)
    want = part.groupby("fiscal_year").agg(
        evaluations=("on_target", "size"), affected=("covid_impact", "sum")
    )
    assert got[["evaluations", "affected"]].values.tolist() == want.values.tolist()
    rate = part.groupby("fiscal_year")["on_target"].mean()
    assert got["on_target_rate"].tolist() == pytest.approx(rate.tolist())

    got = queries.achievement_tree(con, f, by_initiative=False)
    want = part.groupby(["goal_id", "direction_id"])["on_target"].agg(["size", "sum"])
    assert got[["evaluations", "on_target"]].values.tolist() == want.values.tolist()

    head = queries.headline(con, f)
    assert head["evaluations"] == len(part)
    if len(part):
        latest = part["fiscal_year"].max()
        assert head["latest_fiscal_year"] == latest
        assert head["latest_on_target_rate"] == pytest.approx(
            part.loc[part["fiscal_year"] == latest, "on_target"].mean()
        )


def test_integer_columns_stay_integers(reference_con):
    """Sums over evaluation_counts are cast back to integers (pandas would show 12.0)."""
    for name, params in [
        ("on_target_by_term_and_goal", {}),
        ("on_target_by_bureau", {}),
        ("covid_rate_by_year", {}),
        ("changes_by_year", {}),
        ("achievement_by_year_and_group", {"group": "bureau"}),
        ("review_by_term_and_group", {"group": "goal"}),
    ]:
        df = getattr(queries, name)(reference_con, Filters(search="国際"), **params)
        counts = [c for c in ("evaluations", "initiatives", "on_target", "level_4") if c in df]
        for column in counts:
            assert pd.api.types.is_integer_dtype(df[column]), (name, column)


def test_year_mask_bits():
    assert year_mask(1990, 1990) == 1
    assert year_mask(2016, 2017) == (1 << 26) | (1 << 27)
    assert year_mask(None, 1991) == 0b11
    assert year_mask(2100, None) == 1 << 110
    assert year_mask(2020, 2019) == 0


def test_a_search_finds_a_renamed_project_in_every_term(reference_db):
    con = duckdb.connect(str(reference_db))
    code = "40111010"
    old_name = con.execute(
        "select name_ja from initiatives where project_code = ? and term_id = 1", [code]
    ).fetchone()[0]
    con.execute(
        "update initiatives set name_ja = '改称後の事業', name_en = 'Renamed'"
        " where project_code = ? and term_id = 3",
        [code],
    )
    refresh_facts(con)
    expected = con.execute(
        "select count(*) from evaluations e join initiatives i using (initiative_id)"
        " where i.project_code = ?",
        [code],
    ).fetchone()[0]
    for text in (old_name, "改称後", "renamed"):
        rows = queries.evaluations(con, Filters(search=text))
        assert set(rows["project_code"]) == {code}
        assert len(rows) == expected and sorted(set(rows["term_id"])) == [1, 2, 3]
    con.close()


@pytest.mark.parametrize("f", FILTERS[:9], ids=lambda f: str(f.to_query()) or "none")
def test_coverage_from_year_masks_equals_the_anti_join(con, f):
    """Which initiative × year is evaluated, read from initiative_years' masks, against an anti
    join of the source tables."""
    lo = f.fy_from if f.fy_from is not None else 0
    hi = f.fy_to if f.fy_to is not None else 9999
    want = con.execute(
        """
        select i.initiative_id, y.fiscal_year, e.initiative_id is not null as evaluated
        from initiatives i
        join directions d using (direction_id)
        join fiscal_years y on y.term_id = i.term_id
        left join evaluations e on e.initiative_id = i.initiative_id and e.fiscal_year = y.fiscal_year
        where y.fiscal_year between $lo and $hi
          and (len($terms) = 0 or list_contains($terms, i.term_id))
          and (len($goals) = 0 or list_contains($goals, d.goal_id))
          and (len($bureaus) = 0 or list_contains($bureaus, i.department_id))
          and (len($directions) = 0 or list_contains($directions, i.direction_id))
        order by 1, 2
        """,
        {
            "lo": lo,
            "hi": hi,
            "terms": list(f.terms),
            "goals": list(f.goals),
            "bureaus": list(f.bureaus),
            "directions": list(f.directions),
        },
    ).fetchall()
    got = queries.coverage(con, f).sort_values(["initiative_id", "fiscal_year"])
    assert [tuple(r) for r in got[["initiative_id", "fiscal_year", "evaluated"]].values] == want
    if f.is_empty:  # FY2025 is not evaluated yet: the missing rows are there to find
        assert any(not r[2] for r in want) and any(r[2] for r in want)
