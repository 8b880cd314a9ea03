"""Replies: the customer's language, the numbers named back, nothing unsafe rendered."""

from __future__ import annotations

import re

import pytest

from bot.model import Action, CaseType, Decision, Facts, PhoneNumber
from replies import ReplyContext, render_draft
from replies.locales import available, locale
from tests.factories import answered


def context(language: str = "en", **changes: object) -> ReplyContext:
    values: dict[str, object] = {
        "case_token": "P-1042",
        "case_type": CaseType.PORT_IN,
        "language": language,
        "customer_name": "Jane",
        "subject": "Port our numbers",
        "numbers": (PhoneNumber("+14155550123", "US", "mobile", "text", ""),),
        "signature": "Porting Support",
    }
    values.update(changes)
    return ReplyContext(**values)  # type: ignore[arg-type]


ASK = Decision(Action.ASK_MISSING, ("no LOA",), ("loa", "port_date"))


def test_every_language_has_every_sentence() -> None:
    assert available() == ("de", "en", "es", "fr", "it", "pt", "pt-BR")
    english = locale("en").tables
    for language in available():
        tables = locale(language).tables
        assert {t: set(k) for t, k in tables.items()} == {t: set(k) for t, k in english.items()}


def test_french_wording_keeps_its_no_break_spaces() -> None:
    # fr.toml asks for a no-break space before : ; ? ! and inside « »; 13 lines had lost it.
    for table in locale("fr").tables.values():
        for key, text in table.items():
            assert not re.search(r" [:;?!»]|« ", text), key


@pytest.mark.parametrize("language", ["en", "de", "it", "pt", "es", "fr"])
def test_ask_missing_in_each_language_names_the_numbers_and_the_case(language: str) -> None:
    draft = render_draft(ASK, context(language))
    assert draft is not None
    assert draft.language == language
    assert "(415) 555-0123" in draft.text and "P-1042" in draft.text
    assert draft.text.count("\n1. ") == 1 and "\n2. " in draft.text
    assert draft.subject == "Re: Port our numbers [#P-1042]"


def test_unknown_language_falls_back_to_english() -> None:
    draft = render_draft(ASK, context("nl"))
    assert draft is not None and draft.language == "en"


def test_customer_text_is_data_not_template_and_html_is_escaped() -> None:
    hostile = context(customer_name="{{ 7*7 }}<script>x</script>", subject="{% raw %}Hi")
    draft = render_draft(ASK, hostile)
    assert draft is not None
    assert "{{ 7*7 }}" in draft.text and "49" not in draft.text.split("\n")[0]
    assert "<script>" not in draft.html and "&lt;script&gt;" in draft.html


def test_a_block_of_numbers_is_one_line() -> None:
    block = tuple(
        PhoneNumber(f"+14155550{n:03d}", "US", "unknown", "text", "") for n in range(100, 110)
    )
    draft = render_draft(ASK, context(numbers=block))
    assert draft is not None
    assert "(415) 555-0100 \u2013 (415) 555-0109 (10)" in draft.text


def test_a_referral_names_the_team_the_message_is_for() -> None:
    refer = Decision(Action.REFER_TO_AGENT, ("below the confidence floor",))
    outage = render_draft(refer, context(case_type=CaseType.OTHER, numbers=()))
    port = render_draft(refer, context(case_type=CaseType.PORT_STATUS))
    assert outage is not None and port is not None
    # "All our lines are dead" is not for the porting team.
    assert "our support team" in outage.text and "porting team" not in outage.text
    assert "our porting team" in port.text


@pytest.mark.parametrize("language", ["en", "de", "it", "pt", "es", "fr"])
def test_a_rejections_corrections_are_said_once_each_in_the_customers_language(
    language: str,
) -> None:
    words = locale(language)
    refer = Decision(Action.REFER_TO_AGENT, ("port_rejection: nothing missing",))
    codes = ("BUSINESS_NAME_MISMATCH", "ENTITY_NAME_MISMATCH", "LSP_FREEZE", "NOT_A_CODE")
    draft = render_draft(
        refer, context(language, case_type=CaseType.PORT_REJECTION, corrections=codes)
    )
    assert draft is not None
    assert words.text("phrases", "corrections_intro") in draft.text
    # The two name mismatches are fixed alike: their sentence is said once.
    assert draft.text.count(words.text("corrections", "BUSINESS_NAME_MISMATCH")) == 1
    assert words.text("corrections", "LSP_FREEZE") in draft.text
    assert words.text("corrections", "UNKNOWN") in draft.text


