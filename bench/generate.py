"""Write a database of the real schema with N evaluations, for benchmarks.

    python -m bench.generate --evaluations 10000000 --db /tmp/bench-10m.duckdb

Set-based SQL, no Python row loop. Every project runs through all three terms (one initiative
per term, the same 8-digit code), so it is evaluated in all ten fiscal years: N evaluations are
N/10 projects and 3N/10 initiatives. Levels, COVID and disaster flags follow the reference data's
split for each fiscal year (FY2025 takes FY2024's); goals, directions and bureaus follow the
reference term-3 mix.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from analytics.config import REFERENCE_DIR
from analytics.ingest.build import (
    STRUCTURE_TABLES,
    create_schema,
    insert_frame,
    read_reference,
    refresh_facts,
)

RESULTS = [
    "計画どおり実施した。",
    "参加者数・実施件数とも目標を上回った。",
    "新型コロナウイルス感染症の影響により縮小した。",
    "関係機関との調整に時間を要した。",
]


def generate(db: Path, evaluations: int, threads: int | None = None) -> dict:
    if db.exists():
        db.unlink()
    projects = max(1, evaluations // 10)
    timings: dict[str, float] = {}
    con = duckdb.connect(str(db))
    try:
        if threads:
            con.execute(f"set threads = {int(threads)}")
        started = time.perf_counter()
        create_schema(con)
        for table in STRUCTURE_TABLES:
            insert_frame(con, table, read_reference(table, REFERENCE_DIR))
        # The reference mixes, as cumulative thresholds on a hash in [0, 1).
        con.execute(
            "create temp table ref_initiatives as select * from read_csv($p, all_varchar = true)",
            {"p": str(REFERENCE_DIR / "initiatives.csv")},
        )
        con.execute(
            "create temp table ref_evaluations as select * from read_csv($p, all_varchar = true)",
            {"p": str(REFERENCE_DIR / "evaluations.csv")},
        )
        con.execute(
            """create temp table mix as
               with c as (
                   select direction_id, department_id, count(*) as n
                   from ref_initiatives where term_id = '3' group by all
               )
               select direction_id, department_id,
                      sum(n) over (order by direction_id, department_id) / sum(n) over () as upto
               from c"""
        )
        con.execute(
            """create temp table level_mix as
               with y as (
                   select fiscal_year::int as fiscal_year, achievement_level::int as achievement_level,
                          covid_impact = 'true' as covid_impact, disaster_impact = 'true' as disaster_impact, count(*) as n
                   from ref_evaluations group by all
                   union all
                   select 2025, achievement_level::int, covid_impact = 'true', disaster_impact = 'true', count(*)
                   from ref_evaluations where fiscal_year = '2024' group by all
               )
               select *, sum(n) over (partition by fiscal_year order by achievement_level, covid_impact, disaster_impact)
                         / sum(n) over (partition by fiscal_year) as upto
               from y"""
        )
        timings["reference mixes"] = time.perf_counter() - started
        t0 = time.perf_counter()
        con.execute(
            """insert into initiatives
               with p as (
                   select i as project, lpad((10000000 + i)::varchar, 8, '0') as code,
                          (hash(i, 'mix') % 1000000) / 1000000.0 as u
                   from range($projects) t(i)
               ),
               placed as (
                   select p.*, m.direction_id, m.department_id
                   from p asof join mix m on p.u <= m.upto
               )
               select 'T' || t.term_id || '-' || code, code, t.term_id, direction_id, department_id,
                      '事業' || code, 'Project ' || code,
                      case when t.term_id > 1 and hash(project, t.term_id) % 20 = 0 then 'expanded' end,
                      null, 'bench'
               from placed cross join terms t
               order by 1  -- key order: the primary-key and foreign-key index work is cheaper""",
            {"projects": projects},
        )
        timings["initiatives"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        con.execute(
            """insert into evaluations
               with e as (
                   select i.initiative_id, i.term_id, y.fiscal_year,
                          (hash(i.initiative_id, y.fiscal_year) % 1000000) / 1000000.0 as u
                   from initiatives i join fiscal_years y on y.term_id = i.term_id
               )
               select e.initiative_id, e.term_id, e.fiscal_year, m.achievement_level, m.covid_impact, m.disaster_impact,
                      ['Ⅰ', 'Ⅱ', 'Ⅲ'][(1 + hash(e.initiative_id, e.fiscal_year, 's') % 3)::bigint],
                      $results[(1 + hash(e.initiative_id, e.fiscal_year, 'r') % 4)::bigint],
                      case when m.achievement_level >= 4 then '翌年度に延期' end,
                      'bench'
               from e asof join level_mix m on e.fiscal_year = m.fiscal_year and e.u <= m.upto
               order by e.initiative_id, e.fiscal_year""",
            {"results": RESULTS},
        )
        timings["evaluations"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        refresh_facts(con)
        con.execute("insert into dataset_meta values ('as_of', '2026-06-30'), ('content', 'bench')")
        con.execute(
            "insert into dataset_provenance values ('bench', 'sample', 'ベンチマーク用の生成データ', 'Generated benchmark data', 'bench/generate.py')"
        )
        con.execute("checkpoint")
        timings["facts + checkpoint"] = time.perf_counter() - t0
        counts = {
            "initiatives": con.execute("select count(*) from initiatives").fetchone()[0],
            "evaluations": con.execute("select count(*) from evaluations").fetchone()[0],
        }
    finally:
        con.close()
    timings["total"] = time.perf_counter() - started
    return {"counts": counts, "timings": timings, "bytes": db.stat().st_size}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--evaluations", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    result = generate(args.db, args.evaluations)
    print(
        f"{args.db}: {result['counts']['evaluations']:,} evaluations, {result['counts']['initiatives']:,} initiatives, {result['bytes'] / 1e6:,.0f} MB"
    )
    print("| step | seconds |\n|---|---|")
    for step, seconds in result["timings"].items():
        print(f"| {step} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
