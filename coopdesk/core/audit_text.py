"""The audit log in words a person reads: a kind name, a sentence, and Före/Efter field by field.

Every kind of entry the services write (an ``action`` on an ``entity``) has a name here in Swedish and
English ("Närvaro ändrad" / "Attendance changed"), and its stored old and new values are shown with
Swedish field names and values formatted the Swedish way: "Status: närvarande → sjuk; Kopiering
6,00 → 4,00 tim". Ids in the values (work areas, districts, supervisors) become names through a
:class:`Lookup` the caller fills in; the describer itself never queries. An unknown kind still reads as
words ("okänd händelse", each field on its own line), never as a JSON dump.

``tests/unit/test_audit_text.py`` walks every ``audit.record(...)`` call in the code and fails for a
kind that has no text here, so a new kind cannot be added without one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.numbers import fmt_sv
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, JOURNAL_KINDS, PLAN_STATUSES
from coopdesk.core.vocabulary import ACTIVITY_LABELS, END_REASON_LABELS, STATUS_LABELS

__all__ = ["KINDS", "Change", "Described", "Lookup", "describe", "describe_entry", "kind_key", "kind_names"]

DASH = "–"
REDACTED = "[gallrad]"


@dataclass(frozen=True)
class Lookup:
    """Names for the ids an entry's values may hold (from the caller's own query)."""

    work_areas: Mapping[int, str] = field(default_factory=dict)
    districts: Mapping[int, str] = field(default_factory=dict)
    supervisors: Mapping[int, str] = field(default_factory=dict)
    members: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One field of an entry: its name, the value before and after ("–" for none), and whether it changed."""

    field: str
    before: str
    after: str
    changed: bool
    colon: bool = True  # "Status: sjuk", but a work area's hours read "Kopiering 4,00 tim"

    def line(self, *, creating: bool = False, removing: bool = False) -> str:
        head = f"{self.field}{':' if self.colon else ''} "
        if creating:
            return head + self.after
        if removing:
            return head + self.before
        before_number, _, before_unit = self.before.rpartition(" ")
        if before_unit in ("tim", "h") and self.after.endswith(f" {before_unit}"):
            return f"{head}{before_number} → {self.after}"  # the unit once, after both figures
        return f"{head}{self.before} → {self.after}"


@dataclass(frozen=True)
class Described:
    """An entry in words: ``kind_name`` for a list's kind column, ``sentence`` for one line of text,
    ``summary`` for what changed ("Status: närvarande → sjuk"), ``changes`` for a Före/Efter table."""

    kind: str
    kind_name: str
    sentence: str
    subject: str
    summary: str
    changes: tuple[Change, ...]
    generic: bool = False


# --- kinds ----------------------------------------------------------------------------------------

