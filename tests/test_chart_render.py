"""Drawing charts with vl-convert, the files a build writes, and the figure in real Chromium."""

from __future__ import annotations

import csv
import dataclasses
import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest
import vl_convert
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import expect
from test_charts import make_model

from ipregions.charts import theme
from ipregions.charts.drawing import (
    BUNDLE_PATH,
    PNG_COLOURS,
    PNG_MAX_PIXELS,
    PNG_SCALE,
    RenderedCharts,
    chart_files,
    inline_svg,
    job_for,
    png_from_svg,
    render_charts,
    scope_ids,
    style_to_attributes,
)
from ipregions.charts.frame import frame_lines
from ipregions.charts.registry import Chart, build_charts
from ipregions.derive import derive
from ipregions.words import format_time

ROOT = Path(__file__).resolve().parents[1]
# The policy the site is served with (the brief's, as an HTTP header so every directive counts).
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
CREDIT = "China IP Regions · CC BY 4.0"


@pytest.fixture(scope="module")
def charts() -> list[Chart]:
    model = make_model()
    return build_charts(model, derive(model))


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chart-cache")


@pytest.fixture(scope="module")
def rendered(charts: list[Chart], cache_dir: Path) -> RenderedCharts:
    return render_charts(charts, cache_dir, credit=CREDIT)


# ---------------------------------------------------------------- SVG for pages


def test_inline_svg_is_ready_for_a_strict_page(charts, rendered):
    for chart in charts:
        svg = rendered[chart.id].svg
        assert svg.startswith('<svg aria-hidden="true" focusable="false" '), chart.id
        assert ' style="' not in svg  # style attributes need 'unsafe-inline' under CSP
        assert "<style" not in svg and "<script" not in svg
        assert 'fill="white"' not in svg  # transparent: the page shows through
        assert theme.INK in svg


def test_the_page_drawing_keeps_the_subtitle_but_not_the_title(charts, rendered):
    svg = rendered["compare-valid-invention-patents"].svg
    assert ">By region, as of different dates: not a snapshot</text>" in svg
    assert ">Valid invention patents</text>" not in svg  # the figure's heading says it


def test_style_attributes_become_presentation_attributes():
    svg = '<svg><text style="font-weight: bold; fill: #1b1f24;">x</text></svg>'
    assert style_to_attributes(svg) == '<svg><text font-weight="bold" fill="#1b1f24">x</text></svg>'
    with pytest.raises(ValueError, match="'transform-origin' has no attribute form"):
        style_to_attributes('<svg><g style="transform-origin: 0 0"></g></svg>')


def test_ids_are_scoped_to_their_chart():
    svg = '<svg><clipPath id="c1"></clipPath><g clip-path="url(#c1)"></g><use href="#c1"/></svg>'
    assert scope_ids(svg, "map") == (
        '<svg><clipPath id="map-c1"></clipPath><g clip-path="url(#map-c1)"></g>'
        '<use href="#map-c1"/></svg>'
    )
    assert (
        inline_svg("<svg><g></g></svg>", "x")
        == '<svg aria-hidden="true" focusable="false"><g></g></svg>'
    )


# ---------------------------------------------------------------- downloads


def test_downloads_carry_title_takeaway_sources_and_licence(charts, rendered):
    chart = next(c for c in charts if c.id == "compare-valid-invention-patents")
    drawing = rendered[chart.id]
    soup = BeautifulSoup(drawing.svg_file, "html.parser")
    texts = [text.get_text() for text in soup.find_all("text")]
    assert texts[0] == "Valid invention patents"
    assert " ".join(texts).startswith(f"{chart.title} {chart.takeaway} ")
    assert texts[-2:] == ["Sources: China Daily; CNIPA", CREDIT]
    assert soup.svg.rect["fill"] == theme.PAPER
    # The PNG is that very SVG, drawn at PNG_SCALE with a small palette.
    assert drawing.png == png_from_svg(drawing.svg_file.decode())
    image = Image.open(io.BytesIO(drawing.png))
    assert image.size[0] == int(soup.svg["width"]) * PNG_SCALE
    assert image.mode == "P" and len(image.getcolors()) <= PNG_COLOURS
    full = Image.open(io.BytesIO(vl_convert.svg_to_png(drawing.svg_file.decode(), scale=2)))
    # The paper, the ink and the region colours survive the smaller palette exactly.
    flat = {theme.PAPER, theme.INK, theme.MUTED, theme.PALETTE[1], theme.PALETTE[2]}
    flat_rgb = {tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in flat}
    full_colours = {colour for _, colour in full.convert("RGB").getcolors(1 << 20)}
    kept = {colour for _, colour in image.convert("RGB").getcolors(1 << 20)}
    assert flat_rgb <= full_colours and flat_rgb <= kept


