"""Second requests a customer makes outright ("…and please send the port-out PIN too"), found
by phrases in six languages.

The trained intents component finds second requests with a precision of 0.4 and a recall of
0.08: too weak to add a paragraph to a reply. These phrases look for the few requests whose
answer is a paragraph of instructions (a PIN, a bill, a cancellation), worded as a request,
and are measured on the labelled corpus (`portdesk classifier eval` prints their precision and
recall; `tests/test_classify.py` holds them to a floor).
"""

from __future__ import annotations

import re

from bot.extract.sentences import split_sentences
from bot.model import CaseType

# Québec says NIP. A French RIO is a CSR request by the corpus's conventions.
_PIN = r"(?:pin|nip)"
_PORTING = (
    r"(?:port(?:ing)?[- ]?out|transfer|porting|portabilit\w*|portierungs?|portage|"
    r"portabilidad|portabilidade|portabilità|migra\w+|übertragungs?)"
)
_BILL = r"(?:invoices?|bills?|rechnung(?:en)?|fattur[ae]|faturas?|facturas?|factures?)"

ASKS: dict[CaseType, re.Pattern[str]] = {
    CaseType.PORT_OUT_PIN: re.compile(
        "|".join(
            (
                # "port-out PIN", "transfer PIN", "Portierungs-PIN", "PIN de portabilidad"
                rf"\b{_PORTING}[- ]?{_PIN}\b",
                rf"\b{_PIN}\b[^.\n?]{{0,25}}\b(?:for|de|di|für|pour|para|per)\b[^.\n?]{{0,12}}"
                rf"\b{_PORTING}\b",
                # "what's the PIN they'll ask for", "send the PIN", "include the PIN"
                rf"\b(?:send|include|give|provide|share|need|what(?:'s| is))\b"
                rf"[^.\n?]{{0,30}}\b(?:the|a|our|my)\s+{_PIN}\b",
                r"\b(?:PIN|NIP)\b[^.\n]{0,20}\b(?:senden|schicken|mitteilen|inviare|"
                r"inviarci|enviar|enviarnos|envoyer|communiquer|fournir)\b",
                r"\b(?:senden|schicken|inviate|inviarci|envíen|enviem|envoyez|mandar|"
                r"communiquer|fournir|donner|joindre|joignez|attach|beifügen|allegate|"
                r"adjunten|anexem)\b[^.\n]{0,30}\b(?:PIN|NIP)\b",
            )
        ),
        re.IGNORECASE,
    ),
    CaseType.BILL_REQUEST: re.compile(
        "|".join(
            (
                rf"\b(?:send|email|e-mail|share|forward|re-?issue|need)\b[^.\n?]{{0,30}}"
                rf"\b(?:latest|last|final|recent|current|updated|copy of|monthly)\b"
                rf"[^.\n?]{{0,20}}\b{_BILL}\b",
                rf"\b(?:copy|copies|duplicate)\s+of\s+(?:the\s+|our\s+|my\s+)?"
                rf"(?:\w+\s+){{0,2}}{_BILL}\b",
                # de, it, pt, es, fr: a copy of the invoice / send the invoice
                r"\b(?:kopie|duplikat)\s+(?:der|unserer|meiner)\s+(?:\w+\s+)?rechnung",
                r"\brechnung\b[^.\n]{0,30}\b(?:zusenden|zuschicken|schicken|senden)\b",
                r"\bcopia\s+(?:della|dell'ultima|delle)\s+(?:\w+\s+)?fattur[ae]\b",
                r"\b(?:invia|manda)(?:re|rci|rmi|teci|temi)\b[^.\n]{0,25}\bfattur[ae]\b",
                r"\bc[óo]pia\s+(?:da|de la|de)\s+(?:\w+\s+)?(?:fatura|factura)s?\b",
                r"\b(?:enviar|enviarnos|enviarme|mandar|mandarnos)\b[^.\n]{0,25}"
                r"\b(?:fatura|factura)s?\b",
                r"\bcopie\s+de\s+(?:la|notre|ma)\s+(?:\w+\s+)?facture",
                r"\b(?:envoyer|transmettre|renvoyer)\b[^.\n]{0,25}\bfactures?\b",
            )
        ),
        re.IGNORECASE,
    ),
    CaseType.CANCELLATION: re.compile(
        "|".join(
            (
                r"\b(?:cancel|close|closing|terminate|end)\b[^.\n?]{0,25}\b(?:account|contract|"
                r"subscription|billing|extension|seat|service|licen[cs]e|user)s?\b",
                # Not "stop billing for it": that is the numbers' billing, a number removal.
                r"\bstop\s+(?:the\s+|our\s+|my\s+)?billing\b(?!\s+(?:for|on)\b)",
                r"\b(?:konto|vertrag|account|abo\w*)\b[^.\n]{0,30}\b(?:kündigen|schließen|"
                r"auflösen|beenden|gekündigt|geschlossen|aufgelöst|beendet)\b",
                r"\b(?:kündigen|kündigung)\b[^.\n]{0,30}\b(?:konto|vertrag|account|abo\w*|"
                r"\w*lizenz\w*|\w*nutzer\w*|nebenstelle\w*|durchwahl\w*)\b",
                r"\b(?:disdire|disdetta|chiudere|cessare|cessazione)\b[^.\n]{0,30}"
                r"\b(?:account|conto|contratto|abbonamento|servizio|licenz\w*|utent[ei]|"
                r"intern[oi])\b",
                r"\b(?:cancel(?:ar|en|em|amos)|encerr(?:ar|em|amos)|rescindir|cerr(?:ar|emos)|"
                r"cierren|fech(?:ar|em|amos)|d(?:ar|aremos|en|emos)\s+de\s+baja)\b[^.\n]{0,30}"
                r"\b(?:conta|cuenta|contrato|assinatura|suscripción|servicio|serviço|licen\w*|"
                r"usuari\w*|utilizador\w*|extens\w*|ramal\w*)\b",
                r"\b(?:résilier|résiliez|résiliation|fermer|fermez|clôturer|clôturez)\b[^.\n]{0,30}"
                r"\b(?:compte|contrat|abonnement|service|licence\w*|utilisateur\w*|postes?)\b",
            )
        ),
        re.IGNORECASE,
    ),
}
# A word every alternative of each pattern contains (lower case). Most mail holds none, and
# the patterns, tried at every position, cost more than looking for these.
_WORDS: dict[CaseType, tuple[str, ...]] = {
    CaseType.PORT_OUT_PIN: ("pin", "nip"),
    CaseType.BILL_REQUEST: (
        "invoice",
        "bill",
        "rechnung",
        "fattur",
        "fatura",
        "factura",
        "facture",
    ),
    CaseType.CANCELLATION: (
        "cancel",
        "clos",
        "terminat",
        "end",
        "stop",
        "kündig",
        "geschlossen",
        "aufgelöst",
        "schließ",
        "auflös",
        "beend",
        "disd",
        "chiud",
        "cess",
        "encerr",
        "rescind",
        "cerr",
        "cierr",
        "fech",
        "baja",
        "résili",
        "ferm",
        "clôtur",
    ),
}
# A sentence that denies, or says the thing is already had, asks for nothing: "keine
# Kündigung", "we already have the PIN", "thanks for the PIN", "the PIN is 4471".
_DENIES = re.compile(
    r"\b(?:not|never|without|no|nothing|nicht|nichts|kein\w*|niente|nulla|nada|rien|ohne|"
    r"tampoco|nemmeno|neanche|neither|nor|nem|"
    r"non|senza|não|sem|sin|pas|sans|nein|already|schon|längst|già|já|ya|déjà|gave|got|sent|"
    r"received|generated|bekommen|erhalten|angekommen|ricevuto|recebi|recibí|reçu|dieron|"
    r"mandaron|passou|geschickt)\b|n't\b|"
    # Thanks FOR something is for something had; "merci de fermer" is a request ("please").
    r"\b(?:thanks|thank you|danke|grazie|obrigad[oa]|gracias|merci)\s+(?:for|für|per|pel[oa]|"
    r"por|pour)\b|\b(?:pin|nip)\b\W{0,3}(?:is|ist|è|é|es|est)?"
    r"\W{0,3}\d",
    re.IGNORECASE,
)
# A cancellation at another carrier ("wir kündigen bei AT&T") is not one with us.
_ELSEWHERE = re.compile(
    r"\b(?:bei|at|with|con|com|chez|presso)\s+(?:(?:der|dem|the|la|le|il|a|o|el)\s+)?"
    r"(?!(?:Ihnen|euch|you|vous|voi|vocês|ustedes|vos)\b)[A-Z]"
)
# The main requests a second one cannot follow. A PIN named in a port-in, a rejection or a
# status question is the customer's own PIN at their old carrier, not one they ask us for; a
# cancellation named in a port-in is at the old carrier too.
_NOT_AFTER = {
    CaseType.CANCELLATION: frozenset(
        {CaseType.PORT_IN, CaseType.PORT_IN_INTERNATIONAL, CaseType.PORT_REJECTION}
    ),
    CaseType.PORT_OUT_PIN: frozenset(
        {
            CaseType.PORT_IN,
            CaseType.PORT_IN_INTERNATIONAL,
            CaseType.PORT_IN_TWILIO_TRANSFER,
            CaseType.PORT_REJECTION,
            CaseType.PORT_STATUS,
        }
    ),
}
_QUOTES = frozenset('"“„«»')
_CLAUSE_END = re.compile(r"[,;]\s")


