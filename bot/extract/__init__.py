"""Extract stage: the facts a message states (numbers, identifiers, answers, documents)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.extract.answers import account_number, masked_pin, sms_needed, time_frame, wireless
from bot.extract.attached import says_attached
from bot.extract.bill import (
    asks_correction,
    bill_month,
    final_invoice,
    for_port,
    names_period,
    not_found,
)
from bot.extract.cancellation import (
    cancellation_when,
    cancelled_parts,
    cancels_part,
    gives_up_numbers,
)
from bot.extract.circumstances import (
    bereavement,
    reports_fault,
    suspects_fraud,
    writes_again,
)
from bot.extract.common_questions import common_questions
from bot.extract.date_change import date_change_asked
from bot.extract.dates import find_port_date
from bot.extract.documents import compare_loa, numbers_missing_from_loa, read_documents
from bot.extract.documents.rejection import codes_in
from bot.extract.emergency_address import emergency_address, emergency_misrouted
from bot.extract.identifiers import codes_in_hand, find_identifiers, find_order_references
from bot.extract.language import detect_language
from bot.extract.partial_address import partial_address
from bot.extract.phishing import suspects_phishing
from bot.extract.phones import find_numbers, find_unreadable, region_for_domain
from bot.extract.postal import postal_address
from bot.extract.providers import find_provider, unlisted_provider
from bot.extract.record_update import all_numbers, company_name, record_changes
from bot.extract.refund import asks_refund, charged_after_end
from bot.extract.regions import regions_named, writes_month_first
from bot.extract.rejection_fixes import rejection_fixes
from bot.extract.rejection_lookup import leaves_reason_to_us
from bot.extract.release import notice_waits_on_us, port_waits_on_us, release_asked
from bot.extract.removal import port_pending
from bot.extract.security_requests import security_requests
from bot.extract.sentences import split_sentences
from bot.extract.service_end import ends_current_service
from bot.extract.side_questions import side_questions
from bot.extract.transfer_owners import unrelated_accounts
from bot.extract.transfer_waits import transfer_waits
from bot.model import Answers, Attachment, CaseType, Facts, Mail
from bot.parse.redact import REDACTED_HEADER


def extract_facts(
    mail: Mail,
    default_region: str,
    extra_providers: tuple[str, ...] = (),
    own_names: tuple[str, ...] = (),
    account_regions: tuple[str, ...] = (),
) -> Facts:
    """Facts from what the customer says now: new text, subject, forwarded notices, attachments.

    Quoted history and signatures never count: the customer's own contact number is not a
    number to port, and our earlier replies are not their answers. A forwarded message is
    read for numbers and the provider only where the customer's own words name none.
    """
    text = mail.own_text
    forwarded = "\n".join(f.text for f in mail.forwarded)
    identifiers = find_identifiers(f"{text}\n{forwarded}")
    redacted = mail.header(REDACTED_HEADER)
    # "See my director's mail below": a customer who forwards the request and names no number
    # of their own means the numbers the forwarded mail names.
    request = _forwarded_request(mail)
    regions = _regions(mail, text, default_region, account_regions)
    numbers = find_numbers(text, regions, source="text")
    if not numbers and request:
        # Read in the countries the forwarded mail names, and its language, too.
        request_regions = _regions(mail, f"{text}\n{request}", default_region, account_regions)
        numbers = find_numbers(request, request_regions, source="forwarded")
    unreadable = find_unreadable(text, numbers)
    if not unreadable and not numbers and request:
        unreadable = find_unreadable(request, numbers)
    documents = read_documents(_documents_of(mail), regions)
    answers = _answers(mail, text, regions, extra_providers, own_names, forwarded=forwarded)
    if answers.provider is None and request:
        answers = replace(answers, provider=find_provider(request, extra_providers, own_names))
    return Facts(
        numbers=numbers,
        account_sids=tuple(i.value for i in identifiers if i.kind == "account_sid" and i.valid),
        identifiers=identifiers,
        answers=answers,
        redacted_secrets=tuple(k.strip() for k in redacted.split(",")) if redacted else (),
        attachment_kinds=tuple((d.filename, d.kind) for d in documents),
        documents=documents,
        mismatches=compare_loa(documents),
        numbers_missing_from_loa=numbers_missing_from_loa(numbers, documents),
        security_requests=security_requests(mail.new_text),
        unreadable_numbers=unreadable,
    )


def _documents_of(mail: Mail) -> tuple[Attachment, ...]:
    """The attachments, plus each forwarded message as a text document (a forwarded notice)."""
    forwarded = tuple(
        Attachment(
            filename=f"forwarded-{index}.txt",
            content_type="text/plain",
            payload=f"Subject: {f.subject}\nFrom: {f.sender}\n\n{f.text}".encode(),
            forwarded=True,
        )
        for index, f in enumerate(mail.forwarded, start=1)
        # A forwarded message/rfc822 attachment is already read as an attachment.
        if f.text
    )
    attached = tuple(a for a in mail.attachments if a.content_type != "message/rfc822")
    return attached + forwarded


# Our replies' subjects carry the case token: "Re: Port request [#P-1042]".
_CASE_TOKEN = re.compile(r"\[#[A-Za-z]+-\w+\]")
# The countries whose numbers a customer writing in each language gives in national form, in
# the order tried: the language's own, then the UK, the country most often written so in our
# mail (measured on the corpus).
LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "en": ("GB",),
    "de": ("DE", "GB"),
    "it": ("IT", "GB"),
    "fr": ("FR", "GB"),
    "es": ("ES", "GB"),
    "pt": ("PT", "BR", "GB"),
}
# Spanish, Portuguese and Brazilian numbers have no trunk 0 ("954 00 00 21"), nor do Italian
# mobile and toll-free ones ("numero verde 800 000 418").
_NO_TRUNK_PREFIX = frozenset({"es", "pt", "it"})
_DIGITS = re.compile(r"\d{2}")
# A number in national form: its trunk 0, then seven or more digits, single separators between
# ("089 99998 160", "(0)20 7946 0133"), or the French dotted "04.65.71.00.63"; not a date
# ("05/12", "05.12.2026") or a time ("09:30").
_NATIONAL_FORM = re.compile(
    r"(?<![\w+/.:-])(?:\(?0\)?\d(?:[ ()-]{0,2}\d){7,}|0\d(?:\.\d\d){4}(?![\d.]))"
)


def _regions(
    mail: Mail, text: str, default_region: str, account_regions: tuple[str, ...]
) -> tuple[str, ...]:
    # Numbers written without +country code: the country the text names, then the sender's
    # country-code domain, then the country of the accounts the sender is registered for,
    # then the configured default.
    regions = list(regions_named(text))
    if mail.sender is not None:
        domain_region = region_for_domain(mail.sender.email.rsplit("@", 1)[-1])
        if domain_region:
            regions.append(domain_region)
    regions.extend(account_regions)
    regions.append(default_region)
    language, certain = detect_language(text) if _DIGITS.search(text) else ("", False)
    if certain and (_NATIONAL_FORM.search(text) or language in _NO_TRUNK_PREFIX):
        # Last, the countries whose numbers a customer writing in that language gives without
        # naming the country: a German writes "089 99998 160". Where those countries' numbers
        # begin with a trunk 0, which no US or Canadian number does, only for a number so
        # written; and a string the regions before read is theirs (see find_numbers).
        regions.extend(LANGUAGE_REGIONS.get(language, ()))
    return tuple(dict.fromkeys(regions))


def _answers(
    mail: Mail,
    text: str,
    regions: tuple[str, ...],
    extra_providers: tuple[str, ...],
    own_names: tuple[str, ...],
    *,
    forwarded: str,
) -> Answers:
    port_date = (
        find_port_date(text, mail.date.date(), day_first=not writes_month_first(regions))
        if mail.date is not None
        else None
    )
    return Answers(
        sms_needed=sms_needed(text),
        wireless=wireless(text),
        wireless_account_number=account_number(text),
        pin_masked=masked_pin(text),
        port_date=port_date.value if port_date else None,
        port_date_text=port_date.text if port_date else None,
        port_date_soon=port_date.soon if port_date else False,
        time_frame=time_frame(text),
        # The body before the subject: "Pago por números que estão na Vodafone" is the
        # customer's summary, "desde junho está na NOS" the fact.
        provider=find_provider(mail.new_text, extra_providers, own_names)
        or find_provider(mail.subject, extra_providers, own_names),
        cancels_part=cancels_part(text),
        bill_period=names_period(text),
        bill_not_found=not_found(text),
        refund_asked=asks_refund(text),
        writes_again=writes_again(text),
        bereavement=bereavement(text),
        phishing_suspected=suspects_phishing(text, forwarded),
        # Not the subject: it often sums the request up as a question ("Neue Nummer kaufen?").
        side_questions=side_questions(mail.new_text),
        service_fault=reports_fault(text),
        emergency_address=emergency_address(text),
        emergency_misrouted=emergency_misrouted(text),
        suspected_fraud=suspects_fraud(text),
    )


def _forwarded_request(mail: Mail) -> str:
    """The forwarded mails that may carry the customer's request; not our own replies, which
    name providers only as examples ("if it is another Twilio account")."""
    return "\n".join(f.text for f in mail.forwarded if not _CASE_TOKEN.search(f.subject))


# The requests whose customers send documents (check `attachment-lost`).
_SENT_DOCUMENTS = frozenset(
    {CaseType.PORT_IN, CaseType.PORT_IN_INTERNATIONAL, CaseType.PORT_REJECTION}
)


# The requests whose questions about the port have standard answers (replies/common_answers.py).
_COMMON_QUESTIONS = frozenset(
    {
        CaseType.PORT_IN,
        CaseType.PORT_IN_INTERNATIONAL,
        CaseType.PORT_IN_TWILIO_TRANSFER,
        CaseType.PORT_OUT,
        CaseType.PORT_REJECTION,
        CaseType.PORT_STATUS,
    }
)


# The requests whose reply names the provider, or reads one as a sign: a port away's new
# provider, a removal's, a bill wanted for a port.
_NAMED_PROVIDER = frozenset(
    {CaseType.PORT_OUT, CaseType.PORT_OUT_PIN, CaseType.NUMBER_REMOVAL, CaseType.BILL_REQUEST}
)


# The requests where a final invoice may be asked for: the account or the numbers' billing ends.
_ENDING_BILLING = frozenset(
    {
        CaseType.BILL_REQUEST,
        CaseType.CANCELLATION,
        CaseType.NUMBER_REMOVAL,
        CaseType.PORT_OUT,
        CaseType.PORT_OUT_PIN,
    }
)


def with_requests(
    facts: Facts, mail: Mail, asked: frozenset[CaseType], own_names: tuple[str, ...] = ()
) -> Facts:
    """`facts` with the details only some requests need, read where the message makes them
    (as its case type or a second request): each pattern costs on every message otherwise.

    - a port away, a removal or a bill request: a provider the list does not know;
    - a bill, a cancellation, a removal or a port away: whether the final invoice is asked,
      and whether the customer is still charged for what left or ended;
    - a bill request: whether the bill is for a port, whether an invoice is to be corrected,
      the month of the invoice asked for;
    - a removal of ported numbers: whether the port is said to be still under way;
    - a cancellation: which parts it cancels, and from when;
    - a port away: whether the customer asks us to release the numbers, or says it waits on us;
    - a port-in: whether the customer speaks of ending the current carrier's service; from
      abroad, which porting codes they say they have;
    - a port-in or a rejection: whether a document said to be attached did not arrive;
    - a Twilio transfer: whether the accounts belong to different owners, whether it was
      asked for before and still waits;
    - a port of any kind, a status enquiry or a rejection: the questions about the port that
      have a standard answer (whether the line goes dead, how long it takes);
    - a status enquiry: the order or ticket references that name the port, and whether the
      customer asks to move its date.
    """
    text = mail.own_text
    identifiers = facts.identifiers
    # Collected and applied once: Answers has some sixty fields, and each copy costs.
    found: dict[str, Any] = {}
    provider = facts.answers.provider
    if asked & _NAMED_PROVIDER and provider is None and (provider := _unlisted(mail, own_names)):
        found["provider"] = provider
    if CaseType.BILL_REQUEST in asked:
        # A forwarded request from the new provider says what the bill is for.
        found["bill_for_port"] = for_port(f"{text}\n{_forwarded_request(mail)}", provider)
        found["bill_correction"] = asks_correction(text)
        found["bill_month"] = bill_month(mail.subject, mail.new_text)
    if asked & _ENDING_BILLING:
        found["final_invoice"] = final_invoice(text)
        found["charged_after_end"] = charged_after_end(text)
    if CaseType.NUMBER_REMOVAL in asked:
        found["port_pending"] = port_pending(text)
    if asked & {CaseType.PORT_OUT, CaseType.PORT_OUT_PIN}:
        # A forwarded "pending release by your current provider" is a port waiting on us.
        waiting = notice_waits_on_us(_forwarded_request(mail))
        found["release_asked"] = release_asked(text) or waiting
        found["port_waits"] = port_waits_on_us(text) or waiting
    if CaseType.CANCELLATION in asked:
        found["cancelled_parts"] = cancelled_parts(text)
        found["cancel_when"] = cancellation_when(text)
        found["gives_up_numbers"] = gives_up_numbers(text)
    if asked & {CaseType.PORT_IN, CaseType.PORT_IN_INTERNATIONAL}:
        found.update(_port_in_found(text, asked))
    if asked & _SENT_DOCUMENTS:
        # Only the customer's own words: a forwarded "please find attached" is not theirs. A
        # mail attached as a message ("Got the attached this morning") arrived: it is read as
        # a forwarded mail, not as an attachment. One quoted inline is no attachment.
        arrived = bool(mail.attachments) or any(f.attached for f in mail.forwarded)
        found["attachment_lost"] = None if arrived else says_attached(text)
    if CaseType.PORT_IN_TWILIO_TRANSFER in asked:
        found["unrelated_accounts"] = unrelated_accounts(text)
        found["transfer_waits"] = transfer_waits(text)
    if asked & _COMMON_QUESTIONS:
        # The customer's own new lines: a quoted "how long does it take?" was answered before.
        found["common_questions"] = common_questions(mail.new_text)
    if CaseType.PORT_STATUS in asked:
        identifiers = (*identifiers, *find_order_references(text))
        found["date_change"] = date_change_asked(text)
    if not found and identifiers is facts.identifiers:
        return facts
    answers = replace(facts.answers, **found) if found else facts.answers
    return replace(facts, answers=answers, identifiers=identifiers)


def _port_in_found(text: str, asked: frozenset[CaseType]) -> dict[str, Any]:
    """A port-in's ending of the current service; from abroad, the codes said to be had."""
    found: dict[str, Any] = {"service_ending": ends_current_service(text)}
    if CaseType.PORT_IN_INTERNATIONAL in asked:
        found["codes_in_hand"] = codes_in_hand(text)
    return found


