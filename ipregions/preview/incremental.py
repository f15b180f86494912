"""Rebuild the site in memory again and again, redoing only the work whose inputs changed.

The live preview keeps one IncrementalBuilder. Charts are reused by the content hash of their
spec (charts.drawing's memory), social images by the words drawn on them, and pages by the values
their template read last time (see recording.py and replay.py). A rebuild after one fact changed
renders the pages and charts that show that fact, byte for byte what a clean build writes.

Room: preview. Imports: pipeline, web, model, preview.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE

from ipregions.model import Model
from ipregions.model.site import SiteConfig
from ipregions.pipeline import BuildResult, Progress, Project, collect_files
from ipregions.preview.recording import record_render, track_environment
from ipregions.preview.replay import Replay
from ipregions.preview.shared_reads import SharedReads
from ipregions.web.render import PageRenderer, make_environment
from ipregions.web.site import Page, SocialCard


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


class PageCache(PageRenderer):
    """Render pages, reusing each page whose recorded reads still find the same values."""

    def __init__(self) -> None:
        """Start with nothing rendered."""
        super().__init__()
        self.records: dict[str, PageRecord] = {}
        self.shared_reads = SharedReads()  # what pages read alike, kept once
        self.social: dict[tuple[str, str], bytes] = {}  # images by their words and settings
        self.social_in_use: dict[tuple[str, str], bytes] = {}  # those the current build uses
        self.jinja: jinja2.Environment | None = None
        self.templates_dir: Path | None = None
        self.templates = ""  # digest of every template, for this build
        self.shared: dict = {}  # what replays of different pages find alike, for this build
        self.counts = RenderCounts()
        self.report: Progress | None = None

    def start(self, templates_dir: Path) -> None:
        """Start counting a new build and note the templates it renders with."""
        self.counts = RenderCounts()
        self.social_in_use = {}
        self.shared = {}
        self.shared_reads.new_build()
        self.templates = folder_digest(templates_dir)

    def environment(self, templates_dir: Path, model: Model) -> jinja2.Environment:
        """Return the Jinja environment, kept between builds so templates compile once."""
        fresh = make_environment(templates_dir, model)
        if self.jinja is None or self.templates_dir != templates_dir:
            self.jinja, self.templates_dir = fresh, templates_dir
        else:
            self.jinja.filters.update(fresh.filters)
            self.jinja.tests.update(fresh.tests)
        site_globals = {k: v for k, v in fresh.globals.items() if k not in DEFAULT_NAMESPACE}
        track_environment(self.jinja, site_globals)
        return self.jinja

    def page_html(self, page: Page, template: jinja2.Template, context: dict[str, Any]) -> bytes:
        """Return a page's HTML, rendered again only when something it read has changed."""
        record = self.records.get(page.output)
        if (
            record is not None
            and record.templates == self.templates
            and record.reads is not None
            and Replay(template.environment, context, self.shared).holds(record.reads)
        ):
            return record.html
        try:
            text, recorder = record_render(template, context)
            reads = self.shared_reads.share(recorder.reads) if recorder.tracked else None
        except Exception:
            # Something in the template the recording proxies do not support: render the page
            # plainly (a real template error raises again here) and always render it again.
            text, reads = template.render(context), None
        html = text.encode("utf-8")
        self.records[page.output] = PageRecord(self.templates, reads, html)
        self.counts.pages_rendered += 1
        self.counts.rendered_paths.append(page.output)
        return html

    def social_image(self, card: SocialCard, config: SiteConfig) -> bytes:
        """Return a page's social image, drawn again only when its words or settings changed."""
        key = (repr(card), repr(config))
        image = self.social.get(key)
        if image is None:
            image = super().social_image(card, config)
            self.counts.social_images_rendered += 1
        self.social_in_use[key] = image
        return image

    def progress(self, done: int, total: int) -> None:
        """Report progress on a slow build."""
        if self.report is not None:
            self.report("pages", done, total)

    def finish(self, pages: list[Page]) -> None:
        """Forget pages the site no longer has and count what this build rendered."""
        live = {page.output for page in pages}
        self.records = {path: record for path, record in self.records.items() if path in live}
        self.social = self.social_in_use
        self.counts.pages = len(pages)
        self.counts.social_images = len(pages)


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
        progress = self.pages.report = Progress(quiet=quiet)
        result = collect_files(
            self.project,
            base_url=self.base_url,
            progress=progress,
            chart_memory=self.chart_memory,
            renderer=self.pages,
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
