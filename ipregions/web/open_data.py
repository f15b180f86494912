"""Write the open data: every fact, region, metric and source as CSV and JSON, with the schemas.

Room: web. Imports: model, web.csv_tables, web.official_data, web.datapackage.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ipregions.model import Fact, FuzzyDate, Membership, Metric, Milestone, Model, Region, Source
from ipregions.model.site import SiteConfig
from ipregions.web.csv_tables import Column, Row, iso, number, table_docs, to_csv
from ipregions.web.datapackage import datapackage
from ipregions.web.official_data import (
    AGGREGATE_COLUMNS,
    STATISTIC_COLUMNS,
    aggregate_csv,
    statistic_rows,
)


def inferred(fact: Fact) -> FuzzyDate | None:
    """Return the fact's date whose part was inferred, if any."""
    dates = (
        [fact.as_of] if fact.as_of else [fact.period.end, fact.period.start] if fact.period else []
    )
    return next((date for date in dates if date.inferred), None)


@dataclass(frozen=True)
class Context:
    """What a row's cells may need besides the item: the model and the site's address."""

    model: Model
    config: SiteConfig

    def place_name(self, place_id: str) -> str:
        """Return the English name of a region or province."""
        return self.model.place_name(place_id)


def permalink(fact: Fact, config: SiteConfig) -> str:
    """Return the fact's permanent address on the site, absolute so that a re-user can follow it."""
    return config.absolute(f"facts/{fact.id}/")


def quotes(fact: Fact) -> list[str]:
    """Return every article's words for a fact, first the one it was entered from."""
    return [f"{citation.source.id}: {citation.quote}" for citation in fact.citations]


FACT_COLUMNS: list[Column] = [
    ("id", "The fact's permanent id.", lambda f, m: f.id),
    ("place_id", "The region or province the figure is about.", lambda f, m: f.place_id),
    ("place_name", "Its English name.", lambda f, m: m.place_name(f.place_id)),
    ("metric_id", "What is counted (see metrics.csv).", lambda f, m: f.metric.id),
    ("metric_label", "What is counted, in words.", lambda f, m: f.metric.label),
    (
        "metric_kind",
        "stock, flow, institutions, rate, money or count.",
        lambda f, m: f.metric.kind.value,
    ),
    ("value", "The figure as a plain number.", lambda f, m: number(f.value)),
    (
        "qualifier",
        "exact, more than, nearly or about, as the article words it; rounded for a number "
        "the article prints rounded without saying so.",
        lambda f, m: f.qualifier.value,
    ),
    ("unit", "The unit of the value: patent, case, percent, yuan.", lambda f, m: f.metric.unit),
    ("as_of", "The date a level refers to (2024-06), empty for flows.", lambda f, m: iso(f.as_of)),
    (
        "period_start",
        "The first month or day a flow covers.",
        lambda f, m: iso(f.period.start) if f.period else None,
    ),
    (
        "period_end",
        "The last month or day a flow covers.",
        lambda f, m: iso(f.period.end) if f.period else None,
    ),
    (
        "precision",
        "How much of the date is known: year, month or day.",
        lambda f, m: f.reference_date.precision.value,
    ),
    (
        "inferred",
        "Which part of the date we inferred (year, month, day, date); empty if printed.",
        lambda f, m: (d := inferred(f)) and d.inferred,
    ),
    ("inferred_why", "Why we inferred it.", lambda f, m: (d := inferred(f)) and d.why),
    (
        "growth_percent",
        "The stated change in percent, if any.",
        lambda f, m: number(f.growth.percent) if f.growth else None,
    ),
    (
        "growth_basis",
        "What the change is measured against, in the source's words (year-on-year, from the "
        "previous year); empty when the source does not say.",
        lambda f, m: f.growth.basis if f.growth else None,
    ),
    (
        "equivalent_value",
        "The same amount as printed in another unit.",
        lambda f, m: number(f.equivalent.value) if f.equivalent else None,
    ),
    (
        "equivalent_unit",
        "That other unit: USD.",
        lambda f, m: f.equivalent.unit if f.equivalent else None,
    ),
    (
        "source_ids",
        "The articles that state it, first the one it was entered from (see sources.csv).",
        lambda f, m: [s.id for s in f.sources],
    ),
    ("quote", "The first article's words, verbatim.", lambda f, m: f.citations[0].quote),
    (
        "quotes",
        "Every article's words for the figure, the corroborating ones too, each as 'source id: "
        "quote'; in the CSV one quote per line of the cell.",
        lambda f, m: quotes(f),
    ),
    (
        "caveat",
        "What the figures of this metric cannot be compared with (from metrics.csv).",
        lambda f, m: f.metric.caveat,
    ),
    ("note", "Our note for readers.", lambda f, m: f.note),
    (
        "permalink",
        "The fact's page on this site, as an absolute address.",
        lambda f, m: permalink(f, m.config),
    ),
]

