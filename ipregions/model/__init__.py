"""The validated model of regions, places, metrics, sources, facts and milestones.

The site's own settings and kinds of page live apart, in model.site.

Room: model. Imports: nothing of the package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a year, a month or a day, perhaps inferred rather than printed."""

    year: int
    month: int | None = None
    day: int | None = None
    inferred: str | None = None  # which part we inferred: "year", "month", "day" or "date"
    why: str | None = None  # the reason we inferred it, shown to readers
    evidence: tuple[Evidence, ...] = ()  # outside reports the inference rests on

    @property
    def precision(self) -> Precision:
        """Return how much of the date is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def iso(self) -> str:
        """Return the date as ISO text at its own precision: 2024, 2024-06 or 2024-06-30."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def first_day(self) -> dt.date:
        """Return the earliest calendar day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """Return the latest calendar day the date can mean."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)


@dataclass(frozen=True)
class Period:
    """A stretch of time a flow figure covers, such as January–October 2023."""

    start: FuzzyDate
    end: FuzzyDate


@dataclass(frozen=True)
class Location:
    """Where an item was written: file, 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Evidence:
    """A report from outside the article that backs an inferred date or a reading of a figure."""

    outlet: str
    date: FuzzyDate
    title: str | None = None
    url: str | None = None
    note: str | None = None  # e.g. why there is no address, or what the report does not say


@dataclass
class OtherReport:
    """Another report of the same figure that words or counts it differently."""

    outlet: str
    quote: str  # their words, verbatim (a short quote)
    says: str  # what they say differently, in our words
    title: str | None = None
    date: FuzzyDate | None = None
    url: str | None = None


@dataclass
class Nation:
    """China as a whole: the place of figures about nationwide totals and series."""

    id: str
    name: str
    name_zh: str
    summary: str
    location: Location | None = None


@dataclass
class Correction:
    """A dated change to published figures: which, what changed and why."""

    date: dt.date
    fact_ids: list[str]
    source_ids: list[str]
    changed: str
    why: str
    number: int = 1  # its place in data/corrections.yaml, from 1: a stable anchor
    location: Location | None = None

    @property
    def anchor(self) -> str:
        """Return the id of the correction on the corrections page."""
        return f"correction-{self.number}"


@dataclass
class Outlet:
    """A publisher and, where known, the address of its page."""

    name: str | None
    url: str | None = None
    accessed: dt.date | None = None  # the day we read the page at url
    note: str | None = None  # e.g. why the original's address is not given


@dataclass
class Event:
    """What an article reports on: a press conference or another gathering."""

    kind: str
    date: FuzzyDate | None
    place: str | None = None
    weekday: str | None = None  # as printed ("Thursday") when the date itself is not
    end_date: FuzzyDate | None = None
    spokespeople: list[str] = field(default_factory=list)


@dataclass
class Equivalent:
    """The same value stated in another unit, as printed (e.g. $152,842)."""

    value: float
    unit: str


@dataclass
class Province:
    """A provincial-level division, with its place on the tile map."""

    id: str
    name: str
    name_zh: str
    kind: str  # province, municipality, autonomous region, special administrative region
    tile_row: int
    tile_col: int
    location: Location | None = None


@dataclass
class Membership:
    """A province's membership of a region, whole or in part."""

    province: Province
    part: str | None = None  # e.g. "eastern part"; None when the whole province belongs
    note: str | None = None

    @property
    def is_partial(self) -> bool:
        """Return whether only part of the province belongs to the region."""
        return self.part is not None


@dataclass
class Region:
    """A group of provincial-level divisions compared on the site."""

    id: str
    name: str
    name_zh: str
    summary: str
    members: list[Membership]
    colour_index: int = 0  # its place in model.colours: named in its file or hashed from its id
    location: Location | None = None

    @property
    def province_ids(self) -> list[str]:
        """Return the ids of the member provinces."""
        return [m.province.id for m in self.members]


class MetricKind(StrEnum):
    """What sort of quantity a metric is; only like kinds share an axis."""

    STOCK = "stock"  # a level at a date: valid invention patents as of June 2024
    FLOW = "flow"  # a count over a period: cases accepted January–October 2023
    INSTITUTIONS = "institutions"  # a count of bodies at a date: protection centres
    RATE = "rate"  # a percentage or share
    MONEY = "money"  # an amount of money
    COUNT = "count"  # another count at a date: people, enterprises, products


@dataclass
class Metric:
    """What a figure counts."""

    id: str
    label: str
    unit: str  # singular noun for counts ("patent"), or "percent", "yuan"
    unit_plural: str
    kind: MetricKind
    definition: str
    comparable_with: list[str] = field(default_factory=list)  # other metric ids
    caveat: str | None = None
    sum_of: list[str] = field(default_factory=list)  # metric ids this one counts added together
    location: Location | None = None
    scope: str = "regional"  # "national": figures about China as a whole, never a province's


