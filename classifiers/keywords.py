"""The baseline classifier: weighted phrases and token patterns per case type, in the six
languages we answer in, matched by spaCy's PhraseMatcher and Matcher on a blank pipeline."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot.extract.language import detect_language
from bot.model import CaseContext, CaseType, Classification, Facts, Mail
from classifiers.dataset import mail_text

# Phrases (matched on lower-cased tokens) and their weight, per case type.
PHRASES: dict[CaseType, tuple[tuple[float, tuple[str, ...]], ...]] = {
    CaseType.PORT_IN: (
        (
            3,
            (
                "port in",
                "porting in",
                "port over",
                "transfer our numbers to you",
                "move our numbers to you",
                "bring our numbers",
                "zu ihnen portieren",
                "rufnummernportierung",
                "portabilità verso",
                "portar mis números",
                "portar nuestros números",
                "portabilité entrante",
                "porter nos numéros",
                "portabilidade para vocês",
                "trazer os números",
            ),
        ),
        (
            2,
            (
                "port request",
                "porting request",
                "please port",
                "port our numbers",
                "port my number",
                "port these numbers",
                "move to your service",
                "switch to you",
                "portierung",
                "portabilità",
                "portabilidad",
                "portabilidade",
            ),
        ),
        (1, ("loa", "letter of authorization", "letter of agency", "invoice attached")),
    ),
    CaseType.PORT_IN_TWILIO_TRANSFER: (
        (
            3,
            (
                "twilio account",
                "another twilio account",
                "between twilio accounts",
                "subaccount",
                "sub-account",
                "sub account",
                "internal transfer",
                "account sid",
                "parent account",
                "project account",
            ),
        ),
    ),
    CaseType.PORT_IN_INTERNATIONAL: (
        (
            2,
            (
                "uk number",
                "german number",
                "italian number",
                "from the uk",
                "from germany",
                "london number",
                "international number",
                "outside the us",
            ),
        ),
    ),
    CaseType.PORT_OUT: (
        (
            3,
            (
                "port out",
                "porting out",
                "port away",
                "porting away",
                "leaving you",
                "switching to",
                "moving to another provider",
                "new provider",
                "new carrier",
                "portierung zu einem anderen",
                "anbieterwechsel",
                "portare via",
                "portabilidade para a",
                "portabilidad a",
                "portabilité sortante",
                "changer d'opérateur",
                "cambiare operatore",
            ),
        ),
        (
            2,
            (
                "moving our numbers to",
                "going to verizon",
                "going to at&t",
                "going to t-mobile",
                "transfer out",
                "cvp",
            ),
        ),
    ),
    CaseType.CSR_REQUEST: (
        (
            4,
            (
                "csr",
                "customer service record",
                "what is registered",
                "what's registered",
                "registered on our numbers",
                "on file for our numbers",
                "codice di migrazione",
                "datos registrados",
                "dados registados",
                "hinterlegte daten",
                "données enregistrées",
            ),
        ),
    ),
    CaseType.PORT_OUT_PIN: (
        (
            4,
            (
                "port out pin",
                "port-out pin",
                "transfer pin",
                "porting pin",
                "account pin",
                "pin number",
                "need the pin",
                "passcode",
                "transfer code",
                "portierungs-pin",
                "pin di portabilità",
                "código pin",
                "code pin",
                "code rio",
            ),
        ),
        (2, ("pin",)),
    ),
    CaseType.PORT_REJECTION: (
        (
            4,
            (
                "rejected",
                "rejection",
                "was denied",
                "port failed",
                "abgelehnt",
                "rifiutata",
                "rifiutato",
                "rechazada",
                "rechazado",
                "rejeitada",
                "rejeitado",
                "rejeté",
                "rejetée",
                "refusé",
            ),
        ),
    ),
    CaseType.RECORDS_UPDATE: (
        (
            4,
            (
                "update the address",
                "change the address",
                "update our address",
                "change our address",
                "update the company name",
                "change the company name",
                "new address",
                "we moved",
                "renamed",
                "e911 address",
                "adresse ändern",
                "firmenname ändern",
                "aggiornare l'indirizzo",
                "cambiare indirizzo",
                "alterar a morada",
                "alterar o endereço",
                "cambiar la dirección",
                "changer l'adresse",
                "nouvelle adresse",
            ),
        ),
    ),
    CaseType.BILL_REQUEST: (
        (
            3,
            (
                "latest bill",
                "last bill",
                "recent bill",
                "latest invoice",
                "last invoice",
                "copy of the invoice",
                "copy of our bill",
                "copy of my bill",
                "letzte rechnung",
                "copia della fattura",
                "copia fattura",
                "última fatura",
                "segunda via",
                "copia de la factura",
                "última factura",
                "dernière facture",
                "copie de facture",
            ),
        ),
        (1, ("invoice", "bill", "rechnung", "fattura", "factura", "fatura", "facture")),
    ),
    CaseType.NUMBER_REMOVAL: (
        (
            4,
            (
                "remove the number",
                "remove the numbers",
                "remove ported",
                "release the number",
                "delete the number",
                "stop charging",
                "still being charged",
                "still billed",
                "nummer entfernen",
                "rimuovere il numero",
                "remover o número",
                "eliminar el número",
                "supprimer le numéro",
            ),
        ),
        (1, ("licence", "license", "licenses", "licences")),
    ),
    CaseType.CANCELLATION: (
        (
            4,
            (
                "cancel my account",
                "cancel our account",
                "cancel the account",
                "close my account",
                "close our account",
                "cancel the subscription",
                "cancel our subscription",
                "cancel billing",
                "cancel the service",
                "kündigen",
                "kündigung",
                "disdetta",
                "disdire",
                "cancelar a conta",
                "cancelar mi cuenta",
                "cancelar la cuenta",
                "résilier",
                "résiliation",
            ),
        ),
    ),
    CaseType.PORT_STATUS: (
        (
            4,
            (
                "status of the port",
                "status of my port",
                "status of our port",
                "when will the port",
                "when will my number",
                "any update",
                "foc date",
                "port date",
                "still waiting",
                "stand der portierung",
                "stato della portabilità",
                "estado de la portabilidad",
                "estado da portabilidade",
                "où en est",
            ),
        ),
    ),
}
# The phrase rules are never surer than this (a long list of matches), nor than THREAD_CONFIDENCE
# when only the thread speaks: `classifiers.classify` skips them above it.
MOST_SURE = 0.95
THREAD_CONFIDENCE = 0.7
# The tokenizer keeps every new word it meets, so a daemon reading mail for months would grow
# without bound. Past this many strings (about 20 MB) the matchers are built anew (40 ms). A
# spaCy memory zone per message forgets them at once, but then every word is new again, which
# doubled the time per message.
VOCABULARY_LIMIT = 100_000
# Words, and each other character on its own: spaCy's tokenizer (prefix, suffix and infix rules
# for every word) was two thirds of the phrase rules' time. Phrases and mail are split alike.
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Patterns the phrase lists cannot express, matched on the text: as spaCy token patterns
# (a REGEX predicate tried on every token, an optional run of alphabetic tokens) they made the
# phrase rules half as slow again. Each reads tokens as `_TOKEN` splits them: a SID is a whole
# word; between "port" and "out" up to three words of letters, with nothing but spaces between.
PATTERNS: dict[CaseType, tuple[tuple[float, re.Pattern[str]], ...]] = {
    CaseType.PORT_IN_TWILIO_TRANSFER: ((2, re.compile(r"(?<!\w)AC[0-9a-fA-F]{32}(?!\w)")),),
    CaseType.PORT_OUT: (
        (
            3,
            re.compile(
                r"(?<!\w)(?:port|porting|ported)(?:\s+[^\W\d_]+){0,3}\s+out(?!\w)",
                re.IGNORECASE,
            ),
        ),
    ),
    CaseType.PORT_STATUS: ((2, re.compile(r"(?<!\w)KW[0-9a-fA-F]{32}(?!\w)")),),
}


class KeywordClassifier:
    name = "keywords"
    description = "Weighted phrases and token patterns per case type; the baseline to beat."

    def classify(self, mail: Mail, facts: Facts, case: CaseContext) -> Classification:
        """See `Classifier`."""
        return self.classify_text(mail_text(mail), facts, case)

    def classify_text(
        self, text: str, facts: Facts | None = None, case: CaseContext | None = None
    ) -> Classification:
        """Classify text alone (evaluation), or with the message's facts and case."""
        facts = facts or Facts()
        case = case or CaseContext(token="")
        language, _ = detect_language(text)
        scores = _score(text)
        if any(kind == "rejection_notice" for _, kind in facts.attachment_kinds):
            scores[CaseType.PORT_REJECTION] = scores.get(CaseType.PORT_REJECTION, 0) + 3
        if not scores:
            if not case.is_new and case.case_type is not None:
                return Classification(
                    case.case_type, THREAD_CONFIDENCE, language, self.name, (), ("thread",)
                )
            return Classification(CaseType.OTHER, 0.2, language, self.name, (), ("no keyword",))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0].value))
        best, top = ranked[0]
        total = sum(scores.values())
        confidence = min(MOST_SURE, 0.4 + 0.1 * top) * (top / total) ** 0.5
        secondary = tuple(case_type for case_type, score in ranked[1:] if score >= 3)
        reasons = tuple(f"{case_type.value}={score:g}" for case_type, score in ranked)
        return Classification(best, round(confidence, 3), language, self.name, secondary, reasons)


