"""Every validation rule, asserted with its full message as the editor sees it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from datatree import ALPHA, BETA, NORTH, TODAY, at, edit, errors, load, problems, write_tree

from ipregions.errors import BuildError, EditorError
from ipregions.inputs.hints import Suggester
from ipregions.inputs.validation import load_model
from ipregions.model import MetricKind, Qualifier, Region
from ipregions.model.colours import REGION_COLOURS
from ipregions.pipeline import check_data

ROOT = Path(__file__).resolve().parent.parent

# (file, text to replace, replacement, text marking where the error is, message after "error: ")
CASES = [
    pytest.param(
        "sources/alpha.yaml",
        "metric: valid-invention-patents",
        "metric: valid-patent",
        "valid-patent",
        "metric 'valid-patent' is not defined (did you mean 'valid-invention-patents'?)",
        id="unknown-metric",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "metric: gi-share",
        "metric: no-such-thing",
        "no-such-thing",
        "metric 'no-such-thing' is not defined (metrics are defined in data/metrics.yaml)",
        id="unknown-metric-no-match",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "    qualifier: nearly",
        "    qualifer: nearly",
        "qualifer",
        "unknown field 'qualifer' (did you mean 'qualifier'?)",
        id="unknown-field",
    ),
    pytest.param(
        "sources/beta.yaml",
        "summary: Our words.",
        "summary: Our words.\nzzz: 1",
        "zzz",
        "unknown field 'zzz' (the fields here are: title, author, producer, original, read_at, "
        "published, added, text_file, text_missing, event, summary, facts, corroborations, "
        "milestones)",
        id="unknown-field-no-match",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "value: 32900",
        'value: "32,900"',
        '"32,900"',
        "'value' must be a number, not text '32,900' "
        '(write a plain number: 7040000, not "7.04 million")',
        id="value-text",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "value: 32900",
        "value: [32900]",
        "[32900]",
        "'value' must be a number, not a list "
        '(write a plain number: 7040000, not "7.04 million")',
        id="value-list",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "value: 32900",
        "value: .nan",
        ".nan",
        "'value' must be a finite number, not .nan",
        id="value-nan",
    ),
    pytest.param(
        "sources/alpha.yaml",
        '    quote: "a number that is close to one-tenth of the national total"\n',
        "",
        "id: northeast-gi-share-2024",
        "missing required field 'quote'",
        id="missing-field",
    ),
    pytest.param(
        "sources/beta.yaml",
        "title: Region strengthens IP coordination",
        "title:",
        "title:",
        "'title' is empty",
        id="empty-required",
    ),
    pytest.param(
        "sources/beta.yaml",
        "title: Region strengthens IP coordination",
        "title: {text: x}",
        "{text",
        "'title' must be text, not a mapping",
        id="title-mapping",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "value: 32900",
        "value: -32900",
        "-32900",
        "'value' cannot be negative (-32900)",
        id="negative-count",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "value: 10\n",
        "value: 120\n",
        "120",
        "a rate cannot exceed 100 percent (120)",
        id="rate-over-100",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "growth: {percent: 19,",
        "growth: {percent: -119,",
        "-119",
        "'percent' cannot be below -100 (-119)",
        id="growth-below-minus-100",
    ),
    pytest.param(
        "sources/beta.yaml",
        "value: 7\n",
        "value: 7.5\n",
        "7.5",
        "value 7.5 is not a whole number, but metric 'valid-invention-patents' counts patents",
        id="fractional-count",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: 2023-02-30\n",
        "2023-02-30",
        "'2023-02-30' is not a real date (February 2023 has 28 days)",
        id="invalid-day",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: 2024-13\n",
        "2024-13",
        "'2024-13' is not a real date (months run from 01 to 12)",
        id="invalid-month",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: June 2024\n",
        "June 2024",
        "'as_of' must be a date such as 2024, 2024-06 or 2024-06-30, not text 'June 2024'",
        id="date-words",
    ),
    pytest.param(
        "sources/beta.yaml",
        "as_of: 2024\n",
        "as_of: 2027\n",
        "2027",
        "as_of 2027 lies in the future (today is 2026-11-22) "
        "(dates may not lie in the future: check the year)",
        id="future-date",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "end: 2024-06,",
        "end: 2023-06,",
        "{start: 2024-01",
        "the period ends (2023-06) before it starts (2024-01)",
        id="end-before-start",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "period: {start: 2024-01, end: 2024-06, inferred: year, "
        'why: "The article gives months only."}',
        "as_of: 2024-06",
        '2024-06\n    quote: "From',
        "metric 'patent-pretrial-cases' is a flow: give period, not as_of "
        "(a flow is counted over a period)",
        id="flow-with-as-of",
    ),
    pytest.param(
        "sources/beta.yaml",
        "as_of: 2024\n",
        "period: {start: 2024-01, end: 2024-06}\n",
        "{start",
        "metric 'valid-invention-patents' is a stock: give as_of, not period "
        "(it is a level at a date)",
        id="stock-with-period",
    ),
    pytest.param(
        "sources/beta.yaml",
        "    as_of: 2024\n",
        "",
        "id: hebei-support-centres-2024",
        "missing as_of: metric 'valid-invention-patents' is a stock",
        id="stock-without-as-of",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "    as_of: 2024-06\n",
        "",
        "id: northeast-gi-share-2024",
        "missing as_of or period: metric 'gi-share' is a rate",
        id="rate-without-time",
    ),
    pytest.param(
        "sources/beta.yaml",
        "as_of: 2024\n",
        "as_of: 2024\n    period: {start: 2024-01, end: 2024-06}\n",
        "{start",
        "give either as_of or period, not both",
        id="as-of-and-period",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: {date: 2024-06, inferred: year}\n",
        "{date: 2024-06, inferred: year}",
        "missing required field 'why' (say why the date is inferred)",
        id="inferred-without-why",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: {date: 2024-06, why: guessed}\n",
        "{date: 2024-06, why",
        "'why' is given but 'inferred' is not "
        "(say which part is inferred: year, month, day or date)",
        id="why-without-inferred",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: {date: 2024-06, inferred: day, why: guessed}\n",
        "{date: 2024-06, inferred: day",
        "inferred 'day' but the date 2024-06 has no day",
        id="inferred-part-missing",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: {date: 2024-06, inferred: yaer, why: guessed}\n",
        "yaer",
        "inferred 'yaer' is not one of: year, month, day, date (did you mean 'year'?)",
        id="inferred-choice",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "as_of: 2024-06\n",
        "as_of: 2024-08\n",
        "2024-08",
        "as_of 2024-08 is after the article was published (2024-07) "
        "(an article cannot report a later date)",
        id="after-publication",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "    qualifier: more than",
        "    qualifier: more-than",
        "more-than",
        "qualifier 'more-than' is not one of: exact, more than, nearly, about, rounded "
        "(did you mean 'more than'?)",
        id="qualifier-choice",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "url: https://www.chinadaily.com.cn/a/1.html",
        "url: javascript:alert(1)",
        "javascript",
        "url 'javascript:alert(1)' is not a web address "
        "(links must start with http:// or https://)",
        id="javascript-url",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "url: https://www.chinadaily.com.cn/a/1.html",
        "url: 'data:text/html,<script>alert(1)</script>'",
        "'data:",
        "url 'data:text/html,<script>alert(1)</script>' is not a web address "
        "(links must start with http:// or https://)",
        id="data-url",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "url: https://www.chinadaily.com.cn/a/1.html",
        "url: ftp://example.com/a",
        "ftp:",
        "url 'ftp://example.com/a' is not a web address "
        "(links must start with http:// or https://)",
        id="ftp-url",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "  weekday: Thursday",
        "  weekday: Friday",
        "Friday",
        "the event's date 2024-07-11 is a Thursday, not a Friday",
        id="weekday-mismatch",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "  weekday: Thursday",
        "  weekday: Thursday\n  end_date: 2024-07-10",
        "2024-07-10",
        "end_date 2024-07-10 is before the event's date 2024-07-11",
        id="event-ends-before-it-starts",
    ),
    pytest.param(
        "sources/beta.yaml",
        "added: 2026-11-21",
        "added: 2026-11",
        "2026-11",
        "'added' must be a day such as 2024-06-30, not text '2026-11'",
        id="added-not-a-day",
    ),
    pytest.param(
        "sources/beta.yaml",
        "added: 2026-11-21\n",
        "",
        "title:",
        "missing required field 'added'",
        id="added-missing",
    ),
    pytest.param(
        "sources/beta.yaml",
        "original:\n  name: CNIPA",
        "original: {}",
        "{}",
        "'original' needs a name or a url",
        id="outlet-empty",
    ),
    pytest.param(
        "sources/beta.yaml",
        "text_file: beta.txt",
        "text_file: ../beta.txt",
        "../beta.txt",
        "'text_file' must be a file name, not a path '../beta.txt'",
        id="text-file-path",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "place: northeast",
        "place: north-east",
        "north-east",
        "place 'north-east' is not a region or province (did you mean 'northeast'?)",
        id="unknown-place",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "id: north-monitoring-platform",
        "id: North Monitoring",
        "North Monitoring",
        "id 'North Monitoring' is not lower-case words joined by hyphens "
        "(for example 'north-monitoring')",
        id="id-not-a-slug",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "id: north-monitoring-platform",
        "id: north-patent-pretrial-cases-2024",
        "north-patent-pretrial-cases-2024\n    place: north\n    date",
        "id 'north-patent-pretrial-cases-2024' is already used (by the fact at "
        "data/sources/alpha.yaml:32:9; ids are unique across all files)",
        id="milestone-reuses-fact-id",
    ),
    pytest.param(
        "sources/beta.yaml",
        "id: hebei-support-centres-2024",
        "id: northeast-gi-share-2024",
        "northeast-gi-share-2024",
        "id 'northeast-gi-share-2024' is already used (by the fact at "
        "data/sources/alpha.yaml:39:9; ids are unique across all files)",
        id="fact-id-in-two-files",
    ),
    pytest.param(
        "sources/beta.yaml",
        "fact: north-patent-pretrial-cases-2024",
        "fact: north-patent-pretrial-case-2024",
        "north-patent-pretrial-case-2024",
        "fact 'north-patent-pretrial-case-2024' is not defined "
        "(did you mean 'north-patent-pretrial-cases-2024'?)",
        id="corroboration-unknown-fact",
    ),
    pytest.param(
        "sources/beta.yaml",
        "fact: north-patent-pretrial-cases-2024",
        "fact: north-monitoring-platform",
        "north-monitoring-platform",
        "'north-monitoring-platform' is a milestone, not a fact (only facts are corroborated)",
        id="corroboration-of-milestone",
    ),
    pytest.param(
        "sources/beta.yaml",
        "accepted 32,900 patent",
        "accepted 32,000 patent",
        '"The centers have',
        "the quote does not state the value 32,900 (the quote states: 32,000)",
        id="corroboration-quote",
    ),
    pytest.param(
        "sources/beta.yaml",
        "fact: north-patent-pretrial-cases-2024",
        "fact: hebei-support-centres-2024",
        'hebei-support-centres-2024\n    quote: "The centers',
        "this article already states fact 'hebei-support-centres-2024' "
        "(an article cites a fact once)",
        id="corroborating-own-fact",
    ),
    pytest.param(
        "sources/beta.yaml",
        "added: 2026-11-21",
        "added: 2026-11-21\npublished: 2024-05",
        "north-patent-pretrial-cases-2024\n",
        "fact 'north-patent-pretrial-cases-2024' refers to 2024-06, after this article was "
        "published (2024-05) (an article cannot report a later date)",
        id="corroboration-from-an-earlier-article",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "accepted 32,900 pretrial",
        "accepted 32,000 pretrial",
        '"From January',
        "the quote does not state the value 32,900 (the quote states: 32,000)",
        id="quote-without-value",
    ),
    pytest.param(
        "sources/beta.yaml",
        '"Seven patents were granted."',
        '"Patents were granted."',
        '"Patents',
        "the quote does not state the value 7 (the quote states no number)",
        id="quote-without-any-number",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "close to one-tenth of",
        "close to ten of",
        '"a number',
        "the quote states 10 but not as a percentage",
        id="percent-value-as-count",
    ),
    pytest.param(
        "sources/beta.yaml",
        '"Seven patents were granted."',
        '"Patents rose seven percent."',
        '"Patents',
        "the quote states 7 only as a percentage",
        id="count-value-as-percent",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "growth: {percent: 19,",
        "growth: {percent: 18,",
        "quote: |>-",
        "the quote does not state the growth of 18 percent (the quote states: 618,000, 19 percent)",
        id="growth-not-in-quote",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "growth: {percent: 19,",
        "growth: {percent: -19,",
        "quote: |>-",
        "the growth is negative but the quote does not say the figure fell "
        "(check the sign of 'percent')",
        id="growth-sign",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "equivalent: {value: 152842, unit: USD}",
        "equivalent: {value: 152843, unit: USD}",
        '"helping',
        "the quote does not state the equivalent 152,843 USD "
        "(the quote states: 1.1 million, 152,842)",
        id="equivalent-not-in-quote",
    ),
    pytest.param(
        "sources/alpha.yaml",
        "1.1 million yuan ($152,842)",
        "1.1 million ($152,842)",
        '"helping',
        "the quote states 1,100,000 but not in yuan (the quote states: 1.1 million, 152,842)",
        id="money-without-currency",
    ),
    pytest.param(
        "regions/north.yaml",
        "  - province: hebei",
        "  - province: hebie",
        "hebie",
        "province 'hebie' is not defined (did you mean 'hebei'?)",
        id="unknown-member",
    ),
    pytest.param(
        "regions/north.yaml",
        "  - province: hebei",
        "  - province: hebei\n  - province: hebei",
        ("hebei", 2),
        "province 'hebei' is listed twice in this region",
        id="member-twice",
    ),
    pytest.param(
        "regions/north.yaml",
        "members:\n  - province: beijing\n  - province: hebei\n",
        "members: []\n",
        "[]",
        "'members' needs at least 1 item",
        id="no-members",
    ),
    pytest.param(
        "provinces.yaml",
        "    tile: [2, 9]\n",
        "    tile: [2, 9]\n  - id: hebei\n    name: Hebei\n    name_zh: 河北省\n"
        "    kind: province\n    tile: [5, 5]\n",
        ("hebei", 2),
        "province id 'hebei' is used twice (first at data/provinces.yaml:8:9)",
        id="province-twice",
    ),
    pytest.param(
        "provinces.yaml",
        "tile: [2, 9]",
        "tile: [3, 7]",
        ("[3, 7]", 2),
        "tile [3, 7] is already taken by 'hebei'",
        id="tile-twice",
    ),
    pytest.param(
        "provinces.yaml",
        "tile: [2, 9]",
        "tile: [2, 9, 1]",
        "[2, 9, 1]",
        "'tile' must have 2 items, not 3",
        id="tile-length",
    ),
    pytest.param(
        "provinces.yaml",
        "tile: [2, 9]",
        "tile: [2, -9]",
        "-9",
        "'tile' cannot be negative (-9)",
        id="tile-negative",
    ),
    pytest.param(
        "provinces.yaml",
        "kind: municipality",
        "kind: city",
        "city",
        "kind 'city' is not one of: province, municipality, autonomous region, "
        "special administrative region",
        id="province-kind",
    ),
    pytest.param(
        "metrics.yaml",
        "    kind: stock",
        "    kind: stok",
        "stok",
        "kind 'stok' is not one of: stock, flow, institutions, rate, money, count "
        "(did you mean 'stock'?)",
        id="metric-kind",
    ),
    pytest.param(
        "metrics.yaml",
        "    caveat: Counts only disputes the centres guided.\n",
        "    caveat: Counts only disputes the centres guided.\n  - id: patent-pretrial-cases\n"
        "    label: Cases\n    unit: case\n    unit_plural: cases\n    kind: flow\n"
        "    definition: Again.\n",
        ("patent-pretrial-cases", 2),
        "metric id 'patent-pretrial-cases' is used twice (first at data/metrics.yaml:10:9)",
        id="metric-twice",
    ),
    pytest.param(
        "metrics.yaml",
        "    unit: percent",
        "    unit: share",
        "unit: |share",
        "a rate metric's unit must be 'percent', not 'share'",
        id="rate-unit",
    ),
    pytest.param(
        "metrics.yaml",
        "    unit: case",
        "    unit: percent",
        "percent\n    unit_plural: cases",
        "unit 'percent' needs kind 'rate'",
        id="percent-unit-not-rate",
    ),
    pytest.param(
        "metrics.yaml",
        "    unit: yuan",
        "    unit: rmb",
        "rmb",
        "money metric unit 'rmb' is not a known currency (use one of: yuan, USD)",
        id="money-unit",
    ),
    pytest.param(
        "metrics.yaml",
        "comparable_with: []",
        "comparable_with: [patent-pretrial-cases]",
        "patent-pretrial-cases]",
        "metric 'valid-invention-patents' is a stock and cannot be comparable with "
        "'patent-pretrial-cases', a flow (only figures of one kind may share an axis)",
        id="comparable-other-kind",
    ),
    pytest.param(
        "metrics.yaml",
        "comparable_with: []",
        "comparable_with: [valid-invention-patent]",
        "valid-invention-patent]",
        "metric 'valid-invention-patent' is not defined (did you mean 'valid-invention-patents'?)",
        id="comparable-unknown",
    ),
    pytest.param(
        "metrics.yaml",
        "comparable_with: []",
        "comparable_with: [valid-invention-patents]",
        "valid-invention-patents]",
        "a metric cannot be comparable with itself",
        id="comparable-itself",
    ),
    pytest.param(
        "metrics.yaml",
        "comparable_with: []",
        "comparable_with: []\n    sum_of: [gi-share]",
        "gi-share]",
        "metric 'valid-invention-patents' sums 'gi-share' but is not comparable_with it "
        "(add 'gi-share' to comparable_with)",
        id="sum-of-not-comparable",
    ),
    pytest.param(
        "metrics.yaml",
        "comparable_with: []",
        "comparable_with: []\n    sum_of: [valid-invention-patent]",
        "valid-invention-patent]",
        "metric 'valid-invention-patent' is not defined (did you mean 'valid-invention-patents'?)",
        id="sum-of-unknown",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "where", "message"), CASES)
def test_rule(
    tmp_path: Path, name: str, old: str, new: str, where: str | tuple[str, int], message: str
) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, name, old, new)
    needle, occurrence = where if isinstance(where, tuple) else (where, 1)
    assert errors(data_dir) == [f"{at(data_dir, name, needle, occurrence)}: error: {message}"]


def colour_name(region: Region) -> str:
    """Return the name of a region's colour: 'blue'."""
    return list(REGION_COLOURS)[region.colour_index]


