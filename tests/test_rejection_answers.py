"""A customer who answers a rejection in the same message (the right PIN, a new RIO) is thanked
for it, not asked for it again, and the PIN is never written back."""

from __future__ import annotations

import pytest

from bot.extract.answers import masked_pin
from bot.extract.identifiers import find_identifiers
from bot.extract.rejection_fixes import rejection_fixes
from bot.model import Action, CaseType
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Abgelehnt wegen falscher PIN. Richtige PIN ist 7302.", "••••"),
        ("Portage rejeté : NIP incorrect. Le bon NIP est 5519.", "••••"),
        ("Il PIN è 4432. Potete ripresentare la richiesta?", "••••"),
        ("El PIN es 338812.", "••••••"),
    ],
)
def test_a_pin_given_in_any_language_is_read_as_its_length(text: str, masked: str) -> None:
    assert masked_pin(text) == masked


def test_a_rio_a_few_words_after_its_name_is_read() -> None:
    text = "J'ai redemandé le RIO au 3179 ce matin : il s'agit de 02 P 6HW3KD R2N. Merci."
    assert [(i.kind, i.value) for i in find_identifiers(text)] == [("rio", "02P6HW3KDR2N")]
    # Its third character is P or E: a length is no RIO.
    assert find_identifiers("Orange says the RIO should be 12 characters long.") == ()


def test_the_right_pin_is_thanked_for_and_never_repeated() -> None:
    outcome = answered(
        "Ablehnung (443) 555-0137",
        "Abgelehnt wegen falscher PIN. Richtige PIN ist 7302. Bitte neu einreichen.",
    )
    assert outcome.classification is not None and outcome.draft is not None
    assert outcome.classification.case_type is CaseType.PORT_REJECTION
    assert outcome.decision.action is Action.REFER_TO_AGENT
    words = locale("de")
    assert words.text("corrections_given", "PASSCODE_PIN_INVALID") in outcome.draft.text
    # Not told to fetch a new PIN it has just sent.
    assert words.text("corrections", "PASSCODE_PIN_INVALID") not in outcome.draft.text
    assert "7302" not in outcome.draft.text and "7302" not in outcome.draft.html


def test_a_new_rio_answers_the_quoted_reason_and_the_notice() -> None:
    outcome = answered(
        "Portabilité refusée - RIO non valide",
        "Vous nous informez que la portabilité de notre numéro 01 99 00 46 21 a été refusée "
        "par SFR pour « RIO non valide ». J'ai redemandé le RIO au 3179 ce matin : il s'agit "
        "de 02 P 6HW3KD R2N.\n\nPourriez-vous relancer la demande avec ce RIO ?",
    )
    assert outcome.draft is not None
    # The quoted reason stands for the notice: it is not asked for.
    assert outcome.decision.missing == ()
    assert outcome.facts.answers.rejection_reasons == ("PASSCODE_PIN_INVALID",)
    words = locale("fr")
    assert words.text("corrections_given", "PASSCODE_PIN_INVALID") in outcome.draft.text


def test_a_rejection_without_the_fix_still_says_what_to_do() -> None:
    outcome = answered(
        "Port rejected", "Our port of (443) 555-0137 was rejected: PIN invalid. What now?"
    )
    assert outcome.draft is not None
    assert locale("en").text("corrections", "PASSCODE_PIN_INVALID") in outcome.draft.text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Il BTN giusto è il (541) 555-0100. Potete ripresentare?", ("btn",)),
        ("Die korrekte Kontonummer lautet 001-7734.", ("account_number",)),
        ("Quello giusto è 88123-0040-7. Ripresentate.", ("value",)),
        ("Ya pedí uno nuevo: 631904.", ("value",)),
        ("La dirección correcta es 455 N Wells St, Chicago, IL 60654.", ("address",)),
        ("The correct postcode for 020 7946 0614 is SE1 9PX, not SE1 9XP.", ("postal_code",)),
        ("Le bon RIO est 01 P 998877 TUV.", ("code",)),
        ("I've since obtained a new PIN from AT&T: 583920.", ("pin",)),
        # The value as the losing carrier has it, stated.
        ("L'adresse d'Eastlink est le 5, rue Example, Halifax. Refaites la demande.", ("address",)),
        ("The name on the Comcast account is R. Delgado Landscaping.", ("name",)),
    ],
)
def test_the_detail_a_customer_corrects_is_named_not_kept(
    text: str, kinds: tuple[str, ...]
) -> None:
    assert rejection_fixes(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        # A new attempt, or a number named with "new", gives no corrected detail.
        "Bitte verwenden Sie diese für den neuen Anlauf mit der (602) 555-0144.",
        "¿Pueden enviar de nuevo la solicitud del (412) 555-0190 a partir de hoy?",
        "We will send the new PIN tomorrow.",
        # What is wrong is no fix.
        "The address on the notice is wrong.",
    ],
)
def test_no_correction_given(text: str) -> None:
    assert rejection_fixes(text) is None


