"""Rejection reasons mapped to the codes of porting-domain.md §3, with the correction each needs.

A code is found when the notice names it (PASSCODE_PIN_INVALID) or says it in words: a topic
("ZIP code") and a problem ("does not match") in one sentence, or a phrase that is a problem
on its own ("pending order"). CORRECTIONS is what the reply writers tell the customer.
"""

from __future__ import annotations

import re
from types import MappingProxyType

_NAME_FIX = "Use the exact legal name on the losing carrier's account, as on the bill or CSR."
_FOC_FIX = "Choose a new port date the carrier allows and resubmit."
_SPLIT_FIX = "Split the order: one request per account, each with its own LOA and bill."
_OPS_FIX = "Carrier or NPAC-side problem: porting operations escalate it; no customer action."
_NOT_PORTABLE_FIX = "The number cannot move here: offer a new number or BYOC instead."

CORRECTIONS = MappingProxyType(
    {
        "ACCOUNT_NUMBER_MISMATCH": "Send the carrier-level account number exactly as on the "
        "bill or CSR (a reseller or portal ID is not it).",
        "ACCOUNT_NUMBER_REQUIRED": "Send the carrier-level account number exactly as on the "
        "bill or CSR.",
        "AUTH_NAME_MISMATCH": "Ask the losing carrier who is authorized on the account, and "
        "have that person sign a new LOA.",
        "AUTH_PERSON_MISMATCH": "Ask the losing carrier who is authorized on the account, and "
        "have that person sign a new LOA.",
        "BTN_ATN_MISMATCH": "Take the billing telephone number (BTN) from the CSR and map each "
        "number to its BTN.",
        "BUSINESS_NAME_MISMATCH": _NAME_FIX,
        "ENTITY_NAME_MISMATCH": _NAME_FIX,
        "LOCATION_MISMATCH": "Use the service address exactly as on the CSR, not the billing "
        "address.",
        "POSTAL_CODE_MISMATCH": "Use the ZIP/postal code of the service address exactly as on "
        "the CSR.",
        "PASSCODE_PIN_INVALID": "Get a fresh port-out PIN from the losing carrier and send it "
        "as given; do not guess.",
        "DIFFERENT_ACCOUNTS": _SPLIT_FIX,
        "PHONE_NUMBER_MISMATCH": _SPLIT_FIX,
        "DIFFERENT_RATE_CENTERS": "The order must be split by rate center; we do this for you.",
        "PORTING_ORDER_SPLIT_REQUIRED": "The order must be split; we do this for you.",
        "FOC_REJECTED": _FOC_FIX,
        "FOC_EXPIRED": _FOC_FIX,
        "ILLEGIBLE_LOA": "Send a complete, legible LOA with every field filled in, signed and "
        "dated.",
        "LSR_PENDING": "Ask the losing carrier to finish or cancel the open order on the "
        "account, and make no other changes to it until the port completes.",
        "LSP_FREEZE": "The account holder must ask the losing carrier to lift the port freeze "
        "(this can take 1-3 weeks).",
        "MAIN_BTN_PORTING": "List every other number on the account as keep or disconnect, and "
        "name a new BTN for the lines that stay.",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE": "Remove the hunt group or other features with the "
        "losing carrier, or name a new pilot number.",
        "PHONE_NUMBER_NOT_PORTABLE": _NOT_PORTABLE_FIX,
        "RATE_CENTER_NOT_PORTABLE": _NOT_PORTABLE_FIX,
        "NUMBER_INACTIVE": "Reactivate the number with the losing carrier; it must be active "
        "to port.",
        "OUTSTANDING_BALANCE": "Settle the balance or port-away fee with the losing carrier, "
        "then resubmit.",
        "NEWER_AUTHORIZATION": "A newer authorization or a cancellation is on file: send a new "
        "signed LOA.",
        "PORT_TYPE_INCORRECT": "Confirm the line type (single or multi-line) with the losing "
        "carrier.",
        "INVALID_RESELLER": "Put the reseller (the company that bills the end user) on the LOA "
        "and order.",
        "OSP_IRRESPONSIVE": _OPS_FIX,
        "SV_CONFLICT": _OPS_FIX,
        "SV_UNKNOWN_FAILURE": _OPS_FIX,
    }
)
# Names the issue and other providers use for a §3 code.
ALIASES = MappingProxyType({"PENDING_ORDER": "LSR_PENDING", "PARTIAL_PORT": "MAIN_BTN_PORTING"})

