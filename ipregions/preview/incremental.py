"""Rebuild the site in memory again and again, redoing only the work whose inputs changed.

The live preview keeps one IncrementalBuilder. Charts are reused by the content hash of their
spec (chart_render's memory), social images by the words drawn on them, and pages by the values
their template read last time (see tracking.py). A rebuild after one fact changed renders the pages
and charts that show that fact, and its output is byte for byte what a clean build writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ipregions.derive import Derived
from ipregions.inputs.config import SiteConfig
from ipregions.model import Model
from ipregions.pipeline import BuildResult, Progress, Project, collect_files
from ipregions.preview.recording import Replay, record_render, track_environment


@dataclass
class PageRecord:
    """A rendered page and what its template read to render it."""

    templates: str  # digest of every template when it was rendered
    reads: dict | None  # what the template read (tracking.Recorder); None: always render again
    html: bytes


@dataclass
class RenderCounts:
    """How much of one build was rendered, and how much was reused."""

    pages: int = 0
    pages_rendered: int = 0
    social_images: int = 0
    social_images_rendered: int = 0
    rendered_paths: list[str] = field(default_factory=list)


def folder_digest(folder: Path) -> str:
    """Return a digest of every file's name and bytes below folder."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class PageCache:
    """Render pages, reusing each page whose recorded reads still find the same values."""

    def __init__(self) -> None:
        """Start with nothing rendered."""
        self.records: dict[str, PageRecord] = {}
        self.social: dict[tuple[str, str], bytes] = {}  # images by their words and settings
        self.social_in_use: dict[tuple[str, str], bytes] = {}  # those the current build uses
        self.environment: jinja2.Environment | None = None
        self.templates_dir: Path | None = None
        self.counts = RenderCounts()
        self.progress: Progress | None = None

    def prepare_environment(self, templates_dir: Path, model: Model) -> jinja2.Environment:
        """Return the Jinja environment, kept between builds so templates compile once."""
        from jinja2.defaults import DEFAULT_NAMESPACE

        from ipregions.web.render import make_environment

        fresh = make_environment(templates_dir, model)
        if self.environment is None or self.templates_dir != templates_dir:
            self.environment, self.templates_dir = fresh, templates_dir
        else:
            self.environment.filters.update(fresh.filters)
            self.environment.tests.update(fresh.tests)
        site_globals = {k: v for k, v in fresh.globals.items() if k not in DEFAULT_NAMESPACE}
        track_environment(self.environment, site_globals)
        return self.environment

    def page_html(
        self,
        page: Any,
        template: jinja2.Template,
        context: dict[str, Any],
        templates: str,
        shared: dict,
    ) -> bytes:
        """Return a page's HTML, rendered again only when something it read has changed."""
        record = self.records.get(page.output)
        if (
            record is not None
            and record.templates == templates
            and record.reads is not None
            and Replay(template.environment, context, shared).holds(record.reads)
        ):
            return record.html
        try:
            text, recorder = record_render(template, context)
            reads = recorder.reads if recorder.tracked else None
        except Exception:
            # Something in the template the recording proxies do not support: render the page
            # plainly (a real template error raises again here) and always render it again.
            text, reads = template.render(context), None
        html = text.encode("utf-8")
        self.records[page.output] = PageRecord(templates, reads, html)
        self.counts.pages_rendered += 1
        self.counts.rendered_paths.append(page.output)
        return html

    def social_image(self, card: Any, config: SiteConfig) -> bytes:
        """Return a page's social image, drawn again only when its words or settings changed."""
        from ipregions.web.social import social_image

        key = (repr(card), repr(config))
        image = self.social.get(key)
        if image is None:
            image = social_image(card, config)
            self.counts.social_images_rendered += 1
        self.social_in_use[key] = image
        return image

    def render_site(
        self,
        model: Model,
        derived: Derived,
        charts: Sequence[Any],
        rendered_svgs: dict[str, str],
        *,
        config: SiteConfig,
        content_dir: Path,
        templates_dir: Path,
    ) -> dict[str, bytes]:
        """Return every page, feed and social image, as render.render_site does, reusing pages."""
        from ipregions.inputs.content import load_content
        from ipregions.web.feeds import atom_feed, robots_txt, sitemap_xml
        from ipregions.web.pages import Site, build_pages
        from ipregions.web.render import CONTENT_BLOCKS, page_context

        self.counts = RenderCounts()
        self.social_in_use = {}
        content = load_content(content_dir, block_names=CONTENT_BLOCKS)
        site = Site(model, derived, config, content, charts, rendered_svgs)
        environment = self.prepare_environment(templates_dir, model)
        templates = folder_digest(templates_dir)
        pages = build_pages(site)
        files: dict[str, bytes] = {}
        shared: dict = {}  # what replays of different pages find alike, for this build only
        for done, page in enumerate(pages, start=1):
            template = environment.get_template(page.template)
            context = page_context(page, site, environment)
            files[page.output] = self.page_html(page, template, context, templates, shared)
            files[page.social_image] = self.social_image(page.social, config)
            if self.progress is not None:
                self.progress("pages", done, len(pages))
        files["feed.xml"] = atom_feed(site)
        files["sitemap.xml"] = sitemap_xml(pages, config)
        files["robots.txt"] = robots_txt(config)
        live = {page.output for page in pages}
        self.records = {path: record for path, record in self.records.items() if path in live}
        self.social = self.social_in_use
        self.counts.pages = len(pages)
        self.counts.social_images = len(pages)
        return files


def charts_drawn(memory: dict) -> set[str]:
    """Return the keys of the chart drawings in chart_render's memory (not the bundle's)."""
    return {key for key in memory if not key.startswith("bundle:")}


class IncrementalBuilder:
    """Build one project in memory repeatedly, keeping every cache between builds."""

    def __init__(self, project: Project, *, base_url: str | None = None) -> None:
        """Prepare empty caches for a project."""
        self.project = project
        self.base_url = base_url
        self.chart_memory: dict = {}
        self.pages = PageCache()
        self.counts: dict[str, int] = {}
        self.rendered_paths: list[str] = []

    def build(self, *, quiet: bool = True) -> BuildResult:
        """Build the site in memory; raise BuildError on editor mistakes, caches untouched."""
        charts_before = charts_drawn(self.chart_memory)
        progress = self.pages.progress = Progress(quiet=quiet)
        result = collect_files(
            self.project,
            base_url=self.base_url,
            progress=progress,
            render_cache=self.chart_memory,
            page_cache=self.pages,
        )
        counts = self.pages.counts
        self.counts = {
            "pages": counts.pages,
            "pages_rendered": counts.pages_rendered,
            "social_images": counts.social_images,
            "social_images_rendered": counts.social_images_rendered,
            "charts": result.chart_count,
            "charts_rendered": len(charts_drawn(self.chart_memory) - charts_before),
        }
        self.rendered_paths = sorted(counts.rendered_paths)
        self.forget_old_charts(result.files)
        return result

    def forget_old_charts(self, files: dict[str, bytes]) -> None:
        """Drop drawings the site no longer uses, so a long editing session stays small."""
        in_use = {id(body) for body in files.values()}
        self.chart_memory = {
            key: value
            for key, value in self.chart_memory.items()
            if key.startswith("bundle:") or id(getattr(value, "png", None)) in in_use
        }
