"""Documents in German, Italian, Portuguese, Spanish and French: kinds, fields, dates, reasons.

Each invoice, LOA and rejection notice is generated here with the helpers of
tests/fixtures/documents/make_documents.py. Everything in them is fictional: made-up companies,
example domains, and numbers in plainly fictional ranges (+49 30 000 000 xx, +39 02 000 000 xx,
+351 210 000 0xx, +34 910 000 0xx, ARCEP's range for fiction +33 4 65 71 xx xx, US 555-01xx).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from bot.extract.documents import read_document
from bot.extract.documents.dates import parse_date
from bot.extract.documents.kinds import kind_from_name
from bot.extract.documents.rejection import codes_in
from bot.model import Attachment, DocumentFacts, PostalAddress
from tests.fixtures.documents import make_documents


def pdf(lines: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> bytes:
    """One page: a bold title, then one line each, then a ruled table if `rows`.

    The fixtures' own canvas (deterministic output) and table are reused, so these documents
    are built exactly as the English fixtures are.
    """
    buffer = io.BytesIO()
    c = make_documents._canvas(buffer)
    y = make_documents.HEIGHT - 72
    for index, line in enumerate(lines):
        c.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 14 if index == 0 else 10)
        c.drawString(72, y, line)
        y -= 18
    if rows:
        make_documents._table(c, rows, 72, y - 12, [220.0, 130.0, 80.0][: len(rows[0])])
    c.showPage()
    c.save()
    return buffer.getvalue()


def as_pdf(name: str, payload: bytes) -> Attachment:
    return Attachment(name, "application/pdf", payload)


def as_text(name: str, text: str) -> Attachment:
    return Attachment(name, "text/plain", text.encode())


def e164s(facts: DocumentFacts) -> tuple[str, ...]:
    return tuple(number.e164 for number in facts.numbers)


@dataclass(frozen=True)
class Language:
    """One language's documents and what must be read from them."""

    region: str
    company: str
    address: PostalAddress
    account: str
    carrier: str
    numbers: tuple[str, ...]
    invoice: Attachment
    invoice_date: date
    loa: Attachment
    signer: str
    loa_date: date
    notice: Attachment
    notice_date: date
    codes: tuple[str, ...]


GERMAN = Language(
    region="DE",
    company="Musterfirma Beispiel GmbH",
    address=PostalAddress(street="Musterstraße 12", city="Berlin", postcode="10115"),
    account="KD-4711-0815",
    carrier="Beispielnetz Telefon GmbH",
    numbers=("+493000000012", "+493000000013"),
    invoice=as_pdf(
        "Rechnung_2026-04.pdf",
        pdf(
            (
                "Beispielnetz Telefon GmbH",
                "Postfach 00 00 00, 10115 Berlin - rechnung@beispielnetz.example",
                "RECHNUNG",
                "Rechnungsnummer: RE-2026-0403",
                "Rechnungsdatum: 03.04.2026",
                "Kundennummer: KD-4711-0815",
                "Firma: Musterfirma Beispiel GmbH",
                "Anschlussadresse: Musterstraße 12",
                "10115 Berlin",
            ),
            (
                ("Leistung", "Rufnummer", "Betrag"),
                ("Telefonanschluss (April)", "030 000 000 12", "42,00 €"),
                ("Telefonanschluss (April)", "030 000 000 13", "42,00 €"),
                ("Gesamtbetrag", "", "84,00 €"),
            ),
        ),
    ),
    invoice_date=date(2026, 4, 3),
    loa=as_pdf(
        "Portierungsauftrag.pdf",
        pdf(
            (
                "PORTIERUNGSAUFTRAG",
                "Auftrag zur Rufnummernmitnahme",
                "Firma: Musterfirma Beispiel GmbH",
                "Name des Unterzeichners: Erika Musterfrau",
                "Anschrift: Musterstraße 12, 10115 Berlin",
                "Kundennummer: KD-4711-0815",
                "Bisheriger Anbieter: Beispielnetz Telefon GmbH",
                "Hauptrufnummer: 030 000 000 12",
                "Zu portierende Rufnummern: 030 000 000 12, 030 000 000 13",
                "Kontakt: 030 000 000 99",
                "Hiermit beauftrage ich die Portdesk Beispiel GmbH, die Rufnummern zu portieren.",
                "Unterschrift: Erika Musterfrau",
                "Datum: 3. März 2026",
            )
        ),
    ),
    signer="Erika Musterfrau",
    loa_date=date(2026, 3, 3),
    notice=as_text(
        "Ablehnung_Portierung.txt",
        "Betreff: Ablehnung Ihres Portierungsauftrags PD-2026-0501\n"
        "Datum: 07.04.2026\n\n"
        "Ihr Portierungsauftrag für die Rufnummer 030 000 000 12 wurde abgelehnt.\n"
        "Ablehnungsgrund: Der Firmenname stimmt nicht mit unseren Unterlagen überein.\n"
        "Die Kundennummer ist falsch.\n"
        "Für diese Rufnummer liegt bereits ein Portierungsauftrag vor.\n"
        "Bitte korrigieren Sie den Auftrag und reichen Sie ihn erneut ein.\n",
    ),
    notice_date=date(2026, 4, 7),
    codes=("BUSINESS_NAME_MISMATCH", "ACCOUNT_NUMBER_MISMATCH", "LSR_PENDING"),
)

