"""inventory, notices to contacts of record, disclosure audit

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:00:00

The outbox's one-reply-per-message constraint becomes one row per (message, kind, recipient),
so a message can have its reply and notices to the contacts of record beside it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_WHEN = sqlmodel.sql.sqltypes.UTCDateTime


def _outbox_as_created() -> sa.Table:
    """The 0001 outbox with its unnamed UNIQUE(reply_to_message) named, so SQLite can drop it."""
    return sa.Table(
        "outbox",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("porting_case.id"), nullable=False),
        sa.Column("reply_to_message", sa.Integer(), sa.ForeignKey("message.id"), nullable=False),
        sa.Column("message_id", _TEXT(), nullable=False, unique=True),
        sa.Column("recipient", _TEXT(), nullable=False),
        sa.Column("subject", _TEXT(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("action", _TEXT(), nullable=False),
        sa.Column("template", _TEXT(), nullable=False),
        sa.Column("status", _TEXT(), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _WHEN(), nullable=True),
        sa.Column("last_error", _TEXT(), nullable=True),
        sa.Column("created_at", _WHEN(), nullable=False),
        sa.Column("sent_at", _WHEN(), nullable=True),
        sa.Column("claimed_by", _TEXT(), nullable=True),
        sa.Column("claimed_until", _WHEN(), nullable=True),
        sa.UniqueConstraint("reply_to_message", name="outbox_reply_to_message_key"),
        sa.Index("ix_outbox_case_id", "case_id"),
        sa.Index("ix_outbox_recipient", "recipient"),
        sa.Index("ix_outbox_status", "status"),
    )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table(
        "outbox", copy_from=_outbox_as_created() if sqlite else None
    ) as batch_op:
        batch_op.add_column(sa.Column("kind", _TEXT(), nullable=False, server_default="reply"))
        batch_op.add_column(sa.Column("disclosure_json", _TEXT(), nullable=True))
        batch_op.drop_constraint("outbox_reply_to_message_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_outbox_message_kind_recipient", ["reply_to_message", "kind", "recipient"]
        )
        batch_op.create_index("ix_outbox_reply_to_message", ["reply_to_message"], unique=False)

    op.create_table(
        "inventory_number",
        sa.Column("number_e164", _TEXT(), nullable=False),
        sa.Column("account_key", _TEXT(), nullable=False),
        sa.Column("account_id_sealed", _TEXT(), nullable=False),
        sa.Column("company_name", _TEXT(), nullable=False),
        sa.Column("address_line", _TEXT(), nullable=False),
        sa.Column("city", _TEXT(), nullable=False),
        sa.Column("postcode", _TEXT(), nullable=False),
        sa.Column("country", _TEXT(), nullable=False),
        sa.Column("carrier", _TEXT(), nullable=False),
        sa.Column("authorized_emails", _TEXT(), nullable=False),
        sa.Column("migration_code_sealed", _TEXT(), nullable=True),
        sa.Column("cvp_code_sealed", _TEXT(), nullable=True),
        sa.Column("port_out_pin_sealed", _TEXT(), nullable=True),
        sa.Column("twilio_subaccount_sid", _TEXT(), nullable=True),
        sa.Column("fingerprint", _TEXT(), nullable=False),
        sa.Column("updated_at", _WHEN(), nullable=False),
        sa.PrimaryKeyConstraint("number_e164"),
    )
    op.create_index(
        "ix_inventory_number_account_key", "inventory_number", ["account_key"], unique=False
    )

    op.create_table(
        "disclosure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _WHEN(), nullable=False),
        sa.Column("actor", _TEXT(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("recipient", _TEXT(), nullable=False),
        sa.Column("numbers", _TEXT(), nullable=False),
        sa.Column("fields", _TEXT(), nullable=False),
        sa.Column("verification", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["porting_case.id"]),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_disclosure_at", "disclosure", ["at"], unique=False)
    op.create_index("ix_disclosure_case_id", "disclosure", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_table("disclosure")
    op.drop_table("inventory_number")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_index("ix_outbox_reply_to_message")
        batch_op.drop_constraint("uq_outbox_message_kind_recipient", type_="unique")
        batch_op.create_unique_constraint("outbox_reply_to_message_key", ["reply_to_message"])
        batch_op.drop_column("disclosure_json")
        batch_op.drop_column("kind")