def test_no_reply_has_no_draft() -> None:
    assert render_draft(Decision(Action.NO_REPLY, ("auto",)), context()) is None


def _number(e164: str, country: str, kind: str = "local") -> PhoneNumber:
    return PhoneNumber(e164, country, kind, "text", e164)


def _instructions_for(
    case_type: CaseType, numbers: tuple[PhoneNumber, ...], **extra: object
) -> str:
    context = ReplyContext(
        case_token="P-1001",
        case_type=case_type,
        language="en",
        customer_name="Jane",
        subject="Port",
        numbers=numbers,
        signature="Porting Support",
        instructions=case_type.value if case_type is CaseType.PORT_OUT else None,
        **extra,  # type: ignore[arg-type]
    )
    draft = render_draft(Decision(Action.SEND_INSTRUCTIONS, ("test",)), context)
    assert draft is not None
    return draft.text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pin_reply_names_the_french_rio_only_for_a_french_number(language: str) -> None:
    decision = Decision(Action.SEND_INSTRUCTIONS, ("test",))
    drafts = {
        country: render_draft(
            decision,
            context(
                language,
                case_type=CaseType.PORT_OUT_PIN,
                instructions="port_out_pin",
                numbers=(_number(e164, country),),
            ),
        )
        for country, e164 in (("FR", "+33199001234"), ("CA", "+18195550142"))
    }
    french, canadian = drafts["FR"], drafts["CA"]
    assert french is not None and canadian is not None
    assert "RIO" in french.text and "3179" in french.text
    assert "RIO" not in canadian.text


def test_port_out_instructions_say_only_what_applies_to_the_numbers() -> None:
    us_only = _instructions_for(CaseType.PORT_OUT, (_number("+12025550142", "US"),))
    assert "Your new provider starts the port" in us_only
    assert "migration code" not in us_only and "CVP" not in us_only
    assert "toll-free" not in us_only
    mixed = _instructions_for(
        CaseType.PORT_OUT,
        (
            _number("+390212345601", "IT"),
            _number("+351210000147", "PT"),
            _number("+18005550199", "US", "toll_free"),
        ),
    )
    assert "migration code (codice di migrazione)" in mixed
    assert "CVP code" in mixed
    assert "toll-free numbers have no CSR" in mixed
    assert "NIF" not in us_only and "NIF" not in mixed
    spanish = _instructions_for(CaseType.PORT_OUT, (_number("+34910000287", "ES"),))
    assert "NIF (for a person) or CIF (for a company)" in spanish
    # A French port runs on the RIO, which the customer gets from the line itself.
    french = _instructions_for(CaseType.PORT_OUT, (_number("+33199006412", "FR"),))
    assert "the RIO (relevé d'identité opérateur) of each line" in french
    assert "RIO" not in us_only
    # A US geographic number leaves with a port-out PIN; toll-free and European ones do not.
    assert "also ask for a port-out PIN" in us_only
    assert "also ask for a port-out PIN" not in mixed
    # The customer who told us of the port is not told they need not have; billing is theirs
    # to stop, and they are told how.
    assert "You do not need to tell us" not in us_only
    assert "if you also want the billing stopped once the numbers have left, tell us" in us_only
    # Closing the account first would lose the numbers: every port-out is told so.
    assert "keep your account with us active until the port has completed" in us_only
    assert "keep your account with us active until the port has completed" in mixed


def test_a_port_outs_pin_is_named_once_when_the_customer_also_asks_for_it() -> None:
    text = _instructions_for(
        CaseType.PORT_OUT,
        (_number("+12025550142", "US"),),
        also=(CaseType.PORT_OUT_PIN,),
        secure_channel="https://console.example.com/security",
    )
    assert text.count("port-out PIN") == 1
    assert "only through https://console.example.com/security" in text


def test_a_second_request_in_the_same_message_is_answered_too() -> None:
    text = _instructions_for(
        CaseType.PORT_OUT, (_number("+12025550142", "US"),), also=(CaseType.CANCELLATION,)
    )
    assert "Your new provider starts the port" in text
    # The account closes once the numbers have left, not before: no advice to port first.
    assert "We close it only after their port to your new provider has completed" in text
    assert "ask your new provider to port it first" not in text
    # Who asks to close the account is not asked whether they want the billing stopped.
    assert "want the billing stopped" not in text


