"""The values that flow between pipeline stages: frozen dataclasses, no logic beyond properties."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CaseType(StrEnum):
    """What the customer wants; the keys are used everywhere (store, JSON, templates, digest)."""

    PORT_IN = "port_in"
    PORT_IN_TWILIO_TRANSFER = "port_in_twilio_transfer"
    PORT_IN_INTERNATIONAL = "port_in_international"
    PORT_OUT = "port_out"
    CSR_REQUEST = "csr_request"
    PORT_OUT_PIN = "port_out_pin"
    PORT_REJECTION = "port_rejection"
    RECORDS_UPDATE = "records_update"
    BILL_REQUEST = "bill_request"
    NUMBER_REMOVAL = "number_removal"
    CANCELLATION = "cancellation"
    PORT_STATUS = "port_status"
    OTHER = "other"


class Action(StrEnum):
    """What the bot decided to do with a message."""

    ASK_MISSING = "ask_missing"
    SEND_CSR = "send_csr"
    SEND_INSTRUCTIONS = "send_instructions"
    ACKNOWLEDGE = "acknowledge"
    REFER_TO_AGENT = "refer_to_agent"
    NO_REPLY = "no_reply"


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox from an address header; `email` is lower-cased, `name` as written."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A decoded attachment; `filename` is sanitised and never used as a path."""

    filename: str
    content_type: str
    payload: bytes
    forwarded: bool = False

    @property
    def size(self) -> int:
        return len(self.payload)


@dataclass(frozen=True, slots=True)
class ForwardedMail:
    """A message the customer forwarded (attached as message/rfc822 or inline)."""

    subject: str
    sender: str
    text: str
    # Attached as a message (message/rfc822), not quoted inline in the text.
    attached: bool = False


