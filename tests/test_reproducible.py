"""Two builds of the same input produce byte-identical sites.

The builds differ in everything that should not matter: the project's folder, the output's
folder, a cold or a warm chart cache, the hash seed, the time zone, the locale and the clock.
Time zones are never behind UTC: validation refuses dates after the local today, so a zone
behind UTC could refuse a source added today (UTC) and make the test depend on the hour.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project


def build(project: Path, out: Path, **environment: str) -> None:
    """Build a project with build.py in a fresh interpreter under the given environment."""
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--root",
            str(project),
            "--out",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **environment},
    )
    assert completed.returncode == 0, completed.stderr


def differences(first: Path, second: Path) -> list[str]:
    """Return every path that is missing from one tree or differs in its bytes."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in first: {prefix}{name}" for name in comparison.left_only)
        found.extend(f"only in second: {prefix}{name}" for name in comparison.right_only)
        found.extend(f"different type: {prefix}{name}" for name in comparison.common_funny)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(f"different bytes: {prefix}{name}" for name in mismatch + errors)
        for name, sub in sorted(comparison.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second, ignore=[]), "")
    return sorted(found)


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    first = copy_project(tmp_path, name="first")
    second = copy_project(tmp_path, name="elsewhere/second")
    build(first, tmp_path / "a" / "site", PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C")
    build(second, tmp_path / "b" / "out", PYTHONHASHSEED="2", TZ="Asia/Shanghai", LC_ALL="C.UTF-8")
    problems = differences(tmp_path / "a" / "site", tmp_path / "b" / "out")
    assert not problems, "\n".join(problems)
    # Again with the chart cache the first build left behind.
    build(first, tmp_path / "c" / "site", PYTHONHASHSEED="3", TZ="Pacific/Kiritimati")
    problems = differences(tmp_path / "a" / "site", tmp_path / "c" / "site")
    assert not problems, "\n".join(problems)


def test_the_comparison_sees_a_changed_byte(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "page.html").write_bytes(b"<p>same length</p>")
    (tmp_path / "two" / "sub" / "page.html").write_bytes(b"<p>same lengtH</p>")
    (tmp_path / "two" / "extra.css").write_bytes(b"")
    assert differences(tmp_path / "one", tmp_path / "two") == [
        "different bytes: sub/page.html",
        "only in second: extra.css",
    ]
