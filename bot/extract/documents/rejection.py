"""Rejection reasons mapped to the codes of porting-domain.md §3, with the correction each needs.

A code is found when the notice names it (PASSCODE_PIN_INVALID) or says it in words: a topic
("ZIP code") and a problem ("does not match") of the same language in one sentence, or a phrase
that is a problem on its own ("pending order"). Words are read in English, German, Italian,
Portuguese, Spanish and French. CORRECTIONS is what the reply writers tell the customer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from bot.extract.documents.folding import fold
from bot.extract.documents.language import written_in

_NAME_FIX = "Use the exact legal name on the losing carrier's account, as on the bill or CSR."
_FOC_FIX = "Choose a new port date the carrier allows and resubmit."
_SPLIT_FIX = "Split the order: one request per account, each with its own LOA and bill."
_OPS_FIX = "Carrier or NPAC-side problem: porting operations escalate it; no customer action."
_NOT_PORTABLE_FIX = "The number cannot move here: offer a new number or BYOC instead."

CORRECTIONS = MappingProxyType(
    {
        "ACCOUNT_NUMBER_MISMATCH": "Send the carrier-level account number exactly as on the "
        "bill or CSR (a reseller or portal ID is not it).",
        "ACCOUNT_NUMBER_REQUIRED": "Send the carrier-level account number exactly as on the "
        "bill or CSR.",
        "AUTH_NAME_MISMATCH": "Ask the losing carrier who is authorized on the account, and "
        "have that person sign a new LOA.",
        "AUTH_PERSON_MISMATCH": "Ask the losing carrier who is authorized on the account, and "
        "have that person sign a new LOA.",
        "BTN_ATN_MISMATCH": "Take the billing telephone number (BTN) from the CSR and map each "
        "number to its BTN.",
        "BUSINESS_NAME_MISMATCH": _NAME_FIX,
        "ENTITY_NAME_MISMATCH": _NAME_FIX,
        "LOCATION_MISMATCH": "Use the service address exactly as on the CSR, not the billing "
        "address.",
        "POSTAL_CODE_MISMATCH": "Use the ZIP/postal code of the service address exactly as on "
        "the CSR.",
        "PASSCODE_PIN_INVALID": "Get a fresh port-out PIN from the losing carrier and send it "
        "as given; do not guess.",
        "DIFFERENT_ACCOUNTS": _SPLIT_FIX,
        "PHONE_NUMBER_MISMATCH": _SPLIT_FIX,
        "DIFFERENT_RATE_CENTERS": "The order must be split by rate center; we do this for you.",
        "PORTING_ORDER_SPLIT_REQUIRED": "The order must be split; we do this for you.",
        "FOC_REJECTED": _FOC_FIX,
        "FOC_EXPIRED": _FOC_FIX,
        "ILLEGIBLE_LOA": "Send a complete, legible LOA with every field filled in, signed and "
        "dated.",
        "LSR_PENDING": "Ask the losing carrier to finish or cancel the open order on the "
        "account, and make no other changes to it until the port completes.",
        "LSP_FREEZE": "The account holder must ask the losing carrier to lift the port freeze "
        "(this can take 1-3 weeks).",
        "MAIN_BTN_PORTING": "List every other number on the account as keep or disconnect, and "
        "name a new BTN for the lines that stay.",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE": "Remove the hunt group, DSL or other features with "
        "the losing carrier, or name a new pilot number.",
        "PHONE_NUMBER_NOT_PORTABLE": _NOT_PORTABLE_FIX,
        "RATE_CENTER_NOT_PORTABLE": _NOT_PORTABLE_FIX,
        "NUMBER_INACTIVE": "Reactivate the number with the losing carrier; it must be active "
        "to port.",
        "OUTSTANDING_BALANCE": "Settle the balance or port-away fee with the losing carrier, "
        "then resubmit.",
        "NEWER_AUTHORIZATION": "A newer authorization or a cancellation is on file: send a new "
        "signed LOA.",
        "PORT_TYPE_INCORRECT": "Confirm the line type (single or multi-line) with the losing "
        "carrier.",
        "INVALID_RESELLER": "Put the reseller (the company that bills the end user) on the LOA "
        "and order.",
        "OSP_IRRESPONSIVE": _OPS_FIX,
        "SV_CONFLICT": _OPS_FIX,
        "SV_UNKNOWN_FAILURE": _OPS_FIX,
    }
)
# Names the issue and other providers use for a §3 code.
ALIASES = MappingProxyType({"PENDING_ORDER": "LSR_PENDING", "PARTIAL_PORT": "MAIN_BTN_PORTING"})

# Problem words, by language. A topic that needs one counts only with a problem word of its own
# language in the same sentence, so English reads exactly as it did.
_PROBLEM = MappingProxyType(
    {
        "en": r"(mismatch|do(es)?\s*n[o']t\s+match|did\s*n[o']t\s+match|not\s+match|incorrect|"
        r"invalid|wrong|differ|missing|required|expired|not\s+(valid|found|on\s+file|provided)|"
        r"blank|unauthori[sz]ed)",
        "de": r"(stimm(t|en)\s+nicht|nicht\s+überein|weich(t|en)\s+ab|abweich\w*|falsch\w*|"
        r"fehl(t|en|end\w*|erhaft\w*)|ungültig\w*|unvollständig\w*|nicht\s+(korrekt|gültig|"
        r"angegeben|vorhanden|hinterlegt|bekannt|\w*berechtigt)|unbekannt|abgelaufen)",
        "it": r"(non\s+(corrispond\w*|coincid\w*|è\s+corrett\w*|è\s+valid\w*|valid\w*|"
        r"corrett\w*|presente|indicat\w*|autorizzat\w*)|errat\w*|sbagliat\w*|mancant\w*|"
        r"\bmanca\b|invalid\w*|incongruen\w*|difform\w*|scadut\w*|assente)",
        "pt": r"(não\s+(correspond\w*|coincid\w*|confere\w*|é\s+válid\w*|está\s+corret\w*|"
        r"foi\s+indicad\w*|autorizad\w*)|incorret\w*|errad\w*|inválid\w*|em\s+falta|"
        r"não\s+válid\w*|divergen\w*|expirad\w*|ausente)",
        "es": r"(no\s+(coincid\w*|correspond\w*|es\s+válid\w*|es\s+correct\w*|consta\w*|"
        r"(está\s+)?autorizad\w*|válid\w*)|incorrect\w*|erróne\w*|inválid\w*|\bfaltan?\b|caducad\w*|"
        r"vencid\w*)",
        "fr": r"(ne\s+correspond\w*\s+pas|ne\s+concorde\w*\s+pas|non\s+conforme|incorrect\w*|"
        r"erron\w*|invalide\w*|(?:non|pas)\s+valide\w*|manquant\w*|absent\w*|expiré\w*|"
        r"non\s+autorisé\w*|différent\w*)",
    }
)


def _refused_date(date: str, refused: str) -> str:
    """A date is refused in many words; it needs its own refusal words close by."""
    return rf"({date})[^.]{{0,60}}({refused})|({refused})[^.]{{0,60}}({date})"


# (code, needs a problem word, topic by language): checked in this order; earlier, more
# specific codes hide later ones in the same sentence ("ZIP code of the service address does
# not match"). Written with accents; text and topics are matched without them (folding.py).
_SAID: tuple[tuple[str, bool, Mapping[str, str]], ...] = (
    ("ILLEGIBLE_LOA", False, {
        "en": r"illegible|unreadable|not\s+legible|\bLOA\s+(is\s+)?(missing|incomplete|"
              r"not\s+(signed|attached|provided|legible))|(missing|incomplete|unsigned)\s+LOA\b|"
              r"blank\s+fields?",
        "de": r"unleserlich|nicht\s+lesbar|(portierungsauftrag|vollmacht|auftrag|formular)\s+"
              r"(ist\s+)?(unvollständig|nicht\s+unterschrieben|fehlt)|unterschrift\s+fehlt|"
              r"fehlende\s+unterschrift|nicht\s+unterschrieben",
        "it": r"illeggibile|non\s+leggibile|(modulo|delega)\s+(è\s+)?(incomplet\w*|mancante)|"
              r"firma\s+mancante|manca\s+la\s+firma|non\s+firmat\w*",
        "pt": r"ilegível|não\s+legível|(formulário|autorização)\s+(está\s+)?(incomplet\w*|"
              r"em\s+falta)|falta\s+(a\s+|de\s+)?assinatura|sem\s+(a\s+)?assinatura|não\s+assinad\w*",
        "es": r"ilegible|no\s+legible|(formulario|autorización)\s+(está\s+)?incomplet\w*|"
              r"falta\s+(la\s+)?firma\b|sin\s+firmar?\b|no\s+firmad\w*",
        "fr": r"illisible|non\s+lisible|(mandat|formulaire)\s+(est\s+)?(incomplet\w*|"
              r"manquant)|signature\s+manquante|absence\s+de\s+signature|non\s+signé\w*",
    }),
    ("LSR_PENDING", False, {
        "en": r"pending\s+(order|request|change|port|LSR)|(port|order)\s+(is\s+)?"
              r"(already\s+)?in\s+progress|open\s+order|another\s+(order|port)",
        "de": r"offene[nrs]?\s+(auftrag|portierung\w*|bestellung|vorgang)|bereits\s+(ein\s+)?"
              r"(laufende[nrs]?\s+)?(auftrag|portierungsauftrag|anbieterwechsel|portierung)|"
              r"bereits\s+in\s+bearbeitung",
        "it": r"già\s+in\s+corso|(richiesta|ordine|pratica)\s+(\w+\s+){0,3}(pendente|aperta)|"
              r"altra\s+(richiesta|portabilità)\s+(\w+\s+){0,3}(in\s+corso|pendente)",
        "pt": r"já\s+em\s+curso|(pedido|processo)\s+(\w+\s+){0,3}pendente|outro\s+pedido\s+"
              r"(\w+\s+){0,3}(em\s+curso|pendente)",
        "es": r"ya\s+en\s+curso|(solicitud|orden|pedido)\s+(\w+\s+){0,3}pendiente|"
              r"otra\s+(solicitud|portabilidad)\s+(\w+\s+){0,3}(en\s+curso|pendiente)",
        "fr": r"déjà\s+en\s+cours|(demande|commande)\s+(\w+\s+){0,3}en\s+attente|"
              r"autre\s+demande\s+(\w+\s+){0,3}en\s+cours",
    }),
    ("MAIN_BTN_PORTING", False, {
        "en": r"partial\s+port|additional\s+(numbers|lines)|remaining\s+(numbers|lines)|"
              r"other\s+numbers\s+on\s+the\s+account|main\s+(BTN|number)\s+(is\s+)?porting",
        "de": r"teilportierung|weitere\s+(rufnummern|nummern)\s+(\w+\s+){0,3}(konto|vertrag|"
              r"anschluss)|restlichen?\s+rufnummern",
        "it": r"portabilità\s+parziale|altri\s+numeri\s+(\w+\s+){0,2}(contratto|conto|linea)|"
              r"numeri\s+(aggiuntivi|restanti)",
        "pt": r"portabilidade\s+parcial|outros\s+números\s+(\w+\s+){0,2}conta|"
              r"números\s+restantes",
        "es": r"portabilidad\s+parcial|otros\s+números\s+(\w+\s+){0,2}cuenta|"
              r"números\s+restantes",
        "fr": r"portabilité\s+partielle|autres\s+numéros\s+(\w+\s+){0,2}(compte|contrat)|"
              r"numéros\s+restants",
    }),
    ("DIFFERENT_ACCOUNTS", False, {
        "en": r"different\s+accounts|multiple\s+accounts|not\s+(found\s+)?on\s+(the|this)\s+"
              r"account|\bTNs?\s+not\s+found|do(es)?\s+not\s+belong",
        "de": r"verschiedene[nr]?\s+(konten|verträge|kundenkonten|kundennummern)|"
              r"gehör(t|en)\s+nicht\s+zu",
        "it": r"(contratti|conti)\s+divers[io]|non\s+(appartiene|appartengono)|"
              r"non\s+associat\w*\s+al\s+(contratto|conto|codice)",
        "pt": r"contas\s+diferentes|várias\s+contas|não\s+pertence\w*",
        "es": r"cuentas\s+(diferentes|distintas)|varias\s+cuentas|no\s+pertenece\w*",
        "fr": r"comptes\s+différents|plusieurs\s+comptes|n'appartien\w*\s+pas",
    }),
    ("LSP_FREEZE", False, {
        "en": r"\bfreeze\b|\bfrozen\b|port\s+protection|(port|transfer)\s+(lock|block)\b|"
              r"protected\s+against\s+(port|transfer)",
        "de": r"portierungssperre|wechselsperre",
        "it": r"blocco\s+(della\s+)?portabilità",
        "pt": r"bloqueio\s+(de|à|da)\s+portabilidade",
        "es": r"bloqueo\s+(de\s+|a\s+)?(la\s+)?portabilidad",
        "fr": r"blocage\s+(de\s+)?(la\s+)?portabilité|protégé\w*\s+contre\s+(le\s+)?transfert|"
              r"protection\s+contre\s+(le\s+)?transfert",
    }),
    ("NUMBER_INACTIVE", False, {
        "en": r"(is|are)\s+(inactive|disconnected|not\s+active)|inactive\s+number",
        "de": r"(rufnummer|nummer|anschluss)\s+(ist\s+)?(nicht\s+(mehr\s+)?(aktiv|geschaltet)|"
              r"inaktiv|abgeschaltet|gekündigt)",
        "it": r"(numero|linea)\s+(non\s+(è\s+)?attiv\w*|cessat\w*|disattivat\w*|inattiv\w*)",
        "pt": r"(número|linha)\s+(não\s+está\s+ativ\w*|inativ\w*|desativad\w*)",
        "es": r"(número|línea)\s+(no\s+está\s+activ\w*|inactiv\w*|dad[oa]\s+de\s+baja|"
              r"desactivad\w*)",
        "fr": r"(numéro|ligne)\s+(n'est\s+pas\s+acti\w*|inacti\w*|résilié\w*|désactivé\w*)",
    }),
    ("OUTSTANDING_BALANCE", False, {
        "en": r"outstanding\s+balance|past\s+due|unpaid|port[\s-]*(out|away)\s+fee",
        "de": r"offene[rn]?\s+(betrag|rechnung\w*|forderung\w*|saldo|posten)|"
              r"zahlungsrückstand|unbezahlt\w*",
        "it": r"insolut\w*|morosità|fatture\s+non\s+pagate",
        "pt": r"dívida|faturas?\s+(em\s+atraso|por\s+pagar)|valores\s+em\s+atraso",
        "es": r"\bdeuda|impago\w*|facturas?\s+(pendientes|impagadas)",
        "fr": r"impayé\w*|solde\s+(dû|débiteur)|factures?\s+en\s+retard",
    }),
    ("NEWER_AUTHORIZATION", False, {
        "en": r"(more\s+recent|newer)\s+(authori[sz]ation|LOA)|customer\s+(has\s+)?cancel+ed",
        "de": r"neuere[nrs]?\s+(auftrag|vollmacht|portierungsauftrag)|vom\s+kunden\s+"
              r"(storniert|widerrufen)",
        "it": r"delega\s+più\s+recente|(annullat\w*|revocat\w*)\s+dal\s+cliente",
        "pt": r"autorização\s+mais\s+recente|cancelad[oa]\s+pelo\s+cliente",
        "es": r"autorización\s+más\s+reciente|cancelad[oa]\s+por\s+el\s+cliente",
        "fr": r"mandat\s+plus\s+récent|annulée?\s+par\s+le\s+client",
    }),
    ("PHONE_NUMBER_NOT_PORTABLE", False, {
        "en": r"not\s+portable|cannot\s+be\s+ported|no\s+coverage",
        "de": r"nicht\s+portierbar|kann\s+nicht\s+portiert\s+werden",
        "it": r"non\s+(è\s+)?portabile|non\s+può\s+essere\s+portat\w*",
        "pt": r"não\s+(é\s+)?portável|não\s+pode\s+ser\s+portad\w*",
        "es": r"no\s+(es\s+)?portable|no\s+se\s+puede\s+portar",
        "fr": r"n'est\s+pas\s+portable|ne\s+peut\s+pas\s+être\s+porté\w*",
    }),
    ("PHONE_NUMBER_HAS_SPECIAL_FEATURE", False, {
        # DSL still on a copper line blocks a US port as a feature does.
        "en": r"hunt\s+group|special\s+feature|distinctive\s+ring|stranded\s+pilot|"
              r"\bDSL\s+(service|line|attached|on\s+(the|that)\s+line)|has\s+DSL\b",
    }),
    ("POSTAL_CODE_MISMATCH", True, {
        "en": r"\bzip\b|postal\s*code|post\s*code",
        "de": r"\bPLZ\b|postleitzahl",
        "it": r"\bCAP\b|codice\s+postale|codice\s+di\s+avviamento\s+postale",
        "pt": r"código\s+postal",
        "es": r"código\s+postal",
        "fr": r"code\s+postal",
    }),
    # The national porting codes (Italian migration code, Portuguese CVP, French RIO) are
    # the PIN's counterparts: the customer gets a fresh one from the losing carrier.
    ("PASSCODE_PIN_INVALID", True, {
        "en": r"\bPIN\b|pass\s*code|security\s+code",
        "de": r"\bPIN\b|kennwort|passwort|sicherheitscode",
        "it": r"\bPIN\b|codice\s+(di\s+)?(sicurezza|segreto|migrazione)|password",
        "pt": r"\bPIN\b|código\s+de\s+(segurança|acesso|validação)|\bCVP\b|palavra-passe",
        "es": r"\bPIN\b|código\s+de\s+seguridad|contraseña|clave\s+de\s+(acceso|seguridad)",
        "fr": r"\bPIN\b|\bRIO\b|code\s+(de\s+sécurité|secret|confidentiel)|mot\s+de\s+passe",
    }),
    ("BTN_ATN_MISMATCH", True, {
        "en": r"\bBTN\b|\bATN\b|billing\s+tele?phone|account\s+tele?phone|billing\s+number",
        "de": r"hauptrufnummer|stammrufnummer",
        "it": r"numero\s+principale|numero\s+di\s+riferimento",
        "pt": r"número\s+principal",
        "es": r"número\s+(principal|de\s+cabecera)",
        "fr": r"numéro\s+(principal|de\s+tête)",
    }),
    ("ACCOUNT_NUMBER_MISMATCH", True, {
        "en": r"account\s*(number|no\b|#)|\bBAN\b",
        "de": r"kundennummer|kunden-?nr\b|vertragsnummer|kundenkonto",
        "it": r"codice\s+(cliente|contratto)|numero\s+(di\s+)?(cliente|contratto)",
        "pt": r"(número|n\.?º)\s+de\s+(cliente|conta)|conta\s+de\s+cliente",
        "es": r"(número|n\.?º)\s+de\s+(cliente|contrato|abonado)|código\s+de\s+cliente",
        "fr": r"numéro\s+(de\s+)?(client|compte|contrat)|référence\s+client|compte\s+client",
    }),
    ("AUTH_NAME_MISMATCH", True, {
        "en": r"authori[sz](ed|ing)\s+(name|person|user|signer|signatory|signature|contact|"
              r"representative)|\bsigner\b|signatory|unauthori[sz]ed\s+signature|"
              r"authori[sz]ation\s+name",
        "de": r"unterzeichner\w*|zeichnungsberechtigt\w*|bevollmächtigt\w*|"
              r"vertretungsberechtigt\w*",
        "it": r"firmatario|legale\s+rappresentante|rappresentante\s+legale|"
              r"persona\s+autorizzata|firma\s+non\s+autorizzata",
        "pt": r"signatário|representante\s+legal|pessoa\s+autorizada|"
              r"assinatura\s+não\s+autorizada",
        "es": r"firmante|representante\s+legal|persona\s+autorizada|firma\s+no\s+autorizada",
        "fr": r"signataire|représentant\s+légal|personne\s+autorisée|"
              r"signature\s+non\s+autorisée",
    }),
    ("BUSINESS_NAME_MISMATCH", True, {
        "en": r"(business|company|customer|end[\s-]*user|entity|legal|account\s*holder)\s+name",
        "de": r"firmenname|firmierung|firmenbezeichnung|kundenname|name\s+des\s+(kunden|"
              r"anschlussinhabers|vertragsinhabers|inhabers)|anschlussinhaber|vertragsinhaber",
        "it": r"ragione\s+sociale|denominazione|intestatario|intestazione|"
              r"nome\s+(del\s+)?cliente|nominativo",
        "pt": r"denominação\s+social|nome\s+(do\s+)?(cliente|titular)|\btitular\b",
        "es": r"razón\s+social|nombre\s+(del\s+)?(cliente|titular)|\btitular\b",
        "fr": r"raison\s+sociale|dénomination|nom\s+(du\s+)?(client|titulaire)|titulaire",
    }),
    ("LOCATION_MISMATCH", True, {
        "en": r"\baddress\b|\blocation\b",
        "de": r"anschrift|adresse|standort|installationsort",
        "it": r"indirizzo|ubicazione|sede\s+di\s+installazione",
        "pt": r"morada|endereço|local\s+de\s+instalação",
        "es": r"dirección|domicilio|ubicación",
        "fr": r"adresse|lieu\s+d'installation",
    }),
    ("FOC_REJECTED", False, {
        "en": _refused_date(
            r"\bFOC\b|firm\s+order\s+commitment|requested\s+date|port\s+date|due\s+date",
            r"rejected|refused|not\s+available|unavailable|expired|in\s+the\s+past|too\s+soon|"
            r"invalid",
        ),
        "de": _refused_date(
            r"(portierungs|wunsch|wechsel)termin\w*|portierungsdatum|gewünschte[sn]?\s+datum",
            r"nicht\s+(möglich|verfügbar)|abgelehnt|in\s+der\s+vergangenheit|zu\s+früh|ungültig",
        ),
        "it": _refused_date(
            r"data\s+(di\s+)?(portabilità|espletamento|attivazione)|data\s+richiesta",
            r"non\s+(è\s+)?disponibile|rifiutat\w*|nel\s+passato|troppo\s+vicin\w*|"
            r"non\s+(è\s+)?valid\w*",
        ),
        "pt": _refused_date(
            r"data\s+(de\s+)?(portabilidade|ativação)|data\s+(pretendida|solicitada)",
            r"não\s+(está\s+)?disponível|recusad\w*|no\s+passado|demasiado\s+próxim\w*|"
            r"inválid\w*",
        ),
        "es": _refused_date(
            r"fecha\s+(de\s+)?(portabilidad|activación|ventana)|fecha\s+solicitada",
            r"no\s+(está\s+)?disponible|rechazad\w*|en\s+el\s+pasado|demasiado\s+próxim\w*|"
            r"no\s+(es\s+)?válid\w*",
        ),
        "fr": _refused_date(
            r"date\s+(de\s+)?(portabilité|portage|bascule|activation)|date\s+(souhaitée|"
            r"demandée)",
            r"non\s+disponible|indisponible|refusée?|rejetée?|dans\s+le\s+passé|trop\s+proche|"
            r"invalide",
        ),
    }),
)  # fmt: skip
_SAID_PATTERNS = tuple(
    (
        code,
        needs_problem,
        tuple((language, re.compile(fold(topic), re.I)) for language, topic in topics.items()),
    )
    for code, needs_problem, topics in _SAID
)
_PROBLEM_PATTERNS = tuple(
    (language, re.compile(fold(problem), re.I)) for language, problem in _PROBLEM.items()
)
# Codes an earlier one hides in the same sentence: a postcode is part of the address, and in
# "fehlende Unterschrift des Anschlussinhabers" the holder is whose signature, not a name; in
# "my FOC … flipped to Rejected - invalid authorizing signature" the port, not its date, was
# refused, for the signature.
_HIDES = {
    "POSTAL_CODE_MISMATCH": frozenset({"LOCATION_MISMATCH"}),
    "ILLEGIBLE_LOA": frozenset({"BUSINESS_NAME_MISMATCH", "FOC_REJECTED"}),
    "AUTH_NAME_MISMATCH": frozenset({"FOC_REJECTED"}),
}
_CODE_WORD = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?](?!\S)|\n|$)")


def codes_in(text: str) -> tuple[str, ...]:
    """The §3 codes a rejection notice gives, in the order it gives them."""
    found: dict[str, int] = {}
    for match in _CODE_WORD.finditer(text):
        code = ALIASES.get(match.group(), match.group())
        if code in CORRECTIONS:
            found.setdefault(code, match.start())
    # English is always read, as it always was; another language only when the notice is
    # written in it, because folded words collide ("expiré" is read as "expire").
    languages = {"en", *written_in(text)}
    # Folding keeps offsets, so sentence positions are positions in `text`.
    for sentence in _SENTENCE.finditer(fold(text)):
        said = sentence.group()
        problems = {
            language
            for language, problem in _PROBLEM_PATTERNS
            if language in languages and problem.search(said)
        }
        seen: list[str] = []
        for code, needs_problem, topics in _SAID_PATTERNS:
            if not any(
                language in languages
                and (language in problems or not needs_problem)
                and topic.search(said)
                for language, topic in topics
            ):
                continue
            if any(code in _HIDES.get(earlier, ()) for earlier in seen):
                continue
            seen.append(code)
            found.setdefault(code, sentence.start())
    return tuple(sorted(found, key=lambda code: found[code]))


def canonical_code(code: str) -> str:
    """The §3 code another name stands for ("PENDING_ORDER" is "LSR_PENDING")."""
    return ALIASES.get(code, code)


def correction(code: str) -> str:
    """What the customer must do for `code` (aliases accepted); a neutral line if unknown."""
    code = ALIASES.get(code, code)
    return CORRECTIONS.get(code, "Check the rejection details with porting operations.")
