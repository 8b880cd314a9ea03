"""Questions about a port that have a standard answer: whether the line goes dead during the
move, at what time of day it happens, whether there is a form, how to send the documents, how
long it takes.

Reviewers of random drafts found such questions unanswered in about one draft in four: the
request's template said what to send, and "¿me quedo sin línea?" went by. Each topic here
has an answer in `replies/locales` (table `[common_answers]`), said where the case type has
one (`replies/common_answers.py`).

Only the customer's own question sentences are read, each for the topics whose words it
holds; a question may touch two ("Est-ce possible sans coupure, et combien de temps ?"). A
form is also asked for outright ("Send me whatever form is missing").
"""

from __future__ import annotations

import re

from bot.extract.gated import says
from bot.extract.questions import question_sentences

# Each topic: the words one of which every match holds (lower case), and the pattern.
_TOPICS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        # "Will the line be dead?", "ohne Unterbrechung?", "sem downtime?"
        "interruption",
        (
            "interrup",
            "downtime",
            "down time",
            "dead",
            "interruz",
            "without",
            "offline",
            "cut",
            "miss",
            "lose",
            "unterbrech",
            "ausf",
            "erreichbar",
            "senza",
            "raggiungibil",
            "disserviz",
            "sin ",
            "cort",
            "caíd",
            "sem ",
            "fora do ar",
            "coup",
            "hors service",
            "sans ",
        ),
        re.compile(
            r"\binterrupt|\bdown ?time\b|\b(?:go|goes|going|be|is) dead\b|\bwithout (?:any )?"
            r"(?:service|phones?|lines?|calls)\b|\b(?:be|go|goes|going) offline\b|"
            r"\bcut off\b|\b(?:miss|lose|losing|missing) (?:any )?calls\b|"
            r"\bunterbrech|\bausf[aä]ll|\bnicht erreichbar\b|"
            r"\binterruzion|\bsenza (?:linea|servizio|telefono)\b|\bnon raggiungibil|"
            r"\bdisservizi|"
            r"\binterrupci[óo]n|\bsin (?:servicio|l[íi]nea|tel[ée]fono)\b|\bcortad[oa]s?\b|"
            r"\bca[íi]da\b|"
            r"\binterrup[çc][ãa]o|\bsem (?:servi[çc]o|linha|telefone|downtime)\b|"
            r"\bfora do ar\b|"
            r"\bcoupure|\bcoup[ée]e?s?\b|\bhors service\b|"
            r"\bsans (?:ligne|service|t[ée]l[ée]phone)\b"
        ),
    ),
    (
        # "What time of day does the cutover happen?", "a che ora avviene il passaggio?"
        "time_of_day",
        ("time", "morning", "afternoon", "evening", "uhr", "tageszeit", "ora", "hora", "heure"),
        re.compile(
            r"\bwhat time\b|\btime of (?:the )?day\b|\bwhich time\b|"
            r"\b(?:in the|the) (?:morning|afternoon|evening)\b|\bmorning or\b|"
            r"\buhrzeit\b|\bum wie ?viel uhr\b|\btageszeit\b|"
            r"\ba che or[ae]\b|\b(?:quale|che|in che) orario\b|\bl'orario\b|"
            r"\ba qu[ée] hora\b|\bqu[ée] hora\b|\bla hora\b|\bhora aproximada\b|\ba primera hora\b|"
            r"\b(?:que|qual|o|em que) hor[áa]rio\b|\bque horas\b|"
            r"\b[àa] quelle heure\b|\bquelle heure\b|\bl'heure\b"
        ),
    ),
    (
        # "Is there a form?", "¿Me mandan el formulario de autorización?"
        "form",
        ("form", "template", "vorlage", "modul", "modell", "plantilla", "modelo", "modèle"),
        re.compile(
            r"\bforms?\b(?! of)|\btemplate\b|\bformular\w*|\bvorlage\b|\bmodul[oi]\b|"
            r"\bformulario\b|\bplantilla\b|\bformul[áa]rio\b|\bmodelo\b|\bformulaire\b|\bmod[èe]le\b"
        ),
    ),
    (
        # "Can she fax it back?", "Wo schicke ich sie hin?", "¿Dónde mando?"
        "sending",
        (
            "fax",
            "post",
            "send",
            "mail",
            "upload",
            "schick",
            "send",
            "mand",
            "invi",
            "env",
            "courrier",
            "transm",
        ),
        re.compile(
            r"\bby (?:fax|post|mail)\b|\bfax(?:ed|ing)? (?:it|them|back)\b|\bper fax\b|"
            r"\b(?:where|how) (?:do|should|can|shall) (?:i|we) (?:send|upload)\b|"
            r"\bwhere (?:to|should i|should we) send\b|"
            r"\bzur[üu]ckfax|\bper post\b|\bwo(?:hin)? (?:schicke|sende)\b|\bwohin\b|"
            r"\bper posta\b|\b(?:dove|come) (?:li |la |lo |le )?(?:mando|invio|mandiamo|inviamo)\b|"
            r"\bpor (?:fax|correo postal)\b|"
            r"\b(?:d[óo]nde|c[óo]mo) (?:se |lo |la |los |las )?"
            r"(?:mando|env[íi]o|mandamos|enviamos)\b|"
            r"\bpor correio\b|"
            r"\b(?:onde|como) (?:o |a |os |as )?(?:mando|envio|mandamos|enviamos)\b|"
            r"\bpar (?:fax|courrier|la poste)\b|"
            r"\bo[ùu] (?:dois-je |devons-nous |faut-il )?(?:les |l'|le |la )?envoyer\b|"
            r"\bcomment (?:vous )?(?:les |l'|le |la )?(?:envoyer|transmettre)\b"
        ),
    ),
    (
        # "How long does it take?", "Quanto ci vuole?", "Délai ?"
        "duration",
        (
            "how long",
            "how many",
            "how much time",
            "timeline",
            "lange",
            "dauer",
            "wie viel zeit",
            "quanto",
            "tempi",
            "cuánto",
            "cuanto",
            "tarda",
            "plazo",
            "cuántos",
            "demora",
            "prazo",
            "quantos",
            "combien",
            "délai",
            "delai",
        ),
        re.compile(
            r"\bhow long\b|\bhow many (?:business |working )?days\b|\bhow much time\b|"
            r"\btimeline\b|\bwie lange?\b|\bdauert?\b|\bwie viel zeit\b|"
            r"\bquanto tempo\b|\bquanto ci vuole\b|\btempi\b|\bquanto dura\b|"
            r"\bcu[áa]nto (?:tiempo|tarda)\b|\bplazos?\b|\bcu[áa]ntos d[íi]as\b|"
            r"\bdemora\b|\bprazos?\b|\bquantos dias\b|"
            r"\bcombien de (?:temps|jours)\b|\bd[ée]lais?\b"
        ),
    ),
    (
        # "AT&T account is under my wife name, is this problem?", "¿la carta la firma el
        # titular o cualquiera de la clínica?": whose name, and who signs.
        "holder",
        (
            "name",
            "sign",
            "nombre",
            "titular",
            "firm",
            "nome",
            "assin",
            "nom ",
            "signe",
            "namen",
            "unterschr",
            "intestat",
        ),
        re.compile(
            r"\b(?:account|bill|line|number|contract)s? (?:is|are) (?:still )?(?:in|under) "
            r"(?:my|our|the|his|her|a) (?:\w+ ){0,2}name\b|"
            r"\bwho (?:must|has to|should|needs to|can|may) sign\b|\bcan (?:i|he|she) sign\b|"
            r"\b(?:est[áa]|va) a nombre de\b|\bqui[ée]n (?:la |lo )?(?:firma|tiene que firmar|"
            r"debe firmar)\b|\b(?:la )?firma(?:r)? el titular\b|\bel titular (?:es|aparece)\b|"
            r"\bo titular (?:na|da|no|é)\b|\bquem (?:tem de |deve |pode )?assina|"
            r"\bassinada por\b|\best[áa] em nome d|"
            r"\best au nom d|\bqui (?:doit )?signe|\bpeut-il signer\b|"
            r"\b(?:läuft|ist) auf (?:den namen )?(?:meine|meines|unsere|unseres)\w*\b|"
            r"\bwer (?:muss |darf |soll )?(?:das |den auftrag |die vollmacht )?unterschreib|"
            r"\bintestat[oa] (?:a|al|alla|ad)\b|\bchi (?:deve )?firma\b"
        ),
    ),
    (
        # "Müssen alle vier gleichzeitig umziehen, oder eine nach der anderen?", "E gli altri
        # due numeri che ho da voi restano attivi?"
        "together",
        (
            "same time",
            "at once",
            "one by one",
            "one at a time",
            "gleichzeitig",
            "nacheinander",
            "insieme",
            "alla volta",
            "a la vez",
            "uno por uno",
            "de uma vez",
            "de cada vez",
            "même temps",
            "un par un",
            "other",
            "altri",
            "demás",
            "autres",
            "anderen",
            "outros",
            "restan",
            "restent",
            "bleiben",
            "ficam",
            "same day",
        ),
        re.compile(
            r"\b(?:all )?at (?:the same time|once)\b|\bone (?:by|at a) (?:one|time)\b|"
            r"\bon the same day\b|\bgleichzeitig\b|\bnacheinander\b|\beine nach der anderen\b|"
            r"\btutti insieme\b|\buno alla volta\b|\ba la vez\b|\buno por uno\b|"
            r"\bde uma (?:s[óo] )?vez\b|\bum de cada vez\b|\ben même temps\b|\bun par un\b|"
            r"\b(?:other|remaining) (?:\w+ )?(?:numbers?|lines?)\b[^?]{0,40}\b(?:stay|remain|keep"
            r" working|active)\b|\baltri\b[^?]{0,40}\brestano\b|"
            r"\bdemás\b[^?]{0,40}\b(?:siguen|quedan)\b|\bautres\b[^?]{0,40}\brestent\b|"
            r"\banderen\b[^?]{0,40}\bbleiben\b|\boutros\b[^?]{0,40}\b(?:ficam|continuam)\b"
        ),
    ),
)

