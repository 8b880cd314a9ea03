"""Classification: what is certain outranks the model, threads keep their type, doubt is 'other'."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ClassifierSettings, load_settings
from bot.extract import extract_facts
from bot.extract.language import detect_language
from bot.model import CaseContext, CaseType, Classification
from bot.parse import parse_mail
from classifiers import classify
from classifiers.asks import _WORDS, ASKS, asked_outright
from classifiers.dataset import Sample, load_corpus, splits
from classifiers.keywords import KeywordClassifier, _matchers
from classifiers.metrics import macro_f1
from classifiers.not_a_pin import pin_not_wanted
from classifiers.trained import (
    MODEL_DIR,
    TrainedClassifier,
    calibrated,
    feature_doc,
    feature_keys,
    features,
    load_pipeline,
    scores,
    split_cats,
    train,
)
from tests.factories import porting_mail

KEYWORDS = ClassifierSettings(name="keywords", min_confidence=0.3)
DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
NEW = CaseContext(token="P-1")


def classify_raw(
    raw: bytes, case: CaseContext = NEW, settings: ClassifierSettings = KEYWORDS
) -> Classification:
    mail = parse_mail(raw)
    return classify(mail, extract_facts(mail, "US"), case, settings)


def test_an_attached_rejection_notice_decides_the_type() -> None:
    notice = (DOCUMENTS / "rejection_notice.pdf").read_bytes()
    raw = porting_mail(
        subject="fyi",
        body="See attached.",
        attachments=(("notice.pdf", "application/pdf", notice),),
    )
    result = classify_raw(raw)
    assert result.case_type is CaseType.PORT_REJECTION
    assert "a rejection notice is attached" in result.reasons or result.confidence >= 0.95


def test_an_account_sid_with_transfer_words_is_a_twilio_transfer() -> None:
    sid = "AC" + "ab" * 16
    raw = porting_mail(body=f"Please move +1 415 555 0123 into {sid}, it is in another account.")
    assert classify_raw(raw).case_type is CaseType.PORT_IN_TWILIO_TRANSFER


def test_a_port_in_of_foreign_numbers_is_international() -> None:
    raw = porting_mail(body="Please port our London number 020 7946 0123 to you.")
    assert classify_raw(raw).case_type is CaseType.PORT_IN_INTERNATIONAL


def test_an_answer_inside_a_case_keeps_its_type() -> None:
    raw = porting_mail(subject="Re: Port [#P-1001]", body="Yes, SMS too. Thanks!")
    thread = CaseContext(token="P-1001", case_type=CaseType.PORT_IN, is_new=False)
    result = classify_raw(raw, thread)
    assert result.case_type is CaseType.PORT_IN


def test_below_the_threshold_the_type_is_other() -> None:
    strict = ClassifierSettings(name="keywords", min_confidence=0.99)
    raw = porting_mail(subject="question", body="Can you help with our numbers?")
    assert classify_raw(raw, settings=strict).case_type is CaseType.OTHER


def test_language_of_each_corpus_message_is_detected() -> None:
    samples = load_corpus()
    assert samples, "the labelled corpus is empty"
    right = sum(detect_language(s.input_text)[0] == s.language for s in samples)
    assert right / len(samples) >= 0.99


def test_the_reply_language_is_the_customers_not_the_forwarded_notices() -> None:
    notice = (
        "Your request to transfer (786) 555-0127 to Comcast Business has been submitted and is "
        "pending release by your current provider. We will notify you once the current "
        "provider responds. No action is required from you at this time."
    )
    body = (
        "Recebi isto da Comcast. Podem dar seguimento do vosso lado? Quero que o número passe "
        "para eles o quanto antes.\n\nRosa\n\n-------- Original Message --------\n"
        "From: Comcast Business <noreply@comcast.example>\nSubject: Port request pending\n\n"
        + notice
    )
    assert (
        classify_raw(porting_mail(subject="Fwd: Port request pending", body=body)).language == "pt"
    )
    # A customer's "FYI" says no language by itself: the notice's stands.
    fyi = porting_mail(
        subject="Fwd: Port request pending",
        body=body.replace(body[: body.index("\n\nRosa")], "FYI"),
    )
    assert classify_raw(fyi).language == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Common words tie (the brand "NOS" reads as French "nos"): langid.py decides.
        ("Queremos trazer o +351 22 000 0178 (NOS) para cá. Código e NIF em anexo.", "pt"),
        ("Transfert entrant : (418) 555-0116, ligne fixe, Vidéotron.", "fr"),
        # Too little to tell: English, and not certain.
        ("OK", "en"),
    ],
)
def test_a_text_the_common_words_leave_undecided_is_read_by_its_letters(
    text: str, expected: str
) -> None:
    assert detect_language(text)[0] == expected


def test_the_split_is_stable_and_the_test_split_is_never_trained_on() -> None:
    samples = load_corpus()
    parts = splits(samples)
    assert sum(len(p) for p in parts.values()) == len(samples)
    train_texts = {s.input_text for s in parts["train"]}
    assert not any(s.input_text in train_texts for s in parts["test"])
    # The split depends on the message alone: the same message, the same split, every time.
    assert [s.split for s in samples] == [s.split for s in load_corpus()]


@pytest.mark.slow
def test_training_again_rebuilds_the_committed_model(tmp_path: Path) -> None:
    parts = splits(load_corpus())
    train(parts["train"], parts["dev"], out=tmp_path / "model")
    committed = TrainedClassifier()
    committed_results = [committed.classify_text(s.input_text) for s in parts["test"]]
    load_pipeline.cache_clear()
    rebuilt = [_classify_with(tmp_path / "model", s.input_text) for s in parts["test"]]
    load_pipeline.cache_clear()
    assert [(r.case_type, r.confidence) for r in committed_results] == [
        (r.case_type, r.confidence) for r in rebuilt
    ]


def _classify_with(model: Path, text: str) -> Classification:
    cats, _ = scores(load_pipeline(model), text)
    label = max(cats, key=lambda name: cats[name])
    return Classification(CaseType(label), round(float(cats[label]), 3), "en", "trained")


def test_the_committed_model_is_under_10_mb_and_complete() -> None:
    files = [f for f in MODEL_DIR.rglob("*") if f.is_file()]
    assert sum(f.stat().st_size for f in files) < 10_000_000
    # Loaded from what is committed alone: the configuration names both components.
    assert load_pipeline(MODEL_DIR).pipe_names == ["textcat", "textcat_multilabel"]


def test_a_confident_answer_is_usually_right() -> None:
    # The review policy sends replies by itself from review.min_confidence up: the calibrated
    # confidence must mean what it says on messages the model never saw.
    threshold = load_settings(None, {}).review.min_confidence
    classifier = TrainedClassifier()
    results = [(classifier.classify_text(s.input_text), s.label) for s in _test_split()]
    confident = [(r.case_type, label) for r, label in results if r.confidence >= threshold]
    right = sum(predicted is label for predicted, label in confident)
    assert len(confident) >= len(results) / 2, "the model is confident about too few messages"
    assert right / len(confident) >= 0.85


def _test_split() -> list[Sample]:
    return splits(load_corpus())["test"]


def test_the_trained_model_beats_the_baseline_on_the_test_split() -> None:
    test = splits(load_corpus())["test"]
    gold = [s.label for s in test]
    trained = TrainedClassifier()
    baseline = KeywordClassifier()
    trained_f1 = macro_f1(gold, [trained.classify_text(s.input_text).case_type for s in test])
    baseline_f1 = macro_f1(gold, [baseline.classify_text(s.input_text).case_type for s in test])
    assert trained_f1 > baseline_f1


def test_reading_mail_does_not_grow_the_vocabulary() -> None:
    # A daemon classifies mail for months: nothing it reads may stay in memory for good.
    nlp = load_pipeline()
    before = len(nlp.vocab)
    for number in range(50):
        TrainedClassifier().classify_text(f"Bonjour, nous quittons Zyxtel{number} pour Qwopnet.")
    assert len(nlp.vocab) == before


def test_the_phrase_rules_forget_the_words_they_read_past_a_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import classifiers.keywords as keywords_module

    text = "Bitte portieren Sie unsere Nummer +49 89 0000 6641 zu Ihnen, Ref Zyxtel42."
    classifier = KeywordClassifier()
    before = classifier.classify_text(text)
    grown = _matchers()[0]
    monkeypatch.setattr(keywords_module, "VOCABULARY_LIMIT", len(grown.vocab.strings) - 1)
    after = classifier.classify_text(text)
    assert _matchers()[0] is not grown, "the grown vocabulary was kept"
    assert (after.case_type, after.confidence) == (before.case_type, before.confidence)


def test_inference_scores_what_the_spacy_pipeline_scores() -> None:
    # Inference skips spaCy's Doc and wrapper layers; the trained pipeline itself is the truth.
    nlp = load_pipeline()
    temperature = nlp.meta["portdesk"]["temperature"]
    for sample in _test_split()[:200]:
        doc = nlp(feature_doc(nlp, sample.input_text))
        expected_types, expected_intents = split_cats(doc.cats)
        types, intents = scores(nlp, sample.input_text)
        assert types == pytest.approx(calibrated(expected_types, temperature), abs=1e-6)
        assert intents == pytest.approx(expected_intents, abs=1e-6)


def test_feature_keys_are_the_vocabulary_hashes_of_the_features() -> None:
    text = "Subject: Port 415 555 0123?\nWe want to port it; to you. Merci, André"
    nlp = load_pipeline()
    assert feature_keys(text).tolist() == [nlp.vocab.strings[f] for f in features(text)]


def test_second_requests_found_by_phrases_are_mostly_right() -> None:
    # Each one adds a paragraph to the reply: a wrong one answers what nobody asked.
    samples = load_corpus()
    for case_type in ASKS:
        found = [
            case_type in s.secondary
            for s in samples
            if s.label is not case_type and case_type in asked_outright(s.mail.new_text, s.label)
        ]
        assert len(found) >= 40, f"{case_type.value}: too rare to matter"
        assert sum(found) / len(found) >= 0.8, case_type.value


def test_a_text_without_a_requests_words_cannot_match_its_phrases() -> None:
    # asks.py skips a request's phrases when none of its words is in the text.
    for sample in load_corpus():
        text = sample.mail.new_text
        for case_type, pattern in ASKS.items():
            if pattern.search(text):
                assert any(word in text.lower() for word in _WORDS[case_type]), text


@pytest.mark.parametrize(
    ("text", "primary", "expected"),
    [
        # "Nor do I want another copy of the invoice": denied, not asked.
        (
            "Tampoco quiero que me manden otra copia de la factura, que ya la tengo delante.",
            CaseType.OTHER,
            (),
        ),
        (
            "Send the latest invoice. And include the port-out PIN too.",
            CaseType.BILL_REQUEST,
            (CaseType.PORT_OUT_PIN,),
        ),
        (
            "We already have the PIN. Please send the latest invoice.",
            CaseType.CSR_REQUEST,
            (CaseType.BILL_REQUEST,),
        ),
        # At a port-in, the PIN is the customer's own, from their old carrier.
        ("Please send me the PIN field on your form?", CaseType.PORT_IN, ()),
        (
            "Wir kündigen nicht, bitte nur die Rechnung für Oktober schicken.",
            CaseType.BILL_REQUEST,
            (),
        ),
        (
            "Die Nummer geht zu Placetel. Danach bitte das Konto kündigen.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        ("Wir kündigen den Vertrag bei der Telekom.", CaseType.PORT_OUT, ()),
        # The other carrier in the clause before: the account closed is ours.
        (
            "Quand les numéros seront partis chez Telus, j'aimerais fermer complètement mon "
            "compte chez vous, je n'en aurai plus besoin.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        ("Nach dem Wechsel kündigen wir den Vertrag bei der Telekom.", CaseType.PORT_OUT, ()),
        (
            "Wir wollen mit allen Nummern zu einem anderen Anbieter. Und danach ist Schluss, "
            "das Konto wird gekündigt.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        ("> Please cancel the account", CaseType.PORT_OUT, ()),
        # Billing stopped for the ported numbers is a removal; the account stays.
        ("Please remove it from our account and stop billing for it.", CaseType.NUMBER_REMOVAL, ()),
        (
            "Release them, and stop billing us once they are gone.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        # A denial in another clause denies something else.
        (
            "After it's gone please close our account too, we won't need it anymore.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        ("We don't want to close the account, just port the number.", CaseType.PORT_OUT, ()),
        # A denial after the request belongs to it only within a few words.
        (
            "Una volta arrivati a Verizon, vi chiedo di chiudere l'account in modo che non ci "
            "arrivino altre fatture.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
        ("Nein, das Konto kündigen wir noch nicht.", CaseType.PORT_OUT, ()),
        # Someone else's words, quoted.
        ('Me ofrecieron "cancelar el servicio" y no es eso.', CaseType.NUMBER_REMOVAL, ()),
        (
            "Pourriez-vous nous transmettre ces informations ? Si possible, joignez aussi le NIP "
            "de transfert.",
            CaseType.CSR_REQUEST,
            (CaseType.PORT_OUT_PIN,),
        ),
        (
            "Una vez que los números estén allí, daremos de baja la cuenta con ustedes.",
            CaseType.PORT_OUT,
            (CaseType.CANCELLATION,),
        ),
    ],
)
def test_a_second_request_is_one_made_in_so_many_words(
    text: str, primary: CaseType, expected: tuple[CaseType, ...]
) -> None:
    assert asked_outright(text, primary) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Read as an international port-in at 0.71 for its city and "número".
        (
            "Quero comprar um número novo de São Paulo (11) para a nossa conta. Vocês têm? "
            "Obrigado.",
            CaseType.OTHER,
        ),
        # A port-in that names its number stays one, whatever else it says of new numbers.
        (
            "We want to bring (617) 555-0150 over to you from Comcast, and also buy a new "
            "number for the warehouse.",
            CaseType.PORT_IN,
        ),
    ],
)
def test_a_request_to_buy_a_new_number_is_not_a_port(body: str, expected: CaseType) -> None:
    mail = parse_mail(porting_mail(subject="Número", body=body))
    result = classify(mail, extract_facts(mail, "US"), CaseContext(token=""), ClassifierSettings())
    assert result.case_type is expected


def test_a_port_the_customer_says_is_none_goes_to_an_agent() -> None:
    # Under a subject that says "Portabilità", a move of premises was read as a port-in.
    mail = parse_mail(
        porting_mail(
            subject="Portabilità",
            body=(
                "Nessuna portabilità, restiamo da voi: ci trasferiamo soltanto di sede. Nuovo "
                "indirizzo di servizio per i numeri di Seattle: 2200 Example Way, Seattle WA "
                "98121.\n\nGrazie, Nicoletta"
            ),
        )
    )
    result = classify(mail, extract_facts(mail, "US"), CaseContext(token=""), ClassifierSettings())
    assert result.case_type is CaseType.OTHER
    assert "not a port" in result.reasons[-1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Finalement mon nouveau fournisseur n'a pas besoin du NIP.", True),
        ("Afinal não precisei do PIN, a portabilidade já foi feita.", True),
        ("Ya no hace falta el PIN, la portabilidad salió bien ayer.", True),
        ("Turns out we don't need the PIN, nobody is taking the number.", True),
        ("Wir brauchen keine PIN von Ihnen.", True),
        # Asking for it.
        ("Ich brauche die PIN für meine Nummer, T-Mobile fragt danach.", False),
        ("We need the PIN for (646) 555-0145, Verizon is asking.", False),
    ],
)
def test_a_pin_the_customer_says_is_not_needed(text: str, said: bool) -> None:
    assert pin_not_wanted(text) is said


def test_a_pin_request_taken_back_is_read_as_what_it_asks_instead() -> None:
    # The subject still says "Demande de NIP"; the model read a PIN request at 0.98.
    mail = parse_mail(
        porting_mail(
            subject="Demande de NIP",
            body=(
                "Finalement mon nouveau fournisseur n'a pas besoin du NIP, il a tout ce qu'il "
                "lui faut. Je veux seulement que vous laissiez passer sa demande de transfert "
                "pour le (581) 555-0112, prévue vendredi."
            ),
        )
    )
    result = classify(mail, extract_facts(mail, "CA"), CaseContext(token=""), ClassifierSettings())
    assert result.case_type is CaseType.PORT_OUT
    # A turn waits for an agent's review.
    assert result.confidence <= 0.75
