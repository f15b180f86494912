"""Official tables: what check allows, and the baseline worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from datatree import at, edit, errors, load, problems, write_tree

from ipregions.baseline import derive_baseline
from ipregions.derive import derive
from ipregions.web.baseline_pages import press_sentence

NAME = "statistics/utility.yaml"
TABLE = """\
# yaml-language-server: $schema=../../schemas/statistic.schema.json
title: Patents in Force for Utility Model Originated from Home by Origin
publisher: CNIPA
edition: Yearbook 2022
table: "3-3"
url: https://example.org/c3.html
statistic: utility-models-in-force
statistic_label: Utility model patents in force
metric: valid-invention-patents
unit: patents
values_are: counts
time_basis: At the end of each year.
note: As printed.
years: [2017, 2021]
total: [160, 330]
total_includes: [Taiwan]
rows:
  - {place: beijing, values: [100, 200]}
  - {place: hebei, values: [40, 80]}
  - {place: liaoning, values: [10, 40]}
other_rows:
  - {label: Taiwan, values: [10, 10]}
  - {label: Shenzhen, values: [5, 6]}
"""
SUM_HINT = "check the rows; if the table itself does not add up, say why in total_note"


def tree(tmp_path: Path) -> Path:
    """Write the valid tree with one official table."""
    return write_tree(tmp_path, {NAME: TABLE})


def test_a_valid_table_loads(tmp_path: Path) -> None:
    data_dir = tree(tmp_path)
    assert problems(data_dir) == []
    table = load(data_dir).model.tables["utility"]
    assert [row.place_id for row in table.rows] == ["beijing", "hebei", "liaoning"]
    assert [row.label for row in table.other_rows] == ["Taiwan", "Shenzhen"]
    assert table.total == [160, 330] and table.total_includes == ["Taiwan"]


# (text to replace, replacement, where the error is, message after "error: ")
CASES = [
    pytest.param(
        "total: [160, 330]",
        "total: [161, 330]",
        "total: |[161",
        "the rows (the provinces, Taiwan) do not add up to the printed total: 2017: 160 against "
        f"161 ({SUM_HINT})",
        id="sum",
    ),
    pytest.param(
        "  - {place: liaoning, values: [10, 40]}\n",
        "",
        "rows:\n  |- {place: beijing",
        "no row for: liaoning (add each row as printed, or list the province under 'missing:' "
        "with why)",
        id="missing-province",
    ),
    pytest.param(
        "  - {place: hebei, values: [40, 80]}",
        "  - {place: beijing, values: [40, 80]}",
        "{place: |beijing, values: [40",
        "province 'beijing' has two rows in this table (first at line 18)",
        id="duplicate",
    ),
    pytest.param(
        "{place: hebei,",
        "{place: hebie,",
        "hebie",
        "province 'hebie' is not defined (did you mean 'hebei'?)",
        id="unknown-province",
    ),
    pytest.param(
        "[40, 80]",
        "[40.5, 80]",
        "40.5",
        "'hebei' has 40.5, but a count is a whole number (copy the number as printed; if it is "
        "not a count, set values_are: amounts)",
        id="fraction",
    ),
    pytest.param(
        "[40, 80]",
        "[-40, 80]",
        "-40",
        "'values' cannot be negative (-40)",
        id="negative",
    ),
    pytest.param(
        "[40, 80]",
        "[40]",
        "[40]",
        "'hebei' has 1 value for 2 years (give one value per year, in the order of 'years')",
        id="value-count",
    ),
    pytest.param(
        "total_includes: [Taiwan]",
        "total_includes: [Taiwn]",
        "Taiwn",
        "total_includes names 'Taiwn', which is not a row here (did you mean 'Taiwan'?)",
        id="total-includes",
    ),
    pytest.param(
        "years: [2017, 2021]",
        "years: [2021, 2017]",
        "years: |[2021",
        "years must be listed once each, in order",
        id="years-order",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "message"), CASES)
def test_rule(tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    data_dir = tree(tmp_path)
    edit(data_dir, NAME, old, new)
    assert f"{at(data_dir, NAME, needle)}: error: {message}" in errors(data_dir)


def test_a_stated_discrepancy_is_allowed_only_for_the_years_it_names(tmp_path: Path) -> None:
    data_dir = tree(tmp_path)
    edit(data_dir, NAME, "total: [160, 330]", "total: [161, 331]")
    note = "total_note: In 2017 the rows add up to one less than the printed total.\n"
    edit(data_dir, NAME, "\nrows:\n", "\n" + note + "rows:\n")
    # 2017 is explained; 2021 is not, so the build still stops.
    assert errors(data_dir) == [
        f"{at(data_dir, NAME, 'total: |[161')}: error: the rows (the provinces, Taiwan) do not "
        f"add up to the printed total: 2021: 330 against 331 ({SUM_HINT})"
    ]
    edit(data_dir, NAME, "In 2017 the", "In 2017 and 2021 the")
    assert problems(data_dir) == []


def test_an_absent_province_is_allowed_when_its_absence_is_stated(tmp_path: Path) -> None:
    data_dir = tree(tmp_path)
    edit(data_dir, NAME, "  - {place: liaoning, values: [10, 40]}\n", "")
    missing = "missing:\n  - {province: liaoning, why: Cut off in the copy we read.}\n"
    note = "total_note: Liaoning's row is cut off, so 2017 and 2021 add up to less.\n"
    edit(data_dir, NAME, "\nrows:\n", "\n" + note + missing + "rows:\n")
    assert problems(data_dir) == []
    assert load(data_dir).model.tables["utility"].missing == {
        "liaoning": "Cut off in the copy we read."
    }


def test_every_mistake_in_one_run(tmp_path: Path) -> None:
    data_dir = tree(tmp_path)
    edit(data_dir, NAME, "[40, 80]", "[40.5, 80]")
    edit(data_dir, NAME, "  - {place: liaoning, values: [10, 40]}\n", "")
    found = errors(data_dir)
    assert len(found) == 3  # the fraction, the missing row, the sum
    assert all(line.startswith("data/statistics/utility.yaml:") for line in found)


def test_baseline_worked_by_hand_with_a_partial_member(tmp_path: Path) -> None:
    model = load(tree(tmp_path)).model
    regions = sorted(model.regions.values(), key=lambda r: r.colour_index)
    baseline = derive_baseline(model, regions)
    item = baseline.tables[0]
    # National: the three provinces, not the printed total (which adds Taiwan).
    assert item.national == [150, 320]
    north = item.series_of("north")
    assert [(y.total, y.whole_total) for y in north.years] == [(140, None), (280, None)]
    assert round(north.years[0].share, 4) == 93.3333  # 140 / 150
    assert north.overall.percent == 100.0  # 140 to 280
    assert round(north.overall.yearly_percent, 2) == 18.92  # 2 ** (1 / 4) - 1
    # Northeast: Liaoning whole, Hebei only in part; Hebei is never counted silently.
    northeast = item.series_of("northeast")
    assert [m.province.id for m in northeast.partial] == ["hebei"]
    assert [(y.total, y.whole_total) for y in northeast.years] == [(10, 50), (40, 120)]
    assert round(northeast.years[0].share, 2) == 6.67  # 10 / 150
    assert round(northeast.years[0].whole_share, 2) == 33.33  # 50 / 150
    assert round(northeast.overall.yearly_percent, 2) == 41.42  # 4 ** (1 / 4) - 1
    assert round(northeast.whole_overall.yearly_percent, 2) == 24.47  # 2.4 ** (1 / 4) - 1


def test_press_figures_beside_the_nearest_official_figure(tmp_path: Path) -> None:
    model = load(tree(tmp_path)).model
    press = derive(model).baseline.press
    assert press_sentence(press["north-valid-invention-patents-2024-06"], model) == (
        "The nearest official figure is from 2021: 280 patents for North China (Yearbook 2022, "
        "table 3-3). That is about 2 years before the press figure (618,000, as of June 2024 "
        "(year inferred)). The two are not comparable as a trend and are not joined into one "
        "series."
    )
    province = press["hebei-support-centres-2024"]
    assert (province.official, province.whole_official, province.year) == (80, None, 2021)


def test_open_data_exports_rows_and_region_aggregates(tmp_path: Path) -> None:
    import csv
    import io

    from test_export import CONFIG, UPDATED

    from ipregions.inputs.schemas import schema_files
    from ipregions.web.open_data import open_data_files

    files = open_data_files(load(tree(tmp_path)).model, schema_files(), CONFIG, UPDATED)
    rows = list(csv.DictReader(io.StringIO(files["statistics.csv"].decode())))
    assert rows[0] == {
        "table_id": "utility",
        "statistic": "utility-models-in-force",
        "statistic_label": "Utility model patents in force",
        "province": "beijing",
        "row_label": "Beijing",
        "mainland": "yes",
        "year": "2017",
        "as_of": "2017",
        "value": "100",
        "unit": "patents",
        "table": "CNIPA, Yearbook 2022, table 3-3",
        "url": "https://example.org/c3.html",
    }
    assert len(rows) == 5 * 2  # three provinces and two rows printed apart, two years
    aggregates = list(csv.DictReader(io.StringIO(files["region-aggregates.csv"].decode())))
    northeast = [a for a in aggregates if a["region_id"] == "northeast"]
    assert [
        (a["year"], a["total"], a["total_counting_partial_members_whole"], a["partial_members"])
        for a in northeast
    ] == [("2017", "10", "50", "hebei"), ("2021", "40", "120", "hebei")]
    assert northeast[0]["national_total"] == "150" and northeast[0]["share_percent"] == "6.6667"
