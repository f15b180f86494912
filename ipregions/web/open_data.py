"""Write the open data: every fact, region, metric and source as CSV and JSON, with the schemas.

Room: web. Imports: model.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from ipregions.baseline import derive_baseline
from ipregions.model import Fact, FuzzyDate, Membership, Metric, Model, Region, Source

Row = dict[str, Any]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a formula
Column = tuple[str, str, Callable[..., Any]]  # name, description for the Data page, getter


def number(value: float | None) -> int | float | None:
    """Return a whole number as an int so files print 618000, not 618000.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def iso(date: FuzzyDate | None) -> str | None:
    """Return a date as ISO text at its own precision."""
    return date.iso if date is not None else None


def inferred(fact: Fact) -> FuzzyDate | None:
    """Return the fact's date whose part was inferred, if any."""
    dates = (
        [fact.as_of] if fact.as_of else [fact.period.end, fact.period.start] if fact.period else []
    )
    return next((date for date in dates if date.inferred), None)


def permalink(fact: Fact) -> str:
    """Return the fact's permanent address on the site."""
    return f"/facts/{fact.id}/"


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
        "exact, more than, nearly or about, as the article words it.",
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
        "What the change compares with: year on year.",
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
    ("note", "Our note for readers.", lambda f, m: f.note),
    ("permalink", "The fact's page on this site.", lambda f, m: permalink(f)),
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


STATISTIC_COLUMNS: list[Column] = [
    ("table_id", "The official table's id: its page is /statistics/<id>/.", lambda t, r, i: t.id),
    ("statistic", "What is counted; one id across tables.", lambda t, r, i: t.statistic),
    ("statistic_label", "What is counted, in words.", lambda t, r, i: t.statistic_label),
    ("province", "A province id, or empty for a row printed apart.", lambda t, r, i: r.place_id),
    ("row_label", "The row as printed or the province's name.", lambda t, r, i: r.label),
    (
        "mainland",
        "yes for the 31 mainland provinces.",
        lambda t, r, i: "yes" if r in t.rows else "no",
    ),
    ("year", "The year the value refers to.", lambda t, r, i: t.years[i]),
    (
        "as_of",
        "The month for a monthly report (2012-03), else the year.",
        lambda t, r, i: FuzzyDate(t.years[i], t.month).iso,
    ),
    ("value", "The value as printed.", lambda t, r, i: number(r.values[i])),
    ("unit", "The printed unit.", lambda t, r, i: t.unit),
    (
        "table",
        "Publisher, publication and table number.",
        lambda t, r, i: f"{t.publisher}, {t.edition}, table {t.number}",
    ),
    ("url", "The table's address.", lambda t, r, i: t.url),
]

AGGREGATE_COLUMNS = [
    ("table_id", "The official table's id."),
    ("statistic", "What is counted."),
    ("region_id", "The region."),
    ("year", "The year."),
    ("as_of", "The month or year the figures refer to."),
    ("total", "The sum of the members that belong whole."),
    ("total_counting_partial_members_whole", "Also every partial member counted whole."),
    ("partial_members", "Provinces that belong only in part, left out of total."),
    ("national_total", "The sum of the 31 mainland provinces (not the printed total)."),
    ("share_percent", "total as a percentage of national_total."),
    ("share_counting_partial_members_whole_percent", "The same with partial members whole."),
    ("unit", "The printed unit."),
    ("url", "The table's address."),
]


def table_docs(columns: list[Column]) -> list[tuple[str, str]]:
    """Return the (column, description) pairs of a table."""
    return [(name, description) for name, description, _ in columns]


COLUMN_DOCS: dict[str, list[tuple[str, str]]] = {
    "facts.csv": table_docs(FACT_COLUMNS),
    "facts.json": table_docs(FACT_COLUMNS),
    "regions.csv": table_docs(REGION_COLUMNS),
    "metrics.csv": table_docs(METRIC_COLUMNS),
    "sources.csv": table_docs(SOURCE_COLUMNS),
    "statistics.csv": table_docs(STATISTIC_COLUMNS),
    "region-aggregates.csv": AGGREGATE_COLUMNS,
}


def defuse(cell: Any) -> Any:
    """Return text a spreadsheet would run as a formula with a quote before it, as OWASP advises."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(columns: list[Column], rows: list[Row]) -> bytes:
    """Return rows as UTF-8 CSV; lists are joined with semicolons, None is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in columns])
    for row in rows:
        cells = []
        for name, _, _ in columns:
            value = row[name]
            cells.append(
                defuse(
                    ";".join(value) if isinstance(value, list) else "" if value is None else value
                )
            )
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def fact_rows(model: Model) -> list[Row]:
    """Return one row per fact, ordered by id."""
    facts = sorted(model.facts.values(), key=lambda fact: fact.id)
    return [{name: get(fact, model) for name, _, get in FACT_COLUMNS} for fact in facts]


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


def statistic_rows(model: Model) -> list[Row]:
    """Return one row per official table, printed row and year."""
    return [
        {name: get(table, row, index) for name, _, get in STATISTIC_COLUMNS}
        for _, table in sorted(model.tables.items())
        for row in table.rows + table.other_rows
        for index in range(len(table.years))
    ]


def aggregate_csv(model: Model) -> bytes:
    """Return the region totals and shares of every summable table as CSV."""
    regions = sorted(model.regions.values(), key=lambda r: r.colour_index)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in AGGREGATE_COLUMNS])
    for item in sorted(derive_baseline(model, regions).tables, key=lambda t: t.table.id):
        table = item.table
        for series in item.series:
            partial = ";".join(m.province.id for m in series.partial)
            for year in series.years:
                writer.writerow(
                    [
                        table.id,
                        table.statistic,
                        series.region.id,
                        year.year,
                        year.date.iso,
                        number(year.total),
                        number(year.whole_total),
                        partial,
                        number(year.national),
                        rounded(year.share),
                        rounded(year.whole_share),
                        table.unit,
                        table.url,
                    ]
                )
    return out.getvalue().encode("utf-8")


def rounded(value: float | None) -> float | None:
    """Return a share rounded to four decimals, or None."""
    return None if value is None else round(value, 4)


def open_data_files(model: Model, schemas: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return every open data file by its path under site/data/, the same bytes on every run."""
    facts = fact_rows(model)
    files = {
        "facts.csv": to_csv(FACT_COLUMNS, facts),
        "facts.json": (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        "regions.csv": to_csv(REGION_COLUMNS, region_rows(model)),
        "metrics.csv": to_csv(METRIC_COLUMNS, metric_rows(model)),
        "sources.csv": to_csv(SOURCE_COLUMNS, source_rows(model)),
        "statistics.csv": to_csv(STATISTIC_COLUMNS, statistic_rows(model)),
        "region-aggregates.csv": aggregate_csv(model),
    }
    files.update({f"schemas/{name}": schema for name, schema in schemas.items()})
    return files
