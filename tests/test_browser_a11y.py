"""Every page in real Chromium, as phones and desktops, light and dark, with and without script.

axe-core (bundled by axe-playwright-python, so nothing is fetched) must find no violation of
WCAG 2.1 A or AA, and the browser must see no request off the test server, no console error,
no uncaught error, no failed resource and no dialog.
"""

from __future__ import annotations

import itertools

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from conftest import SCHEMES, WIDTHS
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser

WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_A_AA}, "resultTypes": ["violations"]}
# The longest file of the suite: each width with or without script is a group of its own for
# pytest-xdist (two colour schemes each), and so is each ten-region sweep.
COMBINATIONS = [
    pytest.param(
        width,
        scheme,
        javascript,
        id=f"{width}px-{scheme}-{'js' if javascript else 'nojs'}",
        marks=pytest.mark.xdist_group(f"test_browser_a11y-{width}px-{javascript}"),
    )
    for width, scheme, javascript in itertools.product(WIDTHS, SCHEMES, (True, False))
]
TEN_REGION_COMBINATIONS = [
    pytest.param(
        width,
        scheme,
        id=f"{width}px-{scheme}",
        marks=pytest.mark.xdist_group(f"test_browser_a11y-ten-regions-{width}px"),
    )
    for width, scheme in [(375, "light"), (1280, "dark")]
]


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page and return its WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        "options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS
    )


def describe(violation: dict) -> str:
    """Return one violation as lines a person can act on: rule, help, every element."""
    lines = [f"  {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:10]:
        summary = node.get("failureSummary", "").replace("\n", " ")
        lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        lines.append(f"      {summary[:300]}")
    if len(violation["nodes"]) > 10:
        lines.append(f"    ... and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


def sweep(browsing, server) -> list[str]:
    """Open every page the server serves and return each page's violations and problems."""
    failures: list[str] = []
    for page_file in server.site.pages:
        page = browsing.open(server.url(page_file))  # scripted pages have settled
        violations = axe_violations(page)
        problems = browsing.take_problems()
        if violations or problems:
            failures.append(f"{page_file} [{browsing}]")
            failures.extend(describe(violation) for violation in violations)
            failures.extend(f"  {problem}" for problem in problems)
    return failures


@pytest.mark.parametrize(("width", "scheme", "javascript"), COMBINATIONS)
def test_every_page_is_accessible(open_context, site_server, width, scheme, javascript):
    browsing = open_context(site_server, width=width, color_scheme=scheme, javascript=javascript)
    failures = sweep(browsing, site_server)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("width", "scheme"), TEN_REGION_COMBINATIONS)
def test_every_page_with_ten_regions_is_accessible(
    open_context, many_regions_server, width, scheme
):
    browsing = open_context(many_regions_server, width=width, color_scheme=scheme)
    failures = sweep(browsing, many_regions_server)
    assert not failures, "\n".join(failures)


BREAK_PAGE = """() => {
  document.documentElement.removeAttribute("lang");
  const image = document.createElement("img");
  image.src = "https://cdn.example/tracker.png";
  document.querySelector("main").append(image);
  document.styleSheets[0].insertRule("main p { color: #bbb !important; }");
  setTimeout(() => { throw new Error("broken on purpose"); });
  alert("injected");
}"""
SCRIPTS_LOADED = """() => performance.getEntriesByType("resource")
  .filter((entry) => entry.name.endsWith(".js")).length"""


def test_axe_and_the_browser_guard_report_a_broken_page(open_context, site_server):
    """Break a page in the browser: axe and the guard must report each fault by name."""
    browsing = open_context(site_server)
    page = browsing.open(site_server.url("about/index.html"))
    assert axe_violations(page) == [] and browsing.take_problems() == []
    page.evaluate(BREAK_PAGE)
    page.wait_for_timeout(200)  # let the thrown error and the image request arrive
    rules = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= rules
    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://cdn.example/page.html")
    problems = "\n".join(browsing.take_problems())
    assert "Loading the image 'https://cdn.example/tracker.png' violates" in problems  # the CSP
    assert "request outside the test server refused: https://cdn.example/page.html" in problems
    assert "dialog alert opened: 'injected'" in problems
    assert "uncaught on" in problems and "broken on purpose" in problems


def test_pages_opened_without_javascript_run_none_of_their_scripts(open_context, site_server):
    with_script = open_context(site_server, javascript=True)
    without_script = open_context(site_server, javascript=False)
    home = site_server.url("index.html")
    assert with_script.open(home).evaluate(SCRIPTS_LOADED) > 0
    assert without_script.open(home).evaluate(SCRIPTS_LOADED) == 0
    assert without_script.page.evaluate("typeof axe") == "undefined"  # yet the test can evaluate
