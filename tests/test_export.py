"""The open data files: one row per fact, the same bytes on every run, every column documented."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from datatree import edit, load, write_tree

from ipregions.inputs.schemas import json_schemas, schema_files
from ipregions.model.site import SiteConfig
from ipregions.web.open_data import COLUMN_DOCS, open_data_files

CONFIG = SiteConfig(
    title="Test site",
    description="For the tests.",
    base_url="https://example.net/sub/",
    publisher="The tests",
    licence_name="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
)
UPDATED = dt.date(2026, 11, 21)


def rows(data: bytes) -> list[dict[str, str]]:
    """Return the rows of a CSV file."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_files_are_listed_and_byte_identical_across_runs(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    first = open_data_files(load(data_dir).model, schema_files(), CONFIG, UPDATED)
    second = open_data_files(load(data_dir).model, schema_files(), CONFIG, UPDATED)
    assert first == second
    assert sorted(first) == [
        "datapackage.json",
        "facts.csv",
        "facts.json",
        "metrics.csv",
        "milestones.csv",
        "region-aggregates.csv",
        "regions.csv",
        "schemas/corrections.schema.json",
        "schemas/country.schema.json",
        "schemas/metrics.schema.json",
        "schemas/provinces.schema.json",
        "schemas/region.schema.json",
        "schemas/source.schema.json",
        "schemas/statistic.schema.json",
        "sources.csv",
        "statistics.csv",
    ]
    for name, schema in json_schemas().items():
        assert json.loads(first[f"schemas/{name}"]) == schema


