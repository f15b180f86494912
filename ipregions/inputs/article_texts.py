"""Check that every quote appears verbatim in the text of the article it is cited from.

Room: inputs. Imports: errors, model.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ipregions.errors import EditorError
from ipregions.model import Citation, Location, Model, Source

# Straight, curly and odd quotation marks count as one mark; a seed even uses ” as an apostrophe.
QUOTE_MARKS = str.maketrans(dict.fromkeys("\"'“”‘’„‟‚‛′″«»`´", "'"))
WHITESPACE = re.compile(r"\s+")
ELLIPSIS = re.compile(r"…|\.\.\.")
MAX_GAP = 300  # characters an ellipsis may leave out


def normalize(text: str) -> str:
    """Return text without whitespace and with one kind of quotation mark."""
    return WHITESPACE.sub("", text).translate(QUOTE_MARKS)


def contains(text: str, quote: str) -> bool:
    """Return whether a normalized text holds a quote; '…' stands for a few words left out."""
    parts = [part for part in (normalize(piece) for piece in ELLIPSIS.split(quote)) if part]
    if not parts:
        return False
    start = text.find(parts[0])
    while start >= 0:
        position = start + len(parts[0])
        for part in parts[1:]:
            found = text.find(part, position)
            if found < 0 or found - position > MAX_GAP:
                break
            position = found + len(part)
        else:
            return True
        start = text.find(parts[0], start + 1)
    return False


def matching_prefix(text: str, quote: str) -> int:
    """Return how many characters of the quote, from its start, the text holds."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if normalize(quote[:middle]) in text:
            low = middle
        else:
            high = middle - 1
    return low


def mismatch_hint(text: str, quote: str) -> str:
    """Return where the quote stops matching the text."""
    matched = matching_prefix(text, quote)
    if len(normalize(quote[:matched])) < 12:  # a few letters in common mean nothing
        return "not even its first words are in the text"
    tail = " ".join(quote[:matched].split()[-6:])
    return f"the text differs after '{tail}'"


def citations_by_source(model: Model) -> dict[str, list[Citation]]:
    """Return every citation of facts and milestones, grouped by source id."""
    grouped: dict[str, list[Citation]] = defaultdict(list)
    for fact in model.facts.values():
        for citation in fact.citations:
            grouped[citation.source.id].append(citation)
    for milestone in model.milestones.values():
        grouped[milestone.citation.source.id].append(milestone.citation)
    return grouped


def source_location(source: Source) -> Location:
    """Return where a source's file starts."""
    return source.location or Location(f"data/sources/{source.id}.yaml", 1, 1)


def check_quotes_in_texts(model: Model, texts_dir: Path) -> list[EditorError]:
    """Return an error for every quote not found in its article's text; warn where none is kept."""
    errors: list[EditorError] = []
    grouped = citations_by_source(model)
    for source in sorted(model.sources.values(), key=lambda s: s.id):
        if source.text_file is None and source.text_missing:
            message = f"source '{source.id}' keeps no article text ({source.text_missing})"
            hint = "its quotes are not checked against the article"
            errors.append(EditorError.at(source_location(source), message, hint, "warning"))
            continue
        if source.text_file is None:
            hint = "add text_file: with the article text's file name to check its quotes"
            message = f"source '{source.id}' has no text_file"
            errors.append(EditorError.at(source_location(source), message, hint))
            continue
        file = texts_dir / source.text_file
        try:
            text = normalize(file.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            message = f"text file '{source.text_file}' is not in {texts_dir}"
            hint = "check text_file and --sources"
            errors.append(EditorError.at(source_location(source), message, hint))
            continue
        for citation in grouped.get(source.id, []):
            if contains(text, citation.quote):
                continue
            message = f"the quote is not in the article text {source.text_file}"
            hint = mismatch_hint(text, citation.quote)
            where = citation.location or source_location(source)
            errors.append(EditorError.at(where, message, hint))
    return sorted(errors, key=lambda error: error.sort_key)