def test_an_account_closed_after_a_twilio_transfer_is_not_told_to_port_its_numbers() -> None:
    text = _instructions_for(
        CaseType.PORT_IN_TWILIO_TRANSFER,
        (_number("+16505550117", "US"),),
        also=(CaseType.CANCELLATION,),
    )
    assert "transfer of its numbers to your other Twilio account has completed" in text
    assert "ask your new provider to port it first" not in text


def test_byoc_is_offered_for_a_voip_number_being_ported_in() -> None:
    voip = _instructions_for(CaseType.PORT_IN, (_number("+445612345678", "GB", "other"),))
    assert "Bring Your Own Carrier" in voip
    local = _instructions_for(CaseType.PORT_IN, (_number("+442079460123", "GB"),))
    assert "Bring Your Own Carrier" not in local


@pytest.mark.parametrize(
    ("unreadable", "expected"),
    [
        (("+32 2 000 01 36",), "We could not read +32 2 000 01 36 as a valid number"),
        (
            ("+32 2 000 01 36", "+1 (704) 555-01"),
            "valid numbers in their country's numbering plan: +32 2 000 01 36, +1 (704) 555-01.",
        ),
    ],
)
def test_a_number_that_could_not_be_read_is_named_back(
    unreadable: tuple[str, ...], expected: str
) -> None:
    ask = Decision(Action.ASK_MISSING, ("no number",), ("phone_numbers",))
    draft = render_draft(ask, context(numbers=(), facts=Facts(unreadable_numbers=unreadable)))
    assert draft is not None
    assert expected in draft.text


def test_attachments_are_mentioned_only_where_a_document_is_asked_for() -> None:
    documents = render_draft(ASK, context())
    no_documents = render_draft(
        Decision(Action.ASK_MISSING, ("no date",), ("port_date", "sms_needed")), context()
    )
    assert documents is not None and no_documents is not None
    assert "send documents as attachments" in documents.text
    assert "send documents as attachments" not in no_documents.text
    assert "Please reply to this email with these items" in no_documents.text


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("pt", "Re: O seu pedido de portabilidade [#P-1042]"),
        ("de", "Re: Ihre Anfrage zur Rufnummernportierung [#P-1042]"),
        ("en", "Re: Your porting request [#P-1042]"),
    ],
)
def test_a_message_without_a_subject_gets_one_in_its_language(language: str, subject: str) -> None:
    draft = render_draft(ASK, context(language, subject=""))
    assert draft is not None
    assert draft.subject == subject


def test_the_numbers_are_asked_for_what_the_request_needs_them_for() -> None:
    ask_numbers = Decision(Action.ASK_MISSING, ("no numbers",), ("phone_numbers",))
    status = render_draft(ask_numbers, context(case_type=CaseType.PORT_STATUS, numbers=()))
    removal = render_draft(ask_numbers, context(case_type=CaseType.NUMBER_REMOVAL, numbers=()))
    port_in = render_draft(ask_numbers, context(numbers=()))
    assert status is not None and removal is not None and port_in is not None
    assert "so that we can look up your port" in status.text
    assert "The port's order number" in status.text
    assert "so that we remove exactly those" in removal.text
    # A port-in's carrier finds the numbers on the account.
    assert "so that the carrier can find them on the account" in port_in.text
    assert "so that the carrier can find them" not in status.text


def test_every_countrys_port_in_documents_have_wording_in_every_language() -> None:
    from rules.countries import country_table

    keys = {k for rules in country_table().countries.values() for k in rules.port_in_documents}
    assert {"migration_code", "cvp", "rio", "nif_cif"} <= keys
    for language in available():
        assert keys <= set(locale(language).tables["country_documents"]), language


