"""The package's house rules: rooms, imports that run one way, small modules, few levels."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ipregions"
MAX_LINES = 400
MAX_LEVELS = 10
# What each room may import besides itself. Rooms are the top-level modules and the stage
# packages; the pipeline wires the stages below it together, and `cli` alone may reach the preview.
BELOW_THE_PIPELINE = {
    *("model", "errors", "words", "derive", "baseline", "ranking"),
    *("inputs", "charts", "web", "publish"),
}
MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "errors": {"model"},
    "words": {"model"},
    "publish": set(),
    "baseline": {"model", "words"},  # the like-for-like baseline: a derive stage of its own
    "ranking": {"model", "words"},  # the rule for words that rank: a derive stage of its own
    "derive": {"model", "words", "baseline", "ranking"},
    "inputs": {"model", "errors"},
    "charts": {"model", "errors", "words", "derive", "baseline", "ranking"},
    "web": {"model", "errors", "words", "derive", "baseline", "ranking", "charts"},
    "pipeline": BELOW_THE_PIPELINE,
    "preview": BELOW_THE_PIPELINE | {"pipeline"},
    "cli": (BELOW_THE_PIPELINE - {"publish"}) | {"pipeline", "preview"},
}


def module_name(path: Path) -> str:
    """Return a file's dotted module name below the package: 'web.pages', 'model'."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__") or "__init__"


def room_of(module: str) -> str:
    """Return the room a module lives in: its package, or itself at the top level."""
    return module.split(".")[0]


@cache
def modules() -> dict[str, Path]:
    """Return every module of the package by name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Return the package modules a file imports anywhere in it, type-checking imports too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ipregions"):
            base = node.module.removeprefix("ipregions").lstrip(".")
            for alias in node.names:
                dotted = f"{base}.{alias.name}" if base else alias.name
                found.add(dotted if dotted in modules() else base)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ipregions."):
                    found.add(alias.name.removeprefix("ipregions."))
    return {name for name in found if name}


@cache
def graph() -> dict[str, set[str]]:
    """Return each module's imports of other modules of the package."""
    names = modules()
    return {
        name: {m for m in imported(path) if m in names} - {name} for name, path in names.items()
    }


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_module_imports_only_what_its_room_may(module: str) -> None:
    room = room_of(module)
    if module == "__init__":
        return
    allowed = MAY_IMPORT[room] | {room}
    wrong = sorted(m for m in graph()[module] if room_of(m) not in allowed)
    assert wrong == [], f"{module} ({room}) may not import {wrong}"


def test_every_module_lives_in_a_known_room() -> None:
    assert {room_of(m) for m in modules()} - {"__init__"} <= set(MAY_IMPORT)


def test_no_import_circle() -> None:
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in done:
            return
        assert module not in visiting, "import circle: " + " → ".join([*trail, module])
        visiting.add(module)
        for other in sorted(graph()[module]):
            visit(other, [*trail, module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph()):
        visit(module, [])


def test_imports_stack_in_few_levels() -> None:
    @cache
    def level(module: str) -> int:
        return 1 + max((level(other) for other in graph()[module]), default=0)

    deepest = max(graph(), key=level)
    assert level(deepest) <= MAX_LEVELS, f"{deepest} stands on {level(deepest)} levels"


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_module_is_small_enough_to_read_in_one_sitting(module: str) -> None:
    lines = modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


@pytest.mark.parametrize("module", sorted(m for m in modules() if m != "__init__"))
def test_a_module_says_its_room_and_what_it_may_import(module: str) -> None:
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree) or ""
    assert f"Room: {room_of(module)}." in docstring, module
    assert "Imports:" in docstring, module


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    # The test above must be able to fail: an inputs module reaching into web is caught.
    sample = tmp_path / "sample.py"
    sample.write_text("from ipregions.web.pages import build_pages\nimport ipregions.cli\n")
    assert imported(sample) == {"web.pages", "cli"}
    assert {room_of(m) for m in imported(sample)} - MAY_IMPORT["inputs"] == {"web", "cli"}