# (entity, action) → (kind name sv, kind name en, verb phrase sv, verb phrase en). The verb phrase
# follows the user's name: "Sara Svensson ändrade närvaron: Anna Andersson 2026-05-21".
KINDS: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("attendance", "create"): (
        "Närvaro registrerad",
        "Attendance registered",
        "registrerade närvaron",
        "registered the attendance",
    ),
    ("attendance", "update"): ("Närvaro ändrad", "Attendance changed", "ändrade närvaron", "changed the attendance"),
    ("attendance", "delete"): (
        "Närvaro borttagen",
        "Attendance removed",
        "tog bort närvaron",
        "removed the attendance",
    ),
    ("member", "create"): ("Medlem tillagd", "Member added", "lade till medlemmen", "added the member"),
    ("member", "update"): ("Medlem ändrad", "Member changed", "ändrade medlemmen", "changed the member"),
    ("member", "read"): (
        "Medlemsakt öppnad",
        "Member's file opened",
        "öppnade medlemsakten för {}",
        "opened the file of {}",
    ),
    ("member", "export"): (
        "Registerutdrag",
        "Register extract",
        "gjorde registerutdrag för {}",
        "made a register extract of {}",
    ),
    ("member", "erase"): ("Gallring", "Erasure", "gallrade {}", "erased {}"),
    ("placement", "create"): ("Beslut tillagt", "Placement added", "lade till beslutet", "added the placement"),
    ("placement", "update"): ("Beslut ändrat", "Placement changed", "ändrade beslutet", "changed the placement"),
    ("capacity", "create"): ("Omfattning tillagd", "Capacity added", "lade till omfattningen", "added the capacity"),
    ("supervisor", "create"): (
        "Handledare tillagd",
        "Supervisor added",
        "lade till handledaren",
        "added the supervisor",
    ),
    ("supervisor", "update"): (
        "Handledare ändrad",
        "Supervisor changed",
        "ändrade handledaren",
        "changed the supervisor",
    ),
    ("supervisor_hours", "create"): (
        "Handledartid registrerad",
        "Supervisor hours registered",
        "registrerade handledartid",
        "registered supervisor hours",
    ),
    ("supervisor_hours", "update"): (
        "Handledartid ändrad",
        "Supervisor hours changed",
        "ändrade handledartid",
        "changed supervisor hours",
    ),
    ("supervisor_hours", "delete"): (
        "Handledartid borttagen",
        "Supervisor hours removed",
        "tog bort handledartid",
        "removed supervisor hours",
    ),
    ("district", "create"): ("Beställare tillagd", "District added", "lade till beställaren", "added the district"),
    ("district", "update"): ("Beställare ändrad", "District changed", "ändrade beställaren", "changed the district"),
    ("tariff", "create"): ("Ersättning tillagd", "Tariff added", "lade till ersättningen", "added the tariff"),
    ("tariff", "delete"): ("Ersättning borttagen", "Tariff removed", "tog bort ersättningen", "removed the tariff"),
    ("cooperative", "create"): (
        "Inställningar sparade",
        "Settings saved",
        "sparade inställningarna",
        "saved the settings",
    ),
    ("cooperative", "update"): (
        "Inställningar ändrade",
        "Settings changed",
        "ändrade inställningarna",
        "changed the settings",
    ),
    ("closure_day", "create"): (
        "Stängningsdag tillagd",
        "Closure day added",
        "lade till stängningsdagen",
        "added the closure day",
    ),
    ("closure_day", "delete"): (
        "Stängningsdag borttagen",
        "Closure day removed",
        "tog bort stängningsdagen",
        "removed the closure day",
    ),
    ("work_area", "create"): (
        "Arbetsområde tillagt",
        "Work area added",
        "lade till arbetsområdet",
        "added the work area",
    ),
    ("work_area", "update"): (
        "Arbetsområde omdöpt",
        "Work area renamed",
        "döpte om arbetsområdet",
        "renamed the work area",
    ),
    ("month", "attest"): ("Månad attesterad", "Month attested", "attesterade {}", "attested {}"),
    ("month", "reopen"): ("Månad öppnad igen", "Month reopened", "öppnade {} igen", "reopened {}"),
    ("database", "import"): ("Import", "Import", "importerade {}", "imported {}"),
    ("database", "export"): (
        "Databas exporterad",
        "Database exported",
        "exporterade hela databasen",
        "exported the whole database",
    ),
    ("database", "backup"): ("Säkerhetskopia", "Backup", "gjorde en säkerhetskopia", "made a backup"),
    ("database", "encrypt"): (
        "Databas krypterad",
        "Database encrypted",
        "krypterade databasen",
        "encrypted the database",
    ),
    ("statement", "export"): (
        "Redovisning exporterad",
        "Statement exported",
        "exporterade redovisningen",
        "exported the statement",
    ),
    ("statement", "print"): (
        "Redovisning utskriven",
        "Statement printed",
        "skrev ut redovisningen",
        "printed the statement",
    ),
    ("table", "export"): (
        "Tabell exporterad",
        "Table exported",
        "exporterade tabellen",
        "exported the table",
    ),
    ("yearly_report", "export"): (
        "Årsstatistik exporterad",
        "Yearly figures exported",
        "exporterade årsstatistiken",
        "exported the yearly figures",
    ),
    ("yearly_report", "print"): (
        "Årsstatistik utskriven",
        "Yearly figures printed",
        "skrev ut årsstatistiken",
        "printed the yearly figures",
    ),
    ("user", "create"): ("Användare tillagd", "User added", "lade till användaren", "added the user"),
    ("user", "update"): ("Användare ändrad", "User changed", "ändrade användaren", "changed the user"),
    ("user", "password"): (
        "Lösenord bytt",
        "Password changed",
        "bytte lösenord för kontot {}",
        "changed the password of the account {}",
    ),
    ("user", "login"): ("Inloggning", "Login", "loggade in", "logged in"),
    ("user", "login_failed"): ("Misslyckad inloggning", "Failed login", "misslyckades logga in", "failed to log in"),
    ("user", "logout"): ("Utloggning", "Logout", "loggade ut", "logged out"),
    ("database", "restore"): ("Återställning", "Restore", "återställde databasen", "restored the database"),
    ("backup", "delete"): (
        "Kopia före återställning borttagen",
        "Pre-restore copy removed",
        "tog bort kopian från före en återställning",
        "removed the copy kept before a restore",
    ),
    ("invoicing", "update"): (
        "Faktureringsuppgifter ändrade",
        "Invoicing details changed",
        "ändrade kooperativets faktureringsuppgifter",
        "changed the cooperative's invoicing details",
    ),
    ("district_invoicing", "update"): (
        "Beställarens faktureringsuppgifter ändrade",
        "District's invoicing details changed",
        "ändrade beställarens faktureringsuppgifter",
        "changed the district's invoicing details",
    ),
    ("invoice", "create"): ("E-faktura skriven", "E-invoice written", "skrev e-fakturan", "wrote the e-invoice"),
    ("employee", "create"): ("Anställd tillagd", "Employee added", "lade till den anställda", "added the employee"),
    ("employee", "update"): ("Anställd ändrad", "Employee changed", "ändrade den anställda", "changed the employee"),
    ("employee", "export"): (
        "Registerutdrag (anställd)",
        "Register extract (employee)",
        "gjorde registerutdrag för den anställda",
        "made a register extract of the employee",
    ),
    ("employee", "erase"): ("Gallring av anställda", "Erasure of employees", "gallrade anställda", "erased employees"),
    ("employment", "create"): (
        "Sysselsättningsgrad tillagd",
        "Employment percentage added",
        "lade till sysselsättningsgraden",
        "added the employment percentage",
    ),
    ("employment", "update"): (
        "Sysselsättningsgrad ändrad",
        "Employment percentage changed",
        "ändrade sysselsättningsgraden",
        "changed the employment percentage",
    ),
    ("wage_cost", "create"): (
        "Lönekostnad tillagd",
        "Wage cost added",
        "lade till lönekostnaden",
        "added the wage cost",
    ),
    ("wage_cost", "update"): (
        "Lönekostnad ändrad",
        "Wage cost changed",
        "ändrade lönekostnaden",
        "changed the wage cost",
    ),
    ("subsidy_decision", "create"): (
        "Lönebidragsbeslut tillagt",
        "Subsidy decision added",
        "lade till lönebidragsbeslutet",
        "added the subsidy decision",
    ),
    ("subsidy_decision", "update"): (
        "Lönebidragsbeslut ändrat",
        "Subsidy decision changed",
        "ändrade lönebidragsbeslutet",
        "changed the subsidy decision",
    ),
    ("time_report", "create"): ("Tid rapporterad", "Time reported", "rapporterade tid", "reported time"),
    ("time_report", "update"): (
        "Tidrapport ändrad",
        "Time report changed",
        "ändrade tidrapporten",
        "changed the time report",
    ),
    ("time_report", "delete"): (
        "Tidrapport borttagen",
        "Time report removed",
        "tog bort tid ur tidrapporten",
        "removed time from the time report",
    ),
    ("time_report", "import"): (
        "Tidrapporter inlästa",
        "Time reports read in",
        "läste in tidrapporter",
        "read in time reports",
    ),
    ("spreadsheet", "import"): (
        "Import från kalkylblad",
        "Import from a spreadsheet",
        "importerade medlemmar och närvaro från {}",
        "imported members and attendance from {}",
    ),
    ("spreadsheet", "export"): (
        "Kalkylblad exporterat",
        "Spreadsheet exported",
        "exporterade medlemmar och närvaro {}",
        "exported members and attendance {}",
    ),
    ("journal_entry", "create"): (
        "Journalanteckning skriven",
        "Journal entry written",
        "skrev en journalanteckning",
        "wrote a journal entry",
    ),
    ("journal_entry", "update"): (
        "Journalanteckning ändrad",
        "Journal entry changed",
        "ändrade journalanteckningen",
        "changed the journal entry",
    ),
    ("journal_entry", "strike"): (
        "Journalanteckning felmarkerad",
        "Journal entry struck out",
        "felmarkerade journalanteckningen",
        "struck out the journal entry",
    ),
    ("care_plan", "create"): (
        "Genomförandeplan skriven",
        "Implementation plan written",
        "skrev en version av genomförandeplanen",
        "wrote a version of the implementation plan",
    ),
    ("care_plan", "update"): (
        "Genomförandeplan ändrad",
        "Implementation plan changed",
        "ändrade genomförandeplanen",
        "changed the implementation plan",
    ),
    ("care_plan", "follow_up"): (
        "Genomförandeplan uppföljd",
        "Implementation plan followed up",
        "följde upp genomförandeplanen",
        "followed up the implementation plan",
    ),
    ("care_plan", "print"): (
        "Genomförandeplan utskriven",
        "Implementation plan printed",
        "skrev ut genomförandeplanen",
        "printed the implementation plan",
    ),
    ("deviation", "create"): (
        "Avvikelse registrerad",
        "Deviation registered",
        "registrerade en avvikelse",
        "registered a deviation",
    ),
    ("deviation", "update"): ("Avvikelse ändrad", "Deviation changed", "ändrade avvikelsen", "changed the deviation"),
    ("documentation", "read"): (
        "Social dokumentation öppnad",
        "Social documentation opened",
        "öppnade dokumentationen: {}",
        "opened the documentation: {}",
    ),
    ("documentation", "print"): (
        "Social dokumentation utskriven",
        "Social documentation printed",
        "skrev ut dokumentationen: {}",
        "printed the documentation: {}",
    ),
}


