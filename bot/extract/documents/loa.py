"""LOA facts: the shared fields, the numbers listed, and whether and by whom it is signed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.extract.documents import fields, labels
from bot.model import DocumentFacts

DATE_LABELS = ("date signed", "signature date", "signed on", "date")

# A typed electronic signature: "/s/ Dana Whitfield" (a US convention courts accept).
_TYPED = re.compile(r"/s/[ \t]*(?P<name>[^\W\d_][\w.'-]*(?:[ \t]+[^\W\d_][\w.'-]*){0,3})")
# Form fields that hold the signature; "date_signed" is the date, not a signature.
_SIGNATURE_FIELD = re.compile(r"sig", re.I)
_DATE_FIELD = re.compile(r"date", re.I)


def read_loa(
    facts: DocumentFacts,
    lines: Sequence[str],
    regions: tuple[str, ...],
    *,
    form: tuple[tuple[str, str], ...],
    signature_image: bool,
) -> DocumentFacts:
    """`facts` with the LOA's fields, listed numbers, signed/signer and date."""
    facts = fields.read_common(facts, lines, regions, DATE_LABELS)
    signed, signer = _signature(lines, form, signature_image, ocr=facts.method == "ocr")
    if signed and signer is None:
        signer = facts.authorized_name
    return replace(
        facts,
        signed=signed,
        signer=signer,
        numbers=fields.numbers_in(lines, regions, facts.filename),
    )


def _signature(
    lines: Sequence[str],
    form: tuple[tuple[str, str], ...],
    signature_image: bool,
    *,
    ocr: bool,
) -> tuple[bool | None, str | None]:
    """(signed, signer): signed is None when it cannot be told, as on a scan.

    Signed means one of: a filled signature form field, a typed "/s/ Name", a name typed on
    the signature line of a flattened form, or an image on the signature line.
    """
    typed = _TYPED.search("\n".join(lines))
    if typed:
        return True, typed.group("name")
    for name, value in form:
        is_signature = _SIGNATURE_FIELD.search(name) and not _DATE_FIELD.search(name)
        if is_signature and value not in ("no", ""):
            return True, None if value in ("yes", "signed") else value
    if signature_image:
        return True, None
    if ocr:
        # Handwriting comes out of OCR as noise or nothing: neither proves anything.
        return None, None
    written = labels.find_value(lines, labels.SIGNATURE, next_line=False)
    if not (written and any(ch.isalpha() for ch in written)):
        written = _name_above_signature_label(lines)
    return (True, written) if written else (False, None)


def _name_above_signature_label(lines: Sequence[str]) -> str | None:
    """Forms print the label under the line: "Dana Whitfield", "11/14/2025", "Signature"."""
    for index, line in enumerate(lines):
        if not re.match(r"^\s*(authori[sz]ed\s+)?signature\s*$", line, re.IGNORECASE):
            continue
        for candidate in reversed(lines[max(0, index - 2) : index]):
            words = candidate.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
                return candidate.strip()
    return None