def _unlisted(mail: Mail, own_names: tuple[str, ...]) -> str | None:
    """A name the provider list does not know ("to Tidewater Telecom", "chez Fleuvetel"), in
    the new text, else in the subject."""
    return unlisted_provider(mail.new_text, own_names) or unlisted_provider(mail.subject, own_names)


def with_record_update(facts: Facts, mail: Mail) -> Facts:
    """`facts` with what a records update states: the new company name and address, which
    part of the record changes, and whether it is for every number.

    Only a records update is read for them (the address patterns are costly on every
    message). What a forwarded mail says counts where the customer's own words leave it
    unsaid: "Os reenvío lo que nos manda la gestoría: ¿podéis actualizar la dirección?" means
    the address in the forwarded mail.
    """
    text = mail.own_text
    answers = replace(
        facts.answers,
        company_name=company_name(text),
        address=postal_address(text),
        record_changes=record_changes(text),
        all_numbers=all_numbers(text),
    )
    request = _forwarded_request(mail)
    if request:
        answers = replace(
            answers,
            company_name=answers.company_name or company_name(request),
            address=answers.address or postal_address(request),
            record_changes=answers.record_changes or record_changes(request),
        )
    if answers.address is None:
        # "120 Example Avenue, Toronto ON": the reply asks for just the postcode.
        written = partial_address(text) or (partial_address(request) if request else None)
        answers = replace(answers, partial_address=written)
    return replace(facts, answers=answers)


