"""The application layer: one write path under both faces (no Qt).

::

    ui/ (PySide6)        cli/ (argparse)
          \\                 /
           app/  Application.execute(Command) -> Changes, read(Query)
             |     commands: one unit of work, permission, audit ids, offline replay
           core/ services (plain functions on a Session), rules, plain read models
             |
           storage/  database, sessions, migrations, backups, files

Commands say what they changed (``Changes``: member-days, members, months, kinds), so a view
updates one row instead of reloading. The GUI runs every command and query on its one database worker
(ui/tasks.py); the CLI calls them directly.
"""

from coopdesk.app.changes import Changes

__all__ = ["Changes"]
