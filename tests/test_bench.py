"""The benchmarks run (at a tiny size): the generator writes the real schema with the reference
distributions, and the runner prints a row for every named query under every filter.
No timing is asserted: the machines are shared and noisy."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from bench import run
from bench.generate import generate
from tests.conftest import ROOT


def test_generator_writes_the_real_schema_with_reference_distributions(tmp_path):
    db = tmp_path / "tiny.duckdb"
    result = generate(db, 2000)
    assert result["counts"] == {"evaluations": 2000, "initiatives": 600}
    con = duckdb.connect(str(db), read_only=True)
    try:
        per_year = dict(
            con.execute("select fiscal_year, count(*) from evaluation_facts group by 1").fetchall()
        )
        assert per_year == {fy: 200 for fy in range(2016, 2026)}
        # every project continues across the three terms under one code
        assert con.execute(
            "select count(distinct project_code), count(distinct term_id) from initiatives"
        ).fetchone() == (200, 3)
        worst = con.execute(
            "select fiscal_year from evaluation_facts group by 1 order by avg(on_target::int) limit 1"
        ).fetchone()[0]
        assert worst in (2020, 2021)  # the COVID dip of the reference data
        assert (
            con.execute("select count(*) from evaluation_facts where change = 'new'").fetchone()[0]
            == 200
        )  # FY2016 only
    finally:
        con.close()


def test_runner_prints_a_row_per_query_and_filter(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--sizes",
            "2000",
            "--workdir",
            str(tmp_path),
            "--repeats",
            "1",
            "--no-browser",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = [
        line
        for line in done.stdout.splitlines()
        if line.startswith("| ") and " ms" not in line and "---" not in line
    ]
    query_rows = [line for line in table if line.split("|")[1].strip() in run.QUERIES]
    assert len(query_rows) == len(run.QUERIES) * len(run.FILTERS)
    page_rows = [line for line in table if line.split("|")[1].strip() in run.PAGES]
    assert len(page_rows) == len(run.PAGES) and all(
        line.rstrip().endswith("| no |") for line in page_rows
    )


def test_the_interaction_bench_takes_turns_and_reports_medians_ranges_and_ratios():
    from bench.interaction import DASHBOARD, MINIMAL, _option, _turns, table

    assert [_turns(2, r) for r in range(4)] == [[0, 1], [1, 0], [0, 1], [1, 0]]
    for app in (DASHBOARD, MINIMAL):  # after the warm-up's first option: the other, then back
        chosen = [app["options"][0]] + [_option(app, r) for r in range(4)]
        assert all(a != b for a, b in zip(chosen, chosen[1:], strict=False))
    ours = {
        "first": [4.0, 2.0, 3.0],
        "ready": [5.0, 6.0, 4.0],
        "change": [0.5, 0.3, 0.4],
        "redrawn": [0, 1],
    }
    minimal = {
        "first": [1.0, 3.0, 2.0],
        "ready": [1.0, 3.0, 2.0],
        "change": [0.2, 0.3, 0.2],
        "redrawn": [0],
    }
    out = table(ours, minimal)
    # medians 3.0 and 2.0 (ratio 1.5), 0.4 and 0.2 (ratio 2.0)
    assert (
        "| overview's first chart | 3.00 s (2.00–4.00) | 2.00 s (1.00–3.00) | 1.50 | ≤ 1.2 |" in out
    )
    assert "| 0.40 s (0.30–0.50) | 0.20 s (0.20–0.30) | 2.00 | ≤ 1.5 |" in out
    # medians 5.0 and 2.0, no target
    assert "| 5.00 s (4.00–6.00) | 2.00 s (1.00–3.00) | 2.50 | — |" in out
