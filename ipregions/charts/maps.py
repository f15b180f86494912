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
from ipregions.charts.layers import NO_DATA, PIXELS, finish_spec, kind_is, layered_spec, text_layer
from ipregions.charts.model import Chart, ChartTable, TableRow, join_words
from ipregions.model import Membership, Model, Province, Region
from ipregions.model.site import PageKind, Placement
from ipregions.words import count_noun

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
        # One vertical stripe per membership: filled where the whole province belongs,
        # outlined in the region's colour where only part of it does.
        stripes: list[tuple[Region | None, Membership | None]] = list(memberships) or [(None, None)]
        width = size / len(stripes)
        inset = PARTIAL_STROKE / 2
        for index, (region, membership) in enumerate(stripes):
            colour = theme.region_colour(region.colour_index) if region else theme.EMPTY_TILE
            partial_stripe = membership is not None and membership.is_partial
            left, right = x + index * width, x + (index + 1) * width
            records.append(
                {
                    "kind": "tile",
                    "x": left,
                    "x2": right,
                    "y": y,
                    "y2": y + size,
                    "fill": theme.EMPTY_TILE if partial_stripe else colour,
                    **tooltip,
                }
            )
            if partial_stripe:
                records.append(
                    {
                        "kind": "outline",
                        "x": left + inset,
                        "x2": right - inset,
                        "y": y + inset,
                        "y2": y + size - inset,
                        "stroke": colour,
                        **tooltip,
                    }
                )
        label = labels[province.id] + ("\npart" if partial and not whole else "")
        if len(memberships) > 1:
            # The label sits on a small plain chip, so it reads whatever the stripes behind it.
            lines = label.split("\n")
            chip_width = max(theme.text_width(line, font_size, bold=True) for line in lines) + 4
            chip_height = font_size * 1.2 * len(lines) + 2
            records.append(
                {
                    "kind": "tile",
                    "x": x + (size - chip_width) / 2,
                    "x2": x + (size + chip_width) / 2,
                    "y": y + (size - chip_height) / 2,
                    "y2": y + (size + chip_height) / 2,
                    "fill": theme.EMPTY_TILE,
                    "chip": True,
                    **tooltip,
                }
            )
            text_colour = theme.INK
        elif whole:
            text_colour = theme.text_on(theme.region_colour(whole[0].colour_index))
        else:
            text_colour = theme.INK if partial else theme.MUTED
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
        return text_layer(
            label_kind,
            tooltip=tooltip,
            align="center",
            baseline="middle",
            fontWeight=weight,
            lineBreak="\n",
        )

    key = text_layer("key", sized=False, align="left", baseline="top")
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


def member_label(region: Region, membership: Membership) -> str:
    """Return 'North China' or 'Northeast China (eastern part)': a region as a member sees it."""
    return f"{region.name} ({membership.part})" if membership.part else region.name


def shared_provinces(regions: Sequence[Region]) -> list[tuple[Province, list[str]]]:
    """Return the provinces in more than one region, each with 'Region' or 'Region (part)'."""
    found: dict[str, tuple[Province, list[str]]] = {}
    for region in regions:
        for m in region.members:
            entry = found.setdefault(m.province.id, (m.province, []))
            entry[1].append(member_label(region, m))
    return sorted((entry for entry in found.values() if len(entry[1]) > 1), key=lambda e: e[0].name)


def shared_sentence(regions: Sequence[Region]) -> str:
    """Return ' Anhui belongs to Central China and Yangtze River Delta.' or ''."""
    shared = shared_provinces(regions)
    if not shared:
        return ""
    return " " + " ".join(
        f"{province.name} belongs to {join_words(names)}." for province, names in shared
    )


def regions_map(model: Model) -> Chart:
    """Return the tile map of every region, each listed under the map with its members."""
    regions = model.regions_in_order
    records, height = tile_records(model, regions)
    entries: list[tuple[str, bool, str]] = []
    for r in regions:
        colour = theme.region_colour(r.colour_index)
        whole = [m.province.name for m in r.members if not m.is_partial]
        partial = [member_text(m) for m in r.members if m.is_partial]
        if whole:
            entries.append((colour, False, f"{r.name}: {join_words(whole)}"))
        if partial:
            entries.append((colour, True, f"{r.name}, in part (outlined): {join_words(partial)}"))
    shared = shared_provinces(regions)
    if shared:
        names = join_words([province.name for province, _ in shared])
        entries.append(
            (theme.EMPTY_TILE, False, f"A tile split into stripes is in several regions: {names}.")
        )
    key, height = key_records(entries, height)
    title = "The regions compared"
    members = {m.province.id for r in regions for m in r.members}
    wholly = {m.province.id for r in regions for m in r.members if not m.is_partial}
    only_in_part = members - wholly
    count = count_noun(len(members), "provincial-level division")
    notes = []
    if only_in_part:
        notes.append(f"{len(only_in_part)} of them only in part")
    if shared:
        notes.append(f"{len(shared)} in more than one region")
    if notes:
        count += ", " + " and ".join(notes)
    takeaway = f"The site compares {count_noun(len(regions), 'region')} covering {count}."
    description = (
        f"A tile map of China's {len(model.provinces)} provincial-level divisions, one equal "
        "square each, placed roughly where they lie. "
        + " ".join(region_sentence(r) for r in regions)
        + shared_sentence(regions)
        + (
            " A province only partly in a region is outlined in the region's colour."
            if any(m.is_partial for r in regions for m in r.members)
            else ""
        )
        + (" A province in several regions is split into one stripe per region." if shared else "")
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
    others = [other for other in model.regions_in_order if other.id != region.id]
    elsewhere = []
    for member in region.members:
        names = [
            member_label(other, m)
            for other in others
            for m in other.members
            if m.province.id == member.province.id
        ]
        if names:
            elsewhere.append(f"{member.province.name} is also in {join_words(names)}.")
    description = (
        f"A tile map of China's {len(model.provinces)} provincial-level divisions with "
        f"{region.name} highlighted. {region_sentence(region)}"
        + "".join(f" {sentence}" for sentence in elsewhere)
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
