"""The baseline classifier: weighted keywords per case type, in the six languages we answer in."""

from __future__ import annotations

import re

from bot.model import CaseContext, CaseType, Classification, Facts, Mail
from classifiers.language import detect_language

# (pattern, weight) per case type; patterns match lower-cased subject + new text.
_KEYWORDS: dict[CaseType, tuple[tuple[str, float], ...]] = {
    CaseType.PORT_IN: (
        (
            r"port(ing)? (in|over)|transfer (my|our) numbers? to you|move (my|our) numbers? to you",
            3,
        ),
        (r"\bport (my|our|these|the) numbers?\b|\bbring (our|my) .{0,40}numbers? across", 2),
        (r"\bport(ing)? (request|order)\b|\bplease port\b|\bport(ing)?\b.{0,60}\bto you\b", 2),
        (r"\bletter of (agency|authori[sz]ation)|\bloa\b", 1),
        (r"zu ihnen portieren|portierung zu ihnen|rufnummernportierung|portabilit[àa] verso", 3),
        (r"portar (os|mis|nuestros)|portabilit[ée] entrante|porter (mes|nos) num", 3),
    ),
    CaseType.PORT_IN_TWILIO_TRANSFER: (
        (r"\bac[0-9a-f]{32}\b", 2),
        (r"(between|from another|other|different) twilio (account|sub-?account)", 3),
        (r"\bsub-?account\b", 1),
    ),
    CaseType.PORT_OUT: (
        (r"port(ing)? (out|away)|switch(ing)? to (another|a new) (provider|carrier)", 3),
        (r"\bleaving (you|portdesk|your service)|\bport(ing)? (our|my|the) numbers? out\b", 3),
        (
            r"new (provider|carrier) (is|will)|moving (our|my) .{0,40}numbers? to|going to verizon",
            2,
        ),
        (r"portierung (weg|zu einem anderen)|portare via|portabilidade (do n[úu]mero )?para", 3),
        (r"\bcvp\b|c[óo]digo de valida[çc][ãa]o", 2),
    ),
    CaseType.CSR_REQUEST: (
        (r"\bcsr\b|customer service record", 4),
        (r"what is (registered|on (file|record))", 2),
    ),
    CaseType.PORT_OUT_PIN: (
        (r"\b(port[- ]?out|transfer|account) pin\b|\bpin (for|number)\b|need the pin\b", 4),
        (r"\bpin\b|passcode|port(ing)? (pin|code)", 2),
    ),
    CaseType.PORT_REJECTION: (
        (r"reject(ed|ion)|port (was )?denied|abgelehnt|rifiutat|rechazad|rejeitad|rejet", 4),
    ),
    CaseType.RECORDS_UPDATE: (
        (r"(update|change) (the |our )?(company name|address|business name)", 4),
        (
            r"(adresse|indirizzo|dirección|endereço|firmenname) "
            r"(ändern|aggiornare|cambiar|alterar)",
            4,
        ),
    ),
    CaseType.BILL_REQUEST: (
        (r"\b(latest|last|recent|copy of (the|our|my)) (bill|invoice)\b", 3),
        (r"\brechnung\b|\bfattura\b|\bfactura\b|\bfatura\b|\bfacture\b", 1),
        (r"copia (della )?fattura|copie de (la )?facture|copia de (la )?factura", 3),
    ),
    CaseType.NUMBER_REMOVAL: (
        (
            r"remove (the |these |ported |our )?numbers?"
            r"|release (the )?numbers?|delete (the )?numbers?",
            4,
        ),
        (r"licen[cs]es?", 1),
    ),
    CaseType.CANCELLATION: (
        (
            r"cancel (my|our|the) (account|subscription|service|billing|plan)"
            r"|close (my|our) account",
            4,
        ),
        (r"k[üu]ndigen|disdetta|cancelar (a |mi |la )?(conta|cuenta)|résili", 4),
    ),
    CaseType.PORT_STATUS: (
        (r"status (of|on) (my|our|the) port|when will (my|our|the) (port|numbers?)", 4),
        (r"any update on (the|my|our) port|port date|foc date|any update\b", 3),
    ),
}
# Outside the US and Canada a port-in is checked case by case: its own case type.
_HOME_REGIONS = {"US", "CA"}
_COMPILED = {
    case_type: tuple((re.compile(pattern), weight) for pattern, weight in patterns)
    for case_type, patterns in _KEYWORDS.items()
}


class KeywordClassifier:
    name = "keywords"
    description = "Weighted keyword patterns per case type; the baseline a trained model must beat."

    def classify(self, mail: Mail, facts: Facts, case: CaseContext) -> Classification:
        """See `Classifier`."""
        text = f"{mail.subject}\n{mail.new_text}".lower()
        language, _ = detect_language(mail.new_text or mail.subject)
        scores: dict[CaseType, float] = {}
        for case_type, patterns in _COMPILED.items():
            score = sum(weight for pattern, weight in patterns if pattern.search(text))
            if score:
                scores[case_type] = score
        if any(kind == "rejection_notice" for _, kind in facts.attachment_kinds):
            scores[CaseType.PORT_REJECTION] = scores.get(CaseType.PORT_REJECTION, 0) + 3
        if facts.account_sids and CaseType.PORT_IN_TWILIO_TRANSFER in scores:
            scores[CaseType.PORT_IN_TWILIO_TRANSFER] += 2
        foreign = any(n.country not in _HOME_REGIONS for n in facts.numbers)
        if foreign and CaseType.PORT_IN in scores:
            scores[CaseType.PORT_IN_INTERNATIONAL] = scores.pop(CaseType.PORT_IN)
        if not scores:
            if not case.is_new and case.case_type is not None:
                return Classification(case.case_type, 0.7, language, self.name, (), ("thread",))
            return Classification(CaseType.OTHER, 0.2, language, self.name, (), ("no keyword",))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0].value))
        best, top = ranked[0]
        total = sum(scores.values())
        confidence = min(0.95, 0.4 + 0.1 * top) * (top / total) ** 0.5
        secondary = tuple(case_type for case_type, _ in ranked[1:] if _ >= 3)
        reasons = tuple(f"{case_type.value}={score:g}" for case_type, score in ranked)
        return Classification(best, round(confidence, 3), language, self.name, secondary, reasons)
