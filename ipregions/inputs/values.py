"""Declarative specs of YAML values: each reads a node, reports mistakes, and writes JSON Schema.

Room: inputs. Imports: errors, inputs.characters, inputs.hints.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import yaml
from yaml.constructor import SafeConstructor

from ipregions.errors import EditorError, Severity
from ipregions.inputs.characters import (
    MAX_ID,
    MAX_TEXT,
    long_number_problem,
    number_problem,
    text_problem,
)
from ipregions.inputs.hints import YAML_TAG, describe, did_you_mean, plain_number, shorten, slugify

INVALID: Any = object()  # what a reader returns for a value it has reported as wrong
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_numbers = SafeConstructor()


def is_null(node: yaml.Node) -> bool:
    """Return whether a node is YAML's empty value (nothing, ~ or null)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == YAML_TAG + "null"


class Reader:
    """Collect the mistakes in one file while its nodes are read against specs."""

    def __init__(self, path: str, today: dt.date, errors: list[EditorError]) -> None:
        self.path = path
        self.today = today
        self.errors = errors

    def error(
        self, node: yaml.Node, message: str, hint: str | None = None, severity: Severity = "error"
    ) -> Any:
        """Record a mistake at a node and return INVALID."""
        mark = node.start_mark
        self.errors.append(
            EditorError(self.path, mark.line + 1, mark.column + 1, message, hint, severity)
        )
        return INVALID

    def wrong_type(self, node: yaml.Node, name: str, label: str, hint: str | None = None) -> Any:
        """Record that a value has the wrong type and return INVALID."""
        return self.error(node, f"'{name}' must be {label}, not {describe(node)}", hint)


class Spec(ABC):
    """What one value in a data file may be."""

    label = "a value"

    @abstractmethod
    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the value a node holds, or report it and return INVALID."""

    @abstractmethod
    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return the JSON Schema for the value, adding shared definitions to defs."""


