"""The house runs one way: no import cycle in auditor/ (imports inside functions counted too), and
no stage imports a stage above it (model → load → extract → check → render → orchestration → web)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "auditor"
# Each layer may import only the layers before it.
LAYERS = [
    ("auditor.version", "auditor.model", "auditor.library"),
    ("auditor.load",),
    ("auditor.extract",),
    ("auditor.check", "auditor.policy"),
    ("auditor.render",),
    ("auditor.api", "auditor.run", "auditor.resultcache", "auditor.internal", "auditor.outputs", "auditor.rulecases"),  # orchestration
    ("auditor.web",),  # `auditor serve`, at the command line's level
]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> set[str]:
    """Every auditor module `module` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {resolved for name in names if name.startswith("auditor") and (resolved := _resolve(name))}
    found.discard(module)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def _layer(module: str) -> int | None:
    for number, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return number
    return None


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) is not None))
def test_no_stage_imports_a_stage_above_it(module: str):
    own = _layer(module)
    above = sorted(t for t in GRAPH[module] if _layer(t) is None or _layer(t) > own)  # type: ignore[operator]
    assert not above, f"{module} imports {above}"
