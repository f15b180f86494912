"""Read the prose pages in content/: front matter, then Markdown with raw HTML escaped.

Room: inputs. Imports: errors, model, inputs.characters, inputs.hints, inputs.paths, inputs.values,
inputs.yaml_nodes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from ipregions.errors import BuildError, EditorError
from ipregions.inputs.characters import CONTROL_CHARACTER, MAX_ID, text_problem
from ipregions.inputs.hints import slugify
from ipregions.inputs.paths import links_outside, outside_error
from ipregions.inputs.values import SLUG
from ipregions.inputs.yaml_nodes import compose_text
from ipregions.model.site import ContentPage

FRONT_MATTER_FIELDS = {
    "title": "the page's title",
    "description": "one sentence for search results",
}
SAFE_LINK_SCHEMES = ("http", "https", "mailto")
BLOCK_PATTERN = re.compile(r"^\[\[([a-z-]+)\]\]$")
# Addresses the build makes itself; /data/ is the open-data page that content/data.md writes.
GENERATED_PATHS = frozenset(
    (
        *("404", "charts", "compare", "facts", "feed", "index", "metrics", "pagefind"),
        *("regions", "robots", "search", "sitemap", "social", "sources", "static", "vendor"),
        *("statistics", "corrections"),
    )
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x20\x7f]")


class LinkRewriter(Treeprocessor):
    """Refuse links that are not safe, and scope every table header."""

    def __init__(self, md: markdown.Markdown, report: Callable[[str, str], None]):
        """Report each link that is not allowed through report(url, why)."""
        super().__init__(md)
        self.report = report

    def run(self, root: etree.Element) -> None:
        """Rewrite or report every link and image, and scope every table header."""
        for element in root.iter():
            if element.tag == "a":
                element.set("href", self.link(element.get("href", ""), image=False))
            elif element.tag == "img":
                element.set("src", self.link(element.get("src", ""), image=True))
            elif element.tag == "th":
                element.set("scope", "col")

    def link(self, url: str, *, image: bool) -> str:
        """Return the URL as the page should use it; report it when it is not allowed."""
        # Browsers decode entities and drop tabs, newlines and controls before reading a
        # scheme, so "&#106;avascript:" and "java\tscript:" must be judged as they will be read.
        url = CONTROL_CHARACTERS.sub("", html.unescape(url)).strip()
        parts = urlsplit(url)
        if image and (parts.scheme or parts.netloc):
            self.report(url, "images must be files of this site (put them in static/)")
            return ""
        if parts.scheme and parts.scheme not in SAFE_LINK_SCHEMES:
            self.report(url, "links must start with https://, http://, mailto: or /")
            return ""
        return url


def markdown_to_html(text: str, *, report: Callable[[str, str], None]) -> str:
    """Return Markdown as HTML in which any raw HTML an editor typed shows as text."""
    md = markdown.Markdown(
        extensions=["tables", "toc", "smarty", "sane_lists"], output_format="html"
    )
    # Raw HTML would let an editor's typo (or anyone's <script>) into every reader's page.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(LinkRewriter(md, report), "ipregions-links", 1)
    return md.convert(text)


def line_of(text: str, url: str, first_line: int, after: int = 0) -> tuple[int, int]:
    """Return the file line of a link's address in the Markdown, and where the search stopped.

    The address is looked for as a link writes it, inline, in angle brackets or as a reference
    definition, from after on, so that a second bad link is found on its own line.
    """
    for needle in (f"({url}", f"<{url}>", f"]: {url}", url):
        index = text.find(needle, after)
        if index >= 0:
            return first_line + text.count("\n", 0, index), index + 1
    return first_line, after


def split_front_matter(
    path: str, source: str
) -> tuple[dict[str, str], str, int, list[EditorError]]:
    """Return the front matter fields, the Markdown, its first line and the errors found."""
    hint = "start the file with '---', then 'title: …' and 'description: …', then '---'"
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, source, 1, [EditorError(path, 1, 1, "missing front matter", hint)]
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        return (
            {},
            source,
            1,
            [EditorError(path, 1, 1, "front matter is not closed with '---'", hint)],
        )
    header = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    loaded = compose_text(path, header)
    # The front matter starts on the file's second line.
    moved = [replace(problem, line=problem.line + 1) for problem in loaded.errors]
    node = loaded.root
    if moved and moved[0].message != "file is empty":
        return {}, body, end + 2, moved
    fields: dict[str, str] = {}
    errors: list[EditorError] = []
    if not isinstance(node, yaml.MappingNode):
        return (
            {},
            body,
            end + 2,
            [EditorError(path, 2, 1, "front matter must be 'name: value' lines", hint)],
        )
    for key, value in node.value:
        line, column = key.start_mark.line + 2, key.start_mark.column + 1
        if key.value not in FRONT_MATTER_FIELDS:
            known = ", ".join(FRONT_MATTER_FIELDS)
            errors.append(
                EditorError(
                    path, line, column, f"unknown front matter field '{key.value}'", f"use {known}"
                )
            )
        elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            errors.append(EditorError(path, line, column, f"'{key.value}' must be a line of text"))
        elif problem := text_problem(key.value, str(value.value).strip()):
            errors.append(EditorError(path, line, column, *problem))
        else:
            fields[key.value] = str(value.value).strip()
    for name, what in FRONT_MATTER_FIELDS.items():
        if name not in fields and not errors:
            errors.append(
                EditorError(path, 1, 1, f"front matter lacks '{name}'", f"add {name}: {what}")
            )
    return fields, body, end + 2, errors


def check_body(page: ContentPage, block_names: Iterable[str]) -> list[EditorError]:
    """Return the mistakes in a page's Markdown: extra h1s, unknown blocks, unsafe links."""
    errors: list[EditorError] = []
    fenced = False
    known = set(block_names)
    for offset, line in enumerate(page.text.split("\n")):
        number = page.first_line + offset
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        if control := CONTROL_CHARACTER.search(line):
            message = f"control character U+{ord(control[0]):04X} is not allowed"
            hint = "delete it: it often comes with text copied from a web page"
            errors.append(EditorError(page.path, number, control.start() + 1, message, hint))
        if re.match(r"#(?!#)\s", line):
            hint = "the front matter's title is the page's one top heading; use '## ' for sections"
            errors.append(EditorError(page.path, number, 1, "heading level 1 in the text", hint))
        block = BLOCK_PATTERN.match(line.strip())
        if block and block.group(1) not in known:
            hint = "known blocks: " + ", ".join(f"[[{name}]]" for name in sorted(known))
            errors.append(
                EditorError(page.path, number, 1, f"unknown block '[[{block.group(1)}]]'", hint)
            )

    searched: dict[str, int] = {}

    def report(url: str, why: str) -> None:
        line, searched[url] = line_of(page.text, url, page.first_line, searched.get(url, 0))
        errors.append(EditorError(page.path, line, 1, f"link '{url}' is not allowed", why))

    page.html = markdown_to_html(page.text, report=report)
    return errors


