"""Every page is light (≤ 100 KB gzip before interaction) and shows its content without script."""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite

BUDGET_BYTES = 100 * 1024
GZIP_LEVEL = 6  # what web servers use by default
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?['\"]?([^'\")\s]+)")


@functools.cache
def gzipped_size(path: Path) -> int:
    """Return a file's size once gzipped as a server would send it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def local_file(site: BuiltSite, page_address: str, address: str) -> Path | None:
    """Return the site file an address on a page names, or None when it is not the site's."""
    target = urljoin(page_address, address)
    if not target.startswith(site.base_url):
        return None
    relative = unquote(urlsplit(target).path.removeprefix(urlsplit(site.base_url).path))
    file = site.folder / (
        relative + "index.html" if relative.endswith("/") or not relative else relative
    )
    return file if file.is_file() else None


def stylesheets(site: BuiltSite, address: str, file: Path, seen: set[Path]) -> list[Path]:
    """Return a stylesheet and every stylesheet it @imports, each once."""
    if file in seen:
        return []
    seen.add(file)
    found = [file]
    for imported in CSS_IMPORT.findall(file.read_text(encoding="utf-8")):
        imported_file = local_file(site, address, imported)
        if imported_file is not None:
            found += stylesheets(site, urljoin(address, imported), imported_file, seen)
    return found


def needed_before_interaction(site: BuiltSite, page: str) -> dict[str, int]:
    """Return {file: gzip bytes} of a page's HTML, its stylesheets and the images it shows."""
    address = urljoin(site.base_url, site.url_path(page).removeprefix(site.base_path))
    soup = BeautifulSoup((site.folder / page).read_bytes(), "html.parser")
    files = {site.folder / page}
    seen: set[Path] = set()
    for link in soup.find_all("link", href=True):
        if "stylesheet" in (link.get("rel") or []) and link.get("media") != "print":
            file = local_file(site, address, link["href"])
            assert file is not None, f"{page}: stylesheet {link['href']} is missing"
            files.update(stylesheets(site, urljoin(address, link["href"]), file, seen))
    for image in soup.find_all(["img", "source", "image"]):
        candidates = [image.get("src"), image.get("href")]
        candidates += [c.split()[0] for c in (image.get("srcset") or "").split(",") if c.strip()]
        for candidate in filter(None, candidates):
            file = local_file(site, address, candidate)
            if file is not None:
                files.add(file)
    return {file.relative_to(site.folder).as_posix(): gzipped_size(file) for file in files}


def overweight_pages(site: BuiltSite) -> list[str]:
    """Return a line for every page over the budget, with its heaviest files."""
    lines = []
    for page in site.pages:
        sizes = needed_before_interaction(site, page)
        total = sum(sizes.values())
        if total > BUDGET_BYTES:
            heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:4]
            listed = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in heaviest)
            lines.append(f"{page}: {total / 1024:.1f} KB gzip > 100 KB ({listed})")
    return lines


def test_every_page_fits_the_budget(real_site):
    problems = overweight_pages(real_site)
    assert not problems, "\n".join(problems)


def test_the_budget_check_counts_images_and_stylesheets(tmp_path, real_site):
    """A page that shows a 150 KB incompressible image must go over the budget."""
    import os
    import shutil

    site_dir = tmp_path / "site"
    shutil.copytree(real_site.folder, site_dir)
    (site_dir / "static" / "heavy.png").write_bytes(os.urandom(150 * 1024))
    about = site_dir / "about" / "index.html"
    html = about.read_text(encoding="utf-8")
    about.write_text(html.replace("</main>", '<img src="../static/heavy.png" alt=""></main>', 1))
    broken = BuiltSite(site_dir, real_site.base_path, real_site.base_url)
    overweight = overweight_pages(broken)
    assert len(overweight) == 1 and overweight[0].startswith("about/index.html: ")
    assert re.search(r"\(static/heavy\.png 15\d\.\d KB, ", overweight[0])


# Controls (a search form) and the live messages they update work only with script by nature;
# everything else in <main> is content and must be there without it.
MAIN_TEXT = """() => {
  const main = document.querySelector("main");
  if (!main) return {all: "", controls: ""};
  const controls = [...main.querySelectorAll("form, [aria-live], [role=status]")];
  return {all: main.innerText, controls: controls.map((e) => e.innerText).join("\\n")};
}"""


def lines_of(text: str) -> list[str]:
    """Return the non-empty lines of a text, spaces collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def main_text(page) -> list[str]:
    """Return the lines of text a reader sees in <main>, outside forms and live messages."""
    text = page.evaluate(MAIN_TEXT)
    controls = set(lines_of(text["controls"]))
    return [line for line in lines_of(text["all"]) if line not in controls]


@pytest.mark.browser
def test_every_page_shows_its_content_without_javascript(open_context, site_server):
    with_script = open_context(site_server, javascript=True)
    without_script = open_context(site_server, javascript=False)
    failures = []
    for page_file in site_server.site.pages:
        url = site_server.url(page_file)
        scripted = main_text(with_script.open(url))
        plain = main_text(without_script.open(url))
        missing = [line for line in scripted if line not in plain]
        if not plain:
            failures.append(f"{page_file}: <main> is empty without JavaScript")
        elif missing:
            shown = "; ".join(missing[:5])
            failures.append(f"{page_file}: {len(missing)} lines need JavaScript: {shown}")
        failures += [f"{page_file}: {p}" for p in with_script.take_problems()]
        failures += [f"{page_file}: {p}" for p in without_script.take_problems()]
    assert not failures, "\n".join(failures)
