"""List every page of the site with the objects its template shows, computed once here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ipregions.charts.model import named_outlet
from ipregions.charts.registry import charts_for_page
from ipregions.derive import Comparison, Derived
from ipregions.inputs.config import SiteConfig
from ipregions.inputs.content import ContentPage
from ipregions.model import (
    Citation,
    Discrepancy,
    Fact,
    FuzzyDate,
    Metric,
    Milestone,
    Model,
    Province,
    Region,
    Source,
)
from ipregions.words import (
    format_date,
    format_growth,
    format_time,
    format_value,
    format_value_with_unit,
)

KEY_FIGURES_ON_HOME = 3
KEY_FIGURES_ON_REGION = 6
# When a region reports many measures, its key figures are the ones other regions report too,
# then the ones several sources confirm, then levels before flows before other counts.
KIND_PRIORITY = ("stock", "flow", "institutions", "rate", "money", "count")
LATEST_SOURCES_ON_HOME = 3
CONTENT_ORDER = ("methodology", "data", "about")


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
    template: str
    kind: str  # home, region, metric, source, fact, page, list, compare, search, error
    title: str
    description: str
    social: SocialCard
    data: dict[str, Any] = field(default_factory=dict)
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
    """Everything the pages share, computed once from the model."""

    model: Model
    derived: Derived
    config: SiteConfig
    content: dict[str, ContentPage]
    charts: Sequence[Any]
    svgs: dict[str, str]
    regions: list[Region] = field(init=False)
    key_figures: dict[str, list[Fact]] = field(init=False)
    discrepancies_by_fact: dict[str, list[Discrepancy]] = field(init=False)
    comparisons: list[Comparison] = field(init=False)
    updated: dt.date = field(init=False)

    def __post_init__(self) -> None:
        """Compute the groupings several pages share."""
        self.regions = sorted(self.model.regions.values(), key=lambda r: (r.colour_index, r.id))
        reporting = {
            metric_id: len(comparison.reported)
            for metric_id, comparison in self.derived.comparisons.items()
        }
        self.comparisons = sorted(
            self.derived.comparisons.values(),
            key=lambda c: (-reporting[c.metric.id], c.metric.label),
        )
        self.key_figures = {
            region.id: sorted(
                (
                    row.fact
                    for comparison in self.comparisons
                    for row in comparison.rows
                    if row.region.id == region.id and row.fact is not None
                ),
                key=lambda fact: (
                    -reporting[fact.metric.id],
                    -len(fact.citations),
                    KIND_PRIORITY.index(fact.metric.kind.value),
                    fact.metric.label,
                ),
            )
            for region in self.regions
        }
        self.discrepancies_by_fact = {}
        for discrepancy in self.derived.discrepancies:
            for fact in discrepancy.facts:
                self.discrepancies_by_fact.setdefault(fact.id, []).append(discrepancy)
        dates = [source.added for source in self.model.sources.values()]
        self.updated = max(dates) if dates else dt.date(1970, 1, 1)

    def charts_on(self, page_key: str) -> list[Any]:
        """Return the charts placed on a page ('home', 'region:<id>', ...) that were rendered."""
        return [
            chart for chart in charts_for_page(list(self.charts), page_key) if chart.id in self.svgs
        ]

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


def downloads() -> tuple[list[Download], list[str]]:
    """Return the open-data files grouped by their columns, and the JSON Schema file names."""
    from ipregions.inputs.files import json_schemas
    from ipregions.web.open_data import COLUMN_DOCS

    groups: list[Download] = []
    for name, columns in COLUMN_DOCS.items():
        same = next((group for group in groups if group.columns == list(columns)), None)
        if same:
            same.files.append(name)
        else:
            groups.append(Download([name], list(columns)))
    return groups, [f"schemas/{name}" for name in json_schemas()]


def path_of(target: Any) -> str:
    """Return the path, relative to the site root, of the page that shows target."""
    match target:
        case Region():
            return f"regions/{target.id}/"
        case Metric():
            return f"metrics/{target.id}/"
        case Source():
            return f"sources/{target.id}/"
        case Fact():
            return f"facts/{target.id}/"
        case ContentPage():
            return f"{target.slug}/"
        case str():
            return target
    raise TypeError(f"no page for {type(target).__name__}")


def inferred_dates(labelled: Sequence[tuple[str, FuzzyDate | None]]) -> list[tuple[str, FuzzyDate]]:
    """Return the labelled dates that were inferred, skipping repeats of the same reason."""
    found: list[tuple[str, FuzzyDate]] = []
    reasons: set[tuple[str | None, str | None]] = set()
    for label, date in labelled:
        if date is None or not date.inferred or (date.inferred, date.why) in reasons:
            continue
        reasons.add((date.inferred, date.why))
        found.append((label, date))
    return found


def fact_dates(fact: Fact) -> list[tuple[str, FuzzyDate]]:
    """Return the inferred dates of a fact with what each one is."""
    if fact.period is not None:
        return inferred_dates(
            [("Start of the period", fact.period.start), ("End of the period", fact.period.end)]
        )
    return inferred_dates([("As-of date", fact.as_of)])


def source_dates(source: Source) -> list[tuple[str, FuzzyDate]]:
    """Return the inferred dates of a source with what each one is."""
    event = source.event
    return inferred_dates(
        [
            ("Publication date", source.published),
            ("Date of the event", event.date if event else None),
            ("End of the event", event.end_date if event else None),
        ]
    )


def credit(source: Source) -> str:
    """Return how a source is credited in a byline: its outlet, or its title when unnamed."""
    return named_outlet(source) or f"“{source.title}”"


def source_byline(source: Source) -> str:
    """Return who published a source and when, for its social image."""
    parts = [named_outlet(source) or "Publisher not named in the article"]
    if source.published:
        parts.append(format_date(source.published))
    return ", ".join(parts)


def site_citation(site: Site) -> str:
    """Return how to cite the whole site."""
    config = site.config
    updated = format_date(FuzzyDate(site.updated.year, site.updated.month, site.updated.day))
    return (
        f"{config.publisher}. {config.title}: {config.tagline or config.description}. "
        f"{config.base_url} (data as of {updated}). Licence: {config.licence_name}."
    )


def fact_citation(fact: Fact, site: Site) -> str:
    """Return how to cite a figure: the original source first, then this site."""
    config = site.config
    return (
        " ".join(source_reference(source) for source in fact.sources) + " "
        f"Compiled by {config.publisher}, {config.title}: “{fact_title(fact, site.model)}”, "
        f"{config.absolute(path_of(fact))}."
    )


def source_reference(source: Source) -> str:
    """Return a source as a reference: outlet and author, title, date, where it was read."""
    outlet = named_outlet(source)
    parts = [f"{outlet}{f' ({source.author})' if source.author else ''}"] if outlet else []
    parts.append(f"“{source.title}”")
    if not outlet:
        parts.append("publisher not named in the article")
    if source.published:
        parts.append(format_date(source.published))
    if source.read_at and source.read_at.name:
        parts.append(f"read at {source.read_at.name}")
    return ", ".join(parts) + "."


def fact_title(fact: Fact, model: Model) -> str:
    """Return a fact's title: 'Valid invention patents in Central China, as of June 2024'."""
    return f"{fact.metric.label} in {model.place_name(fact.place_id)}, {format_time(fact)}"


