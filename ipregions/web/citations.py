"""How figures and sources are credited, titled, dated and cited, in words.

Room: web. Imports: model, words, web.paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ipregions.model import Fact, FuzzyDate, Model, Source
from ipregions.model.site import SiteConfig, is_placeholder_host
from ipregions.web.paths import path_of
from ipregions.words import (
    figures_credit,
    format_date,
    format_growth,
    format_time,
    format_value_with_unit,
    named_outlet,
)


def inferred_dates(labelled: Sequence[tuple[str, FuzzyDate | None]]) -> list[tuple[str, FuzzyDate]]:
    """Return the labelled dates that were inferred, skipping repeats of the same reason."""
    found: list[tuple[str, FuzzyDate]] = []
    reasons: set[tuple[str | None, str | None]] = set()
    for label, date in labelled:
        if date is None or not date.inferred or (date.inferred, date.why) in reasons:
            continue
        reasons.add((date.inferred, date.why))
        found.append((label, date))
    return found


def fact_dates(fact: Fact) -> list[tuple[str, FuzzyDate]]:
    """Return the inferred dates of a fact with what each one is."""
    if fact.period is not None:
        return inferred_dates(
            [("Start of the period", fact.period.start), ("End of the period", fact.period.end)]
        )
    return inferred_dates([("As-of date", fact.as_of)])


def source_dates(source: Source) -> list[tuple[str, FuzzyDate]]:
    """Return the inferred dates of a source with what each one is."""
    event = source.event
    return inferred_dates(
        [
            ("Publication date", source.published),
            ("Date of the event", event.date if event else None),
            ("End of the event", event.end_date if event else None),
        ]
    )


def source_byline(source: Source) -> str:
    """Return who published a source and when, for its social image."""
    parts = [named_outlet(source) or "Publisher not named in the article"]
    if source.published:
        parts.append(format_date(source.published))
    return ", ".join(parts)


def site_citation(config: SiteConfig, updated_on: dt.date) -> str:
    """Return how to cite the whole site."""
    updated = format_date(FuzzyDate(updated_on.year, updated_on.month, updated_on.day))
    return (
        f"{config.publisher}. {config.title}: {config.tagline or config.description}. "
        f"{citable_address(config, '')} (data as of {updated}). Licence: {config.licence_name}."
    )


def citable_address(config: SiteConfig, path: str) -> str:
    """Return a page's address for a citation: only its path while base_url is a placeholder."""
    if is_placeholder_host(config.host):
        return config.base_path + path
    return config.absolute(path)


def fact_citation(fact: Fact, model: Model, config: SiteConfig) -> str:
    """Return how to cite a figure: the original source first, then this site."""
    return (
        f"{figures_credit(fact)}. "
        + " ".join(source_reference(source) for source in fact.sources)
        + f" Compiled by {config.publisher}, {config.title}: “{fact_title(fact, model)}”, "
        f"{citable_address(config, path_of(fact))}."
    )


def source_reference(source: Source) -> str:
    """Return a source as a reference: outlet and author, title, date, where it was read."""
    outlet = named_outlet(source)
    parts = [f"{outlet}{f' ({source.author})' if source.author else ''}"] if outlet else []
    parts.append(f"“{source.title}”")
    if not outlet:
        parts.append("publisher not named in the article")
    if source.published:
        parts.append(format_date(source.published))
    if source.original.url:
        parts.append(source.original.url)
    if source.read_at and (source.read_at.name or source.read_at.url):
        read_at = " ".join(part for part in (source.read_at.name, source.read_at.url) if part)
        accessed = source.read_at.accessed
        parts.append(f"read at {read_at}" + (f" on {accessed.isoformat()}" if accessed else ""))
    return ", ".join(parts) + "."


def fact_title(fact: Fact, model: Model) -> str:
    """Return a fact's title: 'Valid invention patents in Central China, as of June 2024'."""
    return f"{fact.metric.label} in {model.place_name(fact.place_id)}, {format_time(fact)}"


def fact_summary(fact: Fact, model: Model) -> str:
    """Return one sentence on a fact for search results and link previews."""
    growth = f" ({format_growth(fact.growth)})" if fact.growth and fact.value is not None else ""
    credit = figures_credit(fact)
    return (
        f"{format_value_with_unit(fact)}{growth} in {model.place_name(fact.place_id)}, "
        f"{format_time(fact)}: {'a' + credit[1:] if credit.startswith('As ') else credit}."
    )
