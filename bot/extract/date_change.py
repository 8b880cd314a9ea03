"""Whether a customer asks to move a port's date ("Can we move our port date from the 12th to
the 19th?", "Solo quiero cambiar la fecha: del 10 al 14", "vi chiediamo di posticipare la
data", porting-domain §1 row 15).

A date change is no status question: the reply must not say "an exact date may not be
available yet" to a customer who holds one. A person asks the carrier for the new date, and
the date already set stands until the carrier confirms it.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

_CHANGE = re.compile(
    # "move the port date", "reschedule the FOC", "push the cutover to the 19th"; not "until
    # the numbers move - what is the actual port date?"
    r"\b(?:move|change|reschedule|postpone|push back|bring forward|delay|shift)\s+"
    r"(?:the |our |my |this |that )?(?:port(?:ing)? |foc |switch-?over |cut-?over )?"
    r"(?:date|foc|port|cut-?over|switch-?over)\b|"
    r"\b(?:move|push|shift) (?:it|the port|the cut-?over|the switch-?over) (?:back |forward )?to\b|"
    r"\binstead of (?:the |on the )?\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b(?:new|different|later|earlier) (?:port |porting |foc )?date\b|"
    r"\b(?:verschieb\w*|vorverleg\w*|verleg\w*)\b|"
    r"\b(?:termin|datum|portierungstermin|umstellungstermin)\b[^.?!\n]{0,30}\b(?:ändern|verschieben)\b|"
    r"\b(?:spostare|posticipare|anticipare|cambiare|rinviare|spostarla|posticiparla)\b"
    r"[^.?!\n]{0,25}\b(?:data|portabilità|passaggio)\b|"
    r"\b(?:cambiar|mover|moverla|adelantar|aplazar|retrasar|posponer)\b[^.?!\n]{0,20}"
    r"\b(?:fecha|portabilidad)\b|"
    r"\b(?:alterar|mudar|antecipar|adiar)\b[^.?!\n]{0,20}\b(?:data|portabilidade)\b|"
    r"\b(?:décaler|reporter|avancer|changer|modifier|repousser)\b[^.?!\n]{0,20}"
    r"\b(?:date|portabilité|portage|transfert|bascule)\b"
)
_WORDS = (
    "move", "change", "reschedul", "postpone", "push back", "bring forward", "delay", "shift",
    "new", "different", "later", "earlier", "verschieb", "vorverleg", "verleg", "ändern",
    "spostar", "posticip", "anticip", "cambiar", "rinviar", "mover", "adelantar", "aplazar",
    "retrasar", "posponer", "alterar", "mudar", "antecipar", "adiar", "décaler", "reporter",
    "avancer", "changer", "modifier", "repousser", "instead of",
)  # fmt: skip


def date_change_asked(text: str) -> bool | None:
    """True where the customer asks to move the date of a port."""
    return says(text, _WORDS, _CHANGE)
