"""The words and the rules of the social documentation (domain.md §7), without a database.

The stored values of the closed sets are keys here, with their Swedish and English words, so that the
views, the PDFs, the CLI and the audit log name them alike. The two rules that are about time alone
live here too: until when a journal entry can still be changed by its author, and when a lex Sarah
report must have been sent to IVO.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from coopdesk.core.errors import ValidationError
from coopdesk.core.text import REORDERING_CONTROLS
from coopdesk.core.vocabulary import Label

JOURNAL_KINDS: dict[str, Label] = {
    "conversation": Label("Samtal", "Conversation"),
    "event": Label("Händelse", "Event"),
    "follow_up": Label("Uppföljning", "Follow-up"),
    "case_worker_contact": Label("Kontakt med handläggare", "Contact with the case worker"),
    "other": Label("Övrigt", "Other"),
}
PLAN_STATUSES: dict[str, Label] = {
    "draft": Label("Utkast", "Draft"),
    "in_force": Label("Gällande", "In force"),
    "followed_up": Label("Uppföljd", "Followed up"),
    "replaced": Label("Ersatt", "Replaced"),
}
#: A placement's plan in force is its newest version with one of these statuses.
PLAN_IN_FORCE = ("in_force", "followed_up")
DEVIATION_CATEGORIES: dict[str, Label] = {
    "deviation": Label("Avvikelse", "Deviation"),
    "complaint": Label("Klagomål", "Complaint"),
    "lex_sarah_misconduct": Label("Lex Sarah: missförhållande", "Lex Sarah: misconduct"),
    "lex_sarah_risk": Label("Lex Sarah: påtaglig risk för missförhållande", "Lex Sarah: evident risk of misconduct"),
}
LEX_SARAH = ("lex_sarah_misconduct", "lex_sarah_risk")
DEVIATION_STATUSES: dict[str, Label] = {
    "received": Label("Mottagen", "Received"),
    "investigated": Label("Utredd", "Investigated"),
    "remedied": Label("Åtgärdad", "Remedied"),
    "closed": Label("Avslutad", "Closed"),
}

#: domain.md §7: a lex Sarah case must be reported to IVO within two weeks of the report date.
IVO_DAYS = 14
#: A text of the documentation may be long (a journal note), but not without end.
MAX_TEXT = 20_000


def editable_until(written_at: dt.datetime) -> dt.date:
    """The last day on which the author may still change an entry: the day after it was written."""
    return written_at.date() + dt.timedelta(days=1)


def ivo_due(reported_on: dt.date) -> dt.date:
    return reported_on + dt.timedelta(days=IVO_DAYS)


def needs_ivo_report(category: str, ivo_sent_on: dt.date | None) -> bool:
    return category in LEX_SARAH and ivo_sent_on is None


def choice(value: object, labels: dict[str, Label], field: str, what_sv: str, what_en: str) -> str:
    """A stored key from the key itself or its Swedish or English word (any case): 'samtal' → 'conversation'."""
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for key, label in labels.items():
            if wanted in (key.casefold(), label.sv.casefold(), label.en.casefold()):
                return key
    names = ", ".join(label.sv.lower() for label in labels.values())
    names_en = ", ".join(label.en.lower() for label in labels.values())
    raise ValidationError(
        field,
        value,
        f"{what_sv} {value!r} finns inte. Välj en av: {names}.",
        f"{what_en} {value!r} does not exist. Choose one of: {names_en}.",
    )


def long_text(value: object, field: str, what_sv: str, what_en: str, *, required: bool = True) -> str | None:
    """A note that may have several lines (tabs and line breaks allowed, other control characters not)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, value, f"{what_sv} måste fyllas i.", f"{what_en} must be filled in.")
        return None
    if not isinstance(value, str):
        raise ValidationError(field, value, f"{what_sv} ska vara text.", f"{what_en} must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    for position, char in enumerate(text):
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in REORDERING_CONTROLS:
            raise ValidationError(
                field,
                value,
                f"{what_sv} innehåller ett otillåtet tecken (ett styrtecken, position {position + 1}).",
                f"{what_en} holds a character that is not allowed (a control character, position {position + 1}).",
            )
    if len(text) > MAX_TEXT:
        raise ValidationError(
            field,
            value,
            f"{what_sv} har för många tecken ({len(text)}); högst {MAX_TEXT}.",
            f"{what_en} is too long ({len(text)} characters); at most {MAX_TEXT}.",
        )
    return text
