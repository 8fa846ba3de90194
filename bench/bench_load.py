"""Load test: 10 client processes on one database at the same time, with deliberate collisions.

    .venv/bin/python bench/bench_load.py                 # a throwaway PostgreSQL cluster, about 15 s
    .venv/bin/python bench/bench_load.py --sqlite        # the same load on one SQLite file, for comparison
    .venv/bin/python bench/bench_load.py --db URL        # an empty PostgreSQL database of yours (it is filled)
    .venv/bin/python bench/bench_load.py --no-versions   # negative control: the checker must find lost updates

**Setup** (one process, before the clock): the schema and a first administrator
(``access.create_database``), the demo cooperative through the import path (``demo_document(today,
members=22)``: 20 of its members are placed on the load days; three supervisors) and one supervisor
account (role handledare) per client. By default the database is a new PostgreSQL cluster from
``scripts/pg-test-cluster.sh`` in a temporary folder, on 127.0.0.1, stopped and removed at the end
whatever happens. It runs with ``fsync = off`` (it is thrown away), so commits cost less than on a
real server.

**Clients**: 10 processes by default (the sum of ``--day-groups``; multiprocessing, spawn), each
logged in with ``access.login`` as its own account, each with its own engine and connection, doing
what a supervisor at a PC does, one unit of work (``Database.session()``: the service call and its
commit) per action. Every phase starts at a common barrier, so that the clients sharing a day or a
supervisor-month work on it at the same moment:

1. *A day*: read the day register (``day_register``: every placed member's row with its version),
   then register every member (``attendance.register`` with ``expected_version`` = the version the
   client read, 0 for no record, as the GUI does). The value is the client's own (seeded by client,
   member and day: present with 1–8 hours, sometimes on two areas, or an absence on a planned day),
   so clients sharing a day mostly want different values.
2. *A month of supervisor hours*: ``supervisors.log_hours`` for every working day of a supervisor-month,
   one or two entries a day (supervision, and half the days some administration).
3. *Review the month*: read every entry of the supervisor-month (the client's own and its partner's,
   with their versions) and correct each one's hours (``supervisors.update_hours`` with
   ``expected_version`` = the version read); the new value always differs from the value read.

**Collisions.** ``--day-groups 4,2,2,1,1`` (the default) puts clients 0–3 on the first open day after
``--today``, clients 4–5 on the second, 6–7 on the third, and 8 and 9 alone on the fourth and fifth
(no collision: a control). ``--hours-groups 2,2,2,2,1,1`` pairs clients 0–1, 2–3, 4–5 and 6–7 on a
supervisor-month each (the demo's three supervisors in the month after ``--today``, then the month
after that), and 8 and 9 each have one alone. In a group the clients alternate direction (the first
goes down the list, the second up it, …), so they meet in the middle and every row is wanted by
several clients at about the same time.

**A conflict** is a ``ConflictError``: either the service saw a version other than the expected one
("check"), or the database caught a race between the read and the write ("race": the ``UPDATE …
WHERE version = …`` matched nothing, or a second first record of a member and day broke the UNIQUE
constraint). The client then does what the message tells the user: it re-reads the row (one read,
timed as its own kind) and makes its change once more with the fresh version. If that conflicts again
it gives up (the user would look again). Registering exactly what is already stored is no conflict
(``register`` returns the stored record and writes nothing): counted as *agreed*.

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

``--no-versions`` runs the same load with ``expected_version=None`` (no check: last writer wins, as the
CLI and scripts write) while the clients still log the version they saw: the checker must then report
lost updates, which shows that it can find them. The row versions still catch a race inside one
service call there (a few "race" conflicts), and the audit chain stays whole.

Latency is per service call, measured around the whole unit of work (opening the session, the service,
the commit; a conflict's rollback). The wall time runs from the first client leaving the start barrier
to the last client finishing, barriers between the phases included; throughput is every service call
(reads included) over the wall time. Nothing is asserted; the last lines are the verdicts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: make the source tree importable
    sys.path.insert(0, str(ROOT))

from common import DEFAULT_TODAY, isolate_home, print_table, verdict  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from coopdesk import access  # noqa: E402
from coopdesk.core.actor import ROLE_SUPERVISOR  # noqa: E402
from coopdesk.core.calendar import Month, is_working_day  # noqa: E402
from coopdesk.core.demo import demo_document  # noqa: E402
from coopdesk.core.errors import ConflictError, CoopdeskError  # noqa: E402
from coopdesk.core.exchange.importer import import_document  # noqa: E402
from coopdesk.core.models import Attendance, AuditEntry, Supervisor, SupervisorHours, WorkArea  # noqa: E402
from coopdesk.core.services import attendance, supervisors, users  # noqa: E402
from coopdesk.core.services.register import day_register  # noqa: E402
from coopdesk.storage.database import Database, open_database  # noqa: E402

CLUSTER_SCRIPT = ROOT / "scripts" / "pg-test-cluster.sh"
ADMIN = ("lastadmin", "Lasttest Administratör", "lasttest-admin-lösen")
ABSENCES = ("sick", "absent_notified", "absent_unnotified", "leave")
BARRIER_TIMEOUT_S = 300
# The order of the operation kinds in the table.
KINDS = (
    "read day",
    "register",
    "read member's day",
    "register (retry)",
    "log_hours",
    "read month",
    "update_hours",
    "read entry",
    "update_hours (retry)",
)


def client_login(index: int) -> tuple[str, str, str]:
    return f"klient{index:02d}", f"Lastklient {index:02d}", f"lasttest-lösen-{index:02d}"


# --- the clients --------------------------------------------------------------------------------


class Client:
    """One client process: its account, its plan, its timings and its log of successful writes."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.index: int = plan["index"]
        self.seed: int = plan["seed"]
        self.db: Database | None = None
        self.actor: Any = None
        self.actor_name = ""
        self.started = self.finished = 0.0
        self.latency: dict[str, list[float]] = defaultdict(list)  # kind → ms
        self.outcomes: dict[str, Counter[str]] = defaultdict(Counter)  # kind → ok/agreed/conflict/error → n
        self.conflicts: Counter[str] = Counter()  # check / race
        self.retries: Counter[str] = Counter()  # the retry's outcome
        self.errors: list[str] = []
        self.attendance_writes: list[dict[str, Any]] = []
        self.agreed: list[dict[str, Any]] = []
        self.hours_writes: list[dict[str, Any]] = []
        self.anomalies: list[str] = []
        self.phases: dict[str, float] = {}

    # One unit of work, timed; returns (outcome, result).
    def call(self, kind: str, work: Callable[[Session], Any]) -> tuple[str, Any]:
        assert self.db is not None
        start = time.perf_counter()
        result: Any = None
        try:
            with self.db.session() as session:
                result = work(session)
            outcome = "agreed" if isinstance(result, dict) and result.get("agreed") else "ok"
        except ConflictError as error:
            outcome = "conflict"
            self.conflicts["race" if error.__cause__ is not None else "check"] += 1
        except CoopdeskError as error:
            outcome = "error"
            self.errors.append(f"{kind}: {type(error).__name__}: {error.en}")
        except Exception as error:  # a traceback the user would see: the worst kind of result
            outcome = "error"
            self.errors.append(f"{kind}: {type(error).__name__}: {error}")
        self.latency[kind].append((time.perf_counter() - start) * 1000)
        self.outcomes[kind][outcome] += 1
        return outcome, result

    # --- phase 1: a day ---------------------------------------------------------------------

    def attendance_value(self, member_id: int, planned: bool, primary: int | None) -> tuple[str, dict[int, Decimal]]:
        day = self.plan["day"]
        rng = random.Random(f"attendance-{self.seed}-{self.index}-{member_id}-{day}")
        areas: list[int] = self.plan["work_areas"]
        if planned and rng.random() < 0.3:
            return rng.choice(ABSENCES), {}
        quarters = rng.randint(4, 32)
        area = primary if primary in areas else areas[0]
        if quarters >= 8 and rng.random() < 0.2:
            part = rng.randint(2, quarters - 4)
            other = rng.choice([a for a in areas if a != area])
            return "present", {area: Decimal(quarters - part) / 4, other: Decimal(part) / 4}
        return "present", {area: Decimal(quarters) / 4}

    def register(self, kind: str, member_id: int, value: tuple[str, dict[int, Decimal]], expected: int) -> str:
        day = dt.date.fromisoformat(self.plan["day"])
        today = dt.date.fromisoformat(self.plan["register_today"])
        status, hours = value

        def work(session: Session) -> dict[str, Any]:
            record = attendance.register(
                session,
                self.actor,
                member_id,
                day,
                status,
                hours or None,
                today=today,
                expected_version=expected if self.plan["versions"] else None,
            )
            # A write adds its audit entry to the session; "the other PC registered just this" adds none.
            wrote = any(isinstance(o, AuditEntry) for o in session.new)
            return {"agreed": not wrote, "version": record.version}

        outcome, result = self.call(kind, work)
        if outcome in ("ok", "agreed"):
            entry = {
                "member_id": member_id,
                "day": self.plan["day"],
                "status": status,
                "hours": {str(a): str(h) for a, h in hours.items()},
                "expected": expected,
                "version": result["version"],
            }
            if outcome == "agreed":
                self.agreed.append(entry)
            else:
                self.attendance_writes.append(entry)
                if self.plan["versions"] and expected and result["version"] != expected + 1:
                    self.anomalies.append(f"register {member_id} {day}: expected {expected}, now {result['version']}")
        return outcome

    def do_day(self) -> None:
        day = dt.date.fromisoformat(self.plan["day"])
        outcome, rows = self.call(
            "read day",
            lambda s: [
                (r.member_id, r.entry.version, bool(r.entry.planned), r.primary_work_area_id)
                for r in day_register(s, day).rows
            ],
        )
        if outcome != "ok":
            return
        if self.plan["reverse"]:
            rows.reverse()
        for member_id, version, planned, primary in rows:
            value = self.attendance_value(member_id, planned, primary)
            if self.register("register", member_id, value, version) != "conflict":
                continue
            outcome, fresh = self.call(
                "read member's day", lambda s, m=member_id: day_register(s, day, member_id=m).rows[0].entry.version
            )
            if outcome != "ok":
                continue
            self.retries[self.register("register (retry)", member_id, value, fresh)] += 1

    # --- phases 2 and 3: a month of supervisor hours ---------------------------------------

    def month_days(self) -> list[dt.date]:
        return [d for d in Month.parse(self.plan["month"]).days() if is_working_day(d)]

    def log_month(self) -> None:
        supervisor_id, cap = self.plan["supervisor_id"], self.plan["cap_quarters"]
        areas: list[int] = self.plan["work_areas"]
        for day in self.month_days():
            rng = random.Random(f"log-{self.seed}-{self.index}-{day}")
            wanted = [(Decimal(rng.randint(8, min(20, cap))) / 4, "supervision", rng.choice(areas))]
            if rng.random() < 0.5:
                wanted.append((Decimal(rng.randint(2, min(8, cap))) / 4, "administration", None))
            for hours, activity, area in wanted:

                def work(s: Session, d=day, h=hours, a=activity, w=area) -> dict[str, Any]:
                    entry = supervisors.log_hours(s, self.actor, supervisor_id, d, h, a, w)
                    return {"id": entry.id, "version": entry.version}

                outcome, result = self.call("log_hours", work)
                if outcome == "ok":
                    self.hours_writes.append(
                        {
                            "id": result["id"],
                            "hours": str(hours),
                            "activity": activity,
                            "work_area_id": area,
                            "expected": 0,
                            "version": result["version"],
                        }
                    )

    def update(self, kind: str, entry_id: int, seen: Decimal, expected: int) -> str:
        rng = random.Random(f"update-{self.seed}-{self.index}-{entry_id}-{kind}")
        cap = self.plan["cap_quarters"]
        quarters = rng.randint(4, cap)
        if Decimal(quarters) / 4 == seen:  # always a change: an unchanged row gets no new version
            quarters = quarters - 1 if quarters > 4 else quarters + 1
        hours = Decimal(quarters) / 4

        def work(s: Session) -> dict[str, Any]:
            version = expected if self.plan["versions"] else None
            entry = supervisors.update_hours(s, self.actor, entry_id, hours=hours, expected_version=version)
            return {"version": entry.version, "activity": entry.activity, "work_area_id": entry.work_area_id}

        outcome, result = self.call(kind, work)
        if outcome == "ok":
            self.hours_writes.append(
                {
                    "id": entry_id,
                    "hours": str(hours),
                    "activity": result["activity"],
                    "work_area_id": result["work_area_id"],
                    "expected": expected,
                    "version": result["version"],
                }
            )
            if self.plan["versions"] and result["version"] != expected + 1:
                self.anomalies.append(f"update_hours {entry_id}: expected {expected}, now {result['version']}")
        return outcome

    def review_month(self) -> None:
        month = Month.parse(self.plan["month"])
        supervisor_id = self.plan["supervisor_id"]
        query = (
            select(SupervisorHours.id, SupervisorHours.version, SupervisorHours.hours)
            .where(
                SupervisorHours.supervisor_id == supervisor_id,
                SupervisorHours.day >= month.first,
                SupervisorHours.day <= month.last,
            )
            .order_by(SupervisorHours.day, SupervisorHours.id)
        )
        outcome, entries = self.call("read month", lambda s: [tuple(row) for row in s.execute(query)])
        if outcome != "ok":
            return
        if self.plan["hours_reverse"]:
            entries.reverse()
        for entry_id, version, hours in entries:
            if self.update("update_hours", entry_id, hours, version) != "conflict":
                continue

            def read(s: Session, e=entry_id) -> tuple[int, Decimal]:
                entry = s.get(SupervisorHours, e)
                assert entry is not None
                return entry.version, entry.hours

            outcome, fresh = self.call("read entry", read)
            if outcome != "ok":
                continue
            self.retries[self.update("update_hours (retry)", entry_id, fresh[1], fresh[0])] += 1

    # --- the whole run -------------------------------------------------------------------------

    def run(self, barrier: Any) -> dict[str, Any]:
        login, _name, password = client_login(self.index)
        session = access.login(self.plan["url"], login, password, check=False)
        self.db, self.actor = session.db, session.actor
        self.actor_name = session.actor.name
        try:
            barrier.wait(BARRIER_TIMEOUT_S)
            self.started = time.time()
            for phase, step in (("day", self.do_day), ("log month", self.log_month), ("review", self.review_month)):
                if phase != "day":
                    barrier.wait(BARRIER_TIMEOUT_S)
                start = time.perf_counter()
                step()
                self.phases[phase] = time.perf_counter() - start
            self.finished = time.time()
        finally:
            self.db.close()
        return {
            "index": self.index,
            "actor": self.actor_name,
            "started": self.started,
            "finished": self.finished,
            "phases": self.phases,
            "latency": dict(self.latency),
            "outcomes": {k: dict(v) for k, v in self.outcomes.items()},
            "conflicts": dict(self.conflicts),
            "retries": dict(self.retries),
            "errors": self.errors,
            "attendance_writes": self.attendance_writes,
            "agreed": self.agreed,
            "hours_writes": self.hours_writes,
            "anomalies": self.anomalies,
        }


