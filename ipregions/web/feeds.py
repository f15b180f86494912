"""Write the files machines read: the Atom feed of sources, sitemap.xml and robots.txt.

Room: web. Imports: model, words, web.paths, web.site.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from ipregions.model.site import PageKind, SiteConfig
from ipregions.web.paths import path_of
from ipregions.web.site import Page, Site
from ipregions.words import format_value_with_unit

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_PATH = "feed.xml"
CORRECTIONS_PATH = "corrections/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_bytes(root: ElementTree.Element) -> bytes:
    """Return an XML document as UTF-8 bytes with a declaration and a final newline."""
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str):
    """Append a child element with optional text and attributes, and return it."""
    child = ElementTree.SubElement(parent, tag, attributes)
    if text is not None:
        child.text = text
    return child


def atom_feed(site: Site) -> bytes:
    """Return an Atom feed with one entry per source, the most recently added first."""
    config = site.config
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {XML_LANG: config.language})
    add(feed, f"{{{ATOM}}}title", f"{config.title}: new sources and corrections")
    add(
        feed,
        f"{{{ATOM}}}subtitle",
        "News articles added to the site, with the figures drawn from each.",
    )
    add(
        feed,
        f"{{{ATOM}}}link",
        href=config.absolute(FEED_PATH),
        rel="self",
        type="application/atom+xml",
    )
    add(feed, f"{{{ATOM}}}link", href=config.base_url, rel="alternate", type="text/html")
    add(feed, f"{{{ATOM}}}id", config.absolute(FEED_PATH))
    corrections = site.derived.corrections_newest_first
    updated = max([site.updated, *(c.date for c in corrections)])
    add(feed, f"{{{ATOM}}}updated", f"{updated.isoformat()}T00:00:00Z")
    author = add(feed, f"{{{ATOM}}}author")
    add(author, f"{{{ATOM}}}name", config.publisher)
    add(feed, f"{{{ATOM}}}rights", f"{config.licence_name}: {config.licence_url}")
    for correction in corrections:
        address = config.absolute(CORRECTIONS_PATH) + f"#{correction.anchor}"
        entry = add(feed, f"{{{ATOM}}}entry")
        add(entry, f"{{{ATOM}}}title", f"Correction: {first_sentence(correction.changed)}")
        add(entry, f"{{{ATOM}}}link", href=address, rel="alternate", type="text/html")
        add(entry, f"{{{ATOM}}}id", address)
        stamp = f"{correction.date.isoformat()}T00:00:00Z"
        add(entry, f"{{{ATOM}}}published", stamp)
        add(entry, f"{{{ATOM}}}updated", stamp)
        add(entry, f"{{{ATOM}}}summary", f"{correction.changed} Why: {correction.why}")
    for source in site.derived.sources_newest_first:
        address = config.absolute(path_of(source))
        facts = site.derived.facts_by_source.get(source.id, [])
        entry = add(feed, f"{{{ATOM}}}entry")
        add(entry, f"{{{ATOM}}}title", source.title)
        add(entry, f"{{{ATOM}}}link", href=address, rel="alternate", type="text/html")
        add(entry, f"{{{ATOM}}}id", address)
        stamp = f"{source.added.isoformat()}T00:00:00Z"
        add(entry, f"{{{ATOM}}}published", stamp)
        add(entry, f"{{{ATOM}}}updated", stamp)
        figures = "; ".join(
            f"{site.model.place_name(f.place_id)}: {format_value_with_unit(f)}" for f in facts
        )
        outlet = source.original.name or "an unnamed outlet"
        summary = f"{source.summary} (Published by {outlet}.)"
        if figures:
            summary += f" Figures: {figures}."
        add(entry, f"{{{ATOM}}}summary", summary)
    return to_bytes(feed)


def first_sentence(text: str) -> str:
    """Return the first sentence of a paragraph, without its full stop."""
    return text.split(". ", 1)[0].rstrip(".")


def sitemap_xml(pages: list[Page], config: SiteConfig) -> bytes:
    """Return a sitemap listing every page a reader may land on."""
    ElementTree.register_namespace("", SITEMAP)
    urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    for page in pages:
        if page.kind is PageKind.ERROR:
            continue
        entry = add(urlset, f"{{{SITEMAP}}}url")
        add(entry, f"{{{SITEMAP}}}loc", config.absolute(page.path))
    return to_bytes(urlset)


def robots_txt(config: SiteConfig) -> bytes:
    """Return robots.txt: everything may be crawled; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('sitemap.xml')}\n".encode()
