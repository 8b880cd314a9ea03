"""Whether a customer asks if a mail asking for their PIN or password is genuine ("¿Esto es
vuestro? … Decidme si es una estafa", "Is this email really from you?", "Mi sembra una truffa:
il link è strano").

Such a mail is answered by no template: the PIN paragraph a "PIN" word would bring tells a
customer who is going nowhere to hand the PIN to a new provider. A person on the support team
checks that no port request was made, and the reply says at once what not to do.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

# The customer doubts a mail (lower case).
_DOUBT = re.compile(
    r"\b(?:phishing|scam|fake)\b|"
    r"\bis (?:this|it|that)(?: email| mail| message)? (?:real|legit\w*|genuine|really from you|"
    r"from you|you)\b|"
    r"\b(?:es|será|sea) (?:una )?estafa\b|\b(?:esto|este correo) es (?:vuestro|de ustedes|suyo)\b|"
    # Not "the current operator ARE you", "c'est bien vous qui faites la demande".
    r"\b(?:è|sia|sembra) (?:una )?truffa\b|\b(?:questa (?:e-?mail|mail)|questo messaggio) è "
    r"vostr[ao]\b|\bsiete (?:stati )?voi a mandar\w*|"
    r"\b(?:ist das|sind das|ist diese (?:e-mail|mail|nachricht)) (?:hier )?"
    r"(?:echt|von ihnen|betrug)\b|\bbetrugsversuch\w*|\bbetrüger\w*|\barnaque\b|"
    r"\bescroquerie\b|\bce (?:mail|courriel|message) vient(?:-il)? (?:bien )?de vous\b|"
    r"\bé (?:um )?golpe\b|\b(?:isto|isso|este e-?mail|esta mensagem) é (?:vosso|vossa|de vocês)\b|"
    r"\bé voss[oa]\?"
)
_DOUBT_WORDS = (
    "phishing", "scam", "fake", "is this", "is it", "is that", "estafa", "vuestro",
    "de ustedes", "suyo", "truffa", "vostr", "siete", "ist das", "sind das", "ist diese",
    "betrug", "arnaque", "escroquerie", "vient", "golpe", "vosso", "vossa", "de vocês",
)  # fmt: skip
# What such a mail asks for.
_SECRETS = re.compile(
    r"\b(?:pin|nip|password|passwort|kennwort|contraseña|senha|mot de passe|passcode|"
    r"card|karte|carta|tarjeta|cartão|carte|link|enlace|lien|login|código|code|codice)\b"
)


def suspects_phishing(text: str, forwarded: str = "") -> bool | None:
    """True where the customer doubts a mail that asks for a PIN, a password or a card."""
    if not says(text, _DOUBT_WORDS, _DOUBT):
        return None
    return True if _SECRETS.search(f"{text}\n{forwarded}".lower()) else None
