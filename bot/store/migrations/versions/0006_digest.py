"""the digest: findings by message, review outcomes, the days already sent (per recipient)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_WHEN = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("review_outcome", _TEXT(), nullable=True))
    op.execute("UPDATE outbox SET review_outcome = 'rejected' WHERE status = 'rejected'")
    op.execute(
        "UPDATE outbox SET review_outcome = 'approved' "
        "WHERE reviewed_by IS NOT NULL AND status <> 'rejected'"
    )
    with op.batch_alter_table("message") as batch_op:
        batch_op.create_index("ix_message_received_at", ["received_at"], unique=False)
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("at", _WHEN(), nullable=False),
        sa.Column("case_type", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("key", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["message_pk"], ["message.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_finding_message_pk", "finding", ["message_pk"], unique=False)
    op.create_index("ix_finding_at", "finding", ["at"], unique=False)
    op.create_table(
        "digest_run",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recipient", _TEXT(), nullable=False),
        sa.Column("sent_at", _WHEN(), nullable=False),
        sa.PrimaryKeyConstraint("day", "recipient"),
    )


def downgrade() -> None:
    op.drop_table("digest_run")
    op.drop_table("finding")
    with op.batch_alter_table("message") as batch_op:
        batch_op.drop_index("ix_message_received_at")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("review_outcome")
