"""Charts of several metrics at once: stated growth side by side, and related figures by type.

Room: charts. Imports: derive, model, words, charts.bars, charts.layers, charts.model, charts.theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ipregions.charts import theme
from ipregions.charts.bars import Bar, Heading, bar_chart, fact_label, short_when, times_phrase
from ipregions.charts.layers import finish_spec
from ipregions.charts.model import (
    NO_FIGURE,
    Chart,
    ChartTable,
    TableRow,
    check_same_axis,
    dates_line,
    fact_record,
    figures_line,
    join_words,
    linked,
    slug,
)
from ipregions.derive import Comparison, Derived, latest
from ipregions.model import Fact, Metric, MetricKind, Model, Qualifier, Region
from ipregions.model.site import PageKind, Placement
from ipregions.ranking import GrowthStatement
from ipregions.words import (
    credit,
    format_change,
    format_growth,
    format_number,
    format_time,
    format_value,
    format_value_with_unit,
    is_year_on_year,
    lower_first,
    time_key,
)

GROWTH_BASIS = "year on year"
# Stated growth is a rate whatever it is the growth of, so every growth bar shares this axis.
GROWTH = Metric(
    id="year-on-year-growth",
    label="Year-on-year growth",
    unit="percent",
    unit_plural="percent",
    kind=MetricKind.RATE,
    definition="The change over the previous year that a source states, in percent.",
)


def year_on_year(fact: Fact | None) -> Fact | None:
    """Return the fact when it states year-on-year growth, else None."""
    if fact is not None and is_year_on_year(fact.growth):
        return fact
    return None


def short_growth(fact: Fact) -> str:
    """Return '+19%': the stated growth without its basis, which the chart's title gives."""
    assert fact.growth is not None
    return format_change(fact.growth)


def growth_bar(region: Region, fact: Fact | None) -> Bar:
    """Return a region's growth bar, or its 'no figure reported' mark."""
    colour = theme.region_colour(region.colour_index)
    if fact is None or fact.growth is None:
        return Bar(region.name, colour, None, None, NO_FIGURE, place=region.name)
    label = f"{short_growth(fact)} · {short_when(fact)}"
    return Bar(region.name, colour, GROWTH, fact.growth.percent, label, region.name, fact)


def growth_record(metric: Metric, region: Region, fact: Fact | None) -> dict[str, Any]:
    """Return the CSV row of one region's stated growth on a metric."""
    growth = fact.growth if fact else None
    return {
        "metric_id": metric.id,
        "metric": metric.label,
        "region_id": region.id,
        "region": region.name,
        "growth_percent": growth.percent if growth else "",
        "growth_basis": growth.basis if growth else "",
        "growth_qualifier": growth.qualifier.value if growth else "",
        **fact_record(fact),
    }


def growth_words(
    comparisons: Sequence[Comparison], statements: Sequence[GrowthStatement]
) -> tuple[str, str]:
    """Return the takeaway (derive's dated words, a ranking only where allowed) and description."""
    by_metric = {statement.metric.id: statement for statement in statements}
    said, stated, missing = [], [], []
    for comparison in comparisons:
        label = lower_first(comparison.metric.label)
        growing = [(row.region, year_on_year(row.growth_fact)) for row in comparison.rows]
        reported = [(region, fact) for region, fact in growing if fact]
        missing += [f"{region.name} ({label})" for region, fact in growing if not fact]
        statement = by_metric.get(comparison.metric.id)
        if statement is not None:
            sentence = statement.sentence_marked(linked)
            lead = statement.headline if statement.can_rank else comparison.metric.label
            said.append(f"{lead}: {sentence}")
        clauses = [
            f"{r.name} {linked(f, format_growth(f.growth))} {format_time(f)}" for r, f in reported
        ]
        stated.append(f"{comparison.metric.label}: {join_words(clauses)}")
    description = "Stated year-on-year growth. " + ". ".join(stated) + "."
    if missing:
        description += f" No growth figure reported for {join_words(missing)}."
    return " ".join(said), description


