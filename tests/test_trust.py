"""Every source linked, every figure in its place and time, every inference and change shown."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, BuiltSite
from datatree import at, edit, errors, load, problems, write_tree

from ipregions.derive import derive
from ipregions.errors import BuildError
from ipregions.inputs.config import load_config, placeholder_warnings
from ipregions.web.citations import citable_address

COUNTRY = """\
# yaml-language-server: $schema=../schemas/country.schema.json
id: china
name: China
name_zh: 中国
summary: China as a whole.
"""
NATIONAL_METRIC = """\
  - id: series-activities
    label: Activities held in a nationwide series
    unit: activity
    unit_plural: activities
    kind: count
    definition: A running number for a series held in many provinces.
    scope: national
"""
NATIONAL_FACT = """
  - id: series-activities-2024
    place: hebei
    metric: series-activities
    value: 32900
    as_of: 2024-06
    quote: "From January to June, the centers accepted 32,900 pretrial cases involving patents"
"""
CORRECTIONS = """\
# yaml-language-server: $schema=../schemas/corrections.schema.json
corrections:
  - date: 2026-11-21
    facts: [north-valid-invention-patents-2024-06]
    changed: The as-of date moved from May to June 2024.
    why: Another report dates the figure to June.
"""


SERIES_PLACE = "place: |north\n    metric: series"


def national_tree(tmp_path: Path, *, country: bool = True) -> Path:
    """Return the valid tree with a national metric and a fact of it filed under Hebei."""
    data_dir = write_tree(tmp_path, {"country.yaml": COUNTRY if country else None})
    text = (data_dir / "metrics.yaml").read_text(encoding="utf-8")
    (data_dir / "metrics.yaml").write_text(text + NATIONAL_METRIC, encoding="utf-8")
    edit(data_dir, "sources/alpha.yaml", "\nmilestones:", NATIONAL_FACT + "\nmilestones:")
    return data_dir


# ---------------------------------------------------------------- the checks


def test_a_national_metric_refuses_a_province(tmp_path: Path) -> None:
    data_dir = national_tree(tmp_path)
    assert errors(data_dir) == [
        f"{at(data_dir, 'sources/alpha.yaml', 'place: |hebei')}: error: metric "
        "'series-activities' is national, but the fact is filed under province 'hebei' "
        "(a nationwide figure belongs to China as a whole: write place: china)"
    ]
    edit(
        data_dir,
        "sources/alpha.yaml",
        "    place: hebei\n    metric: series",
        "    place: china\n    metric: series",
    )
    model = load(data_dir).model
    assert model.place_name(model.facts["series-activities-2024"].place_id) == "China"
    derived = derive(model)
    assert all(
        "series-activities-2024" not in [f.id for f in facts]
        for facts in derived.facts_by_region.values()
    )


def test_a_national_metric_without_a_national_place_says_how_to_add_one(tmp_path: Path) -> None:
    data_dir = national_tree(tmp_path, country=False)
    edit(
        data_dir,
        "sources/alpha.yaml",
        "    place: hebei\n    metric: series",
        "    place: north\n    metric: series",
    )
    assert errors(data_dir) == [
        f"{at(data_dir, 'sources/alpha.yaml', SERIES_PLACE)}: error: metric "
        "'series-activities' is national, but the fact is filed under region 'north' "
        "(a nationwide figure belongs to China as a whole: add data/country.yaml)"
    ]


def test_the_national_place_may_not_take_a_province_id(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path, {"country.yaml": COUNTRY.replace("id: china", "id: hebei")})
    assert errors(data_dir) == [
        "data/country.yaml:1:1: error: the national place's id 'hebei' is also a province id "
        "(the province is at data/provinces.yaml:8:9; choose another)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        pytest.param(
            "    note: A <script>",
            "    meaning: unclear\n    note: A <script>",
            "meaning: |unclear",
            None,
            id="unclear-with-note-is-fine",
        ),
        pytest.param(
            "    as_of: 2024-06\n",
            "    as_of: 2024-06\n    meaning: unclear\n",
            "meaning: |unclear",
            "a figure whose meaning is unclear needs a note "
            "(say in 'note' what is unclear about what the figure counts)",
            id="unclear-without-note",
        ),
        pytest.param(
            "basis: from the previous year}",
            "basis: year-on-year}",
            "basis: |year-on-year",
            "the quote does not say the growth is measured 'year-on-year' "
            "(write the basis as the quote words it: year-on-year, from the previous year)",
            id="growth-basis-not-in-quote",
        ),
        pytest.param(
            "    as_of: 2024-06\n",
            "    as_of:\n      date: 2024-06\n      evidence:\n"
            "        - {outlet: Xinhua, date: 2024-07-01}\n",
            "|- {outlet",
            "'evidence' is given but 'inferred' is not "
            "(evidence backs an inferred date: add 'inferred' and 'why', or remove it)",
            id="evidence-without-inference",
        ),
        pytest.param(
            "  name: A law firm's website\n",
            "  name: A law firm's website\n  url: javascript:alert(1)\n",
            "url: |javascript",
            "url 'javascript:alert(1)' is not a web address "
            "(links must start with http:// or https://)",
            id="read-at-url-not-http",
        ),
        pytest.param(
            "    as_of: 2024-06\n",
            "    as_of: 2024-06\n    other_reports:\n      - outlet: Xinhua\n"
            "        quote: 十分之一\n        says: The share covers more.\n"
            "        url: ftp://example.net/x\n",
            "url: |ftp",
            "url 'ftp://example.net/x' is not a web address "
            "(links must start with http:// or https://)",
            id="other-report-url-not-http",
        ),
    ],
)
def test_new_fields_are_checked(
    tmp_path: Path, old: str, new: str, needle: str, message: str | None
) -> None:
    data_dir = write_tree(tmp_path)
    edit(data_dir, "sources/alpha.yaml", old, new)
    if message is None:
        assert problems(data_dir) == []
        return
    assert errors(data_dir) == [f"{at(data_dir, 'sources/alpha.yaml', needle)}: error: {message}"]


def test_corrections_name_facts_that_exist(tmp_path: Path) -> None:
    wrong = CORRECTIONS.replace(
        "facts: [north-valid-invention-patents-2024-06]",
        "facts: [north-valid-invention-patent-2024-06]",
    )
    data_dir = write_tree(tmp_path, {"corrections.yaml": wrong})
    assert errors(data_dir) == [
        f"{at(data_dir, 'corrections.yaml', 'north-valid-invention-patent-2024-06')}: error: "
        "fact 'north-valid-invention-patent-2024-06' is not defined "
        "(did you mean 'north-valid-invention-patents-2024-06'?)"
    ]
    bare = CORRECTIONS.replace("    facts: [north-valid-invention-patents-2024-06]\n", "")
    data_dir = write_tree(tmp_path, {"corrections.yaml": bare})
    assert errors(data_dir) == [
        f"{at(data_dir, 'corrections.yaml', 'date: 2026')}: error: a correction needs 'facts' "
        "or 'sources' (list the ids of the facts or articles the correction changed)"
    ]


def test_an_unclear_figure_stays_out_of_comparisons(tmp_path: Path) -> None:
    data_dir = write_tree(tmp_path)
    clear = derive(load(data_dir).model).comparisons["gi-share"]
    assert [row.fact.id for row in clear.reported if row.fact] == ["northeast-gi-share-2024"]
    edit(
        data_dir,
        "sources/alpha.yaml",
        "    as_of: 2024-06\n",
        "    as_of: 2024-06\n    meaning: unclear\n    note: What the share covers is unclear.\n",
    )
    model = load(data_dir).model
    assert model.facts["northeast-gi-share-2024"].meaning_unclear
    assert derive(model).comparisons["gi-share"].reported == []


def test_contact_and_placeholder_addresses(tmp_path: Path) -> None:
    site = (ROOT / "site.yaml").read_text(encoding="utf-8")
    (tmp_path / "site.yaml").write_text(
        site.replace("corrections@example.org", "nobody"), encoding="utf-8"
    )
    with pytest.raises(BuildError) as raised:
        load_config(tmp_path)
    assert [str(e) for e in raised.value.errors] == [
        "site.yaml:10:10: error: contact 'nobody' is not an e-mail address or a web address "
        "(write an e-mail address (corrections@…) or an http(s) address of a contact page)"
    ]
    config = load_config(ROOT)
    assert [str(w) for w in placeholder_warnings(ROOT, config)] == [
        "site.yaml:7:11: warning: base_url 'https://example.org/china-ip-regions/' is a "
        "placeholder: example.org is reserved for examples "
        "(set base_url to the address the site is served from)",
        "site.yaml:10:10: warning: contact 'corrections@example.org' is a placeholder: "
        "example.org is reserved for examples (set contact to where readers send corrections)",
    ]
    assert citable_address(config, "facts/x/") == "/china-ip-regions/facts/x/"
    real = load_config(ROOT, base_url="https://ip-regions.news/site")
    assert citable_address(real, "facts/x/") == "https://ip-regions.news/site/facts/x/"
    assert [w.message for w in placeholder_warnings(ROOT, real)] == [
        "contact 'corrections@example.org' is a placeholder: example.org is reserved for examples"
    ]


# ---------------------------------------------------------------- the pages of the real data


def soup_of(site: BuiltSite, page: str) -> BeautifulSoup:
    """Return a built page parsed."""
    return BeautifulSoup((site.folder / page).read_text(encoding="utf-8"), "html.parser")


def test_every_source_links_out_original_first(real_site: BuiltSite) -> None:
    model = load_model_of_root()
    for source in model.sources.values():
        for page in [f"sources/{source.id}/index.html"] + [
            f"facts/{fact.id}/index.html" for fact in model.facts.values() if source in fact.sources
        ]:
            links = soup_of(real_site, page).select_one(f"ul.source-links[data-source={source.id}]")
            items = links.find_all("li", recursive=False)
            assert items[0]["data-link"] == "original"
            outlets = [("original", source.original), ("read-at", source.read_at)]
            for item, (kind, outlet) in zip(items, [o for o in outlets if o[1]], strict=True):
                assert item["data-link"] == kind
                anchor = item.find("a")
                if outlet.url is None:
                    assert anchor is None and "(no address: not found)" in item.get_text()
                    continue
                assert anchor["href"] == outlet.url
                assert anchor["rel"] == ["external", "noopener"]
                domain = outlet.url.split("/")[2].removeprefix("www.")
                assert item.select_one("span.domain").get_text() == f"({domain})"
    assert sum(bool(s.original.url) for s in model.sources.values()) == 2
    assert all((s.read_at or s.original).url for s in model.sources.values())


def load_model_of_root():
    """Return the real data's model."""
    from ipregions.inputs.validation import load_model

    return load_model(ROOT / "data").model


