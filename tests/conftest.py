"""Shared fixtures: a real build of the real project, a real server, a real guarded Chromium.

Fixtures
- ``real_site`` (session): the real project built once into a temporary folder (a ``BuiltSite``).
  It and the two sites below are built once for the whole run (``built_once``): under
  pytest-xdist the first worker to ask builds, the others wait for it and share the folder.
- ``site_server`` (session): ``real_site`` served on 127.0.0.1 under its base path.
- ``browser`` (module): headless Debian Chromium driven by Playwright (never downloaded).
- ``open_context``: a factory of ``GuardedContext`` (width, colour scheme, JavaScript on or off)
  that refuses every request off the test server and records console errors, page errors,
  failed responses and dialogs; the test fails if any are left unreported when it ends.
- ``page``: one guarded page at 1280 px, light, JavaScript on; ``tab`` is its ``GuardedContext``.
  Problems a test leaves in them (a request off the server, a console error, a dialog) fail it.
- ``project_copy``: ``copy_project(tmp_path)``, a copy of the project's inputs to break at will.
- ``injection_site`` (session): the project with script-injection payloads in every text field,
  built (see ``injection.py``); ``injection_server`` serves it.
- ``many_regions_site`` (session): the project with ten regions, overlapping and partial members,
  money and growth-only facts, added as YAML only (see ``many_regions.py``), built;
  ``many_regions_server`` serves it.

Markers: ``browser`` (Chromium; ``pytest -m "not browser"`` runs the rest) and ``htmlcheck``
(the Nu HTML checker).
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import pickle
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What a project is made of; everything else (site/, .cache/, .venv/) is output or tooling.
PROJECT_PARTS = ("data", "content", "templates", "static", "schemas", "site.yaml")
WIDTHS = {375: 812, 1280: 800}  # viewport width: height
SCHEMES = ("light", "dark")
CHARTS = "figure.chart[data-chart-spec][data-chart-bundle]"  # what static/js/charts.js upgrades
CHARTS_INTERACTIVE = f"""() => [...document.querySelectorAll({CHARTS!r})]
  .every((figure) => figure.classList.contains("chart-interactive"))"""
CHARTS_TIMEOUT_MS = 30_000
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
    await frame();
  }
}"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives headless Chromium (deselect the slow part: -m 'not browser')"
    )
    config.addinivalue_line("markers", "htmlcheck: runs the Nu HTML checker with the system Java")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep each test file on one xdist worker, unless its tests name a group of their own.

    With ``-n 2 --dist loadgroup`` (make test) a file's module-scoped browser and builds are
    made once; a long file splits itself by marking its tests ``xdist_group``.
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.path.stem))


# ---------------------------------------------------------------- projects and builds


def copy_project(tmp_path: Path, *, name: str = "project") -> Path:
    """Copy the project's inputs into tmp_path/name and return that folder."""
    target = tmp_path / name
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def html_pages(site_dir: Path) -> list[str]:
    """Return every HTML page of a built site as a path relative to it, sorted."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if "pagefind" not in path.relative_to(site_dir).parts
    )


@dataclass
class BuiltSite:
    """A site built into a folder, and where it is meant to be served."""

    folder: Path
    base_path: str  # "/china-ip-regions/": the server serves the site under it
    base_url: str  # the configured absolute address, as canonical links spell it

    @functools.cached_property
    def pages(self) -> list[str]:
        """Return every HTML page as a file path relative to the folder."""
        return html_pages(self.folder)

    def url_path(self, page: str) -> str:
        """Return the URL path a page is read at: regions/x/index.html -> /base/regions/x/."""
        if page == "index.html" or page.endswith("/index.html"):
            page = page.removesuffix("index.html")
        return self.base_path + page


def build_project(root: Path, out_dir: Path, *, search: bool = True) -> BuiltSite:
    """Build the project at root into out_dir through the real pipeline."""
    from ipregions.inputs.config import load_config
    from ipregions.pipeline import Project, build_site

    build_site(Project(root), out_dir, quiet=True, search=search)
    config = load_config(root)
    return BuiltSite(out_dir, config.base_path, config.base_url)


def built_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Any:
    """Return make(folder), run once per test run: other xdist workers wait and share it.

    Session fixtures are made per worker; a site every worker reads (never writes) is built by
    the first worker that asks, under a lock in the run's shared temporary folder, and its
    result is pickled there for the others.
    """
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, result = shared / f"built-{name}", shared / f"built-{name}.pickle"
    with open(shared / f"built-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not result.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(result.read_bytes())


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return built_once(tmp_path_factory, "real", lambda folder: build_project(ROOT, folder / "site"))


# ---------------------------------------------------------------- the HTTP server


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a built site under its base path, answering 404 with the site's own 404 page."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".xml": "application/xml",
    }

    def __init__(self, *args, site_dir: Path, base_path: str, **kwargs) -> None:
        self.site_dir = site_dir
        self.base_path = base_path
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def translate_path(self, path: str) -> str:
        """Map /base/x to site_dir/x; anything outside the base path maps to nothing."""
        address = unquote(urlsplit(path).path)
        if not address.startswith(self.base_path):
            return str(self.site_dir / "\0outside")  # a name no file can have
        return super().translate_path("/" + address[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """Answer a missing file as static hosts do: status 404 with the site's 404 page."""
        not_found = self.site_dir / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@dataclass
