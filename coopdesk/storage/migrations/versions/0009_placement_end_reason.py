"""Why a placement ended (domain.md §8): ``placement.end_reason``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

One nullable column; every placement that ended before this revision has no reason (the yearly
figures count it as ``unknown``). The allowed values are checked by the services and the import, not
by a CHECK constraint: adding one on SQLite would rebuild the placement table, and a new reason must
not need a migration of its own. The downgrade drops the column (and the reasons with it: schema 0008
has no place for them); on SQLite, batch mode rebuilds the table for that.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("placement", sa.Column("end_reason", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("placement") as batch:
        batch.drop_column("end_reason")
