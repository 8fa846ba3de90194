"""The social documentation's commands and read models (domain.md §7).

Every read of a member's documentation is a command, not a query: it writes who opened whose file to
the audit log in the same unit of work that reads it (SOSFS 2014:5), so no face can read the
documentation without leaving that trace. The rows handed to the views are frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from coopdesk.app.application import Command, Work
from coopdesk.core.services import care_plans, deviations, journal, lookups, social_record
from coopdesk.core.services.care_plans import Goal
from coopdesk.core.social import LEX_SARAH, editable_until, ivo_due

__all__ = ["Goal"]


def _now(work: Work) -> dt.datetime:
    """The moment of the command on the application's day (a test's clock decides the day)."""
    return dt.datetime.combine(work.today, dt.datetime.now().time()).replace(microsecond=0)


# --- rows ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalRow:
    entry_id: int
    version: int
    date: dt.date
    kind: str
    text: str
    author: str
    written_at: dt.datetime
    changed_at: dt.datetime | None
    struck_at: dt.datetime | None
    struck_by: str | None
    strike_reason: str | None
    replaces_id: int | None
    editable: bool  # by the user who read it, today
    editable_until: dt.date
    strikable: bool = False  # felmarkera: by the user who read it (its author or an administrator)


@dataclass(frozen=True)
class GoalRow:
    goal: str
    support: str
    who: str
    how: str
    when: str


@dataclass(frozen=True)
class PlanRow:
    plan_id: int
    version: int
    placement_id: int
    decision_ref: str
    number: int
    status: str
    participation: str
    follow_up_on: dt.date
    in_force_from: dt.date | None
    followed_up_at: dt.date | None
    follow_up_note: str | None
    created_at: dt.datetime
    created_by: str
    goals: tuple[GoalRow, ...]

    def due(self, today: dt.date) -> bool:
        return self.status == "in_force" and self.follow_up_on <= today


@dataclass(frozen=True)
class PlacementChoice:
    placement_id: int
    decision_ref: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Plans:
    """A member's plans: every version (newest first) and the placements a new version can be for."""

    member_name: str
    versions: tuple[PlanRow, ...]
    placements: tuple[PlacementChoice, ...]
    default_placement: int | None  # the one active today, else the newest

    def in_force(self) -> PlanRow | None:
        live = [p for p in self.versions if p.status in ("in_force", "followed_up")]
        if self.default_placement is not None:
            preferred = [p for p in live if p.placement_id == self.default_placement]
            live = preferred or live
        return live[0] if live else None


@dataclass(frozen=True)
class DeviationRow:
    deviation_id: int
    version: int
    member_id: int | None
    member: str | None
    reported_on: dt.date
    reported_by: str
    category: str
    description: str
    measures: str | None
    status: str
    ivo_sent_on: dt.date | None

    @property
    def ivo_due(self) -> dt.date | None:
        """The day the IVO report is due, while it is not yet sent."""
        if self.category in LEX_SARAH and self.ivo_sent_on is None:
            return ivo_due(self.reported_on)
        return None


def journal_row(row: Any, actor: Any, today: dt.date) -> JournalRow:
    return JournalRow(
        row.id,
        row.version,
        row.event_date,
        row.kind,
        row.text,
        row.author_name,
        row.written_at,
        row.changed_at,
        row.struck_at,
        row.struck_by,
        row.strike_reason,
        row.replaces_id,
        journal.can_edit(actor, row, today),
        editable_until(row.written_at),
        journal.can_strike(actor, row),
    )


def plan_row(row: Any) -> PlanRow:
    return PlanRow(
        row.id,
        row.version,
        row.placement_id,
        row.placement.decision_ref,
        row.number,
        row.status,
        row.participation,
        row.follow_up_on,
        row.in_force_from,
        row.followed_up_at,
        row.follow_up_note,
        row.created_at,
        row.created_by,
        tuple(GoalRow(g.goal, g.support, g.who, g.how, g.timing) for g in row.goals),
    )


