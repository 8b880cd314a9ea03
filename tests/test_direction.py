"""Which way the numbers go: the customer's words on direction turn a port read backwards."""

from __future__ import annotations

import pytest

from bot.config import ClassifierSettings, load_settings
from bot.extract import extract_facts
from bot.model import CaseContext, CaseType, Classification
from bot.parse import parse_mail
from classifiers import DIRECTION_CONFIDENCE, classify
from classifiers.dataset import load_corpus, splits
from classifiers.direction import Direction, read_direction
from classifiers.evaluate import classify_as_used
from classifiers.trained import TrainedClassifier
from tests.factories import porting_mail

TOWARDS, AWAY = Direction.TOWARDS_US, Direction.AWAY
NEW = CaseContext(token="P-1")
PORTS = {
    CaseType.PORT_IN: TOWARDS,
    CaseType.PORT_IN_INTERNATIONAL: TOWARDS,
    CaseType.PORT_OUT: AWAY,
}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Sorry, wrong subject line - we want to port INTO your platform, not out.", "en", TOWARDS),
        ("Grasshopper needs to release (617) 555-0174 TO you.", "en", TOWARDS),
        ("We are moving both numbers to another provider next month.", "en", AWAY),
        ("We are changing to Movistar Empresas for all the clinic.", "en", AWAY),
        ("Die (206) 555-0119 soll zu Ihnen, bitte.", "de", TOWARDS),
        ("Wir wollen die Nummer zu einem anderen Anbieter umziehen.", "de", AWAY),
        ("Vogliamo che il +39 02 0000 6187 venga DA VOI.", "it", TOWARDS),
        ("Stiamo passando a Fastweb con il nostro numero.", "it", AWAY),
        ("Queremos mover os números (775) 555-0106 de vocês para AT&T.", "pt", AWAY),
        ("Queremos que tragam o +351 266 000 095 para a conta que temos convosco.", "pt", TOWARDS),
        ("Los números dejarán de estar con ustedes y pasarán a Verizon.", "es", AWAY),
        ("TIM tiene que liberarlo para que llegue a la cuenta con ustedes.", "es", TOWARDS),
        ("Je veux que le (418) 555-0137 QUITTE votre service.", "fr", AWAY),
        ("Notre numéro 03 53 01 26 90 doit arriver chez vous.", "fr", TOWARDS),
        ("Nous partons chez Swisscom avec le numéro +41 22 000 00 77.", "fr", AWAY),
        ("Bitte senden Sie mir die Unterlagen für die Übernahme der Nummer.", "de", TOWARDS),
        ("Wir nehmen die 040 66969 281 zu sipgate mit.", "de", AWAY),
        ("Queremos llevarnos el número a Movistar el mes que viene.", "es", AWAY),
        ("We want 020 7946 0652 transferred FROM BT TO our account with you.", "en", TOWARDS),
        ("Spostiamo il (469) 555-0172 ad AT&T. Cosa vi serve da noi?", "it", AWAY),
    ],
)
def test_a_direction_said_outright_is_read(text: str, language: str, expected: Direction) -> None:
    assert read_direction(text, language).direction is expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Denied: the other direction is named only to be set aside.
        ("I don't want to move my numbers to you.", "en"),
        ("Io non voglio portare VIA nessun numero.", "it"),
        # Quoted: someone else's words.
        ('Vonage keeps saying "port out" and I am confused.', "en"),
        ("Chez Fizz, ils appellent ça une « portabilité sortante ».", "fr"),
        # Where a number is now, or went years ago, says nothing of where it goes next.
        ("I originally brought it over to you from my old cell carrier years ago.", "en"),
        ("Abbiamo sei numeri da voi e il numero è ancora attivo sul vostro servizio.", "it"),
        ("Llevamos cuatro años con ustedes.", "es"),
        # "portamos" is also the past: this number has gone, and says nothing of a port.
        ("En la factura salen dos números que ya portamos a Vonage hace un mes.", "es"),
        # A Portuguese "no" is "in the", not a denial; but this says no direction either.
        ("O número está no nosso escritório.", "pt"),
        # Sending a form to us is not moving a number to us.
        ("I will send the signed LOA to you tomorrow.", "en"),
    ],
)
def test_words_that_do_not_say_where_numbers_go_are_not_read(text: str, language: str) -> None:
    assert read_direction(text, language).direction is None


def test_both_directions_said_decide_nothing() -> None:
    text = (
        "The two Austin numbers go to you. The third one is sold and goes to Dialpad, where "
        "the buyer has his system."
    )
    reading = read_direction(text, "en")
    assert reading.towards_us and reading.away
    assert reading.direction is None


def test_a_provider_we_are_known_by_is_not_elsewhere() -> None:
    text = "We are moving all our numbers to Vonage."
    assert read_direction(text, "en").direction is AWAY
    assert read_direction(text, "en", own_names=("Vonage",)).direction is None


def classified(subject: str, body: str) -> Classification:
    mail = parse_mail(porting_mail(subject=subject, body=body))
    return classify(mail, extract_facts(mail, "US"), NEW, ClassifierSettings())


