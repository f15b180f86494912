"""Render charts with vl-convert: inline SVG, downloadable SVG and PNG, cached and in parallel.

Each chart is drawn once by Vega. The page gets that SVG as it is, ready to inline; the
downloadable SVG and the PNG get the title, the takeaway, the source line and the licence drawn
around it, since a file shared on its own must carry them. Renders are cached under the cache
folder by a hash of everything that goes into them, so an unchanged chart is never drawn twice.
Charts are drawn in threads (vl-convert releases the GIL). The vega-embed bundle depends on
nothing but vl-convert's version: it is cached by that version in the user's cache folder, shared
by every project and clone, like pip's; when it must be built (about 2.5 s) a separate process
builds it while this one draws the charts and renders pages.

Room: charts. Imports: charts.frame, charts.model, charts.theme.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ipregions.charts.frame import FrameText, export_svg, svg_size
from ipregions.charts.model import chart_csv

if TYPE_CHECKING:
    from ipregions.charts.model import Chart

RENDER_VERSION = "4"  # change when the drawing or the post-processing changes
PNG_SCALE = 2  # about 850 px wide: sharp on a phone or in a slide
# A chart whose words run very long grows tall: above this many pixels its PNG is drawn at a
# smaller scale, so that it costs seconds and megabytes rather than a minute and a gigabyte.
PNG_MAX_PIXELS = 4_000_000
PNG_COLOURS = 64
PARALLEL_FROM = 2  # a single chart is drawn without a thread pool
DEFAULT_CREDIT = "China IP Regions · CC BY 4.0"
# The bundle exports vega-embed and vega as a module; charts.js imports it only when needed.
BUNDLE_SNIPPET = "export { vegaEmbed as default, vega };"
BUNDLE_PATH = "vendor/vega-embed.js"

Progress = Callable[[str, int, int], None]

# SVG presentation attributes that a CSS declaration in a style attribute can become.
PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity",
    "font-family", "font-size", "font-style", "font-weight", "text-anchor", "text-decoration",
    "dominant-baseline", "display", "visibility", "pointer-events", "cursor", "mix-blend-mode",
    "clip-path", "paint-order", "letter-spacing",
}  # fmt: skip


@dataclass(frozen=True)
class RenderedChart:
    """One chart drawn: SVG for the page, and the files readers download."""

    svg: str  # inline markup: no XML prolog, hidden from screen readers (the figure speaks)
    svg_file: bytes  # standalone, with title, takeaway, sources and licence
    png: bytes  # the same as svg_file, at PNG_SCALE


class RenderedCharts(Mapping[str, RenderedChart]):
    """The drawn charts by chart id, and the vega-embed bundle the pages load."""

    def __init__(
        self, charts: dict[str, RenderedChart], vega_embed_js: bytes | Callable[[], bytes]
    ) -> None:
        """Keep the drawings and the bundle, or a function that waits for it to be built."""
        self.charts = charts
        self._bundle = vega_embed_js

    @property
    def vega_embed_js(self) -> bytes:
        """Return the bundle, waiting for it if it is still being built."""
        if callable(self._bundle):
            self._bundle = self._bundle()
        return self._bundle

    def __getitem__(self, chart_id: str) -> RenderedChart:
        """Return the drawing of a chart."""
        return self.charts[chart_id]

    def __iter__(self) -> Iterator[str]:
        """Iterate over chart ids."""
        return iter(self.charts)

    def __len__(self) -> int:
        """Return the number of charts."""
        return len(self.charts)


@dataclass(frozen=True)
class Job:
    """What drawing a chart needs: plain data only."""

    key: str
    chart_id: str
    spec: dict[str, Any]
    title: str
    takeaway: str
    source_line: str
    credit: str
    dates_line: str = ""

    @property
    def frame(self) -> FrameText:
        """Return the words drawn around the chart in the files readers download."""
        return FrameText(self.title, self.takeaway, self.dates_line, self.source_line, self.credit)


@functools.cache
def vl_convert_version() -> str:
    """Return the installed vl-convert version: part of every cache key."""
    return version("vl-convert-python")


def page_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the spec as drawn on a page: the figure's heading already shows the title."""
    drawn = {key: value for key, value in spec.items() if key != "title"}
    page_title = spec.get("usermeta", {}).get("pageTitle")
    if page_title:
        drawn["title"] = page_title
    return drawn


