"""The store: SQLModel tables, migrations and the operations on them (the only session opener)."""

from bot.store.repository import (
    AlreadyProcessed,
    Answer,
    AnswerBuilder,
    NewReply,
    Store,
    StoredMessage,
    case_token,
    dedupe_key,
    rate_window_start,
    utcnow,
)

__all__ = [
    "AlreadyProcessed",
    "Answer",
    "AnswerBuilder",
    "NewReply",
    "Store",
    "StoredMessage",
    "case_token",
    "dedupe_key",
    "rate_window_start",
    "utcnow",
]