def growth_chart(derived: Derived) -> Chart | None:
    """Return stated year-on-year growth side by side, for metrics several regions state it of."""
    comparisons = [
        comparison
        for comparison in derived.comparisons.values()
        if sum(1 for row in comparison.rows if year_on_year(row.growth_fact)) >= 2
    ]
    if not comparisons:
        return None
    items: list[Bar | Heading] = []
    rows, data, facts = [], [], []
    for comparison in comparisons:
        metric = comparison.metric
        items.append(Heading(metric.label))
        for row in comparison.rows:
            fact = year_on_year(row.growth_fact)
            items.append(growth_bar(row.region, fact))
            data.append(growth_record(metric, row.region, fact))
            cells = (metric.label, row.region.name, NO_FIGURE, "", "")
            if fact is not None:
                facts.append(fact)
                sources = "; ".join(credit(s) for s in fact.sources)
                growth = format_growth(fact.growth)
                cells = (metric.label, row.region.name, growth, format_time(fact), sources)
            rows.append(TableRow(cells, fact_id=fact.id if fact else None))
    takeaway, description = growth_words(comparisons, derived.growth_statements)
    by_id = {fact.id: fact for fact in facts}
    subtitle = f"Change over the previous year as each region stated it, {times_phrase(facts)}"
    chart = bar_chart(items, [GROWTH], title=GROWTH.label, subtitle=subtitle)
    regions = sorted({fact.place_id for fact in facts})
    return Chart(
        id="growth-year-on-year",
        title=GROWTH.label,
        takeaway=takeaway,
        description=description,
        spec=finish_spec(chart, description),
        table=ChartTable(("Figure", "Region", "Growth", "When", "Source"), tuple(rows), 2),
        data=data,
        source_line=figures_line(facts),
        dates_line=dates_line(
            (f"{row.cells[1]} ({lower_first(row.cells[0])})", by_id.get(row.fact_id or ""))
            for row in rows
        ),
        pages=(
            Placement(PageKind.HOME),
            Placement(PageKind.COMPARE),
            *(Placement(PageKind.METRIC, comparison.metric.id) for comparison in comparisons),
            *(Placement(PageKind.REGION, region) for region in regions),
        ),
    )


def metric_groups(model: Model) -> list[list[Metric]]:
    """Return the groups of two or more metrics linked by comparable_with, kinds checked."""
    neighbours: dict[str, set[str]] = {metric_id: set() for metric_id in model.metrics}
    for metric in model.metrics.values():
        for other in metric.comparable_with:
            if other in neighbours:
                neighbours[metric.id].add(other)
                neighbours[other].add(metric.id)
    groups, seen = [], set()
    for start in sorted(neighbours):
        if start in seen or not neighbours[start]:
            continue
        members, stack = set(), [start]
        while stack:
            current = stack.pop()
            if current not in members:
                members.add(current)
                stack.extend(neighbours[current] - members)
        seen |= members
        group = sorted((model.metrics[m] for m in members), key=lambda m: (m.label, m.id))
        check_same_axis(group)
        groups.append(group)
    return groups


