"""Parse a real build of the real data and check what each page means, not how it is spelled."""

from __future__ import annotations

import gzip
import re
import struct
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from ipregions.derive import Derived, derive
from ipregions.errors import BuildError
from ipregions.inputs.config import load_config
from ipregions.inputs.content import load_content, markdown_to_html
from ipregions.inputs.validation import load_model
from ipregions.model import Citation, Fact, Model
from ipregions.model.site import ContentPage
from ipregions.pipeline import Project, collect_files
from ipregions.web.pages import build_pages
from ipregions.web.render import CONTENT_BLOCKS, CONTENT_SECURITY_POLICY, render_site, with_root
from ipregions.web.site import Site
from ipregions.words import (
    figures_credit,
    format_date,
    format_growth,
    format_number,
    format_time,
    named_outlet,
)

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PAGE_BUDGET_BYTES = 100 * 1024
RESOURCE_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "track": "src",
    "object": "data",
    "image": "href",
    "use": "href",
    "input": "src",
}
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


@dataclass
class ParsedSite:
    """A site built into a folder, with the model it was built from."""

    folder: Path
    base_url: str
    model: Model
    derived: Derived
    soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    @cached_property
    def pages(self) -> list[str]:
        """Return every HTML page's path relative to the site root, the search bundle aside."""
        return sorted(
            p.relative_to(self.folder).as_posix()
            for p in self.folder.rglob("*.html")
            if not p.relative_to(self.folder).as_posix().startswith("pagefind/")
        )

    def soup(self, page: str) -> BeautifulSoup:
        """Return a page parsed, once."""
        if page not in self.soups:
            html = (self.folder / page).read_text(encoding="utf-8")
            self.soups[page] = BeautifulSoup(html, "html.parser")
        return self.soups[page]

    def url_of(self, page: str) -> str:
        """Return the address a page is served at (404.html: a deep address that does not exist)."""
        if page == "404.html":
            return self.base_url + "no/such/page/here"
        return self.base_url + page.removesuffix("index.html")

    def file_for(self, url: str) -> Path | None:
        """Return the file an address inside the site serves; None when outside or missing."""
        address = urldefrag(url).url.split("?")[0]
        if not address.startswith(self.base_url):
            return None
        relative = address[len(self.base_url) :]
        target = self.folder / relative
        if relative == "" or relative.endswith("/"):
            target = target / "index.html"
        return target if target.is_file() else None


@pytest.fixture(scope="session")
def built_site(real_site) -> ParsedSite:
    """Return the real project's build (conftest: real pipeline, search index, sub-path base)."""
    model = load_model(ROOT / "data").model
    return ParsedSite(real_site.folder, real_site.base_url, model, derive(model))


def page_path(kind: str, item_id: str) -> str:
    """Return the file of a region, metric, source or fact page."""
    return f"{kind}/{item_id}/index.html"


def text_of(element: Tag) -> str:
    """Return an element's text with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def main_of(soup: BeautifulSoup) -> Tag:
    """Return the page's one main element."""
    mains = soup.find_all("main")
    assert len(mains) == 1
    return mains[0]


def fact_links(site: ParsedSite, page: str, element: Tag) -> dict[str, list[Tag]]:
    """Return the figure links inside element by the fact they point to, checking each target."""
    found: dict[str, list[Tag]] = {}
    for link in element.select("a[data-fact]"):
        target = site.file_for(urljoin(site.url_of(page), link["href"]))
        expected = site.folder / page_path("facts", link["data-fact"])
        assert target == expected, f"{page}: figure {text_of(link)!r} links to {link['href']}"
        found.setdefault(link["data-fact"], []).append(link)
    return found


# Every page type exists for every item


