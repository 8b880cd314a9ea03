"""Whether the customer says a document is attached ("LOA + bill attached", "anbei die
Rechnung", "in allegato la LOA", "ci-joint le RIO"): where the message carries no
attachment, the reply says none reached us, instead of asking for the documents as if the
customer had never sent them. Forgotten attachments are the commonest reason a document is
asked for twice.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

# Every match holds one of these (lower case).
_WORDS = (
    "attach", "enclos", "please find", "anbei", "anhang", "anhängend", "angehängt",
    "beigefügt", "alleg", "adjunt", "joint", " pj", "joins", "anex",
)  # fmt: skip
# Words that state something is attached, not that it will be or could be ("can I attach
# it?", "I will send the LOA tomorrow").
_ATTACHED = re.compile(
    r"\battached\b|\benclosed\b|\bplease find\b|\b(?:see|in|find) (?:the )?attachments?\b|"
    r"\banbei\b|\bim anhang\b|\banhängend\b|\bangehängt\b|\bbeigefügt\b|"
    r"\bin allegato\b|\balleg(?:o|hiamo|at[oaie])\b|"
    r"\badjunt(?:o|a|os|as|amos)\b|"
    r"\bci-joint(?:e|s|es)?\b|\ben pi[èe]ce jointe\b|\ben pj\b|\bje (?:vous )?joins\b|"
    r"\banex(?:o|a|os|as|amos|ei)\b"
)


def says_attached(text: str) -> bool | None:
    """True where the customer says a document is attached; None where not."""
    return says(text, _WORDS, _ATTACHED)
