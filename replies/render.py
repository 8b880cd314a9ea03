"""Renders a Decision into a Draft from the Jinja2 templates (the only place templates are read)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)

from bot.model import Action, CaseType, Decision, Draft, PhoneNumber
from replies.wording import CASE_LABELS, MISSING_ASKS, NUMBER_TYPES

TEMPLATES = Path(__file__).resolve().parent / "templates"
FALLBACK_LANGUAGE = "en"


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
    )


def render_draft(decision: Decision, context: ReplyContext) -> Draft | None:
    """The reply for `decision` in the customer's language (English when we have no template)."""
    if decision.action is Action.NO_REPLY:
        return None
    language = _language_with_templates(decision.action, context.language)
    variables = {
        "case_token": context.case_token,
        "case_label": CASE_LABELS[language].get(
            context.case_type, CASE_LABELS[language][CaseType.OTHER]
        ),
        "customer_name": context.customer_name,
        "language": language,
        "numbers": [_number_view(n, language) for n in context.numbers],
        "missing": [
            {"key": key, "ask": MISSING_ASKS[language].get(key, key.replace("_", " "))}
            for key in decision.missing
        ],
        "signature": context.signature,
    }
    env = environment()
    name = f"{decision.action.value}.{language}"
    text = env.get_template(f"{name}.txt.j2").render(variables)
    html = env.get_template(f"{name}.html.j2").render(variables)
    return Draft(
        subject=reply_subject(context.subject, context.case_token),
        text=text,
        html=html,
        template=name,
        language=language,
    )


def reply_subject(subject: str, token: str) -> str:
    """ "Re: <subject> [#P-1001]", without stacking Re: prefixes or tokens."""
    base = " ".join(subject.split())
    while base.lower().startswith(("re:", "aw:", "fwd:", "fw:")):
        base = base.split(":", 1)[1].strip()
    marker = f"[#{token}]"
    base = base.replace(marker, "").strip() or "Your porting request"
    return f"Re: {base} {marker}"


def _language_with_templates(action: Action, language: str) -> str:
    try:
        environment().get_template(f"{action.value}.{language}.txt.j2")
    except TemplateNotFound:
        return FALLBACK_LANGUAGE
    return language if language in CASE_LABELS else FALLBACK_LANGUAGE


def _number_view(number: PhoneNumber, language: str) -> dict[str, str]:
    try:
        parsed = phonenumbers.parse(number.e164, None)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        national = number.e164
    return {
        "e164": number.e164,
        "national": national,
        "country": number.country,
        "type_label": NUMBER_TYPES[language].get(number.type, ""),
    }