@dataclass(frozen=True, slots=True)
class Mail:
    """A parsed message: headers, the customer's new text kept apart from quotes and signature."""

    message_id: str
    subject: str
    sender: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None
    in_reply_to: str
    references: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    content_type: str
    new_text: str
    quoted_text: str
    signature: str
    forwarded: tuple[ForwardedMail, ...]
    attachments: tuple[Attachment, ...]
    part_types: tuple[str, ...]
    defects: tuple[str, ...]

    @property
    def own_text(self) -> str:
        """The customer's own words: the subject and the new text, without quoted history,
        signature or forwarded mail."""
        return f"{self.subject}\n{self.new_text}"

    def header(self, name: str) -> str | None:
        """The first value of a header, case-insensitively, or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_all(self, name: str) -> tuple[str, ...]:
        wanted = name.lower()
        return tuple(value for key, value in self.headers if key.lower() == wanted)


@dataclass(frozen=True, slots=True)
class ScreenVerdict:
    """Why a message is automated or must not be answered; `screen` names the rule that said so."""

    screen: str
    reason: str
    is_bounce: bool = False


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A phone number the customer named, normalised."""

    e164: str
    country: str
    type: str
    source: str
    raw: str
    # As the country writes it ("(415) 555-0123"), for replies; "" when not known (facts
    # stored before it was kept), and then formatted from e164.
    national: str = ""


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """An address as written, split where the document made it possible; "" when unknown."""

    street: str = ""
    city: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""

    def one_line(self) -> str:
        return ", ".join(
            part
            for part in (self.street, self.city, self.region, self.postcode, self.country)
            if part
        )


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What one attachment says. `error` says why it could not be read; the message goes on."""

    filename: str
    kind: str  # loa | invoice | csr | rejection_notice | other
    content_type: str
    pages: int = 0
    method: str = "none"  # pdf-text | pdf-form | ocr | text | none
    business_name: str | None = None
    authorized_name: str | None = None
    service_address: PostalAddress | None = None
    account_number: str | None = None
    btn: str | None = None
    carrier: str | None = None
    document_date: date | None = None
    signed: bool | None = None
    signer: str | None = None
    numbers: tuple[PhoneNumber, ...] = ()
    rejection_codes: tuple[str, ...] = ()
    flagged: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FieldMismatch:
    """One field that differs between the LOA and the invoice or CSR, side by side."""

    field: str
    loa_value: str
    other_value: str
    other_document: str


@dataclass(frozen=True, slots=True)
class Identifier:
    """A Twilio SID or a country's porting code found in the text; `valid` False if malformed."""

    kind: str  # account_sid | phone_number_sid | port_order_sid | migration_code | cvp | pac | rio
    value: str
    valid: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class Answers:
    """The customer's answers to what a port needs; None means they did not say.

    A PIN is never kept here, only its masked form: the bot must never repeat it.
    """

    sms_needed: bool | None = None
    wireless: bool | None = None
    wireless_account_number: str | None = None
    pin_masked: str | None = None
    port_date: date | None = None
    port_date_text: str | None = None
    port_date_soon: bool = False
    time_frame: str | None = None
    provider: str | None = None
    company_name: str | None = None
    address: PostalAddress | None = None
    # What a records update changes: ("address",), ("name",) or both; None where not said.
    record_changes: tuple[str, ...] | None = None
    # The customer said the change is for every number on the account.
    all_numbers: bool | None = None
    # An address written without its postcode, as written ("120 Example Avenue, Toronto ON").
    partial_address: str | None = None
    # The customer cancels a part of the service (a licence, an extension), not the account.
    cancels_part: bool | None = None
    # Which parts: "licence", "extension", "add_on", "subaccount", in the order written.
    cancelled_parts: tuple[str, ...] | None = None
    # When the cancellation is to take effect, as written ("zum Monatsende").
    cancel_when: str | None = None
    # The customer lets the numbers end with the account ("die Nummern können verfallen").
    gives_up_numbers: bool | None = None
    # A bill request that names a month, a quarter or a corrected invoice.
    bill_period: bool | None = None
    # The month of the invoice asked for, as written ("mars"), said back in the reply.
    bill_month: str | None = None
    # The customer looked for the invoice (in the Console) and did not find it.
    bill_not_found: bool | None = None
    # An invoice is wrong and must be corrected or reissued.
    bill_correction: bool | None = None
    # The final invoice asked for, the one that closes the account's or the numbers' billing.
    final_invoice: bool | None = None
    # The bill is wanted for a port (a new provider asks for it).
    bill_for_port: bool | None = None
    # The customer says the port is not complete yet, or asks whether it is.
    port_pending: bool | None = None
    # The customer asks to move the date of a port ("can we move it to the 19th?").
    date_change: bool | None = None
    # A customer porting in speaks of ending the current carrier's service or contract.
    service_ending: bool | None = None
    # A transfer the customer asked for before and still waits for ("due settimane fa").
    transfer_waits: bool | None = None
    # A transfer between different owners' Twilio accounts (an agency's and the customer's).
    unrelated_accounts: bool | None = None
    # The carrier's rejection reasons the customer quotes in their own words (§3 codes).
    rejection_reasons: tuple[str, ...] | None = None
    # What the customer gives to fix a rejection ("Il BTN giusto è…"): "btn", "pin",
    # "account_number", "address"… or "value" where the sentence names no detail.
    rejection_fixes: tuple[str, ...] | None = None
    # The customer asks us why, or answers our explanation: the porting team holds the notice.
    rejection_reason_asked: bool | None = None
    # The customer says a document is attached, and this message carries no attachment.
    attachment_lost: bool | None = None
    # The customer writes again, unanswered or after repeated trouble ("Third email").
    writes_again: bool | None = None
    # The customer writes of someone who has died.
    bereavement: bool | None = None
    # The customer says the service is failing now ("phones have been down since 8:40").
    service_fault: bool | None = None
    # The customer says someone else is making calls or charges on the account.
    suspected_fraud: bool | None = None
    # The customer asks whether a mail asking for a PIN or a password is genuine.
    phishing_suspected: bool | None = None
    # Questions no template answers (the price, a new number), as written: a person answers.
    side_questions: tuple[str, ...] | None = None
    # The customer speaks of the emergency (911) address; an emergency call already went to an
    # old or wrong address.
    emergency_address: bool | None = None
    emergency_misrouted: bool | None = None
    # Questions about the port with a standard answer, by topic ("interruption", "form").
    common_questions: tuple[str, ...] | None = None
    # A port away: the customer asks us to release the numbers; the port already waits on us.
    release_asked: bool | None = None
    port_waits: bool | None = None
    # Porting codes the customer says they have without giving them ("J'ai déjà le RIO").
    codes_in_hand: tuple[str, ...] | None = None
    # The customer is still charged for numbers that left or a service that ended.
    charged_after_end: bool | None = None
    # The customer asks us for money back (a refund, a credit note): a person decides.
    refund_asked: bool | None = None

    def changes(self, part: str) -> bool:
        """Whether a records update changes `part` ("name" or "address"): a customer who said
        neither is taken to change both."""
        return self.record_changes is None or part in self.record_changes


