"""What a chart is for the site: its spec, its words, its table, and the rule for its axis.

Room: charts. Imports: model, words.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipregions.model import Fact, Location, Metric, Source
from ipregions.model.site import Placement
from ipregions.words import INFERRED_MARK, credit, format_time, producer_of, time_is_inferred

NO_FIGURE = "no figure reported"


class ChartError(Exception):
    """A chart the data cannot honestly support, with where in the data the cause lies."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        """Keep the message and, when known, the file position of the metric at fault."""
        super().__init__(message)
        self.location = location


class IncomparableMetricsError(ChartError):
    """Figures of different kinds, or of metrics not declared comparable, asked to share an axis."""


@dataclass(frozen=True)
class TableRow:
    """One row of a chart's data table, linked to the fact or source it shows."""

    cells: tuple[str, ...]
    fact_id: str | None = None  # links to facts/<id>/
    source_id: str | None = None  # links to sources/<id>/ when there is no fact
    href: str | None = None  # else a site path: an official table's row, statistics/<id>/#<row>


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as a table for readers who cannot or would rather not read the chart."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    link_column: int | None  # the cell that links to the row's fact or source


Segment = tuple[str, str | None]  # a piece of text, and the id of the fact it links to or None

_OPEN, _MIDDLE, _CLOSE = "\ue000", "\ue001", "\ue002"  # private-use: never in data text
_MARKED = re.compile(f"{_OPEN}([^{_MIDDLE}]*){_MIDDLE}([^{_CLOSE}]*){_CLOSE}")


def linked(fact: Fact, text: str) -> str:
    """Return text marked as showing a fact, so that pages link it to the fact's page."""
    return f"{_OPEN}{fact.id}{_MIDDLE}{text}{_CLOSE}"


def split_links(marked: str) -> tuple[str, tuple[Segment, ...]]:
    """Return marked text as plain text and as segments, the figures with their fact ids."""
    segments: list[Segment] = []
    last = 0
    for match in _MARKED.finditer(marked):
        if match.start() > last:
            segments.append((marked[last : match.start()], None))
        segments.append((match.group(2), match.group(1)))
        last = match.end()
    if last < len(marked):
        segments.append((marked[last:], None))
    return "".join(text for text, _ in segments), tuple(segments)


def plain(marked: str) -> str:
    """Return marked text without its marks."""
    return split_links(marked)[0]


@dataclass
class Chart:
    """One chart of the site: spec, words for every reader, data table, and where it shows.

    Builders may mark figures in the takeaway and description with linked(); the Chart keeps
    them as plain text (for the SVG, PNG and ARIA) and as segments (for links on pages).
    """

    id: str  # a slug, stable across builds: names charts/<id>.svg, .png, .csv, .vl.json
    title: str
    takeaway: str  # one sentence: what to see
    description: str  # several sentences: everything the chart shows, in words
    spec: dict[str, Any]  # Vega-Lite, with the title and the shared theme as config
    table: ChartTable
    data: list[dict[str, Any]]  # the rows of charts/<id>.csv, all with the same keys
    source_line: str  # "Sources: China Daily; CNIPA", printed on the PNG
    pages: tuple[Placement, ...]  # the pages it shows on
    # When each value refers to, inferred parts named: printed on the PNG and downloaded SVG.
    dates_line: str = ""
    takeaway_links: tuple[Segment, ...] = field(init=False)
    description_links: tuple[Segment, ...] = field(init=False)

    def __post_init__(self) -> None:
        """Split the marked words into plain text and linked segments."""
        self.takeaway, self.takeaway_links = split_links(self.takeaway)
        self.description, self.description_links = split_links(self.description)


BASELINE_PREFIX = "baseline-"  # the ids of charts drawn from official tables (charts.baseline)


def is_baseline(chart: Chart) -> bool:
    """Return whether a chart draws an official table (it leads the like-for-like sections)."""
    return chart.id.startswith(BASELINE_PREFIX)


