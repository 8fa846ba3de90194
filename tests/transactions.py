"""Counting a database's transactions, and which of them wrote: a command must be one unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from coopdesk.storage.database import Database

WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Transactions:
    """Each committed transaction as the list of tables its statements wrote (empty: a read)."""

    committed: list[list[str]] = field(default_factory=list)
    rolled_back: int = 0
    _open: dict[int, list[str]] = field(default_factory=dict)

    @property
    def writing(self) -> list[list[str]]:
        return [tables for tables in self.committed if tables]


@contextmanager
def counted(db: Database) -> Iterator[Transactions]:
    """Record the transactions on ``db``'s engine while the block runs."""
    seen = Transactions()
    engine = db.engine

    def begin(connection) -> None:
        seen._open[id(connection)] = []

    def execute(connection, cursor, statement: str, parameters, context, executemany) -> None:
        verb, _, rest = statement.lstrip().partition(" ")
        if verb.upper() in WRITES:
            table = rest.split()[1] if verb.upper() in ("INSERT", "DELETE") else rest.split()[0]
            seen._open.setdefault(id(connection), []).append(table.strip('"'))

    def commit(connection) -> None:
        seen.committed.append(seen._open.pop(id(connection), []))

    def rollback(connection) -> None:
        seen._open.pop(id(connection), None)
        seen.rolled_back += 1

    listeners = [("begin", begin), ("before_cursor_execute", execute), ("commit", commit), ("rollback", rollback)]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield seen
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)
