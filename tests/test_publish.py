"""A build that fails, at any step, leaves the previous site/ exactly as it was.

Each test publishes a good site, breaks one input of a project copy (or the disk), builds
again, and compares the old site file by file: names, bytes, modes and modification times, and
the folder itself (same inode: not swapped). No staging folder may be left beside it.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from ipregions.errors import BuildError
from ipregions.pipeline import Project, build_site
from ipregions.publish import MARKER, publish

# Two groups of comparable metrics whose labels end alike get the same breakdown chart title,
# so two charts would share an id: the chart step refuses the data.
CLASHING_METRICS = """
  - {id: alpha-widgets, label: Alpha widgets, unit: widget, unit_plural: widgets, kind: stock,
     definition: Test widgets., comparable_with: [beta-widgets]}
  - {id: beta-widgets, label: Beta widgets, unit: widget, unit_plural: widgets, kind: stock,
     definition: Test widgets., comparable_with: [alpha-widgets]}
  - {id: gamma-widgets, label: Gamma widgets, unit: widget, unit_plural: widgets, kind: stock,
     definition: Test widgets., comparable_with: [delta-widgets]}
  - {id: delta-widgets, label: Delta widgets, unit: widget, unit_plural: widgets, kind: stock,
     definition: Test widgets., comparable_with: [gamma-widgets]}
"""
WIDGET_SOURCE = """\
title: Widgets in two regions
original: {name: Test Daily}
added: 2024-07-01
summary: Made up for a test.
facts:
"""
WIDGET_FACT = """\
  - {{id: {region}-{metric}, place: {region}, metric: {metric}, value: 120, as_of: 2024-06,
     quote: "There were 120 widgets."}}
"""


def snapshot(folder: Path) -> dict[str, tuple]:
    """Return everything that makes a folder what it is, file by file."""
    state: dict[str, tuple] = {".": ("folder", folder.stat().st_ino, folder.stat().st_mode)}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        relative = path.relative_to(folder).as_posix()
        if path.is_dir():
            state[relative] = ("folder", info.st_mode)
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[relative] = ("file", digest, info.st_size, info.st_mode, info.st_mtime_ns)
    return state


def leftovers(site: Path) -> list[str]:
    """Return whatever a build left beside the site folder (staging or retired copies)."""
    return sorted(path.name for path in site.parent.iterdir() if path.name != site.name)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build a good site once (which also fills the project's chart cache)."""
    folder = tmp_path_factory.mktemp("published")
    project = copy_project(folder)
    site = folder / "out" / "site"
    build_site(Project(project), site, quiet=True)
    return project, site


@pytest.fixture
def previous(tmp_path: Path, published: tuple[Path, Path]) -> tuple[Path, Path, dict]:
    """Return a project copy, a published site and that site's snapshot."""
    project, site = published
    project_copy = tmp_path / "project"
    shutil.copytree(project, project_copy)
    site_copy = tmp_path / "out" / "site"
    shutil.copytree(site, site_copy)
    return project_copy, site_copy, snapshot(site_copy)


def assert_untouched(site: Path, before: dict) -> None:
    assert site.is_dir(), "the previous site is gone"
    assert snapshot(site) == before
    assert leftovers(site) == []


def failed_build(project: Path, site: Path) -> str:
    """Build in-process and return the editor errors it raised."""
    with pytest.raises(BuildError) as failure:
        build_site(Project(project), site, quiet=True)
    return "\n".join(str(error) for error in failure.value.errors)


def test_bad_yaml_leaves_the_previous_site(previous):
    project, site, before = previous
    region = sorted((project / "data" / "regions").glob("*.yaml"))[0]
    region.write_text(region.read_text(encoding="utf-8") + "members: [unclosed\n", encoding="utf-8")
    errors = failed_build(project, site)
    assert f"data/regions/{region.name}:" in errors and "invalid YAML" in errors
    assert_untouched(site, before)


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        ("{% if %}", "templates/fact.html:"),  # a syntax error, found when templates are read
        ("{{ 1 | no_such_filter }}", "templates/fact.html:"),  # found when compiled
        ("{{ page.no_such_field.deeper }}", "no_such_field"),  # found only while rendering
    ],
)
def test_template_error_leaves_the_previous_site(previous, mistake, expected):
    project, site, before = previous
    template = project / "templates" / "fact.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block main %}" in text
    template.write_text(text.replace("{% block main %}", "{% block main %}" + mistake, 1))
    errors = failed_build(project, site)
    assert "template error" in errors and expected in errors
    assert_untouched(site, before)


