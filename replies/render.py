"""Renders a Decision into a Draft from the Jinja2 templates (the only place templates are read).

Templates hold the structure; replies/locales/<language>.toml holds the words. The customer's
text never reaches a template as source: only values the rules and extractors produced do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import phonenumbers
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.model import (
    Action,
    CaseType,
    CsrLine,
    Decision,
    Draft,
    Facts,
    Finding,
    Notice,
    PhoneNumber,
    PostalAddress,
    Security,
)
from replies.casing import german_letter_case
from replies.common_answers import AnswerContext, common_answers
from replies.locales import Locale, locale
from replies.wording import NUMBER_TYPES, SUBJECT_PREFIXES, country_names

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Case types whose acknowledgement also says how long processing takes.
_PORTS = {CaseType.PORT_IN, CaseType.PORT_IN_INTERNATIONAL}


@dataclass(frozen=True, slots=True)
class ReplyContext:
    """What a reply may say: never anything the customer did not send or the rules did not find."""

    case_token: str
    case_type: CaseType
    language: str
    customer_name: str
    subject: str
    numbers: tuple[PhoneNumber, ...]
    signature: str
    facts: Facts = field(default_factory=Facts)
    findings: tuple[Finding, ...] = ()
    instructions: str | None = None
    secure_channel: str = "the security page of your account"
    # Rejection codes (porting-domain §3) whose correction the reply states.
    corrections: tuple[str, ...] = ()
    # What the security stage allows the reply to carry (CSR lines, subaccount SIDs).
    security: Security = field(default_factory=Security)
    # Other requests in the same message that have instructions of their own (cancellation…).
    also: tuple[CaseType, ...] = ()
    # Where the customer can download an LOA form (settings replies.loa_form), "" for none.
    loa_form: str = ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        # Only the HTML templates escape; the customer's text is always data, never template source.
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates change with a release, not while the daemon runs: no stat() per render.
        auto_reload=False,
    )


def render_draft(decision: Decision, context: ReplyContext) -> Draft | None:
    """The reply for `decision` in the customer's language (English when we have no wording)."""
    if decision.action is Action.NO_REPLY:
        return None
    words = locale(context.language)
    variables = _variables(decision, context, words)
    env = environment()
    name = decision.action.value
    text = env.get_template(f"{name}.txt.j2").render(variables)
    html = env.get_template(f"{name}.html.j2").render(variables)
    if words.language == "de":
        text, html = german_letter_case(text, html)
    return Draft(
        subject=reply_subject(
            context.subject, context.case_token, words.text("phrases", "subject_fallback")
        ),
        text=text,
        html=html,
        template=f"{name}.{words.language}",
        language=words.language,
    )


