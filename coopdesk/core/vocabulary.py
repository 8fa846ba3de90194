"""The words for attendance statuses and supervisor activities, in Swedish and English: one place.

Every face reads them from here — the views, the PDFs and CSVs, the audit log, the domain's messages —
so a word changed here changes everywhere, and a new status or activity cannot be shown without words
(tests/unit/test_vocabulary.py). The keys are the stored values (``STATUSES``/``ACTIVITIES``, defined here).
The interface shows the Swedish or English label as it is; sentences (the audit log, messages) use the
lower-case form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The stored values (no SQLAlchemy here, so that the views can name them; core/models.py re-exports them).
STATUSES = ("present", "sick", "absent_notified", "absent_unnotified", "leave")
ABSENCE_STATUSES = STATUSES[1:]
ACTIVITIES = ("supervision", "administration", "training", "vacation", "sick")
WORKED_ACTIVITIES = ("supervision", "administration", "training")
ABSENCE_ACTIVITIES = ("vacation", "sick")
TARIFF_KINDS = ("none", "per_day", "per_hour", "per_month")
DISTRICT_KINDS = ("stadsdel", "kommun")
#: Why a placement ended (domain.md §8), as stored on the placement and written in coopdesk/2.
END_REASONS = ("work", "studies", "other_activity", "moved", "health", "own_choice", "other")
#: The valid-from of a history's first entry when nothing dates it (migration 0006, an import of
#: ``coopdesk/1``, a cooperative's first settings): early enough to cover every date a database holds.
HISTORY_START = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class Label:
    sv: str
    en: str
    #: The English word inside a sentence when it is not simply ``en`` in lower case (see "vacation").
    en_in_text: str | None = None

    def text(self, lang: str = "sv") -> str:
        return self.en if lang == "en" else self.sv

    def in_text(self, lang: str = "sv") -> str:
        """The word inside a sentence: 'anmäld frånvaro', 'notified absence'."""
        if lang == "en":
            return self.en_in_text or self.en.lower()
        return self.sv.lower()


STATUS_LABELS: dict[str, Label] = {
    "present": Label("Närvarande", "Present"),
    "sick": Label("Sjuk", "Sick"),
    "absent_notified": Label("Anmäld frånvaro", "Notified absence"),
    "absent_unnotified": Label("Oanmäld frånvaro", "Unnotified absence"),
    "leave": Label("Ledig", "Leave"),
}
#: A planned day with no registration (not a stored status).
UNREGISTERED = Label("Ej registrerad", "Unregistered")

ACTIVITY_LABELS: dict[str, Label] = {
    "supervision": Label("Handledning", "Supervision"),
    "administration": Label("Administration", "Administration"),
    "training": Label("Utbildning", "Training"),
    # The views say "Annual leave", the audit log has always said "vacation": both kept as they were
    # (the interface text did not change when the words moved here); one of them should give way.
    "vacation": Label("Semester", "Annual leave", en_in_text="vacation"),
    "sick": Label("Sjuk", "Sick"),
}

END_REASON_LABELS: dict[str, Label] = {
    "work": Label("Arbete", "Work"),
    "studies": Label("Studier", "Studies"),
    "other_activity": Label("Annan sysselsättning", "Other activity"),
    "moved": Label("Flyttat", "Moved"),
    "health": Label("Ohälsa", "Ill health"),
    "own_choice": Label("Eget val", "Own choice"),
    "other": Label("Annat", "Other"),
}
#: A placement that ended without a reason given (the yearly figures' ``unknown``; not stored).
UNKNOWN_END_REASON = Label("Okänd", "Unknown")

STATUS_SV = {key: label.sv for key, label in STATUS_LABELS.items()}
ACTIVITY_SV = {key: label.sv for key, label in ACTIVITY_LABELS.items()}


def status_label(status: str | None, lang: str = "sv") -> str:
    """A status as the interface shows it; None is a day with no registration."""
    return (UNREGISTERED if status is None else STATUS_LABELS[status]).text(lang)


def activity_label(activity: str, lang: str = "sv") -> str:
    return ACTIVITY_LABELS[activity].text(lang)


def end_reason_label(reason: str | None, lang: str = "sv") -> str:
    """An end reason as the interface shows it; None is a placement ended without one."""
    return (UNKNOWN_END_REASON if reason is None else END_REASON_LABELS[reason]).text(lang)
