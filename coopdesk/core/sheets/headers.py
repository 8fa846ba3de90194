"""The member sheet's columns: recognised by their headers in Swedish or English, in any order, with
case and spacing ignored (domain.md §11); a header nobody foresaw is named with ``--map HEADER=FIELD``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from coopdesk.core.errors import ValidationError


@dataclass(frozen=True)
class Field:
    key: str
    sv: str
    en: str
    required: bool
    words: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field(
        "name",
        "Namn",
        "Name",
        True,
        (
            "namn",
            "name",
            "medlem",
            "member",
            "deltagare",
            "participant",
            "medlemmens namn",
            "för- och efternamn",
            "fullständigt namn",
            "full name",
        ),
    ),
    Field(
        "personal_number",
        "Personnummer",
        "Personal number",
        True,
        (
            "personnummer",
            "personnr",
            "pnr",
            "person nr",
            "personal number",
            "personal identity number",
            "personnummer/samordningsnummer",
            "samordningsnummer",
            "id-nummer",
            "personal id",
        ),
    ),
    Field(
        "district",
        "Beställare",
        "District",
        True,
        (
            "beställare",
            "stadsdel",
            "kommun",
            "stadsdel/kommun",
            "district",
            "funding district",
            "beställande stadsdel",
            "uppdragsgivare",
        ),
    ),
    Field(
        "decision_ref",
        "Beslutsnummer",
        "Decision reference",
        True,
        (
            "beslutsnummer",
            "beslutsnr",
            "beslut",
            "beslut nr",
            "biståndsbeslut",
            "decision",
            "decision reference",
            "decision ref",
            "decision number",
        ),
    ),
    Field(
        "start",
        "Från",
        "From",
        True,
        (
            "från",
            "fr.o.m.",
            "fr o m",
            "from",
            "start",
            "startdatum",
            "start date",
            "beslut från",
            "giltig från",
            "datum från",
            "valid from",
        ),
    ),
    Field(
        "end",
        "Till",
        "To",
        False,
        (
            "till",
            "t.o.m.",
            "t o m",
            "to",
            "end",
            "slut",
            "slutdatum",
            "end date",
            "beslut till",
            "giltig till",
            "datum till",
            "until",
        ),
    ),
    Field(
        "case_worker",
        "Handläggare",
        "Case worker",
        False,
        (
            "handläggare",
            "biståndshandläggare",
            "case worker",
            "handläggare namn",
            "handläggarens namn",
            "case worker name",
        ),
    ),
    Field(
        "case_worker_phone",
        "Handläggarens telefon",
        "Case worker's phone",
        False,
        (
            "handläggare telefon",
            "handläggarens telefon",
            "telefon",
            "tel",
            "phone",
            "case worker phone",
            "handläggare tel",
        ),
    ),
    Field(
        "case_worker_email",
        "Handläggarens e-post",
        "Case worker's e-mail",
        False,
        (
            "handläggare e-post",
            "handläggarens e-post",
            "e-post",
            "epost",
            "mejl",
            "email",
            "e-mail",
            "case worker email",
            "case worker e-mail",
        ),
    ),
    Field(
        "percent",
        "Omfattning (%)",
        "Capacity (%)",
        True,
        (
            "omfattning",
            "omfattning (%)",
            "omfattning %",
            "omfattning i %",
            "arbetsförmåga",
            "procent",
            "capacity",
            "capacity (%)",
            "capacity %",
            "percent",
            "sysselsättningsgrad",
        ),
    ),
    Field(
        "weekdays",
        "Veckodagar",
        "Weekdays",
        False,
        ("veckodagar", "dagar", "planerade dagar", "planerade veckodagar", "weekdays", "days", "planned weekdays"),
    ),
    Field(
        "work_area",
        "Arbetsområde",
        "Work area",
        False,
        ("arbetsområde", "område", "huvudsakligt arbetsområde", "work area", "area", "main work area"),
    ),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}


def normal(text: object) -> str:
    """A header as compared: case and every space ignored, a trailing ``:`` or ``*`` too."""
    return re.sub(r"\s+", "", str(text or "").casefold()).rstrip(":*")


_WORDS = {normal(word): f.key for f in FIELDS for word in (*f.words, f.sv, f.en, f.key)}


def field_of(header: object) -> str | None:
    """The field a header names, or None."""
    key = normal(header)
    if not key:
        return None
    if key in _WORDS:
        return _WORDS[key]
    trimmed = re.sub(r"\(.*\)$|%$", "", key)  # "Omfattning (procent)", "Omfattning%"
    return _WORDS.get(trimmed)


def parse_mapping(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``--map HEADER=FIELD`` options: the normal form of HEADER → a field key. FIELD may be the key
    (``personal_number``) or any header word the field is known by (``Personnummer``)."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, target = item.partition("=")
        key = field_of(target) if target.strip() else None
        if not sep or not normal(header) or key is None:
            known = ", ".join(f.key for f in FIELDS)
            raise ValidationError(
                "--map",
                item,
                f"Skriv --map RUBRIK=FÄLT, där FÄLT är en av {known} (eller en rubrik som Personnummer); "
                f"inte {item!r}.",
                f"Write --map HEADER=FIELD, where FIELD is one of {known} (or a header such as Personnummer); "
                f"not {item!r}.",
            )
        mapping[normal(header)] = key
    return mapping


def column_field(header: object, mapping: Mapping[str, str]) -> str | None:
    """A column's field: the user's mapping first, else what the header says."""
    key = normal(header)
    if key and key in mapping:
        return mapping[key]
    return field_of(header)
