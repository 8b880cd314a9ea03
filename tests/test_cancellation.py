"""A cancellation of a part of the service (a licence, an extension, an add-on) told from one
of the account, and the reply each gets."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.extract.cancellation import (
    cancellation_when,
    cancelled_parts,
    cancels_part,
    gives_up_numbers,
)
from bot.model import CaseContext
from bot.parse import parse_mail
from bot.pipeline import respond
from replies.locales import locale
from tests.factories import porting_mail


@pytest.mark.parametrize(
    "text",
    [
        "Wir möchten die zwei Nutzerlizenzen zum Monatsende kündigen.",
        'Disattivate per favore il componente aggiuntivo "analisi chiamate" sul nostro account.',
        "Please cancel extension 214, the front desk does not need it anymore.",
        "Merci d'annuler sa licence et son poste à la date indiquée.",
        "Solicitamos o cancelamento de três extensões da nossa conta, 104, 107 e 112.",
        "Tenéis que cancelar la subcuenta de Barcelona y sus cuatro licencias.",
    ],
)
def test_a_part_of_the_service_is_cancelled(text: str) -> None:
    assert cancels_part(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Please cancel our account effective end of this month.",
        "Wir möchten unser Abonnement kündigen und das Konto schließen.",
        "Cancel the extra seats, and then close the account.",
        "Chiudete l'account a fine mese, per favore.",
        # No cancelling at all.
        "We need two more user licences for the new hires.",
    ],
)
def test_the_account_or_nothing_is_not_a_part(text: str) -> None:
    assert cancels_part(text) is None


def _draft(body: str, subject: str = "Kündigung") -> str:
    settings = load_settings(None, {})
    mail = parse_mail(porting_mail(subject=subject, body=body))
    outcome = respond(mail, CaseContext(token="P-1"), settings)
    assert outcome.draft is not None
    return outcome.draft.text


def test_a_licences_cancellation_does_not_speak_of_closing_the_account() -> None:
    text = _draft(
        "Guten Tag, unsere beiden Praktikantinnen gehen Ende des Monats. Wir möchten deshalb "
        "die zwei Nutzerlizenzen zum Monatsende kündigen. Danke, Nicole Varga"
    )
    assert "Ihr Auftrag, die genannten Benutzer bzw. Lizenzen zu kündigen" in text
    assert "„zum Monatsende“" in text
    assert "Ihr Konto und der übrige Dienst laufen unverändert weiter" in text
    assert "Konto schließen" not in text


def test_an_accounts_cancellation_says_what_closing_it_means() -> None:
    text = _draft("Guten Tag, bitte kündigen Sie unser Konto zum Monatsende. Danke, Nicole Varga")
    assert "Ihre Kündigung liegt uns vor" in text
    assert "Bevor wir das Konto schließen" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bitte schließen Sie das Konto einfach, die Nummern können verfallen.", True),
        ("We're closing the business. We don't need to keep the numbers.", True),
        ("Please cancel the account and let the numbers go.", True),
        ("Al final no vamos a portar nada, cerramos la imprenta.", True),
        ("I numeri non li porto da nessuna parte, chiudete pure.", True),
        ("No queremos conservar ninguno: no hay comprador ni sucesor.", True),
        ("Wir brauchen keine der Nummern mehr, bitte alles kündigen.", True),
        ("Non ci sono numeri portati altrove: li abbiamo semplicemente lasciati scadere.", True),
        ("Queremos conservar el número; cierren la cuenta después.", None),
        # Keeping them, or not saying: the advice to port them first stands.
        ("Please cancel the account; we want to keep the numbers.", None),
        ("We no longer need the extensions, cancel them please.", None),
    ],
)
def test_numbers_given_up_with_the_account(text: str, expected: bool | None) -> None:
    assert gives_up_numbers(text) is expected


def test_a_customer_who_gives_the_numbers_up_is_not_told_to_port_them_first() -> None:
    text = _draft("Konto 20-77413 zum Monatsende kündigen. Die Nummern können verfallen.")
    assert "Bevor wir das Konto schließen" in text
    assert "enden die Rufnummern mit dem Konto" in text
    assert "portieren" not in text


def test_an_account_closed_once_its_numbers_have_ported_away_is_noted_not_advised() -> None:
    text = _draft(
        "Hola, el nuevo proveedor solo espera el PIN para trasladar nuestros dos números, "
        "(971) 555-0140 y (971) 555-0141. Y, una vez se hayan ido los números, cancelen por "
        "favor la cuenta y la facturación. ¿Me lo podrían enviar? Saludos, Nicolás",
        subject="PIN para los números de la cafetería",
    )
    words = locale("es")
    assert words.text("instructions", "cancellation_after_port") in text
    # Not told to port the numbers first: that is what they are doing.
    assert words.text("instructions", "cancellation") not in text


def test_a_final_invoice_asked_with_a_cancellation_is_the_one_made_at_closing() -> None:
    text = _draft(
        "Guten Tag, bitte kündigen Sie unser Konto zum Ablauf und schicken Sie mir bitte eine "
        "Schlussrechnung. Danke, Nicole Varga",
        subject="Kündigung",
    )
    words = locale("de")
    assert words.text("instructions", "final_invoice") in text
    # Not sent to download the latest invoice, which is not the final one.
    assert words.text("instructions", "bill_request") not in text
    assert "„zum Ablauf“" in text


def test_a_users_cancellation_beside_another_request_gets_its_own_paragraph() -> None:
    text = _draft(
        'Guten Tag, unsere Firma heißt jetzt "Beispiel Eis & Café GmbH". Bitte schreiben Sie '
        "den neuen Namen auf alle unsere Nummern. Und bitte kündigen Sie auch den zweiten "
        "Benutzer, er arbeitet nicht mehr bei uns. Danke, Lucia",
        subject="Neuer Firmenname",
    )
    assert "Name: Beispiel Eis & Café GmbH" in text
    assert "an unser Kundenkonten-Team weitergegeben" in text
    assert "Bevor wir das Konto schließen" not in text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Merci d'annuler les six postes des moniteurs (extensions 31 à 36).", ("extension",)),
        ("Bitte die Nummer und die „Standard User“-Lizenz dazu beenden.", ("licence",)),
        ("Vorrei disattivare l'opzione SMS dal prossimo ciclo.", ("add_on",)),
        ("Please close the Denver subaccount, the main account stays.", ("subaccount",)),
        (
            "Pedimos o cancelamento da extensão 104 e da licença dele.",
            ("extension", "licence"),
        ),
        ("Please cancel our account.", None),
        # An add-on is often a package or a bundle; named before the sentence that cancels.
        (
            "Però da dicembre non voglio più pagare il pacchetto SMS aggiuntivo: disattivatelo.",
            ("add_on",),
        ),
        (
            "Un pacchetto SMS business che non ho chiesto. Disattivatelo immediatamente.",
            ("add_on",),
        ),
        # "Our whole service" is the account, whatever part the subject named.
        ("Remove user Jake. No: please terminate our whole service as of the 31st.", None),
    ],
)
def test_the_parts_a_cancellation_names(text: str, parts: tuple[str, ...] | None) -> None:
    assert cancelled_parts(text) == parts


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Bitte kündigen Sie unser Konto zum Monatsende.", "zum Monatsende"),
        ("Bitte zum 31.12. kündigen.", "zum 31.12."),
        ("Annulez les six postes à partir du 15 avril.", "à partir du 15 avril"),
        (
            "Please cancel it at the end of the current billing period.",
            "at the end of the current billing period",
        ),
        ("Pedimos o cancelamento da licença dele\na partir do dia 30.", "a partir do dia 30"),
        ("Però da dicembre non voglio più pagare il pacchetto: disattivatelo.", "da dicembre"),
        # At the term's end.
        ("Bitte kündigen Sie unser Konto zum Ablauf.", "zum Ablauf"),
        ("Disdite il contratto alla scadenza, grazie.", "alla scadenza"),
        # A season, and a closure in the past, are no date the cancellation takes effect.
        ("The hotline runs from February to April each year; please cancel it.", None),
        ("Mi negocio está cerrado desde febrero. Quiero cancelar la cuenta.", None),
        # The day a cancellation was asked for is not the day it takes effect.
        ("I clicked Close account in your console on 2 March.", None),
        ("J'ai demandé la fermeture de mon compte le 3 février.", None),
        ("Please cancel our account.", None),
    ],
)
def test_when_a_cancellation_takes_effect_as_written(text: str, when: str | None) -> None:
    assert cancellation_when(text) == when


def test_a_part_cancellation_names_the_part_and_when_in_the_customers_language() -> None:
    text = _draft(
        "Bonjour, merci d'annuler les six postes des moniteurs (extensions 31 à 36) à partir "
        "du 15 avril. Gardez le poste de l'accueil et la ligne principale. Paul",
        subject="Postes des moniteurs",
    )
    assert "votre demande de résilier les postes indiqués" in text
    assert "«\u00a0à partir du 15 avril\u00a0»" in text
    assert "fermer le compte" not in text
