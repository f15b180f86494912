"""Numbers in quotes as the articles print them, and the checks built on them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipregions.inputs.quotes import (
    QuoteProblem,
    check_equivalent,
    check_growth,
    check_value,
    mentions,
    qualifier_before,
)
from ipregions.model import Qualifier


def stated(quote: str) -> list[tuple[str, Decimal, bool]]:
    """Return (text, value, percent) for every number in a quote."""
    return [(m.text, m.value, m.percent) for m in mentions(quote)]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("accepted 32,900 pretrial cases", [("32,900", Decimal(32900), False)]),
        ("had reached 618,000, marking", [("618,000", Decimal(618000), False)]),
        ("risen to over 7.04 million, up", [("7.04 million", Decimal(7040000), False)]),
        ("recover over 1.1 million yuan", [("1.1 million", Decimal(1100000), False)]),
        ("a 19 percent increase", [("19 percent", Decimal(19), True)]),
        ("an increase of 10.2 percent.", [("10.2 percent", Decimal("10.2"), True)]),
        ("up 7.7% year-on-year", [("7.7%", Decimal("7.7"), True)]),
        ("up 5 per cent", [("5 per cent", Decimal(5), True)]),
        ("close to one-tenth of the national total", [("one-tenth", Decimal(10), True)]),
        ("a tenth of them", [("a tenth", Decimal(10), True)]),
        ("half of the cases", [("half", Decimal(50), True)]),
        ("three-quarters of firms", [("three-quarters", Decimal(75), True)]),
        ("Seven centers established", [("Seven", Decimal(7), False)]),
        (
            "guided four overseas IP disputes and six consultations",
            [("four", Decimal(4), False), ("six", Decimal(6), False)],
        ),
        ("the three provinces", [("three", Decimal(3), False)]),
        ("eighteen agencies", [("eighteen", Decimal(18), False)]),
        ("twenty-one cities", [("twenty-one", Decimal(21), False)]),
        ("($152,842) in losses", [("152,842", Decimal(152842), False)]),
        ("attracting nearly 1,000 enterprises", [("1,000", Decimal(1000), False)]),
        ("more than 150 people", [("150", Decimal(150), False)]),
        ("established 13 national IP protection centers", [("13", Decimal(13), False)]),
        ("the 9th connecting activity", [("9th", Decimal(9), False)]),
        (
            "the 30th Meeting, the 2nd and 3rd",
            [("30th", Decimal(30), False), ("2nd", Decimal(2), False), ("3rd", Decimal(3), False)],
        ),
        ("16bit 5G", []),
        ("Code: 1201160062", [("1201160062", Decimal(1201160062), False)]),
        ("(2017-2025)", [("2017", Decimal(2017), False), ("2025", Decimal(2025), False)]),
        ("no numbers here", []),
    ],
)
def test_mentions(quote: str, expected: list[tuple[str, Decimal, bool]]) -> None:
    assert stated(quote) == expected


def test_numbers_inside_other_numbers_are_not_mentions() -> None:
    assert [m.value for m in mentions("in 2013 and 2130")] == [Decimal(2013), Decimal(2130)]
    assert not any(m.value == 13 for m in mentions("in 2013"))


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("had risen to over 7.04 million", Qualifier.MORE_THAN),
        ("has also exceeded 2.16 million", Qualifier.MORE_THAN),
        ("more than 150 people", Qualifier.MORE_THAN),
        ("close to one-tenth", Qualifier.NEARLY),
        ("attracting nearly 1,000", Qualifier.NEARLY),
        ("about 300 firms", Qualifier.ABOUT),
        ("accepted 32,900 cases", Qualifier.EXACT),
        ("also handed over 148 case clues", Qualifier.EXACT),
        ("taken over 20 firms", Qualifier.EXACT),
    ],
)
def test_qualifier_before(quote: str, expected: Qualifier) -> None:
    [mention] = mentions(quote)
    assert qualifier_before(mention)[0] is expected


def test_check_value_accepts_the_value_as_printed() -> None:
    assert (
        check_value("accepted 32,900 cases", 32900, percent=False, qualifier=Qualifier.EXACT) == []
    )
    assert (
        check_value("over 7.04 million", 7040000, percent=False, qualifier=Qualifier.MORE_THAN)
        == []
    )
    assert check_value("Seven centers", 7, percent=False, qualifier=Qualifier.EXACT) == []
    assert check_value("close to one-tenth", 10, percent=True, qualifier=Qualifier.NEARLY) == []
    assert check_value("about a third", 33.3, percent=True, qualifier=Qualifier.ABOUT) == []
    assert check_value("10.2 percent", 10.2, percent=True, qualifier=Qualifier.EXACT) == []
    assert (
        check_value(
            "over 1.1 million yuan",
            1100000,
            percent=False,
            qualifier=Qualifier.MORE_THAN,
            currency="yuan",
        )
        == []
    )


def test_check_value_problems() -> None:
    assert check_value(
        "accepted 29,300 cases", 32900, percent=False, qualifier=Qualifier.EXACT
    ) == [QuoteProblem("the quote does not state the value 32,900", "the quote states: 29,300")]
    assert check_value("19 percent more", 19, percent=False, qualifier=Qualifier.EXACT) == [
        QuoteProblem("the quote states 19 only as a percentage")
    ]
    assert check_value("19 centres", 19, percent=True, qualifier=Qualifier.EXACT) == [
        QuoteProblem("the quote states 19 but not as a percentage")
    ]
    assert check_value("a share of 12 percent", 10, percent=True, qualifier=Qualifier.EXACT) == [
        QuoteProblem(
            "the quote does not state the value 10 percent", "the quote states: 12 percent"
        )
    ]
    assert check_value(
        "1.1 million in losses", 1100000, percent=False, qualifier=Qualifier.EXACT, currency="yuan"
    ) == [
        QuoteProblem("the quote states 1,100,000 but not in yuan", "the quote states: 1.1 million")
    ]
    assert check_value("over 150 people", 150, percent=False, qualifier=Qualifier.EXACT) == [
        QuoteProblem(
            "the quote says 'over 150' but the qualifier is 'exact'",
            "set qualifier: more than",
            "warning",
        )
    ]
    assert check_value("150 people", 150, percent=False, qualifier=Qualifier.NEARLY) == [
        QuoteProblem(
            "the quote says '150' but the qualifier is 'nearly'", "set qualifier: exact", "warning"
        )
    ]
    # Without a qualifier to compare (the fact has other mistakes), only the value is checked.
    assert check_value("over 150 people", 150, percent=False, qualifier=None) == []


def test_check_growth() -> None:
    assert check_growth("a year-on-year increase of 10.2 percent", 10.2) == []
    assert check_growth("down 3 percent year on year", -3) == []
    assert check_growth("a 19 percent increase", 9) == [
        QuoteProblem(
            "the quote does not state the growth of 9 percent", "the quote states: 19 percent"
        )
    ]
    assert check_growth("a 19 percent increase", -19) == [
        QuoteProblem(
            "the growth is negative but the quote does not say the figure fell",
            "check the sign of 'percent'",
        )
    ]


def test_check_equivalent() -> None:
    assert check_equivalent("1.1 million yuan ($152,842)", 152842, "USD") == []
    assert check_equivalent("1.1 million yuan (152,842)", 152842, "USD") == [
        QuoteProblem("the quote states the equivalent 152,842 but not in USD")
    ]
    assert check_equivalent("1.1 million yuan", 152842, "USD") == [
        QuoteProblem(
            "the quote does not state the equivalent 152,842 USD", "the quote states: 1.1 million"
        )
    ]


@pytest.mark.parametrize(
    ("quote", "share"),
    [
        ("one-sixth of the country's patents", 100 / 6),
        ("a sixth of the country's patents", 100 / 6),
        ("two-thirds of the enterprises", 200 / 3),
        ("1/3 of the cases", 100 / 3),
        ("one in ten companies", 10),
        ("one out of every five firms", 20),
        ("an eighth of the total", 12.5),
        ("rose 10.5 per cent", 10.5),
    ],
)
def test_shares_in_words_and_fractions_state_percentages(quote: str, share: float) -> None:
    assert check_value(quote, round(share, 2), percent=True, qualifier=None) == []
    assert check_value(quote, round(share, 2), percent=False, qualifier=None) != []


def test_a_share_is_not_mistaken_for_another() -> None:
    assert check_value("one in ten companies", 20, percent=True, qualifier=None) == [
        QuoteProblem(
            "the quote does not state the value 20 percent", "the quote states: one in ten"
        )
    ]
    assert check_growth("patents rose 12 per cent year on year", 12) == []
