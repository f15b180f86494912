"""Hostile and careless input ends in a clean, located error: no crash, no hang, no traceback.

Each test breaks one input of a copy of the real project and runs the real `build.py check` in
its own process, so that a crash (a segfault in libyaml, a panic in a Rust extension) fails the
test rather than the test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project


def check(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the real `build.py check` on a project, from inside it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), *arguments, "check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=project,
    )


def errors_of(completed: subprocess.CompletedProcess[str]) -> list[str]:
    """Return the error lines printed, after asserting a clean failure."""
    assert completed.returncode == 1, (completed.returncode, completed.stderr[-2000:])
    assert "Traceback" not in completed.stderr + completed.stdout
    return [line for line in completed.stderr.splitlines() if ": error: " in line]


def first_source(project: Path) -> Path:
    """Return the first article's data file."""
    return sorted((project / "data" / "sources").glob("*.yaml"))[0]


def replace_in(file: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a file, failing when it is absent."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


# ---------------------------------------------------------------- structure


def test_deep_block_nesting_is_a_located_error_not_a_segfault(project: Path) -> None:
    deep = project / "data" / "sources" / "deep.yaml"
    deep.write_text("title: x\nsummary:\n" + "- " * 40_000 + "b\n", encoding="utf-8")
    assert errors_of(check(project)) == [
        "data/sources/deep.yaml:3:199: error: lists and mappings nest more than 100 deep "
        "(check the brackets and the indentation)"
    ]


def test_deep_front_matter_is_a_located_error(project: Path) -> None:
    page = project / "content" / "about.md"
    page.write_text(
        "---\ntitle: About\ndescription:\n" + "- " * 5_000 + "x\n---\nText.\n", encoding="utf-8"
    )
    assert errors_of(check(project)) == [
        "content/about.md:4:199: error: lists and mappings nest more than 100 deep "
        "(check the brackets and the indentation)"
    ]


def test_anchors_in_front_matter_are_refused_as_in_data_files(project: Path) -> None:
    page = project / "content" / "about.md"
    page.write_text("---\ntitle: &name About\ndescription: *name\n---\nText.\n", encoding="utf-8")
    assert errors_of(check(project)) == [
        "content/about.md:2:8: error: YAML anchor 'name' is not allowed "
        "(write the value out in full: anchors & and aliases * are refused)"
    ]
