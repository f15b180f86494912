"""Like-for-like charts from official tables: provinces coloured by region, a trend per region.

Every chart draws one table, so every value on it shares publisher, definition and date.

Room: charts. Imports: baseline, model, words, charts.layers, charts.model, charts.theme.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ipregions.baseline import RegionSeries, TableBaseline, signed_percent, whole_words
from ipregions.charts import theme
from ipregions.charts.layers import finish_spec
from ipregions.charts.model import BASELINE_PREFIX as PREFIX
from ipregions.charts.model import Chart, ChartTable, TableRow
from ipregions.model import Model, Region, StatisticTable
from ipregions.model.site import PageKind, Placement
from ipregions.words import MONTHS, format_number, lower_first

OUTSIDE = "Not in a compared region"
BAR_STEP = 16
PARTIAL_OPACITY = 0.45
LEGEND = {
    "disable": False,
    "labelColor": theme.INK,
    "labelFont": theme.FONT,
    "labelFontSize": theme.SMALL_FONT_SIZE,
    "labelLimit": theme.WIDTH,
    "symbolType": "square",
}


def date_words(table: StatisticTable, year: int) -> str:
    """Return 'March 2012' or '2022' for a table's year."""
    return f"{MONTHS[table.month - 1]} {year}" if table.month else str(year)


def credit_line(table: StatisticTable) -> str:
    """Return the chart's credit: publisher, publication and table number."""
    return f"Source: {table.publisher}, {table.edition}, table {table.number}"


def placements(table: StatisticTable, regions: list[Region]) -> tuple[Placement, ...]:
    """Return where a table's charts show: compare, each region, and the table's own page."""
    return (
        Placement(PageKind.COMPARE),
        *(Placement(PageKind.REGION, region.id) for region in regions),
        Placement(PageKind.STATISTIC, table.id),
    )


def row_link(table: StatisticTable, province_id: str) -> str:
    """Return the site path of a province's row in a table's page."""
    return f"statistics/{table.id}/#{province_id}"


def province_group(model: Model, province_id: str) -> tuple[str, str, float]:
    """Return the region label, colour and opacity a province is drawn with."""
    for region in model.regions_in_order:
        for member in region.members:
            if member.province.id == province_id:
                colour = theme.region_colour(region.colour_index)
                if member.is_partial:
                    return f"{region.name} ({member.part} only)", colour, PARTIAL_OPACITY
                return region.name, colour, 1.0
    return OUTSIDE, theme.EMPTY_TILE, 1.0


def province_chart(model: Model, item: TableBaseline, regions: list[Region]) -> Chart:
    """Return the latest year of a table: every province, coloured by its region."""
    table = item.table
    index = len(table.years) - 1
    year = table.years[index]
    when = date_words(table, year)
    records: list[dict[str, Any]] = []
    for row in sorted(table.rows, key=lambda r: (-r.values[index], r.label)):
        group, colour, opacity = province_group(model, row.place_id or "")
        records.append(
            {
                "kind": "province",
                "province_id": row.place_id,
                "province": row.label,
                "region": group,
                "colour": colour,
                "opacity": opacity,
                "year": year,
                "value": row.values[index],
                "label": format_number(row.values[index]),
                "table_id": table.id,
            }
        )
    key: dict[str, str] = {}  # the legend: region label to colour, in region order
    for region in regions:
        key[region.name] = theme.region_colour(region.colour_index)
    for record in records:
        key.setdefault(record["region"], record["colour"])
    key[OUTSIDE] = key.pop(OUTSIDE, theme.EMPTY_TILE)
    y = alt.Y("province:N", sort=None, title=None, axis=alt.Axis(labelLimit=150))
    bars = (
        alt.Chart()
        .mark_bar(size=BAR_STEP - 4)
        .encode(
            x=alt.X("value:Q", title=table.unit, axis=alt.Axis(format="~s", grid=False)),
            y=y,
            color=alt.Color(
                "region:N",
                scale=alt.Scale(domain=list(key), range=list(key.values())),
                legend=alt.Legend(orient="top", title=None, columns=1),
            ),
            opacity=alt.Opacity("opacity:Q", scale=None),
            tooltip=[
                alt.Tooltip("province:N", title="Province"),
                alt.Tooltip("region:N", title="Region"),
                alt.Tooltip("value:Q", title=table.unit, format=","),
            ],
        )
    )
    subtitle = f"Every mainland province, {when}, coloured by region; a partial member paler."
    spec = alt.layer(bars, data=alt.Data(values=records)).properties(
        width=theme.WIDTH, height=BAR_STEP * len(records)
    )
    spec_dict = spec.to_dict(validate=False)
    spec_dict["title"] = {
        "text": table.statistic_label,
        "subtitle": theme.wrap(subtitle, theme.WIDTH),
    }
    top = records[0]
    shares = "; ".join(
        f"{s.region.name} {format_number(s.years[index].total)}" for s in item.series
    )
    description = (
        f"{table.statistic_label} by province, {when}, from {table.publisher}'s {table.edition}, "
        f"table {table.number}. {top['province']} has the most, {top['label']}. Region totals "
        f"from their member provinces: {shares}."
    )
    takeaway = (
        f"{top['province']} has the most {lower_first(table.statistic_label)} in {when}: "
        f"{top['label']} {table.unit}."
    )
    finished = finish_spec(spec_dict, description)
    finished["config"]["legend"] = LEGEND
    return Chart(
        id=f"{PREFIX}{table.id}-provinces",
        title=f"{table.statistic_label}, {when}, by province",
        takeaway=takeaway,
        description=description,
        spec=finished,
        table=ChartTable(
            columns=("Province", "Region", table.unit.capitalize()),
            rows=tuple(
                TableRow(
                    (r["province"], r["region"], r["label"]),
                    href=row_link(table, r["province_id"]),
                )
                for r in records
            ),
            link_column=2,
        ),
        data=[{k: v for k, v in r.items() if k not in ("colour", "opacity")} for r in records],
        source_line=credit_line(table),
        pages=placements(table, regions),
    )


