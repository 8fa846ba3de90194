"""The errors the domain raises when input breaks a rule.

Every rule of docs/domain.md that input can break raises :class:`ValidationError`. It carries the
field (a dotted name or a JSON path), the offending value and the message in both Swedish (for the
GUI) and English (for the CLI and logs), so every face can say the same thing in its own language.
"""

from __future__ import annotations

from typing import Any


class CoopdeskError(Exception):
    """A known error: the user gets its message, never a traceback."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv = sv
        self.en = en

    def message(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


class ValidationError(CoopdeskError):
    """Input broke a domain rule. Nothing was changed."""

    def __init__(self, field: str, value: Any, sv: str, en: str) -> None:
        super().__init__(sv, en)
        self.field = field
        self.value = value

    def at(self, path: str) -> ValidationError:
        """The same error, reported at a JSON path (used by the import)."""
        field = f"{path}.{self.field}" if self.field and not path.endswith(self.field) else path
        return ValidationError(field, self.value, f"{path}: {self.sv}", f"{path}: {self.en}")

    def __str__(self) -> str:
        return self.en


class NotFoundError(CoopdeskError):
    """A name or id given by the user does not exist."""


class LockedMonthError(ValidationError):
    """A change touched a month that is attested (locked)."""


class StorageError(CoopdeskError):
    """The database cannot be opened or used: missing, corrupt, locked, from a newer version."""


def shown(value: Any) -> str:
    """A value as the user wrote it in JSON or typed it: 2.5, "abc", [1, 2] (never Decimal('2.5'))."""
    import json
    import re

    text = json.dumps(value, ensure_ascii=False, default=lambda v: f"\u0000{v}\u0000")
    text = re.sub(r'"\\u0000(.*?)\\u0000"', r"\1", text)
    return text if len(text) <= 80 else text[:77] + "…"
