"""Rules stage: what a case is missing and what to warn about, from rules/types/*.toml.

The checks (warnings, and what only a person can do) are registered here explicitly, one per
file in rules/checks/.
"""

from __future__ import annotations

from bot.model import Finding
from rules.base import Rule, RuleContext
from rules.checks.attachment_lost import AttachmentLost
from rules.checks.bill_age import BillAge
from rules.checks.bill_correction import BillCorrection
from rules.checks.bill_not_found import BillNotFound
from rules.checks.charged_after_end import ChargedAfterEnd
from rules.checks.date_change import DateChange
from rules.checks.emergency_misrouted import EmergencyMisrouted
from rules.checks.keep_service import KeepService
from rules.checks.loa_age import LoaAge
from rules.checks.malformed_sid import MalformedSid
from rules.checks.phishing import Phishing
from rules.checks.port_date_soon import PortDateSoon
from rules.checks.port_waits import PortWaits
from rules.checks.refund_asked import RefundAsked
from rules.checks.secret_pasted import SecretPasted
from rules.checks.service_fault import ServiceFault
from rules.checks.side_question import SideQuestion
from rules.checks.sms_approval import SmsApproval
from rules.checks.suspected_fraud import SuspectedFraud
from rules.checks.transfer_waits import TransferWaits
from rules.checks.unrelated_accounts import UnrelatedAccounts
from rules.checks.wireless_pin_expires import WirelessPinExpires
from rules.engine import case_rules, evaluate

_REGISTERED: tuple[Rule, ...] = (
    AttachmentLost(),
    BillAge(),
    BillNotFound(),
    BillCorrection(),
    ChargedAfterEnd(),
    DateChange(),
    EmergencyMisrouted(),
    KeepService(),
    LoaAge(),
    PortDateSoon(),
    PortWaits(),
    RefundAsked(),
    MalformedSid(),
    Phishing(),
    SecretPasted(),
    ServiceFault(),
    SideQuestion(),
    SmsApproval(),
    SuspectedFraud(),
    TransferWaits(),
    UnrelatedAccounts(),
    WirelessPinExpires(),
)
CHECKS: dict[str, Rule] = {check.name: check for check in _REGISTERED}
if len(CHECKS) != len(_REGISTERED):
    raise RuntimeError("duplicate check names in rules/__init__.py")

__all__ = ["CHECKS", "Rule", "RuleContext", "case_rules", "check_rules"]


def check_rules(context: RuleContext) -> tuple[Finding, ...]:
    """Missing items and warnings for the case type, as its TOML file declares them."""
    return evaluate(context, CHECKS)