class SiteServer:
    """A real threaded HTTP server on 127.0.0.1 serving one built site."""

    site: BuiltSite
    origin: str  # http://127.0.0.1:PORT

    def url(self, page: str = "index.html") -> str:
        """Return the address of a page given as a file path relative to the site."""
        return self.origin + self.site.url_path(page)


@contextmanager
def serve_site(site: BuiltSite) -> Iterator[SiteServer]:
    """Serve a built site on a free port of 127.0.0.1 until the block ends."""
    handler = functools.partial(SiteHandler, site_dir=site.folder, base_path=site.base_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield SiteServer(site, f"http://{host}:{port}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(real_site: BuiltSite) -> Iterator[SiteServer]:
    with serve_site(real_site) as server:
        yield server


# ---------------------------------------------------------------- the browser


# Module scope, not session: Playwright's sync API runs one instance per thread at a time, and
# other test modules start their own; each module's browser is gone before the next one starts.
@pytest.fixture(scope="module")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_session):
    chromium = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield chromium
    chromium.close()


@dataclass
class GuardedContext:
    """One browser context whose every request off the server is refused and reported.

    Problems (requests elsewhere, console errors, uncaught errors, HTTP errors, dialogs) are
    collected as lines of text; ``take_problems`` hands them to the test and forgets them.
    """

    browser: object
    origin: str
    width: int = 1280
    color_scheme: str = "light"
    javascript: bool = True
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context = self.browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": self.width, "height": WIDTHS.get(self.width, 800)},
            color_scheme=self.color_scheme,
            java_script_enabled=self.javascript,
            device_scale_factor=1,
            service_workers="block",
        )
        self.context.route("**/*", self._route)
        self.page = self.new_page()
        self._cdp = None if self.javascript else self.context.new_cdp_session(self.page)

    def __str__(self) -> str:
        script = "JavaScript on" if self.javascript else "JavaScript off"
        return f"{self.width}px {self.color_scheme} {script}"

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url == self.origin:
            route.continue_()
            return
        self.problems.append(f"request outside the test server refused: {url}")
        route.abort("blockedbyclient")

    def new_page(self):
        """Open a page in this context whose problems are recorded."""
        page = self.context.new_page()
        where = lambda: page.url  # noqa: E731 - the address at the time of the problem
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console {message.type} on {where()}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: self.problems.append(f"uncaught on {where()}: {error}"))
        page.on("dialog", self._dialog)
        page.on(
            "response",
            lambda response: (
                self.problems.append(f"HTTP {response.status} for {response.url} (on {where()})")
                if response.status >= 400 and response.request.resource_type != "document"
                else None
            ),
        )
        return page

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog {dialog.type} opened: {dialog.message!r}")
        dialog.dismiss()

    def open(self, url: str, *, status: int = 200):
        """Load url and wait for it; with JavaScript off, the page's scripts never run.

        Playwright cannot evaluate in a page whose scripts are disabled, so with JavaScript off
        scripting is switched off for the load and back on once the page is parsed and laid out:
        the page's own scripts were never prepared and do not run, but axe and the test can.
        """
        if self._cdp is not None:
            self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        response = self.page.goto(url, wait_until="load")
        if self._cdp is not None:
            self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        if response is None or response.status != status:
            got = response.status if response else "no response"
            self.problems.append(f"{url} answered {got}, expected {status}")
        elif self.javascript:
            self.settle()
        return self.page

    def settle(self) -> None:
        """Scroll a scripted page through as a reader would, then wait until it is enhanced.

        Scripts may enhance parts only once the reader is active and they scroll into view
        (charts do), so the pointer moves and every part is shown once. A page with charts is
        done when every chart is interactive (a chart that fails says why in the console, a
        problem; one that never finishes is reported); any other scripted page when its network
        has rested for half a second; pages without scripts when they have loaded.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        if not self.page.evaluate("document.scripts.length"):
            return
        self.page.mouse.move(1, 1)
        self.page.evaluate(SCROLL_THROUGH)
        if self.page.evaluate(f"document.querySelector({CHARTS!r}) !== null"):
            try:
                self.page.wait_for_function(CHARTS_INTERACTIVE, timeout=CHARTS_TIMEOUT_MS)
            except PlaywrightTimeout:
                seconds = CHARTS_TIMEOUT_MS / 1000
                self.problems.append(
                    f"charts not interactive after {seconds:.0f} s on {self.page.url}"
                )
        else:
            self.page.wait_for_load_state("networkidle")
        self.page.evaluate("window.scrollTo(0, 0)")

    def take_problems(self) -> list[str]:
        """Return the problems seen since the last call, and forget them."""
        taken, self.problems = self.problems, []
        return taken

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_context(
    request: pytest.FixtureRequest, browser
) -> Iterator[Callable[..., GuardedContext]]:
    """Return a factory of guarded contexts for the site served by the test's server."""
    opened: list[GuardedContext] = []

    def factory(server: SiteServer, **options) -> GuardedContext:
        context = GuardedContext(browser, server.origin, **options)
        opened.append(context)
        return context

    request.node.guarded_contexts = opened
    yield factory
    for context in opened:
        context.close()


