"""covering indexes for the digest's volumes and waiting drafts

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 14:30:00

bench/digest_build.py over 1,000,000 messages still spent 10 s in two places. Counting the
drafts waiting at a moment (`reviewed_at IS NULL OR reviewed_at >= t`) fetched every automatic
reply, since none has a review; the queries now ask the two halves apart, each a range of
ix_outbox_waiting. The day's volumes by status were read through ix_message_status, which
SQLite preferred to the received_at range without statistics, and fetched 800,000 rows;
ix_message_status_received answers them from the index. Each new index starts with the columns
of the one it replaces, so nothing that used the old one loses it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_message_status_received",
        "message",
        ["status", "received_at", "case_type", "language"],
        unique=False,
    )
    op.drop_index("ix_message_status", table_name="message")
    op.create_index(
        "ix_outbox_waiting",
        "outbox",
        ["reviewed_at", "automatic", "kind", "created_at", "reply_to_message"],
        unique=False,
    )
    op.drop_index("ix_outbox_reviewed_at", table_name="outbox")


def downgrade() -> None:
    op.create_index("ix_outbox_reviewed_at", "outbox", ["reviewed_at"], unique=False)
    op.drop_index("ix_outbox_waiting", table_name="outbox")
    op.create_index("ix_message_status", "message", ["status"], unique=False)
    op.drop_index("ix_message_status_received", table_name="message")
