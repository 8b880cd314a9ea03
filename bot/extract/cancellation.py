"""Whether a cancellation is of a part of the service (a user's licence, an extension, an
add-on, a subaccount) rather than of the whole account, which parts, and from when.

A third of the cancellations in the corpus are of a part: "die zwei Nutzerlizenzen kündigen",
"disattivate il componente aggiuntivo". Their reply must not speak of closing the account,
and names what is cancelled ("the extensions you named") and when, as the customer wrote it
("à partir du 15 avril").
"""

from __future__ import annotations

import re

from bot.extract.gated import says
from bot.extract.sentences import split_sentences

# A cancelling verb, in the six languages, as customers write it.
_CANCEL = (
    r"(?:cancel\w*|clos(?:e|ing)|terminat\w*|end|kündig\w*|schließ\w*|auflös\w*|beend\w*|"
    r"chiud\w*|disdi\w*|disdett\w*|cessa\w*|fech\w*|encerr\w*|cerr\w*|cierr\w*|baja|"
    r"résili\w*|ferm\w*|clôtur\w*|annul\w*|deactivat\w*|deaktivier\w*|disattiv\w*|"
    r"desactiv\w*|desativ\w*|désactiv\w*)"
)
# The whole account: a subaccount ("sous-compte", "Unterkonto") is a part.
_ACCOUNT = (
    r"(?<!sous-)(?<!sub)(?<!sub-)(?<!unter)"
    r"(?:account|konto|conto|compte|cuenta|conta|contrat|contratto|contrato|vertrag|"
    r"abonnement|abbonamento|assinatura|suscripci[oó]n|everything|alles|tutto|tout|todo|tudo|"
    r"whole service|entire service|all (?:of )?(?:our|the) services)"
)
_WHOLE = re.compile(
    rf"\b{_CANCEL}\b[^.\n]{{0,30}}\b{_ACCOUNT}\b|\b{_ACCOUNT}\b[^.\n]{{0,30}}\b{_CANCEL}\b",
    re.IGNORECASE,
)
# A part of the service.
_PART = re.compile(
    r"\b(?:licen[cs]es?|licenç\w*|licencias?|licenz\w*|\w*lizenz\w*|seats?|users?|"
    r"utilizador\w*|usuári\w*|usuari\w*|utent[ei]|utilisat\w*|\w*nutzer\w*|arbeitsplatz|"
    r"extensions?|extensão|extensões|extensi[oó]n\w*|intern[oi]|nebenstelle\w*|durchwahl\w*|"
    r"postes?|ramal|ramais|add-?ons?|componente aggiuntiv\w*|complementos?|zusatz\w*|"
    r"options?|opzion\w*|pacchett\w*|paquetes?|pacotes?|packages?|bundles?|"
    r"sub-?accounts?|sous-comptes?|subcontas?|subcuentas?|unterkont\w*)\b",
    re.IGNORECASE,
)
# Words a cancellation is likely written with; most mail has none and skips the patterns.
_WORDS = (
    "cancel", "clos", "terminat", "end", "kündig", "schließ", "auflös", "beend", "chiud",
    "disd", "cess", "fech", "encerr", "cerr", "cierr", "baja", "résili", "ferm", "clôtur",
    "annul", "deactivat", "deaktivier", "disattiv", "desactiv", "desativ", "désactiv",
)  # fmt: skip


