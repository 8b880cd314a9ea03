"""Whether a transfer between Twilio accounts is between different owners: an agency's or a
former vendor's account and the customer's own, a company bought or split off ("Our former
development agency set up our numbers in their own Twilio account", "wir wurden von der
Nordlicht Touristik AG übernommen", "notre ancienne agence web").

porting-domain §1 row 4: an internal transfer is for a parent account and its subaccounts;
unrelated accounts go through a separate process, with the losing owner's consent. Told that
directly, such a customer is not asked "tell us if that is your case".
"""

from __future__ import annotations

import re

from bot.extract.gated import says

_UNRELATED = re.compile(
    r"\bagen(?:cy|tur|zia|cia|ce|ência)\b|\bwebagentur\b|"
    r"\b(?:former|previous|old) (?:\w+ )?(?:provider|developer|agency|vendor|partner|"
    r"freelancer|contractor|reseller)\b|"
    r"\b(?:ehemalig|bisherig|früher)\w* (?:\w+ )?(?:dienstleister|agentur|entwickler|partner)\b|"
    r"\b(?:another|a different|a separate) compan(?:y|ies)\b|\bdifferent companies\b|"
    r"\bandere[nm]? (?:firma|unternehmen|gesellschaft)\b|\baltra (?:azienda|società)\b|"
    r"\botra empresa\b|\boutra empresa\b|\bautre (?:société|entreprise)\b|"
    r"\bspin-?off\b|\bscission\w*|\babspaltung\b|\bescisión\b|\bcisão\b|"
    r"\b(?:we )?(?:acquired|bought) (?:a|the|their)\b|\bwurden? (?:\w+ ){0,4}übernommen\b|"
    r"\bhaben (?:\w+ ){0,6}übernommen\b|"
    r"\breseller\b|\bwiederverkäufer\b|\brivenditore\b|\brevendedor\b|\brevendeur\b|"
    r"\b(?:my|our) client'?s account\b|\bin (?:their|its) own (?:twilio )?account\b|"
    r"\bin (?:deren|ihrem) eigenen (?:twilio-)?konto\b|\bsul nostro account\b|"
    r"\bsu propia cuenta\b|\bsua própria conta\b|\bson propre compte\b|"
    # Someone's private account: "in seinem privaten Twilio-Konto", "his personal account".
    r"\b(?:his|her|their) (?:own |private |personal )+(?:twilio )?account\b|"
    r"\bprivate?n? (?:twilio[- ]?)?(?:account|konto)\b|\bpersönlichen (?:twilio-)?konto\b|"
    r"\b(?:account|conto) (?:twilio )?(?:privato|personale)\b|"
    r"\bcuenta (?:de twilio )?(?:personal|privada)\b|\bconta (?:twilio )?(?:pessoal|privada)\b|"
    r"\bcompte (?:twilio )?(?:personnel|privé)\b|"
    # Two companies merged, each with its own account ("Beide hatten eigene Twilio-Konten").
    r"\b(?:merger|merged|fusion|fusione|fusión|fusão|zusammengeschlossen|verschmolzen)\b|"
    r"\bbeide hatten eigene\b|\beach (?:had|has) (?:its|their) own\b"
)
_WORDS = (
    "agen", "former", "previous", "old ", "ehemalig", "bisherig", "früher", "compan",
    "andere", "altra", "otra empresa", "outra empresa", "autre", "spin", "scission",
    "abspaltung", "escisión", "cisão", "acquired", "bought", "übernommen", "reseller",
    "wiederverkäufer", "rivenditore", "revendedor", "revendeur", "client", "own",
    "eigenen", "sul nostro account", "propia", "própria", "propre", "privat", "private",
    "personal", "persönlich", "privato", "personale", "privada", "pessoal", "personnel", "privé",
    "merge", "fusi", "fusã", "zusammengeschlossen", "verschmolzen", "beide hatten",
)  # fmt: skip
# A parent and its subaccounts are related whatever else is said.
_SUBACCOUNT = re.compile(r"sub-?accounts?|unterkont|subcont|subcuent|sous-compte")


def unrelated_accounts(text: str) -> bool | None:
    """True where the customer says the numbers move between different owners' accounts,
    False where a subaccount is named (a parent and its subaccounts), None where unsaid."""
    if _SUBACCOUNT.search(text.lower()):
        return False
    return says(text, _WORDS, _UNRELATED)