def test_chart_error_leaves_the_previous_site(previous):
    project, site, before = previous
    metrics = project / "data" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8") + CLASHING_METRICS, encoding="utf-8")
    regions = sorted(path.stem for path in (project / "data" / "regions").glob("*.yaml"))[:2]
    facts = "".join(
        WIDGET_FACT.format(region=region, metric=metric)
        for region, group in zip(regions, (("alpha-widgets", "gamma-widgets"),) * 2, strict=True)
        for metric in group
    )
    facts += "".join(
        WIDGET_FACT.format(region=region, metric=metric)
        for region, metric in zip(regions, ("beta-widgets", "delta-widgets"), strict=True)
    )
    source = project / "data" / "sources" / "widgets.yaml"
    source.write_text(WIDGET_SOURCE + facts, encoding="utf-8")
    errors = failed_build(project, site)
    assert "chart error: two charts would share the id 'widgets-by-type'" in errors
    assert_untouched(site, before)


def limit_file_size(limit: int):
    """Return a preexec function under which no file can grow past limit bytes."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write fails with EFBIG, not a kill

    return apply


@pytest.mark.parametrize("limit", [1, 16 * 1024, 256 * 1024])
def test_full_disk_leaves_the_previous_site(previous, limit):
    """Fill the disk for real, as far as the build can tell, at several points of writing.

    RLIMIT_FSIZE makes the kernel refuse any write past the limit (EFBIG), exactly as a full disk
    refuses it (ENOSPC): the build's own write() calls fail part-way through the site, with no
    mock, and no privileges needed (a small tmpfs would need mount rights that CI lacks).
    """
    project, site, _ = previous
    for path in site.rglob("*"):  # a file published the same would be linked, not written
        if path.is_file() and path.name != MARKER:
            path.write_bytes(path.read_bytes() + b"\n")
    before = snapshot(site)
    largest = max(path.stat().st_size for path in site.rglob("*") if path.is_file())
    assert largest > limit, "the limit must stop some file of the site"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", str(site)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit_file_size(limit),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert completed.returncode != 0
    assert "File too large" in completed.stderr, completed.stderr
    assert_untouched(site, before)


def test_a_good_build_replaces_the_site_and_leaves_nothing_beside_it(previous):
    """The same steps without a fault do publish: the tests above fail for the fault alone."""
    project, site, before = previous
    stale = site / "stale.html"
    stale.write_text("from an older build")
    build_site(Project(project), site, quiet=True)
    after = snapshot(site)
    assert not stale.exists()
    assert after["."][1] != before["."][1], "the new site is swapped in as a new folder"
    # Pagefind names its index files by content hashes that vary (see test_reproducible).
    pages = {name for name in after if not name.startswith("pagefind/")}
    assert pages == {name for name in before if not name.startswith("pagefind/")} - {"stale.html"}
    assert leftovers(site) == []


def test_a_rebuild_links_the_files_it_has_already_published_and_reports_the_rest(tmp_path):
    site = tmp_path / "site"
    heard: list[set[str]] = []

    def finish(staging: Path, before: Path | None, changed: set[str]) -> None:
        heard.append(changed)

    publish({"a.html": b"A", "b.png": b"B", "c.html": b"C"}, site, finish=finish)
    first = {name: (site / name).stat().st_ino for name in ("a.html", "b.png")}
    publish({"a.html": b"A", "b.png": b"B2", "d/e.html": b"E"}, site, finish=finish)
    assert heard == [{"a.html", "b.png", "c.html"}, {"b.png", "c.html", "d/e.html"}]
    assert (site / "a.html").stat().st_ino == first["a.html"]  # linked, not written
    assert (site / "b.png").stat().st_ino != first["b.png"]
    assert (site / "b.png").read_bytes() == b"B2" and not (site / "c.html").exists()
    assert (site / "a.html").stat().st_nlink == 1  # the old site is gone, its links with it


def test_the_search_index_is_made_again_only_when_a_page_changed(previous, tmp_path):
    project, site, _ = previous
    index = next((site / "pagefind").rglob("*.pf_meta"))
    kept = tmp_path / "kept-index-file"
    os.link(index, kept)  # holds the published index file's inode across the swap
    build_site(Project(project), site, quiet=True)  # nothing changed: the index is linked
    relinked = site / index.relative_to(site)
    assert relinked.stat().st_ino == kept.stat().st_ino
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    build_site(Project(project), site, quiet=True)  # a page changed: Pagefind ran again
    assert all(path.stat().st_ino != kept.stat().st_ino for path in site.rglob("*.pf_meta"))
    assert "One more sentence." in (site / "about" / "index.html").read_text(encoding="utf-8")
