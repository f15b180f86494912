"""Format numbers, dates and periods the way a reader expects them.

Room: words. Imports: model.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ipregions.model import (
    Fact,
    FuzzyDate,
    Growth,
    Metric,
    MetricKind,
    Period,
    Qualifier,
    Source,
)

MONTHS = (
    "January February March April May June July August September October November December"
).split()


# Large numbers are printed as newspapers print them: 7.04 million, 186.26 billion. Each unit says
# from where on a number is scaled; below that it is printed in full (618,000; $152,842).
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
CURRENCY_SYMBOLS = {"USD": "$"}


def format_number(value: float, *, scale_from: float | None = 1e6) -> str:
    """Return 618,000 or 7.04 million or 186.26 billion or 10.2: grouped, large ones in words."""
    if scale_from is not None and abs(value) >= scale_from:
        for size, word in SCALES:
            if abs(value) >= size:
                scaled = f"{value / size:,.2f}".rstrip("0").rstrip(".")
                return f"{scaled} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: float, unit: str) -> str:
    """Return an amount as printed: '186.26 billion yuan', '$26.05 billion', '$152,842'."""
    number = format_number(value)
    symbol = CURRENCY_SYMBOLS.get(unit)
    return f"{symbol}{number}" if symbol else f"{number} {unit}"


def format_quantity(value: float, metric: Metric) -> str:
    """Return a value with a symbol or currency unit: 19%, 1.1 million yuan, $26.05 billion."""
    if metric.unit == "percent":
        return f"{format_number(value, scale_from=None)}%"
    if metric.kind is MetricKind.MONEY:
        return format_amount(value, metric.unit_plural)
    return format_number(value)


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """Return '1 source', '2 sources', '0 figures': the count with its noun agreeing."""
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{format_number(count)} {noun}"


def format_value(fact: Fact) -> str:
    """Return the value with its qualifier: 'more than 7.04 million', '618,000', 'nearly 10%'.

    A growth-only fact (no value) reads as its growth: 'up 10.5% year on year'.
    """
    if fact.value is None:
        assert fact.growth is not None
        return growth_only(fact.growth)
    quantity = format_quantity(fact.value, fact.metric)
    if fact.qualifier in (Qualifier.EXACT, Qualifier.ROUNDED):  # rounding is noted beside it
        return quantity
    return f"{fact.qualifier.value} {quantity}"


def format_value_with_unit(fact: Fact) -> str:
    """Return the value, qualifier and counted unit: 'more than 7.04 million trademarks'."""
    text = format_value(fact)
    if fact.value is None or fact.metric.unit == "percent" or fact.metric.kind is MetricKind.MONEY:
        return text
    unit = fact.metric.unit if fact.value == 1 else fact.metric.unit_plural
    return f"{text} {unit}"


def format_change(growth: Growth) -> str:
    """Return a stated change without its basis: '+19%', 'more than 30%', 'a fall of about 5%'.

    A qualified change reads as words, not as a signed number.
    """
    number = format_number(abs(growth.percent), scale_from=None)
    if growth.qualifier is not Qualifier.EXACT:
        fall = "a fall of " if growth.percent < 0 else ""
        return f"{fall}{growth.qualifier.value} {number}%"
    sign = "+" if growth.percent > 0 else ("−" if growth.percent < 0 else "±")
    return f"{sign}{number}%"


def format_growth(growth: Growth | None) -> str:
    """Return a stated change with what the source measures it against: '+19% year on year'."""
    if growth is None:
        return ""
    change = format_change(growth)
    return f"{change} {growth.basis}" if growth.basis else change


def growth_only(growth: Growth) -> str:
    """Return a change stated without a level: 'up 10.5% year on year', 'down about 3% …'."""
    number = format_number(abs(growth.percent), scale_from=None)
    direction = "up" if growth.percent > 0 else ("down" if growth.percent < 0 else "unchanged")
    qualifier = "" if growth.qualifier is Qualifier.EXACT else f"{growth.qualifier.value} "
    basis = f" {growth.basis}" if growth.basis else ""
    if growth.percent == 0:
        return f"unchanged{basis}"
    return f"{direction} {qualifier}{number}%{basis}"


def _date_words(date: FuzzyDate, *, with_year: bool = True) -> str:
    """Return '16 November 2023', 'June 2024' or '2023' without the inference note."""
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(MONTHS[date.month - 1])
    if with_year:
        parts.append(str(date.year))
    return " ".join(parts)


def inference_note(date: FuzzyDate) -> str:
    """Return ' (year inferred)' for an inferred date, '' for a printed one."""
    if not date.inferred:
        return ""
    return f" ({date.inferred} inferred)"


def format_date(date: FuzzyDate) -> str:
    """Return a date at its precision with any inference noted: 'June 2024 (year inferred)'."""
    return _date_words(date) + inference_note(date)


def format_period(period: Period) -> str:
    """Return 'January–October 2023', '5–6 July 2017' or 'December 2022–March 2023'."""
    start, end = period.start, period.end
    same_year = start.year == end.year
    if same_year and start.precision == end.precision and start.month == end.month:
        if start.day is not None and start.day != end.day:
            text = f"{start.day}–{_date_words(end)}"
        else:
            text = _date_words(end)
    elif same_year and start.month is not None:
        text = f"{_date_words(start, with_year=False)}–{_date_words(end)}"
    else:
        text = f"{_date_words(start)}–{_date_words(end)}"
    return text + inference_note(end if end.inferred else start)


def format_time(fact: Fact) -> str:
    """Return when a figure refers to: 'as of June 2024 (year inferred)' or a period."""
    if fact.period is not None:
        return format_period(fact.period)
    assert fact.as_of is not None
    return f"as of {format_date(fact.as_of)}"


def format_time_short(fact: Fact) -> str:
    """Return the time without inference notes for chart labels: 'Jun 2024', 'Jan–Oct 2023'."""
    if fact.period is not None:
        start, end = fact.period.start, fact.period.end
        if start.iso == end.iso:
            return start.iso
        if start.month and end.month and start.year == end.year:
            return f"{MONTHS[start.month - 1][:3]}–{MONTHS[end.month - 1][:3]} {end.year}"
        return f"{start.iso}–{end.iso}"
    assert fact.as_of is not None
    date = fact.as_of
    if date.month is None:
        return str(date.year)
    return f"{MONTHS[date.month - 1][:3]} {date.year}"


def time_is_inferred(fact: Fact) -> bool:
    """Return whether any part of the time a figure refers to is our inference."""
    dates = (
        [fact.as_of] if fact.as_of else [fact.period.start, fact.period.end] if fact.period else []
    )
    return any(date.inferred for date in dates)


INFERRED_MARK = "*"  # after a chart label's date when we inferred part of it


def time_key(fact: Fact) -> tuple[str, str, str]:
    """Return what makes two figures' times the same: kind of time and its ISO bounds."""
    if fact.period is not None:
        return ("period", fact.period.start.iso, fact.period.end.iso)
    assert fact.as_of is not None
    return ("as_of", fact.as_of.iso, "")