def _variables(decision: Decision, context: ReplyContext, words: Locale) -> dict[str, object]:
    topic = words.text("topics", _for_count("topics", _topic_key(context), context, words))
    record = _record_lines(context, words)
    instructions = _instructions(context, words, acknowledged=decision.action is Action.ACKNOWLEDGE)
    greeting = (
        words.text("phrases", "greeting", name=context.customer_name)
        if context.customer_name
        else words.text("phrases", "greeting_no_name")
    )
    return {
        "language": words.language,
        "greeting": greeting,
        # Condolences, then an apology, before anything else is said.
        "opening": [
            words.text("phrases", f"opening_{said}")
            for said, wanted in (
                ("bereavement", context.facts.answers.bereavement),
                ("writes_again", context.facts.answers.writes_again),
            )
            if wanted
        ],
        "ask_intro": words.text("phrases", "ask_intro", topic=topic),
        "ask_outro": words.text(
            "phrases",
            "ask_outro_documents" if _DOCUMENTS.intersection(decision.missing) else "ask_outro",
        ),
        "acknowledge": _acknowledgement(context, topic, words),
        "refer": words.text("phrases", _refer_key(context)),
        # What the person decides, where the wording says so ("a refund goes to billing").
        "referred": [
            words.text("referred", f.key, secure_channel=context.secure_channel)
            for f in context.findings
            if f.refers and words.has("referred", f.key)
        ],
        # What the person will do with this kind of request, where the case type says it.
        "referral": _referral(context, words),
        "processing_time": (
            words.text("phrases", "processing_time") if context.case_type in _PORTS else ""
        ),
        "warnings_intro": words.text("phrases", "warnings_intro"),
        "numbers_intro": words.text("phrases", "numbers_intro"),
        "record_intro": words.text("phrases", "record_intro"),
        "record": record,
        # The new address is the numbers' emergency address too, where the customer says so.
        "emergency_note": (
            words.text("phrases", "emergency_address")
            if context.case_type is CaseType.RECORDS_UPDATE
            and context.facts.answers.emergency_address
            and record
            else ""
        ),
        "record_verification": (
            words.text(
                "phrases",
                "cancel_verification"
                if context.case_type is CaseType.CANCELLATION
                else "record_verification",
            )
            if context.security.change_unconfirmed
            else ""
        ),
        "case_number": words.text("phrases", "case_number", token=context.case_token),
        "sign_off": words.text("phrases", "sign_off"),
        "signature": context.signature,
        "missing": [_missing(key, context, words) for key in decision.missing],
        "warnings": [_warning(f, context, words) for f in context.findings if f.is_warning],
        "instructions": instructions,
        # A port away that lacks only the new provider's name still gets the steps: the
        # customer asked how it works, and the new provider starts it either way.
        "ask_instructions": (
            instructions
            if context.case_type is CaseType.PORT_OUT
            and decision.action is Action.ASK_MISSING
            and "phone_numbers" not in decision.missing
            else ""
        ),
        "also": [
            _instruction(c.value, context, words)
            for c in context.also
            if c in _ANSWERED_ALSO and c is not context.case_type and not _said(c, context)
        ]
        # Misuse of the account comes first: "block what must be blocked" is no cancellation
        # to explain, and the person who takes the fraud answers the rest.
        if not any(f.key in _MISUSE for f in context.findings)
        else [],
        "byoc": words.text("instructions", "byoc") if _offers_byoc(context) else "",
        # Standard answers to what the customer asks about the port ("will the line be dead?").
        "common_answers": common_answers(
            context.facts.answers.common_questions,
            AnswerContext(
                case_type=context.case_type,
                numbers=context.numbers,
                says_duration=decision.action is Action.ACKNOWLEDGE
                or "port_date" in decision.missing,
                transfer_waits=bool(context.facts.answers.transfer_waits),
                loa_form=context.loa_form,
            ),
            words,
        )
        if context.facts.answers.common_questions
        else [],
        # Said back as written, for the agent who answers them before the draft goes out.
        "side_questions_intro": words.text("phrases", "side_questions_intro"),
        "side_questions": (
            list(context.facts.answers.side_questions or ()) if decision.for_agent else []
        ),
        # Asked for the time frame or acknowledged alike: only a parent and its subaccounts
        # move this way (porting-domain §1 row 4). Said only where the customer said neither:
        # different owners are told the process directly, a subaccount needs no caveat.
        "transfer_accounts": (
            words.text("instructions", "transfer_unrelated_accounts")
            if context.case_type is CaseType.PORT_IN_TWILIO_TRANSFER
            and context.facts.answers.unrelated_accounts is None
            else ""
        ),
        "country_documents": _country_documents(context, words),
        "corrections_intro": words.text("phrases", "corrections_intro"),
        "corrections": _correction_lines(context.corrections, context.facts, words),
        "corrections_thanked": _thanked_lines(context.corrections, context.facts, words),
        "numbers": _number_lines(context.numbers, words.language),
        "number_sids_intro": words.text("phrases", "number_sids_intro"),
        # The accounts named ("from AC… to AC…"), read back so the customer can check them.
        "account_sids_intro": words.text("phrases", "account_sids_intro"),
        "account_sids": list(dict.fromkeys(context.facts.account_sids)),
        # Twilio phone-number SIDs name numbers too (a transfer's "PN…"): named back likewise.
        "number_sids": list(
            dict.fromkeys(
                i.value
                for i in context.facts.identifiers
                if i.kind == "phone_number_sid" and i.valid
            )
        ),
        **_security_variables(decision, context, words),
    }


def _record_lines(context: ReplyContext, words: Locale) -> list[str]:
    """A records update's new name and address as we read them, for the customer to check."""
    if context.case_type is not CaseType.RECORDS_UPDATE:
        return []
    answers = context.facts.answers
    # Only the parts the customer changes: a name read from a signature is not a new one.
    lines = []
    if answers.company_name and answers.changes("name"):
        lines.append(words.text("phrases", "record_name", value=answers.company_name))
    if answers.address is not None and answers.changes("address"):
        lines.append(words.text("phrases", "record_address", value=_address_line(answers.address)))
    if lines and answers.all_numbers and not context.numbers:
        lines.append(words.text("phrases", "record_every_number"))
    if lines and answers.port_date_text:
        # "Ab dem 1. Juli": a street renamed on a set day is not changed today.
        lines.append(words.text("phrases", "record_from", value=answers.port_date_text))
    return lines