def trend_records(item: TableBaseline) -> list[dict[str, Any]]:
    """Return one record per region, year and count (without and with partial members)."""
    records: list[dict[str, Any]] = []
    for series in item.series:
        colour = theme.region_colour(series.region.colour_index)
        for year in series.years:
            variants = [("members that belong whole", year.total, year.share)]
            if year.whole_total is not None:
                variants.append((whole_words(series.region), year.whole_total, year.whole_share))
            for variant, value, share in variants:
                records.append(
                    {
                        "kind": "line",
                        "region_id": series.region.id,
                        "region": series.region.name,
                        "counted": variant,
                        "year": year.year,
                        "value": value,
                        "share_of_national_percent": round(share or 0.0, 2),
                        "colour": colour,
                    }
                )
    return records


def growth_words(series: RegionSeries) -> str:
    """Return 'Central China +25.9% a year', with the range when a member belongs in part."""
    assert series.overall is not None
    text = f"{series.region.name} {signed_percent(series.overall.yearly_percent)} a year"
    whole = series.whole_overall
    if whole is not None:
        names = " and ".join(m.province.name for m in series.partial)
        text += f" without {names}, {signed_percent(whole.yearly_percent)} counting it whole"
    return text


def trend_chart(item: TableBaseline, regions: list[Region]) -> Chart:
    """Return a small multiple per region: its total in each year of one table."""
    table = item.table
    records = trend_records(item)
    first, last = table.years[0], table.years[-1]
    dashes = ["members that belong whole"] + [
        whole_words(s.region) for s in item.series if s.partial
    ]
    line = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "year:Q",
                title=None,
                scale=alt.Scale(domain=[first, last]),
                axis=alt.Axis(format="d", values=table.years),
            ),
            y=alt.Y("value:Q", title=table.unit, axis=alt.Axis(format="~s")),
            color=alt.Color("colour:N", scale=None),
            strokeDash=alt.StrokeDash(
                "counted:N",
                legend=None,
                scale=alt.Scale(domain=dashes, range=[[1, 0]] + [[5, 3]] * (len(dashes) - 1)),
            ),
            detail="counted:N",
            tooltip=[
                alt.Tooltip("region:N", title="Region"),
                alt.Tooltip("counted:N", title="Counted"),
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("value:Q", title=table.unit, format=","),
            ],
        )
        .properties(width=110, height=120)
    )
    faceted = alt.FacetChart(
        data=alt.Data(values=records),
        spec=line,
        facet=alt.Facet("region:N", title=None, sort=[r.name for r in regions]),
        columns=3,
    )
    spec_dict = faceted.to_dict(validate=False)
    partial = [s for s in item.series if s.partial]
    dashed = (
        " Dashed: " + "; ".join(f"{s.region.name} {whole_words(s.region)}" for s in partial) + "."
        if partial
        else ""
    )
    subtitle = f"Region totals from member provinces, {first}–{last}, one table.{dashed}"
    spec_dict["title"] = {
        "text": table.statistic_label,
        "subtitle": theme.wrap(subtitle, theme.WIDTH),
    }
    growth = "; ".join(growth_words(s) for s in item.series if s.overall)
    takeaway = f"Average yearly growth {first}–{last}: {growth}."
    description = (
        f"{table.statistic_label}: each region's total from its member provinces, {first} to "
        f"{last}, from {table.publisher}'s {table.edition}, table {table.number}. {takeaway}"
        f"{dashed}"
    )
    rows = []
    for series in item.series:
        for year in series.years:
            whole = format_number(year.whole_total) if year.whole_total is not None else ""
            rows.append(
                TableRow(
                    (series.region.name, str(year.year), format_number(year.total), whole),
                    href=f"statistics/{table.id}/#regions",
                )
            )
    return Chart(
        id=f"{PREFIX}{table.id}-trend",
        title=f"{table.statistic_label}: region totals, {first}–{last}",
        takeaway=takeaway,
        description=description,
        spec=finish_spec(spec_dict, description),
        table=ChartTable(
            columns=("Region", "Year", "Total", "Counting partial members whole"),
            rows=tuple(rows),
            link_column=2,
        ),
        data=[{k: v for k, v in r.items() if k != "colour"} for r in records],
        source_line=credit_line(table),
        pages=placements(table, regions),
    )


def baseline_charts(model: Model, items: list[TableBaseline]) -> list[Chart]:
    """Return the like-for-like charts: for each table with a trend, provinces and regions."""
    regions = model.regions_in_order
    charts = []
    for item in items:
        charts.append(province_chart(model, item, regions))
        charts.append(trend_chart(item, regions))
    return charts
