"""Declare a new term (実行プログラム), e.g. 第4期 for FY2026-2029, so that its initiative list
can be imported. Written like an import: validated first, then a new copy swapped in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.ingest import store, values
from analytics.ingest.build import refresh_facts

MAX_TERM_YEARS = 10


class TermError(ValueError):
    """The term cannot be declared; the message says why and what to do."""


@dataclass(frozen=True)
class Term:
    term_id: int
    first_fy: int
    last_fy: int
    name_ja: str
    name_en: str


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plan_term(
    existing: dict[int, tuple[int, int]],
    term: str,
    fiscal_years: str,
    *,
    name_ja: str | None = None,
    name_en: str | None = None,
) -> Term:
    """Validate a new term against the ``existing`` ones ({term_id: (first_fy, last_fy)})."""
    m = re.fullmatch(r"第?\s*(\d+)\s*期?(?:実行プログラム)?", values.normalise(term))
    if not m or int(m.group(1)) < 1:
        raise TermError(
            f"期は 4 や 第4期 のように書いてください (write the term as 4 or 第4期): {term!r}"
        )
    term_id = int(m.group(1))
    parts = re.split(r"\s*(?:-|–|〜|~|から)\s*", values.normalise(fiscal_years))
    try:
        first, last = (values.parse_fiscal_year(p) for p in parts) if len(parts) == 2 else (0, 0)
    except values.BadValue as exc:
        raise TermError(f"--fiscal-years: {exc}") from None
    if not first:
        raise TermError(
            "年度は 2026-2029 のように最初と最後を書いてください "  # example input, not a plan year
            f"(write the fiscal years as FIRST-LAST, e.g. 2026-2029): {fiscal_years!r}"  # example input, not a plan year
        )
    if not first <= last or last - first + 1 > MAX_TERM_YEARS:
        raise TermError(
            f"年度の範囲が正しくありません（最初≦最後、{MAX_TERM_YEARS}年以内） "
            f"(the years must run from FIRST to LAST, at most {MAX_TERM_YEARS} years): {first}-{last}"
        )
    if term_id in existing:
        raise TermError(
            f"第{term_id}期はすでに登録されています（{existing[term_id][0]}〜{existing[term_id][1]}年度） "
            f"(term {term_id} already exists)"
        )
    for other, (a, b) in sorted(existing.items()):
        if first <= b and a <= last:
            raise TermError(
                f"第{other}期（{a}〜{b}年度）と年度が重なっています。年度を直してください "
                f"(the years overlap term {other}, {a}-{b}; correct them)"
            )
        if (other < term_id and a > last) or (other > term_id and b < first):
            raise TermError(
                f"第{other}期（{a}〜{b}年度）との順序が合いません。期の番号か年度を直してください "
                f"(term numbers and years are out of order with term {other}, {a}-{b})"
            )
    return Term(
        term_id,
        first,
        last,
        name_ja or f"第{term_id}期実行プログラム",
        name_en or f"{_ordinal(term_id)} Implementation Program",
    )


def add_term(
    db: Path,
    term: str,
    fiscal_years: str,
    *,
    name_ja: str | None = None,
    name_en: str | None = None,
) -> Term:
    store.check_target(db, must_exist=True)
    with store.import_lock(db):
        con = duckdb.connect(str(db), read_only=True)
        try:
            existing = {
                r[0]: (r[1], r[2])
                for r in con.execute("select term_id, first_fy, last_fy from terms").fetchall()
            }
        finally:
            con.close()
        new = plan_term(existing, term, fiscal_years, name_ja=name_ja, name_en=name_en)

        def apply(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(
                "insert into terms values (?, ?, ?, ?, ?)",
                [new.term_id, new.name_ja, new.name_en, new.first_fy, new.last_fy],
            )
            con.executemany(
                "insert into fiscal_years values (?, ?, ?, ?)",
                [
                    [fy, new.term_id, f"{fy}年度", values.wareki(fy)]
                    for fy in range(new.first_fy, new.last_fy + 1)
                ],
            )
            refresh_facts(con)

        store.write_new_version(db, apply, start_empty=False)
    return new
