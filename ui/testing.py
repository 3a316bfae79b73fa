"""Run the dashboard for the tests and the benchmark: a real `streamlit run` server on a free local
port, and AppTest in the page mode a real server settles in. (The benchmark uses both, so they live
here, not in tests/.)"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from analytics.config import PROJECT_ROOT
from ui.first_paint import MARKER

# The app's run has ended and the whole page is drawn: Streamlit's running indicator is gone, no
# element is still waiting for its code (a skeleton in its place), and the first screen's note where
# the filters will be is gone (ui/first_paint.py: a session's first run draws the filters only once
# its charts are drawn, and then reruns by itself).
IDLE_JS = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
    f" && !document.querySelector('.st-key-{MARKER}')"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, log_path: Path, script: str = "dashboard.py") -> Iterator[dict]:
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db)}
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            proc.kill()
            raise RuntimeError(f"streamlit did not start within 60 s; see {log_path}")
        try:
            yield {"base": base, "db": db, "pid": proc.pid}
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def steady_page_mode() -> None:
    """Run AppTest the way a real server runs after its first request.

    Streamlit starts in its legacy "pages folder" mode when a pages/ folder exists and leaves it
    for good once dashboard.py calls st.navigation. AppTest puts it back before every run, which
    no server does. (The first request of a fresh server — a shared deep link — is tested in a
    real browser in tests/test_browser.py.)"""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.pages_manager import PagesManager

    class SteadyPagesManager(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = SteadyPagesManager