# "How long will the number be unreachable?" asks about the interruption, not the port's time;
# "sans coupure, et combien de temps ?" asks both, in two clauses.
_CLAUSE_BREAK = re.compile(r",|;| (?:and|or|und|oder|e|o|y|ou|et) ")
# Questions on a topic's words that ask something else: "why does it take a week?" is a
# complaint, "AT&T bills the internet without interruption?" is about a bill, "if your form
# won't take the number?" is about our web form, which a person looks into.
_NOT = {
    "duration": re.compile(
        r"\b(?:why|warum|wieso|perch[ée]|por ?qu[ée]|porque|pourquoi)\b|"
        r"\bso lange?\b|\btanto (?:tempo|tiempo)\b|\bsi longtemps\b"
    ),
    "interruption": re.compile(r"\b(?:bill|invoice|rechnung|fattur|factur)\w*"),
    "form": re.compile(
        r"\bif your (?:own )?(?:web |online )?form\b|\bform (?:won't|doesn't|does not|will not)\b|"
        r"\bwenn ihr (?:eigenes )?formular\b|"
        # "¿Por qué el formulario me rechaza el código postal?": a form that refuses.
        r"\b(?:rechaz|reject|refus|lehnt|ablehn|rifiut|recus|rejeit)\w*"
    ),
}