# How many words past a request a denial still belongs to it: "das Konto kündigen wir noch
# nicht", "ne fermez pas" reach; "chiudere l'account in modo che non ci arrivino" does not.
_DENIAL_AFTER = 3
_WORD = re.compile(r"\w+")


def _clause_span(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    """Where the clause holding `match` starts and ends (at ", " and "; ")."""
    starts = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, match.start())]
    end = _CLAUSE_END.search(sentence, match.end())
    return (starts[-1] if starts else 0, end.start() if end else len(sentence))


def _clause(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    """Where a denial of `match` may be: from the start of its clause to just after it. A
    denial elsewhere in the sentence denies something else ("please close our account too,
    we won't need it")."""
    start, clause_end = _clause_span(sentence, match)
    after = [word.end() for word in _WORD.finditer(sentence, match.end(), clause_end)]
    reach = after[_DENIAL_AFTER - 1] if len(after) >= _DENIAL_AFTER else clause_end
    return (start, reach)


def _elsewhere(sentence: str, match: re.Match[str]) -> bool:
    """Whether the cancellation's own clause places it at another carrier. "Quand les numéros
    seront partis chez Telus, j'aimerais fermer mon compte chez vous" closes the account with
    us: Telus is in the clause before."""
    return _ELSEWHERE.search(sentence, *_clause_span(sentence, match)) is not None


def asked_outright(text: str, primary: CaseType | None = None) -> tuple[CaseType, ...]:
    """The requests among ASKS that `text` makes in so many words, besides `primary`."""
    sentences: list[str] | None = None
    lowered = text.lower()
    found: list[CaseType] = []
    for case_type, pattern in ASKS.items():
        if case_type is primary or primary in _NOT_AFTER.get(case_type, ()):
            continue
        # No match in the whole text, none in any of its sentences: most mail stops here.
        if not any(word in lowered for word in _WORDS[case_type]) or not pattern.search(text):
            continue
        if sentences is None:
            sentences = [s for s in split_sentences(text) if s and not s.lstrip().startswith(">")]
        for sentence in sentences:
            match = pattern.search(sentence)
            if match is None or _DENIES.search(sentence, *_clause(sentence, match)):
                continue
            if sentence[max(0, match.start() - 1) : match.start()] in _QUOTES:
                # Someone else's words: 'they offered me "cancel the service"'.
                continue
            if case_type is CaseType.CANCELLATION and _elsewhere(sentence, match):
                continue
            found.append(case_type)
            break
    return tuple(found)
