"""The one translation table: every user-facing string, Japanese first, English second.

``t(key, lang, **values)`` formats the string; an unknown key raises (a test checks every key
used in the code exists in both languages).
"""

from __future__ import annotations

from analytics.filters import Filters
from analytics.labels import (
    LEVEL_LABELS_EN,
    LEVEL_LABELS_JA,
    NEXT_STEP_LABELS_EN,
    NEXT_STEP_LABELS_JA,
)

LANGS = ("ja", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": (
        "川崎市国際施策推進プラン 評価ダッシュボード",
        "Kawasaki International Policy Plan — Evaluation Dashboard",
    ),
    "app.short_title": ("国際施策推進プラン 評価", "Intl. Policy Plan Evaluation"),
    "page.overview": ("概要", "Overview"),
    "page.trends": ("達成度の推移", "Trends"),
    "page.initiatives": ("施策一覧", "Initiatives"),
    "page.bureaus": ("部局別", "Bureaus"),
    "page.about": ("データについて", "About the data"),
    "lang.label": ("表示言語 / Language", "表示言語 / Language"),
    # filters
    "filter.header": ("絞り込み", "Filters"),
    "filter.term": ("実行プログラム（期）", "Implementation program (term)"),
    "filter.years": ("年度", "Fiscal years"),
    "filter.goal": ("基本目標", "Basic goal"),
    "filter.direction": ("取組の方向性", "Direction"),
    "filter.bureau": ("所管局", "Bureau"),
    "filter.covid": ("新型コロナの影響", "COVID-19 impact"),
    "filter.disaster": ("災害の影響", "Disaster impact"),
    "filter.new": ("新規・拡充の取組のみ", "New or expanded initiatives only"),
    "filter.search": ("取組名・事業コードで検索", "Search initiative name or code"),
    "filter.reset": ("絞り込みを解除", "Reset filters"),
    "filter.all": ("すべて", "All"),
    "filter.only": ("影響ありのみ", "Affected only"),
    "filter.exclude": ("影響ありを除く", "Exclude affected"),
    "filter.ignored": (
        "URLの次の指定は読めないため無視しました: {keys}",
        "These URL parameters could not be read and were ignored: {keys}",
    ),
    "filter.share": (
        "このURLを共有すると同じ表示を開けます。",
        "Share this page's URL to open the same view.",
    ),
    "filter.drilled": ("グラフから絞り込みました: {what}", "Narrowed from the chart: {what}"),
    # context line of chart titles
    "ctx.all": ("全期間・全取組", "whole plan, all initiatives"),
    "ctx.term": ("第{v}期", "term {v}"),
    "ctx.years": ("{a}〜{b}年度", "FY{a}–FY{b}"),
    "ctx.from": ("{a}年度以降", "from FY{a}"),
    "ctx.to": ("{b}年度まで", "to FY{b}"),
    "ctx.goal": ("基本目標{v}", "goal {v}"),
    "ctx.direction": ("方向性{v}", "direction {v}"),
    "ctx.bureau": ("所管局{n}件", "{n} bureau(s)"),
    "ctx.covid.only": ("コロナ影響ありのみ", "COVID-affected only"),
    "ctx.covid.exclude": ("コロナ影響ありを除く", "excluding COVID-affected"),
    "ctx.disaster.only": ("災害影響ありのみ", "disaster-affected only"),
    "ctx.disaster.exclude": ("災害影響ありを除く", "excluding disaster-affected"),
    "ctx.new": ("新規・拡充のみ", "new or expanded only"),
    "ctx.search": ("「{v}」を含む", "matching “{v}”"),
    # chart titles and axes
    "chart.no_data": ("この条件に該当するデータはありません", "No data for this filter"),
    "chart.level_by_year": ("年度別の達成度の構成", "Achievement levels by fiscal year"),
    "chart.level_by_year_group": (
        "年度別の達成度の構成（{group}別）",
        "Achievement levels by fiscal year and {group}",
    ),
    "chart.on_target_trend": (
        "目標どおり以上（達成度1〜3）の割合の推移",
        "Share on target or better (levels 1–3) over time",
    ),
    "chart.term_comparison": (
        "期別・基本目標別 目標どおり以上の割合",
        "On-target share by term and goal",
    ),
    "chart.covid_comparison": (
        "新型コロナの影響を除いた場合の目標どおり以上の割合",
        "On-target share with and without COVID-affected evaluations",
    ),
    "chart.covid_levels": (
        "コロナ影響の有無別 達成度の構成",
        "Achievement levels, COVID-affected vs not",
    ),
    "chart.bureau_heatmap": (
        "所管局別・年度別 目標どおり以上の割合",
        "On-target share by bureau and fiscal year",
    ),
    "chart.tree": (
        "基本目標→方向性→取組（面積: 評価件数、色: 目標どおり以上の割合）",
        "Goal → direction → initiative (size: evaluations, colour: on-target share)",
    ),
    "chart.transition": ("{a}→{b} 達成度の変化（事業数）", "Level changes {a} → {b} (projects)"),
    "chart.timeline": ("達成度の推移: {name}", "Achievement history: {name}"),
    "axis.fiscal_year": ("年度", "Fiscal year"),
    "axis.share": ("構成比", "Share"),
    "axis.on_target_rate": ("目標どおり以上の割合", "On-target share"),
    "axis.level": ("達成度", "Achievement level"),
    "axis.goal": ("基本目標", "Goal"),
    "axis.term": ("期", "Term"),
    "axis.bureau": ("所管局", "Bureau"),
    "axis.from_level": ("前の年度の達成度", "Level in the earlier year"),
    "axis.to_level": ("後の年度の達成度", "Level in the later year"),
    "axis.evaluations": ("評価件数", "Evaluations"),
    "series.all": ("全体", "All evaluations"),
    "series.without_affected": ("コロナ影響ありを除く", "Without COVID-affected"),
    "series.affected": ("コロナ影響ありのみ", "COVID-affected only"),
    "series.affected_short": ("影響あり", "Affected"),
    "series.not_affected_short": ("影響なし", "Not affected"),
    "band.covid": ("新型コロナの影響期間", "COVID-19 period"),
    "band.typhoon": ("令和元年東日本台風", "Typhoon Hagibis"),
    "group.goal": ("基本目標", "goal"),
    "group.direction": ("取組の方向性", "direction"),
    "group.term": ("期", "term"),
    "group.bureau": ("所管局", "bureau"),
    "goal.short": ("基本目標{v}", "Goal {v}"),
    "term.short": ("第{v}期", "Term {v}"),
    "fy.label": ("{v}年度", "FY{v}"),
    "hover.rate": (
        "目標どおり以上: {rate} （{n}/{total}件）",
        "On target: {rate} ({n} of {total})",
    ),
    # change classes
    "change.improved": ("改善", "Improved"),
    "change.same": ("変化なし", "Same"),
    "change.declined": ("悪化", "Declined"),
    "change.new": ("前年度評価なし", "No previous year"),
}