def kind_key(entity: str, action: str) -> str:
    """'attendance.update': the kind of an entry as the CLI's ``--kind`` and the dialog's filter name it."""
    return f"{entity}.{action}"


def kind_names(lang: str = "sv") -> list[tuple[str, str]]:
    """Every known kind as (key, name), sorted by name: the choices of a kind filter."""
    index = 0 if lang == "sv" else 1
    pairs = [(kind_key(entity, action), names[index]) for (entity, action), names in KINDS.items()]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


# --- values -----------------------------------------------------------------------------------------

# The words of statuses and activities come from the one vocabulary, in their in-sentence form.
STATUS = {key: (label.in_text("sv"), label.in_text("en")) for key, label in STATUS_LABELS.items()}
ACTIVITY = {key: (label.in_text("sv"), label.in_text("en")) for key, label in ACTIVITY_LABELS.items()}
END_REASON = {key: (label.in_text("sv"), label.in_text("en")) for key, label in END_REASON_LABELS.items()}
TARIFF_KIND = {
    "none": ("ingen", "none"),
    "per_day": ("per dag", "per day"),
    "per_hour": ("per timme", "per hour"),
    "per_month": ("per månad", "per month"),
}
DISTRICT_KIND = {"stadsdel": ("stadsdel", "city district"), "kommun": ("kommun", "municipality")}
ROLE = {"handledare": ("handledare", "supervisor"), "administratör": ("administratör", "administrator")}
FORMAT = {"json": ("JSON", "JSON"), "csv": ("CSV", "CSV"), "pdf": ("PDF", "PDF"), "xlsx": ("Excel", "Excel")}
TIME_KIND = {
    "worked": ("arbetad tid", "worked"),
    "sick": ("sjuk", "sick"),
    "vacation": ("semester", "vacation"),
    "vab": ("vab", "care of a sick child"),
    "leave": ("tjänstledig", "leave of absence"),
    "other": ("annan frånvaro", "other absence"),
}
INVOICE_KIND = {"invoice": ("faktura", "invoice"), "credit_note": ("kreditfaktura", "credit note")}
JOURNAL_KIND = {key: (label.in_text("sv"), label.in_text("en")) for key, label in JOURNAL_KINDS.items()}
PLAN_STATUS = {key: (label.in_text("sv"), label.in_text("en")) for key, label in PLAN_STATUSES.items()}
DEVIATION_CATEGORY = {key: (label.sv, label.en) for key, label in DEVIATION_CATEGORIES.items()}
DEVIATION_STATUS = {key: (label.in_text("sv"), label.in_text("en")) for key, label in DEVIATION_STATUSES.items()}
BACKUP_REASON = {"manual": ("på begäran", "on request"), "server export": ("export från servern", "server export")}
WEEKDAYS = (
    ("mån", "Mon"),
    ("tis", "Tue"),
    ("ons", "Wed"),
    ("tor", "Thu"),
    ("fre", "Fri"),
    ("lör", "Sat"),
    ("sön", "Sun"),
)


