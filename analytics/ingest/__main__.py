"""Command line: build the database, import the city's sheets.

    python -m analytics.ingest build [--db PATH] [--structure-only] [--force]
    python -m analytics.ingest import FILE [FILE ...] [--db PATH] [--dry-run] [--fiscal-year FY]
    python -m analytics.ingest add-term TERM --fiscal-years FIRST-LAST [--name-ja NAME]
        [--name-en NAME] [--db PATH]   (declare a new implementation programme, e.g. 4 2026-2029)
    python -m analytics.ingest refresh [--db PATH]   (rebuild derived tables, keeping all data)

Exit status: 0 done (or nothing to change), 2 the input has problems (one line each, as
FILE:ROW:COLUMN: message; nothing written), 1 any other failure (one line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.config import db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analytics.ingest", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the database from data/reference/")
    b.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    b.add_argument(
        "--structure-only",
        action="store_true",
        help="goals, directions, terms and bureaus only: no sample initiatives or evaluations",
    )
    b.add_argument(
        "--force",
        action="store_true",
        help="rebuild even if the database holds imported rows (a .bak is kept)",
    )
    i = sub.add_parser("import", help="import evaluation sheets or initiative lists (CSV or XLSX)")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE")
    i.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    i.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")
    i.add_argument(
        "--fiscal-year",
        default=None,
        help="the fiscal year of sheets that name it nowhere (2024, 令和6年度, R6)",  # example input, not a plan year
    )
    t = sub.add_parser(
        "add-term",
        help="declare a new term (実行プログラム), e.g. 4 2026-2029",  # example input, not a plan year
    )
    t.add_argument("term", help="the term: 4 or 第4期")
    t.add_argument(
        "--fiscal-years",
        required=True,
        help="FIRST-LAST, e.g. 2026-2029",  # example input, not a plan year
    )
    t.add_argument("--name-ja", default=None, help="default: 第N期実行プログラム")
    t.add_argument("--name-en", default=None, help="default: Nth Implementation Program")
    t.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    r = sub.add_parser(
        "refresh", help="rebuild the derived tables (after an upgrade), keeping all data"
    )
    r.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    args = parser.parse_args(argv)
    db = args.db or db_path()
    try:
        if args.command == "build":
            return _build(db, args)
        if args.command == "refresh":
            return _refresh(db)
        if args.command == "add-term":
            return _add_term(db, args)
        return _import(db, args)
    except KeyboardInterrupt:
        print("中断しました (interrupted)", file=sys.stderr)
        return 1
    except Exception as exc:  # one line, never a bare traceback
        print(f"error: {exc}".splitlines()[0], file=sys.stderr)
        return 1


def _build(db: Path, args: argparse.Namespace) -> int:
    from analytics.ingest.build import build

    counts = build(db, structure_only=args.structure_only, force=args.force)
    summary = ", ".join(f"{table} {n}" for table, n in counts.items())
    print(f"built {db}: {summary}")
    return 0


def _refresh(db: Path) -> int:
    from analytics.ingest import store
    from analytics.ingest.build import refresh_facts

    store.check_target(db, must_exist=True)
    with store.import_lock(db):
        store.write_new_version(db, refresh_facts, start_empty=False)
    print(f"refreshed {db}")
    return 0


def _add_term(db: Path, args: argparse.Namespace) -> int:
    from analytics.ingest.terms import TermError, add_term

    try:
        term = add_term(
            db, args.term, args.fiscal_years, name_ja=args.name_ja, name_en=args.name_en
        )
    except TermError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"第{term.term_id}期（{term.first_fy}〜{term.last_fy}年度）を登録しました "
        f"(term {term.term_id}, FY{term.first_fy}-{term.last_fy}, declared) → {db}"
    )
    return 0


def _import(db: Path, args: argparse.Namespace) -> int:
    from analytics.ingest import values
    from analytics.ingest.importer import run_import

    fiscal_year = None
    if args.fiscal_year is not None:
        try:
            fiscal_year = values.parse_fiscal_year(args.fiscal_year)
        except values.BadValue as exc:
            print(f"error: --fiscal-year: {exc}", file=sys.stderr)
            return 2
    outcome = run_import(args.files, db, dry_run=args.dry_run, fiscal_year=fiscal_year)
    for note in outcome.notes:
        print(note)
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if outcome.problems:
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(outcome.problems)}件の問題があるため取り込みませんでした。データベースは変更していません "
            f"({len(outcome.problems)} problem(s); nothing was imported, the database is unchanged)",
            file=sys.stderr,
        )
        return 2
    for table in outcome.added:  # initiatives, evaluations, indicators, indicator_values
        a, c, u = outcome.added[table], outcome.changed[table], outcome.unchanged[table]
        if a or c or u:
            r = outcome.relabelled.get(table, 0)
            relabelled = f"（うち出典のみ更新 {r}）" if r else ""
            print(
                f"{table}: 追加 {a} / 変更 {c} / 変更なし {u}{relabelled} "
                f"(added {a}, changed {c}, unchanged {u}"
                + (f", of which {r} now credited to this sheet" if r else "")
                + ")"
            )
    if not outcome.needs_write:
        print(
            "変更はありません。データベースはそのままです (no changes; the database is unchanged)"
        )
    elif args.dry_run:
        print("--dry-run: 検証のみで書き込みはしていません (validated only; nothing written)")
    else:
        print(f"取り込みました (imported) → {db} (previous version: {db.name}.bak)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
