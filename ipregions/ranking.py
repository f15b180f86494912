"""Say when figures may be ranked, and in what words when they may not.

The rule for words that rank (fastest, most, leads): only figures that share a metric, a date
or period, a definition and a kind of place may be ranked; otherwise neutral, dated sentences.

Room: ranking. Imports: model, words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ipregions.model import (
    Fact,
    Metric,
    Model,
)
from ipregions.words import basis_key, format_growth, format_time, time_key


def unmarked(fact: Fact, text: str) -> str:
    """Return text as it is: the default for marking figures in derived sentences."""
    return text


@dataclass
class GrowthStatement:
    """Growth that several regions state on one metric, ranked only when the figures allow it."""

    metric: Metric
    facts: list[Fact]  # by stated growth, highest first, when can_rank; else in region order
    places: list[str]  # the name of each fact's place
    can_rank: bool
    cannot_rank_because: list[str]  # what keeps the figures apart: "different dates or periods"
    headline: str

    def sentence_marked(self, mark: Callable[[Fact, str], str] = unmarked) -> str:
        """Return what each region reported, dated, each growth passed through mark."""
        bases = {basis_key(fact.growth) for fact in self.facts if fact.growth}
        shared = len(bases) == 1
        clauses: list[str] = []
        for place, fact in zip(self.places, self.facts, strict=True):
            assert fact.growth is not None
            growth = format_growth(fact.growth)
            if shared or self.can_rank:
                growth = growth.removesuffix(f" {fact.growth.basis}")
            when = format_time(fact).removeprefix("as of ")
            dated = "" if self.can_rank else f" for {when}"
            verb = " reported" if not clauses else ""
            clauses.append(f"{place}{verb} {mark(fact, growth)}{dated}")
        if self.can_rank:
            when = format_time(self.facts[0]).removeprefix("as of ")
            measured = f" {next(iter(bases))}" if None not in bases else ""
            clauses.append(f"all{measured} for {when}")
        return "; ".join(clauses) + "."

    @property
    def sentence(self) -> str:
        """Return what each region reported, with its date: never a ranking unless can_rank."""
        return self.sentence_marked()


def stated_percent(fact: Fact) -> float:
    """Return the growth a fact states, in percent; 0 when it states none."""
    return fact.growth.percent if fact.growth else 0.0


# The rule for words that rank (fastest, most, highest, leads): only figures that share a metric,
# a date or period, a definition and a kind of place may be ranked against each other.
REASONS = {
    "metric": "different metrics",
    "time": "different dates or periods",
    "definition": "different definitions",
    "place": "different kinds of place",
}


def place_level(model: Model, place_id: str) -> str:
    """Return what kind of place a figure is about: a region, a province, or another place."""
    if place_id in model.regions:
        return "region"
    return "province" if place_id in model.provinces else "other"


def what_keeps_apart(model: Model, facts: list[Fact], *, growth: bool = False) -> list[str]:
    """Return why the figures may not be ranked against each other; empty when they may."""
    keys: dict[str, set[object]] = {
        "metric": {fact.metric.id for fact in facts},
        "time": {time_key(fact) for fact in facts},
        # A growth rate's definition includes what it is measured against.
        "definition": {
            (fact.metric.definition, basis_key(fact.growth) if growth else None) for fact in facts
        },
        "place": {place_level(model, fact.place_id) for fact in facts},
    }
    return [REASONS[name] for name, values in keys.items() if len(values) > 1]


def growth_statement(model: Model, metric: Metric, facts: list[Fact]) -> GrowthStatement:
    """Return the words for growth several regions state: dated and neutral, or a ranking."""
    apart = what_keeps_apart(model, facts, growth=True)
    label = metric.label[:1].lower() + metric.label[1:]
    bases = {basis_key(fact.growth) for fact in facts if fact.growth}
    if apart:
        basis = f", {next(iter(bases))}," if len(bases) == 1 and None not in bases else ""
        headline = f"Growth in {label}{basis} as each region reported it"
    else:
        facts = sorted(facts, key=lambda f: (-stated_percent(f), f.id))
        headline = f"{model.place_name(facts[0].place_id)} reports the fastest growth in {label}"
    places = [model.place_name(fact.place_id) for fact in facts]
    return GrowthStatement(metric, facts, places, not apart, apart, headline)
