"""Crash safety: the importer killed with SIGKILL at random moments during imports of a large
sheet. Afterwards the served database always opens and equals either the old or the new content
exactly (a checksum of every table), and nothing left behind breaks the next import.

CRASH_IMPORTS sets how many imports are killed (12 in `make test`, 100 in `make soak`)."""

from __future__ import annotations

import csv
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests import reliability
from tests.conftest import ROOT

IMPORTS = int(os.environ.get("CRASH_IMPORTS", "12"))
TABLES = [
    "terms",
    "fiscal_years",
    "goals",
    "directions",
    "departments",
    "initiatives",
    "evaluations",
    "import_log",
    "dataset_provenance",
    "dataset_meta",
]


def content_checksum(db) -> str:
    """A digest of every row of every table, in a fixed order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        digest = hashlib.sha256()
        for table in TABLES:
            # when an import ran differs from run to run; what it wrote does not
            sql = {
                "import_log": "select * exclude (imported_at) from import_log order by all",
                "dataset_meta": "select * from dataset_meta where key not in ('as_of', 'last_import_at') order by all",
            }.get(table, f"select * from {table} order by all")  # table names: our own list
            for row in con.execute(sql).fetchall():
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def write_large_sheets(folder, n: int) -> list:
    listing, sheet = folder / "big_list.csv", folder / "big_eval.csv"
    with listing.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["期", "事業コード", "取組名", "取組の方向性", "所管局", "新規・拡充"])
        for i in range(n):
            w.writerow(
                [
                    3,
                    f"6{i:07d}",
                    f"大規模テスト事業{i}",
                    ["1-1", "2-2", "3-1", "3-2"][i % 4],
                    "総務企画局",
                    "新規",
                ]
            )
    with sheet.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["事業コード", "年度", "達成度", "コロナ影響", "取組実績"])
        for i in range(n):
            for fy in (2022, 2023, 2024, 2025):
                w.writerow([f"6{i:07d}", fy, 1 + (i + fy) % 5, "なし", "実績" * 10])
    return [listing, sheet]


def run_import(files, db, *, kill_after: float | None = None) -> int | None:
    command = [
        sys.executable,
        "-m",
        "analytics.ingest",
        "import",
        *map(str, files),
        "--db",
        str(db),
    ]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is None:
        proc.wait(timeout=300)
        return proc.returncode
    time.sleep(kill_after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return None
    return proc.returncode


@pytest.fixture(scope="module")
def large(fixture_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    files = write_large_sheets(folder, 2000)
    old = folder / "old.duckdb"
    shutil.copyfile(fixture_db_file, old)
    new = folder / "new.duckdb"
    shutil.copyfile(fixture_db_file, new)
    started = time.monotonic()
    assert run_import(files, new) == 0
    return {"files": files, "old": old, "new": new, "seconds": time.monotonic() - started}


def test_sigkill_at_random_moments_leaves_old_or_new_content(large, tmp_path):
    db = tmp_path / "kawasaki.duckdb"
    old_sum, new_sum = content_checksum(large["old"]), content_checksum(large["new"])
    assert old_sum != new_sum
    rng = random.Random(20261129)
    landed = {"old": 0, "new": 0}
    killed = strays_seen = 0
    for _ in range(IMPORTS):
        shutil.copyfile(large["old"], db)
        code = run_import(large["files"], db, kill_after=rng.uniform(0.05, large["seconds"] * 1.1))
        killed += code is None
        strays_seen += len(list(tmp_path.glob(".kawasaki.duckdb.*")))
        now = content_checksum(db)  # opens: raises if the file were broken
        assert now in (old_sum, new_sum)
        landed["old" if now == old_sum else "new"] += 1
        assert not (tmp_path / "kawasaki.duckdb.wal").exists()
    # whatever was left behind, the next import works and cleans up after the dead ones
    shutil.copyfile(large["old"], db)
    assert run_import(large["files"], db) == 0
    assert content_checksum(db) == new_sum
    assert not list(tmp_path.glob(".kawasaki.duckdb.*"))
    reliability.record(
        "crash safety (SIGKILL)",
        f"import of a 2 000-initiative list + 8 000-row sheet ({large['seconds']:.1f} s) killed at a random moment",
        IMPORTS,
        f"killed mid-import: {killed}; served file opened every time and held the old content {landed['old']}× and the new {landed['new']}×, never a mix; temp files left by killed runs: {strays_seen}, all removed by the next import, which succeeded",
    )


def _has_marker(db) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(
            con.execute(
                "select count(*) from information_schema.tables where table_name = 'marker'"
            ).fetchone()[0]
        )
    finally:
        con.close()


def test_an_import_after_one_killed_between_its_renames_leaves_nothing_behind(reference_db):
    """Killed after the backup's rename and before the copy's, an import leaves the served file
    and .bak as one file (two names of one inode). rename() between two names of one file does
    nothing, so the next import's backup step must remove its own link itself."""
    from analytics.ingest import store

    bak = reference_db.with_name(reference_db.name + ".bak")
    os.link(reference_db, bak)

    store.write_new_version(
        reference_db, lambda con: con.execute("create table marker (x int)"), start_empty=False
    )
    assert not list(reference_db.parent.glob(f".{reference_db.name}.*"))
    assert _has_marker(reference_db) and not _has_marker(bak)
    assert not os.path.samefile(reference_db, bak)


def test_stale_temporaries_of_dead_imports_go_and_a_running_ones_stay(tmp_path):
    from analytics.ingest import store

    db = tmp_path / "kawasaki.duckdb"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    running = os.getppid()  # pytest's parent: alive for the whole test
    names = {
        f".kawasaki.duckdb.{dead.pid}.tmp": False,
        f".kawasaki.duckdb.{dead.pid}.tmp.wal": False,
        f".kawasaki.duckdb.{dead.pid}.bak.tmp": False,
        f".kawasaki.duckdb.{running}.tmp": True,
        f".kawasaki.duckdb.{running}.bak.tmp": True,
        ".other.duckdb.1.tmp": True,  # another database's: not ours to touch
        f".kawasaki.duckdb.staging.{dead.pid}.tmp": True,  # kawasaki.duckdb.staging's
        ".kawasaki.duckdb.staging.tmp": True,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    store.remove_stale_temporaries(db)
    assert {name: (tmp_path / name).exists() for name in names} == names
