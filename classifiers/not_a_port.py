""" "Not a port": the customer says outright that the request is no port ("Nessuna
portabilità, restiamo da voi", "keine Portierung", "we're not porting anything"), usually under
a subject that says it is one. Transfers between Twilio accounts are left alone: customers
rightly call them "no port".
"""

from __future__ import annotations

import re

_NOT_A_PORT = re.compile(
    r"\b(?:not|no|isn't|nothing)\s+(?:a\s+|to\s+)?port(?:ing)?\b(?!\s*(?:pin|out pin))"
    r"|\bwe(?:'re| are) not port|\bkeine\s+(?:portierung|rufnummernmitnahme)"
    r"|\bnessuna\s+portabilità|\bnon\s+(?:è\s+una\s+|vogliamo\s+(?:fare\s+)?(?:la\s+)?)portabilità"
    r"|\bnão\s+(?:é|queremos)\s+(?:(?:uma|a)\s+)?portabilidade"
    r"|\bno\s+(?:es\s+(?:una\s+)?|queremos\s+)portabilidad|\bno\s+queremos\s+portar"
    r"|\bce\s+n'est\s+pas\s+une\s+portabilité|\bpas\s+(?:de|une)\s+portabilité",
    re.IGNORECASE,
)


def says_not_a_port(text: str) -> bool:
    """Whether the customer says the request is not a port."""
    return _NOT_A_PORT.search(text) is not None
