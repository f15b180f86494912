"""Hostile and careless input ends in a clean, located error: no crash, no hang, no traceback.

Each test breaks one input of a copy of the real project and runs the real `build.py check` in
its own process, so that a crash (a segfault in libyaml, a panic in a Rust extension) fails the
test rather than the test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project


def check(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the real `build.py check` on a project, from inside it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), *arguments, "check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=project,
    )


def errors_of(completed: subprocess.CompletedProcess[str]) -> list[str]:
    """Return the error lines printed, after asserting a clean failure."""
    assert completed.returncode == 1, (completed.returncode, completed.stderr[-2000:])
    assert "Traceback" not in completed.stderr + completed.stdout
    return [line for line in completed.stderr.splitlines() if ": error: " in line]


def first_source(project: Path) -> Path:
    """Return the first article's data file."""
    return sorted((project / "data" / "sources").glob("*.yaml"))[0]


def replace_in(file: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a file, failing when it is absent."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


# ---------------------------------------------------------------- structure


def test_deep_block_nesting_is_a_located_error_not_a_segfault(project: Path) -> None:
    deep = project / "data" / "sources" / "deep.yaml"
    deep.write_text("title: x\nsummary:\n" + "- " * 40_000 + "b\n", encoding="utf-8")
    assert errors_of(check(project)) == [
        "data/sources/deep.yaml:3:199: error: lists and mappings nest more than 100 deep "
        "(check the brackets and the indentation)"
    ]


def test_deep_front_matter_is_a_located_error(project: Path) -> None:
    page = project / "content" / "about.md"
    page.write_text(
        "---\ntitle: About\ndescription:\n" + "- " * 5_000 + "x\n---\nText.\n", encoding="utf-8"
    )
    assert errors_of(check(project)) == [
        "content/about.md:4:199: error: lists and mappings nest more than 100 deep "
        "(check the brackets and the indentation)"
    ]


def test_anchors_in_front_matter_are_refused_as_in_data_files(project: Path) -> None:
    page = project / "content" / "about.md"
    page.write_text("---\ntitle: &name About\ndescription: *name\n---\nText.\n", encoding="utf-8")
    assert errors_of(check(project)) == [
        "content/about.md:2:8: error: YAML anchor 'name' is not allowed "
        "(write the value out in full: anchors & and aliases * are refused)"
    ]


# ---------------------------------------------------------------- characters and sizes

SOURCE_TITLE = "title: Beijing-Tianjin-Hebei Region Strengthens IP Coordinated Development"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        (
            '"Centres\\e[31m open"',
            "'title' holds control character U+001B "
            "(delete it: it often comes with text copied from a web page)",
        ),
        (
            '"Centres\\0 open"',
            "'title' holds control character U+0000 "
            "(delete it: it often comes with text copied from a web page)",
        ),
        (
            '"Centres \\u202Enepo"',
            "'title' holds an unpaired direction control U+202E "
            "(delete it: it would reverse the text around the field)",
        ),
        (
            "x" * 100_000,
            "'title' is too long (100,000 characters; the limit is 2,000) "
            "(shorten it: the site shows it whole)",
        ),
    ],
    ids=["escape", "nul", "right-to-left-override", "100000-characters"],
)
def test_unsafe_text_in_a_field_is_refused_at_the_field(
    project: Path, title: str, message: str
) -> None:
    source = first_source(project)
    replace_in(source, SOURCE_TITLE, f"title: {title}")
    assert errors_of(check(project)) == [f"data/sources/{source.name}:5:8: error: {message}"]


def test_paired_direction_controls_are_text(project: Path) -> None:
    source = first_source(project)
    replace_in(source, SOURCE_TITLE, 'title: "Centres \\u202Enepo\\u202C open"')
    assert check(project).returncode == 0


def test_control_characters_in_settings_and_pages_are_refused(project: Path) -> None:
    replace_in(project / "site.yaml", "title: China IP Regions", 'title: "China\\a IP"')
    page = project / "content" / "about.md"
    replace_in(page, "title: About this site", 'title: "About\\x08"')
    replace_in(project / "content" / "methodology.md", "This site", "This \x1b[2Jsite")
    hint = "(delete it: it often comes with text copied from a web page)"
    assert errors_of(check(project)) == [
        f"content/about.md:2:1: error: 'title' holds control character U+0008 {hint}",
        f"content/methodology.md:5:6: error: control character U+001B is not allowed {hint}",
        f"site.yaml:2:8: error: 'title' holds control character U+0007 {hint}",
    ]


