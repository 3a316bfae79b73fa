"""The overall review (総括評価): the tables, charts' data and a short summary written from the
numbers. Every number in the summary comes from the same query results as the tables (``Review``
keeps them), so the text and the tables cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import plan, queries
from analytics.filters import Filters, describe_filters
from analytics.i18n import fy_label, level_label, t
from analytics.indicators import summary as indicator_summary

# The COVID-19 years and the years before them come from plan_events (kind 'covid'), see
# analytics/plan.py: no year is written here.


@dataclass
class Review:
    filters: Filters
    from_fy: int | None
    to_fy: int | None
    by_year: pd.DataFrame  # on_target_by_year_and_group, group none
    by_goal_year: pd.DataFrame  # on_target_by_year_and_group, group goal
    term_goal: pd.DataFrame  # review_by_term_and_group, goal
    term_direction: pd.DataFrame  # review_by_term_and_group, direction
    covid: pd.DataFrame  # covid_rate_by_year
    movers: pd.DataFrame  # most improved first, between from_fy and to_fy (capped)
    declined: pd.DataFrame  # most declined first (capped)
    below_latest: pd.DataFrame  # below_target in the latest year
    listed_latest_term: int | None  # initiatives listed in the latest year's term (filters applied)
    fiscal_years: pd.DataFrame
    events: pd.DataFrame  # plan_events
    numbers: dict = field(default_factory=dict)
    indicators: indicator_summary.IndicatorSection | None = None  # 成果指標, beside the levels
    names: dict = field(default_factory=dict)  # queries.context_names, for the context line

    def context(self, lang: str) -> str:
        """The filters in words, naming what is chosen (the same text as on the pages)."""
        return describe_filters(self.filters, lang, self.names)

    @property
    def latest(self) -> int | None:
        return self.numbers.get("latest_fy")


ROWS = 1000  # the longest list a review table holds


def build_review(
    con,
    filters: Filters | None = None,
    from_fy: int | None = None,
    to_fy: int | None = None,
    rows: int = ROWS,
) -> Review:
    filters = filters or Filters()
    by_year = queries.on_target_by_year_and_group(con, filters, group="none")
    latest = int(by_year["fiscal_year"].max()) if not by_year.empty else None
    to_fy = to_fy or latest
    from_fy = from_fy or (to_fy - 1 if to_fy else None)
    listed = None
    if latest is not None:
        term = int(queries.fiscal_years(con).set_index("fiscal_year").at[latest, "term_id"])
        listed = queries.headline(con, filters.narrowed(terms=(term,)))["initiatives"]
    else:  # nothing evaluated yet: how many initiatives are listed (a new term, say)
        listed = int(queries.headline(con, filters)["initiatives"] or 0)
    review = Review(
        filters=filters,
        from_fy=from_fy,
        to_fy=to_fy,
        by_year=by_year,
        by_goal_year=queries.on_target_by_year_and_group(con, filters, group="goal"),
        term_goal=queries.review_by_term_and_group(con, filters, group="goal"),
        term_direction=queries.review_by_term_and_group(con, filters, group="direction"),
        covid=queries.covid_rate_by_year(con, filters),
        movers=queries.movers(con, from_fy, to_fy, filters, limit=rows)
        if from_fy and to_fy
        else pd.DataFrame(),
        declined=queries.movers(con, from_fy, to_fy, filters, limit=rows, declined=True)
        if from_fy and to_fy
        else pd.DataFrame(),
        below_latest=queries.below_target(
            con, filters.narrowed(fy_from=latest, fy_to=latest), limit=rows
        )
        if latest
        else queries.below_target(con, filters, limit=0),
        listed_latest_term=listed,
        fiscal_years=queries.fiscal_years(con),
        events=queries.plan_events(con),
    )
    review.names = queries.context_names(con)
    review.numbers = summary_numbers(review)
    review.indicators = indicator_summary.build_section(con, filters)
    return review


def summary_numbers(review: Review) -> dict:
    """The figures the summary states, taken from the review's own tables."""
    by_year = review.by_year.set_index("fiscal_year")
    if by_year.empty:
        return {}
    years = sorted(by_year.index)
    latest = years[-1]
    n = {
        "first_fy": years[0],
        "latest_fy": latest,
        "latest_term": _term_of(review.fiscal_years, latest),
        "listed_latest_term": review.listed_latest_term,
        "latest_evaluated": int(by_year.at[latest, "evaluations"]),
        "latest_on_target": int(by_year.at[latest, "on_target"]),
        "latest_rate": float(by_year.at[latest, "on_target_rate"]),
        "previous_rate": float(by_year.at[latest - 1, "on_target_rate"])
        if latest - 1 in by_year.index
        else None,
    }
    n["change"] = None if n["previous_rate"] is None else n["latest_rate"] - n["previous_rate"]
    goals = review.by_goal_year[review.by_goal_year["fiscal_year"] == latest].sort_values(
        ["on_target_rate", "group_key"]
    )
    if len(goals) >= 2:
        n["goal_low"], n["goal_low_rate"] = (
            int(goals.iloc[0]["group_key"]),
            float(goals.iloc[0]["on_target_rate"]),
        )
        top = goals.sort_values(["on_target_rate", "group_key"], ascending=[False, True]).iloc[0]
        n["goal_high"], n["goal_high_rate"] = int(top["group_key"]), float(top["on_target_rate"])
    covid = plan.event_span(review.events, "covid")
    pre_covid = plan.before(review.fiscal_years, review.events, "covid")
    if covid is None or pre_covid is None:
        return n
    pre = by_year[(by_year.index >= pre_covid[0]) & (by_year.index <= pre_covid[1])]
    during = by_year[(by_year.index >= covid[0]) & (by_year.index <= covid[1])]
    if not pre.empty and not during.empty:
        n["pre_covid_years"], n["covid_last_fy"] = pre_covid, covid[1]
        n["pre_covid_rate"] = float(pre["on_target"].sum() / pre["evaluations"].sum())
        n["pre_covid_on_target"] = int(pre["on_target"].sum())
        n["pre_covid_evaluations"] = int(pre["evaluations"].sum())
        n["pre_covid_years"] = (int(pre.index.min()), int(pre.index.max()))
        low_year = int(during["on_target_rate"].idxmin())
        n["covid_low_fy"], n["covid_low_rate"] = (
            low_year,
            float(during.at[low_year, "on_target_rate"]),
        )
        n["covid_drop"] = n["pre_covid_rate"] - n["covid_low_rate"]
        n["recovered"] = latest > covid[1] and n["latest_rate"] >= n["pre_covid_rate"]
    return n


