"""What a bill request says beyond "send the bill": a month or a corrected invoice it names,
that the customer already looked in the Console and did not find it, that an invoice is
wrong and must be corrected, and that the bill is for a port (the new provider's 30-day rule
then matters)."""

from __future__ import annotations

import re

from bot.extract.gated import says
from bot.extract.sentences import split_sentences

_BILL_WORDS = ("invoice", "bill", "rechnung", "fattur", "fatura", "factura", "facture", "statement")
# A month, as customers name it; English only with its capital ("they may ask for it" names
# no month).
_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|"
    r"mai|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|"
    r"maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|"
    r"julio|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|"
    r"setembro|outubro|novembro|dezembro"
)
# A month, a quarter or a corrected invoice: the customer wants one invoice, not the latest.
_PERIOD = re.compile(
    rf"\b(?:{_MONTH})\b|"
    r"\b(?:quarter|quartal|trimestre|trimestrale|"
    r"corrected|rectifiée?|corregida|korrigiert\w*|rettificat[ao]|retificad[ao]|"
    # "avoir" is also the French "to have": only the credit note ("l'avoir", "un avoir").
    r"credit note|gutschrift|(?:un |l')avoir|nota di credito|nota de crédito)\b",
    re.IGNORECASE,
)
# "Can't see it in the dashboard", "ich finde sie nicht", "non la trovo", "no la encuentro"
# (the words may be broken over lines).
_NOT_FOUND = re.compile(
    r"\b(?:can't|cannot|can\s+not|couldn't|unable\s+to)\s+(?:find|see|locate)\b|\bdon't\s+see\b|"
    r"\bnot\s+(?:there|showing|in\s+the\s+(?:portal|dashboard|console))\b|"
    r"\b(?:finde|sehe)\s+(?:(?:sie|die|es|ihn)\s+)?nicht\b|\bnicht\s+(?:zu\s+)?finden\b|"
    r"\bnon\s+(?:la\s+|le\s+|lo\s+|li\s+)?(?:trovo|vedo)\b|\bnon\s+riesco\s+a\s+trovar\w*|"
    r"\bno\s+(?:la\s+|las\s+|lo\s+|los\s+)?(?:encuentro|veo)\b|\bno\s+consigo\s+encontrar\w*|"
    r"\bnão\s+(?:a\s+|as\s+|o\s+|os\s+)?(?:encontro|vejo)\b|\bnão\s+consigo\s+encontrar\w*|"
    r"\b(?:ne\s+)?(?:la\s+|le\s+|les\s+)?trouve\s+pas\b|\bintrouvable\b|"
    r"\bne\s+(?:la\s+|le\s+|les\s+)?vois\s+pas\b|"
    # "Im Portal ich finde nur Zahlung, keine Rechnung": only payments where it was looked for.
    r"\b(?:only|nur|solo|só|seulement)\s+(?:\w+\s+){0,2}(?:payments?|zahlung\w*|pagament[oi]|"
    r"pagos?|paiements?)\b|\bne\s+vois\s+que\s+(?:les\s+)?paiements\b|"
    # "Does not show up there", not "does not show our VAT number" (a correction).
    r"\b(?:doesn't|does\s+not|don't|do\s+not)\s+(?:show\s+up|appear)\b|"
    r"\berscheint\s+(?:dort\s+|da\s+)?nicht\b|\bnon\s+(?:compare|appare)\b|"
    r"\bno\s+aparece\b|\bnão\s+aparece\b|\bn'appara[iî]t\s+pas\b|"
    # The Console fails: "votre espace client plante dès que je clique sur Télécharger".
    r"\b(?:link|download|portal|console)\b[^.\n]{0,30}\bbroken\b|\bbroken\s+(?:link|download)\b|"
    r"\bcrash\w*|\bplante\b|\b(?:doesn't|does\s+not|won't|will\s+not)\s+(?:work|load|open|"
    r"download)\b|\bfunktioniert\s+nicht\b|\bnon\s+funziona\b|\bno\s+funciona\b|"
    r"\bnão\s+funciona\b|\bne\s+(?:marche|fonctionne)\s+pas\b",
    re.IGNORECASE,
)


