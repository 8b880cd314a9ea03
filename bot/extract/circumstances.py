"""What a reply should acknowledge before it answers: that the customer is writing again
without having had an answer ("Third email and no reply", "Deux relances, zéro réponse"), and
that someone has died ("Mon père est décédé en février").

A reply that opens with "Thank you for your message" to either reads as if nobody read it.
"""

from __future__ import annotations

import re

_WRITES_AGAIN = re.compile(
    # English
    r"(?<!save me a )(?<!save us a )"
    r"\b(?:second|third|fourth|fifth|2nd|3rd|4th) (?:email|e-mail|mail|message|request|"
    r"follow[- ]up)\b|\bno (?:response|reply|answer)\b(?! (?:is )?(?:needed|necessary|required))|"
    r"\b(?:haven't|have not|never) (?:heard back|had (?:a|any) (?:response|reply|answer))|"
    r"\bstill (?:waiting (?:for|on) (?:a |an |your )?(?:reply|response|answer)|"
    r"no (?:response|reply|answer|word))\b|"
    r"\b(?:wrote|written|emailed) (?:to you |you )?(?:twice|three times|several times)\b|"
    # German
    r"\b(?:zweite|dritte|vierte)[nr]? (?:e-mail|mail|nachricht|anfrage)\b|"
    r"\b(?:zweimal|dreimal|mehrfach|mehrmals|wiederholt) (?:geschrieben|gemeldet|angefragt|"
    r"nachgefragt)\b|\bkeine (?:antwort|rückmeldung|reaktion)\b|\bimmer noch keine\b|"
    # French
    r"\b(?:deuxième|troisième|quatrième) (?:courriel|e-mail|mail|message|relance|demande)\b|"
    r"\b(?:sans|aucune|pas de|zéro) (?:réponse|retour)\b|\brelances\b|"
    r"\btoujours (?:rien|pas de réponse|aucune réponse)\b|"
    # Italian
    r"\b(?:seconda|terza|quarta) (?:e-mail|mail|richiesta)\b|"
    r"\bnessun[ao]? (?:risposta|riscontro)\b|\bsollecit[oi]\b|\bsenza (?:risposta|riscontro)\b|"
    # Spanish
    r"\b(?:segundo|tercer|cuarto) (?:correo|mensaje)\b|\b(?:segunda|tercera|cuarta) solicitud\b|"
    r"\b(?:sin|ninguna) (?:respuesta|contestación)\b|\bsigo (?:esperando|sin respuesta)\b|"
    # Portuguese
    r"\b(?:segunda|terceira|quarta) (?:mensagem|e-mail)\b|"
    r"\b(?:segundo|terceiro) (?:e-mail|pedido)\b|"
    r"\b(?:sem|nenhuma) (?:resposta|retorno)\b|\bcontinuo (?:à espera|sem resposta)\b",
    re.IGNORECASE,
)
# "For the third time", "zum dritten Mal", "la terza volta": writing again only where the
# sentence asks or writes ("I ask for the third time"), not "rejected for the second time".
_ORDINAL_TIME = re.compile(
    r"\b(?:second|third|fourth|fifth) time\b|\b(?:zweiten|dritten|vierten) mal\b|"
    r"\b(?:deuxième|troisième|quatrième) fois\b|\b(?:seconda|terza|quarta) volta\b|"
    r"\b(?:segunda|tercera|cuarta|terceira|quarta) vez\b",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\b(?:ask\w*|writ\w*|wrote|request\w*|email\w*|frage\w*|schreibe\w*|bitte\w*|"
    r"demand\w*|écri\w*|répète|chiedo|scrivo|richied\w*|sollecit\w*|pido|escribo|solicit\w*|"
    r"peço|escrevo|pedi|pedindo)\b",
    re.IGNORECASE,
)
# Someone has died. Not "the line is dead", "mon téléphone est mort": only words said of people.
_BEREAVEMENT = re.compile(
    r"\b(?:passed away|deceased|late (?:husband|wife|father|mother|partner)|"
    r"verstorben\w*|verstarb|décédée?s?|décès|deceduto|deceduta|fallecid[oa]|falleció|"
    r"falecid[oa]|faleceu|morreu|murió)\b",
    re.IGNORECASE,
)


def writes_again(text: str) -> bool | None:
    """True where the customer says they have written before and had no answer."""
    if _WRITES_AGAIN.search(text):
        return True
    for match in _ORDINAL_TIME.finditer(text):
        # The sentence it stands in: from the last stop before it to the next one after.
        start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        end = min(i for i in (text.find(".", match.end()), len(text)) if i >= 0)
        if _ASKING.search(text, start, end):
            return True
    return None


def bereavement(text: str) -> bool | None:
    """True where the customer writes of someone who has died."""
    return True if _BEREAVEMENT.search(text) else None
