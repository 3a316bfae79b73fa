"""The layers point one way and no module imports itself back, lazy imports included.

The import graph is read from the source (every ``import`` statement, at any depth, so a lazy
import inside a function counts), not from what happens to be loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LAYERS = ("analytics", "ui", "pages", "bench")
# importer layer -> module prefixes it must never import
# (the read-only app - dashboard, ui, pages - never imports the write side, analytics.ingest)
FORBIDDEN = {
    "analytics": ("ui", "pages", "bench", "tests", "streamlit"),
    "ui": ("pages", "bench", "tests", "analytics.ingest"),
    "pages": ("bench", "tests", "analytics.ingest"),
    "dashboard": ("bench", "tests", "analytics.ingest"),
    "bench": ("tests", "pages"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    files = [ROOT / "dashboard.py"]
    for layer in LAYERS:
        files += sorted((ROOT / layer).rglob("*.py"))
    return {module_name(p): p for p in files}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """Every module ``path`` imports; for ``from a import b`` that is ``a.b`` when it is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return found


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imports_of(path, name, known) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue  # outside the project
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_lazy_import(tmp_path):
    # a.py imports b at the top; b.py imports a inside a function
    (tmp_path / "a.py").write_text("import b\n")
    (tmp_path / "b.py").write_text("def f():\n    import a\n")
    known = {"a", "b", "c"}
    edges = {
        "a": imports_of(tmp_path / "a.py", "a", known),
        "b": imports_of(tmp_path / "b.py", "b", known),
        "c": {"a"},
    }
    assert edges == {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert cycles(edges) == [["a", "b"]]


def test_the_graph_sees_lazy_and_from_imports():
    edges = graph()
    # ui/data.py: "from analytics import charts, queries" names the modules, not the package
    assert {"analytics.charts", "analytics.queries"} <= edges["ui.data"]
    # bench/run.py imports ui.db inside a function
    assert "ui.db" in edges["bench.run"]


def test_no_import_cycles():
    assert cycles(graph()) == []


def wrong_directions(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for name, targets in sorted(edges.items()):
        rules = FORBIDDEN.get(name.split(".")[0], ())
        for target in sorted(targets):
            if any(target == p or target.startswith(p + ".") for p in rules):
                wrong.append(f"{name} -> {target}")
    return wrong


def test_the_direction_check_names_each_wrong_import():
    edges = {
        "ui.run": {"analytics.ingest.build", "analytics.derived"},
        "analytics.charts": {"streamlit", "plotly.graph_objects"},
        "bench.run": {"tests.conftest", "ui.testing"},
        "pages.about": {"ui.data"},
    }
    assert wrong_directions(edges) == [
        "analytics.charts -> streamlit",
        "bench.run -> tests.conftest",
        "ui.run -> analytics.ingest.build",
    ]


def test_layers_point_one_way():
    assert wrong_directions(graph()) == []


def test_settle_memory_freezes_once_per_process():
    """The objects alive after the first run leave the garbage collector's way; later runs'
    objects stay collectable (a second call must not freeze them too)."""
    script = (
        "import gc\n"
        "from ui.run import settle_memory\n"
        "settle_memory()\n"
        "first = gc.get_freeze_count()\n"
        "later = [[i] for i in range(20000)]\n"  # lists: tracked by the collector
        "settle_memory()\n"
        "print(first, gc.get_freeze_count())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    first, second = int(out[0]), int(out[1])
    assert first > 10_000  # the imported libraries
    assert second == first
