"""Whether a customer leaves a rejection's reason to us: "Recusado outra vez. Qual foi o
motivo?", "Sie haben geschrieben, meine Portierung ist abgelehnt. Warum?", "vielen Dank für die
Erläuterung zur Ablehnung".

A port to us is rejected to us: the porting team holds the carrier's notice and looks the
reason up. A customer who asks why has no notice with a reason in it, and one who answers our
explanation has ours: asking either to forward it asks for what we hold. "What do we have to
change?" is different: the customer may hold a notice they do not understand, so it is asked for.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

# Each alternative holds one of these (lower case).
_WORDS = (
    "why", "reason", "you wrote", "you told", "you said", "you informed",
    "your email", "your message", "warum", "wieso", "weshalb", "grund", "haben geschrieben",
    "haben mitgeteilt", "erläuterung", "ihre nachricht", "perché", "motivo", "avete scritto",
    "spiegazione", "por qué", "porque", "porquê", "por que", "escribieron", "explicación",
    "escreveram", "explicação", "pourquoi", "motif", "raison", "avez écrit", "avez indiqué",
    "explication",
)  # fmt: skip
_LEFT_TO_US = re.compile(
    # The reason asked of us.
    r"\b(?:why|warum|wieso|weshalb|perch[ée]|pourquoi)\b[^.\n]{0,80}\?|"
    r"\bpor ?(?:qué|que|quê)\b[^.\n]{0,80}\?|"
    r"\b(?:what|which|was|welche[rs]?|quale?|qual|cu[áa]l|quel(?:le)?)\b[^.\n?]{0,30}"
    r"\b(?:reason|grund|motiv[oe]|raison|motif)\b[^.\n]{0,60}\?|"
    # Our own explanation, answered.
    r"\byou (?:wrote|told us|said|informed us)\b|\byour (?:email|message) (?:said|says)\b|"
    r"\bsie haben (?:uns |mir )?(?:geschrieben|mitgeteilt)\b|\berläuterung zur ablehnung\b|"
    r"\bci avete scritto\b|\bla vostra spiegazione\b|\bnos escribieron\b|"
    r"\bsu explicación\b|\bescreveram-nos\b|\bnos escreveram\b|\ba vossa explicação\b|"
    r"\bvous (?:nous |m')?avez (?:écrit|indiqué)\b|\bvotre explication\b",
)


def leaves_reason_to_us(text: str) -> bool | None:
    """True where the customer asks us for the reason, or answers our explanation of it."""
    return says(text, _WORDS, _LEFT_TO_US)