def client_main(plan: dict[str, Any], barrier: Any, results: Any) -> None:
    """The entry point of a client process: its result (or its traceback) goes to ``results``."""
    try:
        results.put(Client(plan).run(barrier))
    except BaseException:
        barrier.abort()  # the others must not wait for this one
        results.put({"index": plan["index"], "crashed": traceback.format_exc()})


# --- setup --------------------------------------------------------------------------------------


def start_cluster(folder: Path) -> str:
    done = subprocess.run([str(CLUSTER_SCRIPT), "start", str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"scripts/pg-test-cluster.sh start failed:\n{done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


def stop_cluster(folder: Path) -> None:
    done = subprocess.run([str(CLUSTER_SCRIPT), "stop", str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"warning: scripts/pg-test-cluster.sh stop {folder} failed: {done.stderr.strip()}")


def open_days(session: Session, first: dt.date, count: int) -> list[dt.date]:
    days, day = [], first
    while len(days) < count:
        if day_register(session, day).day_kind == "open":
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def setup(url: str, args: argparse.Namespace, clients: int) -> dict[str, Any]:
    """Schema, first administrator, the demo through the import path, one account per client."""
    login, name, password = ADMIN
    created = access.create_database(url, login, name, password, encrypt=False)
    db, actor = created.session.db, created.session.actor
    try:
        document = demo_document(args.today, members=args.members, seed=args.seed)
        with db.session() as s:
            summary = import_document(s, document, actor=actor, today=args.today)
        with db.session() as s:
            for index in range(clients):
                login_name, full_name, secret = client_login(index)
                users.add_user(s, actor, login_name, full_name, ROLE_SUPERVISOR, secret, must_change=False)
        with db.session() as s:
            days = open_days(s, args.today, len(args.day_groups))
            base: dict[str, Any] = {}
            members_per_day = []
            for day in days:
                rows = day_register(s, day).rows
                members_per_day.append(len(rows))
                for r in rows:
                    value = (r.entry.status, {a: str(h) for a, h in r.entry.hours.items()}) if r.entry.version else None
                    base[f"{r.member_id} {day}"] = {"version": r.entry.version, "value": value}
            supervisor_ids = list(s.scalars(select(Supervisor.id).order_by(Supervisor.id)))
            work_areas = list(s.scalars(select(WorkArea.id).order_by(WorkArea.id)))
            audit_start = s.scalar(select(func.max(AuditEntry.id))) or 0
            server = s.execute(text("select version()")).scalar() if not db.is_sqlite else None
    finally:
        db.close()
    return {
        "summary": summary.describe_en(),
        "days": days,
        "members_per_day": members_per_day,
        "base": base,
        "supervisor_ids": supervisor_ids,
        "work_areas": work_areas,
        "audit_start": audit_start,
        "server": server,
    }


def plans(url: str, args: argparse.Namespace, prepared: dict[str, Any]) -> list[dict[str, Any]]:
    days: list[dt.date] = prepared["days"]
    supervisor_ids: list[int] = prepared["supervisor_ids"]
    month = Month.of(args.today).next()
    supervisor_months = []
    for group in range(len(args.hours_groups)):
        supervisor_months.append((supervisor_ids[group % len(supervisor_ids)], month))
        if group % len(supervisor_ids) == len(supervisor_ids) - 1:
            month = month.next()
    day_of = [(days[g], pos) for g, size in enumerate(args.day_groups) for pos in range(size)]
    hours_of = [(g, pos) for g, size in enumerate(args.hours_groups) for pos in range(size)]
    result = []
    for index in range(len(day_of)):
        day, position = day_of[index]
        group, hours_position = hours_of[index]
        supervisor_id, supervisor_month = supervisor_months[group]
        size = args.hours_groups[group]
        result.append(
            {
                "index": index,
                "url": url,
                "seed": args.seed,
                "day": day.isoformat(),
                "register_today": max(days).isoformat(),
                "reverse": position % 2 == 1,
                "supervisor_id": supervisor_id,
                "month": str(supervisor_month),
                "hours_reverse": hours_position % 2 == 1,
                # Every entry at most this many quarter hours: two entries per client and day stay ≤ 24 h.
                "cap_quarters": min(24, 96 // (2 * size)),
                "versions": not args.no_versions,
                "work_areas": prepared["work_areas"],
            }
        )
    return result


# --- the check ----------------------------------------------------------------------------------


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


# --- the report ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


def report(args: argparse.Namespace, prepared: dict[str, Any], results: list[dict[str, Any]], found: Counter) -> int:
    wall = max(r["finished"] for r in results) - min(r["started"] for r in results)
    latency: dict[str, list[float]] = defaultdict(list)
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for kind, values in r["latency"].items():
            latency[kind].extend(values)
        for kind, counts in r["outcomes"].items():
            outcomes[kind].update(counts)
    rows = []
    for kind in [k for k in KINDS if k in latency] + ["all"]:
        values = latency[kind] if kind != "all" else [v for vs in latency.values() for v in vs]
        counts = outcomes[kind] if kind != "all" else sum(outcomes.values(), Counter())
        rows.append(
            [
                kind,
                len(values),
                counts["ok"],
                counts["agreed"] or "",
                counts["conflict"] or "",
                counts["error"] or "",
                f"{percentile(values, 0.5):.1f}",
                f"{percentile(values, 0.95):.1f}",
                f"{max(values):.1f}",
            ]
        )
    print_table(
        ["operation", "calls", "ok", "agreed", "conflict", "error", "median ms", "p95 ms", "max ms"],
        rows,
        title="Service calls (each its own unit of work, commit included)",
    )
    calls = sum(len(v) for v in latency.values())
    writes = sum(len(r["attendance_writes"]) + len(r["hours_writes"]) for r in results)
    conflicts = sum((Counter(r["conflicts"]) for r in results), Counter())
    retries = sum((Counter(r["retries"]) for r in results), Counter())
    errors = [e for r in results for e in r["errors"]]
    anomalies = [a for r in results for a in r["anomalies"]]
    phases = {p: max(r["phases"].get(p, 0.0) for r in results) for p in ("day", "log month", "review")}
    writes_all = [v for k in KINDS if k.startswith(("register", "log_hours", "update_hours")) for v in latency[k]]
    print_table(
        ["figure", "value"],
        [
            ["clients", len(results)],
            ["service calls (reads included)", calls],
            ["successful writes (committed)", writes],
            ["agreed (already stored, nothing written)", sum(len(r["agreed"]) for r in results)],
            ["wall time", f"{wall:.2f} s"],
            ["  slowest client per phase", ", ".join(f"{p} {t:.2f} s" for p, t in phases.items())],
            ["throughput, all calls", f"{calls / wall:.0f} calls/s"],
            ["throughput, successful writes", f"{writes / wall:.0f} writes/s"],
            ["write latency (every write call) p50 / p95 / max", latency_line(writes_all)],
            ["conflicts detected", f"{sum(conflicts.values())} (check {conflicts['check']}, race {conflicts['race']})"],
            [
                "retries (once, with the fresh version)",
                f"{sum(retries.values())}: saved {retries['ok']}, agreed {retries['agreed']}, "
                f"conflict again (gave up) {retries['conflict']}, error {retries['error']}",
            ],
            ["errors", len(errors)],
            ["rows checked", found["rows checked"]],
            ["lost updates", found["lost"]],
            ["unexplained version steps or entries", found["unexplained"] + len(anomalies)],
            ["audit entries of the run", found["audit entries"]],
            ["audit count mismatches (per client, per row)", found["audit count mismatch"]],
            ["audit chain breaks (old ≠ previous new)", found["audit chain breaks"]],
        ],
        title="Figures",
        align="ll",
    )
    for line in (errors + anomalies)[:20]:
        print(f"  ! {line}")
    lost = found["lost"]
    print(f"\nlost updates: {lost} — goal 0 — {'OK' if lost == 0 else 'MISSED'}")
    print()
    print(verdict("lost updates (clients' logs against the database) = 0", str(lost), lost == 0))
    audit_bad = found["audit count mismatch"] + found["audit chain breaks"]
    print(
        verdict(
            "audit log agrees with the clients' writes (mismatches + chain breaks) = 0", str(audit_bad), not audit_bad
        )
    )
    print(verdict("errors (not conflicts) = 0", str(len(errors)), not errors))
    unexplained = found["unexplained"] + len(anomalies)
    print(verdict("unexplained version steps = 0", str(unexplained), not unexplained))
    total_conflicts = sum(conflicts.values())
    print(verdict("collisions really happened (conflicts > 0)", str(total_conflicts), total_conflicts > 0))
    return 0


def latency_line(values: list[float]) -> str:
    return f"{percentile(values, 0.5):.1f} / {percentile(values, 0.95):.1f} / {max(values):.1f} ms"


# --- main ---------------------------------------------------------------------------------------


def groups(text_value: str) -> list[int]:
    sizes = [int(part) for part in text_value.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("a list of group sizes ≥ 1, like 4,2,2,1,1")
    return sizes


def run_load(url: str, args: argparse.Namespace, clients: int) -> int:
    started = time.perf_counter()
    try:
        prepared = setup(url, args, clients)
    except CoopdeskError as error:  # e.g. --db names a database that is not empty
        raise SystemExit(f"setup failed: {error.en} (the load needs an empty database)") from error
    work = plans(url, args, prepared)
    prepared["months"] = sorted({p["month"] for p in work})
    backend = prepared["server"].split(",")[0] if prepared["server"] else "SQLite (one file, WAL)"
    print(f"database: {backend}")
    print(f"setup {time.perf_counter() - started:.1f} s: {prepared['summary']}; {clients} client accounts")
    for group, day in enumerate(prepared["days"]):
        who = [p["index"] for p in work if p["day"] == day.isoformat()]
        print(f"  day {day}: {prepared['members_per_day'][group]} members, clients {who}")
    for key in sorted({(p["supervisor_id"], p["month"]) for p in work}):
        who = [p["index"] for p in work if (p["supervisor_id"], p["month"]) == key]
        print(f"  supervisor {key[0]}, {key[1]}: clients {who}")

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(clients)
    queue = context.Queue()
    processes = [context.Process(target=client_main, args=(plan, barrier, queue)) for plan in work]
    for process in processes:
        process.start()
    results = []
    try:
        for _ in processes:
            results.append(queue.get(timeout=BARRIER_TIMEOUT_S * 4))
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    crashed = [r for r in results if "crashed" in r]
    for r in crashed:
        print(f"client {r['index']} crashed:\n{r['crashed']}")
    if crashed:
        return 1
    results.sort(key=lambda r: r["index"])
    found = check(url, prepared, results)
    return report(args, prepared, results, found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="an empty PostgreSQL database (URL); default: a throwaway cluster")
    where.add_argument("--sqlite", action="store_true", help="the same load on an SQLite file, for comparison")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY, help="the demo's today")
    parser.add_argument("--members", type=int, default=22, help="members in the demo (default 22: 20 placed)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the demo and of the clients' values")
    parser.add_argument("--day-groups", type=groups, default=[4, 2, 2, 1, 1], help="clients per day (4,2,2,1,1)")
    parser.add_argument(
        "--hours-groups", type=groups, default=[2, 2, 2, 2, 1, 1], help="clients per supervisor-month (2,2,2,2,1,1)"
    )
    parser.add_argument(
        "--no-versions",
        action="store_true",
        help="negative control: the clients pass no expected_version (last writer wins, as the CLI does), "
        "so the checker must find lost updates",
    )
    args = parser.parse_args(argv)
    clients = sum(args.day_groups)
    if sum(args.hours_groups) != clients:
        parser.error(f"--day-groups has {clients} clients, --hours-groups {sum(args.hours_groups)}")

    workdir = Path(tempfile.mkdtemp(prefix="coopdesk-load-"))
    isolate_home(workdir)
    cluster: Path | None = None
    try:
        if args.sqlite:
            url = str(workdir / "load.db")
        elif args.db:
            url = args.db
        else:
            cluster = Path(tempfile.mkdtemp(prefix="coopdesk-load-pg-"))
            url = start_cluster(cluster)
        return run_load(url, args, clients)
    finally:
        if cluster is not None:
            stop_cluster(cluster)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
