"""Quotes must appear verbatim in the article texts given with check --sources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from datatree import TEXTS, at, edit, errors, load, write_texts, write_tree

from ipregions.inputs.article_texts import check_quotes_in_texts, contains, normalize

ROOT = Path(__file__).resolve().parents[1]


def check(tmp_path: Path, data_dir: Path, texts: dict[str, str] | None = None) -> list[str]:
    """Return the quote errors of the tree against the given article texts."""
    folder = write_texts(tmp_path / "texts")
    for name, text in (texts or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(e) for e in check_quotes_in_texts(load(data_dir).model, folder)]


def test_every_quote_of_the_valid_tree_is_found(tmp_path: Path) -> None:
    assert check(tmp_path, write_tree(tmp_path)) == []


def test_whitespace_and_quotation_marks_may_differ() -> None:
    text = normalize("China\u201ds Heilongjiang  said\n“We\u2019ve   strengthened” it")
    assert contains(text, "China's Heilongjiang said \"We've strengthened\" it")
    assert contains(text, "China”s Heilongjiang said ‘We’ve strengthened’ it")
    assert not contains(text, "China's Jilin said")


def test_an_ellipsis_stands_for_words_left_out() -> None:
    text = normalize(
        "An IP data monitoring platform featuring big data has been set up in the area"
    )
    assert contains(text, "An IP data monitoring platform … has been set up in the area")
    assert contains(text, "…monitoring platform ... set up")
    assert not contains(text, "has been set up … An IP data")  # parts must keep their order


def test_a_quote_not_in_the_text_is_an_error_at_the_quote(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    changed = TEXTS["alpha.txt"].replace("32,900\npretrial", "32,900\npre-trial")
    where = at(data_dir, "sources/alpha.yaml", 'quote: |"From January')
    assert check(tmp_path, data_dir, {"alpha.txt": changed}) == [
        f"{where}: error: the quote is not "
        "in the article text alpha.txt "
        "(the text differs after 'June, the centers accepted 32,900 pre')"
    ]


def test_a_quote_with_nothing_in_common(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    seven = at(data_dir, "sources/beta.yaml", 'quote: |"Seven')
    centers = at(data_dir, "sources/beta.yaml", 'quote: |"The centers')
    assert check(tmp_path, data_dir, {"beta.txt": "Something else entirely.\n"}) == [
        f"{seven}: error: the quote is not in the "
        "article text beta.txt (not even its first words are in the text)",
        f"{centers}: error: the quote is not "
        "in the article text beta.txt (not even its first words are in the text)",
    ]


def test_a_missing_text_file_and_a_source_without_one(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", "text_file: alpha.txt", "text_file: nowhere.txt")
    edit(data_dir, "sources/beta.yaml", "text_file: beta.txt\n", "")
    # Without --sources a missing text_file is no mistake.
    load(data_dir)
    folder = tmp_path / "texts"
    assert check(tmp_path, data_dir) == [
        f"data/sources/alpha.yaml:2:1: error: text file 'nowhere.txt' is not in {folder} "
        "(check text_file and --sources)",
        "data/sources/beta.yaml:2:1: error: source 'beta' has no text_file "
        "(add text_file: with the article text's file name to check its quotes)",
    ]


REASON = "text_missing: the page is paywalled; we read only the excerpt quoted"


def test_a_source_that_keeps_no_text_says_why_and_only_warns(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/beta.yaml", "text_file: beta.txt\n", f"text_file: null\n{REASON}\n")
    assert check(tmp_path, data_dir) == [
        "data/sources/beta.yaml:2:1: warning: source 'beta' keeps no article text (the page is "
        "paywalled; we read only the excerpt quoted) (its quotes are not checked against the "
        "article)"
    ]
    # The rest of a project, as `check` reads it: settings, prose pages, static files.
    shutil.copy2(ROOT / "site.yaml", tmp_path / "site.yaml")
    for part in ("content", "static"):
        shutil.copytree(ROOT / part, tmp_path / part)
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path), "check", "--sources"]
        + [str(tmp_path / "texts")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "warning: source 'beta' keeps no article text" in run.stdout + run.stderr


def test_a_text_file_and_a_reason_for_none_contradict(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/beta.yaml", "text_file: beta.txt\n", f"text_file: beta.txt\n{REASON}\n")
    assert errors(data_dir) == [
        f"{at(data_dir, 'sources/beta.yaml', 'text_missing: |the page')}: error: give text_file "
        "or text_missing, not both (text_missing says why there is no text file: write "
        "text_file: null)"
    ]
