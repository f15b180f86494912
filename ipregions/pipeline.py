"""Run the whole build: load, validate, derive, chart, render, then publish in one swap.

It wires the stages together and is the only module that knows them all, the preview aside.

Room: pipeline. Imports: errors, model, derive, inputs, charts, web, publish.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ipregions.errors import BuildError, EditorError
from ipregions.model import Location, Model

if TYPE_CHECKING:
    from ipregions.charts.model import Chart
    from ipregions.derive import Derived
    from ipregions.web.render import PageRenderer


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


def template_error(error: Exception, project: Project) -> EditorError:
    """Turn a Jinja error into the one-line error an editor reads, at its template and line."""
    import traceback

    filename = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    if filename is None or line is None:  # raised while rendering: Jinja's frames say where
        templates = str(project.templates_dir)
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.startswith(templates):
                filename, line = frame.filename, frame.lineno
                break
    filename = filename or "templates"
    path = Path(filename)
    if path.is_absolute() and path.is_relative_to(project.root):
        filename = path.relative_to(project.root).as_posix()
    elif not str(filename).startswith("templates"):
        filename = f"templates/{filename}"
    return EditorError(str(filename), line or 1, 1, f"template error: {error}")


@dataclass
class CheckedData:
    """The valid model, what was derived from it, and every warning found on the way."""

    model: Model
    derived: Derived
    warnings: list[EditorError]


def discrepancy_warnings(derived: Derived) -> list[EditorError]:
    """Warn at the later fact of each group of facts that disagree."""
    warnings = []
    for discrepancy in derived.discrepancies:
        # The later fact is the one from the article added last; the earlier one was there first.
        later = max(
            discrepancy.facts,
            key=lambda f: (
                (f.sources[0].added, f.location.path, f.location.line)
                if f.location
                else (f.sources[0].added, "", 0)
            ),
        )
        where = later.location or Location("data/sources", 1, 1)
        hint = "the site shows every figure with a note; check both quotes"
        warnings.append(EditorError.at(where, discrepancy.message, hint, "warning"))
    return warnings


def check_data(data_dir: Path, *, today: dt.date | None = None) -> CheckedData:
    """Read, check and derive the data; raise BuildError with every mistake."""
    from ipregions.derive import derive
    from ipregions.inputs.validation import load_model

    checked = load_model(data_dir, today=today)
    derived = derive(checked.model)
    warnings = checked.warnings + discrepancy_warnings(derived)
    return CheckedData(checked.model, derived, sorted(warnings, key=lambda w: w.sort_key))


@functools.cache
def code_fingerprint() -> str:
    """Return a hash of this package's source and the versions that shape a chart's spec."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version}:{version('altair')}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def chart_specs(model: Model, derived: Derived, cache_dir: Path) -> list[Chart]:
    """Return every chart, unpickled from the cache when the model and the code are unchanged.

    Building them imports Altair and takes longer than the rest of a rebuild with nothing new.
    """
    from ipregions.charts.drawing import write_atomic

    inputs = pickle.dumps((model, derived, code_fingerprint()))
    path = cache_dir / "specs" / f"{hashlib.sha256(inputs).hexdigest()[:32]}.pickle"
    try:
        charts: list[Chart] = pickle.loads(path.read_bytes())
        return charts
    except Exception:  # none kept, or unreadable: build them
        pass
    from ipregions.charts.registry import build_charts

    charts = build_charts(model, derived)
    for old in path.parent.glob("*.pickle"):  # one set is kept: the latest
        old.unlink(missing_ok=True)
    write_atomic(path, pickle.dumps(charts))
    return charts


def collect_files(
    project: Project,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    chart_memory: dict | None = None,
    renderer: PageRenderer | None = None,
) -> BuildResult:
    """Gather and check every input, then return every file of the site in memory.

    The live preview passes what it keeps between builds: chart_memory for chart drawings and a
    renderer that reuses unchanged pages; a clean build passes neither and renders everything.
    """
    import jinja2

    from ipregions.charts.drawing import chart_files, render_charts
    from ipregions.charts.model import ChartError
    from ipregions.inputs.config import load_config, placeholder_warnings
    from ipregions.inputs.content import load_content
    from ipregions.inputs.paths import static_files
    from ipregions.inputs.schemas import schema_files
    from ipregions.web.open_data import COLUMN_DOCS, open_data_files
    from ipregions.web.pages import build_pages
    from ipregions.web.render import CONTENT_BLOCKS, PageRenderer, render_site
    from ipregions.web.site import Site
    from ipregions.web.social import use_cache_folder

    use_cache_folder(project.cache_dir)
    checked = check_data(project.data_dir)
    model, derived = checked.model, checked.derived
    config = load_config(project.root, base_url=base_url)
    content = load_content(project.content_dir, block_names=CONTENT_BLOCKS)
    try:
        charts = chart_specs(model, derived, project.cache_dir)
    except ChartError as error:
        where = error.location or Location("data/metrics.yaml", 1, 1)
        raise BuildError([EditorError.at(where, f"chart error: {error}")]) from error
    credit = f"{config.title} · {config.licence_name}"
    rendered = render_charts(
        charts, project.cache_dir, progress=progress, memory=chart_memory, credit=credit
    )
    svgs = {chart_id: output.svg for chart_id, output in rendered.items()}
    schemas = schema_files()
    site = Site(model, derived, config, content, charts, svgs, list(schemas), COLUMN_DOCS)
    try:
        renderer = renderer or PageRenderer(project.cache_dir)
        files = render_site(site, build_pages(site), project.templates_dir, renderer)
    except (jinja2.TemplateError, jinja2.TemplateSyntaxError) as error:
        raise BuildError([template_error(error, project)]) from error
    files.update(chart_files(charts, rendered))
    files.update(
        {
            f"data/{name}": body
            for name, body in open_data_files(model, schemas, config, derived.updated).items()
        }
    )
    files.update(static_files(project.static_dir))
    warnings = checked.warnings + placeholder_warnings(project.root, config)
    return BuildResult(files=files, warnings=warnings, chart_count=len(charts))


def index_for_search(
    site_dir: Path, previous: Path | None = None, changed: set[str] | None = None
) -> None:
    """Run Pagefind over the finished pages, or link the previous index if no page changed."""
    index = "pagefind"
    pages_changed = changed is None or any(
        path.endswith(".html") and not path.startswith(f"{index}/") for path in changed
    )
    if previous is not None and not pages_changed and (previous / index).is_dir():
        try:
            shutil.copytree(previous / index, site_dir / index, copy_function=os.link)
            return
        except OSError:  # links not allowed here: index again
            shutil.rmtree(site_dir / index, ignore_errors=True)
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
    """Build the site into out_dir; on any error raise and leave out_dir as it was.

    A folder that no build made is refused before anything is built, and again at the swap.
    """
    from ipregions.publish import OutDirRefused, out_dir_problem, publish

    if refused := out_dir_problem(out_dir, project_root=project.root):
        raise BuildError([EditorError(str(out_dir), 1, 1, refused.message, refused.hint)])
    progress = Progress(quiet=quiet)
    result = collect_files(project, base_url=base_url, progress=progress)
    try:
        publish(result.files, out_dir, finish=index_for_search if search else None)
    except OutDirRefused as refused:
        error = EditorError(str(out_dir), 1, 1, refused.message, refused.hint)
        raise BuildError([error]) from refused
    return result
