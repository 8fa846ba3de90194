"""This computer's side of coopdesk for the faces: where its files are, the backup folder setting, and
the lock that lets one app run per database.

The GUI reads these before any database is open (the window icon, the log file, the single instance),
so this module stays light: no SQLAlchemy and no database code is imported here (ui/gui.py loads the
database layer only after the window has been painted). The definitions live in storage/.
"""

from __future__ import annotations

from coopdesk.storage.config import backup_folder, set_backup_folder
from coopdesk.storage.instance_lock import InstanceLock
from coopdesk.storage.output_paths import sqlite_file
from coopdesk.storage.paths import exposure_warning, log_dir, resource

__all__ = [
    "InstanceLock",
    "backup_folder",
    "exposure_warning",
    "log_dir",
    "resource",
    "set_backup_folder",
    "sqlite_file",
]