def deviation_row(row: Any, names: dict[int, str]) -> DeviationRow:
    return DeviationRow(
        row.id,
        row.version,
        row.member_id,
        names.get(row.member_id) if row.member_id is not None else None,
        row.reported_on,
        row.reported_by,
        row.category,
        row.description,
        row.measures,
        row.status,
        row.ivo_sent_on,
    )


# --- reads (logged) ------------------------------------------------------------------------------------


class OpenJournal(Command[list[JournalRow]]):
    """A member's journal entries (``first``..``last``, of ``kind``), newest first; the read is logged."""

    kinds: ClassVar[frozenset[str]] = frozenset({"audit"})

    def __init__(
        self, member_id: int, *, first: dt.date | None = None, last: dt.date | None = None, kind: str | None = None
    ) -> None:
        self.member_id, self.first, self.last, self.kind = member_id, first, last, kind

    def run(self, work: Work) -> list[JournalRow]:
        social_record.log_read(work.session, work.actor, self.member_id, "journal", at=_now(work))
        rows = journal.entries(work.session, self.member_id, first=self.first, last=self.last, kind=self.kind)
        return [journal_row(r, work.actor, work.today) for r in rows]


class OpenPlans(Command[Plans]):
    kinds: ClassVar[frozenset[str]] = frozenset({"audit"})

    def __init__(self, member_id: int) -> None:
        self.member_id = member_id

    def run(self, work: Work) -> Plans:
        session = work.session
        social_record.log_read(session, work.actor, self.member_id, "plan", at=_now(work))
        member = lookups.member(session, self.member_id)
        placements = tuple(PlacementChoice(p.id, p.decision_ref, p.start, p.end) for p in member.placements)
        default = care_plans.placement_of(session, self.member_id, work.today).id if placements else None
        versions = tuple(plan_row(p) for p in care_plans.plans_of_member(session, self.member_id))
        return Plans(member.name, versions, placements, default)


class OpenDeviations(Command[list[DeviationRow]]):
    """A member's deviations, or (``member_id`` None) every deviation of the cooperative; a read of each
    member's deviations is logged under that member."""

    kinds: ClassVar[frozenset[str]] = frozenset({"audit"})

    def __init__(self, member_id: int | None = None, *, open_only: bool = False) -> None:
        self.member_id = member_id
        self.open_only = open_only

    def run(self, work: Work) -> list[DeviationRow]:
        session = work.session
        rows = deviations.deviations(session, member_id=self.member_id, open_only=self.open_only)
        wanted = {r.member_id for r in rows if r.member_id is not None}
        if self.member_id is not None:
            wanted.add(self.member_id)
        member_ids = sorted(wanted)
        names = {m: lookups.member(session, m).name for m in member_ids}
        for member_id in member_ids:
            social_record.log_read(session, work.actor, member_id, "deviations", at=_now(work))
        return [deviation_row(r, names) for r in rows]


class OpenDocumentation(Command[dict[str, Any]]):
    """Everything of one member's documentation as plain data (personakt, JSON); the read is logged."""

    kinds: ClassVar[frozenset[str]] = frozenset({"audit"})

    def __init__(
        self, member_id: int, *, part: str = "all", first: dt.date | None = None, last: dt.date | None = None
    ) -> None:
        self.member_id, self.part, self.first, self.last = member_id, part, first, last

    def run(self, work: Work) -> dict[str, Any]:
        session = work.session
        social_record.log_read(session, work.actor, self.member_id, self.part, at=_now(work))
        member = lookups.member(session, self.member_id)
        coop = lookups.cooperative(session)
        return {
            "cooperative": {"name": coop.name, "org_number": coop.org_number, "address": coop.address},
            "member": {"id": member.id, "name": member.name, "personal_number": member.personal_number},
            "printed_by": work.actor.name,
            "printed_at": _now(work).isoformat(),
            "from": None if self.first is None else self.first.isoformat(),
            "to": None if self.last is None else self.last.isoformat(),
            **social_record.documentation(session, self.member_id, first=self.first, last=self.last),
        }


# --- changes -------------------------------------------------------------------------------------------


class _Social(Command[Any]):
    kinds: ClassVar[frozenset[str]] = frozenset({"social"})


