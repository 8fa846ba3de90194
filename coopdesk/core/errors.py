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


class ConflictError(CoopdeskError):
    """Someone else (another PC) changed or removed the row since it was read. Nothing was changed.

    ``by`` and ``at`` come from the newest audit log entry of the row (every change writes one in
    its own transaction); ``subject`` names the row as the user sees it ("Anna Andersson 2026-11-27").
    Built by :func:`coopdesk.core.conflicts.conflict`.
    """

    def __init__(
        self,
        *,
        entity: str,
        entity_id: object = None,
        by: str | None = None,
        at: Any = None,  # datetime.datetime
        removed: bool = False,
        subject: str | None = None,
        today: Any = None,  # datetime.date: a change of another day shows its date too
    ) -> None:
        self.entity, self.entity_id, self.by, self.at, self.removed, self.subject = (
            entity,
            entity_id,
            by,
            at,
            removed,
            subject,
        )
        when_sv = when_en = ""
        if at is not None:
            same_day = today is None or at.date() == today
            when_sv = f" kl. {at:%H.%M}" if same_day else f" {at:%Y-%m-%d} kl. {at:%H.%M}"
            when_en = f" at {at:%H:%M}" if same_day else f" on {at:%Y-%m-%d} at {at:%H:%M}"
        verb_sv, verb_en = ("Borttaget", "Removed") if removed else ("Ändrat", "Changed")
        if by:
            what_sv = f"{verb_sv} av {by} på en annan dator{when_sv}."
            what_en = f"{verb_en} by {by} on another computer{when_en}."
        else:
            what_sv = f"{verb_sv} på en annan dator{when_sv}."
            what_en = f"{verb_en} on another computer{when_en}."
        if subject:
            what_sv = f"{subject}: {what_sv[0].lower()}{what_sv[1:]}"
            what_en = f"{subject}: {what_en[0].lower()}{what_en[1:]}"
        super().__init__(
            f"{what_sv} Du ser nu det nya värdet; gör din ändring igen om den fortfarande behövs.",
            f"{what_en} You now see the new value; make your change again if it is still needed.",
        )

    def __str__(self) -> str:
        return self.en