# "Correggetela e rimandatela", "Korrigieren Sie die Rechnung", "missing our VAT number":
# an invoice to be corrected or reissued, which only a person can do. Imperatives and
# infinitives only: "the corrected invoice for July" already exists (see _PERIOD).
_CORRECTION = re.compile(
    r"\b(?:correct|fix|amend|re-?issue|redo)\b(?! (?:numbers?|address|name)\b)|"
    r"\bwrong (?:name|address|company|vat|tax)|\bmissing (?:our |the )?(?:vat|tax id)|"
    r"\b(?:korrigieren|berichtigen|neu aus(?:stellen|gestellt))\b|"
    r"\b(?:corregg\w+|rettificare|rettificatela|riemett\w+)\b|"
    r"\bnon (?:ha|riporta) (?:la nostra |il nostro )?(?:partita iva|codice fiscale)|"
    r"\b(?:corriger|corrigez|rectifier|rectifiez|réémettre|réémettez)\b|"
    r"\b(?:corregir|corrijan|rectificar|rectifiquen|reemitir|reemitan)\b|"
    r"\b(?:corrigir|corrijam|retificar|retifiquem|reemitam)\b|"
    # Made out to the company, not the person: a reissue ("porte le nom de la société et non
    # mon nom personnel", "intestata alla società").
    r"\b(?:in|under) (?:the|our) company'?s? name\b|\bnot (?:in )?my (?:own |personal )?name\b|"
    r"\b(?:porte|au) (?:le )?nom de (?:la|notre) (?:société|entreprise)\b|"
    r"\bet non (?:à )?mon nom\b|"
    r"\bauf (?:den namen )?(?:der|unsere|die) firma\b|\bnicht auf meinen (?:\w+ )?namen\b|"
    r"\bintestat\w+ (?:a|alla) (?:nostra )?(?:società|ditta|azienda)\b|\bnon a mio nome\b|"
    r"\ba nombre de (?:la|nuestra) (?:empresa|sociedad|compañía)\b|\bno a mi nombre\b|"
    r"\bem nome da (?:nossa )?(?:empresa|sociedade)\b|\bn[ãa]o (?:em|no) (?:meu|mim) nome\b",
    re.IGNORECASE,
)


def names_period(text: str) -> bool | None:
    """True where a bill request names a month, a quarter or a corrected invoice."""
    return True if _mentions_bill(text) and _PERIOD.search(text) else None


_BILL = r"(?:invoices?|bills?|statements?|rechnung\w*|fattur\w+|faturas?|facturas?|factures?)"
# The month beside the invoice it names: "la facture de mars", "the March invoice",
# "Rechnung für den Monat März". A month further away dates something else ("customers
# since March").
_BILL_MONTH = re.compile(
    rf"\b{_BILL}(?:\W+\w+){{0,3}}?\W+({_MONTH})\b|\b({_MONTH})(?:\W+\w+)?\W+{_BILL}\b",
    re.IGNORECASE,
)

_MONTHS = re.compile(rf"\b(?:{_MONTH})\b", re.IGNORECASE)


# A reply's or a forward's subject is someone else's words: "Re: Votre facture de juin".
_ANSWERED_SUBJECT = re.compile(r"^\s*(?:re|aw|r|rif|res|sv|fwd?|wg|i|enc|rv|tr)\s*:", re.I)


def bill_month(subject: str, new_text: str) -> str | None:
    """The month of the invoice the customer asks for, as written; None where none is named,
    or where the mail names several months: "July, August and September", "gennaio a
    dicembre", "das ist die Rechnung vom Juli, ich brauche August"."""
    text = new_text if _ANSWERED_SUBJECT.match(subject) else f"{subject}\n{new_text}"
    if not _mentions_bill(text):
        return None
    # Not a month in the quoted history ("> Your invoice for October is ready").
    own = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    found = _BILL_MONTH.search(own)
    if found is None or len({m.lower() for m in _MONTHS.findall(own)}) > 1:
        return None
    return found.group(1) or found.group(2)


