"""Every page, and the site's CSS, pass the Nu HTML checker (vnu.jar from npm, system Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.htmlcheck

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(files: list[Path], *, relative_to: Path) -> dict[str, list[str]]:
    """Check every file in one Java run; return {file: ['line:column: message', ...]}."""
    if not VNU_JAR.is_file() or shutil.which("java") is None:
        pytest.fail(f"the Nu HTML checker needs {VNU_JAR} (npm ci) and java: run `make test`")
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--also-check-css", "--format", "json"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(completed.stderr or completed.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no report (exit {completed.returncode}): {completed.stderr}")
    found: dict[str, list[str]] = {}
    for message in messages:
        address = message.get("url", "")
        name = address.removeprefix("file:")
        name = Path(name).relative_to(relative_to).as_posix() if name.startswith("/") else address
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        extract = " ".join(message.get("extract", "").split())[:120]
        text = f"{where}: {message['type']}: {message['message']}"
        found.setdefault(name, []).append(f"{text} [{extract}]" if extract else text)
    if completed.returncode != 0 and not found:
        pytest.fail(f"vnu.jar failed (exit {completed.returncode}): {completed.stderr[-2000:]}")
    return found


def check_site(folder: Path, pages: list[str]) -> None:
    """Assert that every page and stylesheet of a built site has no error."""
    files = [folder / page for page in pages]
    files += sorted(path for path in (folder / "static").rglob("*.css"))
    assert len(files) > len(pages), "the site has no stylesheet to check"
    errors = vnu_errors(files, relative_to=folder)
    report = [f"{name}:\n  " + "\n  ".join(lines) for name, lines in sorted(errors.items())]
    assert not errors, f"{len(errors)} files have HTML/CSS errors:\n" + "\n".join(report)


def test_every_page_is_valid_html(real_site):
    check_site(real_site.folder, real_site.pages)


def test_every_page_stays_valid_with_injection_payloads(injection_site):
    check_site(injection_site.site.folder, injection_site.site.pages)


def test_every_page_stays_valid_with_ten_regions(many_regions_site):
    check_site(many_regions_site.site.folder, many_regions_site.site.pages)


def test_the_checker_reports_errors(tmp_path):
    """A broken page must come back as errors, or the tests above prove nothing."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html><head></head><body><p><div></p></span></body>")
    errors = vnu_errors([broken], relative_to=tmp_path)
    assert "broken.html" in errors and len(errors["broken.html"]) >= 2
