"""The region colours an editor may name, and the colour a region id hashes to.

Room: model. Imports: nothing of the package.
"""

from __future__ import annotations

import hashlib

# The region colours, by the name an editor writes as `colour:` in a region file. The order is
# fixed for good: a region's colour is its place in this list, so names are only ever appended.
# All sit at a WCAG luminance of 0.13-0.29 (3:1 on white and on the dark page) and stay apart
# (CIE76 ΔE > 15) for readers with deuteranopia or protanopia; charts/theme.py explains the rest.
REGION_COLOURS = {
    "blue": "#2a6fdb",
    "vermilion": "#b5451b",
    "green": "#0b9f6f",
    "petrol": "#217083",
    "violet": "#6e39ff",
    "ochre": "#c48300",
    "periwinkle": "#728edc",
    "turquoise": "#00a297",
    "emerald": "#129e4a",
    "sea-blue": "#006da3",
    "sky": "#2e9db8",
    "pine": "#0d7460",
}


def colour_from_id(region_id: str) -> int:
    """Return the palette place a region id hashes to: the same for good, whatever else exists."""
    digest = hashlib.sha256(region_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % len(REGION_COLOURS)
