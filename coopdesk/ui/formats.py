"""Swedish display forms for the interface (ui-sv.md): ISO dates, decimal comma, weeks as "v. 19"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import QCoreApplication

from coopdesk.core.calendar import Month, iso_week
from coopdesk.core.calendar import month_names_sv as calendar_month_names_sv
from coopdesk.core.numbers import fmt_amount_sv, fmt_hours_sv, fmt_sv, quarter_hours, round_half_up
from coopdesk.core.vocabulary import activity_label, status_label

WEEKDAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY_SHORT_SV = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
WEEKDAY_SHORT_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS_SV = list(calendar_month_names_sv())

STATUS_CODES = {"present": "N", "sick": "S", "absent_notified": "A", "absent_unnotified": "O", "leave": "L"}
CODE_STATUS = {v: k for k, v in STATUS_CODES.items()}


def english() -> bool:
    app = QCoreApplication.instance()
    return bool(app and app.property("coopdesk_language") == "en")


def tr(text: str) -> str:
    """Translate a string outside a widget (widgets use self.tr()).

    pyside6-lupdate files ``formats.tr("…")`` under the context "formats" and a bare ``tr("…")``
    in this module under the empty context, so both are looked up.
    """
    translated = QCoreApplication.translate("formats", text)
    return translated if translated != text else QCoreApplication.translate("", text)


def status_name(status: str | None) -> str:
    """The status as the views show it, in the interface's language (the words: core/vocabulary.py)."""
    return status_label(status, "en" if english() else "sv")


def activity_name(activity: str) -> str:
    return activity_label(activity, "en" if english() else "sv")


def long_date(day: dt.date) -> str:
    """'Måndag 4 maj 2026 (v. 19)' (or 'Monday 4 May 2026 (week 19)')."""
    if english():
        return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {day:%B} {day.year} (week {iso_week(day)})"
    weekday = WEEKDAYS_SV[day.weekday()]
    return f"{weekday.capitalize()} {day.day} {MONTHS_SV[day.month - 1]} {day.year} (v. {iso_week(day)})"


def month_title(month: Month) -> str:
    name = month.name_en() if english() else month.name_sv()
    return name[0].upper() + name[1:]


def month_in_sentence(month: Month) -> str:
    """'maj 2026' inside a Swedish sentence, 'May 2026' in English."""
    return month.name_en() if english() else month.name_sv()


def hours(value: Decimal | Fraction | None, *, dash: str = "–") -> str:
    if value is None or value == 0:
        return dash
    if english():
        text = f"{float(value):.2f}".rstrip("0").rstrip(".")
        return text
    return fmt_hours_sv(value)


def planned_hours(value: Fraction | Decimal, exact: bool) -> str:
    """A day's planned hours: to the quarter hour, or to the hundredth where the district pays per hour
    (docs/rules.md "Planerad tid visas i kvartstimmar"). The exact figure goes in a tooltip."""
    return hours(round_half_up(value, 2) if exact else quarter_hours(value))


def planned_hours_tip(value: Fraction | Decimal) -> str:
    """'Planerad tid: 2,6667 tim (exakt)': up to four decimals, no needless zeros."""
    exact = f"{float(value):.4f}".rstrip("0").rstrip(".") if english() else fmt_hours_sv(value, 4)
    return tr("Planerad tid: %1 tim (exakt)").replace("%1", exact)


def decimal(value: Decimal | Fraction | None, places: int = 2) -> str:
    if english():
        return "–" if value is None else f"{float(value):,.{places}f}"
    return fmt_sv(value, places)


def amount(value: Decimal | None) -> str:
    if english():
        return "–" if value is None else f"SEK {float(value):,.2f}"
    return fmt_amount_sv(value)


def parse_hours_text(text: str) -> str:
    """Accept '7,5', '7.5' and '7½' alike; the services validate the rest."""
    return text.strip().replace("½", ".5").replace(",", ".")


def hours_as_typed(text: str) -> str:
    """Hours to hand to a check as the user typed them ('7,333' stays '7,333', which the services read
    like '7.333'), so that a refusal quotes what was typed, not a form with a point."""
    return text.strip().replace("½", ",5" if "." not in text else ".5")
