"""The JSON Schemas in schemas/ are generated from ipregions/schema.py and fit the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from datatree import FILES

from ipregions.inputs.files import FILE_KINDS
from ipregions.inputs.schemas import json_schemas, schema_bytes, write_schemas

ROOT = Path(__file__).resolve().parent.parent
KIND_OF = {
    "provinces.yaml": "provinces",
    "metrics.yaml": "metrics",
    "country.yaml": "country",
    "corrections.yaml": "corrections",
}


def kind_of(relative: str) -> str:
    """Return the file kind of a path under data/."""
    return (
        KIND_OF.get(relative)
        or {"regions": "region", "sources": "source", "statistics": "statistic"}[
            relative.split("/")[0]
        ]
    )


def as_json(value: Any) -> Any:
    """Return YAML data as a YAML 1.2 editor sees it: dates are text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(kind: str) -> jsonschema.Draft202012Validator:
    """Return a validator for one kind of data file."""
    return jsonschema.Draft202012Validator(json_schemas()[FILE_KINDS[kind].schema_file])


def test_committed_schemas_are_the_generated_ones() -> None:
    committed = {path.name: path.read_bytes() for path in (ROOT / "schemas").glob("*.json")}
    generated = {name: schema_bytes(schema) for name, schema in json_schemas().items()}
    assert committed == generated, "run `python build.py schemas` and commit schemas/"


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert sorted(path.name for path in written) == sorted(json_schemas())
    assert all(path.read_bytes() == schema_bytes(json_schemas()[path.name]) for path in written)


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    schema = json_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_is_described_for_autocompletion() -> None:
    def walk(schema: Any) -> None:
        if isinstance(schema, dict):
            for name, field in schema.get("properties", {}).items():
                assert field.get("description"), name
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    walk(json_schemas())


@pytest.mark.parametrize("relative", sorted(FILES))
def test_the_test_tree_fits_the_schemas(relative: str) -> None:
    data = as_json(yaml.safe_load(FILES[relative]))
    assert list(validator(kind_of(relative)).iter_errors(data)) == []


def project_data_files() -> list[str]:
    """Return the data files of the project, relative to data/."""
    data_dir = ROOT / "data"
    return sorted(p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*.yaml"))


@pytest.mark.parametrize("relative", project_data_files())
def test_project_data_fits_the_schemas_and_names_them(relative: str) -> None:
    text = (ROOT / "data" / relative).read_text(encoding="utf-8")
    kind = kind_of(relative)
    expected = "../" * relative.count("/") + "../schemas/" + FILE_KINDS[kind].schema_file
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={expected}"
    errors = [error.message for error in validator(kind).iter_errors(as_json(yaml.safe_load(text)))]
    assert errors == []


def test_schemas_catch_what_editors_get_wrong_as_they_type() -> None:
    source = as_json(yaml.safe_load(FILES["sources/alpha.yaml"]))
    source["facts"][0]["qualifer"] = "exact"
    source["facts"][1]["value"] = "32,900"
    source["facts"][2]["qualifier"] = "roughly"
    source["original"]["url"] = "javascript:alert(1)"
    source["facts"][3]["as_of"] = {"date": 2024, "inferred": "year"}
    messages = sorted(error.message for error in validator("source").iter_errors(source))
    assert len(messages) == 5, messages
