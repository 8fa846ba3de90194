"""The writer of the crash-safety harness: registers attendance in a loop until it is killed.

Run from the repository root as ``python -m tests.crash.writer DB_PATH SEED`` (or by path). It opens
the database with coopdesk's own ``open_database`` (WAL, ``synchronous=FULL``), collects the planned
days of the last weeks before :data:`TODAY` that lie in unlocked months, and then, forever, registers
attendance through ``attendance.register``, one unit of work (``with db.session()``) at a time. Most
units of work register one day; some register 2–5 days, and a few 10–30, so that a kill also lands
in the middle of a longer transaction.

Every write changes the record it touches: ``present`` carries hours that encode the write's
sequence number, and an absence is never the status the record already has. What the writer prints,
one line each, flushed at once:

``ready <candidates>``
    the database is open and the candidate days are known; writing starts.
``intent <txn> <member_id> <day> <status> <hours> <seq>``
    printed (all lines of the unit of work at once) before the unit of work starts.
``committed <member_id> <day> <status> <hours> <seq>``
    printed only after the ``with`` block has committed, for every change in it.

``<hours>`` is ``-`` for an absence, else ``area_id:hours`` pairs joined by commas (``2:13.07`` or
``1:4.50,3:0.25``), hours with two decimals. A change is therefore committed, and may be missing from
the database only through a bug, as soon as its ``committed`` line exists; the one transaction after
the last ``committed`` lines (its ``intent`` lines are there) may or may not have committed.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run by path: make the source tree importable
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from coopdesk.core.actor import Actor  # noqa: E402
from coopdesk.core.models import WorkArea  # noqa: E402
from coopdesk.core.services import attendance  # noqa: E402
from coopdesk.core.services.register import day_register  # noqa: E402
from coopdesk.storage.database import open_database  # noqa: E402

# The demo database of the harness is generated for this day: April and May 2026 are not attested.
TODAY = dt.date(2026, 5, 20)
WEEKS = 6
ACTOR = Actor("krocktest")
ABSENCES = ("sick", "leave", "absent_notified", "absent_unnotified")

# A record as the harness compares it: (status, ((area_id, hundredths), ...)).
State = tuple[str, tuple[tuple[int, int], ...]]
Key = tuple[int, dt.date]


def format_hours(hours: tuple[tuple[int, int], ...]) -> str:
    if not hours:
        return "-"
    return ",".join(f"{area}:{h // 100}.{h % 100:02d}" for area, h in hours)


def parse_hours(text: str) -> tuple[tuple[int, int], ...]:
    if text == "-":
        return ()
    pairs = []
    for item in text.split(","):
        area, value = item.split(":")
        whole, _, cents = value.partition(".")
        pairs.append((int(area), int(whole) * 100 + int(cents or 0)))
    return tuple(sorted(pairs))


def candidates(db, today: dt.date) -> tuple[list[tuple[int, dt.date, int]], dict[Key, State], list[int]]:
    """(member_id, day, area_id) of every planned day of the last weeks in unlocked months,
    the state of each as it is now, and the work area ids."""
    found: list[tuple[int, dt.date, int]] = []
    states: dict[Key, State] = {}
    with db.session() as session:
        areas = sorted(session.scalars(select(WorkArea.id)))
        for back in range(WEEKS * 7, 0, -1):
            day = today - dt.timedelta(days=back)
            register = day_register(session, day)
            if register.locked_by:
                continue
            for row in register.planned_rows:
                area = row.primary_work_area_id or areas[0]
                found.append((row.member_id, day, area))
                states[(row.member_id, day)] = (
                    row.entry.status or "",
                    tuple(sorted((a, int(h * 100)) for a, h in row.entry.hours.items())),
                )
    return found, states, areas


def next_state(rng: random.Random, seq: int, area: int, areas: list[int], current: State) -> State:
    """A state different from ``current``: present with hours that encode ``seq``, or an absence."""
    if rng.random() < 0.6:
        hundredths = seq % 2300 + 1  # 0.01 … 23.00: more than 0, and with the extra below at most 24
        hours = [(area, hundredths)]
        if rng.random() < 0.3 and len(areas) > 1:
            other = rng.choice([a for a in areas if a != area])
            hours.append((other, (seq // 2300) % 100 + 1))  # 0.01 … 1.00
        state: State = ("present", tuple(sorted(hours)))
        if state != current:
            return state
    return (rng.choice([s for s in ABSENCES if s != current[0]]), ())


def line(kind: str, key: Key, state: State, seq: int) -> str:
    member_id, day = key
    return f"{kind} {member_id} {day.isoformat()} {state[0]} {format_hours(state[1])} {seq}"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tests.crash.writer DB_PATH SEED", file=sys.stderr)
        return 2
    path, seed = argv[0], int(argv[1])
    rng = random.Random(seed)
    db = open_database(path, create=False)
    found, states, areas = candidates(db, TODAY)
    if not found:
        print("no planned days in unlocked months to register", file=sys.stderr)
        return 1
    out = sys.stdout
    out.write(f"ready {len(found)}\n")
    out.flush()
    seq = 0
    txn = 0
    while True:
        txn += 1
        shape = rng.random()
        size = 1 if shape < 0.6 else rng.randint(2, 5) if shape < 0.95 else rng.randint(10, 30)
        chosen = rng.sample(found, min(size, len(found)))
        changes: list[tuple[Key, State, int]] = []
        for member_id, day, area in chosen:
            seq += 1
            key = (member_id, day)
            changes.append((key, next_state(rng, seq, area, areas, states[key]), seq))
        out.write("".join(line(f"intent {txn}", key, state, s) + "\n" for key, state, s in changes))
        out.flush()
        with db.session() as session:
            for (member_id, day), (status, hours), _ in changes:
                attendance.register(
                    session,
                    ACTOR,
                    member_id,
                    day,
                    status,
                    {area: Decimal(h) / 100 for area, h in hours},
                    today=TODAY,
                )
        # Committed: only now is it reported.
        for key, state, _ in changes:
            states[key] = state
        out.write("".join(line("committed", key, state, s) + "\n" for key, state, s in changes))
        out.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
