"""The one error type for editor mistakes, and the exception that carries all of them.

Room: errors. Imports: model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ipregions.model import Location

Severity = Literal["error", "warning"]
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(match: re.Match[str]) -> str:
    """Return an unprintable character as the escape a programmer would write."""
    character = match[0]
    return ESCAPES.get(character) or f"\\u{ord(character):04x}"


@dataclass(frozen=True)
class EditorError:
    """A mistake in a data file an editor can fix: where it is, what is wrong, what to do."""

    path: str  # relative to the project root, as the editor sees it: data/sources/x.yaml
    line: int  # 1-based
    column: int  # 1-based
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @classmethod
    def at(
        cls,
        location: Location,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> EditorError:
        """Return an error at a model item's location."""
        return cls(location.path, location.line, location.column, message, hint, severity)

    @property
    def is_error(self) -> bool:
        """Return whether this stops the build (warnings do not)."""
        return self.severity == "error"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Return the key that orders errors by file and position."""
        return (self.path, self.line, self.column, self.message)

    def __str__(self) -> str:
        """Return the one-line form: path:line:column: severity: message (hint)."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        # One line whatever an editor typed: a quoted key may hold a line break, an escape
        # sequence for the terminal or a direction control that reverses the rest of the line.
        return UNPRINTABLE.sub(escape, text)

    def to_dict(self) -> dict[str, Any]:
        """Return the error as plain data for the live-preview overlay."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "text": str(self),
        }


class BuildError(Exception):
    """Editor mistakes that stop the build: every error (and warning) found in one run."""

    def __init__(self, errors: list[EditorError]) -> None:
        self.errors = sorted(errors, key=lambda error: error.sort_key)
        count = sum(error.is_error for error in self.errors)
        super().__init__(f"{count} error{'s' * (count != 1)} in the data")

    def __str__(self) -> str:
        """Return a summary line followed by every error, one per line."""
        return "\n".join([self.args[0], *(str(error) for error in self.errors)])
