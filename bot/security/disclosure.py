"""The security stage: what account data a reply may carry, to whom, and who must be told.

It runs after the decision. A CSR goes only to a sender verified for every account the numbers
belong to; anyone else gets a holding reply that says nothing about the account, not even that
the number is ours, and the account's contact of record hears that someone asked. A port-out
PIN never goes out by email at all. A change of the name or address on the numbers from anyone
else waits for an agent, who confirms it with the contact of record first.
"""

from __future__ import annotations

from dataclasses import replace

from bot.model import (
    Action,
    CaseType,
    Classification,
    CsrLine,
    Decision,
    Disclosure,
    Facts,
    Mail,
    Notice,
    NumberRecord,
    PhoneNumber,
    Security,
    Verification,
)
from bot.security.verify import verify_sender

# Requests that concern an account's data or control, and so its owner.
_GUARDED = (CaseType.CSR_REQUEST, CaseType.PORT_OUT_PIN, CaseType.PORT_OUT)
_SECRETS = (CaseType.CSR_REQUEST, CaseType.PORT_OUT_PIN)
# Regions where a toll-free number has no CSR (a RespOrg change in the Somos registry).
_TOLL_FREE_BILL_REGIONS = {"US", "CA"}
# Changes to an account that only its contacts may make: a new name or address on the numbers
# (the step before a port-out fraud), and closing the account or part of it (which ends the
# numbers on it).
_ACCOUNT_CHANGES = (CaseType.RECORDS_UPDATE, CaseType.CANCELLATION)


def secure(
    mail: Mail,
    classification: Classification,
    decision: Decision,
    facts: Facts,
    records: tuple[NumberRecord, ...],
    *,
    authserv_id: str,
    notify: bool,
    own_addresses: frozenset[str] = frozenset(),
) -> tuple[Decision, Security]:
    """The decision, changed where security requires it, and what the reply may disclose."""
    if classification.case_type in _ACCOUNT_CHANGES:
        return _account_change(mail, decision, facts, records, authserv_id)
    asked = _asked(classification)
    if not asked:
        return decision, Security()
    on_record = _on_record(facts, records)
    verification = verify_sender(mail, on_record, authserv_id)
    suspicious = _suspicious(asked, facts, verification)
    notices = _notices(asked[0], on_record, verification, own_addresses) if notify else ()
    security = Security(verification=verification, notices=notices, suspicious=suspicious)
    primary = classification.case_type
    beside = _csr_beside(decision, classification, on_record, verification)
    if beside is not decision:
        decision, security = beside, replace(security, csr_to_send=True)
    if suspicious and decision.action is not Action.ASK_MISSING:
        return _refer(decision, "possible number takeover: " + "; ".join(suspicious)), _withheld(
            security
        )
    if primary is CaseType.CSR_REQUEST and decision.action is Action.SEND_CSR:
        return _csr(decision, facts, on_record, verification, security)
    if primary is CaseType.PORT_OUT and decision.action is Action.SEND_INSTRUCTIONS:
        return decision, _port_out(facts, on_record, verification, security)
    # A PIN request's holding reply says nothing of the account.
    return decision, _withheld(security) if primary is CaseType.PORT_OUT_PIN else security


def _csr_beside(
    decision: Decision,
    classification: Classification,
    on_record: tuple[NumberRecord, ...],
    verification: Verification,
) -> Decision:
    """A CSR asked beside another request ("the last invoice, and the CSR too if you can"):
    no template carries the record there, so for a sender verified for every account the
    draft waits for the agent who sends it. Anyone else's reply says it goes only to an
    address registered on the account (replies: `csr_request_also`)."""
    primary = classification.case_type
    if (
        CaseType.CSR_REQUEST not in classification.secondary_intents
        or primary in (CaseType.CSR_REQUEST, CaseType.PORT_OUT)
        or decision.action is Action.NO_REPLY
        or not _verified_for(on_record, verification)
    ):
        return decision
    reason = "the customer also asks for the CSR and is verified for the account: send it"
    return replace(
        decision, reasons=(*decision.reasons, reason), for_agent=(*decision.for_agent, reason)
    )


def _verified_for(on_record: tuple[NumberRecord, ...], verification: Verification) -> bool:
    """Whether the sender is verified for every account the numbers on record belong to."""
    accounts = {r.account for r in on_record}
    return bool(accounts) and accounts <= set(verification.verified_accounts)


def _account_change(
    mail: Mail,
    decision: Decision,
    facts: Facts,
    records: tuple[NumberRecord, ...],
    authserv_id: str,
) -> tuple[Decision, Security]:
    """A change of the name or address on the numbers, the step before a port-out fraud, or a
    cancellation: made only for a sender verified for every account concerned. Anyone else is
    told it waits for that confirmation, and the agent who holds the draft is told why."""
    if decision.action is not Action.ACKNOWLEDGE:
        return decision, Security()
    on_record = _on_record(facts, records)
    verification = verify_sender(mail, on_record, authserv_id)
    if _verified_for(on_record, verification):
        return decision, Security(verification=verification)
    why = "; ".join(verification.reasons) or "no number of the change is on record"
    reason = (
        f"account change asked by a sender not verified for the account ({why}): confirm it "
        "with the contact of record before making it"
    )
    held = replace(
        decision, reasons=(*decision.reasons, reason), for_agent=(*decision.for_agent, reason)
    )
    return held, Security(verification=verification, change_unconfirmed=True)