def _term_of(fiscal_years: pd.DataFrame, fy: int) -> int | None:
    match = fiscal_years[fiscal_years["fiscal_year"] == fy]
    return int(match["term_id"].iloc[0]) if len(match) else None


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _pt(x: float) -> str:
    return f"{abs(x) * 100:.1f}"


def summary_figures(review: Review, lang: str = "ja") -> pd.DataFrame:
    """Every figure the summary quotes, as a table (what, the figure, what it is counted over), so
    none is only in a sentence or a tooltip."""
    n = review.numbers
    rows: list[tuple[str, str, str]] = []
    if not n:
        return pd.DataFrame(
            columns=[t(f"review.fig.{c}", lang) for c in ("what", "value", "basis")]
        )
    latest = fy_label(n["latest_fy"], lang)
    over = "review.fig.over"
    rows.append(
        (
            t("review.fig.latest", lang, fy=latest),
            _pct(n["latest_rate"]),
            t(over, lang, on=n["latest_on_target"], n=n["latest_evaluated"]),
        )
    )
    if n.get("previous_rate") is not None:
        rows.append(
            (
                t("review.fig.previous", lang),
                _pct(n["previous_rate"]),
                fy_label(n["latest_fy"] - 1, lang),
            )
        )
        rows.append((t("review.fig.change", lang), f"{n['change'] * 100:+.1f} pt", ""))
    if "goal_high" in n:
        rows.append(
            (
                t("review.fig.goal_high", lang, fy=latest),
                _pct(n["goal_high_rate"]),
                t("goal.short", lang, v=n["goal_high"]),
            )
        )
        rows.append(
            (
                t("review.fig.goal_low", lang, fy=latest),
                _pct(n["goal_low_rate"]),
                t("goal.short", lang, v=n["goal_low"]),
            )
        )
    if "covid_drop" in n:
        a, b = n["pre_covid_years"]
        rows.append(
            (
                t("review.fig.pre_covid", lang, a=fy_label(a, lang), b=fy_label(b, lang)),
                _pct(n["pre_covid_rate"]),
                t(over, lang, on=n["pre_covid_on_target"], n=n["pre_covid_evaluations"]),
            )
        )
        rows.append(
            (
                t("review.fig.covid_low", lang),
                _pct(n["covid_low_rate"]),
                fy_label(n["covid_low_fy"], lang),
            )
        )
        rows.append((t("review.fig.drop", lang), f"{-n['covid_drop'] * 100:+.1f} pt", ""))
    return pd.DataFrame(
        rows, columns=[t(f"review.fig.{c}", lang) for c in ("what", "value", "basis")]
    )