def _address_line(address: PostalAddress) -> str:
    """Written the way the country writes it: "City, ST 12345", "12345 City", "City AB1 2CD"."""
    if address.region:
        place = f"{address.city}, {address.region} {address.postcode}"
    elif address.country == "GB":
        place = f"{address.city} {address.postcode}"
    else:
        place = f"{address.postcode} {address.city}"
    return ", ".join(part for part in (address.street, place.strip(" ,")) if part)


def _correction_lines(codes: tuple[str, ...], facts: Facts, words: Locale) -> list[str]:
    """What each rejection code asks of the customer, each sentence once (several codes share
    one: a business and an entity name mismatch are fixed alike). A code whose correction the
    message already gives ("Richtige PIN ist 7302") is thanked for instead (`_thanked_lines`)."""
    lines = (
        words.text("corrections", code if words.has("corrections", code) else "UNKNOWN")
        for code in codes
        if not _thanked(code, facts, words)
    )
    return list(dict.fromkeys(lines))


def _thanked_lines(codes: tuple[str, ...], facts: Facts, words: Locale) -> list[str]:
    """The corrections the message gives, thanked for: said on their own, not under the heading
    of what the reason asks, which would ask for what has just been sent."""
    lines = (
        words.text("corrections_given", code) for code in codes if _thanked(code, facts, words)
    )
    return list(dict.fromkeys(lines))


def _thanked(code: str, facts: Facts, words: Locale) -> bool:
    return _given(code, facts) and words.has("corrections_given", code)


def _given(code: str, facts: Facts) -> bool:
    answered = _GIVEN.get(code)
    return answered is not None and answered(facts)


def _gives_pin(facts: Facts) -> bool:
    # A French line's RIO is its PIN's counterpart.
    return (
        bool(facts.answers.pin_masked)
        or any(i.kind == "rio" and i.valid for i in facts.identifiers)
        or _fixes(facts, "pin", "code", "value")
    )


def _gives_account_number(facts: Facts) -> bool:
    return bool(facts.answers.wireless_account_number) or _fixes(facts, "account_number", "value")


def _gives_date(facts: Facts) -> bool:
    return facts.answers.port_date is not None


def _fixes(facts: Facts, *kinds: str) -> bool:
    """Whether the customer gives one of `kinds` as a correction ("the correct BTN is…"); an
    unnamed one ("quello giusto è…") is the detail the rejection is about."""
    given = facts.answers.rejection_fixes or ()
    return any(kind in given for kind in kinds)


def _gives(*kinds: str) -> Callable[[Facts], bool]:
    return lambda facts: _fixes(facts, *kinds)


# The rejection reasons a customer can answer in the message itself, and what answers each.
_GIVEN: dict[str, Callable[[Facts], bool]] = {
    "PASSCODE_PIN_INVALID": _gives_pin,
    "ACCOUNT_NUMBER_MISMATCH": _gives_account_number,
    "ACCOUNT_NUMBER_REQUIRED": _gives_account_number,
    "BTN_ATN_MISMATCH": _gives("btn", "value"),
    # A new LOA carries the name and address the carrier checks.
    "POSTAL_CODE_MISMATCH": _gives("postal_code", "address", "value", "loa"),
    "LOCATION_MISMATCH": _gives("address", "loa"),
    "BUSINESS_NAME_MISMATCH": _gives("name", "loa"),
    "ENTITY_NAME_MISMATCH": _gives("name", "loa"),
    "FOC_REJECTED": _gives_date,
    "FOC_EXPIRED": _gives_date,
}


def _for_count(table: str, key: str, context: ReplyContext, words: Locale) -> str:
    """`key`, or its singular `key_one` where the reply names exactly one number and this
    language has that wording ("moving your number to us", not "your numbers")."""
    single = f"{key}_one"
    return single if len(context.numbers) == 1 and words.has(table, single) else key


def _topic_key(context: ReplyContext) -> str:
    """The case type's topic; a records update that changes one part names only that part."""
    key = context.case_type.value
    changes = context.facts.answers.record_changes
    if context.case_type is CaseType.RECORDS_UPDATE and changes and len(changes) == 1:
        return f"{key}_{changes[0]}"
    return key


