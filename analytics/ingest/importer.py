"""Import evaluation sheets and initiative lists into the database.

Every row of every file is validated first, against the served database plus the initiative
lists given in the same call. Any problem: all problems are reported and nothing is written.
Otherwise the changes go into a new copy of the database which then replaces the served file.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.ingest import indicator_sheets, store, values
from analytics.ingest.build import insert_frame, refresh_facts
from analytics.ingest.sheets import Problem, Sheet, read_sheet

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
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    changed: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"initiatives": 0, "evaluations": 0})
    written: bool = False

    @property
    def has_changes(self) -> bool:
        return any(self.added.values()) or any(self.changed.values())


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


def run_import(files: list[Path], db: Path, *, dry_run: bool = False) -> Outcome:
    outcome = Outcome()
    sheets: list[tuple[Sheet, bytes]] = []
    indicator_files = []
    for path in files:
        indicator_file = indicator_sheets.read(path)  # the header tells an indicator sheet
        if indicator_file is not None:
            indicator_files.append(indicator_file)
            outcome.problems += indicator_file.problems
            continue
        sheet, problems, warnings = read_sheet(path)
        outcome.problems += problems
        outcome.warnings += warnings
        if sheet:
            sheets.append((sheet, path.read_bytes()))
    store.check_target(db, must_exist=True)
    with store.import_lock(db):
        con = duckdb.connect(str(db), read_only=True)
        try:
            ref = Reference(con)
            indicators = indicator_sheets.Plan()
            if indicator_files:
                known = indicator_sheets.Known(con, ref)
                outcome.problems += indicator_sheets.validate(indicator_files, known, indicators)
        finally:
            con.close()
        # Initiative lists first: evaluations in the same call may refer to them.
        ordered = sorted(sheets, key=lambda s: s[0].kind != "initiatives")
        new_initiatives: dict[str, dict] = {}
        new_evaluations: dict[tuple[str, int], dict] = {}
        log_rows = []
        for sheet, data in ordered:
            before = (dict(outcome.added), dict(outcome.changed), dict(outcome.unchanged))
            if sheet.kind == "initiatives":
                _validate_initiatives(sheet, ref, new_initiatives, outcome)
            else:
                _validate_evaluations(sheet, ref, new_initiatives, new_evaluations, outcome)
            k = sheet.kind
            log_rows.append(
                (
                    Path(sheet.file).name,
                    hashlib.sha256(data).hexdigest(),
                    k,
                    outcome.added[k] - before[0][k],
                    outcome.changed[k] - before[1][k],
                    outcome.unchanged[k] - before[2][k],
                )
            )
        indicator_sheets.count(indicators, outcome, log_rows, [f.path for f in indicator_files])
        if outcome.problems or dry_run or not outcome.has_changes:
            return outcome

        def apply(con: duckdb.DuckDBPyConnection) -> None:
            _write(con, "initiatives", INITIATIVE_FIELDS, ["initiative_id"], new_initiatives)
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

        store.write_new_version(db, apply, start_empty=False)
        outcome.written = True
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


class _RowReport:
    """Collects the problems of one row, each naming the column as the file spells it."""

    def __init__(self, sheet: Sheet, row_number: int):
        self.sheet, self.row_number = sheet, row_number
        self.problems: list[Problem] = []

    def __call__(self, column_field: str, message: str) -> None:
        column = self.sheet.columns.get(column_field, column_field)
        self.problems.append(Problem(self.sheet.file, self.row_number, column, message))


def _validate_evaluations(
    sheet: Sheet, ref: Reference, new_initiatives: dict, out: dict, outcome: Outcome
) -> None:
    source = f"import:{Path(sheet.file).name}"
    known = (
        pd.concat([ref.initiatives, pd.DataFrame(list(new_initiatives.values()))])
        if new_initiatives
        else ref.initiatives
    )
    known = known.drop_duplicates("initiative_id", keep="last").set_index(
        "initiative_id", drop=False
    )
    by_code: dict[str, list[tuple[int, str]]] = {}
    for iid, code, term in zip(
        known["initiative_id"], known["project_code"], known["term_id"], strict=False
    ):
        if code:
            by_code.setdefault(str(code), []).append((int(term), iid))
    seen: dict[tuple[str, int], int] = {}
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
        ]:
            if f in sheet.columns:
                try:
                    parsed[f] = parser(cells[f])
                except values.BadValue as exc:
                    bad(f, str(exc))
        given_id = values.normalise(cells.get("initiative_id", "")) or None
        fy = parsed.get("fiscal_year")
        initiative_id = None
        if fy is not None and fy not in ref.fiscal_years:
            bad(
                "fiscal_year",
                f"計画期間外の年度です (fiscal year {fy} is not in any term of the plan)",
            )
        elif given_id:
            if given_id not in known.index:
                bad(
                    "initiative_id",
                    f"登録されていない取組IDです (unknown initiative id): {given_id!r}",
                )
            else:
                initiative_id = given_id
                code = parsed.get("project_code")
                if code and known.at[given_id, "project_code"] != code:
                    bad(
                        "project_code",
                        f"取組IDと事業コードが一致しません (code {code} does not belong to {given_id})",
                    )
        elif parsed.get("project_code") and fy is not None:
            code = parsed["project_code"]
            if code not in by_code:
                bad(
                    "project_code", f"登録されていない事業コードです (unknown project code): {code}"
                )
            else:
                term = ref.fiscal_years[fy]
                matches = [iid for t, iid in by_code[code] if t == term]
                if matches:
                    initiative_id = matches[0]
                else:
                    listed = ", ".join(f"第{t}期" for t, _ in sorted(by_code[code]))
                    bad(
                        "fiscal_year",
                        f"{fy}年度はこの事業の期（{listed}）の年度ではありません (fiscal year {fy} is outside the terms this code is listed in)",
                    )
        elif (
            not problems and "initiative_id" not in sheet.columns and not parsed.get("project_code")
        ):
            bad("project_code", "事業コードが空です (project code is empty)")
        elif not problems and given_id is None and "project_code" not in sheet.columns:
            bad("initiative_id", "取組IDが空です (initiative id is empty)")
        if initiative_id and fy is not None:
            term = int(known.at[initiative_id, "term_id"])
            first, last = ref.terms[term]
            if not first <= fy <= last:
                bad(
                    "fiscal_year",
                    f"{fy}年度は第{term}期（{first}〜{last}年度）の外です (fiscal year outside the initiative's term {first}-{last})",
                )
            elif (initiative_id, fy) in seen:
                bad(
                    "fiscal_year",
                    f"{seen[(initiative_id, fy)]}行目と同じ取組・年度です (duplicate of row {seen[(initiative_id, fy)]}: same initiative and year)",
                )
            else:
                seen[(initiative_id, fy)] = row_number
        if problems:
            outcome.problems += problems
            continue
        key = (initiative_id, fy)
        existing = ref.evaluations.loc[key].to_dict() if key in ref.evaluations.index else None
        row = {
            "initiative_id": initiative_id,
            "term_id": int(known.at[initiative_id, "term_id"]),
            "fiscal_year": fy,
        }
        for f, default in EVALUATION_DEFAULTS.items():
            row[f] = parsed[f] if f in sheet.columns else (existing[f] if existing else default)
        row["achievement_level"] = parsed["achievement_level"]
        _count(outcome, "evaluations", existing, row, source, out, key)


def _validate_initiatives(sheet: Sheet, ref: Reference, out: dict, outcome: Outcome) -> None:
    source = f"import:{Path(sheet.file).name}"
    seen: dict[str, int] = {}
    for row_number, cells in sheet.rows:
        bad = _RowReport(sheet, row_number)
        problems = bad.problems

        term_text = values.normalise(cells["term_id"]).removeprefix("第").removesuffix("期")
        term = int(term_text) if term_text.isdigit() else None
        if term not in ref.terms:
            bad("term_id", f"存在しない期です (unknown term): {cells['term_id']!r}")
        direction = ref.directions.get(_key(cells["direction_id"]))
        if not direction:
            bad(
                "direction_id",
                f"取組の方向性を特定できません (unknown direction): {cells['direction_id']!r}",
            )
        department = ref.departments.get(_key(cells["department_id"]))
        if not department:
            bad(
                "department_id",
                f"登録されていない所管局です (unknown bureau): {cells['department_id']!r}",
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
                    bad(f, str(exc))
        if "name_ja" in parsed and not parsed["name_ja"]:
            bad("name_ja", "取組名が空です (initiative name is empty)")
        initiative_id = values.normalise(cells.get("initiative_id", "")) or (
            f"T{term}-{parsed['project_code']}" if parsed.get("project_code") and term else None
        )
        if not initiative_id and not problems:
            bad(
                "project_code",
                "事業コードか取組IDが必要です (a project code or an initiative id is required)",
            )
        if initiative_id in seen:
            bad(
                "project_code",
                f"{seen[initiative_id]}行目と同じ取組です (duplicate of row {seen[initiative_id]})",
            )
        elif initiative_id:
            seen[initiative_id] = row_number
        existing = (
            ref.initiatives.loc[initiative_id].to_dict()
            if initiative_id in ref.initiatives.index
            else None
        )
        if existing and term is not None and int(existing["term_id"]) != term:
            bad(
                "term_id",
                f"既存の取組 {initiative_id} は第{existing['term_id']}期です (existing initiative belongs to another term)",
            )
        code = parsed.get("project_code")
        if code and term is not None:
            clash = ref.initiatives[
                (ref.initiatives["term_id"] == term) & (ref.initiatives["project_code"] == code)
            ]
            if len(clash) and clash.index[0] != initiative_id:
                bad(
                    "project_code",
                    f"第{term}期に同じ事業コードの取組 {clash.index[0]} があります (code already used in this term)",
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
        _count(outcome, "initiatives", existing, row, source, out, initiative_id)


def _count(
    outcome: Outcome, table: str, existing: dict | None, row: dict, source: str, out: dict, key
) -> None:
    if existing is None:
        outcome.added[table] += 1
    elif all(_same(existing[f], row[f]) for f in COMPARED[table]):
        outcome.unchanged[table] += 1
        return
    else:
        outcome.changed[table] += 1
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
