"""Timelines: the articles and the milestones they report, in order, for the site and per region.

Room: charts. Imports: derive, model, words, charts.layers, charts.model, charts.theme.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from ipregions.charts import theme
from ipregions.charts.layers import NO_DATA, PIXELS, finish_spec, kind_is, layered_spec, text_layer
from ipregions.charts.model import Chart, ChartTable, TableRow, sources_line
from ipregions.derive import Derived
from ipregions.model import FuzzyDate, Milestone, Model, Region, Source
from ipregions.model.site import PageKind, Placement
from ipregions.words import credit, format_date, format_number, named_outlet

DOT_X = 9
TEXT_X = 27
ITEM_GAP = 12
UNDATED = "date not stated"
MOST_EVENTS = 24  # a timeline longer than this shows the latest; the sources page lists all


@dataclass(frozen=True)
class Event:
    """One entry of a timeline: an article published or a milestone reached."""

    date: FuzzyDate | None
    kind: str  # "Article" or "Milestone"
    title: str
    detail: str  # the outlet of an article, the place of a milestone
    colour: str
    shape: str
    source: Source
    milestone: Milestone | None = None

    @property
    def when(self) -> str:
        """Return the date in words, or that it is not stated."""
        return format_date(self.date) if self.date else UNDATED

    @property
    def sort_key(self) -> tuple:
        """Return the order: by earliest day, articles before what they report, then by id."""
        day = self.date.first_day.isoformat() if self.date else "9999"
        return (
            day,
            self.kind != "Article",
            self.milestone.id if self.milestone else self.source.id,
        )


def source_date(source: Source) -> FuzzyDate | None:
    """Return when an article appeared: its publication date, else its event's date."""
    if source.published is not None:
        return source.published
    return source.event.date if source.event else None


def article_event(source: Source) -> Event:
    """Return the timeline entry of an article."""
    return Event(
        source_date(source),
        "Article",
        source.title,
        named_outlet(source) or "outlet not named",
        theme.INK,
        "circle",
        source,
    )


def milestone_event(model: Model, milestone: Milestone) -> Event:
    """Return the timeline entry of a milestone, coloured by its region."""
    regions = model.regions_of(milestone.place_id)
    colour = theme.region_colour(regions[0].colour_index) if regions else theme.MUTED
    return Event(
        milestone.date,
        "Milestone",
        milestone.title,
        model.place_name(milestone.place_id),
        colour,
        "diamond",
        milestone.citation.source,
        milestone,
    )


def timeline_records(events: Sequence[Event]) -> tuple[list[dict[str, Any]], int]:
    """Return dots, text lines and the spine, placed in pixels, and the height."""
    records: list[dict[str, Any]] = []
    y = 0
    dots = []
    for event in events:
        tooltip = {
            "what": f"{event.kind}: {event.title}",
            "when": event.when,
            "source": event.detail,
        }
        dot_y = y + theme.LINE_HEIGHT / 2
        dots.append(dot_y)
        records.append(
            {
                "kind": "dot",
                "x": DOT_X,
                "y": dot_y,
                "colour": event.colour,
                "shape": event.shape,
                **tooltip,
            }
        )
        head = f"{event.when} · {event.kind} · {event.detail}"
        lines = [
            (line, theme.MUTED, theme.SMALL_FONT_SIZE)
            for line in theme.wrap(head, theme.WIDTH - TEXT_X, theme.SMALL_FONT_SIZE)
        ]
        lines += [
            (line, theme.INK, theme.FONT_SIZE)
            for line in theme.wrap(event.title, theme.WIDTH - TEXT_X)
        ]
        # The lines say what the tooltip says; only the dot carries it, so a long title is not
        # repeated on every line it wraps onto (a spec would grow with the square of its length).
        for text, colour, size in lines:
            records.append(
                {
                    "kind": "line",
                    "x": TEXT_X,
                    "y": y + theme.LINE_HEIGHT / 2,
                    "text": text,
                    "colour": colour,
                    "size": size,
                }
            )
            y += theme.LINE_HEIGHT
        y += ITEM_GAP
    if len(dots) > 1:
        records.insert(
            0, {"kind": "spine", "x": DOT_X, "y": dots[0], "y2": dots[-1], "colour": theme.RULE}
        )
    return records, max(y - ITEM_GAP, 1)