def _security_variables(
    decision: Decision, context: ReplyContext, words: Locale
) -> dict[str, object]:
    """Account data only where the security stage put it: a disclosure to a verified sender."""
    security = context.security
    lines = security.csr if security.disclosure or not _discloses(security.csr) else ()
    port_out = context.case_type is CaseType.PORT_OUT
    # Only toll-free numbers or numbers we hold no record for: nothing "exactly as written",
    # and no PIN, which only a number with a record has.
    records = _discloses(lines)
    intro = "port_out_intro" if port_out else "intro" if records or not lines else "intro_no_record"
    return {
        "csr_intro": words.text("csr", intro),
        "csr_lines": [_csr_line(line, words) for line in lines],
        "subaccount_lines": [
            words.text("csr", "subaccount_line", number=_national(e164), sid=sid)
            for e164, sid in security.subaccount_sids
        ],
        "subaccount_intro": _subaccount_intro(security, words),
        "withheld_note": (
            words.text("csr", "record_only_to_registered", secure_channel=context.secure_channel)
            if port_out and security.withhold and decision.action is Action.SEND_INSTRUCTIONS
            else ""
        ),
        "pin_note": (
            words.text("csr", "pin_never_by_email", secure_channel=context.secure_channel)
            if records
            else ""
        ),
    }


def _discloses(lines: tuple[CsrLine, ...]) -> bool:
    return any(line.record is not None for line in lines)


def _subaccount_intro(security: Security, words: Locale) -> str:
    if not security.subaccount_sids:
        return ""
    sids = ", ".join(dict.fromkeys(sid for _e164, sid in security.subaccount_sids))
    return words.text("instructions", "port_out_twilio", subaccount_sid=sids)


def _csr_line(line: CsrLine, words: Locale) -> dict[str, object]:
    """One number's block: its record's fields, or why there is none."""
    fields: list[tuple[str, str]] = []
    note = ""
    record = line.record
    if record is not None:
        address = _postal(record.address_line, record.city, record.postcode, record.country)
        for key, value in (
            ("company_name", record.company_name),
            ("service_address", f"{address} ({record.country})" if address else ""),
            ("carrier", record.carrier),
            ("migration_code", record.migration_code or ""),
            ("cvp_code", record.cvp_code or ""),
        ):
            if value:
                fields.append((words.text("csr", key), value))
    else:
        note = words.text("csr", line.status)
    return {"national": _national(line.e164), "fields": fields, "note": note}


# Countries that write the postcode after the city; elsewhere it comes first ("20121 Milano").
_POSTCODE_AFTER_CITY = {"US", "CA", "GB", "AU", "IE"}


def _postal(line: str, city: str, postcode: str, country: str) -> str:
    """The address as the country writes it on one line."""
    if country in _POSTCODE_AFTER_CITY:
        place = " ".join(part for part in (city, postcode) if part)
    else:
        place = " ".join(part for part in (postcode, city) if part)
    return ", ".join(part for part in (line, place) if part)


def render_notice(
    notice: Notice,
    *,
    language: str,
    case_token: str,
    signature: str,
    secure_channel: str,
    disclosed: bool,
) -> Draft:
    """The note to an account's contact of record: who asked what, and what to do if not them."""
    words = locale(language)
    env = environment()
    variables = {
        "language": words.language,
        "greeting": words.text("phrases", "greeting_no_name"),
        "asked": words.text(
            "notice",
            "asked",
            requester=notice.requester,
            request=words.text("topics", notice.request.value),
        ),
        "numbers": [{"national": _national(e164)} for e164 in notice.numbers],
        "outcome": words.text(
            "notice",
            "sent_to_registered" if disclosed else "not_sent",
            requester=notice.requester,
        ),
        "not_you": words.text("notice", "not_you", secure_channel=secure_channel),
        "case_number": words.text("phrases", "case_number", token=case_token),
        "sign_off": words.text("phrases", "sign_off"),
        "signature": signature,
    }
    return Draft(
        subject=f"{words.text('notice', 'subject')} [#{case_token}]",
        text=env.get_template("notice.txt.j2").render(variables),
        html=env.get_template("notice.html.j2").render(variables),
        template=f"notice.{words.language}",
        language=words.language,
    )


# Country documents (rules/countries.toml) that only one type of number needs.
_FOR_TYPE = {"pac": "mobile", "line_details": "local", "kvk": "toll_free"}


