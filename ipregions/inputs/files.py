"""The one description of every data file: read by validation, written as JSON Schema.

Room: inputs. Imports: model, inputs.dates, inputs.values.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipregions.inputs.dates import Date, Day, PeriodSpec
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
from ipregions.model import REGION_COLOURS, MetricKind, Qualifier

PROVINCE_KINDS = ("province", "municipality", "autonomous region", "special administrative region")
WEEKDAYS = tuple(calendar.day_name)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

VALUE_HINT = 'write a plain number: 7040000, not "7.04 million"'
QUALIFIERS = tuple(q.value for q in Qualifier)
QUOTE = "The sentence from the article, copied verbatim; it must contain the value as printed."

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
    )
)
OUTLET = Obj(
    (
        Field("name", Text(), "The publisher's name: China Daily."),
        Field("url", Url(), "The article's address, http:// or https:// only; only when known."),
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
        Field("basis", Text(), "Compared with what; defaults to 'year on year'."),
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
        Field("note", Text(), "Words for readers."),
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

VALUES_ARE = ("counts", "amounts", "percentages")
ROW = Obj(
    (
        Field("place", Ref(target="province"), "A province id from data/provinces.yaml.", True),
        Field(
            "values",
            ListOf(Number(minimum=0)),
            "The printed values, one per year, in the order of 'years': [231317, 403429].",
            True,
        ),
    )
)
OTHER_ROW = Obj(
    (
        Field("label", Text(), "The row's label as printed: Taiwan, Shenzhen, 其他.", True),
        Field("place", Ref(target="province"), "For Taiwan, Hong Kong and Macao: their id."),
        Field("values", ListOf(Number(minimum=0)), "The printed values, one per year.", True),
    )
)
MISSING = Obj(
    (
        Field("province", Ref(target="province"), "A province the table has no row for.", True),
        Field("why", Text(), "Why: not printed, cut off in the copy we read, …", True),
    )
)
STATISTIC_FILE = Obj(
    (
        Field("title", Text(), "The table's title as printed.", True),
        Field("publisher", Text(), "Who published it: CNIPA.", True),
        Field(
            "edition",
            Text(),
            "The publication: China Intellectual Property Statistical Yearbook 2022.",
            True,
        ),
        Field("table", Text(), "The table's number in the publication: 3-3.", True),
        Field("url", Url(), "The table's address.", True),
        Field(
            "statistic",
            Slug(),
            "One id for one concept across tables: utility-models-in-force.",
            True,
        ),
        Field("statistic_label", Text(), "What is counted, as a chart title.", True),
        Field(
            "metric",
            Ref(target="metric"),
            "The press metric this measures, for figures in context.",
        ),
        Field(
            "unit",
            Text(),
            "The printed unit in words: patents, applications, million people.",
            True,
        ),
        Field(
            "values_are",
            Choice(values=VALUES_ARE),
            "counts (whole numbers), amounts or percentages.",
            True,
        ),
        Field(
            "time_basis",
            Text(),
            "What a year means: at the end of each year; received in each year.",
            True,
        ),
        Field(
            "month",
            Number(minimum=1, whole=True),
            "For a monthly report: the month its figures are as at.",
        ),
        Field("note", Text(), "The table's own note on what is counted, and ours.", True),
        Field(
            "years",
            ListOf(Number(minimum=1900, whole=True), min_items=1),
            "The years printed, in order.",
            True,
        ),
        Field("total", ListOf(Number(minimum=0)), "The printed total, one per year."),
        Field(
            "total_includes",
            ListOf(Text()),
            "Labels of other rows the printed total adds in: Taiwan.",
        ),
        Field(
            "total_note",
            Text(),
            "Why the printed total differs from the rows it adds up, if it does.",
        ),
        Field("rows", ListOf(ROW, min_items=1), "One row per mainland province, as printed.", True),
        Field("other_rows", ListOf(OTHER_ROW), "Taiwan, Hong Kong, Macao, cities and other lines."),
        Field("missing", ListOf(MISSING), "Provinces the table has no row for, and why."),
    ),
    description="data/statistics/<id>.yaml: one official table; the file name is its id.",
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
        Field("original", OUTLET, "The outlet that wrote the story.", required=True),
        Field("read_at", OUTLET, "The page we read it on, when that is a republication."),
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
    )
}


def json_schema(kind: FileKind) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one kind of data file."""
    defs: dict[str, Any] = {}
    body = kind.spec.schema(defs)
    schema = {"$schema": JSON_SCHEMA_DIALECT, "$id": kind.schema_file, "title": kind.title, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return every JSON Schema by file name."""
    return {kind.schema_file: json_schema(kind) for kind in FILE_KINDS.values()}


def schema_bytes(schema: dict[str, Any]) -> bytes:
    """Return a schema as the bytes committed in schemas/."""
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def schema_files() -> dict[str, bytes]:
    """Return every JSON Schema as the bytes published under schemas/, by file name."""
    return {name: schema_bytes(schema) for name, schema in json_schemas().items()}


def write_schemas(directory: Path) -> list[Path]:
    """Write every JSON Schema into directory and return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        target = directory / name
        target.write_bytes(schema_bytes(schema))
        written.append(target)
    return written
