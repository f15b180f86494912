"""Replay a page's recorded reads in a new build to tell whether the page has changed.

Room: preview. Imports: preview.recording, preview.shared_reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jinja2
from jinja2.nodes import EvalContext

from ipregions.preview.recording import (
    ABSENT,
    BINARY_OPERATIONS,
    FOUND,
    START,
    UNARY_OPERATIONS,
    Node,
    Path,
    fingerprint,
)
from ipregions.preview.shared_reads import SharedNode


class ReplayContext(Mapping):
    """The little of a Jinja context that filters taking a context use: variables, environment."""

    def __init__(self, environment: jinja2.Environment, variables: Mapping[str, Any]) -> None:
        """Hold a page's variables and the environment."""
        self.environment = environment
        self.eval_ctx = EvalContext(environment)
        self.variables = variables

    def __getitem__(self, name: str) -> Any:
        """Return a variable, or an environment global."""
        if name in self.variables:
            return self.variables[name]
        return self.environment.globals[name]

    def __iter__(self) -> Iterator[str]:
        """Go through the variable names."""
        return iter(self.variables)

    def __len__(self) -> int:
        """Return how many variables there are."""
        return len(self.variables)


class Replay:
    """Follow a page's recorded reads in a new build to see whether they still find the same."""

    def __init__(
        self, environment: jinja2.Environment, variables: Mapping[str, Any], shared: dict
    ) -> None:
        """Replay against one page's new variables; shared holds what every page finds alike."""
        self.environment = environment
        self.variables = variables
        self.shared = shared  # (id(parent), step) → (parent, value), for one build
        self.found: dict[Path, Any] = {}  # paths that arguments name → their values now
        self.reads: Node = {}

    def holds(self, reads: Node) -> bool:
        """Return whether every read finds what it found when the page was rendered."""
        self.reads = reads
        try:
            return self.check(reads, START)
        except Exception:  # a read that fails now cannot be trusted: render the page again
            return False

    def check(self, node: Node, value: Any) -> bool:
        """Return whether the reads below a node, which found value, still hold."""
        if value is START or not isinstance(node, SharedNode) or not node.pure:
            return self.check_steps(node, value)  # the first steps read this page's variables
        key = ("check", node.serial, id(value))
        if key not in self.shared:  # the same for every page that reaches value: check once
            self.shared[key] = (value, self.check_steps(node, value))  # value kept: id unique
        return self.shared[key][1]

    def check_steps(self, node: Node, value: Any) -> bool:
        """Return whether each step below a node, which found value, still finds the same."""
        for step, child in node.items():
            if step is FOUND:
                if (ABSENT if value is ABSENT else fingerprint(value)) != child:
                    return False
            elif not self.check(child, self.next_value(value, step)):
                return False
        return True

    def next_value(self, parent: Any, step: tuple) -> Any:
        """Return what one step from parent finds now."""
        if parent is START:
            return self.start(step)
        if parent is ABSENT:
            return ABSENT
        return self.apply(parent, step)

    def resolve(self, path: Path) -> Any:
        """Return the value a recorded path leads to now."""
        if path not in self.found:
            value = START
            for step in path:
                value = self.next_value(value, step)
            self.found[path] = value
        return self.found[path]

    def start(self, step: tuple) -> Any:
        """Return the value a path starts from: a variable, or a filter, test or function."""
        kind = step[0]
        if kind == "keys":
            return tuple(sorted(self.variables))
        if kind == "var":
            return self.variables.get(step[1], ABSENT)
        marker = step[2]
        if marker and marker[0] == "context":
            function = self.function(kind, step[1])
            return functools.partial(function, ReplayContext(self.environment, self.variables))
        key = ("start", step)
        if key not in self.shared:
            function = self.function(kind, step[1])
            if not marker:
                self.shared[key] = function
            elif marker[0] == "eval_context":
                eval_context = EvalContext(self.environment)
                eval_context.autoescape = marker[1]
                self.shared[key] = functools.partial(function, eval_context)
            else:
                self.shared[key] = functools.partial(function, self.environment)
        return self.shared[key]

    def function(self, kind: str, name: str) -> Callable:
        """Return a filter, test or template function of the environment."""
        table = {
            "filter": self.environment.filters,
            "test": self.environment.tests,
            "global": self.environment.globals,
        }
        return table[kind][name]

    def decode(self, encoded: Any) -> Any:
        """Return the new value of a recorded argument."""
        kind, content = encoded[:2]
        if kind == "path":
            return self.resolve(content)
        if kind == "value":
            return encoded[2]
        if kind == "undefined":
            return self.environment.undefined()
        if kind == "slice":
            return slice(*(self.decode(part) for part in content))
        if kind in ("list", "tuple"):
            items = [self.decode(item) for item in content]
            return items if kind == "list" else tuple(items)
        return {self.decode(k): self.decode(v) for k, v in content}

    def apply(self, parent: Any, step: tuple) -> Any:
        """Return what one step finds from parent; calls are made once for every page alike."""
        if step[0] != "call" or not step[-1]:  # cheap, or its arguments differ between pages
            return self.step_from(parent, step)
        key = (id(parent), step)
        if key not in self.shared:
            self.shared[key] = (parent, self.step_from(parent, step))  # parent kept: id unique
        return self.shared[key][1]

    def step_from(self, parent: Any, step: tuple) -> Any:
        """Return what one step finds from parent."""
        kind = step[0]
        if kind == "attr":
            return getattr(parent, step[1], ABSENT)
        if kind == "item":
            try:
                return parent[self.decode(step[1])]
            except (LookupError, TypeError):
                return ABSENT
        if kind == "call":
            return parent(*self.decode(step[1]), **self.decode(step[2]))
        if kind == "len":
            return len(parent) if hasattr(parent, "__len__") else len(self.items_of(parent))
        if kind == "nth":
            items = parent if isinstance(parent, list | tuple) else self.items_of(parent)
            return items[step[1]] if step[1] < len(items) else ABSENT
        if kind in UNARY_OPERATIONS:
            return UNARY_OPERATIONS[kind](parent)
        return BINARY_OPERATIONS[kind](parent, self.decode(step[1]))

    def items_of(self, parent: Any) -> list:
        """Return the items of an iterable once, however many pages read them."""
        key = ("items", id(parent))
        if key not in self.shared:
            self.shared[key] = (parent, list(parent))  # parent kept: its id stays unique
        return self.shared[key][1]
