"""A bill request that names a month or a corrected invoice, or says the invoice is nowhere
to be found, and the reply each gets."""

from __future__ import annotations

import pytest

from bot.extract.bill import asks_correction, bill_month, final_invoice, names_period, not_found
from bot.model import Action, CaseType
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    "text",
    [
        "I need the invoice for October for our company, not the one for November.",
        "Pourriez-vous m'envoyer la facture rectifiée de juillet ?",
        "Il commercialista vuole le fatture del primo trimestre.",
        "Necesito la factura de marzo.",
    ],
)
def test_a_bill_request_that_names_a_period(text: str) -> None:
    assert names_period(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Where can I find last month's invoice? Can't see it in the dashboard.",
        "Meine Steuerberater will die Rechnung. Ich finde nicht im Portal.",
        "Me piden una copia de la última factura. No la encuentro en el panel.",
        "J'ai besoin de la dernière facture. Je ne trouve pas dans le portail.",
        "Il commercialista vuole la fattura di ottobre. Io non trovo.",
        "Preciso da fatura de maio. No portal eu não encontro.",
        # Only payments where the invoices should be, or it does not appear.
        "Im Portal ich finde nur Zahlung, keine Rechnung. Bitte Oktober schicken.",
        "I've looked under Billing and I only see payments, not the invoice.",
        "Io trovo solo email di pagamento, non fattura.",
        "Hola, ¿dónde descargo la última factura? En el portal no aparece.",
        "Pouvez-vous m'envoyer la facture d'août ? Elle n'apparaît pas dans l'espace client.",
        # The Console or the link fails.
        "Votre espace client plante dès que je clique sur « Télécharger la facture ».",
        "Bitte schicken Sie mir die Rechnung für Juni, der Link in der Mail funktioniert nicht.",
        "The PDF attachment of invoice INV-20931 won't open.",
        "Your invoice download link has been broken for two weeks. Email me the bill.",
    ],
)
def test_a_customer_who_could_not_find_the_invoice(text: str) -> None:
    assert not_found(text) is True


def test_an_invoice_that_does_not_show_a_detail_was_found() -> None:
    # A correction, not an invoice looked for in vain.
    assert not_found("The invoice does not show our VAT number, please reissue it.") is None


def test_no_bill_word_no_reading() -> None:
    # "Can't find the PIN" is no bill request's detail.
    assert not_found("I can't find the port-out PIN in May's settings.") is None
    assert names_period("We moved in May.") is None
    # "may" the verb and "avoir" the verb name no period.
    assert names_period("Send the latest invoice; they may ask for it.") is None
    assert names_period("Pour avoir la dernière facture, où faut-il aller ?") is None


def test_the_latest_bill_is_answered_with_where_to_download_it() -> None:
    outcome = answered("Latest invoice", "Could you send me our latest invoice, please?")
    assert outcome.classification is not None
    assert outcome.classification.case_type is CaseType.BILL_REQUEST
    assert outcome.draft is not None
    assert "You can download your latest bill yourself" in outcome.draft.text


def test_a_named_month_is_told_every_month_is_there() -> None:
    outcome = answered("Invoice", "Could you send me the corrected invoice for July, please?")
    assert outcome.draft is not None
    assert "earlier months and corrected invoices included" in outcome.draft.text


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("PIN + facture", "Pourriez-vous m'envoyer la facture de mars en PDF ?", "mars"),
        ("Invoice", "Could you send the March invoice?", "March"),
        ("Rechnung Oktober bitte", "Danke!", "Oktober"),
        # Several months: none is the one to name.
        ("Invoices", "We need the invoices for July, August and September.", None),
        ("Rechnung", "Das ist die Rechnung vom Juli. Ich brauche die aktuelle, also August.", None),
        # A month that dates something else, and a reply's subject, someone else's words.
        ("Invoice", "We have been customers since March. Please send the latest invoice.", None),
        ("Re: Votre facture de juin", "Merci, c'est réglé.", None),
    ],
)
def test_the_month_of_the_invoice_asked_for(subject: str, text: str, expected: str | None) -> None:
    assert bill_month(subject, text) == expected


def test_the_month_asked_for_is_said_back_and_an_invoice_goes_only_to_the_billing_contact() -> None:
    outcome = answered("Facture", "Bonjour, pouvez-vous m'envoyer la facture de mars en PDF ?")
    assert outcome.draft is not None
    assert "Pour la facture demandée (mars), choisissez simplement ce mois" in outcome.draft.text
    assert "l'enverra au contact de facturation enregistré sur le compte" in outcome.draft.text
    latest = answered("Invoice", "Could you send me the corrected invoice for July and August?")
    assert latest.draft is not None
    assert "For the invoice you asked about" not in latest.draft.text
    assert "will send it to the billing contact registered on the account" in latest.draft.text