def test_valid_tree_loads_without_problems(tmp_path: Path) -> None:
    checked = load(write_tree(tmp_path))
    assert checked.warnings == []
    model = checked.model
    assert sorted(model.facts) == [
        "hebei-support-centres-2024",
        "liaoning-losses-recovered-2024",
        "north-patent-pretrial-cases-2024",
        "north-valid-invention-patents-2024-06",
        "northeast-gi-share-2024",
    ]
    assert list(model.milestones) == ["north-monitoring-platform"]
    assert sorted(model.sources) == ["alpha", "beta"]
    assert sorted(model.provinces) == ["beijing", "hebei", "liaoning"]
    assert model.metrics["gi-share"].kind is MetricKind.RATE


def test_ids_come_from_file_names_and_colours_from_a_hash_of_the_id(tmp_path: Path) -> None:
    model = load(write_tree(tmp_path)).model
    # sha256("north") and sha256("northeast") modulo the 12 palette colours.
    assert {name: colour_name(region) for name, region in model.regions.items()} == {
        "north": "vermilion",
        "northeast": "turquoise",
    }
    assert model.sources["beta"].title == "Region strengthens IP coordination"


def region_file(name: str, colour: str | None = None) -> str:
    """Return a region file with one member, Liaoning, and perhaps a colour."""
    return (
        f"# yaml-language-server: $schema=../../schemas/region.schema.json\n"
        f"name: {name}\nname_zh: 区\nsummary: Words.\n"
        + (f"colour: {colour}\n" if colour else "")
        + "members:\n  - province: liaoning\n"
    )


