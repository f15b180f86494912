"""Give each region its colour for good: the one its file names, or the one its id hashes to.

Room: inputs. Imports: model, errors, inputs.
"""

from __future__ import annotations

import yaml

from ipregions.errors import EditorError
from ipregions.inputs.collected import Collected
from ipregions.model.colours import REGION_COLOURS, colour_from_id


def assign_colours(
    collected: Collected, colours: dict[str, tuple[str | None, yaml.Node | None]]
) -> None:
    """Give each region its named colour, or the one its id hashes to; refuse a shared one.

    A colour never moves to make room: a clash is an error on the region that named or hashed
    to a taken colour, so an editor gives the new region a free colour. Named colours are
    placed first, then hashed ones, each group by id.
    """
    names = list(REGION_COLOURS)
    taken: dict[int, str] = {}
    named = sorted(name for name, (colour, _) in colours.items() if colour)
    hashed = sorted(name for name, (colour, _) in colours.items() if not colour)
    for name in [*named, *hashed]:
        colour, node = colours[name]
        region = collected.regions[name]
        region.colour_index = names.index(colour) if colour else colour_from_id(name)
        other = taken.get(region.colour_index)
        if other is None:
            taken[region.colour_index] = name
            continue
        free = [n for i, n in enumerate(names) if i not in taken and i != region.colour_index]
        free_words = ", ".join(free)
        colour_name = names[region.colour_index]
        assert region.location is not None
        if node is not None:
            message = f"colour '{colour_name}' is already taken by region '{other}'"
            hint = f"choose a free colour: {free_words}" if free else None
            collected.report(region.location.path, node, message, hint)
        else:
            hint = f"give the region you are adding a free 'colour:': {free_words}"
            message = f"region '{name}' takes colour '{colour_name}' from its id, "
            message += f"as region '{other}' does"
            collected.problems.append(EditorError(region.location.path, 1, 1, message, hint))
