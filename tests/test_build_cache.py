"""What a rebuild keeps: chart specs, drawings and compiled templates; never a stale page.

A rebuild in a new process with nothing changed must not import Altair or load vl-convert's
V8, and must publish the same bytes; a changed value, a damaged cache entry or a changed
template must show in the next build exactly as in a build from scratch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from ipregions.pipeline import Project, build_site

LOADED = """
import sys
from pathlib import Path
from ipregions.pipeline import Project, build_site
build_site(Project(Path(sys.argv[1])), Path(sys.argv[2]), quiet=True)
print(",".join(name for name in ("altair", "vl_convert") if name in sys.modules))
"""


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file below folder by its path, Pagefind's index aside (see publish tests)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "pagefind" not in path.parts
    }


def build_in_a_new_process(project: Path, site: Path) -> list[str]:
    """Build in a fresh interpreter; return which of Altair and vl-convert it loaded."""
    command = [sys.executable, "-c", LOADED, str(project), str(site)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return [name for name in completed.stdout.strip().split(",") if name]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the real data once; its cache is then warm."""
    folder = tmp_path_factory.mktemp("cache")
    project = copy_project(folder)
    build_site(Project(project), folder / "site", quiet=True)
    return project, folder / "site"


def test_a_rebuild_with_nothing_changed_loads_neither_altair_nor_v8(built) -> None:
    project, site = built
    before = tree(site)
    assert build_in_a_new_process(project, site) == []
    assert tree(site) == before


def test_a_damaged_cache_is_built_again_and_gives_the_same_site(built, tmp_path) -> None:
    project, site = built
    before = tree(site)
    for entry in (project / ".cache" / "specs").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    for entry in (project / ".cache" / "templates").rglob("*.cache"):
        entry.write_bytes(b"not bytecode")
    assert "altair" in build_in_a_new_process(project, site)
    assert tree(site) == before


def test_a_changed_value_and_template_show_in_the_next_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    build_site(Project(project), tmp_path / "site", quiet=True)
    source = next(
        path
        for path in sorted((project / "data" / "sources").glob("*.yaml"))
        if "value: 618000" in path.read_text(encoding="utf-8")
    )
    text = source.read_text(encoding="utf-8").replace("value: 618000", "value: 618001", 1)
    source.write_text(text.replace("618,000", "618,001", 1), encoding="utf-8")
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</main>", "</main><!--new-->"))
    build_site(Project(project), tmp_path / "site", quiet=True)
    fresh = copy_project(tmp_path, name="fresh")
    for path in (source, base):  # the same inputs, built with no cache at all
        relative = path.relative_to(project)
        (fresh / relative).write_bytes(path.read_bytes())
    build_site(Project(fresh), tmp_path / "fresh-site", quiet=True)
    assert tree(tmp_path / "site") == tree(tmp_path / "fresh-site")
    site = tree(tmp_path / "site")
    assert b"<!--new-->" in site["index.html"]
    specs = [json.loads(body) for name, body in site.items() if name.endswith(".vl.json")]
    assert any("618001" in json.dumps(spec) for spec in specs)