@dataclass(frozen=True)
class _Ctx:
    lang: str
    lookup: Lookup

    def pick(self, sv: str, en: str) -> str:
        return sv if self.lang == "sv" else en


Formatter = Callable[[Any, _Ctx], str]


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _number(value: Any, c: _Ctx, places: int = 2) -> str:
    number = _decimal(value)
    if number is None:
        return str(value)
    return fmt_sv(number, places) if c.lang == "sv" else f"{number:,.{places}f}"


def _hours(value: Any, c: _Ctx) -> str:
    return f"{_number(value, c)} " + c.pick("tim", "h")


def _amount(value: Any, c: _Ctx) -> str:
    return f"{_number(value, c)} kr" if c.lang == "sv" else f"SEK {_number(value, c)}"


def _percent(value: Any, c: _Ctx) -> str:
    return f"{value} %"


def _text(value: Any, c: _Ctx) -> str:
    return str(value)


def _yes_no(value: Any, c: _Ctx) -> str:
    return c.pick("ja", "yes") if value else c.pick("nej", "no")


def _active(value: Any, c: _Ctx) -> str:
    return c.pick("aktiv", "active") if value else c.pick("inaktiv", "inactive")


def _words(table: Mapping[str, tuple[str, str]]) -> Formatter:
    def format_(value: Any, c: _Ctx) -> str:
        names = table.get(str(value))
        return str(value) if names is None else c.pick(*names)

    return format_


def _named(attribute: str) -> Formatter:
    """An id shown by its name from the lookup ("Kopiering"), or "nr 7" when the lookup lacks it."""

    def format_(value: Any, c: _Ctx) -> str:
        names: Mapping[int, str] = getattr(c.lookup, attribute)
        try:
            return names[int(value)]
        except (KeyError, TypeError, ValueError):
            return c.pick(f"nr {value}", f"no. {value}")

    return format_