@functools.cache
def timeline_layers() -> str:
    """Return, as JSON, the marks every timeline shares: built once with Altair."""
    tooltip = [
        alt.Tooltip("what:N", title="What"),
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("source:N", title="Source"),
    ]
    spine = (
        alt.Chart()
        .mark_rule(strokeWidth=2)
        .encode(
            x=alt.X("x:Q", **PIXELS),
            y=alt.Y("y:Q", **PIXELS),
            y2=alt.Y2("y2:Q"),
            color=alt.Color("colour:N", scale=None),
        )
        .transform_filter(kind_is("spine"))
    )
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            x=alt.X("x:Q", **PIXELS),
            y=alt.Y("y:Q", **PIXELS),
            color=alt.Color("colour:N", scale=None),
            shape=alt.Shape("shape:N", scale=None),
            tooltip=tooltip,
        )
        .transform_filter(kind_is("dot"))
    )
    lines = text_layer("line", align="left", baseline="middle")
    layers = alt.layer(spine, dots, lines, data=NO_DATA).properties(width=theme.WIDTH)
    return json.dumps(layers.to_dict(validate=False))


def timeline(
    events: list[Event], *, chart_id: str, title: str, scope: str, pages: tuple[Placement, ...]
) -> Chart:
    """Return a timeline chart of the events in date order."""
    everything = sorted(events, key=lambda event: event.sort_key)
    articles = sum(1 for event in everything if event.kind == "Article")
    milestones = len(everything) - articles
    dated = [event for event in everything if event.date]
    span = f" from {dated[0].when} to {dated[-1].when}" if len(dated) > 1 else ""
    counts = f"{articles} article{'s' * (articles != 1)}"
    if milestones:
        counts += f" and {milestones} milestone{'s' * (milestones != 1)}"
    takeaway = f"{scope}: {counts}{span}."
    events = everything[-MOST_EVENTS:]
    subtitle = ""
    if len(events) < len(everything):
        subtitle = f"The {len(events)} most recent of {format_number(len(everything))}"
    description = f"{title}, in date order. {subtitle + '. ' if subtitle else ''}" + " ".join(
        f"{event.when}: {event.kind.lower()}, {event.title} ({event.detail})." for event in events
    )
    records, height = timeline_records(events)
    table = ChartTable(
        columns=("When", "What", "Kind", "Source"),
        rows=tuple(
            TableRow(
                (event.when, event.title, event.kind, credit(event.source)),
                source_id=event.source.id,
            )
            for event in events
        ),
        link_column=1,
    )
    data = [
        {
            "date": event.date.iso if event.date else "",
            "kind": event.kind.lower(),
            "title": event.title,
            "detail": event.detail,
            "source_id": event.source.id,
            "milestone_id": event.milestone.id if event.milestone else "",
        }
        for event in events
    ]
    return Chart(
        id=chart_id,
        title=title,
        takeaway=takeaway,
        description=description,
        spec=finish_spec(
            layered_spec(timeline_layers(), records, height, title, subtitle), description
        ),
        table=table,
        data=data,
        source_line=sources_line(event.source for event in events),
        pages=pages,
    )


def site_timeline(model: Model) -> Chart | None:
    """Return the timeline of every article and milestone on the site."""
    events = [article_event(source) for source in model.sources.values()]
    events += [milestone_event(model, m) for m in model.milestones.values()]
    if not events:
        return None
    return timeline(
        events,
        chart_id="timeline",
        title="Sources and milestones",
        scope="All regions",
        pages=(Placement(PageKind.SOURCES),),
    )


def region_timeline(model: Model, derived: Derived, region: Region) -> Chart | None:
    """Return the timeline of the articles about a region and the milestones they report."""
    milestones = derived.milestones_by_region.get(region.id, [])
    sources = {s.id: s for fact in derived.facts_by_region.get(region.id, []) for s in fact.sources}
    sources.update({m.citation.source.id: m.citation.source for m in milestones})
    events = [article_event(source) for source in sources.values()]
    events += [milestone_event(model, m) for m in milestones]
    if not events:
        return None
    return timeline(
        events,
        chart_id=f"timeline-{region.id}",
        title=f"{region.name}: sources and milestones",
        scope=region.name,
        pages=(Placement(PageKind.REGION, region.id),),
    )