@dataclass(frozen=True, slots=True)
class Facts:
    """What the bot understood from one message."""

    numbers: tuple[PhoneNumber, ...] = ()
    account_sids: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    answers: Answers = Answers()
    redacted_secrets: tuple[str, ...] = ()
    attachment_kinds: tuple[tuple[str, str], ...] = ()
    documents: tuple[DocumentFacts, ...] = ()
    mismatches: tuple[FieldMismatch, ...] = ()
    numbers_missing_from_loa: tuple[str, ...] = ()
    # Requests that matter to account security, e.g. "email_change" (a new registered address).
    security_requests: tuple[str, ...] = ()
    # Numbers written in full ("+32 2 000 01 36") that are not valid in their country's plan,
    # as written: the reply names them, so the customer can check the digits.
    unreadable_numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Classification:
    """The case type with the classifier's confidence and the language of the customer's text."""

    case_type: CaseType
    confidence: float
    language: str
    by: str
    secondary_intents: tuple[CaseType, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's result: a missing item or a warning, with its key and description."""

    rule: str
    key: str
    severity: str
    detail: str

    @property
    def is_missing(self) -> bool:
        return self.severity == "missing"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    @property
    def refers(self) -> bool:
        """Something only a person can do ("refer"): the case goes to an agent."""
        return self.severity == "refer"

    @property
    def for_agent(self) -> bool:
        """Something a person answers beside the bot's reply ("agent"): the reply waits for one."""
        return self.severity == "agent"


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do, and the reasons that led to it."""

    action: Action
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()
    # What a person answers beside the reply (a question on the price): the draft waits.
    for_agent: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """A reply ready to be composed into a message: text and HTML alternatives."""

    subject: str
    text: str
    html: str
    template: str
    language: str


@dataclass(frozen=True, slots=True)
class NumberRecord:
    """One of our numbers as the inventory holds it, in the form the pipeline may see.

    There is no PIN and no account id here: the PIN never leaves the store, and `account` is a
    keyed digest that only says which numbers share an account.
    """

    e164: str
    account: str
    company_name: str
    address_line: str
    city: str
    postcode: str
    country: str
    carrier: str
    authorized_emails: tuple[str, ...]
    migration_code: str | None = None
    cvp_code: str | None = None
    twilio_subaccount_sid: str | None = None

    @property
    def contact(self) -> str:
        """The contact of record: the account's first authorised address."""
        return self.authorized_emails[0] if self.authorized_emails else ""


# Reads the inventory's records of the numbers given (those not on record are left out).
RecordLookup = Callable[[tuple[str, ...]], tuple[NumberRecord, ...]]


@dataclass(frozen=True, slots=True)
class Verification:
    """Whether the sender may receive the data of the accounts the case's numbers belong to."""

    sender: str
    # What our own receiving server saw pass, aligned with the From domain; None: nothing did.
    authenticated_by: str | None
    verified_accounts: tuple[str, ...] = ()
    # Why the sender is not verified (for the agent); empty when verified for every account.
    reasons: tuple[str, ...] = ()
    # Signs of an impersonation attempt: look-alike domain, display-name tricks, Reply-To.
    warnings: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.sender} authorised for the account, {self.authenticated_by}"


@dataclass(frozen=True, slots=True)
class CsrLine:
    """What a CSR reply says of one number: its record, not registered, or toll-free advice."""

    e164: str
    status: str  # on_record | not_registered | toll_free
    record: NumberRecord | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """A note to an account's contact of record that someone asked for its data or a port-out."""

    recipient: str
    numbers: tuple[str, ...]
    request: CaseType
    requester: str


@dataclass(frozen=True, slots=True)
class Disclosure:
    """Account data a reply carries: what, about which numbers, to whom, on which verification."""

    recipient: str
    numbers: tuple[str, ...]
    fields: tuple[str, ...]
    verification: str


@dataclass(frozen=True, slots=True)
class Security:
    """What the security stage concluded for one message."""

    verification: Verification | None = None
    csr: tuple[CsrLine, ...] = ()
    # (number, our Twilio subaccount SID) for a move to another Twilio account.
    subaccount_sids: tuple[tuple[str, str], ...] = ()
    notices: tuple[Notice, ...] = ()
    disclosure: Disclosure | None = None
    # Why the request looks like an attempt to take over a number (for the agent).
    suspicious: tuple[str, ...] = ()
    # True when the reply must not say anything about the account (not even that it exists).
    withhold: bool = False
    # A records change from a sender not verified for the account: confirmed with the
    # contact of record before it is made, and the reply says so.
    change_unconfirmed: bool = False
    # A CSR asked beside another request by a sender verified for the account: the agent the
    # draft waits for sends it, and the reply says so.
    csr_to_send: bool = False


@dataclass(frozen=True, slots=True)
class CaseContext:
    """What the store knows about the case a message threads into (empty for a new case)."""

    token: str
    case_type: CaseType | None = None
    is_new: bool = True
    # What the thread has said so far; this message's facts are merged on top.
    facts: Facts = Facts()
    # Acknowledged as complete and handed to the porting team already.
    complete: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything the pipeline concluded about one message; the runner persists it."""

    mail: Mail
    screen: ScreenVerdict | None
    facts: Facts
    classification: Classification | None
    findings: tuple[Finding, ...]
    decision: Decision
    draft: Draft | None
    bounced_message_ids: tuple[str, ...] = field(default=())
    # The case's facts with this message merged in: what the rules judged.
    case_facts: Facts = Facts()
    security: Security = Security()
