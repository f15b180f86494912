"""Read data/country.yaml: China as a whole, the place of figures about nationwide series.

Room: inputs. Imports: model, errors, inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ipregions.errors import EditorError
from ipregions.inputs.collected import Collected, location, where
from ipregions.inputs.files import FILE_KINDS, FileKind
from ipregions.inputs.values import Record
from ipregions.model import Nation

COUNTRY_FILE = "country.yaml"

ReadFile = Callable[[Path, FileKind], tuple[str, Record | None]]


def read_country(collected: Collected, read: ReadFile) -> None:
    """Read data/country.yaml when it exists; its id must be neither a province nor a region."""
    file = collected.data_dir / COUNTRY_FILE
    if not file.exists():
        return
    path, record = read(file, FILE_KINDS["country"])
    if record is None or "id" not in record.values:
        return
    name = record["id"]
    for kind in ("province", "region"):
        first = collected.seen[kind].get(name)
        if first is not None:
            message = f"the national place's id '{name}' is also a {kind} id"
            collected.problems.append(
                EditorError(path, 1, 1, message, f"the {kind} is at {where(first)}; choose another")
            )
            return
    collected.seen["nation"][name] = location(path, record.nodes["id"])
    if record.complete:
        collected.nations[name] = Nation(
            id=name,
            name=record["name"],
            name_zh=record["name_zh"],
            summary=record["summary"],
            location=location(path, record.node),
        )