def test_a_chart_made_tall_by_long_words_is_drawn_smaller_and_others_at_full_scale(rendered):
    """A 2,000-character takeaway makes a chart ten thousand pixels tall: its PNG stays small."""
    for drawing in rendered.values():  # every chart of the real data keeps PNG_SCALE
        svg = BeautifulSoup(drawing.svg_file, "html.parser").svg
        assert Image.open(io.BytesIO(drawing.png)).size[0] == int(svg["width"]) * PNG_SCALE
    tall = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="428" height="6611">'
        '<rect width="100%" height="100%" fill="#faf8f3"/>'
        '<rect x="10" y="10" width="100" height="6000" fill="#1a202c"/></svg>'
    )
    image = Image.open(io.BytesIO(png_from_svg(tall)))
    assert image.size[0] * image.size[1] <= PNG_MAX_PIXELS * 1.01
    assert image.size[0] > 428  # still sharper than the SVG's own size
    assert image.size[0] / image.size[1] == pytest.approx(428 / 6611, rel=0.01)


def test_shared_images_keep_each_values_date_and_inferred_mark(charts, rendered):
    model = make_model()
    chart = next(c for c in charts if c.id == "growth-year-on-year")
    header, footer = frame_lines(job_for(chart, CREDIT).frame)
    assert [text for text, *_ in header] == [chart.title, chart.takeaway]
    assert [text for text, *_ in footer] == [
        "Dates (* inferred by us, not printed): Central China (valid invention patents) as of "
        "June 2024 (year inferred); Northeast China (valid invention patents) as of April 2025; "
        "Central China (valid registered trademarks) as of June 2024 (year inferred); Northeast "
        "China (valid registered trademarks) as of April 2025.",
        "Sources: China Daily; CNIPA",
        CREDIT,
    ]
    for chart in charts:
        drawn = BeautifulSoup(rendered[chart.id].svg_file, "html.parser")  # the PNG's source
        text = " ".join(t.get_text() for t in drawn.find_all("text"))
        for record in chart.spec["data"]["values"]:
            if record["kind"] in ("bar", "total"):
                assert record["label"] in text  # the value and its short date, * if inferred
            if record.get("fact_id") and record["kind"] in ("bar", "part"):
                fact = model.facts[record["fact_id"]]
                assert format_time(fact) in chart.dates_line, chart.id
                if "inferred" in format_time(fact):
                    assert record["label"].endswith("*")
        if chart.dates_line:
            assert " ".join(chart.dates_line.split()) in " ".join(text.split()), chart.id


def test_chart_files_are_written_for_every_chart(charts, rendered):
    files = chart_files(charts, rendered)
    expected = {BUNDLE_PATH}
    for chart in charts:
        expected |= {f"charts/{chart.id}.{ext}" for ext in ("svg", "png", "csv", "vl.json")}
    assert set(files) == expected
    spec = json.loads(files["charts/compare-valid-invention-patents.vl.json"])
    assert spec == next(c.spec for c in charts if c.id == "compare-valid-invention-patents")
    rows = list(
        csv.DictReader(io.StringIO(files["charts/compare-valid-invention-patents.csv"].decode()))
    )
    assert [(row["region"], row["value"], row["as_of"], row["fact_id"]) for row in rows] == [
        ("Beijing-Tianjin-Hebei", "", "", ""),
        ("Central China", "618000", "2024-06", "central-valid-invention-patents-2024-06"),
        ("Northeast China", "195000", "2025-04", "northeast-valid-invention-patents-2025-04"),
    ]
    assert files["charts/timeline.png"].startswith(b"\x89PNG\r\n\x1a\n")
    bundle = files[BUNDLE_PATH].decode()
    assert "export{" in bundle.replace(" ", "") and " as default" in bundle


