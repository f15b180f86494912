"""Fuzz the loaders: mutated YAML and front matter end in editor errors or a model, nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from datatree import ALPHA, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipregions.errors import BuildError, EditorError
from ipregions.inputs.content import load_content
from ipregions.inputs.validation import load_model

ABOUT = "---\ntitle: About\ndescription: What this is.\n---\nSome [text](/facts/).\n"
# Pieces an editor, a paste or an attacker might put anywhere in a file.
PIECES = st.sampled_from(
    [
        "\x00", "\x1b[31m", "\u202e", "\ufeff", "\t", "\r", "\n", "  ", "- ", ": ", "? ", "&a ",
        "*a", "!!python/object ", "<<: ", "{", "}", "[", "]", "'", '"', "#", "---", "...", "|",
        ">", "0x84", "0204", "2:12", "1_32", "9" * 400, ".inf", "~", "null", "2024-13-45",
        "é", "中", "\U0001f600", "%YAML 1.1", "\\", "`", "@",
    ]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """Return text with a few pieces inserted, deleted or repeated at drawn places."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if action == "insert":
            text = text[:at] + draw(PIECES | st.text(max_size=8)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            piece = draw(PIECES)
            text = text[:at] + piece * draw(st.sampled_from([1, 2, 5, 50, 2_000])) + text[at:]
    return text


FUZZ = settings(
    max_examples=120,
    # A hang or a blow-up (seconds, not milliseconds) fails; a loaded machine running the
    # suite in parallel can be 10× slower than an idle one, so the bound is generous.
    deadline=30_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure is reproducible
)


def assert_clean(errors: list[EditorError]) -> None:
    """Assert that every problem is an editor error with a place."""
    assert errors
    for error in errors:
        assert isinstance(error, EditorError) and error.line >= 1 and error.column >= 1
        assert "\n" not in str(error)


@FUZZ
@given(text=mutated(ALPHA))
def test_mutated_data_files_give_editor_errors_or_a_model(tmp_path: Path, text: str) -> None:
    data_dir = write_tree(tmp_path, {"sources/alpha.yaml": None})
    (data_dir / "sources" / "alpha.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_model(data_dir, today=dt.date(2026, 11, 22))
    except BuildError as failure:
        assert_clean(failure.errors)


@FUZZ
@given(text=mutated(ABOUT))
def test_mutated_front_matter_gives_editor_errors_or_a_page(tmp_path: Path, text: str) -> None:
    content_dir = tmp_path / "content"
    content_dir.mkdir(exist_ok=True)
    (content_dir / "about.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_content(content_dir)
    except BuildError as failure:
        assert_clean(failure.errors)