def test_a_port_in_from_abroad_says_what_that_countrys_carriers_will_ask_for() -> None:
    italian = (PhoneNumber("+390200004417", "IT", "local", "text", ""),)
    refer = Decision(Action.REFER_TO_AGENT, ("checked case by case",))
    draft = render_draft(
        refer, context("it", case_type=CaseType.PORT_IN_INTERNATIONAL, numbers=italian)
    )
    assert draft is not None
    assert "Gli operatori del Paese dei numeri (Italia) chiedono anche" in draft.text
    assert "  - il codice fiscale del firmatario (16 caratteri)" in draft.text
    assert "<li>il codice di migrazione, riportato sulla fattura" in draft.html
    # A US port-in says nothing of the kind.
    us = render_draft(refer, context("it"))
    assert us is not None and "operatori del Paese" not in us.text


def test_a_countrys_name_is_never_bent_into_a_phrase_that_needs_its_article() -> None:
    # "in Vereinigtes Königreich", "in United Kingdom": the name stands in brackets instead.
    british = (PhoneNumber("+442079460417", "GB", "local", "text", ""),)
    refer = Decision(Action.REFER_TO_AGENT, ("checked case by case",))
    draft = render_draft(
        refer, context("de", case_type=CaseType.PORT_IN_INTERNATIONAL, numbers=british)
    )
    assert draft is not None
    assert "Die Anbieter im Land der Rufnummern (Vereinigtes Königreich)" in draft.text
    assert "in Vereinigtes" not in draft.text


def test_a_transfers_accounts_are_read_back_and_its_time_frame_may_be_any() -> None:
    outcome = answered(
        "",
        "Mover PN9714e2b4b12060e6ef06174d54e90191 da subconta "
        "AC5623a069ca1e8fb6b41a76df5b5900b4 para a conta principal "
        "AC4d12a9b5a391ad65152fcdcbc836b428. Obrigado.",
    )
    assert outcome.draft is not None
    text = outcome.draft.text
    assert "Estes são os Account SID que identificámos na sua mensagem:" in text
    assert "  - AC5623a069ca1e8fb6b41a76df5b5900b4\n  - AC4d12a9b5a391ad65152fcdcbc836b428" in text
    # The time frame is still asked for (the issue requires it), with the easy answer given.
    assert "responda simplesmente «o mais rápido possível»" in text
    # Unrelated accounts (an agency's and the customer's) take another process: said where
    # the customer says neither; this one names a subaccount, so it needs no such word.
    assert "com o consentimento do titular da conta de onde saem os números" not in text
    unsaid = answered(
        "",
        "Mover PN9714e2b4b12060e6ef06174d54e90191 da conta AC5623a069ca1e8fb6b41a76df5b5900b4 "
        "para a conta AC4d12a9b5a391ad65152fcdcbc836b428. Obrigado.",
    )
    assert unsaid.draft is not None
    assert "com o consentimento do titular da conta de onde saem os números" in unsaid.draft.text
    # ...and that answer is read as a time frame.
    later = answered("Re: transfer", "O mais rápido possível, obrigado.")
    assert later.facts.answers.time_frame == "o mais rápido possível"


def test_only_the_numbers_of_unknown_type_are_asked_and_only_their_documents_listed() -> None:
    outcome = answered(
        "Portierung London",
        "Guten Tag, wir möchten die Londoner Nummer 020 7946 0417 und die "
        "+44 300 000 0101 von BT zu Ihnen portieren. Die Bostoner +1 617 555 0123 soll auch "
        "mitkommen.",
    )
    assert outcome.draft is not None and outcome.decision.missing == ("number_type",)
    text = outcome.draft.text
    # The London number is listed as a landline, and a US number's type is no question here
    # (its digits cannot tell): only the 0300 number is asked about.
    assert "1. Die Art der Rufnummer 0300 000 0101: Festnetz" in text
    assert "020 7946 0417 (GB, Festnetz)" in text
    # A PAC is for a mobile number; the landline's carrier and line type are asked for.
    assert "PAC" not in text
    assert "zugrunde liegenden Netzbetreiber" in text


