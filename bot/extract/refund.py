"""Whether the customer asks us for money back: a refund, a credit note, a "Gutschrift".

Money is a person's decision: such a message goes to the billing team, whatever else it asks.
The words alone do not say it ("my employer reimburses me", "merci pour le remboursement",
"invoices for the expense refund"): a sentence counts only where the refund is asked of us,
by an imperative ("remboursez-moi", "erstatten Sie", "rimborsatemi", "and refund the $299")
or a verb of wanting close before it ("I expect a credit note", "quero o reembolso").
"""

from __future__ import annotations

import re

from bot.extract.sentences import split_sentences

# Cheap first look: most mail names no refund and skips the patterns.
_WORDS = (
    "refund", "reimburs", "credit note", "erstatt", "gutschrift", "rimbors", "nota di credito",
    "rembours", "reembols", "estorn", "nota de crédito", "devuelv", "devuélv", "devolv", "abono",
    "devoluc", "devoluç", "indietro", "restitu", "money back", "geld zurück", "cargo", "cobro",
    "charge", "fee", "addebit", "gebühr", "abbuchung", "belastung", "prélèvement", "frais",
    "cobranç", "taxa", "penal", "credit", "crédit",
)  # fmt: skip
_REFUND = (
    r"(?:refund\w*|reimburs\w*|credit note|\w*erstatt\w*|gutschrift\w*|rimbors\w*|"
    r"nota di credito|rembours\w*|reembols\w*|estorn\w*|nota de crédito|"
    # "Gostaríamos de solicitar um crédito proporcional", "we'd like a credit for the
    # outage"; not a credit card.
    r"(?:um|un|uno|una|a) (?:crédito|credito|credit)\b(?! cards?\b))"
)
# Addressed to us: an imperative, or "refund" opening a clause with its object.
_IMPERATIVE = re.compile(
    r"(?:^|\band\b|\bplease\b|\bor\b|,)\s*refund\b|"
    r"\brefund (?:me|us|the|what|every|all|it|them|my|our|any|today|this|that|those|these)\b|"
    r"\bremboursez\b|"
    r"\b(?:merci de|et|et de|pouvez-vous|pourriez-vous)\s+(?:me|nous)\s+rembourser\b|"
    r"\berstatten sie\b|\brimborsate\w*|\brimborsatemi\b|"
    r"\breembols(?:en|em|enme|ennos)\b|\breembólse\w*|\bestornem\b|"
    r"\b(?:nos|me) emit(?:am|issem|an) (?:uma|una) nota de crédito",
    re.IGNORECASE,
)
# A verb of wanting or asking, close before the refund ("I expect a credit note").
_WANTING = re.compile(
    r"\b(?:want|expect|demand|would like|'d like|asking for|request(?:ing)?|able to|"
    r"can you|could you|would you|possible|veux|voulons|voudr\w+|aimer\w*|exige\w*|"
    r"je demande|nous demandons|souhait\w+|si possible|erwarte\w*|möchte\w*|will|verlange\w*|"
    r"fordere\w*|hätte gerne?|voglio|vorrei|chiedo|pretendo|potete|possibile|quiero|quisiera|"
    r"exijo|solicito|solicitar|pueden|podrían|quero|queremos|gostar\w+|agradec\w+|podem|"
    r"poderiam)\b"
    rf"[^.;:!?()]{{0,60}}{_REFUND}",
    re.IGNORECASE,
)
# Asked for nothing: "Eine Gutschrift will ich gar nicht", "less about a refund than…".
_DECLINED = re.compile(
    r"\b(?:will|möchte) ich (?:gar |auch )?nicht\b|\bkeine (?:gutschrift|erstattung)|"
    r"\b(?:don't|do not) (?:want|need|expect)\b|\bnot (?:asking|looking) for\b|"
    r"\bless about\b|\bne (?:veux|demande) pas\b|\bnon (?:voglio|chiedo)\b|"
    r"\bno (?:quiero|pido)\b|\bnão (?:quero|peço)\b",
    re.IGNORECASE,
)
# Lower case, read on lower-cased text: matching without case costs several times as much.
_REFUND_WORD = re.compile(_REFUND)
# "Devuélvanme lo cobrado", "devolvam o que cobraram", "aplicar el abono": money back without
# a refund word; "devuélvala firmada" (the LOA) and "devolver algún aparato" are not.
_GIVE_BACK = re.compile(
    r"\b(?:devuélvanme|devuélvannos|devolvedme|devolvednos)\b|"
    r"\bdevolvam(?:-me|-nos)?\b[^.;:!?]{0,40}(?:cobr\w+|€|\$|dinheiro|\bmes(?:es)?\b)|"
    # "Aplicar el abono correspondiente": a credit; "el abono" alone is also a subscription.
    r"\b(?:aplicar|apliquen|aplíquen\w*|hacer|hagan|emitir|emitan)\s+(?:el\s+|un\s+)?"
    r"(?:abono|nota de abono)\b|"
    # "Quiero un abono por estas semanas": a credit wanted, not "el abono" (the plan).
    r"\b(?:quiero|queremos|exijo|pido|solicito)\s+un\s+abono\b|"
    # "Que nos devuelvan lo cobrado", "quiero la devolución", "voglio indietro il canone".
    r"\b(?:nos|me)\s+(?:lo\s+|la\s+)?devuelvan\b|\bdevuelvan\s+lo\s+cobrado\b|"
    r"\b(?:quiero|queremos|exijo)\s+la\s+devolución\b|"
    r"\b(?:quero|queremos|exijo)\s+a\s+devolução\b|"
    r"\b(?:voglio|rivoglio|vorrei|vogliamo|rivogliamo)\s+(?:indietro|la restituzione)\b|"
    r"\b(?:i|we) want (?:my|our) money back\b|\bgeld zurück\b|"
    # A charge to be taken off: "retiren ese cargo", "reverse the charge", "stornate
    # l'addebito", "stornieren Sie die Gebühr".
    r"\b(?:retiren|quiten|anulen|eliminen|reverse|remove|waive|refund|stornate|annullate|"
    r"togliete|stornieren sie|streichen sie|annulez|supprimez|retirem|anulem|estornem)\s+"
    r"(?:(?:that|this|the|those|these|ese|este|el|los|esos|l'|quell'|la|le|die|diese|den|ce|"
    r"cette|ces|o|os|esse|essa|a)\s*){0,2}(?:\w+\s+){0,2}"
    r"(?:cargos?|cobros?|charges?|fees?|addebit[oi]|gebühr\w*|abbuchung\w*|belastung\w*|"
    r"prélèvements?|frais|cobranças?|taxas?|penalización|penalty)\b"
)


