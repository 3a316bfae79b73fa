"""Named queries: one ``.sql`` file per grain in this folder, run through ``run``.

A query file marks where the filters go with ``/* evaluation filters */ true`` (rows of
evaluation_facts), ``/* count filters */ true`` (evaluation_counts), ``/* initiative-year filters
*/ true`` (initiative_years) or ``/* initiative filters */ true`` (initiative_facts), so the file
is valid SQL on its own, unfiltered. ``run`` replaces each marker with ``Filters.where()`` — whose
text depends only on which filters are set — and binds every value as a parameter. A query that
picks its rows before joining their names marks that step's limit with ``/* limit */``. Each
function below shares its name with its file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import duckdb
import pandas as pd

from analytics.filters import Filters

QUERY_DIR = Path(__file__).resolve().parent
MARKERS = {
    "evaluation": "/* evaluation filters */ true",
    "counts": "/* count filters */ true",
    "initiative years": "/* initiative-year filters */ true",
    "initiative": "/* initiative filters */ true",
}
LIMIT_MARKER = "/* limit */"
YEAR_ORDER_MARKER = "/* year order */"  # after an ORDER BY's fiscal year: `desc` for latest first
COUNTS_FILE = QUERY_DIR.parent / "evaluation_counts.sql"
COUNTS_TABLE = re.compile(r"\bfrom evaluation_counts\b")
GROUPS = ("none", "goal", "direction", "term", "bureau")


@functools.cache
def sql_text(name: str) -> str:
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


@functools.cache
def _counts_sql() -> str:
    return COUNTS_FILE.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def prepare(name: str, filters: Filters | None = None, **params) -> tuple[str, dict]:
    """The query text with its filter markers replaced, and the parameters it uses."""
    filters = filters or Filters()
    sql = sql_text(name)
    bound: dict[str, object] = {}
    for scope, marker in MARKERS.items():
        if marker in sql:
            clause, values = filters.where(scope)
            sql = sql.replace(marker, clause)
            bound.update(values)
    if filters.search and COUNTS_TABLE.search(sql):
        # evaluation_counts has no names to search: count the matching evaluations the same way.
        clause, values = filters.search_clause("evaluation")
        counts = _counts_sql().replace("/* search filter */ true", clause)
        sql = COUNTS_TABLE.sub(lambda _: f"from (\n{counts}\n) evaluation_counts", sql)
        bound.update(values)
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    unused = set(params) - used
    if unused:  # a parameter the query does not read is a mistake in the caller, never ignored
        raise ValueError(f"query {name} has no parameters {sorted(unused)}")
    bound.update(params)
    missing = used - set(bound)
    if missing:
        raise ValueError(f"query {name} needs parameters {sorted(missing)}")
    return sql, {k: v for k, v in bound.items() if k in used}


def statement(
    name: str,
    filters: Filters | None = None,
    *,
    limit: int | None = None,
    latest_first: bool = False,
    **params,
) -> tuple[str, dict]:
    """The exact SQL text and parameters ``run`` executes (the benchmark's "bare" query).
    ``latest_first``: the query's rows latest fiscal year first, where it marks its year order."""
    sql, bound = prepare(name, filters, **params)
    if latest_first and YEAR_ORDER_MARKER not in sql:
        raise ValueError(f"query {name} has no year order to reverse")
    sql = sql.replace(YEAR_ORDER_MARKER, "desc" if latest_first else "")
    if LIMIT_MARKER in sql:
        # The query picks its rows in a narrow step first (see evaluations.sql): limit it too.
        sql = sql.replace(LIMIT_MARKER, "limit $row_limit" if limit is not None else "")
    if limit is not None:
        # After the query's own ORDER BY (every query ends with one), so DuckDB runs a top-N
        # instead of sorting everything; wrapping it in a subquery would lose that.
        sql = f"{sql.rstrip().rstrip(';')}\nlimit $row_limit"
        bound = {**bound, "row_limit": int(limit)}
    return sql, bound


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    *,
    limit: int | None = None,
    latest_first: bool = False,
    **params,
) -> pd.DataFrame:
    """Run a named query; ``limit`` keeps only its first rows, in the query's own order."""
    sql, bound = statement(name, filters, limit=limit, latest_first=latest_first, **params)
    return con.execute(sql, bound).df()