def test_every_page_type_exists_for_every_item(built_site: ParsedSite) -> None:
    model = built_site.model
    expected = {"index.html", "404.html", "compare/index.html", "search/index.html"}
    expected |= {
        "regions/index.html",
        "metrics/index.html",
        "sources/index.html",
        "facts/index.html",
    }
    expected |= {"methodology/index.html", "about/index.html", "data/index.html"}
    expected |= {page_path("regions", i) for i in model.regions}
    expected |= {page_path("metrics", i) for i in model.metrics}
    expected |= {page_path("sources", i) for i in model.sources}
    expected |= {page_path("facts", i) for i in model.facts}
    assert expected <= set(built_site.pages)
    for name in ("sitemap.xml", "robots.txt", "feed.xml", "pagefind/pagefind.js"):
        assert (built_site.folder / name).is_file(), name
    for region in model.regions.values():
        heading = built_site.soup(page_path("regions", region.id)).h1
        assert region.name in text_of(heading)
        assert heading.find(lang="zh-Hans").get_text() == region.name_zh
    for metric in model.metrics.values():
        assert text_of(built_site.soup(page_path("metrics", metric.id)).h1) == metric.label
    for source in model.sources.values():
        assert text_of(built_site.soup(page_path("sources", source.id)).h1) == source.title


def test_every_page_has_one_h1_landmarks_language_and_the_policy(built_site: ParsedSite) -> None:
    for page in built_site.pages:
        soup = built_site.soup(page)
        assert len(soup.find_all("h1")) == 1, page
        assert soup.html["lang"] == "en", page
        assert soup.find("header") and soup.find("footer") and soup.find("nav"), page
        main = main_of(soup)
        skip = soup.body.find("a")
        assert skip["href"] == "#main" and main["id"] == "main", page
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy["content"] == CONTENT_SECURITY_POLICY, page
        for element in soup.body.find_all(string=CJK):
            if element.find_parent(["script", "svg"]):
                continue
            marked = element.find_parent(attrs={"lang": True})
            assert marked is not None and marked["lang"] == "zh-Hans", f"{page}: {element!r}"


# Every figure is checkable


def test_every_figure_links_to_a_fact_that_exists(built_site: ParsedSite) -> None:
    linked: set[str] = set()
    for page in built_site.pages:
        linked |= set(fact_links(built_site, page, built_site.soup(page)))
    assert linked == set(built_site.model.facts)  # and every fact is reachable from some page


def figure_texts(fact: Fact) -> list[str]:
    """Return the ways a fact's numbers are printed that cannot be mistaken for other text."""
    texts = [format_number(fact.value)]
    if fact.growth:
        texts.append(format_growth(fact.growth).split(" ")[0])
    return [t for t in texts if len(re.sub(r"\D", "", t)) >= 3 or "million" in t or "%" in t]


def test_no_figure_is_printed_without_its_link(built_site: ParsedSite) -> None:
    patterns = {
        fact.id: [
            re.compile(rf"(?<![\w.,]){re.escape(t)}(?![\w,]|\.\d)") for t in figure_texts(fact)
        ]
        for fact in built_site.model.facts.values()
    }
    unlinked = []
    for page in built_site.pages:
        main = main_of(built_site.soup(page))
        for text in main.find_all(string=True):
            # Quotes print the article's own words; charts carry their own linked table.
            if text.find_parent(["blockquote", "q", "svg", "script", "code", "a"]):
                continue
            for fact_id, compiled in patterns.items():
                if any(p.search(str(text)) for p in compiled):
                    unlinked.append((page, fact_id, str(text).strip()))
    assert unlinked == [], "\n".join(map(str, unlinked))


def quotes_on(soup: BeautifulSoup) -> list[str]:
    """Return the text of every quotation on a page."""
    return [text_of(q) for q in soup.find_all("blockquote")]


def caption_for(soup: BeautifulSoup, citation: Citation) -> Tag:
    """Return the caption under a quotation."""
    for figure in soup.select("figure.quote"):
        if text_of(figure.blockquote) == " ".join(citation.quote.split()):
            return figure.figcaption
    raise AssertionError(f"quote not shown: {citation.quote}")