MILESTONE_COLUMNS: list[Column] = [
    ("id", "The milestone's permanent id.", lambda x, m: x.id),
    ("place_id", "The region or province it happened in.", lambda x, m: x.place_id),
    ("place_name", "Its English name.", lambda x, m: m.place_name(x.place_id)),
    ("date", "When, at the precision known: 2024, 2024-06 or 2024-06-30.", lambda x, m: x.date.iso),
    (
        "precision",
        "How much of the date is known: year, month or day.",
        lambda x, m: x.date.precision.value,
    ),
    (
        "inferred",
        "Which part of the date we inferred (year, month, day, date); empty if printed.",
        lambda x, m: x.date.inferred,
    ),
    ("inferred_why", "Why we inferred it.", lambda x, m: x.date.why),
    ("title", "What happened, in our words.", lambda x, m: x.title),
    (
        "source_id",
        "The article that reports it (see sources.csv).",
        lambda x, m: x.citation.source.id,
    ),
    ("quote", "The article's words, verbatim.", lambda x, m: x.citation.quote),
]

REGION_COLUMNS: list[Column] = [
    ("region_id", "The region's id.", lambda r, p: r.id),
    ("region_name", "Its English name.", lambda r, p: r.name),
    ("region_name_zh", "Its Chinese name.", lambda r, p: r.name_zh),
    ("province_id", "A member province's id (one row per member).", lambda r, p: p.province.id),
    ("province_name", "The province's English name.", lambda r, p: p.province.name),
    ("province_name_zh", "The province's Chinese name.", lambda r, p: p.province.name_zh),
    (
        "province_kind",
        "province, municipality, autonomous region or special administrative region.",
        lambda r, p: p.province.kind,
    ),
    ("part", "Which part belongs, when only part of the province does.", lambda r, p: p.part),
]

METRIC_COLUMNS: list[Column] = [
    ("id", "The metric's id.", lambda x: x.id),
    ("label", "What is counted.", lambda x: x.label),
    ("unit", "Singular unit.", lambda x: x.unit),
    ("unit_plural", "Plural unit.", lambda x: x.unit_plural),
    (
        "kind",
        "stock, flow, institutions, rate, money or count: only like kinds share an axis.",
        lambda x: x.kind.value,
    ),
    ("definition", "Our definition of what is counted.", lambda x: x.definition),
    (
        "comparable_with",
        "Metrics whose figures may sit beside these.",
        lambda x: list(x.comparable_with),
    ),
    ("caveat", "What the figures cannot be compared with.", lambda x: x.caveat),
]

SOURCE_COLUMNS: list[Column] = [
    ("id", "The article's id.", lambda s, x: s.id),
    ("title", "Its headline.", lambda s, x: s.title),
    ("author", "Its byline.", lambda s, x: s.author),
    ("outlet", "The outlet that wrote it.", lambda s, x: s.original.name),
    ("outlet_url", "Its address, when known.", lambda s, x: s.original.url),
    (
        "read_at",
        "Where we read it, when that is a republication.",
        lambda s, x: s.read_at.name if s.read_at else None,
    ),
    ("read_at_url", "That page's address.", lambda s, x: s.read_at.url if s.read_at else None),
    ("published", "When it was published, at the precision known.", lambda s, x: iso(s.published)),
    (
        "published_inferred",
        "Which part of that date we inferred.",
        lambda s, x: s.published.inferred if s.published else None,
    ),
    ("added", "When it joined this site.", lambda s, x: s.added.isoformat()),
    (
        "event",
        "What it reports on: press conference.",
        lambda s, x: s.event.kind if s.event else None,
    ),
    ("event_date", "When that was held.", lambda s, x: iso(s.event.date) if s.event else None),
    ("summary", "Our summary.", lambda s, x: s.summary),
    ("fact_ids", "The facts it states.", lambda s, x: x[s.id]),
]


