"""Draw each page's social-media preview image with Pillow, byte for byte the same every build.

A card is four inks on paper and their anti-aliased edges, so it is drawn as a palette image, one
byte a pixel: it compresses in a tenth of the time of RGB and to half the size, and no pixel is
more than 2 of 255 away from the RGB drawing. Drawing and compressing a card still takes about
7 ms, so cards are kept under the cache folder by a hash of everything drawn on them (the words,
the site's title and address, this module's version and Pillow's): a rebuild draws only the cards
whose words changed, and a cold build draws them in threads before the pages ask for them.

Room: web. Imports: model, web.site.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL
from PIL import Image, ImageDraw, ImageFont

from ipregions.model.site import SiteConfig

if TYPE_CHECKING:
    from ipregions.web.site import SocialCard

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
PAPER = (250, 248, 243)
INK = (26, 32, 44)
MUTED = (84, 90, 102)
ACCENT = (163, 29, 45)
RULE = (210, 206, 198)
INKS = (ACCENT, MUTED, INK, RULE)  # palette index 0 is the paper; each ink gets SHADES more
SHADES = 63  # steps of anti-aliasing from the paper to an ink
PNG_LEVEL = 3  # zlib level: 6 takes twice as long for a file 17 % smaller
IMAGE_BLOCKS_KEPT = 16  # freed blocks of image memory Pillow keeps for reuse (16 MB or less each)
BAND_SLACK = 8  # rows above a line's top that its accents may reach
RULE_Y = HEIGHT - 92  # the rule above the site's address
DETAIL_LINE = 46
DETAIL_SIZE = 34
DETAIL_LINES = 3
HEADLINE_SIZES = (96, 84, 72, 62, 54, 46)
DRAWING_VERSION = "3"  # change when the drawing changes, so cached cards are drawn again
# Where cards are kept between builds; None keeps none.
CACHE: dict[str, Path | None] = {"folder": None}


def use_cache_folder(folder: Path | None) -> None:
    """Keep drawn cards under folder/social (None: draw every card every time)."""
    CACHE["folder"] = folder


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Return Pillow's bundled font at a size: no system fonts needed."""
    loaded = ImageFont.load_default(size=size)
    if not isinstance(loaded, ImageFont.FreeTypeFont):  # a Pillow built without FreeType
        raise RuntimeError("Pillow needs FreeType to draw social images")
    return loaded


# Pillow's bundled font lacks a few characters our text uses; these stand in for them.
STAND_INS = {"–": "-", "—": "-", "−": "-", "×": "x"}


@cache
def has_glyph(character: str) -> bool:
    """Return whether the bundled font draws character (rather than its empty-box glyph)."""
    missing = bytes(font(30).getmask("\uffff"))
    return character.isspace() or bytes(font(30).getmask(character)) != missing


def drawable(text: str) -> str:
    """Return text with each character the bundled font lacks replaced or, failing that, dropped."""
    characters = []
    for character in text:
        character = STAND_INS.get(character, character)
        if not has_glyph(character):  # é → e; Chinese and other scripts are left out
            character = "".join(
                c for c in unicodedata.normalize("NFKD", character) if has_glyph(c) and c.isascii()
            )
        characters.append(character)
    return " ".join("".join(characters).split())


