import datetime as dt

import pytest

from ipregions.model import (
    Fact,
    FuzzyDate,
    Growth,
    Metric,
    MetricKind,
    Period,
    Qualifier,
)
from ipregions.words import (
    count_noun,
    format_date,
    format_growth,
    format_number,
    format_period,
    format_time,
    format_time_short,
    format_value,
    format_value_with_unit,
    is_year_on_year,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (618000, "618,000"),
        (7040000, "7.04 million"),
        (1100000, "1.1 million"),
        (2000000, "2 million"),
        (999999, "999,999"),
        (186260000000, "186.26 billion"),
        (1_500_000_000_000, "1.5 trillion"),
        (10.2, "10.2"),
        (13, "13"),
        (0, "0"),
    ],
)
def test_numbers_read_as_a_reader_expects(value, text):
    assert format_number(value) == text


def metric(kind=MetricKind.STOCK, unit="trademark", plural="trademarks"):
    return Metric("m", "Valid registered trademarks", unit, plural, kind, "definition")


def fact(value, qualifier=Qualifier.EXACT, *, m=None, as_of=None, period=None, growth=None):
    return Fact(
        id="f",
        place_id="central-china",
        metric=m or metric(),
        value=value,
        qualifier=qualifier,
        as_of=as_of,
        period=period,
        citations=[],
        growth=growth,
    )


def test_value_carries_its_qualifier_and_unit():
    f = fact(7040000, Qualifier.MORE_THAN, as_of=FuzzyDate(2024, 6))
    assert format_value(f) == "more than 7.04 million"
    assert format_value_with_unit(f) == "more than 7.04 million trademarks"


def test_money_and_percent_values_keep_their_units():
    money = metric(MetricKind.MONEY, "yuan", "yuan")
    share = metric(MetricKind.RATE, "percent", "percent")
    assert format_value(fact(1100000, Qualifier.MORE_THAN, m=money)) == "more than 1.1 million yuan"
    assert format_value_with_unit(fact(10, Qualifier.NEARLY, m=share)) == "nearly 10%"


def test_growth_reads_with_sign_and_basis():
    assert format_growth(Growth(19.0, "from the previous year")) == "+19% from the previous year"
    assert format_growth(Growth(10.2, "year-on-year")) == "+10.2% year-on-year"
    assert format_growth(Growth(-3.5, "year-on-year")) == "−3.5% year-on-year"


def test_growth_without_a_stated_basis_invents_none():
    assert format_growth(Growth(19.0)) == "+19%"
    assert is_year_on_year(Growth(19.0, "from the previous year"))
    assert is_year_on_year(Growth(7.7, "year-on-year"))
    assert not is_year_on_year(Growth(19.0))


def test_inferred_dates_say_which_part_was_inferred():
    assert format_date(FuzzyDate(2024, 6, inferred="year", why="w")) == "June 2024 (year inferred)"
    assert format_date(FuzzyDate(2023, 11, 16)) == "16 November 2023"
    assert format_date(FuzzyDate(2023)) == "2023"


def test_periods_read_naturally():
    jan_oct = Period(FuzzyDate(2023, 1), FuzzyDate(2023, 10))
    assert format_period(jan_oct) == "January–October 2023"
    assert format_period(Period(FuzzyDate(2017, 7, 5), FuzzyDate(2017, 7, 6))) == "5–6 July 2017"
    across = Period(FuzzyDate(2022, 12), FuzzyDate(2023, 3))
    assert format_period(across) == "December 2022–March 2023"
    assert format_period(Period(FuzzyDate(2024), FuzzyDate(2024))) == "2024"
    inferred = Period(FuzzyDate(2023, 1, inferred="year"), FuzzyDate(2023, 10, inferred="year"))
    assert format_period(inferred) == "January–October 2023 (year inferred)"


def test_time_of_a_fact_names_as_of_or_period():
    assert format_time(fact(1, as_of=FuzzyDate(2024, 6, inferred="year"))) == (
        "as of June 2024 (year inferred)"
    )
    period = Period(FuzzyDate(2023, 1), FuzzyDate(2023, 10))
    assert format_time(fact(1, period=period)) == "January–October 2023"
    assert format_time_short(fact(1, period=period)) == "Jan–Oct 2023"
    assert format_time_short(fact(1, as_of=FuzzyDate(2025, 4))) == "Apr 2025"
    year = Period(FuzzyDate(2023), FuzzyDate(2023))
    assert format_time_short(fact(1, period=year)) == "2023"


def test_fuzzy_dates_span_their_precision():
    assert FuzzyDate(2024, 2).last_day == dt.date(2024, 2, 29)
    assert FuzzyDate(2023, 12).last_day == dt.date(2023, 12, 31)
    assert FuzzyDate(2023).first_day == dt.date(2023, 1, 1)
    assert FuzzyDate(2023, 11, 16).iso == "2023-11-16"
    assert FuzzyDate(2024, 6).iso == "2024-06"


@pytest.mark.parametrize(
    ("unit", "kind", "value", "text"),
    [
        ("yuan", MetricKind.MONEY, 186260000000, "186.26 billion yuan"),
        ("yuan", MetricKind.MONEY, 1100000, "1.1 million yuan"),
        ("yuan", MetricKind.MONEY, 950000, "950,000 yuan"),
        ("USD", MetricKind.MONEY, 26050000000, "$26.05 billion"),
        ("USD", MetricKind.MONEY, 152842, "$152,842"),
        ("patent", MetricKind.STOCK, 1234567890, "1.23 billion"),
        ("patent", MetricKind.STOCK, 999999, "999,999"),
        ("percent", MetricKind.RATE, 99.5, "99.5%"),
    ],
)
def test_each_unit_scales_large_numbers_as_printed(unit, kind, value, text):
    m = metric(kind, unit, unit if unit != "patent" else "patents")
    assert format_value(fact(value, m=m)) == text


def test_a_qualified_growth_reads_as_words_not_a_signed_number():
    more = Growth(30.0, basis="year on year", qualifier=Qualifier.MORE_THAN)
    assert format_growth(more) == "more than 30% year on year"
    fall = Growth(-5.0, basis="year on year", qualifier=Qualifier.ABOUT)
    assert format_growth(fall) == "a fall of about 5% year on year"
    # Only what the source measures the change against is printed: nothing when it says nothing.
    assert format_growth(Growth(30.0, qualifier=Qualifier.MORE_THAN)) == "more than 30%"


def test_a_growth_only_fact_reads_as_its_change():
    rose = fact(None, growth=Growth(10.5, basis="year on year"), as_of=FuzzyDate(2024))
    assert format_value(rose) == "up 10.5% year on year"
    assert format_value_with_unit(rose) == "up 10.5% year on year"
    growth = Growth(-3.0, basis="year on year", qualifier=Qualifier.NEARLY)
    fell = fact(None, growth=growth, as_of=FuzzyDate(2024))
    assert format_value(fell) == "down nearly 3% year on year"


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0 sources"), (1, "1 source"), (2, "2 sources"), (1200, "1,200 sources")],
)
def test_counts_agree_with_their_nouns(count, text):
    assert count_noun(count, "source") == text
    assert count_noun(1, "provincial-level division") == "1 provincial-level division"
    assert count_noun(3, "agency", "agencies") == "3 agencies"
