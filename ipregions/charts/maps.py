"""Tile maps: China's provincial-level divisions as equal tiles, coloured by region.

Room: charts. Imports: model, charts.layers, charts.model, charts.theme.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

import altair as alt

from ipregions.charts import theme
from ipregions.charts.layers import NO_DATA, PIXELS, finish_spec, kind_is, layered_spec
from ipregions.charts.model import Chart, ChartTable, TableRow, join_words
from ipregions.model import Membership, Model, Province, Region
from ipregions.model.site import PageKind, Placement

GAP = 3  # between tiles
KEY_SWATCH = 14
KEY_TOP_GAP = 16
PARTIAL_STROKE = 3
MAP_CREDIT = "Region membership as the sources describe it"


def tile_labels(provinces: Sequence[Province]) -> dict[str, str]:
    """Return each province's shortest unique name prefix, three letters at least: Heb, Hen."""
    names = {province.id: province.name.replace(" ", "") for province in provinces}
    labels = {}
    for province_id, name in names.items():
        size = 3
        while size < len(name) and any(
            other[:size].lower() == name[:size].lower()
            for other_id, other in names.items()
            if other_id != province_id
        ):
            size += 1
        labels[province_id] = name[:size]
    return labels


def member_text(membership: Membership) -> str:
    """Return 'Liaoning' or 'Inner Mongolia (eastern part)'."""
    if membership.part:
        return f"{membership.province.name} ({membership.part})"
    return membership.province.name


def region_members_text(region: Region) -> str:
    """Return the members of a region as words: 'Heilongjiang, Jilin and Inner Mongolia (…)'."""
    return join_words([member_text(m) for m in region.members])


def tile_records(model: Model, regions: Sequence[Region]) -> tuple[list[dict[str, Any]], float]:
    """Return tile and label records for every province, and the grid's height in pixels."""
    provinces = sorted(model.provinces.values(), key=lambda p: (p.tile_row, p.tile_col, p.id))
    columns = max(p.tile_col for p in provinces) + 1
    rows = max(p.tile_row for p in provinces) + 1
    size = (theme.WIDTH - GAP * (columns - 1)) // columns
    labels = tile_labels(provinces)
    # One size for every tile label, the largest at which the widest fits inside its tile.
    widest = max(theme.text_width(label, 1, bold=True) for label in labels.values())
    font_size = min(theme.SMALL_FONT_SIZE, int((size - 8) / widest))
    records = []
    for province in provinces:
        x, y = province.tile_col * (size + GAP), province.tile_row * (size + GAP)
        memberships = [
            (region, m) for region in regions for m in region.members if m.province is province
        ]
        whole = [region for region, m in memberships if not m.is_partial]
        partial = [(region, m) for region, m in memberships if m.is_partial]
        where = "; ".join(
            f"{region.name}{f' ({m.part})' if m.part else ''}" for region, m in memberships
        )
        tooltip = {"province": province.name, "membership": where or "not in a region shown"}
        stripes: list[Region | None] = [*whole] or [None]
        width = size / len(stripes)
        for index, region in enumerate(stripes):
            fill = theme.region_colour(region.colour_index) if region else theme.EMPTY_TILE
            records.append(
                {
                    "kind": "tile",
                    "x": x + index * width,
                    "x2": x + (index + 1) * width,
                    "y": y,
                    "y2": y + size,
                    "fill": fill,
                    **tooltip,
                }
            )
        inset = PARTIAL_STROKE / 2
        for region, _ in partial[:1] if not whole else []:
            records.append(
                {
                    "kind": "outline",
                    "x": x + inset,
                    "x2": x + size - inset,
                    "y": y + inset,
                    "y2": y + size - inset,
                    "stroke": theme.region_colour(region.colour_index),
                    **tooltip,
                }
            )
        if whole:
            text_colour = theme.text_on(theme.region_colour(whole[0].colour_index))
        else:
            text_colour = theme.INK if partial else theme.MUTED
        label = labels[province.id] + ("\npart" if partial and not whole else "")
        records.append(
            {
                "kind": "member-label" if memberships else "label",
                "x": x + size / 2,
                "y": y + size / 2,
                "text": label,
                "colour": text_colour,
                "size": font_size,
                **tooltip,
            }
        )
    return records, rows * (size + GAP) - GAP


def key_records(entries: Sequence[tuple[str, bool, str]], top: float) -> tuple[list, float]:
    """Return swatches and wrapped words under the map: (colour, outlined?, text) each."""
    records: list[dict[str, Any]] = []
    y = top + KEY_TOP_GAP
    text_x = KEY_SWATCH + 8
    for colour, outlined, text in entries:
        records.append(
            {
                "kind": "outline" if outlined else "tile",
                "x": 0 + (PARTIAL_STROKE / 2 if outlined else 0),
                "x2": KEY_SWATCH - (PARTIAL_STROKE / 2 if outlined else 0),
                "y": y + 1,
                "y2": y + 1 + KEY_SWATCH,
                "fill": theme.EMPTY_TILE if outlined else colour,
                "stroke": colour,
            }
        )
        for line in theme.wrap(text, theme.WIDTH - text_x):
            records.append(
                {
                    "kind": "key",
                    "x": text_x,
                    "y": y,
                    "text": line,
                    "colour": theme.INK,
                }
            )
            y += theme.LINE_HEIGHT
        y += 6
    return records, y


