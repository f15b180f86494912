"""Every internal link, resource and #anchor of every page resolves; every fact has its page."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import ROOT, BuiltSite, copy_project

# (element, attribute) pairs that hold an address; srcset-like ones hold several.
URL_ATTRIBUTES = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("button", "formaction"),
    ("input", "formaction"),
    ("blockquote", "cite"),
    ("q", "cite"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
)
SRCSET_ATTRIBUTES = (("img", "srcset"), ("source", "srcset"))
# <meta> whose content is an address of this site: social cards.
URL_METAS = ("og:url", "og:image", "twitter:image")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)['\"]")


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    """Return a page parsed once."""
    return BeautifulSoup(path.read_bytes(), "html.parser")


@functools.cache
def anchors_of(path: Path) -> frozenset[str]:
    """Return the ids (and <a name>s) a page offers as #fragments."""
    soup = parsed(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def page_address(site: BuiltSite, page: str) -> str:
    """Return the address a page is read at on the configured host."""
    return urljoin(site.base_url, site.url_path(page).removeprefix(site.base_path))


def links_of(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Return every (what, address) a page holds: links, resources, forms, social cards."""
    found: list[tuple[str, str]] = []
    for tag_name, attribute in URL_ATTRIBUTES:
        for tag in soup.find_all(tag_name, attrs={attribute: True}):
            found.append((f"<{tag_name} {attribute}>", tag[attribute]))
    for tag_name, attribute in SRCSET_ATTRIBUTES:
        for tag in soup.find_all(tag_name, attrs={attribute: True}):
            for candidate in tag[attribute].split(","):
                if candidate.strip():
                    found.append((f"<{tag_name} {attribute}>", candidate.split()[0]))
    for tag in soup.find_all("meta", attrs={"property": URL_METAS}):
        found.append((f"<meta {tag['property']}>", tag.get("content", "")))
    for tag in soup.find_all("meta", attrs={"name": URL_METAS}):
        found.append((f"<meta {tag['name']}>", tag.get("content", "")))
    return found


def problem_with(
    site: BuiltSite, source: str, address: str, page: Path | None = None
) -> str | None:
    """Return what is wrong with one address found at source (the page's address), or None."""
    stripped = re.sub(r"[\x00-\x20]", "", address)
    scheme = urlsplit(stripped).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return f"unsafe address scheme {scheme}:"
    if address.startswith("#") and page is not None:  # this very document, wherever it is served
        fragment = unquote(address[1:])
        if fragment in ("", "top") or fragment in anchors_of(page):
            return None
        return f"no element with id '{fragment}' on this page"
    target = urljoin(source, address)
    parts = urlsplit(target)
    if parts.scheme in ("mailto", "tel"):
        return None
    if not parts.netloc:
        return "not a usable address"
    if not target.startswith(site.base_url):
        base = urlsplit(site.base_url)
        if parts.netloc == base.netloc:
            return f"points outside the site's base path {site.base_path}"
        return None  # another site: not fetched in tests (no network)
    relative = unquote(parts.path.removeprefix(urlsplit(site.base_url).path))
    file = site.folder / relative
    if relative == "" or relative.endswith("/"):
        file = file / "index.html"
    elif file.is_dir():
        return "names a folder without the closing '/' (a redirect on most hosts)"
    if ".." in Path(relative).parts or not file.is_file():
        return "no such file in the built site"
    if parts.fragment and file.suffix == ".html":
        fragment = unquote(parts.fragment)
        if fragment != "top" and fragment not in anchors_of(file):
            return f"no element with id '{fragment}' on {file.relative_to(site.folder)}"
    return None


def broken_links(site: BuiltSite) -> list[str]:
    """Return one line per broken link, resource or anchor on any page of the site."""
    broken = []
    for page in site.pages:
        source = page_address(site, page)
        if page == "404.html":  # served at any missing address: its links start at the base
            source = site.base_url + "no/such/page/"
        for what, address in links_of(parsed(site.folder / page)):
            problem = problem_with(site, source, address, site.folder / page)
            if problem:
                broken.append(f"{page}: {what} {address!r}: {problem}")
    return broken


def test_every_link_resource_and_anchor_resolves(real_site):
    assert len(real_site.pages) > 10
    problems = broken_links(real_site)
    assert not problems, "\n".join(problems)


def test_every_link_resolves_with_ten_regions(many_regions_site):
    problems = broken_links(many_regions_site.site)
    assert not problems, "\n".join(problems)


def test_every_stylesheet_reference_resolves(real_site):
    broken = []
    for sheet in sorted(real_site.folder.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        for address in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if address.startswith(("data:", "#")):
                continue
            relative = sheet.relative_to(real_site.folder).as_posix()
            problem = problem_with(real_site, real_site.base_url + relative, address)
            if problem:
                broken.append(f"{relative}: url({address}): {problem}")
    assert not broken, "\n".join(broken)


def test_every_fact_has_its_permalink_page_linked_from_the_site(real_site):
    from ipregions.inputs.validation import load_model

    facts = load_model(ROOT / "data").model.facts
    assert facts
    linked_from: dict[str, set[str]] = {}
    for page in real_site.pages:
        source = page_address(real_site, page)
        for what, address in links_of(parsed(real_site.folder / page)):
            if what == "<a href>":
                linked_from.setdefault(urljoin(source, address).split("#")[0], set()).add(source)
    missing, unlinked = [], []
    for fact_id in sorted(facts):
        page = f"facts/{fact_id}/index.html"
        address = real_site.base_url + f"facts/{fact_id}/"
        if not (real_site.folder / page).is_file():
            missing.append(page)
            continue
        canonical = parsed(real_site.folder / page).find("link", rel="canonical")
        if canonical is None or canonical.get("href") != address:
            missing.append(f"{page} has no canonical link to {address}")
        if not linked_from.get(address, set()) - {address}:
            unlinked.append(address)
    assert not missing, "\n".join(missing)
    assert not unlinked, "no other page links to:\n" + "\n".join(unlinked)


def test_sitemap_and_feed_list_only_pages_that_exist(real_site):
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "a": "http://www.w3.org/2005/Atom",
    }
    sitemap = ElementTree.parse(real_site.folder / "sitemap.xml")
    addresses = [loc.text or "" for loc in sitemap.iterfind(".//s:loc", namespaces)]
    feed = ElementTree.parse(real_site.folder / "feed.xml")
    addresses += [link.get("href", "") for link in feed.iterfind(".//a:link", namespaces)]
    assert len(addresses) > len(real_site.pages) // 2
    broken = [
        f"{address}: {problem}"
        for address in addresses
        if (problem := problem_with(real_site, real_site.base_url, address))
    ]
    assert not broken, "\n".join(broken)
    listed = {address for address in addresses if address.startswith(real_site.base_url)}
    pages = {page_address(real_site, page) for page in real_site.pages if page != "404.html"}
    assert pages - listed == set(), "pages the sitemap leaves out"


def test_the_link_check_finds_broken_links(tmp_path):
    """Break a link, an anchor and an address scheme on purpose: each must be reported."""
    from conftest import build_project

    project = copy_project(tmp_path)
    footer = project / "templates" / "base.html"
    text = footer.read_text(encoding="utf-8")
    extra = (
        "<a href=\"{{ url('no-such-page/') }}\">a</a>"
        "<a href=\"{{ url('about/', 'no-such-anchor') }}\">b</a>"
        '<a href="javascript:void(0)">c</a>'
        '<img src="{{ root }}static/missing.png" alt="">'
    )
    footer.write_text(text.replace("</footer>", extra + "</footer>", 1), encoding="utf-8")
    site = build_project(project, tmp_path / "site", search=False)
    broken = broken_links(site)
    assert len(broken) == 4 * len(site.pages)  # the footer is on every page
    about = "\n".join(line for line in broken if line.startswith("about/index.html: "))
    assert "'../no-such-page/': no such file in the built site" in about
    assert "'../about/#no-such-anchor': no element with id 'no-such-anchor' on about" in about
    assert "'javascript:void(0)': unsafe address scheme javascript:" in about
    assert "'../static/missing.png': no such file in the built site" in about