ITALIAN = Language(
    region="IT",
    company="Rossi Esempio S.r.l.",
    address=PostalAddress(street="Via Roma 12", city="Milano", postcode="20121", region="MI"),
    account="CL-0042-1234",
    carrier="Esempio Telecomunicazioni S.p.A.",
    numbers=("+390200000012", "+390200000013"),
    invoice=as_pdf(
        "Fattura_2026-04.pdf",
        pdf(
            (
                "Esempio Telecomunicazioni S.p.A.",
                "Casella postale 1, 20100 Milano - fatture@esempio-tlc.example",
                "FATTURA",
                "Numero fattura: FT-2026-0403",
                "Data fattura: 03/04/2026",
                "Codice cliente: CL-0042-1234",
                "Intestatario: Rossi Esempio S.r.l.",
                "Indirizzo di installazione: Via Roma 12",
                "20121 Milano (MI)",
            ),
            (
                ("Descrizione", "Numero", "Importo"),
                ("Linea fissa (aprile)", "02 000 000 12", "30,00 €"),
                ("Linea fissa (aprile)", "02 000 000 13", "30,00 €"),
                ("Totale da pagare", "", "60,00 €"),
            ),
        ),
    ),
    invoice_date=date(2026, 4, 3),
    loa=as_pdf(
        "Modulo_portabilita.pdf",
        pdf(
            (
                "MODULO DI PORTABILITÀ DEL NUMERO",
                "Ragione sociale: Rossi Esempio S.r.l.",
                "Legale rappresentante: Mario Rossi",
                "Indirizzo: Via Roma 12, 20121 Milano (MI)",
                "Codice cliente: CL-0042-1234",
                "Operatore attuale: Esempio Telecomunicazioni S.p.A.",
                "Numeri da portare: 02 000 000 12, 02 000 000 13",
                "Recapito telefonico: 02 000 000 99",
                "Con la presente autorizzo Portdesk Esempio S.r.l. a richiedere la portabilità.",
                "Firma: Mario Rossi",
                "Data: 3 marzo 2026",
            )
        ),
    ),
    signer="Mario Rossi",
    loa_date=date(2026, 3, 3),
    notice=as_pdf(
        "Notifica_KO_portabilita.pdf",
        pdf(
            (
                "Esempio Telecomunicazioni S.p.A. - Ufficio Portabilità",
                "ESITO RICHIESTA DI PORTABILITÀ: KO",
                "Data: 08/04/2026",
                "Numero: 02 000 000 12",
                "Motivo del rifiuto:",
                "1. La ragione sociale non corrisponde ai nostri archivi.",
                "2. Il codice di migrazione non è valido.",
                "3. Il CAP dell'indirizzo non corrisponde.",
                "Si prega di correggere la richiesta e di ripresentarla.",
            )
        ),
    ),
    notice_date=date(2026, 4, 8),
    codes=("BUSINESS_NAME_MISMATCH", "PASSCODE_PIN_INVALID", "POSTAL_CODE_MISMATCH"),
)

