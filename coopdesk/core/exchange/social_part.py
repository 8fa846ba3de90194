"""coopdesk/2's part for issue 15: the members' social documentation (domain.md §7).

Kept in its own functions (interchange.md §3; other parts of coopdesk/2 come from other modules):

- ``export_part(session, document)`` adds three lists to an export document: ``care_plans`` (every
  version of every implementation plan, with its goals), ``journal`` (every entry, felmarkerade ones
  with their reason, a replacing entry naming the one it replaces) and ``deviations`` (deviations,
  complaints and lex Sarah reports, a member's or the cooperative's);
- ``check_part(document, parsed)`` checks those lists whole (a JSON path in every message) with the rest
  of the document, before anything is written; ``write_part(session, rows)`` then writes them, after the
  rest of the document (the members and their placements must exist). The rows are written as they
  were, times and authors included: an import is one entry in the audit log, not one per plan or note.

The keys and an example are in docs/rules.md ("coopdesk/2: the social documentation"). Export → import
→ export gives the same document (tests/unit/test_social_exchange.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.parsed import Parsed, member_key, optional_list
from coopdesk.core.models import Base, CarePlan, CarePlanGoal, Deviation, JournalEntry, Member, Placement
from coopdesk.core.social import (
    DEVIATION_CATEGORIES,
    DEVIATION_STATUSES,
    JOURNAL_KINDS,
    LEX_SARAH,
    PLAN_IN_FORCE,
    PLAN_STATUSES,
    choice,
    ivo_due,
    long_text,
)

#: No plan has more versions (a huge number would not fit the database's integer).
MAX_VERSION = 100_000
#: The top-level keys of the part (each optional in a coopdesk/2 document; absent means none).
TOP_KEYS = ("care_plans", "journal", "deviations")
PLAN_KEYS = ("member", "placement_start", "number", "status", "participation", "follow_up_on", "created_at")
PLAN_OPTIONAL = ("created_by", "in_force_from", "followed_up_at", "follow_up_note", "goals")
GOAL_KEYS = ("goal", "support", "who", "how", "when")
ENTRY_KEYS = ("key", "member", "date", "type", "text", "author", "written_at")
ENTRY_OPTIONAL = ("author_login", "changed_at", "struck", "replaces")
DEVIATION_KEYS = ("reported_on", "reported_by", "category", "description", "status", "created_at")
DEVIATION_OPTIONAL = ("member", "measures", "ivo_due", "ivo_sent_on", "created_by")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def export_part(session: Session, document: dict[str, Any]) -> None:
    """Add the social documentation to ``document`` (made by exporter.export_document: its members'
    keys are given in the order of their ids)."""
    keys = dict(
        zip(
            session.scalars(select(Member.id).order_by(Member.id)), (m["key"] for m in document["members"]), strict=True
        )
    )
    starts = {placement_id: start for placement_id, start in session.execute(select(Placement.id, Placement.start))}
    document["care_plans"] = [
        {
            "member": keys[p.member_id],
            "placement_start": starts[p.placement_id].isoformat(),
            "number": p.number,
            "status": p.status,
            "participation": p.participation,
            "follow_up_on": p.follow_up_on.isoformat(),
            "in_force_from": _iso(p.in_force_from),
            "followed_up_at": _iso(p.followed_up_at),
            "follow_up_note": p.follow_up_note,
            "created_at": p.created_at.isoformat(),
            "created_by": p.created_by,
            "goals": [
                {"goal": g.goal, "support": g.support, "who": g.who, "how": g.how, "when": g.timing} for g in p.goals
            ],
        }
        for p in session.scalars(select(CarePlan).order_by(CarePlan.id))
    ]
    entries = list(session.scalars(select(JournalEntry).order_by(JournalEntry.id)))
    entry_keys = {e.id: f"j{i}" for i, e in enumerate(entries, start=1)}
    document["journal"] = [
        {
            "key": entry_keys[e.id],
            "member": keys[e.member_id],
            "date": e.event_date.isoformat(),
            "type": e.kind,
            "text": e.text,
            "author": e.author_name,
            "author_login": e.author_login,
            "written_at": e.written_at.isoformat(),
            "changed_at": _iso(e.changed_at),
            "struck": None
            if e.struck_at is None
            else {"at": e.struck_at.isoformat(), "by": e.struck_by, "reason": e.strike_reason},
            "replaces": entry_keys[e.replaces_id] if e.replaces_id is not None else None,
        }
        for e in entries
    ]
    document["deviations"] = [
        {
            "member": keys[d.member_id] if d.member_id is not None else None,
            "reported_on": d.reported_on.isoformat(),
            "reported_by": d.reported_by,
            "category": d.category,
            "description": d.description,
            "measures": d.measures,
            "status": d.status,
            # derived (two weeks after the report), written for the tools that read the file; checked on import
            "ivo_due": _iso(ivo_due(d.reported_on)) if d.category in LEX_SARAH else None,
            "ivo_sent_on": _iso(d.ivo_sent_on),
            "created_at": d.created_at.isoformat(),
            "created_by": d.created_by,
        }
        for d in session.scalars(select(Deviation).order_by(Deviation.id))
    ]


def _rule(path: str, action: Any) -> Any:
    """A rule of core/social.py applied to a value, its message under the value's JSON path."""
    try:
        return action()
    except ValidationError as error:
        raise r.wrap(path, error) from None


