"""Requests that change who controls an account, such as a new registered email address.

A change of the registered address followed by a PIN or CSR request is the classic first step
of a number theft, so the thread remembers it (Facts.security_requests).
"""

from __future__ import annotations

import re

_EMAIL_WORDS = r"(?:e-?mail|mail|correo|courriel|posta\s+elettronica)"
_CHANGE_EMAIL = re.compile(
    r"(?:"
    # en: change/update the (registered|account|contact|login) email (address)
    r"\b(?:change|update|replace|switch)\b[^.\n]{0,40}?\b(?:(?:registered|account|contact|login|"
    r"primary|authori[sz]ed|notification|admin)\s+e-?mail|e-?mail\s+address)\b"
    r"|\bnew\s+(?:registered\s+|contact\s+|account\s+)?e-?mail\s+address\b"
    # de: E-Mail-Adresse ändern / neue E-Mail-Adresse
    r"|\b(?:neue|hinterlegte)\s+e-?mail(?:-adresse)?\b"
    r"|\be-?mail(?:-adresse)?\b[^.\n]{0,40}?\b(?:ändern|aendern|aktualisieren|umstellen)\b"
    # it: cambiare/aggiornare l'indirizzo email
    r"|\b(?:cambiare|modificare|aggiornare|cambio)\b[^.\n]{0,30}?\b(?:indirizzo\s+)?"
    + _EMAIL_WORDS
    + r"\b"
    # pt: alterar/mudar o e-mail
    r"|\b(?:alterar|mudar|atualizar|trocar)\b[^.\n]{0,30}?\b(?:endereço\s+de\s+)?e-?mail\b"
    # es: cambiar/actualizar el correo (electrónico)
    r"|\b(?:cambiar|actualizar|modificar)\b[^.\n]{0,30}?\b(?:correo|e-?mail)\b"
    # fr: changer/modifier l'adresse e-mail
    r"|\b(?:changer|modifier|mettre\s+à\s+jour)\b[^.\n]{0,30}?\b(?:adresse\s+)?"
    r"(?:e-?mail|courriel|mail)\b"
    r")",
    re.IGNORECASE,
)


def security_requests(text: str) -> tuple[str, ...]:
    """The security-relevant requests the customer's own text makes."""
    return ("email_change",) if _CHANGE_EMAIL.search(text) else ()