class AddJournalEntry(_Social):
    def __init__(self, member_id: int, kind: str, date: dt.date, text: str) -> None:
        self.member_id, self.kind, self.date, self.text = member_id, kind, date, text

    def run(self, work: Work) -> int:
        work.touched_member(self.member_id)
        return journal.add_entry(
            work.session, work.actor, self.member_id, self.kind, self.date, self.text, now=_now(work)
        ).id


class EditJournalEntry(_Social):
    def __init__(self, entry_id: int, kind: str, date: dt.date, text: str, expected_version: int | None = None) -> None:
        self.entry_id, self.kind, self.date, self.text = entry_id, kind, date, text
        self.expected_version = expected_version

    def run(self, work: Work) -> int:
        row = journal.edit_entry(
            work.session,
            work.actor,
            self.entry_id,
            kind=self.kind,
            event_date=self.date,
            text=self.text,
            now=_now(work),
            expected_version=self.expected_version,
        )
        return row.id


class StrikeJournalEntry(_Social):
    """Felmarkera an entry with a reason; the id of the replacing entry, if one is written."""

    def __init__(
        self, entry_id: int, reason: str, replacement: str | None = None, expected_version: int | None = None
    ) -> None:
        self.entry_id, self.reason, self.replacement = entry_id, reason, replacement
        self.expected_version = expected_version

    def run(self, work: Work) -> int | None:
        _struck, new = journal.strike_entry(
            work.session,
            work.actor,
            self.entry_id,
            self.reason,
            now=_now(work),
            replacement=self.replacement,
            expected_version=self.expected_version,
        )
        return None if new is None else new.id


class NewPlanVersion(_Social):
    """A new version of a plan (for ``placement_id``, default the member's current placement)."""

    def __init__(
        self,
        member_id: int,
        goals: list[Goal],
        participation: str,
        follow_up_on: dt.date,
        *,
        placement_id: int | None = None,
        draft: bool = False,
    ) -> None:
        self.member_id, self.goals, self.participation = member_id, goals, participation
        self.follow_up_on, self.placement_id, self.draft = follow_up_on, placement_id, draft

    def run(self, work: Work) -> int:
        placement_id = self.placement_id
        if placement_id is None:
            placement_id = care_plans.placement_of(work.session, self.member_id, work.today).id
        row = care_plans.new_version(
            work.session,
            work.actor,
            placement_id,
            self.goals,
            self.participation,
            self.follow_up_on,
            now=_now(work),
            draft=self.draft,
        )
        return row.id


class UpdatePlanDraft(_Social):
    def __init__(
        self,
        plan_id: int,
        goals: list[Goal],
        participation: str,
        follow_up_on: dt.date,
        expected_version: int | None = None,
    ) -> None:
        self.plan_id, self.goals, self.participation = plan_id, goals, participation
        self.follow_up_on, self.expected_version = follow_up_on, expected_version

    def run(self, work: Work) -> int:
        return care_plans.update_draft(
            work.session,
            work.actor,
            self.plan_id,
            self.goals,
            self.participation,
            self.follow_up_on,
            now=_now(work),
            expected_version=self.expected_version,
        ).id


class PutPlanInForce(_Social):
    def __init__(self, plan_id: int, expected_version: int | None = None) -> None:
        self.plan_id, self.expected_version = plan_id, expected_version

    def run(self, work: Work) -> int:
        return care_plans.make_in_force(
            work.session, work.actor, self.plan_id, now=_now(work), expected_version=self.expected_version
        ).id


class FollowUpPlan(_Social):
    def __init__(self, plan_id: int, note: str, on: dt.date | None = None, expected_version: int | None = None) -> None:
        self.plan_id, self.note, self.on, self.expected_version = plan_id, note, on, expected_version

    def run(self, work: Work) -> int:
        return care_plans.follow_up(
            work.session,
            work.actor,
            self.plan_id,
            self.note,
            now=_now(work),
            on=self.on,
            expected_version=self.expected_version,
        ).id