def _missing(key: str, context: ReplyContext, words: Locale) -> str:
    facts = context.facts
    values: dict[str, object] = {}
    if key == "loa_numbers":
        values["numbers"] = ", ".join(_national(e164) for e164 in facts.numbers_missing_from_loa)
    elif key == "name_address_match":
        values["differences"] = "; ".join(
            f"{m.field.replace('service_address.', '')}: LOA \u201c{m.loa_value}\u201d / "
            f"{m.other_document} \u201c{m.other_value}\u201d"
            for m in facts.mismatches
        )
    elif key == "address" and facts.answers.partial_address:
        key, values["address"] = "address_partial", facts.answers.partial_address
    elif key == "address_in_country":
        values["country"] = country_names(facts.numbers, words.language)
    elif key == "address_local_area":
        values.update(_local_area(context))
    elif key == "number_type" and len(_unknown_type(facts)) < len(facts.numbers):
        # "The type of each number" beside a list that says "020 7946 0417 (GB, local)".
        untyped = [_national(n.e164) for n in _unknown_type(facts)]
        key = "number_type_one" if len(untyped) == 1 else "number_type_some"
        values["numbers"] = ", ".join(untyped)
    elif key == "phone_numbers" and facts.unreadable_numbers:
        # Name what could not be read, so the customer checks those digits.
        key = (
            "phone_number_unreadable"
            if len(facts.unreadable_numbers) == 1
            else "phone_numbers_unreadable"
        )
        values["numbers"] = ", ".join(facts.unreadable_numbers)
    elif key in ("loa", "bill_or_csr") and _toll_free_port_in(context):
        # A RespOrg change: a recent LOA and a bill; toll-free numbers have no CSR.
        key = f"{key}_toll_free"
    elif key == "phone_numbers" and words.has("missing", f"{key}_{context.case_type.value}"):
        # A status enquiry needs the numbers to find the port, a removal to remove them.
        key = f"{key}_{context.case_type.value}"
    return words.text("missing", key, **values)


def _toll_free_port_in(context: ReplyContext) -> bool:
    """A port-in of US or Canadian toll-free numbers only."""
    return (
        context.case_type is CaseType.PORT_IN
        and bool(context.numbers)
        and all(_us_ca_toll_free(n) for n in context.numbers)
    )


def _us_ca_toll_free(number: PhoneNumber) -> bool:
    """A US or Canadian toll-free number: moved by a RespOrg change, with no CSR."""
    return number.type == "toll_free" and number.country in ("US", "CA")


def _unknown_type(facts: Facts) -> tuple[PhoneNumber, ...]:
    """The numbers the rule `number_type` asks the type of (rules/items.py)."""
    from rules.items import numbers_of_unknown_type

    return numbers_of_unknown_type(facts.numbers)


def _country_documents(context: ReplyContext, words: Locale) -> list[dict[str, object]]:
    """For a port-in from another country, what that country's carriers will ask for
    (rules/countries.toml), so the customer can have it ready: one list per country."""
    from rules.countries import country_rules

    if context.case_type is not CaseType.PORT_IN_INTERNATIONAL:
        return []
    # A code the message already gives (a migration code, a CVP, a RIO) is not listed.
    given = {i.kind for i in context.facts.identifiers if i.valid}
    # A code the customer says they have ("J'ai déjà le RIO") is asked for, not explained.
    in_hand = set(context.facts.answers.codes_in_hand or ())
    lists: list[dict[str, object]] = []
    for country in sorted({n.country for n in context.numbers if n.country}):
        numbers = tuple(n for n in context.numbers if n.country == country)
        types = {n.type for n in numbers}
        documents = [
            words.text("country_documents", f"{key}_in_hand" if key in in_hand else key)
            for key in country_rules(country).port_in_documents
            if words.has("country_documents", key)
            and key not in given
            # A PAC is for a mobile number: not listed for a London landline.
            and (key not in _FOR_TYPE or bool(types & {_FOR_TYPE[key], "unknown"}))
        ]
        if documents:
            name = country_names(numbers, words.language)
            intro = words.text("phrases", "country_documents_intro", country=name)
            lists.append({"intro": intro, "documents": documents})
    return lists


def _local_area(context: ReplyContext) -> dict[str, object]:
    from rules.countries import area_city, country_rules

    for number in context.facts.numbers:
        if country_rules(number.country).local_area_address:
            parsed = phonenumbers.parse(number.e164, None)
            national = str(parsed.national_number)
            area_length = phonenumbers.length_of_geographical_area_code(parsed)
            return {"area": "0" + national[:area_length], "city": area_city(number.e164)}
    return {"area": "", "city": ""}


def _warning(finding: Finding, context: ReplyContext, words: Locale) -> str:
    answers = context.facts.answers
    values: dict[str, object] = {}
    if finding.key in ("bill_too_old", "loa_too_old"):
        digits = [part for part in finding.detail.split() if part.isdigit()]
        values["days"] = digits[0] if digits else ""
    elif finding.key == "port_date_too_soon":
        values["date"] = answers.port_date.isoformat() if answers.port_date else ""
    elif finding.key == "malformed_sid":
        values["value"] = finding.detail.split(":", 1)[0]
    return words.text("warnings", finding.key, **values)


