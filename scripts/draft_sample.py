"""Print N drafts picked at random, for a person to review: the customer's message, what the
bot understood, and the draft it wrote (docs/DRAFT-SAMPLE.md is one such run).

The messages are the classifier corpus's test split, which the model never trained on, sent as
plain mail from a named customer at example.com and run through the pipeline as `portdesk
process` runs it (nothing stored or sent, no inventory, so CSR and PIN requests get no account
data). Messages that get no draft (automated mail) are skipped. The pick is fixed by --seed.

Usage: .venv/bin/python scripts/draft_sample.py [--seed N] [--count N] > docs/DRAFT-SAMPLE.md
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import unicodedata
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from bot.commands import process_file
from bot.config import load_settings
from bot.pipeline import screen_context
from classifiers.dataset import Sample, load_corpus, splits

# A plausible sender per language: the greeting uses the display name.
_NAMES = {
    "en": ["Laura Bennett", "Marcus Hill", "Priya Nair", "Tom O'Brien"],
    "de": ["Katrin Vogel", "Jonas Becker", "Sabine Wolf"],
    "fr": ["Claire Dubois", "Julien Moreau", "Amélie Roux"],
    "es": ["Lucía Romero", "Javier Ortega", "Marta Gil"],
    "it": ["Giulia Ferri", "Marco Conti", "Elena Riva"],
    "pt": ["Ana Sousa", "Rui Carvalho", "Beatriz Lima"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args()
    settings = load_settings(None, {})
    context = screen_context(settings)
    test = splits(load_corpus())["test"]
    rng = random.Random(args.seed)
    order = list(range(len(test)))
    rng.shuffle(order)
    print(f"# {args.count} drafts picked at random\n")
    print(
        f"`scripts/draft_sample.py --seed {args.seed} --count {args.count}`: messages of the "
        "classifier's test split, run through the pipeline as `portdesk process` runs it. "
        "Each shows the label a person gave the message, what the bot understood, and its "
        "draft.\n"
    )
    shown = 0
    with tempfile.TemporaryDirectory(prefix="portdesk-sample-") as folder:
        for index in order:
            sample = test[index]
            # Drawn every time, so that the same seed picks the same messages.
            drawn = rng.choice(_NAMES[sample.language])
            name = _signed_name(sample.text) or drawn
            path = Path(folder) / f"{index}.eml"
            path.write_bytes(_as_mail(sample, name, index))
            result = process_file(path, settings, None, context)
            draft = result.get("draft")
            if not isinstance(draft, dict):
                continue
            shown += 1
            _print(shown, sample, result, draft)
            if shown == args.count:
                break


# "Thanks, Fatima", "Grazie, Umberto Guidi", "Marlene Ruiz": a closing, then one to three names.
_CLOSINGS = (
    r"thanks|thank you|many thanks|best|regards|kind regards|best regards|cheers|danke|"
    r"viele grüße|gruß|mit freundlichen grüßen|grazie|grazie mille|saluti|cordiali saluti|"
    r"obrigad[oa]|cumprimentos|gracias|muchas gracias|saludos|un saludo|merci|cordialement|"
    r"bien à vous"
)
_CLOSING = re.compile(rf"^(?:{_CLOSINGS})[,!.]?\s*", re.IGNORECASE)
_NAME = re.compile(r"[A-ZÀ-Ý][\w'\u2019-]+(?: [A-ZÀ-Ý][\w'\u2019-]+){0,2}")
# "… Muchas gracias, Pierre" at the end of the message's last line.
_CLOSING_AT_END = re.compile(
    rf"(?:^|[.!?]\s+)(?:{_CLOSINGS})[,!.]?\s+((?-i:{_NAME.pattern}))[.!]?$", re.IGNORECASE
)
# Where the customer's own words end: a quote, a quote header or a forwarded message.
_HISTORY = re.compile(
    r"^\s*(?:>|-{3,}|.*\b(?:wrote|escreveu|escribió|a écrit|schrieb|ha scritto)\s*:\s*$)"
)


def _signed_name(text: str) -> str | None:
    """The name the message is signed with, so that the greeting matches it."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if _HISTORY.match(line):
            break
        if line.strip():
            lines.append(line.strip())
    if not lines:
        return None
    signed = _CLOSING.sub("", lines[-1]).strip(" ,.")
    if _NAME.fullmatch(signed):
        return signed
    # "Réal Lessard, Garage Lessard": a full name, then the company.
    name = signed.split(",")[0].strip()
    if " " in name and _NAME.fullmatch(name):
        return name
    inline = _CLOSING_AT_END.search(lines[-1])
    return inline.group(1) if inline else None


def _as_mail(sample: Sample, name: str, index: int) -> bytes:
    message = EmailMessage()
    first = unicodedata.normalize("NFKD", name.split(maxsplit=1)[0])
    local = first.encode("ascii", "ignore").decode().lower()
    message["From"] = formataddr((name, f"{local}.{index}@example.com"))
    message["To"] = "support@portdesk.example"
    message["Subject"] = " ".join(sample.subject.split())
    message["Date"] = format_datetime(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    message["Message-ID"] = f"<sample.{index}@example.com>"
    message.set_content(sample.text)
    return message.as_bytes()


def _print(number: int, sample: Sample, result: dict[str, object], draft: dict[str, str]) -> None:
    secondary = ", ".join(s.value for s in sample.secondary) or "none"
    print(f"## {number}. {sample.subject or '(no subject)'}\n")
    print(
        f"- Labelled: `{sample.label.value}` (also: {secondary}), {sample.language}, {sample.style}"
    )
    print(
        f"- Understood: `{result['case_type']}` at {result['confidence']}, "
        f"{result['language']}; action `{result['action']}`; missing {result['missing']}; "
        f"warnings {result['warnings']}\n"
    )
    print("The message:\n\n```\n" + sample.text.strip() + "\n```\n")
    print(f'The draft, "{draft["subject"]}":\n\n```\n' + draft["text"].strip() + "\n```\n")


if __name__ == "__main__":
    main()