def _one_row(df: pd.DataFrame) -> dict:
    """A one-row result as plain Python values, None where missing."""
    row = df.to_dict("records")[0]
    return {
        k: (None if pd.isna(v) else getattr(v, "item", lambda v=v: v)()) for k, v in row.items()
    }


def _group(group: str) -> str:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {GROUPS}")
    return group


def evaluations(
    con, filters: Filters | None = None, limit: int | None = None, latest_first: bool = False
) -> pd.DataFrame:
    """The evaluations of a filter, oldest fiscal year first (the downloads' order), or latest
    first (the screen's table: with ``limit`` it keeps the latest rows)."""
    return run(con, "evaluations", filters, limit=limit, latest_first=latest_first)


def achievement_by_year_and_group(
    con, filters: Filters | None = None, group: str = "none"
) -> pd.DataFrame:
    return run(con, "achievement_by_year_and_group", filters, group=_group(group))


def on_target_by_year_and_group(
    con, filters: Filters | None = None, group: str = "none"
) -> pd.DataFrame:
    return run(con, "on_target_by_year_and_group", filters, group=_group(group))


def on_target_by_term_and_goal(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "on_target_by_term_and_goal", filters)


def on_target_by_bureau(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "on_target_by_bureau", filters)


def covid_by_year(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "covid_by_year", filters)


def covid_rate_by_year(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "covid_rate_by_year", filters)


