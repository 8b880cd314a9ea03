"""Rules: each case type asks for exactly what is missing, as its TOML file says."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.model import (
    Answers,
    CaseType,
    DocumentFacts,
    Facts,
    FieldMismatch,
    Identifier,
    PhoneNumber,
    PostalAddress,
)
from bot.parse import parse_mail
from rules import CHECKS, RuleContext, check_rules
from rules.engine import TYPES_DIR, case_rules
from tests.factories import answered, porting_mail

TODAY = date(2026, 11, 20)
MAIL = parse_mail(porting_mail())
US = PhoneNumber("+14155550123", "US", "unknown", "text", "(415) 555-0123")
MUNICH = PhoneNumber("+498999998100", "DE", "local", "text", "089 99998 100")
LOA = DocumentFacts("loa.pdf", "loa", "application/pdf", signed=True, document_date=TODAY)
BILL = DocumentFacts("bill.pdf", "invoice", "application/pdf", document_date=TODAY)


def missing(case_type: CaseType, facts: Facts) -> list[str]:
    findings = check_rules(RuleContext(MAIL, facts, case_type, TODAY))
    return [f.key for f in findings if f.is_missing]


def warnings(case_type: CaseType, facts: Facts) -> list[str]:
    findings = check_rules(RuleContext(MAIL, facts, case_type, TODAY))
    return [f.key for f in findings if not f.is_missing]


def test_every_case_type_has_rules_and_every_check_exists() -> None:
    rules = case_rules()
    assert set(rules) == set(CaseType)
    for case_rules_ in rules.values():
        assert all(name in CHECKS for name in case_rules_.checks)


def test_port_in_with_nothing_asks_for_everything_in_order() -> None:
    assert missing(CaseType.PORT_IN, Facts()) == [
        "phone_numbers",
        "loa",
        "bill_or_csr",
        "sms_needed",
        "wireless",
        "port_date",
    ]


def test_port_in_complete() -> None:
    facts = Facts(
        numbers=(US,),
        documents=(LOA, BILL),
        answers=Answers(sms_needed=False, wireless=False, port_date=date(2026, 12, 15)),
    )
    assert missing(CaseType.PORT_IN, facts) == []


def test_wireless_needs_account_number_and_pin() -> None:
    facts = Facts(
        numbers=(US,),
        documents=(LOA, BILL),
        answers=Answers(sms_needed=True, wireless=True, time_frame="asap"),
    )
    assert missing(CaseType.PORT_IN, facts) == ["wireless_account_number", "wireless_pin"]
    pin_given = Facts(
        numbers=(US,),
        documents=(LOA, BILL),
        answers=Answers(
            sms_needed=True,
            wireless=True,
            time_frame="asap",
            wireless_account_number="98765",
            pin_masked="••••",
        ),
    )
    assert missing(CaseType.PORT_IN, pin_given) == []
    assert "wireless_pin_expires" in warnings(CaseType.PORT_IN, pin_given)


def test_unsigned_loa_numbers_not_on_it_and_mismatch() -> None:
    unsigned = DocumentFacts("loa.pdf", "loa", "application/pdf", signed=False)
    facts = Facts(
        numbers=(US,),
        documents=(unsigned, BILL),
        mismatches=(
            FieldMismatch("service_address.street", "12 High St", "12 High Street", "bill.pdf"),
        ),
        numbers_missing_from_loa=("+14155550123",),
        answers=Answers(sms_needed=False, wireless=False, time_frame="asap"),
    )
    assert missing(CaseType.PORT_IN, facts) == [
        "loa_signature",
        "loa_numbers",
        "name_address_match",
    ]


def test_transfer_and_international_and_port_out() -> None:
    assert missing(CaseType.PORT_IN_TWILIO_TRANSFER, Facts(numbers=(US,))) == [
        "account_sid",
        "time_frame",
    ]
    assert missing(CaseType.PORT_IN_INTERNATIONAL, Facts()) == ["country", "phone_numbers"]
    unknown_type = PhoneNumber("+442079460123", "GB", "unknown", "text", "")
    assert missing(CaseType.PORT_IN_INTERNATIONAL, Facts(numbers=(unknown_type,))) == [
        "number_type"
    ]
    assert missing(CaseType.PORT_OUT, Facts(numbers=(US,))) == ["gaining_provider"]


def test_a_transfer_names_its_numbers_by_their_phone_number_sids() -> None:
    sid = Identifier("phone_number_sid", "PN0d4f8b2a6c1e9057d0f4b8a2c6e1d9f3", True)
    assert missing(CaseType.PORT_IN_TWILIO_TRANSFER, Facts(identifiers=(sid,))) == [
        "account_sid",
        "time_frame",
    ]
    malformed = Identifier("phone_number_sid", "PN0d4f8b2a6c1e9057", False)
    assert "phone_numbers" in missing(
        CaseType.PORT_IN_TWILIO_TRANSFER, Facts(identifiers=(malformed,))
    )


def test_records_update_address_rules() -> None:
    abroad = Answers(
        company_name="Acme", address=PostalAddress("1 Rue X", "Paris", "75001", "", "FR")
    )
    assert missing(CaseType.RECORDS_UPDATE, Facts(numbers=(US,), answers=abroad)) == [
        "address_in_country"
    ]
    berlin = Answers(company_name="Hoffmann", address=PostalAddress("Weg 1", "Berlin", "10115"))
    assert missing(CaseType.RECORDS_UPDATE, Facts(numbers=(MUNICH,), answers=berlin)) == [
        "address_local_area"
    ]
    munich = Answers(company_name="Hoffmann", address=PostalAddress("Weg 1", "München", "80331"))
    assert missing(CaseType.RECORDS_UPDATE, Facts(numbers=(MUNICH,), answers=munich)) == []


def test_rejection_and_status() -> None:
    assert missing(CaseType.PORT_REJECTION, Facts()) == ["rejection_notice"]
    order = Identifier("port_order_sid", "KW" + "0" * 32)
    assert missing(CaseType.PORT_STATUS, Facts(identifiers=(order,))) == []
    assert missing(CaseType.PORT_STATUS, Facts()) == ["phone_numbers"]


def test_warnings() -> None:
    old_bill = DocumentFacts(
        "bill.pdf", "invoice", "application/pdf", document_date=date(2026, 9, 1)
    )
    old_loa = DocumentFacts(
        "loa.pdf", "loa", "application/pdf", signed=True, document_date=date(2026, 6, 1)
    )
    facts = Facts(
        numbers=(US,),
        documents=(old_loa, old_bill),
        identifiers=(Identifier("account_sid", "AC123", False, "too short"),),
        redacted_secrets=("auth_token",),
        answers=Answers(port_date=date(2026, 11, 23), port_date_soon=True),
    )
    assert warnings(CaseType.PORT_IN, facts) == [
        "bill_too_old",
        "loa_too_old",
        "port_date_too_soon",
        "malformed_sid",
        "secret_pasted",
    ]


def test_a_toll_free_loa_has_the_registrys_shorter_limit() -> None:
    six_weeks = DocumentFacts(
        "loa.pdf", "loa", "application/pdf", signed=True, document_date=date(2026, 10, 9)
    )
    toll_free = PhoneNumber("+18885550127", "US", "toll_free", "text", "(888) 555-0127")
    # 42 days: inside the 90 a US local number's carriers accept, past the 30 of a RespOrg change.
    assert "loa_too_old" not in warnings(CaseType.PORT_IN, Facts((US,), documents=(six_weeks,)))
    assert "loa_too_old" in warnings(CaseType.PORT_IN, Facts((toll_free,), documents=(six_weeks,)))


def test_an_operator_changes_requirements_by_editing_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "types"
    shutil.copytree(TYPES_DIR, folder)
    toml = folder / "port_out.toml"
    toml.write_text(toml.read_text().replace('  { item = "gaining_provider" },\n', ""))
    rules = case_rules.__wrapped__(folder)
    assert [r.item for r in rules[CaseType.PORT_OUT].required] == ["phone_numbers"]


def test_a_typo_in_a_rules_file_names_the_file_and_the_item(tmp_path: Path) -> None:
    folder = tmp_path / "types"
    shutil.copytree(TYPES_DIR, folder)
    toml = folder / "port_out.toml"
    toml.write_text(toml.read_text().replace("gaining_provider", "gaining_providr"))
    with pytest.raises(ConfigError, match=r"port_out\.toml: unknown item 'gaining_providr'"):
        case_rules.__wrapped__(folder)


def test_a_number_written_with_its_country_code_tells_the_country_even_if_invalid() -> None:
    assert {"phone_numbers", "country"} <= set(missing(CaseType.PORT_IN_INTERNATIONAL, Facts()))
    unreadable = Facts(unreadable_numbers=("+32 2 000 01 36",))
    assert "country" not in missing(CaseType.PORT_IN_INTERNATIONAL, unreadable)
    assert "phone_numbers" in missing(CaseType.PORT_IN_INTERNATIONAL, unreadable)


def test_a_canadian_port_in_is_warned_of_the_carriers_text_message() -> None:
    canadian = answered("Port from Telus", "Please port (604) 555-0112 from Telus to you.")
    american = answered("Port from AT&T", "Please port (415) 555-0123 from AT&T to you.")
    assert "sms_approval" in {f.key for f in canadian.findings if f.is_warning}
    assert "sms_approval" not in {f.key for f in american.findings}
    assert canadian.draft is not None
    assert "reply to it within 90 minutes" in canadian.draft.text