# ---------------------------------------------------------------- cache and determinism


def test_rendering_is_byte_identical_across_runs_and_processes(charts, rendered):
    serial = render_charts(charts[:3], None, credit=CREDIT, workers=1)
    parallel = render_charts(charts, None, credit=CREDIT, workers=2)
    for chart in charts:
        for drawing in ([serial[chart.id]] if chart in charts[:3] else []) + [parallel[chart.id]]:
            assert drawing == rendered[chart.id], chart.id
    assert chart_files(charts, parallel) == chart_files(charts, rendered)


def test_unchanged_charts_come_from_the_cache(charts, rendered, cache_dir):
    chart = charts[0]
    key = job_for(chart, CREDIT).key
    cached = cache_dir / "charts" / f"{key}.svg"
    assert cached.read_bytes() == rendered[chart.id].svg_file
    cached.write_bytes(b"<svg>from the cache</svg>")
    again = render_charts([chart], cache_dir, credit=CREDIT)
    assert again[chart.id].svg_file == b"<svg>from the cache</svg>"
    changed = dataclasses.replace(chart, takeaway="Another takeaway.")
    redrawn = render_charts([changed], cache_dir, credit=CREDIT)
    assert b"Another takeaway." in redrawn[chart.id].svg_file
    cached.write_bytes(rendered[chart.id].svg_file)


def test_memory_cache_skips_the_disk(charts, rendered):
    memory: dict = {}
    first = render_charts(charts[:1], None, credit=CREDIT, memory=memory, workers=1)
    assert first[charts[0].id] == rendered[charts[0].id]
    memory[job_for(charts[0], CREDIT).key] = "kept"
    assert render_charts(charts[:1], None, credit=CREDIT, memory=memory).charts == {
        charts[0].id: "kept"
    }


def test_progress_is_reported_per_chart_drawn(charts):
    seen = []
    render_charts(charts[:2], None, credit="other", workers=1, progress=lambda *a: seen.append(a))
    assert seen == [("charts", 1, 2), ("charts", 2, 2)]


