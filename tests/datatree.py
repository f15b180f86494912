"""Write a small valid data tree into a temporary folder, for tests that then break one thing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipregions.errors import BuildError
from ipregions.inputs.validation import Checked, load_model

TODAY = dt.date(2026, 11, 22)

PROVINCES = """\
# yaml-language-server: $schema=../schemas/provinces.schema.json
provinces:
  - id: beijing
    name: Beijing
    name_zh: 北京市
    kind: municipality
    tile: [2, 7]
  - id: hebei
    name: Hebei
    name_zh: 河北省
    kind: province
    tile: [3, 7]
  - id: liaoning
    name: Liaoning
    name_zh: 辽宁省
    kind: province
    tile: [2, 9]
"""

METRICS = """\
# yaml-language-server: $schema=../schemas/metrics.schema.json
metrics:
  - id: valid-invention-patents
    label: Valid invention patents
    unit: patent
    unit_plural: patents
    kind: stock
    definition: Invention patents in force.
    comparable_with: []
  - id: patent-pretrial-cases
    label: Patent pre-trial cases
    unit: case
    unit_plural: cases
    kind: flow
    definition: Patent cases accepted for quick pre-trial examination.
  - id: gi-share
    label: Share of national geographical indication products
    unit: percent
    unit_plural: percent
    kind: rate
    definition: The region's share of the national total.
  - id: losses-recovered
    label: Losses recovered
    unit: yuan
    unit_plural: yuan
    kind: money
    definition: Money recovered for businesses in overseas disputes.
    caveat: Counts only disputes the centres guided.
"""

NORTH = """\
# yaml-language-server: $schema=../../schemas/region.schema.json
name: North China
name_zh: 华北
summary: Beijing and Hebei <b>together</b>.
members:
  - province: beijing
  - province: hebei
"""

NORTHEAST = """\
# yaml-language-server: $schema=../../schemas/region.schema.json
name: Northeast China
name_zh: 东北地区
summary: Liaoning and a part of Hebei, for the tests.
members:
  - province: liaoning
  - province: hebei
    part: northern part
    note: Only for the tests.
"""

ALPHA = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
title: Centers work together
author: Cao Yin
original:
  name: China Daily
  url: https://www.chinadaily.com.cn/a/1.html
read_at:
  name: A law firm's website
published: {date: 2024-07, inferred: year, why: "The page gives no year."}
added: 2026-11-20
text_file: alpha.txt
event:
  kind: press conference
  date: 2024-07-11
  weekday: Thursday
  place: Xiong'an, Hebei
  spokespeople: [Liang Xinxin]
summary: >
  Our own words about the article.

facts:
  - id: north-valid-invention-patents-2024-06
    place: north
    metric: valid-invention-patents
    value: 618000
    as_of: {date: 2024-06, inferred: year, why: "The article says 'As of June'."}
    growth: {percent: 19, basis: from the previous year}
    quote: >-
      As of June, the number had reached 618,000, marking a 19 percent increase from the
      previous year.

  - id: north-patent-pretrial-cases-2024
    place: north
    metric: patent-pretrial-cases
    value: 32900
    period: {start: 2024-01, end: 2024-06, inferred: year, why: "The article gives months only."}
    quote: "From January to June, the centers accepted 32,900 pretrial cases involving patents"

  - id: northeast-gi-share-2024
    place: northeast
    metric: gi-share
    value: 10
    qualifier: nearly
    as_of: 2024-06
    quote: "a number that is close to one-tenth of the national total"

  - id: liaoning-losses-recovered-2024
    place: liaoning
    metric: losses-recovered
    value: 1100000
    qualifier: more than
    equivalent: {value: 152842, unit: USD}
    as_of: 2024
    note: A <script>alert(1)</script> note stays text.
    quote: "helping innovators recover over 1.1 million yuan ($152,842) in losses."

milestones:
  - id: north-monitoring-platform
    place: north
    date: 2024
    title: A monitoring platform is set up
    quote: "An IP data monitoring platform has been set up in the area"
"""

BETA = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
title: Region strengthens IP coordination
original:
  name: CNIPA
added: 2026-11-21
text_file: beta.txt
summary: Our words.

facts:
  - id: hebei-support-centres-2024
    place: hebei
    metric: valid-invention-patents
    value: 7
    as_of: 2024
    quote: "Seven patents were granted."

corroborations:
  - fact: north-patent-pretrial-cases-2024
    quote: "The centers have accepted 32,900 patent pre-trial cases"
"""

TEXTS = {
    "alpha.txt": (
        "As of June, the number had reached 618,000, marking a 19 percent\n"
        "increase from the previous year. From January to June, the centers accepted 32,900\n"
        "pretrial cases involving patents, a number that is close to one-tenth of the national\n"
        "total, helping innovators recover over 1.1 million yuan ($152,842) in losses.\n"
        "An IP data monitoring platform has been set up in the area.\n"
    ),
    "beta.txt": (
        "“Seven patents were granted.” The centers have accepted 32,900 patent pre-trial cases\n"
    ),
}

FILES = {
    "provinces.yaml": PROVINCES,
    "metrics.yaml": METRICS,
    "regions/north.yaml": NORTH,
    "regions/northeast.yaml": NORTHEAST,
    "sources/alpha.yaml": ALPHA,
    "sources/beta.yaml": BETA,
}


def write_tree(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the valid tree under root/data with some files replaced (None deletes); return it."""
    data_dir = root / "data"
    for name, text in {**FILES, **(changes or {})}.items():
        target = data_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.write_text(text, encoding="utf-8")
    return data_dir


def write_texts(folder: Path) -> Path:
    """Write the article texts the valid tree's quotes come from; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def edit(data_dir: Path, name: str, old: str, new: str) -> None:
    """Replace one exact piece of a data file, failing if it is not there exactly once."""
    target = data_dir / name
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def at(data_dir: Path, name: str, needle: str, occurrence: int = 1) -> str:
    """Return 'data/name:line:column' of the nth occurrence of needle in a data file.

    A '|' in the needle marks the spot within it: 'value: |-1' points at the -1.
    """
    text = (data_dir / name).read_text(encoding="utf-8")
    before, _, after = needle.rpartition("|") if "|" in needle else ("", "", needle)
    index = -1
    for _ in range(occurrence):
        index = text.index(before + after, index + 1)
    index += len(before)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"data/{name}:{line}:{column}"


def load(data_dir: Path) -> Checked:
    """Load the tree as of the tests' fixed today."""
    return load_model(data_dir, today=TODAY)


def problems(data_dir: Path) -> list[str]:
    """Return every error and warning as printed, whether or not the build fails."""
    try:
        checked = load(data_dir)
    except BuildError as failure:
        return [str(error) for error in failure.errors]
    return [str(warning) for warning in checked.warnings]


def errors(data_dir: Path) -> list[str]:
    """Return the errors as printed; fail the test if the data loads."""
    with pytest.raises(BuildError) as failure:
        load(data_dir)
    return [str(error) for error in failure.value.errors if error.is_error]
