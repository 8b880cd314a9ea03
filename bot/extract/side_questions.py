"""Questions beside the request that no reply template answers: the price ("Combien ça
coûte ?"), a new number ("¿me pueden cotizar un número local nuevo?"), call forwarding after
the port, voicemail.

Reviewers of random drafts found such questions dropped in one draft in four. The reply says
them back and that a person answers them, and the draft waits for that person: a question
read back and left unanswered is worse than one never read.

Only the customer's own question sentences are read, and only those on these topics: the
request itself is often a question too ("Can you port my number?"), and its template
answers it. A sentence with a run of four digits is not said back: it may hold a PIN or an
account number. Phone numbers written as such do not count.
"""

from __future__ import annotations

import re

from bot.extract.questions import question_sentences

# One of these is in every topic below (lower case): most questions hold none.
_WORDS = (
    "cost", "price", "fee", "how much", "kost", "preis", "gebühr", "prezz", "cuánto",
    "cuanto", "precio", "tarif", "custa", "preço", "combien", "prix", "frais", "quanto",
    "new number", "new local", "new toll", "neue", "nuov", "nuevo", "novo", "nouveau",
    "forward", "weiterleit", "umleit", "inoltr", "deviazion", "desv", "reenv", "encaminh",
    "renvoi", "voicemail", "mailbox", "mobilbox", "anrufbeantworter", "segreteria", "buzón",
    "correio de voz", "messagerie", "répondeur", "cotiz", "cotaç", "orçamento", "preventivo",
    "devis", "angebot", "quote", "additional", "zusätzlich", "aggiuntiv", "adicional",
    "supplémentaire",
)  # fmt: skip
_TOPICS = re.compile(
    # The price of the port or of the service (not "how much time").
    r"\b(?:costs?|costing|prices?|pricing|fees?|charges? for)\b|\bhow much\b(?! (?:time|longer))|"
    # ...nor "combien de temps", "cuánto tiempo": how long, which the reply says.
    # Not "gebührenfreie Nummer", "numéro sans frais": a toll-free number.
    r"\b(?:kosten|kostet|preis\w*|gebühr(?!enfrei)\w*)\b|\b(?:costo|costa|prezz\w+|quanto costa)\b|"
    r"\b(?:cu[áa]nto cuesta|precio|tarifas?)\b|\b(?:quanto custa|preço|custo)\b|"
    r"\bcombien\b(?! de (?:temps|jours))|\b(?:prix|tarifs?)\b|(?<!sans )\bfrais\b|"
    # A quote asked for ("¿me pueden cotizar…?", "un devis").
    r"\b(?:a quote|cotizar|cotización|cotação|orçamento|preventivo|devis|angebot)\b|"
    # A new number to buy.
    r"\b(?:new|additional|extra) (?:\w+ )?numbers?\b|"
    r"\b(?:neue|zusätzliche)\w* (?:\w+ )?(?:rufn|n)ummer\w*\b|"
    r"\bnuov[oi] numer[oi]\b|\bnumer[oi] (?:\w+ )?(?:nuov[oi]|aggiuntiv[oi])\b|"
    r"\bn[úu]meros? (?:\w+ )?(?:nuevos?|novos?|adicional(?:es)?)\b|"
    r"\b(?:nuevos?|novos?) n[úu]meros?\b|"
    r"\bnouveaux? num[ée]ros?\b|\bnum[ée]ros? (?:\w+ )?supplémentaires?\b|"
    # Call forwarding and voicemail, which do not move with a number.
    r"\b(?:call )?forwarding\b|\bforward(?:ed|ing)? (?:the |our )?calls\b|"
    # Not "o a me che gliela inoltro?" (I forward it): Italian names the calls.
    r"\b(?:rufumleitung|weiterleitung|umleitung)\w*\b|\binoltro (?:di |delle )?chiamat\w*\b|"
    r"\bdeviazion[ei]\b|"
    r"\b(?:desv[íi]o|reenv[íi]o) de llamadas\b|\bencaminhamento\b|\bdesvio de chamadas\b|"
    r"\brenvois? d'appels?\b|"
    r"\b(?:voicemail|voice mail|mailbox|mobilbox|anrufbeantworter|segreteria|buz[óo]n de voz|"
    r"correio de voz|messagerie vocale|r[ée]pondeur)\b"
)
_DIGITS = re.compile(r"\d{4}")
# A phone number as customers format one ("+1 737 555 0126", "(415) 555-0123",
# "415-555-0123"): the reply lists the numbers anyway, so a question holding one is said back.
# A PIN or an account number is not written so.
_PHONE = re.compile(r"\+\d[\d ().-]{6,}\d|\(\d{3}\) ?\d{3}[-. ]\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b")
# A forwarded mail's header line ("Assunto: Portar ou comprar números novos?").
_HEADER = re.compile(
    r"^(?:subject|betreff|oggetto|asunto|assunto|objet|re|aw|fw|fwd|wg|tr)\s*:", re.I
)

_MOST = 2
_LONGEST = 240


def side_questions(text: str) -> tuple[str, ...] | None:
    """The customer's questions on topics no template answers, as written; None where none."""
    found: list[str] = []
    for question in question_sentences(text):
        lowered = question.lower()
        if len(question) > _LONGEST or not any(word in lowered for word in _WORDS):
            continue
        if _DIGITS.search(_PHONE.sub("", question)) or _HEADER.match(question):
            continue
        if _TOPICS.search(lowered) is None:
            continue
        found.append(question)
        if len(found) == _MOST:
            break
    return tuple(found) or None