def test_facts_csv_has_one_row_per_fact(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    facts = rows(files["facts.csv"])
    assert [row["id"] for row in facts] == [
        "hebei-support-centres-2024",
        "liaoning-losses-recovered-2024",
        "north-patent-pretrial-cases-2024",
        "north-valid-invention-patents-2024-06",
        "northeast-gi-share-2024",
    ]
    cases = facts[2]
    assert cases == {
        "id": "north-patent-pretrial-cases-2024",
        "place_id": "north",
        "place_name": "North China",
        "metric_id": "patent-pretrial-cases",
        "metric_label": "Patent pre-trial cases",
        "metric_kind": "flow",
        "value": "32900",
        "qualifier": "exact",
        "unit": "case",
        "as_of": "",
        "period_start": "2024-01",
        "period_end": "2024-06",
        "precision": "month",
        "inferred": "year",
        "inferred_why": "The article gives months only.",
        "growth_percent": "",
        "growth_basis": "",
        "equivalent_value": "",
        "equivalent_unit": "",
        "source_ids": "alpha;beta",
        "quote": (
            "From January to June, the centers accepted 32,900 pretrial cases involving patents"
        ),
        "quotes": (
            "alpha: From January to June, the centers accepted 32,900 pretrial cases involving "
            "patents\nbeta: The centers have accepted 32,900 patent pre-trial cases"
        ),
        "caveat": "",
        "note": "",
        "permalink": "https://example.net/sub/facts/north-patent-pretrial-cases-2024/",
    }
    patents = facts[3]
    assert (patents["as_of"], patents["growth_percent"], patents["growth_basis"]) == (
        "2024-06",
        "19",
        "from the previous year",
    )
    losses = facts[1]
    assert (losses["qualifier"], losses["equivalent_value"], losses["equivalent_unit"]) == (
        "more than",
        "152842",
        "USD",
    )
    # Prose stays as written: the site and the files escape nothing away.
    assert losses["note"] == "A <script>alert(1)</script> note stays text."


def test_facts_json_matches_the_csv(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    facts = json.loads(files["facts.json"])
    by_csv = rows(files["facts.csv"])
    assert [fact["id"] for fact in facts] == [row["id"] for row in by_csv]
    cases = facts[2]
    assert cases["value"] == 32900
    assert cases["source_ids"] == ["alpha", "beta"]
    assert cases["as_of"] is None
    assert facts[4]["value"] == 10
    assert list(cases) == [column for column, _ in COLUMN_DOCS["facts.json"]]


def test_regions_metrics_and_sources(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    regions = rows(files["regions.csv"])
    assert [(r["region_id"], r["province_id"], r["part"]) for r in regions] == [
        ("north", "beijing", ""),
        ("north", "hebei", ""),
        ("northeast", "liaoning", ""),
        ("northeast", "hebei", "northern part"),
    ]
    metrics = rows(files["metrics.csv"])
    assert [m["id"] for m in metrics] == [
        "gi-share",
        "losses-recovered",
        "patent-pretrial-cases",
        "valid-invention-patents",
    ]
    assert metrics[1]["caveat"] == "Counts only disputes the centres guided."
    sources = rows(files["sources.csv"])
    assert [(s["id"], s["published"], s["published_inferred"], s["added"]) for s in sources] == [
        ("alpha", "2024-07", "year", "2026-11-20"),
        ("beta", "", "", "2026-11-21"),
    ]
    assert sources[1]["fact_ids"] == "hebei-support-centres-2024;north-patent-pretrial-cases-2024"


def test_every_column_is_documented(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    names = ("facts.csv", "regions.csv", "metrics.csv", "sources.csv", "statistics.csv")
    for name in (*names, "milestones.csv", "region-aggregates.csv"):
        header = files[name].decode("utf-8").splitlines()[0].split(",")
        assert header == [column for column, _ in COLUMN_DOCS[name]]
        assert all(description.strip() for _, description in COLUMN_DOCS[name])


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", "title: Centers work together", "title: '=1+1'")
    edit(
        data_dir,
        "sources/alpha.yaml",
        "note: A <script>alert(1)</script> note stays text.",
        "note: '@SUM(A1:A9)'",
    )
    edit(data_dir, "sources/beta.yaml", "summary: Our words.", "summary: '-2+3'")
    edit(data_dir, "regions/north.yaml", "name: North China", "name: '+North'")
    files = open_data_files(load(data_dir).model, schema_files(), CONFIG, UPDATED)
    sources = {row["id"]: row for row in rows(files["sources.csv"])}
    assert sources["alpha"]["title"] == "'=1+1"
    assert sources["beta"]["summary"] == "'-2+3"
    facts = {row["id"]: row for row in rows(files["facts.csv"])}
    assert facts["liaoning-losses-recovered-2024"]["note"] == "'@SUM(A1:A9)"
    assert facts["north-valid-invention-patents-2024-06"]["place_name"] == "'+North"
    assert facts["north-valid-invention-patents-2024-06"]["value"] == "618000"
    notes = {fact["id"]: fact["note"] for fact in json.loads(files["facts.json"])}
    assert notes["liaoning-losses-recovered-2024"] == "@SUM(A1:A9)"  # JSON is not a spreadsheet


def test_facts_carry_every_quote_the_metric_caveat_and_json_lists(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    by_id = {row["id"]: row for row in rows(files["facts.csv"])}
    assert by_id["liaoning-losses-recovered-2024"]["caveat"] == (
        "Counts only disputes the centres guided."
    )
    facts = {fact["id"]: fact for fact in json.loads(files["facts.json"])}
    assert facts["north-patent-pretrial-cases-2024"]["quotes"] == [
        "alpha: From January to June, the centers accepted 32,900 pretrial cases involving patents",
        "beta: The centers have accepted 32,900 patent pre-trial cases",
    ]


def test_milestones_csv_has_one_row_per_milestone(tmp_path: Path) -> None:
    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    assert rows(files["milestones.csv"]) == [
        {
            "id": "north-monitoring-platform",
            "place_id": "north",
            "place_name": "North China",
            "date": "2024",
            "precision": "year",
            "inferred": "",
            "inferred_why": "",
            "title": "A monitoring platform is set up",
            "source_id": "alpha",
            "quote": "An IP data monitoring platform has been set up in the area",
        }
    ]


def test_the_data_package_describes_every_csv_and_validates(tmp_path: Path) -> None:
    from frictionless import Package, validate

    files = open_data_files(load(write_tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    folder = tmp_path / "data"
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(body)
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # The validation reads the cells: a number column holding words fails it.
    broken = tmp_path / "broken"
    broken.mkdir()
    for name, body in files.items():
        if "/" not in name:
            (broken / name).write_bytes(body.replace(b",32900,", b",lots,"))
    assert not validate(broken / "datapackage.json").valid
    package = json.loads(files["datapackage.json"])
    csvs = sorted(name for name in files if name.endswith(".csv"))
    assert sorted(resource["path"] for resource in package["resources"]) == csvs
    assert (package["version"], package["created"]) == ("2026.11.21", "2026-11-21T00:00:00Z")
    assert package["licenses"] == [
        {"title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
    ]
    assert package["sources"] == [
        {
            "title": "Centers work together (China Daily)",
            "path": "https://www.chinadaily.com.cn/a/1.html",
        },
        {"title": package["sources"][1]["title"]},
    ]
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [name for name, _ in COLUMN_DOCS[resource["path"]]]
        for field, (_, description) in zip(fields, COLUMN_DOCS[resource["path"]], strict=True):
            assert field["description"].startswith(description)
    facts = Package(folder / "datapackage.json").get_resource("facts")
    types = {field.name: field.type for field in facts.schema.fields}
    assert (types["value"], types["growth_percent"], types["as_of"]) == (
        "number",
        "number",
        "string",
    )
    value = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "value")
    assert value["description"].endswith("one of case, patent, percent, yuan.")
