"""The official statistics as open data: every printed row and year, and the region aggregates.

Room: web. Imports: model, baseline, web.csv_tables.
"""

from __future__ import annotations

import csv
import io

from ipregions.baseline import derive_baseline
from ipregions.model import FuzzyDate, Model
from ipregions.web.csv_tables import Column, Row, number

STATISTIC_COLUMNS: list[Column] = [
    ("table_id", "The official table's id: its page is /statistics/<id>/.", lambda t, r, i: t.id),
    ("statistic", "What is counted; one id across tables.", lambda t, r, i: t.statistic),
    ("statistic_label", "What is counted, in words.", lambda t, r, i: t.statistic_label),
    ("province", "A province id, or empty for a row printed apart.", lambda t, r, i: r.place_id),
    ("row_label", "The row as printed or the province's name.", lambda t, r, i: r.label),
    (
        "mainland",
        "yes for the 31 mainland provinces.",
        lambda t, r, i: "yes" if r in t.rows else "no",
    ),
    ("year", "The year the value refers to.", lambda t, r, i: t.years[i]),
    (
        "as_of",
        "The month for a monthly report (2012-03), else the year.",
        lambda t, r, i: FuzzyDate(t.years[i], t.month).iso,
    ),
    ("value", "The value as printed.", lambda t, r, i: number(r.values[i])),
    ("unit", "The printed unit.", lambda t, r, i: t.unit),
    (
        "table",
        "Publisher, publication and table number.",
        lambda t, r, i: f"{t.publisher}, {t.edition}, table {t.number}",
    ),
    ("url", "The table's address.", lambda t, r, i: t.url),
]


AGGREGATE_COLUMNS = [
    ("table_id", "The official table's id."),
    ("statistic", "What is counted."),
    ("region_id", "The region."),
    ("year", "The year."),
    ("as_of", "The month or year the figures refer to."),
    ("total", "The sum of the members that belong whole."),
    ("total_counting_partial_members_whole", "Also every partial member counted whole."),
    ("partial_members", "Provinces that belong only in part, left out of total."),
    ("national_total", "The sum of the 31 mainland provinces (not the printed total)."),
    ("share_percent", "total as a percentage of national_total."),
    ("share_counting_partial_members_whole_percent", "The same with partial members whole."),
    ("unit", "The printed unit."),
    ("url", "The table's address."),
]


def statistic_rows(model: Model) -> list[Row]:
    """Return one row per official table, printed row and year."""
    return [
        {name: get(table, row, index) for name, _, get in STATISTIC_COLUMNS}
        for _, table in sorted(model.tables.items())
        for row in table.rows + table.other_rows
        for index in range(len(table.years))
    ]


def aggregate_csv(model: Model) -> bytes:
    """Return the region totals and shares of every summable table as CSV."""
    regions = model.regions_in_order
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in AGGREGATE_COLUMNS])
    for item in sorted(derive_baseline(model, regions).tables, key=lambda t: t.table.id):
        table = item.table
        for series in item.series:
            partial = ";".join(m.province.id for m in series.partial)
            for year in series.years:
                writer.writerow(
                    [
                        table.id,
                        table.statistic,
                        series.region.id,
                        year.year,
                        year.date.iso,
                        number(year.total),
                        number(year.whole_total),
                        partial,
                        number(year.national),
                        rounded(year.share),
                        rounded(year.whole_share),
                        table.unit,
                        table.url,
                    ]
                )
    return out.getvalue().encode("utf-8")


def rounded(value: float | None) -> float | None:
    """Return a share rounded to four decimals, or None."""
    return None if value is None else round(value, 4)
