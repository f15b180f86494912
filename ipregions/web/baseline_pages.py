"""Pages of the like-for-like baseline: official tables, their index, and the shared section.

Room: web. Imports: baseline, model, words, charts, web.paths, web.site.
"""

from __future__ import annotations

from typing import Any

from ipregions.baseline import PressContext, months_between, table_date, whole_words
from ipregions.charts.model import Chart, is_baseline
from ipregions.model import Model, Region, StatisticTable
from ipregions.web.paths import path_of
from ipregions.web.site import Page, Site, SocialCard
from ipregions.words import MONTHS, format_date, format_number, format_time, format_value


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
        "press_contexts": [(context, press_sentence(context, site.model)) for context in press],
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


def gap_words(months: int) -> str:
    """Return 'about 12 years', '5 months' or 'the same month'."""
    months = abs(months)
    if months == 0:
        return "the same month"
    if months < 12:
        return f"{months} month{'s' * (months != 1)}"
    years = round(months / 12)
    return f"about {years} year{'s' * (years != 1)}"


def press_sentence(context: PressContext, model: Model) -> str:
    """Return the plain words that set a press figure beside the official one."""
    fact, table = context.fact, context.table
    place = model.place_name(context.place_id)
    date = table_date(table, context.year)
    official = f"{format_number(context.official)} {table.unit}"
    whole = ""
    region = model.regions.get(context.place_id)
    if context.whole_official is not None and region is not None:
        whole = f" ({format_number(context.whole_official)} {whole_words(region)})"
    cited = f"{table.edition}, table {table.number}"
    if context.same_time and fact.value is not None:
        difference = fact.value - context.official
        direction = "more" if difference > 0 else "fewer"
        share = f" ({abs(difference) / context.official * 100:.1f}%)" if context.official else ""
        return (
            f"The official figure for {place} in {format_date(date)} is {official}{whole} "
            f"({cited}). The press figure, {format_value(fact)}, is "
            f"{format_number(abs(difference))} {direction}{share}."
        )
    months = months_between(date, fact.reference_date)
    when = "before" if months > 0 else "after"
    return (
        f"The nearest official figure is from {format_date(date)}: {official} for {place}{whole} "
        f"({cited}). That is {gap_words(months)} {when} the press figure "
        f"({format_value(fact)}, {format_time(fact)}). The two are not comparable as a trend "
        "and are not joined into one series."
    )


def date_words(table: StatisticTable, year: int) -> str:
    """Return 'March 2012' or '2022' for a table's year."""
    return f"{MONTHS[table.month - 1]} {year}" if table.month else str(year)
