"""Reading a records update: the new company name, which part of the record changes, and
whether it is for every number; and what the records-update rules then ask for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.case_facts import merge_facts
from bot.extract.record_update import all_numbers, company_name, record_changes
from bot.model import Answers, CaseType, Facts, PhoneNumber, PostalAddress
from bot.parse import parse_mail
from rules import RuleContext, check_rules
from tests.factories import answered, porting_mail

MAIL = parse_mail(porting_mail())
NUMBER = PhoneNumber("+15035550126", "US", "unknown", "text", "(503) 555-0126")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The old name first, the new one announced after it.
        (
            'ya no somos "Impresos Rivas" sino "Rivas Print Solutions, LLC".',
            "Rivas Print Solutions, LLC",
        ),
        (
            "Remplacer « Dépanneur Chez Paul » par « Marché Exemple inc. » sur tous nos numéros.",
            "Marché Exemple inc.",
        ),
        (
            "notre société ne s'appelle plus « Atelier Exemple » mais « Exemple Design inc. ».",
            "Exemple Design inc.",
        ),
        (
            'Mia ditta prima si chiamava "Esempio Traslochi" adesso è "TrasportiEsempio S.r.l.".',
            "TrasportiEsempio S.r.l.",
        ),
        (
            "Name geändert: der alte Name »Beispiel & Söhne« ist falsch. Ändern Sie bitte den "
            "Namen auf »Beispiel Technik GmbH«.",
            "Beispiel Technik GmbH",
        ),
        (
            'A empresa mudou de nome: de "Exemplo Tech" para "Exemplo Tech Solutions, Lda.".',
            "Exemplo Tech Solutions, Lda.",
        ),
        # The old name after the new one.
        (
            'Nome errado: a empresa chama-se agora "Atlântico Exemplo, Lda." e não "Pedro '
            'Exemplo".',
            "Atlântico Exemplo, Lda.",
        ),
        (
            'The company name still says "Example & Sons Roofing". We have been "Example '
            'Exterior LLC" for a year.',
            "Example Exterior LLC",
        ),
        # A name with its legal form and no quotation marks; what it became.
        (
            "We need the entity name on our numbers changed to Example Freight Holdings Inc. "
            "Can you do that?",
            "Example Freight Holdings Inc.",
        ),
        (
            "a Exemplo & Teles, Lda. passou a denominar-se Exemplo Teles Engenharia, S.A., "
            "com efeitos a partir de julho. Atualizem o nome, por favor.",
            "Exemplo Teles Engenharia, S.A.",
        ),
        (
            "Umfirmierung: die Muster Software GmbH heißt seit dem 1. April Nordwind Beispiel "
            "GmbH. Bitte den Namen ändern.",
            "Nordwind Beispiel GmbH",
        ),
        # Labelled, but with no name after the label: nothing to read.
        (
            'our firm name is changed, before was "Example Import SRL", now is '
            '"Example Trading Inc.".',
            "Example Trading Inc.",
        ),
        ("Company name: Bayview Example LLC", "Bayview Example LLC"),
        # What the numbers show now, then the correct one.
        (
            'Hola, en los números aparece "Fotografia Ejemplo" sin tilde ni "LLC". El nombre '
            'correcto es "Fotografía Ejemplo LLC". ¿Lo cambian?',
            "Fotografía Ejemplo LLC",
        ),
    ],
)
def test_the_new_company_name_is_read_not_the_old_one(text: str, expected: str) -> None:
    assert company_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A quoted phrase in mail that is not about a name is not a company name.
        'Your console rejects "Building C" in the address. Please set it manually.',
        # The only name given is the one to replace.
        'The company name is still "Example Tax Services", please change it.',
        "We have a new legal name; the certificate follows. Please update the name.",
    ],
)
def test_no_company_name_where_no_new_one_is_written(text: str) -> None:
    assert company_name(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please update the E911 address on (720) 555-0186.", ("address",)),
        ("Wir sind umgezogen. Bitte die Anschrift ändern.", ("address",)),
        ("Mudámos de escritório: atualizem a morada, por favor.", ("address",)),
        ("Cambiamos de razón social. Ahora somos «Ejemplo S.A.».", ("name",)),
        ("Merci de modifier la dénomination. Le SIRET et l'adresse restent inchangés.", ("name",)),
        ("Bitte ändern Sie den Firmennamen. Die Adressen bleiben.", ("name",)),
        ("Atualizem a denominação. O NIF e a sede mantêm-se inalterados.", ("name",)),
        ("Bitte die Serviceadresse ändern. Der Name ist korrekt.", ("address",)),
        ("Please change the name and service address on all our lines.", ("address", "name")),
        # "My name is…" introduces the writer; it is not a name change.
        ("Hi, my name is Dana. We moved: please update our address.", ("address",)),
        ("Please update our records.", None),
    ],
)
def test_which_part_of_the_record_changes(text: str, expected: tuple[str, ...] | None) -> None:
    assert record_changes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please update it on the account and all numbers.", True),
        ("Same for all 6 numbers, including the emergency address.", True),
        ("Bitte ändern für alle Nummern bei Ihnen.", True),
        ("merci de l'inscrire sur tous nos numéros", True),
        ("aggiornate il nome su tutti i numeri", True),
        ("Actualícenlo en todos los números de la cuenta.", True),
        ("Atualizem o nome em todas as linhas.", True),
        # "Our numbers", "the numbers on the account", none named: the account's numbers.
        ("actualicen la dirección de servicio de nuestros números a 1200 Main St", True),
        ("In pratica sui numeri dell'account deve comparire il nome nuovo.", True),
        ("Bitte den Namen bei unseren Nummern ändern.", True),
        ("Please change the company name on our numbers to Northwind Bakery LLC.", True),
        ("Please update (503) 555-0101 and (503) 555-0102.", None),
        ("Please update the name on (503) 555-0101.", None),
        ("Merci de changer l'adresse de nos numéros de Paris.", None),
    ],
)
def test_a_change_for_every_number(text: str, expected: bool | None) -> None:
    assert all_numbers(text) is expected


def _missing(answers: Answers, numbers: bool = True) -> list[str]:
    facts = Facts(numbers=(NUMBER,) if numbers else (), answers=answers)
    context = RuleContext(MAIL, facts, CaseType.RECORDS_UPDATE, date(2026, 11, 19))
    return [f.key for f in check_rules(context) if f.is_missing]


ADDRESS = PostalAddress("100 Sample Avenue", "Miami", "33101", "FL")


def test_a_name_change_is_not_asked_for_an_address_nor_an_address_change_for_a_name() -> None:
    assert _missing(Answers(record_changes=("name",))) == ["company_name"]
    assert _missing(Answers(record_changes=("address",))) == ["address"]
    assert _missing(Answers(record_changes=("name",), company_name="Example LLC")) == []
    assert _missing(Answers(record_changes=("address",), address=ADDRESS)) == []


def test_a_request_that_says_neither_part_is_asked_for_both() -> None:
    assert _missing(Answers()) == ["company_name", "address"]


def test_every_number_on_the_account_names_the_numbers() -> None:
    answers = Answers(record_changes=("name",), company_name="Example LLC")
    assert _missing(answers, numbers=False) == ["phone_numbers"]
    assert _missing(replace(answers, all_numbers=True), numbers=False) == []


def test_a_thread_that_changes_the_name_then_the_address_changes_both() -> None:
    first = Facts(answers=Answers(record_changes=("name",), company_name="Example LLC"))
    second = Facts(answers=Answers(record_changes=("address",), address=ADDRESS))
    merged = merge_facts(first, second)
    assert merged.answers.record_changes == ("address", "name")
    assert merged.answers.company_name == "Example LLC"
    assert merged.answers.address == ADDRESS


def test_a_records_change_from_a_set_day_says_that_day_back() -> None:
    outcome = answered(
        "WG: Umbenennung der Industriestraße",
        "Guten Tag, unsere Straße wird umbenannt. Bitte ändern Sie ab dem 1. Juli die "
        "Standortadresse für unsere Nummern 0711 0000 5510 und 0711 0000 5511 auf "
        '"Margarete-Steiff-Straße 14, 70565 Stuttgart".',
    )
    assert outcome.draft is not None
    assert "  - Gültig ab: 1. Juli" in outcome.draft.text