PORTUGUESE = Language(
    region="PT",
    company="Exemplo Comércio Lda.",
    address=PostalAddress(street="Rua Augusta 100", city="Lisboa", postcode="1100-053"),
    account="CLI-2026-0042",
    carrier="Operadora Exemplo Telecomunicações, S.A.",
    numbers=("+351210000012", "+351210000013"),
    invoice=as_pdf(
        "Fatura_2026-04.pdf",
        pdf(
            (
                "Operadora Exemplo Telecomunicações, S.A.",
                "Apartado 1, 1000-001 Lisboa - faturas@operadora.example",
                "FATURA",
                "Data da fatura: 03/04/2026",
                "N.º de cliente: CLI-2026-0042",
                "Titular: Exemplo Comércio Lda.",
                "Morada de instalação: Rua Augusta 100, 1100-053 Lisboa",
            ),
            (
                ("Descrição", "Número", "Valor"),
                ("Linha fixa (abril)", "210 000 012", "30,00 €"),
                ("Linha fixa (abril)", "210 000 013", "30,00 €"),
                ("Total a pagar", "", "60,00 €"),
            ),
        ),
    ),
    invoice_date=date(2026, 4, 3),
    loa=as_pdf(
        "Formulario_portabilidade.pdf",
        pdf(
            (
                "FORMULÁRIO DE PORTABILIDADE",
                "Denominação social: Exemplo Comércio Lda.",
                "Nome do signatário: Ana Exemplo",
                "Morada: Rua Augusta 100, 1100-053 Lisboa",
                "Número de cliente: CLI-2026-0042",
                "Operador atual: Operadora Exemplo Telecomunicações, S.A.",
                "Números a portar: 210 000 012, 210 000 013",
                "Contacto: 210 000 099",
                "Autorizo a Portdesk Exemplo a pedir a portabilidade dos números acima.",
                "Assinatura: Ana Exemplo",
                "Data: 3 de março de 2026",
            )
        ),
    ),
    signer="Ana Exemplo",
    loa_date=date(2026, 3, 3),
    notice=as_text(
        "recusa_portabilidade.txt",
        "Assunto: Pedido de portabilidade PD-2026-0601 recusado\n"
        "Data: 09/04/2026\n\n"
        "O seu pedido de portabilidade para o número 210 000 012 foi recusado.\n"
        "Motivo da recusa: o nome do titular não corresponde aos nossos registos.\n"
        "A morada de instalação está incorreta.\n"
        "Por favor corrija o pedido e volte a submeter.\n",
    ),
    notice_date=date(2026, 4, 9),
    codes=("BUSINESS_NAME_MISMATCH", "LOCATION_MISMATCH"),
)