def lower_first(label: str) -> str:
    """Return a label for use mid-sentence: 'valid invention patents', but 'IP cases'."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def named_outlet(source: Source) -> str | None:
    """Return the outlet's name when the data names one, else None."""
    # Editors write "Not named in the text (…)" where an article does not say who wrote it.
    name = source.original.name
    if name is None or name.lower().startswith("not named"):
        return None
    return name


def credit(source: Source) -> str:
    """Return a short credit for a chart: the outlet, or the article's title when unnamed."""
    return named_outlet(source) or f"“{source.title}”"


def producer_of(fact: Fact) -> str | None:
    """Return who produced a figure: the fact's own producer, else its first source's."""
    return fact.producer or fact.citations[0].source.producer


def figures_credit(fact: Fact) -> str:
    """Return who produced a figure and who reported it: 'CNIPA figures, as reported by Xinhua'."""
    source = fact.citations[0].source
    outlet = named_outlet(source)
    reported = f"as reported by {outlet}" if outlet else f"as reported in “{source.title}”"
    producer = producer_of(fact)
    return f"{producer} figures, {reported}" if producer else reported[:1].upper() + reported[1:]


def domain_of(url: str) -> str:
    """Return the host of an address as readers recognise it: chinadaily.com.cn."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


# What sources say when they measure a change against the year before, hyphens as spaces.
YEAR_ON_YEAR = frozenset(
    {
        "year on year",
        "from the previous year",
        "over the previous year",
        "from a year earlier",
        "from the same period last year",
        "compared with the same period last year",
    }
)


def is_year_on_year(growth: Growth | None) -> bool:
    """Return whether a stated change is measured against the year before, as the source says."""
    if growth is None or growth.basis is None:
        return False
    return " ".join(growth.basis.lower().replace("-", " ").split()) in YEAR_ON_YEAR


def basis_key(growth: Growth | None) -> str | None:
    """Return what a change is measured against, every wording of 'year on year' as one."""
    if growth is None:
        return None
    return "year on year" if is_year_on_year(growth) else growth.basis