def _acknowledgement(context: ReplyContext, topic: str, words: Locale) -> str:
    """The case type's own acknowledgement where it has one (a cancellation goes to the
    accounts team, not the porting team; a licence's cancellation is not the account's), else
    the general one."""
    own = f"acknowledge_{context.case_type.value}"
    if context.case_type is CaseType.CANCELLATION and context.facts.answers.cancels_part:
        own = "acknowledge_cancellation_part"
    key = own if words.has("phrases", own) else "acknowledge"
    return words.text("phrases", key, topic=topic, part=_cancelled_parts(context, words))


def _to_provider(context: ReplyContext, words: Locale) -> str:
    """Where the numbers went: "to Verizon" where the customer named the provider."""
    provider = context.facts.answers.provider
    if provider:
        return words.text("phrases", "to_named_provider", provider=provider)
    return words.text("phrases", "to_new_provider")


def _cancelled_parts(context: ReplyContext, words: Locale) -> str:
    """What a cancellation of parts cancels ("the extensions you named"); "part of your
    service" where the kind is not known."""
    kinds = context.facts.answers.cancelled_parts or ("unknown",)
    joined = words.text("cancelled_parts", "joined")
    return joined.join(words.text("cancelled_parts", kind) for kind in kinds)


def _instructions(context: ReplyContext, words: Locale, *, acknowledged: bool) -> str:
    if not context.instructions or not words.has("instructions", context.instructions):
        return ""
    if any(f.refers and f.key not in _BESIDE_INSTRUCTIONS for f in context.findings):
        # A person answers what the instructions would ("I can't find it in the dashboard").
        return ""
    return _instruction(context.instructions, context, words, acknowledged=acknowledged)


def _instruction(
    key: str, context: ReplyContext, words: Locale, *, acknowledged: bool = False
) -> str:
    """The instructions paragraph `key`, with the lines that apply to these numbers."""
    if key == "bill_request" and context.facts.answers.final_invoice:
        # "Send me the final invoice": made when the billing ends, not in the Console yet.
        closing = CaseType.CANCELLATION in _requests(context)
        key = "final_invoice" if closing else "final_invoice_numbers"
    elif key == "bill_request" and context.facts.answers.bill_period:
        # "The July invoice, corrected": every month is there, not only the latest.
        key = "bill_request_period"
    elif key == "number_removal" and (
        context.facts.answers.port_pending or context.case_type in _PORTS_AWAY
    ):
        # "Once the port has completed, remove them": what happens while it runs. Most who
        # ask say the numbers have left, and are promised the removal after our check.
        key = "number_removal_pending"
    elif key == "bill_request" and context.facts.answers.bill_for_port:
        # Only a bill for a new provider needs to be recent; an accountant's does not.
        key = "bill_request_port"
    elif key == "port_status" and context.facts.answers.port_date_text:
        # The customer has a date: checked and confirmed, not "an exact date may not be known".
        key = "port_status_dated"
    elif key == "csr_request":
        # Said only beside another request: a verified sender's record is sent by the agent
        # the draft waits for (bot/security/disclosure.py).
        key = "csr_request_also_sent" if context.security.csr_to_send else "csr_request_also"
    answers = context.facts.answers
    requests = _requests(context)
    moving_within = CaseType.PORT_IN_TWILIO_TRANSFER in requests
    if key == "cancellation" and moving_within and not answers.cancels_part:
        # "Move it to the new account, then close the old one": no new provider to port to.
        key = "cancellation_after_transfer"
    moving_away = bool(_PORTS_AWAY & requests)
    if key == "cancellation" and moving_away and not answers.cancels_part:
        # "Once the numbers have gone, cancel the account": they leave by the port first.
        key = "cancellation_after_port"
    if key == "cancellation" and answers.gives_up_numbers and not answers.cancels_part:
        # "Die Nummern können verfallen": not told to port one first to keep it.
        key = "cancellation_numbers_given_up"
    if key == "cancellation" and answers.cancels_part:
        # Cancelling a user's licence closes nothing else: no word of closing the account.
        # Beside another request, no acknowledgement has said who carries it out.
        # A referral (a refund asked beside it) has no acknowledgement naming the parts.
        primary = context.case_type is CaseType.CANCELLATION and acknowledged
        key = "cancellation_part" if primary else "cancellation_part_also"
    text = words.text(
        "instructions",
        _for_count("instructions", key, context, words),
        secure_channel=context.secure_channel,
        subaccount_sid="",
        part=_cancelled_parts(context, words),
        to_provider=_to_provider(context, words),
        date=context.facts.answers.port_date_text or "",
    )
    when = context.facts.answers.cancel_when
    if key.startswith("cancellation") and when:
        # "Zum Monatsende", "à partir du 15 avril": said back, so the customer sees it noted.
        text = f"{text} {words.text('instructions', 'cancellation_when', when=when)}"
    # Only what applies to these numbers: Italian and Portuguese codes and toll-free bills for a
    # port-out; for a PIN, where a French number's RIO comes from (the line itself, not us).
    countries = {n.country for n in context.numbers}
    closing = CaseType.CANCELLATION in requests
    toll_free = any(_us_ca_toll_free(n) for n in context.numbers)
    applies = {
        "port_out": (
            # A customer who already asks to close the account or remove the numbers is not
            # asked whether they want the billing stopped.
            ("port_out_billing", not _ends_billing(context)),
            ("port_out_keep_account", True),
            ("port_out_it", "IT" in countries),
            ("port_out_pt", "PT" in countries),
            ("port_out_es", "ES" in countries),
            ("port_out_fr", "FR" in countries),
            ("port_out_toll_free", toll_free),
            ("port_out_release", bool(context.facts.answers.release_asked)),
            ("port_out_pin_us", _needs_port_out_pin(context)),
        ),
        "port_out_pin": (("port_out_pin_fr", "FR" in countries),),
        # "Remove those and nothing else": the account and its other numbers stay.
        "number_removal": (("number_removal_only", not closing),),
        "number_removal_pending": (("number_removal_only", not closing),),
        # A bill for a port away from Italy carries the migration code the new provider needs.
        "bill_request_port": (("port_out_it", "IT" in countries),),
        # The month the customer named, said back; an invoice not in the Console goes only to
        # the billing contact of record.
        "bill_request_period": (
            ("bill_request_month", bool(answers.bill_month)),
            ("bill_request_missing", True),
            ("port_out_it", "IT" in countries and bool(answers.bill_for_port)),
        ),
    }.get(key, ())
    extra = [
        words.text(
            "instructions",
            _for_count("instructions", line, context, words),
            secure_channel=context.secure_channel,
            month=answers.bill_month or "",
        )
        for line, wanted in applies
        if wanted
    ]
    return " ".join([text, *extra])