SPANISH = Language(
    region="ES",
    company="Ejemplo Servicios S.L.",
    address=PostalAddress(street="Calle Mayor 5", city="Madrid", postcode="28013"),
    account="CLI-2026-0077",
    carrier="Telefonía Ejemplo S.A.",
    numbers=("+34910000012", "+34910000013"),
    invoice=as_pdf(
        "Factura_abril.pdf",
        pdf(
            (
                "Telefonía Ejemplo S.A.",
                "Apartado 1, 28001 Madrid - facturas@telefonia.example",
                "FACTURA",
                "Número de factura: F-2026-0403",
                "Fecha de factura: 03/04/2026",
                "Número de cliente: CLI-2026-0077",
                "Razón social: Ejemplo Servicios S.L.",
                "Dirección del servicio: Calle Mayor 5",
                "28013 Madrid",
            ),
            (
                ("Concepto", "Número", "Importe"),
                ("Línea fija (abril)", "910 000 012", "30,00 €"),
                ("Línea fija (abril)", "910 000 013", "30,00 €"),
                ("Total a pagar", "", "60,00 €"),
            ),
        ),
    ),
    invoice_date=date(2026, 4, 3),
    loa=as_pdf(
        "Formulario_portabilidad.pdf",
        pdf(
            (
                "FORMULARIO DE PORTABILIDAD",
                "Razón social: Ejemplo Servicios S.L.",
                "Nombre del firmante: Lucía Ejemplo",
                "Dirección: Calle Mayor 5, 28013 Madrid",
                "Número de cliente: CLI-2026-0077",
                "Operador donante: Telefonía Ejemplo S.A.",
                "Números a portar: 910 000 012, 910 000 013",
                "Teléfono de contacto: 910 000 099",
                "Autorizo a Portdesk Ejemplo a solicitar la portabilidad de los números.",
                "Firma: Lucía Ejemplo",
                "Fecha: 3 de marzo de 2026",
            )
        ),
    ),
    signer="Lucía Ejemplo",
    loa_date=date(2026, 3, 3),
    notice=as_pdf(
        "Rechazo_portabilidad.pdf",
        pdf(
            (
                "Telefonía Ejemplo S.A. - Departamento de Portabilidad",
                "SOLICITUD DE PORTABILIDAD RECHAZADA",
                "Fecha: 10/04/2026",
                "Número: 910 000 012",
                "Motivo del rechazo:",
                "1. El número de cliente no coincide con nuestros registros.",
                "2. El firmante no está autorizado para esta cuenta.",
                "3. Existe otra solicitud de portabilidad pendiente para este número.",
                "Por favor, corrija la solicitud y vuelva a enviarla.",
            )
        ),
    ),
    notice_date=date(2026, 4, 10),
    codes=("ACCOUNT_NUMBER_MISMATCH", "AUTH_NAME_MISMATCH", "LSR_PENDING"),
)

FRENCH = Language(
    region="FR",
    company="Exemple Conseil SARL",
    address=PostalAddress(street="12 rue de la Paix", city="Paris", postcode="75002"),
    account="CL-2026-0099",
    carrier="Exemple Télécom SA",
    numbers=("+33465711234", "+33465711235"),
    invoice=as_pdf(
        "Facture_avril_2026.pdf",
        pdf(
            (
                "Exemple Télécom SA",
                "BP 1, 75001 Paris - factures@exemple-telecom.example",
                "FACTURE",
                "Numéro de facture : FA-2026-0403",
                "Date de facture : 03/04/2026",
                "Numéro client : CL-2026-0099",
                "Titulaire : Exemple Conseil SARL",
                "Adresse d\u2019installation : 12 rue de la Paix",
                "75002 Paris",
            ),
            (
                ("Désignation", "Numéro", "Montant"),
                ("Ligne fixe (avril)", "04 65 71 12 34", "30,00 €"),
                ("Ligne fixe (avril)", "04 65 71 12 35", "30,00 €"),
                ("Montant total TTC", "", "60,00 €"),
            ),
        ),
    ),
    invoice_date=date(2026, 4, 3),
    loa=as_pdf(
        "Mandat_de_portabilite.pdf",
        pdf(
            (
                "MANDAT DE PORTABILITÉ",
                "Raison sociale : Exemple Conseil SARL",
                "Nom du signataire : Claire Exemple",
                "Adresse : 12 rue de la Paix, 75002 Paris",
                "Numéro client : CL-2026-0099",
                "Opérateur actuel : Exemple Télécom SA",
                "Numéros à porter : 04 65 71 12 34, 04 65 71 12 35",
                "Contact : 04 65 71 12 99",
                "J\u2019autorise Portdesk Exemple à demander la portabilité des numéros ci-dessus.",
                "Signature : Claire Exemple",
                "Date : 3 mars 2026",
            )
        ),
    ),
    signer="Claire Exemple",
    loa_date=date(2026, 3, 3),
    notice=as_text(
        "avis_de_rejet.txt",
        "Objet : Rejet de votre demande de portabilité PD-2026-0701\n"
        "Date : 11/04/2026\n\n"
        "Votre demande de portabilité pour le numéro 04 65 71 12 34 a été rejetée.\n"
        "Motif du rejet : le RIO fourni est invalide.\n"
        "Une autre demande de portabilité est déjà en cours sur cette ligne.\n"
        "Merci de corriger la demande et de la soumettre à nouveau.\n",
    ),
    notice_date=date(2026, 4, 11),
    codes=("PASSCODE_PIN_INVALID", "LSR_PENDING"),
)

