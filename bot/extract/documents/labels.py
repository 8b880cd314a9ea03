"""Values written after a label ("Account number: 8842-1190-07"), and each field's labels in
English, German, Italian, Portuguese, Spanish and French.

A label counts only when a colon or "#" follows it (an optional "(BTN)"-style note may come
between), so running text such as "Customer Service Record" is never read as a field. A dot in
a label is optional ("Kunden-Nr." also matches "Kunden-Nr:"), and accents are ignored on both
sides (see folding.py).

A document is read with the labels of its own languages only: those whose labels it uses most
(ties kept), then English. "Firma" is the company on a German form and the signature on an
Italian or Spanish one; an English document is read with the English labels alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType

from bot.extract.documents.folding import fold
from bot.extract.documents.language import LANGUAGES


class Field:
    """One field's labels in each language, most specific first within a language."""

    __slots__ = ("_by_language",)

    def __init__(
        self,
        *,
        en: tuple[str, ...],
        de: tuple[str, ...] = (),
        it: tuple[str, ...] = (),
        pt: tuple[str, ...] = (),
        es: tuple[str, ...] = (),
        fr: tuple[str, ...] = (),
    ) -> None:
        self._by_language: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {"en": en, "de": de, "it": it, "pt": pt, "es": es, "fr": fr}
        )

    def labels(self, languages: Sequence[str]) -> tuple[str, ...]:
        """The labels of `languages`, in that order."""
        return tuple(label for language in languages for label in self._by_language[language])


