"""Text folded for matching: accents dropped, one character for one, so offsets stay valid.

OCR (run with English data) and hurried typing drop accents: "Numero cliente" and "Marz" must
match what the tables spell "Número cliente" and "März". Patterns are folded the same way, so a
table is written with its accents and matches text with or without them.
"""

from __future__ import annotations

import unicodedata


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin-1 Supplement and Latin Extended-A hold every accented letter of the six languages.
    for code in range(0x00C0, 0x0180):
        base = "".join(
            ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch)
        )
        if len(base) == 1 and base != chr(code):
            table[code] = base
    # Ordinal and degree signs in "N.º", "Nº", "N°" (number) and "1.ª" read as letters;
    # typographic apostrophes (U+2018, U+2019) as the plain one.
    table.update({ord("º"): "o", ord("°"): "o", ord("ª"): "a", 0x2019: "'", 0x2018: "'"})
    return table


_TABLE = _table()


def fold(text: str) -> str:
    """`text` without accents; the same length, so a match's offsets index the original."""
    # Most text is ASCII, and str.translate is slow: skip it when there is nothing to fold.
    return text if text.isascii() else text.translate(_TABLE)