def test_adding_regions_never_changes_another_regions_colour(tmp_path: Path) -> None:
    before = load(write_tree(tmp_path / "a")).model
    # Ids that sort before, between and after the others, one with a named colour.
    added = {
        "regions/aaa.yaml": region_file("Aaa"),
        "regions/nort.yaml": region_file("Nort", "blue"),
        "regions/zzy.yaml": region_file("Zzy"),
    }
    after = load(write_tree(tmp_path / "b", added)).model
    assert {name: after.regions[name].colour_index for name in before.regions} == {
        name: region.colour_index for name, region in before.regions.items()
    }
    assert len({region.colour_index for region in after.regions.values()}) == 5
    assert colour_name(after.regions["nort"]) == "blue"


def test_a_colour_named_in_the_file_wins_over_the_hash(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "regions/north.yaml", "members:", "colour: pine\nmembers:")
    assert colour_name(load(data_dir).model.regions["north"]) == "pine"


def test_a_colour_taken_by_another_region_is_refused(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    # 'north' hashes to vermilion; naming it for 'northeast' clashes.
    edit(data_dir, "regions/northeast.yaml", "members:", "colour: vermilion\nmembers:")
    edit(data_dir, "regions/north.yaml", "members:", "colour: vermilion\nmembers:")
    assert errors(data_dir) == [
        f"{at(data_dir, 'regions/northeast.yaml', 'colour: |vermilion')}: error: colour "
        "'vermilion' is already taken by region 'north' (choose a free colour: blue, green, "
        "petrol, violet, ochre, periwinkle, turquoise, emerald, sea-blue, sky, pine)"
    ]


def test_two_regions_hashing_to_one_colour_ask_for_a_named_colour(tmp_path: Path) -> None:
    # sha256 puts 'beijing-tianjin-hebei' and 'northeast-china' on the same colour.
    data_dir = write_tree(
        tmp_path,
        {
            "regions/beijing-tianjin-hebei.yaml": region_file("BTH"),
            "regions/northeast-china.yaml": region_file("NE"),
        },
    )
    assert errors(data_dir) == [
        "data/regions/northeast-china.yaml:1:1: error: region 'northeast-china' takes colour "
        "'emerald' from its id, as region 'beijing-tianjin-hebei' does (give the region you are "
        "adding a free 'colour:': blue, green, petrol, violet, ochre, periwinkle, sea-blue, sky, "
        "pine)"
    ]


def test_an_unknown_colour_name_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "regions/north.yaml", "members:", "colour: bleu\nmembers:")
    assert errors(data_dir) == [
        f"{at(data_dir, 'regions/north.yaml', 'colour: |bleu')}: error: colour 'bleu' is not "
        "one of: blue, vermilion, green, petrol, violet, ochre, periwinkle, turquoise, emerald, "
        "sea-blue, sky, pine (did you mean 'blue'?)"
    ]


