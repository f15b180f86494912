"""Write seven more regions and an article into a project copy: ten regions, as an editor would.

Only YAML is added, the way EDITING.md tells an editor to: no code or template changes. The regions
overlap (Anhui is in Central China and the Yangtze River Delta, Shanxi in Central and North China,
Tianjin and Liaoning in two regions each), Inner Mongolia is whole in North China and only in part
in Northeast China, Guangdong is in the Pearl River Delta only in part, and the article brings
money figures in yuan and dollars, growth-only statements, a qualified growth, a share written as
a fraction and a region with a level but no growth rate. One region names its colour (the colour
its id hashes to is taken); the others take the colour their id hashes to.
"""

from __future__ import annotations

from pathlib import Path

REGION_HEADER = "# yaml-language-server: $schema=../../schemas/region.schema.json\n"

REGIONS = {
    "yangtze-river-delta": """\
name: Yangtze River Delta
name_zh: 长三角
summary: Shanghai with Jiangsu, Zhejiang and Anhui, a test region that overlaps Central China.
colour: violet
members:
  - province: shanghai
  - province: jiangsu
  - province: zhejiang
  - province: anhui
""",
    "north-china": """\
name: North China
name_zh: 华北
summary: Inner Mongolia as a whole with Shanxi, for the tests.
members:
  - province: inner-mongolia
  - province: shanxi
""",
    "pearl-river-delta": """\
name: Pearl River Delta
name_zh: 珠三角
summary: Nine cities of Guangdong with Hong Kong and Macao, for the tests.
members:
  - province: guangdong
    part: nine cities of the delta
  - province: hong-kong
  - province: macao
""",
    "southwest-china": """\
name: Southwest China
name_zh: 西南地区
summary: Five provincial-level divisions of the southwest, for the tests.
members:
  - province: sichuan
  - province: chongqing
  - province: yunnan
  - province: guizhou
  - province: tibet
""",
    "northwest-china": """\
name: Northwest China
name_zh: 西北地区
summary: Five provincial-level divisions of the northwest, for the tests.
members:
  - province: shaanxi
  - province: gansu
  - province: qinghai
  - province: ningxia
  - province: xinjiang
""",
    "bohai-rim": """\
name: Bohai Rim
name_zh: 环渤海
summary: The coast around the Bohai Sea, for the tests; every member is in another region too.
members:
  - province: tianjin
  - province: liaoning
  - province: shandong
""",
    "hainan-guangxi": """\
name: Beibu Gulf
name_zh: 北部湾
summary: Guangxi and Hainan, for the tests. It reports no figure at all.
members:
  - province: guangxi
  - province: hainan
""",
}

USD_METRIC = """\
  - id: technology-trade-value
    label: Technology trade value
    unit: USD
    unit_plural: USD
    kind: money
    definition: The value of technology import and export contracts, in US dollars (test metric).
"""

ARTICLE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
title: Test article on ten regions
original:
  name: Test Daily
published: 2025-06-10
added: 2026-11-23
text_file: null
text_missing: a test article that exists only in these tests
summary: >
  An invented article for the tests that reports figures for several of the ten regions.

facts:
  - id: yrd-losses-recovered-2024
    place: yangtze-river-delta
    metric: losses-recovered
    value: 186260000000
    period: {start: 2024-01, end: 2024-12}
    quote: "Losses of 186.26 billion yuan were recovered in 2024."

  - id: yrd-technology-trade-2024
    place: yangtze-river-delta
    metric: technology-trade-value
    value: 26050000000
    period: {start: 2024-01, end: 2024-12}
    quote: "Technology trade reached $26.05 billion in 2024."

  - id: yrd-valid-invention-patents-2025-04
    place: yangtze-river-delta
    metric: valid-invention-patents
    value: 1230000
    as_of: 2025-04
    growth: {percent: 14.2, basis: year on year}
    quote: "The delta held 1.23 million valid invention patents, up 14.2 percent year on year."

  - id: nwc-valid-invention-patents-2025-04
    place: northwest-china
    metric: valid-invention-patents
    value: 98000
    as_of: 2025-04
    growth: {percent: 30, qualifier: more than, basis: year on year}
    quote: >-
      The northwest held 98,000 valid invention patents, a rise of more than 30 per cent year
      on year.

  - id: prd-valid-invention-patents-2025-04
    place: pearl-river-delta
    metric: valid-invention-patents
    value: 560000
    as_of: 2025-04
    quote: "The Pearl River Delta held 560,000 valid invention patents."

  - id: north-china-trademarks-growth-2025-04
    place: north-china
    metric: valid-registered-trademarks
    as_of: 2025-04
    growth: {percent: 10.5, basis: year on year}
    quote: "In North China, trademarks rose 10.5 percent year on year."

  - id: swc-valid-invention-patents-growth-2025-04
    place: southwest-china
    metric: valid-invention-patents
    as_of: 2025-04
    growth: {percent: 12, basis: year on year}
    quote: "Southwest China's valid invention patents grew 12 percent year on year."

  - id: swc-gi-share-2025-04
    place: southwest-china
    metric: share-of-national-gi-products
    value: 16.67
    qualifier: about
    as_of: 2025-04
    quote: "The southwest holds about one-sixth of the country's geographical indication products."

  - id: bohai-ip-protection-cases-2024
    place: bohai-rim
    metric: ip-protection-cases
    value: 1
    period: {start: 2024-01, end: 2024-12}
    quote: "One IP protection case was heard on the rim in 2024."
"""


def write_many_regions_project(project: Path) -> list[str]:
    """Add the regions, a US-dollar metric and the article to a project copy; return region ids."""
    for region_id, text in REGIONS.items():
        (project / "data" / "regions" / f"{region_id}.yaml").write_text(
            REGION_HEADER + text, encoding="utf-8"
        )
    metrics = project / "data" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8") + USD_METRIC, encoding="utf-8")
    (project / "data" / "sources" / "ten-regions-test-2025.yaml").write_text(
        ARTICLE, encoding="utf-8"
    )
    return sorted(path.stem for path in (project / "data" / "regions").glob("*.yaml"))
