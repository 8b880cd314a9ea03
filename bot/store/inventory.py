"""The inventory in the store: sealed upserts from a checked CSV, and lookups for the pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import func, select

from bot.inventory.csv_file import InventoryRow
from bot.security.secrets import SecretBox
from bot.store.repository import Store, utcnow
from bot.store.tables import InventoryNumber


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int


def import_rows(store: Store, rows: Iterable[InventoryRow], box: SecretBox) -> ImportReport:
    """Upsert in one transaction; a row identical to what is stored writes nothing."""
    added = updated = unchanged = 0
    with store.session() as session:
        for row in rows:
            fingerprint = box.digest(row.canonical())
            stored = session.get(InventoryNumber, row.number_e164)
            if stored is not None and stored.fingerprint == fingerprint:
                unchanged += 1
                continue
            values = _sealed(row, box, fingerprint)
            if stored is None:
                session.add(InventoryNumber(**values))
                added += 1
            else:
                for name, value in values.items():
                    setattr(stored, name, value)
                session.add(stored)
                updated += 1
    return ImportReport(added, updated, unchanged)


def _sealed(row: InventoryRow, box: SecretBox, fingerprint: str) -> dict[str, Any]:
    def seal(value: str | None) -> str | None:
        return box.seal(value) if value else None

    return {
        "number_e164": row.number_e164,
        "account_key": box.digest("account:" + row.account_id),
        "account_id_sealed": box.seal(row.account_id),
        "company_name": row.company_name,
        "address_line": row.address_line,
        "city": row.city,
        "postcode": row.postcode,
        "country": row.country,
        "carrier": row.carrier,
        "authorized_emails": ";".join(row.authorized_emails),
        "migration_code_sealed": seal(row.migration_code),
        "cvp_code_sealed": seal(row.cvp_code),
        "port_out_pin_sealed": seal(row.port_out_pin),
        "twilio_subaccount_sid": row.twilio_subaccount_sid,
        "fingerprint": fingerprint,
        "updated_at": utcnow(),
    }


def entry(store: Store, number: str) -> InventoryNumber | None:
    with store.session(readonly=True) as session:
        return session.get(InventoryNumber, number)


def size(store: Store) -> int:
    with store.session(readonly=True) as session:
        return int(session.exec(select(func.count()).select_from(InventoryNumber)).one())


def check_key(store: Store, box: SecretBox) -> None:
    """Raises ConfigError unless `box` opens what the inventory was sealed with."""
    with store.session(readonly=True) as session:
        row = session.exec(select(InventoryNumber).limit(1)).first()
    if row is not None:
        box.open(row.account_id_sealed)