def test_every_fact_page_shows_quote_source_time_and_corroborations(built_site: ParsedSite) -> None:
    for fact in built_site.model.facts.values():
        page = page_path("facts", fact.id)
        soup = built_site.soup(page)
        main = main_of(soup)
        assert fact.id in fact_links(built_site, page, main)
        assert format_time(fact) in text_of(main)
        for citation in fact.citations:  # the first source, then the corroborating ones
            caption = caption_for(soup, citation)
            source = citation.source
            assert source.title in text_of(caption)
            assert (named_outlet(source) or "publisher not named") in text_of(caption)
            if source.published:
                assert format_date(source.published) in text_of(caption)
            link = caption.find("a")
            assert built_site.file_for(urljoin(built_site.url_of(page), link["href"])) == (
                built_site.folder / page_path("sources", source.id)
            )
        for date in [fact.as_of] + ([fact.period.start, fact.period.end] if fact.period else []):
            if date is not None and date.inferred:
                assert f"({date.inferred} inferred)" in text_of(main)
                assert " ".join(date.why.split()) in text_of(main.find(id="dates").parent)
        citation = text_of(soup.select_one("p.citation"))
        first = fact.citations[0].source
        # Who produced the figures and who reported them come first: "CNIPA figures, as reported
        # by Xinhua", then the original report, then this site.
        assert citation.startswith(figures_credit(fact))
        assert citation.index(named_outlet(first) or f"“{first.title}”") < citation.index(
            "Compiled by"
        )
        # base_url is still the placeholder example.org: the citation gives the path alone.
        assert urlsplit(built_site.url_of(page)).path in citation
        assert "example.org" not in citation


def test_every_source_page_lists_each_fact_with_its_quote(built_site: ParsedSite) -> None:
    for source in built_site.model.sources.values():
        page = page_path("sources", source.id)
        soup = built_site.soup(page)
        linked = fact_links(built_site, page, main_of(soup))
        quotes = quotes_on(soup)
        assert text_of(soup.find(id="summary").parent.p) == " ".join(source.summary.split())
        for fact in built_site.derived.facts_by_source.get(source.id, []):
            assert fact.id in linked
            own = next(c for c in fact.citations if c.source.id == source.id)
            assert " ".join(own.quote.split()) in quotes
        for milestone in built_site.derived.milestones_by_source.get(source.id, []):
            assert " ".join(milestone.citation.quote.split()) in quotes


def test_region_pages_group_every_fact_and_list_milestones(built_site: ParsedSite) -> None:
    for region in built_site.model.regions.values():
        page = page_path("regions", region.id)
        soup = built_site.soup(page)
        linked = fact_links(built_site, page, soup.find(id="all-figures").parent)
        assert set(linked) == {f.id for f in built_site.derived.facts_by_region[region.id]}
        members = text_of(soup.find(id="members").parent)
        assert all(m.province.name in members for m in region.members)
        timeline = soup.find(id="milestones").parent
        for milestone in built_site.derived.milestones_by_region[region.id]:
            assert timeline.find(id=milestone.id) is not None


def test_metric_pages_compare_every_region(built_site: ParsedSite) -> None:
    for metric_id, comparison in built_site.derived.comparisons.items():
        page = page_path("metrics", metric_id)
        table = built_site.soup(page).select_one("table.comparison")
        rows = table.tbody.find_all("tr")
        assert [text_of(r.th) for r in rows] == [row.region.name for row in comparison.rows]
        for tr, row in zip(rows, comparison.rows, strict=True):
            if row.fact:
                assert list(fact_links(built_site, page, tr)) == [row.fact.id]
            else:
                assert row.missing_reason in text_of(tr)


def test_compare_table_fills_every_cell_or_says_why(built_site: ParsedSite) -> None:
    page = "compare/index.html"
    table = built_site.soup(page).select_one("table.compare")
    regions = [text_of(th) for th in table.thead.find_all("th")[1:]]
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(built_site.derived.comparisons)
    for tr in rows:
        metric_link = tr.th.find("a")
        metric_id = metric_link["href"].rstrip("/").rsplit("/", 1)[-1]
        comparison = built_site.derived.comparisons[metric_id]
        cells = tr.find_all("td")
        assert regions == [row.region.name for row in comparison.rows]
        for cell, row in zip(cells, comparison.rows, strict=True):
            if row.fact:
                assert row.fact.id in fact_links(built_site, page, cell)
                assert format_time(row.fact) in text_of(cell)
                assert "Source:" in text_of(cell)
            else:
                assert row.missing_reason in text_of(cell)
        for caveat in comparison.caveats:
            assert " ".join(caveat.split()) in text_of(tr.th)


