"""Derive what pages and charts compare: latest figures, comparisons, corroborations, conflicts.

Room: derive. Imports: model, words.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ipregions.baseline import Baseline, derive_baseline
from ipregions.model import (
    Correction,
    Fact,
    Metric,
    MetricKind,
    Milestone,
    Model,
    Region,
    Source,
)
from ipregions.ranking import GrowthStatement, growth_statement, what_keeps_apart
from ipregions.words import format_time, format_value, time_key


@dataclass
class Discrepancy:
    """Two facts that disagree on the same place, metric and time."""

    facts: list[Fact]
    message: str


@dataclass
class ComparisonRow:
    """One region's standing on one metric."""

    region: Region
    fact: Fact | None  # the region's own latest level, None when it reports none
    province_facts: list[Fact] = field(default_factory=list)  # its provinces' figures
    related_facts: list[Fact] = field(default_factory=list)  # figures of comparable metrics
    growth_only: Fact | None = None  # its latest change stated without a level, if newer

    @property
    def growth_fact(self) -> Fact | None:
        """Return the fact whose stated growth the row shows: the level's, else growth-only."""
        if self.fact is not None and self.fact.growth is not None:
            return self.fact
        return self.growth_only

    @property
    def missing_reason(self) -> str:
        """Return why the cell is empty, in words a reader understands."""
        if self.fact is not None:
            return ""
        if self.related_facts:
            labels = sorted({f.metric.label for f in self.related_facts})
            return "No figure reported for the region as a whole; reported instead as " + (
                ", ".join(labels)
            )
        if self.province_facts:
            return "No figure reported for the region as a whole; only for some provinces"
        if self.growth_only:
            return "No level reported; only a change"
        return "No figure reported"


@dataclass
class Comparison:
    """A metric compared across every region, with what keeps the figures apart."""

    metric: Metric
    rows: list[ComparisonRow]
    caveats: list[str]  # plain sentences shown beside the chart and table
    cannot_rank_because: list[str] = field(default_factory=list)  # see what_keeps_apart

    @property
    def reported(self) -> list[ComparisonRow]:
        """Return the rows that have a region-wide figure."""
        return [row for row in self.rows if row.fact is not None]

    @property
    def is_comparison(self) -> bool:
        """Return whether at least two regions report the metric."""
        return len(self.reported) >= 2

    @property
    def times_differ(self) -> bool:
        """Return whether the reported figures refer to different dates or periods."""
        return len({time_key(row.fact) for row in self.reported if row.fact}) > 1

    @property
    def can_rank(self) -> bool:
        """Return whether words that rank (most, highest) may compare the reported figures."""
        return self.is_comparison and not self.cannot_rank_because


@dataclass
class Derived:
    """Everything computed once from the model for the templates and charts."""

    facts_by_place: dict[str, list[Fact]]
    facts_by_region: dict[str, list[Fact]]  # the region's own facts and its provinces'
    facts_by_metric: dict[str, list[Fact]]
    facts_by_source: dict[str, list[Fact]]
    milestones_by_region: dict[str, list[Milestone]]
    milestones_by_source: dict[str, list[Milestone]]
    comparisons: dict[str, Comparison]
    discrepancies: list[Discrepancy]
    growth_statements: list[GrowthStatement]  # metrics stated by most regions first
    sources_newest_first: list[Source]
    regions: list[Region]  # by name
    comparisons_in_order: list[Comparison]  # the most widely reported metrics first
    key_figures: dict[str, list[Fact]]  # by region id, the most comparable figures first
    discrepancies_by_fact: dict[str, list[Discrepancy]]
    updated: dt.date  # the day the newest source was added
    baseline: Baseline = field(default_factory=lambda: Baseline([], {}))  # official tables
    corrections_by_fact: dict[str, list[Correction]] = field(default_factory=dict)
    corrections_by_source: dict[str, list[Correction]] = field(default_factory=dict)
    corrections_newest_first: list[Correction] = field(default_factory=list)


# When a region reports many measures, its key figures are the ones other regions report too,
# then the ones several sources confirm, then levels before flows before other counts.
KIND_PRIORITY = ("stock", "flow", "institutions", "rate", "money", "count")


def fact_order(fact: Fact) -> tuple:
    """Return a sort key: by metric label, then by date, then by id."""
    return (fact.metric.label, fact.reference_date.last_day, fact.id)


def latest(facts: list[Fact]) -> Fact | None:
    """Return the figure that refers to the latest time, ties broken by id."""
    if not facts:
        return None
    return max(facts, key=lambda f: (f.reference_date.last_day, f.id))


