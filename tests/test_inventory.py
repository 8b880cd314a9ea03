"""The inventory: CSV import with bad rows reported, upserts, masked display, sealed secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.cli import main
from bot.config import load_settings
from bot.security.lookalike import imitates
from bot.store.opening import open_store
from tests.factories import porting_mail, write_config

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "security"


@pytest.fixture
def config(tmp_path: Path, store_url: str) -> Path:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    return write_config(tmp_path, store_url, maildir=maildir)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_every_bad_row_is_reported_with_its_line_and_the_good_rows_load(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(
        capsys, "inventory", "import", str(FIXTURES / "bad_rows.csv"), "--config", str(config)
    )
    assert status == 1
    lines = out.splitlines()
    reported = {int(line.split(":")[1]) for line in lines if "bad_rows.csv:" in line}
    assert reported == {3, 4, 5, 6, 7, 8, 9, 10}
    assert any(":3: number_e164 '+1202555' has the wrong length" in line for line in lines)
    assert any(":5: number_e164 '+12025550162' is not a DE number" in line for line in lines)
    assert any(":9: +12025550160 is already on line 2" in line for line in lines)
    assert any(":10: cvp_code '12345' must be 12 digits" in line for line in lines)
    # The bad PIN is described, never echoed.
    assert any(":7: port_out_pin (2 characters)" in line for line in lines)
    assert "inventory: 1 added, 0 updated, 0 unchanged, 8 refused" in out
    status, out = run(capsys, "inventory", "show", "+1 202 555 0160", "--config", str(config))
    assert status == 0 and "Good Co" in out


def test_a_reimport_changes_only_what_changed(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = FIXTURES / "inventory.csv"
    status, out = run(capsys, "inventory", "import", str(inventory), "--config", str(config))
    assert status == 0 and "6 added, 0 updated, 0 unchanged" in out
    status, out = run(capsys, "inventory", "import", str(inventory), "--config", str(config))
    assert status == 0 and "0 added, 0 updated, 6 unchanged" in out
    changed = tmp_path / "changed.csv"
    changed.write_text(
        inventory.read_text().replace("Beta Clinic Inc,5 Sample Road", "Beta Clinic Inc,7 New Road")
    )
    status, out = run(capsys, "inventory", "import", str(changed), "--config", str(config))
    assert status == 0 and "0 added, 1 updated, 5 unchanged" in out
    status, out = run(capsys, "inventory", "show", "+12025550150", "--config", str(config))
    assert "7 New Road" in out


def test_a_file_without_the_columns_is_refused_as_a_whole(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = tmp_path / "partial.csv"
    partial.write_text("number_e164,company_name\n+12025550142,Acme\n")
    status, out = run(capsys, "inventory", "import", str(partial), "--config", str(config))
    assert status == 1
    assert "line 1: missing columns: account_id, address_line" in out


def test_show_masks_the_pin_and_the_account_id(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "inventory", "import", str(FIXTURES / "inventory.csv"), "--config", str(config))
    status, out = run(capsys, "inventory", "show", "(202) 555-0142", "--config", str(config))
    assert status == 0
    assert "482913" not in out and "ACME-7731" not in out
    assert "port-out PIN" in out and "set (\u2022\u2022\u2022\u2022\u2022\u2022)" in out
    assert "\u2022" * 5 + "7731" in out
    assert "ops@acme-dental.example" in out and "Acme Dental LLC" in out
    status, out = run(capsys, "inventory", "show", "+12025550199", "--config", str(config))
    assert status == 1 and "not on record" in out


def test_pins_account_ids_and_codes_are_not_stored_in_the_clear(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "inventory", "import", str(FIXTURES / "inventory.csv"), "--config", str(config))
    # A customer's carrier account number, given in a port-in, is kept in the case's facts.
    maildir = config.parent / "Maildir"
    (maildir / "new" / "1.eml").write_bytes(
        porting_mail(
            body="Hello, please port +1 202 555 0120 to you. It is a wireless number, "
            "account number 99887766554, PIN 4455. We need SMS. Jane"
        )
    )
    assert main(["once", "--config", str(config)]) == 0
    store = open_store(load_settings(config))
    with store.engine.connect() as connection:
        dump = "\n".join(
            str(value)
            for table in ("inventory_number", "porting_case", "message", "raw_message")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        )
    for secret in ("482913", "771045", "ACME-7731", "ESE1234567890123AB", "123456789012"):
        assert secret not in dump, secret
    assert "99887766554" not in dump
    assert "fernet:" in dump
    assert "Acme Dental LLC" in dump  # what is not secret stays readable for agents


def test_without_a_key_the_inventory_cannot_be_imported(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url)
    config.write_text(
        config.read_text().replace("create_key_file = true\n", "").replace("key_file", "# ")
    )
    status, out = run(
        capsys, "inventory", "import", str(FIXTURES / "inventory.csv"), "--config", str(config)
    )
    assert status == 2
    assert "key_env or key_file" in out and "portdesk security new-key" in out


def test_a_wrong_key_is_a_clear_error(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "inventory", "import", str(FIXTURES / "inventory.csv"), "--config", str(config))
    (config.parent / "secret.key").write_bytes(Fernet.generate_key())
    status, out = run(capsys, "inventory", "show", "+12025550142", "--config", str(config))
    assert status == 2
    assert "sealed with another key" in out


def test_new_key_prints_a_usable_key(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "security", "new-key")
    assert status == 0
    Fernet(out.strip().encode())


def test_a_key_in_the_configuration_file_is_refused(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(config.read_text() + 'key = "abc"\n')
    status, out = run(capsys, "check-config", "--config", str(config))
    assert status == 2 and "secrets are not read from the configuration file" in out


@pytest.mark.parametrize(
    ("domain", "genuine", "looks_alike"),
    [
        ("acme-dentaI.example", "acme-dental.example", True),
        ("acme-dentai.example", "acme-dental.example", True),
        ("acrne-dental.example", "acme-dental.example", True),
        ("acme-dental-billing.example", "acme-dental.example", True),
        ("xn--acme-dntal-k7a.example", "acme-dental.example", True),
        ("acme-dental.example", "acme-dental.example", False),
        ("mail.acme-dental.example", "acme-dental.example", False),
        ("freemail.example", "acme-dental.example", False),
        ("betaclinic.example", "acme-dental.example", False),
    ],
)
def test_look_alike_domains(domain: str, genuine: str, looks_alike: bool) -> None:
    assert imitates(domain, genuine) is looks_alike


def test_numbers_without_a_country_code_take_the_senders_account_country(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = tmp_path / "de.csv"
    inventory.write_text(
        "number_e164,account_id,company_name,address_line,city,postcode,country,carrier,"
        "authorized_emails,migration_code,cvp_code,port_out_pin\n"
        "+498999998100,DE-1,Beispiel GmbH,Beispielstr. 1,München,80331,DE,Beispiel Telekom,"
        "buero@beispiel-gmbh.example,,,\n"
    )
    run(capsys, "inventory", "import", str(inventory), "--config", str(config))
    message = tmp_path / "port.eml"
    message.write_bytes(
        porting_mail(
            sender="Büro <buero@beispiel-gmbh.example>",
            subject="Portierung",
            body="Hello, please port 089 99998 101 to you. Thanks",
        )
    )
    # The default region is US and neither the text, its language nor the .example domain
    # names Germany: only the account the sender is registered for does.
    status, out = run(capsys, "process", "--json", str(message), "--config", str(config))
    assert status == 0
    numbers = json.loads(out.splitlines()[-1])["facts"]["numbers"]
    assert [(n["e164"], n["country"]) for n in numbers] == [("+498999998101", "DE")]
    # Someone else writing the same is read with the default region, where it is no number.
    message.write_bytes(
        porting_mail(
            sender="Other <other@elsewhere.example>",
            subject="Portierung",
            body="Hello, please port 089 99998 101 to you. Thanks",
        )
    )
    status, out = run(capsys, "process", "--json", str(message), "--config", str(config))
    assert json.loads(out.splitlines()[-1])["facts"]["numbers"] == []