BUSINESS = Field(
    en=(
        "business name", "company name", "customer name", "end user name", "end-user name",
        "account name", "name on account", "legal name", "bill to", "billed to", "customer",
    ),
    de=(
        "Firmenname", "Firmenbezeichnung", "Firma", "Kundenname", "Name des Kunden",
        "Anschlussinhaber", "Vertragsinhaber", "Vertragspartner", "Rechnungsempfänger", "Kunde",
    ),
    it=(
        "Ragione sociale", "Denominazione", "Intestatario del contratto",
        "Intestatario della linea", "Intestatario", "Nome cliente", "Nominativo", "Cliente",
    ),
    pt=(
        "Denominação social", "Nome do titular", "Titular do contrato", "Titular",
        "Nome do cliente", "Empresa", "Cliente",
    ),
    es=(
        "Razón social", "Nombre del titular", "Titular del contrato", "Titular de la línea",
        "Titular", "Nombre del cliente", "Empresa", "Cliente",
    ),
    fr=(
        "Raison sociale", "Dénomination sociale", "Nom du titulaire", "Titulaire du contrat",
        "Titulaire de la ligne", "Titulaire", "Nom du client", "Société", "Entreprise", "Client",
    ),
)  # fmt: skip
AUTHORIZED = Field(
    en=(
        "authorized signer", "authorised signer", "authorized name", "authorised name",
        "authorized person", "authorised person", "authorized user", "authorised user",
        "authorizing user", "authorized representative", "authorized contact", "printed name",
        "print name", "name of authorized person", "signer name", "signatory",
    ),
    de=(
        "Name des Unterzeichners", "Unterzeichner", "Zeichnungsberechtigter", "Bevollmächtigter",
        "Name in Druckbuchstaben", "Vertreten durch",
    ),
    it=(
        "Nome del firmatario", "Firmatario", "Legale rappresentante", "Rappresentante legale",
        "Persona autorizzata", "Nome in stampatello",
    ),
    pt=(
        "Nome do signatário", "Signatário", "Representante legal", "Pessoa autorizada",
        "Nome em maiúsculas",
    ),
    es=(
        "Nombre del firmante", "Firmante", "Representante legal", "Persona autorizada",
        "Nombre en mayúsculas",
    ),
    fr=(
        "Nom du signataire", "Signataire", "Représentant légal", "Personne autorisée",
        "Nom en majuscules",
    ),
)  # fmt: skip
SIGNATURE = Field(
    en=("authorized signature", "authorised signature", "signature", "signed"),
    de=("Unterschrift des Kunden", "Unterschrift", "Unterzeichnet"),
    it=("Firma del titolare", "Firma dell'intestatario", "Firma del cliente", "Firma", "Firmato"),
    pt=("Assinatura do titular", "Assinatura do cliente", "Assinatura", "Assinado"),
    es=("Firma del titular", "Firma del cliente", "Firma", "Firmado"),
    fr=("Signature du titulaire", "Signature du client", "Signature", "Signé"),
)  # fmt: skip
# Words printed under a signature line, alone on their line (see loa.py).
SIGNATURE_LINE = Field(
    en=("authorized signature", "authorised signature", "signature"),
    de=("Unterschrift", "Unterschrift des Kunden"),
    it=("Firma", "Firma del titolare", "Firma del cliente"),
    pt=("Assinatura", "Assinatura do titular", "Assinatura do cliente"),
    es=("Firma", "Firma del titular", "Firma del cliente"),
    fr=("Signature", "Signature du titulaire", "Signature du client"),
)  # fmt: skip
SERVICE_ADDRESS = Field(
    en=(
        "service address", "service location", "installation address", "site address",
        "address of service", "service street", "street address",
    ),
    de=(
        "Anschlussadresse", "Anschlussanschrift", "Installationsanschrift", "Installationsadresse",
        "Anschrift des Anschlusses", "Standort des Anschlusses", "Standortadresse", "Standort",
        "Straße und Hausnummer", "Strasse und Hausnummer",
    ),
    it=(
        "Indirizzo di installazione", "Indirizzo di attivazione", "Indirizzo della linea",
        "Indirizzo di fornitura", "Sede di installazione", "Ubicazione della linea",
    ),
    pt=(
        "Morada de instalação", "Morada do serviço", "Local de instalação",
        "Endereço de instalação",
    ),
    es=(
        "Dirección de instalación", "Dirección del servicio", "Domicilio de instalación",
        "Dirección de la línea", "Domicilio del servicio",
    ),
    fr=(
        "Adresse d'installation", "Adresse du service", "Adresse de la ligne",
        "Lieu d'installation",
    ),
)  # fmt: skip
# A plain address label: on an invoice it is usually the billing address (see addresses.py).
ANY_ADDRESS = Field(
    en=("address",),
    de=("Anschrift", "Adresse"),
    it=("Indirizzo",),
    pt=("Morada", "Endereço"),
    es=("Dirección", "Domicilio"),
    fr=("Adresse",),
)
CITY = Field(
    en=("service city", "city", "town"),
    de=("Ort", "Stadt", "Wohnort"),
    it=("Città", "Comune", "Località"),
    pt=("Localidade", "Cidade"),
    es=("Localidad", "Población", "Ciudad", "Municipio"),
    fr=("Ville", "Commune", "Localité"),
)
REGION = Field(
    en=("service state", "state", "province", "region"),
    de=("Bundesland",),
    it=("Provincia", "Regione"),
    pt=("Distrito", "Concelho"),
    es=("Provincia", "Comunidad autónoma"),
    fr=("Département", "Région"),
)
POSTCODE = Field(
    en=("service zip", "zip code", "zip", "postal code", "postcode", "post code"),
    de=("Postleitzahl", "PLZ"),
    it=("Codice di avviamento postale", "CAP"),
    pt=("Código postal",),
    es=("Código postal", "C.P."),
    fr=("Code postal", "CP"),
)
ACCOUNT = Field(
    en=(
        "account number", "account no", "account #", "billing account number", "acct number",
        "acct no", "acct #", "ban", "account",
    ),
    # Not "Kontonummer", "número de cuenta" or "numéro de compte": on a European bill those
    # are usually the customer's bank account.
    de=(
        "Kundennummer", "Kunden-Nr.", "Kundennr.", "Kundenkonto", "Vertragsnummer",
        "Vertrags-Nr.", "Vertragskonto",
    ),
    it=(
        "Codice cliente", "Cod. cliente", "Numero cliente", "N. cliente", "Codice contratto",
        "Numero contratto", "Codice account",
    ),
    pt=(
        "Número de cliente", "N.º de cliente", "N.º cliente", "Conta de cliente",
        "N.º de conta", "Número de conta", "Número do contrato",
    ),
    es=(
        "Número de cliente", "N.º de cliente", "N.º cliente", "Código de cliente",
        "Código cliente", "Número de contrato", "Número de abonado",
    ),
    fr=(
        "Numéro client", "Numéro de client", "N° client", "N° de client", "Référence client",
        "Réf. client", "Compte client", "N° de compte client", "Numéro de contrat",
    ),
)  # fmt: skip
BTN = Field(
    en=(
        "billing telephone number", "billing telephone", "billing phone number", "btn", "atn",
        "account telephone number", "main billing number", "main number", "billing number",
    ),
    de=("Hauptrufnummer", "Rufnummer des Anschlusses", "Stammrufnummer"),
    it=("Numero principale", "Numero di riferimento"),
    pt=("Número principal", "Número de referência"),
    es=("Número de cabecera", "Número principal"),
    fr=("Numéro de tête de ligne", "Numéro de tête", "Numéro principal"),
)  # fmt: skip
CARRIER = Field(
    en=(
        "current carrier", "losing carrier", "current provider", "service provider",
        "carrier name", "carrier", "provider",
    ),
    de=(
        "Bisheriger Anbieter", "Abgebender Anbieter", "Aktueller Anbieter",
        "Abgebender Netzbetreiber", "Netzbetreiber", "Anbieter",
    ),
    it=(
        "Operatore attuale", "Operatore cedente", "Operatore donating", "Gestore attuale",
        "Operatore", "Gestore",
    ),
    pt=("Operador atual", "Operador doador", "Prestador atual", "Operador"),
    es=("Operador actual", "Operador donante", "Compañía actual", "Operador", "Compañía"),
    fr=("Opérateur actuel", "Opérateur cédant", "Opérateur donneur", "Opérateur"),
)  # fmt: skip
INVOICE_DATE = Field(
    en=(
        "invoice date", "bill date", "billing date", "statement date", "date of invoice",
        "invoice issued", "date",
    ),
    de=("Rechnungsdatum", "Datum der Rechnung", "Belegdatum", "Datum"),
    it=(
        "Data fattura", "Data della fattura", "Data di emissione", "Data emissione",
        "Data documento", "Data",
    ),
    pt=("Data da fatura", "Data de emissão", "Data do documento", "Data"),
    es=("Fecha de factura", "Fecha de la factura", "Fecha factura", "Fecha de emisión", "Fecha"),
    fr=(
        "Date de facture", "Date de la facture", "Date de facturation", "Date d'émission",
        "Date",
    ),
)  # fmt: skip
CSR_DATE = Field(
    en=("csr date", "report date", "date prepared", "prepared on", "date"),
    de=("Datum",),
    it=("Data",),
    pt=("Data",),
    es=("Fecha",),
    fr=("Date",),
)
# The date an LOA was signed.
LOA_DATE = Field(
    en=("date signed", "signature date", "signed on", "date"),
    de=("Datum der Unterschrift", "Unterschriftsdatum", "Datum"),
    it=("Data della firma", "Data firma", "Data"),
    pt=("Data da assinatura", "Data de assinatura", "Data"),
    es=("Fecha de la firma", "Fecha de firma", "Fecha"),
    fr=("Date de signature", "Date", "Fait le"),
)  # fmt: skip
REJECTION_DATE = Field(
    en=("date", "rejected on", "date rejected"),
    de=("Datum", "Abgelehnt am"),
    it=("Data", "Data del rifiuto", "Data rifiuto"),
    pt=("Data", "Data da recusa"),
    es=("Fecha", "Fecha de rechazo", "Fecha del rechazo"),
    fr=("Date", "Date du rejet", "Date de rejet"),
)
_FIELDS = (
    BUSINESS, AUTHORIZED, SIGNATURE, SERVICE_ADDRESS, ANY_ADDRESS, CITY, REGION, POSTCODE,
    ACCOUNT, BTN, CARRIER, INVOICE_DATE, CSR_DATE, LOA_DATE, REJECTION_DATE,
)  # fmt: skip

