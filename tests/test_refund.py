"""A customer who asks for money back is answered by a person in billing, whatever else the
message asks; one who mentions a refund without asking us for one is answered as before."""

from __future__ import annotations

import pytest

from bot.extract.refund import asks_refund, charged_after_end
from bot.model import Action, CaseType
from replies.locales import Locale, locale
from tests.factories import answered


def _after_provider(words: Locale, key: str) -> str:
    """A removal paragraph from where it has named the provider on (that part varies)."""
    return words.tables["instructions"][key].split("{to_provider}", 1)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Remove them today, and refund the three months.",
        # A credit wanted, in so many words.
        "Gostaríamos de solicitar um crédito proporcional na próxima fatura.",
        "Quiero una solución hoy y un crédito por estos días.",
        "I'm not paying for another month of it, and I want the last three months refunded.",
        "Enlevez-les tout de suite et remboursez-moi ce que vous avez facturé.",
        "Merci de le retirer du compte et de nous rembourser ce mois-ci.",
        "Schließen Sie das Konto sofort und erstatten Sie die Abbuchungen.",
        "Die seit Juli zu Unrecht berechneten Beträge erwarte ich als Gutschrift.",
        "Toglietelo subito e rimborsatemi i quattro mesi.",
        "Se c'è un credito residuo, se potete rimborsarlo bene.",
        "Quítenlo de la cuenta y devuélvanme el dinero.",
        "¿Podrían revisarlo y, si procede, aplicar el abono correspondiente?",
        "Quiero que retiren ese cargo inmediatamente y me expliquen de dónde sale.",
        "Me gustaría saber quién lo dio de alta y que nos devuelvan lo cobrado.",
        "E voglio indietro il canone di questo mese.",
        "Streichen Sie diese Gebühr und erklären Sie mir, wie so etwas passiert.",
        "Reverse these charges and explain how this happened.",
        "Cancelem essa conta agora, e quero o reembolso da cobrança de hoje.",
        "Removam-nos já e devolvam o que cobraram desde março.",
    ],
)
def test_a_refund_asked_of_us(text: str) -> None:
    assert asks_refund(text) is True


@pytest.mark.parametrize(
    "text",
    [
        # Someone else reimburses the customer: they want the invoices, not money from us.
        "Can we pay by a credit card instead?",
        "Mon employeur a accepté de me rembourser une partie de ma ligne pro.",
        "Now finance is asking me to submit proper invoices so I can be reimbursed.",
        "Fatture per il rimborso spese: ma quale account?",
        # Thanks for a refund already made, and a refund declined.
        "Merci pour le remboursement.",
        "Perfecto, gracias por el reembolso.",
        "Eine Gutschrift will ich gar nicht, die paar Dollar sind egal.",
        "It's less about a refund than getting this fixed.",
        # Giving back a signed form or a device is no money.
        "Si hay que firmar algo o devolver algún aparato, díganmelo.",
        # "El abono" is also a subscription.
        "Quiero dar de baja el abono mensual.",
        # A charge asked about is not yet a charge disputed.
        "What is this fee on my invoice?",
        "Please remove the number and its charge from the account.",
    ],
)
def test_a_refund_mentioned_but_not_asked(text: str) -> None:
    assert asks_refund(text) is None


def test_a_removal_with_a_refund_goes_to_billing_and_still_explains_the_removal() -> None:
    outcome = answered(
        "Ancora addebitati",
        "Buongiorno, il numero +39 02 0000 0142 è passato a Fastweb a febbraio. Toglietelo "
        "subito dal contratto e rimborsatemi quello che avete addebitato da febbraio in poi.",
    )
    assert outcome.classification is not None
    assert outcome.classification.case_type is CaseType.NUMBER_REMOVAL
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("it")
    # The Italian customer reads that billing decides, that support (not porting) answers,
    # and what happens to the numbers meanwhile.
    assert words.text("referred", "refund_asked") in outcome.draft.text
    assert words.text("phrases", "refer_other") in outcome.draft.text
    assert _after_provider(words, "number_removal_one") in outcome.draft.text
    assert "team fatturazione" in outcome.draft.html


def test_a_cancellation_with_a_refund_is_not_acknowledged_as_done() -> None:
    outcome = answered(
        "Cancel",
        "Cancel the subscription now and refund the $299 you charged today.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    assert "billing team" in outcome.draft.text
    assert "we have your request to cancel" not in outcome.draft.text


def test_a_bill_for_an_employers_reimbursement_gets_the_download_instructions() -> None:
    outcome = answered(
        "Factures pour le remboursement",
        "Bonjour, mon employeur a accepté de me rembourser une partie de ma ligne pro. "
        "Pourriez-vous m'envoyer les factures des six derniers mois ?",
    )
    assert outcome.decision.action is Action.SEND_INSTRUCTIONS
    assert outcome.draft is not None
    words = locale("fr")
    assert words.text("referred", "refund_asked") not in outcome.draft.text
    assert "Billing" in outcome.draft.text


def test_a_part_cancellation_referred_for_a_refund_still_names_what_is_cancelled() -> None:
    outcome = answered(
        "Kündigung",
        "Bitte kündigen Sie die zwei Nutzerlizenzen zum Monatsende und erstatten Sie die "
        "Gebühren seit Juli.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    # No acknowledgement names the licences in a referral: the paragraph does.
    assert "die genannten Benutzer bzw. Lizenzen zu kündigen" in outcome.draft.text
    assert "Wir kündigen nur, was Sie genannt haben" not in outcome.draft.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You're still billing us for (860) 555-0179. Those ported away in April.", True),
        ("Les 4 numéros partis chez Telus le mois dernier sont encore facturés.", True),
        ("Ainda estamos a pagar os números da loja de Faro.", True),
        # Nothing said of charges since.
        ("Please remove (860) 555-0179, it ported away in April.", None),
    ],
)
def test_charges_after_the_numbers_left(text: str, expected: bool | None) -> None:
    assert charged_after_end(text) is expected


def test_a_removal_still_charged_goes_to_billing_with_the_removal_said() -> None:
    outcome = answered(
        "Remove",
        "Look at the line items - you're still billing us for (860) 555-0179 and "
        "(860) 555-0180. Those ported away in April. Please remove them.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("en")
    assert words.text("referred", "charged_after_end") in outcome.draft.text
    assert words.text("phrases", "refer_other") in outcome.draft.text
    # The removal itself is still promised.
    assert "remove the numbers from your account" in outcome.draft.text
