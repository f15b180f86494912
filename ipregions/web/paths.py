"""Where each item of the model lives on the site: the one place paths are made.

Room: web. Imports: model.
"""

from __future__ import annotations

from typing import Any

from ipregions.model import Fact, Metric, Region, Source, StatisticTable
from ipregions.model.site import ContentPage


def path_of(target: Any) -> str:
    """Return the path, relative to the site root, of the page that shows target."""
    match target:
        case Region():
            return f"regions/{target.id}/"
        case Metric():
            return f"metrics/{target.id}/"
        case Source():
            return f"sources/{target.id}/"
        case Fact():
            return f"facts/{target.id}/"
        case ContentPage():
            return f"{target.slug}/"
        case StatisticTable():
            return f"statistics/{target.id}/"
        case str():
            return target
    raise TypeError(f"no page for {type(target).__name__}")