def fact_summary(fact: Fact, model: Model) -> str:
    """Return one sentence on a fact for search results and link previews."""
    growth = f" ({format_growth(fact.growth)})" if fact.growth else ""
    outlet = credit(fact.citations[0].source)
    return (
        f"{format_value_with_unit(fact)}{growth} in {model.place_name(fact.place_id)}, "
        f"{format_time(fact)}, according to {outlet}."
    )


def home_page(site: Site) -> Page:
    """Return the front page: the story in one screen."""
    leaders = site.derived.growth_leaders
    leader = leaders[0] if leaders else None
    charts = site.charts_on("home")
    # The headline chart is the first that shows figures; charts without any (the map of the
    # regions) go beside the region cards.
    of_figures = [chart for chart in charts if any(row.fact_id for row in chart.table.rows)]
    others = [chart for chart in charts if chart not in of_figures]
    comparison = site.derived.comparisons[leader.metric.id] if leader else None
    if leader:
        place = site.model.place_name(leader.leader.place_id)
        detail = (
            f"{place}: {format_growth(leader.leader.growth)}" if leader.leader.growth else place
        )
        card = SocialCard(leader.metric.label, format_value(leader.leader), detail)
    else:
        card = SocialCard("Data journalism", site.config.title, site.config.tagline)
    return Page(
        path="",
        template="home.html",
        kind="home",
        title=site.config.title,
        description=site.config.description,
        social=card,
        data={
            "leader": leader,
            "leader_comparison": comparison,
            "silent_regions": [r.region for r in comparison.rows if r.fact is None]
            if comparison
            else [],
            "leaders": leaders,
            "charts": charts,
            "story_charts": of_figures,
            "region_charts": others,
            "latest_sources": site.derived.sources_newest_first[:LATEST_SOURCES_ON_HOME],
            "regions": site.regions,
            "key_figures": {
                region.id: site.key_figures[region.id][:KEY_FIGURES_ON_HOME]
                for region in site.regions
            },
        },
        searchable=False,
    )


