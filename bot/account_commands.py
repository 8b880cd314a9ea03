"""The subcommands about accounts: `inventory import|show`, `audit` and `security new-key`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Settings
from bot.errors import ConfigError, PortdeskError
from bot.inventory.csv_file import InventoryFileError, e164_of, read_inventory
from bot.security.secrets import SecretBox, mask, mask_pin
from bot.store.inventory import entry, import_rows
from bot.store.opening import open_store, secret_box


def inventory(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(settings, Path(args.file))
    return _show(settings, args.number)


def _import(settings: Settings, path: Path) -> int:
    """Good rows load; every bad row is listed with its line. Exit 1 when any row was bad."""
    box = _required_box(settings)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PortdeskError(f"cannot read {path}: {exc}") from exc
    try:
        rows, errors = read_inventory(text)
    except InventoryFileError as exc:
        raise PortdeskError(f"{path}: {exc}") from exc
    store = open_store(settings)
    report = import_rows(store, rows, box)
    for error in errors:
        print(f"{path}:{error.line}: {error.reason}")
    print(
        f"inventory: {report.added} added, {report.updated} updated, {report.unchanged} unchanged,"
        f" {len(errors)} refused"
    )
    return 1 if errors else 0


def _show(settings: Settings, number: str) -> int:
    box = _required_box(settings)
    try:
        e164 = e164_of(number, settings.pipeline.default_region)
    except ValueError as exc:
        raise PortdeskError(str(exc).replace("number_e164 ", "")) from exc
    row = entry(open_store(settings), e164)
    if row is None:
        print(f"{e164}: not on record")
        return 1
    emails = row.authorized_emails.split(";")
    lines = [
        ("number", row.number_e164),
        ("account", mask(box.open(row.account_id_sealed))),
        ("company", row.company_name),
        ("address", ", ".join(p for p in (row.address_line, row.postcode, row.city) if p)),
        ("country", row.country),
        ("carrier", row.carrier or "-"),
        ("contact of record", emails[0]),
        ("also authorised", ", ".join(emails[1:]) or "-"),
        (
            "migration code",
            box.open(row.migration_code_sealed) if row.migration_code_sealed else "-",
        ),
        ("CVP code", box.open(row.cvp_code_sealed) if row.cvp_code_sealed else "-"),
        (
            "port-out PIN",
            f"set ({mask_pin(box.open(row.port_out_pin_sealed))})"
            if row.port_out_pin_sealed
            else "not set",
        ),
        ("Twilio subaccount", row.twilio_subaccount_sid or "-"),
        ("updated", row.updated_at.isoformat(timespec="seconds")),
    ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label.ljust(width)}  {value}")
    return 0


def audit(settings: Settings, args: argparse.Namespace) -> int:
    """Every disclosure of account data, newest first."""
    rows = open_store(settings).disclosures(limit=args.limit)
    if not rows:
        print("No account data has been disclosed.")
        return 0
    print("when (UTC)           who    to                              numbers / fields / basis")
    for row in rows:
        print(
            f"{row.at:%Y-%m-%d %H:%M:%S}  {row.actor:<6} {row.recipient:<31} {row.numbers}\n"
            f"{'':<29}{row.fields}\n{'':<29}on: {row.verification}"
            + (f" (case {row.case_id}, outbox {row.outbox_id})" if row.case_id else "")
        )
    return 0


def security(settings: Settings, args: argparse.Namespace) -> int:
    """`new-key` prints a fresh Fernet key for [security] key_env or key_file."""
    print(SecretBox.new_key())
    return 0


def _required_box(settings: Settings) -> SecretBox:
    box = secret_box(settings)
    if box is None:
        raise ConfigError(
            f"{settings.origin}: security: the inventory holds PINs and account numbers sealed "
            "with a key; set [security] key_env or key_file (`portdesk security new-key` prints "
            "a key)"
        )
    return box
