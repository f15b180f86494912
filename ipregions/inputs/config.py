"""Read the site's settings from site.yaml: title, base URL, licence, who publishes it.

Room: inputs. Imports: errors, model, inputs.characters, inputs.values, inputs.yaml_nodes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ipregions.errors import BuildError, EditorError
from ipregions.inputs.characters import text_problem
from ipregions.inputs.values import encode_url
from ipregions.inputs.yaml_nodes import load_yaml, node_error
from ipregions.model.site import SiteConfig, is_placeholder_host

CONFIG_FILE = "site.yaml"
URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
REQUIRED = ("title", "description", "base_url", "publisher")
OPTIONAL = ("language", "tagline", "contact")
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/]+\.[^@\s/]+")
NESTED = {"licence": ("name", "url")}  # written as licence: {name: ..., url: ...}


def normalise_base_url(value: str) -> str | None:
    """Return an http(s) URL ending in '/', or None when value is not one.

    Only the characters a URL may hold are allowed: a line break or a space would end up as a
    line of its own in robots.txt and the sitemap.
    """
    if not URL_CHARACTERS.fullmatch(value.strip()):
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return value.strip().rstrip("/") + "/"


def nested(path: str, name: str, value: yaml.Node) -> tuple[dict[str, tuple[str, yaml.Node]], list]:
    """Return the fields of a setting written as a mapping, such as licence: {name, url}."""
    fields = NESTED[name]
    if not isinstance(value, yaml.MappingNode):
        wanted = ", ".join(f"{field}: ..." for field in fields)
        return {}, [node_error(path, value, f"'{name}' must hold {wanted}")]
    values: dict[str, tuple[str, yaml.Node]] = {}
    errors = []
    for sub_key, sub_value in value.value:
        if sub_key.value not in fields or not isinstance(sub_value, yaml.ScalarNode):
            message = f"unknown setting '{name}: {sub_key.value}'"
            errors.append(node_error(path, sub_key, message, f"use {', '.join(fields)}"))
            continue
        text = str(sub_value.value).strip()
        if problem := text_problem(f"{name}: {sub_key.value}", text):
            errors.append(node_error(path, sub_value, *problem))
        values[f"{name}_{sub_key.value}"] = (text, sub_value)
    for field in fields:
        if f"{name}_{field}" not in values and not errors:
            errors.append(node_error(path, value, f"missing setting '{name}: {field}'"))
    return values, errors


def flatten(path: str, root: yaml.Node) -> tuple[dict[str, tuple[str, yaml.Node]], list]:
    """Return the settings as {name: (text, node)} and the errors found reading them."""
    errors: list[EditorError] = []
    values: dict[str, tuple[str, yaml.Node]] = {}
    if not isinstance(root, yaml.MappingNode):
        return values, [node_error(path, root, "site.yaml must hold settings as 'name: value'")]
    for key, value in root.value:
        name = key.value
        if name in NESTED:
            found, problems = nested(path, name, value)
            values.update(found)
            values[name] = ("", value)
            errors.extend(problems)
            continue
        if name not in REQUIRED + OPTIONAL:
            hint = "known settings: " + ", ".join(sorted({*REQUIRED, *OPTIONAL, *NESTED}))
            errors.append(node_error(path, key, f"unknown setting '{name}'", hint))
            continue
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            errors.append(node_error(path, value, f"'{name}' must be a line of text"))
            continue
        text = str(value.value).strip()
        if problem := text_problem(name, text):
            errors.append(node_error(path, value, *problem))
        values[name] = (text, value)
    return values, errors


def load_config(root: Path, *, base_url: str | None = None) -> SiteConfig:
    """Read root/site.yaml, letting --base-url override the configured base URL."""
    loaded = load_yaml(root / CONFIG_FILE, CONFIG_FILE)
    if loaded.errors or loaded.root is None:
        raise BuildError(loaded.errors)
    values, errors = flatten(CONFIG_FILE, loaded.root)
    for name in (*REQUIRED, *NESTED):
        if name not in values:
            errors.append(EditorError(CONFIG_FILE, 1, 1, f"missing setting '{name}'"))
    if base_url is not None:
        if normalise_base_url(base_url) is None:
            message = f"--base-url '{base_url}' is not an absolute http(s) address"
            errors.append(EditorError(CONFIG_FILE, 1, 1, message, "e.g. https://example.org/ip/"))
        values["base_url"] = (base_url, loaded.root)
    elif "base_url" in values and normalise_base_url(values["base_url"][0]) is None:
        text, node = values["base_url"]
        hint = "write the full address the site is served from, e.g. https://example.org/ip/"
        errors.append(
            node_error(
                CONFIG_FILE, node, f"base_url '{text}' is not an absolute http(s) address", hint
            )
        )
    if values.get("licence_url") and not values["licence_url"][0].startswith(
        ("http://", "https://")
    ):
        node = values["licence_url"][1]
        errors.append(
            node_error(CONFIG_FILE, node, "licence url must start with http:// or https://")
        )
    if "contact" in values:
        text, node = values["contact"]
        if not EMAIL.fullmatch(text) and normalise_base_url(text) is None:
            hint = "write an e-mail address (corrections@…) or an http(s) address of a contact page"
            message = f"contact '{text}' is not an e-mail address or a web address"
            errors.append(node_error(CONFIG_FILE, node, message, hint))
    if errors:
        raise BuildError(errors)
    settings = {name: text for name, (text, _) in values.items() if name not in NESTED}
    settings["base_url"] = normalise_base_url(settings["base_url"]) or ""
    settings["licence_url"] = encode_url(settings["licence_url"])
    return SiteConfig(**settings)


def placeholder_warnings(root: Path, config: SiteConfig) -> list[EditorError]:
    """Warn while base_url or contact use a domain reserved for examples, such as example.org."""
    loaded = load_yaml(root / CONFIG_FILE, CONFIG_FILE)
    values, _ = flatten(CONFIG_FILE, loaded.root) if loaded.root is not None else ({}, [])
    warnings = []
    for name, text, hint in (
        ("base_url", config.base_url, "set base_url to the address the site is served from"),
        ("contact", config.contact, "set contact to where readers send corrections"),
    ):
        host = text.rsplit("@", 1)[-1] if name == "contact" else config.host
        if not text or not is_placeholder_host(host):
            continue
        given, node = values.get(name, (None, None))
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        if name == "base_url" and given is not None and normalise_base_url(given) != text:
            line, column, hint = 1, 1, "pass --base-url the address the site is served from"
        message = f"{name} '{text}' is a placeholder: {host} is reserved for examples"
        warnings.append(EditorError(CONFIG_FILE, line, column, message, hint, "warning"))
    return warnings