def test_nationwide_figures_sit_on_no_province_or_region_page(real_site: BuiltSite) -> None:
    national = [
        "hebei-brand-agency-activities-held-2017",
        "brand-agency-series-organisations-reached-2017",
    ]
    for page in ("regions/beijing-tianjin-hebei/index.html", "regions/central-china/index.html"):
        linked = {a.get("data-fact") for a in soup_of(real_site, page).select("a[data-fact]")}
        assert linked.isdisjoint(national)
    for fact_id in national:
        where = soup_of(real_site, f"facts/{fact_id}/index.html").find("dt", string="Where")
        assert where.find_next("dd").get_text().startswith("China, as a whole")


def test_other_reports_evidence_credit_and_unclear_meaning_are_shown(real_site: BuiltSite) -> None:
    share = soup_of(real_site, "facts/ne-share-of-national-gi-products-2025-04/index.html")
    section = share.find(id="other-reports").parent
    assert share.find(id="other-reports").get_text() == "Other reports say …"
    assert len(section.select("li.entry")) == 2
    assert "273 GI products plus 556" in " ".join(section.get_text(" ").split())
    assert (
        section.select_one("blockquote span[lang=zh-Hans]").get_text() == "地理标志总量接近全国的"
    )
    assert share.select_one("p.credit").get_text() == (
        "CNIPA figures, as reported in “Top IP regulator commends NE China for increased "
        "innovation output”."
    )
    event = soup_of(real_site, "sources/central-region-ip-progress-2024/index.html")
    dates = event.find(id="dates").get_text(" ", strip=True)
    assert "Date of the event, 21 August 2024 (date inferred)" in dates
    assert "Evidence: Guangming Daily, 21 August 2024" in dates
    patents = soup_of(real_site, "facts/central-valid-invention-patents-2024-06/index.html")
    assert "Evidence: Guangming Daily" in patents.find(id="dates").parent.get_text(" ")
    assert patents.find("dt", string="Exactness").find_next("dd").get_text().startswith("Rounded")
    assert patents.find("dt", string="Change").find_next("dd").get_text() == (
        "+19% from the previous year, as stated by the source"
    )
    unclear = soup_of(real_site, "facts/heilongjiang-invention-patents-2025-q1/index.html")
    assert unclear.select_one("aside#meaning strong").get_text() == (
        "What this figure counts is unclear."
    )
    # The guess that the figure counts grants is gone from the note and the metric's definition.
    assert "grants" not in unclear.select_one("p.note").get_text()
    assert "grants" not in unclear.find("dt", string="What").find_next("dd").get_text()
    assert (
        unclear.select_one("p.credit")
        .get_text()
        .startswith("Heilongjiang's IP administration figures, as reported in")
    )


