"""Command line: the status of every outcome indicator (成果指標) for one fiscal year.

    python -m analytics.indicators status [--db PATH] [--fiscal-year FY] [--format csv|table]
                                          [--lang ja|en]

One row per indicator of that year's term: code, name (指標名), direction, unit, baseline and its
year, target and its year, the year's actual, progress %, expected %, status (状況). The year is
the latest with an actual unless given. CSV is UTF-8 with a BOM (opens in Japanese Excel).
Exit status: 0 done, 1 any failure (one line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.config import db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analytics.indicators", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("status", help="one row per indicator with its status")
    s.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    s.add_argument(
        "--fiscal-year",
        type=int,
        default=None,
        help="fiscal year (default: the latest with an actual)",
    )
    s.add_argument("--format", choices=("csv", "table"), default="table")
    s.add_argument("--lang", choices=("ja", "en"), default="ja")
    args = parser.parse_args(argv)
    try:
        return _status(args.db or db_path(), args)
    except Exception as exc:  # one line, never a bare traceback
        print(f"error: {exc}".splitlines()[0], file=sys.stderr)
        return 1


def _status(db: Path, args: argparse.Namespace) -> int:
    import duckdb
    import pandas as pd

    from analytics.indicators.queries import indicator_status
    from analytics.indicators.tables import status_table
    from analytics.ingest import store

    store.check_target(db, must_exist=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = indicator_status(con, fiscal_year=args.fiscal_year)
    finally:
        con.close()
    table = status_table(status, args.lang)
    out = sys.stdout
    if args.format == "csv":
        out.reconfigure(encoding="utf-8", newline="")
        out.write("\ufeff")
        table.to_csv(out, index=False, lineterminator="\r\n")
        return 0
    year = int(status["fiscal_year"].iloc[0]) if len(status) else args.fiscal_year
    out.reconfigure(encoding="utf-8")
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.width",
        250,
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.max_colwidth",
        40,
    ):
        print(f"FY{year}" if year else "-", file=out)
        print(
            table.to_string(index=False, na_rep="-") if len(table) else "(no indicators)", file=out
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
