"""The overall review: summary numbers against SQL written here, the same numbers in the text,
and the meeting pack as XLSX, HTML and PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics.config import CHROMIUM
from analytics.filters import Filters
from analytics.i18n import t
from analytics.report import build_pack
from analytics.review import build_review, summary_text
from tests.conftest import ROOT

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (apt-get install poppler-utils)"
)


def one(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()


def rate(con, where: str, params=None) -> float:
    on, total = one(
        con,
        f"select count(*) filter (where achievement_level <= 3), count(*) from evaluations where {where}",
        params,
    )
    return on / total


def test_summary_numbers_equal_an_independent_computation(fixture_con):
    n = build_review(fixture_con).numbers
    latest = one(fixture_con, "select max(fiscal_year) from evaluations")[0]
    assert n["latest_fy"] == latest == 2024
    assert (
        n["listed_latest_term"]
        == one(fixture_con, "select count(*) from initiatives where term_id = 3")[0]
        == 4
    )
    assert (
        n["latest_evaluated"]
        == one(fixture_con, "select count(*) from evaluations where fiscal_year = 2024")[0]
    )
    assert (
        n["latest_on_target"]
        == one(
            fixture_con,
            "select count(*) from evaluations where fiscal_year = 2024 and achievement_level <= 3",
        )[0]
        == 3
    )
    assert n["latest_rate"] == rate(fixture_con, "fiscal_year = 2024") == 0.75
    assert (
        n["change"]
        == rate(fixture_con, "fiscal_year = 2024") - rate(fixture_con, "fiscal_year = 2023")
        == 0.0
    )
    by_goal = dict(
        fixture_con.execute(
            """select d.goal_id, avg((e.achievement_level <= 3)::int) from evaluations e
               join initiatives i using (initiative_id) join directions d using (direction_id)
               where e.fiscal_year = 2024 group by 1"""
        ).fetchall()
    )
    assert (n["goal_high"], n["goal_low"]) == (
        1,
        3,
    )  # goals 1 and 2 tie at 100%: the lower id is named
    assert n["goal_high_rate"] == by_goal[1] and n["goal_low_rate"] == by_goal[3] == 0.5
    assert n["pre_covid_rate"] == rate(fixture_con, "fiscal_year between 2016 and 2019") == 7 / 8
    assert (
        (n["covid_low_fy"], n["covid_low_rate"])
        == (2020, rate(fixture_con, "fiscal_year = 2020"))
        == (2020, 0.0)
    )
    assert n["recovered"] is False


def test_the_text_states_the_same_numbers(fixture_con):
    review = build_review(fixture_con)
    ja = summary_text(review, "ja")
    for piece in [
        "2016年度〜2024年度",
        "第3期の取組4件のうち4件を評価し、3件（75.0%）",
        "前年度（75.0%）と同じ水準",
        "基本目標1が100.0%で最も高く",
        "基本目標3が50.0%で最も低く",
        "87.5%から",
        "2020年度には0.0%へと87.5ポイント低下",
        "まだ戻っていません",
    ]:
        assert piece in ja, piece
    en = summary_text(review, "en")
    assert "3 (75.0%) were on target" in en and "drop of 87.5 points" in en


def test_the_text_names_its_filters_and_handles_an_empty_filter(fixture_con):
    review = build_review(fixture_con, Filters(terms=(2,), covid="exclude"))
    text = summary_text(review, "ja")
    assert "第2期・コロナ影響ありを除く" in text and "2018年度〜2019年度" in text
    empty = summary_text(build_review(fixture_con, Filters(search="該当なし")), "en")
    assert empty == t("review.s.none", "en", scope="matching “該当なし”")


def test_movers_between_two_years(fixture_con):
    movers = build_review(fixture_con, from_fy=2023, to_fy=2024).movers
    got = [(r.project_code, r.from_level, r.to_level, r.improvement) for r in movers.itertuples()]
    assert got == [
        ("10000010", 2, 1, 1),
        ("30000010", 4, 3, 1),
        ("20000010", 3, 3, 0),
        ("30000020", 3, 4, -1),
    ]


def test_xlsx_pack_has_the_sheets_and_totals(fixture_con):
    book = openpyxl.load_workbook(io.BytesIO(build_pack(fixture_con, "xlsx", Filters())))
    assert book.sheetnames[0] == "表紙"
    assert {
        "期別・基本目標別の達成度",
        "期別・取組の方向性別の達成度",
        "グラフのデータ",
        "評価データ",
    } <= set(book.sheetnames)
    term_goal = book["期別・基本目標別の達成度"]
    header = [c.value for c in term_goal[1]]
    evaluations = sum(
        row[header.index("評価件数（件）")]
        for row in term_goal.iter_rows(min_row=2, values_only=True)
    )
    assert evaluations == one(fixture_con, "select count(*) from evaluations")[0] == 24
    rate_cell = term_goal.cell(row=2, column=header.index("目標どおり以上の割合（%）") + 1)
    assert rate_cell.number_format == "0.0%" and rate_cell.value == 1.0  # term 1, goal 1: 2 of 2
    assert book["評価データ"].max_row - 1 == 24
    cover = {r[0]: r[1] for r in book["表紙"].iter_rows(values_only=True)}
    assert cover["まとめ"] == summary_text(build_review(fixture_con), "ja")
    assert term_goal.page_setup.orientation == "landscape"


def test_html_pack_is_self_contained_and_escapes_data(fixture_con):
    document = build_pack(fixture_con, "html", Filters()).decode("utf-8")
    assert "<script" not in document and "http://" not in document and "https://" not in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document and "<img src=x" not in document
    assert document.count("<section") == 6 and "page-break-before: always" in document
    if CHROMIUM.exists():
        assert document.count('src="data:image/png;base64,') == 2


@pytest.mark.browser
@needs_chromium
@needs_pdftotext
def test_pdf_pack_has_a_page_per_section_and_the_summary(fixture_con, tmp_path):
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(build_pack(fixture_con, "pdf", Filters()))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 5  # the term × goal table follows the summary on page 1 (issue 13)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    first_sentence = summary_text(build_review(fixture_con), "ja").split("。")[1] + "。"
    assert re.sub(r"\s+", "", first_sentence) in flat


def test_no_pdf_text_runs_past_the_pages_right_edge(fixture_con, tmp_path):
    """The 期別 tables once ran off the A4 page and lost 達成度5; every word lies on its page."""
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(build_pack(fixture_con, "pdf", Filters()))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', boxes, re.S)
    words = [
        (float(width), float(x_max), word)
        for width, body in pages
        for x_max, word in re.findall(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', body
        )
    ]
    assert any(word.startswith("達成度5") for _, _, word in words)
    # the pack's right margin is 12 mm: a table wider than the page is cut there, its last words
    # ending on the margin's line (564 pt of 596 before the fix); inside a cell they end before it
    margin = 12 / 25.4 * 72
    past = [(word, x_max, width) for width, x_max, word in words if x_max > width - margin]
    assert not past


def test_cli_writes_the_pack_with_url_filter_names(fixture_db_file, tmp_path):
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
            "--term",
            "3",
            "--covid",
            "exclude",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book["評価データ"].max_row - 1 == 11  # term 3 without B's COVID-affected FY2022
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.report",
            "--out",
            str(tmp_path / "x.xlsx"),
            "--db",
            str(fixture_db_file),
            "--covid",
            "sometimes",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert bad.returncode == 2 and "--covid" in bad.stderr
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics.report",
            "--out",
            str(tmp_path / "x.docx"),
            "--db",
            str(fixture_db_file),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert wrong.returncode == 2 and not Path(tmp_path / "x.docx").exists()


def test_printed_tables_say_ari_nashi_and_drop_empty_columns():
    import pandas as pd

    from analytics.report.printable import _table

    frame = pd.DataFrame({"取組名": ["A", "B"], "コロナ影響": [True, False], "備考": ["", ""]})
    html = _table(frame, "ja")
    assert "<td>あり</td>" in html and "<td>なし</td>" in html
    assert "True" not in html and "False" not in html and "備考" not in html


def _movers(rows: list[tuple[str, int, int, object]]):
    """Movers as build_review returns them: (name, from level, to level, note)."""
    import pandas as pd

    return pd.DataFrame(
        {
            "name_ja": [r[0] for r in rows],
            "name_en": [r[0] for r in rows],
            "department_name_ja": ["総務企画局"] * len(rows),
            "department_name_en": ["General Affairs"] * len(rows),
            "from_level": [r[1] for r in rows],
            "to_level": [r[2] for r in rows],
            "improvement": [r[1] - r[2] for r in rows],
            "note_ja": [r[3] for r in rows],
        }
    )


@pytest.mark.parametrize(
    ("improved_notes", "declined_notes", "shown"),
    [
        ([None, None], [None], False),  # no note anywhere
        (["", "  "], ["\u3000"], False),  # blanks and spaces (a full-width one) are no note
        (["前年度から見直し", None], [None], True),  # one note: both tables keep the column
        ([None, None], ["予算縮小"], True),
        ([], [], False),  # nobody moved
    ],
)
def test_the_movers_tables_share_their_columns_and_drop_a_note_nobody_has(
    improved_notes, declined_notes, shown
):
    from analytics.review import movers_tables

    up = _movers([(f"上{i}", 3, 2, n) for i, n in enumerate(improved_notes)])
    down = _movers([(f"下{i}", 2, 4, n) for i, n in enumerate(declined_notes)])
    improved, declined = movers_tables(up, down, "ja", 2023, 2024)
    columns = ["取組名", "変化（達成度1が最良）", "2023年度", "2024年度", "所管局"]
    expected = columns + ["備考"] if shown else columns
    assert list(improved.columns) == expected and list(declined.columns) == expected
    assert list(improved["取組名"]) == [f"上{i}" for i in range(len(improved_notes))]
    # each year's level by its name, as everywhere else on screen
    assert list(declined["2023年度"]) == ["2 目標を上回って達成"] * len(declined_notes)
    assert list(declined["2024年度"]) == ["4 目標を下回った"] * len(declined_notes)
    assert list(improved["2024年度"]) == ["2 目標を上回って達成"] * len(improved_notes)


def test_a_cut_list_says_it_is_cut():
    import pandas as pd

    from analytics.review import cut_label

    movers = pd.DataFrame({"improvement": [1] * 22 + [-1] * 7})
    assert cut_label(movers, "ja", improved=True) == "（上位10件／全22件）"
    assert cut_label(movers, "ja", improved=False) == "（全7件）"


def test_every_rate_the_summary_quotes_is_in_the_figures_table(reference_con):
    from analytics.review import summary_figures

    review = build_review(reference_con)
    quoted = set(re.findall(r"\d+\.\d%", summary_text(review, "ja")))
    values = set(summary_figures(review, "ja")["値"])
    assert quoted and quoted <= values
    # the pre-COVID rate is one of them, with what it is counted over
    assert any(w.startswith("新型コロナの影響前") for w in summary_figures(review, "ja")["項目"])


def test_the_pack_cover_names_the_chosen_bureau(reference_con):
    book = openpyxl.load_workbook(
        io.BytesIO(build_pack(reference_con, "xlsx", Filters(bureaus=("port",))))
    )
    cover = {r[0]: r[1] for r in book["表紙"].iter_rows(values_only=True)}
    assert cover["絞り込み条件"] == "港湾局"
    assert "（港湾局）" in cover["まとめ"]


def test_the_xlsx_pack_has_no_raw_flag_or_source_values(reference_con):
    # Every flag cell reads あり/なし and the data sheet's source 見本: the reference data is
    # all sample and FY2024 has below-target evaluations (data/README.md).
    book = openpyxl.load_workbook(io.BytesIO(build_pack(reference_con, "xlsx", Filters())))
    raw = [
        (ws.title, v)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, bool) or v in ("True", "False", "None", "nan", "sample")
    ]
    assert raw == []
    below = book[next(n for n in book.sheetnames if "目標を下回った取組" in n)]
    header = [c.value for c in below[1]]
    assert {
        r[header.index("コロナ影響")] for r in below.iter_rows(min_row=2, values_only=True)
    } <= {
        "あり",
        "なし",
    }
    rows = book["評価データ"]
    header = [c.value for c in rows[1]]
    sources = {r[header.index("データ出典")] for r in rows.iter_rows(min_row=2, values_only=True)}
    assert sources == {"見本"}


def test_on_screen_the_term_table_has_one_column_a_level(fixture_con):
    from analytics import queries
    from analytics.review import level_table

    df = queries.review_by_term_and_group(fixture_con, Filters(terms=(1,)), group="goal")
    table = level_table(df, "ja", "goal", compact=True)
    # the fixture's term 1: goal 1 (A: 2016 level 3, 2017 level 2), goal 3 (E: 2016 4, 2017 3)
    assert list(table.columns[:3]) == ["期", "基本目標", "目標どおり以上の割合（%）"]
    assert list(table.columns[5:]) == [f"達成度{v}" for v in range(1, 6)]
    goal_1, goal_3 = (table[table["基本目標"].str.startswith(f"{g} ")].iloc[0] for g in (1, 3))
    none = "0件（0.0%）"
    assert [goal_1[f"達成度{v}"] for v in range(1, 6)] == [
        none,
        "1件（50.0%）",
        "1件（50.0%）",
        none,
        none,
    ]
    assert [goal_3[f"達成度{v}"] for v in range(1, 6)] == [
        none,
        none,
        "1件（50.0%）",
        "1件（50.0%）",
        none,
    ]
    assert goal_3["目標どおり以上の割合（%）"] == 50.0
    # the packs keep counts and shares as numbers, a column each
    assert len(level_table(df, "ja", "goal").columns) == 5 + 10
