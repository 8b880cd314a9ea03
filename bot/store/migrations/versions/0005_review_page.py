"""the review page: agents, case events, corrections, waiting and assignment

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_WHEN = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("porting_case") as batch_op:
        batch_op.add_column(sa.Column("waiting_since", _WHEN(), nullable=True))
        batch_op.add_column(sa.Column("assignee", _TEXT(), nullable=True))
        batch_op.create_index("ix_porting_case_waiting_since", ["waiting_since"], unique=False)
        batch_op.create_index("ix_porting_case_assignee", ["assignee"], unique=False)
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("reviewed_by", _TEXT(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", _WHEN(), nullable=True))
        batch_op.add_column(sa.Column("review_note", _TEXT(), nullable=True))
        batch_op.create_index(
            "ix_outbox_status_action_case", ["status", "action", "case_id"], unique=False
        )
    # Cases already waiting for an agent enter the queue at the time they were last updated.
    op.execute(
        "UPDATE porting_case SET waiting_since = updated_at "
        "WHERE status IN ('awaiting_review', 'referred')"
    )
    op.create_table(
        "agent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", _TEXT(), nullable=False),
        sa.Column("name", _TEXT(), nullable=False),
        sa.Column("role", _TEXT(), nullable=False),
        sa.Column("password_hash", _TEXT(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _WHEN(), nullable=True),
        sa.Column("created_at", _WHEN(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", _WHEN(), nullable=False),
        sa.Column("actor", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("detail", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["porting_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_event_case_id", "case_event", ["case_id"], unique=False)
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=True),
        sa.Column("at", _WHEN(), nullable=False),
        sa.Column("agent", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("before", _TEXT(), nullable=False),
        sa.Column("after", _TEXT(), nullable=False),
        sa.Column("case_type", _TEXT(), nullable=False),
        sa.Column("subject", _TEXT(), nullable=False),
        sa.Column("text", _TEXT(), nullable=False),
        sa.Column("language", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["porting_case.id"]),
        sa.ForeignKeyConstraint(["message_pk"], ["message.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_correction_case_id", "correction", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_table("correction")
    op.drop_table("case_event")
    op.drop_table("agent")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_index("ix_outbox_status_action_case")
        batch_op.drop_column("review_note")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
    with op.batch_alter_table("porting_case") as batch_op:
        batch_op.drop_index("ix_porting_case_assignee")
        batch_op.drop_index("ix_porting_case_waiting_since")
        batch_op.drop_column("assignee")
        batch_op.drop_column("waiting_since")
