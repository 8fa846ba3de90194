"""The demo cooperative's social documentation (domain.md §7): plans, a few journal entries, a deviation.

Added to the demo document as coopdesk/2's ``care_plans``, ``journal`` and ``deviations``
(core/exchange/social_part.py), so the demo is imported like any export. Every member whose placement
has been in force for a while has a plan in force, with the versions before it followed up and
replaced every half year — except what a real cooperative would have on Att göra: one member whose
plan is not yet written (placed more than 30 days ago) and one whose follow-up day has just passed.
The people and texts are invented; the authors are the demo's supervisors.

Drawn from :class:`random.Random` seeded per member, with no clock but ``today``: the same document
gives the same documentation.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from coopdesk.core.demo_people import SUPERVISORS

HALF_YEAR = timedelta(days=182)
#: A placement this old (days) has a plan; Att göra asks for one after 30 days.
PLANNED_AFTER = 30

_GOALS: dict[str | None, tuple[tuple[str, str, str, str, str], ...]] = {
    "Kopiering": (
        (
            "Sköta kopiatorn själv vid mindre beställningar",
            "Handledning vid maskinen",
            "Handledaren visar, {n} provar",
            "Med en checklista vid maskinen",
            "Tisdagar och torsdagar",
        ),
        (
            "Ta emot en kund i disken",
            "Stöd i samtalet med kunden",
            "Handledaren står bredvid",
            "Först korta beställningar",
            "Under hösten",
        ),
    ),
    "Glasverkstad": (
        (
            "Slipa glas säkert och i egen takt",
            "Genomgång av skyddsutrustningen",
            "Handledaren och {n}",
            "Visning och övning vid slipen",
            "Varje arbetsdag",
        ),
        (
            "Göra klart ett eget fat till julmarknaden",
            "Hjälp att planera arbetet i steg",
            "{n} väljer mönster, handledaren hjälper",
            "Ett steg i veckan",
            "Till december",
        ),
    ),
    "Kaffestuga": (
        (
            "Baka frukostbröd på morgonen",
            "Recept med bilder och en fast ordning",
            "{n} bakar, handledaren finns nära",
            "Samma recept tills det känns tryggt",
            "Måndag till onsdag",
        ),
        (
            "Sköta kassan under lunchen",
            "Övning på kassan när det är lugnt",
            "Handledaren och {n}",
            "Först med stöd, sedan själv",
            "Under våren",
        ),
    ),
    None: (
        (
            "Komma i tid på morgonen",
            "Påminnelse med sms dagen innan",
            "{n} och handledaren",
            "Ett schema på kylskåpet hemma",
            "Varje vecka",
        ),
        (
            "Ta bussen till kooperativet på egen hand",
            "Sällskap de första gångerna",
            "Handledaren följer med, sedan {n} själv",
            "Samma tur varje dag",
            "Under de första månaderna",
        ),
        (
            "Ta en paus när det blir för mycket",
            "Ett lugnt rum och ett tecken att visa",
            "{n} säger till, handledaren lyssnar",
            "Vi pratar om det varje fredag",
            "Hela perioden",
        ),
    ),
}
_PARTICIPATION = (
    "{n} var med och skrev planen och vill helst arbeta på förmiddagarna.",
    "Planen gjordes tillsammans med {n}, som tycker att det viktigaste är att trivas i gruppen.",
    "{n} har läst planen och håller med. {n} vill få prova fler arbetsuppgifter längre fram.",
    "Vi gick igenom planen i lugn och ro. {n} vill ta det i egen takt och säger till om något känns fel.",
)
_FOLLOW_UP = (
    "Det har gått bra. {n} vill fortsätta med samma mål och lägga till ett nytt.",
    "{n} har nått det första målet. Vi skriver en ny version med nästa steg.",
    "Målen gäller fortfarande. {n} vill ha lite mer tid i verkstaden.",
)


def _at(day: date, rng: random.Random) -> str:
    return datetime.combine(day, time(9 + rng.randrange(7), rng.randrange(60))).isoformat()


def _weekday_before(day: date, days: int) -> date:
    """The working day ``days`` days before ``day``, moved back past a weekend."""
    found = day - timedelta(days=days)
    while found.weekday() >= 5:
        found -= timedelta(days=1)
    return found


def _author(member: dict[str, Any]) -> str:
    return next(
        (name for name, _fte, area in SUPERVISORS if area == member.get("primary_work_area")), SUPERVISORS[0][0]
    )


def _first_name(member: dict[str, Any]) -> str:
    return str(member["name"]).split()[0]


def _plans(member: dict[str, Any], placement: dict[str, Any], today: date) -> list[dict[str, Any]]:
    """The placement's plan versions: written 2–4 weeks after the start, followed up and renewed every
    half year, the last in force."""
    rng = random.Random(f"plan {member['key']}")
    name, author = _first_name(member), _author(member)
    start = date.fromisoformat(placement["start"])
    created = min(start + timedelta(days=rng.randint(14, 28)), today - timedelta(days=PLANNED_AFTER // 2))
    area_goals = _GOALS.get(member.get("primary_work_area"), ()) + _GOALS[None]
    versions: list[dict[str, Any]] = []
    while True:
        follow_up_on = created + HALF_YEAR
        goals = rng.sample(area_goals, 2)
        version = {
            "member": member["key"],
            "placement_start": placement["start"],
            "number": len(versions) + 1,
            "status": "in_force",
            "participation": rng.choice(_PARTICIPATION).format(n=name),
            "follow_up_on": follow_up_on.isoformat(),
            "in_force_from": created.isoformat(),
            "followed_up_at": None,
            "follow_up_note": None,
            "created_at": _at(created, rng),
            "created_by": author,
            "goals": [
                {"goal": g, "support": s, "who": w.format(n=name), "how": h, "when": t} for g, s, w, h, t in goals
            ],
        }
        versions.append(version)
        if follow_up_on > today:
            break
        followed = follow_up_on - timedelta(days=rng.randrange(7))
        version.update(
            status="replaced",
            followed_up_at=followed.isoformat(),
            follow_up_note=rng.choice(_FOLLOW_UP).format(n=name),
        )
        created = followed
    return versions


def _placement_in_force(member: dict[str, Any], today: date) -> dict[str, Any] | None:
    placement: dict[str, Any]
    for placement in member.get("placements", []):
        start, end = placement["start"], placement.get("end")
        if date.fromisoformat(start) <= today and (end is None or today <= date.fromisoformat(end)):
            return placement
    return None


def _journal(members: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """A handful of entries about the first members of the last weeks, one of them felmarkerad and
    replaced (a wrong day), as a supervisor writes them."""
    if len(members) < 3:
        return []
    a, b, c = members[:3]
    notes = [
        (a, 15, "conversation", "Samtal med {n} om hur veckorna känns. {n} trivs och vill gärna prova kassan."),
        (b, 12, "event", "{n} blev trött efter lunch och fick vila en stund i det lugna rummet. Gick hem som vanligt."),
        (
            c,
            9,
            "case_worker_contact",
            "Ringde handläggaren om uppföljningen av beslutet. Vi bokar ett möte i nästa månad.",
        ),
        (a, 6, "follow_up", "Kort uppföljning av planen: {n} tycker att det går bra och vill fortsätta som nu."),
        (b, 3, "event", "{n} var sjuk i tisdags och ringde in på morgonen."),
        (c, 1, "conversation", "{n} berättade om en ny hobby och vill visa sina teckningar för gruppen."),
    ]
    entries: list[dict[str, Any]] = []
    for member, days, kind, text in notes:
        rng = random.Random(f"journal {member['key']} {days}")
        day = _weekday_before(today, days)
        entries.append(
            {
                "key": f"j{len(entries) + 1}",
                "member": member["key"],
                "date": day.isoformat(),
                "type": kind,
                "text": text.format(n=_first_name(member)),
                "author": _author(member),
                "author_login": "",
                "written_at": _at(day, rng),
                "changed_at": None,
                "struck": None,
                "replaces": None,
            }
        )
    wrong = entries[4]  # "sick on Tuesday": it was Wednesday; struck the next day and written again
    struck_at = datetime.fromisoformat(wrong["written_at"]) + timedelta(days=1)
    if struck_at.date() < today:
        wrong["struck"] = {"at": struck_at.isoformat(), "by": wrong["author"], "reason": "Fel dag: det var i onsdags."}
        entries.append(
            {
                **wrong,
                "key": f"j{len(entries) + 1}",
                "text": wrong["text"].replace("i tisdags", "i onsdags"),
                "written_at": struck_at.isoformat(),
                "struck": None,
                "replaces": wrong["key"],
            }
        )
    return entries


def _deviations(members: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    if not members:
        return []
    member = members[-1]
    reported = _weekday_before(today, 17)
    author = _author(member)
    return [
        {
            "member": member["key"],
            "reported_on": reported.isoformat(),
            "reported_by": author,
            "category": "deviation",
            "description": f"{_first_name(member)} halkade på det våta golvet vid diskbänken men slog sig inte. "
            "Golvet hade just torkats och ingen skylt stod framme.",
            "measures": "Halkmatta vid diskbänken. Golvet torkas efter stängning, och skylten ställs alltid fram.",
            "status": "remedied",
            "ivo_due": None,
            "ivo_sent_on": None,
            "created_at": _at(reported, random.Random(f"deviation {member['key']}")),
            "created_by": author,
        }
    ]


def add_social_documentation(document: dict[str, Any], today: date) -> None:
    """Add the demo's plans, journal and deviation to the demo ``document`` (its members as written)."""
    current = [
        (m, p)
        for m in document["members"]
        if (p := _placement_in_force(m, today)) is not None
        and (today - date.fromisoformat(p["start"])).days > PLANNED_AFTER
    ]
    # Att göra's two realistic lines: the newest such placement has no plan yet, and the first plan in
    # force for a month has its follow-up day three days ago
    without = max(range(len(current)), key=lambda i: current[i][1]["start"], default=None)
    versions = [_plans(m, p, today) for i, (m, p) in enumerate(current) if i != without]
    month_ago = (today - timedelta(days=PLANNED_AFTER)).isoformat()
    due = next((v[-1] for v in versions if v[-1]["in_force_from"] <= month_ago), None)
    if due is not None:
        due["follow_up_on"] = (today - timedelta(days=3)).isoformat()
    planned = [m for i, (m, _p) in enumerate(current) if i != without]
    document["care_plans"] = [version for plan in versions for version in plan]
    document["journal"] = _journal(planned, today)
    document["deviations"] = _deviations(planned, today)
