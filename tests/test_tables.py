"""Display tables: which columns a wide table pins at its left (analytics.tables.pinned_columns),
for the tables the pages show, in both languages."""

from __future__ import annotations

import pytest

from analytics.tables import pinned_columns


@pytest.mark.parametrize(
    "lang, columns, expected",
    [
        # the evaluations list: the initiative and its level (not the bureau, also a name)
        ("ja", ["年度", "取組名", "所管局", "達成度", "コロナ影響", "備考"], ["取組名", "達成度"]),
        ("en", ["Fiscal year", "Initiative", "Bureau", "Level", "Note"], ["Initiative", "Level"]),
        # declines: both levels of the change
        (
            "ja",
            ["年度", "取組名", "所管局", "前年度の達成度", "達成度", "取組実績"],
            ["取組名", "前年度の達成度", "達成度"],
        ),
        # movers: the change, not the two years' levels
        (
            "ja",
            ["取組名", "変化（達成度1が最良）", "2023年度", "2024年度", "所管局", "備考"],
            ["取組名", "変化（達成度1が最良）"],
        ),
        # bureaus: the bureau is the row's name, the rate its figure
        (
            "ja",
            ["所管局", "取組数", "評価件数", "目標未達", "目標どおり以上の割合", "最新の評価年度"],
            ["所管局", "目標どおり以上の割合"],
        ),
        # review tables: the term with the goal or direction, and the rate in %
        (
            "ja",
            ["期", "取組の方向性", "目標どおり以上の割合（%）", "取組数（件）", "達成度1 件数"],
            ["期", "取組の方向性", "目標どおり以上の割合（%）"],
        ),
        (
            "en",
            ["Term", "Goal", "On-target share (%)", "Initiatives (n)"],
            ["Term", "Goal", "On-target share (%)"],
        ),
        # indicators: the name and the status
        (
            "ja",
            ["指標コード", "指標名", "取組の方向性", "単位", "現状値", "進捗率(%)", "状況"],
            ["指標名", "状況"],
        ),
        # nothing to go by: nothing pinned
        ("ja", ["種別", "内容", "出典"], []),
    ],
)
def test_pinned_columns(lang, columns, expected):
    assert pinned_columns(columns, lang) == expected
