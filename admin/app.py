"""The secretariat's import app: drop evaluation sheets or initiative lists, see the problems
or a preview of the changes, confirm to apply. Served on 127.0.0.1 only (`make admin`); the
committee's dashboard stays read-only and has no way to write."""

from __future__ import annotations

import hashlib

import duckdb
import streamlit as st

from analytics.config import db_path
from analytics.i18n import t
from analytics.ingest import admin, values
from analytics.ingest.store import StoreError

st.set_page_config(
    page_title="取り込み（事務局）", page_icon=":material/upload_file:", layout="wide"
)
lang = "en" if st.sidebar.toggle("English", key="lang_en") else "ja"
db = db_path()

st.title(t("admin.title", lang))
st.caption(t("admin.intro", lang))
uploads = st.file_uploader(
    t("admin.upload", lang), type=admin.UPLOAD_TYPES, accept_multiple_files=True, key="uploads"
)
fy_text = st.text_input(
    t("admin.fiscal_year", lang), key="fy", help=t("admin.fiscal_year.help", lang)
)


def _check(files: list[tuple[str, bytes]], fiscal_year: int | None, key: str):
    """The dry run, once per set of files (a rerun does not check them again)."""
    if st.session_state.get("checked_key") != key:
        st.session_state["checked"] = admin.import_uploads(
            files, db, dry_run=True, fiscal_year=fiscal_year
        )
        st.session_state["checked_key"] = key
    return st.session_state["checked"]


def _show_outcome(
    outcome, key: str, files: list[tuple[str, bytes]], fiscal_year: int | None
) -> None:
    if outcome.problems:
        st.error(t("admin.problems", lang, n=len(outcome.problems)), icon=":material/error:")
        frame = admin.problems_frame(outcome, lang)
        st.dataframe(frame, hide_index=True, width="stretch", key="problems_table")
        st.download_button(
            t("admin.problems.download", lang),
            admin.csv_for_excel(frame),
            file_name=t("admin.problems.file", lang),
            mime="text/csv",
            key="problems_download",
        )
        return
    for warning in outcome.warnings:
        st.warning(warning, icon=":material/warning:")
    with st.expander(t("admin.notes", lang), expanded=False):
        for note in outcome.notes:
            st.text(note)
    cols = st.columns(3)
    for col, what in zip(cols, ("added", "changed", "unchanged"), strict=True):
        counts = getattr(outcome, what)
        col.metric(
            t(f"admin.status.{what}", lang),
            t("admin.counts", lang, e=counts["evaluations"], i=counts["initiatives"]),
        )
    st.subheader(t("admin.preview", lang))
    st.dataframe(
        admin.changes_frame(outcome, lang),
        hide_index=True,
        width="stretch",
        key="preview_table",
    )
    if st.session_state.get("applied_key") == key:
        st.success(t("admin.applied", lang), icon=":material/check_circle:")
    elif not outcome.needs_write:
        st.info(t("admin.nothing", lang))
    elif st.button(t("admin.apply", lang), type="primary", key="apply"):
        try:
            done = admin.import_uploads(files, db, dry_run=False, fiscal_year=fiscal_year)
        except StoreError as exc:
            st.error(str(exc))
            return
        if done.problems:  # the database changed since the check: show what is wrong now
            st.session_state["checked"] = done
            st.rerun()
        st.session_state["applied_key"] = key
        st.rerun()


if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    fiscal_year = None
    fy_ok = True
    if fy_text.strip():
        try:
            fiscal_year = values.parse_fiscal_year(fy_text)
        except values.BadValue as exc:
            st.error(str(exc))
            fy_ok = False
    if fy_ok:
        digest = hashlib.sha256()
        for name, data in files:
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        key = f"{digest.hexdigest()}:{fiscal_year}"
        try:
            _show_outcome(_check(files, fiscal_year, key), key, files, fiscal_year)
        except StoreError as exc:
            st.error(str(exc))

st.subheader(t("admin.log", lang))
try:
    st.dataframe(admin.import_log(db, lang), hide_index=True, width="stretch", key="log")
except (duckdb.Error, OSError) as exc:  # a missing or unreadable database: say so, with the fix
    st.error(t("admin.no_db", lang, db=str(db), error=type(exc).__name__))
