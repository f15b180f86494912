"""Incremental rebuilds: byte for byte what a clean build writes, rendering only what changed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ipregions.pipeline import Project, collect_files
from ipregions.preview.incremental import IncrementalBuilder

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate import copy_project, edit_one_fact  # noqa: E402

BASE_URL = "http://127.0.0.1:8000/"


def clean_build(root: Path) -> dict[str, bytes]:
    """Return the files a build from scratch makes of the project at root."""
    return collect_files(Project(root), base_url=BASE_URL).files


def assert_same_files(built: dict[str, bytes], expected: dict[str, bytes]) -> None:
    """Fail with the differing paths when two builds are not byte for byte the same."""
    assert sorted(built) == sorted(expected)
    differing = sorted(path for path in expected if built[path] != expected[path])
    assert differing == []


def changed_paths(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """Return the files whose bytes differ between two builds."""
    return {path for path in after if before.get(path) != after[path]}


def links_to(html: bytes, target: str) -> bool:
    """Return whether a page links to the page at target (a path relative to the site root)."""
    soup = BeautifulSoup(html, "html.parser")
    return any(
        link["href"].rstrip("/").endswith(target.rstrip("/")) for link in soup.select("a[href]")
    )


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return two copies of the project: one rebuilt incrementally, one built clean."""
    incremental = copy_project(tmp_path_factory.mktemp("incremental"))
    clean = copy_project(tmp_path_factory.mktemp("clean"))
    return incremental, clean


@pytest.fixture(scope="module")
def first_build(projects: tuple[Path, Path]) -> tuple[IncrementalBuilder, dict[str, int]]:
    """Return a builder that has built its copy once, and what that build rendered."""
    builder = IncrementalBuilder(Project(projects[0]), base_url=BASE_URL)
    builder.build()
    return builder, dict(builder.counts)


@pytest.fixture
def builder(first_build: tuple[IncrementalBuilder, dict[str, int]]) -> IncrementalBuilder:
    """Return the builder every test of this module shares."""
    return first_build[0]


def test_first_build_renders_every_page_and_chart(first_build):
    _, counts = first_build
    assert counts["pages_rendered"] == counts["pages"] > 0
    assert counts["social_images_rendered"] > 0
    assert counts["charts_rendered"] == counts["charts"] > 0


def test_no_op_rebuild_renders_nothing(builder, projects):
    before = builder.build().files
    result = builder.build()
    assert builder.counts["pages_rendered"] == 0
    assert builder.counts["charts_rendered"] == 0
    assert builder.counts["social_images_rendered"] == 0
    assert_same_files(result.files, before)
    assert_same_files(result.files, clean_build(projects[1]))


def test_one_fact_rebuild_renders_only_what_shows_the_fact(builder, projects):
    incremental, clean = projects
    before = builder.build().files
    edit = edit_one_fact(incremental)
    assert edit_one_fact(clean) == edit

    after = builder.build().files
    assert_same_files(after, clean_build(clean))

    rendered = set(builder.rendered_paths)
    changed_pages = {path for path in changed_paths(before, after) if path.endswith(".html")}
    fact_page = f"facts/{edit.fact_id}/index.html"
    assert fact_page in changed_pages
    assert changed_pages <= rendered
    # Before or after the edit: prose that names the old value links to the fact only before.
    showing_the_fact = {
        path
        for build in (before, after)
        for path, body in build.items()
        if path.endswith(".html")
        and (path == fact_page or links_to(body, f"facts/{edit.fact_id}/"))
    }
    assert rendered <= showing_the_fact
    assert builder.counts["pages_rendered"] == len(rendered) < builder.counts["pages"]

    # A chart is drawn again when its spec changed, even where the drawing shows the same.
    changed_specs = {path for path in changed_paths(before, after) if path.endswith(".vl.json")}
    assert builder.counts["charts_rendered"] == len(changed_specs) > 0
    assert builder.counts["charts_rendered"] < builder.counts["charts"]