def test_corrections_page_feed_and_notes(real_site: BuiltSite) -> None:
    model = load_model_of_root()
    page = soup_of(real_site, "corrections/index.html")
    entries = page.select("ol.corrections > li")
    assert len(entries) == len(model.corrections) >= 6
    atom = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(real_site.folder / "feed.xml").getroot()
    ids = [e.find("a:id", atom).text for e in feed.findall("a:entry", atom)]
    for correction in model.corrections:
        assert page.find(id=correction.anchor) is not None
        assert real_site.base_url + f"corrections/#{correction.anchor}" in ids
        for fact_id in correction.fact_ids:
            notes = soup_of(real_site, f"facts/{fact_id}/index.html").select("aside.correction")
            texts = [" ".join(note.get_text().split()) for note in notes]
            assert any(t.startswith("Corrected on 1 December 2026:") for t in texts)
            assert any(" ".join(correction.changed.split()) in t for t in texts)
            link = [
                a["href"] for n in notes for a in n.find_all("a") if "corrections/" in a["href"]
            ]
            assert f"../../corrections/#{correction.anchor}" in link


def test_every_page_shows_the_contact_for_corrections(real_site: BuiltSite) -> None:
    for page in real_site.pages:
        contact = soup_of(real_site, page).select_one("footer p.contact a")
        assert contact is not None, page
        assert contact["href"] == "mailto:corrections@example.org"
