"""The load test's client processes: each logs in as its own supervisor account and works its plan.

Used by ``bench_load.py`` (see there for the phases, the collisions and what counts as a conflict),
which puts the source tree on sys.path; ``client_main`` is the entry point of a spawned process.
Each client returns its timings, its outcomes and its log of successful writes, which
``load_check.py`` holds against the database.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import access
from coopdesk.core.calendar import Month, is_working_day
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.core.models import AuditEntry, SupervisorHours
from coopdesk.core.services import attendance, supervisors
from coopdesk.core.services.register import day_register
from coopdesk.storage.database import Database

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