EDITS = {
    "a region's name": ("data/regions/central-china.yaml", r"(?m)^name: .*$", "name: Middle China"),
    "the site's title": ("site.yaml", r"(?m)^title: .*$", "title: China IP Regions (preview)"),
    "a metric's label": (
        "data/metrics.yaml",
        r"label: Valid invention patents",
        "label: Invention patents in force",
    ),
    "a source's summary": (
        "data/sources/central-region-ip-progress-2024.yaml",
        r"(?m)^summary: >-?\n",
        "summary: >\n  A new first sentence.\n",
    ),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_other_edits_match_a_clean_build(builder, projects, what):
    path, pattern, replacement = EDITS[what]
    for root in projects:
        file = root / path
        text, count = re.subn(pattern, replacement, file.read_text(encoding="utf-8"), count=1)
        assert count == 1, f"{path} no longer has {pattern!r}"
        file.write_text(text, encoding="utf-8")
    after = builder.build().files
    assert 0 < builder.counts["pages_rendered"]
    assert_same_files(after, clean_build(projects[1]))


def test_template_change_renders_every_page(builder, projects):
    for root in projects:
        base = root / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- x -->\n</body>"))
    after = builder.build().files
    assert builder.counts["pages_rendered"] == builder.counts["pages"]
    assert_same_files(after, clean_build(projects[1]))


# --- the recording of what a template reads, on small templates --------------------------------


def replay_holds(source: str, before: dict, after: dict) -> bool:
    """Render source with before, then say whether its reads still hold with after."""
    import jinja2

    from ipregions.preview.recording import record_render, track_environment
    from ipregions.preview.replay import Replay

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    track_environment(environment, {"shout": lambda text: text.upper() + "!"})
    template = environment.from_string(source)
    text, recorder = record_render(template, before)
    assert text == template.render(before), "recording must not change the output"
    assert recorder.tracked
    return Replay(environment, after, {}).holds(recorder.reads)


class Item:
    def __init__(self, name: str, size: float, tags: list[str]) -> None:
        self.name, self.size, self.tags = name, size, tags


@pytest.mark.parametrize(
    ("source", "change", "holds"),
    [
        ("{{ item.name }}", lambda item: setattr(item, "size", 2.0), True),
        ("{{ item.name }}", lambda item: setattr(item, "name", "b"), False),
        # A plain value the template reads is compared itself, not what a filter makes of it.
        ("{{ item.size|round }}", lambda item: setattr(item, "size", 1.2), False),
        ("{{ item.size }}", lambda item: setattr(item, "size", -0.0), False),
        ("{% for t in item.tags[:1] %}{{ t }}{% endfor %}", lambda i: i.tags.append("z"), True),
        ("{% for t in item.tags %}{{ t }}{% endfor %}", lambda i: i.tags.append("z"), False),
        ("{{ item.tags|length }}", lambda item: item.tags.reverse(), True),
        ("{{ item.tags|join(',') }}", lambda item: item.tags.reverse(), False),
        ("{{ shout(item.name) }}", lambda item: setattr(item, "name", "b"), False),
        ("{% if 'x' in item.tags %}x{% endif %}", lambda i: i.tags.append("x"), False),
        ("{% if item.colour is defined %}c{% endif %}", lambda i: setattr(i, "colour", 1), False),
        ("{{ item.tags|map('upper')|first }}", lambda i: i.tags.insert(0, "w"), False),
        ("{{ item.tags|map('upper')|first }}", lambda i: i.tags.append("w"), True),
    ],
)
def test_replay_sees_exactly_the_changes_a_template_reads(source, change, holds):
    before = Item("a", 1.0, ["x", "y"]) if "'x' in" not in source else Item("a", 1.0, ["y"])
    after = Item(before.name, before.size, list(before.tags))
    change(after)
    assert replay_holds(source, {"item": before}, {"item": after}) is holds


def tracked_environment():
    """Return a Jinja environment whose filters and functions are recorded."""
    import jinja2

    from ipregions.preview.recording import track_environment

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    track_environment(environment, {"show": str})
    return environment


def recorded_reads(environment, source: str, pages: list[dict], shared_reads) -> list[dict]:
    """Record each page's reads of one template, kept in shared_reads."""
    from ipregions.preview.recording import record_render

    template = environment.from_string(source)
    return [shared_reads.share(record_render(template, page)[1].reads) for page in pages]


def replayed(environment, pages: list[dict], reads: list[dict]) -> list[bool]:
    """Return whether each page's reads hold, replayed in one build as the preview does."""
    from ipregions.preview.replay import Replay

    shared: dict = {}  # one build: every page's replay shares what it found alike
    return [
        Replay(environment, page, shared).holds(r) for page, r in zip(pages, reads, strict=True)
    ]


def test_pages_that_read_alike_keep_one_copy_of_what_they_read():
    from ipregions.preview.shared_reads import SharedReads

    site = Item("site", 0.0, ["nav"])
    pages = [{"site": site, "item": Item(name, 1.0, [])} for name in ("a", "b", "a")]
    source = "{{ site.name }}{{ site.tags|join }}: {{ item.name }}"
    first, second, third = recorded_reads(tracked_environment(), source, pages, SharedReads())
    assert first[("var", "site")] is second[("var", "site")]
    assert first[("var", "item")] is not second[("var", "item")]  # "a" and "b"
    assert first is third


def test_a_shared_check_is_made_once_yet_sees_each_page_s_own_values():
    from ipregions.preview.shared_reads import SharedReads

    environment = tracked_environment()
    metric, renamed = Item("trademarks", 0.0, []), Item("patents", 0.0, [])
    source = "{{ item.name }} counts {{ item.tags[0].name|upper }}"

    def pages(*named: tuple[str, Item]) -> list[dict]:
        return [{"item": Item(name, 1.0, [measure])} for name, measure in named]

    before = pages(("a", metric), ("b", metric))
    reads = recorded_reads(environment, source, before, SharedReads())
    assert replayed(environment, before, reads) == [True, True]
    assert replayed(environment, pages(("a", renamed), ("b", renamed)), reads) == [False, False]
    assert replayed(environment, pages(("a", metric), ("b", renamed)), reads) == [True, False]
    assert replayed(environment, pages(("a", metric), ("c", metric)), reads) == [True, False]


def test_equal_arguments_that_print_apart_stay_apart():
    from ipregions.preview.shared_reads import SharedReads

    environment = tracked_environment()
    pages = [{"item": Item("a", size, [])} for size in (0.0, -0.0)]
    reads = recorded_reads(environment, "{{ show(item.size) }}", pages, SharedReads())
    assert replayed(environment, pages, reads) == [True, True]
