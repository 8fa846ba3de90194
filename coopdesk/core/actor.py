"""The person behind a change, and the two roles. Kept free of SQLAlchemy so that the window can be
built (and painted) before the database layer is imported."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

ROLE_SUPERVISOR = "handledare"
ROLE_ADMIN = "administratör"


@dataclass(frozen=True)
class Actor:
    """The person behind a change. Until user accounts exist, the OS user stands in."""

    name: str
    role: str = ROLE_ADMIN

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