@functools.cache
def map_layers() -> str:
    """Return, as JSON, the marks every tile map shares: built once with Altair."""
    tooltip = [
        alt.Tooltip("province:N", title="Province"),
        alt.Tooltip("membership:N", title="Region"),
    ]
    box = {
        "x": alt.X("x:Q", **PIXELS),
        "x2": alt.X2("x2:Q"),
        "y": alt.Y("y:Q", **PIXELS),
        "y2": alt.Y2("y2:Q"),
        "tooltip": tooltip,
    }
    tiles = (
        alt.Chart()
        .mark_rect()
        .encode(color=alt.Color("fill:N", scale=None), **box)
        .transform_filter(kind_is("tile"))
    )
    outlines = (
        alt.Chart()
        .mark_rect(fill=theme.EMPTY_TILE, strokeWidth=PARTIAL_STROKE)
        .encode(stroke=alt.Stroke("stroke:N", scale=None), **box)
        .transform_filter(kind_is("outline"))
    )

    def tile_labels_layer(label_kind: str, weight: str) -> alt.Chart:
        return (
            alt.Chart()
            .mark_text(align="center", baseline="middle", fontWeight=weight, lineBreak="\n")
            .encode(
                x=alt.X("x:Q", **PIXELS),
                y=alt.Y("y:Q", **PIXELS),
                text=alt.Text("text:N"),
                color=alt.Color("colour:N", scale=None),
                size=alt.Size("size:Q", scale=None),
                tooltip=tooltip,
            )
            .transform_filter(kind_is(label_kind))
        )

    key = (
        alt.Chart()
        .mark_text(align="left", baseline="top")
        .encode(
            x=alt.X("x:Q", **PIXELS),
            y=alt.Y("y:Q", **PIXELS),
            text=alt.Text("text:N"),
            color=alt.Color("colour:N", scale=None),
        )
        .transform_filter(kind_is("key"))
    )
    layers = alt.layer(
        tiles,
        outlines,
        tile_labels_layer("label", "normal"),
        tile_labels_layer("member-label", "bold"),
        key,
        data=NO_DATA,
    ).properties(width=theme.WIDTH)
    return json.dumps(layers.to_dict(validate=False))


def map_table(regions: Sequence[Region]) -> ChartTable:
    """Return the members of each region as a table."""
    rows = tuple(
        TableRow((region.name, m.province.name, f"part: {m.part}" if m.part else "whole"))
        for region in regions
        for m in region.members
    )
    return ChartTable(("Region", "Province", "Membership"), rows, link_column=None)


def map_data(regions: Sequence[Region]) -> list[dict[str, Any]]:
    """Return the CSV rows of a map: one per region and member province."""
    return [
        {
            "region_id": region.id,
            "region": region.name,
            "province_id": m.province.id,
            "province": m.province.name,
            "part": m.part or "",
            "tile_row": m.province.tile_row,
            "tile_col": m.province.tile_col,
        }
        for region in regions
        for m in region.members
    ]


def region_sentence(region: Region) -> str:
    """Return 'Northeast China is made up of Heilongjiang, Jilin and … .'."""
    return f"{region.name} is made up of {region_members_text(region)}."


def regions_map(model: Model) -> Chart:
    """Return the tile map of every region, each listed under the map with its members."""
    regions = model.regions_in_order
    records, height = tile_records(model, regions)
    entries = [
        (theme.region_colour(r.colour_index), False, f"{r.name}: {region_members_text(r)}")
        for r in regions
    ]
    key, height = key_records(entries, height)
    title = "The regions compared"
    provinces = {m.province.id for r in regions for m in r.members}
    partial = {m.province.id for r in regions for m in r.members if m.is_partial}
    count = f"{len(provinces)} provincial-level divisions"
    if partial:
        count += f", {len(partial)} of them only in part"
    takeaway = f"The site compares {len(regions)} regions covering {count}."
    description = (
        f"A tile map of China's {len(model.provinces)} provincial-level divisions, one equal "
        "square each, placed roughly where they lie. "
        + " ".join(region_sentence(r) for r in regions)
        + (
            " A province only partly in a region is outlined in the region's colour."
            if partial
            else ""
        )
    )
    return Chart(
        id="regions-map",
        title=title,
        takeaway=takeaway,
        description=description,
        spec=finish_spec(layered_spec(map_layers(), records + key, height, title), description),
        table=map_table(regions),
        data=map_data(regions),
        source_line=MAP_CREDIT,
        pages=(Placement(PageKind.HOME),),
    )


def region_map(model: Model, region: Region) -> Chart:
    """Return the tile map of one region, its partial members outlined."""
    records, height = tile_records(model, [region])
    colour = theme.region_colour(region.colour_index)
    whole = [m.province.name for m in region.members if not m.is_partial]
    partial = [member_text(m) for m in region.members if m.is_partial]
    entries = [(colour, False, f"Whole: {join_words(whole)}")] if whole else []
    if partial:
        entries.append((colour, True, f"In part: {join_words(partial)}"))
    key, height = key_records(entries, height)
    title = f"Where {region.name} lies"
    description = (
        f"A tile map of China's {len(model.provinces)} provincial-level divisions with "
        f"{region.name} highlighted. {region_sentence(region)}"
    )
    return Chart(
        id=f"map-{region.id}",
        title=title,
        takeaway=region_sentence(region),
        description=description,
        spec=finish_spec(layered_spec(map_layers(), records + key, height, title), description),
        table=map_table([region]),
        data=map_data([region]),
        source_line=MAP_CREDIT,
        pages=(Placement(PageKind.REGION, region.id),),
    )
