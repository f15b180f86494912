"""CSV tables as a spreadsheet reads them safely: columns, cells, formulas defused.

Room: web. Imports: model.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from ipregions.model import FuzzyDate

Row = dict[str, Any]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a formula
Column = tuple[str, str, Callable[..., Any]]  # name, description for the Data page, getter


def number(value: float | None) -> int | float | None:
    """Return a whole number as an int so files print 618000, not 618000.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def iso(date: FuzzyDate | None) -> str | None:
    """Return a date as ISO text at its own precision."""
    return date.iso if date is not None else None


QUOTE_SEPARATOR = "\n"  # between quotes in one CSV cell; quotes hold semicolons, not new lines


def table_docs(columns: list[Column]) -> list[tuple[str, str]]:
    """Return the (column, description) pairs of a table."""
    return [(name, description) for name, description, _ in columns]


def defuse(cell: Any) -> Any:
    """Return text a spreadsheet would run as a formula with a quote before it, as OWASP advises."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(columns: list[Column], rows: list[Row]) -> bytes:
    """Return rows as UTF-8 CSV; lists are joined with semicolons, None is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in columns])
    for row in rows:
        cells = []
        for name, _, _ in columns:
            value = row[name]
            separator = QUOTE_SEPARATOR if name == "quotes" else ";"
            cells.append(
                defuse(
                    separator.join(value)
                    if isinstance(value, list)
                    else ""
                    if value is None
                    else value
                )
            )
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")