def _when(value: Any, c: _Ctx) -> str:
    try:
        return f"{dt.datetime.fromisoformat(str(value)):%Y-%m-%d %H:%M}"
    except ValueError:
        return str(value)


def _weekdays(value: Any, c: _Ctx) -> str:
    try:
        days = sorted(int(d) for d in value)
        return ", ".join(c.pick(*WEEKDAYS[d - 1]) for d in days)
    except (TypeError, ValueError, IndexError):
        return _generic(value, c)


def _bands(value: Any, c: _Ctx) -> str:
    try:
        parts = [c.pick("från ", "from ") + f"{int(low)} %: {_amount(amount, c)}" for low, amount in value]
    except (TypeError, ValueError):
        return _generic(value, c)
    return "; ".join(parts) or DASH


def _years(value: Any, c: _Ctx) -> str:
    return f"{value} " + c.pick("år", "years")


def _minutes(value: Any, c: _Ctx) -> str:
    return f"{value} " + c.pick("minuter", "minutes")


def _month(value: Any, c: _Ctx) -> str:
    try:
        month = Month.parse(str(value))
    except (CoopdeskError, ValueError):  # an odd stored value is shown as it is
        return str(value)
    return month.name_sv() if c.lang == "sv" else month.name_en()


def _count(value: Any, c: _Ctx) -> str:
    try:
        return str(len(value))
    except TypeError:
        return str(value)


def _list(value: Any, c: _Ctx) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or DASH
    return str(value)


def _generic(value: Any, c: _Ctx) -> str:
    """Any value as words: lists comma-separated, mappings as "key value", never JSON."""
    if isinstance(value, bool):
        return _yes_no(value, c)
    if isinstance(value, dict):
        return "; ".join(f"{k} {_generic(v, c)}" for k, v in value.items()) or DASH
    if isinstance(value, list | tuple):
        return ", ".join(_generic(v, c) for v in value) or DASH
    return str(value)


# entity → field → (name sv, name en, formatter); fields are shown in this order.
def _goals(value: Any, c: _Ctx) -> str:
    """A plan's goals: "1. Komma i tid; 2. Lära sig kassan"."""
    if not isinstance(value, list):
        return _generic(value, c)
    return "; ".join(f"{n}. {g.get('goal', '') if isinstance(g, dict) else g}" for n, g in enumerate(value, start=1))


def _steps(value: Any, c: _Ctx) -> str:
    """A subsidy decision's steps: "fr.o.m. 2026-01-01 80 %, fr.o.m. 2027-01-01 60 %"."""
    if not isinstance(value, list):
        return str(value)
    lead = c.pick("fr.o.m.", "from")
    return ", ".join(
        f"{lead} {step.get('valid_from')} {step.get('percent')} %" for step in value if isinstance(step, dict)
    )


