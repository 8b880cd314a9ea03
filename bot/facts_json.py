"""Facts to and from plain JSON (dates as ISO strings), for the store and the review page."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from typing import Any

from bot.model import (
    Answers,
    DocumentFacts,
    Facts,
    FieldMismatch,
    Identifier,
    PhoneNumber,
    PostalAddress,
)
from bot.security.at_rest import Protect, Reveal


def facts_to_json(facts: Facts, protect: Protect | None = None) -> dict[str, Any]:
    """Plain JSON values (dates as ISO strings); `protect` seals or masks account numbers."""
    if protect is not None:
        facts = _account_numbers(facts, protect)
    plain = _plain(asdict(facts))
    assert isinstance(plain, dict)
    return plain


def facts_from_json(data: dict[str, Any], reveal: Reveal | None = None) -> Facts:
    facts = _facts(data)
    return _account_numbers(facts, reveal) if reveal is not None else facts


def _account_numbers(facts: Facts, change: Protect | Reveal) -> Facts:
    """The facts with every account number passed through `change` (sealing or opening)."""

    def apply(value: str | None) -> str | None:
        return change(value) if value else value

    answers = facts.answers
    return replace(
        facts,
        answers=replace(answers, wireless_account_number=apply(answers.wireless_account_number)),
        documents=tuple(
            replace(d, account_number=apply(d.account_number)) for d in facts.documents
        ),
    )


def _facts(data: dict[str, Any]) -> Facts:
    return Facts(
        numbers=tuple(PhoneNumber(**n) for n in data.get("numbers", [])),
        account_sids=tuple(data.get("account_sids", [])),
        identifiers=tuple(Identifier(**i) for i in data.get("identifiers", [])),
        answers=_answers(data.get("answers") or {}),
        redacted_secrets=tuple(data.get("redacted_secrets", [])),
        attachment_kinds=tuple((str(a), str(b)) for a, b in data.get("attachment_kinds", [])),
        documents=tuple(_document(d) for d in data.get("documents", [])),
        mismatches=tuple(FieldMismatch(**m) for m in data.get("mismatches", [])),
        numbers_missing_from_loa=tuple(data.get("numbers_missing_from_loa", [])),
        security_requests=tuple(data.get("security_requests", [])),
        unreadable_numbers=tuple(data.get("unreadable_numbers", [])),
    )


def _answers(data: dict[str, Any]) -> Answers:
    values = dict(data)
    values["port_date"] = _date(values.get("port_date"))
    values["address"] = PostalAddress(**values["address"]) if values.get("address") else None
    reasons = values.get("rejection_reasons")
    values["rejection_reasons"] = tuple(reasons) if reasons is not None else None
    for key in (
        "rejection_fixes",
        "cancelled_parts",
        "side_questions",
        "common_questions",
        "codes_in_hand",
    ):
        listed = values.get(key)
        values[key] = tuple(listed) if listed is not None else None
    return Answers(**values)


def _document(data: dict[str, Any]) -> DocumentFacts:
    values = dict(data)
    values["numbers"] = tuple(PhoneNumber(**n) for n in values.get("numbers", []))
    values["rejection_codes"] = tuple(values.get("rejection_codes", []))
    values["document_date"] = _date(values.get("document_date"))
    address = values.get("service_address")
    values["service_address"] = PostalAddress(**address) if address else None
    return DocumentFacts(**values)


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
