"""Write a complete site into a temporary folder and swap it in as one step.

Room: publish. Imports: nothing of the package.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path


def write_tree(files: Mapping[str, bytes], folder: Path) -> None:
    """Write every file of the site below folder, in a stable order."""
    for relative in sorted(files):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[relative])


def publish(
    files: Mapping[str, bytes],
    out_dir: Path,
    *,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write the site beside out_dir, finish it, then swap it in; on failure leave out_dir whole."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(f".{out_dir.name}.new-{os.getpid()}")
    retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        write_tree(files, staging)
        if finish is not None:
            finish(staging)
        if out_dir.exists():
            os.rename(out_dir, retired)
        try:
            os.rename(staging, out_dir)
        except OSError:
            if retired.exists():
                os.rename(retired, out_dir)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
