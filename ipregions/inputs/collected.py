"""What one check of the data folder has seen so far, and every mistake it found.

Room: inputs. Imports: model, errors, inputs.values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import yaml

from ipregions.errors import EditorError, Severity
from ipregions.inputs.hints import Suggester
from ipregions.inputs.values import Record
from ipregions.model import (
    Correction,
    Fact,
    Location,
    Metric,
    MetricKind,
    Milestone,
    Model,
    Nation,
    Province,
    Region,
    Source,
    StatisticTable,
)

# Rates and money take either: a share or an amount can be at a date or over a period.
AT_A_DATE = (MetricKind.STOCK, MetricKind.INSTITUTIONS, MetricKind.COUNT)
KIND_NOUNS = {
    MetricKind.STOCK: "a stock",
    MetricKind.FLOW: "a flow",
    MetricKind.INSTITUTIONS: "a count of institutions",
    MetricKind.RATE: "a rate",
    MetricKind.MONEY: "an amount of money",
    MetricKind.COUNT: "a count",
}
WHOLE_COUNTS = (MetricKind.STOCK, MetricKind.FLOW, MetricKind.INSTITUTIONS, MetricKind.COUNT)

# Ids of these kinds may be defined in a file that could not be read: then no use of one is
# reported as unknown, so one syntax error does not bury the editor in follow-on errors.
DEFINED_IN = {
    "metric": {"metrics"},
    "province": {"provinces"},
    "place": {"provinces", "region", "country"},
    "fact": {"source"},
    "source": {"source"},
}
WHERE_DEFINED = {
    "metric": "metrics are defined in data/metrics.yaml",
    "province": "provinces are defined in data/provinces.yaml",
    "place": "places are region files in data/regions/, provinces in data/provinces.yaml "
    "and China as a whole in data/country.yaml",
    "fact": "facts are defined under 'facts:' in data/sources/",
    "source": "articles are the files in data/sources/",
}


def location(path: str, node: yaml.Node) -> Location:
    """Return where a node starts, 1-based."""
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def where(place: Location) -> str:
    """Return a location as path:line:column."""
    return f"{place.path}:{place.line}:{place.column}"


class Collected:
    """One check of the data folder: every item seen so far and every mistake found."""

    def __init__(self, data_dir: Path, today: dt.date) -> None:
        """Start a check of data_dir with nothing seen."""
        self.data_dir = data_dir
        self.today = today
        self.problems: list[EditorError] = []
        self.provinces: dict[str, Province] = {}
        self.regions: dict[str, Region] = {}
        self.metrics: dict[str, Metric] = {}
        self.sources: dict[str, Source] = {}
        self.facts: dict[str, Fact] = {}
        self.milestones: dict[str, Milestone] = {}
        self.nations: dict[str, Nation] = {}
        self.corrections: list[Correction] = []
        # Every id seen, valid or not, so one broken item does not make its uses look unknown.
        self.seen: dict[str, dict[str, Location]] = {
            "province": {},
            "region": {},
            "nation": {},
            "metric": {},
            "item": {},  # facts and milestones share one namespace: both become permalinks
        }
        self.item_kinds: dict[str, str] = {}
        self.corroborations: list[tuple[str, Source | None, Record]] = []
        self.unreadable: set[str] = set()  # kinds of file with one that could not be read
        self.suggesters: dict[str, Suggester] = {}

    # --- reporting -------------------------------------------------------------------------

    def report(
        self,
        path: str,
        node: yaml.Node,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record a mistake at a node."""
        mark = node.start_mark
        self.problems.append(
            EditorError(path, mark.line + 1, mark.column + 1, message, hint, severity)
        )

    def unknown(
        self, path: str, node: yaml.Node, kind: str, name: str, known: Iterable[str]
    ) -> None:
        """Report an id that names nothing, with the closest id as a hint."""
        if DEFINED_IN[kind] & self.unreadable:
            return
        if kind not in self.suggesters:  # every id is known by now: they are read first
            self.suggesters[kind] = Suggester(list(known))
        message = (
            f"place '{name}' is not a region or province"
            if kind == "place"
            else f"{kind} '{name}' is not defined"
        )
        hint = self.suggesters[kind].hint(name) or WHERE_DEFINED[kind]
        self.report(path, node, message, hint)

    def claim(self, kind: str, name: str, path: str, node: yaml.Node, what: str) -> bool:
        """Register an id; report and return False when it is already taken."""
        taken = self.seen[kind]
        first = taken.get(name)
        if first is not None:
            if kind == "item":
                kind_first = self.item_kinds[name]
                hint = f"by the {kind_first} at {where(first)}; ids are unique across all files"
                self.report(path, node, f"id '{name}' is already used", hint)
            else:
                self.report(
                    path, node, f"{what} id '{name}' is used twice", f"first at {where(first)}"
                )
            return False
        taken[name] = location(path, node)
        if kind == "item":
            self.item_kinds[name] = what
        return True

    def model(self, tables: dict[str, StatisticTable]) -> Model:
        """Return the model built so far, with the official tables read beside it."""
        return Model(
            provinces=self.provinces,
            regions=self.regions,
            metrics=self.metrics,
            sources=self.sources,
            facts=self.facts,
            milestones=self.milestones,
            tables=tables,
            nations=self.nations,
            corrections=self.corrections,
        )
