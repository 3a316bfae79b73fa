"""Import evaluation sheets and initiative lists into the database.

Every row of every file is validated first, against the served database plus the initiative
lists given in the same call. Any problem: all problems are reported and nothing is written.
Otherwise the changes go into a new copy of the database which then replaces the served file.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.ingest import identify, indicator_sheets, store, values
from analytics.ingest.build import insert_frame, refresh_facts
from analytics.ingest.identify import Directory, name_key
from analytics.ingest.problems import Problem
from analytics.ingest.sheets import Reading, Sheet, read_sheets

EVALUATION_FIELDS = [
    "initiative_id",
    "term_id",
    "fiscal_year",
    "achievement_level",
    "covid_impact",
    "disaster_impact",
    "next_step",
    "results_ja",
    "note_ja",
    "source",
]
INITIATIVE_FIELDS = [
    "initiative_id",
    "project_code",
    "term_id",
    "direction_id",
    "department_id",
    "name_ja",
    "name_en",
    "new_or_expanded",
    "description_ja",
    "source",
]
# Optional columns: absent from a sheet, an existing row keeps its value, a new row gets this.
EVALUATION_DEFAULTS = {
    "covid_impact": False,
    "disaster_impact": False,
    "next_step": None,
    "results_ja": None,
    "note_ja": None,
}
INITIATIVE_DEFAULTS = {"name_en": None, "new_or_expanded": None, "description_ja": None}
COMPARED = {
    "evaluations": [f for f in EVALUATION_FIELDS if f != "source"],
    "initiatives": [f for f in INITIATIVE_FIELDS if f != "source"],
}


@dataclass
class Change:
    """One row of the preview: what an import does to one initiative or evaluation."""

    table: str  # "initiatives" or "evaluations"
    initiative_id: str
    name_ja: str
    fiscal_year: int | None
    status: str  # "added", "changed", "unchanged"
    details: list[tuple[str, object, object]] = field(default_factory=list)  # (field, old, new)
    where: str = ""  # FILE[SHEET]:ROW


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    changed: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    # Unchanged values now credited to the sheet that gives them (they were sample or another file).
    relabelled: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    matched_by_name: int = 0
    changes: list[Change] = field(default_factory=list)
    written: bool = False

    @property
    def has_changes(self) -> bool:
        return any(self.added.values()) or any(self.changed.values())

    @property
    def needs_write(self) -> bool:
        return self.has_changes or any(self.relabelled.values())


class Reference:
    """What the served database already holds, for validation and for the diff."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.terms = {
            r[0]: (r[1], r[2])
            for r in con.execute("select term_id, first_fy, last_fy from terms").fetchall()
        }
        self.fiscal_years = dict(
            con.execute("select fiscal_year, term_id from fiscal_years").fetchall()
        )
        self.direction_list = con.execute(
            "select direction_id, goal_id, name_ja from directions order by direction_id"
        ).fetchall()
        self.directions = _lookup(con, "select direction_id, name_ja, name_en from directions")
        for direction_id, goal, seq in con.execute(
            "select direction_id, goal_id, seq from directions"
        ).fetchall():
            numeral = ["I", "II", "III"][goal - 1] if 1 <= goal <= 3 else str(goal)
            local = int(direction_id.split("-")[1]) if "-" in direction_id else seq
            for alias in (
                f"{numeral}-{local}",
                f"{goal}{local}",
                f"{goal}-{local}",
                str(direction_id),
            ):
                self.directions[_key(alias)] = direction_id
        self.departments = _lookup(con, "select department_id, name_ja, name_en from departments")
        self.department_names = dict(
            con.execute("select department_id, name_ja from departments").fetchall()
        )
        self.initiatives = _frame(con, "select * from initiatives").set_index(
            "initiative_id", drop=False
        )
        self.evaluations = _frame(con, "select * from evaluations").set_index(
            ["initiative_id", "fiscal_year"], drop=False
        )


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    frame = con.execute(sql).df()
    return frame.astype(object).where(frame.notna(), None)


