"""Open every page type in real Chromium, from a real server under a sub-path, and photograph it.

Screenshots go to test-output/screenshots/ (not committed): look at them after a change. The
server, the browser and the guard that refuses and reports every request off the server, every
console error and every failed response come from conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipregions.derive import Derived, derive
from ipregions.inputs.validation import load_model
from ipregions.model import Model

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = (375, 1280)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages_by_type() -> dict[str, str]:
    model = load_model(ROOT / "data").model
    return page_types(model, derive(model))


def page_types(model: Model, derived: Derived) -> dict[str, str]:
    """Return one address of each page type (relative to the site root) by the type's name."""
    region = max(model.regions.values(), key=lambda r: (len(derived.facts_by_region[r.id]), r.id))
    metric = max(derived.comparisons.values(), key=lambda c: (len(c.reported), c.metric.id)).metric
    source = max(
        model.sources.values(), key=lambda s: (len(derived.facts_by_source.get(s.id, [])), s.id)
    )
    fact = max(
        model.facts.values(),
        key=lambda f: (
            len(f.citations),
            f.growth is not None,
            bool(f.reference_date.inferred),
            f.id,
        ),
    )
    return {
        "home": "",
        "regions": "regions/",
        "region": f"regions/{region.id}/",
        "metrics": "metrics/",
        "metric": f"metrics/{metric.id}/",
        "compare": "compare/",
        "sources": "sources/",
        "source": f"sources/{source.id}/",
        "facts": "facts/",
        "fact": f"facts/{fact.id}/",
        "methodology": "methodology/",
        "about": "about/",
        "data": "data/",
        "search": "search/?q=patents",
        "404": "no/such/page/",
    }


def address(site_server, path: str) -> str:
    """Return the full address of a path relative to the site root."""
    return site_server.origin + site_server.site.base_path + path


def visit(tab, site_server, name: str, path: str):
    """Open one page type; the 404 page's own status is expected, and Chromium logs it."""
    url = address(site_server, path)
    if name != "404":
        return tab.open(url)
    page = tab.open(url, status=404)
    expected = "the server responded with a status of 404"
    assert [p for p in tab.take_problems() if not (url in p and expected in p)] == []
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_renders_cleanly(
    pages_by_type: dict[str, str], site_server, open_context, width: int, scheme: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = open_context(site_server, width=width, color_scheme=scheme)
    for name, path in pages_by_type.items():
        page = visit(tab, site_server, name, path)
        if name == "search":
            page.locator("#search-results li").first.wait_for()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{path} is {wide} px wide at {width} px"
        assert page.locator("h1").count() == 1
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    assert tab.take_problems() == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_with_ten_regions_renders_cleanly(
    many_regions_site, many_regions_server, open_context, width: int
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    model = load_model(many_regions_site.project / "data").model
    pages = page_types(model, derive(model))
    pages["region"] = "regions/central-china/"  # members shared with other regions
    tab = open_context(many_regions_server, width=width)
    for name, path in pages.items():
        page = visit(tab, many_regions_server, name, path)
        if name == "search":
            page.locator("#search-results li").first.wait_for()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{path} is {wide} px wide at {width} px"
        assert page.locator("h1").count() == 1
        page.screenshot(path=str(SCREENSHOTS / f"ten-regions-{name}-{width}.png"), full_page=True)
    assert tab.take_problems() == []


def test_nothing_is_wider_than_a_320_pixel_phone(
    pages_by_type: dict[str, str], site_server, open_context
) -> None:
    tab = open_context(site_server, width=320)
    for name, path in pages_by_type.items():
        page = visit(tab, site_server, name, path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{path} is {wide} px wide"
    assert tab.take_problems() == []


def test_search_finds_figures_with_the_content_security_policy(site_server, open_context) -> None:
    tab = open_context(site_server)
    page = tab.open(address(site_server, "search/"))
    assert page.locator("#search-needs-js").is_hidden()
    page.get_by_label("Search figures, regions, measures and sources").fill("trademarks")
    first = page.locator("#search-results li a").first
    first.wait_for()
    assert "result" in page.locator("#search-status").inner_text()
    assert "q=trademarks" in page.url
    with page.expect_navigation():
        first.click()
    assert page.url.startswith(address(site_server, ""))
    assert page.locator("h1").count() == 1
    assert tab.take_problems() == []


@pytest.mark.parametrize("width", WIDTHS)
def test_showing_the_search_form_does_not_move_the_page(
    site_server, open_context, width: int
) -> None:
    tops = {}
    for javascript in (False, True):
        tab = open_context(site_server, width=width, javascript=javascript)
        page = tab.open(address(site_server, "search/"))
        if javascript:
            page.locator("#search-form").wait_for(state="visible")
        tops[javascript] = page.locator("#search-status").bounding_box()["y"]
        assert tab.take_problems() == []
    assert tops[True] == tops[False], f"the results move {tops[True] - tops[False]} px"


def test_results_start_right_below_the_search_form(site_server, open_context) -> None:
    tab = open_context(site_server, width=320)
    page = tab.open(address(site_server, "search/?q=patents"))
    page.locator("#search-results li").first.wait_for()
    form = page.locator("#search-form").bounding_box()
    status = page.locator("#search-status").bounding_box()
    assert status["y"] - (form["y"] + form["height"]) < 48, "a gap between the form and results"
    assert tab.take_problems() == []


def test_pages_work_without_javascript(site_server, open_context) -> None:
    tab = open_context(site_server, width=375, javascript=False)
    page = tab.open(address(site_server, "search/"))
    assert page.locator("#search-needs-js").is_visible()
    assert page.locator("#search-form").is_hidden()
    page = tab.open(address(site_server, ""))
    figure = page.locator("main a[data-fact]").first
    target = figure.get_attribute("href")
    page = tab.open(page.url + target)
    assert "/facts/" in page.url and page.locator("blockquote").first.is_visible()
    assert tab.take_problems() == []


def test_skip_link_appears_on_focus_and_moves_to_the_content(site_server, open_context) -> None:
    tab = open_context(site_server, width=375)
    page = tab.open(address(site_server, "compare/"))
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] < 0  # out of sight until focused
    page.keyboard.press("Tab")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert tab.take_problems() == []