# ---------------------------------------------------------------- the figure in Chromium

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Charts</title>
<link rel="stylesheet" href="{{ root }}page.css">
<link rel="stylesheet" href="{{ root }}static/css/charts.css">
</head>
<body>
<main>
<h1>Charts</h1>
{% for chart in charts %}
{% include "partials/chart.html" %}
{% endfor %}
</main>
<script type="module" src="{{ root }}static/js/charts.js"></script>
</body>
</html>
"""
# The site's colour variables for light and dark, as site.css defines them.
PAGE_CSS = """
:root { --bg: #ffffff; --fg: #1b1f24; --muted: #545b66; --rule: #d5d9de; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121417; --fg: #e7e9ec; --muted: #aab1bc; --rule: #3a4049; }
}
body { background: var(--bg); color: var(--fg); font-family: sans-serif; margin: 1rem; }
main { padding-bottom: 60vh; }
"""
PAGE_PATH = "charts/all/index.html"  # two levels down, so relative links are put to the test


@dataclass
class Served:
    origin: str
    folder: Path

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.removesuffix('index.html')}"


class StrictHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files with the site's Content-Security-Policy on every response."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".csv": "text/csv",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", STRICT_CSP)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@contextmanager
def serve(folder: Path) -> Iterator[Served]:
    handler = functools.partial(StrictHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield Served(f"http://{host}:{port}", folder)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chart_page(tmp_path_factory, charts, rendered) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("chart-site")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    svgs = {chart_id: drawing.svg for chart_id, drawing in rendered.items()}
    html = environment.from_string(PAGE).render(charts=charts, svgs=svgs, root="../../")
    files = {PAGE_PATH: html.encode(), "page.css": PAGE_CSS.encode()}
    files.update(chart_files(charts, rendered))
    for name in ("css/charts.css", "js/charts.js"):
        files[f"static/{name}"] = (ROOT / "static" / name).read_bytes()
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(body)
    with serve(folder) as served:
        yield served


def figure_ids(page) -> list[str]:
    return page.eval_on_selector_all("figure.chart", "figures => figures.map(f => f.id)")


@pytest.mark.browser
def test_without_javascript_each_chart_is_a_described_image_with_its_data(
    open_context, chart_page, charts
):
    tab = open_context(chart_page, javascript=False)
    page = tab.open(chart_page.url(PAGE_PATH))
    soup = BeautifulSoup(page.content(), "html.parser")
    figures = soup.select("figure.chart")
    assert [f["id"] for f in figures] == [f"chart-{chart.id}" for chart in charts]
    for figure, chart in zip(figures, charts, strict=True):
        plot = figure.select_one(".chart-plot")
        assert plot["role"] == "img"
        title_id, takeaway_id = plot["aria-labelledby"].split()
        assert soup.find(id=title_id).get_text() == chart.title
        assert soup.find(id=takeaway_id).get_text() == chart.takeaway
        assert soup.find(id=plot["aria-describedby"]).get_text() == chart.description
        assert plot.svg is not None and plot.svg["aria-hidden"] == "true"
        rows = figure.select("details.chart-data tbody tr")
        assert len(rows) == len(chart.table.rows)
        links = [a["href"] for a in figure.select("details.chart-data tbody a")]
        expected = [
            f"../../facts/{row.fact_id}/" if row.fact_id else f"../../sources/{row.source_id}/"
            for row in chart.table.rows
            if chart.table.link_column is not None and (row.fact_id or row.source_id)
        ]
        assert links == expected
        # Figures in the words link to their facts, as the table's do.
        words = figure.select(".chart-takeaway a, .chart-description a")
        facts = [
            fact_id for _, fact_id in chart.takeaway_links + chart.description_links if fact_id
        ]
        assert [a["href"] for a in words] == [f"../../facts/{fact_id}/" for fact_id in facts]
        downloads = [a["href"] for a in figure.select(".chart-downloads a")]
        assert downloads == [
            f"../../charts/{chart.id}.{ext}" for ext in ("png", "svg", "csv", "vl.json")
        ]
    # The screen reader hears the figure's name and description; the drawing itself is hidden.
    plot = page.locator("#chart-compare-valid-invention-patents .chart-plot")
    assert (
        plot.get_attribute("aria-describedby")
        == "chart-compare-valid-invention-patents-description"
    )
    chart = next(c for c in charts if c.id == "compare-valid-invention-patents")
    expect(plot).to_have_role("img")
    expect(plot).to_have_accessible_name(f"{chart.title} {chart.takeaway}")
    expect(plot).to_have_accessible_description(chart.description)
    # Every download link answers.
    for href in downloads:
        response = page.request.get(chart_page.url(f"charts/{href.rsplit('/', 1)[-1]}"))
        assert response.ok, href
    # The table opens from the keyboard.
    summary = page.locator("#chart-compare-valid-invention-patents summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert (
        page.locator("#chart-compare-valid-invention-patents details").get_attribute("open") == ""
    )
    assert page.locator("#chart-compare-valid-invention-patents tbody a").first.is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_javascript_upgrades_each_chart_in_place_under_the_strict_csp(
    open_context, chart_page, charts, scheme
):
    tab = open_context(chart_page, color_scheme=scheme)
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    page = tab.page
    page.goto(chart_page.url(PAGE_PATH))  # not tab.open, which scrolls the whole page through
    page.wait_for_load_state("networkidle")
    # Nothing is fetched while the page loads: the bundle waits for the reader.
    assert not any(url.endswith("/vendor/vega-embed.js") for url in requests)
    page.mouse.move(1, 1)  # the reader is active: the charts in view are upgraded at idle
    first = page.locator("figure.chart").first
    first.and_(page.locator(".chart-interactive")).wait_for(timeout=30_000)
    # Charts far below have not been fetched: each is loaded as it comes into view.
    assert not any(url.endswith("/charts/timeline-northeast-china.vl.json") for url in requests)
    for figure_id in figure_ids(page):
        figure = page.locator(f"#{figure_id}")
        figure.scroll_into_view_if_needed()
        figure.and_(page.locator(".chart-interactive")).wait_for(timeout=30_000)
        plot = figure.locator(".chart-plot")
        assert plot.locator("svg").count() == 1  # swapped in place, not added
        assert plot.locator(".chart-live svg").get_attribute("aria-hidden") == "true"
        assert plot.get_attribute("role") == "img"
    assert sum(url.endswith("/vendor/vega-embed.js") for url in requests) == 1
    assert all(url.startswith(chart_page.origin) for url in requests)
    # Tooltips give the quote and the source of a value.
    figure = page.locator("#chart-compare-valid-invention-patents")
    figure.scroll_into_view_if_needed()
    bar = figure.locator(".chart-live g.mark-rect path").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for(timeout=10_000)
    assert "the number of valid invention patents in China's central region" in tooltip.inner_text()
    assert "CNIPA" in tooltip.inner_text()
    # Ink follows the colour scheme; data colours stay.
    ink = "#e7e9ec" if scheme == "dark" else "#1b1f24"
    fills = page.eval_on_selector_all(
        "#chart-compare-valid-invention-patents .chart-live text",
        "texts => texts.map(t => getComputedStyle(t).fill)",
    )
    assert rgb(ink) in fills
    rect_fills = page.eval_on_selector_all(
        "#chart-compare-valid-invention-patents .chart-live g.mark-rect path",
        "paths => paths.map(p => getComputedStyle(p).fill)",
    )
    assert rect_fills == [rgb(theme.PALETTE[1]), rgb(theme.PALETTE[2])]
    assert tab.take_problems() == []
    # The policy was in force all along: the page refuses an inline script.
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.head.append(script);
          return window.inlineRan === true;
        }"""
    )
    assert ran is False
    assert [problem for problem in tab.take_problems() if "inline script" not in problem] == []


