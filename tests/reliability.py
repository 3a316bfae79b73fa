"""What the reliability tests tried and what held: each records a line; the test run prints the
table at the end and writes it to test-artifacts/reliability.md (docs/reliability.md is made
from one such run), its rows in the order of the tests' names.

`make test` runs the suite in two parts (the tests without a browser on two workers, then the
browser tests); the second part sets RELIABILITY_APPEND=1, so that its rows are added to the
first part's (a row of a test run again replaces the earlier one) and the file holds the whole
run. Any other run writes the table afresh.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

RESULTS: list[tuple[str, str, str, str]] = []


def record(test: str, tried: str, times: object, held: str) -> None:
    RESULTS.append((test, tried, str(times), held))


def table() -> str:
    lines = ["| test | what was tried | times | what held |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in RESULTS]
    return "\n".join(lines)


def write(root: Path) -> Path | None:
    """This run's rows; with RELIABILITY_APPEND=1, after those an earlier part of the same
    `make test` wrote."""
    if not RESULTS:
        return None
    out = root / "test-artifacts" / "reliability.md"
    rows = out.with_suffix(".json")
    out.parent.mkdir(exist_ok=True)
    if os.environ.get("RELIABILITY_APPEND") == "1" and rows.exists():
        ours = {row[0] for row in RESULTS}
        earlier = json.loads(rows.read_text(encoding="utf-8"))
        RESULTS.extend(tuple(row) for row in earlier if row[0] not in ours)
    RESULTS.sort(key=lambda row: row[0])  # the same order whichever worker finished first
    rows.write_text(json.dumps(RESULTS, ensure_ascii=False), encoding="utf-8")
    out.write_text(table() + "\n", encoding="utf-8")
    return out