def _long(value: Any, path: str, *, required: bool = True) -> str | None:
    text: str | None = _rule(path, lambda: long_text(value, path, "Texten", "The text", required=required))
    return text


@dataclass
class SocialRows:
    """The part checked whole (check_part), as rows ready to write (write_part)."""

    plans: list[tuple[dict[str, Any], list[dict[str, Any]]]]  # each version with its goals' rows
    entries: list[dict[str, Any]]
    replaces: dict[int, int]  # a replacing entry's index in ``entries`` → the index of the one it replaces
    deviations: list[dict[str, Any]]

    def count(self) -> int:
        """The plan versions, journal entries and deviations."""
        return len(self.plans) + len(self.entries) + len(self.deviations)


def check_part(document: dict[str, Any], parsed: Parsed) -> SocialRows:
    """Check the part whole, before anything is written, against the members and placements that
    validation.py has checked, by the ids it gave them (the ids the import writes them with)."""
    members = parsed.member_ids
    placements = {(p["member_id"], p["start"]): p["id"] for p in parsed.placements}
    plans = _plans(document.get("care_plans"), members, placements)
    entries, replaces = _journal(document.get("journal"), members)
    return SocialRows(plans, entries, replaces, _deviations(document.get("deviations"), members))


def write_part(session: Session, rows: SocialRows) -> int:
    """Write the checked part, after the rest of the document (its members and placements); the number
    of plan versions, journal entries and deviations written."""
    # Bulk inserts like the rest of an import (the ORM's unit of work took seconds for the dense demo's
    # 4,000 plan versions). The ids come back in the rows' order: the goals take their plan's, a
    # replacing entry the id of the one it replaces.
    plans = rows.plans
    plan_ids = _insert(session, CarePlan, [plan for plan, _goals in plans])
    goals = [goal | {"plan_id": plan_id} for plan_id, (_plan, own) in zip(plan_ids, plans, strict=True) for goal in own]
    _insert(session, CarePlanGoal, goals)
    entry_ids = _insert(session, JournalEntry, rows.entries)
    if rows.replaces:
        table = _table(JournalEntry)
        session.execute(
            update(table).where(table.c.id == bindparam("entry")).values(replaces_id=bindparam("replaced")),
            [{"entry": entry_ids[index], "replaced": entry_ids[old]} for index, old in rows.replaces.items()],
        )
    _insert(session, Deviation, rows.deviations)
    return rows.count()


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column names as keys); their new ids, in the rows' order."""
    if not rows:
        return []
    table = _table(model)
    inserted = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row.id for row in inserted]


