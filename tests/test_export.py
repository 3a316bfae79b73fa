"""Downloads: exactly the filtered rows, Excel-safe encodings, formula cells neutralised."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import openpyxl
import pandas as pd
import pytest

from analytics import export, queries
from analytics.filters import Filters
from tests.fixture_data import HOSTILE_NAME, HOSTILE_NOTE


def independent_count(con, sql_where: str, params: list) -> int:
    return con.execute(
        f"select count(*) from evaluations e join initiatives i using (initiative_id) where {sql_where}",
        params,
    ).fetchone()[0]


@pytest.mark.parametrize(
    "filters, where, params",
    [
        (Filters(), "true", []),
        (Filters(terms=(3,)), "i.term_id = ?", [3]),
        (
            Filters(covid="exclude", fy_from=2020),
            "not e.covid_impact and e.fiscal_year >= ?",
            [2020],
        ),
    ],
)
def test_csv_has_exactly_the_filtered_rows_and_a_bom(fixture_con, filters, where, params):
    frame = export.export_frame(queries.evaluations(fixture_con, filters), "ja")
    data, problems = export.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf") and not problems
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["年度", "期", "基本目標"]
    assert len(rows) - 1 == independent_count(fixture_con, where, params)
    assert b"\r\n" in data


def test_formula_like_text_is_neutralised_and_numbers_are_not(fixture_con):
    frame = export.export_frame(queries.evaluations(fixture_con, Filters(search="30000020")), "en")
    notes = list(frame["Note"])
    assert "'" + HOSTILE_NOTE in notes and HOSTILE_NOTE not in notes
    assert frame["Fiscal year"].tolist() == [2022, 2023, 2024]
    assert frame["Initiative"].iloc[0] == HOSTILE_NAME  # '<' is not a formula start: kept as is
    cleaned = export.neutralise(
        pd.DataFrame(
            {
                "t": ["=1+1", "+x", "-y", "@z", "\tq", "\rr", "ok", "a=b"],
                "n": [-1, 2, 3, 4, 5, 6, 7, 8],
            }
        )
    )
    assert cleaned["t"].tolist() == ["'=1+1", "'+x", "'-y", "'@z", "'\tq", "'\rr", "ok", "a=b"]
    assert cleaned["n"].tolist() == [-1, 2, 3, 4, 5, 6, 7, 8]


def test_cp932_reports_characters_it_cannot_hold():
    frame = pd.DataFrame({"取組名": ["交流事業", "🌏交流", "髙橋"], "備考": ["", "ok", "①"]})
    data, problems = export.csv_bytes(frame, "cp932")
    assert [(p.row, p.column, p.character) for p in problems] == [(2, "取組名", "🌏")]
    text = data.decode("cp932")
    assert "?交流" in text and "髙橋" in text and "①" in text  # NEC/IBM extensions are in CP932
    assert not data.startswith(b"\xef\xbb\xbf")


def test_xlsx_has_the_rows_and_a_sheet_about_them(fixture_con, tmp_path):
    filters = Filters(terms=(3,))
    frame = export.export_frame(queries.evaluations(fixture_con, filters), "ja")
    about = [("絞り込み条件", "第3期"), ("データ時点", "2025-06-30"), ("データの出典", "見本")]
    path = tmp_path / "out.xlsx"
    path.write_bytes(export.xlsx_bytes(frame, about, "ja"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["評価データ", "条件"]
    data = book["評価データ"]
    assert data.max_row - 1 == independent_count(fixture_con, "i.term_id = ?", [3])
    values = [c.value for c in data["S"]]  # 備考
    assert values[0] == "備考" and "'" + HOSTILE_NOTE in values
    assert all(
        not (isinstance(v, str) and v.startswith("="))
        for row in data.iter_rows(values_only=True)
        for v in row
    )
    assert [tuple(r) for r in book["条件"].iter_rows(values_only=True)] == about


def test_file_names_are_ascii_and_dated():
    name = export.file_name("evaluations", "csv", date(2026, 11, 29))
    assert name == "kawasaki-intl-evaluations-2026-11-29.csv"
    assert re.fullmatch(r"[a-z0-9.-]+", export.file_name("evaluations", "xlsx"))


def test_english_headers_in_english_mode(fixture_con):
    frame = export.export_frame(queries.evaluations(fixture_con), "en")
    assert list(frame.columns[:4]) == ["Fiscal year", "Term", "Goal", "Goal name"]
    assert set(frame["COVID impact"]) == {"yes", "no"}


def test_evaluations_without_next_step_or_notes_export(fixture_con):
    # Sheets may leave 今後の方向性 and 備考 out: NULL in the database, NaN in pandas.
    rows = queries.evaluations(fixture_con, Filters(terms=(3,)))
    rows.loc[rows.index[0], ["next_step", "note_ja", "results_ja"]] = [None, None, None]
    rows["next_step"] = (
        rows["next_step"].astype(object).where(rows["next_step"].notna(), float("nan"))
    )
    frame = export.export_frame(rows, "ja")
    assert (
        frame.iloc[0]["今後の方向性"] == ""
        and frame.iloc[0]["備考"] == ""
        and frame.iloc[0]["取組実績"] == ""
    )
    assert frame.iloc[1]["今後の方向性"] == "Ⅱ 改善しながら継続"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
@pytest.mark.parametrize("filters", [Filters(), Filters(terms=(3,)), Filters(search="該当なし")])
def test_streamed_csv_equals_the_in_memory_one(fixture_con, monkeypatch, encoding, filters):
    monkeypatch.setattr(export, "BATCH_ROWS", 2048)  # several batches even on small data
    streamed = export.csv_for_filter(fixture_con, filters, "ja", encoding)
    whole, _ = export.csv_bytes(
        export.export_frame(queries.evaluations(fixture_con, filters), "ja"), encoding
    )
    assert streamed == whole
    # what the download button gets: the same bytes, from a file Streamlit knows how to read
    from streamlit.runtime.download_data_util import convert_data_to_bytes_and_infer_mime

    with export.csv_file_for_filter(fixture_con, filters, "ja", encoding) as served:
        served_bytes, _ = convert_data_to_bytes_and_infer_mime(served, ValueError("unsupported"))
    assert served_bytes == whole


def test_a_capped_xlsx_keeps_the_latest_years_in_the_downloads_order(fixture_con):
    """Past the cap the workbook holds the latest years' rows (the CSV has them all), oldest
    year first as in the CSV, each year's rows in the CSV's order."""
    everything = queries.evaluations(fixture_con, Filters())  # the CSV's rows and order
    years = sorted(everything["fiscal_year"], reverse=True)
    limit = years.count(years[0]) + 3  # the latest year's rows and three more
    kept = export.xlsx_evaluations(fixture_con, Filters(), limit=limit)
    assert len(kept) == limit
    latest, cut = years[0], years[limit - 1]
    assert cut < latest  # the cap falls inside an earlier year
    assert list(kept["fiscal_year"]) == sorted(kept["fiscal_year"])
    # every row of the years above the cut year, three of the cut year, none before it
    assert (kept["fiscal_year"] >= cut).all()
    above = everything[everything["fiscal_year"] > cut]
    assert sorted(kept.loc[kept["fiscal_year"] > cut, "initiative_id"]) == sorted(
        above["initiative_id"]
    )
    first_of_cut = list(everything.loc[everything["fiscal_year"] == cut, "initiative_id"])[:3]
    assert list(kept.loc[kept["fiscal_year"] == cut, "initiative_id"]) == first_of_cut
    # each year's rows in the CSV's order
    for year, rows in kept.groupby("fiscal_year", sort=False):
        order = list(everything.loc[everything["fiscal_year"] == year, "initiative_id"])
        ids = list(rows["initiative_id"])
        assert ids == [i for i in order if i in set(ids)], year
    # under the cap: exactly the CSV's rows, in its order
    whole = export.xlsx_evaluations(fixture_con, Filters(), limit=len(everything) + 1)
    assert whole.equals(everything)
