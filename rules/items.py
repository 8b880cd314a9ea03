"""What each missing-item key means: a test over the case's facts.

Each returns None when the item is there, or a short detail of what is missing (the detail is
for agents; customers get the wording in replies/locales).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.extract.documents import describe
from bot.model import PhoneNumber
from rules.base import RuleContext
from rules.conditions import wireless
from rules.countries import area_city, city_matches, country_code_region, country_rules


def phone_numbers(context: RuleContext) -> str | None:
    # "Port the numbers listed on the attached LOA" names them through the LOA; a Twilio
    # phone-number SID (PN…) names a number on Twilio, which is what a transfer moves.
    on_loa = any(d.numbers for d in context.facts.documents if d.kind == "loa")
    by_sid = any(i.kind == "phone_number_sid" and i.valid for i in context.facts.identifiers)
    named = context.facts.numbers or on_loa or by_sid
    return None if named else "no phone number in the request"


def country(context: RuleContext) -> str | None:
    # "+32 2 000 01 36" says Belgium even where its digits are wrong.
    known = any(n.country for n in context.facts.numbers) or any(
        country_code_region(raw) for raw in context.facts.unreadable_numbers
    )
    return None if known else "the country of the numbers is not known"


def number_type(context: RuleContext) -> str | None:
    unknown = [n.e164 for n in numbers_of_unknown_type(context.facts.numbers)]
    return f"type not known for {', '.join(unknown)}" if unknown else None


def numbers_of_unknown_type(numbers: tuple[PhoneNumber, ...]) -> tuple[PhoneNumber, ...]:
    """The numbers whose type a port from abroad asks for (porting-domain §1). A US or
    Canadian number beside them follows the North American port-in, where "wireless?" is the
    question: its digits cannot tell a mobile from a landline."""
    return tuple(
        n for n in numbers if n.type in ("unknown", "other") and n.country not in ("US", "CA")
    )


def loa(context: RuleContext) -> str | None:
    present = any(d.kind == "loa" for d in context.facts.documents)
    return None if present else "no Letter of Authorization attached"


def loa_signature(context: RuleContext) -> str | None:
    loas = [d for d in context.facts.documents if d.kind == "loa"]
    # A scanned LOA whose signature cannot be seen (signed None) goes to the agent's eye.
    if loas and all(d.signed is False for d in loas):
        return "the LOA is not signed"
    return None


def loa_numbers(context: RuleContext) -> str | None:
    missing = context.facts.numbers_missing_from_loa
    return f"not on the LOA: {', '.join(missing)}" if missing else None


def bill_or_csr(context: RuleContext) -> str | None:
    present = any(d.kind in ("invoice", "csr") for d in context.facts.documents)
    return None if present else "no recent invoice or CSR attached"


def name_address_match(context: RuleContext) -> str | None:
    mismatches = context.facts.mismatches
    if not mismatches:
        return None
    return "; ".join(describe(m, context.facts.documents) for m in mismatches)


def sms_needed(context: RuleContext) -> str | None:
    return None if context.facts.answers.sms_needed is not None else "SMS not answered"


def wireless_answer(context: RuleContext) -> str | None:
    numbers = context.facts.numbers
    # Toll-free numbers are never wireless: there is nothing to ask.
    if numbers and all(n.type == "toll_free" for n in numbers):
        return None
    known = context.facts.answers.wireless is not None or wireless(context)
    return None if known else "not said whether the numbers are wireless"


def wireless_account_number(context: RuleContext) -> str | None:
    present = context.facts.answers.wireless_account_number
    return None if present else "no wireless account number"


def wireless_pin(context: RuleContext) -> str | None:
    return None if context.facts.answers.pin_masked else "no PIN from the current carrier"


def port_date(context: RuleContext) -> str | None:
    answers = context.facts.answers
    return None if answers.port_date or answers.time_frame else "no preferred port date"


def account_sid(context: RuleContext) -> str | None:
    # A malformed SID is usually the one the numbers should go to: ask again rather than
    # guess that the valid one (often the source account) is the destination.
    malformed = [
        i.value for i in context.facts.identifiers if i.kind == "account_sid" and not i.valid
    ]
    if malformed:
        return f"malformed Account SID {', '.join(malformed)}"
    return None if context.facts.account_sids else "no valid Account SID"


def time_frame(context: RuleContext) -> str | None:
    answers = context.facts.answers
    return None if answers.time_frame or answers.port_date else "no time frame"


def gaining_provider(context: RuleContext) -> str | None:
    return None if context.facts.answers.provider else "the new provider is not named"


def company_name(context: RuleContext) -> str | None:
    return None if context.facts.answers.company_name else "no company name"


def address(context: RuleContext) -> str | None:
    return None if context.facts.answers.address else "no postal address"


def address_in_country(context: RuleContext) -> str | None:
    written = context.facts.answers.address
    countries = {n.country for n in context.facts.numbers if n.country}
    if written is None or not written.country or not countries:
        return None
    if written.country in countries:
        return None
    return f"address in {written.country}, numbers in {', '.join(sorted(countries))}"


def address_local_area(context: RuleContext) -> str | None:
    written = context.facts.answers.address
    if written is None or not written.city:
        return None
    for number in context.facts.numbers:
        if not country_rules(number.country).local_area_address:
            continue
        city = area_city(number.e164)
        if city and not city_matches(written.city, city):
            return f"{number.e164} needs an address in {city}, not {written.city}"
    return None


def rejection_notice(context: RuleContext) -> str | None:
    answers = context.facts.answers
    present = any(d.kind == "rejection_notice" for d in context.facts.documents)
    # A customer who quotes the carrier's reason has told us what the notice would; one who
    # sends the correction has acted on it; one who asks us why, or answers our explanation,
    # was told of the rejection by us, and the porting team holds the notice.
    known = bool(answers.rejection_reasons or answers.rejection_fixes)
    if present or known or answers.rejection_reason_asked:
        return None
    return "the rejection notice is not attached"


ITEMS: dict[str, Callable[[RuleContext], str | None]] = {
    "phone_numbers": phone_numbers,
    "country": country,
    "number_type": number_type,
    "loa": loa,
    "loa_signature": loa_signature,
    "loa_numbers": loa_numbers,
    "bill_or_csr": bill_or_csr,
    "name_address_match": name_address_match,
    "sms_needed": sms_needed,
    "wireless": wireless_answer,
    "wireless_account_number": wireless_account_number,
    "wireless_pin": wireless_pin,
    "port_date": port_date,
    "account_sid": account_sid,
    "time_frame": time_frame,
    "gaining_provider": gaining_provider,
    "company_name": company_name,
    "address": address,
    "address_in_country": address_in_country,
    "address_local_area": address_local_area,
    "rejection_notice": rejection_notice,
}
