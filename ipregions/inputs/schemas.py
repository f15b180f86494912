"""Write the JSON Schemas that editors' YAML extensions read, from the file specs.

Room: inputs. Imports: inputs.files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ipregions.inputs.files import FILE_KINDS, JSON_SCHEMA_DIALECT, FileKind


def json_schema(kind: FileKind) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one kind of data file."""
    defs: dict[str, Any] = {}
    body = kind.spec.schema(defs)
    schema = {"$schema": JSON_SCHEMA_DIALECT, "$id": kind.schema_file, "title": kind.title, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return every JSON Schema by file name."""
    return {kind.schema_file: json_schema(kind) for kind in FILE_KINDS.values()}


def schema_bytes(schema: dict[str, Any]) -> bytes:
    """Return a schema as the bytes committed in schemas/."""
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def schema_files() -> dict[str, bytes]:
    """Return every JSON Schema as the bytes published under schemas/, by file name."""
    return {name: schema_bytes(schema) for name, schema in json_schemas().items()}


def write_schemas(directory: Path) -> list[Path]:
    """Write every JSON Schema into directory and return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        target = directory / name
        target.write_bytes(schema_bytes(schema))
        written.append(target)
    return written