def test_a_customer_who_looked_in_vain_is_answered_by_a_person() -> None:
    outcome = answered(
        "Invoice", "Where can I find last month's invoice? I can't see it in the dashboard."
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert "could not find the invoice" in outcome.decision.reasons[0]
    assert outcome.draft is not None
    # Not sent back to where they already looked, and told who sends it where.
    assert "Billing page" not in outcome.draft.text
    assert locale("en").text("referred", "bill_not_found") in outcome.draft.text


@pytest.mark.parametrize(
    "body",
    [
        "Copy of our last bill please, the new carrier wants it as proof.",
        "Could you send our latest invoice? Comcast is asking for it before the transfer.",
        "Necesito la última factura para la nueva compañía de teléfono.",
    ],
)
def test_a_bill_for_a_port_is_told_to_be_recent(body: str) -> None:
    outcome = answered("Latest invoice", body)
    assert outcome.draft is not None
    assert outcome.facts.answers.bill_for_port is True
    assert "30" in outcome.draft.text


def test_a_bill_for_the_accountant_after_a_port_gets_no_porting_advice() -> None:
    outcome = answered(
        "Final bill",
        "Hi, the porting to our new phone company finished on Monday. Also, can you send me the "
        "last invoice that includes our numbers? Accounting wants to close out the cost center.",
    )
    assert outcome.draft is not None
    assert "New providers often ask" not in outcome.draft.text
    # A bill asked for the port itself still is.
    for_port = answered("Facture", "Notre nouvel opérateur veut une facture récente. Merci.")
    assert for_port.draft is not None
    assert "30 jours" in for_port.draft.text


def test_a_bill_for_the_accountant_gets_no_porting_advice() -> None:
    outcome = answered(
        "Invoice", "I need the latest invoice for my accountant, she is doing our taxes."
    )
    assert outcome.draft is not None
    assert "You can download your latest bill yourself" in outcome.draft.text
    assert "New providers" not in outcome.draft.text and "30 days" not in outcome.draft.text


@pytest.mark.parametrize(
    "text",
    [
        "La fattura di novembre non ha la nostra partita IVA. Correggetela e rimandatela.",
        "Bitte korrigieren Sie die Rechnung und schreiben die Differenz gut.",
        "Corrijam a fatura e me mandem a versão certa.",
        "Every invoice you send us is missing our VAT number.",
        # Made out to the company, not the person: reissued.
        "Il faut que la facture porte le nom de la société (SARL Atelier Garnier) et non mon "
        "nom personnel.",
        "La fattura deve essere intestata alla società, non a mio nome.",
    ],
)
def test_an_invoice_to_be_corrected_is_read(text: str) -> None:
    assert asks_correction(text) is True


def test_a_corrected_invoice_that_exists_is_no_correction_to_make() -> None:
    assert asks_correction("Could you send me the corrected invoice for July, please?") is None
    # Correcting something other than an invoice, in another sentence.
    text = "Send the latest invoice. Please fix the address on our numbers."
    assert asks_correction(text) is None


def test_an_invoice_to_be_corrected_goes_to_the_support_team() -> None:
    outcome = answered(
        "IVA", "La fattura di novembre non ha la nostra partita IVA. Correggetela e rimandatela."
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    # Not sent to download the same wrong invoice again, and not told a porting team has it.
    assert "Billing" not in outcome.draft.text
    assert "team di assistenza" in outcome.draft.text
    # And told who reissues it and where it goes.
    assert locale("it").text("referred", "bill_correction") in outcome.draft.text


def test_a_bill_for_a_port_away_from_italy_says_the_migration_code_is_on_it() -> None:
    outcome = answered(
        "Fattura per portabilità",
        "Buongiorno, il nuovo operatore per la portabilità del +39 02 1234 5601 mi chiede "
        "l'ultima fattura. Potete mandarmela?",
    )
    assert outcome.draft is not None
    assert "codice di migrazione, che trova indicato nella Sua fattura" in outcome.draft.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please send me the final invoice once the account is closed.", True),
        ("Schicken Sie mir bitte eine Schlussrechnung.", True),
        ("Mándenme la factura final.", True),
        # The latest invoice is not the final one.
        ("Pouvez-vous m'envoyer la dernière facture ?", None),
        ("Mi mandate l'ultima fattura?", None),
    ],
)
def test_the_final_invoice_is_told_from_the_latest(text: str, expected: bool | None) -> None:
    assert final_invoice(text) is expected