class AddDeviation(_Social):
    def __init__(
        self,
        member_id: int | None,
        reported_on: dt.date,
        reported_by: str,
        category: str,
        description: str,
        measures: str | None = None,
    ) -> None:
        self.member_id, self.reported_on, self.reported_by = member_id, reported_on, reported_by
        self.category, self.description, self.measures = category, description, measures

    def run(self, work: Work) -> int:
        return deviations.add_deviation(
            work.session,
            work.actor,
            member_id=self.member_id,
            reported_on=self.reported_on,
            reported_by=self.reported_by,
            category=self.category,
            description=self.description,
            measures=self.measures,
            now=_now(work),
        ).id


class UpdateDeviation(_Social):
    """Change a deviation; only the keyword arguments given are changed (``measures=None`` clears)."""

    def __init__(self, deviation_id: int, expected_version: int | None = None, **changes: Any) -> None:
        allowed = {"category", "description", "measures", "status", "ivo_sent_on"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"unknown fields: {sorted(unknown)}")
        self.deviation_id, self.expected_version, self.changes = deviation_id, expected_version, changes

    def run(self, work: Work) -> int:
        return deviations.update_deviation(
            work.session,
            work.actor,
            self.deviation_id,
            now=_now(work),
            expected_version=self.expected_version,
            **self.changes,
        ).id


# --- printing --------------------------------------------------------------------------------------------

#: What can be printed: the plan to sign, the journal of a period, the personakt.
PRINTS = ("plan", "journal", "all")


def print_documentation(
    session: Any,
    actor: Any,
    member_id: int,
    what: str,
    file_name: str,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    now: dt.datetime | None = None,
) -> tuple[bytes, str]:
    """The PDF of ``what`` and the member's name; the print is written to the audit log in ``session``
    (a read of the documentation too: the print holds it)."""
    from coopdesk.core import audit
    from coopdesk.reports.social_pdf import journal_pdf, personakt_pdf, plan_pdf

    now = (now or dt.datetime.now()).replace(microsecond=0)
    member = lookups.member(session, member_id)
    coop = lookups.cooperative(session)
    doc = {
        "cooperative": {"name": coop.name, "org_number": coop.org_number, "address": coop.address},
        "member": {"id": member.id, "name": member.name, "personal_number": member.personal_number},
        "printed_by": actor.name,
        "printed_at": now.isoformat(),
        "from": None if first is None else first.isoformat(),
        "to": None if last is None else last.isoformat(),
        **social_record.documentation(session, member_id, first=first, last=last),
    }
    if what == "plan":
        data = plan_pdf(doc)
        audit.record(
            session,
            actor,
            "print",
            "care_plan",
            None,
            summary=f"Genomförandeplan: {member.name}",
            new={"file": file_name},
            member_id=member_id,
            at=now,
        )
    else:
        data = journal_pdf(doc) if what == "journal" else personakt_pdf(doc)
        title = "Journal" if what == "journal" else "Personakt"
        audit.record(
            session,
            actor,
            "print",
            "documentation",
            member_id,
            summary=f"{title}: {member.name}",
            new={"file": file_name, "from": first, "to": last},
            member_id=member_id,
            at=now,
        )
    return data, member.name


class PrintDocumentation(Command[str]):
    """Print ``what`` of a member to the PDF file ``target``, logged; the member's name.

    The file is written last in the unit of work and removed again if the unit of work is rolled
    back, so no printout exists whose making is not in the log (as storage/files.write_logged).
    """

    kinds: ClassVar[frozenset[str]] = frozenset({"audit"})

    def __init__(
        self, member_id: int, what: str, target: Any, *, first: dt.date | None = None, last: dt.date | None = None
    ) -> None:
        self.member_id, self.what, self.target, self.first, self.last = member_id, what, target, first, last

    def run(self, work: Work) -> str:
        from pathlib import Path

        from sqlalchemy import event

        from coopdesk.storage.files import write_atomic

        target = Path(self.target)
        data, name = print_documentation(
            work.session,
            work.actor,
            self.member_id,
            self.what,
            target.name,
            first=self.first,
            last=self.last,
            now=_now(work),
        )
        work.session.flush()
        event.listen(work.session, "after_rollback", lambda _s: target.unlink(missing_ok=True))
        write_atomic(target, data)
        return name