def region_page(region: Region, site: Site) -> Page:
    """Return a region's page: members, key figures, every figure by metric, milestones."""
    facts = site.derived.facts_by_region.get(region.id, [])
    milestones = site.derived.milestones_by_region.get(region.id, [])
    groups = []
    for metric in sorted({f.metric.id: f.metric for f in facts}.values(), key=lambda m: m.label):
        own = [f for f in facts if f.metric.id == metric.id and f.place_id == region.id]
        provinces = [
            (
                m.province,
                [f for f in facts if f.metric.id == metric.id and f.place_id == m.province.id],
            )
            for m in region.members
        ]
        groups.append(MetricGroup(metric, own, [(p, fs) for p, fs in provinces if fs]))
    sources = site.sources_of(facts, milestones)
    return Page(
        path=path_of(region),
        template="region.html",
        kind="region",
        title=region.name,
        description=region.summary,
        social=SocialCard(
            "Region",
            region.name,
            f"{len(region.members)} provincial-level divisions · {len(facts)} figures · "
            f"{len(sources)} sources",
        ),
        data={
            "region": region,
            "key_figures": site.key_figures[region.id][:KEY_FIGURES_ON_REGION],
            "groups": groups,
            "milestones": milestones,
            "sources": sources,
            "discrepancies": site.discrepancies_among(facts),
            "charts": site.charts_on(f"region:{region.id}"),
        },
    )


def metric_page(metric: Metric, site: Site) -> Page:
    """Return a metric's page: definition, comparison, and what it can be compared with."""
    facts = site.derived.facts_by_metric.get(metric.id, [])
    comparison = site.derived.comparisons[metric.id]
    comparable = [site.model.metrics[i] for i in metric.comparable_with if i in site.model.metrics]
    return Page(
        path=path_of(metric),
        template="metric.html",
        kind="metric",
        title=metric.label,
        description=metric.definition,
        social=SocialCard("Metric", metric.label, f"{len(comparison.reported)} regions report it"),
        data={
            "metric": metric,
            "comparison": comparison,
            "facts": facts,
            "comparable": comparable,
            "sources": site.sources_of(facts, []),
            "discrepancies": site.discrepancies_among(facts),
            "charts": site.charts_on(f"metric:{metric.id}"),
        },
    )


def source_page(source: Source, site: Site) -> Page:
    """Return a source's page: its metadata, our summary, every fact and quote drawn from it."""
    entries = [
        SourceEntry(fact, citation)
        for fact in site.derived.facts_by_source.get(source.id, [])
        for citation in fact.citations
        if citation.source.id == source.id
    ]
    facts = [entry.fact for entry in entries]
    return Page(
        path=path_of(source),
        template="source.html",
        kind="source",
        title=source.title,
        description=source.summary,
        social=SocialCard("Source", source.title, source_byline(source)),
        data={
            "source": source,
            "entries": entries,
            "milestones": site.derived.milestones_by_source.get(source.id, []),
            "dates": source_dates(source),
            "discrepancies": site.discrepancies_among(facts),
        },
    )


