"""Every figure in the five seed articles is in data/ as a fact citing its article."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ipregions.inputs.article_texts import check_quotes_in_texts
from ipregions.inputs.validation import load_model
from ipregions.model import MetricKind, Model

REPO = Path(__file__).parents[1]
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"

# Per article: its source id, its text file, and every figure it prints as (value, place, metric),
# written out by hand from the article text. A figure two articles share is listed under both:
# it is one fact, entered from the first and corroborated by the second.
ARTICLES = {
    "000": (
        "chinadaily-2023-bth-ip-centres",
        "000_800f17d4e4069b22.txt",
        [
            (7, "beijing-tianjin-hebei", "ip-protection-centres-combined"),
            (32900, "beijing-tianjin-hebei", "patent-pretrial-cases"),
            (29300, "beijing-tianjin-hebei", "ip-protection-cases"),
            (148, "beijing-tianjin-hebei", "case-clues-handed-over"),
            (132, "beijing-tianjin-hebei", "ip-model-enterprises"),
            (19, "beijing-tianjin-hebei", "technology-innovation-support-centres"),
        ],
    ),
    "001": (
        "bth-ip-coordinated-development-2023",
        "001_f8af8b6384a56846.txt",
        [
            (7, "beijing-tianjin-hebei", "industrial-ip-operation-centres-set-up"),
            (7, "beijing-tianjin-hebei", "ip-protection-centres-combined"),
            (32900, "beijing-tianjin-hebei", "patent-pretrial-cases"),
            (29300, "beijing-tianjin-hebei", "ip-protection-cases"),
            (19, "beijing-tianjin-hebei", "technology-innovation-support-centres"),
        ],
    ),
    "002": (
        "central-region-ip-progress-2024",
        "002_a3d00a7b7bb6f1c4.txt",
        [
            (618000, "central-china", "valid-invention-patents"),
            (7040000, "central-china", "valid-registered-trademarks"),
            (13, "central-china", "national-ip-protection-centres"),
            (5, "central-china", "rapid-ip-protection-centres"),
            (3136, "central-china", "protection-centre-ip-cases"),
            (11, "central-china", "institutions-given-free-ip-data"),
        ],
    ),
    "003": (
        "ne-china-innovation-output-2025",
        "003_7e19b39e4dd2164e.txt",
        [
            (195000, "northeast-china", "valid-invention-patents"),
            (2160000, "northeast-china", "valid-registered-trademarks"),
            (273, "northeast-china", "geographical-indication-products"),
            (10, "northeast-china", "share-of-national-gi-products"),
            (18000, "heilongjiang", "invention-patents-in-a-period"),
            (3, "liaoning", "overseas-ip-centres"),
            (36, "liaoning", "companies-given-ip-risk-reports"),
            (4, "liaoning", "overseas-ip-disputes-guided"),
            (6, "liaoning", "overseas-ip-consultations"),
            (1100000, "liaoning", "losses-recovered"),
        ],
    ),
    "004": (
        "chinaip-2017-bth-brand-agencies-hebei",
        "004_5d0d435fcb50c309.txt",
        [
            (150, "hebei", "event-attendees"),
            (18, "hebei", "brand-ip-service-agencies-at-event"),
            (4, "hebei", "event-parts"),
            (4, "hebei", "agencies-giving-talks"),
            # A nationwide series: filed under China as a whole, never under Hebei.
            (9, "china", "brand-agency-activities-held"),
            (1000, "china", "organisations-reached-by-brand-agency-series"),
        ],
    ),
}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(REPO / "data").model


def figures_citing(model: Model, source_id: str) -> list[tuple[float, str, str]]:
    return sorted(
        (fact.value, fact.place_id, fact.metric.id)
        for fact in model.facts.values()
        if any(citation.source.id == source_id for citation in fact.citations)
    )


@pytest.mark.parametrize("seed", sorted(ARTICLES))
def test_every_figure_of_the_article_is_a_fact_citing_it(model: Model, seed: str) -> None:
    source_id, text_file, figures = ARTICLES[seed]
    assert source_id in model.sources
    assert model.sources[source_id].text_file == text_file
    found = figures_citing(model, source_id)
    missing = Counter(figures) - Counter(found)
    extra = Counter(found) - Counter(figures)
    assert not missing, f"figures of {text_file} not in data/ citing {source_id}: {missing}"
    assert not extra, f"facts citing {source_id} that the article list lacks: {extra}"


def test_figures_both_bth_articles_give_are_one_fact_each(model: Model) -> None:
    shared = [
        "bth-ip-protection-centres-2023",
        "bth-patent-pretrial-cases-2023",
        "bth-ip-protection-cases-2023",
        "bth-technology-innovation-support-centres-2022",
    ]
    for fact_id in shared:
        sources = [citation.source.id for citation in model.facts[fact_id].citations]
        assert sources == [ARTICLES["000"][0], ARTICLES["001"][0]], fact_id


def test_heilongjiang_quarterly_figure_is_not_a_stock_of_valid_patents(model: Model) -> None:
    fact = model.facts["heilongjiang-invention-patents-2025-q1"]
    assert fact.value == 18000
    assert fact.metric.kind is MetricKind.FLOW
    assert fact.period is not None and fact.as_of is None
    stocks = [
        f
        for f in model.facts.values()
        if f.place_id == "heilongjiang" and f.metric.id == "valid-invention-patents"
    ]
    assert stocks == []


def test_every_quote_is_verbatim_in_its_article(model: Model) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the article texts are not here: {SEEDS} is missing (kept outside the repo)")
    assert [str(error) for error in check_quotes_in_texts(model, SEEDS)] == []