def cancels_part(text: str) -> bool | None:
    """True where the customer cancels a part of the service and not the account; None where
    the text cancels the account or nothing."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):
        return None
    if _PART.search(text) is None:
        return None
    # "o cancelamento de três extensões da nossa conta" cancels extensions, not the account.
    if any(_PART.search(whole.group(0)) is None for whole in _WHOLE.finditer(text)):
        return None
    return True


# Each kind of part, by the words customers name it with (the same words as _PART).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("subaccount", r"sub-?accounts?|sous-comptes?|subcontas?|subcuentas?|unterkont"),
        (
            "extension",
            r"extension|extensão|extensões|extensi[oó]n|intern[oi]\b|nebenstelle|durchwahl|"
            r"postes?\b|ramal|ramais",
        ),
        (
            "add_on",
            r"add-?ons?|componente aggiuntiv|complemento|zusatz|options?\b|opzion|pacchett|"
            r"paquete|pacote|package|bundle",
        ),
        (
            "licence",
            r"licen[cs]|licenç|licencia|licenz|lizenz|seats?\b|users?\b|utilizador|usuári|"
            r"usuari|utent|utilisateur|nutzer|arbeitsplatz",
        ),
    )
)


def cancelled_parts(text: str) -> tuple[str, ...] | None:
    """The kinds of part a cancellation names ("licence", "extension", "add_on",
    "subaccount"), in the order written, from the sentences that cancel; None where it is
    not a cancellation of parts."""
    if not cancels_part(text):
        return None
    cancelling = "\n".join(s for s in split_sentences(text) if any(w in s.lower() for w in _WORDS))
    # "Un pacchetto SMS che non ho chiesto. Disattivatelo": the part is named before.
    return _parts_named(cancelling) or _parts_named(text)


def _parts_named(text: str) -> tuple[str, ...] | None:
    """The kinds of part `text` names, in the order written."""
    kinds: list[str] = []
    for match in _PART.finditer(text):
        kind = next((k for k, pattern in _KINDS if pattern.search(match.group(0))), None)
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return tuple(kinds) or None


_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|"
    r"maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|"
    r"julio|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|"
    r"setembro|outubro|novembro|dezembro)"
)
# When the cancellation takes effect, as the customer wrote it: at once, at the end of the
# month or billing period, or from a date.
_WHEN = re.compile(
    r"\b(?:immediately|right away|with immediate effect|ab sofort|sofort|subito|"
    r"con effetto immediato|immédiatement|dès maintenant|de inmediato|inmediatamente|"
    r"imediatamente|de imediato)\b|"
    r"\b(?:at|by|from) the end of (?:the |this |our |next )?(?:current )?"
    r"(?:month|billing (?:cycle|period)|contract(?: term)?|term|year)\b|"
    r"\b(?:from|as of|starting|with) (?:the )?next billing (?:cycle|period)\b|"
    r"\bzum (?:monatsende|ende des (?:monats|vertrags|abrechnungszeitraums)|"
    r"nächstmöglichen (?:termin|zeitpunkt)|ende der (?:laufzeit|vertragslaufzeit)|"
    r"ablauf(?: der (?:vertrags)?laufzeit| des vertrags)?)\b|"
    # At the term's end: "alla scadenza del contratto", "à l'échéance", "al vencimiento".
    r"\balla scadenza(?: del contratto)?\b|\bà (?:l')?échéance(?: du contrat)?\b|"
    r"\bal vencimiento(?: del contrato)?\b|\bno (?:fim|termo) do contrato\b|"
    r"\b(?:a|alla) fine (?:del )?mese\b|\bdal prossimo ciclo(?: di fatturazione)?\b|"
    r"\bà la fin du mois\b|\bà (?:partir du|compter du) prochain cycle(?: de facturation)?\b|"
    r"\b(?:a|al) final (?:del|de este) mes\b|\ba partir del pr[oó]ximo ciclo\b|"
    r"\bno fim do mês\b|\ba partir do próximo ciclo\b|"
    # Not "on 2 March", "le 3 février": as often the day a cancellation was asked for.
    r"\b(?:from|as of|effective|starting|ab|zum|vom|dal|dall'|à partir du|au|"
    r"a partir del|a partir do|desde el|a partir de)\s+(?:the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|º|°|\.)?\s*(?:de\s+|of\s+)?{_MONTHS}|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}})?)|"
    # "da dicembre", "from January": the first of a month.
    rf"\b(?:from|starting|as of|da|a partire da|ab|à partir de|a partir de)\s+"
    rf"(?:the\s+)?(?:next\s+)?{_MONTHS}\b(?!\s+\d)"
    # ...not "runs from February to April": a season, not a date.
    r"(?!\s+(?:to|until|through|bis|al|au|a|até|hasta|alla|fino a)\b)|"
    # "a partir do dia 30", "ab dem 15.": a day of this month.
    r"\b(?:a partir do dia|a partir del día|desde el día|dal giorno|à partir du|from the|"
    r"as of the)\s+\d{1,2}(?:st|nd|rd|th|º|°)?\b|\bab dem \d{1,2}\.",
    re.IGNORECASE,
)


def cancellation_when(text: str) -> str | None:
    """When the customer wants the cancellation to take effect, as written ("zum
    Monatsende", "à partir du 15 avril"), from a sentence that cancels; None where unsaid."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):
        return None
    sentences = split_sentences(text)
    cancelling = [any(word in s.lower() for word in _WORDS) for s in sentences]
    for index, sentence in enumerate(sentences):
        # "Bitte zum 31.12. kündigen" is split after the date, and hard-wrapped mail at its
        # line ends: a neighbour that cancels counts.
        if not any(cancelling[max(index - 1, 0) : index + 2]):
            continue
        match = _WHEN.search(sentence)
        if match is not None:
            return match.group(0).strip()
    return None


