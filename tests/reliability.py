"""What the reliability tests tried and what held: each records a line; the test run prints the
table at the end and writes it to test-artifacts/reliability.md (docs/reliability.md is made
from one such run)."""

from __future__ import annotations

from pathlib import Path

RESULTS: list[tuple[str, str, str, str]] = []


def record(test: str, tried: str, times: object, held: str) -> None:
    RESULTS.append((test, tried, str(times), held))


def table() -> str:
    lines = ["| test | what was tried | times | what held |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in RESULTS]
    return "\n".join(lines)


def write(root: Path) -> Path | None:
    if not RESULTS:
        return None
    out = root / "test-artifacts" / "reliability.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table() + "\n", encoding="utf-8")
    return out