def group_title(group: Sequence[Metric]) -> str:
    """Return 'IP protection centres by type' from the longest run of words all labels share."""
    labels = [metric.label.replace(",", "").split() for metric in group]
    shortest = min(labels, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            run = [word.lower() for word in shortest[start : start + size]]
            if all(contains_run(words, run) for words in labels):
                text = " ".join(shortest[start : start + size])
                return f"{text[:1].upper()}{text[1:]} by type"
    return join_words([metric.label for metric in group])


def contains_run(words: list[str], run: list[str]) -> bool:
    """Return whether the words hold the run, in order and next to each other, in any case."""
    lowered = [word.lower() for word in words]
    return any(lowered[i : i + len(run)] == run for i in range(len(lowered) - len(run) + 1))


def breakdown_row(region: Region, fact: Fact | None) -> tuple[TableRow, dict[str, Any]]:
    """Return the table row and the CSV row of one region's figure of one type."""
    if fact is None:
        row = TableRow((region.name, "", NO_FIGURE, "", ""))
        record = {"region_id": region.id, "region": region.name, "metric_id": "", "metric": ""}
        return row, {**record, **fact_record(None)}
    cells = (
        region.name,
        fact.metric.label,
        format_value_with_unit(fact),
        format_time(fact),
        "; ".join(credit(s) for s in fact.sources),
    )
    record = {
        "region_id": region.id,
        "region": region.name,
        "metric_id": fact.metric.id,
        "metric": fact.metric.label,
    }
    return TableRow(cells, fact_id=fact.id), {**record, **fact_record(fact)}


def sum_in(group: Sequence[Metric]) -> tuple[Metric, list[Metric]] | None:
    """Return a metric of the group that sums others of it, and those parts; None if none does."""
    by_id = {metric.id: metric for metric in group}
    for metric in group:
        if metric.sum_of and all(part in by_id for part in metric.sum_of):
            return metric, [by_id[part] for part in metric.sum_of]
    return None


def stacked_bar(region: Region, whole: Metric, parts: list[Fact]) -> Bar:
    """Return one bar of the parts added up, each part a segment with its own fact."""
    colour = theme.region_colour(region.colour_index)
    total = sum(fact.value or 0 for fact in parts)
    qualifiers = {fact.qualifier for fact in parts} - {Qualifier.EXACT}
    qualifier = (
        "" if not qualifiers else f"{qualifiers.pop().value} " if len(qualifiers) == 1 else "about "
    )
    # "13 national + 5 rapid": each part by the first word of its label, which names its type.
    added = " + ".join(f"{format_value(f)} {f.metric.label.split()[0].lower()}" for f in parts)
    label = f"{qualifier}{format_number(total)} ({added}) · {short_when(parts[0])}"
    segments = tuple(
        Bar(fact.metric.label, colour, fact.metric, fact.value, fact_label(fact), region.name, fact)
        for fact in parts
    )
    return Bar(whole.label, colour, whole, total, label, region.name, parts=segments)


def region_bars(
    region: Region, facts: list[Fact], summed: tuple[Metric, list[Metric]] | None
) -> list[Bar]:
    """Return a region's bars: its parts of a sum stacked when they share a time, else each."""
    colour = theme.region_colour(region.colour_index)
    if summed is not None:
        whole, part_metrics = summed
        parts = [next((f for f in facts if f.metric.id == m.id), None) for m in part_metrics]
        found = [fact for fact in parts if fact is not None]
        has_whole = any(fact.metric.id == whole.id for fact in facts)
        if len(found) == len(parts) and not has_whole and len({time_key(f) for f in found}) == 1:
            rest = [fact for fact in facts if fact not in found]
            return [stacked_bar(region, whole, found)] + [
                Bar(f.metric.label, colour, f.metric, f.value, fact_label(f), region.name, f)
                for f in rest
            ]
    return [
        Bar(fact.metric.label, colour, fact.metric, fact.value, fact_label(fact), region.name, fact)
        for fact in facts
    ]


def breakdown_chart(model: Model, derived: Derived, group: Sequence[Metric]) -> Chart | None:
    """Return related metrics (centres by type) for each region; parts of a sum stacked."""
    regions = model.regions_in_order
    own: dict[str, list[Fact]] = {}
    for region in regions:
        place_facts = derived.facts_by_place.get(region.id, [])
        found = [
            latest([f for f in place_facts if f.metric.id == metric.id and f.value is not None])
            for metric in group
        ]
        own[region.id] = [fact for fact in found if fact is not None]
    reporting = [region for region in regions if own[region.id]]
    if len(reporting) < 2:
        return None
    title = group_title(group)
    summed = sum_in(group)
    items: list[Bar | Heading] = []
    rows, data = [], []
    stacked: dict[str, Bar] = {}
    for region in regions:
        items.append(Heading(region.name))
        colour = theme.region_colour(region.colour_index)
        if not own[region.id]:
            items.append(Bar("", colour, None, None, NO_FIGURE, place=region.name))
        bars = region_bars(region, own[region.id], summed)
        stacked.update((region.id, bar) for bar in bars if bar.parts)
        items.extend(bars)
        reported: list[Fact | None] = [*own[region.id]] or [None]
        for fact in reported:
            row, record = breakdown_row(region, fact)
            rows.append(row)
            data.append(record)
    clauses = []
    for region in reporting:
        parts = [
            f"{linked(f, format_value(f))} {lower_first(f.metric.label)}" for f in own[region.id]
        ]
        together = stacked.get(region.id)
        if together is not None and together.value is not None:
            total = format_number(together.value)
            clauses.append(f"{region.name} reported {join_words(parts)}, {total} together")
        else:
            clauses.append(f"{region.name} reported {join_words(parts)}")
    takeaway = "; ".join(clauses) + "."
    details = [
        f"{clause} ({', '.join(dict.fromkeys(format_time(f) for f in own[region.id]))})"
        for clause, region in zip(clauses, reporting, strict=True)
    ]
    description = f"{title}. " + "; ".join(details) + "."
    missing = [region.name for region in regions if not own[region.id]]
    if missing:
        description += f" {join_words(missing)} reported no figure."
    if stacked and summed:
        description += (
            f" {summed[0].label} counts {join_words([lower_first(m.label) for m in summed[1]])} "
            "added together, so a region's separate counts of one date are drawn as one bar "
            "split into its parts, to set beside it; no other figures are added."
        )
    else:
        description += (
            " Each figure is shown as reported; figures of different types are not added."
        )
    facts = [fact for region in reporting for fact in own[region.id]]
    subtitle = f"Figures as each region reported them, {times_phrase(facts)}"
    chart = bar_chart(items, group, title=title, subtitle=subtitle)
    return Chart(
        id=slug(title),
        title=title,
        takeaway=takeaway,
        description=description,
        spec=finish_spec(chart, description),
        table=ChartTable(("Region", "Type", "Figure", "When", "Source"), tuple(rows), 2),
        data=data,
        source_line=figures_line(facts),
        dates_line=dates_line(
            (f"{region.name} ({lower_first(fact.metric.label)})", fact)
            for region in reporting
            for fact in own[region.id]
        ),
        pages=(
            Placement(PageKind.COMPARE),
            *(Placement(PageKind.METRIC, metric.id) for metric in group),
            *(Placement(PageKind.REGION, region.id) for region in reporting),
        ),
    )
