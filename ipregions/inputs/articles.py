"""Check articles: their facts, milestones and corroborations against places, metrics and quotes.

Room: inputs. Imports: model, inputs.collected, inputs.quotes, inputs.values.
"""

from __future__ import annotations

from typing import Literal

from ipregions.inputs import quotes
from ipregions.inputs.collected import AT_A_DATE, KIND_NOUNS, WHOLE_COUNTS, Collected, location
from ipregions.inputs.quotes import normal_words
from ipregions.inputs.values import Record
from ipregions.model import (
    Citation,
    Equivalent,
    Event,
    Fact,
    FuzzyDate,
    Growth,
    Metric,
    MetricKind,
    Milestone,
    OtherReport,
    Outlet,
    Period,
    Qualifier,
    Source,
)


class ArticleReader:
    """Read the articles in data/sources/: their sources, facts, milestones and corroborations."""

    def __init__(self, collected: Collected) -> None:
        """Read into what the check has collected."""
        self.collected = collected

    def build_source(self, name: str, path: str, record: Record) -> Source | None:
        """Return the source a file describes, or None when it is incomplete."""
        original = self.outlet(path, record, "original")
        read_at = self.outlet(path, record, "read_at")
        event = self.event(path, record)
        if "text_missing" in record.values and "text_file" in record.values:
            message = "give text_file or text_missing, not both"
            hint = "text_missing says why there is no text file: write text_file: null"
            self.collected.report(path, record.nodes["text_missing"], message, hint)
            return None
        if not record.complete or original is None or event is False or event is True:
            return None
        return Source(
            id=name,
            title=record["title"],
            original=original,
            read_at=read_at or None,
            author=record.get("author"),
            published=record.get("published"),
            event=event,
            summary=record["summary"],
            text_file=record.get("text_file"),
            added=record["added"],
            location=location(path, record.node),
            producer=record.get("producer"),
            text_missing=record.get("text_missing"),
        )

    def outlet(self, path: str, record: Record, key: str) -> Outlet | None:
        """Return an outlet that has a name or an address."""
        item = record.get(key)
        if item is None or not item.complete:
            return None
        if "name" not in item.values and "url" not in item.values:
            self.collected.report(path, item.node, f"'{key}' needs a name or a url")
            return None
        return Outlet(item.get("name"), item.get("url"), item.get("accessed"), item.get("note"))

    def event(self, path: str, record: Record) -> Event | None | Literal[False]:
        """Return the event an article reports on; False when it is wrong."""
        item = record.get("event")
        if item is None:
            return False if "event" in record.nodes else None
        date, end_date, weekday = item.get("date"), item.get("end_date"), item.get("weekday")
        if date is not None and end_date is not None and end_date.last_day < date.first_day:
            message = f"end_date {end_date.iso} is before the event's date {date.iso}"
            self.collected.report(path, item.nodes["end_date"], message)
            return False
        if date is not None and date.day is not None and weekday is not None:
            actual = date.first_day.strftime("%A")
            if actual != weekday:
                message = f"the event's date {date.iso} is a {actual}, not a {weekday}"
                self.collected.report(path, item.nodes["weekday"], message)
                return False
        if not item.complete:
            return False
        return Event(
            kind=item["kind"],
            date=date,
            place=item.get("place"),
            weekday=weekday,
            end_date=end_date,
            spokespeople=item.get("spokespeople", []),
        )

    def place(self, path: str, item: Record) -> str | None:
        """Return the fact's or milestone's place id, reporting one that names no place."""
        name = item.get("place")
        if name is None:
            return None
        seen = self.collected.seen
        if name in seen["region"] or name in seen["province"] or name in seen["nation"]:
            known = self.collected.regions, self.collected.provinces, self.collected.nations
            return name if any(name in places for places in known) else None
        self.collected.unknown(
            path,
            item.nodes["place"],
            "place",
            name,
            [*seen["region"], *seen["province"], *seen["nation"]],
        )
        return None

    def national_fits(self, path: str, item: Record, metric: Metric, place_id: str | None) -> bool:
        """Report a fact of a national metric filed under a province or region."""
        if metric.scope != "national" or place_id is None or place_id in self.collected.nations:
            return True
        kind = "region" if place_id in self.collected.regions else "province"
        message = (
            f"metric '{metric.id}' is national, but the fact is filed under {kind} '{place_id}'"
        )
        nation = next(iter(self.collected.nations), None)
        hint = (
            f"a nationwide figure belongs to China as a whole: write place: {nation}"
            if nation
            else "a nationwide figure belongs to China as a whole: add data/country.yaml"
        )
        self.collected.report(path, item.nodes["place"], message, hint)
        return False

    def other_reports(self, item: Record) -> list[OtherReport]:
        """Return the other reports of a fact that word or count it differently."""
        return [
            OtherReport(
                outlet=report["outlet"],
                quote=report["quote"],
                says=report["says"],
                title=report.get("title"),
                date=report.get("date"),
                url=report.get("url"),
            )
            for report in item.get("other_reports", [])
        ]

    def not_after_publication(
        self, path: str, item: Record, key: str, date: FuzzyDate | None, source: Source | None
    ) -> bool:
        """Report a date that comes after the article was published."""
        published = source.published if source else None
        if date is None or published is None or date.first_day <= published.last_day:
            return True
        message = f"{key} {date.iso} is after the article was published ({published.iso})"
        self.collected.report(
            path, item.nodes[key], message, "an article cannot report a later date"
        )
        return False

    def read_fact(self, path: str, item: Record, source: Source | None) -> None:
        """Check one fact and add it to the model when it is sound."""
        name = item.get("id")
        if name is not None and not self.collected.claim(
            "item", name, path, item.nodes["id"], "fact"
        ):
            name = None
        place_id = self.place(path, item)
        metric = self.fact_metric(path, item)
        if metric is None:
            return
        sound = self.timing_fits(path, item, metric, source)
        sound &= self.national_fits(path, item, metric, place_id)
        unclear = item.get("meaning") == "unclear"
        if unclear and "note" not in item.nodes:
            hint = "say in 'note' what is unclear about what the figure counts"
            self.collected.report(
                path, item.nodes["meaning"], "a figure whose meaning is unclear needs a note", hint
            )
            sound = False
        qualifier = Qualifier(item.get("qualifier", "exact"))
        if "value" not in item.nodes and "growth" in item.nodes:
            # A growth-only statement ("trademarks rose 10.5 percent"): the quote states the change.
            sound &= self.quote_fits(path, item, metric, None, None)
        elif "value" not in item.nodes:
            hint = "give the value, or 'growth' alone for a statement of change without a level"
            self.collected.report(path, item.node, "missing required field 'value'", hint)
            sound = False
        elif self.value_fits(path, item, metric):
            # A qualifier is only compared with the quote once the fact's fields are all valid.
            stated = qualifier if item.complete else None
            sound &= self.quote_fits(path, item, metric, item["value"], stated)
        else:
            sound = False
        if not (sound and item.complete and name and place_id and source):
            return
        growth = item.get("growth")
        equivalent = item.get("equivalent")
        self.collected.facts[name] = Fact(
            id=name,
            place_id=place_id,
            metric=metric,
            value=item.get("value"),
            qualifier=qualifier,
            as_of=item.get("as_of"),
            period=item.get("period"),
            citations=[Citation(source, item["quote"], location(path, item.nodes["quote"]))],
            note=item.get("note"),
            growth=Growth(
                percent=growth["percent"],
                basis=growth.get("basis"),
                qualifier=Qualifier(growth.get("qualifier", "exact")),
            )
            if growth
            else None,
            equivalent=Equivalent(equivalent["value"], equivalent["unit"]) if equivalent else None,
            location=location(path, item.node),
            producer=item.get("producer"),
            other_reports=self.other_reports(item),
            meaning_unclear=unclear,
        )

    def fact_metric(self, path: str, item: Record) -> Metric | None:
        """Return the fact's metric, reporting an unknown one."""
        name = item.get("metric")
        if name is None:
            return None
        if name not in self.collected.seen["metric"]:
            self.collected.unknown(
                path, item.nodes["metric"], "metric", name, self.collected.seen["metric"]
            )
        return self.collected.metrics.get(name)

    def value_fits(self, path: str, item: Record, metric: Metric) -> bool:
        """Report a value the metric's kind makes impossible."""
        value = item.get("value")
        if value is None:
            return False
        node = item.nodes["value"]
        shown = quotes.format_plain(value)
        if metric.kind is MetricKind.RATE and value > 100:
            self.collected.report(path, node, f"a rate cannot exceed 100 percent ({shown})")
            return False
        if metric.kind in WHOLE_COUNTS and not float(value).is_integer():
            message = (
                f"value {shown} is not a whole number, "
                f"but metric '{metric.id}' counts {metric.unit_plural}"
            )
            self.collected.report(path, node, message)
            return False
        return True

    def timing_fits(self, path: str, item: Record, metric: Metric, source: Source | None) -> bool:
        """Report a fact whose as_of or period does not suit its metric's kind."""
        kind = metric.kind
        has_as_of, has_period = "as_of" in item.nodes, "period" in item.nodes
        what = f"metric '{metric.id}' is {KIND_NOUNS[kind]}"
        if has_as_of and has_period:
            self.collected.report(
                path, item.nodes["period"], "give either as_of or period, not both"
            )
            return False
        wanted = "period" if kind is MetricKind.FLOW else "as_of" if kind in AT_A_DATE else None
        if wanted is not None and (has_as_of or has_period):
            given = "as_of" if has_as_of else "period"
            if given != wanted:
                hint = "a flow is counted over a period" if has_as_of else "it is a level at a date"
                self.collected.report(
                    path, item.nodes[given], f"{what}: give {wanted}, not {given}", hint
                )
                return False
        if not has_as_of and not has_period:
            self.collected.report(path, item.node, f"missing {wanted or 'as_of or period'}: {what}")
            return False
        if has_as_of:
            as_of: FuzzyDate | None = item.get("as_of")
            return self.not_after_publication(path, item, "as_of", as_of, source)
        period: Period | None = item.get("period")
        end = period.end if period else None
        return self.not_after_publication(path, item, "period", end, source)

    def quote_fits(
        self,
        path: str,
        item: Record,
        metric: Metric,
        value: float | None,
        qualifier: Qualifier | None,
        growth_percent: float | None = None,
    ) -> bool:
        """Report a quote that does not state the value, or the growth and equivalent given.

        A growth-only fact has no value: its quote must state the change (given in the item, or
        for a corroboration the fact's own, as growth_percent).
        """
        quote, node = item.get("quote"), item.nodes.get("quote")
        growth = item.get("growth")
        if growth is not None and "percent" in growth.values:
            growth_percent = growth["percent"]
        if quote is None or node is None or (value is None and growth_percent is None):
            return False
        problems = []
        if value is not None:
            problems += quotes.check_value(
                quote,
                value,
                percent=metric.unit == "percent",
                qualifier=qualifier,
                currency=metric.unit if metric.kind is MetricKind.MONEY else None,
            )
        if growth_percent is not None:
            problems += quotes.check_growth(quote, growth_percent)
        equivalent = item.get("equivalent")
        if equivalent is not None and equivalent.complete:
            problems += quotes.check_equivalent(quote, equivalent["value"], equivalent["unit"])
        for problem in problems:
            self.collected.report(path, node, problem.message, problem.hint, problem.severity)
        basis = growth.get("basis") if growth is not None else None
        if basis is not None and normal_words(basis) not in normal_words(quote):
            message = f"the quote does not say the growth is measured '{basis}'"
            hint = "write the basis as the quote words it: year-on-year, from the previous year"
            self.collected.report(path, growth.nodes["basis"], message, hint)
            return False
        return not any(problem.severity == "error" for problem in problems)

    def read_milestone(self, path: str, item: Record, source: Source | None) -> None:
        """Check one milestone and add it to the model when it is sound."""
        name = item.get("id")
        if name is not None and not self.collected.claim(
            "item", name, path, item.nodes["id"], "milestone"
        ):
            name = None
        place_id = self.place(path, item)
        in_time = self.not_after_publication(path, item, "date", item.get("date"), source)
        if not (in_time and item.complete and name and place_id and source):
            return
        self.collected.milestones[name] = Milestone(
            id=name,
            place_id=place_id,
            date=item["date"],
            title=item["title"],
            citation=Citation(source, item["quote"], location(path, item.nodes["quote"])),
            location=location(path, item.node),
        )

    def read_corroboration(self, path: str, item: Record, source: Source | None) -> None:
        """Add a second source's quote to a fact entered from another article."""
        name = item.get("fact")
        if name is None:
            return
        node = item.nodes["fact"]
        if self.collected.item_kinds.get(name) == "milestone":
            self.collected.report(
                path, node, f"'{name}' is a milestone, not a fact", "only facts are corroborated"
            )
            return
        if name not in self.collected.item_kinds:
            facts = (key for key, kind in self.collected.item_kinds.items() if kind == "fact")
            self.collected.unknown(path, node, "fact", name, facts)
            return
        fact = self.collected.facts.get(name)
        if fact is None or source is None or "quote" not in item.values:
            return
        if any(citation.source is source for citation in fact.citations):
            first = fact.citations[0].source is source
            message = (
                f"this article already states fact '{name}'"
                if first
                else f"fact '{name}' is already corroborated by this article"
            )
            self.collected.report(path, node, message, "an article cites a fact once")
            return
        published = source.published
        if published is not None and fact.reference_date.first_day > published.last_day:
            message = (
                f"fact '{name}' refers to {fact.reference_date.iso}, "
                f"after this article was published ({published.iso})"
            )
            self.collected.report(path, node, message, "an article cannot report a later date")
            return
        own_growth = fact.growth.percent if fact.growth and fact.value is None else None
        if self.quote_fits(path, item, fact.metric, fact.value, fact.qualifier, own_growth):
            citation = Citation(source, item["quote"], location(path, item.nodes["quote"]))
            fact.citations.append(citation)