FIELDS: dict[str, dict[str, tuple[str, str, Formatter]]] = {
    "attendance": {"status": ("Status", "Status", _words(STATUS))},  # hours: one line per work area
    "member": {
        "name": ("Namn", "Name", _text),
        "personal_number": ("Personnummer", "Personal number", _text),
        "primary_work_area_id": ("Huvudsakligt arbetsområde", "Primary work area", _named("work_areas")),
        "format": ("Format", "Format", _words(FORMAT)),
        "file": ("Fil", "File", _text),
        "member_ids": ("Antal medlemmar", "Number of members", _count),
        "retention_years": ("Gallringstid", "Retention period", _years),
        "ended_before": ("Beslut avslutade före", "Placements ended before", _text),
        "documentation_rows": ("Borttagen dokumentation (rader)", "Documentation deleted (rows)", _text),
    },
    "placement": {
        "district_id": ("Beställare", "District", _named("districts")),
        "decision_ref": ("Beslutsnummer", "Decision reference", _text),
        "case_worker": ("Biståndshandläggare", "Case worker", _text),
        "case_worker_phone": ("Handläggarens telefon", "Case worker's phone", _text),
        "case_worker_email": ("Handläggarens e-post", "Case worker's e-mail", _text),
        "start": ("Från och med", "Start", _text),
        "end": ("Till och med", "End", _text),
        "end_reason": ("Orsak till avslut", "Reason for ending", _words(END_REASON)),
    },
    "capacity": {
        "valid_from": ("Gäller från", "Valid from", _text),
        "percent": ("Omfattning", "Capacity", _percent),
        "weekdays": ("Planerade veckodagar", "Planned weekdays", _weekdays),
    },
    "supervisor": {
        "name": ("Namn", "Name", _text),
        "fte_percent": ("Tjänstgöringsgrad", "FTE", _percent),
        "valid_from": ("Gäller från", "Valid from", _text),
    },
    "supervisor_hours": {
        "supervisor_id": ("Handledare", "Supervisor", _named("supervisors")),
        "date": ("Datum", "Date", _text),
        "hours": ("Tid", "Hours", _hours),
        "activity": ("Aktivitet", "Activity", _words(ACTIVITY)),
        "work_area_id": ("Arbetsområde", "Work area", _named("work_areas")),
    },
    "district": {
        "name": ("Namn", "Name", _text),
        "kind": ("Typ", "Kind", _words(DISTRICT_KIND)),
        "contact": ("Kontakt", "Contact", _text),
        "show_full_personal_number": ("Hela personnumret på redovisningen", "Full personal number", _yes_no),
    },
    "tariff": {
        "valid_from": ("Gäller från", "Valid from", _text),
        "kind": ("Ersättning", "Tariff", _words(TARIFF_KIND)),
        "full_day_amount": ("Belopp heldag", "Full-day amount", _amount),
        "half_day_amount": ("Belopp halvdag", "Half-day amount", _amount),
        "full_day_min_hours": ("Minsta tid heldag", "Minimum hours, full day", _hours),
        "half_day_min_hours": ("Minsta tid halvdag", "Minimum hours, half day", _hours),
        "hourly_amount": ("Belopp per timme", "Hourly amount", _amount),
        "bands": ("Intervall", "Bands", _bands),
    },
    "cooperative": {
        "name": ("Namn", "Name", _text),
        "org_number": ("Organisationsnummer", "Organisation number", _text),
        "address": ("Adress", "Address", _text),
        "opening_weekdays": ("Öppetdagar", "Opening days", _weekdays),
        "full_time_hours_per_week": ("Heltid per vecka", "Full time per week", _hours),
        "host_district_id": ("Värdstadsdel", "Host district", _named("districts")),
        "retention_years": ("Gallringstid", "Retention period", _years),
        "idle_lock_minutes": ("Låses efter", "Locks after", _minutes),
    },
    "work_area": {"name": ("Namn", "Name", _text)},
    "month": {
        "attested_by": ("Attesterad av", "Attested by", _text),
        "attested_at": ("Attesterad", "Attested at", _when),
        "reason": ("Skäl", "Reason", _text),
    },
    "database": {
        "file": ("Fil", "File", _text),
        "backup": ("Säkerhetskopia", "Backup", _text),
        "backup_taken_at": ("Kopian tagen", "Backup taken", _when),
        "kept": ("Databasen före återställningen sparad som", "The database before the restore kept as", _text),
        "carried_entries": ("Händelser från före återställningen", "Entries carried over", _text),
        "unreadable_before": ("Databasen gick inte att läsa", "The database could not be read", _yes_no),
        "encrypted": ("Krypterad", "Encrypted", _yes_no),
        "members": ("Medlemmar", "Members", _text),
        "reason": ("Anledning", "Reason", _words(BACKUP_REASON)),
        "needs_new_password": ("Behöver logga in med nytt lösenord", "Must log in with a new password", _list),
        "backups_not_encrypted": ("Säkerhetskopior som inte krypterades", "Backups not encrypted", _count),
    },
    "spreadsheet": {
        "file": ("Fil", "File", _text),
        "members": ("Medlemmar", "Members", _text),
        "placements": ("Beslut", "Placements", _text),
        "capacities": ("Omfattningar", "Capacity periods", _text),
        "attendance": ("Närvarodagar", "Attendance days", _text),
        "year": ("År", "Year", _text),
    },
    "statement": {
        "month": ("Månad", "Month", _month),
        "districts": ("Beställare", "Districts", _list),
        "format": ("Format", "Format", _words(FORMAT)),
        "file": ("Fil", "File", _text),
        "files": ("Antal filer", "Number of files", _text),
        "pages": ("Sidor", "Pages", _text),
    },
    "invoice": {
        "number": ("Fakturanummer", "Invoice number", _text),
        "kind": ("Slag", "Kind", _words(INVOICE_KIND)),
        "district": ("Beställare", "District", _text),
        "month": ("Månad", "Month", _month),
        "amount": ("Belopp", "Amount", _text),
    },
    "invoicing": {
        "peppol_id": ("Peppol-id", "Peppol id", _text),
        "vat_number": ("Momsregistreringsnummer", "VAT number", _text),
        "f_tax": ("Godkänd för F-skatt", "F-tax approved", _text),
        "street": ("Gatuadress", "Street", _text),
        "postcode": ("Postnummer", "Postcode", _text),
        "city": ("Ort", "City", _text),
        "bankgiro": ("Bankgiro", "Bankgiro", _text),
        "plusgiro": ("Plusgiro", "Plusgiro", _text),
        "payment_days": ("Betalningsvillkor (dagar)", "Payment terms (days)", _text),
        "number_prefix": ("Fakturanummerprefix", "Invoice number prefix", _text),
        "next_number": ("Nästa fakturanummer", "Next invoice number", _text),
    },
    "district_invoicing": {
        "org_number": ("Organisationsnummer", "Org number", _text),
        "peppol_id": ("Peppol-id", "Peppol id", _text),
        "buyer_reference": ("Referenskod", "Buyer reference", _text),
        "street": ("Gatuadress", "Street", _text),
        "postcode": ("Postnummer", "Postcode", _text),
        "city": ("Ort", "City", _text),
    },
    "table": {
        "table": ("Tabell", "Table", _text),
        "rows": ("Rader", "Rows", _text),
        "format": ("Format", "Format", _words(FORMAT)),
        "file": ("Fil", "File", _text),
    },
    "yearly_report": {
        "year": ("År", "Year", _text),
        "format": ("Format", "Format", _words(FORMAT)),
        "file": ("Fil", "File", _text),
        "pages": ("Sidor", "Pages", _text),
    },
    "employee": {
        "name": ("Namn", "Name", _text),
        "personal_number": ("Personnummer", "Personal number", _text),
        "start": ("Anställd från", "Employed from", _text),
        "end": ("Anställd till", "Employed until", _text),
        "percent": ("Sysselsättningsgrad", "Employment percentage", _percent),
        "file": ("Fil", "File", _text),
        "employee_ids": ("Antal anställda", "Number of employees", _count),
        "retention_years": ("Sparas i", "Kept for", _years),
    },
    "employment": {
        "valid_from": ("Gäller från", "Valid from", _text),
        "percent": ("Sysselsättningsgrad", "Employment percentage", _percent),
    },
    "wage_cost": {
        "valid_from": ("Gäller från", "Valid from", _text),
        "month": ("Månad", "Month", _month),
        "amount": ("Lönekostnad", "Wage cost", _amount),
    },
    "subsidy_decision": {
        "ref": ("Beslut", "Decision", _text),
        "kind": ("Slag", "Kind", _text),
        "start": ("Från och med", "Start", _text),
        "end": ("Till och med", "End", _text),
        "ceiling": ("Lönekostnadstak", "Wage-cost ceiling", _amount),
        "steps": ("Nivåer", "Steps", _steps),
    },
    "time_report": {
        "date": ("Datum", "Date", _text),
        "kind": ("Slag", "Kind", _words(TIME_KIND)),
        "hours": ("Tid", "Hours", _hours),
    },
    "journal_entry": {
        "date": ("Händelsedatum", "Event date", _text),
        "kind": ("Typ", "Type", _words(JOURNAL_KIND)),
        "text": ("Text", "Text", _text),
        "reason": ("Skäl", "Reason", _text),
        "replaces": ("Ersätter anteckning", "Replaces entry", _text),
    },
    "care_plan": {
        "number": ("Version", "Version", _text),
        "status": ("Status", "Status", _words(PLAN_STATUS)),
        "participation": ("Medlemmens delaktighet", "The member's participation", _text),
        "follow_up_on": ("Uppföljning senast", "Follow-up by", _text),
        "followed_up_at": ("Uppföljd", "Followed up", _text),
        "follow_up_note": ("Uppföljningen", "The follow-up", _text),
        "goals": ("Mål", "Goals", _goals),
        "file": ("Fil", "File", _text),
    },
    "deviation": {
        "reported_on": ("Rapporterad", "Reported", _text),
        "reported_by": ("Rapporterad av", "Reported by", _text),
        "category": ("Kategori", "Category", _words(DEVIATION_CATEGORY)),
        "description": ("Beskrivning", "Description", _text),
        "measures": ("Åtgärder", "Measures", _text),
        "status": ("Status", "Status", _words(DEVIATION_STATUS)),
        "ivo_sent_on": ("Anmäld till IVO", "Reported to IVO", _text),
    },
    "documentation": {
        "file": ("Fil", "File", _text),
        "from": ("Från och med", "From", _text),
        "to": ("Till och med", "To", _text),
    },
    "user": {
        "login": ("Användarnamn", "Login", _text),
        "name": ("Namn", "Name", _text),
        "role": ("Roll", "Role", _words(ROLE)),
        "active": ("Konto", "Account", _active),
    },
}


