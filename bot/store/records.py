"""Inventory lookups inside a store session: the records the pipeline may see."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.model import NumberRecord
from bot.security.secrets import SecretBox
from bot.store.tables import InventoryNumber


def records_for(
    session: Session, numbers: tuple[str, ...], box: SecretBox | None
) -> tuple[NumberRecord, ...]:
    """What the pipeline may see of these numbers: never the PIN, never the account id."""
    if not numbers:
        return ()
    rows = session.exec(
        select(InventoryNumber).where(col(InventoryNumber.number_e164).in_(list(numbers)))
    ).all()
    if rows and box is None:
        raise RuntimeError(
            "the inventory is sealed but no key is configured ([security] key_env or key_file)"
        )
    return tuple(_record(row, box) for row in rows if box is not None)


def _record(row: InventoryNumber, box: SecretBox) -> NumberRecord:
    return NumberRecord(
        e164=row.number_e164,
        account=row.account_key,
        company_name=row.company_name,
        address_line=row.address_line,
        city=row.city,
        postcode=row.postcode,
        country=row.country,
        carrier=row.carrier,
        authorized_emails=tuple(a for a in row.authorized_emails.split(";") if a),
        migration_code=box.open(row.migration_code_sealed) if row.migration_code_sealed else None,
        cvp_code=box.open(row.cvp_code_sealed) if row.cvp_code_sealed else None,
        twilio_subaccount_sid=row.twilio_subaccount_sid,
    )


def countries_of(session: Session, address: str) -> tuple[str, ...]:
    """The countries of the numbers whose accounts list `address` among their authorised emails."""
    wanted = address.strip().lower()
    if not wanted:
        return ()
    rows = session.exec(
        select(InventoryNumber.country, InventoryNumber.authorized_emails).where(
            col(InventoryNumber.authorized_emails).contains(wanted)
        )
    ).all()
    found = [country for country, emails in rows if wanted in emails.split(";")]
    # The most common first: a sender with numbers in two countries leans to the larger one.
    return tuple(sorted(set(found), key=lambda c: (-found.count(c), c)))
