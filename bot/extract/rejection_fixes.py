"""What a customer gives to fix a rejected port, in the message that reports it: "Il BTN giusto
è il (541) 555-0100", "Die korrekte Kontonummer lautet 001-7734", "Quello giusto è 88123-0040-7".

Only which detail is given is kept ("btn", "account_number"…), never its value: the reply
thanks the customer for it instead of asking for it again, and a PIN is never repeated.
"""

from __future__ import annotations

import re

from bot.extract.sentences import split_sentences

# "Right", "correct" or "new", then what is given: digits, or a copula and a value.
_RIGHT = (
    r"\b(?:right|correct|new|richtige\w*|korrekte\w*|neue\w*|giust[oa]|corrett[oa]|nuov[oa]|"
    r"bon(?:ne)?|nouve(?:au|l|lle)|correct[oa]|nuev[oa]|cert[oa]|corret[oa]|nov[oa])\b"
)
_GIVEN = re.compile(
    rf"{_RIGHT}[^.\n]{{0,60}}?(?:\d[\d .-]{{2,}}\d|"
    r"(?:\bis\b|\bist\b|\blautet\b|\bè\b|\bé\b|\bes\b|\best\b|:)\s*\S{2,})",
    re.IGNORECASE,
)
# The detail a sentence gives, by the words that name it; the first that matches counts.
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("btn", r"\bbtn\b|billing (?:telephone )?number|\bhauptrufnummer|numero di fatturazione"),
        ("pin", r"\b(?:pin|nip|passcode)\b"),
        ("code", r"\b(?:rio|cvp|codice|código|code|migrazione)\b"),
        (
            "account_number",
            r"account (?:number|no)|\bkonto(?:nummer)?\b|\bkundennummer|numero di conto|"
            r"numero cliente|codice cliente|numéro de compte|número de (?:cuenta|conta|cliente)",
        ),
        (
            "postal_code",
            r"\b(?:post ?code|zip|postal code|plz|postleitzahl|cap|cep)\b|código postal",
        ),
        ("tax_id", r"\b(?:nif|cif|vat|ust-id|siret)\b|partita iva|codice fiscale"),
        ("address", r"\b(?:address|adresse|indirizzo|dirección|morada|endereço)\b"),
        ("name", r"\b(?:name|nome|nom|nombre|ragione sociale|razón social|firmenname)\b"),
        ("date", r"\b(?:date|datum|data|fecha)\b"),
    )
)
# "Quello giusto è…", "the correct one is…", "ne hanno generato uno nuovo, 771203": the detail
# the rejection is about, unnamed.
_UNNAMED = re.compile(
    r"\b(?:quello|the|el|la|lo|o|a|le|die|der|das)\s+(?:right|correct|giust[oa]|corrett[oa]|"
    r"correct[oa]|cert[oa]|corret[oa]|bon(?:ne)?|richtige|korrekte)\s*(?:one\s*)?"
    r"(?:is|è|es|é|est|ist|lautet|:)|"
    r"\b(?:uno nuovo|uno nuevo|un nuevo|one new|a new one|um novo|un nouveau)\b\W{0,3}\d",
    re.IGNORECASE,
)
# A new or corrected LOA or form sent with the message ("Ein entsprechend angepasstes Formular
# liegt bei", "la lettre d'autorisation corrigée"): it carries the corrected name and address.
_DOCUMENT = (
    r"(?:loa|letter of authori[sz]ation|form|formular|vollmacht|modulo|lettera|carta|lettre|"
    r"formulaire|autoriza[çc][ãa]o)"
)
_CORRECTED = (
    r"(?:new|corrected|updated|re-?signed|neue\w*|korrigierte\w*|angepasste\w*|"
    r"aktualisierte\w*|nuov[oa]|corrett[oa]|nuev[oa]|corregid[oa]|nouvel(?:le)?|nouveau|"
    r"corrigée?|nov[oa]|corrigid[oa])"
)
_NEW_DOCUMENT = re.compile(
    rf"\b{_CORRECTED}\b[^.\n]{{0,25}}\b{_DOCUMENT}\b|"
    rf"\b{_DOCUMENT}\b[^.\n]{{0,25}}\b{_CORRECTED}\b",
    re.IGNORECASE,
)
# The value as the losing carrier has it, stated: "L'adresse d'Eastlink est le 5, rue Example",
# "The name on the Comcast account is R. Delgado Landscaping".
_AS_RECORDED = re.compile(
    r"\b(?:address|adresse|indirizzo|dirección|direccion|morada|endereço|name|nom|nome|nombre|"
    r"btn|account number|numéro de compte|kontonummer|adresse)\b"
    r"(?: (?:on|at|with|in|bei|von|presso|di|da|en|na|no|del|de la|du|de|d'|chez)\s?"
    r"(?:the |our |l')?[\w&'-]+(?: account| compte| konto)?)\s+(?:is|est|ist|è|es|é|lautet)\s+"
    # Not "the address on the notice is wrong".
    r"(?!(?:wrong|incorrect|not|missing|different|falsch|nicht|anders|sbagliat|errat|divers|"
    r"incorrect|erróne|errad|diferente|faux|fausse|pas|no|non|não)\b)\S",
    re.IGNORECASE,
)
_CHEAP = ("right", "correct", "new", "richtig", "korrekt", "neu", "giust", "corrett", "nuov",
          "bon", "nouv", "nuev", "cert", "corret", "nov", "signed", "angepasst", "aktualisiert",
          "updated", "corrig", "corregid", " est ", " is ", " ist ", " è ", " es ", " é ",
          "lautet")  # fmt: skip


def rejection_fixes(text: str) -> tuple[str, ...] | None:
    """The details the customer gives as corrections, by kind; None where they give none."""
    lowered = text.lower()
    if not any(word in lowered for word in _CHEAP):
        return None
    kinds: list[str] = []
    for sentence in split_sentences(text):
        if _NEW_DOCUMENT.search(sentence) and "loa" not in kinds:
            kinds.append("loa")
        if _GIVEN.search(sentence) is None and _AS_RECORDED.search(sentence) is None:
            continue
        kind = next((k for k, field in _FIELDS if field.search(sentence)), None)
        if kind is None and _UNNAMED.search(sentence):
            kind = "value"
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return tuple(kinds) or None
