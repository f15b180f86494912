"""Read and check every data file; build the model or say everything that is wrong.

Room: inputs. Imports: errors, model, inputs.articles, inputs.collected, inputs.files,
inputs.hints, inputs.quotes, inputs.values, inputs.yaml_nodes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ipregions.errors import BuildError, EditorError
from ipregions.inputs import quotes
from ipregions.inputs.articles import ArticleReader
from ipregions.inputs.collected import KIND_NOUNS, Collected, location, where
from ipregions.inputs.colours import assign_colours
from ipregions.inputs.corrections import CORRECTIONS_FILE, read_corrections
from ipregions.inputs.country import COUNTRY_FILE, read_country
from ipregions.inputs.files import FILE_KINDS, FileKind
from ipregions.inputs.hints import slugify
from ipregions.inputs.statistics import StatisticsReader
from ipregions.inputs.values import SLUG, Reader, Record
from ipregions.inputs.yaml_nodes import load_yaml
from ipregions.model import (
    Membership,
    Metric,
    MetricKind,
    Model,
    Province,
    Region,
)
from ipregions.model.colours import REGION_COLOURS

SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S*)", re.M)


@dataclass
class Checked:
    """A valid model and the warnings found while checking it."""

    model: Model
    warnings: list[EditorError]


class Validation:
    """One run over the data folder: every file read, every mistake collected."""

    def __init__(self, data_dir: Path, today: dt.date) -> None:
        """Prepare a run over data_dir; articles are read by an ArticleReader on the same state."""
        self.collected = Collected(data_dir, today)
        self.articles = ArticleReader(self.collected)
        self.statistics = StatisticsReader(self)

    # --- files ---------------------------------------------------------------------------

    def display(self, file: Path) -> str:
        """Return a file's path as the editor sees it from the project folder."""
        return (
            f"{self.collected.data_dir.name}/{file.relative_to(self.collected.data_dir).as_posix()}"
        )

    def read(self, file: Path, kind: FileKind) -> tuple[str, Record | None]:
        """Read one data file against its spec; return its path and record (None if unreadable)."""
        path = self.display(file)
        if not file.is_file():
            self.collected.problems.append(
                EditorError(path, 1, 1, "file is missing", "see EDITING.md")
            )
            self.collected.unreadable.add(kind.name)
            return path, None
        loaded = load_yaml(file, path)
        self.collected.problems.extend(loaded.errors)
        if loaded.text:
            self.check_schema_comment(path, loaded.text, kind)
        if loaded.root is None or not isinstance(loaded.root, yaml.MappingNode):
            if loaded.root is not None:
                self.collected.report(
                    path, loaded.root, "the file must hold a mapping of fields, not a list"
                )
            self.collected.unreadable.add(kind.name)
            return path, None
        reader = Reader(path, self.collected.today, self.collected.problems)
        return path, kind.spec.read(loaded.root, "file", reader)

    def read_table(self, file: Path) -> tuple[str, Record | None]:
        """Read one official statistics table."""
        return self.read(file, FILE_KINDS["statistic"])

    def check_schema_comment(self, path: str, text: str, kind: FileKind) -> None:
        """Warn when a file does not name its JSON Schema, so editors lose autocompletion."""
        expected = "../" * path.count("/") + "schemas/" + kind.schema_file
        match = SCHEMA_COMMENT.search(text)
        if match is None:
            hint = f"add '# yaml-language-server: $schema={expected}' as its first line"
            self.collected.problems.append(
                EditorError(path, 1, 1, "the file does not name its JSON Schema", hint, "warning")
            )
        elif match[1] != expected:
            line = text.count("\n", 0, match.start()) + 1
            message = f"the schema comment points to '{match[1]}'"
            self.collected.problems.append(
                EditorError(path, line, 1, message, f"use '{expected}'", "warning")
            )

    def folder_files(self, folder: Path) -> list[Path]:
        """Return the .yaml files of a folder, reporting files that would be ignored."""
        if not folder.is_dir():
            return []
        files = []
        for file in sorted(folder.iterdir()):
            if file.name.startswith("."):
                continue
            if file.suffix == ".yaml" and file.is_file():
                files.append(file)
            elif file.suffix == ".yml":
                hint = f"rename it to {file.stem}.yaml"
                self.collected.problems.append(
                    EditorError(self.display(file), 1, 1, "data files must end in .yaml", hint)
                )
            else:
                self.collected.problems.append(
                    EditorError(
                        self.display(file), 1, 1, "not a data file: ignored", severity="warning"
                    )
                )
        return files

    def id_from_file_name(self, file: Path, path: str) -> str | None:
        """Return the id a region or source file name gives, or report a bad one."""
        if SLUG.fullmatch(file.stem):
            return file.stem
        example = slugify(file.stem) or "some-name"
        hint = f"ids are lower-case words joined by hyphens: rename it to '{example}.yaml'"
        message = f"file name '{file.name}' is not an id"
        self.collected.problems.append(EditorError(path, 1, 1, message, hint))
        return None

    # --- provinces, metrics, regions -----------------------------------------------------

    def read_provinces(self) -> None:
        """Read data/provinces.yaml."""
        path, record = self.read(
            self.collected.data_dir / "provinces.yaml", FILE_KINDS["provinces"]
        )
        tiles: dict[tuple[int, int], str] = {}
        for item in record.get("provinces", []) if record else []:
            name = item.get("id")
            if name is None or not self.collected.claim(
                "province", name, path, item.nodes["id"], "province"
            ):
                continue
            if not item.complete:
                continue
            row, column = (int(number) for number in item["tile"])
            if (row, column) in tiles:
                message = f"tile [{row}, {column}] is already taken by '{tiles[(row, column)]}'"
                self.collected.report(path, item.nodes["tile"], message)
                continue
            tiles[(row, column)] = name
            self.collected.provinces[name] = Province(
                id=name,
                name=item["name"],
                name_zh=item["name_zh"],
                kind=item["kind"],
                tile_row=row,
                tile_col=column,
                location=location(path, item.node),
            )

    def read_metrics(self) -> None:
        """Read data/metrics.yaml and check what each metric may be compared with."""
        path, record = self.read(self.collected.data_dir / "metrics.yaml", FILE_KINDS["metrics"])
        items = record.get("metrics", []) if record else []
        for item in items:
            name = item.get("id")
            if name is None or not self.collected.claim(
                "metric", name, path, item.nodes["id"], "metric"
            ):
                continue
            if item.complete and self.units_fit(path, item):
                self.collected.metrics[name] = Metric(
                    id=name,
                    label=item["label"],
                    unit=item["unit"],
                    unit_plural=item["unit_plural"],
                    kind=MetricKind(item["kind"]),
                    definition=item["definition"],
                    comparable_with=item.get("comparable_with", []),
                    caveat=item.get("caveat"),
                    sum_of=item.get("sum_of", []),
                    location=location(path, item.node),
                    scope=item.get("scope", "regional"),
                )
        for item in items:
            metric = self.collected.metrics.get(item.get("id"))
            if metric is not None:
                self.check_comparable(path, item, metric)
                self.check_sum_of(path, item, metric)

    def units_fit(self, path: str, item: Record) -> bool:
        """Report a unit that does not suit the metric's kind."""
        kind, unit, node = item["kind"], item["unit"], item.nodes["unit"]
        if kind == MetricKind.RATE.value and unit != "percent":
            self.collected.report(
                path, node, f"a rate metric's unit must be 'percent', not '{unit}'"
            )
        elif kind != MetricKind.RATE.value and unit == "percent":
            self.collected.report(path, node, "unit 'percent' needs kind 'rate'")
        elif kind == MetricKind.MONEY.value and unit not in quotes.CURRENCIES:
            hint = f"use one of: {', '.join(quotes.CURRENCIES)}"
            self.collected.report(
                path, node, f"money metric unit '{unit}' is not a known currency", hint
            )
        else:
            return True
        return False

    def check_comparable(self, path: str, item: Record, metric: Metric) -> None:
        """Report comparisons with unknown metrics, with itself, or across kinds."""
        sequence = item.nodes.get("comparable_with")
        if not isinstance(sequence, yaml.SequenceNode):
            return
        for node in sequence.value:
            other_id = node.value if isinstance(node, yaml.ScalarNode) else None
            other = self.collected.metrics.get(other_id or "")
            if other_id is None:
                continue
            if other_id == metric.id:
                self.collected.report(path, node, "a metric cannot be comparable with itself")
            elif other_id not in self.collected.seen["metric"]:
                self.collected.unknown(
                    path, node, "metric", other_id, self.collected.seen["metric"]
                )
            elif other is not None and other.kind != metric.kind:
                message = (
                    f"metric '{metric.id}' is {KIND_NOUNS[metric.kind]} and cannot be "
                    f"comparable with '{other.id}', {KIND_NOUNS[other.kind]}"
                )
                self.collected.report(
                    path, node, message, "only figures of one kind may share an axis"
                )

    def check_sum_of(self, path: str, item: Record, metric: Metric) -> None:
        """Report parts of a sum that are unknown, the metric itself, or not comparable with it."""
        sequence = item.nodes.get("sum_of")
        if not isinstance(sequence, yaml.SequenceNode):
            return
        for node in sequence.value:
            part_id = node.value if isinstance(node, yaml.ScalarNode) else None
            if part_id is None:
                continue
            if part_id == metric.id:
                self.collected.report(path, node, "a metric cannot be a part of itself")
            elif part_id not in self.collected.seen["metric"]:
                self.collected.unknown(path, node, "metric", part_id, self.collected.seen["metric"])
            elif part_id not in metric.comparable_with:
                self.collected.report(
                    path,
                    node,
                    f"metric '{metric.id}' sums '{part_id}' but is not comparable_with it",
                    f"add '{part_id}' to comparable_with",
                )

    def read_regions(self) -> None:
        """Read data/regions/*.yaml."""
        colours: dict[str, tuple[str | None, yaml.Node | None]] = {}  # id: named colour, node
        for file in self.folder_files(self.collected.data_dir / "regions"):
            path, record = self.read(file, FILE_KINDS["region"])
            name = self.id_from_file_name(file, path)
            if name is None or record is None:
                continue
            if name in self.collected.seen["province"]:
                first = where(self.collected.seen["province"][name])
                message = f"region id '{name}' is also a province id"
                hint = f"the province is at {first}; rename the region file"
                self.collected.problems.append(EditorError(path, 1, 1, message, hint))
                continue
            self.collected.seen["region"][name] = location(path, record.node)
            members = self.read_members(path, record)
            if record.complete and members is not None:
                self.collected.regions[name] = Region(
                    id=name,
                    name=record["name"],
                    name_zh=record["name_zh"],
                    summary=record["summary"],
                    members=members,
                    location=location(path, record.node),
                )
                named = record.get("colour") if record.get("colour") in REGION_COLOURS else None
                colours[name] = (named, record.nodes.get("colour") if named else None)
        if not self.collected.regions and not self.collected.seen["region"]:
            folder = f"{self.collected.data_dir.name}/regions"
            self.collected.problems.append(
                EditorError(folder, 1, 1, "there are no regions", "add a file per region")
            )
        assign_colours(self.collected, colours)

    def read_members(self, path: str, record: Record) -> list[Membership] | None:
        """Return a region's members, reporting unknown and repeated provinces."""
        members: list[Membership] = []
        complete = True
        listed: set[str] = set()
        for item in record.get("members", []):
            name = item.get("province")
            if name is None:
                complete = False
                continue
            node = item.nodes["province"]
            if name not in self.collected.seen["province"]:
                self.collected.unknown(
                    path, node, "province", name, self.collected.seen["province"]
                )
                complete = False
            elif name in listed:
                self.collected.report(
                    path, node, f"province '{name}' is listed twice in this region"
                )
                complete = False
            elif name in self.collected.provinces and item.complete:
                listed.add(name)
                members.append(
                    Membership(self.collected.provinces[name], item.get("part"), item.get("note"))
                )
            else:
                complete = False
        return members if complete else None

    def read_sources(self) -> None:
        """Read data/sources/*.yaml with their facts, milestones and corroborations."""
        for file in self.folder_files(self.collected.data_dir / "sources"):
            path, record = self.read(file, FILE_KINDS["source"])
            name = self.id_from_file_name(file, path)
            if record is None:
                continue
            source = self.articles.build_source(name, path, record) if name else None
            if source is not None:
                self.collected.sources[source.id] = source
            for item in record.get("facts", []):
                self.articles.read_fact(path, item, source)
            for item in record.get("milestones", []):
                self.articles.read_milestone(path, item, source)
            for item in record.get("corroborations", []):
                self.collected.corroborations.append((path, source, item))
        for path, source, item in self.collected.corroborations:
            self.articles.read_corroboration(path, item, source)

    # --- the whole run -----------------------------------------------------------------------

    def run(self) -> Model:
        """Read every file in order: places and metrics first, then the articles that use them."""
        if not self.collected.data_dir.is_dir():
            hint = f"no folder {self.collected.data_dir}"
            self.collected.problems.append(
                EditorError(self.collected.data_dir.name, 1, 1, "data folder is missing", hint)
            )
            return self.model()
        self.report_stray_files()
        self.read_provinces()
        self.read_metrics()
        self.read_regions()
        read_country(self.collected, self.read)
        self.statistics.read_all(self.collected.data_dir / "statistics")
        self.read_sources()
        read_corrections(self.collected, self.read)
        return self.model()

    def report_stray_files(self) -> None:
        """Warn about files in the data folder that nothing reads."""
        expected = {"provinces.yaml", "metrics.yaml", "regions", "sources", "statistics"}
        expected |= {COUNTRY_FILE, CORRECTIONS_FILE}
        for file in sorted(self.collected.data_dir.iterdir()):
            if file.name not in expected and not file.name.startswith("."):
                hint = "the data folder holds provinces.yaml, metrics.yaml, regions/ and sources/"
                self.collected.problems.append(
                    EditorError(
                        self.display(file), 1, 1, "not a data file: ignored", hint, "warning"
                    )
                )

    def model(self) -> Model:
        """Return the model built so far."""
        return self.collected.model(self.statistics.tables)


def load_model(data_dir: Path, *, today: dt.date | None = None) -> Checked:
    """Read and check every data file; return the model or raise BuildError with every mistake."""
    # The latest date anywhere on Earth (UTC+14): a source added today is never "in the future".
    latest_today = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
    validation = Validation(Path(data_dir), today or latest_today)
    model = validation.run()
    if any(problem.is_error for problem in validation.collected.problems):
        raise BuildError(validation.collected.problems)
    warnings = validation.collected.problems
    return Checked(model, sorted(warnings, key=lambda warning: warning.sort_key))