def test_home_tells_the_story_in_one_screen(built_site: ParsedSite) -> None:
    soup = built_site.soup("index.html")
    lead = built_site.derived.growth_statements[0]
    assert text_of(soup.h1) == lead.headline
    lede = text_of(soup.select_one("p.lede"))
    for fact in lead.facts:  # every figure with its own date, none ranked above another
        assert f"{built_site.model.place_name(fact.place_id)} reported" in lede
        assert format_time(fact) in lede
    assert not lead.can_rank  # the real growth figures refer to different dates
    caution = text_of(soup.select_one("p.caution"))
    assert "cannot be ranked against each other: they refer to different dates or periods" in (
        caution
    )
    cards = soup.select("ul.cards > li")
    assert len(cards) == len(built_site.model.regions)
    for card in cards:
        for dd in card.select("dd"):
            assert dd.select_one("a[data-fact]") and dd.select_one(".when")
    caveats = [a for a in soup.find_all("a") if "caveats" in a["href"]]
    target = urljoin(built_site.url_of("index.html"), caveats[0]["href"])
    assert built_site.file_for(target) == built_site.folder / "methodology/index.html"
    assert built_site.soup("methodology/index.html").find(id="caveats") is not None


# Nothing outside the site is requested; everything inside it resolves


def test_no_page_requests_anything_outside_the_site(built_site: ParsedSite) -> None:
    for page in built_site.pages:
        soup = built_site.soup(page)
        assert soup.find("style") is None and soup.find(style=True) is None, page
        for script in soup.find_all("script"):
            assert script.get("src"), f"{page}: inline script"
        addresses = [
            element[attribute]
            for tag, attribute in RESOURCE_ATTRIBUTES.items()
            for element in soup.find_all(tag)
            if element.get(attribute)
        ]
        addresses += [
            link["href"]
            for link in soup.find_all("link", href=True)
            if LOADED_LINK_RELS & set(link.get("rel", []))
        ]
        for address in addresses:
            resolved = urljoin(built_site.url_of(page), address)
            if address.startswith("data:"):
                continue
            assert built_site.file_for(resolved) is not None, f"{page}: {address}"
    for css in built_site.folder.glob("static/**/*.css"):
        for address in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            assert address.startswith("data:") or not urlsplit(address).netloc, f"{css}: {address}"
        assert "@import" not in css.read_text()


def test_every_internal_link_and_anchor_resolves_under_a_sub_path(built_site: ParsedSite) -> None:
    base_url = built_site.base_url
    assert urlsplit(base_url).path not in ("", "/")  # the configured site lives under a sub-path
    for page in built_site.pages:
        soup = built_site.soup(page)
        for link in soup.find_all("a", href=True):
            href = link["href"]
            assert href.strip(), f"{page}: empty link"
            assert text_of(link) or link.find("img", alt=True), f"{page}: link without text"
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto") and not href.startswith(base_url):
                continue  # a link out (an article's address, the licence) is not a request
            assert not href.startswith("/") or href.startswith(urlsplit(base_url).path), (
                f"{page}: {href} ignores the base path"
            )
            if href.startswith("#"):
                assert soup.find(id=href[1:]), f"{page}: {href} missing"
                continue
            resolved = urljoin(built_site.url_of(page), href)
            target = built_site.file_for(resolved)
            assert target is not None, f"{page}: {href} -> {resolved}"
            fragment = urldefrag(resolved).fragment
            if fragment and target.suffix == ".html":
                assert built_site.soup(target.relative_to(built_site.folder).as_posix()).find(
                    id=fragment
                ), f"{page}: #{fragment} missing in {target}"


def test_canonical_and_social_metadata_point_to_real_files(built_site: ParsedSite) -> None:
    for page in built_site.pages:
        soup = built_site.soup(page)
        canonical = soup.find("link", rel="canonical")["href"]
        if page != "404.html":
            assert canonical == built_site.url_of(page)
        image = soup.find("meta", property="og:image")["content"]
        assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == image
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert soup.find("meta", property="og:title")["content"]
        png = built_site.file_for(image)
        assert png is not None, f"{page}: {image}"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (1200, 630)


