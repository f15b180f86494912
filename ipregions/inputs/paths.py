"""Keep the build inside the project: no input may be a link to a file outside it.

Room: inputs. Imports: errors.
"""

from __future__ import annotations

from pathlib import Path

from ipregions.errors import BuildError, EditorError

OUTSIDE_HINT = "copy the file into the project instead: the site would publish whatever it links to"


def project_root_of(file: Path, shown: str) -> Path:
    """Return the project folder, given a file and its path as shown: data/sources/x.yaml."""
    root = file.absolute()
    for _ in Path(shown).parts:
        root = root.parent
    return root


def links_outside(file: Path, shown: str) -> bool:
    """Return whether a file is, or lies under, a link that leads out of the project."""
    return not file.resolve().is_relative_to(project_root_of(file, shown).resolve())


def outside_error(shown: str) -> EditorError:
    """Return the error for a link out of the project."""
    return EditorError(shown, 1, 1, "the file links to a place outside the project", OUTSIDE_HINT)


def static_files(static_dir: Path) -> dict[str, bytes]:
    """Read every file below static/ for copying into the site under static/."""
    if not static_dir.is_dir():
        return {}
    files: dict[str, bytes] = {}
    errors: list[EditorError] = []
    for path in sorted(static_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(static_dir).as_posix()
        shown = f"{static_dir.name}/{relative}"
        if links_outside(path, shown):
            errors.append(outside_error(shown))
            continue
        files[f"static/{relative}"] = path.read_bytes()
    if errors:
        raise BuildError(errors)
    return files
