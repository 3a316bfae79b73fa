"""Write a new database file and swap it in atomically.

DuckDB lets one process write a file or many read it, never both. The dashboard holds the served
file open read-only, so the importer never writes that file: it works on a copy beside it,
checkpoints and closes the copy, then ``os.replace()``s it over the served name. Readers that
still hold the old file keep reading the old inode; the next open sees the new one. The previous
file stays as ``<name>.bak`` (a hard link, so the served name never disappears, not even for a
moment). A failure anywhere before the replace leaves the served file byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb


class StoreError(RuntimeError):
    """The database path cannot be used (one-line message for the command line)."""


@contextlib.contextmanager
def import_lock(db: Path) -> Iterator[None]:
    """One writer at a time: two imports racing would each swap in a copy without the other's rows."""
    lock_path = db.with_name(db.name + ".lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"別の取り込みが実行中です (another import is running on {db})"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_target(db: Path, must_exist: bool) -> None:
    """Refuse paths that are not (or cannot become) a plain DuckDB file of ours."""
    if db.is_symlink():
        raise StoreError(
            f"データベースのパスがシンボリックリンクです (the database path is a symlink): {db}"
        )
    if db.exists() and not db.is_file():
        raise StoreError(
            f"データベースのパスがファイルではありません (the database path is not a file): {db}"
        )
    if must_exist and not db.exists():
        raise StoreError(
            f"データベースがありません (database not found): {db} — "
            f"build it with: python -m analytics.ingest build --db {db}"
        )
    if db.exists():
        with open(db, "rb") as f:
            head = f.read(16)
        if len(head) < 12 or head[8:12] != b"DUCK":
            raise StoreError(f"DuckDBのファイルではありません (not a DuckDB file): {db}")
    if not db.parent.is_dir():
        raise StoreError(f"フォルダがありません (folder does not exist): {db.parent}")


def remove_stale_temporaries(db: Path) -> None:
    """Temporary copies left by an import that was killed: never served, safe to delete. Only
    this database's own (``.<name>.<pid>.tmp``, ``….tmp.wal``, ``….bak.tmp``), and only those of
    a process that is gone: a neighbour such as ``<name>.staging`` keeps its files."""
    own = re.compile(re.escape(f".{db.name}.") + r"(\d+)\.(?:tmp|tmp\.wal|bak\.tmp)")
    for stray in db.parent.glob(f".{db.name}.*.tmp*"):
        match = own.fullmatch(stray.name)
        if not match:
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and _alive(pid):
            continue
        with contextlib.suppress(FileNotFoundError):
            stray.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_new_version(
    db: Path,
    change: Callable[[duckdb.DuckDBPyConnection], None],
    *,
    start_empty: bool,
    keep: bool = True,
) -> None:
    """Copy the served file (or start empty), apply ``change``, and swap the result in.

    With ``keep=False`` (a dry run) everything happens on the copy, which is then deleted: a dry
    run fails exactly where the real write would, and the served file is never touched."""
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    backup_tmp = db.with_name(f".{db.name}.{os.getpid()}.bak.tmp")
    remove_stale_temporaries(db)
    try:
        if not start_empty:
            shutil.copyfile(db, tmp)
        con = duckdb.connect(str(tmp))
        try:
            con.execute("begin transaction")
            change(con)
            con.execute("commit")
            con.execute("checkpoint")
        finally:
            con.close()
        if not keep:
            return
        _fsync(tmp)
        if db.exists():
            os.link(db, backup_tmp)
            # When the served file and .bak are already one file (an import killed between
            # these two renames), rename() does nothing and leaves backup_tmp: the finally
            # below removes it.
            os.replace(backup_tmp, db.with_name(db.name + ".bak"))
        os.replace(tmp, db)
        _fsync(db.parent)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal"), backup_tmp):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
