"""The one description of every data file: read by validation, written as JSON Schema.

Room: inputs. Imports: model, inputs.dates, inputs.values.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from ipregions.inputs.dates import Date, Day, PeriodSpec, ScalarDate
from ipregions.inputs.provenance_fields import (
    COUNTRY_FILE,
    MEANING_FIELD,
    NOTE_FIELD,
    PRODUCER_FIELD,
    SCOPE_FIELD,
    SOURCE_PRODUCER_FIELD,
)
from ipregions.inputs.table_specs import STATISTIC_FILE
from ipregions.inputs.values import (
    Choice,
    Field,
    FileName,
    ListOf,
    Number,
    Obj,
    Quote,
    Ref,
    Slug,
    Text,
    Url,
)
from ipregions.model import MetricKind, Qualifier
from ipregions.model.colours import REGION_COLOURS

PROVINCE_KINDS = ("province", "municipality", "autonomous region", "special administrative region")
WEEKDAYS = tuple(calendar.day_name)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

VALUE_HINT = 'write a plain number: 7040000, not "7.04 million"'
QUALIFIERS = tuple(q.value for q in Qualifier)
QUOTE = "The sentence from the article, copied verbatim; it must contain the value as printed."

OTHER_REPORT = Obj(
    (
        Field("outlet", Text(), "Who published the other report: Guangming Daily.", required=True),
        Field("quote", Text(), "Their words, copied verbatim: a short quote.", required=True),
        Field("says", Text(), "What they say differently, in our own words.", required=True),
        Field("title", Text(), "The other report's headline, when known."),
        Field("date", ScalarDate(), "When it was published."),
        Field("url", Url(), "Where we read it, http:// or https:// only."),
    ),
    description="Another report of the same figure that words or counts it differently.",
)
CORRECTION = Obj(
    (
        Field("date", Day(), "The day the correction was made: 2026-12-01.", required=True),
        Field("facts", ListOf(Ref(target="fact")), "The ids of the facts corrected."),
        Field("sources", ListOf(Ref(target="source")), "The ids of the articles corrected."),
        Field("changed", Text(), "What changed, from what to what.", required=True),
        Field("why", Text(), "Why, and on what evidence.", required=True),
    )
)
OUTLET = Obj(
    (
        Field("name", Text(), "The publisher's name: China Daily."),
        Field("url", Url(), "The article's address, http:// or https:// only; only when known."),
        Field("accessed", Day(), "The day we read the page at url: 2026-12-01."),
        Field("note", Text(), "Words for readers: e.g. that the original's address was not found."),
    )
)
PROVINCE = Obj(
    (
        Field("id", Slug(), "Lower-case words joined by hyphens: inner-mongolia.", required=True),
        Field("name", Text(), "English name: Inner Mongolia.", required=True),
        Field("name_zh", Text(), "Chinese name: 内蒙古自治区.", required=True),
        Field("kind", Choice(values=PROVINCE_KINDS), "What sort of division it is.", required=True),
        Field(
            "tile",
            ListOf(Number(minimum=0, whole=True), min_items=2, max_items=2),
            "Row and column on the tile map, from the top left, 0-based: [3, 7].",
            required=True,
        ),
    )
)
MEMBER = Obj(
    (
        Field(
            "province",
            Ref(target="province"),
            "A province id from data/provinces.yaml.",
            required=True,
        ),
        Field("part", Text(), "Only part of the province belongs: say which (eastern part)."),
        Field("note", Text(), "Words on what the part covers."),
    )
)
METRIC = Obj(
    (
        Field(
            "id",
            Slug(),
            "Lower-case words joined by hyphens: valid-invention-patents.",
            required=True,
        ),
        Field(
            "label",
            Text(),
            "What is counted, as a chart title: Valid invention patents.",
            required=True,
        ),
        Field(
            "unit",
            Text(),
            "Singular unit: patent; percent for rates; yuan for money.",
            required=True,
        ),
        Field("unit_plural", Text(), "Plural unit: patents.", required=True),
        Field(
            "kind",
            Choice(values=tuple(k.value for k in MetricKind)),
            "stock (a level at a date), flow (a count over a period), institutions, "
            "rate (a percentage), money, count (another number at a date).",
            required=True,
        ),
        Field("definition", Text(), "Our own words on what is counted.", required=True),
        Field(
            "comparable_with",
            ListOf(Ref(target="metric")),
            "Ids of other metrics of the same kind whose figures may sit beside these.",
        ),
        Field("caveat", Text(), "What the figures cannot be compared with."),
        Field(
            "sum_of",
            ListOf(Ref(target="metric")),
            "Ids of the metrics this one counts added together: a combined count of centres is "
            "the sum of national and rapid centres. Charts stack those parts to set beside it.",
        ),
        SCOPE_FIELD,
    )
)
EVENT = Obj(
    (
        Field("kind", Text(), "What the article reports on: press conference.", required=True),
        Field("date", Date(), "When it was held."),
        Field("end_date", Date(), "The last day, for events over several days."),
        Field(
            "weekday", Choice(values=WEEKDAYS), "The weekday as printed, when only that is given."
        ),
        Field("place", Text(), "Where it was held: Xiong'an, Hebei."),
        Field("spokespeople", ListOf(Text()), "Who spoke, with their role."),
    )
)
GROWTH = Obj(
    (
        Field(
            "percent",
            Number(minimum=-100),
            "The stated change in percent: 19 or -5.",
            required=True,
        ),
        Field("basis", Text(), "What the change is measured against, in the quote's words."),
        Field(
            "qualifier", Choice(values=QUALIFIERS), "exact (the default), more than, nearly, about."
        ),
    )
)
EQUIVALENT = Obj(
    (
        Field(
            "value",
            Number(minimum=0, hint=VALUE_HINT),
            "The amount as printed: 152842.",
            required=True,
        ),
        Field("unit", Text(), "Its unit: USD.", required=True),
    )
)
FACT = Obj(
    (
        Field("id", Slug(), "The fact's permanent id: becomes /facts/<id>/.", required=True),
        Field("place", Ref(target="place"), "A region id or a province id.", required=True),
        Field("metric", Ref(target="metric"), "A metric id from data/metrics.yaml.", required=True),
        Field(
            "value",
            Number(minimum=0, hint=VALUE_HINT),
            "A plain number: 7040000. Leave it out only for a growth-only statement.",
        ),
        Field(
            "qualifier", Choice(values=QUALIFIERS), "exact (the default), more than, nearly, about."
        ),
        Field("as_of", Date(), "The date a stock, count, institutions or money figure refers to."),
        Field("period", PeriodSpec(), "The period a flow covers."),
        Field("growth", GROWTH, "The stated change over a previous period."),
        Field("equivalent", EQUIVALENT, "The same amount as printed in another unit."),
        NOTE_FIELD,
        PRODUCER_FIELD,
        MEANING_FIELD,
        Field("other_reports", ListOf(OTHER_REPORT, min_items=1), "Other reports of the figure."),
        Field("quote", Quote(), QUOTE, required=True),
    )
)
CORROBORATION = Obj(
    (
        Field(
            "fact",
            Ref(target="fact"),
            "The id of a fact entered from another article.",
            required=True,
        ),
        Field("quote", Quote(), QUOTE, required=True),
    )
)
MILESTONE = Obj(
    (
        Field("id", Slug(), "The milestone's permanent id.", required=True),
        Field("place", Ref(target="place"), "A region id or a province id.", required=True),
        Field("date", Date(), "When it happened.", required=True),
        Field("title", Text(), "What happened, in our own words.", required=True),
        Field("quote", Quote(), "The sentence from the article, copied verbatim.", required=True),
    )
)


PROVINCES_FILE = Obj(
    (
        Field(
            "provinces",
            ListOf(PROVINCE, min_items=1),
            "Every provincial-level division.",
            required=True,
        ),
    ),
    description="data/provinces.yaml: every provincial-level division of China.",
)
REGION_FILE = Obj(
    (
        Field("name", Text(), "English name: Northeast China.", required=True),
        Field("name_zh", Text(), "Chinese name: 东北地区.", required=True),
        Field("summary", Text(), "One or two sentences in our own words.", required=True),
        Field("members", ListOf(MEMBER, min_items=1), "The member provinces.", required=True),
        Field("colour", Choice(values=tuple(REGION_COLOURS)), "Its colour for good (EDITING.md)."),
    ),
    description="data/regions/<id>.yaml: one region; the file name is its id.",
)
METRICS_FILE = Obj(
    (Field("metrics", ListOf(METRIC, min_items=1), "What the figures count.", required=True),),
    description="data/metrics.yaml: what the figures count.",
)
SOURCE_FILE = Obj(
    (
        Field("title", Text(), "The article's headline as printed.", required=True),
        Field("author", Text(), "The byline, when there is one."),
        SOURCE_PRODUCER_FIELD,
        Field("original", OUTLET, "The outlet that wrote the story.", required=True),
        Field(
            "read_at", OUTLET, "The page we read it on, when a republication; the day we read it."
        ),
        Field("published", Date(), "When the article was published."),
        Field(
            "added", Day(), "The day the article joined the site: orders the feed.", required=True
        ),
        Field("text_file", FileName(), "The article text's file name, for check --sources."),
        Field("text_missing", Text(), "Why no article text is kept, with text_file: null."),
        Field("event", EVENT, "What the article reports on."),
        Field("summary", Text(), "Two or three sentences in our own words.", required=True),
        Field("facts", ListOf(FACT), "The figures this article is the first to give."),
        Field(
            "corroborations", ListOf(CORROBORATION), "Figures this article repeats from another."
        ),
        Field("milestones", ListOf(MILESTONE), "Dated events without a figure."),
    ),
    description="data/sources/<id>.yaml: one article; the file name is its id.",
)
CORRECTIONS_FILE = Obj(
    (Field("corrections", ListOf(CORRECTION, min_items=1), "Oldest first.", required=True),),
    description="data/corrections.yaml: every change to published figures, dated.",
)


@dataclass(frozen=True)
class FileKind:
    """A kind of data file: its spec and the JSON Schema editors' YAML extensions read."""

    name: str
    spec: Obj
    title: str

    @property
    def schema_file(self) -> str:
        """Return the schema's file name in schemas/."""
        return f"{self.name}.schema.json"


FILE_KINDS = {
    kind.name: kind
    for kind in (
        FileKind("provinces", PROVINCES_FILE, "China IP Regions: provinces"),
        FileKind("region", REGION_FILE, "China IP Regions: a region"),
        FileKind("metrics", METRICS_FILE, "China IP Regions: metrics"),
        FileKind("source", SOURCE_FILE, "China IP Regions: an article and its facts"),
        FileKind("statistic", STATISTIC_FILE, "China IP Regions: an official statistics table"),
        FileKind("country", COUNTRY_FILE, "China IP Regions: China as a whole"),
        FileKind("corrections", CORRECTIONS_FILE, "China IP Regions: corrections"),
    )
}