def _value(entity: str, key: str, value: Any, c: _Ctx) -> str:
    if value is None or value == "" or value == []:
        return DASH
    spec = FIELDS.get(entity, {}).get(key)
    return (spec[2] if spec else _generic)(value, c)


def _field_name(entity: str, key: str, c: _Ctx) -> str:
    spec = FIELDS.get(entity, {}).get(key)
    return c.pick(spec[0], spec[1]) if spec else key.replace("_", " ")


def _changes(entity: str, old: Any, new: Any, c: _Ctx) -> list[Change]:
    before = old if isinstance(old, dict) else {}
    after = new if isinstance(new, dict) else {}
    per_area = entity == "attendance"  # hours per work area, each its own line ("Kopiering 6,00 → 4,00 tim")
    keys = [k for k in FIELDS.get(entity, {}) if k in before or k in after]
    keys += [k for k in dict.fromkeys([*before, *after]) if k not in keys and not (per_area and k == "hours")]
    changes = [
        Change(
            _field_name(entity, key, c),
            _value(entity, key, before.get(key), c),
            _value(entity, key, after.get(key), c),
            before.get(key) != after.get(key),
        )
        for key in keys
    ]
    if per_area:
        hours_before = before.get("hours") or {}
        hours_after = after.get("hours") or {}
        for area in dict.fromkeys([*hours_before, *hours_after]):
            was, now = hours_before.get(area), hours_after.get(area)
            changes.append(
                Change(
                    str(area),
                    DASH if was is None else _hours(was, c),
                    DASH if now is None else _hours(now, c),
                    _decimal(was) != _decimal(now),
                    colon=False,
                )
            )
    return changes


