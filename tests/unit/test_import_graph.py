"""Imports run one way (issue 14.4): no circle between coopdesk's modules, and no import of a missing name.

Every import counts — at the top of a file, inside a function, under ``if TYPE_CHECKING`` — because a
function-local import that closes a circle only hides it: the two modules still cannot be understood,
tested or moved apart. The graph is read from the source with ``ast``; nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "coopdesk"


@dataclass
class Module:
    name: str
    is_package: bool
    tree: ast.Module
    defined: set[str] = field(default_factory=set)
    open_ended: bool = False  # a star import or a module __getattr__: any name may exist


def module_name(path: Path, root: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def top_level_names(body: Iterable[ast.stmt]) -> tuple[set[str], bool]:
    """The names a module defines at import time (functions' insides do not count)."""
    names: set[str] = set()
    open_ended = False
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            if node.name == "__getattr__":
                open_ended = True
        elif isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    open_ended = True
                else:
                    names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
            blocks: list[list[ast.stmt]] = [node.body, getattr(node, "orelse", [])]
            if isinstance(node, ast.Try):
                blocks += [h.body for h in node.handlers] + [node.finalbody]
            for block in blocks:
                inner, inner_open = top_level_names(block)
                names |= inner
                open_ended |= inner_open
    return names, open_ended


def load_modules(root: Path, package: str = PACKAGE) -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for path in sorted((root / package).rglob("*.py")):
        name, is_package = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        defined, open_ended = top_level_names(tree.body)
        modules[name] = Module(name, is_package, tree, defined, open_ended)
    return modules


@dataclass(frozen=True)
class Import:
    source: str
    target: str  # the module imported
    name: str | None  # for "from target import name": the name, when it is not a submodule
    line: int


def absolute(module: Module, level: int, relative: str | None) -> str:
    base = module.name.split(".")
    if not module.is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([relative] if relative else []))


def imports_of(module: Module, modules: Mapping[str, Module], package: str = PACKAGE) -> list[Import]:
    """Every import of the package's own modules in one file, wherever it sits in the file."""
    found: list[Import] = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == package or alias.name.startswith(package + "."):
                    found.append(Import(module.name, alias.name, None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            target = absolute(module, node.level, node.module) if node.level else (node.module or "")
            if target != package and not target.startswith(package + "."):
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in modules:
                    found.append(Import(module.name, submodule, None, node.lineno))
                else:
                    found.append(Import(module.name, target, None if alias.name == "*" else alias.name, node.lineno))
    return found


def missing_imports(modules: Mapping[str, Module]) -> list[str]:
    problems = []
    for module in modules.values():
        for imp in imports_of(module, modules):
            target = modules.get(imp.target)
            where = f"{module.name}:{imp.line}"
            if target is None:
                problems.append(f"{where} imports {imp.target}, which does not exist")
            elif imp.name is not None and imp.name not in target.defined and not target.open_ended:
                problems.append(f"{where} imports {imp.name} from {imp.target}, which does not define it")
    return problems


def graph_of(modules: Mapping[str, Module]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for module in modules.values():
        for imp in imports_of(module, modules):
            if imp.target in modules and imp.target != module.name:
                graph[module.name].add(imp.target)
    return graph


def strongly_connected(graph: Mapping[str, Iterable[str]]) -> list[set[str]]:
    """Tarjan's algorithm (iterative): each group of modules that reach one another, if more than one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph.get(succ, ())))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return groups


def one_cycle(graph: Mapping[str, Iterable[str]], group: set[str]) -> list[str]:
    """A concrete circle inside a strongly connected group, to print: a → b → … → a."""
    start = min(group)
    parents: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for succ in sorted(graph[node]):
            if succ == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return [*reversed(path), start]
            if succ in group and succ not in parents:
                parents[succ] = node
                queue.append(succ)
    raise AssertionError(f"no circle in {group}")  # cannot happen for a strongly connected group


def describe(graph: Mapping[str, Iterable[str]], groups: Iterable[set[str]]) -> str:
    lines = []
    for group in groups:
        lines.append(f"{len(group)} modules in a circle: {', '.join(sorted(group))}")
        lines.append("  e.g. " + " → ".join(one_cycle(graph, group)))
    return "\n".join(lines)


# --- the checker checked, on tiny graphs -------------------------------------------------------------------


def test_checker_finds_a_planted_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    groups = strongly_connected(graph)
    assert groups == [{"a", "b", "c"}]
    assert one_cycle(graph, groups[0]) == ["a", "b", "c", "a"]


def test_checker_passes_a_graph_without_circle() -> None:
    assert strongly_connected({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_checker_reads_hidden_imports_and_missing_names(tmp_path: Path) -> None:
    pkg = tmp_path / "coopdesk"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from coopdesk.sub import b\nX = 1\n"
    )
    (pkg / "sub" / "b.py").write_text("def f():\n    from .a import X, Y\n    import coopdesk.nowhere\n")
    modules = load_modules(tmp_path)
    graph = graph_of(modules)
    assert graph["coopdesk.sub.a"] == {"coopdesk.sub.b"}
    assert graph["coopdesk.sub.b"] == {"coopdesk.sub.a"}
    assert strongly_connected(graph) == [{"coopdesk.sub.a", "coopdesk.sub.b"}]
    assert missing_imports(modules) == [
        "coopdesk.sub.b:2 imports Y from coopdesk.sub.a, which does not define it",
        "coopdesk.sub.b:3 imports coopdesk.nowhere, which does not exist",
    ]


# --- the real package ----------------------------------------------------------------------------------------


def test_the_package_is_read() -> None:
    modules = load_modules(ROOT)
    assert len(modules) > 100
    # access.py imports backups only inside a function: such an edge must be in the graph too.
    assert "coopdesk.storage.backup" in graph_of(modules)["coopdesk.access"]


def test_no_import_circles() -> None:
    modules = load_modules(ROOT)
    graph = graph_of(modules)
    circles = list(strongly_connected(graph))
    assert not circles, "import circles:\n" + describe(graph, circles)


def test_every_imported_coopdesk_name_exists() -> None:
    problems = missing_imports(load_modules(ROOT))
    assert not problems, "\n".join(problems)
