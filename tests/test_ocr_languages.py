"""Screenshots of invoices in German, Spanish and Portuguese, read by OCR in their language.

Read in English alone, Tesseract turns "Müller" into "Miller" and "Königstraße" into
"K6nigstraBe": the LOA comparison would then report a mismatch that is not there. The images are
drawn here; companies, addresses and numbers are fictional.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest

from bot.extract.documents import read_document
from bot.extract.documents.ocr import languages_for
from bot.model import Attachment
from tests.fixtures.documents import make_documents

SCREENSHOTS = {
    "DE": (
        (
            "Beispiel Telekom AG - Rechnung",
            "Rechnungsdatum: 3. März 2026",
            "Kundennummer: KD-4471-0932",
            "Firma: Müller Gebäudetechnik GmbH",
            "Anschlussadresse: Königstraße 12, 70173 Stuttgart",
            "Rufnummer: 0711 000 00012   Betrag: 42,00 €",
        ),
        ("Müller Gebäudetechnik GmbH", "Königstraße 12", "KD-4471-0932"),
    ),
    "ES": (
        (
            "Telefonía Ejemplo S.A. - Área de clientes",
            "Fecha de factura: 3 de marzo de 2026",
            "Número de cliente: CLI-2026-0077",
            "Razón social: Ejemplo Servicios S.L.",
            "Dirección del servicio: Calle Mayor 5, 28013 Madrid",
            "Línea: 910 000 012   Importe: 30,00 €",
        ),
        ("Ejemplo Servicios S.L.", "Calle Mayor 5", "CLI-2026-0077"),
    ),
    "PT": (
        (
            "Operadora Exemplo - Área de cliente",
            "Data da fatura: 3 de março de 2026",
            "Número de cliente: 500-7731-02",
            "Titular: Exemplo Comércio Lda.",
            "Morada de instalação: Rua Augusta 10, 1100-053 Lisboa",
            "Número: 210 000 012   Total: 35,00 €",
        ),
        ("Exemplo Comércio Lda.", "Rua Augusta 10", "500-7731-02"),
    ),
}


def screenshot(lines: Sequence[str]) -> Attachment:
    image = make_documents._text_image(lines, (1100, 260), 20)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return Attachment("captura.png", "image/png", buffer.getvalue())


@pytest.mark.parametrize("region", sorted(SCREENSHOTS))
def test_an_invoice_screenshot_is_read_in_its_countrys_language(region: str) -> None:
    lines, (company, street, account) = SCREENSHOTS[region]
    facts = read_document(screenshot(lines), (region,))
    assert facts.method == "ocr"
    assert facts.kind == "invoice"
    assert facts.business_name == company
    assert facts.service_address is not None and facts.service_address.street == street
    assert facts.account_number == account
    assert facts.document_date is not None and facts.document_date.isoformat() == "2026-03-03"


def test_ocr_reads_the_languages_of_the_first_two_regions_then_english() -> None:
    assert languages_for(("DE",)) == "deu+eng"
    assert languages_for(("AT", "IT")) == "deu+ita+eng"
    assert languages_for(("US",)) == "eng"
    assert languages_for(("BR", "PT", "ES")) == "por+eng"