@dataclass(frozen=True)
class Text(Spec):
    """A line or paragraph of plain text (HTML in it is shown as text)."""

    label = "text"
    max_length: int = MAX_TEXT

    def read_text(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the stripped text of a scalar, or report a list, a mapping or unsafe text."""
        if not isinstance(node, yaml.ScalarNode):
            return reader.wrong_type(node, name, self.label)
        text = node.value.strip()
        if not text:
            return reader.error(node, f"'{name}' is empty")
        if problem := text_problem(name, text, self.max_length):
            return reader.error(node, *problem)
        return text

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the text."""
        return self.read_text(node, name, reader)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a non-empty string schema."""
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


@dataclass(frozen=True)
class Slug(Text):
    """An id: lower-case words joined by hyphens."""

    max_length: int = MAX_ID

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the id, or report one that is not a slug."""
        text = self.read_text(node, name, reader)
        if text is not INVALID and not SLUG.fullmatch(text):
            example = slugify(text)
            hint = f"for example '{example}'" if example else None
            return reader.error(
                node, f"{name} '{text}' is not lower-case words joined by hyphens", hint
            )
        return text

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a slug string schema."""
        return {"type": "string", "pattern": f"^{SLUG.pattern}$"}


@dataclass(frozen=True)
class Ref(Text):
    """The id of a province, region, metric or fact defined elsewhere."""

    max_length: int = MAX_ID

    target: str = ""

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a slug string schema."""
        return {"type": "string", "pattern": f"^{SLUG.pattern}$"}


@dataclass(frozen=True)
class Quote(Text):
    """A sentence copied from an article, whose numbers the quote check reads."""

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the quote, or report a number in it too long to compare."""
        text = self.read_text(node, name, reader)
        if text is INVALID:
            return text
        if problem := long_number_problem(name, text):
            return reader.error(node, *problem)
        return text


URL_SAFE_CHARACTERS = ":/?#[]@!$&'()*+,;=%~-._"


def encode_url(text: str) -> str:
    """Return the address with characters no URL may hold (quotes, <, >, …) percent-encoded."""
    return quote(text, safe=URL_SAFE_CHARACTERS)


@dataclass(frozen=True)
class Url(Text):
    """A web address: http or https only."""

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the address, or report one that is not http(s)."""
        text = self.read_text(node, name, reader)
        if text is INVALID:
            return text
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
            hint = "links must start with http:// or https://"
            return reader.error(node, f"{name} '{shorten(text)}' is not a web address", hint)
        return encode_url(text)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return an http(s) URI schema."""
        return {"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}


@dataclass(frozen=True)
class FileName(Text):
    """The name of a file in a folder given on the command line."""

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the name, or report a path."""
        text = self.read_text(node, name, reader)
        if text is not INVALID and ("/" in text or "\\" in text or text in (".", "..")):
            return reader.error(node, f"'{name}' must be a file name, not a path '{text}'")
        return text

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a file name schema."""
        return {"type": "string", "pattern": "^[^/\\\\]+$"}


@dataclass(frozen=True)
class Choice(Text):
    """One of a fixed list of words."""

    values: tuple[str, ...] = ()

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the word, or report one not in the list."""
        text = self.read_text(node, name, reader)
        if text is INVALID or text in self.values:
            return text
        message = f"{name} '{text}' is not one of: {', '.join(self.values)}"
        return reader.error(node, message, did_you_mean(text, self.values))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return an enum schema."""
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class Number(Spec):
    """A plain number, perhaps with a lower bound or required to be whole."""

    minimum: float | None = None
    whole: bool = False
    hint: str | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        """Return what the value must be, in words."""
        return "a whole number" if self.whole else "a number"

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the number, or report text, a fraction or a value below the minimum."""
        kind = node.tag.removeprefix(YAML_TAG) if isinstance(node, yaml.ScalarNode) else ""
        if kind not in ("int", "float"):
            return reader.wrong_type(node, name, self.label, self.hint)
        if problem := number_problem(name, node.value.strip()):
            return reader.error(node, *problem)
        try:
            value = getattr(_numbers, f"construct_yaml_{kind}")(node)
        except (ValueError, TypeError):
            return reader.wrong_type(node, name, self.label, self.hint)
        if not math.isfinite(value):
            return reader.error(node, f"'{name}' must be a finite number, not {node.value}")
        if self.whole and not float(value).is_integer():
            return reader.wrong_type(node, name, self.label)
        if self.minimum is not None and value < self.minimum:
            bound = "be negative" if self.minimum == 0 else f"be below {plain_number(self.minimum)}"
            return reader.error(node, f"'{name}' cannot {bound} ({plain_number(value)})")
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a number or integer schema."""
        result: dict[str, Any] = {"type": "integer" if self.whole else "number"}
        if self.minimum is not None:
            result["minimum"] = self.minimum
        return result


class Items(list):
    """The valid items of a list, and whether every item was valid."""

    complete = True


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of values of one kind."""

    item: Spec
    min_items: int = 0
    max_items: int | None = None
    label = "a list"

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the valid items; report the rest and a wrong length."""
        if not isinstance(node, yaml.SequenceNode):
            return reader.wrong_type(node, name, self.label)
        count = len(node.value)
        if self.max_items is not None and self.min_items == self.max_items != count:
            return reader.error(node, f"'{name}' must have {self.min_items} items, not {count}")
        if count < self.min_items:
            return reader.error(node, f"'{name}' needs at least {self.min_items} item")
        items = [self.item.read(child, name, reader) for child in node.value]
        valid = Items(item for item in items if item is not INVALID)
        valid.complete = len(valid) == len(items)
        return valid

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return an array schema."""
        result: dict[str, Any] = {"type": "array", "items": self.item.schema(defs)}
        if self.min_items:
            result["minItems"] = self.min_items
        if self.max_items is not None:
            result["maxItems"] = self.max_items
        return result


@dataclass(frozen=True)
class Field:
    """One named field of a mapping."""

    name: str
    spec: Spec
    description: str
    required: bool = False


@dataclass
class Record:
    """A mapping read against its fields: the valid values and the node of every field given."""

    node: yaml.MappingNode
    values: dict[str, Any]
    nodes: dict[str, yaml.Node]
    complete: bool  # every required field present and every given field valid

    def __getitem__(self, name: str) -> Any:
        """Return a field's value."""
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        """Return a field's value, or default when it is absent or invalid."""
        return self.values.get(name, default)


@dataclass(frozen=True)
class Obj(Spec):
    """A mapping with a fixed set of fields."""

    fields: tuple[Field, ...]
    description: str = ""
    together: tuple[tuple[str, str], ...] = ()  # pairs of fields given both or neither
    by_name: dict[str, Field] = field(init=False, compare=False, hash=False)
    label = "a mapping of fields"

    def __post_init__(self) -> None:
        """Index the fields by name."""
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return a Record; report unknown, missing and invalid fields."""
        if not isinstance(node, yaml.MappingNode):
            return reader.wrong_type(node, name, self.label)
        record = Record(node, {}, {}, complete=True)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                record.complete = False
                continue  # reported by the loader
            key = key_node.value
            if key in record.nodes:
                continue  # a duplicate key, reported by the loader: the first one counts
            entry = self.by_name.get(key)
            if entry is None:
                hint = did_you_mean(key, list(self.by_name))
                hint = hint or f"the fields here are: {', '.join(self.by_name)}"
                reader.error(key_node, f"unknown field '{key}'", hint)
                record.complete = False
                continue
            if is_null(value_node):  # an empty optional field counts as absent
                if entry.required:
                    record.nodes[key] = value_node
                    reader.error(key_node, f"'{key}' is empty")
                    record.complete = False
                continue
            record.nodes[key] = value_node
            value = entry.spec.read(value_node, key, reader)
            if value is INVALID:
                record.complete = False
            else:
                record.values[key] = value
                if not getattr(value, "complete", True):  # a nested mapping or list is broken
                    record.complete = False
        for entry in self.fields:
            if entry.required and entry.name not in record.nodes:
                reader.error(node, f"missing required field '{entry.name}'")
                record.complete = False
        return record

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return an object schema that refuses unknown fields."""
        properties = {}
        for entry in self.fields:
            properties[entry.name] = {**entry.spec.schema(defs), "description": entry.description}
        result: dict[str, Any] = {"type": "object"}
        if self.description:
            result["description"] = self.description
        result["properties"] = properties
        required = [entry.name for entry in self.fields if entry.required]
        if required:
            result["required"] = required
        if self.together:
            result["dependentRequired"] = {
                a: [b] for a, b in self.together + tuple((b, a) for a, b in self.together)
            }
        result["additionalProperties"] = False
        return result
