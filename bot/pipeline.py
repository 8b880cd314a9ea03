"""The pure pipeline: parse and screen, then extract, classify, rules, decide and draft.

No I/O happens here; the runner supplies the case a message threads into.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from bot.case_facts import merge_facts
from bot.config import Settings
from bot.decide import decide
from bot.extract import extract_facts, with_quoted_rejection, with_record_update, with_requests
from bot.extract.documents import canonical_code
from bot.extract.language import portuguese_variant
from bot.model import (
    Action,
    Answers,
    CaseContext,
    CaseType,
    Classification,
    Decision,
    DocumentFacts,
    Facts,
    Mail,
    NumberRecord,
    Outcome,
    RecordLookup,
    ScreenVerdict,
    Security,
)
from bot.parse import parse_mail
from bot.screen import ScreenContext, bounced_message_ids, screen_mail
from bot.security.disclosure import secure
from bot.security.secrets import mask
from classifiers import classify
from replies import ReplyContext, render_draft
from rules import RuleContext, case_rules, check_rules


@dataclass(frozen=True, slots=True)
class Screened:
    """A parsed message and, for automated mail, why it must not be answered."""

    mail: Mail
    verdict: ScreenVerdict | None
    bounced_ids: tuple[str, ...]


def screen_context(settings: Settings) -> ScreenContext:
    return ScreenContext(
        own_addresses=settings.own_addresses,
        message_id_domain=settings.identity.message_id_domain,
        loop_header=settings.identity.loop_header,
    )


def read(raw: bytes, context: ScreenContext) -> Screened:
    """Parse and screen; raises ParseError for bytes that are not a message.

    `raw` must already have its secrets removed (bot.parse.redact): the runner does it before
    storing, `process` before reading a file.
    """
    mail = parse_mail(raw)
    verdict = screen_mail(mail, context)
    bounced = bounced_message_ids(mail, context.message_id_domain) if verdict else ()
    return Screened(mail, verdict, bounced)


def no_records(numbers: tuple[str, ...]) -> tuple[NumberRecord, ...]:
    """A lookup for an installation without an inventory: no number is on record."""
    return ()


def respond(
    mail: Mail,
    case: CaseContext,
    settings: Settings,
    lookup: RecordLookup = no_records,
    case_type: CaseType | None = None,
    *,
    account_regions: tuple[str, ...] = (),
) -> Outcome:
    """Everything after screening, for mail from a person.

    `lookup` reads the inventory (the runner passes the store's); it is the only outside data.
    `case_type` is an agent's reclassification: it replaces the classifier's verdict.
    `account_regions`: the countries of the accounts the sender is registered for (inventory).
    """
    facts = extract_facts(
        mail,
        settings.pipeline.default_region,
        tuple(settings.pipeline.extra_providers),
        tuple(settings.pipeline.own_names),
        account_regions,
    )
    classification = classify(
        mail, facts, case, settings.classifier, tuple(settings.pipeline.own_names)
    )
    if case_type is not None:
        classification = replace(
            classification,
            case_type=case_type,
            confidence=1.0,
            by="agent",
            secondary_intents=tuple(
                c for c in classification.secondary_intents if c is not case_type
            ),
            reasons=(f"reclassified by an agent as {case_type.value}",),
        )
    if classification.case_type is CaseType.PORT_REJECTION:
        # Only a rejection case asks for the notice; reading reasons is costly elsewhere.
        facts = with_quoted_rejection(facts, mail)
    if classification.case_type is CaseType.RECORDS_UPDATE:
        facts = with_record_update(facts, mail)
    facts = with_requests(
        facts,
        mail,
        frozenset({classification.case_type, *classification.secondary_intents}),
        tuple(settings.pipeline.own_names),
    )
    case_facts = merge_facts(case.facts, facts)
    today = mail.date.date() if mail.date else date.today()
    findings = check_rules(RuleContext(mail, case_facts, classification.case_type, today))
    rules = case_rules()[classification.case_type]
    decision = decide(
        None,
        classification,
        findings,
        settings.classifier.min_confidence,
        when_complete=rules.when_complete,
        already_complete=case.complete,
    )
    records = lookup(tuple(n.e164 for n in case_facts.numbers)) if case_facts.numbers else ()
    decision, security = secure(
        mail,
        classification,
        decision,
        case_facts,
        records,
        authserv_id=settings.security.authserv_id,
        notify=settings.security.notify_contact_of_record,
        own_addresses=settings.own_addresses,
    )
    draft = render_draft(
        decision,
        ReplyContext(
            case_token=case.token,
            case_type=classification.case_type,
            language=_reply_language(classification.language, mail),
            customer_name=_first_name(mail),
            subject=mail.subject,
            numbers=case_facts.numbers,
            signature=settings.identity.display_name,
            facts=case_facts,
            findings=findings,
            instructions=rules.instructions,
            secure_channel=settings.replies.secure_channel_in(classification.language),
            loa_form=settings.replies.loa_form,
            corrections=_corrections(case_facts),
            security=security,
            also=classification.secondary_intents,
        ),
    )
    return Outcome(
        mail,
        None,
        facts,
        classification,
        findings,
        decision,
        draft,
        case_facts=case_facts,
        security=security,
    )


def refer(mail: Mail, case: CaseContext, settings: Settings, reason: str) -> Outcome:
    """An outcome that sends the message to an agent without reading it (e.g. too large)."""
    classification = Classification(CaseType.OTHER, 0.0, "en", "none", (), (reason,))
    decision = Decision(Action.REFER_TO_AGENT, (reason,))
    draft = render_draft(
        decision,
        ReplyContext(
            case_token=case.token,
            case_type=CaseType.OTHER,
            language="en",
            customer_name=_first_name(mail),
            subject=mail.subject,
            numbers=(),
            signature=settings.identity.display_name,
        ),
    )
    return Outcome(mail, None, Facts(), classification, (), decision, draft, case_facts=case.facts)


def _reply_language(language: str, mail: Mail) -> str:
    """The locale a reply is written in: a Brazilian customer gets Brazilian Portuguese."""
    return portuguese_variant(mail.own_text) if language == "pt" else language


def _corrections(facts: Facts) -> tuple[str, ...]:
    """The rejection codes the notices give and the reasons the customer quotes: the reply
    says what each asks of the customer, in their language."""
    codes = [code for d in facts.documents for code in d.rejection_codes]
    codes += facts.answers.rejection_reasons or ()
    return tuple(dict.fromkeys(canonical_code(code) for code in codes))


def screened_outcome(screened: Screened) -> Outcome:
    """The outcome of automated mail: recorded, never answered."""
    decision = decide(screened.verdict, None, (), 0.0)
    return Outcome(
        screened.mail, screened.verdict, Facts(), None, (), decision, None, screened.bounced_ids
    )


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """The stable JSON shape of an outcome (documented in the README)."""
    classification = outcome.classification
    result: dict[str, Any] = {
        "message_id": outcome.mail.message_id,
        "case_type": classification.case_type.value if classification else None,
        "confidence": classification.confidence if classification else None,
        "secondary_intents": [c.value for c in classification.secondary_intents]
        if classification
        else [],
        "language": classification.language if classification else None,
        "facts": {
            "numbers": [
                {"e164": n.e164, "country": n.country, "type": n.type, "source": n.source}
                for n in outcome.facts.numbers
            ],
            "account_sids": list(outcome.facts.account_sids),
            "identifiers": [
                {"kind": i.kind, "value": i.value, "valid": i.valid, "note": i.note}
                for i in outcome.facts.identifiers
            ],
            "answers": _answers_json(outcome.facts.answers),
            "documents": [_document_json(d) for d in outcome.facts.documents],
            "mismatches": [asdict(m) for m in outcome.facts.mismatches],
            "numbers_missing_from_loa": list(outcome.facts.numbers_missing_from_loa),
            "unreadable_numbers": list(outcome.facts.unreadable_numbers),
            "redacted_secrets": list(outcome.facts.redacted_secrets),
            "attachments": [
                {"filename": name, "kind": kind} for name, kind in outcome.facts.attachment_kinds
            ],
        },
        "missing": [f.key for f in outcome.findings if f.is_missing],
        "warnings": [f.key for f in outcome.findings if f.is_warning],
        "action": outcome.decision.action.value,
        "reasons": list(outcome.decision.reasons),
        "security": _security_json(outcome.security),
        "draft": None,
    }
    if outcome.screen is not None:
        result["reason"] = outcome.screen.reason
        result["screen"] = outcome.screen.screen
    if outcome.draft is not None:
        result["draft"] = {
            "subject": outcome.draft.subject,
            "text": outcome.draft.text,
            "html": outcome.draft.html,
        }
    return result


def _security_json(security: Security) -> dict[str, Any] | None:
    """Who the sender is and what the reply discloses; never the disclosed values themselves."""
    verification = security.verification
    if verification is None:
        return None
    return {
        "sender": verification.sender,
        "authenticated_by": verification.authenticated_by,
        "verified": bool(verification.verified_accounts),
        "not_verified_because": list(verification.reasons),
        "warnings": list(verification.warnings),
        "suspicious": list(security.suspicious),
        "withheld": security.withhold,
        "discloses": {
            "to": security.disclosure.recipient,
            "numbers": list(security.disclosure.numbers),
            "fields": list(security.disclosure.fields),
        }
        if security.disclosure
        else None,
        "notices": [
            {"to": n.recipient, "numbers": list(n.numbers), "request": n.request.value}
            for n in security.notices
        ],
    }


def _document_json(document: DocumentFacts) -> dict[str, Any]:
    values = asdict(document)
    # Shown masked wherever an outcome is printed or stored as a summary.
    values["account_number"] = mask(document.account_number) or None
    values["numbers"] = [n.e164 for n in document.numbers]
    if document.document_date is not None:
        values["document_date"] = document.document_date.isoformat()
    return values


def _answers_json(answers: Answers) -> dict[str, Any]:
    values = asdict(answers)
    values["wireless_account_number"] = mask(answers.wireless_account_number) or None
    if answers.port_date is not None:
        values["port_date"] = answers.port_date.isoformat()
    if answers.address is not None:
        values["address"] = asdict(answers.address)
    return values


def _first_name(mail: Mail) -> str:
    if mail.sender is None or not mail.sender.name:
        return ""
    name = mail.sender.name.strip().strip('"')
    # "Doe, Jane" and "Jane Doe" both greet Jane; an address used as a name greets nobody.
    if "@" in name:
        return ""
    if "," in name:
        name = name.split(",", 1)[1]
    first = name.split()[0] if name.split() else ""
    return first if first.isalpha() or "-" in first else ""