def summary_text(review: Review, lang: str = "ja") -> str:
    """A few plain sentences from ``review.numbers``: what the committee reads first."""
    n = review.numbers
    scope = review.context(lang)
    if not n:
        if review.listed_latest_term:
            return t("review.s.not_yet", lang, scope=scope, n=review.listed_latest_term)
        return t("review.s.none", lang, scope=scope)
    parts = [
        t(
            "review.s.scope",
            lang,
            a=fy_label(n["first_fy"], lang),
            b=fy_label(n["latest_fy"], lang),
            scope=scope,
        )
    ]
    latest = fy_label(n["latest_fy"], lang)
    if n["listed_latest_term"] is not None and n["latest_term"] is not None:
        parts.append(
            t(
                "review.s.latest",
                lang,
                term=n["latest_term"],
                listed=n["listed_latest_term"],
                fy=latest,
                evaluated=n["latest_evaluated"],
                on=n["latest_on_target"],
                rate=_pct(n["latest_rate"]),
            )
        )
    if n.get("change") is not None:
        key = (
            "review.s.up"
            if n["change"] > 0
            else "review.s.down"
            if n["change"] < 0
            else "review.s.flat"
        )
        parts.append(t(key, lang, pt=_pt(n["change"]), prev=_pct(n["previous_rate"])))
    if "goal_high" in n:
        parts.append(
            t(
                "review.s.goals",
                lang,
                fy=latest,
                high=n["goal_high"],
                high_rate=_pct(n["goal_high_rate"]),
                low=n["goal_low"],
                low_rate=_pct(n["goal_low_rate"]),
            )
        )
    if "covid_drop" in n:
        parts.append(
            t(
                "review.s.covid",
                lang,
                a=n["pre_covid_years"][0],
                b=n["pre_covid_years"][1],
                pre=_pct(n["pre_covid_rate"]),
                low_fy=fy_label(n["covid_low_fy"], lang),
                low=_pct(n["covid_low_rate"]),
                drop=_pt(n["covid_drop"]),
            )
        )
        if n["latest_fy"] > n["covid_last_fy"]:
            parts.append(
                t(
                    "review.s.recovered" if n["recovered"] else "review.s.not_recovered",
                    lang,
                    fy=latest,
                    rate=_pct(n["latest_rate"]),
                )
            )
    if review.indicators is not None and not review.indicators.empty:
        parts.append(indicator_summary.summary_text(review.indicators, lang))
    return ("" if lang == "ja" else " ").join(parts)


