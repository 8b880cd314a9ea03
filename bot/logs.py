"""Structured logging: key=value or JSON lines. Bodies and PINs are never logged by portdesk."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from bot.config import LoggingSettings


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        level, message = record.levelname.lower(), record.getMessage()
        line = f"ts={stamp} level={level} logger={record.name} msg={message!r}"
        if record.exc_info:
            line += f" exc={self.formatException(record.exc_info)!r}"
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: LoggingSettings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if settings.format == "json" else KeyValueFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.level)
    # APScheduler logs every job run at INFO and every coalesced run at WARNING; that drowns the
    # lines about messages. Job failures still come through at ERROR.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
