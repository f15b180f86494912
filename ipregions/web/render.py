"""Render every page of the site in memory: one Jinja environment, one context builder, one loop.

Room: web. Imports: model, words, derive, charts.theme, web.
The loop takes a PageRenderer; the live preview passes one that reuses unchanged pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ipregions import baseline
from ipregions import words as formatting
from ipregions.model import FuzzyDate, Model, Region
from ipregions.model.site import ContentPage, PageKind, SiteConfig
from ipregions.web.baseline_pages import date_words
from ipregions.web.citations import site_citation
from ipregions.web.feeds import atom_feed, robots_txt, sitemap_xml
from ipregions.web.paths import path_of
from ipregions.web.site import Page, Site, SocialCard
from ipregions.web.social import prepare_social_images, social_image
from ipregions.words import credit, lower_first, named_outlet

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


# A run of Chinese, with the numbers written inside it (截至今年6月, 61.8万): one span each.
HAN = r"\u3400-\u9fff\uf900-\ufaff"
CHINESE_RUN = re.compile(
    rf"[0-9.]*[{HAN}](?:[{HAN}\u3000-\u303f\uff00-\uffef]|[0-9.]+(?=[{HAN}]))*"
)


def mark_chinese(text: str) -> Markup:
    """Return text escaped (or HTML as it is), each run of Chinese in a span giving its language."""
    # Chinese never appears inside the tags our filters make, so runs are always in text.
    html = str(text if isinstance(text, Markup) else escape(text))
    return Markup(CHINESE_RUN.sub(lambda run: f'<span lang="zh-Hans">{run.group()}</span>', html))


def contact_link(contact: str) -> str:
    """Return a contact as a link target: mailto: for an e-mail address."""
    return contact if contact.startswith(("http://", "https://")) else f"mailto:{contact}"


def region_class(region: Region) -> str:
    """Return the CSS class that gives a region its chart colour."""
    return f"region-c{region.colour_index}"


def root_of(page: Page, config: SiteConfig) -> str:
    """Return the prefix that leads from a page to the site root."""
    # The error page is served at any depth, so it links from the configured base path.
    if page.kind is PageKind.ERROR:
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
        if fact.value is not None:
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


def make_environment(
    templates_dir: Path, model: Model, cache_dir: Path | None = None
) -> jinja2.Environment:
    """Return the Jinja environment with the site's formatting filters.

    With a cache folder, compiled templates are kept there by their source's checksum (and the
    options they were compiled with), so a rebuild compiles only the templates that changed.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if cache_dir is not None:
        options = repr(
            (environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline)
        )
        folder = cache_dir / "templates" / hashlib.sha256(options.encode()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
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
        percent=baseline.percent_words,
        signed=baseline.signed_percent,
        table_date=date_words,
        mixed=mark_chinese,
        figures_credit=formatting.figures_credit,
        producer=formatting.producer_of,
        domain=formatting.domain_of,
        contact_link=contact_link,
        zh=mark_chinese,
        count=formatting.count_noun,
    )
    environment.globals.update(url=url, place_regions=model.regions_of)
    return environment


SITE_ROOT_LINK = re.compile(r'(?<= )(href|src)="/(?!/)')


def with_root(page: ContentPage, root: str, blocks: dict[str, Markup]) -> Markup:
    """Return a prose page's HTML with site-root links made relative and blocks filled in."""
    # Raw HTML typed by an editor is escaped, so every attribute here was made by Markdown.
    html = SITE_ROOT_LINK.sub(lambda match: f'{match[1]}="{root}', page.html)
    for name, block in blocks.items():
        html = html.replace(f"<p>[[{name}]]</p>", str(block))
    return Markup(html)


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
        "site_citation": site_citation(config, site.updated),
        "svgs": site.svgs,
        **page.data,
    }
    if page.kind is PageKind.CONTENT:
        blocks = {
            name: Markup(environment.get_template(template).render(context))
            for name, template in CONTENT_BLOCKS.items()
        }
        context["body"] = with_root(page.data["content"], root, blocks)
    return context


class PageRenderer:
    """Render each page and draw each social image afresh; subclasses may reuse earlier work."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        """Keep compiled templates in cache_dir, if given."""
        self.cache_dir = cache_dir

    def environment(self, templates_dir: Path, model: Model) -> jinja2.Environment:
        """Return the Jinja environment for this build."""
        return make_environment(templates_dir, model, self.cache_dir)

    def start(self, templates_dir: Path) -> None:
        """Prepare for a build."""

    def page_html(self, page: Page, template: jinja2.Template, context: dict[str, Any]) -> bytes:
        """Return a page's HTML."""
        return template.render(context).encode("utf-8")

    def social_image(self, card: SocialCard, config: SiteConfig) -> bytes:
        """Return a page's social image."""
        return social_image(card, config)

    def progress(self, done: int, total: int) -> None:
        """Hear that done of total pages are rendered."""

    def finish(self, pages: list[Page]) -> None:
        """Hear that every page of the build is rendered."""


def render_site(
    site: Site, pages: list[Page], templates_dir: Path, renderer: PageRenderer | None = None
) -> dict[str, bytes]:
    """Return the pages (web.pages.build_pages), feeds and social images as {path: bytes}."""
    renderer = renderer or PageRenderer()
    renderer.start(templates_dir)
    environment = renderer.environment(templates_dir, site.model)
    prepare_social_images((page.social for page in pages), site.config)
    files: dict[str, bytes] = {}
    for done, page in enumerate(pages, start=1):
        template = environment.get_template(page.template)
        context = page_context(page, site, environment)
        files[page.output] = renderer.page_html(page, template, context)
        files[page.social_image] = renderer.social_image(page.social, site.config)
        renderer.progress(done, len(pages))
    files["feed.xml"] = atom_feed(site)
    files["sitemap.xml"] = sitemap_xml(pages, site.config)
    files["robots.txt"] = robots_txt(site.config)
    renderer.finish(pages)
    return files