@pytest.mark.parametrize(
    "base_url",
    ['"https://example.org/\\nDisallow: /"', "https://example.org/a b/", "https://exa<mple.org/"],
)
def test_a_base_url_with_a_character_no_url_holds_is_refused(project: Path, base_url: str) -> None:
    replace_in(
        project / "site.yaml",
        "base_url: https://example.org/china-ip-regions/",
        f"base_url: {base_url}",
    )
    [error] = errors_of(check(project))
    assert error.startswith("site.yaml:7:11: error: base_url '")
    assert error.endswith(
        "' is not an absolute http(s) address (write the full address the site is served from, "
        "e.g. https://example.org/ip/)"
    )


# ---------------------------------------------------------------- numbers

YAML_11 = "YAML reads 0204, 0x84, 2:12 and 1_32 all as 132: write the digits as printed"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0204", f"'value' must be plain digits, not 0204 ({YAML_11})"),
        ("0x84", f"'value' must be plain digits, not 0x84 ({YAML_11})"),
        ("2:12", f"'value' must be plain digits, not 2:12 ({YAML_11})"),
        ("1_32", f"'value' must be plain digits, not 1_32 ({YAML_11})"),
        (
            "9" * 5_000,
            "'value' has too many digits (5,000; the limit is 15) "
            "(enter the figure as the article prints it)",
        ),
    ],
    ids=["octal", "hex", "base-60", "underscore", "5000-digits"],
)
def test_numbers_yaml_would_misread_are_refused(project: Path, written: str, message: str) -> None:
    source = first_source(project)
    lines = source.read_text(encoding="utf-8").split("\n")
    at = lines.index("    value: 7")
    lines[at] = f"    value: {written}"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert errors_of(check(project)) == [
        f"data/sources/{source.name}:{at + 1}:12: error: {message}"
    ]


def test_a_number_too_long_for_the_quote_check_is_refused(project: Path) -> None:
    source = first_source(project)
    replace_in(
        source, "In 2023, seven", "In 2023, 1234567890123456789012345678901234567890 and seven"
    )
    lines = source.read_text(encoding="utf-8").split("\n")
    number = next(n for n, text in enumerate(lines) if "1234567890123" in text)
    line = next(n + 1 for n in range(number, -1, -1) if "quote:" in lines[n])  # the field's line
    assert errors_of(check(project)) == [
        f"data/sources/{source.name}:{line}:12: error: 'quote' holds a number too long to check "
        "(1234567890123456789…) (no figure printed has more than 15 digits: check the quote)"
    ]


# ---------------------------------------------------------------- files

LINK_OUT = (
    "error: the file links to a place outside the project (copy the file into the project "
    "instead: the site would publish whatever it links to)"
)


def test_links_out_of_the_project_are_refused(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("title: the neighbour's diary\n")
    (project / "data" / "sources" / "leak.yaml").symlink_to(secret)
    (project / "content" / "leak.md").symlink_to(secret)
    (project / "static" / "leak.txt").symlink_to(secret)
    (project / "static" / "inside.txt").symlink_to(project / "site.yaml")  # inside: allowed
    assert errors_of(check(project)) == [
        f"content/leak.md:1:1: {LINK_OUT}",
        f"data/sources/leak.yaml:1:1: {LINK_OUT}",
        f"static/leak.txt:1:1: {LINK_OUT}",
    ]


def test_content_file_names_must_be_clean_addresses_of_their_own(project: Path) -> None:
    about = (project / "content" / "about.md").read_text(encoding="utf-8")
    (project / "content" / "facts.md").write_text(about, encoding="utf-8")
    (project / "content" / "My Page.md").write_text(about, encoding="utf-8")
    assert errors_of(check(project)) == [
        "content/My Page.md:1:1: error: file name 'My Page.md' is not a clean address "
        "(the page lives at /<file name>/: rename it to 'my-page.md')",
        "content/facts.md:1:1: error: a page at /facts/ would replace the site's own /facts/ "
        "(rename the file)",
    ]


def test_every_address_the_build_makes_is_kept_from_content_pages(real_site) -> None:
    from ipregions.inputs.content import GENERATED_PATHS

    content_pages = {path.stem for path in (ROOT / "content").glob("*.md")}
    made = {path.name.split(".")[0] for path in real_site.folder.iterdir()} - {""}
    assert made - content_pages <= GENERATED_PATHS


# ---------------------------------------------------------------- messages


def test_a_template_error_while_rendering_names_the_template_and_line(project: Path) -> None:
    from ipregions.errors import BuildError
    from ipregions.pipeline import Project, collect_files

    template = project / "templates" / "fact.html"
    lines = template.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "{% block main %}" in line)
    lines.insert(number + 1, "{{ no_such_variable.deeper }}")
    template.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        collect_files(Project(project))
    assert [str(error) for error in failure.value.errors] == [
        f"templates/fact.html:{number + 2}:1: error: template error: "
        "'no_such_variable' is undefined"
    ]


