"""Dates at the precision an article gives, perhaps inferred, and periods between two of them.

Room: inputs. Imports: model, inputs.hints, inputs.values.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ipregions.inputs.hints import YAML_TAG
from ipregions.inputs.values import (
    INVALID,
    Choice,
    Field,
    ListOf,
    Obj,
    Reader,
    Record,
    Spec,
    Text,
    Url,
)
from ipregions.model import Evidence, FuzzyDate, Period

DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_LABEL = "a date such as 2024, 2024-06 or 2024-06-30"
INFERRED_PARTS = ("year", "month", "day", "date")


def parse_date(
    node: yaml.Node, name: str, reader: Reader, *, day_only: bool = False
) -> FuzzyDate | Any:
    """Return a year, month or day date written as a scalar, checking it is real and past."""
    label = "a day such as 2024-06-30" if day_only else DATE_LABEL
    kind = node.tag.removeprefix(YAML_TAG) if isinstance(node, yaml.ScalarNode) else ""
    match = DATE_TEXT.fullmatch(node.value.strip()) if kind in ("int", "str", "timestamp") else None
    if match is None or (day_only and match[3] is None):
        return reader.wrong_type(node, name, label)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    text = node.value.strip()
    if year < 1900:
        return reader.error(node, f"'{text}' is not a real date", "years start at 1900 here")
    if month is not None and not 1 <= month <= 12:
        return reader.error(node, f"'{text}' is not a real date", "months run from 01 to 12")
    if day is not None and month is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            hint = f"{calendar.month_name[month]} {year} has {days} days"
            return reader.error(node, f"'{text}' is not a real date", hint)
    date = FuzzyDate(year, month, day)
    if date.first_day > reader.today:
        message = f"{name} {date.iso} lies in the future (today is {reader.today.isoformat()})"
        return reader.error(node, message, "dates may not lie in the future: check the year")
    return date


def apply_inferred(
    date: FuzzyDate,
    inferred: str | None,
    why: str | None,
    node: yaml.Node,
    reader: Reader,
    evidence: tuple[Evidence, ...] = (),
) -> FuzzyDate | Any:
    """Return the date marked as inferred, checking the inferred part is part of the date."""
    if inferred is None:
        return date
    has_part = {"year": True, "month": date.month is not None, "day": date.day is not None}
    if not has_part.get(inferred, True):
        return reader.error(
            node, f"inferred '{inferred}' but the date {date.iso} has no {inferred}"
        )
    return FuzzyDate(date.year, date.month, date.day, inferred, why, evidence)


INFERRED_FIELDS = {
    "inferred": "Which part of the date we inferred because the article does not print it: "
    "year, month, day or date (the whole date).",
    "why": "Why we inferred it, in one sentence readers will see.",
    "evidence": "The outside reports the inference rests on, when it rests on more than the "
    "article: outlet, date, title and address of each.",
}


def read_inference_with_evidence(record: Record, node: yaml.Node, reader: Reader) -> Any:
    """Return (inferred, why, evidence) of a date or period, or INVALID when any is wrong."""
    inferred, why = read_inference(record, node, reader)
    evidence = read_evidence(record, node, reader)
    if inferred is INVALID or evidence is INVALID:
        return INVALID
    return inferred, why, evidence


def read_evidence(record: Record, node: yaml.Node, reader: Reader) -> tuple[Evidence, ...] | Any:
    """Return the evidence for an inference, reporting evidence for a date nobody inferred."""
    items = record.get("evidence", [])
    if items and "inferred" not in record.nodes:
        hint = "evidence backs an inferred date: add 'inferred' and 'why', or remove it"
        return reader.error(
            record.nodes["evidence"], "'evidence' is given but 'inferred' is not", hint
        )
    return tuple(
        Evidence(
            outlet=item["outlet"],
            date=item["date"],
            title=item.get("title"),
            url=item.get("url"),
            note=item.get("note"),
        )
        for item in items
    )


def read_inference(record: Record, node: yaml.Node, reader: Reader) -> tuple[Any, Any]:
    """Return the inferred part and its reason, reporting one without the other."""
    inferred, why = record.get("inferred"), record.get("why")
    if "inferred" in record.values and "why" not in record.nodes:
        reader.error(node, "missing required field 'why'", "say why the date is inferred")
        return INVALID, INVALID
    if "why" in record.values and "inferred" not in record.nodes:
        hint = "say which part is inferred: year, month, day or date"
        reader.error(node, "'why' is given but 'inferred' is not", hint)
        return INVALID, INVALID
    return inferred, why


@dataclass(frozen=True)
class Date(Spec):
    """A date at the precision the article gives, perhaps inferred: 2023, 2024-06, 2023-11-16."""

    label = DATE_LABEL

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return a FuzzyDate from a scalar or from {date, inferred, why}."""
        if not isinstance(node, yaml.MappingNode):
            return parse_date(node, name, reader)
        record = DATE_MAPPING.read(node, name, reader)
        if record is INVALID or not record.complete:
            return INVALID
        inference = read_inference_with_evidence(record, node, reader)
        if inference is INVALID:
            return INVALID
        inferred, why, evidence = inference
        return apply_inferred(record["date"], inferred, why, node, reader, evidence)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a reference to the shared date definition."""
        defs["date"] = {
            "description": "A date at the precision the article gives: 2023, 2024-06 or "
            "2023-11-16; or {date, inferred, why} when we inferred part of it.",
            "anyOf": [
                {"type": "integer", "minimum": 1900},
                {"type": "string", "pattern": DATE_PATTERN},
                DATE_MAPPING.schema(defs),
            ],
        }
        return {"$ref": "#/$defs/date"}


@dataclass(frozen=True)
class ScalarDate(Spec):
    """A date written as 2023, 2024-06 or 2023-11-16 (no inference)."""

    label = DATE_LABEL

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the FuzzyDate."""
        return parse_date(node, name, reader)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a year or date-string schema."""
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1900},
                {"type": "string", "pattern": DATE_PATTERN},
            ]
        }


@dataclass(frozen=True)
class Day(Spec):
    """A full calendar day: 2026-11-22."""

    label = "a day such as 2024-06-30"

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return the day as a datetime.date."""
        date = parse_date(node, name, reader, day_only=True)
        return date if date is INVALID else date.first_day

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a day string schema."""
        return {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}


@dataclass(frozen=True)
class PeriodSpec(Spec):
    """A stretch of time: {start, end} with an optional inference for both ends."""

    label = "a mapping {start, end}"

    def read(self, node: yaml.Node, name: str, reader: Reader) -> Any:
        """Return a Period whose end does not come before its start."""
        record = PERIOD_MAPPING.read(node, name, reader)
        if record is INVALID or not record.complete:
            return INVALID
        inference = read_inference_with_evidence(record, node, reader)
        if inference is INVALID:
            return INVALID
        inferred, why, evidence = inference
        start, end = record["start"], record["end"]
        if inferred is not None:
            if start.inferred or end.inferred:
                message = "give 'inferred' on the period or on its dates, not both"
                return reader.error(node, message)
            start = apply_inferred(start, inferred, why, record.nodes["start"], reader, evidence)
            end = apply_inferred(end, inferred, why, record.nodes["end"], reader, evidence)
            if start is INVALID or end is INVALID:
                return INVALID
        if end.last_day < start.first_day:
            return reader.error(node, f"the period ends ({end.iso}) before it starts ({start.iso})")
        return Period(start, end)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """Return a reference to the shared period definition."""
        defs["period"] = PERIOD_MAPPING.schema(defs)
        return {"$ref": "#/$defs/period"}


EVIDENCE = Obj(
    (
        Field("outlet", Text(), "Who published the report: Guangming Daily.", required=True),
        Field("date", ScalarDate(), "When the report was published: 2024-08-21.", required=True),
        Field("title", Text(), "The report's headline, when known."),
        Field("url", Url(), "Where we read it, http:// or https:// only; only when known."),
        Field("note", Text(), "Words for readers: e.g. why no address is given."),
    ),
    description="A report from outside the article that an inference rests on.",
)


def inference_fields() -> tuple[Field, ...]:
    """Return the optional inferred/why/evidence fields shared by dates and periods."""
    return (
        Field("inferred", Choice(values=INFERRED_PARTS), INFERRED_FIELDS["inferred"]),
        Field("why", Text(), INFERRED_FIELDS["why"]),
        Field("evidence", ListOf(EVIDENCE, min_items=1), INFERRED_FIELDS["evidence"]),
    )


DATE_MAPPING = Obj(
    (
        Field("date", ScalarDate(), "The date as far as it is known.", required=True),
        *inference_fields(),
    ),
    together=(("inferred", "why"),),
)
PERIOD_MAPPING = Obj(
    (
        Field("start", Date(), "The first month or day the figure covers.", required=True),
        Field("end", Date(), "The last month or day the figure covers.", required=True),
        *inference_fields(),
    ),
    together=(("inferred", "why"),),
    description="The stretch of time a flow covers: {start: 2023-01, end: 2023-10}. "
    "'inferred' here applies to both ends.",
)
