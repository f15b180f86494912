"""Preview the site: build it in memory, serve it, rebuild on every change and reload the page.

Room: preview. Imports: errors, pipeline, publish, preview.watching.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
import traceback
from collections import ChainMap
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from ipregions.errors import BuildError, EditorError
from ipregions.pipeline import BuildResult, Project
from ipregions.preview.responses import PREVIEW_PREFIX, content_type, inject, locate
from ipregions.preview.watching import snapshot, watch

ASSETS_DIR = Path(__file__).parent
ASSETS = {"reload.js": "text/javascript", "overlay.css": "text/css"}
KEEPALIVE_SECONDS = 15.0
SEARCH_INDEX_DELAY = 1.0  # seconds without a rebuild before the search index is made again
ERROR_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
</head>
<body>
<main>
<h1>The build failed</h1>
<p>The errors are listed in the terminal that runs the preview.</p>
</main>
</body>
</html>
"""


@dataclass
class PreviewState:
    """What the preview serves: the last good files, or the errors of the last build."""

    files: dict[str, bytes] = field(default_factory=dict)
    errors: list[EditorError] = field(default_factory=list)
    warnings: list[EditorError] = field(default_factory=list)
    builds: int = 0  # build attempts so far, successful or not
    generation: int = 0  # changes whenever what a page shows may have changed
    seconds: float = 0.0  # how long the last build took
    cpu_seconds: float = 0.0  # processor time it used, steadier than seconds on a busy machine
    counts: dict[str, int] = field(default_factory=dict)
    search: dict[str, bytes] = field(default_factory=dict)  # pagefind/, indexed after a build

    @property
    def ok(self) -> bool:
        """Return whether the last build succeeded."""
        return not self.errors

    def summary(self) -> dict[str, Any]:
        """Return the state as plain data for the status page and the reload channel."""
        return {
            "ok": self.ok,
            "builds": self.builds,
            "generation": self.generation,
            "seconds": round(self.seconds, 6),
            "cpu_seconds": round(self.cpu_seconds, 6),
            "counts": self.counts,
            "errors": [error.to_dict() for error in self.errors],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


class SiteBuilder(Protocol):
    """What the preview needs of a builder: the project, a build, and counts of what it redid."""

    project: Project
    counts: dict[str, int]

    def build(self, *, quiet: bool = True) -> BuildResult:
        """Build the site in memory."""
        ...


class Preview:
    """Rebuild the site in memory and tell every open page when it changed."""

    def __init__(self, builder: SiteBuilder, *, quiet: bool) -> None:
        """Prepare an empty preview over a builder (preview.incremental's); call rebuild()."""
        self.project = builder.project
        self.quiet = quiet
        self.builder = builder
        self.state = PreviewState()
        self.changed = threading.Condition()
        self.stopping = False
        self.indexing = threading.Lock()
        self.index_timer: threading.Timer | None = None

    def rebuild(self, reason: str = "") -> PreviewState:
        """Build the site again and publish the result, or the errors, to the open pages."""
        if self.index_timer is not None:
            self.index_timer.cancel()
        started, cpu_started = time.perf_counter(), time.process_time()
        errors: list[EditorError] = []
        files: dict[str, bytes] | None = None
        warnings: list[EditorError] = []
        try:
            result = self.builder.build(quiet=self.quiet)
            files, warnings = result.files, result.warnings
        except BuildError as failure:
            errors = [error for error in failure.errors if error.is_error]
            warnings = [error for error in failure.errors if not error.is_error]
        except Exception as error:  # a bug of ours: keep serving, say what happened
            traceback.print_exc()
            errors = [EditorError("site", 1, 1, f"internal error: {type(error).__name__}: {error}")]
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        with self.changed:
            previous = self.state
            state = PreviewState(
                files=files if files is not None else previous.files,
                errors=errors,
                warnings=warnings,
                builds=previous.builds + 1,
                generation=previous.generation,
                seconds=seconds,
                cpu_seconds=cpu_seconds,
                counts=dict(self.builder.counts),
                search=previous.search,  # until the new index is ready
            )
            if errors or not previous.ok or files != previous.files:
                state.generation += 1
            self.state = state
            self.changed.notify_all()
        self.report(state, reason)
        if state.ok:
            self.index_timer = threading.Timer(
                SEARCH_INDEX_DELAY, self.index_for_search, (state.generation, state.files)
            )
            self.index_timer.daemon = True
            self.index_timer.start()
        return state

    def index_for_search(self, generation: int, files: dict[str, bytes]) -> None:
        """Run Pagefind over the pages in a scratch folder and serve its index once it is done."""
        from ipregions.pipeline import index_for_search
        from ipregions.publish import write_tree

        with self.indexing, tempfile.TemporaryDirectory(prefix="ipregions-search-") as scratch:
            if self.state.generation != generation:
                return  # a newer build has its own index coming
            folder = Path(scratch)
            write_tree(
                {name: body for name, body in files.items() if name.endswith(".html")}, folder
            )
            try:
                index_for_search(folder)
            except BuildError as failure:
                for problem in failure.errors:
                    print(str(problem), file=sys.stderr, flush=True)
                return
            index = {
                path.relative_to(folder).as_posix(): path.read_bytes()
                for path in (folder / "pagefind").rglob("*")
                if path.is_file()
            }
        with self.changed:
            if self.state.generation == generation:
                self.state = replace(self.state, search=index)

    def report(self, state: PreviewState, reason: str) -> None:
        """Print the same lines the overlay shows, and a line on what was rebuilt."""
        for problem in [*state.warnings, *state.errors]:
            print(str(problem), file=sys.stderr, flush=True)
        if state.errors:
            count = len(state.errors)
            print(
                f"{count} error{'s' * (count != 1)}; the preview shows them until they are fixed",
                file=sys.stderr,
                flush=True,
            )
        elif not self.quiet:
            counts = state.counts
            done = (
                f"{counts.get('pages_rendered', 0)}/{counts.get('pages', 0)} pages and "
                f"{counts.get('charts_rendered', 0)}/{counts.get('charts', 0)} charts rendered"
            )
            because = f" after {reason}" if reason else ""
            print(f"built in {state.seconds:.2f} s{because}: {done}", file=sys.stderr, flush=True)

    def wait_for_change(self, generation: int, timeout: float) -> PreviewState:
        """Return the state once its generation differs from the given one, or on timeout."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.stopping or self.state.generation != generation, timeout
            )
            return self.state

    def stop(self) -> None:
        """Release every page waiting for a change, and make no more search index."""
        if self.index_timer is not None:
            self.index_timer.cancel()
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


def warm_up_chart_renderer() -> None:
    """Start vl-convert's JavaScript engine now, so the first edit's rebuild does not wait for it.

    A cold build draws its charts in worker processes, which leaves this process without a
    running engine; starting one takes about a third of a second.
    """
    import vl_convert

    vl_convert.vegalite_to_svg({"mark": "point", "data": {"values": [{}]}})


class PreviewHandler(BaseHTTPRequestHandler):
    """Answer requests from the built files in memory and the preview's own paths."""

    server: PreviewServer
    server_version = "ipregions-preview"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        """Serve a page, a file, or one of the preview's own paths."""
        self.respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
        """Serve the headers a GET would."""
        self.respond(with_body=False)

    def respond(self, *, with_body: bool) -> None:
        """Route the request."""
        url_path = unquote(urlsplit(self.path).path)
        if url_path.startswith(PREVIEW_PREFIX):
            self.preview_path(url_path.removeprefix(PREVIEW_PREFIX), with_body=with_body)
            return
        state = self.server.preview.state
        files = ChainMap(state.files, state.search)
        name, redirect = locate(files, url_path)
        if redirect is not None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        wants_page = name is None or name.endswith(".html")
        if not state.ok and wants_page:
            self.send_body(
                HTTPStatus.OK,
                "text/html; charset=utf-8",
                inject(ERROR_PAGE.encode(), state.generation),
                with_body,
            )
            return
        status = HTTPStatus.OK
        if name is None:
            status, name = HTTPStatus.NOT_FOUND, "404.html"
            if name not in state.files:
                self.send_body(status, "text/plain; charset=utf-8", b"Not found\n", with_body)
                return
        body = files[name]
        if name.endswith(".html"):
            body = inject(body, state.generation)
        self.send_body(status, content_type(name), body, with_body)

    def preview_path(self, name: str, *, with_body: bool) -> None:
        """Serve the reload script, its stylesheet, the status or the event stream."""
        if name in ASSETS:
            body = (ASSETS_DIR / name).read_bytes()
            self.send_body(HTTPStatus.OK, f"{ASSETS[name]}; charset=utf-8", body, with_body)
        elif name == "status":
            body = json.dumps(self.server.preview.state.summary()).encode()
            self.send_body(HTTPStatus.OK, "application/json", body, with_body)
        elif name == "events" and with_body:
            self.stream_events()
        else:
            self.send_body(
                HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found\n", with_body
            )

    def stream_events(self) -> None:
        """Send the state now and after every build that changes it (Server-Sent Events)."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = preview.state
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not preview.stopping:
                kind = "built" if state.ok else "failed"
                data = json.dumps(state.summary())
                self.wfile.write(
                    f"event: {kind}\nid: {state.generation}\ndata: {data}\n\n".encode()
                )
                self.wfile.flush()
                generation = state.generation
                while not preview.stopping:
                    state = preview.wait_for_change(generation, KEEPALIVE_SECONDS)
                    if state.generation != generation:
                        break
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_body(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
        """Send a complete response that the browser must not cache."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        """Stay quiet: the terminal is for build results."""


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server that knows the preview it serves."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        """Bind to the address and remember the preview."""
        self.preview = preview
        super().__init__(address, PreviewHandler)


def serve(builder: SiteBuilder, *, host: str, port: int, quiet: bool) -> int:
    """Build, serve on host:port, rebuild on every change, until interrupted."""
    base_url = f"http://{host}:{port}/"
    project = builder.project
    preview = Preview(builder, quiet=quiet)
    try:
        server = PreviewServer((host, port), preview)
    except OSError as error:
        print(
            f"error: cannot serve on {host}:{port}: {error.strerror} (try --port {port + 1})",
            file=sys.stderr,
        )
        return 1
    before = snapshot(project.root)
    preview.rebuild("start")
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=(project.root, preview.rebuild, stop, before), daemon=True
    )
    watcher.start()
    threading.Thread(target=warm_up_chart_renderer, daemon=True).start()
    print(f"serving {base_url} (press Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.stop()
        server.server_close()
        watcher.join(timeout=2)
    return 0
