"""Issue 13 Must 7, string by string: every page and tab of the dashboard and the secretariat's
import app, in Japanese and in English, as a reader sees them through AppTest: titles, captions,
metrics, help texts, widget labels and options, tab and expander labels, table headers and every
table cell, and the texts of every Plotly figure (titles, axis titles, tick labels, legend names,
annotations, hover templates and the data they show).

Japanese mode: no raw values (True, False, None, nan, sample, ...), no snake_case names, no
command lines, no file paths, and no English words outside a short list of names that are the
same in Japanese (CSV, Excel, PDF, ...). English mode: no Japanese in anything but data, and data
only where it is marked as Japanese data (a column header or a hover label saying so).

The walk runs once per language (module-scoped) on the reference database, whose notes, results,
indicators and sources are the realistic ones; the per-page tests read from it."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from tests.conftest import ROOT
from ui import testing
from ui.downloads import panel_key

PAGES = ["overview", "trends", "initiatives", "bureaus", "indicators", "review", "about"]
DOWNLOAD_PAGES = ["overview", "trends", "initiatives", "bureaus"]  # the pages with ui.downloads
TIMEOUT = 90
# How English mode marks Japanese data: a column header "Results (Japanese data)", a hover label
# or a caption "Note (Japanese data): ..." (analytics/i18n.py); in the import app, names of the
# secretariat's own files, sheets and columns, "File (as named)", "Column (as in the sheet)".
JA_DATA = "Japanese data"
MARKS = (JA_DATA, "(as named)", "(as in the sheet)")

# --- what a reader sees ---------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    where: str  # element kind, e.g. "caption", "dataframe cell", "plotly hover"
    text: str
    data: bool = False  # a value from the database (a cell, a category, a hover value)
    marked: bool = False  # shown where it is said to be Japanese data


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _hover_fields(template: str) -> set[int]:
    return {int(i) for i in re.findall(r"customdata\[(\d+)\]", template)} | (
        {0} if "%{customdata}" in template else set()
    )


def plotly_texts(spec: dict) -> list[Seen]:
    """Every text of a figure a reader can see, on the chart or on hover."""
    out: list[Seen] = []
    layout = spec.get("layout", {})

    def title(obj: dict, where: str) -> None:
        text = (obj or {}).get("title")
        text = text.get("text") if isinstance(text, dict) else text
        if text:
            out.append(Seen(where, str(text)))

    title(layout, "plotly title")
    title(layout.get("legend"), "plotly legend title")
    title((layout.get("coloraxis") or {}).get("colorbar"), "plotly colour bar")
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis, "plotly axis title")
            for tick in axis.get("ticktext") or []:
                out.append(Seen("plotly tick", str(tick)))
    for note in layout.get("annotations") or []:
        if note.get("text"):
            out.append(Seen("plotly annotation", str(note["text"])))
    for trace in spec.get("data", []):
        if trace.get("name") and trace.get("showlegend", True) is not False:
            out.append(Seen("plotly legend", str(trace["name"])))
        group = (trace.get("legendgrouptitle") or {}).get("text")
        out += [Seen("plotly legend title", str(group))] if group else []
        title(trace.get("colorbar"), "plotly colour bar")
        templates = [s for s in _listed(trace.get("hovertemplate")) if s]
        marked = any(JA_DATA in s for s in templates)
        out += [Seen("plotly hover", s) for s in templates]
        out += [Seen("plotly text", s) for s in _listed(trace.get("texttemplate")) if s]
        for key in ("text", "hovertext", "labels", "x", "y"):
            values = trace.get(key)
            if isinstance(values, (list, str)):
                out += [
                    Seen("plotly data", v, data=True)
                    for v in _listed(values)
                    if isinstance(v, str) and v
                ]
        fields = _hover_fields(" ".join(templates))
        for row in trace.get("customdata") or []:
            for i, value in enumerate(_listed(row)):
                if i in fields and isinstance(value, str) and value:
                    out.append(Seen("plotly hover value", value, data=True, marked=marked))
    return out


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "nan"
    return str(value)


def visible_texts(at: AppTest) -> list[Seen]:
    out: list[Seen] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        if isinstance(node, Block) or not hasattr(node, "proto") or kind in ("main", "sidebar"):
            if kind in ("expander", "tab"):
                out.append(Seen(kind, node.proto.label))
            for child in getattr(node, "children", {}).values():
                walk(child)
            return
        proto = node.proto
        if kind in ("title", "header", "subheader", "caption", "markdown", "text", "info") or (
            kind in ("warning", "error", "success")
        ):
            out.append(Seen(kind, proto.body))
        elif kind == "code":
            out.append(Seen(kind, proto.code_text))
        elif kind == "metric":
            out.extend([Seen("metric", proto.label), Seen("metric value", proto.body)])
            out.extend([Seen("metric help", proto.help)] if proto.help else [])
        elif kind == "dataframe":
            frame = node.value
            for column in frame.columns:
                header = str(column)
                out.append(Seen("table header", header))
                marked = any(mark in header for mark in MARKS)
                out.extend(
                    Seen(f"cell of {header}", _cell(v), data=True, marked=marked)
                    for v in frame[column].tolist()
                )
        elif kind == "plotly_chart":
            out.extend(plotly_texts(json.loads(proto.spec)))
        elif kind != "html":  # widgets; st.html carries the page's CSS and script only
            fields = {f.name for f in proto.DESCRIPTOR.fields}
            for name in ("label", "help", "placeholder"):
                if name in fields and getattr(proto, name):
                    out.append(Seen(f"{kind} {name}", getattr(proto, name)))
            if "options" in fields:
                for option in proto.options:
                    text = option if isinstance(option, str) else getattr(option, "content", "")
                    out.append(Seen(f"{kind} option", text))

    walk(at._tree)
    return out


# --- the rules ------------------------------------------------------------------------------

# Plotly's own template syntax and markup, never shown as such
MARKUP = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>|</?(br|sup|sub|b|i|span)[^>]*>|&[a-z]+;")
# A URL the reader is meant to open: the secretariat's import app on its own PC
URL = re.compile(r"https?://[\w.:/-]+")

RAW_VALUE = re.compile(r"(?<![A-Za-z])(True|False|None|nan|NaN|NaT|sample|null)(?![A-Za-z])")
SNAKE_CASE = re.compile(r"(?<![A-Za-z0-9])[a-z]+_[a-z_]+")
COMMAND = re.compile(r"python -m|(?<![A-Za-z])make |--")
FILE_PATH = re.compile(
    r"[A-Za-z0-9_.~-]*[A-Za-z_][A-Za-z0-9_.~-]*/[A-Za-z0-9_.-]*[A-Za-z_][A-Za-z0-9_.-]*"
    r"|\.duckdb|\.py\b|\.bak\b"
)
# Latin words that Japanese readers read as they are: file formats and encodings named on the
# download buttons, the language switch (its other language must be readable), the port's
# container unit (TEU) and the index-point unit (pt) of the city image survey indicators
# (data: the indicators' own units), KB/MB of the download size, ID as in 取組ID (Japanese uses
# it as it is), and 'y0', 'y1' of the status rule's formula on the indicators page (letters of a
# formula, not words).
LATIN_OK = {
    "CSV",
    "Excel",
    "XLSX",
    "PDF",
    "HTML",
    "UTF",
    "BOM",
    "Shift_JIS",
    "CP932",
    "URL",
    "PC",
    "ID",
    "English",
    "Language",
    "TEU",
    "pt",
    "KB",
    "MB",
    "y0",
    "y1",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
# An indicator's own code (T3-1-2-01), shown beside its name as 事業コード is beside a project's
INDICATOR_CODE = re.compile(r"\bT\d+(?:-\d+)+")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]")
# The language switch names both languages in both modes, so that either reader finds it.
LANGUAGE_SWITCH = {"表示言語 / Language", "日本語"}


def shown(text: str) -> str:
    return INDICATOR_CODE.sub(" ", URL.sub(" ", MARKUP.sub(" ", text)))


# The indicators table's progress bar: a text target (現状値以上) has no progress, and
# Streamlit's progress column draws an empty cell for it (a number column cannot hold 「—」).
NO_PROGRESS = {"cell of 進捗率(%)", "cell of Progress (%)"}


def japanese_mode_findings(seen: list[Seen]) -> list[str]:
    found = []
    for s in seen:
        if s.where in NO_PROGRESS and s.text == "nan":
            continue
        text = shown(s.text)
        for rule, pattern in (
            ("raw value", RAW_VALUE),
            ("snake_case name", SNAKE_CASE),
            ("command line", COMMAND),
            ("file path", FILE_PATH),
        ):
            if pattern.search(text):
                found.append(f"{rule} in {s.where}: {s.text!r}")
        if not s.data:  # names and notes may contain Latin words (JETプログラム); the UI may not
            words = set(LATIN_WORD.findall(text)) - LATIN_OK
            if words:
                found.append(f"English {sorted(words)} in {s.where}: {s.text!r}")
    return sorted(set(found))


def english_mode_findings(seen: list[Seen]) -> list[str]:
    found = []
    for s in seen:
        if s.where in NO_PROGRESS and s.text == "nan":
            continue
        text = shown(s.text)
        for rule, pattern in (("raw value", RAW_VALUE), ("snake_case name", SNAKE_CASE)):
            if rule == "raw value" and "sample" in text:
                text = text.replace("sample", "")  # an English word in English mode
            if pattern.search(text):
                found.append(f"{rule} in {s.where}: {s.text!r}")
        if (
            JAPANESE.search(text)
            and not (s.marked or JA_DATA in text)
            and s.text not in (LANGUAGE_SWITCH)
        ):
            found.append(f"Japanese in {s.where}: {s.text!r}")
    return sorted(set(found))


# --- the walk -------------------------------------------------------------------------------


def _open_every_chart_table(at: AppTest) -> None:
    """Switch on every 「表で見る」 and open the download panel (its content is sent only when
    it is open), so that the charts' tables and the panel are read too."""
    for toggle in at.toggle:
        if toggle.key and toggle.key.endswith("_show_table"):
            toggle.set_value(True)
    for page in DOWNLOAD_PAGES:
        at.session_state[panel_key(page)] = True
    at.run()


