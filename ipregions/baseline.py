"""The like-for-like baseline: region totals, shares and growth from official province tables.

Room: baseline. Imports: model. Every figure here comes from one table, so region figures
set side by side share a publisher, a definition and a date. The national total a share is taken
of is the sum of the 31 mainland provinces, not the printed total (which may add Taiwan, Hong Kong,
Macao or lines the table does not explain). A member that belongs only in part is never counted
whole silently: each region has a total without it and, labelled, one with the whole province.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ipregions.model import Fact, FuzzyDate, Membership, Model, Region, StatisticTable

NATIONAL_WORDS = "the sum of the 31 mainland provinces"
POPULATION = "population"


def table_date(table: StatisticTable, year: int) -> FuzzyDate:
    """Return the date a year's figures refer to: 2022, or March 2012."""
    return FuzzyDate(year, table.month)


def summable(table: StatisticTable) -> bool:
    """Return whether province values may be added into region totals."""
    return table.values_are in ("counts", "amounts")


@dataclass(frozen=True)
class Change:
    """The change between two years of one table."""

    from_year: int
    to_year: int
    start: float
    end: float

    @property
    def percent(self) -> float | None:
        """Return the change in percent, or None from a start of zero."""
        return (self.end / self.start - 1) * 100 if self.start else None

    @property
    def yearly_percent(self) -> float | None:
        """Return the average yearly growth (compound) in percent, or None from zero."""
        years = self.to_year - self.from_year
        if not self.start or years <= 0 or self.end < 0:
            return None
        return ((self.end / self.start) ** (1 / years) - 1) * 100


@dataclass
class RegionYear:
    """A region's total in one year of one table, and its share of the national total."""

    year: int
    date: FuzzyDate
    total: float  # members that belong whole
    whole_total: float | None  # also every partial member counted whole; None without one
    national: float  # the sum of the 31 mainland provinces
    per_million: float | None = None  # only with a population table of the same date
    whole_per_million: float | None = None

    @property
    def share(self) -> float | None:
        """Return the region's share of the national total, in percent."""
        return self.total / self.national * 100 if self.national else None

    @property
    def whole_share(self) -> float | None:
        """Return the share with every partial member counted whole, in percent."""
        if self.whole_total is None or not self.national:
            return None
        return self.whole_total / self.national * 100


@dataclass
class RegionSeries:
    """A region on one table: a total per year and the changes between the years."""

    region: Region
    counted: list[Membership]  # the members that belong whole
    partial: list[Membership]  # members that belong in part: left out of `total`
    years: list[RegionYear]
    changes: list[Change] = field(default_factory=list)  # between consecutive years
    whole_changes: list[Change] = field(default_factory=list)

    @property
    def overall(self) -> Change | None:
        """Return the change from the first year to the last, when there are two or more."""
        if len(self.years) < 2:
            return None
        first, last = self.years[0], self.years[-1]
        return Change(first.year, last.year, first.total, last.total)

    @property
    def whole_overall(self) -> Change | None:
        """Return the first-to-last change with every partial member counted whole."""
        first, last = self.years[0], self.years[-1]
        if len(self.years) < 2 or first.whole_total is None or last.whole_total is None:
            return None
        return Change(first.year, last.year, first.whole_total, last.whole_total)


@dataclass
class TableBaseline:
    """One summable table: the national total per year and every region's series."""

    table: StatisticTable
    national: list[float]
    series: list[RegionSeries]
    population: StatisticTable | None = None  # of the same date, for per-million figures

    def series_of(self, region_id: str) -> RegionSeries | None:
        """Return a region's series on this table."""
        return next((s for s in self.series if s.region.id == region_id), None)


@dataclass
class PressContext:
    """A press figure beside the nearest official figure for the same place and statistic."""

    fact: Fact
    table: StatisticTable
    year: int
    place_id: str  # the row or region the official figure is for
    official: float
    whole_official: float | None  # with a partial member counted whole
    same_time: bool


@dataclass
class Baseline:
    """Everything the like-for-like sections show."""

    tables: list[TableBaseline]  # summable tables, those with most years first
    press: dict[str, PressContext]  # by fact id

    @property
    def trends(self) -> list[TableBaseline]:
        """Return the tables with two or more years: the ones with a trend to show."""
        return [t for t in self.tables if len(t.table.years) >= 2]

    def of(self, table_id: str) -> TableBaseline | None:
        """Return a table's baseline by table id."""
        return next((t for t in self.tables if t.table.id == table_id), None)


def values_by_province(table: StatisticTable) -> dict[str, list[float]]:
    """Return the printed values of each mainland province row."""
    return {row.place_id: row.values for row in table.rows if row.place_id}


def add_up(values: dict[str, list[float]], members: Iterable[Membership], index: int) -> float:
    """Return the sum of the members' values in one year (a member without a row adds nothing)."""
    return sum(values[m.province.id][index] for m in members if m.province.id in values)


