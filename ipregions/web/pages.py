"""Every page of the site, declared once in a registry: its kind, template, items and data.

Room: web. Imports: model, derive, words, charts, web.site, web.citations.
A new kind of page is one builder here and one PageType in PAGE_TYPES; its charts are those
placed on it (charts say where they show with a Placement of the same PageKind).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ipregions.charts.model import Chart, is_baseline, join_words
from ipregions.model import Fact, Metric, Region, Source
from ipregions.model.site import ContentPage, PageKind, Placement
from ipregions.web.baseline_pages import like_for_like, statistic_page, statistics_page
from ipregions.web.citations import (
    fact_citation,
    fact_dates,
    fact_summary,
    fact_title,
    source_byline,
    source_dates,
)
from ipregions.web.paths import path_of
from ipregions.web.site import MetricGroup, Page, Site, SocialCard, SourceEntry, downloads
from ipregions.words import count_noun, format_growth, format_time, format_value

KEY_FIGURES_ON_HOME = 3
KEY_FIGURES_ON_REGION = 6
LATEST_SOURCES_ON_HOME = 3
CONTENT_ORDER = ("methodology", "data", "about")


def home_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the front page: the story in one screen."""
    statements = site.derived.growth_statements
    lead = statements[0] if statements else None
    # The headline chart is the first that shows figures; charts without any (the map of the
    # regions) go beside the region cards.
    of_figures = [chart for chart in charts if any(row.fact_id for row in chart.table.rows)]
    others = [chart for chart in charts if chart not in of_figures]
    comparison = site.derived.comparisons[lead.metric.id] if lead else None
    rows = comparison.rows if comparison else []
    if lead:
        card = SocialCard(lead.metric.label, lead.headline, lead.sentence)
    else:
        card = SocialCard("Data journalism", site.config.title, site.config.tagline)
    return Page(
        path="",
        title=site.config.title,
        description=site.config.description,
        social=card,
        data={
            "lead": lead,
            # Every region that reported a figure is named: a level without a growth rate too.
            "level_only_rows": [r for r in rows if r.fact is not None and r.growth_fact is None],
            "silent_regions": join_words(
                [r.region.name for r in rows if r.fact is None and r.growth_fact is None]
            ),
            "statements": statements,
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
    )


def region_page(region: Region, site: Site, charts: list[Chart]) -> Page:
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
        title=region.name,
        description=region.summary,
        social=SocialCard(
            "Region",
            region.name,
            f"{count_noun(len(region.members), 'provincial-level division')} · "
            f"{count_noun(len(facts), 'figure')} · {count_noun(len(sources), 'source')}",
        ),
        data={
            "region": region,
            # Each member's other regions, so the page says when a province is shared.
            "member_elsewhere": {
                m.province.id: [
                    (other, om)
                    for other in site.regions
                    if other.id != region.id
                    for om in other.members
                    if om.province.id == m.province.id
                ]
                for m in region.members
            },
            "key_figures": site.key_figures[region.id][:KEY_FIGURES_ON_REGION],
            "groups": groups,
            "milestones": milestones,
            "sources": sources,
            "discrepancies": site.discrepancies_among(facts),
            "charts": [chart for chart in charts if not is_baseline(chart)],
            **like_for_like(site, charts, region),
        },
    )


def metric_page(metric: Metric, site: Site, charts: list[Chart]) -> Page:
    """Return a metric's page: definition, comparison, and what it can be compared with."""
    facts = site.derived.facts_by_metric.get(metric.id, [])
    comparison = site.derived.comparisons[metric.id]
    comparable = [site.model.metrics[i] for i in metric.comparable_with if i in site.model.metrics]
    return Page(
        path=path_of(metric),
        title=metric.label,
        description=metric.definition,
        social=SocialCard(
            "Metric",
            metric.label,
            f"{count_noun(len(comparison.reported), 'region')} "
            + ("reports it" if len(comparison.reported) == 1 else "report it"),
        ),
        data={
            "metric": metric,
            "comparison": comparison,
            "facts": facts,
            "comparable": comparable,
            "sources": site.sources_of(facts, []),
            "discrepancies": site.discrepancies_among(facts),
            "charts": charts,
        },
    )


def source_page(source: Source, site: Site, charts: list[Chart]) -> Page:
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
        title=source.title,
        description=source.summary,
        social=SocialCard("Source", source.title, source_byline(source)),
        data={
            "source": source,
            "corrections": site.derived.corrections_by_source.get(source.id, []),
            "entries": entries,
            "milestones": site.derived.milestones_by_source.get(source.id, []),
            "dates": source_dates(source),
            "discrepancies": site.discrepancies_among(facts),
        },
    )


def fact_page(fact: Fact, site: Site, charts: list[Chart]) -> Page:
    """Return a fact's permalink page: the figure, its quote, sources, dates and citation."""
    model = site.model
    regions = model.regions_of(fact.place_id)
    trail = [(path_of(r), r.name) for r in regions[:1]] + [
        (path_of(fact.metric), fact.metric.label)
    ]
    stated_growth = fact.growth and fact.value is not None  # else the value is the growth
    detail = format_time(fact) + (f" · {format_growth(fact.growth)}" if stated_growth else "")
    return Page(
        path=path_of(fact),
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
            "is_national": fact.place_id in model.nations,
            "corrections": site.derived.corrections_by_fact.get(fact.id, []),
            "dates": fact_dates(fact),
            "discrepancies": site.discrepancies_by_fact.get(fact.id, []),
            "citation": fact_citation(fact, model, site.config),
        },
    )