def _pick_first_initiative(at: AppTest) -> None:
    picker = at.selectbox(key="initiative_pick")
    code = re.search(r"[（(]([^（(]+)[）)]$", picker.options[0]).group(1)
    picker.set_value(code).run()


@pytest.fixture(scope="module")
def app_db(reference_db_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("language") / "app.duckdb"
    shutil.copyfile(reference_db_file, db)
    return db


def _walk(db) -> dict[str, dict[str, list[Seen]]]:
    """Every page in Japanese, then (the switch in the sidebar) every page in English, in one
    session: {lang: {page: texts}}."""
    import streamlit.testing.v1.app_test as app_test

    pages_manager = app_test.PagesManager
    old = os.environ.get("DASHBOARD_DB")
    os.environ["DASHBOARD_DB"] = str(db)
    testing.steady_page_mode()
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
        seen: dict[str, dict[str, list[Seen]]] = {}
        for lang in ("ja", "en"):
            if lang == "en":
                at.segmented_control(key="lang").set_value("en").run()
            seen[lang] = {}
            for page in PAGES:
                at.switch_page(f"pages/{page}.py").run()
                _open_every_chart_table(at)
                if page == "initiatives":  # one initiative's history too
                    _pick_first_initiative(at)
                assert not at.exception, (lang, page, [e.value for e in at.exception])
                seen[lang][page] = visible_texts(at)
        return seen
    finally:
        app_test.PagesManager = pages_manager
        if old is None:
            os.environ.pop("DASHBOARD_DB", None)
        else:
            os.environ["DASHBOARD_DB"] = old


@pytest.fixture(scope="module")
def walked(app_db):
    return _walk(app_db)


@pytest.fixture(scope="module")
def japanese(walked):
    return walked["ja"]


@pytest.fixture(scope="module")
def english(walked):
    return walked["en"]


@pytest.mark.parametrize("page", DOWNLOAD_PAGES)
def test_the_open_download_panel_was_read(walked, page):
    """The walk opened the download panel: its buttons are among the texts checked."""
    for lang, label in (("ja", "CSVをダウンロード"), ("en", "Download CSV")):
        assert any(s.text == label for s in walked[lang][page]), (lang, page)


@pytest.mark.parametrize("page", PAGES)
def test_japanese_mode_shows_no_english_and_no_raw_values(japanese, page):
    seen = japanese[page]
    assert len([s for s in seen if not s.data]) > 10  # the page was read
    assert japanese_mode_findings(seen) == []


@pytest.mark.parametrize("page", PAGES)
def test_english_mode_shows_japanese_only_as_marked_data(english, page):
    seen = english[page]
    assert len([s for s in seen if not s.data]) > 10
    assert english_mode_findings(seen) == []


def test_every_tab_and_chart_is_read(japanese):
    """The walk reaches every tab of the trends page, the charts' tables and the history."""
    trends = japanese["trends"]
    tabs = [s.text for s in trends if s.where == "tab"]
    assert tabs == ["基本目標別", "方向性別", "期別", "新型コロナの影響", "年度間の変化"]
    assert sum(s.where == "plotly title" for s in trends) == 10
    assert any(s.where.startswith("cell of") for s in japanese["overview"])
    history = [s.text for s in japanese["initiatives"] if s.where == "plotly title"]
    assert history and history[0].startswith("達成度の推移: ")


# --- the secretariat's import app -----------------------------------------------------------

GOOD = "事業コード,事務事業名,年度,達成度,コロナの影響\n40111010,国際戦略拠点活性化推進事業,令和6年度,ほぼ目標どおり達成,あり\n"
BAD = "事業コード,年度,達成度\n40111010,2024,7\n40111020,戦略拠点形成推進事業でない,3\n"
# The admin app, both modes: an example of what staff type in the fiscal-year box (令和6年度, R6,
# as in their sheets); and the importer's problem messages and reading notes, written Japanese
# first with the English in brackets for both readers, as on the command line (README, "Each
# problem is printed ...").
ADMIN_BILINGUAL = {"text_input help", "cell of Message (Japanese, then English)", "text"}


def _walk_admin(db, lang: str) -> list[Seen]:
    old = os.environ.get("DASHBOARD_DB")
    os.environ["DASHBOARD_DB"] = str(db)
    try:
        seen = []
        for upload in (("悪い例.csv", BAD.encode("cp932")), ("令和6年度評価.csv", GOOD.encode())):
            at = AppTest.from_file(str(ROOT / "admin/app.py"), default_timeout=TIMEOUT).run()
            if lang == "en":
                at.sidebar.toggle(key="lang_en").set_value(True).run()
            at.file_uploader[0].set_value((*upload, "text/csv")).run()
            assert not at.exception
            seen += visible_texts(at)
        return seen
    finally:
        if old is None:
            os.environ.pop("DASHBOARD_DB", None)
        else:
            os.environ["DASHBOARD_DB"] = old


def test_admin_app_in_japanese(app_db):
    seen = [
        s
        for s in _walk_admin(app_db, "ja")
        if not any(s.where.endswith(w) for w in ADMIN_BILINGUAL)
    ]
    assert any(s.where.startswith("cell of 変更") for s in seen)  # the preview was read
    assert japanese_mode_findings(seen) == []


def test_admin_app_in_english(app_db):
    seen = [
        s
        for s in _walk_admin(app_db, "en")
        if not any(s.where.endswith(w) for w in ADMIN_BILINGUAL)
    ]
    assert any(s.where.startswith("cell of Change") for s in seen)
    assert english_mode_findings(seen) == []


# --- the rules themselves, on literal texts -------------------------------------------------


@pytest.mark.parametrize(
    "seen, expected",
    [
        (Seen("cell of コロナ影響", "False", data=True), "raw value"),
        (Seen("cell of コロナ影響ありのみ（%）", "nan", data=True), "raw value"),
        (Seen("cell of 出典", "data/reference/generate.py", data=True), "file path"),
        (Seen("code", "python -m analytics.ingest import a.xlsx"), "command line"),
        (Seen("markdown", "`--dry-run` を付けて検証"), "command line"),
        (Seen("table header", "rows_added"), "snake_case name"),
        (Seen("caption", "Select all"), "English"),
        (Seen("metric value", "見本 (sample)"), "raw value"),
    ],
)
def test_japanese_rules_catch_what_they_should(seen, expected):
    found = japanese_mode_findings([seen])
    assert any(f.startswith(expected) for f in found), found


@pytest.mark.parametrize(
    "seen",
    [
        Seen("plotly hover", "%{x}<br>基本目標1<br>%{y:.1%} (%{customdata[2]}/%{customdata[3]}件)"),
        Seen("download_button label", "この表をCSVで保存（9行）"),
        Seen("markdown", "進捗率 p = (A − B) / (G − B)、期待進捗率 e = (y − y0) / (y1 − y0)"),
        Seen("cell of 取組名", "JETプログラム推進事業", data=True),
        Seen("caption", "取り込み画面 http://127.0.0.1:8502 を開きます"),
    ],
)
def test_japanese_rules_let_legitimate_text_pass(seen):
    assert japanese_mode_findings([seen]) == []


def test_english_rules_allow_japanese_only_where_marked():
    assert english_mode_findings([Seen("cell of Note (Japanese data)", "延期", True, True)]) == []
    assert english_mode_findings([Seen("cell of Note", "延期", data=True)])
    assert english_mode_findings([Seen("plotly axis title", "件")])
    assert english_mode_findings([Seen("cell of COVID", "True", data=True)])
    assert english_mode_findings([Seen("button_group label", "表示言語 / Language")]) == []


# --- the values in words, at their source ---------------------------------------------------


def test_flags_read_as_words():
    from analytics.tables import flags

    values = pd.Series([True, False, 1, 0])
    assert flags(values, "ja") == ["あり", "なし", "あり", "なし"]
    assert flags(values, "en") == ["Yes", "No", "Yes", "No"]


def test_a_missing_number_in_a_chart_table_reads_as_a_dash():
    from analytics.chart_tables import dash_missing

    table = pd.DataFrame({"n": [3.0, None], "rate": [87.5, None], "whole": [1.5, 2.0]})
    out = dash_missing(table)
    assert list(out["n"]) == ["3", "—"]
    assert list(out["rate"]) == ["87.5", "—"]
    assert list(out["whole"]) == [1.5, 2.0]  # nothing missing: left a number


@pytest.mark.parametrize(
    "reference, expected",
    [
        ("data/reference/generate.py", "見本（本ツールで作成）"),
        ("DESIGN.md §5 (港湾局, 神奈川新聞, 日経)", "港湾局, 神奈川新聞, 日経"),
        ("川崎市 令和6年度 事務事業評価", "川崎市 令和6年度 事務事業評価"),
        (None, "—"),
        (float("nan"), "—"),
    ],
)
def test_a_source_is_named_as_a_reader_can_use_it(reference, expected):
    from analytics.tables import source_text

    assert source_text(reference, "ja") == expected


@pytest.mark.parametrize(
    "number, unit, lang, expected",
    [
        ("214", "件", "ja", "214件"),
        ("214", "件", "en", "214 cases"),
        ("28", "万人", "en", "280,000 people"),  # 28万人: ten-thousands written out
        ("27.4", "万人", "en", "274,000 people"),
        ("1,234.5", "万人", "en", "12,345,000 people"),
        ("27.4", "万人", "ja", "27.4万人"),
        ("約28", "万人", "en", "約28 × 10,000 people"),  # not a number: kept, with the unit
        ("57.6", "%", "en", "57.6%"),
        ("146,894", "TEU", "en", "146,894 TEU"),
        ("5", None, "en", "5"),
    ],
)
def test_indicator_units_in_the_display_language(number, unit, lang, expected):
    from analytics.i18n import target_label, with_unit

    assert with_unit(number, unit, lang) == expected
    assert target_label("現状値以上", "en") == "At least the baseline"
    assert target_label("現状値以上", "ja") == "現状値以上"
