"""Extract: numbers from what the customer says now, in the right country; SIDs recognised."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import NumberParseException, PhoneMetadata

from bot.extract import extract_facts, with_quoted_rejection, with_record_update
from bot.extract.identifiers import codes_in_hand, find_identifiers
from bot.extract.phones import _FEWEST_DIGITS, _STATED, _STATED_TYPES, find_numbers
from bot.extract.providers import unlisted_provider
from bot.parse import parse_mail
from bot.parse.redact import redact_raw
from replies.locales import locale
from tests.factories import answered, porting_mail


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


@pytest.mark.parametrize(
    "body",
    [
        "Abbiamo chiesto di portare i nostri numeri britannici, 020 7946 0412, a BT.",
        "Il nostro numero di Londra, 020 7946 0412, doveva arrivare da voi.",
        "Le numéro de notre bureau londonien, 020 7946 0412, doit partir chez BT.",
    ],
)
def test_a_country_named_by_its_adjective_or_its_citys_local_name(body: str) -> None:
    # In Italian or French mail a London number was read in the language's own country.
    assert numbers(porting_mail(body=body)) == [("+442079460412", "GB", "local")]


def test_sender_country_domain_sets_the_region() -> None:
    raw = porting_mail(sender="anna@studio.example.de", body="Bitte 089 99998 100 portieren.")
    assert numbers(raw) == [("+498999998100", "DE", "local")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # No country named, no country-code domain: the language tells where "089" is.
        ("Bitte portieren Sie unsere 089 99998 160 zu Ihnen.", [("+498999998160", "DE", "local")]),
        ("Notre numéro 01 99 00 57 88 doit arriver chez vous.", [("+33199005788", "FR", "local")]),
        ("Il numero 0521 000 7714 deve venire da voi.", [("+3905210007714", "IT", "local")]),
        ("Please port our office line 020 7946 0133 to you.", [("+442079460133", "GB", "local")]),
        # Spanish and Brazilian numbers have no trunk 0; the UK's come next in every language.
        ("¿Hay ya fecha para el 91 000 62 04?", [("+34910006204", "ES", "local")]),
        (
            "A portabilidade do nosso número (11) 3000-0175 para vocês.",
            [("+551130000175", "BR", "local")],
        ),
        ("La portabilité de notre ligne 020 7946 0602.", [("+442079460602", "GB", "local")]),
        # The language's country is tried last, and only for a number in national form.
        ("Please port 212 555 0123 to you.", [("+12125550123", "US", "unknown")]),
    ],
)
def test_a_national_number_is_read_in_the_country_of_the_customers_language(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert numbers(porting_mail(body=body)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Nummern sind (612) 555-0120 bis (612) 555-0123.",
        "Los números (612) 555-0120 a (612) 555-0123, por favor.",
        "Numbers (612) 555-0120 - (612) 555-0123.",
    ],
)
def test_a_range_whose_end_is_written_in_full_gives_every_number(text: str) -> None:
    found = [n.e164 for n in find_numbers(text, ("US",), "text")]
    assert found == ["+16125550120", "+16125550121", "+16125550122", "+16125550123"]


def test_two_numbers_in_a_list_are_not_a_range() -> None:
    found = [n.e164 for n in find_numbers("(612) 555-0120 and (612) 555-0123", ("US",), "text")]
    assert found == ["+16125550120", "+16125550123"]


def test_a_string_valid_in_two_regions_is_one_number() -> None:
    # Italy and Germany are named, Italy first: "030 23125 011" is read as Brescia's, not
    # also as Berlin's; "(312) 555-0131" is written as Chicago writes it, so it is Chicago's,
    # not also an Italian mobile.
    raw = porting_mail(
        body=(
            "Abbiamo uffici in Italia e in Germania: lo 030 23125 011 e il (312) 555-0131 "
            "di Chicago."
        )
    )
    assert [e164 for e164, _, _ in numbers(raw)] == ["+3903023125011", "+13125550131"]


def test_a_number_written_in_full_but_invalid_is_kept_as_written() -> None:
    raw = porting_mail(
        body=(
            "We want +32 2 000 01 36 and +1 (704) 555-01 to move to you. Our main line "
            "+1 415 555 0123 stays. Order +12 345."
        )
    )
    facts = extract_facts(parse_mail(raw), "US")
    assert [n.e164 for n in facts.numbers] == ["+14155550123"]
    assert facts.unreadable_numbers == ("+32 2 000 01 36", "+1 (704) 555-01")


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


DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"


def test_attached_loa_and_invoice_are_read_compared_and_kept_apart() -> None:
    raw = porting_mail(
        body="Please port (217) 555-0100 and (217) 555-0199 to you. LOA and bill attached.",
        attachments=(
            ("loa.pdf", "application/pdf", (DOCUMENTS / "loa_fillable.pdf").read_bytes()),
            ("bill.pdf", "application/pdf", (DOCUMENTS / "invoice_differs.pdf").read_bytes()),
        ),
    )
    facts = extract_facts(parse_mail(raw), "US")
    assert [(d.filename, d.kind) for d in facts.documents] == [
        ("loa.pdf", "loa"),
        ("bill.pdf", "invoice"),
    ]
    # Numbers on documents are kept apart from the numbers in the request.
    assert all(n.source == "text" for n in facts.numbers)
    loa = facts.documents[0]
    assert loa.numbers and all(n.source == "attachment:loa.pdf" for n in loa.numbers)
    assert "+12175550199" in facts.numbers_missing_from_loa
    fields = {m.field for m in facts.mismatches}
    assert fields  # the invoice differs from the LOA, and each field is reported side by side
    assert all(m.other_document == "bill.pdf" for m in facts.mismatches)


def test_forwarded_rejection_text_is_read_as_a_notice() -> None:
    notice = (DOCUMENTS / "rejection_notice.txt").read_text()
    body = (
        "Can you fix this?\n\n---------- Forwarded message ---------\n"
        f"From: Carrier <porting@carrier.example>\nSubject: Port rejected\n\n{notice}"
    )
    facts = extract_facts(parse_mail(porting_mail(body=body)), "US")
    [document] = facts.documents
    assert document.kind == "rejection_notice"
    assert document.rejection_codes


FORWARDED_MEMO = (
    "\n\n-------- Mensaje original --------\n"
    "De: Francisco Ortega <fortega@grupo-ortega.example>\nAsunto: Cambio de proveedor\n\n"
    "Celia, la sucursal de Houston pasa a Nextiva. Que se lleven los números (281) 555-0110 "
    "y (281) 555-0111.\n"
)


def test_a_forwarded_request_gives_the_numbers_and_provider_the_customer_does_not() -> None:
    body = (
        "Les paso el correo de nuestro director. ¿Cómo se inicia eso con ustedes?" + FORWARDED_MEMO
    )
    raw = porting_mail(subject="RV: Cambio de proveedor", body=body)
    facts = extract_facts(parse_mail(raw), "US")
    assert [(n.e164, n.source) for n in facts.numbers] == [
        ("+12815550110", "forwarded"),
        ("+12815550111", "forwarded"),
    ]
    assert facts.answers.provider == "Nextiva"


def test_our_own_reply_forwarded_back_is_not_the_customers_request() -> None:
    body = (
        "See below.\n\n---------- Forwarded message ---------\n"
        "From: Porting Support <support@portdesk.example>\n"
        "Subject: Re: Port out [#P-1042]\n\n"
        "Please tell us the new provider; if it is another Twilio account, say so. "
        "These are the numbers we found: (281) 555-0110\n"
    )
    facts = extract_facts(parse_mail(porting_mail(body=body)), "US")
    assert facts.numbers == ()
    assert facts.answers.provider is None


def test_the_customers_own_numbers_and_provider_outrank_a_forwarded_messages() -> None:
    body = "Solo el (281) 555-0112 va a Verizon, por favor." + FORWARDED_MEMO
    facts = extract_facts(parse_mail(porting_mail(subject="RV: Proveedor", body=body)), "US")
    assert [(n.e164, n.source) for n in facts.numbers] == [("+12815550112", "text")]
    assert facts.answers.provider == "Verizon"


# Numbers in every format customers write, per country: (text, region hint, expected E.164s).
FORMATS = [
    ("+1 (415) 555-0123", "US", ["+14155550123"]),
    ("415.555.0123", "US", ["+14155550123"]),
    ("1-415-555-0123", "US", ["+14155550123"]),
    ("(514) 555-0101", "CA", ["+15145550101"]),
    ("020 7946 0123", "GB", ["+442079460123"]),
    ("+44 (0)20 7946 0123", "US", ["+442079460123"]),
    ("0044 20 7946 0123", "US", ["+442079460123"]),
    # A "00" group inside a number written with spaces is not the international prefix.
    ("020 7946 0012 and 020 7946 0013", "GB", ["+442079460012", "+442079460013"]),
    ("01 42 00 56 78", "FR", ["+33142005678"]),
    ("0207-946-0018 ext. 12", "GB", ["+442079460018"]),
    ("089 99998 100", "DE", ["+498999998100"]),
    ("+49 (0)89 99998-100", "US", ["+498999998100"]),
    ("02 1234 5678", "IT", ["+390212345678"]),
    ("+39 02 1234 5678", "US", ["+390212345678"]),
    ("21 000 0147", "PT", ["+351210000147"]),
    ("+351 21 000 0147", "US", ["+351210000147"]),
    ("912 345 678", "ES", ["+34912345678"]),
    ("01 23 45 67 89", "FR", ["+33123456789"]),
    ("+31 20 123 4567", "US", ["+31201234567"]),
    ("(02) 9876 5432", "AU", ["+61298765432"]),
]


@pytest.mark.parametrize(("text", "region", "expected"), FORMATS, ids=[f[0] for f in FORMATS])
def test_number_formats(text: str, region: str, expected: list[str]) -> None:
    found = find_numbers(f"Please port {text} to you.", (region,), "text")
    assert [n.e164 for n in found] == expected


def test_order_numbers_dates_and_invoice_ids_are_not_phone_numbers() -> None:
    text = "Invoice INV-2025-11-0877, order 1234567890 of 2026-11-17, ticket #4155550123."
    assert find_numbers(text, ("US",), "text") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1 415 555 0100 to 0104", ["0100", "0101", "0102", "0103", "0104"]),
        ("(415) 555-0100-0103", ["0100", "0101", "0102", "0103"]),
        ("415-555-0150, 0151 and 0152", ["0150", "0151", "0152"]),
        ("415 555 0150 & 0151", ["0150", "0151"]),
        ("(415) 555-0123, 415.555.0124", ["0123", "0124"]),
    ],
)
def test_ranges_and_lists_are_expanded(text: str, expected: list[str]) -> None:
    found = find_numbers(text, ("US",), "text")
    assert [n.e164[-4:] for n in found] == expected


def test_a_last_group_written_with_its_dash_is_a_second_number() -> None:
    found = find_numbers("(206) 555-0131 und -0132 sind zu T-Mobile portiert.", ("US",), "text")
    assert [n.e164 for n in found] == ["+12065550131", "+12065550132"]


def test_a_range_whose_end_is_written_in_full_is_not_read_as_its_area_code() -> None:
    # " thru 312" once ended the range at 0312: 173 numbers instead of 3.
    found = find_numbers("312-555-0140 thru 312-555-0142. Full port.", ("US",), "text")
    assert [n.e164 for n in found] == ["+13125550140", "+13125550141", "+13125550142"]


@pytest.mark.parametrize(
    ("text", "region", "count"),
    [
        # A house number after "to" is an address, not the end of a range.
        ("Please change (402) 555-0108 to 901 Leavenworth St, Omaha NE 68102.", "US", 1),
        ("Cambien la dirección del (604) 555-0155 a 1055 W Georgia St, Vancouver.", "CA", 1),
        ("Update (385) 555-0173 to 210 W 400 S, Salt Lake City.", "US", 1),
        # A list's bullets are no range.
        ("Numéros :\n- (207) 555-0111\n- (207) 555-0112\n- (207) 555-0140 (fax)", "US", 3),
        # A range's end, then an address with its own number.
        ("nos numéros 02 61 91 83 40 à 43 au « 12 rue Example, Tours »", "FR", 4),
        ("713-555-0160 to 713-555-0164. LOA attached.", "US", 5),
    ],
)
def test_a_range_is_told_from_an_address_and_a_list(text: str, region: str, count: int) -> None:
    assert len(find_numbers(text, (region,), "text")) == count


def test_german_block_with_bis() -> None:
    found = find_numbers("Rufnummernblock 089 99998 100 bis 119", ("DE",), "text")
    assert len(found) == 20
    assert found[0].e164 == "+498999998100" and found[-1].e164 == "+498999998119"


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        (
            "Our main line is +1 212 555 0142 and my cell is +1 917 555 0177.",
            "US",
            ["unknown", "mobile"],
        ),
        ("+1 415 555 0123 (it's a mobile)", "US", ["mobile"]),
        ("toll-free 1-800-555-0199", "US", ["toll_free"]),
        ("Handynummer 0151 23456789", "DE", ["mobile"]),
        ("numero verde 800 123 456", "IT", ["toll_free"]),
        ("landline 415 555 0123", "US", ["local"]),
        ("07400 123456", "GB", ["mobile"]),
        # "Portable" is a mobile only as the French noun, not the port's own word.
        ('(505) 555-0131 is "not portable". It is a plain copper landline', "US", ["local"]),
        ("(418) 555-0113, mon portable", "CA", ["mobile"]),
        ("(418) 555-0113 est portable", "CA", ["unknown"]),
    ],
)
def test_the_type_the_customer_states_wins(text: str, region: str, expected: list[str]) -> None:
    assert [n.type for n in find_numbers(text, (region,), "text")] == expected


def test_malformed_and_other_sids() -> None:
    text = (
        "Move PN0123456789abcdef0123456789abcdef from ACd41b8e2f9c7a6b5e4d3c2b1a0f9e8d7 "
        "(order KW8179cf54f19ce9cc8d9d6a7d4c3b2a1f)."
    )
    found = {(i.kind, i.valid) for i in find_identifiers(text)}
    assert found == {
        ("phone_number_sid", True),
        ("account_sid", False),
        ("port_order_sid", True),
    }
    [bad] = [i for i in find_identifiers(text) if not i.valid]
    assert "31 characters" in bad.note


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Il codice di migrazione è OPE1234567890123A.", "migration_code", "OPE1234567890123A"),
        ("A Vodafone pede o CVP: 123456789012.", "cvp", "123456789012"),
        (
            "We requested the CVP from our current operator and received it today: 123456789012.",
            "cvp",
            "123456789012",
        ),
        ("My PAC code is ABC123456", "pac", "ABC123456"),
        ("Mon RIO est 02P123456ABC", "rio", "02P123456ABC"),
    ],
)
def test_national_porting_codes(text: str, kind: str, value: str) -> None:
    assert [(i.kind, i.value) for i in find_identifiers(text)] == [(kind, value)]


def test_a_twelve_digit_number_without_cvp_words_is_not_a_cvp() -> None:
    assert find_identifiers("Reference 123456789012 for your records.") == ()


def test_pasted_auth_token_is_never_kept() -> None:
    token = "0123456789abcdef0123456789abcdef"
    raw = porting_mail(body=f"Port +1 415 555 0123. My auth token is {token} if you need it.")
    cleaned, kinds = redact_raw(raw)
    assert kinds == ("auth_token",)
    assert token.encode() not in cleaned
    mail = parse_mail(cleaned)
    assert "[redacted auth_token]" in mail.new_text
    facts = extract_facts(mail, "US")
    assert facts.redacted_secrets == ("auth_token",)
    assert [n.e164 for n in facts.numbers] == ["+14155550123"]


def test_mail_without_secrets_is_stored_byte_for_byte() -> None:
    raw = porting_mail(body="Port +1 415 555 0123, account SID AC" + "0" * 32)
    assert redact_raw(raw) == (raw, ())


@pytest.mark.parametrize(
    ("text", "sms", "wireless"),
    [
        ("Yes, we need SMS on these numbers too.", True, None),
        ("No SMS needed, voice only.", False, None),
        ("It is a wireless number with Verizon.", None, True),
        ("These are landlines, not mobile.", None, False),
        ("Please port 415 555 0123.", None, None),
        ("SMS: yes. It's a cell phone.", True, True),
        # A carrier's transfer PIN exists only for a wireless number.
        ("Verizon gave me the number transfer PIN for my mobile.", None, True),
        ("AT&T sent the Number Transfer PIN today.", None, True),
        # A customer who asks whether texting keeps working wants it.
        ("Will texting keep working after the move?", True, None),
        # The number itself is a mobile one; calls forwarded to a mobile say nothing.
        ("Merci de transférer mon numéro de cellulaire 438 555 0103 de Fizz.", None, True),
        ("Les appels doivent être renvoyés vers mon cellulaire le soir.", None, None),
        ("Die Weiterleitung auf ihr Handy hat im Test gut geklappt.", None, None),
        ("Las grabaciones de bienvenida se cambian desde el móvil.", None, None),
        ("Die Nummer ist eine Handynummer bei der Telekom.", None, True),
        ("El número es un móvil de Movistar.", None, True),
        ("Es mi número de celular, (520) 555-0127.", None, True),
    ],
)
def test_sms_and_wireless_answers(text: str, sms: bool | None, wireless: bool | None) -> None:
    answers = extract_facts(parse_mail(porting_mail(body=text)), "US").answers
    assert (answers.sms_needed, answers.wireless) == (sms, wireless)


def test_account_number_and_pin_are_read_but_the_pin_is_only_masked() -> None:
    body = "Wireless account number: 9876-5432-10, transfer PIN is 482913."
    answers = extract_facts(parse_mail(porting_mail(body=body)), "US").answers
    assert answers.wireless_account_number == "9876543210"
    assert answers.pin_masked == "••••••"
    assert "482913" not in repr(answers)


@pytest.mark.parametrize(
    ("body", "expected", "soon"),
    [
        ("We would like the port on 15/12/2026.", "2026-12-15", False),
        ("Port date: 12/15/2026", "2026-12-15", False),
        ("Can you do it next Tuesday?", "2026-11-24", True),
        ("Ideally in two weeks.", "2026-12-04", False),
        ("Porting by December 1st please", "2026-12-01", False),
        # A day alone after a deadline word: this month's, or next month's once past.
        ("We need (612) 555-0180 working on your system by the 30th.", "2026-11-30", False),
        ("Temos até dia 30 para tirar de lá o número.", "2026-11-30", False),
        ("On veut le récupérer chez vous avant le 15.", "2026-12-15", False),
        # A German ordinal day is no sentence end.
        ("Die Nummer soll bis zum 10. Dezember bei Ihnen sein.", "2026-12-10", False),
    ],
)
def test_preferred_port_date_against_the_message_date(body: str, expected: str, soon: bool) -> None:
    # porting_mail dates its messages Friday 20 November 2026.
    answers = extract_facts(parse_mail(porting_mail(body=body)), "GB").answers
    assert answers.port_date is not None
    assert answers.port_date.isoformat() == expected
    assert answers.port_date_soon is soon


def test_provider_company_and_address() -> None:
    body = (
        "We are Acme Dental Group LLC, 12 High Street, Springfield, IL 62704, and we are "
        "moving our numbers from AT&T."
    )
    mail = parse_mail(porting_mail(body=body))
    facts = extract_facts(mail, "US")
    assert facts.answers.provider == "AT&T"
    # The name and address are read for a records update only.
    assert facts.answers.company_name is None
    answers = with_record_update(facts, mail).answers
    assert answers.company_name == "Acme Dental Group LLC"
    assert answers.address is not None
    assert (answers.address.street, answers.address.city) == ("12 High Street", "Springfield")
    assert (answers.address.region, answers.address.postcode) == ("IL", "62704")


@pytest.mark.parametrize(
    ("body", "street", "city", "region"),
    [
        (
            "Since June we've been at 77 Elmwood Ave, Buffalo NY 14201, not Birch Street.",
            "77 Elmwood Ave",
            "Buffalo",
            "NY",
        ),
        ("New address: 5 Harbor Rd, Portland, ME 04101-1234.", "5 Harbor Rd", "Portland", "ME"),
    ],
)
def test_a_us_address_with_or_without_the_comma_before_the_state(
    body: str, street: str, city: str, region: str
) -> None:
    mail = parse_mail(porting_mail(body=body))
    address = with_record_update(extract_facts(mail, "US"), mail).answers.address
    assert address is not None
    assert (address.street, address.city, address.region) == (street, city, region)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Wir nehmen die 040 66969 281 zu sipgate mit.", "sipgate"),
        ("Nous partons chez Swisscom avec le +41 22 000 00 77.", "Swisscom"),
        ("Wir wechseln zu Sunrise.", "Sunrise"),
        ("La línea está con Telcel y queremos traerla.", "Telcel"),
        # A place or a customer's name that begins with a provider's is neither.
        ("Update (385) 555-0173 to 210 W 400 S, Salt Lake City, please.", None),
        ("Our company is Sunrise Tradelinks Inc.", None),
        # A word shouted is a word: "THREE MONTHS" names no carrier; "EE" is written so.
        ("Remove them and REFUND THE THREE MONTHS you charged.", None),
        ("The numbers went to EE last week.", "EE"),
        ("The Sydney number +61 2 5550 0190 is moving to Telstra this month.", "Telstra"),
        ("Not a spark of interest from your sales team.", None),
        # "Nos deux numéros" is no NOS; "Three outages" starts a sentence; the body outranks
        # the subject's summary (below).
        ("Nos deux numéros ont été portés chez Swisscom le 3.", "Swisscom"),
        ("Three outages in a month. We've signed with 8x8.", "8x8"),
        ("Free Pro a déposé sa demande il y a dix jours.", "Free Pro"),
    ],
)
def test_providers_by_country_are_named_and_look_alikes_are_not(
    body: str, expected: str | None
) -> None:
    assert extract_facts(parse_mail(porting_mail(body=body)), "US").answers.provider == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Porting all 3 numbers to Tidewater Telecom on the 14th.", "Tidewater Telecom"),
        ("On vous quitte : le (819) 555-0120 part chez Fleuvetel.", "Fleuvetel"),
        ("I want move my number to other company, Metro Link Mobile.", "Metro Link Mobile"),
        # A word or a place shaped like one is not; nor are we.
        ("Rufen Sie mich bitte per Telefon an, ich bin im Hotel.", None),
        ("Our office moved to Neuchâtel last year.", None),
        ("We are leaving Portdesk Voice for good.", None),
    ],
)
def test_a_provider_the_list_does_not_know_named_where_providers_are_named(
    text: str, expected: str | None
) -> None:
    assert unlisted_provider(text, ("Portdesk Voice",)) == expected


def test_a_port_away_to_a_provider_the_list_does_not_know_is_not_asked_for_it() -> None:
    outcome = answered(
        "move my number to other company",
        "Hello, I want move my number (347) 555-0162 to other company, Metro Link Mobile. "
        "They say they make the request. Thank you",
    )
    assert outcome.facts.answers.provider == "Metro Link Mobile"
    assert "gaining_provider" not in outcome.decision.missing


def test_the_body_names_the_provider_before_the_subject() -> None:
    mail = parse_mail(
        porting_mail(
            subject="Pago por números que estão na Vodafone",
            body="Estou há dois meses a pagar o +351 21 000 0347, que desde junho está na NOS.",
        )
    )
    assert extract_facts(mail, "US").answers.provider == "NOS"


def test_operators_extend_the_provider_list_and_name_themselves() -> None:
    mail = parse_mail(porting_mail(body="We are leaving PortDesk for Northgate Voice."))
    assert extract_facts(mail, "US").answers.provider is None
    facts = extract_facts(mail, "US", ("Northgate Voice",), ("PortDesk",))
    assert facts.answers.provider == "Northgate Voice"


def test_a_token_split_by_quoted_printable_soft_breaks_is_still_removed() -> None:
    raw = (
        b"From: ops@quillstack.example\r\nTo: support@portdesk.example\r\nSubject: 401s\r\n"
        b"Message-ID: <qp@quillstack.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"The auth token is 52ac105a897798d6d12a=\r\nbc200e841237. Please check.\r\n"
    )
    cleaned, kinds = redact_raw(raw)
    assert kinds == ("auth_token",)
    assert "52ac105a897798d6d12abc200e841237" not in parse_mail(cleaned).new_text


def test_no_valid_number_is_written_with_fewer_digits_than_the_matcher_parses() -> None:
    plans = [PhoneMetadata.metadata_for_region(r) for r in phonenumbers.SUPPORTED_REGIONS]
    plans += [
        PhoneMetadata.metadata_for_nongeo_region(code)
        for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS
    ]
    # Validation checks a plan's possible lengths first: none may be shorter.
    descriptions = [plan.general_desc for plan in plans if plan is not None]
    lengths = [desc.possible_length for desc in descriptions if desc is not None]
    assert len(lengths) == len(plans) and all(lengths)
    assert min(min(plan_lengths) for plan_lengths in lengths) >= _FEWEST_DIGITS
    # Parsing adds digits to those written only by a national-prefix transform rule ("268" for
    # Antigua): where there is one, no shorter number, national or international, is valid.
    shorter = [
        "".join(digits)
        for count in range(1, _FEWEST_DIGITS)
        for digits in itertools.product("0123456789", repeat=count)
    ]
    for plan in plans:
        if plan is None or not plan.national_prefix_transform_rule:
            continue
        for written in shorter + [f"+{digits}" for digits in shorter]:
            try:
                number = phonenumbers.parse(written, plan.id)
            except NumberParseException:
                continue
            assert not phonenumbers.is_valid_number(number), (plan.id, written)


def test_the_stated_type_lookahead_accepts_every_case_of_the_first_letters() -> None:
    characters = [chr(code) for code in range(sys.maxunicode + 1)]
    for _kind, alternatives in _STATED_TYPES:
        firsts = "".join({alternative.removeprefix(r"\b")[0] for alternative in alternatives})
        as_letters = re.compile("|".join(firsts), re.IGNORECASE)
        as_set = re.compile(f"[{firsts}]", re.IGNORECASE)
        # Including the Kelvin sign for "k" and the long s for "s".
        assert [c for c in characters if as_letters.fullmatch(c)] == [
            c for c in characters if as_set.fullmatch(c)
        ]


def test_stated_type_words_are_found_as_without_the_lookahead() -> None:
    text = (
        "TOLL-FREE tollfree Free Call \u212aostenlos \u017fervicenummer NÚMERO gratuito 800 NUMBER "
        "MOB\u0130LE mobiles Cell Phone cellular telemóvel Móvil Handy Handynummer portable "
        "Landline land line FIXED-LINE Festnetz fixe fixo fijo fisso geographic local numbers"
    )
    for (kind, alternatives), (same_kind, pattern) in zip(_STATED_TYPES, _STATED, strict=True):
        plain = re.compile("|".join(alternatives), re.IGNORECASE)
        assert kind == same_kind
        words = [m.span() for m in plain.finditer(text)]
        assert len(words) >= 7
        assert [m.span() for m in pattern.finditer(text)] == words


def test_numbers_and_stated_types_with_several_regions_and_lines() -> None:
    text = (
        "Mobile: 07400 123456, landline 020 7946 0123\n"
        "Office in New York: +1 212 555 0142\n"
        "cell 917 555 0177; toll-free 1-800-555-0199\n"
        "Invoice 2026-11-17 for 12 numbers, ref 4155550123X"
    )
    found = find_numbers(text, ("GB", "US"), "text")
    assert [(n.e164, n.type) for n in found] == [
        ("+447400123456", "mobile"),
        ("+442079460123", "local"),
        ("+12125550142", "unknown"),
        ("+19175550177", "mobile"),
        ("+18005550199", "toll_free"),
    ]


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ('Our port was rejected for "Incorrect BTN" again.', ("BTN_ATN_MISMATCH",)),
        (
            "Our port got rejected. The reason they gave was Invalid authorization name.",
            ("AUTH_NAME_MISMATCH",),
        ),
        ("Please port +1 415 555 0123 to you; the name on the account is Acme LLC.", None),
    ],
)
def test_a_rejection_reason_the_customer_quotes_is_read(
    text: str, reasons: tuple[str, ...] | None
) -> None:
    mail = parse_mail(porting_mail(body=text))
    facts = with_quoted_rejection(extract_facts(mail, "US"), mail)
    assert facts.answers.rejection_reasons == reasons


def test_an_address_on_two_lines_with_a_suite_and_a_changed_name_are_read() -> None:
    text = (
        "After the merger our legal name changed from Pinecrest Veterinary Clinic PC to "
        "Harbor & Pine Animal Hospital PC, and we moved to a new building:\n\n"
        "780 Example Boulevard, Suite 110\nPortland, OR 97209\n\n"
        "Please update both numbers, (971) 555-0109 and (971) 555-0110."
    )
    mail = parse_mail(porting_mail(body=text))
    answers = with_record_update(extract_facts(mail, "US"), mail).answers
    assert answers.company_name == "Harbor & Pine Animal Hospital PC"
    assert answers.address is not None
    assert answers.address.street == "780 Example Boulevard, Suite 110"
    assert (answers.address.city, answers.address.region, answers.address.postcode) == (
        "Portland",
        "OR",
        "97209",
    )


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Verizon gave me the transfer PIN for my mobile, it's 8204.", "••••"),
        ("The PIN is 123456.", "••••••"),
        # A number after "PIN for" is the phone number, not the PIN.
        ("Please send the PIN for (201) 555-0188.", None),
    ],
)
def test_a_pin_the_customer_gives_is_read_only_as_its_length(text: str, masked: str | None) -> None:
    assert extract_facts(parse_mail(porting_mail(body=text)), "US").answers.pin_masked == masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An account number labelled as such is not a phone number, even where it is valid.
        ("Números: (905) 555-0171\nConta Bell: 5120-884-301", ["+19055550171"]),
        ("Numéro de compte Bell : 5122-884-301, ligne (418) 555-0138", ["+14185550138"]),
        ("Invoice #: 4155550123. Port (415) 555-0124.", ["+14155550124"]),
        # "On the account:" introduces the numbers themselves.
        (
            "The numbers on the account: (984) 555-0126, (984) 555-0127.",
            [
                "+19845550126",
                "+19845550127",
            ],
        ),
        ("Zehn Nummern zu Nextiva: (602) 555-0141.", ["+16025550141"]),
    ],
)
def test_digits_after_an_account_or_invoice_label_are_not_a_phone_number(
    text: str, expected: list[str]
) -> None:
    assert [n.e164 for n in find_numbers(text, ("US", "BR"), "text")] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("If there is any downtime we'd prefer it on a weekend.", "on a weekend"),
        ("Bitte am Wochenende umsetzen.", "am wochenende"),
        ("Preferiremmo nel fine settimana.", "nel fine settimana"),
        ("We need it as soon as possible.", "as soon as possible"),
        ("Si le transfert peut se faire un dimanche, ce serait idéal.", "un dimanche"),
        (
            "Er bestätigt alles, solange er hier ist, also bis Ende des Monats.",
            "bis ende des monats",
        ),
        ("Thanks, the numbers are (628) 555-0119 and (628) 555-0120.", None),
    ],
)
def test_a_time_frame_is_a_window_as_well_as_a_date(body: str, expected: str | None) -> None:
    # A transfer's time frame: Priya's "on a weekend" in the demo inbox was asked for again.
    assert extract_facts(parse_mail(porting_mail(body=body)), "US").answers.time_frame == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J'ai déjà le RIO.", ("rio",)),
        ("We have the RIO and the account number.", ("rio",)),
        ("Ho il codice di migrazione.", ("migration_code",)),
        ("Temos o CVP.", ("cvp",)),
        ("I have the PAC.", ("pac",)),
        # Asking for it is not having it.
        ("Where do I get the RIO?", None),
    ],
)
def test_a_porting_code_the_customer_has(text: str, expected: tuple[str, ...] | None) -> None:
    assert codes_in_hand(text) == expected


def test_a_code_the_customer_has_is_asked_for_not_explained() -> None:
    outcome = answered(
        "Portabilité",
        "Bonjour, nous voulons porter notre numéro +33 1 23 45 67 89 de SFR chez vous. J'ai "
        "déjà le RIO. Que faut-il ? Merci, Jane",
    )
    assert outcome.draft is not None
    words = locale("fr")
    assert words.text("country_documents", "rio_in_hand") in outcome.draft.text
    assert "3179" not in outcome.draft.text
