"""Issued statements and e-invoices (domain.md §9): every attest issues each district's statement.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

New tables only: ``issued_statement``, and for e-invoices ``invoicing_settings`` (the cooperative's),
``district_invoicing`` and ``invoice`` (the invoices written). Like the audit log (0002), issued
statements and invoices are append-only in the database itself: a trigger refuses every UPDATE and
DELETE (and TRUNCATE on PostgreSQL), whatever does it — a script, a database tool or a bug — so a
statement once issued can always be printed again exactly as it was sent, and an invoice number is
never used twice. The downgrade drops the tables (schema 0009 has no place for them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "{table} is append-only: what was issued or written cannot be changed or removed"
TABLES = ("issued_statement", "invoice")


def upgrade() -> None:
    op.create_table(
        "issued_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=20), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_statement")),
        sa.UniqueConstraint("district_id", "month", "version", name=op.f("uq_issued_statement_district_id")),
    )
    op.create_index("ix_issued_statement_month", "issued_statement", ["month"])
    _append_only("issued_statement")
    _invoicing()


def _invoicing() -> None:
    """E-invoices (domain.md §9): the cooperative's and the districts' invoicing details, and the
    invoices written — append-only like the issued statements, so that a number is never used twice."""
    op.create_table(
        "invoicing_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("peppol_id", sa.String(length=60), nullable=True),
        sa.Column("vat_number", sa.String(length=20), nullable=True),
        sa.Column("f_tax", sa.Boolean(), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("bankgiro", sa.String(length=12), nullable=True),
        sa.Column("plusgiro", sa.String(length=12), nullable=True),
        sa.Column("payment_days", sa.Integer(), server_default="30", nullable=False),
        sa.Column("number_prefix", sa.String(length=10), server_default="", nullable=False),
        sa.Column("next_number", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoicing_settings")),
    )
    op.create_table(
        "district_invoicing",
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("org_number", sa.String(length=11), nullable=True),
        sa.Column("peppol_id", sa.String(length=60), nullable=True),
        sa.Column("buyer_reference", sa.String(length=100), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["district.id"],
            name=op.f("fk_district_invoicing_district_id_district"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", name=op.f("pk_district_invoicing")),
    )
    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("statement_version", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.String(length=20), nullable=False),
        sa.Column("written_by", sa.String(length=200), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice")),
        sa.UniqueConstraint("number", name=op.f("uq_invoice_number")),
        sa.UniqueConstraint("district_id", "month", "statement_version", "basis", name=op.f("uq_invoice_district_id")),
    )
    _append_only("invoice")


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE.format(table=table)}'; END $$"
        )
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE.format(table=table)}'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in reversed(TABLES):
        for event in ("update", "delete", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    op.drop_table("invoice")
    op.drop_table("district_invoicing")
    op.drop_table("invoicing_settings")
    op.drop_index("ix_issued_statement_month", table_name="issued_statement")
    op.drop_table("issued_statement")