@pytest.fixture
def tab(open_context, site_server: SiteServer) -> GuardedContext:
    return open_context(site_server)


@pytest.fixture
def page(tab: GuardedContext):
    return tab.page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Fail a test whose browser saw problems it did not take and report itself."""
    result = yield
    leftovers = [
        f"[{context}] {problem}"
        for context in getattr(item, "guarded_contexts", [])
        for problem in context.take_problems()
    ]
    if leftovers:
        raise AssertionError("the browser saw problems:\n" + "\n".join(leftovers))
    return result


# ---------------------------------------------------------------- the injection site


@dataclass
class InjectionSite:
    """The project with payloads in every text field, built, with what was injected where."""

    project: Path
    site: BuiltSite
    markers: dict[str, str]  # marker -> "data/sources/x.yaml: facts[2].quote"


@pytest.fixture(scope="session")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> InjectionSite:
    from injection import write_injection_project

    def make(folder: Path) -> InjectionSite:
        project = copy_project(folder)
        markers = write_injection_project(project)
        return InjectionSite(project, build_project(project, folder / "site"), markers)

    return built_once(tmp_path_factory, "injection", make)


@pytest.fixture(scope="session")
def injection_server(injection_site: InjectionSite) -> Iterator[SiteServer]:
    with serve_site(injection_site.site) as server:
        yield server


# ---------------------------------------------------------------- ten regions


@dataclass
class ManyRegionsSite:
    """The project with seven more regions and an article added as YAML only, built."""

    project: Path
    site: BuiltSite
    region_ids: list[str]


@pytest.fixture(scope="session")
def many_regions_site(tmp_path_factory: pytest.TempPathFactory) -> ManyRegionsSite:
    from many_regions import write_many_regions_project

    def make(folder: Path) -> ManyRegionsSite:
        project = copy_project(folder)
        region_ids = write_many_regions_project(project)
        return ManyRegionsSite(project, build_project(project, folder / "site"), region_ids)

    return built_once(tmp_path_factory, "many-regions", make)


@pytest.fixture(scope="session")
def many_regions_server(many_regions_site: ManyRegionsSite) -> Iterator[SiteServer]:
    with serve_site(many_regions_site.site) as server:
        yield server