def wrap(text: str, size: int, width: int, max_lines: int) -> list[str]:
    """Return text broken into lines that fit width, the last one cut with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font(size).getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font(size).getlength(last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def fitted_headline(text: str, width: int, height: int) -> tuple[int, list[str]]:
    """Return the largest headline size whose lines (three at most) fit width and height."""
    if not text.split():
        return HEADLINE_SIZES[0], []
    for size in HEADLINE_SIZES:
        lines = wrap(text, size, width, 3)
        if not lines[-1].endswith("…") and len(lines) * line_height(size) <= height:
            return size, lines
    size = HEADLINE_SIZES[-1]
    return size, wrap(text, size, width, max(1, min(3, height // line_height(size))))


def line_height(size: int) -> int:
    """Return the distance between headline lines."""
    return int(size * 1.15)


@dataclass(frozen=True)
class DrawnLine:
    """One line of text on a social image: where, what, how big and in which colour."""

    x: int
    y: int
    text: str
    size: int
    fill: tuple[int, int, int]


def card_lines(card: SocialCard, config: SiteConfig) -> list[DrawnLine]:
    """Return every line of text a social image shows, laid out: the tests read these."""
    kicker, headline, detail = (drawable(t) for t in (card.kicker, card.headline, card.detail))
    text_width = WIDTH - 2 * MARGIN
    lines = [DrawnLine(MARGIN, 56, config.title.upper(), 30, ACCENT)]
    y = 120
    for line in wrap(kicker, 36, text_width, 1):
        lines.append(DrawnLine(MARGIN, y, line, 36, MUTED))
        y += 52
    # A figure's detail carries its date and any inferred mark: it gets the lines it needs and
    # the headline shrinks to make room.
    details = wrap(detail, DETAIL_SIZE, text_width, DETAIL_LINES) if detail else []
    room = RULE_Y - 24 - (y + 12) - (16 + DETAIL_LINE * len(details))
    size, headline_lines = fitted_headline(headline, text_width, room)
    y += 12
    for line in headline_lines:
        lines.append(DrawnLine(MARGIN, y, line, size, INK))
        y += line_height(size)
    y += 16
    for line in details:
        lines.append(DrawnLine(MARGIN, y, line, DETAIL_SIZE, MUTED))
        y += DETAIL_LINE
    address = (config.host + config.base_path).rstrip("/")
    lines.append(DrawnLine(MARGIN, RULE_Y + 22, address, 28, MUTED))
    return lines


def card_key(card: SocialCard, config: SiteConfig) -> str:
    """Return a hash of everything drawn on a card: its cache key."""
    address = config.host + config.base_path
    parts = (DRAWING_VERSION, PIL.__version__, repr(card), config.title, address)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def card_path(card: SocialCard, config: SiteConfig) -> Path | None:
    """Return where a card is cached, or None when no cache folder is in use."""
    folder = CACHE["folder"]
    return None if folder is None else Path(folder) / "social" / f"{card_key(card, config)}.png"


def prepare_social_images(cards: Iterable[SocialCard], config: SiteConfig) -> None:
    """Draw the cards the cache lacks, in threads (Pillow compresses without the GIL)."""
    missing = {}
    for card in cards:
        path = card_path(card, config)
        if path is not None and not path.is_file():
            missing[path] = card

    def draw_into_cache(card: SocialCard) -> None:
        social_image(card, config)  # the bytes go to the cache folder, none are kept here

    if len(missing) > 1:
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(draw_into_cache, missing.values()))


def social_image(card: SocialCard, config: SiteConfig) -> bytes:
    """Return a page's card, from the cache folder when the same card was drawn before."""
    path = card_path(card, config)
    if path is None:
        return draw_social_image(card, config)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    image = draw_social_image(card, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{id(image)}.tmp")
    temporary.write_bytes(image)
    os.replace(temporary, path)  # whole or not at all, so a killed build leaves no half card
    return image


def draw_social_image(card: SocialCard, config: SiteConfig) -> bytes:
    """Return a 1200×630 PNG with the site's name, the page's kicker, headline and detail."""
    keep_image_memory()
    lines = card_lines(card, config)
    canvas = frame(lines[0], lines[-1]).copy()  # the site's name and address: on every card
    draw_lines(canvas, lines[1:-1])
    canvas.putpalette(palette())  # the grey levels become palette indices: a "P" image
    output = io.BytesIO()
    canvas.save(output, format="PNG", compress_level=PNG_LEVEL)
    return output.getvalue()


@cache
def keep_image_memory() -> None:
    """Let Pillow reuse freed image memory rather than map and fault in every canvas anew.

    A card's 0.75 MB canvases otherwise cost a third of its time in page faults.
    """
    Image.core.set_blocks_max(IMAGE_BLOCKS_KEPT)


@cache
def frame(name: DrawnLine, address: DrawnLine) -> Image.Image:
    """Return the part every card of a site shares, drawn once: bar, name, rule and address."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices, drawn as a grey image
    draw_lines(canvas, [name, address])
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, WIDTH, 14), fill=shade(ACCENT))
    draw.line((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y), fill=shade(RULE), width=2)
    return canvas


def draw_lines(canvas: Image.Image, lines: list[DrawnLine]) -> None:
    """Draw lines of text on the canvas as palette indices of their inks.

    The text is drawn as coverage (0 to SHADES), then each band of rows holding lines of one ink
    is turned into that ink's indices: a few operations a card instead of several a line.
    """
    draw = ImageDraw.Draw(canvas)
    for line in lines:
        draw.text((line.x, line.y), line.text, font=font(line.size), fill=SHADES)
    for top, bottom, ink in ink_bands(lines):
        box = (0, top, WIDTH, bottom)
        canvas.paste(canvas.crop(box).point(ink_levels(ink)), box)


def ink_bands(lines: list[DrawnLine]) -> list[tuple[int, int, tuple[int, int, int]]]:
    """Return the rows each run of same-ink lines covers, from its first top to its last bottom.

    Lines of different inks are laid out with room between them, so bands never overlap; were
    they to touch, the later band starts where the earlier one ends.
    """
    bands: list[tuple[int, int, tuple[int, int, int]]] = []
    for line in lines:
        ascent, descent = font(line.size).getmetrics()
        top, bottom = max(line.y - BAND_SLACK, 0), min(line.y + ascent + descent, HEIGHT)
        if bands and bands[-1][2] == line.fill:
            bands[-1] = (bands[-1][0], max(bands[-1][1], bottom), line.fill)
        else:
            bands.append((max(top, bands[-1][1]) if bands else top, bottom, line.fill))
    return [(top, bottom, ink) for top, bottom, ink in bands if top < bottom]


@cache
def ink_levels(ink: tuple[int, int, int]) -> list[int]:
    """Return the table that turns coverage into an ink's palette indices (0 stays paper)."""
    return [0] + [shade(ink, min(level, SHADES)) for level in range(1, 256)]


def shade(ink: tuple[int, int, int], coverage: int = SHADES) -> int:
    """Return the palette index of an ink at a coverage from 1 to SHADES."""
    return INKS.index(ink) * SHADES + coverage


@cache
def palette() -> tuple[int, ...]:
    """Return the card's palette: the paper, then SHADES blends from the paper to each ink."""
    blends = [
        round(paper + (ink[channel] - paper) * step / SHADES)
        for ink in INKS
        for step in range(1, SHADES + 1)
        for channel, paper in enumerate(PAPER)
    ]
    return (*PAPER, *blends)
