"""Display tables for the pages: query results relabelled in the display language, with the
level shown as its label (``ui.widgets.data_table`` draws it in its colour, from
``level_columns`` and ``level_palette``). No Streamlit here; pages pass these to
``st.dataframe``."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from analytics.i18n import fy_label, level_label, next_step_label, t
from analytics.theme import LEVEL_COLORS


def flags(values: pd.Series, lang: str) -> list[str]:
    """A yes/no column in words (あり/なし, Yes/No), never True/False."""
    return [t("value.yes" if bool(v) else "value.no", lang) for v in values]


def _headers(lang: str) -> dict[str, str]:
    return {k: t(f"col.{k}", lang) for k in COLUMN_KEYS}


COLUMN_KEYS = [
    "fiscal_year",
    "term",
    "goal",
    "direction",
    "bureau",
    "code",
    "name",
    "level",
    "on_target",
    "covid",
    "disaster",
    "next_step",
    "results",
    "note",
    "previous_level",
    "change",
    "initiatives",
    "evaluations",
    "below_target",
    "rate",
    "latest_fy",
    "covid_affected",
]


def evaluation_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The evaluations query as a readable table (one row per evaluation)."""
    h = _headers(lang)
    out = pd.DataFrame(
        {
            h["fiscal_year"]: [fy_label(y, lang) for y in df["fiscal_year"]],
            h["name"]: df[f"name_{lang}"],
            h["level"]: [level_label(v, lang) for v in df["achievement_level"]],
            h["covid"]: flags(df["covid_impact"], lang),
            h["disaster"]: flags(df["disaster_impact"], lang),
            h["bureau"]: df[f"department_name_{lang}"],
            h["direction"]: df["direction_id"],
            h["code"]: df["project_code"],
            h["next_step"]: [
                next_step_label(s, lang)
                for s in df["next_step"].where(df["next_step"].notna(), None)
            ],
            h["note"]: df["note_ja"].fillna(""),
        }
    )
    return out


def exceptions_table(df: pd.DataFrame, lang: str, with_previous: bool = False) -> pd.DataFrame:
    """Below-target or declined evaluations, with the notes that explain them."""
    h = _headers(lang)
    columns = {
        h["fiscal_year"]: [fy_label(y, lang) for y in df["fiscal_year"]],
        h["name"]: df[f"name_{lang}"],
        h["bureau"]: df[f"department_name_{lang}"],
    }
    if with_previous:
        columns[h["previous_level"]] = [level_label(v, lang) for v in df["previous_level"]]
    columns[h["level"]] = [level_label(v, lang) for v in df["achievement_level"]]
    columns[h["covid"]] = flags(df["covid_impact"], lang)
    columns[h["disaster"]] = flags(df["disaster_impact"], lang)
    columns[h["results"]] = df["results_ja"].fillna("")
    columns[h["note"]] = df["note_ja"].fillna("")
    return pd.DataFrame(columns)


def bureau_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    h = _headers(lang)
    return pd.DataFrame(
        {
            h["bureau"]: df[f"department_name_{lang}"],
            h["initiatives"]: df["initiatives"],
            h["evaluations"]: df["evaluations"],
            h["below_target"]: df["below_target"],
            h["covid_affected"]: df["covid_affected"],
            h["rate"]: df["on_target_rate"] * 100,
            h["latest_fy"]: [fy_label(y, lang) for y in df["latest_fiscal_year"]],
        }
    )


def history_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    h = _headers(lang)
    return pd.DataFrame(
        {
            h["fiscal_year"]: [fy_label(y, lang) for y in df["fiscal_year"]],
            h["term"]: [t("term.short", lang, v=v) for v in df["term_id"]],
            h["level"]: [level_label(v, lang) for v in df["achievement_level"]],
            h["covid"]: flags(df["covid_impact"], lang),
            h["disaster"]: flags(df["disaster_impact"], lang),
            h["next_step"]: [
                next_step_label(s, lang)
                for s in df["next_step"].where(df["next_step"].notna(), None)
            ],
            h["results"]: df["results_ja"].fillna(""),
            h["note"]: df["note_ja"].fillna(""),
        }
    )


def history_texts(df: pd.DataFrame, lang: str) -> list[tuple[str, str, str, str]]:
    """Each year's 取組実績 and 備考 in full, oldest first as in the history's chart and table, as
    (year, level, results, note): the table cuts a sentence after its first twenty characters or
    so. Years with neither are left out."""
    out = []
    df = df.sort_values("fiscal_year")
    for fy, level, results, note in zip(
        df["fiscal_year"], df["achievement_level"], df["results_ja"], df["note_ja"], strict=True
    ):
        results = "" if pd.isna(results) else str(results).strip()
        note = "" if pd.isna(note) else str(note).strip()
        if results or note:
            out.append((fy_label(fy, lang), level_label(level, lang), results, note))
    return out


def level_columns(columns, lang: str) -> list[str]:
    """The columns of a display table that hold a level label (達成度, 前年度の達成度)."""
    names = (t("col.level", lang), t("col.previous_level", lang))
    return [c for c in columns if c in names]


def percent_columns(columns, lang: str) -> list[str]:
    """The columns of a display table whose header says they hold percentages (「…（%）」)."""
    suffix = t("unit.pct_col", lang, c="")
    return [c for c in columns if isinstance(c, str) and c.endswith(suffix) and c != suffix]


def level_palette(lang: str) -> tuple[list[str], list[str]]:
    """Every level's label in ``lang`` and its fixed colour, levels 1→5."""
    levels = sorted(LEVEL_COLORS)
    return [level_label(lv, lang) for lv in levels], [LEVEL_COLORS[lv] for lv in levels]


