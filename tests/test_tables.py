"""Display tables: which columns a wide table pins at its left (analytics.tables.pinned_columns),
for the tables the pages show, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import tables
from analytics.tables import history_texts, pinned_columns


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


def test_history_texts_are_whole_oldest_first_and_skip_empty_years():
    history = pd.DataFrame(
        {
            "fiscal_year": [2021, 2022, 2023, 2024],
            "achievement_level": [2, 3, 4, 5],
            "results_ja": ["オンラインで開催した。" * 5, None, " ", "延期した。"],
            "note_ja": [None, "中止", None, float("nan")],
        }
    )
    assert history_texts(history, "ja") == [
        ("2021年度", "2 目標を上回って達成", "オンラインで開催した。" * 5, ""),
        ("2022年度", "3 ほぼ目標どおり", "", "中止"),
        ("2024年度", "5 目標を大きく下回った", "延期した。", ""),
    ]
    assert history_texts(history, "en")[-1][:2] == ("FY2024", "5 Far below target")
    # oldest first, as the chart and the table, whatever order the rows come in
    assert [y for y, *_ in history_texts(history.iloc[[2, 0, 3, 1]], "ja")] == [
        "2021年度",
        "2022年度",
        "2024年度",
    ]


def test_indicator_counts_by_status_in_english_and_with_no_indicators():
    from analytics.indicators.queries import status_counts
    from analytics.indicators.tables import counts_by_status_table

    status = pd.DataFrame(
        {"goal_id": [1, 3, 3, 3], "status": ["achieved", "behind", "behind", "not_measured"]}
    )
    table = counts_by_status_table(status_counts(status), "en")
    assert list(table.columns) == ["Status", "Goal 1", "Goal 3", "Total"]
    assert table.values.tolist() == [
        ["Achieved", 1, 0, 1],
        ["On track", 0, 0, 0],
        ["Slightly behind", 0, 0, 0],
        ["Behind", 0, 2, 2],
        ["Worsened", 0, 0, 0],
        ["Not yet measured", 0, 1, 1],
        ["Total", 1, 3, 4],
    ]
    empty = counts_by_status_table(status_counts(status.iloc[0:0]), "ja")
    assert list(empty.columns) == ["状況", "計"] and empty["計"].tolist() == [0] * 7


def test_a_narrow_tables_name_column_is_as_wide_as_its_longest_name():
    """The indicator tables (five columns) show a whole indicator name at 1024 px: the pinned
    name column grows from 260 px to the longest name at 14 px a Japanese character and 8 px
    another, plus the cell's padding, up to 400 px; a wider table keeps 260 px."""
    long_ja = "海外ビジネス支援センターの相談件数（件）"  # 20 wide characters
    assert tables.name_width(["短い名前", long_ja], columns=5) == 20 * 14 + 28
    assert tables.name_width(["Port TEU 2024 相談"], columns=5) == 260  # 14×8 + 2×14 + 28 < 260
    # ① and ※ are drawn full width by a Japanese font, narrow by a Latin one
    assert tables.name_width(["①※" * 10], columns=5, lang="ja") == 20 * 14 + 28
    assert tables.name_width(["①※" * 20], columns=5, lang="en") == 40 * 8 + 28
    assert tables.name_width(["相" * 40], columns=5) == 400
    assert tables.name_width([long_ja], columns=8) == 260
    assert tables.name_width([], columns=5) == 260