def job_for(chart: Chart, credit: str) -> Job:
    """Return the render job of a chart, keyed by a hash of all that goes into it."""
    parts = {
        "render": RENDER_VERSION,
        "vl_convert": vl_convert_version(),
        "id": chart.id,
        "spec": chart.spec,
        "title": chart.title,
        "takeaway": chart.takeaway,
        "source_line": chart.source_line,
        "dates_line": chart.dates_line,
        "credit": credit,
        "png": (PNG_SCALE, PNG_MAX_PIXELS, PNG_COLOURS),
    }
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    key = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return Job(
        key,
        chart.id,
        chart.spec,
        chart.title,
        chart.takeaway,
        chart.source_line,
        credit,
        chart.dates_line,
    )


def style_to_attributes(svg: str) -> str:
    """Return the SVG with style="a: b" turned into a="b", which a strict CSP allows."""

    def replace(match: re.Match[str]) -> str:
        attributes = []
        for declaration in filter(None, (d.strip() for d in match.group(1).split(";"))):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            if name not in PRESENTATION:
                raise ValueError(f"SVG style property {name!r} has no attribute form")
            attributes.append(f' {name}="{escape(value, {chr(34): "&quot;"})}"')
        return "".join(attributes)

    return re.sub(r' style="([^"]*)"', replace, svg)