def initiative_choices(initiative_list: pd.DataFrame, lang: str) -> dict[str, str]:
    """project key -> label for the initiative picker (from the initiative_list query)."""
    names = initiative_list[f"name_{lang}"]
    keys = initiative_list["project_key"]
    labels = [
        f"{n}（{k}）" if lang == "ja" else f"{n} ({k})" for n, k in zip(names, keys, strict=True)
    ]
    return dict(sorted(zip(keys, labels, strict=True), key=lambda kv: kv[1]))


def missing_evaluations(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Coverage rows without an evaluation, for the secretariat's to-do list."""
    h = _headers(lang)
    missing = df[~df["evaluated"].astype(bool)]
    return pd.DataFrame(
        {
            h["fiscal_year"]: [fy_label(y, lang) for y in missing["fiscal_year"]],
            h["code"]: missing["project_code"],
            h["name"]: missing[f"name_{lang}"],
            h["bureau"]: missing[f"department_name_{lang}"],
        }
    )


def import_log_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The import log for the secretariat: dates, what was read and what changed, in words; the
    reference build named as such rather than by its file pattern, no checksums."""
    return pd.DataFrame(
        {
            t("log.when", lang): [str(v)[:16] for v in df["imported_at"]],
            t("log.what", lang): [
                t("log.reference", lang) if kind == "reference" else name
                for kind, name in zip(df["sheet_kind"], df["file_name"], strict=True)
            ],
            t("log.kind", lang): [t(f"log.kind.{k}", lang) for k in df["sheet_kind"]],
            t("unit.count_col", lang, c=t("log.added", lang)): df["rows_added"],
            t("unit.count_col", lang, c=t("log.changed", lang)): df["rows_changed"],
            t("unit.count_col", lang, c=t("log.unchanged", lang)): df["rows_unchanged"],
        }
    )


# What a wide table keeps at its left while a narrow screen scrolls it sideways: what the row is
# (the first of ROW_NAMES the table has, after the term where the row is a term's goal or
# direction), then its key figure (the first of KEY_FIGURES it has; a level change keeps both
# levels). Translation keys, so the rule holds in both languages.
ROW_NAMES = (
    "col.name",
    "ind.col.name",
    "col.bureau",
    "col.direction",
    "col.goal",
    "review.fig.what",
    "col.group",
    "col.level",
    "col.next_step",
    "col.fiscal_year",
)
KEY_FIGURES = (
    ("review.col.change",),
    ("col.previous_level", "col.level"),
    ("col.level",),
    ("ind.col.status",),
    ("col.rate",),
    ("col.rate%",),
)


# A pinned initiative or indicator name: room left to scroll the rest. Streamlit drops every pin
# of a table whose pinned columns take more than 60% of its width (an unset width counts about
# 100 px), so a table with a long name goes across the page, not in half of it.
NAME_WIDTH_PX = 260


def pinned_columns(columns, lang: str) -> list[str]:
    """The columns of a display table to pin (``st.column_config`` ``pinned``), in its order."""
    columns = list(columns)
    header = {
        key: t("unit.pct_col", lang, c=t(key[:-1], lang)) if key.endswith("%") else t(key, lang)
        for key in {*ROW_NAMES, *(k for keys in KEY_FIGURES for k in keys)}
    }
    name = next((header[k] for k in ROW_NAMES if header[k] in columns), None)
    pinned = [name] if name is not None else []
    if name in (header["col.goal"], header["col.direction"]) and t("col.term", lang) in columns:
        pinned.insert(0, t("col.term", lang))
    for keys in KEY_FIGURES:
        if all(header[k] in columns for k in keys):
            pinned += [header[k] for k in keys if header[k] not in pinned]
            break
    return [c for c in columns if c in pinned]


NAME_WIDTH_MAX_PX = 400  # a narrow table's name column grows to its longest name, to this


def name_width(names, columns: int, lang: str = "ja") -> int:
    """A pinned name column's width: NAME_WIDTH_PX, or in a table of at most five columns (the
    indicator tables) room for its longest name up to NAME_WIDTH_MAX_PX, since the few columns
    beside it need little. At the grid's 14 px: a wide (CJK) character 14 px, another 8 px; in
    Japanese the ambiguous ones too (①, ※, ○), which a Japanese font draws full width."""
    wide = "WFA" if lang == "ja" else "WF"
    if columns > 5:
        return NAME_WIDTH_PX
    longest = max(
        (
            sum(14 if unicodedata.east_asian_width(c) in wide else 8 for c in str(name))
            for name in names
        ),
        default=0,
    )
    return max(NAME_WIDTH_PX, min(longest + 28, NAME_WIDTH_MAX_PX))


def long_names(lang: str) -> set[str]:
    """The name columns given a pinned width (``name_width``): names of any length."""
    return {t("col.name", lang), t("ind.col.name", lang)}


# A reference that names a file of this repository (the script that made a sample, or a section
# of the design notes) is not a source a reader can open: the sources it lists in brackets are.
_REPOSITORY_FILE = re.compile(r"\S+\.(?:py|md|csv)(?:\s*§\s*\d+)?\s*(?:\((?P<sources>.*)\))?")


def source_text(reference: object, lang: str) -> str:
    """A provenance row's source as a reader can use it; 「—」 where there is none."""
    if not isinstance(reference, str) or not reference.strip():
        return "—"
    named = _REPOSITORY_FILE.fullmatch(reference.strip())
    if named:
        return named.group("sources") or t("about.source.ours", lang)
    return reference


def provenance_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What part of the data is published, sample or imported, and where it comes from."""
    return pd.DataFrame(
        {
            t("about.kind", lang): [t(f"about.kind.{k}", lang) for k in df["kind"]],
            t("about.what", lang): df[f"description_{lang}"],
            t("about.source", lang): [source_text(r, lang) for r in df["reference"]],
        }
    )