def _key(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")


def _lookup(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for row in con.execute(sql).fetchall():
        for spelling in row:
            table[_key(spelling)] = row[0]
    return table


def run_import(
    files: list[Path], db: Path, *, dry_run: bool = False, fiscal_year: int | None = None
) -> Outcome:
    """Validate every table of every file together; write only if there is no problem.

    A dry run goes through the very same write, on a copy that is then thrown away, so that it
    fails exactly where the real import would."""
    outcome = Outcome()
    reading = Reading()
    digests: dict[str, str] = {}
    indicator_files = []
    for path in files:
        indicator_file = indicator_sheets.read(path)  # the header tells an indicator sheet
        if indicator_file is not None:
            indicator_files.append(indicator_file)
            outcome.problems += indicator_file.problems
            continue
        read_sheets(path, fiscal_year, reading)
        with contextlib.suppress(OSError):
            digests[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    outcome.problems += reading.problems
    outcome.warnings += reading.warnings
    outcome.notes += reading.notes
    store.check_target(db, must_exist=True)
    with store.import_lock(db):
        con = duckdb.connect(str(db), read_only=True)
        try:
            ref = Reference(con)
            indicators = indicator_sheets.Plan()
            if indicator_files:
                known_indicators = indicator_sheets.Known(con, ref)
                outcome.problems += indicator_sheets.validate(
                    indicator_files, known_indicators, indicators
                )
        finally:
            con.close()
        # Initiative lists first: evaluations in the same call may refer to them.
        ordered = sorted(reading.sheets, key=lambda s: s.kind != "initiatives")
        new_initiatives: dict[str, dict] = {}
        new_evaluations: dict[tuple[str, int], dict] = {}
        seen_initiatives: dict[str, str] = {}
        seen_evaluations: dict[tuple[str, int], str] = {}
        log_rows = []
        directory = None
        for sheet in ordered:
            before = (dict(outcome.added), dict(outcome.changed), dict(outcome.unchanged))
            if sheet.kind == "initiatives":
                _validate_initiatives(sheet, ref, new_initiatives, seen_initiatives, outcome)
            else:
                if directory is None:
                    known = {**ref.initiatives.to_dict("index"), **new_initiatives}
                    directory = Directory(list(known.values()))
                _validate_evaluations(
                    sheet, ref, directory, new_evaluations, seen_evaluations, outcome
                )
            k = sheet.kind
            log_rows.append(
                (
                    Path(sheet.file).name + (f"[{sheet.sheet}]" if sheet.sheet is not None else ""),
                    digests.get(sheet.file, "0" * 64),
                    k,
                    outcome.added[k] - before[0][k],
                    outcome.changed[k] - before[1][k],
                    outcome.unchanged[k] - before[2][k],
                )
            )
        indicator_sheets.count(indicators, outcome, log_rows, [f.path for f in indicator_files])
        if outcome.matched_by_name:
            outcome.notes.append(
                f"事務事業名で特定した行: {outcome.matched_by_name} "
                f"(rows identified by name: {outcome.matched_by_name})"
            )
        if outcome.problems or not outcome.needs_write:
            return outcome

        def apply(con: duckdb.DuckDBPyConnection) -> None:
            _write_initiatives(con, ref, new_initiatives)
            _write(
                con,
                "evaluations",
                EVALUATION_FIELDS,
                ["initiative_id", "fiscal_year"],
                new_evaluations,
            )
            indicator_sheets.write(con, indicators)
            refresh_facts(con)
            next_id = con.execute(
                "select coalesce(max(import_id), 0) + 1 from import_log"
            ).fetchone()[0]
            now = datetime.now().replace(microsecond=0)
            for offset, row in enumerate(log_rows):
                con.execute(
                    "insert into import_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [next_id + offset, now, *row],
                )
            con.execute(
                "insert or replace into dataset_meta values ('as_of', ?), ('last_import_at', ?)",
                [now.date().isoformat(), now.isoformat()],
            )

        store.write_new_version(db, apply, start_empty=False, keep=not dry_run)
        outcome.written = not dry_run
    return outcome


def _write(con, table: str, fields: list[str], key: list[str], rows: dict) -> None:
    """Replace the changed rows: delete them by key, then insert the new versions."""
    if not rows:
        return
    frame = pd.DataFrame(list(rows.values()), columns=fields)
    con.register("changed_rows", frame[key])
    try:
        match = " and ".join(f"t.{k} = c.{k}" for k in key)  # column names from our own schema
        con.execute(
            f"delete from {table} t where exists (select 1 from changed_rows c where {match})"
        )
    finally:
        con.unregister("changed_rows")
    insert_frame(con, table, frame)


def _write_initiatives(con, ref: Reference, rows: dict) -> None:
    """New initiatives are inserted; existing ones are updated in place.

    DuckDB checks a foreign key against the rows committed before the statement, and runs an
    update of an indexed column as delete + insert: an initiative whose evaluations refer to it
    cannot be updated in the transaction that still holds them (the 「TransactionContext Error」
    of issue 12). So its evaluations are set aside and the removal committed first. This runs on
    the private copy of the database, which is swapped in only at the end: the commits in between
    are never seen by anyone, and a failure still leaves the served file unchanged."""
    existing = [r for iid, r in rows.items() if iid in ref.initiatives.index]
    new = {iid: r for iid, r in rows.items() if iid not in ref.initiatives.index}
    if existing:
        ids = pd.DataFrame({"initiative_id": [r["initiative_id"] for r in existing]})
        con.register("corrected_ids", ids)
        try:
            con.execute(
                "create temp table set_aside as select * from evaluations"
                " where initiative_id in (select initiative_id from corrected_ids)"
            )
            con.execute(
                "delete from evaluations where initiative_id in (select initiative_id from corrected_ids)"
            )
        finally:
            con.unregister("corrected_ids")
        con.execute("commit")
        con.execute("begin transaction")
        updated = [
            f for f in INITIATIVE_FIELDS if f not in ("initiative_id", "term_id", "project_code")
        ]
        assignments = ", ".join(f"{f} = ?" for f in updated)  # names from our own schema
        for row in existing:
            con.execute(
                f"update initiatives set {assignments} where initiative_id = ?",
                [row[f] for f in updated] + [row["initiative_id"]],
            )
        con.execute("insert into evaluations select * from set_aside")
        con.execute("drop table set_aside")
    if new:
        insert_frame(
            con, "initiatives", pd.DataFrame(list(new.values()), columns=INITIATIVE_FIELDS)
        )


class _RowReport:
    """Collects the problems of one row, each naming the column by its header and letter."""

    def __init__(self, sheet: Sheet, row_number: int):
        self.sheet, self.row_number = sheet, row_number
        self.problems: list[Problem] = []
        self.hidden = row_number in sheet.hidden_rows

    def problem(self, column_field: str | None, message: str) -> Problem:
        column = self.sheet.columns.get(column_field, column_field) if column_field else None
        if self.hidden:
            message += "（この行は非表示です / this row is hidden）"
        return Problem(self.sheet.file, self.row_number, column, message, self.sheet.sheet)

    def __call__(self, column_field: str | None, message: str) -> None:
        self.problems.append(self.problem(column_field, message))


def _validate_evaluations(
    sheet: Sheet,
    ref: Reference,
    directory: Directory,
    out: dict,
    seen: dict[tuple[str, int], str],
    outcome: Outcome,
) -> None:
    source = f"import:{Path(sheet.file).name}"
    for row_number, cells in sheet.rows:
        bad = _RowReport(sheet, row_number)
        problems = bad.problems

        parsed: dict = {}
        for f, parser in [
            ("fiscal_year", values.parse_fiscal_year),
            ("achievement_level", values.parse_level),
            ("covid_impact", values.parse_flag),
            ("disaster_impact", values.parse_flag),
            ("next_step", values.parse_next_step),
            ("results_ja", values.parse_text),
            ("note_ja", values.parse_text),
            ("project_code", values.parse_project_code),
            ("name_ja", values.parse_text),
        ]:
            if f in sheet.columns:
                try:
                    parsed[f] = parser(cells[f])
                except values.BadValue as exc:
                    bad(f, f"{exc}。セルの値を直してください (correct the cell)")
        if "fiscal_year" in sheet.columns:
            fy = parsed.get("fiscal_year")
            if fy is not None and sheet.fiscal_year is not None and fy != sheet.fiscal_year:
                _, ja, en = sheet.fiscal_year_source
                bad(
                    "fiscal_year",
                    f"{fy}年度ですが、{ja}の年度は{sheet.fiscal_year}年度です。どちらかを直してください "
                    f"(the year column says {fy} but {en} says {sheet.fiscal_year}; correct one)",
                )
        else:
            fy = sheet.fiscal_year
        given_id = values.normalise(cells.get("initiative_id", "")) or None
        code, name = parsed.get("project_code"), parsed.get("name_ja")
        initiative_id = None
        if fy is not None and fy not in ref.fiscal_years:
            bad(
                "fiscal_year" if "fiscal_year" in sheet.columns else None,
                f"計画期間外の年度です。年度を確認してください。新しい期は add-term で登録します "
                f"(fiscal year {fy} is not in any term of the plan; check it, or declare the term with add-term)",
            )
        elif given_id:
            if given_id not in directory.by_id:
                bad(
                    "initiative_id",
                    f"登録されていない取組IDです。取組一覧のIDを確認してください (unknown initiative id): {given_id!r}",
                )
            else:
                initiative_id = given_id
                if code and directory.by_id[given_id].get("project_code") != code:
                    bad(
                        "project_code",
                        f"取組IDと事業コードが一致しません。どちらかを直してください (code {code} does not belong to {given_id})",
                    )
        elif fy is not None and (code or name):
            term = ref.fiscal_years[fy]
            if code and (term, code) not in directory.by_code:
                listed = directory.terms_of_code(code)
                if not listed:
                    bad(
                        "project_code",
                        f"登録されていない事業コードです。コードを確認するか、先に取組一覧を取り込んでください "
                        f"(unknown project code: check it, or import the initiative list first): {code}",
                    )
                else:
                    terms = ", ".join(f"第{t}期" for t in listed)
                    bad(
                        "fiscal_year" if "fiscal_year" in sheet.columns else "project_code",
                        f"{fy}年度はこの事業の期（{terms}）の年度ではありません。年度かコードを直してください "
                        f"(fiscal year {fy} is outside the terms this code is listed in; correct the year or the code)",
                    )
            else:
                match = directory.find(term, code, name)
                if match.problem:
                    bad(*match.problem)
                else:
                    initiative_id = match.initiative_id
                    outcome.matched_by_name += match.by_name
                    if match.warning:
                        outcome.warnings.append(str(bad.problem("name_ja", match.warning)))
        elif not problems and fy is not None:
            bad(
                "project_code" if "project_code" in sheet.columns else "name_ja",
                "事業コードも事務事業名も空です。どちらかを記入してください "
                "(both the project code and the name are empty: fill in one)",
            )
        if initiative_id and fy is not None:
            term = int(directory.by_id[initiative_id]["term_id"])
            first, last = ref.terms[term]
            if not first <= fy <= last:
                bad(
                    "fiscal_year" if "fiscal_year" in sheet.columns else None,
                    f"{fy}年度は第{term}期（{first}〜{last}年度）の外です。年度を直してください "
                    f"(fiscal year outside the initiative's term {first}-{last}; correct the year)",
                )
            elif (initiative_id, fy) in seen:
                bad(
                    "fiscal_year" if "fiscal_year" in sheet.columns else "name_ja",
                    f"{seen[(initiative_id, fy)]} と同じ取組・年度です。どちらかの行を削除してください "
                    f"(duplicate of {seen[(initiative_id, fy)]}: same initiative and year; delete one)",
                )
            else:
                seen[(initiative_id, fy)] = f"{sheet.where}:{row_number}"
        if initiative_id and cells.get("department_id", "").strip():
            _check_bureau(bad, ref, cells["department_id"], directory.by_id[initiative_id], outcome)
        if initiative_id and cells.get("direction", "").strip():
            _check_direction(bad, ref, cells, directory.by_id[initiative_id], outcome)
        if problems:
            outcome.problems += problems
            continue
        key = (initiative_id, fy)
        existing = ref.evaluations.loc[key].to_dict() if key in ref.evaluations.index else None
        # A sample row's values are not the city's: what the sheet does not give is not kept.
        keep = existing if existing and existing["source"] != "sample" else None
        row = {
            "initiative_id": initiative_id,
            "term_id": int(directory.by_id[initiative_id]["term_id"]),
            "fiscal_year": fy,
        }
        for f, default in EVALUATION_DEFAULTS.items():
            row[f] = parsed[f] if f in sheet.columns else (keep[f] if keep else default)
        row["achievement_level"] = parsed["achievement_level"]
        change = Change(
            "evaluations",
            initiative_id,
            directory.by_id[initiative_id]["name_ja"],
            fy,
            "",
            where=f"{sheet.where}:{row_number}",
        )
        _count(outcome, "evaluations", existing, row, source, out, key, change)


def _check_bureau(bad: _RowReport, ref: Reference, raw: str, initiative: dict, outcome) -> None:
    """A 所管局 column on an evaluation sheet is only compared, never stored: a mismatch warns."""
    given = ref.departments.get(_key(raw))
    if given != initiative["department_id"]:
        registered = ref.department_names.get(initiative["department_id"], "")
        outcome.warnings.append(
            str(
                bad.problem(
                    "department_id",
                    f"所管局「{values.normalise(raw)}」は登録（{registered}）と違います。取組一覧の所管局を直す"
                    f"場合は取組一覧を取り込んでください (the bureau differs from the registered "
                    f"one, {registered}; to change it, import a corrected initiative list)",
                )
            )
        )


def _check_direction(
    bad: _RowReport, ref: Reference, cells: dict, initiative: dict, outcome
) -> None:
    """A 取組の方向性 (with its 基本目標) on an evaluation sheet is only compared, never stored: a row
    filed under another direction than the initiative's registered one warns, like the bureau."""
    raw = cells["direction"]
    goal = identify.goal_number(cells["goal"]) if cells.get("goal", "").strip() else None
    given = ref.directions.get(_key(raw)) or identify.direction_of(raw, goal, ref.direction_list)
    registered = initiative["direction_id"]
    if given == registered:
        return
    name = next((n for d, _, n in ref.direction_list if d == registered), "")
    outcome.warnings.append(
        str(
            bad.problem(
                "direction",
                f"取組の方向性「{values.normalise(raw)}」は登録（{registered} {name}）と違います。"
                f"評価は登録の方向性で集計されます。方向性を直す場合は取組一覧を取り込んでください "
                f"(the direction differs from the registered one, {registered}; the evaluation counts "
                f"under the registered one; to change it, import a corrected initiative list)",
            )
        )
    )


def _parse_term(raw: str) -> int | None:
    text = values.normalise(raw)
    m = re.fullmatch(r"第?\s*(\d+)\s*期?(?:実行プログラム)?", text)
    return int(m.group(1)) if m else None


def _validate_initiatives(
    sheet: Sheet, ref: Reference, out: dict, seen: dict[str, str], outcome: Outcome
) -> None:
    source = f"import:{Path(sheet.file).name}"
    by_name = {
        (int(r["term_id"]), name_key(r["name_ja"])): r["initiative_id"]
        for r in ref.initiatives.to_dict("records")
    }
    for row_number, cells in sheet.rows:
        bad = _RowReport(sheet, row_number)
        problems = bad.problems

        term = _parse_term(cells["term_id"])
        if term not in ref.terms:
            listed = ", ".join(f"第{t}期" for t in sorted(ref.terms))
            bad(
                "term_id",
                f"登録されていない期です（登録済み: {listed}）。新しい期は add-term で登録してください "
                f"(unknown term; registered: {listed}; declare a new one with add-term): {cells['term_id']!r}",
            )
        goal = identify.goal_number(cells["goal"]) if cells.get("goal", "").strip() else None
        direction = ref.directions.get(_key(cells["direction_id"])) or identify.direction_of(
            cells["direction_id"], goal, ref.direction_list
        )
        if not direction:
            bad(
                "direction_id",
                "取組の方向性を特定できません。「（１）世界をけん引する…」のように番号と名称で、基本目標の列と"
                "あわせて書くか、Ⅰ-1 のように書いてください (unknown direction: write its number and name "
                f"with the goal column, or an id like I-1): {cells['direction_id']!r}",
            )
        elif goal is not None and not direction.startswith(f"{goal}-"):
            bad(
                "direction_id",
                f"取組の方向性 {direction} は基本目標{goal}のものではありません。どちらかを直してください "
                f"(direction {direction} does not belong to goal {goal}; correct one)",
            )
        department = ref.departments.get(_key(cells["department_id"]))
        if not department:
            close = difflib.get_close_matches(
                values.normalise(cells["department_id"]),
                list(ref.department_names.values()),
                3,
                0.4,
            )
            hint = "近い名称：" + "、".join(close) if close else "所管局の正式名称"
            bad(
                "department_id",
                f"登録されていない所管局です。{hint}で書いてください (unknown bureau"
                + (f"; closest: {', '.join(close)}" if close else "")
                + f"): {cells['department_id']!r}",
            )
        parsed: dict = {}
        for f, parser in [
            ("project_code", values.parse_project_code),
            ("name_ja", values.parse_text),
            ("name_en", values.parse_text),
            ("new_or_expanded", values.parse_new_or_expanded),
            ("description_ja", values.parse_text),
        ]:
            if f in sheet.columns:
                try:
                    parsed[f] = parser(cells[f])
                except values.BadValue as exc:
                    bad(f, f"{exc}。セルの値を直してください (correct the cell)")
        if "name_ja" in parsed and not parsed["name_ja"]:
            bad("name_ja", "取組名が空です。名称を記入してください (initiative name is empty)")
        code = parsed.get("project_code")
        initiative_id = values.normalise(cells.get("initiative_id", "")) or (
            f"T{term}-{code}" if code and term else None
        )
        if not initiative_id and term and parsed.get("name_ja"):
            initiative_id = by_name.get((term, name_key(parsed["name_ja"])))
        if not initiative_id and not problems:
            bad(
                "project_code",
                "新しい取組には事業コードが必要です。8桁の事業コードを記入してください "
                "(a new initiative needs its 8-digit project code)",
            )
        if initiative_id in seen:
            bad(
                "project_code" if "project_code" in sheet.columns else "name_ja",
                f"{seen[initiative_id]} と同じ取組です。どちらかの行を削除してください (duplicate of {seen[initiative_id]})",
            )
        elif initiative_id:
            seen[initiative_id] = f"{sheet.where}:{row_number}"
        existing = (
            ref.initiatives.loc[initiative_id].to_dict()
            if initiative_id in ref.initiatives.index
            else None
        )
        if existing and term is not None and int(existing["term_id"]) != term:
            bad(
                "term_id",
                f"既存の取組 {initiative_id} は第{existing['term_id']}期です。期を直してください (existing initiative belongs to another term)",
            )
        if existing and not code:
            code = existing["project_code"]
        if code and term is not None:
            clash = ref.initiatives[
                (ref.initiatives["term_id"] == term) & (ref.initiatives["project_code"] == code)
            ]
            if len(clash) and clash.index[0] != initiative_id:
                bad(
                    "project_code",
                    f"第{term}期に同じ事業コードの取組 {clash.index[0]} があります。コードを確認してください (code already used in this term)",
                )
        if problems:
            outcome.problems += problems
            continue
        row = {
            "initiative_id": initiative_id,
            "project_code": code,
            "term_id": term,
            "direction_id": direction,
            "department_id": department,
            "name_ja": parsed["name_ja"],
        }
        for f, default in INITIATIVE_DEFAULTS.items():
            row[f] = parsed[f] if f in sheet.columns else (existing[f] if existing else default)
        change = Change(
            "initiatives",
            initiative_id,
            parsed["name_ja"],
            None,
            "",
            where=f"{sheet.where}:{row_number}",
        )
        _count(outcome, "initiatives", existing, row, source, out, initiative_id, change)


def _count(
    outcome: Outcome,
    table: str,
    existing: dict | None,
    row: dict,
    source: str,
    out: dict,
    key,
    change: Change,
) -> None:
    if existing is None:
        outcome.added[table] += 1
        change.status = "added"
        change.details = [(f, None, row[f]) for f in COMPARED[table] if row[f] is not None]
    else:
        change.details = [
            (f, existing[f], row[f]) for f in COMPARED[table] if not _same(existing[f], row[f])
        ]
        if change.details:
            outcome.changed[table] += 1
            change.status = "changed"
        else:
            outcome.unchanged[table] += 1
            change.status = "unchanged"
    outcome.changes.append(change)
    if change.status == "unchanged":
        if existing.get("source") == source:
            return
        outcome.relabelled[table] += 1
    out[key] = {**row, "source": source}


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    try:
        return int(a) == int(b)
    except (TypeError, ValueError):
        return str(a) == str(b)
