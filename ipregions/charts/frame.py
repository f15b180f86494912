"""The frame around a chart shared on its own: title and takeaway above; dates, sources, licence.

A downloaded SVG or PNG travels without its page, so it carries what the page says around it,
and each value's date with any inferred part named (Reuters and FT charts do the same).

Room: charts. Imports: charts.theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ipregions.charts import theme

HEADER_GAP = 10
FOOTER_GAP = 14


@dataclass(frozen=True)
class FrameText:
    """The words a shared chart carries around its drawing."""

    title: str
    takeaway: str
    dates_line: str
    source_line: str
    credit: str


def svg_size(svg: str) -> tuple[float, float]:
    """Return the width and height of an SVG root."""
    root = svg[: svg.index(">")]
    width = re.search(r' width="([\d.]+)"', root)
    height = re.search(r' height="([\d.]+)"', root)
    if not width or not height:
        raise ValueError("vl-convert's SVG has no width and height")
    return float(width.group(1)), float(height.group(1))


def text_lines(
    lines: list[tuple[str, str, int, str]], top: float, width: float
) -> tuple[str, float]:
    """Return SVG text for (text, colour, size, weight) lines wrapped to width, and its bottom."""
    out = []
    y = top
    for text, colour, size, weight in lines:
        for line in theme.wrap(text, width, size, bold=weight == "bold"):
            y += size * 1.3
            out.append(
                f'<text x="0" y="{y:.1f}" font-family="{theme.FONT}" font-size="{size}px" '
                f'font-weight="{weight}" fill="{colour}">{escape(line)}</text>'
            )
    return "".join(out), y


FrameLine = tuple[str, str, int, str]  # text, colour, size, weight


def frame_lines(job: FrameText) -> tuple[list[FrameLine], list[FrameLine]]:
    """Return the lines drawn above and below a shared chart: a file on its own keeps them."""
    header = [
        (job.title, theme.INK, theme.TITLE_FONT_SIZE, "bold"),
        (job.takeaway, theme.MUTED, theme.FONT_SIZE, "normal"),
    ]
    # Each value's date, inferred parts named, so that the image never loses when a figure is.
    footer = [
        (text, theme.MUTED, theme.SMALL_FONT_SIZE, "normal")
        for text in (job.dates_line, job.source_line, job.credit)
        if text
    ]
    return header, footer


def export_svg(svg: str, job: FrameText) -> str:
    """Return a standalone SVG: heading, chart, then dates, source line and licence, on white."""
    width, height = svg_size(svg)
    pad = 12
    header_lines, footer_lines = frame_lines(job)
    header, header_end = text_lines(header_lines, 0, width)
    top = header_end + HEADER_GAP
    footer, footer_end = text_lines(footer_lines, top + height + FOOTER_GAP, width)
    total_width, total_height = width + 2 * pad, footer_end + 2 * pad
    body = svg[svg.index(">") + 1 : svg.rindex("</svg>")]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" width="{total_width:.0f}" height="{total_height:.0f}" '
        f'viewBox="0 0 {total_width:.0f} {total_height:.0f}">'
        f'<rect width="100%" height="100%" fill="{theme.PAPER}"/>'
        f'<g transform="translate({pad},{pad})">{header}'
        f'<g transform="translate(0,{top:.1f})">{body}</g>{footer}</g></svg>\n'
    )
