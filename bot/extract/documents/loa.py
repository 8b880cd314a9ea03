"""LOA facts: the shared fields, the numbers listed, and whether and by whom it is signed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from bot.extract.documents import fields, labels
from bot.extract.documents.folding import fold
from bot.model import DocumentFacts

# A typed electronic signature: "/s/ Dana Whitfield" (a US convention courts accept).
_TYPED = re.compile(r"/s/[ \t]*(?P<name>[^\W\d_][\w.'-]*(?:[ \t]+[^\W\d_][\w.'-]*){0,3})")
# Form fields that hold the signature; "date_signed" is the date, not a signature.
_SIGNATURE_FIELD = re.compile(r"sig", re.I)
_DATE_FIELD = re.compile(r"date", re.I)
# "nom_signataire", "nome_signatario": the signer's printed name, which "sig" would take.
_SIGNER_FIELD = re.compile(r"signata(ire|rio)", re.I)
# The same in the document's other languages ("sig" covers French). By language, because a
# German form's "firma" field is the company, an Italian or Spanish one's the signature.
_SIGNATURE_FIELD_WORDS = MappingProxyType(
    {"de": ("unterschrift",), "it": ("firma",), "pt": ("assinatura",), "es": ("firma",)}
)
_DATE_FIELD_WORDS = MappingProxyType(
    {"de": ("datum",), "it": ("data",), "pt": ("data",), "es": ("fecha",), "fr": ("date",)}
)


def read_loa(
    facts: DocumentFacts,
    lines: Sequence[str],
    regions: tuple[str, ...],
    *,
    form: tuple[tuple[str, str], ...],
    signature_image: bool,
) -> DocumentFacts:
    """`facts` with the LOA's fields, listed numbers, signed/signer and date."""
    facts = fields.read_common(facts, lines, regions, labels.LOA_DATE)
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
    languages = labels.languages_of(lines)
    for name, value in form:
        if _is_signature_field(name, languages) and value not in ("no", ""):
            return True, None if value in ("yes", "signed") else value
    if signature_image:
        return True, None
    if ocr:
        # Handwriting comes out of OCR as noise or nothing: neither proves anything.
        return None, None
    written = labels.find_value(lines, labels.SIGNATURE, next_line=False, languages=languages)
    if not (written and any(ch.isalpha() for ch in written)):
        written = _name_above_signature_label(lines, languages)
    return (True, written) if written else (False, None)


def _is_signature_field(name: str, languages: Sequence[str]) -> bool:
    folded = fold(name).casefold()
    if _SIGNATURE_FIELD.search(name) and not _SIGNER_FIELD.search(folded):
        return not _DATE_FIELD.search(name)

    def named(words: Mapping[str, tuple[str, ...]]) -> bool:
        return any(word in folded for lang in languages for word in words.get(lang, ()))

    return named(_SIGNATURE_FIELD_WORDS) and not named(_DATE_FIELD_WORDS)


def _name_above_signature_label(lines: Sequence[str], languages: Sequence[str]) -> str | None:
    """Forms print the label under the line: "Dana Whitfield", "11/14/2025", "Signature"."""
    under_the_line = {_words(label) for label in labels.SIGNATURE_LINE.labels(languages)}
    for index, line in enumerate(lines):
        if _words(line) not in under_the_line:
            continue
        for candidate in reversed(lines[max(0, index - 2) : index]):
            words = candidate.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
                return candidate.strip()
    return None


def _words(text: str) -> str:
    return " ".join(fold(text).casefold().split())
