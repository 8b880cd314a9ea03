"""A Brazilian customer is answered in Brazilian Portuguese ("nossa equipe", "você"), a
Portuguese one in European Portuguese ("a nossa equipa"); where the text does not tell, in
European Portuguese as before. A sentence the Brazilian wording lacks falls back to the
European one, not to English."""

from __future__ import annotations

import pytest

from bot.extract.language import portuguese_variant
from replies.locales import Locale, locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("oi! como faço pra trazer o numero da loja (973) 555-0115 pra cá?", "pt-BR"),
        ("Estou esperando a resposta de vocês há uma semana. Meu celular é da Vivo.", "pt-BR"),
        ("Estou a aguardar a vossa resposta. O meu telemóvel é da MEO.", "pt"),
        ("Podem enviar a fatura de março para a morada da empresa?", "pt"),
        # Nothing tells: European Portuguese, as before.
        ("Podem mandar a última fatura?", "pt"),
    ],
)
def test_the_variant_is_read_from_the_customers_words(text: str, variant: str) -> None:
    assert portuguese_variant(text) == variant


def test_a_brazilian_customer_gets_brazilian_portuguese() -> None:
    outcome = answered(
        "Portabilidade",
        "Oi, tudo bem? Eu quero trazer meu número (973) 555-0115 da Verizon pra conta de "
        "vocês. O que vocês precisam que eu mande? Valeu, Priscila",
    )
    assert outcome.draft is not None
    assert outcome.draft.language == "pt-BR"
    assert outcome.draft.template.endswith(".pt-BR")
    # Brazilian wording, not the European "equipa".
    assert "equipa" not in outcome.draft.text
    assert locale("pt-BR").text("missing", "loa") in outcome.draft.text


def test_a_portuguese_customer_keeps_european_portuguese() -> None:
    outcome = answered(
        "Portabilidade",
        "Bom dia, queremos trazer o número +351 21 000 0195 da MEO para a vossa conta. O meu "
        "contacto é este e-mail. Cumprimentos, Rui",
    )
    assert outcome.draft is not None
    assert outcome.draft.language == "pt"
    assert "equipe " not in outcome.draft.text


def test_a_sentence_missing_from_the_brazilian_wording_falls_back_to_european() -> None:
    brazilian = Locale("pt-BR", {"phrases": {}})
    assert brazilian.text("phrases", "sign_off") == locale("pt").text("phrases", "sign_off")