# Values that mean "left blank" on a printed form.
_BLANK = re.compile(r"^[\s_.\-\u2013]*$")
# A following line that finishes an address: "Springfield, IL 62704" or "London SW1A 1AA".
_ADDRESS_TAIL = re.compile(
    r"\b(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*$", re.I
)
# Continental Europe puts the postcode before the town: "10115 Berlin", "1100-053 Lisboa".
_POSTCODE_FIRST = re.compile(r"(?:^|,)\s*(?:\d{4}-\d{3}|\d{4,5})\s+[^\W\d]")
_LOOKS_LIKE_LABEL = re.compile(r"^[^:]{1,40}:")


def _words(label: str) -> str:
    """The regex for a label's words: any spacing or "_" between them, every dot optional."""
    words = (re.escape(word).replace(r"\.", r"\.?") for word in fold(label).split())
    return r"[\s_]+".join(words)


@cache
def _pattern(label: str) -> re.Pattern[str]:
    return re.compile(
        rf"^\W{{0,3}}{_words(label)}\s*(?:\([^)]{{0,40}}\))?\s*[:#]\s*(?P<value>.*?)\s*$",
        re.IGNORECASE,
    )


@cache
def _any_label(language: str) -> re.Pattern[str]:
    """Any label of `language`, at the start of a line."""
    labels = {label for field in _FIELDS for label in field.labels((language,))}
    words = "|".join(_words(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\W{{0,3}}(?:{words})\s*(?:\([^)]{{0,40}}\))?\s*[:#]", re.IGNORECASE)


def languages_of(lines: Sequence[str]) -> tuple[str, ...]:
    """The languages whose labels `lines` use most (ties kept, in LANGUAGES order), then
    English; just ("en",) when English labels are the most used or no label is found."""
    folded = [fold(line) for line in lines]
    counts = {
        language: sum(1 for line in folded if _any_label(language).match(line))
        for language in LANGUAGES
    }
    most = max(counts.values())
    if most == 0 or counts["en"] == most:
        return ("en",)
    return (*(language for language in LANGUAGES if counts[language] == most), "en")


def find_value(
    lines: Sequence[str],
    field: Field,
    *,
    next_line: bool = True,
    address: bool = False,
    languages: Sequence[str] | None = None,
) -> str | None:
    """The value of the field's first label (in the order given) found at the start of a line.

    Labels are those of `languages`, by default the document's own (languages_of). An empty
    value is taken from the next line when `next_line` and that line is not a label itself;
    with `address`, a next line that finishes the address is joined on ("12 High Street" +
    "Springfield, IL 62704"; "Musterstraße 12" + "10115 Berlin" in a European document).
    """
    if languages is None:
        languages = languages_of(lines)
    european = any(language != "en" for language in languages)
    folded = [fold(line) for line in lines]
    for label in field.labels(languages):
        pattern = _pattern(label)
        for index, line in enumerate(lines):
            match = pattern.match(folded[index])
            if match is None:
                continue
            # Folding keeps offsets, so the value is cut from the line with its accents.
            value = line[match.start("value") : match.end("value")].lstrip(":#. ").strip()
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if _BLANK.match(value):
                if not next_line or not following or _LOOKS_LIKE_LABEL.match(following):
                    continue
                value, following = (
                    following,
                    (lines[index + 2].strip() if index + 2 < len(lines) else ""),
                )
            if (
                address
                and following
                and not _LOOKS_LIKE_LABEL.match(following)
                and _finishes_address(following, value, european=european)
            ):
                value = f"{value}, {following}"
            return value
    return None


def _finishes_address(following: str, value: str, *, european: bool) -> bool:
    if _ADDRESS_TAIL.search(following) and not _ADDRESS_TAIL.search(value):
        return True
    return (
        european
        and _POSTCODE_FIRST.match(following) is not None
        and _POSTCODE_FIRST.search(value) is None
    )
