"""The site's own model: its settings, its prose pages, and the kinds of page it has.

Room: model. Imports: nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SiteConfig:
    """The settings every page shares."""

    title: str
    description: str
    base_url: str  # absolute, ending in "/": https://example.org/china-ip-regions/
    publisher: str  # the person or organisation credited for the site
    licence_name: str
    licence_url: str
    language: str = "en"
    tagline: str = ""
    contact: str = ""  # an e-mail address or a web address for corrections

    @property
    def base_path(self) -> str:
        """Return the path part of the base URL: /china-ip-regions/ or /."""
        return urlsplit(self.base_url).path or "/"

    @property
    def host(self) -> str:
        """Return the host name of the base URL, for social images."""
        return urlsplit(self.base_url).netloc

    def absolute(self, path: str) -> str:
        """Return the absolute URL of a path relative to the site root."""
        return self.base_url + path


@dataclass
class ContentPage:
    """One prose page: where it came from, its title and its Markdown."""

    slug: str  # the file name without .md; the page lives at /<slug>/
    path: str  # as the editor sees it: content/about.md
    title: str
    description: str
    text: str  # the Markdown after the front matter
    first_line: int  # the file line the Markdown starts on, for errors
    html: str = ""  # the Markdown as HTML; site-root links start with "/"


class PageKind(StrEnum):
    """The kinds of page the site has; web.pages declares each once in its registry."""

    HOME = "home"
    REGIONS = "regions"
    REGION = "region"
    METRICS = "metrics"
    METRIC = "metric"
    COMPARE = "compare"
    SOURCES = "sources"
    SOURCE = "source"
    FACTS = "facts"
    FACT = "fact"
    CONTENT = "page"
    SEARCH = "search"
    ERROR = "error"
    CORRECTIONS = "corrections"
    STATISTICS = "statistics"
    STATISTIC = "statistic"


@dataclass(frozen=True)
class Placement:
    """Where something shows: a kind of page and, on pages of one item, that item's id."""

    kind: PageKind
    item: str | None = None

    def __str__(self) -> str:
        """Return the placement as 'home' or 'region:<id>', for messages and tests."""
        return f"{self.kind}:{self.item}" if self.item is not None else str(self.kind)


# Domains reserved for examples and tests (RFC 2606, RFC 6761): never a site's real address.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")


def is_placeholder_host(host: str) -> bool:
    """Return whether a host name is reserved for examples, so it cannot be the real address."""
    host = host.lower().rstrip(".").rsplit("@", 1)[-1].split(":", 1)[0]
    return any(host == d or host.endswith("." + d) for d in RESERVED_DOMAINS) or (
        host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL
    )
