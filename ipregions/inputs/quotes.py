"""Find the numbers in a quote; check it states a fact's value, growth and equivalent.

Room: inputs. Imports: errors, model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from ipregions.errors import Severity
from ipregions.model import Qualifier

SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
SMALL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {word: n for n, word in enumerate(SMALL_WORDS)} | {
    word: 20 + 10 * n for n, word in enumerate(TENS_WORDS)
}
WORD_VALUES |= {"a dozen": 12, "dozen": 12}
# Shares written as fractions stand for percentages: "close to one-tenth of the national total".
FRACTIONS = {
    "half": Decimal(50),
    "third": Decimal(100) / 3,
    "quarter": Decimal(25),
    "fifth": Decimal(20),
    "sixth": Decimal(100) / 6,
    "seventh": Decimal(100) / 7,
    "eighth": Decimal("12.5"),
    "ninth": Decimal(100) / 9,
    "tenth": Decimal(10),
}
FRACTION_COUNTS = {"one": 1, "a": 1} | {
    word: n for n, word in enumerate(SMALL_WORDS) if 2 <= n <= 9
}
FRACTION_PARTS = "|".join(FRACTIONS)
CURRENCIES = {
    # unit → words that may follow the number, and signs that may precede it
    "yuan": (("yuan", "rmb", "renminbi"), ("¥", "rmb", "cny")),
    "USD": (("dollars", "us dollars", "usd"), ("$", "us$", "usd")),
}
QUALIFIER_WORDS = {
    Qualifier.MORE_THAN: (
        "more than",
        "over",
        "above",
        "exceeded",
        "exceeding",
        "exceeds",
        "upwards of",
        "in excess of",
    ),
    Qualifier.NEARLY: ("nearly", "almost", "close to", "approaching", "just under"),
    Qualifier.ABOUT: ("about", "around", "approximately", "roughly", "some", "an estimated"),
}
QUALIFIER_ENDINGS = {
    qualifier: re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})$")
    for qualifier, words in QUALIFIER_WORDS.items()
}
# "handed over 148 case clues": over after these verbs is part of the verb, not "more than".
PHRASAL_OVER = re.compile(
    r"\b(?:hand|take|took|turn|pass|carr|won|win|look|went|go|hold|held|sign|roll|gave|give)\w*\s+over$"
)
FALL_WORDS = re.compile(r"\b(down|decreas|declin|drop|fall|fell|lower|shr[iu]nk|reduc|cut)", re.I)

NUMBER = re.compile(
    r"(?P<sign>US\$|\$|¥)?"
    r"(?<![\w.])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(?:st|nd|rd|th)\b|(?!\d|,\d|[^\W\d_]))"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b|pct\b))?",
    re.I,
)
WORD_NUMBER = re.compile(
    r"\b(?P<words>(?:a\s+)?dozen|(?:"
    + "|".join(TENS_WORDS)
    + r")(?:-(?:"
    + "|".join(SMALL_WORDS[1:10])
    + r"))?|"
    + "|".join(SMALL_WORDS)
    + r")\b(?!-(?:"
    + FRACTION_PARTS
    + r")s?\b)(?!\s+(?:in|out\s+of)\s+(?:every\s+)?\w)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion)\b)?"
    r"(?P<percent>\s+(?:percent\b|per\s+cent\b))?",
    re.I,
)
FRACTION = re.compile(
    r"\b(?:(?P<count>"
    + "|".join(FRACTION_COUNTS)
    + r")[\s-]+)?(?P<part>"
    + FRACTION_PARTS
    + r")s?\b",
    re.I,
)
# "1/3" and "one in ten" (or "one out of every five") are shares too.
DIGIT_FRACTION = re.compile(r"(?<![\w/.,])(?P<count>\d{1,2})/(?P<total>\d{1,3})(?![\w/])")
WORD_OR_DIGITS = "|".join(
    [r"\d+", *sorted(WORD_VALUES, key=len, reverse=True), "a hundred", "hundred"]
)
ONE_IN = re.compile(
    rf"\b(?P<count>one|a|{WORD_OR_DIGITS})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<total>{WORD_OR_DIGITS})\b",
    re.I,
)


def _share_number(text: str) -> Decimal | None:
    """Return the number in a share's words or digits: 'ten' 10, 'a hundred' 100, '3' 3."""
    word = re.sub(r"\s+", " ", text.lower())
    if word.isdigit():
        return Decimal(word)
    if word in ("hundred", "a hundred"):
        return Decimal(100)
    if word in ("a", "one"):
        return Decimal(1)
    return Decimal(WORD_VALUES[word]) if word in WORD_VALUES else None


