"""The standard answers to a customer's questions about a port (the topics of
`bot/extract/common_questions.py`): which answer each case type gives to each topic, and
none where the case type has no answer or the reply already says it.

A port-in and a port from abroad share one answer to most topics; a port away, a rejection
and a Twilio transfer have their own (`[common_answers]` keys ending `_port_out`,
`_rejection`, `_transfer`). A status enquiry is a port under way: it gets the port-in's
answers to the interruption and the time of day; its own template answers when, and a form
or documents are past.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import CaseType, PhoneNumber
from replies.locales import Locale
from replies.wording import country_names

_IN = "in"
_OUT = "port_out"
_TRANSFER = "transfer"
_REJECTION = "rejection"
_ABROAD = "international"
_STATUS = "status"

_FAMILY = {
    CaseType.PORT_IN: _IN,
    CaseType.PORT_IN_INTERNATIONAL: _ABROAD,
    CaseType.PORT_STATUS: _STATUS,
    CaseType.PORT_OUT: _OUT,
    CaseType.PORT_IN_TWILIO_TRANSFER: _TRANSFER,
    CaseType.PORT_REJECTION: _REJECTION,
}

# Per topic, the wording key each family answers with; a family not named gets no answer.
_ANSWERS: dict[str, dict[str, str]] = {
    "interruption": {
        _IN: "interruption",
        _ABROAD: "interruption",
        _STATUS: "interruption",
        _REJECTION: "interruption",
        _OUT: "interruption_port_out",
        _TRANSFER: "interruption_transfer",
    },
    # A transfer's time is the customer's to choose (the time frame it asks for).
    "time_of_day": {
        _IN: "time_of_day",
        _ABROAD: "time_of_day",
        _STATUS: "time_of_day",
        _REJECTION: "time_of_day",
        _OUT: "time_of_day",
    },
    "form": {
        _IN: "form",
        _ABROAD: "form",
        _OUT: "form_port_out",
        _REJECTION: "form_rejection",
        _TRANSFER: "form_transfer",
    },
    # Only the requests whose customers send us documents.
    "sending": {_IN: "sending", _ABROAD: "sending", _REJECTION: "sending"},
    # Whose name the port carries, and who signs.
    "holder": {_IN: "holder", _ABROAD: "holder", _REJECTION: "holder", _OUT: "holder_port_out"},
    # All the numbers at once, or one by one; what becomes of the others.
    "together": {
        _IN: "together",
        _ABROAD: "together_international",
        _OUT: "together_port_out",
        _TRANSFER: "together_transfer",
    },
    # A status enquiry's own template answers when.
    "duration": {
        _IN: "duration",
        _ABROAD: "duration_international",
        _OUT: "duration_port_out",
        _REJECTION: "duration_rejection",
        _TRANSFER: "duration_transfer",
    },
}


@dataclass(frozen=True, slots=True)
class AnswerContext:
    """What the answers depend on beyond the topics asked."""

    case_type: CaseType
    numbers: tuple[PhoneNumber, ...]
    # The reply already says how long a port takes (an acknowledgement, the port date asked).
    says_duration: bool
    # The reply already speaks to a transfer that waits: "how long" is a complaint there.
    transfer_waits: bool
    loa_form: str


def common_answers(topics: tuple[str, ...], context: AnswerContext, words: Locale) -> list[str]:
    """The answers to `topics` for this case type, one paragraph each, in `topics`' order."""
    family = _FAMILY.get(context.case_type)
    if family is None:
        return []
    paragraphs: list[str] = []
    for topic in topics:
        key = _ANSWERS.get(topic, {}).get(family)
        if key is None or _said(topic, family, context):
            continue
        paragraphs.append(
            " ".join([words.text("common_answers", key), *_more(key, context, words)])
        )
    return paragraphs


def _said(topic: str, family: str, context: AnswerContext) -> bool:
    if topic != "duration":
        return False
    return (family == _IN and context.says_duration) or (
        family == _TRANSFER and context.transfer_waits
    )


def _more(key: str, context: AnswerContext, words: Locale) -> list[str]:
    """What follows an answer: the LOA form to download, a country's lead time."""
    if key == "form" and context.loa_form:
        return [words.text("common_answers", "form_download", url=context.loa_form)]
    if key == "duration_international":
        return _lead_times(context.numbers, words)
    return []


def _lead_times(numbers: tuple[PhoneNumber, ...], words: Locale) -> list[str]:
    """Each numbers' country's lead time where rules/countries.toml gives one."""
    from rules.countries import country_rules

    lines = []
    for country in sorted({n.country for n in numbers if n.country}):
        lead = country_rules(country).lead_time_business_days
        if lead is None:
            continue
        least, most = lead
        key = (
            "duration_country_least"
            if most is None
            else "duration_country_about"
            if most == least
            else "duration_country_range"
        )
        name = country_names(tuple(n for n in numbers if n.country == country), words.language)
        lines.append(words.text("common_answers", key, country=name, least=least, most=most))
    return lines
