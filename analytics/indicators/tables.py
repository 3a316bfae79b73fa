"""The indicators as display tables, headers in the display language: shared by the page, the
``status`` command line, the review and the meeting pack."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import fy_label, t, target_label, unit_label, with_unit


def number_text(value: object, grouped: bool = False) -> str:
    """57.6 -> '57.6', 77207.0 -> '77207' (grouped: '77,207'), None -> ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}" if grouped else str(int(number))
    return f"{number:,}" if grouped else f"{number:g}"


def status_label(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def _percent(series: pd.Series) -> pd.Series:
    return (series.astype(float) * 100).round(1)


def status_table(
    status: pd.DataFrame, lang: str = "ja", *, with_year: bool = False, grouped: bool = False
) -> pd.DataFrame:
    """One row per indicator: code, name (指標名), direction, unit, baseline and its year, target
    and its year, the year's actual, progress %, expected %, status (状況), note."""
    name = "name_en" if lang == "en" else "name_ja"
    target = [
        target_label(text, lang) if isinstance(text, str) else number_text(value, grouped)
        for value, text in zip(status["target_value"], status["target_text"], strict=True)
    ]
    columns = {
        t("ind.col.code", lang): status["indicator_code"],
        t("ind.col.name", lang): status[name].where(status[name].notna(), status["name_ja"]),
        t("ind.col.direction", lang): status["direction_id"],
        t("ind.col.unit", lang): [unit_label(u, lang) for u in status["unit"]],
        t("ind.col.baseline", lang): [number_text(v, grouped) for v in status["baseline_value"]],
        t("ind.col.baseline_fy", lang): status["baseline_fy"].astype(int),
        t("ind.col.target", lang): target,
        t("ind.col.target_fy", lang): status["target_fy"].astype(int),
    }
    if with_year:
        columns[t("ind.col.fiscal_year", lang)] = [fy_label(y, lang) for y in status["fiscal_year"]]
    columns |= {
        t("ind.col.actual", lang): [number_text(v, grouped) for v in status["actual"]],
        t("ind.col.progress", lang): _percent(status["progress"]),
        t("ind.col.expected", lang): _percent(status["expected"]),
        t("ind.col.status", lang): [status_label(s, lang) for s in status["status"]],
    }
    return pd.DataFrame(columns).reset_index(drop=True)


def counts_table(counts: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """status_counts with headers in the display language: goal, one column per status, total."""
    from analytics.indicators.rule import STATUSES

    out = pd.DataFrame(
        {t("ind.col.goal", lang): [t("goal.short", lang, v=g) for g in counts["goal_id"]]}
    )
    for s in STATUSES:
        out[status_label(s, lang)] = counts[s].astype(int).to_numpy()
    out[t("ind.col.total", lang)] = counts["total"].astype(int).to_numpy()
    return out


def counts_by_status_table(counts: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """status_counts turned on its side for the narrow column beside the chart: one row per
    status and a total row, one column per goal and a total. Eight columns (a goal's row) did not
    fit beside the chart at 1366 or 1024 px; five do."""
    from analytics.indicators.rule import STATUSES

    goals = [int(g) for g in counts["goal_id"]]
    total = t("ind.col.total", lang)
    rows = [*STATUSES, "total"]
    out = pd.DataFrame(
        {t("ind.col.status", lang): [status_label(s, lang) for s in STATUSES] + [total]}
    )
    for i, goal in enumerate(goals):
        out[t("goal.short", lang, v=goal)] = [int(counts[r].iloc[i]) for r in rows]
    out[total] = [int(counts[r].sum()) for r in rows]
    return out


def named_list(status: pd.DataFrame, which: str, lang: str = "ja") -> pd.DataFrame:
    """The indicators in one status, with the year's actual against the target and the note."""
    part = status[status["status"] == which]
    name = "name_en" if lang == "en" else "name_ja"
    return pd.DataFrame(
        {
            t("ind.col.name", lang): part[name].where(part[name].notna(), part["name_ja"]),
            t("ind.col.baseline", lang): [
                f"{with_unit(number_text(v, True), u, lang)} ({fy_label(y, lang)})"
                for v, u, y in zip(
                    part["baseline_value"], part["unit"], part["baseline_fy"], strict=True
                )
            ],
            t("ind.col.actual", lang): [
                with_unit(number_text(v, True), u, lang)
                for v, u in zip(part["actual"], part["unit"], strict=True)
            ],
            t("ind.col.target", lang): [
                target_label(x, lang)
                if isinstance(x, str)
                else with_unit(number_text(v, True), u, lang)
                for v, x, u in zip(
                    part["target_value"], part["target_text"], part["unit"], strict=True
                )
            ],
            t("ind.col.note", lang): part["actual_note"].fillna(""),
        }
    ).reset_index(drop=True)


def download_table(status: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The status table with the year, the note, the plan and where each number comes from."""
    out = status_table(status, lang, with_year=True, grouped=False)

    def kind(series: pd.Series) -> list[str]:
        return [t(f"ind.kind.{k}", lang) if isinstance(k, str) else "" for k in series]

    out[t("ind.col.note", lang)] = status["actual_note"].fillna("").to_numpy()
    out[t("ind.col.plan", lang)] = status["plan_ja"].to_numpy()
    out[t("ind.col.provenance", lang)] = [
        f"{t('ind.col.baseline', lang)}: {b} / {t('ind.col.target', lang)}: {g} / "
        f"{t('ind.col.actual', lang)}: {a}"
        for b, g, a in zip(
            kind(status["baseline_provenance"]),
            kind(status["target_provenance"]),
            kind(status["actual_provenance"]),
            strict=True,
        )
    ]
    out[t("ind.col.reference", lang)] = status["reference"].fillna("").to_numpy()
    return out
