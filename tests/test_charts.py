"""Chart specs, words and tables: built from a hand-made model shaped like data/, and from data/."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from pathlib import Path

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from ipregions.charts import theme
from ipregions.charts.bars import Bar, bar_chart
from ipregions.charts.groups import group_title
from ipregions.charts.maps import tile_labels
from ipregions.charts.registry import (
    NO_FIGURE,
    Chart,
    IncomparableMetricsError,
    build_charts,
    check_same_axis,
)
from ipregions.derive import derive
from ipregions.model import (
    Citation,
    Fact,
    FuzzyDate,
    Growth,
    Membership,
    Metric,
    MetricKind,
    Milestone,
    Model,
    Outlet,
    Period,
    Province,
    Qualifier,
    Region,
    Source,
)
from ipregions.model.site import PageKind, Placement
from ipregions.words import format_growth, format_time, format_time_short, format_value

TILES = {
    "heilongjiang": (0, 7),
    "inner-mongolia": (1, 4),
    "jilin": (1, 7),
    "xinjiang": (2, 0),
    "gansu": (2, 2),
    "ningxia": (2, 3),
    "shanxi": (2, 4),
    "hebei": (2, 5),
    "beijing": (2, 6),
    "liaoning": (2, 7),
    "qinghai": (3, 1),
    "shaanxi": (3, 3),
    "henan": (3, 4),
    "shandong": (3, 5),
    "tianjin": (3, 6),
    "tibet": (4, 0),
    "sichuan": (4, 2),
    "chongqing": (4, 3),
    "hubei": (4, 4),
    "anhui": (4, 5),
    "jiangsu": (4, 6),
    "yunnan": (5, 2),
    "guizhou": (5, 3),
    "hunan": (5, 4),
    "jiangxi": (5, 5),
    "zhejiang": (5, 6),
    "shanghai": (5, 7),
    "guangxi": (6, 3),
    "guangdong": (6, 4),
    "fujian": (6, 5),
    "taiwan": (6, 7),
    "hainan": (7, 3),
    "macau": (7, 4),
    "hong-kong": (7, 5),
}


def province_name(province_id: str) -> str:
    return province_id.replace("-", " ").title()


def source(source_id: str, title: str, outlet: str, published: FuzzyDate) -> Source:
    return Source(
        id=source_id,
        title=title,
        original=Outlet(outlet),
        read_at=None,
        author=None,
        published=published,
        event=None,
        summary="Our own summary.",
        text_file=None,
        added=dt.date(2026, 1, 1),
    )


def make_model() -> Model:
    provinces = {
        pid: Province(pid, province_name(pid), "省", "province", row, col)
        for pid, (row, col) in TILES.items()
    }

    def members(*ids: str, part: dict[str, str] | None = None) -> list[Membership]:
        part = part or {}
        return [Membership(provinces[pid], part.get(pid)) for pid in ids]

    regions = {
        "beijing-tianjin-hebei": Region(
            "beijing-tianjin-hebei",
            "Beijing-Tianjin-Hebei",
            "京津冀",
            "s",
            members("beijing", "tianjin", "hebei"),
            colour_index=0,
        ),
        "central-china": Region(
            "central-china",
            "Central China",
            "中部地区",
            "s",
            members("shanxi", "henan", "anhui", "hubei", "hunan", "jiangxi"),
            colour_index=1,
        ),
        "northeast-china": Region(
            "northeast-china",
            "Northeast China",
            "东北地区",
            "s",
            members(
                "heilongjiang",
                "jilin",
                "liaoning",
                "inner-mongolia",
                part={"inner-mongolia": "eastern part"},
            ),
            colour_index=2,
        ),
    }

    def metric(mid: str, label: str, unit: str, kind: MetricKind, *comparable: str) -> Metric:
        return Metric(mid, label, unit, unit + "s", kind, "d", list(comparable))

    metrics = {
        m.id: m
        for m in [
            metric(
                "valid-invention-patents", "Valid invention patents", "patent", MetricKind.STOCK
            ),
            metric(
                "valid-registered-trademarks",
                "Valid registered trademarks",
                "trademark",
                MetricKind.STOCK,
            ),
            metric(
                "ip-protection-centres",
                "National and rapid IP protection centres",
                "centre",
                MetricKind.INSTITUTIONS,
                "national-ip-protection-centres",
                "rapid-ip-protection-centres",
            ),
            metric(
                "national-ip-protection-centres",
                "National IP protection centres",
                "centre",
                MetricKind.INSTITUTIONS,
            ),
            metric(
                "rapid-ip-protection-centres",
                "Rapid IP protection centres",
                "centre",
                MetricKind.INSTITUTIONS,
            ),
            metric("ip-protection-cases", "IP protection cases", "case", MetricKind.FLOW),
            metric("patent-pretrial-cases", "Patent pre-trial cases", "case", MetricKind.FLOW),
            metric(
                "geographical-indication-products",
                "Geographical indication products",
                "product",
                MetricKind.COUNT,
            ),
        ]
    }
    parts = ["national-ip-protection-centres", "rapid-ip-protection-centres"]
    metrics["ip-protection-centres"].sum_of = parts
    sources = {
        s.id: s
        for s in [
            source(
                "bth-centres-2023",
                "Beijing-Tianjin-Hebei centers work together for IP regulations",
                "China Daily",
                FuzzyDate(2023, 11, 16, inferred="year", why="The page shows no year."),
            ),
            source(
                "central-2024",
                "China's Central Region Sees Notable Progress in IP Protection",
                "CNIPA",
                FuzzyDate(2024, 7),
            ),
            source(
                "northeast-2025",
                "Top IP regulator commends NE China for increased innovation output",
                "China Daily",
                FuzzyDate(2025, 6, 1),
            ),
            source(
                "bth-agencies-2017",
                "Brand IP Service Agencies Explores Beijing-Tianjin-Hebei IP Strategies",
                "China IP",
                FuzzyDate(2017, 7),
            ),
        ]
    }

    def fact(
        fid: str,
        place: str,
        mid: str,
        value: float,
        src: str,
        quote: str,
        *,
        as_of: FuzzyDate | None = None,
        period: Period | None = None,
        qualifier: Qualifier = Qualifier.EXACT,
        growth: float | None = None,
    ) -> Fact:
        return Fact(
            id=fid,
            place_id=place,
            metric=metrics[mid],
            value=value,
            qualifier=qualifier,
            as_of=as_of,
            period=period,
            citations=[Citation(sources[src], quote)],
            growth=Growth(growth, "year-on-year") if growth is not None else None,
        )

    june_2024 = FuzzyDate(2024, 6, inferred="year", why="The article says 'As of June'.")
    april_2025 = FuzzyDate(2025, 4)
    jan_oct_2023 = Period(FuzzyDate(2023, 1), FuzzyDate(2023, 10))
    facts = {
        f.id: f
        for f in [
            fact(
                "central-valid-invention-patents-2024-06",
                "central-china",
                "valid-invention-patents",
                618000,
                "central-2024",
                "the number of valid invention patents in China's central region had reached "
                "618,000, marking a 19 percent increase",
                as_of=june_2024,
                growth=19,
            ),
            fact(
                "central-valid-registered-trademarks-2024-06",
                "central-china",
                "valid-registered-trademarks",
                7040000,
                "central-2024",
                "the number of valid registered trademarks had risen to over 7.04 million, "
                "up 11 percent year-on-year",
                as_of=june_2024,
                qualifier=Qualifier.MORE_THAN,
                growth=11,
            ),
            fact(
                "northeast-valid-invention-patents-2025-04",
                "northeast-china",
                "valid-invention-patents",
                195000,
                "northeast-2025",
                "195,000 valid invention patents, a year-on-year increase of 10.2 percent",
                as_of=april_2025,
                growth=10.2,
            ),
            fact(
                "northeast-valid-registered-trademarks-2025-04",
                "northeast-china",
                "valid-registered-trademarks",
                2160000,
                "northeast-2025",
                "The number of valid registered trademarks has also exceeded 2.16 million in the "
                "places, up 7.7 percent year-on-year",
                as_of=april_2025,
                qualifier=Qualifier.MORE_THAN,
                growth=7.7,
            ),
            fact(
                "heilongjiang-valid-invention-patents-2025-03",
                "heilongjiang",
                "valid-invention-patents",
                18000,
                "northeast-2025",
                "the province saw 18,000 valid invention patents from January to March",
                as_of=FuzzyDate(2025, 3),
                growth=10.6,
            ),
            fact(
                "bth-ip-protection-centres-2023",
                "beijing-tianjin-hebei",
                "ip-protection-centres",
                7,
                "bth-centres-2023",
                "Seven centers established in the Beijing-Tianjin-Hebei region",
                as_of=FuzzyDate(2023, 11),
            ),
            fact(
                "central-national-ip-protection-centres-2024",
                "central-china",
                "national-ip-protection-centres",
                13,
                "central-2024",
                "The region has established 13 national IP protection centers",
                as_of=FuzzyDate(2024, 7),
            ),
            fact(
                "central-rapid-ip-protection-centres-2024",
                "central-china",
                "rapid-ip-protection-centres",
                5,
                "central-2024",
                "and five rapid IP protection centers",
                as_of=FuzzyDate(2024, 7),
            ),
            fact(
                "bth-ip-protection-cases-2023",
                "beijing-tianjin-hebei",
                "ip-protection-cases",
                29300,
                "bth-centres-2023",
                "and 29,300 cases of IP rights protection",
                period=jan_oct_2023,
            ),
            fact(
                "bth-patent-pretrial-cases-2023",
                "beijing-tianjin-hebei",
                "patent-pretrial-cases",
                32900,
                "bth-centres-2023",
                "the centers accepted 32,900 pretrial cases involving patents",
                period=jan_oct_2023,
            ),
            fact(
                "central-ip-protection-cases-2024-h1",
                "central-china",
                "ip-protection-cases",
                3136,
                "central-2024",
                "these centers processed 3,136 IP cases",
                period=Period(FuzzyDate(2024, 1), FuzzyDate(2024, 6)),
            ),
            fact(
                "northeast-gi-products-2025",
                "northeast-china",
                "geographical-indication-products",
                273,
                "northeast-2025",
                "the provinces have recognized 273 geographical indication products",
                as_of=april_2025,
            ),
        ]
    }
    milestones = {
        m.id: m
        for m in [
            Milestone(
                "bth-ip-data-monitoring-platform",
                "beijing-tianjin-hebei",
                FuzzyDate(2023, inferred="year", why="Reported in 2023."),
                "An IP data monitoring platform is set up for the region",
                Citation(sources["bth-centres-2023"], "An IP data monitoring platform"),
            ),
            Milestone(
                "bth-brand-agencies-activity-2017",
                "hebei",
                FuzzyDate(2017, 7, 6),
                "National brand IP service agencies gather in Baoding, Hebei",
                Citation(sources["bth-agencies-2017"], "From July 5-6"),
            ),
            Milestone(
                "liaoning-overseas-centres",
                "liaoning",
                FuzzyDate(2024),
                "Three centres for IP problems overseas work in Liaoning",
                Citation(sources["northeast-2025"], "three centers"),
            ),
        ]
    }
    return Model(provinces, regions, metrics, sources, facts, milestones)


# ---------------------------------------------------------------- helpers

ROOT = Path(__file__).resolve().parents[1]
VEGA_LITE_SCHEMA = load_schema()


def charts_by_id(model: Model | None = None) -> dict[str, Chart]:
    model = model or make_model()
    return {chart.id: chart for chart in build_charts(model, derive(model))}


def records(chart: Chart, kind: str | None = None) -> list[dict]:
    values = chart.spec["data"]["values"]
    return [r for r in values if kind is None or r["kind"] == kind]


def layer_for(chart: Chart, kind: str) -> list[dict]:
    """Return the layers that draw only records of a kind (by their filter)."""
    found = []
    for layer in chart.spec["layer"]:
        for transform in layer.get("transform", []):
            predicate = transform.get("filter", {})
            if predicate.get("equal") == kind or kind in predicate.get("oneOf", []):
                found.append(layer)
    return found


@pytest.fixture(scope="module")
def charts() -> dict[str, Chart]:
    return charts_by_id()


# ---------------------------------------------------------------- honest axes


def test_a_stock_beside_a_flow_is_refused_naming_metrics_and_kinds():
    metrics = make_model().metrics
    with pytest.raises(IncomparableMetricsError) as caught:
        check_same_axis([metrics["valid-invention-patents"], metrics["ip-protection-cases"]])
    assert str(caught.value) == (
        "cannot put figures of different kinds on one axis: valid-invention-patents is a stock, "
        "ip-protection-cases is a flow; chart them separately"
    )


def test_metrics_of_one_kind_not_declared_comparable_are_refused():
    metrics = make_model().metrics
    with pytest.raises(IncomparableMetricsError) as caught:
        check_same_axis(
            [metrics["valid-invention-patents"], metrics["valid-registered-trademarks"]]
        )
    assert str(caught.value) == (
        "cannot put valid-invention-patents and valid-registered-trademarks on one axis: both "
        "are stock figures, but comparable_with does not link them"
    )


def test_comparable_with_links_metrics_through_each_other():
    metrics = make_model().metrics
    # national and rapid are linked only through the combined metric, which lists both.
    group = [metrics[m] for m in ("national-ip-protection-centres", "rapid-ip-protection-centres")]
    with pytest.raises(IncomparableMetricsError):
        check_same_axis(group)
    check_same_axis([*group, metrics["ip-protection-centres"]])


def test_the_bar_chart_builder_refuses_a_count_beside_a_rate():
    count = Metric("people", "People", "person", "people", MetricKind.COUNT, "d", ["share"])
    rate = Metric("share", "Share", "percent", "percent", MetricKind.RATE, "d", ["people"])
    bars = [
        Bar("A", theme.PALETTE[0], count, 150, "150 · 2017"),
        Bar("B", theme.PALETTE[1], rate, 10, "10% · 2017"),
    ]
    with pytest.raises(IncomparableMetricsError, match="people is a count, share is a rate"):
        bar_chart(bars, [count, rate], title="T", subtitle="S")


def test_a_bar_for_a_metric_off_the_axis_is_refused():
    metrics = make_model().metrics
    bar = Bar("A", theme.PALETTE[0], metrics["ip-protection-cases"], 5, "5 · 2023")
    with pytest.raises(Exception, match="counts ip-protection-cases, not on this chart's axis"):
        bar_chart([bar], [metrics["valid-invention-patents"]], title="T", subtitle="S")


def test_the_build_refuses_metrics_of_different_kinds_declared_comparable():
    model = make_model()
    model.metrics["valid-invention-patents"].comparable_with = ["patent-pretrial-cases"]
    with pytest.raises(IncomparableMetricsError) as caught:
        build_charts(model, derive(model))
    assert str(caught.value) == (
        "cannot put figures of different kinds on one axis: patent-pretrial-cases is a flow, "
        "valid-invention-patents is a stock; chart them separately"
    )


# ---------------------------------------------------------------- one metric across regions


def test_comparison_spec_shows_values_with_dates_and_no_figure_as_a_labelled_mark(charts):
    chart = charts["compare-valid-invention-patents"]
    spec = chart.spec
    assert spec["title"] == {
        "text": "Valid invention patents",
        "subtitle": ["By region, as of different dates: not a snapshot"],
    }
    bars = records(chart, "bar")
    assert [(r["name"], r["value"], r["label"]) for r in bars] == [
        ("Central China", 618000, "618,000 · Jun 2024*"),  # * the year is inferred
        ("Northeast China", 195000, "195,000 · Apr 2025"),
    ]
    assert [r["fact_id"] for r in bars] == [
        "central-valid-invention-patents-2024-06",
        "northeast-valid-invention-patents-2025-04",
    ]
    (missing,) = records(chart, "none")
    assert missing["name"] == "Beijing-Tianjin-Hebei"
    assert missing["label"] == NO_FIGURE
    assert missing["value"] is None  # never a zero bar
    # Bars are drawn from the value only; the missing region has its own text mark at x = 0.
    (rect,) = [layer for layer in layer_for(chart, "bar") if layer["mark"]["type"] == "rect"]
    assert rect["encoding"]["x"]["field"] == "value"
    assert rect["encoding"]["x2"] == {"field": "start"}  # 0, or where a stacked part starts
    assert [r["start"] for r in bars] == [0, 0]
    assert rect["encoding"]["color"] == {"field": "colour", "scale": None, "type": "nominal"}
    assert [t["field"] for t in rect["encoding"]["tooltip"]] == [
        "place",
        "label",
        "when",
        "quote",
        "source",
    ]
    (no_figure,) = [
        layer for layer in layer_for(chart, "none") if layer["encoding"]["text"]["field"] == "label"
    ]
    assert no_figure["mark"]["type"] == "text"
    assert no_figure["mark"]["fontStyle"] == "italic"
    assert no_figure["encoding"]["x"] == {"value": 0}
    assert no_figure["encoding"]["text"]["field"] == "label"
    assert [r["colour"] for r in bars] == [theme.PALETTE[1], theme.PALETTE[2]]
    assert chart.dates_line == (
        "Dates (* inferred by us, not printed): Central China as of June 2024 (year inferred); "
        "Northeast China as of April 2025."
    )
    assert spec["usermeta"]["pageTitle"]["text"] == spec["title"]["subtitle"]
    assert spec["description"] == chart.description


def test_every_value_label_carries_its_qualifier_and_date(charts):
    bars = records(charts["compare-valid-registered-trademarks"], "bar")
    assert [r["label"] for r in bars] == [
        "more than 7.04 million · Jun 2024*",
        "more than 2.16 million · Apr 2025",
    ]
    assert bars[0]["quote"].startswith("the number of valid registered trademarks")
    assert bars[0]["when"] == "as of June 2024 (year inferred)"
    assert bars[0]["source"] == "CNIPA"


def test_a_chart_credits_who_produced_the_figures_and_who_reported_them():
    model = make_model()
    for fact in model.facts.values():
        fact.producer = "CNIPA"
    chart = charts_by_id(model)["compare-valid-invention-patents"]
    assert chart.source_line == "CNIPA figures, as reported by China Daily; CNIPA"


def test_comparison_words_come_from_the_data(charts):
    chart = charts["compare-valid-invention-patents"]
    assert chart.title == "Valid invention patents"
    assert chart.takeaway == (
        "Central China reported 618,000 patents as of June 2024 (year inferred); Northeast China "
        "195,000 patents as of April 2025. Not a ranking: the figures are of different dates or "
        "periods."
    )
    assert chart.description.startswith(
        "Valid invention patents by region. Beijing-Tianjin-Hebei reported no figure; Central "
        "China reported 618,000 as of June 2024 (year inferred); Northeast China reported "
        "195,000 as of April 2025. The figures refer to different times"
    )
    assert chart.source_line == "Sources: China Daily; CNIPA"
    assert tuple(map(str, chart.pages)) == (
        "compare",
        "metric:valid-invention-patents",
        "region:central-china",
        "region:northeast-china",
    )


def test_figures_in_the_words_are_marked_with_their_facts(charts):
    chart = charts["compare-valid-invention-patents"]
    assert chart.takeaway_links == (
        ("Central China reported ", None),
        ("618,000 patents", "central-valid-invention-patents-2024-06"),
        (" as of June 2024 (year inferred); Northeast China ", None),
        ("195,000 patents", "northeast-valid-invention-patents-2025-04"),
        (
            " as of April 2025. Not a ranking: the figures are of different dates or periods.",
            None,
        ),
    )
    assert [fact_id for _, fact_id in chart.description_links if fact_id] == [
        "central-valid-invention-patents-2024-06",
        "northeast-valid-invention-patents-2025-04",
    ]
    growth = charts["growth-year-on-year"]
    assert [text for text, fact_id in growth.takeaway_links if fact_id] == [
        "+19%",
        "+10.2%",
        "+11%",
        "+7.7%",
    ]
    for chart in charts.values():
        for words in (chart.takeaway, chart.description, chart.spec["description"]):
            assert not re.search("[\ue000-\ue002]", words), chart.id


def test_figures_of_one_date_are_ranked_and_said_to_be_most():
    model = make_model()
    same_date = FuzzyDate(2025, 4)
    model.facts["central-valid-invention-patents-2024-06"].as_of = same_date
    chart = charts_by_id(model)["compare-valid-invention-patents"]
    assert [r["name"] for r in records(chart)] == [
        "Central China",
        "Northeast China",
        "Beijing-Tianjin-Hebei",
    ]
    assert chart.takeaway == (
        "Central China reported the most valid invention patents: 618,000 patents as of April 2025."
    )
    assert chart.spec["title"]["subtitle"] == ["By region, as of April 2025"]


def test_flows_over_different_periods_are_not_ranked(charts):
    chart = charts["compare-ip-protection-cases"]
    assert [(r["name"], r["label"]) for r in records(chart) if r["kind"] != "heading"] == [
        ("Beijing-Tianjin-Hebei", "29,300 · Jan–Oct 2023"),
        ("Central China", "3,136 · Jan–Jun 2024"),
        ("Northeast China", NO_FIGURE),
    ]
    assert chart.takeaway == (
        "Beijing-Tianjin-Hebei reported 29,300 cases January–October 2023; Central China 3,136 "
        "cases January–June 2024. Not a ranking: the figures are of different dates or periods."
    )
    assert chart.spec["title"]["subtitle"] == ["By region, over different periods: not a ranking"]


def test_a_metric_only_one_region_reports_gets_no_comparison_chart(charts):
    assert "compare-patent-pretrial-cases" not in charts
    assert "compare-geographical-indication-products" not in charts


def test_the_value_axis_leaves_room_for_the_longest_label(charts):
    chart = charts["compare-valid-registered-trademarks"]
    (rect,) = [layer for layer in layer_for(chart, "bar") if layer["mark"]["type"] == "rect"]
    assert rect["encoding"]["x"]["scale"] == {
        "domainMin": {"expr": "x_low"},
        "domainMax": {"expr": "x_high"},
        "nice": False,
        "zero": False,
    }
    params = {param["name"]: param["value"] for param in chart.spec["params"]}
    low, high = params["x_low"], params["x_high"]
    assert low == 0
    for record in records(chart, "bar"):
        end = record["value"] / high * theme.WIDTH
        assert end + 6 + theme.text_width(record["label"]) <= theme.WIDTH


# ---------------------------------------------------------------- growth and breakdowns


def test_growth_chart_sets_stated_growth_side_by_side(charts):
    chart = charts["growth-year-on-year"]
    assert [r["text"] for r in records(chart, "heading")] == [
        "Valid invention patents",
        "Valid registered trademarks",
    ]
    assert [(r["name"], r["value"], r["label"]) for r in records(chart, "bar")] == [
        ("Central China", 19, "+19% · Jun 2024*"),
        ("Northeast China", 10.2, "+10.2% · Apr 2025"),
        ("Central China", 11, "+11% · Jun 2024*"),
        ("Northeast China", 7.7, "+7.7% · Apr 2025"),
    ]
    assert [r["name"] for r in records(chart, "none")] == ["Beijing-Tianjin-Hebei"] * 2
    # Different dates: derive's dated, neutral words, no "fastest".
    assert chart.takeaway == (
        "Valid invention patents: Central China reported +19% for June 2024 (year inferred); "
        "Northeast China +10.2% for April 2025. Valid registered trademarks: Central China "
        "reported +11% for June 2024 (year inferred); Northeast China +7.7% for April 2025."
    )
    assert chart.description.endswith(
        "No growth figure reported for Beijing-Tianjin-Hebei (valid invention patents) and "
        "Beijing-Tianjin-Hebei (valid registered trademarks)."
    )
    # Heilongjiang's growth is a province's, not a region's: it stays off the regions' chart.
    assert "heilongjiang-valid-invention-patents-2025-03" not in [
        r.get("fact_id") for r in records(chart)
    ]
    assert tuple(map(str, chart.pages[:2])) == ("home", "compare")


def test_growth_of_one_date_may_be_ranked_in_the_takeaway():
    model = make_model()
    for metric in ("invention-patents", "registered-trademarks"):
        central = model.facts[f"central-valid-{metric}-2024-06"]
        model.facts[f"northeast-valid-{metric}-2025-04"].as_of = central.as_of
    chart = charts_by_id(model)["growth-year-on-year"]
    assert chart.takeaway == (
        "Central China reports the fastest growth in valid invention patents: Central China "
        "reported +19%; Northeast China +10.2%; all year on year for June 2024 (year inferred). "
        "Central China reports the fastest growth in valid registered trademarks: Central China "
        "reported +11%; Northeast China +7.7%; all year on year for June 2024 (year inferred)."
    )


def test_centres_by_type_stacks_the_parts_of_a_sum_beside_the_combined_count(charts):
    chart = charts["ip-protection-centres-by-type"]
    assert chart.title == "IP protection centres by type"
    assert chart.spec["title"] == {
        "text": "IP protection centres by type",
        "subtitle": ["Figures as each region reported them, as of different dates"],
    }
    assert [r["text"] for r in records(chart, "heading")] == [
        "Beijing-Tianjin-Hebei",
        "Central China",
        "Northeast China",
    ]
    drawn = [
        (r["kind"], r["name"], r["start"], r["value"], r["label"], r["opacity"], r["fact_id"])
        for r in records(chart)
        if r["kind"] in ("bar", "part", "total")
    ]
    combined = "National and rapid IP protection centres"
    assert drawn == [
        ("bar", combined, 0, 7, "7 · Nov 2023", 1, "bth-ip-protection-centres-2023"),
        # Central China's 13 national and 5 rapid centres: one bar of 18 in two segments.
        (
            "part",
            "National IP protection centres",
            0,
            13,
            "13 · Jul 2024",
            1,
            "central-national-ip-protection-centres-2024",
        ),
        (
            "part",
            "Rapid IP protection centres",
            13,
            18,
            "5 · Jul 2024",
            0.55,
            "central-rapid-ip-protection-centres-2024",
        ),
        ("total", combined, 0, 18, "18 (13 national + 5 rapid) · Jul 2024", 1, ""),
    ]
    # Both bars are named as the combined count they compare as; the segments are its parts.
    bar_y = {r["bar_y"] for r in records(chart) if r["kind"] in ("part", "total")}
    assert len(bar_y) == 1
    assert [r["place"] for r in records(chart, "none")] == ["Northeast China"]
    layers = chart.spec["layer"]
    (rect,) = [layer for layer in layers if layer["mark"]["type"] == "rect"]
    assert rect["transform"] == [{"filter": {"field": "kind", "oneOf": ["bar", "part"]}}]
    assert rect["encoding"]["x2"] == {"field": "start"}
    assert rect["encoding"]["opacity"] == {
        "field": "opacity",
        "scale": None,
        "type": "quantitative",
    }
    (values,) = [
        layer for layer in layers if layer["encoding"].get("x", {}).get("field") == "label_at"
    ]
    assert values["transform"] == [{"filter": {"field": "kind", "oneOf": ["bar", "total"]}}]
    assert chart.takeaway == (
        "Beijing-Tianjin-Hebei reported 7 national and rapid IP protection centres; Central "
        "China reported 13 national IP protection centres and 5 rapid IP protection centres, "
        "18 together."
    )
    assert chart.description.endswith(
        "National and rapid IP protection centres counts national IP protection centres and "
        "rapid IP protection centres added together, so a region's separate counts of one date "
        "are drawn as one bar split into its parts, to set beside it; no other figures are added."
    )


def test_parts_of_different_dates_are_not_added():
    model = make_model()
    model.facts["central-rapid-ip-protection-centres-2024"].as_of = FuzzyDate(2023, 12)
    chart = charts_by_id(model)["ip-protection-centres-by-type"]
    kinds = [(r["kind"], r["value"]) for r in records(chart) if r["kind"] != "heading"]
    assert kinds == [("bar", 7), ("bar", 13), ("bar", 5), ("none", None)]
    assert chart.description.endswith(
        "Each figure is shown as reported; figures of different types are not added."
    )


def test_group_titles_come_from_the_words_the_labels_share():
    def metric(label: str) -> Metric:
        return Metric(label, label, "centre", "centres", MetricKind.INSTITUTIONS, "d")

    labels = [
        "IP protection centres, national and rapid together",
        "National IP protection centres",
        "Rapid IP protection centres",
    ]
    assert group_title([metric(label) for label in labels]) == "IP protection centres by type"
    assert group_title([metric("Courts"), metric("Offices")]) == "Courts and Offices"


# ---------------------------------------------------------------- tile maps


def test_region_map_fills_members_and_outlines_the_partial_province(charts):
    chart = charts["map-northeast-china"]
    tiles = {r["province"]: r for r in records(chart, "tile") if "province" in r}
    green = theme.region_colour(2)
    for province in ("Heilongjiang", "Jilin", "Liaoning"):
        assert tiles[province]["fill"] == green
    assert tiles["Hebei"]["fill"] == theme.EMPTY_TILE
    assert tiles["Inner Mongolia"]["fill"] == theme.EMPTY_TILE
    (outline,) = [r for r in records(chart, "outline") if "province" in r]
    assert outline["province"] == "Inner Mongolia"
    assert outline["stroke"] == green
    assert outline["membership"] == "Northeast China (eastern part)"
    labels = {r["province"]: r["text"] for r in records(chart) if r["kind"].endswith("label")}
    assert labels["Inner Mongolia"] == "Inn\npart"
    assert labels["Heilongjiang"] == "Hei"
    keys = [r["text"] for r in records(chart, "key")]
    assert keys == [
        "Whole: Heilongjiang, Jilin and Liaoning",
        "In part: Inner Mongolia (eastern part)",
    ]
    assert chart.takeaway == (
        "Northeast China is made up of Heilongjiang, Jilin, Liaoning and Inner Mongolia "
        "(eastern part)."
    )
    assert tuple(map(str, chart.pages)) == ("region:northeast-china",)
    assert ("Northeast China", "Inner Mongolia", "part: eastern part") in [
        row.cells for row in chart.table.rows
    ]


def test_labels_on_region_colours_keep_four_and_a_half_to_one(charts):
    for chart in (charts["regions-map"], charts["map-central-china"]):
        fills = {r["province"]: r["fill"] for r in records(chart, "tile") if "province" in r}
        for label in records(chart, "member-label"):
            fill = fills[label["province"]]
            if fill != theme.EMPTY_TILE:
                assert theme.contrast(label["colour"], fill) >= 4.5, label


def test_tile_labels_are_unique_short_prefixes():
    labels = tile_labels(list(make_model().provinces.values()))
    assert len(set(labels.values())) == len(labels)
    assert labels["hebei"] == "Heb" and labels["henan"] == "Hen"
    assert {labels["shanxi"], labels["shaanxi"]} == {"Shanx", "Shaa"}


def test_regions_map_lists_every_region_under_the_map(charts):
    chart = charts["regions-map"]
    keys = " ".join(r["text"] for r in records(chart, "key"))
    assert "Central China: Shanxi, Henan, Anhui, Hubei, Hunan and Jiangxi" in keys
    assert chart.takeaway == (
        "The site compares 3 regions covering 13 provincial-level divisions, 1 of them only in "
        "part."
    )
    assert tuple(map(str, chart.pages)) == ("home",)


def overlapping_model() -> Model:
    """Return the test model with Anhui in two regions and Inner Mongolia whole in one."""
    model = make_model()
    provinces = model.provinces
    model.regions["yangtze"] = Region(
        "yangtze",
        "Yangtze Delta",
        "长三角",
        "s",
        [Membership(provinces[p]) for p in ("shanghai", "jiangsu", "zhejiang", "anhui")],
        colour_index=5,
    )
    model.regions["north"] = Region(
        "north", "North China", "华北", "s", [Membership(provinces["inner-mongolia"])], 4
    )
    return model


def test_a_province_in_two_regions_shows_both_and_a_partial_one_is_outlined():
    chart = charts_by_id(overlapping_model())["regions-map"]
    central, yangtze = theme.region_colour(1), theme.region_colour(5)
    north, northeast = theme.region_colour(4), theme.region_colour(2)
    anhui = [r for r in records(chart, "tile") if r.get("province") == "Anhui"]
    assert [r["fill"] for r in anhui if not r.get("chip")] == [central, yangtze]
    assert anhui[0]["x2"] == anhui[1]["x"]  # two halves of one tile
    assert [r["fill"] for r in anhui if r.get("chip")] == [theme.EMPTY_TILE]
    mongolia = [r for r in records(chart, "tile") if r.get("province") == "Inner Mongolia"]
    assert [r["fill"] for r in mongolia if not r.get("chip")] == [north, theme.EMPTY_TILE]
    (outline,) = [r for r in records(chart, "outline") if r.get("province") == "Inner Mongolia"]
    assert outline["stroke"] == northeast
    assert outline["x"] > mongolia[1]["x"] and outline["x2"] < mongolia[1]["x2"]
    assert outline["membership"] == "North China; Northeast China (eastern part)"
    labels = {r["province"]: r for r in records(chart, "member-label")}
    assert labels["Anhui"]["colour"] == theme.INK  # on the plain chip
    keys = " ".join(r["text"] for r in records(chart, "key"))
    assert "North China: Inner Mongolia" in keys
    assert "Northeast China, in part (outlined): Inner Mongolia (eastern part)" in keys
    assert "Yangtze Delta: Shanghai, Jiangsu, Zhejiang and Anhui" in keys
    assert "A tile split into stripes is in several regions: Anhui and Inner Mongolia." in keys
    assert chart.takeaway == (
        "The site compares 5 regions covering 16 provincial-level divisions, "
        "2 in more than one region."
    )
    assert (
        "Anhui belongs to Central China and Yangtze Delta. Inner Mongolia belongs to North "
        "China and Northeast China (eastern part)."
    ) in chart.description


# ---------------------------------------------------------------- timelines


def test_site_timeline_lists_articles_and_milestones_in_date_order(charts):
    chart = charts["timeline"]
    dots = records(chart, "dot")
    assert [d["what"] for d in dots] == [
        "Article: Brand IP Service Agencies Explores Beijing-Tianjin-Hebei IP Strategies",
        "Milestone: National brand IP service agencies gather in Baoding, Hebei",
        "Milestone: An IP data monitoring platform is set up for the region",
        "Article: Beijing-Tianjin-Hebei centers work together for IP regulations",
        "Milestone: Three centres for IP problems overseas work in Liaoning",
        "Article: China's Central Region Sees Notable Progress in IP Protection",
        "Article: Top IP regulator commends NE China for increased innovation output",
    ]
    assert [d["shape"] for d in dots] == [
        "circle",
        "diamond",
        "diamond",
        "circle",
        "diamond",
        "circle",
        "circle",
    ]
    assert dots[1]["colour"] == theme.region_colour(0)  # Hebei belongs to Beijing-Tianjin-Hebei
    assert (
        chart.takeaway == "All regions: 4 articles and 3 milestones from July 2017 to 1 June 2025."
    )
    assert [row.source_id for row in chart.table.rows][:2] == [
        "bth-agencies-2017",
        "bth-agencies-2017",
    ]


def test_a_long_timeline_shows_the_latest_and_says_so():
    model = make_model()
    template = model.milestones["liaoning-overseas-centres"]
    for year in range(1990, 2020):
        milestone = Milestone(
            f"m-{year}", "liaoning", FuzzyDate(year), f"Event of {year}", template.citation
        )
        model.milestones[milestone.id] = milestone
    chart = charts_by_id(model)["timeline"]
    dots = records(chart, "dot")
    assert len(dots) == len(chart.table.rows) == len(chart.data) == 24
    assert dots[-1]["what"].endswith(
        "Top IP regulator commends NE China for increased innovation output"
    )
    assert chart.spec["title"]["subtitle"] == ["The 24 most recent of 37"]
    assert chart.takeaway == ("All regions: 4 articles and 33 milestones from 1990 to 1 June 2025.")


def test_a_long_title_grows_the_timeline_spec_in_proportion_not_with_its_square():
    def spec_size(title_length: int) -> int:
        model = make_model()
        template = model.milestones["liaoning-overseas-centres"]
        title = ("word " * title_length)[:title_length]
        long = Milestone("long", "liaoning", FuzzyDate(2001), title, template.citation)
        model.milestones[long.id] = long
        return len(str(charts_by_id(model)["timeline"].spec))

    base = spec_size(10)
    # Each added character is written a bounded number of times (the dot's tooltip, the wrapped
    # lines and the data table), however many lines the title wraps onto: twice the title, about
    # twice the growth (it was four times while every line repeated the whole title).
    assert spec_size(4_010) - base < 2.2 * (spec_size(2_010) - base)


def test_region_timeline_keeps_to_the_region(charts):
    chart = charts["timeline-northeast-china"]
    assert [d["what"] for d in records(chart, "dot")] == [
        "Milestone: Three centres for IP problems overseas work in Liaoning",
        "Article: Top IP regulator commends NE China for increased innovation output",
    ]
    assert tuple(map(str, chart.pages)) == ("region:northeast-china",)


# ---------------------------------------------------------------- every chart


def test_every_spec_is_valid_vega_lite_with_the_shared_theme(charts):
    for chart in charts.values():
        validate_jsonschema(chart.spec, VEGA_LITE_SCHEMA)
        assert chart.spec["config"] == theme.vega_config(), chart.id
        assert chart.spec["width"] == theme.WIDTH
        # Every layer draws the chart's one data set.
        assert chart.spec["data"]["values"] and "datasets" not in chart.spec, chart.id
        assert all("data" not in layer for layer in chart.spec["layer"]), chart.id


def test_chart_ids_are_stable_unique_slugs_and_pages_are_known_keys(charts):
    model = make_model()
    assert list(charts) == [
        "regions-map",
        "growth-year-on-year",
        "compare-ip-protection-cases",
        "compare-valid-invention-patents",
        "compare-valid-registered-trademarks",
        "ip-protection-centres-by-type",
        "map-beijing-tianjin-hebei",
        "map-central-china",
        "map-northeast-china",
        "timeline",
        "timeline-beijing-tianjin-hebei",
        "timeline-central-china",
        "timeline-northeast-china",
    ]
    known = {"home", "compare", "sources"}
    known |= {f"region:{r}" for r in model.regions} | {f"metric:{m}" for m in model.metrics}
    for chart in charts.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", chart.id)
        assert set(map(str, chart.pages)) <= known, chart.id
    on_region = Placement(PageKind.REGION, "central-china")
    assert [c.id for c in charts.values() if on_region in c.pages] == [
        "growth-year-on-year",
        "compare-ip-protection-cases",
        "compare-valid-invention-patents",
        "compare-valid-registered-trademarks",
        "ip-protection-centres-by-type",
        "map-central-china",
        "timeline-central-china",
    ]


def test_tables_link_each_figure_to_its_fact(charts):
    model = make_model()
    for chart in charts.values():
        for row in chart.table.rows:
            assert len(row.cells) == len(chart.table.columns)
            if row.fact_id:
                assert row.fact_id in model.facts
                fact = model.facts[row.fact_id]
                shown = (
                    format_growth(fact.growth)
                    if chart.id.startswith("growth")
                    else format_value(fact)
                )
                assert shown in row.cells[chart.table.link_column]
            if row.source_id:
                assert row.source_id in model.sources
    rows = charts["compare-valid-invention-patents"].table.rows
    assert [row.cells for row in rows] == [
        ("Beijing-Tianjin-Hebei", "No figure reported", "", ""),
        ("Central China", "618,000 patents", "as of June 2024 (year inferred)", "CNIPA"),
        ("Northeast China", "195,000 patents", "as of April 2025", "China Daily"),
    ]
    assert [row.fact_id for row in rows] == [
        None,
        "central-valid-invention-patents-2024-06",
        "northeast-valid-invention-patents-2025-04",
    ]


def test_csv_rows_share_their_columns(charts):
    for chart in charts.values():
        assert chart.data, chart.id
        assert len({tuple(row) for row in chart.data}) == 1, chart.id
    assert charts["compare-valid-invention-patents"].data[1] == {
        "region_id": "central-china",
        "region": "Central China",
        "metric_id": "valid-invention-patents",
        "metric": "Valid invention patents",
        "value": 618000,
        "qualifier": "exact",
        "as_of": "2024-06",
        "period_start": "",
        "period_end": "",
        "fact_id": "central-valid-invention-patents-2024-06",
        "sources": "central-2024",
    }


def test_building_twice_gives_identical_specs():
    assert [c.spec for c in charts_by_id().values()] == [c.spec for c in charts_by_id().values()]


# ---------------------------------------------------------------- the theme


def test_palette_keeps_three_to_one_on_light_and_dark_pages():
    site_css = (ROOT / "static/css/site.css").read_text()
    backgrounds = ["#ffffff", *re.findall(r"--bg: (#[0-9a-f]{6})", site_css)]
    assert len(backgrounds) >= 2
    for colour in theme.PALETTE:
        for background in backgrounds:
            assert theme.contrast(colour, background) >= 3, (colour, background)
        assert theme.contrast(theme.text_on(colour), colour) >= 4.5


# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD_MATRICES = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}


def linear_rgb(colour: str) -> list[float]:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def cielab(linear: list[float]) -> tuple[float, float, float]:
    """Return CIELAB (D65) of a linear RGB colour, clipped to the gamut."""
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    linear = linear_rgb(colour)
    if vision != "normal":
        linear = [
            sum(m * c for m, c in zip(row, linear, strict=True)) for row in CVD_MATRICES[vision]
        ]
    return cielab(linear)


def test_palette_has_ten_colours_apart_for_colour_blind_readers():
    assert len(theme.PALETTE) >= 10
    assert len(set(theme.PALETTE)) == len(theme.PALETTE)
    for vision in ("normal", "deuteranopia", "protanopia"):
        for first, second in itertools.combinations(theme.PALETTE, 2):
            difference = math.dist(seen_as(first, vision), seen_as(second, vision))
            assert difference > 15, (vision, first, second, round(difference, 1))


def test_the_simulation_tells_red_from_green_only_with_normal_vision():
    # A pair every deuteranope confuses: the check above would catch it.
    red, green = "#b5651d", "#6b8e23"
    assert math.dist(seen_as(red, "normal"), seen_as(green, "normal")) > 15
    assert math.dist(seen_as(red, "deuteranopia"), seen_as(green, "deuteranopia")) < 15


def test_site_css_gives_every_palette_colour_a_variable_and_a_region_class():
    css = (ROOT / "static/css/site.css").read_text()
    variables = re.findall(r"--region-(\d+): (#[0-9a-f]{6});", css)
    assert [(int(i), colour) for i, colour in variables] == list(enumerate(theme.PALETTE))
    for index in range(len(theme.PALETTE)):
        rule = re.search(rf"\.region-c{index} \{{([^}}]*)\}}", css)
        assert rule is not None, index
        assert f"--region-colour: var(--region-{index});" in rule[1]


def test_charts_css_repaints_exactly_the_theme_ink_colours():
    css = (ROOT / "static/css/charts.css").read_text()
    rules = re.findall(
        r'\.chart-plot \[(fill|stroke)="(#[0-9a-f]{6})"\] \{\s*\1: var\((--[\w-]+)', css
    )
    assert {variable: (attribute, colour) for attribute, colour, variable in rules} == (
        theme.DARK_MODE_SWAPS
    )
    # The data colours and the text drawn on them are never repainted.
    for colour in [*theme.PALETTE, theme.ON_DATA_LIGHT, theme.ON_DATA_DARK]:
        assert colour not in css


def test_ink_colours_are_the_sites_light_text_colours():
    site_css = (ROOT / "static/css/site.css").read_text()
    light = dict(re.findall(r"(--fg|--muted|--rule): (#[0-9a-f]{6})", site_css.split("@media")[0]))
    assert light == {"--fg": theme.INK, "--muted": theme.MUTED, "--rule": theme.RULE}


# ---------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def real_charts() -> tuple[Model, dict[str, Chart]]:
    from ipregions.inputs.validation import load_model

    model = load_model(ROOT / "data").model
    return model, charts_by_id(model)


def test_real_charts_are_valid_and_honest(real_charts):
    model, charts = real_charts
    assert {
        "regions-map",
        "growth-year-on-year",
        "compare-valid-invention-patents",
        "ip-protection-centres-by-type",
        "timeline",
    } <= set(charts)
    for region in model.regions:
        assert {f"map-{region}", f"timeline-{region}"} <= set(charts)
    for chart in charts.values():
        validate_jsonschema(chart.spec, VEGA_LITE_SCHEMA)
        assert chart.title and chart.takeaway.endswith(".") and chart.description
        assert chart.source_line
        for record in chart.spec["data"]["values"]:
            if record["kind"] == "none":
                assert record["label"] == NO_FIGURE and record["value"] is None
            if record["kind"] == "bar" and not chart.id.startswith("growth"):
                fact = model.facts[record["fact_id"]]
                assert record["value"] == fact.value
                mark = "*" if "inferred" in format_time(fact) else ""
                assert record["label"] == f"{format_value(fact)} · {format_time_short(fact)}{mark}"
            if record.get("fact_id"):  # the image keeps each value's date, inferred parts named
                assert format_time(model.facts[record["fact_id"]]) in chart.dates_line


def test_real_comparisons_cover_every_metric_two_regions_report(real_charts):
    model, charts = real_charts
    derived = derive(model)
    expected = {f"compare-{m}" for m, c in derived.comparisons.items() if c.is_comparison}
    assert expected and expected <= set(charts)


def test_a_region_map_says_where_else_its_members_belong():
    chart = charts_by_id(overlapping_model())["map-central-china"]
    assert chart.description.endswith(" Anhui is also in Yangtze Delta.")
    chart = charts_by_id(overlapping_model())["map-north"]
    assert chart.description.endswith(" Inner Mongolia is also in Northeast China (eastern part).")
