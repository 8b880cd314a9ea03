"""What a reply should acknowledge before it answers: that the customer is writing again
without having had an answer ("Third email and no reply", "Deux relances, zéro réponse"),
that someone has died ("Mon père est décédé en février"), that the service is failing now
("Phones have been down since 8:40", "mein Telefon macht nur tut-tut"), and that someone else
is making calls on the account ("calls to Somalia overnight that none of us made").

A reply that opens with "Thank you for your message" to either reads as if nobody read it.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

_WRITES_AGAIN = re.compile(
    # English
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
    r"\b(?:sem|nenhuma) (?:resposta|retorno)\b|\bcontinuo (?:à espera|sem resposta)\b|"
    # The same trouble again, said as such: "È la seconda volta!", "this is the third time".
    r"\b(?:this is|it's|it is|that's) (?:now |already )?the (?:second|third|fourth) time\b|"
    r"\bist (?:jetzt |schon )?das (?:zweite|dritte|vierte) mal\b|"
    r"\bè (?:già |ormai )?la (?:seconda|terza|quarta) volta\b|"
    r"\bc'est (?:déjà |maintenant )?la (?:deuxième|troisième|quatrième) fois\b|"
    r"\bes (?:ya )?la (?:segunda|tercera|cuarta) vez\b|"
    r"\bé (?:já )?a (?:segunda|terceira|quarta) vez\b|"
    # An answer that did not help, sent again: "you keep replying with the general FAQ".
    r"\byou keep (?:sending|replying|telling|asking)\b"
)
# Complaints beyond writing again: written before, a regulator, a promised call that never
# came. Their own words gate them, so the patterns above keep their cheaper gate.
_COMPLAINT = re.compile(
    # Written before and not answered: "Ho scritto due volte", "Vi ho già scritto".
    r"\b(?:ho|abbiamo) (?:già )?scritto (?:due|tre|più) volte\b|"
    r"\b(?:vi|le) (?:ho|abbiamo) già scritto\b|\bhe escrito (?:dos|tres|varias) veces\b|"
    r"\bya (?:les|os) (?:he |hemos )?escrit\w*|\bj'ai (?:déjà )?écrit (?:deux|trois|plusieurs) "
    r"fois\b|\bje vous ai déjà écrit\b|\bjá (?:vos|lhes) escrevi\b|"
    r"\bjá escrevi (?:duas|três|várias) vezes\b|\bi (?:already wrote|have already written|"
    r"'ve already written) (?:to )?(?:you|your|support|before|twice)\b|"
    r"\bich habe (?:ihnen )?(?:bereits|schon) geschrieben\b|"
    # A complaint taken to the regulator, a promised call that never came.
    r"\b(?:agcom|ofcom|fcc|bundesnetzagentur|bnetza|arcep|cnmc|anacom|crtc)\b|"
    r"\b(?:promised (?:us |me )?a (?:call|callback)|versprochene\w* rückruf\w*|"
    r"richiamata promessa|llamada prometida|chamada prometida|rappel promis)\b|"
    r"\b(?:never|nie|mai|nunca|jamais)\b[^.!?\n]{0,30}\b(?:called (?:us |me )?back|rang back|"
    r"zurückgerufen|richiamat[oi]|devolvieron la llamada|ligaram de volta|rappelés?)\b|"
    r"\b(?:nobody|no one) (?:ever )?called (?:us |me )?back\b|"
    r"\bniemand hat (?:uns |mich )?(?:je )?zurückgerufen\b|"
    r"\bnessuno (?:ci |mi )?ha (?:mai )?richiamat"
)
# "For the third time", "zum dritten Mal", "la terza volta": writing again only where the
# sentence asks or writes ("I ask for the third time"), not "rejected for the second time".
_ORDINAL_TIME = re.compile(
    r"\b(?:second|third|fourth|fifth) time\b|\b(?:zweiten|dritten|vierten) mal\b|"
    r"\b(?:deuxième|troisième|quatrième) fois\b|\b(?:seconda|terza|quarta) volta\b|"
    r"\b(?:segunda|tercera|cuarta|terceira|quarta) vez\b"
)
_ASKING = re.compile(
    r"\b(?:ask\w*|writ\w*|wrote|request\w*|email\w*|frage\w*|schreibe\w*|bitte\w*|"
    r"demand\w*|écri\w*|répète|chiedo|scrivo|richied\w*|sollecit\w*|pido|escribo|solicit\w*|"
    r"peço|escrevo|pedi|pedindo)\b"
)
# Someone has died. Not "the line is dead", "mon téléphone est mort": only words said of people.
_BEREAVEMENT = re.compile(
    r"\b(?:passed away|deceased|late (?:husband|wife|father|mother|partner)|"
    r"verstorben\w*|verstarb|décédée?s?|décès|deceduto|deceduta|fallecid[oa]|falleció|"
    r"falecid[oa]|faleceu|morreu|murió)\b"
)


# Words one of the patterns above needs: most mail has none and skips them.
_AGAIN_WORDS = (
    "second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "respon", "reply", "answer",
    "heard", "waiting", "twice", "times", "zweite", "dritte", "vierte", "zweimal", "dreimal",
    "mehrfach", "mehrmals", "wiederholt", "antwort", "rückmeldung", "reaktion", "immer noch",
    "deuxième", "troisième", "quatrième", "réponse", "retour", "relances", "toujours",
    "seconda", "terza", "quarta", "risposta", "riscontro", "sollecit", "segundo", "tercer",
    "cuarto", "segunda", "cuarta", "contestación", "esperando", "terceir", "resposta",
    "espera", "keep",
)  # fmt: skip


_COMPLAINT_WORDS = (
    "agcom", "ofcom", "fcc", "bundesnetzagentur", "bnetza", "arcep", "cnmc", "anacom", "crtc",
    "promised", "versprochene", "promessa", "prometida", "rappel promis", "called back",
    "called us back", "called me back", "rang back", "zurückgerufen", "richiamat",
    "devolvieron la llamada", "ligaram de volta", "rappelé", "scritto due", "scritto tre",
    "scritto più", "già scritto", "escrito dos", "escrito tres", "escrito varias", "ya les",
    "ya os", "écrit deux", "écrit trois", "écrit plusieurs", "déjà écrit", "escrevi",
    "already wrote", "already written", "bereits geschrieben", "schon geschrieben",
)  # fmt: skip


def writes_again(text: str) -> bool | None:
    """True where the customer says they have written before and had no answer."""
    # The patterns are in lower case and read the text lowered: matching without case costs
    # ten times as much on every message.
    lowered = text.lower()
    if any(word in lowered for word in _COMPLAINT_WORDS) and _COMPLAINT.search(lowered):
        return True
    if not any(word in lowered for word in _AGAIN_WORDS):
        return None
    for match in _WRITES_AGAIN.finditer(lowered):
        # "That would save me a second email" is no second email.
        if not lowered.endswith(("save me a ", "save us a "), 0, match.start()):
            return True
    for match in _ORDINAL_TIME.finditer(lowered):
        if _ASKING.search(lowered, *_sentence_span(lowered, match)):
            return True
    return None


def _sentence_span(lowered: str, match: re.Match[str]) -> tuple[int, int]:
    """Where the sentence `match` stands in begins and ends: from the last stop or line break
    before it to the next stop after it (cheaper than splitting the text into sentences)."""
    start = max(lowered.rfind(".", 0, match.start()), lowered.rfind("\n", 0, match.start())) + 1
    end = lowered.find(".", match.end())
    return start, end if end >= 0 else len(lowered)


_DEATH_WORDS = ("passed away", "deceased", "late ", "verst", "décè", "décéd", "decedut",
                "falleci", "faleci", "morreu", "murió")  # fmt: skip


def bereavement(text: str) -> bool | None:
    """True where the customer writes of someone who has died."""
    return says(text, _DEATH_WORDS, _BEREAVEMENT)


# The service failing now, in the present tense: "sans coupure" (none wanted during a port)
# and "the outage last week" (a credit dispute) are not.
_FAULT = re.compile(
    r"\bno dial tone\b|\b(?:we|i|customers) (?:can't|cannot|can not|are unable to) "
    r"(?:make|receive|place|get) "
    r"(?:any )?(?:phone )?calls\b|\bcalls? (?:keep |are |is )(?:dropping|cutting out|failing)\b|"
    r"\b(?:phones?|lines?|service|number|calls) (?:is|are|has been|have been) "
    r"(?:down|dead|not working)\b|\b(?:phones?|lines?|service|number) (?:stopped|isn't|aren't) "
    r"working\b|"
    r"\bkein(?:en)? freizeichen\b|\btut-tut\b|\bnur (?:ein |das )?besetztzeichen\b|"
    r"\b(?:telefon|leitung|anschluss|nummer)\w* (?:funktioniert|geht) (?:seit \w+ )?nicht\b|"
    r"\b(?:la linea|il telefono|il centralino) (?:è muta|non funziona)\b|"
    r"\bnon (?:riceviamo|riusciamo a (?:fare|ricevere)) (?:più )?(?:le )?chiamate\b|"
    r"\bplus de tonalité\b|"
    r"\bne (?:recevons|pouvons) plus (?:recevoir |passer )?(?:d'|les |aucun )?appels?\b|"
    r"\b(?:la ligne|le téléphone|le standard) ne (?:fonctionne|marche) plus\b|"
    r"\bno (?:recibimos|podemos hacer|podemos recibir) (?:ninguna )?llamadas?\b|"
    r"\bse (?:cortan|caen) las llamadas\b|\b(?:la línea|el teléfono) no funciona\b|"
    r"\bnão (?:recebemos|conseguimos fazer|conseguimos receber) chamadas\b|"
    r"\bas chamadas caem\b|\b(?:a linha|o telefone) não funciona\b"
)
# Calls that reach us and then fail: "they hear the greeting and then silence, and the call
# drops". Read apart, on its own words: "call" is in most mail.
_DROPPED = re.compile(
    r"\b(?:the )?calls? (?:then )?drops?\b|\bhear (?:only |just )?(?:silence|nothing|dead air)\b|"
    r"\b(?:der anruf|das gespräch) bricht (?:\w+ )?ab\b|\bla chiamata cade\b|"
    r"\bl'appel (?:se )?coupe\b|\bse corta la llamada\b|\ba chamada cai\b"
)
_DROPPED_WORDS = (
    "drop",
    "silence",
    "nothing",
    "dead air",
    "bricht",
    "cade",
    "coupe",
    "corta",
    "cai",
)
_FAULT_WORDS = (
    "dial tone", "calls", "down", "dead", "working", "freizeichen", "tut-tut", "besetzt",
    "nicht", "muta", "funziona", "chiamate", "tonalité", "appel", "marche", "fonctionne",
    "llamadas", "funciona", "chamadas",
)  # fmt: skip


def reports_fault(text: str) -> bool | None:
    """True where the customer says their service is failing now."""
    return says(text, _FAULT_WORDS, _FAULT) or says(text, _DROPPED_WORDS, _DROPPED)


# Someone else running up calls on the account: a fraud word, in a sentence about calls or
# charges ("Anrufe nach Lettland, die niemand bei uns geführt hat. Wir vermuten einen
# Missbrauch unseres SIP-Zugangs"); not a phishing mail, not "no es un fraude".
_FRAUD = re.compile(
    r"\b(?:toll[- ]fraud|fraud\w*|hacked|compromised|unauthori[sz]ed (?:calls|charges|use)|"
    r"calls? (?:that )?(?:nobody|no one|none of us) (?:here )?(?:made|placed)|"
    r"calls we (?:never|didn't|did not) (?:make|made|place)|"
    r"betrug\w*|gehackt|missbrauch\w*|niemand (?:bei uns |von uns )?(?:hat )?(?:telefoniert|"
    r"angerufen|geführt|getätigt)|frode|hackerat\w*|nessuno (?:di noi |in ufficio )?ha "
    r"(?:chiamato|telefonato|fatto)|fraude\w*|piraté\w*|piratage|personne (?:chez nous |ici )?"
    r"(?:n'a|ne les a) (?:appelé|téléphoné|faits?)|hackead\w*|nadie (?:en la oficina |de "
    r"nosotros )?(?:llamó|ha llamado)|ninguém (?:aqui |no escritório )?(?:ligou|fez))|"
    # Calls "we did not make", or not authorised, in the customer's words.
    r"\b(?:that|which) we (?:never|didn't|did not) (?:make|made|place|placed)\b|"
    r"\bque (?:nosotros )?no (?:hicimos|hemos hecho|realizamos|hemos realizado)\b|"
    r"\bdie wir (?:nicht|nie) (?:gemacht|geführt|getätigt) haben\b|"
    r"\bche (?:noi )?non abbiamo (?:mai )?(?:fatto|effettuato)\b|"
    r"\bque nous n'avons (?:pas|jamais) (?:passés|faits|passé|fait)\b|"
    r"\bque (?:nós )?não (?:fizemos|realizamos)\b|"
    r"\b(?:llamadas|chiamate|appels|anrufe|chamadas) (?:\w+ )?(?:no autorizadas|non autorizzate|"
    r"non autorisés|nicht autorisiert\w*|não autorizadas)"
)
_ABOUT_CALLS = re.compile(
    r"call|minute|charge|anruf|gespräch|telefon|kosten|sip|chiamat|telefonat|addebit|costi|"
    r"appel|frais|minutes|llam|cargo|chamad|ligou|custo|cobran"
)
# "No es un fraude", "lo reporto al banco como fraude", "un tentativo di frode l'anno scorso".
_NOT_FRAUD = re.compile(
    r"\b(?:no|not|ni|nicht|kein\w*|non|nem|pas)\b[^.,;]{0,20}$|"
    r"\b(?:como|as|als|comme|come|tentativo di|tentative de|intento de|attempted)\s+$"
)
_FRAUD_WORDS = (
    "fraud", "hack", "compromised", "unauthori", "nobody", "no one", "none of us", "never",
    "didn't", "did not", "betrug", "missbrauch", "niemand", "frode", "nessuno", "piraté",
    "piratage", "personne", "nadie", "ninguém", "hicimos", "hecho", "realiz", "gemacht",
    "geführt", "getätigt", "abbiamo", "n'avons", "fizemos", "autoriz", "autoris",
)  # fmt: skip


def suspects_fraud(text: str) -> bool | None:
    """True where the customer says someone else is making calls or charges on the account."""
    lowered = text.lower()
    if not any(word in lowered for word in _FRAUD_WORDS):
        return None
    for match in _FRAUD.finditer(lowered):
        start, end = _sentence_span(lowered, match)
        if _NOT_FRAUD.search(lowered, start, match.start()) is None and _ABOUT_CALLS.search(
            lowered, start, end
        ):
            return True
    return None
