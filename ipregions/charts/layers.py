"""The layers every chart is drawn with: positions in pixels, text marks, the finished spec.

Room: charts. Imports: charts.theme, charts.model.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from ipregions.charts import theme
from ipregions.charts.model import plain


def kind_is(value: str) -> alt.FieldEqualPredicate:
    """Return the filter that keeps the records of one kind."""
    return alt.FieldEqualPredicate(field="kind", equal=value)


PIXELS = {"scale": None, "axis": None}  # positions computed in Python, in pixels


# Shared layers are built with an empty data set that each chart replaces with its own; built
# without one, Altair would give every layer a data set of its own.
NO_DATA = alt.Data(values=[])


def text_layer(
    kind: str, *, sized: bool = True, tooltip: list[Any] | None = None, **mark: Any
) -> alt.Chart:
    """Return the layer that writes the text records of one kind where Python placed them."""
    encoding: dict[str, Any] = {
        "x": alt.X("x:Q", **PIXELS),
        "y": alt.Y("y:Q", **PIXELS),
        "text": alt.Text("text:N"),
        "color": alt.Color("colour:N", scale=None),
    }
    if sized:
        encoding["size"] = alt.Size("size:Q", scale=None)
    if tooltip:
        encoding["tooltip"] = tooltip
    return alt.Chart().mark_text(**mark).encode(**encoding).transform_filter(kind_is(kind))


def layered_spec(
    layers: str, records: list[dict[str, Any]], height: float, title: str, subtitle: str = ""
) -> dict[str, Any]:
    """Return a chart's Vega-Lite dict: shared layers with its own data, height and title."""
    spec = json.loads(layers)
    spec["height"] = height
    spec["title"] = {"text": title}
    if subtitle:
        spec["title"]["subtitle"] = theme.wrap(subtitle, theme.WIDTH)
    spec["data"] = {"values": records}
    return spec


def finish_spec(spec: dict[str, Any], description: str) -> dict[str, Any]:
    """Return the Vega-Lite dict with the shared theme and the long description."""
    spec["config"] = theme.vega_config()
    spec["description"] = plain(description)
    # On a page the figure's heading shows the title, so the drawing keeps only the subtitle,
    # set as the title in the subtitle's style. charts.js reads the same field.
    subtitle = spec.get("title", {}).get("subtitle")
    if subtitle:
        spec["usermeta"] = {"pageTitle": theme.page_title(subtitle)}
    return spec
