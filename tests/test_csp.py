"""Every page carries a strict Content-Security-Policy, and nothing on the site breaks under it.

The site is static, so the policy travels in each page's <meta http-equiv>; the test server adds
no header, so what is tested is what any host serves.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite

# Only the site's own files, nothing inline, nothing evaluated from text. Pagefind's search runs
# as WebAssembly, which needs 'wasm-unsafe-eval' (it allows compiling WebAssembly, not eval()).
ALLOWED_SOURCES = {"'self'", "'none'"}
ALLOWED_SCRIPT_SOURCES = ALLOWED_SOURCES | {"'wasm-unsafe-eval'"}
FETCH_DIRECTIVES = {
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "style-src",
    "style-src-elem",
    "style-src-attr",
    "img-src",
    "font-src",
    "connect-src",
    "media-src",
    "object-src",
    "frame-src",
    "child-src",
    "worker-src",
    "manifest-src",
}
# Script data blocks are never run, so the policy does not apply to them.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json", "importmap"}
# Elements that may load or run something; the policy must come before all of them.
LOADING_ELEMENTS = {"script", "link", "style", "img", "iframe", "object", "embed", "base"}
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile}`
    + `:${event.lineNumber}`
  );
});
"""


def parse_policy(text: str) -> dict[str, list[str]]:
    """Return a policy's directives as {name: [source, ...]}, the first of a repeated name kept."""
    directives: dict[str, list[str]] = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def effective(directives: dict[str, list[str]], name: str) -> list[str] | None:
    """Return the sources a fetch directive allows, falling back as browsers do."""
    fallbacks = {
        "script-src-elem": ("script-src", "default-src"),
        "script-src-attr": ("script-src", "default-src"),
        "style-src-elem": ("style-src", "default-src"),
        "style-src-attr": ("style-src", "default-src"),
        "frame-src": ("child-src", "default-src"),
        "worker-src": ("child-src", "script-src", "default-src"),
    }
    for candidate in (name, *fallbacks.get(name, ("default-src",))):
        if candidate in directives:
            return directives[candidate]
    return None


def policy_problems(policy: str) -> list[str]:
    """Return every way a policy falls short of strict: only the site's own files, no inline."""
    directives = parse_policy(policy)
    problems = []
    if "default-src" not in directives:
        problems.append("no default-src: anything not named is allowed")
    for name in sorted(FETCH_DIRECTIVES):
        sources = effective(directives, name)
        if sources is None:
            continue
        allowed = ALLOWED_SCRIPT_SOURCES if name.startswith("script-src") else ALLOWED_SOURCES
        for source in sources:
            if source.lower() not in allowed:
                problems.append(f"{name} allows {source}")
    if effective(directives, "object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    for name in ("base-uri", "form-action"):
        sources = directives.get(name)
        if sources is None:
            problems.append(f"no {name}: it does not fall back to default-src")
        elif not set(sources) <= ALLOWED_SOURCES:
            problems.append(f"{name} allows {' '.join(sorted(set(sources) - ALLOWED_SOURCES))}")
    return problems


def page_problems(soup: BeautifulSoup) -> list[str]:
    """Return what on a page has no policy, a weak one, or would need 'unsafe-inline'."""
    metas = soup.find_all(
        "meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)}
    )
    if len(metas) != 1:
        return [f"{len(metas)} Content-Security-Policy <meta> elements, expected 1"]
    meta = metas[0]
    problems = [f"policy: {problem}" for problem in policy_problems(meta.get("content", ""))]
    if meta.parent is None or meta.parent.name != "head":
        problems.append("the policy <meta> is not in <head>")
    for earlier in meta.find_all_previous(LOADING_ELEMENTS):
        problems.append(f"<{earlier.name}> comes before the policy, so the policy misses it")
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").lower()
        if not script.get("src") and kind not in DATA_BLOCK_TYPES:
            problems.append(f"inline script: {str(script)[:80]}")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"inline event handler <{tag.name} {attribute}>")
            if attribute.lower() == "style":
                problems.append(f"inline style attribute on <{tag.name}>: {value!r:.60}")
            if isinstance(value, str) and re.match(r"\s*javascript:", value, re.I):
                problems.append(f"javascript: address in <{tag.name} {attribute}>")
    for style in soup.find_all("style"):
        problems.append(f"inline <style> element: {style.get_text()[:60]!r}")
    return problems


def site_problems(site: BuiltSite) -> list[str]:
    """Return every page's problems, one line each."""
    lines = []
    for page in site.pages:
        soup = BeautifulSoup((site.folder / page).read_bytes(), "html.parser")
        lines.extend(f"{page}: {problem}" for problem in page_problems(soup))
    return lines


def test_every_page_carries_a_strict_policy_and_needs_nothing_inline(real_site):
    problems = site_problems(real_site)
    assert not problems, "\n".join(problems)


def test_the_policy_check_refuses_weak_policies():
    strict = (
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'"
    )
    assert policy_problems(strict) == []
    assert "script-src allows 'unsafe-inline'" in policy_problems(
        strict.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    )
    assert "script-src allows 'unsafe-eval'" in policy_problems(
        strict.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
    )
    assert "img-src allows https://cdn.example" in policy_problems(
        strict + "; img-src 'self' https://cdn.example"
    )
    assert "no base-uri: it does not fall back to default-src" in policy_problems(
        strict.replace("base-uri 'none';", "")
    )


@pytest.mark.browser
def test_nothing_breaks_under_the_policy_in_the_browser(open_context, site_server):
    browsing = open_context(site_server)
    browsing.context.add_init_script(RECORD_VIOLATIONS)
    failures = []
    for page_file in site_server.site.pages:
        page = browsing.open(site_server.url(page_file))
        violations = page.evaluate("window.__cspViolations")
        static_charts = page.locator("figure.chart[data-chart-spec]:not(.chart-interactive)")
        for problem in violations + browsing.take_problems():
            failures.append(f"{page_file}: {problem}")
        if static_charts.count():
            failures.append(
                f"{page_file}: {static_charts.count()} charts did not become interactive"
            )
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_search_works_under_the_policy(open_context, site_server):
    browsing = open_context(site_server)
    browsing.context.add_init_script(RECORD_VIOLATIONS)
    page = browsing.open(site_server.url("search/index.html"))
    search = page.locator("#search-input")
    search.fill("patents")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    assert page.evaluate("window.__cspViolations") == []
    assert browsing.take_problems() == []
