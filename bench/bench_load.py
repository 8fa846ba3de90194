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

**Lost updates** (a successful write whose value was replaced by a write whose author had not seen
it) are found by holding the clients' logs of their successful writes against the database, and
cross-checked with the audit log: ``load_check.py`` says exactly how.

``--no-versions`` runs the same load with ``expected_version=None`` (no check: last writer wins, as the
CLI and scripts write) while the clients still log the version they saw: the checker must then report
lost updates, which shows that it can find them. The row versions still catch a race inside one
service call there (a few "race" conflicts). The audit cross-check then reports chain breaks too (about
30 a run): it orders a row's entries by id, and writers that do not check versions can commit in
another order than they took their ids.

Latency is per service call, measured around the whole unit of work (opening the session, the service,
the commit; a conflict's rollback). The wall time runs from the first client leaving the start barrier
to the last client finishing, barriers between the phases included; throughput is every service call
(reads included) over the wall time. Nothing is asserted; the last lines are the verdicts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: make the source tree importable
    sys.path.insert(0, str(ROOT))

# Siblings in bench/ (the script's folder is on sys.path); the clients' entry point lives in a module
# of its own, which a spawned process imports by name.
from common import DEFAULT_TODAY, isolate_home, print_table, verdict  # noqa: E402
from load_check import check  # noqa: E402
from load_clients import BARRIER_TIMEOUT_S, KINDS, client_login, client_main  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from coopdesk import access  # noqa: E402
from coopdesk.core.actor import ROLE_SUPERVISOR  # noqa: E402
from coopdesk.core.calendar import Month  # noqa: E402
from coopdesk.core.demo import demo_document  # noqa: E402
from coopdesk.core.errors import CoopdeskError  # noqa: E402
from coopdesk.core.exchange.importer import import_document  # noqa: E402
from coopdesk.core.models import AuditEntry, Supervisor, WorkArea  # noqa: E402
from coopdesk.core.services import users  # noqa: E402
from coopdesk.core.services.register import day_register  # noqa: E402

CLUSTER_SCRIPT = ROOT / "scripts" / "pg-test-cluster.sh"
ADMIN = ("lastadmin", "Lasttest Administratör", "lasttest-admin-lösen")


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
