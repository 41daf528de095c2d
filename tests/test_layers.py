"""The package's layers and import graph, read from the source with `ast`.

From the ground up: models and errors (with the version and the small helpers); pdf; parse;
audit, fix and render; the pipeline; batch and the public API; the CLI. A module may import its
own layer and the layers below it, never one above. Imports inside functions count too: a lazy
import can hide an upward dependency from a start-up test, not from this one. And no module
imports another that (directly or not) imports it back.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "cadthkit"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "models and errors",
        (
            "cadthkit.version",
            "cadthkit.errors",
            "cadthkit.models",
            "cadthkit.limits",
            "cadthkit.memory",
            "cadthkit.files",
        ),
    ),
    ("pdf", ("cadthkit.pdf",)),
    ("parse", ("cadthkit.parse",)),
    (
        "audit, fix, render",
        (
            "cadthkit.audit",
            "cadthkit.fix",
            "cadthkit.render",
            "cadthkit.schema",
            "cadthkit.export",
        ),
    ),
    ("pipeline", ("cadthkit.pipeline", "cadthkit.inputs")),
    ("batch and api", ("cadthkit.batch", "cadthkit.api")),
    ("cli", ("cadthkit.cli",)),
    # The package root re-exports the API (lazily), so it sits on top: importing a name from it
    # (`from cadthkit import __version__`) pulls the API, and every layer, into the importer.
    ("package root", ("cadthkit",)),
]

PDF_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2", "reportlab", "cryptography", "camelot")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """Index of the layer whose most specific prefix names `module`."""
    best, best_len = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int


def imports_of(module: str) -> list[Import]:
    """Every cadthkit module that `module` imports, anywhere in the file.

    `from X import a` names the submodule X.a when there is one, else the module X."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        else:
            continue
        found += [
            Import(module, t, node.lineno)
            for t in targets
            if t == "cadthkit" or t.startswith("cadthkit.")
        ]
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def test_every_module_has_a_layer() -> None:
    assert MODULES, f"no modules found under {PACKAGE}"
    unplaced = [m for m in MODULES if layer_of(m) < 0]
    assert not unplaced, f"place these modules in LAYERS: {unplaced}"


def test_every_import_names_a_module_that_exists() -> None:
    missing = [i for edges in GRAPH.values() for i in edges if i.target not in MODULES]
    assert not missing, missing


def test_no_layer_imports_a_layer_above_it() -> None:
    upward = [
        f"{MODULES[i.source].relative_to(SRC)}:{i.line}: {i.source} "
        f"({LAYERS[layer_of(i.source)][0]}) imports {i.target} ({LAYERS[layer_of(i.target)][0]})"
        for edges in GRAPH.values()
        for i in edges
        if layer_of(i.target) > layer_of(i.source)
    ]
    assert not upward, "\n".join(upward)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself
    (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_circles() -> None:
    graph = {m: {i.target for i in edges} for m, edges in GRAPH.items()}
    cycles = find_cycles(graph)
    assert not cycles, "modules that import each other: " + "; ".join(map(", ".join, cycles))


def test_the_cycle_finder_finds_cycles() -> None:
    """The check above could pass by finding nothing at all; it finds what there is."""
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"a"}}) == [["a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_layers_catch_an_upward_import() -> None:
    """The layering check above sees what it must see: the batch worker once imported the API
    and the renderer imported the package root."""
    assert layer_of("cadthkit.batch.worker") == layer_of("cadthkit.api")
    assert layer_of("cadthkit.render.document") < layer_of("cadthkit")
    assert layer_of("cadthkit.pdf.document") < layer_of("cadthkit.parse.build")
    assert layer_of("cadthkit.models.report") < layer_of("cadthkit.pdf")
    assert layer_of("cadthkit.pipeline") < layer_of("cadthkit.batch.worker")


def loaded_after(code: str) -> set[str]:
    """Top-level module names loaded by a fresh interpreter that runs `code`."""
    probe = (
        "import sys\n"
        f"{code}\n"
        "names = {m.split('.')[0] for m in sys.modules} | {m for m in sys.modules}\n"
        "print('LOADED', *sorted(names))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out[out.rindex("LOADED ") :].split()[1:])


@pytest.mark.parametrize("module", ["cadthkit.models", "cadthkit.errors", "cadthkit.cli"])
def test_light_modules_load_no_pdf_library(module: str) -> None:
    loaded = loaded_after(f"import {module}")
    assert module in loaded  # the probe saw the import
    assert not loaded & set(PDF_LIBRARIES), f"{module} loads {sorted(loaded & set(PDF_LIBRARIES))}"


def test_help_loads_neither_the_api_nor_the_models() -> None:
    code = (
        "from cadthkit.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='cadthkit')\n"
        "except SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
    )
    loaded = loaded_after(code)
    assert "cadthkit.cli" in loaded
    heavy = {"cadthkit.api", "cadthkit.pipeline", "cadthkit.models", "rich"}
    assert not loaded & (heavy | set(PDF_LIBRARIES)), sorted(loaded & (heavy | set(PDF_LIBRARIES)))


def test_the_package_root_still_offers_extract_and_check() -> None:
    import cadthkit
    from cadthkit import api

    assert cadthkit.extract is api.extract and cadthkit.check is api.check
    assert {"extract", "check", "__version__"} <= set(dir(cadthkit))
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        _ = cadthkit.nonesuch  # type: ignore[attr-defined]