LANGUAGES = {"de": GERMAN, "it": ITALIAN, "pt": PORTUGUESE, "es": SPANISH, "fr": FRENCH}
each_language = pytest.mark.parametrize("language", list(LANGUAGES.values()), ids=list(LANGUAGES))


def read(attachment: Attachment, region: str) -> DocumentFacts:
    return read_document(attachment, (region,))


def renamed(attachment: Attachment) -> Attachment:
    """The same bytes under a name that says nothing, so the kind must come from the content."""
    suffix = attachment.filename.rsplit(".", 1)[-1]
    return Attachment(f"scan0001.{suffix}", attachment.content_type, attachment.payload)


# --- kinds ----------------------------------------------------------------------------------


@each_language
def test_kind_from_name_and_from_content(language: Language) -> None:
    for attachment, kind in (
        (language.invoice, "invoice"),
        (language.loa, "loa"),
        (language.notice, "rejection_notice"),
    ):
        assert kind_from_name(attachment.filename) == kind, attachment.filename
        for candidate in (attachment, renamed(attachment)):
            facts = read(candidate, language.region)
            assert (facts.kind, facts.error, facts.flagged) == (kind, None, None), candidate


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Anbieterwechselauftrag.pdf", "loa"),
        ("Vollmacht_Portierung.pdf", "loa"),
        ("delega_portabilita.pdf", "loa"),
        ("formulário_de_portabilidade.pdf", "loa"),
        ("mandat-portabilité.pdf", "loa"),
        ("Ablehnung.pdf", "rejection_notice"),
        ("portabilità_rifiutata.pdf", "rejection_notice"),
        ("esito_KO.pdf", "rejection_notice"),
        ("recusa.pdf", "rejection_notice"),
        ("portabilidad_denegada.pdf", "rejection_notice"),
        ("refus_portabilite.pdf", "rejection_notice"),
        ("bolletta_marzo.pdf", "invoice"),
        ("fatura-2026-03.pdf", "invoice"),
        # English names read as before; "ko" in lower case is not the Italian "KO".
        ("LOA_signed.pdf", "loa"),
        ("invoice_Nov.pdf", "invoice"),
        ("manual_ko.pdf", None),
        ("mandat_sepa.pdf", None),
    ],
)
def test_kind_from_name_in_six_languages(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


# --- invoices -------------------------------------------------------------------------------


@each_language
def test_invoice_fields(language: Language) -> None:
    facts = read(language.invoice, language.region)
    assert facts.business_name == language.company
    assert facts.service_address == language.address
    assert facts.account_number == language.account
    assert facts.carrier == language.carrier
    assert facts.document_date == language.invoice_date
    assert e164s(facts) == language.numbers


def us_invoice(written_date: str) -> Attachment:
    lines = (
        "Prairie Telephone Co.",
        "PO Box 100, Springfield, IL 62701 - billing@prairie.example",
        "INVOICE",
        f"Invoice date: {written_date}",
        "Account number: 8842-1190-07",
        "Bill to: Acme Dental Group LLC",
        "Service address: 12 High Street",
        "Springfield, IL 62704",
    )
    return as_pdf("invoice.pdf", pdf(lines, (("Number", "Amount"), ("(217) 555-0140", "$42"))))


def german_invoice(written_date: str) -> Attachment:
    lines = (
        "Beispielnetz Telefon GmbH",
        "RECHNUNG",
        f"Rechnungsdatum: {written_date}",
        "Kundennummer: KD-4711-0815",
        "Firma: Musterfirma Beispiel GmbH",
    )
    return as_pdf("Rechnung.pdf", pdf(lines))


@pytest.mark.parametrize(
    ("invoice", "region", "expected"),
    [
        # Month first only in the US and Canada...
        (us_invoice("03/04/2026"), "US", date(2026, 3, 4)),
        (us_invoice("03/04/2026"), "CA", date(2026, 3, 4)),
        # ...day first everywhere else, English documents included.
        (us_invoice("03/04/2026"), "GB", date(2026, 4, 3)),
        (german_invoice("03/04/2026"), "DE", date(2026, 4, 3)),
        # The region decides, not the language: the same bill is read as its sender writes.
        (german_invoice("03/04/2026"), "US", date(2026, 3, 4)),
        # A number over 12 can only be the day, whatever the region.
        (us_invoice("04/13/2026"), "DE", date(2026, 4, 13)),
        (german_invoice("13/04/2026"), "US", date(2026, 4, 13)),
        # Dots are day first everywhere.
        (german_invoice("03.04.2026"), "US", date(2026, 4, 3)),
    ],
)
def test_numeric_dates_are_month_first_only_in_the_us_and_canada(
    invoice: Attachment, region: str, expected: date
) -> None:
    facts = read(invoice, region)
    assert facts.kind == "invoice"
    assert facts.document_date == expected


def test_the_us_invoice_keeps_its_other_fields() -> None:
    facts = read(us_invoice("03/04/2026"), "US")
    assert facts.business_name == "Acme Dental Group LLC"
    assert facts.service_address == PostalAddress("12 High Street", "Springfield", "62704", "IL")
    assert facts.account_number == "8842-1190-07"
    assert facts.carrier == "Prairie Telephone Co."


# --- LOAs -----------------------------------------------------------------------------------


@each_language
def test_loa_fields(language: Language) -> None:
    facts = read(language.loa, language.region)
    assert facts.business_name == language.company
    assert facts.authorized_name == language.signer
    assert facts.service_address == language.address
    assert facts.account_number == language.account
    assert facts.carrier == language.carrier
    assert facts.document_date == language.loa_date
    assert (facts.signed, facts.signer) == (True, language.signer)
    # The contact number is how to reach the signer, not a number to port.
    assert e164s(facts) == language.numbers


def test_german_btn_is_the_main_number() -> None:
    assert read(GERMAN.loa, "DE").btn == "+493000000012"


def test_firma_is_the_company_on_a_german_loa_and_the_signature_on_an_italian_one() -> None:
    german = pdf(
        (
            "PORTIERUNGSAUFTRAG",
            "Firma: Musterfirma Beispiel GmbH",
            "Anschrift: Musterstraße 12, 10115 Berlin",
            "Kundennummer: KD-4711-0815",
            "Unterschrift:",
            "Datum:",
        )
    )
    facts = read(as_pdf("Portierungsauftrag.pdf", german), "DE")
    assert facts.business_name == "Musterfirma Beispiel GmbH"
    assert (facts.signed, facts.signer) == (False, None)

    italian = pdf(
        (
            "MODULO DI PORTABILITÀ",
            "Ragione sociale: Rossi Esempio S.r.l.",
            "Codice cliente: CL-0042-1234",
            "Firma:",
        )
    )
    facts = read(as_pdf("delega.pdf", italian), "IT")
    assert facts.business_name == "Rossi Esempio S.r.l."
    assert (facts.signed, facts.signer) == (False, None)


def test_labels_without_accents_are_read_as_ocr_gives_them() -> None:
    lines = (
        "FORMULARIO DE PORTABILIDAD",
        "Razon social: Ejemplo Servicios S.L.",
        "Direccion: Calle Mayor 5, 28013 Madrid",
        "Numero de cliente: CLI-2026-0077",
        "Fecha: 3 de marzo de 2026",
    )
    facts = read(as_text("formulario.txt", "\n".join(lines)), "ES")
    assert facts.kind == "loa"
    assert facts.business_name == "Ejemplo Servicios S.L."
    assert facts.service_address == SPANISH.address
    assert facts.account_number == "CLI-2026-0077"
    assert facts.document_date == date(2026, 3, 3)


# --- rejection notices ----------------------------------------------------------------------


@each_language
def test_rejection_notice_codes_and_date(language: Language) -> None:
    facts = read(language.notice, language.region)
    assert facts.rejection_codes == language.codes
    assert facts.document_date == language.notice_date
    assert e164s(facts) == language.numbers[:1]


@pytest.mark.parametrize(
    ("reason", "codes"),
    [
        ("Die Postleitzahl der Anschrift ist falsch.", ("POSTAL_CODE_MISMATCH",)),
        ("Die PIN ist ungültig.", ("PASSCODE_PIN_INVALID",)),
        ("Die Rufnummer ist nicht portierbar.", ("PHONE_NUMBER_NOT_PORTABLE",)),
        ("Il numero principale non corrisponde.", ("BTN_ATN_MISMATCH",)),
        ("L'intestatario non corrisponde.", ("BUSINESS_NAME_MISMATCH",)),
        ("È presente una richiesta di portabilità pendente.", ("LSR_PENDING",)),
        ("O número de cliente está incorreto.", ("ACCOUNT_NUMBER_MISMATCH",)),
        ("Existe um pedido de portabilidade pendente.", ("LSR_PENDING",)),
        ("El código postal no coincide.", ("POSTAL_CODE_MISMATCH",)),
        ("La razón social no coincide con la del titular.", ("BUSINESS_NAME_MISMATCH",)),
        ("La dirección de instalación es incorrecta.", ("LOCATION_MISMATCH",)),
        ("Le titulaire ne correspond pas.", ("BUSINESS_NAME_MISMATCH",)),
        ("L'adresse ne correspond pas à nos fichiers.", ("LOCATION_MISMATCH",)),
        ("Le mandat est illisible.", ("ILLEGIBLE_LOA",)),
        # Folded, the French "expiré" is the English "expire": English is read as before.
        ("The PIN expires soon.", ()),
        ("The password is invalid.", ()),
        # A notice that rejects nothing.
        ("La sua richiesta è in corso di lavorazione.", ()),
        ("Votre demande a bien été reçue.", ()),
    ],
)
def test_rejection_reasons_in_words(reason: str, codes: tuple[str, ...]) -> None:
    assert codes_in(reason) == codes


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3. März 2026", date(2026, 3, 3)),
        ("3. Maerz 2026", date(2026, 3, 3)),
        ("3 marzo 2026", date(2026, 3, 3)),
        ("3 de março de 2026", date(2026, 3, 3)),
        ("1.º de abril de 2026", date(2026, 4, 1)),
        ("3 de marzo de 2026", date(2026, 3, 3)),
        ("3 mars 2026", date(2026, 3, 3)),
        ("1er août 2026", date(2026, 8, 1)),
        ("15 Dez. 2026", date(2026, 12, 15)),
        ("le 2 février 2026", date(2026, 2, 2)),
        ("November 2, 2026", date(2026, 11, 2)),
        ("2 November 2026", date(2026, 11, 2)),
    ],
)
def test_month_names_in_six_languages(written: str, expected: date) -> None:
    # A month name leaves no doubt, so the region's order does not matter.
    assert parse_date(written, month_first=True) == expected
    assert parse_date(written, month_first=False) == expected
