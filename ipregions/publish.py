"""Write a complete site into a temporary folder and swap it in as one step.

Room: publish. Imports: nothing of the package.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

# A file every build writes into the site: a folder holding it was made by a build and may be
# replaced by the next one. Any other folder that is not empty belongs to someone else.
MARKER = ".ipregions-build"
MARKER_TEXT = b"Built by China IP Regions: the next build replaces this whole folder.\n"
# What a project is made of: the site may never be written over, into or around them.
INPUTS = ("data", "content", "templates", "static", "schemas", "site.yaml", ".git")


class OutDirRefused(Exception):
    """The output folder may not be replaced: what is wrong with it and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        """Keep the message and the hint apart, for the one-line error."""
        super().__init__(message)
        self.message = message
        self.hint = hint


def out_dir_problem(out_dir: Path, *, project_root: Path | None = None) -> OutDirRefused | None:
    """Return why out_dir may not be replaced by a build (None when it may)."""
    target = out_dir.resolve()  # a symlinked deploy folder: the build replaces its target
    own_folder = "build into a folder of its own, such as site/"
    if project_root is not None:
        root = project_root.resolve()
        if target == root or root.is_relative_to(target):
            return OutDirRefused("--out is the project folder or holds it", own_folder)
        for part in INPUTS:
            if target.is_relative_to(root / part):
                return OutDirRefused(f"--out is inside the project's inputs ({part})", own_folder)
    if target.exists() and not target.is_dir():
        return OutDirRefused("--out is a file, not a folder", "choose a folder")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        hint = (
            f"a build replaces only an empty folder or one holding its {MARKER} file: choose a "
            "new folder, or empty this one yourself"
        )
        return OutDirRefused("--out holds files that no build made", hint)
    return None


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
    """Write the site beside out_dir, finish it, then swap it in; on failure leave out_dir whole.

    A folder that is not empty and was not made by a build is refused, never replaced.
    """
    if refused := out_dir_problem(out_dir):
        raise refused
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
        (staging / MARKER).write_bytes(MARKER_TEXT)
        if refused := out_dir_problem(out_dir):  # someone wrote into it while we built
            raise refused
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