class Qualifier(StrEnum):
    """How exact a stated value is."""

    EXACT = "exact"
    MORE_THAN = "more than"
    NEARLY = "nearly"
    ABOUT = "about"
    ROUNDED = "rounded"  # the article prints a rounded number without saying so


@dataclass
class Source:
    """One news article the data is drawn from."""

    id: str
    title: str
    original: Outlet  # the outlet that wrote the story
    read_at: Outlet | None  # the page it was read on, when that is a republication
    author: str | None
    published: FuzzyDate | None
    event: Event | None
    summary: str
    text_file: str | None  # the article text's file name, for check --sources
    added: dt.date  # when the source joined the site (orders the feed)
    location: Location | None = None
    producer: str | None = None  # who produced the figures it reports, e.g. CNIPA
    text_missing: str | None = None  # why no article text is kept, when text_file is None


@dataclass
class Citation:
    """One source's word for a fact: which article, and its verbatim quote."""

    source: Source
    quote: str
    location: Location | None = None


@dataclass
class Growth:
    """A stated change over a previous period, in percent."""

    percent: float
    basis: str | None = None  # what the change is measured against, in the source's words
    qualifier: Qualifier = Qualifier.EXACT


@dataclass
class Fact:
    """One figure from the articles: what, where, when, how much, and who said so."""

    id: str
    place_id: str  # a region id or a province id
    metric: Metric
    value: float | None  # None for a growth-only statement ("trademarks rose 10.5 percent")
    qualifier: Qualifier
    as_of: FuzzyDate | None  # for stocks, counts and institutions
    period: Period | None  # for flows
    citations: list[Citation]  # the first is the source the fact was entered from
    note: str | None = None
    growth: Growth | None = None
    equivalent: Equivalent | None = None
    location: Location | None = None
    producer: str | None = None  # who produced the figure, when not the source's producer
    other_reports: list[OtherReport] = field(default_factory=list)
    meaning_unclear: bool = False  # what the figure counts is unclear: kept out of comparisons

    @property
    def sources(self) -> list[Source]:
        """Return the sources that state this fact, first one first."""
        return [c.source for c in self.citations]

    @property
    def reference_date(self) -> FuzzyDate:
        """Return the date the figure refers to: its as-of date or its period's end."""
        if self.as_of is not None:
            return self.as_of
        assert self.period is not None
        return self.period.end


@dataclass
class Milestone:
    """A dated event without a figure: a centre opened, a platform launched."""

    id: str
    place_id: str
    date: FuzzyDate
    title: str
    citation: Citation
    location: Location | None = None


@dataclass
class StatisticRow:
    """One printed row of an official table: a province, or a line printed apart from them."""

    label: str  # the province's name, or the label as printed ("Taiwan", "其他", "Shenzhen")
    place_id: str | None  # a province id, or None for cities, sub-totals and "others"
    values: list[float]  # one per year of the table


@dataclass
class StatisticTable:
    """One official statistics table, copied as printed: a row per province, a value per year."""

    id: str
    title: str
    publisher: str
    edition: str
    number: str  # the table's number in its publication: 3-3
    url: str
    statistic: str  # one id for one concept across tables
    statistic_label: str
    unit: str
    values_are: str  # counts, amounts or percentages
    time_basis: str  # what a year means: "at the end of each year", "as at March 2012"
    note: str  # the table's own note on what is counted
    years: list[int]
    rows: list[StatisticRow]  # the provinces, as printed
    other_rows: list[StatisticRow]  # Taiwan, Hong Kong, Macao, cities and other lines
    missing: dict[str, str]  # province id: why it has no row
    month: int | None = None  # for a monthly report: the month its figures are as at
    total: list[float] | None = None  # adds up rows and the total_includes labels of other_rows
    total_includes: list[str] = field(default_factory=list)
    total_note: str | None = None  # why the printed total differs from the rows
    metric_id: str | None = None  # the press metric this statistic measures


@dataclass
class Model:
    """Everything the site is built from, validated and cross-linked."""

    provinces: dict[str, Province]
    regions: dict[str, Region]
    metrics: dict[str, Metric]
    sources: dict[str, Source]
    facts: dict[str, Fact]
    milestones: dict[str, Milestone]
    tables: dict[str, StatisticTable] = field(default_factory=dict)
    nations: dict[str, Nation] = field(default_factory=dict)  # China as a whole
    corrections: list[Correction] = field(default_factory=list)  # oldest first

    def place_name(self, place_id: str) -> str:
        """Return the English name of a region, province or the nation."""
        place = self.regions.get(place_id) or self.provinces.get(place_id)
        return (place or self.nations[place_id]).name

    @property
    def regions_in_order(self) -> list[Region]:
        """Return the regions by name, the order every list, chart and table shows them in."""
        return sorted(self.regions.values(), key=lambda region: (region.name, region.id))

    def regions_of(self, place_id: str) -> list[Region]:
        """Return the regions a place is or belongs to."""
        if place_id in self.regions:
            return [self.regions[place_id]]
        return [r for r in self.regions.values() if place_id in r.province_ids]
