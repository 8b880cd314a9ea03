"""Words the templates need per language: case-type labels and what to ask for each missing item."""

from __future__ import annotations

from bot.model import CaseType

CASE_LABELS: dict[str, dict[CaseType, str]] = {
    "en": {
        CaseType.PORT_IN: "moving your numbers to us",
        CaseType.PORT_IN_TWILIO_TRANSFER: "transferring numbers between Twilio accounts",
        CaseType.PORT_IN_INTERNATIONAL: "moving numbers from outside the US and Canada to us",
        CaseType.PORT_OUT: "moving your numbers to another provider",
        CaseType.CSR_REQUEST: "the Customer Service Record of your numbers",
        CaseType.PORT_OUT_PIN: "the port-out PIN for your numbers",
        CaseType.PORT_REJECTION: "your rejected port",
        CaseType.RECORDS_UPDATE: "updating the name and address on your numbers",
        CaseType.BILL_REQUEST: "a copy of your bill",
        CaseType.NUMBER_REMOVAL: "removing numbers from your account",
        CaseType.CANCELLATION: "cancelling your service",
        CaseType.PORT_STATUS: "the status of your port",
        CaseType.OTHER: "your request",
    },
}

MISSING_ASKS: dict[str, dict[str, str]] = {
    "en": {
        "phone_numbers": (
            "The phone numbers this is about, in full with the country code "
            "(for example +1 415 555 0123), so we know exactly which numbers to move."
        ),
    },
}

NUMBER_TYPES: dict[str, dict[str, str]] = {
    "en": {
        "local": "local",
        "mobile": "mobile",
        "toll_free": "toll-free",
        "other": "",
        "unknown": "",
    },
}