@pytest.mark.browser
def test_static_ink_follows_dark_mode(open_context, chart_page):
    tab = open_context(chart_page, color_scheme="dark", javascript=False)
    page = tab.open(chart_page.url(PAGE_PATH))
    selector = "#chart-map-northeast-china .chart-plot"
    fills = page.eval_on_selector_all(
        f"{selector} text, {selector} path",
        "nodes => nodes.map(n => [n.getAttribute('fill'), getComputedStyle(n).fill])",
    )
    seen = dict(fills)
    assert seen[theme.INK] == rgb("#e7e9ec")
    assert seen[theme.MUTED] == rgb("#aab1bc")
    assert seen[theme.EMPTY_TILE] == rgb("#2a3038")
    assert seen[theme.PALETTE[2]] == rgb(theme.PALETTE[2])


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.browser
def test_a_chart_the_reader_reaches_for_is_upgraded_and_no_other(open_context, chart_page):
    tab = open_context(chart_page)
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    page = tab.page
    page.goto(chart_page.url(PAGE_PATH))
    page.wait_for_load_state("networkidle")
    assert not any(url.endswith(("/vendor/vega-embed.js", ".vl.json")) for url in requests)
    first, last = figure_ids(page)[0], figure_ids(page)[-1]
    page.locator(f"#{last}").dispatch_event("pointerenter")  # no scroll, no pointer move
    page.locator(f"#{last}.chart-interactive").wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.locator(f"#{first}.chart-interactive").count() == 0
    assert sum(url.endswith(".vl.json") for url in requests) == 1
