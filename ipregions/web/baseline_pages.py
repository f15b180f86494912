"""Pages of the like-for-like baseline: official tables, their index, and the shared section.

Room: web. Imports: model, derive, charts, web.site.
"""

from __future__ import annotations

from typing import Any

from ipregions.charts.baseline import is_baseline
from ipregions.charts.model import Chart
from ipregions.model import Region, StatisticTable
from ipregions.web.paths import path_of
from ipregions.web.site import Page, Site, SocialCard


def like_for_like(site: Site, charts: list[Chart], region: Region | None = None) -> dict[str, Any]:
    """Return what a like-for-like section shows: official tables, their charts, press context."""
    baseline = site.derived.baseline
    press = [
        context
        for context in baseline.press.values()
        if region is None or context.place_id in (region.id, *region.province_ids)
    ]
    return {
        "baseline": baseline,
        "baseline_charts": [chart for chart in charts if is_baseline(chart)],
        "press_contexts": press,
    }


def statistic_page(table: StatisticTable, site: Site, charts: list[Chart]) -> Page:
    """Return an official table's page: every row as printed, anchored by province, and sums."""
    return Page(
        path=path_of(table),
        title=f"{table.statistic_label}: {table.edition}, table {table.number}",
        description=f"{table.title}, as printed by {table.publisher}, with region totals.",
        social=SocialCard("Official statistics", table.statistic_label, table.edition),
        data={
            "table": table,
            "item": site.derived.baseline.of(table.id),
            "regions": site.regions,
            "charts": charts,
        },
    )


def statistics_page(_: None, site: Site, charts: list[Chart]) -> Page:
    """Return the index of official tables."""
    title = "Official statistics"
    text = "The official province-level tables the like-for-like comparisons are drawn from."
    tables = sorted(site.model.tables.values(), key=lambda t: (t.statistic, t.id))
    return Page("statistics/", title, text, SocialCard("Index", title, text), {"tables": tables})
