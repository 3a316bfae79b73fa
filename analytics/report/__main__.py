"""``python -m analytics.report``: write the meeting pack (see the package's docstring)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.config import db_path
from analytics.filters import KEYS, Filters
from analytics.report.pack import ChromiumMissing, build_pack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analytics.report", description="Write the overall review's meeting pack."
    )
    parser.add_argument("--out", type=Path, required=True, help="FILE.xlsx, FILE.html or FILE.pdf")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database (default: $DASHBOARD_DB or data/kawasaki.duckdb)",
    )
    parser.add_argument("--lang", choices=["ja", "en"], default="ja")
    parser.add_argument(
        "--compare-from",
        type=int,
        default=None,
        help="first year of the improved/declined comparison",
    )
    parser.add_argument(
        "--compare-to", type=int, default=None, help="second year (default: the latest evaluated)"
    )
    for key in KEYS:
        parser.add_argument(f"--{key}", default=None, help=f"same as the URL parameter '{key}'")
    args = parser.parse_args(argv)
    kind = args.out.suffix.lower().lstrip(".")
    if kind not in ("xlsx", "html", "pdf"):
        print(f"error: --out must end in .xlsx, .html or .pdf: {args.out}", file=sys.stderr)
        return 2
    query = {k: getattr(args, k) for k in KEYS if getattr(args, k) is not None}
    filters = Filters.from_query(query)
    if filters.ignored:
        print(
            f"error: cannot read filter option(s): {', '.join('--' + k for k in filters.ignored)}",
            file=sys.stderr,
        )
        return 2
    path = args.db or db_path()
    if not Path(path).exists():
        print(
            f"error: database not found: {path} (build it with: python -m analytics.ingest build)",
            file=sys.stderr,
        )
        return 1
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        data = build_pack(con, kind, filters, args.lang, (args.compare_from, args.compare_to))
    except ChromiumMissing:
        print(
            "error: the PDF needs Chromium (/usr/bin/chromium: apt-get install chromium); write --out FILE.html and print it to PDF from a browser instead",
            file=sys.stderr,
        )
        return 1
    finally:
        con.close()
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
