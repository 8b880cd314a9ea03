"""Delivery, disposition and abuse reports (RFC 3464, 8098, 5965): the mail system talking."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

_REPORT_PARTS = {
    "message/delivery-status": "delivery-status",
    "message/global-delivery-status": "delivery-status",
    "message/disposition-notification": "disposition-notification",
    "message/feedback-report": "feedback-report",
}


class DeliveryReport:
    name = "delivery-report"
    description = "multipart/report, or a delivery-status, disposition or feedback-report part."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        for part_type in mail.part_types:
            if part_type in _REPORT_PARTS:
                kind = _REPORT_PARTS[part_type]
                return ScreenVerdict(
                    self.name, f"{kind} report", is_bounce=kind == "delivery-status"
                )
        if mail.content_type == "multipart/report":
            report_type = _report_type(mail.header("Content-Type") or "")
            return ScreenVerdict(
                self.name,
                f"multipart/report ({report_type or 'no report-type'})",
                is_bounce=report_type in {"delivery-status", ""},
            )
        return None


def _report_type(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "report-type":
            return value.strip().strip('"').lower()
    return ""
