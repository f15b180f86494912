"""Describe the open data as a Frictionless Data Package: every CSV, its fields, licence, sources.

A re-user's tools read site/data/datapackage.json to know each column's type and meaning, the
licence, the articles the figures come from and when the data last changed. The build date is
the data's own updated date, not the clock, so two builds of the same data are byte-identical.

Room: web. Imports: model, words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from ipregions.model import Model
from ipregions.model.site import SiteConfig
from ipregions.words import named_outlet

# Columns that are not text. Dates of the sources' own precision (2024, 2024-06) stay strings.
FIELD_TYPES = {
    "value": "number",
    "growth_percent": "number",
    "equivalent_value": "number",
    "added": "date",
    "year": "integer",
    "total": "number",
    "total_counting_partial_members_whole": "number",
    "national_total": "number",
    "share_percent": "number",
    "share_counting_partial_members_whole_percent": "number",
}
PRIMARY_KEYS = {
    "facts.csv": ["id"],
    "metrics.csv": ["id"],
    "sources.csv": ["id"],
    "milestones.csv": ["id"],
    "regions.csv": ["region_id", "province_id"],
    "statistics.csv": ["table_id", "row_label", "year"],
    "region-aggregates.csv": ["table_id", "region_id", "year"],
}
TITLES = {
    "facts.csv": "Every figure, with its date, qualifier, sources and quotes",
    "regions.csv": "The regions and their member provinces, one row per member",
    "metrics.csv": "What the figures count: definitions, units, kinds and caveats",
    "sources.csv": "The news articles the figures are drawn from",
    "milestones.csv": "Dated events without a figure, with the article that reports them",
    "statistics.csv": "Official CNIPA tables by province, one row per printed row and year",
    "region-aggregates.csv": "Region totals and shares of the official tables, per year",
}


def resource_name(file_name: str) -> str:
    """Return a resource's name: the file name without its extension (lower case, no dots)."""
    return file_name.rsplit(".", 1)[0]


def field_of(file_name: str, name: str, description: str, model: Model) -> dict[str, Any]:
    """Return a Table Schema field: name, type, description and, for values, their units."""
    field: dict[str, Any] = {
        "name": name,
        "type": FIELD_TYPES.get(name, "string"),
        "description": description,
    }
    if file_name == "facts.csv" and name == "value":
        units = sorted({metric.unit for metric in model.metrics.values()})
        field["description"] += f" Its unit is the row's unit column: one of {', '.join(units)}."
    if name in ("as_of", "period_start", "period_end", "published", "event_date", "date"):
        field["description"] += " ISO 8601 at the precision known: 2024, 2024-06 or 2024-06-30."
    return field


def package_sources(model: Model) -> list[dict[str, str]]:
    """Return the articles as Data Package sources: title, and address where we know it."""
    found = []
    for source in sorted(model.sources.values(), key=lambda s: s.id):
        entry = {"title": source.title}
        url = source.original.url or (source.read_at.url if source.read_at else None)
        if url:
            entry["path"] = url
        outlet = named_outlet(source)
        if outlet:
            entry["title"] = f"{source.title} ({outlet})"
        found.append(entry)
    return found


def datapackage(
    model: Model,
    config: SiteConfig,
    updated: dt.date,
    column_docs: Mapping[str, list[tuple[str, str]]],
) -> bytes:
    """Return datapackage.json describing every CSV under site/data/, the same bytes every run."""
    resources = []
    for file_name, columns in column_docs.items():
        if not file_name.endswith(".csv"):
            continue
        resources.append(
            {
                "name": resource_name(file_name),
                "path": file_name,
                "title": TITLES.get(file_name, file_name),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [field_of(file_name, name, text, model) for name, text in columns],
                    "primaryKey": PRIMARY_KEYS[file_name],
                    "missingValues": [""],
                },
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "china-ip-regions",
        "title": config.title,
        "description": config.description,
        "homepage": config.base_url,
        # The data's version is the day it last changed: the same data gives the same package.
        "version": updated.strftime("%Y.%m.%d"),
        "created": f"{updated.isoformat()}T00:00:00Z",
        "licenses": [{"title": config.licence_name, "path": config.licence_url}],
        "contributors": [{"title": config.publisher, "role": "publisher"}],
        "sources": package_sources(model),
        "resources": resources,
    }
    return (json.dumps(package, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
