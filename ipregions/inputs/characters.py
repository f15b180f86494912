"""What a field may hold as written: plain digits, text of a limited length, no control characters.

Room: inputs. Imports: nothing of the package.
"""

from __future__ import annotations

import re

MAX_TEXT = 2_000  # characters in one field: the longest summary is a few hundred
MAX_ID = 100  # ids become file and folder names
MAX_DIGITS = 15  # a float holds 15 significant digits exactly; no figure printed needs more
PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
NOT_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)")
DIGIT_RUN = re.compile(r"\d(?:[,.]?\d)*")
# C0 and C1 controls and DEL; tabs and line breaks are how YAML writes paragraphs.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Direction controls that stay in force until closed: embeddings and overrides end at U+202C
# (PDF), isolates at U+2069 (PDI). Left open, they reverse text outside the field.
BIDI_CLOSERS = {
    **dict.fromkeys("\u202a\u202b\u202d\u202e", "\u202c"),
    **dict.fromkeys("\u2066\u2067\u2068", "\u2069"),
}


def unpaired_direction_control(text: str) -> str | None:
    """Return the first direction control in text that is not closed, or closes nothing."""
    open_controls: list[str] = []
    for character in text:
        if character in BIDI_CLOSERS:
            open_controls.append(character)
        elif character in ("\u202c", "\u2069"):
            if not open_controls or BIDI_CLOSERS[open_controls[-1]] != character:
                return character
            open_controls.pop()
    return open_controls[0] if open_controls else None


def text_problem(name: str, text: str, limit: int = MAX_TEXT) -> tuple[str, str] | None:
    """Return what is wrong with a field's text and what to do, or None when it is fine."""
    if len(text) > limit:
        message = f"'{name}' is too long ({len(text):,} characters; the limit is {limit:,})"
        return message, "shorten it: the site shows it whole"
    if control := CONTROL_CHARACTER.search(text):
        message = f"'{name}' holds control character U+{ord(control[0]):04X}"
        return message, "delete it: it often comes with text copied from a web page"
    if (direction := unpaired_direction_control(text)) is not None:
        message = f"'{name}' holds an unpaired direction control U+{ord(direction):04X}"
        return message, "delete it: it would reverse the text around the field"
    return None


def number_problem(name: str, written: str) -> tuple[str, str] | None:
    """Return what is wrong with a number as written, or None when YAML reads it as printed."""
    if not PLAIN_NUMBER.fullmatch(written) and not NOT_FINITE.fullmatch(written):
        shown = written if len(written) <= 40 else written[:39] + "…"
        hint = "YAML reads 0204, 0x84, 2:12 and 1_32 all as 132: write the digits as printed"
        return f"'{name}' must be plain digits, not {shown}", hint
    digits = len(re.split("[eE]", written)[0].lstrip("+-").replace(".", "").lstrip("0"))
    if digits > MAX_DIGITS:
        message = f"'{name}' has too many digits ({digits:,}; the limit is {MAX_DIGITS})"
        return message, "enter the figure as the article prints it"
    return None


def long_number_problem(name: str, text: str) -> tuple[str, str] | None:
    """Return an error for a number in a quote too long for the quote check to compare."""
    for run in DIGIT_RUN.finditer(text):
        if len(re.sub(r"\D", "", run[0]).lstrip("0")) > MAX_DIGITS:
            shown = run[0] if len(run[0]) <= 20 else run[0][:19] + "…"
            message = f"'{name}' holds a number too long to check ({shown})"
            hint = f"no figure printed has more than {MAX_DIGITS} digits: check the quote"
            return message, hint
    return None