def find_discrepancies(model: Model) -> list[Discrepancy]:
    """Return the groups of facts that give different values for one place, metric and time."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in model.facts.values():
        if fact.value is not None:  # a change stated without a level disagrees with no level
            groups[(fact.place_id, fact.metric.id, time_key(fact))].append(fact)
    found = []
    for (place_id, _, _), facts in sorted(groups.items()):
        if len({(f.value, f.qualifier) for f in facts}) < 2:
            continue
        facts = sorted(facts, key=lambda f: f.id)
        values = "; ".join(
            f"{format_value(f)} in {f.id} ({', '.join(s.id for s in f.sources)})" for f in facts
        )
        message = (
            f"sources disagree on {facts[0].metric.label.lower()} for "
            f"{model.place_name(place_id)} {format_time(facts[0])}: {values}"
        )
        found.append(Discrepancy(facts=facts, message=message))
    return found


def _comparison_caveats(metric: Metric, rows: list[ComparisonRow]) -> list[str]:
    """Return the sentences that stop readers reading too much into a comparison."""
    reported = [row.fact for row in rows if row.fact is not None]
    caveats = []
    if len({time_key(f) for f in reported}) > 1:
        times = "; ".join(f"{row.region.name} {format_time(row.fact)}" for row in rows if row.fact)
        caveats.append(f"The figures refer to different times ({times}): they are not a snapshot.")
    if metric.kind is MetricKind.FLOW and len({time_key(f) for f in reported}) > 1:
        caveats.append("Counts over different periods cannot be ranked against each other.")
    if any(f.qualifier.value != "exact" for f in reported):
        caveats.append(
            "Some figures are stated only approximately (more than, nearly, about, rounded)."
        )
    if metric.caveat:
        caveats.append(metric.caveat)
    return caveats


def derive(model: Model) -> Derived:
    """Compute every grouping and comparison the site shows, once."""
    by_place: dict[str, list[Fact]] = defaultdict(list)
    by_metric: dict[str, list[Fact]] = defaultdict(list)
    by_source: dict[str, list[Fact]] = defaultdict(list)
    for fact in sorted(model.facts.values(), key=fact_order):
        by_place[fact.place_id].append(fact)
        by_metric[fact.metric.id].append(fact)
        for source in fact.sources:
            by_source[source.id].append(fact)

    by_region: dict[str, list[Fact]] = {}
    milestones_by_region: dict[str, list[Milestone]] = {}
    milestones = sorted(model.milestones.values(), key=lambda m: (m.date.first_day, m.id))
    for region in model.regions.values():
        places = [region.id, *region.province_ids]
        by_region[region.id] = sorted(
            (f for place in places for f in by_place.get(place, [])), key=fact_order
        )
        milestones_by_region[region.id] = [m for m in milestones if m.place_id in places]

    milestones_by_source: dict[str, list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        milestones_by_source[milestone.citation.source.id].append(milestone)

    # A figure whose meaning is unclear is shown on its own pages but compared with nothing.
    comparable = {
        place: [f for f in facts if not f.meaning_unclear] for place, facts in by_place.items()
    }
    comparisons = {}
    for metric in sorted(model.metrics.values(), key=lambda m: m.label):
        rows = []
        for region in model.regions_in_order:
            stated = [f for f in comparable.get(region.id, []) if f.metric.id == metric.id]
            own = [f for f in stated if f.value is not None]
            level = latest(own)
            growth_only = latest([f for f in stated if f.value is None])
            if (
                growth_only
                and level
                and growth_only.reference_date.last_day <= level.reference_date.last_day
            ):
                growth_only = None
            provinces = [
                f
                for pid in region.province_ids
                for f in comparable.get(pid, [])
                if f.metric.id == metric.id
            ]
            related = [
                f
                for other in metric.comparable_with
                for f in comparable.get(region.id, [])
                if f.metric.id == other
            ]
            rows.append(
                ComparisonRow(region, level, provinces, [] if own else related, growth_only)
            )
        reported = [row.fact for row in rows if row.fact is not None]
        comparisons[metric.id] = Comparison(
            metric, rows, _comparison_caveats(metric, rows), what_keeps_apart(model, reported)
        )

    statements = []
    for comparison in comparisons.values():
        growing = [row.growth_fact for row in comparison.rows if row.growth_fact]
        if len(growing) >= 2:
            statements.append(growth_statement(model, comparison.metric, growing))
    statements.sort(key=lambda g: (-len(g.facts), g.metric.label, g.metric.id))

    sources = sorted(
        model.sources.values(),
        key=lambda s: (s.added, s.published.last_day if s.published else s.added, s.id),
        reverse=True,
    )
    discrepancies = find_discrepancies(model)
    by_fact: dict[str, list[Discrepancy]] = {}
    for discrepancy in discrepancies:
        for fact in discrepancy.facts:
            by_fact.setdefault(fact.id, []).append(discrepancy)
    regions = model.regions_in_order
    reporting = {metric_id: len(c.reported) for metric_id, c in comparisons.items()}
    in_order = sorted(comparisons.values(), key=lambda c: (-reporting[c.metric.id], c.metric.label))
    return Derived(
        facts_by_place=dict(by_place),
        facts_by_region=by_region,
        facts_by_metric=dict(by_metric),
        facts_by_source=dict(by_source),
        milestones_by_region=milestones_by_region,
        milestones_by_source=dict(milestones_by_source),
        comparisons=comparisons,
        discrepancies=discrepancies,
        growth_statements=statements,
        sources_newest_first=sources,
        regions=regions,
        comparisons_in_order=in_order,
        key_figures={region.id: key_figures(in_order, region, reporting) for region in regions},
        discrepancies_by_fact=by_fact,
        updated=max((s.added for s in model.sources.values()), default=dt.date(1970, 1, 1)),
        baseline=derive_baseline(model, regions),
        corrections_by_fact=corrections_of(model.corrections, "fact_ids"),
        corrections_by_source=corrections_of(model.corrections, "source_ids"),
        corrections_newest_first=sorted(
            model.corrections, key=lambda c: (c.date, c.number), reverse=True
        ),
    )


def corrections_of(corrections: list[Correction], ids: str) -> dict[str, list[Correction]]:
    """Return the corrections of each fact (ids='fact_ids') or source ('source_ids') by id."""
    found: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        for item_id in getattr(correction, ids):
            found[item_id].append(correction)
    return dict(found)


def key_figures(
    comparisons: list[Comparison], region: Region, reporting: dict[str, int]
) -> list[Fact]:
    """Return a region's own latest figures, those most regions also report first."""
    return sorted(
        (
            shown
            for comparison in comparisons
            for row in comparison.rows
            if row.region.id == region.id and (shown := row.fact or row.growth_only) is not None
        ),
        key=lambda fact: (
            -reporting[fact.metric.id],
            -len(fact.citations),
            KIND_PRIORITY.index(fact.metric.kind.value),
            fact.metric.label,
        ),
    )
