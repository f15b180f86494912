"""Read a YAML data file safely into nodes that remember their line and column.

Room: inputs. Imports: errors, inputs.hints, inputs.paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ipregions.errors import EditorError
from ipregions.inputs.hints import YAML_TAG
from ipregions.inputs.paths import links_outside, outside_error

try:  # libyaml's composer is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_048_576
MAX_DEPTH = 100  # data files nest a handful deep; libyaml's composer crashes near 100,000
BRACKETS = re.compile(r"[\[\]{}]")
BLOCK_INDENT = re.compile(r"^[ \t?:-]*", re.M)
BOM = "\ufeff"  # some editors start UTF-8 files with it; it is not part of the text
# Tags the safe resolver gives plain scalars, lists and mappings; any other tag was written by hand.
PLAIN_TAGS = frozenset(
    YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "value")
) | {YAML_TAG + "seq", YAML_TAG + "map"}
# libyaml's words for the usual mistakes, and what to do about them
SYNTAX_HINTS = {
    "mapping values are not allowed here": "text containing ': ' must be put in quotes",
    "mapping values are not allowed in this context": "text containing ': ' must be put in quotes",
    "found a tab character that violates indentation": "indent with spaces, not tabs",
    "found character that cannot start any token": "indent with spaces, not tabs; quote text "
    "that starts with @ or `",
    "but found another document": "a data file holds one document: remove the second '---'",
}


@dataclass
class LoadedFile:
    """A data file read into YAML nodes, with the mistakes found while reading it."""

    path: str  # as the editor sees it: data/sources/x.yaml
    text: str
    root: yaml.Node | None
    errors: list[EditorError] = field(default_factory=list)


def node_error(
    path: str, node: yaml.Node, message: str, hint: str | None = None, severity: str = "error"
) -> EditorError:
    """Return an error located at the start of a node."""
    mark = node.start_mark
    return EditorError(path, mark.line + 1, mark.column + 1, message, hint, severity)  # type: ignore[arg-type]


def mark_error(path: str, mark: Any, message: str, hint: str | None = None) -> EditorError:
    """Return an error located at a YAML mark (the start of the file when there is none)."""
    if mark is None:
        return EditorError(path, 1, 1, message, hint)
    return EditorError(path, mark.line + 1, mark.column + 1, message, hint)


def short_tag(tag: str) -> str:
    """Return a tag as the editor wrote it: !!python/object rather than the full URI."""
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def decode(path: str, data: bytes) -> tuple[str | None, EditorError | None]:
    """Return the file's text, or an error at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8").removeprefix(BOM), None
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = f"file is not UTF-8 text (byte 0x{data[error.start]:02x})"
        return None, EditorError(path, line, column, message, "save the file as UTF-8")


def find_anchors(path: str, text: str) -> list[EditorError]:
    """Return an error at the first anchor or alias: they let a small file expand enormously."""
    for event in yaml.parse(text, Loader=SafeLoader):
        anchor = getattr(event, "anchor", None)
        if anchor:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            message = f"YAML {kind} '{anchor}' is not allowed"
            hint = "write the value out in full: anchors & and aliases * are refused"
            return [mark_error(path, event.start_mark, message, hint)]
    return []


def nesting_bound(text: str) -> int:
    """Return an upper bound on how deep lists and mappings nest, without parsing.

    Flow collections nest by brackets. Block collections nest by indentation, or by '- ' and
    '? ' at the start of a line: each column gained opens at most two levels (a list may sit at
    its mapping's indentation).
    """
    depth = deepest = 0
    for bracket in BRACKETS.findall(text):  # brackets in quotes count too
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    leading = max((len(match) for match in BLOCK_INDENT.findall(text)), default=0)
    return deepest + 2 * (leading + 1)


def too_deep(path: str, text: str) -> list[EditorError]:
    """Return an error where lists and mappings nest absurdly deep: composing would overflow."""
    if nesting_bound(text) <= MAX_DEPTH:
        return []
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):  # libyaml parses without recursion
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"lists and mappings nest more than {MAX_DEPTH} deep"
                hint = "check the brackets and the indentation"
                return [mark_error(path, event.start_mark, message, hint)]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return []


def check_nodes(path: str, root: yaml.Node) -> list[EditorError]:
    """Return the duplicate keys, hand-written tags and non-text keys anywhere under root."""
    errors: list[EditorError] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in PLAIN_TAGS:
            if node.tag == YAML_TAG + "merge":
                message, hint = "YAML merge keys (<<) are not allowed", "write the fields out"
            else:
                message = f"YAML tag '{short_tag(node.tag)}' is not allowed"
                hint = "remove it: data files hold only text, numbers, dates, lists and mappings"
            errors.append(node_error(path, node, message, hint))
            continue
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    errors.append(node_error(path, key, "a key must be a plain name"))
                    continue
                first = seen.get(key.value)
                if first is not None:
                    message = f"duplicate key '{key.value}'"
                    hint = (
                        f"first at line {first.start_mark.line + 1}; YAML would keep only the last"
                    )
                    errors.append(node_error(path, key, message, hint))
                seen.setdefault(key.value, key)
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return errors


def syntax_error(path: str, error: yaml.MarkedYAMLError) -> EditorError:
    """Return a YAML syntax error as an editor error at the place the parser stopped."""
    problem = error.problem or error.context or "cannot read this YAML"
    hint = SYNTAX_HINTS.get(problem)
    if hint is None and error.context and error.context_mark is not None:
        hint = f"{error.context} at line {error.context_mark.line + 1}"
    return mark_error(
        path, error.problem_mark or error.context_mark, f"invalid YAML: {problem}", hint
    )


def load_yaml(file: Path, path: str) -> LoadedFile:
    """Read one data file into nodes, refusing what a safe loader must refuse."""
    if links_outside(file, path):
        return LoadedFile(path, "", None, [outside_error(path)])
    try:
        data = file.read_bytes()
    except OSError as error:
        return LoadedFile(
            path, "", None, [EditorError(path, 1, 1, f"cannot read file: {error.strerror}")]
        )
    if len(data) > MAX_FILE_BYTES:
        message = f"file is too large ({len(data):,} bytes; the limit is {MAX_FILE_BYTES:,})"
        return LoadedFile(
            path, "", None, [EditorError(path, 1, 1, message, "split it into several files")]
        )
    text, problem = decode(path, data)
    if text is None:
        assert problem is not None
        return LoadedFile(path, "", None, [problem])
    return compose_text(path, text)


def compose_text(path: str, text: str) -> LoadedFile:
    """Compose YAML text into nodes, refusing what a safe loader must refuse."""
    try:
        # Cheap test first: only files with & or * can hold an anchor or alias.
        if ("&" in text or "*" in text) and (anchors := find_anchors(path, text)):
            return LoadedFile(path, text, None, anchors)
        if deep := too_deep(path, text):
            return LoadedFile(path, text, None, deep)
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        return LoadedFile(path, text, None, [syntax_error(path, error)])
    except yaml.reader.ReaderError as error:  # a control character: it has a position, no mark
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        character = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"control character U+{character:04X} is not allowed"
        hint = "delete it: it often comes with text copied from a web page"
        return LoadedFile(path, text, None, [EditorError(path, line, column, message, hint)])
    except yaml.YAMLError as error:  # pragma: no cover - every YAML error above has a mark
        message = "invalid YAML: " + " ".join(str(error).split())
        return LoadedFile(path, text, None, [EditorError(path, 1, 1, message)])
    if root is None:
        return LoadedFile(path, text, None, [EditorError(path, 1, 1, "file is empty")])
    return LoadedFile(path, text, root, check_nodes(path, root))