def year_over_year(con, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
    return run(con, "year_over_year", filters, limit=limit)


def transitions(con, from_fy: int, to_fy: int, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "transitions", filters, from_fy=int(from_fy), to_fy=int(to_fy))


def below_target(con, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
    return run(con, "below_target", filters, limit=limit)


def declines(con, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
    return run(con, "declines", filters, limit=limit)


def initiative_history(con, project_key: str) -> pd.DataFrame:
    return run(con, "initiative_history", project_key=str(project_key))


def headline(con, filters: Filters | None = None) -> dict:
    """The headline numbers as a plain dict (None where there is nothing to report).

    ``projects`` counts the projects the filter lists; when it narrows evaluations by their own
    properties (level, COVID or disaster impact), only those with an evaluation it keeps, and
    ``projects_evaluated`` says so."""
    filters = filters or Filters()
    row = _one_row(run(con, "headline", filters))
    row["projects_evaluated"] = filters != filters.of_initiatives()
    if row["projects_evaluated"]:
        row["projects"] = evaluated_projects(con, filters)
    return row


def evaluated_projects(con, filters: Filters | None = None) -> int:
    """The projects with at least one evaluation in the filter."""
    return int(_one_row(run(con, "evaluated_projects", filters))["projects"] or 0)


def coverage(
    con, filters: Filters | None = None, limit: int | None = None, missing_only: bool = False
) -> pd.DataFrame:
    filters = filters or Filters()
    lo = filters.fy_from if filters.fy_from is not None else 0
    hi = filters.fy_to if filters.fy_to is not None else 9999
    return run(con, "coverage", filters, limit=limit, fy_lo=lo, fy_hi=hi, missing_only=missing_only)


def coverage_by_year(con, filters: Filters | None = None) -> pd.DataFrame:
    # Coverage is about initiatives: filters on evaluations' own properties (level, COVID and
    # disaster impact) do not apply.
    filters = (filters or Filters()).of_initiatives()
    lo = filters.fy_from if filters.fy_from is not None else 0
    hi = filters.fy_to if filters.fy_to is not None else 9999
    return run(con, "coverage_by_year", filters, fy_lo=lo, fy_hi=hi)


def changes_by_year(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "changes_by_year", filters)


def review_by_term_and_group(
    con, filters: Filters | None = None, group: str = "goal"
) -> pd.DataFrame:
    if group not in ("goal", "direction"):
        raise ValueError("group must be goal or direction")
    return run(con, "review_by_term_and_group", filters, group=group)


def movers(
    con,
    from_fy: int,
    to_fy: int,
    filters: Filters | None = None,
    limit: int | None = None,
    declined: bool = False,
) -> pd.DataFrame:
    return run(
        con,
        "movers",
        filters,
        limit=limit,
        from_fy=int(from_fy),
        to_fy=int(to_fy),
        declined=declined,
    )


def initiative_list(con, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
    return run(con, "initiative_list", filters, limit=limit)


def text_values(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "text_values", filters)


def achievement_tree(
    con, filters: Filters | None = None, by_initiative: bool = True
) -> pd.DataFrame:
    """The treemap's rows: per initiative, or (``by_initiative=False``) per direction only."""
    if not by_initiative:
        return achievement_by_direction(con, filters)
    return run(con, "achievement_tree", filters)


def achievement_by_direction(con, filters: Filters | None = None) -> pd.DataFrame:
    return run(con, "achievement_by_direction", filters)


def plan_events(con) -> pd.DataFrame:
    """The events of the plan's time (plan_events), earliest first."""
    return con.execute(
        "select event_id, kind, first_fy, last_fy, label_ja, label_en from plan_events"
        " order by first_fy, event_id"
    ).df()


def fiscal_years(con) -> pd.DataFrame:
    """The plan's fiscal years with their term (the x axis of every trend, evaluated or not)."""
    return con.execute(
        "select fiscal_year, term_id, label_ja, wareki_ja from fiscal_years order by fiscal_year"
    ).df()


def dimension(con, table: str) -> pd.DataFrame:
    """A small lookup table for filter widgets and labels: terms, goals, directions, departments."""
    sql = {
        "terms": "select term_id, name_ja, name_en, first_fy, last_fy from terms order by term_id",
        "goals": "select goal_id, policy_numeral, name_ja, name_en from goals order by goal_id",
        "directions": "select direction_id, goal_id, name_ja, name_en from directions order by direction_id",
        "departments": "select department_id, name_ja, name_en, kind from departments order by kind, department_id",
    }[table]
    return con.execute(sql).df()


NAMED = ("goals", "directions", "departments")  # the filters the context line names by name


def context_names(con, dims: dict[str, pd.DataFrame] | None = None) -> dict[str, dict]:
    """Short labels for the context line, per ``options`` name, value and language:
    ``{"goals": {1: {"ja": "基本目標1 川崎発の最先端技術…", "en": "Goal 1 A city leading…"}}, …}``.
    ``dims``: the dimension tables when the caller has them already (the sidebar does)."""
    from analytics.i18n import t  # the one translation table

    dims = dims or {name: dimension(con, name) for name in NAMED}
    short = {"ja": 12, "en": 28}

    def cut(text: object, lang: str) -> str:
        text = str(text)
        return text if len(text) <= short[lang] else text[: short[lang] - 1] + "…"

    names: dict[str, dict] = {name: {} for name in NAMED}
    for row in dims["goals"].itertuples(index=False):
        names["goals"][int(row.goal_id)] = {
            lang: f"{t('goal.short', lang, v=int(row.goal_id))} {cut(getattr(row, f'name_{lang}'), lang)}"
            for lang in short
        }
    for row in dims["directions"].itertuples(index=False):
        names["directions"][row.direction_id] = {
            lang: f"{row.direction_id} {cut(getattr(row, f'name_{lang}'), lang)}" for lang in short
        }
    for row in dims["departments"].itertuples(index=False):
        names["departments"][row.department_id] = {
            lang: str(getattr(row, f"name_{lang}")) for lang in short
        }
    return names


def data_status(con) -> dict:
    return _one_row(run(con, "data_status"))


def import_log(con) -> pd.DataFrame:
    return run(con, "import_log")


def provenance(con) -> pd.DataFrame:
    return run(con, "provenance")
