"""Every chart of the site, built from the model: specs, words, tables and where each shows.

The builders live beside this module: charts_bars (a metric across regions), charts_groups
(stated growth, figures by type), charts_maps (tile maps) and charts_timeline (articles and
milestones); charts_model holds the Chart type and the rule for what may share an axis.

Room: charts. Imports: derive, model, charts.bars, charts.groups, charts.maps, charts.model,
charts.timeline.
"""

from __future__ import annotations

from altair.utils.schemapi import debug_mode

from ipregions.charts.bars import comparison_chart
from ipregions.charts.baseline import baseline_charts
from ipregions.charts.groups import breakdown_chart, growth_chart, metric_groups
from ipregions.charts.maps import region_map, regions_map
from ipregions.charts.model import (
    NO_FIGURE,
    Chart,
    ChartError,
    ChartTable,
    IncomparableMetricsError,
    TableRow,
    check_same_axis,
)
from ipregions.charts.timeline import region_timeline, site_timeline
from ipregions.derive import Derived
from ipregions.model import Model

__all__ = [
    "NO_FIGURE",
    "Chart",
    "ChartError",
    "ChartTable",
    "IncomparableMetricsError",
    "TableRow",
    "build_charts",
    "check_same_axis",
]


def build_charts(model: Model, derived: Derived) -> list[Chart]:
    """Return every chart of the site in a stable order; raise ChartError on dishonest ones."""
    # Altair checks each piece against the Vega-Lite schema as it is made, which costs more than
    # the rest of the build; the tests validate every finished spec instead.
    with debug_mode(False):
        return _build_charts(model, derived)


def _build_charts(model: Model, derived: Derived) -> list[Chart]:
    """Return every chart; see build_charts."""
    regions = model.regions_in_order
    charts: list[Chart | None] = []
    if regions and model.provinces:
        charts.append(regions_map(model))
    charts.append(growth_chart(derived))
    for comparison in derived.comparisons.values():
        if comparison.is_comparison:
            charts.append(comparison_chart(comparison))
    for group in metric_groups(model):
        charts.append(breakdown_chart(model, derived, group))
    if model.provinces:
        charts.extend(region_map(model, region) for region in regions)
    charts.append(site_timeline(model))
    charts.extend(region_timeline(model, derived, region) for region in regions)
    charts.extend(baseline_charts(model, derived.baseline.trends))
    built = [chart for chart in charts if chart is not None]
    seen: dict[str, Chart] = {}
    for chart in built:
        if chart.id in seen:
            raise ChartError(
                f"two charts would share the id '{chart.id}': {chart.title!r} and "
                f"{seen[chart.id].title!r}; rename a metric or region"
            )
        seen[chart.id] = chart
    return built