def not_found(text: str) -> bool | None:
    """True where the customer says the invoice is not to be found where they looked."""
    return True if _mentions_bill(text) and _NOT_FOUND.search(text) else None


def asks_correction(text: str) -> bool | None:
    """True where a sentence about an invoice asks for it to be corrected or reissued."""
    if not _mentions_bill(text) or not _CORRECTION.search(text):
        return None
    said = split_sentences(text)
    return True if any(_CORRECTION.search(s) and _mentions_bill(s) for s in said) else None


def _mentions_bill(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _BILL_WORDS)


# The bill is wanted for a port: a new provider asks for it ("the new carrier wants it as
# proof", "que o novo operador exige", "pour que Bell puisse lancer le transfert").
_FOR_PORT = re.compile(
    r"\bport(?:s|ed|ing|ability)?\b|\bport-out\b|portab|portier|übernahme|\btransfer|"
    r"\bnew (?:provider|carrier|company)|\bnuev[oa] (?:operador|proveedor|compañía|empresa)|"
    r"\bneue[nr]? anbieter|\bnouvel(?:le)? (?:opérateur|fournisseur|compagnie)|"
    r"\bnuov[oa] (?:operatore|gestore|compagnia)|\bnov[oa] (?:operador|fornecedor|operadora)|"
    r"\btake my number\b",
    re.IGNORECASE,
)


# Another purpose named beside the ask: "accounting wants to close out the cost center",
# "pour la comptable", "für unsere Unterlagen", "for our records".
_OTHER_PURPOSE = re.compile(
    r"\b(?:accounting|accountant|bookkeep\w*|controller|for (?:our|my) records|tax\w*|audit\w*|"
    r"expense\w*|buchhaltung|steuerb\w+|unterlagen|finanzamt|contabil\w+|commercialista|"
    r"ragioneria|comptab\w+|gestoría|gestoria|contador\w*|contabilista)\b",
    re.IGNORECASE,
)


def for_port(text: str, provider: str | None) -> bool | None:
    """True where the bill is wanted for a port: a port word, or a named provider, unless
    every sentence that asks for the bill names another purpose ("the porting finished on
    Monday … also send me the last invoice, accounting wants to close out the cost
    center")."""
    if not _mentions_bill(text):
        return None
    if provider is None and _FOR_PORT.search(text) is None:
        return None
    if _OTHER_PURPOSE.search(text):
        # The purpose is said in the ask's sentence or the next ("Also send the last invoice.
        # Accounting wants to close out the cost center."); a port word in the ask's own
        # sentence still makes it a bill for the port.
        said = split_sentences(text)
        asks = [i for i, sentence in enumerate(said) if _mentions_bill(sentence)]
        other = any(_OTHER_PURPOSE.search(" ".join(said[i : i + 2])) for i in asks)
        if other and not any(_FOR_PORT.search(said[i]) for i in asks):
            return None
    return True


# The invoice that closes the account or the numbers' billing, not the latest one ("la
# dernière facture"): "final invoice", "Schlussrechnung", "factura final".
_FINAL = re.compile(
    r"\b(?:final|closing) (?:invoice|bill|statement)\b|\bschlussrechnung\b|\bendabrechnung\b|"
    r"\bfactura (?:final|de cierre)\b|\bfacture (?:de clôture|finale|de résiliation)\b|"
    r"\bfattura (?:finale|di chiusura)\b|\bfatura (?:final|de encerramento)\b"
)
_FINAL_WORDS = ("final", "closing", "schlussrechnung", "endabrechnung", "cierre", "clôture",
                "finale", "chiusura", "encerramento", "résiliation")  # fmt: skip


def final_invoice(text: str) -> bool | None:
    """True where the customer asks for the final invoice, the one that closes the billing."""
    return says(text, _FINAL_WORDS, _FINAL)
