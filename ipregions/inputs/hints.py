"""Words for editors: the closest known name, short renderings of values and nodes.

Room: inputs. Imports: nothing of the package.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Sequence

import yaml

YAML_TAG = "tag:yaml.org,2002:"  # the prefix of the tags PyYAML gives plain values


def did_you_mean(word: str, choices: Sequence[str]) -> str | None:
    """Return a 'did you mean' hint for the closest choice, if one is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close and word.lower() != word:
        close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def pairs(text: str) -> frozenset[str]:
    """Return the pairs of adjacent characters in text."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


class Suggester:
    """Suggest the closest of many ids quickly: shared letter pairs first, difflib on the best."""

    SHORTLIST = 20

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = list(choices)
        self.pairs = [pairs(choice) for choice in self.choices]
        self.hints: dict[str, str | None] = {}

    def hint(self, word: str) -> str | None:
        """Return a 'did you mean' hint for word, or None when nothing is close."""
        if word not in self.hints:
            shortlist = self.choices
            if len(self.choices) > self.SHORTLIST:
                wanted = pairs(word)
                sizes = len(wanted) or 1

                def shared(i: int) -> float:
                    return len(wanted & self.pairs[i]) / (sizes + len(self.pairs[i]))

                best = heapq.nlargest(self.SHORTLIST, range(len(self.choices)), key=shared)
                shortlist = [self.choices[i] for i in best]
            self.hints[word] = did_you_mean(word, shortlist)
        return self.hints[word]


def slugify(text: str) -> str:
    """Return text as lower-case words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def plain_number(value: float) -> str:
    """Return a number as an editor would write it: 5, -120, 10.2."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def shorten(text: str, limit: int = 40) -> str:
    """Return text cut to a readable length."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(node: yaml.Node) -> str:
    """Return what a node holds, in words, for 'must be X, not Y' messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = node.tag.removeprefix(YAML_TAG)
    if kind == "null":
        return "nothing"
    if kind == "bool":
        return f"true/false '{node.value}'"
    if kind in ("int", "float"):
        return f"the number {node.value}"
    if kind == "timestamp":
        return f"the date {node.value}"
    return f"text '{shorten(node.value)}'"
