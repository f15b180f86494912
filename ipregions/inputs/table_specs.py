"""The specs of an official statistics table file: its fields, rows printed and rows missing.

Room: inputs. Imports: inputs.values.
"""

from __future__ import annotations

from ipregions.inputs.values import (
    Choice,
    Field,
    ListOf,
    Number,
    Obj,
    Ref,
    Slug,
    Text,
    Url,
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