@dataclass(frozen=True)
class Mention:
    """A number a quote states, as the reader would take it."""

    value: Decimal
    text: str  # as printed: "7.04 million", "one-tenth"
    start: int
    percent: bool  # stated as a percentage or a share
    before: str  # the words just before it, for qualifiers
    after: str  # the words just after it, for currencies
    sign: str = ""  # a currency sign printed before it: $, ¥


def _context(quote: str, start: int, end: int) -> tuple[str, str]:
    """Return a few words before and after a span, lower-cased."""
    return quote[max(0, start - 24) : start].lower(), quote[end : end + 24].lower()


@functools.lru_cache(maxsize=4096)  # one quote is searched for its value, growth and equivalent
def mentions(quote: str) -> tuple[Mention, ...]:
    """Return every number the quote states, in digits, in words or as a share."""
    found = []
    for match in NUMBER.finditer(quote):
        value = Decimal(match["digits"].replace(",", ""))
        if match["scale"]:
            value *= SCALES[match["scale"].lower()]
        start = match.start("digits")
        before, after = _context(quote, start, match.end())
        text = quote[start : match.end()].strip()
        sign = (match["sign"] or "").lower()
        found.append(Mention(value, text, start, bool(match["percent"]), before, after, sign))
    for match in WORD_NUMBER.finditer(quote):
        words = re.sub(r"\s+", " ", match["words"].lower())
        if "-" in words:
            tens, unit = words.split("-")
            value = Decimal(WORD_VALUES[tens] + WORD_VALUES[unit])
        else:
            value = Decimal(WORD_VALUES[words])
        if match["scale"]:
            value *= 100 if match["scale"].lower() == "hundred" else SCALES[match["scale"].lower()]
        before, after = _context(quote, match.start(), match.end())
        text = match.group().strip()
        found.append(Mention(value, text, match.start(), bool(match["percent"]), before, after))
    for match in FRACTION.finditer(quote):
        part = match["part"].lower()
        count = FRACTION_COUNTS.get((match["count"] or "one").lower(), 1)
        if part == "half" and count != 1:
            continue
        value = FRACTIONS[part] * count
        before, after = _context(quote, match.start(), match.end())
        found.append(Mention(value, match.group(), match.start(), True, before, after))
    shares = []
    for pattern in (DIGIT_FRACTION, ONE_IN):
        for match in pattern.finditer(quote):
            part, whole = _share_number(match["count"]), _share_number(match["total"])
            if part is None or not whole or part > whole:
                continue
            before, after = _context(quote, match.start(), match.end())
            value = part * 100 / whole
            shares.append(Mention(value, match.group(), match.start(), True, before, after))
    # The numbers inside "one in ten" or "1/3" are parts of the share, not counts of their own.
    spans = [(share.start, share.start + len(share.text)) for share in shares]
    found = [m for m in found if not any(start <= m.start < end for start, end in spans)]
    found += shares
    return tuple(sorted(found, key=lambda mention: mention.start))


def same_number(stated: Decimal, value: float) -> bool:
    """Return whether a stated number is the value; a third matches 33, 33.3 or 33.33."""
    if abs(float(stated) - value) <= 1e-9 * max(1.0, abs(value)):
        return True
    with localcontext(prec=60):  # room for 15 digits, a trillion and 6 decimals
        repeating = stated != stated.quantize(Decimal("0.000001"))
    return repeating and abs(float(stated) - value) < 0.5


def qualifier_before(mention: Mention) -> tuple[Qualifier, str]:
    """Return the qualifier the words just before a number give it, and those words."""
    before = mention.before.rstrip()
    for qualifier, pattern in QUALIFIER_ENDINGS.items():
        found = pattern.search(before)
        if found and not PHRASAL_OVER.search(before):
            return qualifier, f"{found[0]} {mention.text}"
    return Qualifier.EXACT, mention.text


