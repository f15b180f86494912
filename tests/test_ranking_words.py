"""No word that ranks (fastest, most, leads) sets figures side by side that cannot be ranked;
no social card loses a figure's date or its inferred mark.

Scans what the real site says in its own words: every built page, every chart's title, takeaway,
description and drawn labels, and the text drawn on every social card. Words the editors wrote in
data/ (quotes, headlines of articles, definitions, notes) are the sources' and ours to explain,
not rankings, and are taken out first; so is the methodology's prose that explains the rule.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from ipregions.charts.model import is_baseline
from ipregions.charts.registry import Chart, build_charts
from ipregions.derive import Derived, derive
from ipregions.inputs.config import load_config
from ipregions.inputs.content import load_content
from ipregions.inputs.validation import load_model
from ipregions.model import Model
from ipregions.web.pages import build_pages
from ipregions.web.render import CONTENT_BLOCKS
from ipregions.web.site import Site
from ipregions.web.social import card_lines, drawable
from ipregions.words import format_time

ROOT = Path(__file__).resolve().parents[1]
RANKING = re.compile(
    r"\b(fastest|slowest|quickest|most|least|highest|lowest|largest|smallest|biggest|greatest"
    r"|best|worst|leads?|leading|leaders?|tops?|ahead|behind|faster|slower)\b",
    re.IGNORECASE,
)
EXPLAINS_THE_RULE = {"methodology/index.html"}  # its prose may name the words to say why not


def squeeze(text: str) -> str:
    """Return text with whitespace collapsed."""
    return " ".join(text.split())


def strings_in(value: Any) -> Iterator[str]:
    """Yield every string held in a model object, its fields and their fields."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif id(item) in seen:
            continue
        elif dataclasses.is_dataclass(item):
            seen.add(id(item))
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, dict):
            seen.add(id(item))
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            seen.add(id(item))
            stack.extend(item)


def editor_words(model: Model) -> list[str]:
    """Return what editors wrote in data/, longest first, whitespace collapsed."""
    texts = {squeeze(text) for text in strings_in(model) if len(text) > 3}
    return sorted(texts, key=len, reverse=True)


def ranking_words_in(text: str, editor: list[str], allowed: list[str]) -> list[str]:
    """Return each ranking word left in text once editors' words and allowed rankings are out."""
    text = squeeze(text)
    for words in [*allowed, *editor]:
        text = text.replace(words, " ")
    return [text[max(0, match.start() - 60) : match.end() + 40] for match in RANKING.finditer(text)]


def allowed_rankings(derived: Derived, charts: list[Chart]) -> list[str]:
    """Return the sentences that rank figures derive finds comparable (none in the real data)."""
    allowed = [statement.headline for statement in derived.growth_statements if statement.can_rank]
    # The like-for-like charts rank the provinces of one official table in one year: same
    # statistic, same date, same definition, each province whole. That may be ranked.
    allowed += [text for chart in charts if is_baseline(chart) for text in like_for_like(chart)]
    for chart in charts:
        comparison = derived.comparisons.get(chart.id.removeprefix("compare-"))
        if chart.id.startswith("compare-") and comparison and comparison.can_rank:
            allowed.append(chart.takeaway)
    return [squeeze(text) for text in allowed]


def like_for_like(chart: Chart) -> list[str]:
    """Return the sentences of a like-for-like chart that may rank provinces."""
    return [chart.takeaway, chart.description]


@pytest.fixture(scope="module")
def real() -> tuple[Model, Derived, list[Chart]]:
    model = load_model(ROOT / "data").model
    derived = derive(model)
    return model, derived, build_charts(model, derived)


def test_the_scan_finds_a_ranking_but_not_in_a_quote() -> None:
    quote = "Top IP regulator commends NE China, the most innovative"
    assert ranking_words_in(f"{quote}. Growth in patents", [quote], []) == []
    assert ranking_words_in("Central China reports the fastest growth in patents", [], []) == [
        "Central China reports the fastest growth in patents"
    ]
    ranked = "Central China reports the fastest growth in patents"
    assert ranking_words_in(ranked, [], [ranked]) == []


def test_no_built_page_ranks_figures_that_cannot_be_ranked(real_site, real) -> None:
    model, derived, charts = real
    editor, allowed = editor_words(model), allowed_rankings(derived, charts)
    found = []
    for path in sorted(real_site.folder.rglob("*.html")):
        page = path.relative_to(real_site.folder).as_posix()
        if page.startswith("pagefind/"):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page in EXPLAINS_THE_RULE:
            for prose in soup.select("main .prose, main article"):
                prose.decompose()
        # Like-for-like charts rank one table's provinces in one year (checked on the charts).
        for chart in charts:
            if is_baseline(chart):
                for figure in soup.select(f'figure[data-chart-spec$="charts/{chart.id}.vl.json"]'):
                    figure.decompose()
        metas = [meta.get("content", "") for meta in soup.find_all("meta")]
        text = " ".join([soup.title.get_text() if soup.title else "", *metas, soup.get_text(" ")])
        found += [f"{page}: {hit}" for hit in ranking_words_in(text, editor, allowed)]
    assert found == []


def test_no_chart_title_takeaway_or_label_ranks_what_cannot_be_ranked(real) -> None:
    model, derived, charts = real
    editor, allowed = editor_words(model), allowed_rankings(derived, charts)
    found = []
    for chart in charts:
        drawn = [
            str(value)
            for record in chart.spec.get("data", {}).get("values", [])
            for key, value in record.items()
            if key not in ("quote", "what")  # a quote and an article's headline: sources' words
        ]
        # The timeline draws an article's headline in lines: a piece of the editors' words.
        drawn = [text for text in drawn if not any(squeeze(text) in words for words in editor)]
        title = json.dumps(chart.spec.get("title", ""), ensure_ascii=False)
        for text in (chart.title, chart.takeaway, chart.description, title, *drawn):
            found += [f"{chart.id}: {hit}" for hit in ranking_words_in(text, editor, allowed)]
    assert found == []


def test_no_social_card_ranks_what_cannot_be_ranked(real) -> None:
    model, derived, charts = real
    config = load_config(ROOT)
    content = load_content(ROOT / "content", block_names=CONTENT_BLOCKS)
    site = Site(model, derived, config, content, charts, {})
    editor, allowed = editor_words(model), allowed_rankings(derived, charts)
    found = []
    pages = build_pages(site)
    assert len(pages) > 50
    for page in pages:
        drawn = " ".join(line.text for line in card_lines(page.social, config))
        found += [f"{page.path}: {hit}" for hit in ranking_words_in(drawn, editor, allowed)]
    assert found == []


def test_social_cards_keep_each_figures_date_and_inferred_mark(real) -> None:
    model, derived, charts = real
    config = load_config(ROOT)
    content = load_content(ROOT / "content", block_names=CONTENT_BLOCKS)
    pages = build_pages(Site(model, derived, config, content, charts, {}))
    shown = {}
    for page in pages:
        lines = [line.text for line in card_lines(page.social, config)]
        assert not any(line.endswith("…") for line in lines[2:]), page.path  # nothing cut off
        shown[page.path] = drawable(" ".join(lines))
    checked = 0
    for page in pages:
        facts = [page.data["fact"]] if "fact" in page.data else []
        if page.path == "":
            facts = derived.growth_statements[0].facts
        for fact in facts:
            when = drawable(format_time(fact).removeprefix("as of "))
            assert when in shown[page.path], page.path
            checked += 1
    assert checked > len(model.facts)  # every fact page, and the front page's figures