def _requests(context: ReplyContext) -> frozenset[CaseType]:
    """What the message asks: its case type and its second requests."""
    return frozenset((context.case_type, *context.also))


def _ends_billing(context: ReplyContext) -> bool:
    """Whether the customer asks, beside a port-out, for the account or the numbers to end."""
    return bool({CaseType.CANCELLATION, CaseType.NUMBER_REMOVAL} & set(context.also)) or bool(
        context.facts.answers.cancels_part
    )


def _said(also: CaseType, context: ReplyContext) -> bool:
    """Whether the main instructions already answer a second request (a port-out's PIN, its
    note on where the record goes)."""
    if also is CaseType.CSR_REQUEST:
        return context.case_type is CaseType.PORT_OUT
    return (
        also is CaseType.PORT_OUT_PIN
        and context.instructions == "port_out"
        and _needs_port_out_pin(context)
    )


def _needs_port_out_pin(context: ReplyContext) -> bool:
    """A US or Canadian number other than toll-free leaves with a port-out PIN."""
    return any(n.country in ("US", "CA") and n.type != "toll_free" for n in context.numbers)


# Second requests in a message that a paragraph answers whatever the first one was. Account
# requests (CSR, port-out) go through the security stage instead; the PIN paragraph only says
# where the customer gets the PIN themselves.
_ANSWERED_ALSO = {
    # Beside another request: where the record goes (a port-out's own note says it there).
    CaseType.CSR_REQUEST,
    CaseType.PORT_OUT_PIN,
    CaseType.CANCELLATION,
    CaseType.BILL_REQUEST,
    CaseType.NUMBER_REMOVAL,
    CaseType.PORT_STATUS,
}

# Missing items the customer sends as a document: only then are attachments mentioned.
_DOCUMENTS = frozenset({"loa", "loa_signature", "loa_numbers", "bill_or_csr", "rejection_notice"})

