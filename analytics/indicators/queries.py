"""The indicators' queries: one ``.sql`` file per grain beside this module, run with bound
parameters, and the status of each indicator for a fiscal year (rule.py applied to the rows).

The shared filters apply as follows: term, goal and direction select indicators by their own
term and direction; bureau keeps indicators served by an initiative of that bureau; the fiscal
year is the end of the year range (``fy_to``), else the latest year with an actual. COVID,
disaster, new/expanded and the name search are about initiatives and do not apply.
"""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb
import pandas as pd

from analytics.filters import FILTERS, Filters
from analytics.indicators.rule import STATUSES, assess

SQL_DIR = Path(__file__).resolve().parent
MARKER = "/* indicator filters */ true"
LAST_FY = 2100


@functools.cache
def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


# The dashboard's filters the indicators take; COVID, disaster, level, 新規・拡充 and the name
# search are about evaluations and leave the indicators as they are.
APPLICABLE = ("terms", "goals", "directions", "bureaus")


def applicable(filters: Filters | None, with_year: bool = True) -> Filters:
    """The part of ``filters`` the indicators are narrowed by: the term, goal, direction and
    bureau, and (``with_year``) the year their status is read for (``fy_to``)."""
    filters = filters or Filters()
    kept = {name: getattr(filters, name) for name in APPLICABLE}
    return Filters(**kept, fy_to=filters.fy_to if with_year else None)


def not_applied(filters: Filters | None) -> list[str]:
    """The set filters the indicators do not take (their labels' i18n keys)."""
    filters = filters or Filters()
    taken = set(APPLICABLE) | {"fy_from", "fy_to"}
    return [f.label for f in FILTERS if f.is_set(filters) and not set(f.fields) <= taken]


def where(filters: Filters | None) -> tuple[str, dict]:
    """The indicator filter as SQL over columns term_id, goal_id, direction_id, indicator_code;
    values are bound parameters, the text depends only on which filters are set."""
    filters = filters or Filters()
    clauses: list[str] = []
    params: dict[str, object] = {}

    def member(column: str, name: str, items: tuple) -> list[str]:
        names = [f"i_{name}_{n}" for n in range(len(items))]
        params.update(zip(names, items, strict=True))
        return [f"{column} in ({', '.join('$' + n for n in names)})"] if items else []

    clauses += member("term_id", "term", filters.terms)
    clauses += member("goal_id", "goal", filters.goals)
    clauses += member("direction_id", "direction", filters.directions)
    if filters.bureaus:
        (inner,) = member("n.department_id", "bureau", filters.bureaus)
        clauses.append(
            "indicator_code in (select l.indicator_code from indicator_initiatives l"
            f" join initiatives n using (initiative_id) where {inner})"
        )
    return (" and ".join(clauses) or "true"), params


def run(
    con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None, **params
) -> pd.DataFrame:
    clause, bound = where(filters)
    sql = sql_text(name).replace(MARKER, clause)
    return con.execute(sql, {**bound, **params}).df()


def chosen_year(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> int | None:
    """The year the statuses are for: ``fy_to`` when set, else the latest year with an actual."""
    filters = filters or Filters()
    if filters.fy_to is not None:
        return int(filters.fy_to)
    latest = run(con, "indicator_latest_year", filters, fy_to=LAST_FY)["fiscal_year"].iloc[0]
    return None if pd.isna(latest) else int(latest)


def indicator_status(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None, fiscal_year: int | None = None
) -> pd.DataFrame:
    """One row per indicator of the year's term: its definition, the year's actual, progress p,
    expected e and the status key (rule.STATUSES). Empty when there is no year to report."""
    year = fiscal_year if fiscal_year is not None else chosen_year(con, filters)
    if year is None:
        return run(con, "indicator_status", filters, fiscal_year=0).assign(
            progress=[], expected=[], status=[]
        )
    frame = run(con, "indicator_status", filters, fiscal_year=int(year))
    assessed = [
        assess(
            fiscal_year=int(year),
            baseline=float(row.baseline_value),
            baseline_fy=int(row.baseline_fy),
            target_fy=int(row.target_fy),
            actual=None if pd.isna(row.actual) else float(row.actual),
            target=None if pd.isna(row.target_value) else float(row.target_value),
            target_text=None if pd.isna(row.target_text) else row.target_text,
        )
        for row in frame.itertuples()
    ]
    frame["progress"] = [a.progress for a in assessed]
    frame["expected"] = [a.expected for a in assessed]
    frame["status"] = [a.status for a in assessed]
    return frame


def indicator_values(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None
) -> pd.DataFrame:
    return run(con, "indicator_values", filters)


def indicator_initiatives(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None
) -> pd.DataFrame:
    return run(con, "indicator_initiatives", filters)


def status_counts(status: pd.DataFrame) -> pd.DataFrame:
    """Indicators per goal and status: one row per goal, one column per status (in STATUSES
    order) and a total; every status column present even when zero."""
    if status.empty:
        return pd.DataFrame(columns=["goal_id", *STATUSES, "total"])
    table = pd.crosstab(status["goal_id"], status["status"]).reindex(columns=STATUSES, fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index().rename_axis(columns=None)


def counts_by_status(status: pd.DataFrame) -> dict[str, int]:
    """How many indicators are in each status (every status present, zero included)."""
    counts = status["status"].value_counts() if not status.empty else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def has_sample(status: pd.DataFrame) -> bool:
    """True when any baseline, target or actual shown is a sample number (not published or
    imported): the page and the overview say so."""
    kinds = status.reindex(
        columns=["baseline_provenance", "target_provenance", "actual_provenance"]
    )
    return bool((kinds == "sample").any().any())
