"""Bar charts with direct labels, and the chart of one metric across every region.

Also what every chart builder uses: layered_spec (shared Altair layers plus a chart's own
data, height and title) and finish_spec (theme, description).

Room: charts. Imports: derive, model, words, charts.layers, charts.model, charts.theme.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from ipregions.charts import theme
from ipregions.charts.layers import NO_DATA, PIXELS, finish_spec, kind_is, layered_spec
from ipregions.charts.model import (
    NO_FIGURE,
    Chart,
    ChartError,
    ChartTable,
    TableRow,
    check_same_axis,
    dates_line,
    fact_record,
    figures_line,
    join_words,
    linked,
)
from ipregions.derive import Comparison
from ipregions.model import Fact, Metric, MetricKind, Region
from ipregions.model.site import PageKind, Placement
from ipregions.words import (
    INFERRED_MARK,
    credit,
    format_time,
    format_time_short,
    format_value,
    format_value_with_unit,
    lower_first,
    time_is_inferred,
    time_key,
)

NAME_HEIGHT = 20  # a bar's name line above the bar
ROW_GAP = 14
HEADING_HEIGHT = 28
HEADING_GAP = 10  # more room above a group heading than between bars
LABEL_GAP = 6  # between a bar's end and its value label

TOOLTIP = [
    alt.Tooltip("place:N", title="Where"),
    alt.Tooltip("label:N", title="Figure"),
    alt.Tooltip("when:N", title="When"),
    alt.Tooltip("quote:N", title="Quote"),
    alt.Tooltip("source:N", title="Source"),
]


@dataclass(frozen=True)
class Bar:
    """One bar, or the labelled lack of one: a name above, the value and its date beside."""

    name: str
    colour: str
    metric: Metric | None  # what the value counts; None when no figure is reported
    value: float | None
    label: str  # "more than 7.04 million · Jun 2024", or "no figure reported"
    place: str = ""
    fact: Fact | None = None
    parts: tuple[Bar, ...] = ()  # a stacked bar: its value is theirs added, each keeps its fact


# A stacked bar's parts: the first in the region's colour, the next lighter, and so on.
PART_OPACITY = (1.0, 0.55, 0.3)


@dataclass(frozen=True)
class Heading:
    """A group heading between bars: a metric in the growth chart, a region in a breakdown."""

    text: str


def fact_label(fact: Fact) -> str:
    """Return the label beside a bar: the value with its qualifier, then its date, * if inferred."""
    return f"{format_value(fact)} · {short_when(fact)}"


def short_when(fact: Fact) -> str:
    """Return 'Jun 2024', with the inferred mark when we inferred part of it: 'Jun 2024*'."""
    return format_time_short(fact) + (INFERRED_MARK if time_is_inferred(fact) else "")


def value_domain(bars: Sequence[Bar]) -> tuple[float, float]:
    """Return the value axis's extent, with room right of the longest bar for its label."""
    values = [bar.value for bar in bars if bar.value is not None]
    low = min([0.0, *values])
    span = max([0.0, *values]) - low or 1.0
    for bar in bars:
        if bar.value is None:
            continue
        room = max(theme.WIDTH - LABEL_GAP - theme.text_width(bar.label), theme.WIDTH * 0.25)
        span = max(span, (max(bar.value, 0.0) - low) * theme.WIDTH / room)
    return low, low + round_up(span)


def round_up(value: float) -> float:
    """Return value rounded up to three significant digits: 837,559.4 becomes 838,000."""
    if value <= 0:
        return value
    step = 10 ** (math.floor(math.log10(value)) - 2)
    return round(math.ceil(value / step) * step, 12)


def bar_records(items: Sequence[Bar | Heading]) -> tuple[list[dict[str, Any]], int]:
    """Return one record per heading and bar with its pixel rows, and the total height."""
    records = []
    y = 0
    for item in items:
        if isinstance(item, Heading):
            y += HEADING_GAP if y else 0
            records.append({"kind": "heading", "text": item.text, "y": y})
            y += HEADING_HEIGHT
            continue
        name_y = y
        if item.name:
            y += NAME_HEIGHT
        start = 0.0
        for index, part in enumerate(item.parts):
            assert part.value is not None
            opacity = PART_OPACITY[min(index, len(PART_OPACITY) - 1)]
            records.append(bar_record(part, "part", name_y, y, start, opacity))
            start += part.value
        kind = "total" if item.parts else "bar" if item.value is not None else "none"
        records.append(bar_record(item, kind, name_y, y, 0.0, 1.0))
        y += theme.BAR_SIZE + ROW_GAP
    return records, max(y - ROW_GAP, 1)


