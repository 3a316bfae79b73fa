"""The sidebar's filter widgets through AppTest, on the fixture database: a chosen value's chip
reads in full in the sidebar's width (short labels where the name allows, the full name still at
hand). The chips' wrapping in a real browser is checked in tests/test_layout.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import test_app
from tests.conftest import ROOT

# the AppTest fixtures, shared with test_app
steady_page_mode = test_app.steady_page_mode
app_db = test_app.app_db

TIMEOUT = 60


def sidebar(lang: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    if lang == "en":
        at.query_params["lang"] = "en"
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    "lang, terms, help_lines",
    [
        (
            "ja",
            ["第1期", "第2期", "第3期"],
            [
                "- 第1期実行プログラム: 2016〜2017年度",
                "- 第2期実行プログラム: 2018〜2021年度",
                "- 第3期実行プログラム: 2022〜2025年度",
            ],
        ),
        (
            "en",
            ["Term 1", "Term 2", "Term 3"],
            [
                "- 1st Implementation Program: FY2016–FY2017",
                "- 2nd Implementation Program: FY2018–FY2021",
                "- 3rd Implementation Program: FY2022–FY2025",
            ],
        ),
    ],
)
def test_a_term_reads_short_and_its_full_name_and_years_are_in_the_help(
    app_db, lang, terms, help_lines
):
    at = sidebar(lang, term="1,2,3")
    term = at.multiselect(key="f_term")
    assert term.options == terms
    assert term.value == [1, 2, 3]
    assert term.help.split("\n") == help_lines


def test_directions_and_goals_start_with_their_number_and_keep_their_full_name(app_db):
    at = sidebar("ja", direction="1-2,2-2,3-3")
    directions = at.multiselect(key="f_direction").options
    assert len(directions) == 9
    # number first, then the full name from data/reference/directions.csv (not cut)
    assert directions[1] == "1-2 企業の海外展開による国際競争力の強化"
    assert directions[8] == "3-3 グローバル都市・川崎を担う人材の育成・活用等"
    assert at.multiselect(key="f_goal").options[0] == "1. 川崎発の最先端技術で世界をリードするまち"
    bureaus = at.multiselect(key="f_bureau").options
    assert "臨海部国際戦略本部" in bureaus and "教育委員会事務局" in bureaus
    assert at.multiselect(key="f_term").help is not None
    assert not at.multiselect(key="f_bureau").help  # only terms have a shortened label