def test_a_transfer_between_different_owners_is_told_the_separate_process_directly() -> None:
    outcome = answered(
        "Transfer",
        "Hello, our former development agency set up our phone number (512) 555-0165 in their "
        "own Twilio account AC3d9f1e07b2c84a6e91f05d7ac4b28e53. We've now created our own "
        "account AC26369c734ef5ba38bc734a16e0bfdf06 and want it moved there.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("en")
    assert words.text("referred", "unrelated_accounts") in outcome.draft.text
    # Not asked whether it is their case, nor promised the move to the account they named.
    assert words.text("instructions", "transfer_unrelated_accounts") not in outcome.draft.text
    assert "We will move the numbers" not in outcome.draft.text


def test_a_number_in_someone_elses_private_account_is_no_internal_transfer() -> None:
    outcome = answered(
        "Vereinsnummer liegt im privaten Konto unseres Entwicklers",
        "Ein Vereinsmitglied hat die Hotline in seinem privaten Twilio-Konto eingerichtet. Die "
        "+49 561 0000 4471 soll in unser Vereinskonto AC1239c8ddcedcbf72dbfd3616d038f559.",
    )
    assert outcome.facts.answers.unrelated_accounts
    assert outcome.decision.action is Action.REFER_TO_AGENT


def test_two_merged_companies_accounts_are_no_internal_transfer() -> None:
    outcome = answered(
        "Fusion - zwei Twilio-Konten, eine Firma",
        "Seit dem 1. Januar sind die Hansen Logistik GmbH und die Petersen Spedition eine Firma. "
        "Beide hatten eigene Twilio-Konten. Wir wollen alles im Hansen-Konto "
        "AC7d6f26f60f27c6736d65d6523531dd9b bündeln, das Petersen-Konto ist "
        "AC30cc0defe06f1741956e9019656d48bf. Stimmt das, oder geht das einfacher?",
    )
    assert outcome.facts.answers.unrelated_accounts
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    assert locale("de").text("referred", "unrelated_accounts") in outcome.draft.text


def test_a_move_to_a_subaccount_is_an_internal_transfer_whatever_the_agency() -> None:
    outcome = answered(
        "Transfer",
        "Our agency keeps a subaccount per client. Please move (512) 555-0166 from "
        "AC3d9f1e07b2c84a6e91f05d7ac4b28e53 to the subaccount AC26369c734ef5ba38bc734a16e0bfdf06 "
        "as soon as possible.",
    )
    assert not outcome.facts.answers.unrelated_accounts
    assert outcome.decision.action is Action.ACKNOWLEDGE
    # A subaccount named needs no word on unrelated accounts.
    assert outcome.draft is not None
    words = locale("en")
    assert words.text("instructions", "transfer_unrelated_accounts") not in outcome.draft.text


def test_a_toll_free_port_in_asks_for_a_resporg_loa_and_a_bill_not_a_csr() -> None:
    outcome = answered(
        "Nummer übernehmen",
        "Bitte übernehmen Sie unsere gebührenfreie Hotline 1-888-555-0127 in unser Konto. "
        "Derzeitiger Anbieter ist Lumen.",
    )
    assert outcome.draft is not None
    assert {"loa", "bill_or_csr"} <= set(outcome.decision.missing)
    assert "für den Wechsel der RespOrg" in outcome.draft.text
    assert "höchstens 30 Tage alt" in outcome.draft.text
    assert "Für gebührenfreie Nummern gibt es keinen Customer Service Record" in outcome.draft.text
    assert "eines von beiden reicht" not in outcome.draft.text
    local = answered("Port", "Please port (415) 555-0123 from Lumen to our account.")
    assert local.draft is not None
    assert "RespOrg" not in local.draft.text
    assert "one of the two is enough" in local.draft.text


def test_a_csr_request_asked_for_its_numbers_is_not_promised_the_record_by_email() -> None:
    outcome = answered(
        "Relevé",
        "Bonjour, pourriez-vous m'envoyer le relevé de mes lignes (CSR) ? Notre nouveau "
        "fournisseur en a besoin. Merci.",
    )
    assert outcome.draft is not None
    assert "phone_numbers" in outcome.decision.missing
    assert "nous ne les envoyons qu'à une adresse e-mail associée au compte" in outcome.draft.text
    assert "afin que nous vous donnions" not in outcome.draft.text


def test_one_number_is_spoken_of_in_the_singular() -> None:
    one = answered(
        "Port", "Hello, we would like to port our number (415) 555-0123 from AT&T to you."
    )
    two = answered(
        "Port",
        "Hello, we would like to port our numbers (415) 555-0123 and (415) 555-0124 from AT&T "
        "to you.",
    )
    assert one.draft is not None and two.draft is not None
    assert "about moving your number to us" in one.draft.text
    assert "about moving your numbers to us" in two.draft.text