def page_name_problem(stem: str) -> tuple[str, str] | None:
    """Return why a content file's name cannot be its page's address, or None when it can."""
    if not SLUG.fullmatch(stem) or len(stem) > MAX_ID:
        example = slugify(stem)[:MAX_ID] or "about"
        message = f"file name '{stem}.md' is not a clean address"
        return message, f"the page lives at /<file name>/: rename it to '{example}.md'"
    if stem in GENERATED_PATHS:
        message = f"a page at /{stem}/ would replace the site's own /{stem}/"
        return message, "rename the file"
    return None


def load_content(content_dir: Path, *, block_names: Iterable[str] = ()) -> dict[str, ContentPage]:
    """Read every content/*.md page, reporting all mistakes in one BuildError."""
    pages: dict[str, ContentPage] = {}
    errors: list[EditorError] = []
    block_names = list(block_names)
    for file in sorted(content_dir.glob("*.md")):
        path = f"{content_dir.name}/{file.name}"
        if problem := page_name_problem(file.stem):
            errors.append(EditorError(path, 1, 1, *problem))
            continue
        if links_outside(file, path):
            errors.append(outside_error(path))
            continue
        try:
            source = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            errors.append(
                EditorError(path, 1, 1, "file is not UTF-8 text", "save the file as UTF-8")
            )
            continue
        fields, body, first_line, problems = split_front_matter(path, source)
        errors.extend(problems)
        if problems:
            continue
        page = ContentPage(
            file.stem, path, fields["title"], fields["description"], body, first_line
        )
        errors.extend(check_body(page, block_names))
        pages[page.slug] = page
    if errors:
        raise BuildError(errors)
    return pages