def t(key: str, lang: str = "ja", **values: object) -> str:
    ja, en = TEXT[key]
    text = en if lang == "en" else ja
    return text.format(**values) if values else text


def level_label(level: int, lang: str = "ja", with_number: bool = True) -> str:
    label = (LEVEL_LABELS_EN if lang == "en" else LEVEL_LABELS_JA)[int(level)]
    return f"{int(level)} {label}" if with_number else label


def next_step_label(step: str | None, lang: str = "ja") -> str:
    if not step:
        return ""
    return f"{step} {(NEXT_STEP_LABELS_EN if lang == 'en' else NEXT_STEP_LABELS_JA)[step]}"


def fy_label(fiscal_year: int, lang: str = "ja") -> str:
    return t("fy.label", lang, v=int(fiscal_year))


def name_column(base: str, lang: str) -> str:
    """``name`` → ``name_ja`` or ``name_en`` (the columns the queries return in both languages)."""
    return f"{base}_{'en' if lang == 'en' else 'ja'}"


def describe_filters(filters: Filters, lang: str = "ja") -> str:
    """The filter context for chart titles and export cover sheets, e.g. '第3期・コロナ影響ありを除く'."""
    parts: list[str] = []
    if filters.terms:
        parts.append(
            "・".join(t("ctx.term", lang, v=v) for v in filters.terms)
            if lang == "ja"
            else ", ".join(t("ctx.term", lang, v=v) for v in filters.terms)
        )
    if filters.fy_from is not None and filters.fy_to is not None:
        parts.append(t("ctx.years", lang, a=filters.fy_from, b=filters.fy_to))
    elif filters.fy_from is not None:
        parts.append(t("ctx.from", lang, a=filters.fy_from))
    elif filters.fy_to is not None:
        parts.append(t("ctx.to", lang, b=filters.fy_to))
    if filters.goals:
        parts.append(t("ctx.goal", lang, v=",".join(map(str, filters.goals))))
    if filters.directions:
        parts.append(t("ctx.direction", lang, v=",".join(filters.directions)))
    if filters.bureaus:
        parts.append(t("ctx.bureau", lang, n=len(filters.bureaus)))
    if filters.covid != "all":
        parts.append(t(f"ctx.covid.{filters.covid}", lang))
    if filters.disaster != "all":
        parts.append(t(f"ctx.disaster.{filters.disaster}", lang))
    if filters.new_only:
        parts.append(t("ctx.new", lang))
    if filters.search:
        parts.append(t("ctx.search", lang, v=filters.search))
    if not parts:
        return t("ctx.all", lang)
    return ("・" if lang == "ja" else "; ").join(parts)