# Referred to the support team, not the porting team: no port is asked about.
_SUPPORT_CASES = {CaseType.OTHER, CaseType.BILL_REQUEST}
# Referrals the support team answers, whatever the case type: money, faults and fraud.
_SUPPORT_FINDINGS = {
    "refund_asked",
    "service_fault",
    "suspected_fraud",
    "phishing",
    "charged_after_end",
}
# A misused account or a mail fishing for its PIN: no other paragraph beside it (a PIN
# paragraph would tell a customer who is going nowhere to hand the PIN to a new provider).
_MISUSE = {"suspected_fraud", "phishing"}
# Referrals a person takes up at once: a service down, an account misused.
_URGENT_FINDINGS = {"service_fault", "suspected_fraud", "phishing", "emergency_misrouted"}
# Referrals that leave the instructions true: "remove the numbers and refund the three months"
# still has its removal explained; a bill not found in the Console does not.
_BESIDE_INSTRUCTIONS = {"refund_asked", "service_fault", "suspected_fraud", "charged_after_end"}


def _refer_key(context: ReplyContext) -> str:
    """The referral's first line: urgent for a fault or misuse, which no one-business-day
    promise fits; the support team for anything but porting."""
    if any(f.refers and f.key in _URGENT_FINDINGS for f in context.findings):
        return "refer_urgent"
    return "refer_other" if _support_answers(context) else "refer"


def _referral(context: ReplyContext, words: Locale) -> str:
    """What the porting team does with a referred request of this type ("the CSR goes only to
    the account's registered address"), unless a thanked correction already says it."""
    key = context.case_type.value
    if not words.has("referral", key):
        return ""
    if context.case_type is CaseType.PORT_REJECTION:
        if _thanked_lines(context.corrections, context.facts, words):
            return ""
        if context.facts.answers.rejection_fixes:
            # "Indirizzo giusto è Via Padova 120", a new LOA: thanked for, not looked up.
            key = "port_rejection_fixed"
    return words.text("referral", key, secure_channel=context.secure_channel)


def _support_answers(context: ReplyContext) -> bool:
    """Whether the support team, not the porting team, takes up a referred case."""
    return context.case_type in _SUPPORT_CASES or any(
        f.refers and f.key in _SUPPORT_FINDINGS for f in context.findings
    )


# A port away under way: its numbers stay until it completes.
_PORTS_AWAY = {CaseType.PORT_OUT, CaseType.PORT_OUT_PIN}

# Case types whose customers may not need to move a VoIP number at all.
_BYOC_CASES = {CaseType.PORT_IN, CaseType.PORT_IN_INTERNATIONAL}


def _offers_byoc(context: ReplyContext) -> bool:
    """Bring Your Own Carrier, offered where a VoIP number is to be ported in."""
    return context.case_type in _BYOC_CASES and any(_is_voip(n.e164) for n in context.numbers)


def _is_voip(e164: str) -> bool:
    """A number in a nomadic VoIP range (UK 056, …), by the numbering plan; the number types of
    the facts keep to local, mobile, toll_free, other and unknown."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.VOIP


def reply_subject(subject: str, token: str, fallback: str = "Your porting request") -> str:
    """ "Re: <subject> [#P-1001]", without stacking Re: prefixes or tokens; `fallback`, in the
    customer's language, where the message had no subject."""
    base = " ".join(subject.split())
    while base.lower().startswith(SUBJECT_PREFIXES):
        base = base.split(":", 1)[1].strip()
    marker = f"[#{token}]"
    base = base.replace(marker, "").strip() or fallback
    return f"Re: {base} {marker}"


def _national(e164: str) -> str:
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def _number_lines(numbers: tuple[PhoneNumber, ...], language: str) -> list[dict[str, str]]:
    """One line per number, a block of consecutive numbers as one "first - last (n)" line."""
    lines: list[dict[str, str]] = []
    run: list[PhoneNumber] = []
    for number in (*numbers, None):
        if number is not None and run and _follows(run[-1], number):
            run.append(number)
            continue
        if len(run) >= _RUN:
            first = _number_view(run[0], language)
            last = run[-1].national or _national(run[-1].e164)
            lines.append({**first, "national": f"{first['national']} \u2013 {last} ({len(run)})"})
        else:
            lines.extend(_number_view(n, language) for n in run)
        run = [number] if number is not None else []
    return lines


_RUN = 4


def _follows(previous: PhoneNumber, number: PhoneNumber) -> bool:
    same = previous.country == number.country and previous.type == number.type
    digits = previous.e164[1:], number.e164[1:]
    return (
        same
        and digits[0].isdigit()
        and digits[1].isdigit()
        and int(digits[1]) == int(digits[0]) + 1
    )


def _number_view(number: PhoneNumber, language: str) -> dict[str, str]:
    return {
        "e164": number.e164,
        "national": number.national or _national(number.e164),
        "country": number.country,
        "type_label": NUMBER_TYPES.get(language, NUMBER_TYPES["en"]).get(number.type, ""),
    }
