"""Ten regions added as YAML only: the site names, colours, maps, tables and counts them all.

The project is built once by the ``many_regions_site`` fixture (conftest.py, many_regions.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SiteServer

from ipregions.derive import derive
from ipregions.inputs.config import load_config
from ipregions.inputs.validation import load_model
from ipregions.model.colours import REGION_COLOURS
from ipregions.web.pages import metric_page, region_page
from ipregions.web.site import Site

TEN = 10


def parsed(folder: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((folder / page).read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    """Return an element's text with its whitespace collapsed."""
    return " ".join(element.get_text().split())


def test_the_fixture_has_ten_regions_with_distinct_lasting_colours(many_regions_site) -> None:
    model = load_model(many_regions_site.project / "data").model
    assert len(model.regions) == TEN
    names = list(REGION_COLOURS)
    colours = {region.id: names[region.colour_index] for region in model.regions.values()}
    assert len(set(colours.values())) == TEN
    # The three original regions keep the colours they always had.
    assert [colours[r] for r in ("beijing-tianjin-hebei", "central-china", "northeast-china")] == [
        "blue",
        "vermilion",
        "green",
    ]
    home = parsed(many_regions_site.site.folder, "index.html")
    cards = {card.h3.a.get_text(strip=True): card["class"] for card in home.select(".cards li")}
    assert len(cards) == TEN
    assert len({classes[-1] for classes in cards.values()}) == TEN


def test_the_home_page_names_every_region_that_reported_a_figure(many_regions_site) -> None:
    home = parsed(many_regions_site.site.folder, "index.html")
    # The figures refer to different dates, so the headline does not rank them.
    assert words(home.h1) == (
        "Growth in valid invention patents, year on year, as each region reported it"
    )
    lede = words(home.select_one(".lede"))
    for sentence in (
        "Northwest China reported 98,000 patents as of April 2025: more than 30% year on year.",
        "Southwest China stated valid invention patents up 12% year on year as of April 2025, "
        "without a level.",
        "Pearl River Delta reported 560,000 patents as of April 2025 but no growth rate.",
        "Beibu Gulf, Beijing-Tianjin-Hebei, Bohai Rim and North China reported no region-wide "
        "figure on this measure.",
    ):
        assert sentence in lede
    named = [name for name in re.findall(r"[A-Z][\w-]+(?: [A-Z][\w-]+)*", lede)]
    regions = load_model(many_regions_site.project / "data").model.regions.values()
    assert {r.name for r in regions} <= set(named) | {"Beibu Gulf"}


def test_no_template_or_page_hard_codes_how_many_regions_there_are() -> None:
    pattern = re.compile(r"\b(three|four|3|4) regions\b|\bthe three\b", re.I)
    for folder in ("templates", "content"):
        for file in sorted((ROOT / folder).rglob("*")):
            if file.is_file():
                assert not pattern.search(file.read_text(encoding="utf-8")), file


def test_region_pages_say_when_a_member_is_in_another_region_too(many_regions_site) -> None:
    folder = many_regions_site.site.folder
    central = parsed(folder, "regions/central-china/index.html")
    also = {
        li["id"]: words(note) if (note := li.select_one(".also-in")) else None
        for li in central.select(".members li")
    }
    assert also["anhui-member"] == "Also in Yangtze River Delta."
    assert also["shanxi-member"] == "Also in North China."
    assert also["henan-member"] is None  # Henan is in one region only
    north = parsed(folder, "regions/north-china/index.html")
    mongolia = words(north.find(id="inner-mongolia-member"))
    assert mongolia.endswith("Also in Northeast China (eastern part).")


def test_the_map_shows_every_membership_and_counts_right(many_regions_site) -> None:
    home = parsed(many_regions_site.site.folder, "index.html")
    text = words(home.find(id="chart-regions-map"))
    assert (
        "The site compares 10 regions covering 32 provincial-level divisions, 1 of them only in "
        "part and 5 in more than one region." in text
    )
    assert "Inner Mongolia belongs to North China and Northeast China (eastern part)." in text
    assert "Anhui belongs to Central China and Yangtze River Delta." in text


def test_money_and_growth_only_figures_read_as_printed(many_regions_site) -> None:
    folder = many_regions_site.site.folder
    money = words(parsed(folder, "facts/yrd-losses-recovered-2024/index.html").main)
    assert "186.26 billion yuan" in money and "186260" not in money
    dollars = parsed(folder, "facts/yrd-technology-trade-2024/index.html")
    assert "$26.05 billion" in words(dollars.main)
    growth = parsed(folder, "facts/north-china-trademarks-growth-2025-04/index.html")
    assert "up 10.5% year on year" in words(growth.main)
    compare = parsed(folder, "compare/index.html")
    header = [words(th) for th in compare.select("table.compare thead th")]
    assert len(header) == TEN + 1
    trademarks = next(
        row
        for row in compare.select("table.compare tbody tr")
        if words(row.th).startswith("Valid registered trademarks")
    )
    cell = trademarks.find("td", attrs={"data-label": "North China"})
    assert words(cell) == (
        "No level reported; only a change. up 10.5% year on year as of April 2025 "
        "Source: Test Daily"
    )


def test_counts_agree_with_their_nouns_on_social_cards(many_regions_site) -> None:
    project = many_regions_site.project
    model = load_model(project / "data").model
    derived = derive(model)
    site = Site(model, derived, load_config(project), {}, [], {})
    card = region_page(model.regions["north-china"], site, []).social
    assert card.detail == "2 provincial-level divisions · 1 figure · 1 source"
    card = metric_page(model.metrics["technology-trade-value"], site, []).social
    assert card.detail == "1 region reports it"


# ---------------------------------------------------------------- in Chromium

COMPARE_LAYOUT = """() => {
  const box = (element) => element.getBoundingClientRect();
  const scroller = document.querySelector("table.compare").closest(".table-scroll");
  const first = document.querySelector("table.compare tbody th");
  const cells = [...document.querySelectorAll("table.compare tbody tr:first-child td")];
  return {
    page: document.documentElement.scrollWidth,
    scrollable: scroller.scrollWidth - scroller.clientWidth,
    scrollerLeft: box(scroller).left,
    firstLeft: box(first).left,
    firstRight: box(first).right,
    cellWidths: cells.map((cell) => box(cell).width),
    cellsRight: Math.max(...cells.map((cell) => box(cell).right)),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_the_compare_table_reads_with_ten_regions(
    open_context, many_regions_server: SiteServer, width: int
) -> None:
    tab = open_context(many_regions_server, width=width)
    page = tab.open(many_regions_server.url("compare/index.html"))
    before = page.evaluate(COMPARE_LAYOUT)
    assert before["page"] <= width  # the page itself never scrolls sideways
    assert len(before["cellWidths"]) == TEN
    assert min(before["cellWidths"]) >= 150  # no squeezed column
    if width == 375:
        # One block per measure, each region a full-width entry in it: nothing to scroll.
        assert before["scrollable"] == 0
        assert before["cellsRight"] <= width
    else:
        assert before["scrollable"] > 0
        assert page.locator("#compare-hint").is_visible()
        page.locator(".table-scroll:has(table.compare)").evaluate(
            "element => { element.scrollLeft = 100000; }"
        )
        after = page.evaluate(COMPARE_LAYOUT)
        # The measure column stays in view while the regions scroll under it.
        assert after["firstLeft"] == pytest.approx(before["scrollerLeft"], abs=1)
        assert after["firstRight"] == pytest.approx(before["firstRight"], abs=1)
        last = page.locator("table.compare thead th").last
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= width
    assert tab.take_problems() == []
