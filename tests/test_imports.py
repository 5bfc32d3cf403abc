"""The package's import graph: no cycle, and no import of a hoering module inside a function.

An import inside a function is how a cycle hides; a module that needs
another at call time needs it at import time too, so the graph stays honest.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "hoering"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """Every hoering module `name` imports: (module, line, whether inside a function)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, inner) for a in child.names if a.name.split(".")[0] == "hoering")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{base}.{child.module}" if child.module else base
                else:
                    base = child.module or ""
                if base.split(".")[0] != "hoering":
                    continue
                targets = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in MODULES]
                found.extend((t, child.lineno, inner) for t in targets or [base])
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_graph_sees_the_imports() -> None:
    assert "hoering.result" in {m for m, _, _ in GRAPH["hoering.pipeline"]}
    assert all(m in MODULES for edges in GRAPH.values() for m, _, _ in edges)


def test_no_module_imports_a_hoering_module_inside_a_function() -> None:
    inside = [f"{MODULES[name].name}:{line} imports {m}" for name, edges in GRAPH.items() for m, line, f in edges if f]
    assert inside == []


def test_no_import_cycle() -> None:
    # The package itself imports its public modules; a module that imported it back would close a loop.
    edges = {name: {m for m, _, _ in found if m != name} for name, found in GRAPH.items()}
    done: set[str] = set()
    path: list[str] = []

    def walk(name: str) -> list[str]:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return []
        path.append(name)
        for target in sorted(edges[name]):
            cycle = walk(target)
            if cycle:
                return cycle
        path.pop()
        done.add(name)
        return []

    for name in sorted(edges):
        cycle = walk(name)
        assert not cycle, " -> ".join(cycle)
