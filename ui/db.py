"""The app's database access: read-only, a fresh cursor per script run, reopened when the file
is replaced.

The importer swaps in a new file with ``os.replace``. DuckDB keeps one database instance per
path inside a process, so a plain second ``duckdb.connect(path)`` would hand back the old,
replaced file while any cursor on it is alive. Instead each file version gets its own in-memory
instance with the file ATTACHed READ_ONLY (the path is a bound parameter): the app cannot write,
and a new version is seen on the next interaction. Old instances close when their last cursor
is dropped.
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.config import db_path

APP_MEMORY_LIMIT = "512MB"


class DatabaseMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class FileVersion:
    path: str
    inode: int
    mtime_ns: int
    size: int


def file_version(path: Path) -> FileVersion:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DatabaseMissing(str(path)) from None
    return FileVersion(str(path), st.st_ino, st.st_mtime_ns, st.st_size)


class Database:
    """One per process; hands out cursors on the current version of the file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._version: FileVersion | None = None
        self._con: duckdb.DuckDBPyConnection | None = None

    def cursor(self) -> tuple[duckdb.DuckDBPyConnection, FileVersion]:
        version = file_version(self.path)
        with self._lock:
            if version != self._version:
                self._con = _open_read_only(self.path)
                self._version = version
            cursor = self._con.cursor()
        cursor.execute("use kawasaki")
        return cursor, version


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    # DuckDB's buffer pool may take 80% of the machine by default; the app shares the machine.
    # What does not fit spills to the system's temp folder, never into the project folder.
    spill = Path(tempfile.gettempdir()) / "kawasaki-dashboard-duckdb"
    con = duckdb.connect(
        ":memory:", config={"memory_limit": APP_MEMORY_LIMIT, "temp_directory": str(spill)}
    )
    con.execute("attach $path as kawasaki (read_only)", {"path": str(path)})
    con.execute("use kawasaki")
    return con


_databases: dict[str, Database] = {}
_registry_lock = threading.Lock()


def database(path: Path | None = None) -> Database:
    path = Path(path or db_path())
    with _registry_lock:
        if str(path) not in _databases:
            _databases[str(path)] = Database(path)
        return _databases[str(path)]