# A form asked for outright, not as a question ("Send me whatever form is missing",
# "Mandem-me o formulário, ou o link", "Quiero el documento para firmarlo").
_FORM_ASKED = re.compile(
    r"\bsend (?:me|us) (?:the |a |an |your |whatever |any )?(?:\w+ )?(?:forms?|template)\b|"
    r"\bschicken sie (?:mir|uns) (?:bitte )?(?:das|ein|ihr) (?:\w+ )?formular\b|"
    r"\b(?:mandatemi|mandateci|inviatemi|inviateci) (?:il|i) modul[oi]\b|"
    r"\b(?:m[áa]nd|env[íi])en(?:me|nos) (?:el|un) formulario\b|"
    r"\bquiero el documento para firmar\w*|"
    r"\b(?:mandem|enviem)-(?:me|nos) o formulário\b|"
    r"\benvoyez-(?:moi|nous) (?:le|un|votre) (?:\w+ )?formulaire\b"
)
_FORM_WORDS = ("form", "modul", "document para")


def common_questions(text: str) -> tuple[str, ...] | None:
    """The topics with a standard answer that the customer's questions ask about, in the
    order of `_TOPICS`; None where none."""
    found: set[str] = set()
    for question in question_sentences(text):
        lowered = question.lower()
        asked = {
            topic
            for topic, words, pattern in _TOPICS
            if any(word in lowered for word in words)
            and pattern.search(lowered)
            and not (topic in _NOT and _NOT[topic].search(lowered))
        }
        if {"interruption", "duration"} <= asked and _one_clause(lowered):
            asked.discard("duration")
        found |= asked
    if "form" not in found and says(text, _FORM_WORDS, _FORM_ASKED):
        found.add("form")
    return tuple(topic for topic, _, _ in _TOPICS if topic in found) or None


def _one_clause(lowered: str) -> bool:
    """Whether the question's interruption and its duration are said in one clause."""
    spans = [pattern.search(lowered) for topic, _, pattern in _TOPICS]
    named = dict(zip((topic for topic, _, _ in _TOPICS), spans, strict=True))
    interruption, duration = named["interruption"], named["duration"]
    if interruption is None or duration is None:
        return False
    start, end = sorted((interruption.start(), duration.start()))
    return _CLAUSE_BREAK.search(lowered, start, end) is None
