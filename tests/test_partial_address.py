"""An address written without its postcode: found as written, so the reply asks for only the
postcode; a whole address, or none, is not one."""

from __future__ import annotations

import pytest

from bot.extract.partial_address import partial_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "deve risultare 120 Example Avenue, Toronto ON, che è la nostra sede",
            "120 Example Avenue, Toronto ON",
        ),
        ("Please change it to 10 Example Lane, St. Paul MN.", "10 Example Lane, St. Paul MN"),
        (
            "A nossa loja mudou-se para 1200 Example Blvd, Unit 7, Mississauga ON. Podem",
            "1200 Example Blvd, Unit 7, Mississauga ON",
        ),
        (
            "O endereço correto é 2100 N Federal Hwy, Suite 8, Fort Lauderdale. O antigo",
            "2100 N Federal Hwy, Suite 8, Fort Lauderdale",
        ),
        ("aggiornate l'indirizzo: Via Esempio 14, Milano. Grazie", "Via Esempio 14, Milano"),
        ("Bitte die Anschrift auf Musterstraße 12, München ändern", "Musterstraße 12, München"),
        (
            "Les autres passent au 900, rue de l'Exemple, bureau 200, à Saint-Hyacinthe, y compris "
            "pour le 911.",
            "900, rue de l'Exemple, bureau 200, à Saint-Hyacinthe",
        ),
    ],
)
def test_an_address_without_its_postcode_is_read_as_written(text: str, expected: str) -> None:
    assert partial_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Whole addresses: read by postal_address, not here.
        "Update it to 5500 Example St, Denver CO 80237 now.",
        "Neue Anschrift: Musterstraße 12, 80331 München.",
        "Nous sommes au 12 rue des Lilas, Montréal, H2X 1Y4.",
        # A street and its unit, but no city: "Unit" is no city.
        "all of them at the new place: 18 Example Park Road, Unit 4. Could you update them?",
        # No street at all.
        "Please update the address on (206) 555-0173, we moved to Seattle.",
    ],
)
def test_a_whole_address_or_none_is_no_partial_one(text: str) -> None:
    assert partial_address(text) is None