def _score(text: str) -> dict[CaseType, float]:
    from spacy.tokens import Doc

    nlp, phrases, weights = _matchers()
    if len(nlp.vocab.strings) > VOCABULARY_LIMIT:
        _matchers.cache_clear()
        nlp, phrases, weights = _matchers()
    doc = Doc(nlp.vocab, words=_TOKEN.findall(text))
    scores: dict[CaseType, float] = {}
    seen: set[str] = set()
    for match_id, _start, _end in phrases(doc):
        key = nlp.vocab.strings[match_id]
        # Each rule counts once per message, however often the customer repeats it.
        if key in seen:
            continue
        seen.add(key)
        case_type, weight = weights[key]
        scores[case_type] = scores.get(case_type, 0.0) + weight
    for case_type, patterns in PATTERNS.items():
        for weight, pattern in patterns:
            if pattern.search(text):
                scores[case_type] = scores.get(case_type, 0.0) + weight
    return scores


@lru_cache(maxsize=1)
def _matchers() -> tuple[Any, Any, dict[str, tuple[CaseType, float]]]:
    """A blank multi-language tokenizer with the phrase matcher, built once."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = spacy.blank("xx")
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    weights: dict[str, tuple[CaseType, float]] = {}
    for case_type, groups in PHRASES.items():
        for index, (weight, words) in enumerate(groups):
            key = f"{case_type.value}:phrases:{index}"
            weights[key] = (case_type, weight)
            phrases.add(key, [Doc(nlp.vocab, words=_TOKEN.findall(word)) for word in words])
    return nlp, phrases, weights