def _plans(
    value: Any, members: dict[str, int], placements: dict[tuple[int, dt.date], int]
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The plan versions as rows, each with its goals' rows (without the plan's id)."""
    rows: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    numbers: set[tuple[int, int]] = set()
    in_force: set[int] = set()
    for path, item in r.items(optional_list(value), "care_plans"):
        raw = r.obj(item, path, PLAN_KEYS, PLAN_OPTIONAL)
        member_id = member_key(raw["member"], f"{path}.member", members)
        start = r.date(raw["placement_start"], f"{path}.placement_start")
        placement_id = placements.get((member_id, start))  # type: ignore[arg-type]
        if placement_id is None:
            raise r.fail(
                f"{path}.placement_start",
                raw["placement_start"],
                f"Medlemmen {raw['member']} har inget beslut som börjar {start}.",
                f"The member {raw['member']} has no placement starting on {start}.",
            )
        number = r.integer(raw["number"], f"{path}.number")
        if not 1 <= number <= MAX_VERSION or (placement_id, number) in numbers:
            raise r.fail(
                f"{path}.number",
                number,
                f"Version {number} är inte ett nytt versionsnummer (1, 2, …) för beslutet.",
                f"Version {number} is not a new version number (1, 2, …) of the placement.",
            )
        numbers.add((placement_id, number))
        status = _rule(f"{path}.status", lambda raw=raw: choice(raw["status"], PLAN_STATUSES, "", "Status", "Status"))
        if status in PLAN_IN_FORCE:
            if placement_id in in_force:
                raise r.fail(
                    f"{path}.status",
                    status,
                    "Beslutet har redan en annan version som gäller; bara en version åt gången gäller.",
                    "The placement already has another version in force; only one version is in force at a time.",
                )
            in_force.add(placement_id)
        goals: list[dict[str, Any]] = []
        for gpath, goal in r.items(optional_list(raw.get("goals")), f"{path}.goals"):
            g = r.obj(goal, gpath, ("goal",), GOAL_KEYS[1:])
            goals.append(
                {
                    "position": len(goals) + 1,
                    "goal": _long(g["goal"], f"{gpath}.goal"),
                    **{
                        column: _long(g.get(key), f"{gpath}.{key}", required=False) or ""
                        for key, column in (("support", "support"), ("who", "who"), ("how", "how"), ("when", "timing"))
                    },
                }
            )
        if not goals:
            raise r.fail(f"{path}.goals", [], "Planen behöver minst ett mål.", "The plan needs at least one goal.")
        plan = {
            "member_id": member_id,
            "placement_id": placement_id,
            "number": number,
            "status": status,
            "participation": _long(raw["participation"], f"{path}.participation"),
            "follow_up_on": r.date(raw["follow_up_on"], f"{path}.follow_up_on"),
            "in_force_from": r.date(raw.get("in_force_from"), f"{path}.in_force_from", required=False),
            "followed_up_at": r.date(raw.get("followed_up_at"), f"{path}.followed_up_at", required=False),
            "follow_up_note": _long(raw.get("follow_up_note"), f"{path}.follow_up_note", required=False),
            "created_at": r.datetime(raw["created_at"], f"{path}.created_at"),
            "created_by": r.text(raw.get("created_by"), f"{path}.created_by", required=False) or "",
        }
        rows.append((plan, goals))
    return rows


def _journal(value: Any, members: dict[str, int]) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """The entries as rows, and which entry (by index) replaces which."""
    rows: list[dict[str, Any]] = []
    keys: dict[str, int] = {}  # an entry's key → its index in ``rows``
    replaces: dict[int, int] = {}
    for path, item in r.items(optional_list(value), "journal"):
        raw = r.obj(item, path, ENTRY_KEYS, ENTRY_OPTIONAL)
        key = r.text(raw["key"], f"{path}.key", 100)
        if key in keys:
            raise r.fail(
                f"{path}.key", key, f"Nyckeln {key!r} finns redan tidigare i filen.", f"The key {key!r} occurs earlier."
            )
        member_id = member_key(raw["member"], f"{path}.member", members)
        struck: dict[str, Any] = {"struck_at": None, "struck_by": None, "strike_reason": None}
        if raw.get("struck") is not None:
            s = r.obj(raw["struck"], f"{path}.struck", ("at", "by", "reason"))
            struck = {
                "struck_at": r.datetime(s["at"], f"{path}.struck.at"),
                "struck_by": r.text(s["by"], f"{path}.struck.by"),
                "strike_reason": _long(s["reason"], f"{path}.struck.reason"),
            }
        if raw.get("replaces") is not None:
            replaced = keys.get(raw["replaces"]) if isinstance(raw["replaces"], str) else None
            if replaced is None or rows[replaced]["member_id"] != member_id:
                raise r.fail(
                    f"{path}.replaces",
                    raw["replaces"],
                    f"Anteckningen {shown(raw['replaces'])} finns inte tidigare i filen för samma medlem.",
                    f"The entry {shown(raw['replaces'])} is not earlier in the file for the same member.",
                )
            replaces[len(rows)] = replaced
        keys[str(key)] = len(rows)
        rows.append(
            {
                "member_id": member_id,
                "event_date": r.date(raw["date"], f"{path}.date"),
                "kind": _rule(
                    f"{path}.type", lambda raw=raw: choice(raw["type"], JOURNAL_KINDS, "", "Typen", "The type")
                ),
                "text": _long(raw["text"], f"{path}.text"),
                "author_name": r.text(raw["author"], f"{path}.author"),
                "author_login": r.text(raw.get("author_login"), f"{path}.author_login", 40, required=False) or "",
                "written_at": r.datetime(raw["written_at"], f"{path}.written_at"),
                "changed_at": r.datetime(raw["changed_at"], f"{path}.changed_at") if raw.get("changed_at") else None,
                "replaces_id": None,
                **struck,
            }
        )
    return rows, replaces


def _deviations(value: Any, members: dict[str, int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path, item in r.items(optional_list(value), "deviations"):
        raw = r.obj(item, path, DEVIATION_KEYS, DEVIATION_OPTIONAL)
        reported_on = r.date(raw["reported_on"], f"{path}.reported_on")
        assert reported_on is not None
        category = _rule(
            f"{path}.category",
            lambda raw=raw: choice(raw["category"], DEVIATION_CATEGORIES, "", "Kategorin", "The category"),
        )
        due = _iso(ivo_due(reported_on)) if category in LEX_SARAH else None
        if raw.get("ivo_due") is not None and raw["ivo_due"] != due:
            raise r.fail(
                f"{path}.ivo_due",
                raw["ivo_due"],
                f"Sista dag för anmälan till IVO är {due or 'ingen (inte lex Sarah)'}: två veckor efter rapportdagen.",
                f"The IVO due date is {due or 'none (not lex Sarah)'}: two weeks after the report date.",
            )
        rows.append(
            {
                "member_id": None
                if raw.get("member") is None
                else member_key(raw["member"], f"{path}.member", members),
                "reported_on": reported_on,
                "reported_by": r.text(raw["reported_by"], f"{path}.reported_by"),
                "category": category,
                "description": _long(raw["description"], f"{path}.description"),
                "measures": _long(raw.get("measures"), f"{path}.measures", required=False),
                "status": _rule(
                    f"{path}.status",
                    lambda raw=raw: choice(raw["status"], DEVIATION_STATUSES, "", "Statusen", "The status"),
                ),
                "ivo_sent_on": r.date(raw.get("ivo_sent_on"), f"{path}.ivo_sent_on", required=False),
                "created_at": r.datetime(raw["created_at"], f"{path}.created_at"),
                "created_by": r.text(raw.get("created_by"), f"{path}.created_by", required=False) or "",
            }
        )
    return rows