_PROBLEM = (
    r"(mismatch|do(es)?\s*n[o']t\s+match|did\s*n[o']t\s+match|not\s+match|incorrect|invalid|"
    r"wrong|differ|missing|required|expired|not\s+(valid|found|on\s+file|provided)|blank|"
    r"unauthori[sz]ed)"
)
_DATE = r"(\bFOC\b|firm\s+order\s+commitment|requested\s+date|port\s+date|due\s+date)"
_REFUSED = (
    r"(rejected|refused|not\s+available|unavailable|expired|in\s+the\s+past|too\s+soon|"
    r"invalid)"
)
# (code, topic, needs a problem word): checked in this order; earlier, more specific codes
# hide later ones in the same sentence ("ZIP code of the service address does not match").
_SAID: tuple[tuple[str, str, bool], ...] = (
    ("ILLEGIBLE_LOA", r"illegible|unreadable|not\s+legible|\bLOA\s+(is\s+)?(missing|incomplete|"
     r"not\s+(signed|attached|provided|legible))|(missing|incomplete|unsigned)\s+LOA\b|"
     r"blank\s+fields?", False),
    ("LSR_PENDING", r"pending\s+(order|request|change|port|LSR)|(port|order)\s+(is\s+)?"
     r"(already\s+)?in\s+progress|open\s+order|another\s+(order|port)", False),
    ("MAIN_BTN_PORTING", r"partial\s+port|additional\s+(numbers|lines)|remaining\s+(numbers|"
     r"lines)|other\s+numbers\s+on\s+the\s+account|main\s+(BTN|number)\s+(is\s+)?porting", False),
    ("DIFFERENT_ACCOUNTS", r"different\s+accounts|multiple\s+accounts|not\s+(found\s+)?on\s+"
     r"(the|this)\s+account|\bTNs?\s+not\s+found|do(es)?\s+not\s+belong", False),
    ("LSP_FREEZE", r"\bfreeze\b|\bfrozen\b|port\s+protection", False),
    ("NUMBER_INACTIVE", r"(is|are)\s+(inactive|disconnected|not\s+active)|inactive\s+number",
     False),
    ("OUTSTANDING_BALANCE", r"outstanding\s+balance|past\s+due|unpaid|port[\s-]*(out|away)\s+"
     r"fee", False),
    ("NEWER_AUTHORIZATION", r"(more\s+recent|newer)\s+(authori[sz]ation|LOA)|customer\s+(has\s+)?"
     r"cancel+ed", False),
    ("PHONE_NUMBER_NOT_PORTABLE", r"not\s+portable|cannot\s+be\s+ported|no\s+coverage", False),
    ("PHONE_NUMBER_HAS_SPECIAL_FEATURE", r"hunt\s+group|special\s+feature|distinctive\s+ring|"
     r"stranded\s+pilot", False),
    ("POSTAL_CODE_MISMATCH", r"\bzip\b|postal\s*code|post\s*code", True),
    ("PASSCODE_PIN_INVALID", r"\bPIN\b|pass\s*code|security\s+code", True),
    ("BTN_ATN_MISMATCH", r"\bBTN\b|\bATN\b|billing\s+tele?phone|account\s+tele?phone|"
     r"billing\s+number", True),
    ("ACCOUNT_NUMBER_MISMATCH", r"account\s*(number|no\b|#)|\bBAN\b", True),
    ("AUTH_NAME_MISMATCH", r"authori[sz](ed|ing)\s+(name|person|user|signer|signatory|contact|"
     r"representative)|\bsigner\b|signatory|unauthori[sz]ed\s+signature|authori[sz]ation\s+"
     r"name", True),
    ("BUSINESS_NAME_MISMATCH", r"(business|company|customer|end[\s-]*user|entity|legal|"
     r"account\s*holder)\s+name", True),
    ("LOCATION_MISMATCH", r"\baddress\b|\blocation\b", True),
    # A date is refused in many words; it needs its own problem words close by.
    ("FOC_REJECTED", rf"{_DATE}[^.]{{0,60}}{_REFUSED}|{_REFUSED}[^.]{{0,60}}{_DATE}", False),
)  # fmt: skip
_SAID_PATTERNS = tuple(
    (code, re.compile(topic, re.I), needs_problem) for code, topic, needs_problem in _SAID
)
_PROBLEM_PATTERN = re.compile(_PROBLEM, re.I)
_HIDES = {"POSTAL_CODE_MISMATCH": "LOCATION_MISMATCH"}
_CODE_WORD = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?](?!\S)|\n|$)")


def codes_in(text: str) -> tuple[str, ...]:
    """The §3 codes a rejection notice gives, in the order it gives them."""
    found: dict[str, int] = {}
    for match in _CODE_WORD.finditer(text):
        code = ALIASES.get(match.group(), match.group())
        if code in CORRECTIONS:
            found.setdefault(code, match.start())
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        has_problem = _PROBLEM_PATTERN.search(said) is not None
        seen: list[str] = []
        for code, topic, needs_problem in _SAID_PATTERNS:
            if (needs_problem and not has_problem) or not topic.search(said):
                continue
            if any(_HIDES.get(earlier) == code for earlier in seen):
                continue
            seen.append(code)
            found.setdefault(code, sentence.start())
    return tuple(sorted(found, key=lambda code: found[code]))


def correction(code: str) -> str:
    """What the customer must do for `code` (aliases accepted); a neutral line if unknown."""
    code = ALIASES.get(code, code)
    return CORRECTIONS.get(code, "Check the rejection details with porting operations.")