def test_sitemap_robots_and_feed(built_site: ParsedSite) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.parse(built_site.folder / "sitemap.xml")
    locations = {loc.text for loc in sitemap.findall(".//s:loc", namespace)}
    assert locations == {built_site.url_of(p) for p in built_site.pages if p != "404.html"}
    robots = (built_site.folder / "robots.txt").read_text()
    assert f"Sitemap: {built_site.base_url}sitemap.xml" in robots.splitlines()
    atom = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(built_site.folder / "feed.xml").getroot()
    entries = feed.findall("a:entry", atom)
    expected = [
        built_site.base_url + f"corrections/#{c.anchor}"
        for c in built_site.derived.corrections_newest_first
    ] + [built_site.base_url + f"sources/{s.id}/" for s in built_site.derived.sources_newest_first]
    assert [e.find("a:id", atom).text for e in entries] == expected
    stamps = [e.find("a:updated", atom).text for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.find("a:link[@rel='self']", atom).get("href") == built_site.base_url + "feed.xml"


def test_search_page_says_it_needs_javascript_and_others_do_not_load_it(
    built_site: ParsedSite,
) -> None:
    soup = built_site.soup("search/index.html")
    note = soup.find(id="search-needs-js")
    assert "needs JavaScript" in text_of(note) and not note.has_attr("hidden")
    assert soup.find("form", role="search").has_attr("hidden")  # shown by the script
    for page in built_site.pages:
        scripts = [s["src"] for s in built_site.soup(page).find_all("script")]
        assert all(not src.endswith("search.js") for src in scripts) or page == "search/index.html"
    searchable = [
        p for p in built_site.pages if built_site.soup(p).find(attrs={"data-pagefind-body": True})
    ]
    assert {page_path("facts", i) for i in built_site.model.facts} <= set(searchable)
    assert "search/index.html" not in searchable and "404.html" not in searchable


def test_tables_have_captions_and_scoped_headers(built_site: ParsedSite) -> None:
    for page in built_site.pages:
        for table in main_of(built_site.soup(page)).find_all("table"):
            if table.find_parent("svg"):
                continue
            assert table.caption and text_of(table.caption), page
            for th in table.find_all("th"):
                assert th.get("scope") in ("col", "row"), f"{page}: {th}"


def test_each_page_stays_under_the_weight_budget(built_site: ParsedSite) -> None:
    css = sum(
        len(gzip.compress(p.read_bytes(), mtime=0))
        for p in built_site.folder.glob("static/css/*.css")
    )
    for page in built_site.pages:
        soup = built_site.soup(page)
        weight = len(gzip.compress((built_site.folder / page).read_bytes(), mtime=0)) + css
        for image in soup.find_all("img", src=True):
            loading = image.get("loading") != "lazy"
            target = built_site.file_for(urljoin(built_site.url_of(page), image["src"]))
            if loading and target:
                weight += len(target.read_bytes())
        assert weight < PAGE_BUDGET_BYTES, f"{page}: {weight} bytes"


# Determinism, prose and settings


def test_the_build_is_byte_for_byte_the_same_twice() -> None:
    # A base URL with a sub-path: every link must work when the site is not at the root.
    first = collect_files(Project(ROOT), base_url="http://127.0.0.1:8765/sub/site/").files
    second = collect_files(Project(ROOT), base_url="http://127.0.0.1:8765/sub/site/").files
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def render_with(model: Model, tmp_path: Path) -> dict[str, bytes]:
    """Render the site's pages for a model, without charts, straight into memory."""
    content = load_content(ROOT / "content", block_names=CONTENT_BLOCKS)
    site = Site(model, derive(model), load_config(ROOT), content, [], {})
    return render_site(site, build_pages(site), ROOT / "templates")


def test_disagreeing_sources_are_shown_as_notes_on_the_pages_concerned(tmp_path: Path) -> None:
    model = load_model(ROOT / "data").model
    original = next(f for f in sorted(model.facts.values(), key=lambda f: f.id) if f.value >= 1000)
    other_source = next(
        s for s in model.sources.values() if s.id != original.citations[0].source.id
    )
    rival = Fact(
        id="rival-figure",
        place_id=original.place_id,
        metric=original.metric,
        value=original.value + 1000,
        qualifier=original.qualifier,
        as_of=original.as_of,
        period=original.period,
        citations=[Citation(other_source, "An invented quote for this test")],
    )
    model.facts[rival.id] = rival
    files = render_with(model, tmp_path)
    pages = [
        page_path("facts", original.id),
        page_path("facts", rival.id),
        page_path("metrics", original.metric.id),
        page_path("sources", other_source.id),
        *(page_path("regions", r.id) for r in model.regions_of(original.place_id)),
    ]
    for page in pages:
        soup = BeautifulSoup(files[page], "html.parser")
        notes = soup.select("aside.note-warning")
        assert len(notes) == 1, page
        linked = {a["data-fact"] for a in notes[0].select("a[data-fact]")}
        assert linked == {original.id, rival.id}, page


def test_markdown_shows_raw_html_as_text_and_refuses_unsafe_links() -> None:
    text = (
        'Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n'
        "<div onclick='x'>block</div>\n\n[home](/compare/) [out](https://example.org/)"
    )
    page = ContentPage("x", "content/x.md", "X", "X.", text, 1)
    page.html = markdown_to_html(text, report=lambda url, why: None)
    html = with_root(page, "../", {})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("div") is None
    assert "<script>alert(1)</script>" in soup.get_text()
    assert [a["href"] for a in soup.find_all("a")] == ["../compare/", "https://example.org/"]


def test_content_mistakes_are_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Good\ndescription: Fine.\n---\nText.\n")
    (tmp_path / "bad.md").write_text(
        "---\ntitle: Bad\ndescription: Broken.\nauthor: me\n---\nText\n\n# Title again\n\n"
        "[click](javascript:alert(1))\n\n[[tables]]\n"
    )
    (tmp_path / "bare.md").write_text("No front matter\n")
    with pytest.raises(BuildError) as raised:
        load_content(tmp_path, block_names=["downloads"])
    assert [str(e) for e in raised.value.errors] == [
        f"{tmp_path.name}/bad.md:4:1: error: unknown front matter field 'author' "
        "(use title, description)",
        f"{tmp_path.name}/bare.md:1:1: error: missing front matter "
        "(start the file with '---', then 'title: …' and 'description: …', then '---')",
    ]
    (tmp_path / "bare.md").unlink()
    (tmp_path / "bad.md").write_text(
        "---\ntitle: Bad\ndescription: Broken.\n---\nText\n\n# Title again\n\n"
        "[click](javascript:alert(1))\n\n[[tables]]\n"
    )
    with pytest.raises(BuildError) as raised:
        load_content(tmp_path, block_names=["downloads"])
    assert [str(e) for e in raised.value.errors] == [
        f"{tmp_path.name}/bad.md:7:1: error: heading level 1 in the text (the front matter's title "
        "is the page's one top heading; use '## ' for sections)",
        f"{tmp_path.name}/bad.md:9:1: error: link 'javascript:alert(1)' is not allowed "
        "(links must start with https://, http://, mailto: or /)",
        f"{tmp_path.name}/bad.md:11:1: error: unknown block '[[tables]]' "
        "(known blocks: [[downloads]])",
    ]


def test_site_settings_are_checked(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "title: T\ndescription: D\nbase_url: example.org\npublisher: P\nlicence: CC\ncolour: red\n"
    )
    with pytest.raises(BuildError) as raised:
        load_config(tmp_path)
    assert [str(e) for e in raised.value.errors] == [
        "site.yaml:3:11: error: base_url 'example.org' is not an absolute http(s) address "
        "(write the full address the site is served from, e.g. https://example.org/ip/)",
        "site.yaml:5:10: error: 'licence' must hold name: ..., url: ...",
        "site.yaml:6:1: error: unknown setting 'colour' "
        "(known settings: base_url, contact, description, language, licence, publisher, "
        "tagline, title)",
    ]
    config = load_config(ROOT, base_url="https://example.net/ip")
    assert (config.base_url, config.base_path) == ("https://example.net/ip/", "/ip/")
