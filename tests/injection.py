"""Write script-injection payloads into every text field an editor can write, in a project copy.

The data files are walked with the same field specs validation uses
(ipregions.inputs.files), so every plain-text field of every file kind gets a payload and nothing
else changes: ids, references, numbers, dates, choices and web addresses stay valid, and payloads
are appended so that each quote still contains its value. Prose pages (content/*.md) get payloads
in their front matter and their Markdown; site.yaml in its text settings.

Each field's payload carries its own marker (letters only: quotes are searched for numbers, and
no vowels, so a marker never spells "one" or "ten"), and every element a payload could create
carries ``data-xss``: a built page that contains such an element, or opens a dialog, was injected.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

OUTSIDE = "//xss.invalid"  # an address off the test server: loading it is refused and reported
TEMPLATE_SYNTAX = "{{ 'tpl' ~ 'injected' }} {% raw %}raw{% endraw %} ${tpl} #{tpl}"
TEMPLATE_RESULT = "tplinjected"  # what a template engine would print for TEMPLATE_SYNTAX
BIDI_AND_ZERO_WIDTH = "\u202egnp.exe\u202c \u2067isolate\u2069 zero\u200bwidth\u200d\ufeffjoin"
CONSONANTS = "bcdfghjklmnpqrstvwxz"


def payload(marker: str) -> str:
    """Return one field's payload: HTML, script, URLs, Markdown and template syntax as text."""
    return " ".join(
        (
            f'<script data-xss>alert("{marker}")</script>',
            f'"><img data-xss src="{OUTSIDE}/{marker}.png" onerror="alert(\'{marker}\')">',
            f"'><svg data-xss onload=alert('{marker}')>",
            f"<a data-xss href=\"javascript:alert('{marker}')\">{marker} link</a>",
            f"javascript:alert('{marker}') data:text/html,<b data-xss>{marker}</b>",
            f"[{marker}](javascript:alert('{marker}')) **{marker}** _{marker}_ `{marker}`",
            "</textarea></title></style></script><!--",
            TEMPLATE_SYNTAX,
            BIDI_AND_ZERO_WIDTH,
            f"&lt;b&gt; &amp; {marker}.",
        )
    )


def unsafe_address(marker: str) -> str:
    """Return an https address (no spaces, so it is accepted) that breaks out of attributes."""
    return (
        f"https://example.org/{marker}?q=\"><svg/data-xss/onload=alert('{marker}')>"
        f"&r='><script/data-xss>alert('{marker}')</script>#\"onmouseover=\"alert('{marker}')"
    )


def markers() -> itertools.chain[str]:
    """Yield distinct markers made of consonants: xssbbb, xssbbc, ..."""
    return ("xss" + "".join(letters) for letters in itertools.product(CONSONANTS, repeat=3))


def is_closed_text(mapping: dict[str, Any], key: str) -> bool:
    """Return whether a text field only takes set words: a rate's or an amount's unit, or a
    growth's basis, which must be words of the quote."""
    if key == "basis" and "percent" in mapping:
        return True
    return key == "unit" and mapping.get("kind") in ("rate", "money")


class Injector:
    """Append payloads to text values and remember which marker went where."""

    def __init__(self) -> None:
        self.marker_names = markers()
        self.placed: dict[str, str] = {}

    def text(self, value: str, where: str) -> str:
        """Return value with a new marker's payload appended."""
        marker = next(self.marker_names)
        self.placed[marker] = where
        return f"{value.rstrip()} {payload(marker)}"

    def address(self, where: str) -> str:
        """Return a web address that passes as http(s) but holds markup and quotes."""
        marker = next(self.marker_names)
        self.placed[marker] = where
        return unsafe_address(marker)

    def walk(self, value: Any, spec: Any, where: str) -> Any:
        """Return value with a payload in every plain-text field the spec describes."""
        from ipregions.inputs.dates import DATE_MAPPING, PERIOD_MAPPING, Date, PeriodSpec
        from ipregions.inputs.values import ListOf, Obj, Text, Url

        if isinstance(spec, Date) and isinstance(value, dict):
            spec = DATE_MAPPING
        elif isinstance(spec, PeriodSpec) and isinstance(value, dict):
            spec = PERIOD_MAPPING
        if isinstance(spec, Obj) and isinstance(value, dict):
            walked = {
                key: self.walk(item, spec.by_name[key].spec, f"{where}.{key}")
                if key in spec.by_name and not is_closed_text(value, key)
                else item
                for key, item in value.items()
            }
            for field in spec.fields:  # optional addresses are text an editor can paste too
                if isinstance(field.spec, Url) and field.name not in walked:
                    walked[field.name] = self.address(f"{where}.{field.name}")
            return walked
        if isinstance(spec, ListOf) and isinstance(value, list):
            return [self.walk(item, spec.item, f"{where}[{i}]") for i, item in enumerate(value)]
        if type(spec) is Text and isinstance(value, str):  # not Slug, Ref, Url, Choice, FileName
            return self.text(value, where)
        if isinstance(spec, Url) and isinstance(value, str):
            return self.address(where)
        return value