def _on_record(facts: Facts, records: tuple[NumberRecord, ...]) -> tuple[NumberRecord, ...]:
    """The inventory's records of the case's numbers, in the case's order."""
    by_number = {r.e164: r for r in records}
    return tuple(by_number[n.e164] for n in facts.numbers if n.e164 in by_number)


def _asked(classification: Classification) -> tuple[CaseType, ...]:
    wanted = (classification.case_type, *classification.secondary_intents)
    return tuple(c for c in dict.fromkeys(wanted) if c in _GUARDED)


def _suspicious(
    asked: tuple[CaseType, ...], facts: Facts, verification: Verification
) -> tuple[str, ...]:
    found: list[str] = []
    if "email_change" in facts.security_requests and any(c in _SECRETS for c in asked):
        found.append(
            "a change of the registered email address and a PIN or CSR request in one thread"
        )
    found.extend(w for w in verification.warnings if not w.startswith("Reply-To"))
    return tuple(found)


def _notices(
    request: CaseType,
    on_record: tuple[NumberRecord, ...],
    verification: Verification,
    own_addresses: frozenset[str],
) -> tuple[Notice, ...]:
    """One notice per account, to its contact of record, unless the contact asked, verified."""
    notices: list[Notice] = []
    for account in dict.fromkeys(r.account for r in on_record):
        numbers = tuple(r.e164 for r in on_record if r.account == account)
        contact = next(r.contact for r in on_record if r.account == account)
        asked_by_contact = (
            account in verification.verified_accounts and verification.sender == contact
        )
        if not contact or asked_by_contact or contact in own_addresses:
            continue
        notices.append(Notice(contact, numbers, request, verification.sender))
    return tuple(notices)


def _csr(
    decision: Decision,
    facts: Facts,
    on_record: tuple[NumberRecord, ...],
    verification: Verification,
    security: Security,
) -> tuple[Decision, Security]:
    lines = _csr_lines(facts.numbers, on_record)
    needed = {line.record.account for line in lines if line.record is not None}
    if needed and needed <= set(verification.verified_accounts):
        return decision, _disclosing(security, lines, verification, _CSR_FIELDS)
    if not needed and lines and all(line.status == "toll_free" for line in lines):
        # Only the bill advice, which says nothing about any account.
        return decision, replace(security, csr=lines)
    why = verification.reasons or ("no number in the request is on record",)
    reason = "CSR asked by a sender not verified for the account: " + "; ".join(why)
    return _refer(decision, reason), _withheld(security)


def _port_out(
    facts: Facts,
    on_record: tuple[NumberRecord, ...],
    verification: Verification,
    security: Security,
) -> Security:
    needed = {r.account for r in on_record}
    if not needed or not needed <= set(verification.verified_accounts):
        # The generic instructions only: what a new provider needs, nothing from our records.
        return _withheld(security)
    provider = (facts.answers.provider or "").lower()
    if "twilio" in provider:
        sids = tuple(
            (r.e164, r.twilio_subaccount_sid) for r in on_record if r.twilio_subaccount_sid
        )
        if sids:
            disclosure = Disclosure(
                verification.sender,
                tuple(e164 for e164, _sid in sids),
                ("twilio_subaccount_sid",),
                verification.describe(),
            )
            return replace(security, subaccount_sids=sids, disclosure=disclosure)
    lines = _csr_lines(facts.numbers, on_record)
    return _disclosing(security, lines, verification, _CSR_FIELDS)


_CSR_FIELDS = ("company_name", "service_address", "carrier", "migration_code", "cvp_code")


def _csr_lines(
    numbers: tuple[PhoneNumber, ...], on_record: tuple[NumberRecord, ...]
) -> tuple[CsrLine, ...]:
    by_number = {r.e164: r for r in on_record}
    lines: list[CsrLine] = []
    for number in numbers:
        if number.type == "toll_free" and number.country in _TOLL_FREE_BILL_REGIONS:
            lines.append(CsrLine(number.e164, "toll_free"))
        elif number.e164 in by_number:
            lines.append(CsrLine(number.e164, "on_record", by_number[number.e164]))
        else:
            lines.append(CsrLine(number.e164, "not_registered"))
    return tuple(lines)


def _disclosing(
    security: Security,
    lines: tuple[CsrLine, ...],
    verification: Verification,
    fields: tuple[str, ...],
) -> Security:
    records = [line.record for line in lines if line.record is not None]
    disclosed = tuple(record.e164 for record in records)
    # Only the fields some record actually holds are disclosed (and audited).
    present = tuple(f for f in fields if any(_value(record, f) for record in records))
    disclosure = Disclosure(verification.sender, disclosed, present, verification.describe())
    return replace(security, csr=lines, disclosure=disclosure if disclosed else None)


def _value(record: NumberRecord, field: str) -> str:
    if field == "service_address":
        return record.address_line or record.city or record.postcode
    return str(getattr(record, field) or "")


def _refer(decision: Decision, reason: str) -> Decision:
    return Decision(Action.REFER_TO_AGENT, (*decision.reasons, reason))


def _withheld(security: Security) -> Security:
    return replace(security, withhold=True)
