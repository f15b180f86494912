"""--out never deletes or replaces a folder that a build did not make."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from ipregions.publish import MARKER, OutDirRefused, publish

NOT_OURS = (
    "--out holds files that no build made (a build replaces only an empty folder or one holding "
    f"its {MARKER} file: choose a new folder, or empty this one yourself)"
)
OWN_FOLDER = "build into a folder of its own, such as site/"


def build(project: Path, out: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line's build into out, from inside the project copy.

    The working folder is the copy, never this repository: before the fix an empty --out
    replaced the working folder with a site.
    """
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", out],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=project,
    )


def contents(folder: Path) -> dict[str, bytes]:
    """Return every file below folder by its relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_a_folder_holding_other_files_is_refused_and_kept(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    completed = build(project, str(out))
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        f"{out}:1:1: error: {NOT_OURS}",
        "1 error; nothing was written",
    ]
    assert contents(out) == {"thesis.txt": b"years of work"}


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("{project}", f"--out is the project folder or holds it ({OWN_FOLDER})"),
        ("{project}/..", f"--out is the project folder or holds it ({OWN_FOLDER})"),
        (".", f"--out is the project folder or holds it ({OWN_FOLDER})"),
        ("{project}/data", f"--out is inside the project's inputs (data) ({OWN_FOLDER})"),
        ("{project}/data/new", f"--out is inside the project's inputs (data) ({OWN_FOLDER})"),
        ("{project}/static", f"--out is inside the project's inputs (static) ({OWN_FOLDER})"),
        ("{project}/site.yaml", f"--out is inside the project's inputs (site.yaml) ({OWN_FOLDER})"),
    ],
)
def test_the_project_and_its_inputs_are_refused(project: Path, out: str, message: str) -> None:
    before = contents(project.parent)
    target = out.format(project=project)
    completed = build(project, target)
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        f"{target}:1:1: error: {message}",
        "1 error; nothing was written",
    ]
    assert contents(project.parent) == before


def test_an_empty_out_path_is_refused(project: Path) -> None:
    before = contents(project)
    completed = build(project, "")
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "--out:1:1: error: --out is empty (name the folder to build into, such as site)",
        "1 error; nothing was written",
    ]
    assert contents(project) == before


def test_a_file_is_refused(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine")
    completed = build(project, str(out))
    assert completed.stderr.splitlines()[0] == (
        f"{out}:1:1: error: --out is a file, not a folder (choose a folder)"
    )
    assert out.read_text() == "mine"


def test_a_build_marks_its_folder_and_replaces_only_a_marked_one(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish({"index.html": b"one", "old.html": b"old"}, out)
    assert (out / MARKER).is_file()
    publish({"index.html": b"two"}, out)
    assert sorted(contents(out)) == [MARKER, "index.html"]
    assert (out / "index.html").read_bytes() == b"two"
    (out / MARKER).unlink()
    with pytest.raises(OutDirRefused) as refused:
        publish({"index.html": b"three"}, out)
    assert f"{refused.value} ({refused.value.hint})" == NOT_OURS
    assert contents(out) == {"index.html": b"two"}


def test_a_symlinked_deploy_folder_is_published_into_or_refused(tmp_path: Path) -> None:
    deploy = tmp_path / "deploy"
    deploy.mkdir()
    (deploy / "CNAME").write_text("example.org")
    link = tmp_path / "site"
    link.symlink_to(deploy, target_is_directory=True)
    with pytest.raises(OutDirRefused):
        publish({"index.html": b"one"}, link)
    assert contents(deploy) == {"CNAME": b"example.org"}
    assert link.is_symlink()

    (deploy / "CNAME").unlink()
    publish({"index.html": b"one"}, link)
    publish({"index.html": b"two"}, link)
    assert link.is_symlink() and link.resolve() == deploy.resolve()
    assert contents(deploy) == {MARKER: (deploy / MARKER).read_bytes(), "index.html": b"two"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["deploy", "site"]