def in_currency(mention: Mention, unit: str) -> bool:
    """Return whether a number is printed with a currency's name or sign."""
    words, signs = CURRENCIES.get(unit, ((unit.lower(),), ()))
    after = mention.after.lstrip()
    if any(re.match(rf"{re.escape(word)}\b", after) for word in words):
        return True
    before = mention.before.rstrip()
    return mention.sign in signs or any(before.endswith(sign) for sign in signs if sign)


def find_value(
    quote: str, value: float, *, percent: bool, currency: str | None = None
) -> list[Mention]:
    """Return the mentions that state value (as a percentage if percent; in currency if given)."""
    return [
        mention
        for mention in mentions(quote)
        if mention.percent == percent
        and same_number(mention.value, value)
        and (currency is None or in_currency(mention, currency))
    ]


def format_plain(value: float) -> str:
    """Return a value the way the error messages print it: 32,900 or 10.2."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class QuoteProblem:
    """Something a quote does not back up: the message, a hint and whether it stops the build."""

    message: str
    hint: str | None = None
    severity: Severity = "error"


def _found(quote: str) -> str | None:
    """Return a hint listing the numbers the quote does state."""
    stated = [mention.text for mention in mentions(quote)]
    return f"the quote states: {', '.join(stated)}" if stated else "the quote states no number"


def check_value(
    quote: str,
    value: float,
    *,
    percent: bool,
    qualifier: Qualifier | None,
    currency: str | None = None,
) -> list[QuoteProblem]:
    """Return what is wrong between a quote and the value it should state (qualifier if given)."""
    shown = format_plain(value) + (" percent" if percent else "")
    found = find_value(quote, value, percent=percent, currency=currency)
    if found:
        stated = [qualifier_before(mention) for mention in found]
        # A rounded number is printed plainly: the quote must not qualify it.
        if qualifier is Qualifier.ROUNDED:
            qualifier = Qualifier.EXACT
        if qualifier is not None and qualifier not in {said for said, _ in stated}:
            best, words = stated[0]
            message = f"the quote says '{words}' but the qualifier is '{qualifier.value}'"
            return [QuoteProblem(message, f"set qualifier: {best.value}", "warning")]
        return []
    if currency is not None and find_value(quote, value, percent=percent):
        return [QuoteProblem(f"the quote states {shown} but not in {currency}", _found(quote))]
    if find_value(quote, value, percent=not percent):
        if percent:
            return [QuoteProblem(f"the quote states {format_plain(value)} but not as a percentage")]
        return [QuoteProblem(f"the quote states {format_plain(value)} only as a percentage")]
    hint = _found(quote)
    return [QuoteProblem(f"the quote does not state the value {shown}", hint)]


def check_growth(quote: str, percent: float) -> list[QuoteProblem]:
    """Return what is wrong between a quote and a stated change in percent."""
    if not find_value(quote, abs(percent), percent=True):
        message = f"the quote does not state the growth of {format_plain(abs(percent))} percent"
        return [QuoteProblem(message, _found(quote))]
    if percent < 0 and not FALL_WORDS.search(quote):
        message = "the growth is negative but the quote does not say the figure fell"
        return [QuoteProblem(message, "check the sign of 'percent'")]
    return []


def check_equivalent(quote: str, value: float, unit: str) -> list[QuoteProblem]:
    """Return what is wrong between a quote and a value stated in another unit."""
    currency = unit if unit in CURRENCIES else None
    if find_value(quote, value, percent=False, currency=currency):
        return []
    if currency and find_value(quote, value, percent=False):
        return [
            QuoteProblem(f"the quote states the equivalent {format_plain(value)} but not in {unit}")
        ]
    message = f"the quote does not state the equivalent {format_plain(value)} {unit}"
    return [QuoteProblem(message, _found(quote))]


def normal_words(text: str) -> str:
    """Return text lower-cased with hyphens and runs of spaces as single spaces."""
    return " ".join(text.lower().replace("-", " ").split())