def fact_page(fact: Fact, site: Site) -> Page:
    """Return a fact's permalink page: the figure, its quote, sources, dates and citation."""
    model = site.model
    regions = model.regions_of(fact.place_id)
    trail = [(path_of(r), r.name) for r in regions[:1]] + [
        (path_of(fact.metric), fact.metric.label)
    ]
    detail = format_time(fact) + (f" · {format_growth(fact.growth)}" if fact.growth else "")
    return Page(
        path=path_of(fact),
        template="fact.html",
        kind="fact",
        title=fact_title(fact, model),
        description=fact_summary(fact, model),
        social=SocialCard(
            f"{model.place_name(fact.place_id)} · {fact.metric.label}", format_value(fact), detail
        ),
        data={
            "fact": fact,
            "place_regions": regions,
            "trail": trail,
            "is_province": fact.place_id in model.provinces,
            "dates": fact_dates(fact),
            "discrepancies": site.discrepancies_by_fact.get(fact.id, []),
            "citation": fact_citation(fact, site),
        },
    )


def content_page(page: ContentPage, site: Site) -> Page:
    """Return a prose page from content/."""
    files, schemas = downloads()
    return Page(
        path=path_of(page),
        template="page.html",
        kind="page",
        title=page.title,
        description=page.description,
        social=SocialCard(site.config.title, page.title, page.description),
        data={"content": page, "downloads": files, "schemas": schemas},
    )


def listing(path: str, template: str, title: str, description: str, **data: Any) -> Page:
    """Return an index page that lists regions, metrics, sources or facts."""
    card = SocialCard("Index", title, description)
    return Page(path, template, "list", title, description, card, data, searchable=False)


def build_pages(site: Site) -> list[Page]:
    """Return every page of the site, in a stable order."""
    model, derived = site.model, site.derived
    facts_by_region = [
        (region, [f for f in derived.facts_by_region.get(region.id, [])]) for region in site.regions
    ]
    pages = [
        home_page(site),
        listing(
            "regions/",
            "regions.html",
            "Regions",
            "The regions of China compared on this site and their member provinces.",
            regions=site.regions,
        ),
        *(region_page(region, site) for region in site.regions),
        listing(
            "metrics/",
            "metrics.html",
            "Metrics",
            "What the figures on this site count, and which of them can be compared.",
            metrics=sorted(model.metrics.values(), key=lambda m: m.label),
        ),
        *(metric_page(m, site) for m in sorted(model.metrics.values(), key=lambda m: m.id)),
        Page(
            "compare/",
            "compare.html",
            "compare",
            "Compare the regions",
            "Every region against every metric in one table, with the date, growth and source "
            "of each figure, and why some cells cannot be compared.",
            SocialCard("Compare", "Every region, every measure"),
            {
                "comparisons": site.comparisons,
                "regions": site.regions,
                "charts": site.charts_on("compare"),
            },
            searchable=False,
        ),
        listing(
            "sources/",
            "sources.html",
            "Sources",
            "The news articles every figure on this site is drawn from, newest first.",
            sources=derived.sources_newest_first,
            charts=site.charts_on("sources"),
        ),
        *(source_page(s, site) for s in sorted(model.sources.values(), key=lambda s: s.id)),
        listing(
            "facts/",
            "facts.html",
            "All figures",
            "Every figure on this site, by region and place, each linked to its quote.",
            facts_by_region=facts_by_region,
            unplaced=[
                f
                for f in sorted(model.facts.values(), key=lambda f: f.id)
                if not model.regions_of(f.place_id)
            ],
        ),
        *(fact_page(f, site) for f in sorted(model.facts.values(), key=lambda f: f.id)),
        *(
            content_page(site.content[slug], site)
            for slug in sorted(site.content, key=content_rank)
        ),
        Page(
            "search/",
            "search.html",
            "search",
            "Search",
            "Search the figures, regions, metrics and sources.",
            SocialCard(site.config.title, "Search"),
            searchable=False,
        ),
        Page(
            "404.html",
            "404.html",
            "error",
            "Page not found",
            "There is no page at this address.",
            SocialCard(site.config.title, "Page not found"),
            searchable=False,
        ),
    ]
    return pages


def content_rank(slug: str) -> tuple[int, str]:
    """Return the order of prose pages: the known ones first, then the rest by name."""
    return (CONTENT_ORDER.index(slug) if slug in CONTENT_ORDER else len(CONTENT_ORDER), slug)
