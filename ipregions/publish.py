"""Write a complete site into a temporary folder and swap it in as one step.

A file the published site already holds with the same bytes is hard-linked into the new one
rather than written again, and the finishing step hears which files changed, so a rebuild
that changes nothing writes next to nothing.

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


Finish = Callable[[Path, "Path | None", set[str]], None]  # staging, the site before, changed


def write_tree(files: Mapping[str, bytes], folder: Path, previous: Path | None = None) -> set[str]:
    """Write every file of the site below folder; return those previous did not hold the same.

    A file previous holds with the same bytes is hard-linked, not written: the build never
    writes into a published file, so the two sites may share it.
    """
    made: set[Path] = set()
    changed = set()
    for relative in sorted(files):
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        body = files[relative]
        if previous is not None and same_bytes(previous / relative, body):
            try:
                os.link(previous / relative, target)
                continue
            except OSError:  # another file system, or links not allowed: write it
                pass
        target.write_bytes(body)
        changed.add(relative)
    return changed


def same_bytes(path: Path, body: bytes) -> bool:
    """Return whether path is a regular file holding exactly body."""
    try:
        return path.stat().st_size == len(body) and path.read_bytes() == body
    except OSError:
        return False


def files_gone(previous: Path, files: Mapping[str, bytes]) -> set[str]:
    """Return the files below previous that the new site does not have."""
    gone = set()
    for folder, _, names in os.walk(previous):
        for name in names:
            relative = (Path(folder) / name).relative_to(previous).as_posix()
            if relative not in files and relative != MARKER:
                gone.add(relative)
    return gone


def publish(
    files: Mapping[str, bytes],
    out_dir: Path,
    *,
    finish: Finish | None = None,
) -> None:
    """Write the site beside out_dir, finish it, then swap it in; on failure leave out_dir whole.

    A folder that is not empty and was not made by a build is refused, never replaced. finish
    gets the new site's folder, the published one (None at first) and the paths that changed.
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
        previous = out_dir if (out_dir / MARKER).is_file() else None
        changed = write_tree(files, staging, previous)
        if finish is not None:
            gone = files_gone(previous, files) if previous is not None else set()
            finish(staging, previous, changed | gone)
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
