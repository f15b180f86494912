import datetime as dt

from ipregions.derive import derive, find_discrepancies
from ipregions.model import (
    Citation,
    Fact,
    FuzzyDate,
    Growth,
    Membership,
    Metric,
    MetricKind,
    Model,
    Outlet,
    Period,
    Province,
    Qualifier,
    Region,
    Source,
)
from ipregions.ranking import what_keeps_apart


def make_model() -> Model:
    provinces = {
        pid: Province(pid, pid.title(), "省", "province", i, i)
        for i, pid in enumerate(["henan", "hubei", "liaoning", "jilin", "hebei"])
    }
    regions = {
        "central-china": Region(
            "central-china",
            "Central China",
            "中部地区",
            "s",
            [Membership(provinces["henan"]), Membership(provinces["hubei"])],
            colour_index=0,
        ),
        "northeast-china": Region(
            "northeast-china",
            "Northeast China",
            "东北地区",
            "s",
            [Membership(provinces["liaoning"]), Membership(provinces["jilin"])],
            colour_index=1,
        ),
        "beijing-tianjin-hebei": Region(
            "beijing-tianjin-hebei",
            "Beijing-Tianjin-Hebei",
            "京津冀",
            "s",
            [Membership(provinces["hebei"])],
            colour_index=2,
        ),
    }
    patents = Metric(
        "patents", "Valid invention patents", "patent", "patents", MetricKind.STOCK, "d"
    )
    cases = Metric("cases", "Cases handled", "case", "cases", MetricKind.FLOW, "d")
    combined = Metric(
        "centres", "Protection centres", "centre", "centres", MetricKind.INSTITUTIONS, "d"
    )
    national = Metric(
        "national-centres",
        "National protection centres",
        "centre",
        "centres",
        MetricKind.INSTITUTIONS,
        "d",
    )
    combined.comparable_with = ["national-centres"]
    metrics = {m.id: m for m in (patents, cases, combined, national)}
    source = Source(
        "s1",
        "T",
        Outlet("Outlet"),
        None,
        None,
        FuzzyDate(2024, 7),
        None,
        "s",
        None,
        dt.date(2026, 1, 1),
    )
    later = Source(
        "s2",
        "T2",
        Outlet("Outlet"),
        None,
        None,
        FuzzyDate(2025, 6),
        None,
        "s",
        None,
        dt.date(2026, 2, 1),
    )

    def fact(fid, place, metric, value, *, as_of=None, period=None, growth=None, src=source):
        return Fact(
            fid,
            place,
            metric,
            value,
            Qualifier.EXACT,
            as_of,
            period,
            [Citation(src, "q")],
            growth=None if growth is None else Growth(growth, "year on year"),
        )

    facts = [
        fact("c-pat", "central-china", patents, 618000, as_of=FuzzyDate(2024, 6), growth=19),
        fact("ne-pat-old", "northeast-china", patents, 190000, as_of=FuzzyDate(2024, 4)),
        fact(
            "ne-pat",
            "northeast-china",
            patents,
            195000,
            as_of=FuzzyDate(2025, 4),
            growth=10.2,
            src=later,
        ),
        fact(
            "c-cases",
            "central-china",
            cases,
            3136,
            period=Period(FuzzyDate(2024, 1), FuzzyDate(2024, 6)),
        ),
        fact(
            "b-cases",
            "beijing-tianjin-hebei",
            cases,
            29300,
            period=Period(FuzzyDate(2023, 1), FuzzyDate(2023, 10)),
        ),
        fact("c-nat", "central-china", national, 13, as_of=FuzzyDate(2024, 6)),
        fact("b-cen", "beijing-tianjin-hebei", combined, 7, as_of=FuzzyDate(2023)),
        fact("hebei-x", "hebei", patents, 100, as_of=FuzzyDate(2023)),
    ]
    return Model(
        provinces, regions, metrics, {"s1": source, "s2": later}, {f.id: f for f in facts}, {}
    )


def test_latest_figure_per_region_is_the_most_recent():
    derived = derive(make_model())
    rows = {row.region.id: row for row in derived.comparisons["patents"].rows}
    assert rows["northeast-china"].fact.id == "ne-pat"
    assert rows["central-china"].fact.id == "c-pat"


def test_missing_figure_says_why_instead_of_zero():
    derived = derive(make_model())
    rows = {row.region.id: row for row in derived.comparisons["patents"].rows}
    bth = rows["beijing-tianjin-hebei"]
    assert bth.fact is None
    assert [f.id for f in bth.province_facts] == ["hebei-x"]
    assert bth.missing_reason == (
        "No figure reported for the region as a whole; only for some provinces"
    )
    centres = {row.region.id: row for row in derived.comparisons["centres"].rows}
    assert centres["central-china"].missing_reason == (
        "No figure reported for the region as a whole; reported instead as "
        "National protection centres"
    )
    assert centres["northeast-china"].missing_reason == "No figure reported"