def level_table(df: pd.DataFrame, lang: str, group: str, compact: bool = False) -> pd.DataFrame:
    """A review table with headers in the display language (counts, shares as %, rate as %).
    ``compact`` (the screen and the PDF): one column a level, 「12件（10.5%）」, so the table is
    half as wide; the XLSX keeps counts and shares as numbers, a column each."""
    name = f"group_name_{'en' if lang == 'en' else 'ja'}"
    label = t(f"group.{group}", lang)
    out = pd.DataFrame(
        {
            t("col.term", lang): [t("term.short", lang, v=v) for v in df["term_id"]],
            label: [f"{k} {v}" for k, v in zip(df["group_key"], df[name], strict=True)],
            # the key figure next to the row labels, so it stays in view on a narrow screen
            t("unit.pct_col", lang, c=t("col.rate", lang)): (df["on_target_rate"] * 100).round(1),
            t("unit.count_col", lang, c=t("col.initiatives", lang)): df["initiatives"],
            t("unit.count_col", lang, c=t("col.evaluations", lang)): df["evaluations"],
        }
    )
    for level in range(1, 6):
        counts, shares = df[f"level_{level}"], df[f"share_{level}"]
        if compact:
            out[t("review.col.level_both", lang, v=level)] = [
                "—" if pd.isna(p) else t("review.level_both", lang, n=int(n), p=f"{p * 100:.1f}")
                for n, p in zip(counts, shares, strict=True)
            ]
        else:
            out[t("review.col.level_n", lang, v=level)] = counts
            out[t("review.col.level_share", lang, v=level)] = (shares * 100).round(1)
    return out


def change_words(improvement: int, lang: str) -> str:
    """+1 → '↑ 1段階改善', -2 → '↓ 2段階悪化' (level 1 is the best, so down a number is up)."""
    if improvement > 0:
        return t("review.better", lang, n=improvement)
    if improvement < 0:
        return t("review.worse", lang, n=-improvement)
    return t("change.same", lang)


def movers_tables(
    movers: pd.DataFrame, declined: pd.DataFrame, lang: str, from_fy: int, to_fy: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The improved and the declined tables shown one above the other: each year's level by its
    name (「3 ほぼ目標どおり」, as everywhere else on screen), the same columns in both, and no 備考
    when neither list has a note (an empty strip across the page otherwise)."""
    tables = [
        movers_table(movers, lang, from_fy, to_fy, improved=True),
        movers_table(declined, lang, from_fy, to_fy, improved=False),
    ]
    years = [fy_label(from_fy, lang), fy_label(to_fy, lang)]
    for i, table in enumerate(tables):
        tables[i] = table.assign(
            **{y: [level_label(int(v), lang) for v in table[y]] for y in years}
        )
    note = t("col.note", lang)
    if not any(table[note].fillna("").astype(str).str.strip().ne("").any() for table in tables):
        tables = [table.drop(columns=note) for table in tables]
    return tables[0], tables[1]


def cut_label(df: pd.DataFrame, lang: str, improved: bool, limit: int = 10) -> str:
    """'（上位10件／全22件）' when movers_table cuts the list, '（全7件）' when it does not."""
    if "improvement" not in df:
        return t("review.all_of", lang, total=0)
    total = int((df["improvement"] > 0).sum() if improved else (df["improvement"] < 0).sum())
    if total > limit:
        return t("review.top_of", lang, n=limit, total=total)
    return t("review.all_of", lang, total=total)


def movers_table(
    df: pd.DataFrame, lang: str, from_fy: int, to_fy: int, improved: bool, limit: int = 10
) -> pd.DataFrame:
    """The projects that improved (or declined) most between the two years (review.movers holds the
    most improved, review.declined the most declined)."""
    if "improvement" not in df:
        df = pd.DataFrame(
            columns=[
                "name_ja",
                "name_en",
                "department_name_ja",
                "department_name_en",
                "from_level",
                "to_level",
                "improvement",
                "note_ja",
            ]
        )
    part = (
        df[df["improvement"] > 0]
        if improved
        else df[df["improvement"] < 0].sort_values(
            ["improvement", "to_level"], ascending=[True, False]
        )
    )
    part = part.head(limit)
    return pd.DataFrame(
        {
            t("col.name", lang): part[f"name_{'en' if lang == 'en' else 'ja'}"],
            # level 1 is the best: a lower number is better, so the change is said in words
            t("review.col.change", lang): [change_words(int(v), lang) for v in part["improvement"]],
            fy_label(from_fy, lang): part["from_level"],
            fy_label(to_fy, lang): part["to_level"],
            t("col.bureau", lang): part[f"department_name_{'en' if lang == 'en' else 'ja'}"],
            t("col.note", lang): part["note_ja"].fillna(""),
        }
    )