def _summary_of(changes: list[Change], creating: bool, removing: bool) -> str:
    """The changed fields on one line: "Status: närvarande → sjuk; Kopiering 6,00 → 4,00 tim"."""
    if creating or removing:
        shown = [ch for ch in changes if (ch.after if creating else ch.before) != DASH]
        return "; ".join(ch.line(creating=creating, removing=removing) for ch in shown)
    return "; ".join(ch.line() for ch in changes if ch.changed)


def _subject(
    entity: str, action: str, summary: str, entity_id: str | None, member: str | None, new: Any, c: _Ctx
) -> str:
    if summary == REDACTED:
        return REDACTED
    if entity == "month" and entity_id:
        return _month(entity_id, c)
    if entity == "member" and action == "read":
        return member or summary.removeprefix("Öppnade ")
    if entity == "documentation" and action in ("read", "print"):
        return summary
    if entity == "member" and action == "export" and member:
        return member
    if entity == "member" and action == "erase" and isinstance(new, dict):
        count = len(new.get("member_ids") or [])
        return c.pick(
            f"{count} {'medlem' if count == 1 else 'medlemmar'}", f"{count} member{'' if count == 1 else 's'}"
        )
    if entity == "closure_day" and entity_id:
        return entity_id
    if entity == "database" and action == "import":
        return summary.removeprefix("Import: ")
    if entity == "spreadsheet" and isinstance(new, dict):
        if action == "import":
            return str(new.get("file") or "")
        year, file = new.get("year", ""), new.get("file", "")
        return c.pick(f"{year} till {file}", f"{year} to {file}")
    if entity == "user" and action == "password":
        return entity_id or ""
    if entity == "user" and action in ("login", "login_failed"):
        return ""
    return summary


def describe(
    action: str,
    entity: str,
    *,
    actor: str,
    summary: str | None = None,
    entity_id: str | None = None,
    old: Any = None,
    new: Any = None,
    member: str | None = None,
    lookup: Lookup | None = None,
    lang: str = "sv",
) -> Described:
    """One entry in words (``old``/``new`` as stored, decoded from JSON)."""
    c = _Ctx("sv" if lang == "sv" else "en", lookup or Lookup())
    names = KINDS.get((entity, action))
    changes = _changes(entity, old, new, c)
    creating = old is None and new is not None
    removing = new is None and old is not None
    what = _summary_of(changes, creating, removing)
    subject = _subject(entity, action, summary or "", entity_id, member, new, c)
    if names is None:
        kind_name = c.pick(f"Okänd händelse ({action} {entity})", f"Unknown entry ({action} {entity})")
        sentence = f"{actor}: {action} {entity}" + (f" – {subject}" if subject else "")
        return Described(kind_key(entity, action), kind_name, sentence, subject, what, tuple(changes), generic=True)
    verb = c.pick(names[2], names[3])
    if "{}" in verb:
        sentence = f"{actor} {verb.format(subject)}"
    else:
        sentence = f"{actor} {verb}" + (f": {subject}" if subject else "")
    return Described(kind_key(entity, action), c.pick(names[0], names[1]), sentence, subject, what, tuple(changes))


def _decoded(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def describe_entry(entry: Any, lookup: Lookup | None = None, lang: str = "sv") -> Described:
    """:func:`describe` for a stored :class:`~coopdesk.core.models.AuditEntry` (or anything alike)."""
    lookup = lookup or Lookup()
    member = lookup.members.get(entry.member_id) if entry.member_id is not None else None
    return describe(
        entry.action,
        entry.entity,
        actor=entry.actor,
        summary=entry.summary,
        entity_id=entry.entity_id,
        old=_decoded(entry.old),
        new=_decoded(entry.new),
        member=member,
        lookup=lookup,
        lang=lang,
    )