def test_a_byte_order_mark_raises_no_false_warning(project: Path) -> None:
    for file in [first_source(project), project / "content" / "about.md", project / "site.yaml"]:
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    completed = check(project)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""


def test_the_closing_line_counts_errors_and_warnings_apart(project: Path) -> None:
    source = first_source(project)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.split("\n", 1)[1], encoding="utf-8")  # no schema comment: a warning
    replace_in(source, "    value: 7\n", "    value: 0x7\n")
    replace_in(project / "site.yaml", "title: China IP Regions", 'title: "\\0"')
    completed = check(project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[-1] == "2 errors, 1 warning; nothing was written"


def test_markdown_link_errors_point_at_the_line_of_each_link(project: Path) -> None:
    page = project / "content" / "about.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    added = "\n\nSee [this][bad] and [that](javascript:void(0)).\n\n[bad]: javascript:alert(1)\n"
    page.write_text(text + added + "\nAgain [that](javascript:void(0)).\n", encoding="utf-8")
    last = text.count("\n") + 1
    why = "(links must start with https://, http://, mailto: or /)"
    assert errors_of(check(project)) == [
        f"content/about.md:{last + 2}:1: error: link 'javascript:void(0)' is not allowed {why}",
        f"content/about.md:{last + 4}:1: error: link 'javascript:alert(1)' is not allowed {why}",
        f"content/about.md:{last + 6}:1: error: link 'javascript:void(0)' is not allowed {why}",
    ]


# ---------------------------------------------------------------- the preview


def test_the_preview_survives_hostile_input_and_its_status_tells_the_truth(
    project: Path,
) -> None:
    """Run the preview's real rebuild and HTTP server in this process: a crash would end it."""
    import json
    import threading
    import urllib.request

    from ipregions.pipeline import Project
    from ipregions.preview.incremental import IncrementalBuilder
    from ipregions.preview.server import Preview, PreviewServer

    builder = IncrementalBuilder(Project(project), base_url="http://127.0.0.1:8000/")
    preview = Preview(builder, quiet=True)
    server = PreviewServer(("127.0.0.1", 0), preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    status_url = f"http://127.0.0.1:{server.server_address[1]}/__preview/status"
    source = first_source(project)
    original = source.read_text(encoding="utf-8")
    value_line = original.split("\n").index("    value: 7") + 1
    try:
        for broken, expected in [
            (
                "title: x\nsummary:\n" + "- " * 40_000 + "b\n",
                f"data/sources/{source.name}:3:199: error: lists and mappings nest more than "
                "100 deep (check the brackets and the indentation)",
            ),
            (
                original.replace("    value: 7\n", "    value: 0x7\n"),
                f"data/sources/{source.name}:{value_line}:12: error: 'value' must be plain "
                "digits, not 0x7 "
                f"({YAML_11})",
            ),
            (
                original.replace(SOURCE_TITLE, 'title: "\\e[2J"'),
                f"data/sources/{source.name}:5:8: error: 'title' holds control character U+001B "
                "(delete it: it often comes with text copied from a web page)",
            ),
        ]:
            source.write_text(broken, encoding="utf-8")
            preview.rebuild("test")
            with urllib.request.urlopen(status_url, timeout=30) as response:
                status = json.loads(response.read())
            assert status["ok"] is False
            assert [error["text"] for error in status["errors"]] == [expected]
    finally:
        server.shutdown()
        server.server_close()
        preview.stop()
