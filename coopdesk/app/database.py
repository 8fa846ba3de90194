"""Opening a database for a face, and the errors about a database file the faces tell apart.

Loading this module loads SQLAlchemy: the GUI imports it only once its window is on screen (ui/gui.py).
The definitions live in storage/; the GUI reaches them through here (it imports nothing of storage).
"""

from __future__ import annotations

from coopdesk.storage.database import CorruptDatabaseError, Database, check_integrity, open_database
from coopdesk.storage.keyfile import MissingKeyFileError

__all__ = ["CorruptDatabaseError", "Database", "MissingKeyFileError", "check_integrity", "map_models", "open_database"]


def map_models() -> None:
    """Configure the ORM's mappers now; otherwise the first query does it (about 60 ms). The login
    dialog's preload calls this on its thread, so the first query after a login does not."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