def population_for(model: Model, table: StatisticTable) -> StatisticTable | None:
    """Return a population table of the same dates as table, if one exists."""
    for other in model.tables.values():
        if other.statistic == POPULATION and other is not table and other.month == table.month:
            if set(table.years) <= set(other.years):
                return other
    return None


def per_million(total: float, population: float | None) -> float | None:
    """Return a total per million residents, given a population in millions."""
    return total / population if population else None


def region_series(
    table: StatisticTable, region: Region, national: list[float], population: StatisticTable | None
) -> RegionSeries:
    """Return a region's totals, shares and changes on one table."""
    values = values_by_province(table)
    people = values_by_province(population) if population else {}
    counted = [m for m in region.members if not m.is_partial]
    partial = [m for m in region.members if m.is_partial]
    years = []
    for index, year in enumerate(table.years):
        total = add_up(values, counted, index)
        whole = total + add_up(values, partial, index) if partial else None
        item = RegionYear(year, table_date(table, year), total, whole, national[index])
        if population is not None:
            at = population.years.index(year)
            item.per_million = per_million(total, add_up(people, counted, at))
            if whole is not None:
                item.whole_per_million = per_million(whole, add_up(people, region.members, at))
        years.append(item)
    series = RegionSeries(region, counted, partial, years)
    for first, second in zip(years, years[1:], strict=False):
        series.changes.append(Change(first.year, second.year, first.total, second.total))
        if first.whole_total is not None and second.whole_total is not None:
            change = Change(first.year, second.year, first.whole_total, second.whole_total)
            series.whole_changes.append(change)
    return series


def table_baseline(model: Model, table: StatisticTable, regions: list[Region]) -> TableBaseline:
    """Return the national totals and every region's series on one table."""
    national = [sum(row.values[i] for row in table.rows) for i in range(len(table.years))]
    population = population_for(model, table) if table.statistic != POPULATION else None
    series = [region_series(table, region, national, population) for region in regions]
    return TableBaseline(table, national, series, population)


def months_between(earlier: FuzzyDate, later: FuzzyDate) -> int:
    """Return the whole months from one date to another, a year-only date read as December."""
    return (later.year * 12 + (later.month or 12)) - (earlier.year * 12 + (earlier.month or 12))


def whole_words(region: Region) -> str:
    """Return 'counting the whole of Inner Mongolia, not only its eastern part'."""
    parts = [m for m in region.members if m.is_partial]
    names = " and ".join(f"the whole of {m.province.name}" for m in parts)
    which = " and ".join(f"{m.province.name}'s {m.part}" for m in parts)
    return f"counting {names}, not only {which}"


def press_contexts(model: Model, tables: list[TableBaseline]) -> dict[str, PressContext]:
    """Return, for each press figure with a matching statistic, the nearest official figure."""
    by_metric: dict[str, list[TableBaseline]] = {}
    for item in tables:
        if item.table.metric_id:
            by_metric.setdefault(item.table.metric_id, []).append(item)
    found = {}
    for fact in sorted(model.facts.values(), key=lambda f: f.id):
        candidates = by_metric.get(fact.metric.id)
        if not candidates or fact.value is None:  # a change without a level has no counterpart
            continue
        options = []
        for item in candidates:
            for index, year in enumerate(item.table.years):
                gap = abs(months_between(table_date(item.table, year), fact.reference_date))
                options.append((gap, item.table.id, index, item))
        gap, _, index, item = min(options, key=lambda option: option[:3])
        table, year = item.table, item.table.years[index]
        series = item.series_of(fact.place_id)
        if series is not None:
            official, whole = series.years[index].total, series.years[index].whole_total
        elif fact.place_id in values_by_province(table):
            official, whole = values_by_province(table)[fact.place_id][index], None
        else:
            continue
        date = table_date(table, year)
        same = date.year == fact.reference_date.year and (
            table.month is None or table.month == fact.reference_date.month
        )
        found[fact.id] = PressContext(fact, table, year, fact.place_id, official, whole, same)
    return found


def derive_baseline(model: Model, regions: list[Region]) -> Baseline:
    """Return every summable table's region totals and the press figures set in context."""
    tables = [
        table_baseline(model, table, regions)
        for table in sorted(model.tables.values(), key=lambda t: (-len(t.years), t.id))
        if summable(table) and table.statistic != POPULATION
    ]
    return Baseline(tables, press_contexts(model, tables))


def percent_words(value: float | None) -> str:
    """Return '12.3%' or 'n/a' for a share or growth rate."""
    return "n/a" if value is None else f"{value:.1f}%"


def signed_percent(value: float | None) -> str:
    """Return '+12.3%' or '−4.0%' for a change."""
    if value is None:
        return "n/a"
    return f"{'+' if value >= 0 else '−'}{abs(value):.1f}%"
