"""A case's facts across its thread, merged message by message.

The LOA sent in the second message completes the case the first opened; a later answer
replaces an earlier one; numbers and identifiers accumulate.
"""

from __future__ import annotations

from dataclasses import fields, replace

from bot.extract.documents import compare_loa, numbers_missing_from_loa
from bot.model import Answers, Facts


def merge_facts(previous: Facts, new: Facts) -> Facts:
    """`new` on top of `previous`: later answers win, lists accumulate, comparisons are redone."""
    numbers = {n.e164: n for n in previous.numbers}
    numbers.update({n.e164: n for n in new.numbers})
    documents = {d.filename: d for d in previous.documents}
    # A document sent again under the same name replaces the earlier copy.
    documents.update({d.filename: d for d in new.documents})
    merged_documents = tuple(documents.values())
    merged_numbers = tuple(numbers.values())
    return Facts(
        numbers=merged_numbers,
        account_sids=tuple(dict.fromkeys((*previous.account_sids, *new.account_sids))),
        identifiers=tuple(
            {(i.kind, i.value): i for i in (*previous.identifiers, *new.identifiers)}.values()
        ),
        answers=_merge_answers(previous.answers, new.answers),
        redacted_secrets=tuple(dict.fromkeys((*previous.redacted_secrets, *new.redacted_secrets))),
        attachment_kinds=tuple((d.filename, d.kind) for d in merged_documents),
        documents=merged_documents,
        mismatches=compare_loa(merged_documents),
        numbers_missing_from_loa=numbers_missing_from_loa(merged_numbers, merged_documents),
        security_requests=tuple(
            dict.fromkeys((*previous.security_requests, *new.security_requests))
        ),
        # What the latest message wrote stands; a message that names no number keeps them.
        unreadable_numbers=new.unreadable_numbers
        if new.numbers or new.unreadable_numbers
        else previous.unreadable_numbers,
    )


def _merge_answers(previous: Answers, new: Answers) -> Answers:
    # None means "not said"; False is an answer ("no SMS", "not wireless") and replaces a yes.
    changes = {
        field.name: getattr(new, field.name)
        for field in fields(Answers)
        if field.name != "port_date_soon" and getattr(new, field.name) is not None
    }
    if new.port_date is not None:
        # The soon-flag belongs to the date it was computed for.
        changes["port_date_soon"] = new.port_date_soon
    # Said once, to the message that says it: a thread's next reply does not apologise again.
    changes["writes_again"] = new.writes_again
    changes["bereavement"] = new.bereavement
    changes["service_fault"] = new.service_fault
    changes["suspected_fraud"] = new.suspected_fraud
    changes["side_questions"] = new.side_questions
    changes["common_questions"] = new.common_questions
    changes["emergency_address"] = new.emergency_address
    changes["emergency_misrouted"] = new.emergency_misrouted
    changes["phishing_suspected"] = new.phishing_suspected
    changes["attachment_lost"] = new.attachment_lost
    if previous.record_changes and new.record_changes:
        # "New name below" then "and the new address is …": the thread changes both.
        changes["record_changes"] = tuple(sorted({*previous.record_changes, *new.record_changes}))
    return replace(previous, **changes)
