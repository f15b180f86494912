"""Render every page of the site in memory: one Jinja environment, one context builder."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ipregions import words as formatting
from ipregions.charts.model import lower_first, named_outlet
from ipregions.charts.theme import PALETTE
from ipregions.derive import Derived
from ipregions.inputs.config import SiteConfig
from ipregions.inputs.content import load_content, render_content
from ipregions.model import FuzzyDate, Model, Region
from ipregions.web.feeds import atom_feed, robots_txt, sitemap_xml
from ipregions.web.pages import Page, Site, build_pages, credit, path_of, site_citation
from ipregions.web.social import social_image

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# Blocks an editor may place on a line of its own in content/*.md, e.g. [[downloads]].
CONTENT_BLOCKS = {
    "downloads": "partials/downloads.html",
    "site-citation": "partials/site-citation.html",
}
NAVIGATION = (
    ("regions/", "Regions"),
    ("metrics/", "Metrics"),
    ("compare/", "Compare"),
    ("sources/", "Sources"),
    ("methodology/", "Methodology"),
    ("search/", "Search"),
)


def day(value: dt.date) -> str:
    """Return a calendar day as words: 22 November 2026."""
    return formatting.format_date(FuzzyDate(value.year, value.month, value.day))


def region_class(region: Region) -> str:
    """Return the CSS class that gives a region its chart colour."""
    return f"region-c{region.colour_index % len(PALETTE)}"


def root_of(page: Page, config: SiteConfig) -> str:
    """Return the prefix that leads from a page to the site root."""
    if page.kind == "error":  # served at any depth, so it links from the configured base path
        return config.base_path
    return "../" * page.path.count("/")


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: Any, fragment: str = "") -> str:
    """Return a link from the page being rendered to a model item or a site path."""
    path = path_of(target)
    link = context["root"] + path
    if not link:
        link = "./"
    return link + (f"#{fragment}" if fragment else "")


def figure_linker(model: Model) -> Callable[..., Markup]:
    """Return a filter that links the figures an editor mentions in prose to their fact pages."""
    owners: dict[str, set[str]] = {}
    for fact in model.facts.values():
        owners.setdefault(formatting.format_number(fact.value), set()).add(fact.id)
        if fact.growth:  # "+19%", as formatting prints a stated change
            owners.setdefault(formatting.format_growth(fact.growth).split(" ")[0], set()).add(
                fact.id
            )
    # Only numbers that belong to one fact, and are long enough not to be mistaken for others.
    facts = {
        text: model.facts[next(iter(ids))]
        for text, ids in owners.items()
        if len(ids) == 1 and (len(re.sub(r"\D", "", text)) >= 3 or "million" in text or "%" in text)
    }
    alternatives = "|".join(re.escape(text) for text in sorted(facts, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.,])({alternatives})(?![\w,]|\.\d)") if facts else None

    @jinja2.pass_context
    def prose(context: jinja2.runtime.Context, text: str) -> Markup:
        """Return prose escaped, with each known figure wrapped in a link to its fact."""
        if pattern is None:
            return escape(text)
        parts: list[str] = []
        last = 0
        for match in pattern.finditer(text):
            fact = facts[match.group(1)]
            link = '<a class="figure" href="{}" data-fact="{}">{}</a>'
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup(link).format(url(context, fact), fact.id, match.group(1)))
            last = match.end()
        parts.append(escape(text[last:]))
        return Markup("".join(parts))

    return prose


def make_environment(templates_dir: Path, model: Model) -> jinja2.Environment:
    """Return the Jinja environment with the site's formatting filters."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        number=formatting.format_number,
        quantity=formatting.format_quantity,
        value=formatting.format_value,
        value_unit=formatting.format_value_with_unit,
        growth=formatting.format_growth,
        date=formatting.format_date,
        period=formatting.format_period,
        when=formatting.format_time,
        when_short=formatting.format_time_short,
        day=day,
        place=model.place_name,
        prose=figure_linker(model),
        region_class=region_class,
        in_sentence=lower_first,
        credit=credit,
        named_outlet=named_outlet,
    )
    environment.globals.update(url=url, place_regions=model.regions_of)
    return environment


def page_context(page: Page, site: Site, environment: jinja2.Environment) -> dict[str, Any]:
    """Return everything a page's template may use: the shared site and the page's own items."""
    config = site.config
    root = root_of(page, config)
    context: dict[str, Any] = {
        "page": page,
        "site": site,
        "model": site.model,
        "derived": site.derived,
        "config": config,
        "root": root,
        "canonical": config.absolute(page.path),
        "social_image_url": config.absolute(page.social_image),
        "csp": CONTENT_SECURITY_POLICY,
        "navigation": NAVIGATION,
        "site_citation": site_citation(site),
        "svgs": site.svgs,
        **page.data,
    }
    if page.kind == "page":
        blocks = {
            name: Markup(environment.get_template(template).render(context))
            for name, template in CONTENT_BLOCKS.items()
        }
        context["body"] = render_content(page.data["content"], root=root, blocks=blocks)
    return context


def render_site(
    model: Model,
    derived: Derived,
    charts: Sequence[Any],
    rendered_svgs: dict[str, str],
    *,
    config: SiteConfig,
    content_dir: Path,
    templates_dir: Path,
) -> dict[str, bytes]:
    """Return every page, feed and social image of the site as {path: bytes}, deterministically."""
    content = load_content(content_dir, block_names=CONTENT_BLOCKS)
    site = Site(model, derived, config, content, charts, rendered_svgs)
    environment = make_environment(templates_dir, model)
    pages = build_pages(site)
    files: dict[str, bytes] = {}
    for page in pages:
        template = environment.get_template(page.template)
        html = template.render(page_context(page, site, environment))
        files[page.output] = html.encode("utf-8")
        files[page.social_image] = social_image(page.social, config)
    files["feed.xml"] = atom_feed(site)
    files["sitemap.xml"] = sitemap_xml(pages, config)
    files["robots.txt"] = robots_txt(config)
    return files
