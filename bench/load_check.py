"""The load test's verdicts: lost updates (the clients' logs against the database) and the audit log.

Used by ``bench_load.py`` (see there for the load itself), which puts the source tree on sys.path.

**Lost updates.** A *successful write* is a service call that returned and whose transaction
committed (the client was told "saved"); with ``expected_version`` it moves the row from the version
its author saw, e, to e + 1 (a new row: 0 → 1). A *lost update* is a successful write whose value was
replaced by a write whose author had not seen it (whose expected version was lower than the version
the lost write produced). Every client logs each successful write: the row (member and day, or the
supervisor-hours entry id), the value, the expected version and the version the row had after the
commit. The checker then reads the database and, for every row, orders the clients' successful writes
by resulting version; without lost updates they form one chain base → base + 1 → … → final, one
write per step, and the stored row has the final version and the value of its last write. Counted as
lost: every write whose resulting version another successful write also claims (two writers built on
the same version: the later silently replaced the earlier); every write followed in the chain by a
write whose expected version is lower than the version it produced (replaced unseen); every write
claiming a version above the stored one; and a last write whose value is not the stored value.
Version steps no client claimed, entries in the load's months no client made and writes whose
resulting version is not expected + 1 are counted apart (*unexplained*; goal 0). An *agreed*
registration wrote nothing and is not part of the chain.

Cross-check with the audit log, which the services write in the same transaction as the change:
(1) the number of audit entries of the run (create/update of attendance and supervisor_hours, after
the setup) by each client's actor equals that client's successful writes, and per row the number of
entries equals the number of successful writes on it; (2) per row, in the order of the entries,
each entry's ``old`` equals the previous entry's ``new`` (the first: the row before the load), and
the last ``new`` is what is stored. A break of (2) is a write whose own transaction replaced a value
it had not read (a race between a service's read and its write), found in the database's own record
rather than in the clients' logs. It cannot see a stale ``expected_version`` (the service reads the row
afresh), which is what the clients' logs are for. (Entry ids follow commit order on one row: a service
writes its audit entry after its UPDATE or INSERT holds the row's lock.)
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from coopdesk.core.calendar import Month
from coopdesk.core.models import Attendance, AuditEntry, SupervisorHours, WorkArea
from coopdesk.storage.database import open_database


def _decimal_hours(hours: dict[Any, Any]) -> tuple[tuple[str, Decimal], ...]:
    return tuple(sorted((str(k), Decimal(str(v))) for k, v in hours.items()))


def attendance_key_value(status: str | None, hours: dict[Any, Any], names: dict[int, str]) -> Any:
    """(status, hours by area name) with numeric hours; None for no record."""
    if status is None:
        return None
    return status, _decimal_hours({names.get(int(a), a) if str(a).isdigit() else a: h for a, h in hours.items()})


def audit_attendance_value(snapshot: str | None) -> Any:
    if snapshot is None:
        return None
    data = json.loads(snapshot)
    return data["status"], _decimal_hours(data["hours"])


def hours_value(hours: Any, activity: str, work_area_id: int | None) -> Any:
    return Decimal(str(hours)), activity, work_area_id


def audit_hours_value(snapshot: str | None) -> Any:
    if snapshot is None:
        return None
    data = json.loads(snapshot)
    return hours_value(data["hours"], data["activity"], data["work_area_id"])


def chain(
    writes: list[dict[str, Any]], base_version: int, final: tuple[Any, int] | None, value_of: Callable
) -> Counter:
    """The clients' successful writes of one row against the stored row (see the module's docstring)."""
    found: Counter[str] = Counter()
    created = [w["version"] for w in writes if w["expected"] == 0]
    if created:
        # A new row starts at a random version (models.next_version), not 1: count this row's chain
        # from the version its first record got, as if it had started at 1.
        offset = min(created) - 1
        writes = [
            {**w, "version": w["version"] - offset, "expected": w["expected"] - offset if w["expected"] else 0}
            for w in writes
        ]
        if final is not None:
            final = (final[0], final[1] - offset)
    versions = Counter(w["version"] for w in writes)
    found["lost"] += sum(n - 1 for n in versions.values())  # two writers built on the same version
    steps = sorted(versions)
    for earlier, later in itertools.pairwise(steps):  # replaced by a writer who had not seen it
        if min(w["expected"] for w in writes if w["version"] == later) < earlier:
            found["lost"] += 1
    stored_value, stored_version = final if final is not None else (None, 0)
    found["lost"] += sum(1 for w in writes if w["version"] > stored_version)
    found["unexplained"] += len(set(range(base_version + 1, stored_version + 1)) - set(versions))
    found["unexplained"] += sum(1 for w in writes if w["version"] != w["expected"] + 1)
    if writes:
        last = max(writes, key=lambda w: w["version"])
        if last["version"] <= stored_version and value_of(last) != stored_value:
            found["lost"] += 1
    return found


def check(url: str, prepared: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    database = open_database(url, create=False, check=False)
    try:
        with database.session() as s:
            names = {a.id: a.name for a in s.scalars(select(WorkArea))}
            stored_attendance: dict[str, tuple[Any, int]] = {}
            for record in s.scalars(select(Attendance).where(Attendance.day.in_(prepared["days"]))):
                value = attendance_key_value(record.status, {h.work_area_id: h.hours for h in record.hours}, names)
                stored_attendance[f"{record.member_id} {record.day}"] = (value, record.version)
            written_ids = {w["id"] for r in results for w in r["hours_writes"]}
            stored_hours = {
                str(e.id): (hours_value(e.hours, e.activity, e.work_area_id), e.version)
                for e in s.scalars(select(SupervisorHours).where(SupervisorHours.id.in_(written_ids)))
            }
            months = {Month.parse(p) for p in prepared["months"]}
            in_months = sum(
                s.scalar(
                    select(func.count())
                    .select_from(SupervisorHours)
                    .where(SupervisorHours.day >= m.first, SupervisorHours.day <= m.last)
                )
                or 0
                for m in months
            )
            audit = list(
                s.scalars(
                    select(AuditEntry)
                    .where(
                        AuditEntry.id > prepared["audit_start"],
                        AuditEntry.entity.in_(("attendance", "supervisor_hours")),
                        AuditEntry.action.in_(("create", "update")),
                    )
                    .order_by(AuditEntry.id)
                )
            )
    finally:
        database.close()

    found: Counter[str] = Counter()
    # Attendance: the rows of the load days.
    writes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        for w in r["attendance_writes"]:
            writes[f"{w['member_id']} {w['day']}"].append(w)

    def attendance_of(w: dict[str, Any]) -> Any:
        return attendance_key_value(w["status"], w["hours"], names)

    base = prepared["base"]
    for key in set(base) | set(writes) | set(stored_attendance):
        base_version = base.get(key, {}).get("version", 0)
        found.update(chain(writes.get(key, []), base_version, stored_attendance.get(key), attendance_of))
    # Supervisor hours: every entry the clients made (and changed).
    hour_writes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        for w in r["hours_writes"]:
            hour_writes[str(w["id"])].append(w)

    def hours_of(w: dict[str, Any]) -> Any:
        return hours_value(w["hours"], w["activity"], w["work_area_id"])

    for key, entries in hour_writes.items():
        found.update(chain(entries, 0, stored_hours.get(key), hours_of))
    found["unexplained"] += in_months - len(hour_writes)  # entries in the load's months no client made

    # The audit log.
    by_actor = Counter(e.actor for e in audit)
    for r in results:
        written = len(r["attendance_writes"]) + len(r["hours_writes"])
        found["audit count mismatch"] += abs(by_actor.pop(r["actor"], 0) - written)
    found["audit count mismatch"] += sum(by_actor.values())  # entries by someone who is not a client
    trail: dict[str, list[AuditEntry]] = defaultdict(list)
    for e in audit:
        if e.entity == "attendance":
            trail[f"{e.member_id} {(e.summary or '').rsplit(' ', 1)[-1]}"].append(e)
        else:
            trail[f"h{e.entity_id}"].append(e)
    for key, entries in trail.items():
        if key.startswith("h"):
            before, stored, parse = None, stored_hours.get(key[1:]), audit_hours_value
            count = len(hour_writes.get(key[1:], []))
        else:
            value = base.get(key, {}).get("value")
            before = attendance_key_value(value[0], value[1], names) if value else None
            stored, parse, count = stored_attendance.get(key), audit_attendance_value, len(writes.get(key, []))
        found["audit count mismatch"] += abs(len(entries) - count)
        for e in entries:
            if parse(e.old) != before:
                found["audit chain breaks"] += 1
            before = parse(e.new)
        if before != (stored[0] if stored else None):
            found["audit chain breaks"] += 1
    found["audit entries"] = len(audit)
    found["rows checked"] = len(set(base) | set(writes)) + len(hour_writes)
    return found