@pytest.mark.parametrize(
    ("subject", "body", "language", "code"),
    [
        (
            "BTN mismatch",
            'Rifiuto con "BTN mismatch" sul porting del (541) 555-0108 da CenturyLink a voi. '
            "Il BTN giusto è il (541) 555-0100. Potete ripresentare? Grazie",
            "it",
            "BTN_ATN_MISMATCH",
        ),
        (
            "rejected 469",
            'Port del (469) 555-0148 respinto, "account number invalid". Quello giusto è '
            "88123-0040-7. Ripresentate.",
            "it",
            "ACCOUNT_NUMBER_MISMATCH",
        ),
        (
            "Our port request was rejected",
            'The port of (919) 555-0122 from AT&T was rejected with the reason "PIN invalid". '
            "I've since obtained a new PIN from AT&T: 583920. Could you please resubmit?",
            "en",
            "PASSCODE_PIN_INVALID",
        ),
        (
            "Solicitud de portabilidad rechazada",
            "El operador anterior rechazó la portabilidad de la línea (312) 555-0180 porque la "
            "dirección no coincide. La dirección correcta es 455 N Wells St, Chicago, IL 60654. "
            "¿Pueden volver a enviarla?",
            "es",
            "LOCATION_MISMATCH",
        ),
    ],
)
def test_a_correction_in_the_message_is_thanked_for_not_asked_again(
    subject: str, body: str, language: str, code: str
) -> None:
    outcome = answered(subject, body)
    assert outcome.draft is not None
    words = locale(language)
    assert words.text("corrections_given", code) in outcome.draft.text
    assert words.text("corrections", code) not in outcome.draft.text
    assert "583920" not in outcome.draft.text


def test_a_forwarded_notice_that_says_the_order_could_not_be_carried_out_is_the_notice() -> None:
    outcome = answered(
        "WG: Ihr Wechselauftrag konnte nicht ausgeführt werden",
        "Guten Tag,\n\ndiesen Brief hat uns die Telekom geschickt. Offenbar ist die Portierung "
        "der 089 99998 186 zu Ihnen abgelehnt worden, weil das Geburtsdatum des Inhabers "
        "fehlt.\n\nViele Grüße\nErika Sandner\n\n"
        "---------- Weitergeleitete Nachricht ----------\nVon: Telekom\n"
        "Betreff: Ihr Wechselauftrag\n\nDer Wechselauftrag Ihres neuen Anbieters konnte nicht "
        "ausgeführt werden. Grund: Angaben zum Anschlussinhaber unvollständig (Geburtsdatum "
        "fehlt).",
    )
    assert "rejection_notice" in {d.kind for d in outcome.facts.documents}
    assert "rejection_notice" not in outcome.decision.missing


@pytest.mark.parametrize(
    ("subject", "body", "language"),
    [
        ("+351 22 000 0681", "Recusado outra vez. Qual foi o motivo desta?", "pt"),
        (
            "Portierung abgelehnt warum",
            "Hallo, Sie haben geschrieben, meine Portierung ist abgelehnt. Warum? Die Nummer "
            "(215) 555-0171 ist meine. Danke, Bogdan",
            "de",
        ),
        (
            "rechazada otra vez",
            "Hola, la portabilidad del (484) 555-0115 la rechazaron. ¿Por qué?",
            "es",
        ),
    ],
)
def test_a_customer_who_asks_us_why_is_not_asked_for_the_notice_we_hold(
    subject: str, body: str, language: str
) -> None:
    # The port to us was rejected to us: the porting team looks the reason up.
    outcome = answered(subject, body)
    assert outcome.draft is not None
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert "rejection_notice" not in outcome.decision.missing
    assert locale(language).text("referral", "port_rejection") in outcome.draft.text


def test_a_customer_who_asks_what_to_change_may_hold_a_notice_and_is_asked_for_it() -> None:
    outcome = answered(
        "Rejected", "Our port of (415) 555-0155 was rejected. What do we have to change?"
    )
    assert outcome.decision.missing == ("rejection_notice",)


def test_a_new_loa_with_the_carriers_name_is_thanked_for_not_asked_again() -> None:
    outcome = answered(
        "Rejected because of the name on the account",
        'Our port got rejected with "Business name mismatch". Our account with the old carrier '
        'is still under "Greenleaf Landscaping". I\'ve attached a new LOA signed with '
        '"Greenleaf Landscaping" as the customer name. Can you resubmit the port for '
        "(303) 555-0174?",
    )
    assert outcome.draft is not None
    words = locale("en")
    assert outcome.facts.answers.rejection_fixes == ("loa",)
    assert words.text("corrections_given", "BUSINESS_NAME_MISMATCH") in outcome.draft.text
    assert words.text("corrections", "BUSINESS_NAME_MISMATCH") not in outcome.draft.text
    # Nothing is left to ask of the customer, so no heading announces what the reason asks.
    assert words.text("phrases", "corrections_intro") not in outcome.draft.text


def test_a_correction_no_known_reason_names_is_thanked_for_as_corrected_details() -> None:
    outcome = answered(
        "portabilità non accettata",
        'Ciao, mia portabilità del +39 02 1234 5618 non accettata, dice "indirizzo sbagliato". '
        "Indirizzo giusto è Via Padova 120, Milano. Per favore rimandate. Grazie",
    )
    assert outcome.draft is not None
    assert outcome.decision.missing == ()
    words = locale("it")
    assert words.text("referral", "port_rejection_fixed") in outcome.draft.text
    assert words.text("referral", "port_rejection") not in outcome.draft.text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Ein entsprechend angepasstes Formular mit allen zehn Nummern liegt bei.", ("loa",)),
        ("Voici la lettre d'autorisation corrigée, signée par le propriétaire.", ("loa",)),
        ("New LOA signed by the CEO is attached.", ("loa",)),
    ],
)
def test_a_new_or_corrected_loa_is_a_correction(text: str, kinds: tuple[str, ...]) -> None:
    assert rejection_fixes(text) == kinds