# The customer gives the numbers up with the account: "Die Nummern können verfallen", "we
# don't need to keep the numbers", "no vamos a portar nada". Their reply is not told to port
# a number first if they want to keep it.
_GIVES_UP = re.compile(
    r"\b(?:don'?t|do not|no longer) (?:need|want)(?: to keep)?(?: any of)? (?:the|our|my|this|"
    r"that|these|those) (?:phone )?(?:numbers?|lines?)\b|"
    r"\b(?:numbers?|lines?) (?:can|may) (?:go|be released|lapse)\b|"
    r"\blet (?:the|our|my) (?:numbers?|lines?) go\b|"
    r"\bnot (?:porting|moving|keeping) (?:the|our|any of the) (?:numbers?|lines?)\b|"
    r"\b(?:nummern?|rufnummern?) (?:können|dürfen) (?:verfallen|wegfallen)\b|"
    r"\bkeine (?:mitnahme|portierung)\b|"
    r"\bnon (?:li|le) port(?:o|iamo)\b|\bi numeri non (?:ci |mi )?servono più\b|"
    r"\bnon (?:ci |mi )?servono più (?:i|neanche i) numeri\b|"
    r"\bnon (?:lo|li|la|le) porta via nessuno\b|\bnessuno deve portare via\b|"
    r"\bnon serve portar\w*\b|"
    r"\bno (?:vamos a portar|nos llevamos)\b|\bno hace falta conservarlos\b|"
    # "No queremos conservar ninguno", "non vogliamo tenere i numeri".
    r"\bno (?:queremos|quiero|necesitamos) (?:conservar|mantener)\b|"
    # Let to expire: "li abbiamo semplicemente lasciati scadere", "let them expire".
    r"\b(?:lasciat[oi]|lasciarli|lasciamo) scadere\b|"
    r"\blet (?:them|the numbers?) (?:expire|lapse)\b|"
    r"\b(?:dejamos|dejarlos|dejar) (?:que )?(?:caduquen|caducar|vencer)\b|"
    r"\b(?:deixámos|deixamos|deixar) (?:expirar|caducar)\b|\b(?:laissés|laisser) expirer\b|"
    r"\bverfallen lassen\b|"
    r"\bnon (?:vogliamo|voglio) (?:tenere|conservare)\b|"
    r"\b(?:wollen|möchten|brauchen) (?:wir |ich )?keine (?:der )?(?:rufn|n)ummern\b|"
    r"\bnão (?:vamos|queremos) (?:levar|portar|manter)\b|"
    r"\bpas besoin de (?:garder|conserver)\b|\bne (?:gardons|garderons|conservons) pas\b"
)
_GIVES_UP_WORDS = (
    "need", "want", "go", "lapse", "release", "porting", "moving", "keeping", "verfallen",
    "wegfallen", "mitnahme", "portierung", "port", "serv", "llevamos", "conservarlos",
    "levar", "manter", "garder", "conserver", "gardons", "garderons", "conservons",
    "conservar", "mantener", "tenere", "conservare", "keine", "scadere", "expire", "caduc",
    "vencer", "expirar", "expirer",
)  # fmt: skip


def gives_up_numbers(text: str) -> bool | None:
    """True where the customer lets the numbers end with the account."""
    return says(text, _GIVES_UP_WORDS, _GIVES_UP)
