"""Write a synthetic but valid project of N sources, for benchmarks and incremental-build tests.

The geography (provinces, regions) and the site's templates, prose and static files are copied
from the real project; metrics and sources are made up, several facts to a source, each with a
quote that states its value the way the check expects. Usage:

    python bench/generate.py 1000 /tmp/ipregions-1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COPIED_FOLDERS = ("templates", "content", "static", "schemas")
COPIED_FILES = ("site.yaml",)
PROJECT_PARTS = ("data", *COPIED_FOLDERS, *COPIED_FILES)  # a project's inputs, no output
FACTS_PER_SOURCE = 4
KINDS = ("stock", "flow", "count", "institutions")
NOUNS = ("application", "case", "patent", "trademark", "centre", "enterprise", "agreement")
FIRST_YEAR, LAST_YEAR = 2015, 2024
# A fact's id and the value line that follows it, with only plain fields in between.
FACT_VALUE = re.compile(r"id: ([a-z0-9-]+)\n(?:[ \t]+[a-z_]+: [^\n]*\n)*?[ \t]+(value: \d+)\n")


def source_id(number: int) -> str:
    """Return the id of the n-th synthetic source."""
    return f"syn-{number:05d}"


def synthetic_metrics(count: int) -> list[dict]:
    """Return count made-up metrics, cycling through the kinds that take whole numbers."""
    metrics = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        noun = NOUNS[number % len(NOUNS)]
        metrics.append(
            {
                "id": f"synthetic-metric-{number:03d}",
                "label": f"Synthetic {noun}s, series {number:03d}",
                "unit": noun,
                "unit_plural": f"{noun}s",
                "kind": kind,
                "definition": f"A made-up count of {noun}s that exists only to load the build.",
                "comparable_with": [],
            }
        )
    return metrics


def time_fields(kind: str, year: int, month: int) -> dict:
    """Return the as-of date, or the period for flows, of a fact."""
    if kind == "flow":
        return {"period": {"start": f"{year}-01", "end": f"{year}-{month:02d}"}}
    return {"as_of": f"{year}-{month:02d}"}


def quote_for(value: int) -> str:
    """Return a quote that states the value once, exactly, with no qualifier."""
    return f"Officials said the figure reached {value:,} by the end of the period"


def synthetic_facts(
    number: int, metrics: list[dict], places: list[str], taken: set, rng: random.Random
) -> list[dict]:
    """Return the facts of the n-th source: each a new place, metric and time."""
    facts = []
    while len(facts) < FACTS_PER_SOURCE:
        metric = rng.choice(metrics)
        place = rng.choice(places)
        year, month = rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12)
        key = (place, metric["id"], year, month)
        if key in taken:
            continue
        taken.add(key)
        value = rng.randint(120, 990_000)
        facts.append(
            {
                "id": f"{source_id(number)}-fact-{len(facts)}",
                "place": place,
                "metric": metric["id"],
                "value": value,
                **time_fields(metric["kind"], year, month),
                "quote": quote_for(value),
            }
        )
    return facts


def synthetic_source(
    number: int, metrics: list[dict], places: list[str], taken: set, rng: random.Random
) -> dict:
    """Return one made-up article with its facts, and now and then a milestone."""
    published = dt.date(LAST_YEAR + 1, 1, 1) + dt.timedelta(days=number % 300)
    source = {
        "title": f"Synthetic article {number} on intellectual property protection",
        "author": "Benchmark Generator",
        "original": {"name": "Synthetic Daily", "url": f"https://example.org/news/{number}"},
        "published": published.isoformat(),
        "added": published.isoformat(),
        "summary": f"A made-up article, number {number}, written to load the build.",
        "facts": synthetic_facts(number, metrics, places, taken, rng),
    }
    if number % 5 == 0:
        source["milestones"] = [
            {
                "id": f"{source_id(number)}-milestone",
                "place": rng.choice(places),
                "date": published.isoformat(),
                "title": f"A synthetic platform number {number} is launched",
                "quote": "A new platform has been launched to serve the region",
            }
        ]
    return source


def add_corroborations(sources: dict[str, dict]) -> None:
    """Let every tenth article repeat the first figure of the article before it."""
    names = list(sources)
    for previous, current in zip(names, names[1:], strict=False):
        if int(current.removeprefix("syn-")) % 10 != 9:
            continue
        fact = sources[previous]["facts"][0]
        repeated = f"The earlier report of {fact['value']:,} was confirmed"
        sources[current]["corroborations"] = [{"fact": fact["id"], "quote": repeated}]


def write_yaml(path: Path, data: dict, schema: str) -> None:
    """Write data as YAML in the order given, naming its JSON Schema as editors' files do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    comment = f"# yaml-language-server: $schema={schema}\n"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(comment + text, encoding="utf-8")