def test_a_province_may_belong_to_several_regions(tmp_path: Path) -> None:
    model = load(write_tree(tmp_path)).model
    assert [r.id for r in model.regions_of("hebei")] == ["north", "northeast"]
    member = model.regions["northeast"].members[1]
    assert (member.province.id, member.part, member.note) == (
        "hebei",
        "northern part",
        "Only for the tests.",
    )
    assert model.regions["north"].members[1].is_partial is False


def test_defaults_and_inferred_dates(tmp_path: Path) -> None:
    model = load(write_tree(tmp_path)).model
    patents = model.facts["north-valid-invention-patents-2024-06"]
    assert patents.qualifier is Qualifier.EXACT
    assert patents.growth is not None
    assert (patents.growth.percent, patents.growth.basis) == (19, "from the previous year")
    assert patents.growth.qualifier is Qualifier.EXACT
    assert patents.as_of is not None
    assert (patents.as_of.iso, patents.as_of.inferred) == ("2024-06", "year")
    assert patents.as_of.why == "The article says 'As of June'."
    cases = model.facts["north-patent-pretrial-cases-2024"]
    assert cases.period is not None
    # An inference given on the period applies to both of its ends.
    assert cases.period.start.inferred == cases.period.end.inferred == "year"
    assert cases.period.end.why == "The article gives months only."
    losses = model.facts["liaoning-losses-recovered-2024"]
    assert losses.qualifier is Qualifier.MORE_THAN
    assert losses.equivalent is not None
    assert (losses.equivalent.value, losses.equivalent.unit) == (152842, "USD")
    assert model.sources["alpha"].added == dt.date(2026, 11, 20)
    assert model.milestones["north-monitoring-platform"].date.iso == "2024"


