"""Keep one copy of each subtree of recorded reads, however many pages recorded it.

Most of what a page reads it shares with other pages: the navigation, the site's settings, a
metric that many facts point to. A page's read tree is folded into a table of shared nodes, so
thousands of pages keep one copy of what they read alike, and a replay can check a shared node
once per build for each value it starts from (see Replay.check).

Room: preview. Imports: preview.recording.
"""

from __future__ import annotations

import itertools
import weakref
from typing import Any

from ipregions.preview.recording import FOUND, Node


class SharedNode(dict):
    """A node of reads that pages share; never changed once made."""

    __slots__ = ("serial", "pure", "__weakref__")

    serial: int  # unique for the life of the table, unlike id()
    pure: bool  # no step below names another path, so the node reads the same for every page


def is_pure(step: tuple) -> bool:
    """Return whether a step's arguments name no other path (see Recorder.step_with)."""
    return step[-1] is not False


class SharedReads:
    """A table of shared nodes, each kept while some page's reads still use it."""

    def __init__(self) -> None:
        """Start with no nodes."""
        self.nodes: weakref.WeakValueDictionary[tuple, SharedNode] = weakref.WeakValueDictionary()
        self.serials = itertools.count()
        self.items: dict[Any, Any] = {}  # steps and findings, one copy each, for one build

    def share(self, node: Node) -> Node:
        """Return the shared copy of a node, made of shared copies of the nodes below it."""
        children: dict[Any, Any] = {}
        below: list[Any] = []  # what each step found, or the serial of its shared node
        pure = True
        try:
            for step, child in node.items():
                if step is FOUND:
                    children[FOUND] = self.alike(child)
                    below.append(children[FOUND])
                    continue
                shared = children[self.alike(step)] = self.share(child)
                if not isinstance(shared, SharedNode):
                    return node  # a node below could not be shared: nor can this one
                pure = pure and is_pure(step) and shared.pure
                below.append(shared.serial)
            key = (tuple(children), tuple(below))
            existing = self.nodes.get(key)
        except TypeError:  # something read cannot be hashed: keep this page's own copy
            return node
        if existing is not None:
            return existing
        made = SharedNode(children)
        made.serial = next(self.serials)
        made.pure = pure
        self.nodes[key] = made
        return made

    def alike(self, item: Any) -> Any:
        """Return the one copy of a step or of what a step found that equals item."""
        return self.items.setdefault(item, item)

    def new_build(self) -> None:
        """Forget the copies of steps and findings: what a build keeps is in its nodes."""
        self.items = {}
