"""Read and check data/statistics/*.yaml: official tables, a row per province, as printed.

Room: inputs. Imports: model, errors, inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import yaml

from ipregions.inputs.hints import did_you_mean, plain_number
from ipregions.inputs.values import Record
from ipregions.model import StatisticRow, StatisticTable

if TYPE_CHECKING:
    from ipregions.inputs.collected import Collected

# CNIPA prints Taiwan, Hong Kong and Macao after the 31 mainland provincial divisions and keeps
# them out of its provincial comparisons; they belong under other_rows, as printed.
PRINTED_APART = ("taiwan", "hong-kong", "macao")
# Fields that must agree between tables of one statistic, so that a statistic means one thing.
SHARED = ("statistic_label", "unit", "values_are")


def plural(count: int, noun: str) -> str:
    """Return '1 value' or '3 values'."""
    return f"{count} {noun}{'s' * (count != 1)}"


class FileReading(Protocol):
    """What the reader needs of a validation run: its state and how it reads files."""

    collected: Collected

    def folder_files(self, folder: Path) -> list[Path]:
        """Return the .yaml files of a folder."""
        ...

    def read_table(self, file: Path) -> tuple[str, Record | None]:
        """Read one statistics file against its spec."""
        ...

    def id_from_file_name(self, file: Path, path: str) -> str | None:
        """Return the id a file name gives."""
        ...


class StatisticsReader:
    """Read every official table of a validation run and check what each one allows."""

    def __init__(self, validation: FileReading) -> None:
        """Read with the validation's state: its provinces and metrics are read first."""
        self.validation = validation
        self.collected = validation.collected
        self.tables: dict[str, StatisticTable] = {}
        self.first_of: dict[str, tuple[str, Record]] = {}  # statistic id: first path, record

    def report(self, path: str, node: yaml.Node, message: str, hint: str | None = None) -> None:
        """Record a mistake at a node."""
        self.collected.report(path, node, message, hint)

    def read_all(self, folder: Path) -> None:
        """Read data/statistics/*.yaml."""
        for file in self.validation.folder_files(folder):
            path, record = self.validation.read_table(file)
            name = self.validation.id_from_file_name(file, path)
            if record is None or name is None:
                continue
            if self.check(path, record) and record.complete:
                self.tables[name] = self.table(name, path, record)

    def check(self, path: str, record: Record) -> bool:
        """Report every mistake a table's fields allow to be seen; return whether none was found."""
        before = len(self.collected.problems)
        years = [int(year) for year in record.get("years", [])]
        if years and years != sorted(set(years)):
            self.report(path, record.nodes["years"], "years must be listed once each, in order")
        self.check_shared(path, record)
        if "metric" in record.values and record["metric"] not in self.collected.seen["metric"]:
            seen = self.collected.seen["metric"]
            self.collected.unknown(path, record.nodes["metric"], "metric", record["metric"], seen)
        if "month" in record.values and record["month"] > 12:
            self.report(path, record.nodes["month"], f"month {int(record['month'])} is not 1 to 12")
        percent = record.get("values_are") == "percentages"
        lines = [(row, "place") for row in record.get("rows", [])]
        lines += [(row, "label") for row in record.get("other_rows", [])]
        for row, key in lines:
            self.check_values(path, row, row.get(key, "?"), years, record.get("values_are"))
        if "total" in record.values:
            if percent:
                hint = "remove 'total': shares do not add up to a printed total"
                self.report(
                    path, record.nodes["total"], "a table of percentages has no total", hint
                )
            else:
                self.check_values(path, record, "total", years, record.get("values_are"), "total")
        self.check_provinces(path, record)
        self.check_total(path, record, years)
        return len(self.collected.problems) == before

    def check_shared(self, path: str, record: Record) -> None:
        """Report a statistic whose label, unit or kind of values differs from another table's."""
        statistic = record.get("statistic")
        if statistic is None:
            return
        first = self.first_of.setdefault(statistic, (path, record))
        for name in SHARED:
            mine, theirs = record.get(name), first[1].get(name)
            if first[0] != path and mine is not None and theirs is not None and mine != theirs:
                message = (
                    f"statistic '{statistic}' has {name} '{theirs}' in {first[0]}, not '{mine}'"
                )
                hint = "one statistic id means one thing: use the same words or a new id"
                self.report(path, record.nodes[name], message, hint)

    def check_values(
        self,
        path: str,
        row: Record,
        name: str,
        years: list[int],
        kind: str | None,
        key: str = "values",
    ) -> None:
        """Report a row with the wrong number of values, fractions of counts, or shares over 100."""
        values, node = row.get(key), row.nodes.get(key)
        if values is None or node is None:
            return
        if years and len(values) != len(years):
            message = (
                f"'{name}' has {plural(len(values), 'value')} for {plural(len(years), 'year')}"
            )
            self.report(path, node, message, "give one value per year, in the order of 'years'")
        for value, child in zip(values, node.value, strict=False):
            if kind == "counts" and not float(value).is_integer():
                message = f"'{name}' has {plain_number(value)}, but a count is a whole number"
                hint = "copy the number as printed; if it is not a count, set values_are: amounts"
                self.report(path, child, message, hint)
            elif kind == "percentages" and value > 100:
                self.report(path, child, f"'{name}' has {plain_number(value)}%, over 100%")

    def check_provinces(self, path: str, record: Record) -> None:
        """Report unknown, repeated, apart-printed and missing provinces."""
        seen_provinces = self.collected.seen["province"]
        listed: dict[str, yaml.Node] = {}
        for row in record.get("rows", []):
            name, node = row.get("place"), row.nodes.get("place")
            if name is None or node is None:
                continue
            if name not in seen_provinces:
                self.collected.unknown(path, node, "province", name, seen_provinces)
            elif name in PRINTED_APART:
                hint = "list it under other_rows with its label as printed and place: " + name
                self.report(
                    path, node, f"'{name}' is printed apart from the mainland provinces", hint
                )
            elif name in listed:
                first = f"first at line {listed[name].start_mark.line + 1}"
                self.report(path, node, f"province '{name}' has two rows in this table", first)
            else:
                listed[name] = node
        for item in record.get("missing", []):
            name = item.get("province")
            if name in listed:
                message = f"province '{name}' has a row and is listed as missing"
                self.report(path, item.nodes["province"], message, "remove one of the two")
            elif name is not None and name not in seen_provinces:
                self.collected.unknown(
                    path, item.nodes["province"], "province", name, seen_provinces
                )
            elif name is not None:
                listed[name] = item.nodes["province"]
        for row in record.get("other_rows", []):
            place = row.get("place")
            if place is not None and place not in seen_provinces:
                self.collected.unknown(path, row.nodes["place"], "province", place, seen_provinces)
        mainland = [p for p in seen_provinces if p not in PRINTED_APART]
        absent = [p for p in mainland if p not in listed]
        if absent and "rows" in record.nodes and "provinces" not in self.collected.unreadable:
            names = ", ".join(absent)
            hint = "add each row as printed, or list the province under 'missing:' with why"
            self.report(path, record.nodes["rows"], f"no row for: {names}", hint)

    def check_total(self, path: str, record: Record, years: list[int]) -> None:
        """Report rows that do not add up to the printed total, unless a note says why."""
        labels = [row.get("label") for row in record.get("other_rows", [])]
        included = []
        for text, node in zip(
            record.get("total_includes", []),
            record.nodes.get("total_includes", yaml.SequenceNode("", [])).value,
            strict=False,
        ):
            if text not in labels:
                hint = (
                    did_you_mean(text, [label for label in labels if label])
                    or "name a label of other_rows"
                )
                self.report(
                    path, node, f"total_includes names '{text}', which is not a row here", hint
                )
            else:
                included.append(text)
        totals = record.get("total")
        if totals is None or record.get("values_are") == "percentages":
            if "total_note" in record.values and totals is None:
                self.report(
                    path, record.nodes["total_note"], "total_note without a total", "remove it"
                )
            return
        lines = [row.get("values") for row in record.get("rows", [])]
        lines += [
            row.get("values")
            for row in record.get("other_rows", [])
            if row.get("label") in included
        ]
        if not all(line is not None and len(line) == len(years) for line in lines) or len(
            totals
        ) != len(years):
            return  # reported above: the sums would mislead
        what = "the provinces" + "".join(f", {label}" for label in included)
        differ: list[tuple[int, str]] = []
        for index, (year, total) in enumerate(zip(years, totals, strict=True)):
            added = round(sum(line[index] for line in lines), 6)
            if added != round(total, 6):
                differ.append(
                    (year, f"{year}: {plain_number(added)} against {plain_number(total)}")
                )
        # A note explains the years it names: a new difference in another year is still an error.
        note = record.get("total_note")
        unexplained = [text for year, text in differ if note is None or str(year) not in note]
        if unexplained:
            message = f"the rows ({what}) do not add up to the printed total: " + "; ".join(
                unexplained
            )
            hint = "check the rows; if the table itself does not add up, say why in total_note"
            self.report(path, record.nodes["total"], message, hint)
        elif note is not None and not differ:
            message = "total_note explains a difference, but every year adds up"
            self.collected.report(
                path, record.nodes["total_note"], message, "remove total_note", "warning"
            )

    def table(self, name: str, path: str, record: Record) -> StatisticTable:
        """Return the checked table."""
        provinces = self.collected.provinces

        def label(place: str) -> str:
            return provinces[place].name if place in provinces else place

        return StatisticTable(
            id=name,
            title=record["title"],
            publisher=record["publisher"],
            edition=record["edition"],
            number=record["table"],
            url=record["url"],
            statistic=record["statistic"],
            statistic_label=record["statistic_label"],
            unit=record["unit"],
            values_are=record["values_are"],
            time_basis=record["time_basis"],
            note=record["note"],
            years=[int(year) for year in record["years"]],
            rows=[
                StatisticRow(label(r["place"]), r["place"], list(r["values"]))
                for r in record["rows"]
            ],
            other_rows=[
                StatisticRow(r["label"], r.get("place"), list(r["values"]))
                for r in record.get("other_rows", [])
            ],
            missing={m["province"]: m["why"] for m in record.get("missing", [])},
            month=int(record["month"]) if "month" in record.values else None,
            total=list(record["total"]) if "total" in record.values else None,
            total_includes=list(record.get("total_includes", [])),
            total_note=record.get("total_note"),
            metric_id=record.get("metric"),
        )