def scope_ids(svg: str, chart_id: str) -> str:
    """Return the SVG with its ids prefixed by the chart id, so charts on one page never clash."""
    ids = set(re.findall(r' id="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{chart_id}-{old}"
        svg = svg.replace(f' id="{old}"', f' id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


def inline_svg(svg: str, chart_id: str) -> str:
    """Return vl-convert's SVG ready to inline in a page under a strict CSP."""
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    svg = scope_ids(style_to_attributes(svg), chart_id)
    return re.sub(r"^<svg\b", '<svg aria-hidden="true" focusable="false"', svg, count=1)


def png_scale(svg: str) -> float:
    """Return the scale to draw an SVG's PNG at: PNG_SCALE unless that passes PNG_MAX_PIXELS."""
    width, height = svg_size(svg)
    scaled = width * height * PNG_SCALE**2
    return PNG_SCALE if scaled <= PNG_MAX_PIXELS else (PNG_MAX_PIXELS / (width * height)) ** 0.5


def png_from_svg(svg: str) -> bytes:
    """Return the PNG of an SVG at png_scale(), with a palette of PNG_COLOURS."""
    # resvg writes full RGBA: a timeline came to 1 MB. A chart is a few flat colours on white
    # and their anti-aliased edges, which 64 colours keep, the flat ones exactly (max coverage);
    # the file is about eight times smaller.
    import vl_convert
    from PIL import Image

    image = Image.open(io.BytesIO(vl_convert.svg_to_png(svg, scale=png_scale(svg)))).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(PNG_COLOURS, method=Image.Quantize.MAXCOVERAGE).save(buffer, "PNG")
    return buffer.getvalue()


def render_job(job: Job) -> tuple[str, RenderedChart]:
    """Draw one chart: return its key and its inline SVG, standalone SVG and PNG."""
    import vl_convert  # loading its V8 takes 0.1 s: only when a chart must be drawn

    drawn = vl_convert.vegalite_to_svg(page_spec(job.spec))
    standalone = export_svg(drawn, job.frame)
    png = png_from_svg(standalone)
    return job.key, RenderedChart(inline_svg(drawn, job.chart_id), standalone.encode(), png)


def build_bundle() -> str:
    """Return the vega-embed, Vega-Lite and Vega bundle as one ES module."""
    import vl_convert

    return vl_convert.javascript_bundle(BUNDLE_SNIPPET)


def bundle_key() -> str:
    """Return the cache key of the bundle: it changes only with vl-convert."""
    text = f"{RENDER_VERSION}:{vl_convert_version()}:{BUNDLE_SNIPPET}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class Cache:
    """Rendered charts kept in memory and in a folder, by content key."""

    def __init__(self, folder: Path | None, memory: dict | None) -> None:
        """Use the folder (None for none) and the caller's dict (None for a fresh one)."""
        self.folder = folder
        self.memory = memory if memory is not None else {}

    def get(self, key: str) -> RenderedChart | None:
        """Return a cached drawing, or None."""
        if key in self.memory:
            return self.memory[key]
        if self.folder is None:
            return None
        paths = [
            self.folder / "charts" / f"{key}{suffix}" for suffix in (".inline.svg", ".svg", ".png")
        ]
        try:
            inline, standalone, png = (path.read_bytes() for path in paths)
        except FileNotFoundError:
            return None
        rendered = RenderedChart(inline.decode(), standalone, png)
        self.memory[key] = rendered
        return rendered

    def put(self, key: str, rendered: RenderedChart) -> None:
        """Keep a drawing in memory and on disk."""
        self.memory[key] = rendered
        if self.folder is not None:
            folder = self.folder / "charts"
            write_atomic(folder / f"{key}.inline.svg", rendered.svg.encode())
            write_atomic(folder / f"{key}.svg", rendered.svg_file)
            write_atomic(folder / f"{key}.png", rendered.png)

    def get_bundle(self, key: str) -> bytes | None:
        """Return the cached bundle, or None."""
        name = f"bundle:{key}"
        if name not in self.memory:
            for folder in filter(None, (user_cache_dir(), self.folder)):
                path = folder / "vendor" / f"vega-embed-{key}.js"
                if path.is_file():
                    self.memory[name] = path.read_bytes()
                    break
        return self.memory.get(name)

    def put_bundle(self, key: str, bundle: bytes) -> None:
        """Keep the bundle in memory and in the user's cache folder (else the project's)."""
        self.memory[f"bundle:{key}"] = bundle
        for folder in filter(None, (user_cache_dir(), self.folder)):
            try:
                write_atomic(folder / "vendor" / f"vega-embed-{key}.js", bundle)
                return
            except OSError:  # a read-only home: the project's cache will do
                continue


def user_cache_dir() -> Path | None:
    """Return this user's cache folder for what depends on installed packages, not on data."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return None if base.startswith("~") else Path(base) / "ipregions"


def write_atomic(path: Path, body: bytes) -> None:
    """Write a file whole or not at all, so a killed build never leaves half a cache entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(body)
    os.replace(temporary, path)


BUNDLES: dict[str, bytes] = {}  # built bundles by key, for every build this process runs


def start_bundle() -> Future[str]:
    """Start building the bundle in a process of its own; return the future of its text."""
    # Spawned, not forked: a fork of a process whose V8 is running can hang.
    pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"))
    future = pool.submit(build_bundle)
    pool.shutdown(wait=False)  # the worker finishes its one job, then exits
    return future


def render_charts(
    charts: list[Chart],
    cache_dir: Path | None,
    *,
    progress: Progress | None = None,
    memory: dict | None = None,
    credit: str = DEFAULT_CREDIT,
    workers: int | None = None,
) -> RenderedCharts:
    """Draw every chart not already cached, in threads when there are several, and return all."""
    cache = Cache(cache_dir, memory)
    jobs = {chart.id: job_for(chart, credit) for chart in charts}
    missing = list({job.key: job for job in jobs.values() if cache.get(job.key) is None}.values())
    key = bundle_key()
    bundle = cache.get_bundle(key) or BUNDLES.get(key)
    building = start_bundle() if bundle is None else None
    workers = min(workers or os.cpu_count() or 1, len(missing) or 1)
    done = 0

    def finished(result: tuple[str, RenderedChart]) -> None:
        nonlocal done
        cache.put(*result)
        done += 1
        if progress:
            progress("charts", done, len(missing))

    if workers > 1 and len(missing) >= PARALLEL_FROM:
        with ThreadPoolExecutor(workers) as pool:
            for future in as_completed([pool.submit(render_job, job) for job in missing]):
                finished(future.result())
    else:
        for job in missing:
            finished(render_job(job))
    drawn = {chart_id: cache.get(job.key) for chart_id, job in jobs.items()}
    assert all(drawn.values())

    def finish_bundle() -> bytes:  # waits for the process building the bundle, if any
        body = building.result().encode() if building is not None else bundle
        assert body is not None
        if cache.get_bundle(key) is None:
            cache.put_bundle(key, body)
        BUNDLES[key] = body
        return body

    return RenderedCharts(drawn, finish_bundle)  # type: ignore[arg-type]


def chart_files(charts: list[Chart], rendered: RenderedCharts) -> dict[str, bytes]:
    """Return the files the build writes for charts: SVG, PNG, CSV, Vega-Lite JSON, the bundle."""
    files = {BUNDLE_PATH: rendered.vega_embed_js}
    for chart in charts:
        drawing = rendered[chart.id]
        files[f"charts/{chart.id}.svg"] = drawing.svg_file
        files[f"charts/{chart.id}.png"] = drawing.png
        files[f"charts/{chart.id}.csv"] = chart_csv(chart)
        spec = json.dumps(chart.spec, indent=1, ensure_ascii=False) + "\n"
        files[f"charts/{chart.id}.vl.json"] = spec.encode()
    return files