COLUMN_DOCS: dict[str, list[tuple[str, str]]] = {
    "facts.csv": table_docs(FACT_COLUMNS),
    "facts.json": table_docs(FACT_COLUMNS),
    "regions.csv": table_docs(REGION_COLUMNS),
    "metrics.csv": table_docs(METRIC_COLUMNS),
    "sources.csv": table_docs(SOURCE_COLUMNS),
    "statistics.csv": table_docs(STATISTIC_COLUMNS),
    "region-aggregates.csv": AGGREGATE_COLUMNS,
    "milestones.csv": table_docs(MILESTONE_COLUMNS),
}


def fact_rows(context: Context) -> list[Row]:
    """Return one row per fact, ordered by id."""
    facts = sorted(context.model.facts.values(), key=lambda fact: fact.id)
    return [{name: get(fact, context) for name, _, get in FACT_COLUMNS} for fact in facts]


def milestone_rows(context: Context) -> list[Row]:
    """Return one row per milestone, ordered by date, then id."""
    milestones: list[Milestone] = sorted(
        context.model.milestones.values(), key=lambda m: (m.date.first_day, m.id)
    )
    return [{name: get(item, context) for name, _, get in MILESTONE_COLUMNS} for item in milestones]


def region_rows(model: Model) -> list[Row]:
    """Return one row per region and member province."""
    pairs: list[tuple[Region, Membership]] = [
        (region, member) for _, region in sorted(model.regions.items()) for member in region.members
    ]
    return [
        {name: get(region, member) for name, _, get in REGION_COLUMNS} for region, member in pairs
    ]


def metric_rows(model: Model) -> list[Row]:
    """Return one row per metric."""
    metrics: list[Metric] = [metric for _, metric in sorted(model.metrics.items())]
    return [{name: get(metric) for name, _, get in METRIC_COLUMNS} for metric in metrics]


def source_rows(model: Model) -> list[Row]:
    """Return one row per source, with the facts it states."""
    stated: dict[str, list[str]] = defaultdict(list)
    for fact_id, fact in sorted(model.facts.items()):
        for source in fact.sources:
            stated[source.id].append(fact_id)
    sources: list[Source] = [source for _, source in sorted(model.sources.items())]
    return [{name: get(source, stated) for name, _, get in SOURCE_COLUMNS} for source in sources]


def open_data_files(
    model: Model, schemas: Mapping[str, bytes], config: SiteConfig, updated: dt.date
) -> dict[str, bytes]:
    """Return every open data file by its path under site/data/, the same bytes on every run."""
    context = Context(model, config)
    facts = fact_rows(context)
    files = {
        "facts.csv": to_csv(FACT_COLUMNS, facts),
        "facts.json": (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        "regions.csv": to_csv(REGION_COLUMNS, region_rows(model)),
        "metrics.csv": to_csv(METRIC_COLUMNS, metric_rows(model)),
        "sources.csv": to_csv(SOURCE_COLUMNS, source_rows(model)),
        "statistics.csv": to_csv(STATISTIC_COLUMNS, statistic_rows(model)),
        "region-aggregates.csv": aggregate_csv(model),
        "milestones.csv": to_csv(MILESTONE_COLUMNS, milestone_rows(context)),
    }
    files["datapackage.json"] = datapackage(model, config, updated, COLUMN_DOCS)
    files.update({f"schemas/{name}": schema for name, schema in schemas.items()})
    return files