def test_comparison_caveats_name_the_differing_times():
    derived = derive(make_model())
    comparison = derived.comparisons["cases"]
    assert comparison.times_differ
    assert comparison.caveats == [
        "The figures refer to different times (Beijing-Tianjin-Hebei January–October 2023; "
        "Central China January–June 2024): they are not a snapshot.",
        "Counts over different periods cannot be ranked against each other.",
    ]


def test_growth_of_different_dates_is_stated_neutrally_with_each_date():
    # Same metric, two regions, +19% beside +10.2%: tempting "grows fastest", but the dates differ.
    derived = derive(make_model())
    [statement] = derived.growth_statements
    assert statement.metric.id == "patents"
    assert not statement.can_rank
    assert statement.cannot_rank_because == ["different dates or periods"]
    assert statement.headline == (
        "Growth in valid invention patents, year on year, as each region reported it"
    )
    assert statement.sentence == (
        "Central China reported +19% for June 2024; Northeast China +10.2% for April 2025."
    )
    assert [f.id for f in statement.facts] == ["c-pat", "ne-pat"]  # region order, not by growth
    assert statement.sentence_marked(lambda fact, text: f"[{fact.id}:{text}]") == (
        "Central China reported [c-pat:+19%] for June 2024; Northeast China [ne-pat:+10.2%] for "
        "April 2025."
    )


def test_growth_of_one_date_may_be_ranked():
    model = make_model()
    model.facts["ne-pat"].as_of = FuzzyDate(2024, 6)
    model.facts["ne-pat"].growth = Growth(21, "year-on-year")
    [statement] = derive(model).growth_statements
    assert statement.can_rank
    assert statement.cannot_rank_because == []
    assert (
        statement.headline
        == "Northeast China reports the fastest growth in valid invention patents"
    )
    assert statement.sentence == (
        "Northeast China reported +21%; Central China +19%; all year on year for June 2024."
    )
    assert [f.id for f in statement.facts] == ["ne-pat", "c-pat"]


def test_growth_measured_against_different_bases_is_not_ranked():
    model = make_model()
    model.facts["ne-pat"].as_of = FuzzyDate(2024, 6)
    model.facts["ne-pat"].growth = Growth(21, basis="from the end of 2023")
    [statement] = derive(model).growth_statements
    assert statement.cannot_rank_because == ["different definitions"]
    assert statement.headline == "Growth in valid invention patents as each region reported it"
    assert statement.sentence == (
        "Central China reported +19% year on year for June 2024; "
        "Northeast China +21% from the end of 2023 for June 2024."
    )


def test_what_keeps_figures_apart_names_metric_time_definition_and_place():
    model = make_model()
    facts = model.facts
    assert what_keeps_apart(model, [facts["c-pat"], facts["ne-pat"]]) == [
        "different dates or periods"
    ]
    assert what_keeps_apart(model, [facts["c-nat"], facts["b-cen"]]) == [
        "different metrics",
        "different dates or periods",
    ]
    facts["hebei-x"].as_of = FuzzyDate(2024, 6)
    assert what_keeps_apart(model, [facts["c-pat"], facts["hebei-x"]]) == [
        "different kinds of place"
    ]
    assert what_keeps_apart(model, [facts["c-pat"], facts["c-pat"]]) == []


def test_comparisons_rank_only_figures_of_one_time():
    model = make_model()
    assert not derive(model).comparisons["cases"].can_rank
    assert not derive(model).comparisons["patents"].can_rank
    model.facts["ne-pat"].as_of = FuzzyDate(2024, 6)
    assert derive(model).comparisons["patents"].can_rank


def test_region_facts_include_their_provinces():
    derived = derive(make_model())
    assert [f.id for f in derived.facts_by_region["beijing-tianjin-hebei"]] == [
        "b-cases",
        "b-cen",
        "hebei-x",
    ]


def test_discrepancy_is_reported_when_values_differ_for_the_same_time():
    model = make_model()
    assert find_discrepancies(model) == []
    clash = Fact(
        "c-pat-2",
        "central-china",
        model.metrics["patents"],
        620000,
        Qualifier.EXACT,
        FuzzyDate(2024, 6),
        None,
        [Citation(model.sources["s2"], "q")],
    )
    model.facts[clash.id] = clash
    [found] = find_discrepancies(model)
    assert [f.id for f in found.facts] == ["c-pat", "c-pat-2"]
    assert found.message == (
        "sources disagree on valid invention patents for Central China as of June 2024: "
        "618,000 in c-pat (s1); 620,000 in c-pat-2 (s2)"
    )


def test_sources_are_listed_newest_first():
    derived = derive(make_model())
    assert [s.id for s in derived.sources_newest_first] == ["s2", "s1"]