# Words that mention a rejection: reading a text for its reasons is slow, so only the
# sentences holding one (and the next) are read.
_REJECTED = re.compile(
    r"reject|denied|abgelehnt|ablehnung|zurückgewiesen|rifiut|respint|rejeit|recusad|rechaz|"
    r"denegad|rejet|refus",
    re.IGNORECASE,
)


def with_quoted_rejection(facts: Facts, mail: Mail) -> Facts:
    """`facts` with the rejection reasons the customer quotes in their own words, and the
    corrections they give ("the correct BTN is…"), for a message about a rejected port (the
    only case type that needs the notice they stand for)."""
    reasons = _rejection_reasons(mail.own_text)
    fixes = rejection_fixes(mail.own_text)
    answers = replace(
        facts.answers,
        rejection_reasons=reasons,
        rejection_fixes=fixes,
        rejection_reason_asked=leaves_reason_to_us(mail.own_text),
    )
    return replace(facts, answers=answers)


def _rejection_reasons(text: str) -> tuple[str, ...] | None:
    """The reasons a customer quotes from a rejection ("rejected for 'Invalid authorization
    name'"): with them, we know what the notice would tell us.

    Only the sentences that mention the rejection, and each one's next ("It was rejected.
    The reason: ..."), are read: the notice reader tries every reason on every sentence.
    """
    if _REJECTED.search(text) is None:
        return None
    split = split_sentences(text)
    near = sorted({i + step for i, s in enumerate(split) if _REJECTED.search(s) for step in (0, 1)})
    said = " ".join(split[i] for i in near if i < len(split))
    return codes_in(said) or None
