"""Extract: numbers from what the customer says now, in the right country; SIDs recognised."""

from __future__ import annotations

from bot.extract import extract_facts
from bot.parse import parse_mail
from tests.factories import porting_mail


def numbers(raw: bytes, default_region: str = "US") -> list[tuple[str, str, str]]:
    facts = extract_facts(parse_mail(raw), default_region)
    return [(n.e164, n.country, n.type) for n in facts.numbers]


def test_us_numbers_in_several_spellings() -> None:
    raw = porting_mail(body="Port (415) 555-0123, 415.555.0124 and +1 415 555 0125 please.")
    assert [e164 for e164, _, _ in numbers(raw)] == [
        "+14155550123",
        "+14155550124",
        "+14155550125",
    ]


def test_country_named_in_the_text_sets_the_region() -> None:
    raw = porting_mail(body="We are in London, the numbers are 020 7946 0123 and 020 7946 0124.")
    assert numbers(raw) == [
        ("+442079460123", "GB", "local"),
        ("+442079460124", "GB", "local"),
    ]


def test_sender_country_domain_sets_the_region() -> None:
    raw = porting_mail(sender="anna@studio.example.de", body="Bitte 089 99998 100 portieren.")
    assert numbers(raw) == [("+498999998100", "DE", "local")]


def test_toll_free_is_recognised() -> None:
    raw = porting_mail(body="Our toll-free line 1-800-555-0199 should move too.")
    assert numbers(raw) == [("+18005550199", "US", "toll_free")]


def test_numbers_in_the_signature_and_quote_are_not_numbers_to_port() -> None:
    body = (
        "Please port +1 212 555 0142.\n\nBest,\nJane Doe\nMobile: +1 917 555 0177\n\n"
        "On Mon, Nov 16, 2026 at 9:00 AM Porting Support <support@portdesk.example> wrote:\n"
        "> Which numbers? We have +1 646 555 0100 on file.\n"
    )
    assert [e164 for e164, _, _ in numbers(porting_mail(body=body))] == ["+12125550142"]


def test_account_sids_are_found_and_normalised() -> None:
    sid = "AC" + "0123456789ABCDEF" * 2
    raw = porting_mail(body=f"Move them into {sid} please, from ACnot-a-sid.")
    facts = extract_facts(parse_mail(raw), "US")
    assert facts.account_sids == ("AC" + "0123456789abcdef" * 2,)


def test_attachment_kinds_from_names() -> None:
    raw = porting_mail(
        attachments=(
            ("Signed LOA.pdf", "application/pdf", b"%PDF-1.4"),
            ("invoice-2026-10.pdf", "application/pdf", b"%PDF-1.4"),
            ("screenshot.png", "image/png", b"\x89PNG"),
        )
    )
    facts = extract_facts(parse_mail(raw), "US")
    assert [kind for _, kind in facts.attachment_kinds] == ["loa", "invoice", "image"]
