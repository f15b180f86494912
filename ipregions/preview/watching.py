"""Watch the project's inputs and ask the preview to rebuild when one changes.

Room: preview. Imports: nothing of the package.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

WATCHED_FOLDERS = ("data", "content", "templates", "static")
WATCHED_FILES = ("site.yaml",)


def watched_folders(root: Path) -> list[Path]:
    """Return the folders whose changes call for a rebuild."""
    return [root / name for name in WATCHED_FOLDERS if (root / name).is_dir()]


def stamps(root: Path, files: list[Path]) -> dict[str, tuple[int, int]]:
    """Return the modification time and size of each file that exists, by its project path."""
    return {
        file.relative_to(root).as_posix(): (file.stat().st_mtime_ns, file.stat().st_size)
        for file in files
        if file.is_file()
    }


def settings_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Return the stamps of the settings files in the project folder (site.yaml)."""
    return stamps(root, [root / name for name in WATCHED_FILES])


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Return the stamps of every input file: the watched folders' and the settings."""
    files = [file for folder in watched_folders(root) for file in folder.rglob("*")]
    return stamps(root, files) | settings_stamps(root)


def describe_changes(names: set[str]) -> str:
    """Return the changed files as the editor knows them: 'data/sources/x.yaml'."""
    listed = sorted(names)
    return ", ".join(listed[:3]) + (f" and {len(listed) - 3} more" if len(listed) > 3 else "")


def watch(
    root: Path,
    rebuild: Callable[[str], object],
    stop: threading.Event,
    before: dict[str, tuple[int, int]],
) -> None:
    """Rebuild whenever an input file changes, until stop is set.

    The folders are watched by the operating system. site.yaml is compared twice a second
    instead: editors save a file by replacing it, which ends a watch on the file itself. before
    is the snapshot taken when the first build started: a file saved between then and the moment
    the watcher listens is caught by comparing snapshots once it does.
    """
    import watchfiles

    settings = {name: key for name, key in before.items() if name in WATCHED_FILES}
    listening = False
    for changes in watchfiles.watch(
        *watched_folders(root),
        stop_event=stop,
        debounce=400,  # an editor saving several files at once gives one rebuild
        step=30,
        rust_timeout=500,
        yield_on_timeout=True,  # also yield empty batches: to compare site.yaml, and to know
        raise_interrupt=False,  # that the watcher is listening
    ):
        changed = {Path(path).relative_to(root).as_posix() for _, path in changes}
        now = settings_stamps(root)
        if now != settings:
            settings = now
            changed |= set(WATCHED_FILES)
        if not listening:
            listening = True
            if not changed and snapshot(root) != before:
                changed.add("files saved during the first build")
        if changed:
            rebuild(describe_changes(changed))
