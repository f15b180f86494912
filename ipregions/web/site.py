"""What every page is made of: the shared site, a page, its social card, and where items live.

Room: web. Imports: model, derive, charts.model.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipregions.charts.model import Chart
from ipregions.derive import Comparison, Derived, Discrepancy
from ipregions.model import Citation, Fact, Metric, Milestone, Model, Province, Region, Source
from ipregions.model.site import ContentPage, PageKind, Placement, SiteConfig


@dataclass
class SocialCard:
    """The words drawn on a page's social image."""

    kicker: str
    headline: str
    detail: str = ""


@dataclass
class Page:
    """One HTML page: where it lives, which template draws it and what it shows."""

    path: str  # relative to the site root: "", "regions/central-china/", "404.html"
    title: str
    description: str
    social: SocialCard
    data: dict[str, Any] = field(default_factory=dict)
    # Set from the page's PageType in the registry (web.pages): declared once there.
    kind: PageKind = PageKind.CONTENT
    template: str = ""
    searchable: bool = True  # indexed by Pagefind (lists and the front page only repeat)

    @property
    def output(self) -> str:
        """Return the file this page is written to."""
        return self.path + "index.html" if self.path == "" or self.path.endswith("/") else self.path

    @property
    def social_image(self) -> str:
        """Return the path of this page's social image."""
        name = self.path.strip("/").replace("/", "-").removesuffix(".html") or "home"
        return f"social/{name}.png"


@dataclass
class MetricGroup:
    """A region's figures for one metric: its own first, then its provinces'."""

    metric: Metric
    own: list[Fact]
    provinces: list[tuple[Province, list[Fact]]]


@dataclass
class SourceEntry:
    """A fact as one source states it: the fact and that source's quote."""

    fact: Fact
    citation: Citation

    @property
    def is_corroboration(self) -> bool:
        """Return whether the source repeats a fact first entered from another source."""
        return self.fact.citations[0] is not self.citation


@dataclass
class Site:
    """Everything the pages share: the model, what was derived from it, settings, prose, charts."""

    model: Model
    derived: Derived
    config: SiteConfig
    content: dict[str, ContentPage]
    charts: Sequence[Chart]
    svgs: dict[str, str]
    schema_files: list[str] = field(default_factory=list)  # JSON Schema names under schemas/
    # The open-data files' columns and what each holds (web.open_data.COLUMN_DOCS).
    column_docs: Mapping[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def regions(self) -> list[Region]:
        """Return the regions by name."""
        return self.derived.regions

    @property
    def comparisons(self) -> list[Comparison]:
        """Return the comparisons, the most widely reported metrics first."""
        return self.derived.comparisons_in_order

    @property
    def key_figures(self) -> dict[str, list[Fact]]:
        """Return each region's key figures by region id."""
        return self.derived.key_figures

    @property
    def discrepancies_by_fact(self) -> dict[str, list[Discrepancy]]:
        """Return the disagreements each fact is part of, by fact id."""
        return self.derived.discrepancies_by_fact

    @property
    def updated(self) -> dt.date:
        """Return the day the newest source was added."""
        return self.derived.updated

    def charts_on(self, placement: Placement) -> list[Chart]:
        """Return the charts placed on a page that were rendered."""
        return self.charts_by_placement.get(placement, [])

    @functools.cached_property
    def charts_by_placement(self) -> dict[Placement, list[Chart]]:
        """Return the rendered charts of each page, in the site's chart order."""
        placed: dict[Placement, list[Chart]] = {}
        for chart in self.charts:
            if chart.id in self.svgs:
                for placement in dict.fromkeys(chart.pages):
                    placed.setdefault(placement, []).append(chart)
        return placed

    def discrepancies_among(self, facts: Sequence[Fact]) -> list[Discrepancy]:
        """Return the discrepancies that involve any of facts, each once, in their order."""
        ids = {fact.id for fact in facts}
        return [d for d in self.derived.discrepancies if any(f.id in ids for f in d.facts)]

    def sources_of(self, facts: Sequence[Fact], milestones: Sequence[Milestone]) -> list[Source]:
        """Return the sources behind facts and milestones, newest first."""
        ids = {s.id for f in facts for s in f.sources} | {m.citation.source.id for m in milestones}
        return [s for s in self.derived.sources_newest_first if s.id in ids]


@dataclass
class Download:
    """Open-data files with the same columns, and what each column holds."""

    files: list[str]  # names under data/: facts.csv, facts.json
    columns: list[tuple[str, str]]  # (column, meaning), from ipregions.web.open_data.COLUMN_DOCS


def downloads(site: Site) -> tuple[list[Download], list[str]]:
    """Return the open-data files grouped by their columns, and the JSON Schema file names."""
    groups: list[Download] = []
    for name, columns in site.column_docs.items():
        same = next((group for group in groups if group.columns == list(columns)), None)
        if same:
            same.files.append(name)
        else:
            groups.append(Download([name], list(columns)))
    return groups, [f"schemas/{name}" for name in site.schema_files]
