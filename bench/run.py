"""Benchmarks: every named query under the dashboard's typical filters, side by side with the
bare DuckDB SQL and with the pandas way; page runs with AppTest; the browser's time to the
overview's first chart. Prints Markdown tables.

    python -m bench.run [--sizes 10000,1000000,10000000] [--workdir DIR] [--repeats 5]

Each size runs in its own process (so peak memory is that size's). Databases are generated once
into --workdir and reused. Timings are wall-clock on a shared machine: quote medians and ratios
from one run, never use them in pass/fail tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from analytics.filters import benchmark_filters

ROOT = Path(__file__).resolve().parent.parent
# The filters timed: no filter, each declared filter's example (analytics/filters.py), and one
# fiscal year of the generated data (years are the data's, so no declaration holds one).
FILTERS = benchmark_filters() | {"one year": {"fy_from": "2024", "fy_to": "2024"}}
# query -> extra parameters (the dashboard's typical call)
QUERIES = {
    "evaluations": {"limit": 2000, "latest_first": True},
    "achievement_by_year_and_group": {"group": "goal"},
    "on_target_by_year_and_group": {"group": "bureau"},
    "on_target_by_term_and_goal": {},
    "on_target_by_bureau": {},
    "covid_by_year": {},
    "covid_rate_by_year": {},
    "year_over_year": {"limit": 2000},
    "changes_by_year": {},
    "transitions": {"from_fy": 2023, "to_fy": 2024},
    "below_target": {"limit": 2000},
    "declines": {"limit": 2000},
    "headline": {},
    "coverage_by_year": {},
    "achievement_by_direction": {},  # the treemap of a wide filter (page: > 400 leaves)
    "initiative_list": {"limit": 3000},
    "review_by_term_and_group": {"group": "goal"},
    "movers": {"from_fy": 2023, "to_fy": 2024, "limit": 1000, "declined": False},
}
# Queries that list rows rather than aggregate them (left out of the "filtered aggregates" ratio).
LISTS = {"evaluations", "below_target", "year_over_year", "declines", "movers", "initiative_list"}
PAGES = ["overview", "trends", "initiatives", "bureaus", "review", "about"]


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    fork and exec, so a child started by a parent that once held a 10 M generation reported
    the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeats: int) -> tuple[float, float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def rows_of(result) -> int:
    return 1 if isinstance(result, dict) else len(result)


# ---- the pandas way: one DataFrame of all evaluations, filtered and grouped in pandas ---------


def pandas_mask(df, f):
    import numpy as np

    if f.directions or f.levels or f.disaster != "all" or f.new_only:
        return None  # not written in pandas here: no pandas figure for these
    mask = np.ones(len(df), dtype=bool)
    if f.terms:
        mask &= df["term_id"].isin(f.terms).to_numpy()
    if f.fy_from is not None:
        mask &= (df["fiscal_year"] >= f.fy_from).to_numpy()
    if f.fy_to is not None:
        mask &= (df["fiscal_year"] <= f.fy_to).to_numpy()
    if f.goals:
        mask &= df["goal_id"].isin(f.goals).to_numpy()
    if f.bureaus:
        mask &= df["department_id"].isin(f.bureaus).to_numpy()
    if f.covid == "exclude":
        mask &= ~df["covid_impact"].to_numpy()
    elif f.covid == "only":
        mask &= df["covid_impact"].to_numpy()
    if f.search:
        mask &= (
            df["name_ja"].str.contains(f.search, regex=False)
            | df["name_en"].str.contains(f.search, regex=False)
        ).to_numpy()
    return mask


def pandas_way(name: str, df, f, params: dict):
    mask = pandas_mask(df, f)
    if mask is None:
        return None
    part = df[mask]
    if name == "evaluations":
        order = ["fiscal_year", "goal_id", "direction_id", "project_key"]
        latest = params["latest_first"]
        return part.sort_values(order, ascending=[not latest, True, True, True]).head(
            params["limit"]
        )
    if name == "achievement_by_year_and_group":
        counts = part.groupby(["fiscal_year", "goal_id", "achievement_level"]).size()
        return (counts / counts.groupby(level=[0, 1]).transform("sum")).reset_index()
    if name == "on_target_by_year_and_group":
        return (
            part.groupby(["fiscal_year", "department_id"])["on_target"]
            .agg(["size", "sum", "mean"])
            .reset_index()
        )
    if name == "on_target_by_term_and_goal":
        return (
            part.groupby(["term_id", "goal_id"])
            .agg(
                initiatives=("initiative_id", "nunique"),
                evaluations=("on_target", "size"),
                rate=("on_target", "mean"),
            )
            .reset_index()
        )
    if name == "on_target_by_bureau":
        return (
            part.groupby("department_id")
            .agg(
                initiatives=("project_key", "nunique"),
                evaluations=("on_target", "size"),
                rate=("on_target", "mean"),
            )
            .reset_index()
        )
    if name == "covid_rate_by_year":
        g = part.assign(
            ok_unaffected=part["on_target"] & ~part["covid_impact"],
            unaffected=~part["covid_impact"],
        )
        return (
            g.groupby("fiscal_year")
            .agg(
                n=("on_target", "size"),
                rate=("on_target", "mean"),
                ok=("ok_unaffected", "sum"),
                un=("unaffected", "sum"),
            )
            .reset_index()
        )
    if name == "below_target":
        return (
            part[part["achievement_level"] >= 4]
            .sort_values(["achievement_level", "fiscal_year"], ascending=[False, False])
            .head(params["limit"])
        )
    if name == "headline":
        latest = part["fiscal_year"].max()
        return {
            "evaluations": len(part),
            "latest": latest,
            "rate": part.loc[part["fiscal_year"] == latest, "on_target"].mean(),
        }
    return None


# ---- one size, in its own process -------------------------------------------------------------


def measure_queries(db: Path, repeats: int, with_pandas: bool) -> dict:
    import duckdb

    from analytics import queries
    from analytics.filters import Filters
    from ui.db import Database

    database = Database(db)
    rows = []
    for label, query in FILTERS.items():
        f = Filters.from_query(query)
        for name, params in QUERIES.items():
            con, _ = database.cursor()
            fn = getattr(queries, name)
            ours = timed(
                lambda fn=fn, con=con, f=f, params=params: fn(con, filters=f, **params), repeats
            )
            # The same SQL text our function runs, executed with no application code around it.
            g, extra = f, params
            if name == "coverage_by_year":  # what queries.coverage_by_year passes
                g = f.of_initiatives()
                extra = {
                    "fy_lo": g.fy_from if g.fy_from is not None else 0,
                    "fy_hi": g.fy_to if g.fy_to is not None else 9999,
                }
            statements = [queries.statement(name, g, **extra)]
            if name == "headline" and f != f.of_initiatives():  # its second query, as it runs it
                statements.append(queries.statement("evaluated_projects", f))
            bare = timed(
                lambda statements=statements, con=con: [
                    con.execute(sql, bound).df() for sql, bound in statements
                ],
                repeats,
            )
            rows.append(
                {
                    "filter": label,
                    "query": name,
                    "ours": ours[:2],
                    "bare": bare[:2],
                    "rows": rows_of(ours[2]),
                }
            )
            con.close()
    download = measure_download(database)
    app_peak = peak_mb()
    pandas = {}
    if with_pandas:
        con = duckdb.connect(str(db), read_only=True)
        started = time.perf_counter()
        # The columns the pandas versions use (all 28 columns of 10M rows would not fit beside CI).
        df = con.execute(
            "select e.fiscal_year, e.term_id, e.goal_id, e.direction_id, e.department_id,"
            " e.initiative_id, i.project_key, i.name_ja, i.name_en, e.achievement_level,"
            " e.on_target, e.covid_impact"
            " from evaluation_facts e join initiative_facts i using (initiative_id)"
        ).df()
        load = time.perf_counter() - started
        con.close()
        for row in rows:
            f = Filters.from_query(FILTERS[row["filter"]])
            if pandas_way(row["query"], df.iloc[:0], f, QUERIES[row["query"]]) is None:
                continue
            pandas[(row["filter"], row["query"])] = timed(
                lambda f=f, row=row: pandas_way(row["query"], df, f, QUERIES[row["query"]]), repeats
            )[:2]
        for row in rows:
            row["pandas"] = pandas.get((row["filter"], row["query"]))
        return {
            "rows": rows,
            "app_peak_mb": app_peak,
            "pandas_load_s": load,
            "pandas_peak_mb": peak_mb(),
            "download": download,
        }
    return {"rows": rows, "app_peak_mb": app_peak, "download": download}


def measure_download(database) -> dict:
    """The CSV of one fiscal year (a tenth of the rows), as the download button builds it."""
    from analytics import export
    from analytics.filters import Filters

    con, _ = database.cursor()
    before = peak_mb()
    started = time.perf_counter()
    # What the download button does: the file built on click, then read into the one copy served.
    with export.csv_file_for_filter(con, Filters(fy_from=2024, fy_to=2024)) as served:
        data = served.read()
    seconds = time.perf_counter() - started
    con.close()
    return {
        "rows": data.count(b"\r\n") - 1,
        "mb": len(data) / 1e6,
        "seconds": seconds,
        "peak_growth_mb": peak_mb() - before,
    }


def measure_pages(db: Path) -> dict:
    os.environ["DASHBOARD_DB"] = str(db)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    sys.path.insert(0, str(ROOT))
    from ui.testing import steady_page_mode

    steady_page_mode()
    out = {}
    for page in PAGES:
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.run()  # the session's first run (overview), then the page cold and warm
        st.cache_data.clear()
        started = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        cold = time.perf_counter() - started
        warm = min(timed(lambda at=at: at.run(), 2)[:2])
        out[page] = {"cold": cold, "warm": warm, "error": bool(at.exception)}
    out["peak_mb"] = peak_mb()
    return out


def measure_browser(db: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from analytics.config import CHROMIUM, CHROMIUM_FLAGS
    from ui.testing import streamlit_server

    if not CHROMIUM.exists():
        return {}
    times = []
    with streamlit_server(db, Path("/tmp/bench-streamlit.log")) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            started = time.perf_counter()
            page.goto(server["base"] + "/")
            page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
            times.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return {"first_chart_s": times}


# ---- the report ---------------------------------------------------------------------------------


def ensure_db(workdir: Path, size: int) -> tuple[Path, float | None]:
    db = workdir / f"bench-{size}.duckdb"
    if db.exists():
        refresh_if_outdated(db)
        return db, None
    workdir.mkdir(parents=True, exist_ok=True)
    # In its own process, so that the measuring processes start small.
    out = python_module("bench.generate", "--evaluations", str(size), "--db", str(db))
    total = [line for line in out.splitlines() if line.startswith("| total |")]
    return db, float(total[0].split("|")[2])


def refresh_if_outdated(db: Path) -> None:
    """A database generated by an earlier version gets the derived tables it lacks."""
    import duckdb

    from analytics.derived import needs_refresh, refresh_facts

    con = duckdb.connect(str(db))
    try:
        if needs_refresh(con):
            print(f"refreshing the derived tables of {db}", file=sys.stderr)
            refresh_facts(con)
    finally:
        con.close()


def child(kind: str, db: Path, repeats: int) -> dict:
    out = python_module("bench.run", "--child", kind, "--db", str(db), "--repeats", str(repeats))
    return json.loads(out.splitlines()[-1])


def python_module(module: str, *args: str) -> str:
    """Run ``python -m module args`` in a fresh process (its own peak memory); its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return done.stdout


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.1f}"