def data_files(project: Path) -> list[tuple[Path, str]]:
    """Return every data file with the name of its kind in ipregions.inputs.files.FILE_KINDS."""
    data = project / "data"
    files = [(data / "provinces.yaml", "provinces"), (data / "metrics.yaml", "metrics")]
    files += [(path, "region") for path in sorted((data / "regions").glob("*.yaml"))]
    files += [(path, "source") for path in sorted((data / "sources").glob("*.yaml"))]
    for name in ("country", "corrections"):
        if (data / f"{name}.yaml").exists():
            files.append((data / f"{name}.yaml", name))
    return files


def dump(value: Any) -> str:
    """Return YAML text an editor could have written for value."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def inject_data(project: Path, injector: Injector) -> None:
    """Put payloads into every text field of every data file."""
    from ipregions.inputs.files import FILE_KINDS

    for path, kind in data_files(project):
        relative = path.relative_to(project).as_posix()
        text = path.read_text(encoding="utf-8")
        schema_line = text.splitlines()[0] if text.startswith("# yaml-language-server") else ""
        injected = injector.walk(yaml.safe_load(text), FILE_KINDS[kind].spec, relative)
        path.write_text(f"{schema_line}\n{dump(injected)}", encoding="utf-8")


def markdown_payload(marker: str) -> str:
    """Return Markdown with raw HTML blocks and inline HTML an editor might paste."""
    return (
        f"\n\n## Pasted by an editor {marker}\n\n"
        f'<script data-xss>alert("{marker}")</script>\n\n'
        f"<div data-xss onclick=\"alert('{marker}')\">raw block {marker}</div>\n\n"
        f'<iframe data-xss srcdoc="<script>alert(1)</script>"></iframe>\n\n'
        f'Inline <img data-xss src="{OUTSIDE}/{marker}.png" onerror="alert(\'{marker}\')"> and '
        f'<span data-xss style="color:red">span</span> and <a data-xss href="#" '
        f"onmouseover=\"alert('{marker}')\">hover</a>.\n\n"
        f"{TEMPLATE_SYNTAX}\n\n{BIDI_AND_ZERO_WIDTH} {marker}\n\n"
        f"<!-- a comment {marker} -->\n\n"
        f"<style data-xss>body{{display:none}}</style>\n\n"
        f"    <script data-xss>alert('indented code {marker}')</script>\n"
    )


def inject_content(project: Path, injector: Injector) -> None:
    """Put payloads into the front matter and the Markdown of every prose page."""
    for path in sorted((project / "content").glob("*.md")):
        relative = path.relative_to(project).as_posix()
        _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fields = yaml.safe_load(header)
        fields = {
            key: injector.text(str(value), f"{relative}: {key}") for key, value in fields.items()
        }
        marker = next(injector.marker_names)
        injector.placed[marker] = f"{relative}: Markdown"
        text = f"---\n{dump(fields)}---\n{body.rstrip()}{markdown_payload(marker)}"
        path.write_text(text, encoding="utf-8")


def inject_settings(project: Path, injector: Injector) -> None:
    """Put payloads into the text settings of site.yaml (not its language or addresses)."""
    path = project / "site.yaml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("title", "tagline", "description", "publisher"):
        if key in settings:
            settings[key] = injector.text(str(settings[key]), f"site.yaml: {key}")
    if isinstance(settings.get("licence"), dict):
        licence = settings["licence"]
        licence["name"] = injector.text(str(licence["name"]), "site.yaml: licence.name")
        licence["url"] = injector.address("site.yaml: licence.url")
    path.write_text(dump(settings), encoding="utf-8")


def write_injection_project(project: Path) -> dict[str, str]:
    """Inject payloads into the project copy at project; return {marker: where it was put}."""
    injector = Injector()
    inject_data(project, injector)
    inject_content(project, injector)
    inject_settings(project, injector)
    return injector.placed
