"""Score one page of each type with Lighthouse (mobile profile) in Debian's Chromium.

Builds the site (or takes --site), serves it on 127.0.0.1 under its base path, runs the npm
`lighthouse` pinned in package.json once per page type, and prints the four category scores
(performance, accessibility, best practices, SEO) with total blocking time and largest
contentful paint. The scores go to bench/output/lighthouse.json. Never downloads a browser.
Usage: python bench/lighthouse.py [--site site/] [--runs 1]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
OUTPUT = REPO / "bench" / "output" / "lighthouse.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def page_types(site: Path) -> dict[str, str]:
    """Return one page of each type, as a path relative to the site (first in name order)."""

    def first(folder: str) -> str:
        pages = sorted(p for p in (site / folder).glob("*/index.html"))
        return pages[0].relative_to(site).as_posix() if pages else f"{folder}/index.html"

    return {
        "home": "index.html",
        "region": first("regions"),
        "metric": first("metrics"),
        "source": first("sources"),
        "fact": first("facts"),
        "compare": "compare/index.html",
        "content page": "about/index.html",
        "search": "search/index.html",
    }


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under its base path, as a static host does."""

    def __init__(self, *args, site: Path, base_path: str, **kwargs) -> None:
        self.base_path = base_path
        super().__init__(*args, directory=str(site), **kwargs)

    def translate_path(self, path: str) -> str:
        """Map /base/x to site/x."""
        address = unquote(urlsplit(path).path)
        if address == "/robots.txt":  # crawlers read it at the host's root, as deployed
            return str(Path(self.directory) / "robots.txt")
        if not address.startswith(self.base_path):
            return str(Path(self.directory) / "outside-the-base-path")
        return super().translate_path("/" + address[len(self.base_path) :])

    def end_headers(self) -> None:
        """Let browsers keep files ten minutes, as GitHub Pages does."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """Send text gzipped when the browser accepts it, as static hosts do."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(path))
        if not (accepts_gzip and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()  # also redirects a folder's address without its "/"
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep quiet."""


def score(url: str) -> dict[str, float]:
    """Run Lighthouse once on url; return the four scores (0-100), TBT and LCP in ms."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
        command += [f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
        environment = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(command, check=True, env=environment, timeout=300)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    failing = [
        key
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audits[(key := ref["id"])].get("score") or 0) < 1
        and audits[key].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    scores["below_full_marks"] = sorted(set(failing))
    return scores


def main(argv: list[str]) -> int:
    """Build (unless given a site), serve, score each page type and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median is shown)")
    arguments = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from ipregions.inputs.config import load_config

    base_path = load_config(REPO).base_path
    with tempfile.TemporaryDirectory(prefix="ipregions-lighthouse-") as scratch:
        site = arguments.site
        if site is None:
            site = Path(scratch) / "site"
            build = [sys.executable, str(REPO / "build.py"), "--quiet", "--out", str(site)]
            subprocess.run(build, check=True)
        handler = functools.partial(Handler, site=site.resolve(), base_path=base_path)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        results = {}
        try:
            for kind, page in page_types(site).items():
                address = origin + base_path + page.removesuffix("index.html")
                runs = [score(address) for _ in range(arguments.runs)]
                results[kind] = {
                    "page": page,
                    **{
                        key: statistics.median(run[key] for run in runs)
                        for key in (*CATEGORIES, "tbt_ms", "lcp_ms")
                    },
                    "below_full_marks": runs[0]["below_full_marks"],
                }
                print(f"{kind}: {results[kind]}", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("\n| page type | performance | accessibility | best practices | SEO | TBT | LCP |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, row in results.items():
        print(
            f"| {kind} | {row['performance']:g} | {row['accessibility']:g} "
            f"| {row['best-practices']:g} | {row['seo']:g} | {row['tbt_ms']:g} ms "
            f"| {row['lcp_ms']:g} ms |"
        )
    perfect = all(results[k][c] == 100 for k in results for c in CATEGORIES)
    verdict = "met" if perfect else "MISSED"
    print(f"\ntarget: 100 in all four categories on every page type: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
