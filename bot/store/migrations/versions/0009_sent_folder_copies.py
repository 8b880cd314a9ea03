"""a copy of each sent reply in the mailbox's Sent folder

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 19:10:00

[source.imap] sent_folder: replies marked sent with a copy due carry copy_pending until the copy
is appended, so a copy that failed (the IMAP server was down) is appended on a later pass.
Replies sent before this revision owe no copy.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("copy_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_outbox_copy_pending", ["copy_pending"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_copy_pending")
        batch.drop_column("copy_pending")
