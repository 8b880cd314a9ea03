"""Whether a customer asking us to remove ported numbers says the port is still under way
("once the port has completed", "pas encore partis"): most say it is done, and the reply then
promises the removal after our check rather than explaining what happens while it runs."""

from __future__ import annotations

import re

_PENDING = re.compile(
    r"\bnot yet\b|\bisn'?t (?:done|complete|finished)\b|"
    r"\bstill (?:in progress|pending|porting|being ported)\b|\b(?:is|are) being ported\b|"
    r"\bwill be ported\b|\bare porting\b|\bif (?:it'?s|it is) done\b|"
    r"\b(?:whether|if) (?:the )?port(?:ing)? (?:of [^.?\n]{0,40})?(?:has|is|was) "
    r"(?:completed|complete|finished|done)\b|"
    r"\b(?:once|after|when) the port(?:ing)? (?:is |has )?(?:complete|completed|finished|done|"
    r"through)\b|"
    r"\bpas encore\b|\bportabilité (?:est )?en cours\b|\bune fois (?:la portabilité|le transfert)|"
    r"\bdès que la portabilité|"
    r"\bnoch nicht\b|\bläuft noch\b|\bsobald die portierung|"
    r"\bnon (?:è )?ancora\b|\bportabilità (?:è )?in corso\b|"
    r"\b(?:una volta|quando|dopo che) (?:completata )?la portabilità|"
    r"\btodavía no\b|\baún no\b|\bportabilidad (?:está )?en curso\b|"
    r"\bcuando (?:se )?(?:complete|termine|acabe) la portabilidad|"
    r"\buna vez (?:completada|terminada) la portabilidad|"
    r"\bainda não\b|\bportabilidade (?:está )?em curso\b|\bquando a portabilidade|"
    r"\bdepois (?:de concluída|que) a portabilidade",
    re.IGNORECASE,
)


def port_pending(text: str) -> bool | None:
    """True where the text says the port is not complete yet, or asks whether it is."""
    return True if _PENDING.search(text) else None
