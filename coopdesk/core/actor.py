"""The person behind a change, and the two roles. Kept free of SQLAlchemy so that the window can be
built (and painted) before the database layer is imported."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

ROLE_SUPERVISOR = "handledare"
ROLE_ADMIN = "administratör"
ROLES = (ROLE_SUPERVISOR, ROLE_ADMIN)


@dataclass(frozen=True)
class Actor:
    """The person behind a change: a logged-in user account (``login``), or for the few jobs that run
    without one (creating a database, tests) a stand-in with ``login`` empty."""

    name: str
    role: str = ROLE_ADMIN
    login: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN

    @classmethod
    def system_user(cls) -> Actor:
        try:
            name = getpass.getuser()
        except Exception:  # no login name (some containers, services)
            name = "okänd"
        return cls(name=name)
