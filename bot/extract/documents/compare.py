"""LOA against invoice or CSR, field by field, and the request's numbers against the LOA.

Carriers reject on any difference, so values are compared exactly after normalising case,
spacing and punctuation ONLY: "L.L.C." equals "LLC", but "St" never equals "Street".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from bot.model import DocumentFacts, FieldMismatch, PhoneNumber, PostalAddress

FIELD_LABELS = {
    "business_name": "Business name",
    "authorized_name": "Authorized name",
    "service_address.street": "Service address (street)",
    "service_address.city": "Service address (city)",
    "service_address.region": "Service address (state/region)",
    "service_address.postcode": "Service address (ZIP/postcode)",
    "account_number": "Account number",
    "btn": "BTN",
}
_AGAINST = ("invoice", "csr")


def normalise(value: str) -> str:
    """Case-folded letters and digits only: what is left when case, spacing and punctuation go."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _usable(document: DocumentFacts) -> bool:
    # A partly read document (an OCR page failed) still counts for the fields it gave.
    return document.flagged is None


def compare_loa(documents: tuple[DocumentFacts, ...]) -> tuple[FieldMismatch, ...]:
    """Every field that differs between each LOA and each invoice or CSR, side by side.

    A field missing on either side is not a mismatch (the rules report missing items).
    `other_document` is the invoice's or CSR's filename.
    """
    loas = [d for d in documents if d.kind == "loa" and _usable(d)]
    others = [d for d in documents if d.kind in _AGAINST and _usable(d)]
    mismatches: list[FieldMismatch] = []
    for loa in loas:
        for other in others:
            for field, mine, theirs in _pairs(loa, other):
                if mine and theirs and normalise(mine) != normalise(theirs):
                    mismatches.append(FieldMismatch(field, mine, theirs, other.filename))
    return tuple(mismatches)


def _pairs(loa: DocumentFacts, other: DocumentFacts) -> Iterator[tuple[str, str, str]]:
    yield "business_name", loa.business_name or "", other.business_name or ""
    yield "authorized_name", loa.authorized_name or "", other.authorized_name or ""
    yield from _address_pairs(loa.service_address, other.service_address)
    yield "account_number", loa.account_number or "", other.account_number or ""
    yield "btn", loa.btn or "", other.btn or ""


def _address_pairs(
    mine: PostalAddress | None, theirs: PostalAddress | None
) -> Iterator[tuple[str, str, str]]:
    if mine is None or theirs is None:
        return
    # The same address split differently (city folded into the street on one side) is
    # still the same address.
    if normalise(mine.one_line()) == normalise(theirs.one_line()):
        return
    for part in ("street", "city", "region", "postcode"):
        yield f"service_address.{part}", getattr(mine, part), getattr(theirs, part)


def describe(mismatch: FieldMismatch, documents: tuple[DocumentFacts, ...] = ()) -> str:
    """One line for a reply or a digest: "Service address (street): LOA: 12 High Street /
    invoice: 12 High St"."""
    kind = next(
        (d.kind for d in documents if d.filename == mismatch.other_document), "other document"
    )
    other = {"csr": "CSR"}.get(kind, kind)
    label = FIELD_LABELS.get(mismatch.field, mismatch.field)
    return f"{label}: LOA: {mismatch.loa_value} / {other}: {mismatch.other_value}"


def numbers_missing_from_loa(
    request_numbers: tuple[PhoneNumber, ...], documents: tuple[DocumentFacts, ...]
) -> tuple[str, ...]:
    """E.164s of the request's numbers that no LOA lists, in the request's order.

    Empty when there is no readable LOA: a missing LOA is its own finding, and listing every
    number as "not on the LOA" would tell the customer something untrue.
    """
    loas = [
        d for d in documents if d.kind == "loa" and _usable(d) and (d.error is None or d.numbers)
    ]
    if not loas:
        return ()
    listed = {number.e164 for loa in loas for number in loa.numbers}
    missing = (number.e164 for number in request_numbers if number.e164 not in listed)
    return tuple(dict.fromkeys(missing))