def report(size: int, generated: float | None, q: dict, pages: dict) -> str:
    lines = [
        f"\n### {size:,} evaluations" + (f" (generated in {generated:.1f} s)" if generated else "")
    ]
    lines.append(
        f"\nProcess peak memory: queries {q['app_peak_mb']:,.0f} MB"
        + (
            f"; after loading the pandas frame ({q['pandas_load_s']:.1f} s) {q['pandas_peak_mb']:,.0f} MB"
            if "pandas_peak_mb" in q
            else ""
        )
    )
    lines.append(
        "\n| query | filter | rows | ours median ms | ours max ms | bare ms | ours/bare | pandas ms | ours/pandas |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for r in q["rows"]:
        pandas = r.get("pandas")
        ratio_bare = r["ours"][0] / r["bare"][0] if r["bare"][0] else float("nan")
        ratio_pandas = f"{r['ours'][0] / pandas[0]:.2f}" if pandas else "—"
        lines.append(
            f"| {r['query']} | {r['filter']} | {r['rows']:,} | {ms(r['ours'][0])} | {ms(r['ours'][1])} | {ms(r['bare'][0])} | {ratio_bare:.2f} | {ms(pandas[0] if pandas else None)} | {ratio_pandas} |"
        )
    d = q["download"]
    lines.append(
        f"\nCSV download of one fiscal year: {d['rows']:,} rows, {d['mb']:,.1f} MB in {d['seconds']:.1f} s; process peak memory grew by {d['peak_growth_mb']:,.0f} MB while building it."
    )
    worst = max(q["rows"], key=lambda r: r["ours"][0])
    lines.append(
        f"\nSlowest query median: {worst['query']} / {worst['filter']}: {ms(worst['ours'][0])} ms."
    )
    slow = [r for r in q["rows"] if r["ours"][0] > 0.2]
    lines.append(
        f"\nMedians over 200 ms: {len(slow)} of {len(q['rows'])}"
        + "".join(f"; {r['query']} / {r['filter']} {ms(r['ours'][0])}" for r in slow)
        + "."
    )
    versus = [r for r in q["rows"] if r.get("pandas") and r["filter"] != "none"]
    versus = [r for r in versus if r["query"] not in LISTS]
    if versus:
        ratios = [r["ours"][0] / r["pandas"][0] for r in versus]
        short = [r for r, x in zip(versus, ratios, strict=True) if x > 0.2]
        lines.append(
            f"\nFiltered aggregates against pandas: ours/pandas {min(ratios):.3f}–{max(ratios):.3f}"
            f" (speed-up ×{1 / max(ratios):.1f} to ×{1 / min(ratios):.1f}); under ×5:"
            f" {len(short)} of {len(versus)}"
            + "".join(f"; {r['query']} / {r['filter']}" for r in short)
            + "."
        )
    lines.append("\n| page (AppTest) | cold s | warm s | error |\n|---|---|---|---|")
    for page in PAGES:
        p = pages[page]
        lines.append(
            f"| {page} | {p['cold']:.2f} | {p['warm']:.2f} | {'yes' if p['error'] else 'no'} |"
        )
    lines.append(f"\nAppTest process peak memory: {pages['peak_mb']:,.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Benchmark the analytics layer and the pages."
    )
    parser.add_argument("--sizes", default="10000,1000000,10000000")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kawasaki-bench"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--child", choices=["queries", "pages", "browser"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = {
            "queries": lambda: measure_queries(args.db, args.repeats, True),
            "pages": lambda: measure_pages(args.db),
            "browser": lambda: measure_browser(args.db),
        }[args.child]()
        print(json.dumps(result))
        return 0
    print(f"# Benchmarks ({os.cpu_count()} cores, {time.strftime('%Y-%m-%d')})")
    print(f"Filters: {', '.join(FILTERS)}; {args.repeats} warm runs each (after one warm-up).")
    for size in [int(s) for s in args.sizes.split(",")]:
        db, generated = ensure_db(args.workdir, size)
        print(
            report(
                size,
                generated,
                child("queries", db, args.repeats),
                child("pages", db, args.repeats),
            ),
            flush=True,
        )
    if not args.no_browser:
        from analytics.ingest.build import build

        reference = args.workdir / "reference.duckdb"
        if not reference.exists():
            build(reference)
        browser = child("browser", reference, args.repeats)
        if browser:
            first = browser["first_chart_s"]
            print(
                f"\nBrowser, reference data: overview's first chart after {first[0]:.2f} s (fresh server), then {statistics.median(first[1:]):.2f} s (median of the next loads)."
            )
        # Issue 13's yardstick: the dashboard beside a minimal one-chart app, in one run.
        print("\n## Interaction, beside a minimal Streamlit app\n", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.interaction", "--db", str(reference)],
            cwd=ROOT,
            check=False,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