def content_page(page: ContentPage, site: Site, charts: list[Chart]) -> Page:
    """Return a prose page from content/."""
    files, schemas = downloads(site)
    return Page(
        path=path_of(page),
        title=page.title,
        description=page.description,
        social=SocialCard(site.config.title, page.title, page.description),
        data={"content": page, "downloads": files, "schemas": schemas},
    )


def content_rank(slug: str) -> tuple[int, str]:
    """Return the order of prose pages: the known ones first, then the rest by name."""
    return (CONTENT_ORDER.index(slug) if slug in CONTENT_ORDER else len(CONTENT_ORDER), slug)


def regions_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the index of regions."""
    return listing(
        "regions/",
        "Regions",
        "The regions of China compared on this site and their member provinces.",
        regions=site.regions,
    )


def metrics_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the index of metrics."""
    return listing(
        "metrics/",
        "Metrics",
        "What the figures on this site count, and which of them can be compared.",
        metrics=sorted(site.model.metrics.values(), key=lambda m: m.label),
    )


def compare_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the page that sets every region against every metric."""
    return Page(
        "compare/",
        "Compare the regions",
        "Every region against every metric in one table, with the date, growth and source "
        "of each figure, and why some cells cannot be compared.",
        SocialCard("Compare", "Every region, every measure"),
        {
            "comparisons": site.comparisons,
            "regions": site.regions,
            "charts": [chart for chart in charts if not is_baseline(chart)],
            **like_for_like(site, charts),
        },
    )


def sources_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the index of sources, newest first."""
    return listing(
        "sources/",
        "Sources",
        "The news articles every figure on this site is drawn from, newest first.",
        sources=site.derived.sources_newest_first,
        charts=charts,
    )


def facts_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the index of every figure, by region and place."""
    model = site.model
    return listing(
        "facts/",
        "All figures",
        "Every figure on this site, by region and place, each linked to its quote.",
        facts_by_region=[
            (region, site.derived.facts_by_region.get(region.id, [])) for region in site.regions
        ],
        unplaced=[
            f
            for f in sorted(model.facts.values(), key=lambda f: f.id)
            if not model.regions_of(f.place_id)
        ],
    )


def corrections_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the log of corrections, newest first."""
    return listing(
        "corrections/",
        "Corrections",
        "Every change to a figure or an article already published, with its date and reason.",
        corrections=site.derived.corrections_newest_first,
    )


def search_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the search page."""
    title = "Search"
    text = "Search the figures, regions, metrics and sources."
    return Page("search/", title, text, SocialCard(site.config.title, title))


def error_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the page served for an address that has none."""
    title = "Page not found"
    text = "There is no page at this address."
    return Page("404.html", title, text, SocialCard(site.config.title, title))


def listing(path: str, title: str, description: str, **data: Any) -> Page:
    """Return an index page that lists regions, metrics, sources or facts."""
    return Page(path, title, description, SocialCard("Index", title, description), data)


PageBuilder = Callable[[Any, Site, list[Chart]], Page]


@dataclass(frozen=True)
class PageType:
    """One kind of page: its template, the items it has a page for, and how to build one."""

    kind: PageKind
    template: str
    items: Callable[[Site], Iterable[Any]]  # one page per item; [None] for a single page
    build: PageBuilder
    searchable: bool = True  # indexed by Pagefind; lists and the front page only repeat


def in_id_order(items: str) -> Callable[[Site], list[Any]]:
    """Return a function giving the model's metrics, sources, facts or tables by id."""
    return lambda site: sorted(getattr(site.model, items).values(), key=lambda item: item.id)


def single(site: Site) -> list[None]:
    """Return the one 'item' of a page type that has a single page."""
    return [None]


PAGE_TYPES: tuple[PageType, ...] = (
    PageType(PageKind.HOME, "home.html", single, home_page, searchable=False),
    PageType(PageKind.REGIONS, "regions.html", single, regions_page, searchable=False),
    PageType(PageKind.REGION, "region.html", lambda site: site.regions, region_page),
    PageType(PageKind.METRICS, "metrics.html", single, metrics_page, searchable=False),
    PageType(
        PageKind.METRIC,
        "metric.html",
        in_id_order("metrics"),
        metric_page,
    ),
    PageType(PageKind.COMPARE, "compare.html", single, compare_page, searchable=False),
    PageType(PageKind.SOURCES, "sources.html", single, sources_page, searchable=False),
    PageType(
        PageKind.SOURCE,
        "source.html",
        in_id_order("sources"),
        source_page,
    ),
    PageType(PageKind.FACTS, "facts.html", single, facts_page, searchable=False),
    PageType(
        PageKind.FACT,
        "fact.html",
        in_id_order("facts"),
        fact_page,
    ),
    PageType(
        PageKind.CONTENT,
        "page.html",
        lambda site: [site.content[slug] for slug in sorted(site.content, key=content_rank)],
        content_page,
    ),
    PageType(PageKind.STATISTICS, "statistics.html", single, statistics_page, searchable=False),
    PageType(
        PageKind.STATISTIC,
        "statistic.html",
        in_id_order("tables"),
        statistic_page,
    ),
    PageType(PageKind.CORRECTIONS, "corrections.html", single, corrections_page),
    PageType(PageKind.SEARCH, "search.html", single, search_page, searchable=False),
    PageType(PageKind.ERROR, "404.html", single, error_page, searchable=False),
)


def build_pages(site: Site) -> list[Page]:
    """Return every page of the site, in a stable order, each with the charts placed on it."""
    pages = []
    for page_type in PAGE_TYPES:
        for item in page_type.items(site):
            placement = Placement(page_type.kind, getattr(item, "id", None))
            page = page_type.build(item, site, site.charts_on(placement))
            page.kind, page.template = page_type.kind, page_type.template
            page.searchable = page_type.searchable
            pages.append(page)
    return pages
