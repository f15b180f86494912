"""Whatever an editor pastes into the YAML or the Markdown shows as text and never runs.

The injection site (conftest.injection_site, written by injection.py) holds script and HTML
payloads in every text field. Its pages must contain no element a payload made, show the
payloads as text, evaluate no template syntax, and open no dialog in a real browser. Addresses
with javascript: and data: are refused at check (data) and at build (settings and prose).
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, InjectionSite, copy_project
from injection import TEMPLATE_RESULT, TEMPLATE_SYNTAX, payload, unsafe_address

from ipregions.inputs.values import encode_url

SCRIPT_DATA_BLOCKS = {"application/json", "application/ld+json"}
UNSAFE_ADDRESS = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
UNSAFE_ADDRESSES = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(document.domain)",
    "java\tscript:alert(document.domain)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(document.domain)",
    "//xss.invalid/protocol-relative",
]


def normal(text: str) -> str:
    """Return text with runs of whitespace made single spaces."""
    return " ".join(text.split())


def injected_elements(soup: BeautifulSoup) -> list[str]:
    """Return every element or attribute in a parsed page that a payload could have made."""
    found = [f"element made by a payload: {str(tag)[:100]}" for tag in soup.select("[data-xss]")]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"event handler <{tag.name} {name}={value!r:.60}>")
            if name.lower() in ADDRESS_ATTRIBUTES and UNSAFE_ADDRESS.match(str(value)):
                found.append(f"unsafe address <{tag.name} {name}={value!r:.60}>")
        if tag.name in ("iframe", "object", "embed", "frame"):
            found.append(f"<{tag.name}> on the page")
    for script in soup.find_all("script"):
        if not script.get("src") and (script.get("type") or "") not in SCRIPT_DATA_BLOCKS:
            found.append(f"inline script: {str(script)[:100]}")
    return found


def page_soups(injection_site: InjectionSite) -> dict[str, BeautifulSoup]:
    """Return every page of the injection site, parsed."""
    site = injection_site.site
    return {
        page: BeautifulSoup((site.folder / page).read_bytes(), "html.parser") for page in site.pages
    }


@pytest.fixture(scope="module")
def soups(injection_site: InjectionSite) -> dict[str, BeautifulSoup]:
    return page_soups(injection_site)


def test_payloads_reach_every_kind_of_file_and_the_site_builds(injection_site):
    places = " ".join(injection_site.markers.values())
    for kind in ("provinces.yaml", "metrics.yaml", "regions/", "sources/", "content/", "site.yaml"):
        assert kind in places
    assert len(injection_site.markers) > 100
    assert len(injection_site.site.pages) > 10


def test_no_page_holds_an_element_or_handler_a_payload_made(soups):
    found = [
        f"{page}: {problem}" for page, soup in soups.items() for problem in injected_elements(soup)
    ]
    assert not found, "\n".join(found)


def test_every_payload_shown_is_shown_whole_as_text(injection_site, soups):
    """A payload a page shows must be there in full, as text (or as an attribute's value)."""
    texts = [normal(soup.get_text(" ")) for soup in soups.values()]
    attributes = [
        normal(str(value))
        for soup in soups.values()
        for tag in soup.find_all(True)
        for value in tag.attrs.values()
    ]
    mangled, shown_kinds = [], set()
    for marker, where in injection_site.markers.items():
        if where.endswith("Markdown"):  # typographic quotes replace straight ones in prose
            expected = ["<script data-xss>alert(", f"raw block {marker}</div>", "<iframe data-xss"]
        elif where.endswith("url"):  # characters no URL may hold arrive percent-encoded
            expected = [encode_url(unsafe_address(marker))]
        else:
            expected = [normal(payload(marker))]
        in_text = [text for text in texts if marker in text]
        in_attributes = [value for value in attributes if marker in value]
        if not in_text and not in_attributes:
            continue  # a field the site does not show, such as a province no region includes
        if any(all(part in text for part in expected) for text in in_text + in_attributes):
            shown_kinds.add(re.sub(r"[\[.:].*", "", where.replace("data/", "").split("/")[0]))
        else:
            mangled.append(f"{where}: payload {marker} is shown, but not whole as text")
    assert not mangled, "\n".join(mangled)
    assert shown_kinds >= {"provinces", "metrics", "regions", "sources", "content", "site"}


def test_template_syntax_in_the_data_is_not_evaluated(injection_site, soups):
    evaluated = [
        path.relative_to(injection_site.site.folder).as_posix()
        for path in sorted(injection_site.site.folder.rglob("*"))
        if path.is_file()
        and path.suffix in (".html", ".svg", ".xml", ".json", ".csv", ".txt")
        and TEMPLATE_RESULT in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert not evaluated, "\n".join(evaluated)
    shown = sum(TEMPLATE_SYNTAX in normal(soup.get_text(" ")) for soup in soups.values())
    assert shown > 10


def test_right_to_left_and_zero_width_characters_are_kept_as_text(soups):
    text = "".join(soup.get_text() for soup in soups.values())
    for character in ("\u202e", "\u202c", "\u2067", "\u2069", "\u200b", "\u200d"):
        assert character in text


def test_charts_and_feed_hold_payloads_only_as_text(injection_site):
    folder = injection_site.site.folder
    found = []
    for svg in sorted(folder.rglob("*.svg")):
        root = ElementTree.parse(svg).getroot()  # not XML would raise here
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            names = {name.rsplit("}", 1)[-1].lower() for name in element.attrib}
            if tag in ("script", "foreignObject") or "data-xss" in names:
                found.append(f"{svg.name}: <{tag}>")
            found += [f"{svg.name}: <{tag} {name}>" for name in names if name.startswith("on")]
    feed = ElementTree.parse(folder / "feed.xml").getroot()
    for element in feed.iter():
        if element.get("type") == "html" and element.text:
            html = BeautifulSoup(element.text, "html.parser")
            found += [f"feed.xml <{element.tag}>: {p}" for p in injected_elements(html)]
        if element.get("type") == "xhtml":
            found += [f"feed.xml: {e.tag}" for e in element.iter() if e.get("data-xss") is not None]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(open_context, injection_server):
    browsing = open_context(injection_server)
    failures = []
    for page_file in injection_server.site.pages:
        page = browsing.open(injection_server.url(page_file))
        made = page.locator("[data-xss]").count()
        if made:
            failures.append(f"{page_file}: {made} elements made by payloads in the live page")
        failures += [f"{page_file}: {problem}" for problem in browsing.take_problems()]
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_search_results_show_payloads_as_text(open_context, injection_server):
    browsing = open_context(injection_server)
    page = browsing.open(injection_server.url("search/index.html"))
    page.locator("#search-input").fill("script")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert results.count() > 0
    assert page.locator("[data-xss]").count() == 0
    assert "xss" in page.locator("#search-results").inner_text()
    assert browsing.take_problems() == []


# ---------------------------------------------------------------- unsafe addresses refused


def run_build(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run build.py on a project as an editor does."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def first_source(project: Path) -> Path:
    return sorted((project / "data" / "sources").glob("*.yaml"))[0]


@pytest.mark.parametrize("address", UNSAFE_ADDRESSES)
def test_check_refuses_unsafe_addresses_in_the_data(tmp_path, address):
    project = copy_project(tmp_path)
    source = first_source(project)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["original"]["url"] = address
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(
        number
        for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
        if text.strip().startswith("url:")
    )
    checked = run_build(project, "check")
    assert checked.returncode == 1, checked.stdout
    relative = source.relative_to(project).as_posix()
    assert re.search(
        rf"^{re.escape(relative)}:{line}:\d+: error: url '.*' is not a web address",
        checked.stderr,
        re.M,
    ), checked.stderr
    built = run_build(project, "--out", str(tmp_path / "site"))
    assert built.returncode == 1 and not (tmp_path / "site").exists()


def add_links(project: Path, address: str) -> tuple[Path, int]:
    """Append an inline link, an image and a reference link to address to a prose page."""
    page = sorted((project / "content").glob("*.md"))[0]
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(
        f"{text}\n\n[Read more]({address})\n\n![picture]({address})\n\n"
        f"[by reference][unsafe]\n\n[unsafe]: {address}\n",
        encoding="utf-8",
    )
    return page, text.count("\n") + 1


@pytest.mark.parametrize("address", [a for a in UNSAFE_ADDRESSES if ":" in a and "\t" not in a])
def test_build_refuses_unsafe_links_in_prose(tmp_path, address):
    project = copy_project(tmp_path)
    page, lines = add_links(project, address)
    built = run_build(project, "--out", str(tmp_path / "site"))
    assert built.returncode == 1, built.stdout
    relative = page.relative_to(project).as_posix()
    reported = re.findall(
        rf"^{re.escape(relative)}:(\d+):\d+: error: link '.*' is not allowed", built.stderr, re.M
    )
    assert len(reported) == 3, built.stderr
    assert all(int(line) > lines for line in reported), built.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "address",
    [
        "&#106;avascript:alert(document.domain)",
        "<javascript:alert(document.domain)>",
        "java\tscript:x",
    ],
)
def test_disguised_links_in_prose_are_refused_or_inert(tmp_path, address):
    project = copy_project(tmp_path)
    page, _ = add_links(project, address)
    built = run_build(project, "--out", str(tmp_path / "site"))
    if built.returncode != 0:
        assert f"{page.relative_to(project).as_posix()}:" in built.stderr
        assert not (tmp_path / "site").exists()
        return
    html = (tmp_path / "site" / page.stem / "index.html").read_bytes()
    assert injected_elements(BeautifulSoup(html, "html.parser")) == []


def test_build_refuses_an_unsafe_licence_address(tmp_path):
    project = copy_project(tmp_path)
    settings = project / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        re.sub(r"(?m)^(\s+url:).*$", r"\1 javascript:alert(document.domain)", text),
        encoding="utf-8",
    )
    built = run_build(project, "--out", str(tmp_path / "site"))
    assert built.returncode == 1
    assert re.search(
        r"^site\.yaml:\d+:\d+: error: licence url must start with http", built.stderr, re.M
    )
    assert not (tmp_path / "site").exists()