def test_a_port_in_whose_subject_says_port_out_is_a_port_in_held_for_review() -> None:
    # Without the direction, its subject and its "not out" made it a port-out at 0.95.
    result = classified(
        "Port out",
        "Sorry, wrong subject line - we want to port INTO your platform, not out. Number "
        "is 480-555-0190 with Redrock Telecom. What's the first step?",
    )
    assert result.case_type is CaseType.PORT_IN
    assert "'port INTO'" in result.reasons[-1]
    # Turned against the model, it waits for an agent rather than answering alone.
    assert result.confidence == DIRECTION_CONFIDENCE
    assert result.confidence < load_settings(None, {}).review.min_confidence


def test_a_foreign_port_in_read_as_a_port_out_becomes_international() -> None:
    result = classified(
        "Portabilité sortante",
        "Orange l'appelle une « portabilité sortante », mais pour vous c'est un transfert "
        "entrant : notre numéro +33 1 00 00 47 21 doit arriver chez vous.",
    )
    assert result.case_type is CaseType.PORT_IN_INTERNATIONAL


def test_a_foreign_port_in_turned_by_direction_still_waits_for_an_agent() -> None:
    # Read as a port-out at 0.91 for its subject; the UK number makes the port-in
    # international, which must not make it surer than the turn.
    result = classified(
        "Release UK number",
        "The subject is misleading: nothing needs releasing on your side, BT is the one "
        "releasing. We want 020 7946 0652 transferred FROM BT TO our account with you. BT "
        "says you submit the request and they release it. Can you do that?",
    )
    assert result.case_type is CaseType.PORT_IN_INTERNATIONAL
    assert result.confidence == DIRECTION_CONFIDENCE


def test_a_pin_given_to_us_for_a_port_in_is_a_port_in() -> None:
    result = classified(
        "Verizon transfer PIN",
        "Verizon just gave me the number transfer PIN for my mobile, account number on the "
        "attached screenshot. I'm giving it to YOU so you can take (201) 555-0188 from "
        "Verizon into my account here, I'm not asking you for a PIN.",
    )
    assert result.case_type is CaseType.PORT_IN
    assert result.confidence == DIRECTION_CONFIDENCE


@pytest.mark.parametrize(
    ("body", "expected", "said"),
    [
        (
            "Guten Tag, ich habe bei Ihnen eine Nummer, (516) 555-0147, für meine kleine Firma. "
            "Jetzt möchte ich die Nummer auf mein Handy bei Verizon, dann ich habe nur eine "
            "Rechnung. Wie geht das, die Nummer von Ihnen weg zu Verizon? Danke",
            CaseType.PORT_OUT,
            "'von Ihnen weg'",
        ),
        (
            "Guten Tag, wir möchten, dass unsere Nummer (516) 555-0147 künftig über Ihr Konto "
            "abgerechnet wird, damit alles auf einer Rechnung erscheint. Bitte senden Sie mir "
            "die Unterlagen für die Übernahme der Nummer. Danke",
            CaseType.PORT_IN,
            "'Übernahme der Nummer'",
        ),
    ],
)
def test_an_unsure_bill_request_that_says_where_its_numbers_go_is_a_port(
    body: str, expected: CaseType, said: str
) -> None:
    # "Rechnung" made the phrase rules read a bill request, at 0.5.
    result = classified("Nummer", body)
    assert result.case_type is expected
    assert said in result.reasons[-1]
    assert result.confidence == DIRECTION_CONFIDENCE


def test_a_sure_bill_request_that_names_a_direction_stays_a_bill_request() -> None:
    result = classified(
        "Invoice for Bell",
        "We are moving (416) 555-0124 to Bell. Bell asked for a copy of our latest invoice: "
        "please send me the October invoice as a PDF.",
    )
    assert result.case_type is CaseType.BILL_REQUEST


def test_the_direction_read_in_the_corpus_is_the_labelled_one() -> None:
    # Each reading can turn the model's answer: it must be right nearly always where it speaks.
    ports = [s for s in load_corpus() if s.label in PORTS]
    read = [(read_direction(s.mail.new_text, s.language).direction, PORTS[s.label]) for s in ports]
    spoken = [(said, label) for said, label in read if said is not None]
    assert len(spoken) >= len(ports) / 3, "the phrases speak for too few ports to matter"
    assert sum(said is label for said, label in spoken) / len(spoken) >= 0.98


def test_turning_ports_by_direction_mends_more_than_it_breaks() -> None:
    settings = load_settings(None, {})
    held_out = [s for split in ("dev", "test") for s in splits(load_corpus())[split]]
    model = TrainedClassifier()
    mended = broken = 0
    for sample in held_out:
        result = classify_as_used(sample, settings)
        if not any("the customer says" in reason for reason in result.reasons):
            continue
        before = model.classify_text(sample.input_text).case_type
        mended += result.case_type is sample.label and before is not sample.label
        broken += before is sample.label and result.case_type is not sample.label
    assert mended >= 20
    assert broken <= mended / 10
