"""indexes for the digest's windows over a year of history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 11:30:00

bench/digest_build.py over 1,000,000 messages spent its time scanning the outbox for sends and
reviews of a day, and the cases for those opened on a day or waiting on the customer.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("ix_outbox_sent_at", "outbox", ["sent_at"]),
    ("ix_outbox_reviewed_at", "outbox", ["reviewed_at"]),
    ("ix_porting_case_opened_at", "porting_case", ["opened_at"]),
    ("ix_porting_case_status_updated", "porting_case", ["status", "updated_at"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
