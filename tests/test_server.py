"""The live preview: a real `build.py serve`, a real Chromium, real edits of a copy of the data."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ipregions.pipeline import Project
from ipregions.preview.incremental import IncrementalBuilder
from ipregions.preview.responses import content_type, inject, locate
from ipregions.preview.server import Preview, PreviewServer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate import copy_project, edit_one_fact  # noqa: E402

HOSTILE_METRIC = "<img src=x onerror=alert(1)>"
SLOW = 180_000  # ms: the first build draws every chart and social image


def free_port() -> int:
    """Return a TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """Return the status, headers and body of a GET, errors included."""
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for_status(base: str, condition, timeout: float = SLOW / 1000) -> dict:
    """Poll the preview's status until condition holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status = json.loads(get(base + "__preview/status")[2])
            if condition(status):
                return status
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError("the preview did not reach the expected state in time")


@dataclass
class Serve:
    """A running `build.py serve` on a copy of the project."""

    root: Path
    base: str
    log: Path

    def terminal(self) -> str:
        """Return what the server printed so far."""
        return self.log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """Run the preview server as its own process on a free port, on a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    port = free_port()
    log = root.parent / "serve.log"
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root)]
    command += ["serve", "--port", str(port)]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for_status(base, lambda status: status["builds"] >= 1)
        yield Serve(root, base, log)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def break_metric(root: Path, relative: str, fact_id: str) -> tuple[str, str, int, int]:
    """Set a fact's metric to HTML; return the old text, the new text, and the value's position."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    start = text.index(f"id: {fact_id}")
    metric_at = text.index("metric: ", start) + len("metric: ")
    end = text.index("\n", metric_at)
    broken = text[:metric_at] + HOSTILE_METRIC + text[end:]
    line = text.count("\n", 0, metric_at) + 1
    column = metric_at - text.rfind("\n", 0, metric_at)
    return text, broken, line, column


def test_edit_break_and_fix_a_file_under_a_running_preview(serve, browser):
    from playwright.sync_api import expect

    edit = edit_one_fact(serve.root, write=False)
    context = browser.new_context()
    outside: list[str] = []

    def only_the_preview(route):
        if route.request.url.startswith(serve.base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_preview)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    page.goto(f"{serve.base}facts/{edit.fact_id}/")
    main = page.locator("main")
    expect(main).to_contain_text(f"{edit.old:,}")
    page.evaluate("window.notReloaded = true")

    # Change the figure: the open page reloads by itself and shows the new one.
    builds = json.loads(get(serve.base + "__preview/status")[2])["builds"]
    edit_one_fact(serve.root)
    expect(main).to_contain_text(f"{edit.new:,}", timeout=SLOW)
    assert page.evaluate("window.notReloaded === undefined")
    wait_for_status(serve.base, lambda status: status["builds"] > builds and status["ok"])

    # Break the file: the overlay names the file, line and column, and shows the text as text.
    original, broken, line, column = break_metric(serve.root, edit.path, edit.fact_id)
    (serve.root / edit.path).write_text(broken, encoding="utf-8")
    overlay = page.locator("#preview-errors")
    expect(overlay).to_be_visible(timeout=SLOW)
    where = f"{edit.path}:{line}:{column}"
    first_error = overlay.locator(".preview-error").first
    expect(first_error.locator(".preview-error-where")).to_have_text(where)
    expect(first_error.locator(".preview-error-message")).to_have_text(
        f"metric '{HOSTILE_METRIC}' is not defined"
    )
    expect(first_error.locator(".preview-error-hint")).to_have_text(
        "metrics are defined in data/metrics.yaml"
    )
    assert overlay.locator("img").count() == 0
    viewport = page.viewport_size
    box = overlay.bounding_box()
    assert box is not None and viewport is not None
    assert (box["width"], box["height"]) == (viewport["width"], viewport["height"])
    assert page.evaluate("document.querySelector('main').closest('[inert]') !== null")
    status = wait_for_status(serve.base, lambda status: not status["ok"])
    expected_line = f"{where}: error: metric '{HOSTILE_METRIC}' is not defined"
    assert any(error["text"].startswith(expected_line) for error in status["errors"])
    assert expected_line in serve.terminal()

    # Any page opened while the input is broken shows the errors, not stale content.
    other = context.new_page()
    other.goto(f"{serve.base}regions/")
    expect(other.locator("#preview-errors .preview-error-where").first).to_have_text(where)
    expect(other.locator("main h1")).to_have_text("The build failed")
    other.close()

    # Fix the file: the overlay goes and the page shows the site again.
    (serve.root / edit.path).write_text(original, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=SLOW)
    expect(main).to_contain_text(f"{edit.new:,}")
    assert outside == []
    assert problems == []
    context.close()


@pytest.fixture(scope="module")
def preview_in_process(serve) -> Iterator[tuple[Preview, str]]:
    """Run the preview server in this process over the same copy, for protocol-level checks."""
    builder = IncrementalBuilder(Project(serve.root), base_url="http://127.0.0.1:8000/")
    preview = Preview(builder, quiet=True)
    preview.rebuild()
    server = PreviewServer(("127.0.0.1", 0), preview)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield preview, f"http://127.0.0.1:{server.server_address[1]}/"
    preview.stop()
    server.shutdown()
    server.server_close()


def test_pages_are_served_with_the_reload_script_and_files_as_they_are(preview_in_process):
    preview, base = preview_in_process
    status, headers, body = get(base)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert b'<script src="/__preview/reload.js"' in body
    assert body == inject(preview.state.files["index.html"], preview.state.generation)
    status, headers, body = get(base + "static/css/site.css")
    assert (status, body) == (200, preview.state.files["static/css/site.css"])
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    status, headers, body = get(base + "__preview/reload.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert b"innerHTML" not in body and b"textContent" in body


def test_the_search_index_is_made_after_a_build(preview_in_process):
    preview, base = preview_in_process
    deadline = time.monotonic() + 120
    while not preview.state.search and time.monotonic() < deadline:
        time.sleep(0.1)
    status, headers, body = get(base + "pagefind/pagefind.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert body == preview.state.search["pagefind/pagefind.js"]


def test_unknown_paths_get_the_404_page_and_folders_a_slash(preview_in_process):
    _, base = preview_in_process
    status, _, body = get(base + "no/such/page/")
    assert status == 404 and b"/__preview/reload.js" in body
    request = urllib.request.Request(base + "regions")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "/regions/"


def test_the_built_site_never_contains_the_reload_script(serve, tmp_path):
    out = tmp_path / "site"
    command = [sys.executable, str(REPO / "build.py"), "--quiet", "--root", str(serve.root)]
    completed = subprocess.run(
        [*command, "--out", str(out)], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert completed.returncode == 0, completed.stderr
    pages = [path for path in out.rglob("*.html")]
    assert len(pages) > 10
    for path in out.rglob("*"):
        if path.is_file():
            assert b"__preview" not in path.read_bytes(), path


def test_inject_puts_the_tags_at_the_end_of_the_head():
    page = b"<!doctype html><html><head><title>x</title></head><body></body></html>"
    injected = inject(page, 7)
    assert injected.startswith(b"<!doctype html><html><head><title>x</title><link ")
    assert b'data-generation="7" defer></script></head><body>' in injected


def test_locate_maps_urls_to_files():
    files = {"index.html": b"", "regions/index.html": b"", "feed.xml": b""}
    assert locate(files, "/") == ("index.html", None)
    assert locate(files, "/regions/") == ("regions/index.html", None)
    assert locate(files, "/regions") == (None, "/regions/")
    assert locate(files, "/feed.xml") == ("feed.xml", None)
    assert locate(files, "/../etc/passwd") == (None, None)
    assert content_type("feed.xml") in {"application/xml", "text/xml; charset=utf-8"}
    assert content_type("a/b.html") == "text/html; charset=utf-8"


def test_serve_refuses_a_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, str(REPO / "build.py"), "--root", str(REPO), "serve"]
        completed = subprocess.run(
            [*command, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
            env={**os.environ},
            check=False,
        )
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"error: cannot serve on 127.0.0.1:{port}:")


def test_replacing_site_yaml_rebuilds_every_time(serve):
    settings = serve.root / "site.yaml"
    original = settings.read_text(encoding="utf-8")
    try:
        for title in ("Regions Preview One", "Regions Preview Two"):
            builds = json.loads(get(serve.base + "__preview/status")[2])["builds"]
            replacement = serve.root / ".site.yaml.saving"  # how editors save: write, then rename
            replacement.write_text(
                re.sub(r"(?m)^title: .*$", f"title: {title}", original), encoding="utf-8"
            )
            os.replace(replacement, settings)
            wait_for_status(serve.base, lambda status, b=builds: status["builds"] > b)
            assert f"<title>{title}: ".encode() in get(serve.base)[2]
    finally:
        settings.write_text(original, encoding="utf-8")
        wait_for_status(serve.base, lambda status: b"Regions Preview" not in get(serve.base)[2])