def bar_record(
    item: Bar, kind: str, name_y: float, y: float, start: float, opacity: float
) -> dict[str, Any]:
    """Return the record of a bar, a part of a stacked bar, or a missing figure's mark."""
    fact = item.fact
    citation = fact.citations[0] if fact else None
    end = start + item.value if item.value is not None else None
    return {
        "kind": kind,
        "name": item.name,
        "name_y": name_y,
        "bar_y": y,
        "bar_y2": y + theme.BAR_SIZE,
        "mid_y": y + theme.BAR_SIZE / 2,
        "start": start,
        "value": end,
        "label_at": max(end, 0.0) if end is not None else None,
        "label": item.label,
        "colour": item.colour,
        "opacity": opacity,
        "place": item.place,
        "when": format_time(fact) if fact else "",
        "quote": citation.quote if citation else "",
        "source": credit(citation.source) if citation else "",
        "fact_id": fact.id if fact else "",
    }


@functools.cache
def bar_layers() -> str:
    """Return, as JSON, the marks every bar chart shares: built once with Altair."""
    # Only the data, the height, the title and the value axis's extent (the params x_low and
    # x_high) differ from chart to chart, so each chart starts from a copy of these layers.
    x_scale = alt.Scale(
        domainMin=alt.ExprRef("x_low"), domainMax=alt.ExprRef("x_high"), nice=False, zero=False
    )
    headings = (
        alt.Chart()
        .mark_text(align="left", baseline="top", fontWeight="bold")
        .encode(x=alt.XValue(0), y=alt.Y("y:Q", **PIXELS), text=alt.Text("text:N"))
        .transform_filter(kind_is("heading"))
    )
    names = (
        alt.Chart()
        .mark_text(align="left", baseline="top")
        .encode(x=alt.XValue(0), y=alt.Y("name_y:Q", **PIXELS), text=alt.Text("name:N"))
        .transform_filter(alt.FieldOneOfPredicate(field="kind", oneOf=["bar", "total", "none"]))
    )
    rects = (
        alt.Chart()
        .mark_rect()
        .encode(
            x=alt.X("value:Q", scale=x_scale, axis=None),
            x2=alt.X2("start:Q"),
            y=alt.Y("bar_y:Q", **PIXELS),
            y2=alt.Y2("bar_y2:Q"),
            color=alt.Color("colour:N", scale=None),
            opacity=alt.Opacity("opacity:Q", scale=None),
            tooltip=TOOLTIP,
        )
        .transform_filter(alt.FieldOneOfPredicate(field="kind", oneOf=["bar", "part"]))
    )
    values = (
        alt.Chart()
        .mark_text(align="left", baseline="middle", dx=LABEL_GAP)
        .encode(
            x=alt.X("label_at:Q", scale=x_scale, axis=None),
            y=alt.Y("mid_y:Q", **PIXELS),
            text=alt.Text("label:N"),
            tooltip=TOOLTIP,
        )
        .transform_filter(alt.FieldOneOfPredicate(field="kind", oneOf=["bar", "total"]))
    )
    missing = (
        alt.Chart()
        .mark_text(align="left", baseline="middle", fontStyle="italic", color=theme.MUTED)
        .encode(x=alt.XValue(0), y=alt.Y("mid_y:Q", **PIXELS), text=alt.Text("label:N"))
        .transform_filter(kind_is("none"))
    )
    layers = alt.layer(headings, names, rects, values, missing, data=NO_DATA).properties(
        width=theme.WIDTH
    )
    return json.dumps(layers.to_dict(validate=False))  # the tests validate every finished spec


def bar_chart(
    items: Sequence[Bar | Heading], axis: Sequence[Metric], *, title: str, subtitle: str
) -> dict[str, Any]:
    """Return horizontal bars with direct labels; refuse figures that may not share the axis."""
    check_same_axis(axis)
    allowed = {metric.id for metric in axis}
    bars = [item for item in items if isinstance(item, Bar)]
    parts = [part for item in bars for part in item.parts]
    for bar in bars + parts:
        if bar.metric is not None and bar.metric.id not in allowed:
            raise ChartError(f"bar '{bar.name}' counts {bar.metric.id}, not on this chart's axis")
    records, height = bar_records(items)
    low, high = value_domain(bars)
    spec = layered_spec(bar_layers(), records, height, title, subtitle)
    spec["params"] = [{"name": "x_low", "value": low}, {"name": "x_high", "value": high}]
    return spec


