"""What an attachment is: loa, invoice, csr, rejection_notice or other, from name and content,
in English, German, Italian, Portuguese, Spanish and French (a CSR is North American: English).

Archives and executables are recognised by name, declared type and magic bytes, and flagged:
they are never opened, unpacked or run.
"""

from __future__ import annotations

import re

from bot.extract.documents.folding import fold
from bot.model import Attachment

KINDS = ("loa", "invoice", "csr", "rejection_notice", "other")

_EXECUTABLE_EXTENSIONS = (
    ".exe", ".bat", ".cmd", ".com", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".scr",
    ".msi", ".dll", ".jar", ".apk", ".hta", ".lnk", ".pif", ".cpl", ".sh", ".dmg", ".app",
)  # fmt: skip
_ARCHIVE_EXTENSIONS = (
    ".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".iso", ".arj",
    ".lz", ".zst",
)  # fmt: skip
_EXECUTABLE_MAGIC = (
    (b"MZ", "Windows program"),
    (b"\x7fELF", "ELF program"),
    (b"\xcf\xfa\xed\xfe", "Mach-O program"),
    (b"\xce\xfa\xed\xfe", "Mach-O program"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java program"),
    (b"#!", "script"),
)
_ARCHIVE_MAGIC = (
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF", "CAB"),
)
# Office files are ZIP containers; they are documents (not read yet), not archives.
_OFFICE_EXTENSIONS = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
_EXECUTABLE_TYPES = re.compile(r"msdownload|executable|dosexec|x-msi|java-archive|x-sh\b", re.I)
_ARCHIVE_TYPES = re.compile(r"zip|x-rar|7z|x-tar|gzip|x-bzip|x-xz", re.I)


def never_open(attachment: Attachment) -> str | None:
    """Why the attachment must not be opened (executable or archive), or None if it may be."""
    name = attachment.filename.lower()
    declared = attachment.content_type.lower()
    executable = _executable(name, attachment.payload[:8], declared)
    if executable:
        return f"executable ({executable}): never opened"
    archive = _archive(name, attachment.payload, declared)
    return f"archive ({archive}): never opened" if archive else None


def _executable(name: str, head: bytes, declared: str) -> str | None:
    # Only the last extension counts, so "invoice.pdf.exe" is an executable.
    if name.endswith(_EXECUTABLE_EXTENSIONS):
        return name.rsplit(".", 1)[-1]
    by_magic = next((what for magic, what in _EXECUTABLE_MAGIC if head.startswith(magic)), None)
    return by_magic or (declared if _EXECUTABLE_TYPES.search(declared) else None)


def _archive(name: str, payload: bytes, declared: str) -> str | None:
    if name.endswith(_OFFICE_EXTENSIONS):
        return None
    if name.endswith(_ARCHIVE_EXTENSIONS):
        return name.rsplit(".", 1)[-1]
    by_magic = next((what for magic, what in _ARCHIVE_MAGIC if payload.startswith(magic)), None)
    if by_magic or payload[257:262] == b"ustar":
        return by_magic or "tar"
    if _ARCHIVE_TYPES.search(declared) and "officedocument" not in declared:
        return declared
    return None


def _any(*alternatives: str, flags: re.RegexFlag = re.I) -> re.Pattern[str]:
    """One pattern from alternatives (one per language, English first), folded like the text
    it is matched against: written with accents, it matches text with or without them."""
    return re.compile("|".join(f"(?:{fold(a)})" for a in alternatives), flags)


# Filenames, with "_", "-" and "." read as spaces: "Fattura_2026-03.pdf" is "Fattura 2026 03 pdf".
_BY_NAME = (
    (
        "rejection_notice",
        _any(
            r"reject|rejection|exception",
            r"ablehnung|abgelehnt|zurückweisung",
            r"rifiuto|rifiutat[ao]|scarto|\b(?-i:KO)\b",
            r"\brecusa\b|recusad[ao]|rejeição|rejeitad[ao]",
            r"rechazo|rechazad[ao]|denegad[ao]|denegación",
            # Not "refusé": without its accent it is the English "refuse".
            r"\brejet(ée?s?|é)?\b|\brefus(ées?)?\b",
        ),
    ),
    (
        "loa",
        _any(
            r"\bloa\b|letter.of.(agency|authori[sz]ation)",
            r"vollmacht|portierungsauftrag|anbieterwechsel|rufnummernmitnahme",
            r"delega|modulo.(di.)?portabilit",
            r"formulário.(de.)?portabilidade|autorização.(de.)?portabilidade",
            r"formulario.(de.)?portabilidad|autorización.(de.)?portabilidad",
            r"mandat.(de.)?portabilit",
        ),
    ),
    ("csr", _any(r"\bcsr\b|customer.service.record")),
    (
        "invoice",
        _any(
            r"invoice|\bbill|statement",
            r"rechnung",
            r"fattura|bolletta",
            r"\bfatura",
            r"factura",
            r"facture",
        ),
    ),
)

# (weight, pattern): each pattern counts once. Titles weigh most; a rejection notice names the
# LOA and CSR it rejects, so its own words must outweigh theirs.
_BY_CONTENT: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    "rejection_notice": (
        (
            3,
            _any(
                r"\b(rejected|rejection|reject notice|exception notice)\b",
                r"\b(abgelehnt|ablehnung|zurückgewiesen)\b",
                # Italian carriers call a rejected port a "KO": in capitals, it is not a word.
                r"\b(rifiutat[ao]|rifiuto|respint[ao]|scartat[ao])\b|\b(?-i:KO)\b",
                r"\b(recusad[ao]|recusa|rejeitad[ao]|rejeição)\b",
                r"\b(rechazad[ao]|rechazo|denegad[ao])\b",
                # Not "refusé": without its accent it is the English "refuse".
                r"\b(rejet|rejetée?s?|rejeté|refus|refusées?)\b",
            ),
        ),
        (
            2,
            _any(
                r"reason\s+for\s+(the\s+)?rejection|rejection\s+(code|reason)",
                r"ablehnungsgrund|grund\s+der\s+ablehnung",
                r"motivo\s+(del\s+)?(rifiuto|KO|scarto)|causale\s+(del\s+)?(rifiuto|KO|scarto)",
                r"motivo\s+da\s+(recusa|rejeição)",
                r"motivo\s+del\s+rechazo|causa\s+del\s+rechazo",
                r"motif\s+(du\s+)?(rejet|refus)",
            ),
        ),
        (
            # "Your port request was rejected": a notice speaks of the order it turns down,
            # whose name ("Portierungsauftrag") is also an LOA's title.
            2,
            _any(
                r"\b(request|order)\s+(was|has\s+been)\s+(rejected|denied)",
                r"\b\w*(auftrag|antrag)\s+(wurde|ist)\s+(abgelehnt|zurückgewiesen)",
                # "Der Wechselauftrag … konnte nicht ausgeführt werden. Grund: …"
                r"\b\w*(auftrag|antrag)\b[^.]{0,60}\bkonnte\s+nicht\s+(ausgeführt|durchgeführt)"
                r"\s+werden",
                r"\brichiesta\s+(\w+\s+)?(è\s+stata\s+)?(rifiutata|respinta|scartata)",
                r"\bpedido\s+(\w+\s+)?(foi\s+)?(recusado|rejeitado)",
                r"\bsolicitud\s+(\w+\s+)?(ha\s+sido\s+|fue\s+)?(rechazada|denegada)",
                r"\bdemande\s+(\w+\s+)?(a\s+été\s+)?(rejetée|refusée)",
            ),
        ),
        (
            1,
            _any(
                r"\bre-?submit|could\s+not\s+be\s+(processed|completed)",
                r"erneut\s+(ein|einreichen|senden|übermitteln)\b|nicht\s+durchgeführt\s+werden|"
                r"nicht\s+ausgeführt\s+werden|\bgrund:",
                r"\b(reinvia|ripresenta)\w*|non\s+è\s+stat[ao]\s+possibile",
                r"\b(volte|voltar)\s+a\s+submeter|\breenvi\w*|não\s+foi\s+possível",
                r"\b(vuelva|volver)\s+a\s+enviar|\breenvi\w*|no\s+(se\s+)?ha\s+podido",
                r"\b(renvoyer|soumettre\s+à\s+nouveau)|n'a\s+pas\s+pu\s+être",
            ),
        ),
    ),
    "loa": (
        (
            3,
            _any(
                r"letter\s+of\s+(agency|authori[sz]ation)",
                r"portierungsauftrag|anbieterwechselauftrag|auftrag\s+zur\s+rufnummernmitnahme|"
                r"portierungsvollmacht",
                r"modulo\s+(di\s+richiesta\s+)?(di\s+)?portabilità|delega\s+(alla|per\s+la)\s+"
                r"portabilità",
                r"formulário\s+de\s+portabilidade|autorização\s+de\s+portabilidade",
                r"formulario\s+de\s+portabilidad|autorización\s+de\s+portabilidad",
                r"mandat\s+de\s+portabilité",
            ),
        ),
        (2, re.compile(r"\bLOA\b")),
        (
            2,
            _any(
                r"authori[sz]e\b.{0,120}\b(agent|port)",
                r"\b(beauftrage|bevollmächtige)\b.{0,120}(portier|rufnummernmitnahme|mitzunehmen)",
                r"\b(autorizzo|delego)\b.{0,120}portabilità",
                r"\bautorizo\b.{0,120}(portabilidade|portabilidad)",
                r"\bautorise\b.{0,120}portabilité",
                flags=re.I | re.S,
            ),
        ),
        (
            1,
            _any(
                r"numbers?\s+to\s+(be\s+)?port",
                r"zu\s+portierende|rufnummern\s+zur\s+portierung",
                r"numer[io]\s+da\s+portare|numer[io]\s+oggetto\s+di\s+portabilità",
                r"números?\s+a\s+portar",
                r"números?\s+(a|para)\s+portar",
                r"numéros?\s+à\s+porter",
            ),
        ),
        # "Firma" is also a German company: one point only, as for "signature".
        (1, _any(r"\bsignature\b", r"\bunterschrift\b", r"\bfirma\b", r"\bassinatura\b")),
    ),
    "csr": (
        (3, re.compile(r"customer\s+service\s+record", re.I)),
        (2, re.compile(r"\bCSR\b")),
        (1, re.compile(r"working\s+(telephone\s+)?numbers|end\s+user\s+name", re.I)),
    ),
    "invoice": (
        (
            3,
            _any(
                r"\binvoice\b",
                r"\brechnung\b",
                r"\b(fattura|bolletta)\b",
                r"\bfatura\b",
                r"\bfactura\b",
                r"\bfacture\b",
            ),
        ),
        (
            2,
            _any(
                r"(amount|total|balance)\s+due",
                r"rechnungsbetrag|gesamtbetrag|zu\s+zahlender\s+betrag",
                r"totale\s+(da\s+pagare|fattura|documento)|importo\s+(da\s+pagare|totale)",
                r"(total|valor|montante)\s+a\s+pagar",
                r"(total|importe)\s+a\s+pagar|importe\s+total",
                r"montant\s+(total|à\s+payer|dû)|total\s+(à\s+payer|TTC)|net\s+à\s+payer",
            ),
        ),
        (
            1,
            _any(
                r"billing\s+period|statement\s+date|bill\s+date|due\s+date",
                r"abrechnungszeitraum|rechnungsdatum|fällig\s+am|fälligkeit",
                r"periodo\s+di\s+fatturazione|data\s+(della\s+)?fattura|scadenza",
                r"período\s+de\s+faturação|data\s+da\s+fatura|data\s+de\s+vencimento",
                r"periodo\s+de\s+facturación|fecha\s+de\s+(la\s+)?factura|fecha\s+de\s+vencimiento",
                r"période\s+de\s+facturation|date\s+de\s+(la\s+)?facture|date\s+d'échéance",
            ),
        ),
    ),
}
_NAME_WEIGHT = 4
_MIN_SCORE = 3


def kind_from_name(filename: str) -> str | None:
    name = re.sub(r"[_\-.]+", " ", fold(filename))
    for kind, pattern in _BY_NAME:
        if pattern.search(name):
            return kind
    return None


def kind_of(filename: str, text: str) -> str:
    """The kind with the highest score from content keywords plus the name; ties go to the
    earlier kind in rejection, loa, csr, invoice order. "other" when nothing scores enough."""
    named = kind_from_name(filename)
    text = fold(text)
    best, best_score = "other", 0
    for kind, patterns in _BY_CONTENT.items():
        score = sum(weight for weight, pattern in patterns if pattern.search(text))
        score += _NAME_WEIGHT if kind == named else 0
        if score > best_score:
            best, best_score = kind, score
    return best if best_score >= _MIN_SCORE else named or "other"
