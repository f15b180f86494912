"""Run the whole build: load, validate, derive, chart, render, then publish in one swap."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ipregions.errors import BuildError, EditorError
from ipregions.model import Location

if TYPE_CHECKING:
    from ipregions.preview.incremental import PageCache


@dataclass
class Project:
    """Where a project's inputs live."""

    root: Path

    @property
    def data_dir(self) -> Path:
        """Return the folder of YAML data."""
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        """Return the folder of Markdown prose."""
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        """Return the folder of Jinja templates."""
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        """Return the folder of files copied as they are."""
        return self.root / "static"

    @property
    def cache_dir(self) -> Path:
        """Return the folder where rendered charts are kept between builds."""
        return self.root / ".cache"


class Progress:
    """Report steps done on stderr, but only once a build has run for a couple of seconds."""

    def __init__(self, *, quiet: bool, after_seconds: float = 2.0) -> None:
        """Start the clock."""
        self.quiet = quiet
        self.after_seconds = after_seconds
        self.started = time.monotonic()

    def __call__(self, step: str, done: int, total: int) -> None:
        """Print 'charts 12/40' when the build is slow enough to need it."""
        if self.quiet or time.monotonic() - self.started < self.after_seconds:
            return
        print(f"  {step} {done}/{total}", file=sys.stderr, flush=True)


@dataclass
class BuildResult:
    """What a build produced, for the command line and the dev server."""

    files: dict[str, bytes]
    warnings: list[EditorError] = field(default_factory=list)
    chart_count: int = 0


def static_files(static_dir: Path) -> dict[str, bytes]:
    """Read every file below static/ for copying into the site under static/."""
    if not static_dir.is_dir():
        return {}
    return {
        f"static/{path.relative_to(static_dir).as_posix()}": path.read_bytes()
        for path in sorted(static_dir.rglob("*"))
        if path.is_file()
    }


def template_error(error: Exception, project: Project) -> EditorError:
    """Turn a Jinja error into the one-line error an editor reads."""
    filename = getattr(error, "filename", None) or getattr(error, "name", None) or "templates"
    path = Path(filename)
    if path.is_absolute() and path.is_relative_to(project.root):
        filename = path.relative_to(project.root).as_posix()
    elif not str(filename).startswith("templates"):
        filename = f"templates/{filename}"
    line = getattr(error, "lineno", None) or 1
    return EditorError(str(filename), line, 1, f"template error: {error}")


def collect_files(
    project: Project,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    render_cache: dict | None = None,
    page_cache: PageCache | None = None,
) -> BuildResult:
    """Gather and check every input, then return every file of the site in memory.

    The live preview passes caches kept between builds: render_cache for charts, page_cache for
    pages (see incremental.py); a clean build passes neither and renders everything.
    """
    import jinja2

    from ipregions.charts.drawing import chart_files, render_charts
    from ipregions.charts.registry import ChartError, build_charts
    from ipregions.derive import derive
    from ipregions.inputs.config import load_config
    from ipregions.inputs.validation import load_model
    from ipregions.web.open_data import open_data_files
    from ipregions.web.render import render_site

    checked = load_model(project.data_dir)
    model = checked.model
    derived = derive(model)
    config = load_config(project.root, base_url=base_url)
    try:
        charts = build_charts(model, derived)
    except ChartError as error:
        where = error.location or Location("data/metrics.yaml", 1, 1)
        raise BuildError([EditorError.at(where, f"chart error: {error}")]) from error
    credit = f"{config.title} · {config.licence_name}"
    rendered = render_charts(
        charts, project.cache_dir, progress=progress, memory=render_cache, credit=credit
    )
    svgs = {chart_id: output.svg for chart_id, output in rendered.items()}
    renderer = render_site if page_cache is None else page_cache.render_site
    try:
        files = renderer(
            model,
            derived,
            charts,
            svgs,
            config=config,
            content_dir=project.content_dir,
            templates_dir=project.templates_dir,
        )
    except (jinja2.TemplateError, jinja2.TemplateSyntaxError) as error:
        raise BuildError([template_error(error, project)]) from error
    files.update(chart_files(charts, rendered))
    files.update({f"data/{name}": body for name, body in open_data_files(model).items()})
    files.update(static_files(project.static_dir))
    return BuildResult(files=files, warnings=checked.warnings, chart_count=len(charts))


def index_for_search(site_dir: Path) -> None:
    """Run Pagefind over the finished pages so the search page can find them."""
    completed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        message = (completed.stderr or completed.stdout).strip().splitlines()
        raise BuildError([EditorError("site", 1, 1, f"search index failed: {message[-1:]}")])


def build_site(
    project: Project,
    out_dir: Path,
    *,
    base_url: str | None = None,
    quiet: bool = False,
    search: bool = True,
) -> BuildResult:
    """Build the site into out_dir; on any error raise and leave out_dir as it was."""
    from ipregions.publish import publish

    progress = Progress(quiet=quiet)
    result = collect_files(project, base_url=base_url, progress=progress)
    publish(result.files, out_dir, finish=index_for_search if search else None)
    return result