def copy_project(folder: Path, repo: Path = REPO, parts: tuple = PROJECT_PARTS) -> Path:
    """Copy a project's inputs (never its site/ or .cache/) into folder and return folder."""
    for name in parts:
        if (repo / name).is_dir():
            shutil.copytree(repo / name, folder / name, dirs_exist_ok=True)
        elif (repo / name).is_file():
            shutil.copy2(repo / name, folder / name)
    return folder


def copy_site(folder: Path, repo: Path) -> None:
    """Copy templates, prose, static files, settings and the geography from the real project."""
    copy_project(folder, repo, (*COPIED_FOLDERS, *COPIED_FILES))
    (folder / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "data" / "provinces.yaml", folder / "data" / "provinces.yaml")
    shutil.copytree(repo / "data" / "regions", folder / "data" / "regions", dirs_exist_ok=True)
    # The official tables are part of every real site: the like-for-like pages and charts.
    statistics = repo / "data" / "statistics"
    if statistics.is_dir():
        shutil.copytree(statistics, folder / "data" / "statistics", dirs_exist_ok=True)


def generate(folder: Path, sources: int, *, repo: Path = REPO, seed: int = 7) -> Path:
    """Write a project of the given number of sources into folder and return folder."""
    folder.mkdir(parents=True, exist_ok=True)
    copy_site(folder, repo)
    provinces = yaml.safe_load((repo / "data" / "provinces.yaml").read_text(encoding="utf-8"))
    region_ids = sorted(path.stem for path in (repo / "data" / "regions").glob("*.yaml"))
    places = region_ids + [province["id"] for province in provinces["provinces"]]

    real_metrics = yaml.safe_load((repo / "data" / "metrics.yaml").read_text(encoding="utf-8"))
    metrics = synthetic_metrics(max(4, sources // 10))
    all_metrics = {"metrics": real_metrics["metrics"] + metrics}
    write_yaml(folder / "data" / "metrics.yaml", all_metrics, "../schemas/metrics.schema.json")

    rng = random.Random(seed)
    taken: set = set()
    written = {
        source_id(number): synthetic_source(number, metrics, places, taken, rng)
        for number in range(sources)
    }
    add_corroborations(written)
    for name, source in written.items():
        path = folder / "data" / "sources" / f"{name}.yaml"
        write_yaml(path, source, "../../schemas/source.schema.json")
    return folder


@dataclass(frozen=True)
class FactEdit:
    """A change edit_one_fact made: in which file, to which fact, from what value to what."""

    path: str  # relative to the project: data/sources/x.yaml
    fact_id: str
    old: int
    new: int


def edit_one_fact(folder: Path, *, write: bool = True) -> FactEdit:
    """Change one fact's value by one, and its quote to match; return what changed.

    The fact is the first whose quote prints its value with thousands separators and that no
    other article corroborates (a corroboration's quote must state the old value too). Each call
    adds one, so every edit is a value no build has drawn before. With write=False, only say
    what the edit would be.
    """
    paths = sorted((folder / "data" / "sources").glob("*.yaml"))
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    everything = "\n".join(texts.values())
    for path, text in texts.items():
        for fact_id, line in FACT_VALUE.findall(text):
            value = int(line.split(":")[1])
            value_at = text.index(line, text.index(f"id: {fact_id}"))
            printed = f"{value:,}"
            quote_at = text.find(printed, value_at + len(line))
            if value < 1000 or quote_at == -1 or everything.count(fact_id) != 1:
                continue
            new = value + 1
            text = text[:quote_at] + f"{new:,}" + text[quote_at + len(printed) :]
            text = text[:value_at] + f"value: {new}" + text[value_at + len(line) :]
            if write:
                path.write_text(text, encoding="utf-8")
            return FactEdit(path.relative_to(folder).as_posix(), fact_id, value, new)
    raise ValueError(f"no fact in {folder} can be edited safely")


def main(argv: list[str]) -> int:
    """Write the project the command line asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=int, help="how many articles to make up")
    parser.add_argument("folder", type=Path, help="where to write the project (made if missing)")
    arguments = parser.parse_args(argv)
    generate(arguments.folder, arguments.sources)
    print(f"wrote {arguments.sources} sources into {arguments.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