def region_bar(region: Region, fact: Fact | None) -> Bar:
    """Return a region's bar for a fact, or its 'no figure reported' mark."""
    colour = theme.region_colour(region.colour_index)
    if fact is None:
        return Bar(region.name, colour, None, None, NO_FIGURE, place=region.name)
    return Bar(region.name, colour, fact.metric, fact.value, fact_label(fact), region.name, fact)


def times_phrase(facts: Sequence[Fact]) -> str:
    """Return 'as of June 2024' when the facts share a time, else how their times differ."""
    if len({time_key(fact) for fact in facts}) == 1:
        return format_time(facts[0])
    if all(fact.period is not None for fact in facts):
        return "over different periods"
    return "as of different dates"


def most_word(metric: Metric) -> str:
    """Return 'the most' for counted things and 'the highest' for rates and money."""
    return "the highest" if metric.kind in (MetricKind.RATE, MetricKind.MONEY) else "the most"


def region_clause(row_region: Region, fact: Fact | None) -> str:
    """Return 'Central China reported 618,000 as of June 2024' or '… reported no figure'."""
    if fact is None:
        return f"{row_region.name} reported no figure"
    return f"{row_region.name} reported {linked(fact, format_value(fact))} {format_time(fact)}"


def comparison_chart(comparison: Comparison) -> Chart:
    """Return the chart of one metric across every region, each value with its date."""
    metric = comparison.metric
    facts = [row.fact for row in comparison.reported if row.fact]
    rows = list(comparison.rows)
    if comparison.can_rank:
        # A ranking only means something for figures that derive finds comparable.
        rows.sort(key=lambda row: (row.fact is None, -((row.fact and row.fact.value) or 0)))
    items = [region_bar(row.region, row.fact) for row in rows]
    label = lower_first(metric.label)
    when = times_phrase(facts)
    if comparison.can_rank:
        leader = max(facts, key=lambda fact: fact.value or 0)
        leader_region = next(row.region for row in rows if row.fact is leader)
        takeaway = (
            f"{leader_region.name} reported {most_word(metric)} {label}: "
            f"{linked(leader, format_value_with_unit(leader))} {format_time(leader)}."
        )
        subtitle = f"By region, {when}"
    else:
        reported = [row for row in rows if row.fact]
        clauses = [
            f"{row.region.name}{' reported' if i == 0 else ''} "
            f"{linked(row.fact, format_value_with_unit(row.fact))} {format_time(row.fact)}"
            for i, row in enumerate(reported)
            if row.fact
        ]
        apart = join_words(comparison.cannot_rank_because)
        takeaway = f"{'; '.join(clauses)}. Not a ranking: the figures are of {apart}."
        if metric.kind is MetricKind.FLOW and comparison.times_differ:
            subtitle = "By region, over different periods: not a ranking"
        elif comparison.times_differ:
            subtitle = "By region, as of different dates: not a snapshot"
        else:
            subtitle = f"By region, {when}: not a ranking"
    clauses = [region_clause(row.region, row.fact) for row in rows]
    description = (
        f"{metric.label} by region. {'; '.join(clauses)}. " + " ".join(comparison.caveats)
    ).strip()
    spec = finish_spec(
        bar_chart(items, [metric], title=metric.label, subtitle=subtitle), description
    )
    table = ChartTable(
        columns=("Region", "Figure", "When", "Source"),
        rows=tuple(
            TableRow(
                (
                    row.region.name,
                    format_value_with_unit(row.fact) if row.fact else row.missing_reason,
                    format_time(row.fact) if row.fact else "",
                    "; ".join(credit(s) for s in row.fact.sources) if row.fact else "",
                ),
                fact_id=row.fact.id if row.fact else None,
            )
            for row in rows
        ),
        link_column=1,
    )
    data = [
        {
            "region_id": row.region.id,
            "region": row.region.name,
            "metric_id": metric.id,
            "metric": metric.label,
            **fact_record(row.fact),
        }
        for row in rows
    ]
    pages = (
        Placement(PageKind.COMPARE),
        Placement(PageKind.METRIC, metric.id),
        *(Placement(PageKind.REGION, r.region.id) for r in comparison.reported),
    )
    return Chart(
        id=f"compare-{metric.id}",
        title=metric.label,
        takeaway=takeaway,
        description=description,
        spec=spec,
        table=table,
        data=data,
        source_line=figures_line(facts),
        dates_line=dates_line((row.region.name, row.fact) for row in rows),
        pages=pages,
    )
