"""What the safe YAML reader refuses, each with its full message and position."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from datatree import errors, write_tree

from ipregions.inputs.yaml_nodes import MAX_FILE_BYTES, load_yaml

HEADER = "# yaml-language-server: $schema=../../schemas/source.schema.json\n"


def gamma_errors(tmp_path: Path, body: str | bytes) -> list[str]:
    """Return the errors of a tree with one extra source file holding body."""
    data_dir = write_tree(tmp_path)
    target = data_dir / "sources" / "gamma.yaml"
    if isinstance(body, bytes):
        target.write_bytes(body)
    else:
        target.write_text(body, encoding="utf-8")
    return errors(data_dir)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            HEADER + "title: a: b\n",
            "2:9: error: invalid YAML: mapping values are not allowed in this context "
            "(text containing ': ' must be put in quotes)",
            id="colon-in-text",
        ),
        pytest.param(
            HEADER + "title: [unclosed\nadded: 2024-01-01\n",
            "3:6: error: invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence at line 2)",
            id="unclosed-list",
        ),
        pytest.param(
            HEADER + "title: x\n\tadded: 2024-01-01\n",
            "3:1: error: invalid YAML: found a tab character that violates indentation "
            "(indent with spaces, not tabs)",
            id="tab",
        ),
        pytest.param(
            HEADER + 'title: "x\n',
            "3:1: error: invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar at line 2)",
            id="unclosed-quote",
        ),
        pytest.param(
            HEADER + "title: x\n---\ntitle: y\n",
            "3:1: error: invalid YAML: but found another document "
            "(a data file holds one document: remove the second '---')",
            id="two-documents",
        ),
        pytest.param(
            HEADER,
            "1:1: error: file is empty",
            id="empty",
        ),
        pytest.param(
            HEADER + "- title: x\n",
            "2:1: error: the file must hold a mapping of fields, not a list",
            id="top-level-list",
        ),
        pytest.param(
            HEADER + "title: !!python/object/apply:os.system [echo hi]\n",
            "2:8: error: YAML tag '!!python/object/apply:os.system' is not allowed "
            "(remove it: data files hold only text, numbers, dates, lists and mappings)",
            id="python-tag",
        ),
        pytest.param(
            HEADER + "title: !secret x\n",
            "2:8: error: YAML tag '!secret' is not allowed "
            "(remove it: data files hold only text, numbers, dates, lists and mappings)",
            id="custom-tag",
        ),
        pytest.param(
            HEADER + "title: &t x\nsummary: *t\n",
            "2:8: error: YAML anchor 't' is not allowed "
            "(write the value out in full: anchors & and aliases * are refused)",
            id="anchor",
        ),
        pytest.param(
            HEADER + "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n",
            "2:4: error: YAML anchor 'a' is not allowed "
            "(write the value out in full: anchors & and aliases * are refused)",
            id="billion-laughs",
        ),
        pytest.param(
            HEADER + "title: x\n<<: {summary: y}\n",
            "3:1: error: YAML merge keys (<<) are not allowed (write the fields out)",
            id="merge-key",
        ),
        pytest.param(
            HEADER + "? [a, b]\n: x\n",
            "2:3: error: a key must be a plain name",
            id="complex-key",
        ),
    ],
)
def test_refused(tmp_path: Path, body: str, expected: str) -> None:
    assert f"data/sources/gamma.yaml:{expected}" in gamma_errors(tmp_path, body)


def test_alias_alone_is_refused(tmp_path: Path) -> None:
    assert gamma_errors(tmp_path, HEADER + "title: *nothing\n") == [
        "data/sources/gamma.yaml:2:8: error: YAML alias 'nothing' is not allowed "
        "(write the value out in full: anchors & and aliases * are refused)"
    ]


def test_duplicate_keys_are_refused_not_silently_dropped(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    path = data_dir / "sources" / "beta.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    value: 7\n", "    value: 7\n    value: 8\n"),
        encoding="utf-8",
    )
    assert errors(data_dir) == [
        "data/sources/beta.yaml:14:5: error: duplicate key 'value' "
        "(first at line 13; YAML would keep only the last)"
    ]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    body = (HEADER + "title: Caf").encode() + b"\xe9\n"
    assert gamma_errors(tmp_path, body) == [
        "data/sources/gamma.yaml:2:11: error: file is not UTF-8 text (byte 0xe9) "
        "(save the file as UTF-8)"
    ]


def test_control_character(tmp_path: Path) -> None:
    assert gamma_errors(tmp_path, HEADER + "title: a\x07b\n") == [
        "data/sources/gamma.yaml:2:9: error: control character U+0007 is not allowed "
        "(delete it: it often comes with text copied from a web page)"
    ]


def test_every_message_is_one_line(tmp_path: Path) -> None:
    found = gamma_errors(tmp_path, HEADER + '"ti\\ntle": x\n')
    assert (
        "data/sources/gamma.yaml:2:1: error: unknown field 'ti\\ntle' (did you mean 'title'?)"
        in found
    )
    assert all("\n" not in message for message in found)


def test_absurd_nesting_is_refused_before_it_can_crash_the_parser(tmp_path: Path) -> None:
    body = HEADER + "title: " + "[" * 400_000 + "]" * 400_000 + "\n"
    assert gamma_errors(tmp_path, body) == [
        "data/sources/gamma.yaml:2:107: error: lists and mappings nest more than 100 deep "
        "(check the brackets and the indentation)"
    ]


def test_brackets_in_quotes_are_not_nesting(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text('title: "' + "[" * 300 + '"\nlist: [[1], {a: [2]}]\n', encoding="utf-8")
    assert load_yaml(file, "data/x.yaml").errors == []


def test_file_that_is_too_large(tmp_path: Path) -> None:
    body = HEADER + "summary: " + "x" * MAX_FILE_BYTES + "\n"
    assert gamma_errors(tmp_path, body) == [
        f"data/sources/gamma.yaml:1:1: error: file is too large ({len(body):,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,}) (split it into several files)"
    ]


def test_nodes_keep_their_lines_and_columns_in_characters(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("name_zh: 河北省\nname: Hebei\n", encoding="utf-8")
    loaded = load_yaml(file, "data/x.yaml")
    assert loaded.errors == []
    assert isinstance(loaded.root, yaml.MappingNode)
    (key, value), (key2, _) = loaded.root.value
    assert (value.value, value.start_mark.line, value.start_mark.column) == ("河北省", 0, 9)
    assert (key2.value, key2.start_mark.line) == ("name", 1)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes("\ufeffname: Hebei\n".encode())
    loaded = load_yaml(file, "data/x.yaml")
    assert loaded.errors == []
    assert loaded.root is not None


def test_ampersands_and_stars_in_text_are_fine(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text('title: "Awards & Honors *new*"\nnote: R&D\n', encoding="utf-8")
    loaded = load_yaml(file, "data/x.yaml")
    assert loaded.errors == []
