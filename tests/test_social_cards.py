"""Social cards: palette PNGs that look like the full-colour drawing, the same every time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from ipregions.inputs.config import load_config
from ipregions.web import social
from ipregions.web.site import SocialCard

ROOT = Path(__file__).resolve().parents[1]
CARDS = [
    SocialCard("Beijing · Valid invention patents", "573,000", "End of 2023 · +5.2 % year on year"),
    SocialCard(
        "Source",
        "A headline long enough to be wrapped on three lines and then cut with an ellipsis, "
        "about intellectual property in the Beijing-Tianjin-Hebei region and more words again",
        "China Daily, 3 March 2024",
    ),
    SocialCard("Data journalism", "China IP Regions"),
    SocialCard("Kicker " * 60, "Headline " * 80, "Detail " * 80),  # every part cut to fit
    SocialCard("", ""),  # nothing but the site's name and address
]


def full_colour_card(card: SocialCard) -> Image.Image:
    """Draw the card in RGB with Pillow, as the module drew it before palettes."""
    config = load_config(ROOT)
    image = Image.new("RGB", (social.WIDTH, social.HEIGHT), social.PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, social.WIDTH, 14), fill=social.ACCENT)
    for line in social.card_lines(card, config):
        draw.text((line.x, line.y), line.text, font=social.font(line.size), fill=line.fill)
    rule = (social.MARGIN, social.RULE_Y, social.WIDTH - social.MARGIN, social.RULE_Y)
    draw.line(rule, fill=social.RULE, width=2)
    return image


@pytest.mark.parametrize("card", CARDS, ids=["figure", "long-headline", "site", "long", "empty"])
def test_a_card_is_a_small_palette_png_that_looks_like_the_full_colour_drawing(
    card: SocialCard,
) -> None:
    drawn = social.draw_social_image(card, load_config(ROOT))
    image = Image.open(io.BytesIO(drawn))
    assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
    assert len(drawn) < 40_000  # the RGB cards were 60 KB
    difference = ImageChops.difference(image.convert("RGB"), full_colour_card(card))
    assert max(high for _, high in difference.getextrema()) <= 2  # of 255, in every channel


def test_every_ink_is_drawn_in_its_own_colour() -> None:
    image = Image.open(io.BytesIO(social.draw_social_image(CARDS[0], load_config(ROOT))))
    colours = {colour for _, colour in image.convert("RGB").getcolors(4096) or []}
    assert {social.PAPER, social.ACCENT, social.INK, social.MUTED, social.RULE} <= colours


def test_a_card_is_the_same_bytes_every_time() -> None:
    config = load_config(ROOT)
    assert len({social.draw_social_image(CARDS[1], config) for _ in range(3)}) == 1
