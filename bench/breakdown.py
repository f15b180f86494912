"""Print where a profiled build spends its time, by stage, from a cProfile file.

Usage: python -m cProfile -o build.prof build.py --quiet --root PROJECT --out OUT
       python bench/breakdown.py build.prof
Times are cumulative wall seconds in the main process (a pool's work shows as waiting).
"""

from __future__ import annotations

import pstats
import sys

STAGES = {  # label: (function name, part of its file name)
    "whole build": ("build_site", "pipeline.py"),
    "load and validate the data": ("load_model", "validation.py"),
    "derive": ("derive", "derive.py"),
    "chart specs (Altair)": ("build_charts", "registry.py"),
    "draw charts and the bundle (vl-convert)": ("render_charts", "drawing.py"),
    "render pages and social cards": ("render_site", "render.py"),
    "of which social cards drawn": ("draw_social_image", "social.py"),
    "of which social cards (old: drawn every time)": ("social_image", "social.py"),
    "open data files": ("open_data_files", "open_data.py"),
    "publish, with the search index": ("publish", "publish.py"),
    "of which Pagefind": ("index_for_search", "pipeline.py"),
}


def main(path: str) -> int:
    """Print one line per stage: cumulative seconds and share of the whole build."""
    stats = pstats.Stats(path).stats  # type: ignore[attr-defined]
    found = {}
    for label, (name, file_part) in STAGES.items():
        found[label] = max(
            (
                row[3]
                for (file, _, function), row in stats.items()
                if function == name and file_part in file
            ),
            default=None,
        )
    whole = found["whole build"] or 1.0
    for label, seconds in found.items():
        if seconds is not None:
            print(f"| {label} | {seconds:.2f} s | {100 * seconds / whole:.0f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
