"""One look for every chart: fonts, sizes, ink colours and the region palette.

Dark mode: the data colours below sit between the luminance of a white page and of a near-black
one, so they keep at least 3:1 contrast on both and need no second version. Only the ink colours
(text, rules, empty tiles) change. The SVG keeps them as the light values in plain `fill` and
`stroke` attributes, so a downloaded file or PNG looks right on its own, and
`static/css/charts.css` swaps them for dark ones with attribute selectors such as
`[fill="#1b1f24"]`. A CSS rule beats a presentation attribute, so the same rules darken the static
SVG and the interactive chart Vega draws in the browser, with no second render.

Room: charts. Imports: nothing of the package.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PIL import ImageFont

from ipregions.model.colours import REGION_COLOURS

# Liberation Sans is metrically identical to Arial: the widths vl-convert measures at build time
# on Debian are the widths a reader's Arial or Helvetica draws.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

# The ink colours are the site's light-mode --fg, --muted and --rule (static/css/site.css), so a
# chart on a page matches the text around it; charts.css maps them to the variables.
INK = "#1b1f24"  # titles, labels, values
MUTED = "#545b66"  # secondary text: dates, "no figure reported" (6.6:1 on white)
RULE = "#d5d9de"  # hairlines: the timeline's spine
EMPTY_TILE = "#e6eaef"  # provinces outside the region on a tile map
PAPER = "#ffffff"  # background of downloaded SVG and PNG files only
# Text on a data colour: whichever of these contrasts more. Neither is an ink colour, so dark
# mode leaves them alone, as it leaves the data colours they sit on.
ON_DATA_LIGHT = "#ffffff"
ON_DATA_DARK = "#111111"

# The region colours (model.REGION_COLOURS, which editors name in region files): hues chosen
# greedily, the first three kept from the original Okabe–Ito-based palette, for the largest
# smallest difference under normal vision and simulated deuteranopia and protanopia (Machado et
# al. 2009, severity 1), at a luminance of 0.13–0.29. Each keeps at least 3:1 contrast on white
# and on the dark page, white or near-black text on it (text_on) reaches 4.5:1, and every pair
# stays apart by CIE76 ΔE > 15 for each kind of vision (tests/test_charts.py checks all three).
# Colour alone never tells regions apart: legends, direct labels and tables name them.
PALETTE = tuple(REGION_COLOURS.values())

# What static/css/charts.css swaps in dark mode: attribute and colour, by the CSS variable used.
DARK_MODE_SWAPS = {
    "--fg": ("fill", INK),
    "--muted": ("fill", MUTED),
    "--rule": ("stroke", RULE),
    "--chart-empty-tile": ("fill", EMPTY_TILE),
}

WIDTH = 400  # the drawing's natural width: about 0.85x on a phone, 1.2x in a 30rem column
FONT_SIZE = 15
SMALL_FONT_SIZE = 13
TITLE_FONT_SIZE = 18
LINE_HEIGHT = 19
BAR_SIZE = 18


def region_colour(colour_index: int) -> str:
    """Return the palette colour of a region by its place in the palette."""
    return PALETTE[colour_index % len(PALETTE)]


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(colour: str) -> str:
    """Return the text colour that reads best on a data colour."""
    return max((ON_DATA_LIGHT, ON_DATA_DARK), key=lambda text: contrast(text, colour))


@functools.cache
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont | None:
    """Return Liberation Sans at a size, or None where it is not installed."""
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    path = Path("/usr/share/fonts/truetype/liberation") / name
    return ImageFont.truetype(str(path), size) if path.is_file() else None


def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """Return the drawn width of text in the chart font, the width vl-convert will measure."""
    font = _font(size, bold)
    if font is not None:
        return font.getlength(text)
    # Without the font file, a generous estimate from Arial's mean advances.
    wide = sum(1 for c in text if c.isupper() or c.isdigit() or c in "mwMW%")
    return (len(text) * 0.52 + wide * 0.12) * size * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float = FONT_SIZE, *, bold: bool = False) -> list[str]:
    """Return text broken into lines that fit width pixels, breaking at spaces."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size, bold=bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def vega_config() -> dict[str, Any]:
    """Return the Vega-Lite config every chart shares."""
    return {
        # The figure around the chart names and describes it to screen readers; Vega's own
        # per-mark labels ("x: 420; y: 0") would only be noise.
        "aria": False,
        "background": "transparent",
        "font": FONT,
        "padding": {"left": 2, "right": 2, "top": 4, "bottom": 4},
        "view": {"stroke": None},
        "title": {
            "anchor": "start",
            "color": INK,
            "font": FONT,
            "fontSize": TITLE_FONT_SIZE,
            "fontWeight": "bold",
            "subtitleColor": MUTED,
            "subtitleFont": FONT,
            "subtitleFontSize": FONT_SIZE,
            "offset": 12,
        },
        "axis": {
            "domain": False,
            "grid": False,
            "ticks": False,
            "labelColor": MUTED,
            "labelFont": FONT,
            "labelFontSize": SMALL_FONT_SIZE,
            "titleColor": MUTED,
            "titleFont": FONT,
            "titleFontSize": SMALL_FONT_SIZE,
            "titleFontWeight": "normal",
        },
        "header": {
            "labelColor": INK,
            "labelFont": FONT,
            "labelFontSize": FONT_SIZE,
            "labelFontWeight": "bold",
            "labelAnchor": "start",
            "labelAngle": 0,
            "labelOrient": "top",
            "title": None,
        },
        "text": {"color": INK, "font": FONT, "fontSize": FONT_SIZE},
        "bar": {"size": BAR_SIZE},
        "range": {"category": list(PALETTE)},
        "legend": {"disable": True},
        "concat": {"spacing": 18},
        "facet": {"spacing": 18},
    }


def page_title(subtitle: str | list[str]) -> dict[str, Any]:
    """Return the title a chart gets on a page, where the heading around it shows the title."""
    return {
        "text": subtitle,
        "anchor": "start",
        "color": MUTED,
        "font": FONT,
        "fontSize": FONT_SIZE,
        "fontWeight": "normal",
        "offset": 12,
    }