def check_same_axis(metrics: Iterable[Metric]) -> None:
    """Raise IncomparableMetricsError unless the metrics' figures may share one value axis."""
    unique = list({metric.id: metric for metric in metrics}.values())
    kinds = sorted({metric.kind.value for metric in unique})
    if len(kinds) > 1:
        listed = ", ".join(f"{m.id} is {article(m.kind.value)}" for m in unique)
        odd = next(m for m in unique if m.kind is not unique[0].kind)
        raise IncomparableMetricsError(
            f"cannot put figures of different kinds on one axis: {listed}; chart them separately",
            odd.location,
        )
    # Comparability is declared pairwise and read transitively: national centres beside combined
    # centres, and combined beside rapid, lets national sit beside rapid.
    linked = {unique[0].id} if unique else set()
    grew = True
    while grew:
        grew = False
        for metric in unique:
            if metric.id in linked:
                continue
            links = set(metric.comparable_with) | {
                m.id for m in unique if metric.id in m.comparable_with
            }
            if links & linked:
                linked.add(metric.id)
                grew = True
    apart = [metric for metric in unique if metric.id not in linked]
    if apart:
        raise IncomparableMetricsError(
            f"cannot put {unique[0].id} and {apart[0].id} on one axis: both are "
            f"{unique[0].kind.value} figures, but comparable_with does not link them",
            apart[0].location,
        )


def article(word: str) -> str:
    """Return the word with 'a' or 'an' before it."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def join_words(items: Sequence[str]) -> str:
    """Return 'a', 'a and b' or 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def slug(text: str) -> str:
    """Return text as a lower-case, hyphenated id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sources_line(sources: Iterable[Source]) -> str:
    """Return 'Source: China Daily' or 'Sources: China Daily; “A title”' for a chart's credit."""
    names = sorted({credit(source) for source in sources}, key=lambda name: name.strip("“").lower())
    if not names:
        return ""
    return ("Source: " if len(names) == 1 else "Sources: ") + "; ".join(names)


def figures_line(facts: Iterable[Fact | None]) -> str:
    """Return a chart's credit: who produced the figures and who reported them.

    'CNIPA figures, as reported by China Daily; Xinhua'; figures whose producer the data does not
    name are credited to the outlets that reported them ('Sources: …'), as before.
    """
    shown = [fact for fact in facts if fact is not None]
    by_producer: dict[str | None, list[Fact]] = {}
    for fact in shown:
        by_producer.setdefault(producer_of(fact), []).append(fact)
    if not by_producer or None in by_producer:
        return sources_line(fact_sources(shown))
    parts = []
    for producer, group in sorted(by_producer.items(), key=lambda item: str(item[0])):
        outlets = sources_line(fact_sources(group)).split(": ", 1)[1]
        parts.append(f"{producer} figures, as reported by {outlets}")
    return ". ".join(parts)


def dates_line(rows: Iterable[tuple[str, Fact | None]]) -> str:
    """Return 'Dates (* inferred by us): Central China as of June 2024 (year inferred); …'."""
    rows = list(rows)
    dated = list(dict.fromkeys(f"{name} {format_time(fact)}" for name, fact in rows if fact))
    if not dated:
        return ""
    inferred = any(time_is_inferred(fact) for _, fact in rows if fact)
    heading = f"Dates ({INFERRED_MARK} inferred by us, not printed)" if inferred else "Dates"
    return f"{heading}: {'; '.join(dated)}."


def fact_sources(facts: Iterable[Fact | None]) -> list[Source]:
    """Return every source stating the facts, without repeats."""
    found: dict[str, Source] = {}
    for fact in facts:
        if fact is not None:
            for source in fact.sources:
                found.setdefault(source.id, source)
    return list(found.values())


def fact_record(fact: Fact | None) -> dict[str, Any]:
    """Return a fact's value and time as plain CSV fields (empty when there is no figure)."""
    if fact is None:
        return dict.fromkeys(
            ("value", "qualifier", "as_of", "period_start", "period_end", "fact_id", "sources"),
            "",
        )
    return {
        "value": fact.value,
        "qualifier": fact.qualifier.value,
        "as_of": fact.as_of.iso if fact.as_of else "",
        "period_start": fact.period.start.iso if fact.period else "",
        "period_end": fact.period.end.iso if fact.period else "",
        "fact_id": fact.id,
        "sources": " ".join(source.id for source in fact.sources),
    }


def csv_value(value: Any) -> Any:
    """Return a CSV cell: whole numbers without '.0', everything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def chart_csv(chart: Chart) -> bytes:
    """Return the chart's data as CSV, one row per record, columns in the records' order."""
    buffer = io.StringIO()
    if chart.data:
        writer = csv.DictWriter(buffer, fieldnames=list(chart.data[0]), lineterminator="\n")
        writer.writeheader()
        for record in chart.data:
            writer.writerow({name: csv_value(value) for name, value in record.items()})
    return buffer.getvalue().encode()
