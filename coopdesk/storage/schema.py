"""The schema version this program writes, known without importing alembic.

Opening a database that is already at this revision (the everyday case) then needs no alembic at
all, which keeps every command's start-up fast. tests/unit/test_storage.py checks that this matches
the newest migration in storage/migrations/versions.
"""

HEAD = "0007"