def test_corroboration_adds_a_citation_after_the_entering_source(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    fact = load(data_dir).model.facts["north-patent-pretrial-cases-2024"]
    assert [source.id for source in fact.sources] == ["alpha", "beta"]
    assert fact.citations[1].quote == "The centers have accepted 32,900 patent pre-trial cases"
    location = fact.citations[1].location
    assert location is not None
    assert f"data/{location.path.removeprefix('data/')}:{location.line}:{location.column}" == at(
        data_dir, "sources/beta.yaml", '"The centers'
    )


def test_locations_point_at_the_items(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    model = load(data_dir).model
    fact = model.facts["northeast-gi-share-2024"]
    assert fact.location is not None
    got = f"{fact.location.path}:{fact.location.line}:{fact.location.column}"
    assert got == at(data_dir, "sources/alpha.yaml", "id: northeast-gi-share-2024")


def test_prose_may_hold_html_which_stays_plain_text(tmp_path: Path) -> None:
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/beta.yaml", "summary: Our words.", f'summary: "{payload}"')
    edit(data_dir, "regions/north.yaml", "name: North China", f'name: "{payload}"')
    model = load(data_dir).model
    assert model.sources["beta"].summary == payload
    assert model.regions["north"].name == payload


def test_qualifier_that_disagrees_with_the_quote_warns(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", "    qualifier: more than\n", "")
    checked = load(data_dir)
    where = at(data_dir, "sources/alpha.yaml", '"helping')
    assert [str(w) for w in checked.warnings] == [
        f"{where}: warning: the quote says 'over 1.1 million' but the qualifier is 'exact' "
        "(set qualifier: more than)"
    ]


def test_disagreeing_facts_warn_at_the_later_one(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    gamma = BETA.replace("hebei-support-centres-2024", "north-cases-again").replace(
        "corroborations:\n  - fact: north-patent-pretrial-cases-2024\n", "corroborations: []\n#"
    )
    gamma = gamma.replace("place: hebei", "place: north").replace(
        "metric: valid-invention-patents\n    value: 7\n    as_of: 2024",
        "metric: patent-pretrial-cases\n    value: 32000\n"
        "    period: {start: 2024-01, end: 2024-06}",
    )
    gamma = gamma.replace("Seven patents were granted.", "accepted 32,000 cases")
    write_tree(tmp_path, {"sources/gamma.yaml": gamma})
    checked = check_data(data_dir, today=TODAY)
    assert len(checked.derived.discrepancies) == 1
    [warning] = checked.warnings
    assert warning.severity == "warning"
    assert f"{warning.path}:{warning.line}:{warning.column}" == at(
        data_dir, "sources/gamma.yaml", "id: north-cases-again"
    )
    assert warning.message == checked.derived.discrepancies[0].message


def test_all_errors_in_all_files_come_out_in_one_run(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "provinces.yaml", "kind: municipality", "kind: city")
    edit(data_dir, "metrics.yaml", "    unit: yuan", "    unit: rmb")
    edit(data_dir, "regions/northeast.yaml", "province: liaoning", "province: liaoling")
    edit(data_dir, "sources/alpha.yaml", "value: 32900", "value: -1")
    edit(data_dir, "sources/alpha.yaml", "place: north\n    date", "plaec: north\n    date")
    edit(data_dir, "sources/beta.yaml", "as_of: 2024\n", "as_of: 2024-02-30\n")
    with pytest.raises(BuildError) as failure:
        load(data_dir)
    printed = [str(error) for error in failure.value.errors]
    assert printed == [
        f"{at(data_dir, 'metrics.yaml', 'rmb')}: error: money metric unit 'rmb' is not a known "
        "currency (use one of: yuan, USD)",
        f"{at(data_dir, 'provinces.yaml', 'city')}: error: kind 'city' is not one of: province, "
        "municipality, autonomous region, special administrative region",
        f"{at(data_dir, 'regions/northeast.yaml', 'liaoling')}: error: province 'liaoling' is "
        "not defined (did you mean 'liaoning'?)",
        f"{at(data_dir, 'sources/alpha.yaml', 'value: |-1')}: error: "
        "'value' cannot be negative (-1)",
        f"{at(data_dir, 'sources/alpha.yaml', 'id: north-monitoring-platform')}: error: "
        "missing required field 'place'",
        f"{at(data_dir, 'sources/alpha.yaml', 'plaec')}: error: unknown field 'plaec' "
        "(did you mean 'place'?)",
        f"{at(data_dir, 'sources/beta.yaml', '2024-02-30')}: error: '2024-02-30' is not a real "
        "date (February 2024 has 29 days)",
    ]


def test_error_text_and_dict_for_the_preview(tmp_path: Path) -> None:
    error = EditorError(
        "data/sources/x.yaml", 12, 5, "metric 'a' is not defined", "did you mean 'b'?"
    )
    assert (
        str(error)
        == "data/sources/x.yaml:12:5: error: metric 'a' is not defined (did you mean 'b'?)"
    )
    assert error.to_dict() == {
        "path": "data/sources/x.yaml",
        "line": 12,
        "column": 5,
        "severity": "error",
        "message": "metric 'a' is not defined",
        "hint": "did you mean 'b'?",
        "text": str(error),
    }
    warning = EditorError("data/metrics.yaml", 1, 1, "odd", severity="warning")
    assert str(warning) == "data/metrics.yaml:1:1: warning: odd"


def test_file_problems(tmp_path: Path) -> None:
    data_dir = write_tree(
        tmp_path,
        {
            "metrics.yaml": None,
            "sources/Gamma One.yaml": "title: x\n",
            "sources/delta.yml": "title: x\n",
            "sources/notes.txt": "hello",
            "extra.yaml": "a: 1\n",
        },
    )
    assert problems(data_dir)[:5] == [
        "data/extra.yaml:1:1: warning: not a data file: ignored (the data folder holds "
        "provinces.yaml, metrics.yaml, regions/ and sources/)",
        "data/metrics.yaml:1:1: error: file is missing (see EDITING.md)",
        "data/sources/Gamma One.yaml:1:1: error: file name 'Gamma One.yaml' is not an id "
        "(ids are lower-case words joined by hyphens: rename it to 'gamma-one.yaml')",
        "data/sources/Gamma One.yaml:1:1: error: missing required field 'added'",
        "data/sources/Gamma One.yaml:1:1: error: missing required field 'original'",
    ]
    assert (
        "data/sources/delta.yml:1:1: error: data files must end in .yaml (rename it to delta.yaml)"
        in problems(data_dir)
    )
    assert "data/sources/notes.txt:1:1: warning: not a data file: ignored" in problems(data_dir)


def test_missing_data_folder(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as failure:
        load_model(tmp_path / "data", today=TODAY)
    assert [str(e) for e in failure.value.errors] == [
        f"data:1:1: error: data folder is missing (no folder {tmp_path / 'data'})"
    ]


def test_region_named_like_a_province(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path, {"regions/hebei.yaml": NORTH})
    assert errors(data_dir) == [
        "data/regions/hebei.yaml:1:1: error: region id 'hebei' is also a province id "
        "(the province is at data/provinces.yaml:8:9; rename the region file)"
    ]


def test_schema_comment_missing_or_wrong_warns(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(
        data_dir,
        "sources/beta.yaml",
        "# yaml-language-server: $schema=../../schemas/source.schema.json\n",
        "",
    )
    edit(data_dir, "regions/north.yaml", "region.schema.json", "source.schema.json")
    assert [str(w) for w in load(data_dir).warnings] == [
        "data/regions/north.yaml:1:1: warning: the schema comment points to "
        "'../../schemas/source.schema.json' (use '../../schemas/region.schema.json')",
        "data/sources/beta.yaml:1:1: warning: the file does not name its JSON Schema (add "
        "'# yaml-language-server: $schema=../../schemas/source.schema.json' as its first line)",
    ]


MUTATIONS = [
    "",
    "[]",
    "{}",
    "~",
    "-1",
    "1e400",
    "2023-02-30",
    "'x'",
    "!!binary aGVsbG8=",
    "[[], {}]",
    "{a: 1}",
    '"javascript:x"',
    "12:30:00",
    "&a x",
    "0x1F",
]


@pytest.mark.parametrize("name", ["sources/alpha.yaml", "sources/beta.yaml", "metrics.yaml"])
def test_no_mistake_gives_a_traceback(tmp_path: Path, name: str) -> None:
    """Replace every value in a file with junk, one at a time: only BuildError may come out."""
    data_dir = write_tree(tmp_path)
    original = (data_dir / name).read_text(encoding="utf-8")
    lines = original.splitlines()
    for index, line in enumerate(lines):
        key, colon, _ = line.partition(": ")
        variants = [f"{key}: {junk}" for junk in MUTATIONS] if colon else []
        variants += [line[: len(line) // 2], line + " ]", "\t" + line, ""]
        for variant in variants:
            text = "\n".join([*lines[:index], variant, *lines[index + 1 :]]) + "\n"
            (data_dir / name).write_text(text, encoding="utf-8")
            try:
                load(data_dir)
            except BuildError as failure:
                assert failure.errors
    (data_dir / name).write_text(original, encoding="utf-8")


def test_build_check_prints_errors_without_a_traceback(tmp_path: Path) -> None:
    if not (ROOT / "build.py").exists():
        pytest.fail("build.py is missing")
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", "metric: valid-invention-patents", "metric: valid-patent")
    edit(data_dir, "sources/beta.yaml", "title: Region", "title: [Region")
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.splitlines()
    where = at(data_dir, "sources/alpha.yaml", "valid-patent")
    assert (
        f"{where}: error: metric 'valid-patent' is not defined "
        "(did you mean 'valid-invention-patents'?)"
    ) in lines
    assert any(
        line.startswith("data/sources/beta.yaml:") and "invalid YAML" in line for line in lines
    )


def test_alpha_fixture_is_used_verbatim() -> None:
    assert ALPHA.startswith("# yaml-language-server: $schema=../../schemas/source.schema.json\n")


def test_an_unreadable_file_does_not_bury_the_editor_in_follow_on_errors(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "metrics.yaml", "metrics:", "metrics: [")
    edit(data_dir, "provinces.yaml", "provinces:", "provinces: {")
    edit(data_dir, "sources/alpha.yaml", "title: Centers", "title: [Centers")
    found = errors(data_dir)
    assert len(found) == 3, found
    assert [line.split(": error: ")[0].rsplit(":", 2)[0] for line in found] == [
        "data/metrics.yaml",
        "data/provinces.yaml",
        "data/sources/alpha.yaml",
    ]
    assert all(": error: invalid YAML: " in line for line in found)


def test_no_regions(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path, {"regions/north.yaml": None, "regions/northeast.yaml": None})
    edit(data_dir, "sources/alpha.yaml", "place: northeast", "place: liaoning")
    found = errors(data_dir)
    assert found[0] == "data/regions:1:1: error: there are no regions (add a file per region)"


def test_suggestions_among_thousands_of_ids() -> None:
    ids = [f"region-{n}-valid-invention-patents-{2000 + n % 25}" for n in range(5000)]
    suggester = Suggester(ids)
    assert suggester.hint("region-4321-valid-invention-patent-2021") == (
        "did you mean 'region-4321-valid-invention-patents-2021'?"
    )
    assert suggester.hint("zzzz") is None


GROWTH_ONLY = """
  - id: north-trademarks-growth-2024
    place: north
    metric: valid-invention-patents
    as_of: 2024-06
    growth: {percent: 10.5}
    quote: "Valid invention patents rose 10.5 percent."
"""


def test_a_growth_only_statement_is_a_fact_without_a_value(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", "\nmilestones:", GROWTH_ONLY + "\nmilestones:")
    fact = load(data_dir).model.facts["north-trademarks-growth-2024"]
    assert (fact.value, fact.growth.percent) == (None, 10.5)


def test_a_growth_only_quote_must_state_the_growth(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    wrong = GROWTH_ONLY.replace("rose 10.5 percent", "rose 12 percent")
    edit(data_dir, "sources/alpha.yaml", "\nmilestones:", wrong + "\nmilestones:")
    where = at(data_dir, "sources/alpha.yaml", 'quote: |"Valid invention patents rose')
    assert errors(data_dir) == [
        f"{where}: error: "
        "the quote does not state the growth of 10.5 percent (the quote states: 12 percent)"
    ]


def test_a_fact_needs_a_value_or_a_growth(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    neither = GROWTH_ONLY.replace("    growth: {percent: 10.5}\n", "")
    edit(data_dir, "sources/alpha.yaml", "\nmilestones:", neither + "\nmilestones:")
    assert errors(data_dir) == [
        f"{at(data_dir, 'sources/alpha.yaml', 'id: north-trademarks-growth-2024')}: error: "
        "missing required field 'value' (give the value, or 'growth' alone for a statement of "
        "change without a level)"
    ]