def asks_refund(text: str) -> bool | None:
    """True where a sentence asks us for money back; None where none does."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):
        return None
    # "Charge" and "fee" are common words: split into sentences only what can match.
    if _REFUND_WORD.search(lowered) is None and _GIVE_BACK.search(lowered) is None:
        return None
    for sentence in split_sentences(text):
        if _DECLINED.search(sentence):
            continue
        said = sentence.lower()
        if _GIVE_BACK.search(said):
            return True
        if _REFUND_WORD.search(said) and (
            _IMPERATIVE.search(sentence) or _WANTING.search(sentence)
        ):
            return True
    return None


# Charged still, after the numbers left or the service ended: "we're still being charged for
# numbers that left in June", "Les 4 numéros partis chez Telus sont encore facturés". Read for
# a removal, a cancellation or a port away: billing checks the charges since.
_CHARGED_STILL = re.compile(
    r"\bstill (?:paying|being (?:charged|billed)|charg(?:ed|ing)|bill(?:ed|ing))\b|"
    r"\b(?:pago|paghiamo|pagando) ancora\b|\bancora (?:pago|paghiamo|addebitat\w*|fatturat\w*)|"
    r"\b(?:sigo|seguimos) (?:pagando|pagándo\w*)\b|\bme siguen cobrando\b|"
    r"\bainda (?:estou a pagar|estamos a pagar|pago|pagamos|estou pagando|estamos pagando)\b|"
    r"\bcontinu\w* a (?:pagar|cobrar|pagare|fatturare|addebitare)\b|"
    r"\b(?:je|nous) (?:paie|payons) (?:toujours|encore)\b|\b(?:toujours|encore) factur\w*\b|"
    r"\bzahlen? (?:immer )?noch\b|"
    r"\b(?:immer )?noch (?:berechnet|abgerechnet|in rechnung gestellt)\b"
)
_CHARGED_WORDS = (
    "still", "ancora", "sigo", "seguimos", "siguen", "ainda", "continu", "toujours", "encore",
    "noch",
)  # fmt: skip


def charged_after_end(text: str) -> bool | None:
    """True where the customer says they are still charged for what has left or ended."""
    lowered = text.lower()
    if not any(word in lowered for word in _CHARGED_WORDS):
        return None
    return True if _CHARGED_STILL.search(lowered) else None
