"""The trained classifier: spaCy text classifiers over a bag of features, on a blank pipeline.

Two components: `textcat` (exclusive) gives the case type, `textcat_multilabel` gives every
intent the message carries (its labels prefixed `also:`, so the two write apart in `doc.cats`),
from which the secondary intents come. They are trained in pipelines of their own, because an
exclusive textcat refuses an example whose categories carry more than one positive, then saved
as one pipeline, so a message's features are built once. No pretrained model is used or
downloaded; both are trained from classifiers/corpus/ with a fixed seed.
"""

from __future__ import annotations

import math
import multiprocessing
import random
import re
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy

from bot.extract.language import detect_language
from bot.model import CaseContext, CaseType, Classification, Facts, Mail
from classifiers.architecture import ARCHITECTURE, predict, register, weigh
from classifiers.dataset import Sample, mail_text

MODEL_DIR = Path(__file__).resolve().parent / "model"
LABELS = tuple(CaseType)
SEED = 20261124
EPOCHS = 12
BATCH = 16
# The features are scaled to unit length, so each weighs little: thinc's default rate (0.001)
# needed twice the epochs to reach the same dev score.
LEARN_RATE = 0.005
# A secondary intent adds a paragraph to the reply and can notify an account's owner, so it
# must be likely. On the dev split of 4,400 messages, 0.5 gave precision 0.31, 0.7 gave 0.50
# (8 of 16) and 0.8 no better (4 of 8): the component mostly echoes the runner-up case types.
SECONDARY_THRESHOLD = 0.7
# Words whose feature hashes are kept between messages (about 4 MB when full).
WORD_CACHE = 20_000
INTENT = "also:"
# The vocabulary is not saved: the model reads hashed features, never their strings, and the
# strings of every training n-gram took 4 MB on disk and 0.2 s to load.
_NOT_SAVED = ["vocab"]
# Where the pipeline's meta.json keeps what training measured for use at inference.
META_KEY = "portdesk"
# Temperatures tried when calibrating the case-type scores on the dev split.
_TEMPERATURES = tuple(t / 100 for t in range(15, 151, 5))
_BOW = {
    "@architectures": ARCHITECTURE,
    # 2**16 buckets keep both components together under 10 MB.
    "length": 2**16,
}
_WORD = re.compile(r"\w+", re.UNICODE)
_CLAUSE_END = re.compile(r"[.!?;:\n]+")
_ZERO_DIGITS = str.maketrans("123456789", "000000000")


def features(text: str) -> list[str]:
    """Each word followed by its character 3- to 5-grams, then each pair of adjacent words in
    a clause: the tokens the model reads.

    Six languages and a few hundred examples: word forms rarely repeat ("portieren",
    "portabilità", "porting"), their pieces do. Measured on the corpus, character n-grams
    lifted test macro-F1 from 0.59 to 0.73 over words alone on the first half of it. Word
    pairs carry some of the direction a bag of words loses ("to you" against "from you"):
    another 0.01. A pair never spans a full stop or a line break: those words were not said
    together.
    """
    out: list[str] = []
    pairs: list[str] = []
    for words in _clauses(text):
        for word in words:
            out.extend(_word_features(word))
        pairs.extend(f"{first} {second}" for first, second in pairwise(words))
    return out + pairs + _subject_words(text)


def _subject_words(text: str) -> list[str]:
    """The first line's words again, marked: a subject's words say less than the same words
    in the body ("Port out" over "we want to port INTO your platform")."""
    first = text.split("\n", 1)[0].lower().translate(_ZERO_DIGITS)
    return [f"s:{word}" for word in _WORD.findall(first)]


def feature_keys(text: str) -> Any:
    """The hashes of `features(text)`, in the same order, as spaCy's vocabulary would give them
    (a numpy uint64 array).

    Words repeat from message to message, so each word's hashes are kept: hashing was a third
    of the inference time. Nothing enters the model's vocabulary, which therefore does not
    grow however much mail is read.
    """
    from spacy.strings import get_string_id

    chunks: list[bytes] = []
    pairs: list[int] = []
    for words in _clauses(text):
        chunks.extend(_word_keys(word) for word in words)
        pairs.extend(get_string_id(f"{first} {second}") for first, second in pairwise(words))
    pairs.extend(get_string_id(word) for word in _subject_words(text))
    chunks.append(numpy.asarray(pairs, dtype="uint64").tobytes())
    return numpy.frombuffer(b"".join(chunks), dtype="uint64")


def _clauses(text: str) -> list[list[str]]:
    # Digits become 0: which digits a phone number has says nothing about the request, and
    # their n-grams swung the confidence of one same sentence by 0.4 from number to number.
    lowered = text.lower().translate(_ZERO_DIGITS)
    return [_WORD.findall(clause) for clause in _CLAUSE_END.split(lowered)]


def _word_features(word: str) -> list[str]:
    padded = f"<{word}>"
    grams = (padded[i : i + size] for size in (3, 4, 5) for i in range(len(padded) - size + 1))
    return [word, *grams]


@lru_cache(maxsize=WORD_CACHE)
def _word_keys(word: str) -> bytes:
    """A word's feature hashes, packed (about 200 bytes a word, against 600 as a tuple)."""
    from spacy.strings import get_string_id

    return numpy.asarray([get_string_id(f) for f in _word_features(word)], "uint64").tobytes()


def feature_doc(nlp: Any, text: str) -> Any:
    """The features as a Doc built directly from the tokens, for training.

    The tokenizer is skipped: the features are already tokens, and running spaCy's prefix,
    suffix and infix rules over twelve of them per word took most of the inference time.
    """
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=features(text))


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """How training went: the epoch kept and its dev macro-F1."""

    best_epoch: int
    dev_macro_f1: float
    epochs: int
    train_size: int


def train(
    train_set: Sequence[Sample], dev_set: Sequence[Sample], out: Path = MODEL_DIR
) -> TrainingReport:
    """Train the case-type and intents components; keep each one's best dev epoch; save them
    together as one pipeline.

    The two train at once in two processes (each seeded alike, so the result does not depend
    on it): on two cores that halves the time.
    """
    import spacy

    register()
    for sample in (*train_set, *dev_set):
        # Parsed once here, and inherited by both processes.
        _ = sample.input_text
    context = multiprocessing.get_context("fork")
    with (
        tempfile.TemporaryDirectory(prefix="portdesk-train-") as folder,
        ProcessPoolExecutor(max_workers=2, mp_context=context) as pool,
    ):
        jobs = {
            factory: pool.submit(_train_one, factory, train_set, dev_set, Path(folder) / factory)
            for factory in ("textcat", "textcat_multilabel")
        }
        best_f1, best_epoch = jobs["textcat"].result()
        jobs["textcat_multilabel"].result()
        case_type = spacy.load(Path(folder) / "textcat", exclude=_NOT_SAVED)
        case_type.add_pipe(
            "textcat_multilabel",
            source=spacy.load(Path(folder) / "textcat_multilabel", exclude=_NOT_SAVED),
        )
    case_type.meta[META_KEY] = {"temperature": _fit_temperature(case_type, dev_set)}
    if out.exists():
        shutil.rmtree(out)
    case_type.to_disk(out, exclude=_NOT_SAVED)
    load_pipeline.cache_clear()
    return TrainingReport(best_epoch, best_f1, EPOCHS, len(train_set))


def _fit_temperature(nlp: Any, dev_set: Sequence[Sample]) -> float:
    """The temperature that makes the case-type scores honest probabilities on the dev split.

    Scaled features keep the model's raw scores timid: a message scored 0.5 was right nine
    times in ten. The confidence floor, the review policy and the second opinion compare these
    scores with fixed thresholds, so they must mean what they say. The temperature with the
    least log-loss on dev is kept (1.0, no change, when there is no dev split).
    """
    if not dev_set:
        return 1.0
    scored = [
        (split_cats(nlp(feature_doc(nlp, s.input_text)).cats)[0], s.label.value) for s in dev_set
    ]

    def log_loss(temperature: float) -> float:
        return -sum(
            math.log(max(calibrated(cats, temperature)[gold], 1e-12)) for cats, gold in scored
        )

    return min(_TEMPERATURES, key=log_loss)


def calibrated(cats: dict[str, float], temperature: float) -> dict[str, float]:
    """Softmax scores re-scaled by a temperature (the same as dividing the logits by it)."""
    if temperature == 1.0:
        return cats
    powered = {name: max(p, 1e-12) ** (1 / temperature) for name, p in cats.items()}
    total = sum(powered.values())
    return {name: p / total for name, p in powered.items()}


def _case_type_cats(sample: Sample) -> dict[str, float]:
    return {label.value: float(label == sample.label) for label in LABELS}


def _intent_cats(sample: Sample) -> dict[str, float]:
    wanted = (sample.label, *sample.secondary)
    return {INTENT + label.value: float(label in wanted) for label in LABELS}


def _case_type_f1(nlp: Any, dev_docs: Sequence[Any], dev_set: Sequence[Sample]) -> float:
    from classifiers.metrics import macro_f1

    return macro_f1([s.label for s in dev_set], [_best_label(nlp(d).cats) for d in dev_docs])


def _example(nlp: Any, sample: Sample, cats: dict[str, float]) -> Any:
    """A training example: the sample's features, and a copy of them carrying its categories."""
    from spacy.training import Example

    predicted = feature_doc(nlp, sample.input_text)
    reference = predicted.copy()
    reference.cats = cats
    return Example(predicted, reference)


def _train_one(
    factory: str, train_set: Sequence[Sample], dev_set: Sequence[Sample], out: Path
) -> tuple[float, int]:
    """Train one component in a pipeline of its own, save its best dev epoch to `out`; returns
    that epoch's dev score and number."""
    import spacy
    from spacy.pipeline import TextCategorizer
    from spacy.util import fix_random_seed  # type: ignore[attr-defined]

    register()
    fix_random_seed(SEED)
    nlp = _without_lexical_attributes(spacy.blank("xx"))
    exclusive = factory == "textcat"
    cats = _case_type_cats if exclusive else _intent_cats
    score = _case_type_f1 if exclusive else _intents_f1
    component = nlp.add_pipe(factory, config={"model": {**_BOW, "exclusive_classes": exclusive}})
    assert isinstance(component, TextCategorizer)
    for label in LABELS:
        component.add_label(label.value if exclusive else INTENT + label.value)
    examples = [_example(nlp, s, cats(s)) for s in train_set]
    dev_docs = [feature_doc(nlp, s.input_text) for s in dev_set]
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = LEARN_RATE
    order = random.Random(SEED)
    best, best_bytes = (-1.0, 0), b""
    for epoch in range(1, EPOCHS + 1):
        shuffled = list(examples)
        order.shuffle(shuffled)
        for start in range(0, len(shuffled), BATCH):
            # The component itself, not nlp.update: that copies every example, token by
            # token, before each step, which took nine tenths of the training time.
            component.update(shuffled[start : start + BATCH], sgd=optimizer, losses={})
        value = score(nlp, dev_docs, dev_set) if dev_set else float(epoch)
        if value > best[0]:
            best, best_bytes = (value, epoch), nlp.to_bytes()
    nlp.from_bytes(best_bytes)
    nlp.to_disk(out, exclude=_NOT_SAVED)
    return best


def _intents_f1(nlp: Any, dev_docs: Sequence[Any], dev_set: Sequence[Sample]) -> float:
    """Micro-F1 of the intents at the threshold used in production."""
    true_positive = predicted = gold = 0
    for sample, doc in zip(dev_set, dev_docs, strict=True):
        wanted = {INTENT + label.value for label in (sample.label, *sample.secondary)}
        found = {name for name, p in nlp(doc).cats.items() if p >= SECONDARY_THRESHOLD}
        true_positive += len(wanted & found)
        predicted += len(found)
        gold += len(wanted)
    return 2 * true_positive / (predicted + gold) if predicted + gold else 0.0


@lru_cache(maxsize=1)
def load_pipeline(path: Path = MODEL_DIR) -> Any:
    """The pipeline with both components, loaded once per process."""
    import spacy

    register()
    return _without_lexical_attributes(spacy.load(path, exclude=_NOT_SAVED))


def _without_lexical_attributes(nlp: Any) -> Any:
    """The pipeline with no lexical attributes computed for new words.

    The bag-of-words model reads only each token's text (ORTH). spaCy otherwise computes two
    dozen attributes (shape, like_url, like_num …) for every string it has not seen: that was
    most of the time per message.
    """
    nlp.vocab.lex_attr_getters = {}
    return nlp


def model_available(path: Path = MODEL_DIR) -> bool:
    return (path / "config.cfg").is_file()


class TrainedClassifier:
    name = "trained"
    description = (
        "spaCy textcat over normalised words, word pairs and character n-grams, trained on "
        "classifiers/corpus (no pretrained model)."
    )

    def classify(self, mail: Mail, facts: Facts, case: CaseContext) -> Classification:
        """See `Classifier`."""
        return self.classify_text(mail_text(mail))

    def classify_text(self, text: str) -> Classification:
        cats, intents = scores(load_pipeline(), text)
        label = _best_label(cats)
        secondary = tuple(
            CaseType(name)
            for name, score in sorted(intents.items(), key=lambda item: -item[1])
            if score >= SECONDARY_THRESHOLD and name != label.value
        )
        language, _ = detect_language(text)
        return Classification(
            case_type=label,
            confidence=round(float(cats[label.value]), 3),
            language=language,
            by=self.name,
            secondary_intents=secondary,
            reasons=(f"trained: {label.value}={cats[label.value]:.2f}",),
        )


def scores(nlp: Any, text: str) -> tuple[dict[str, float], dict[str, float]]:
    """A text's case-type scores (calibrated) and intent scores, keyed by case type value."""
    return _inference(nlp).scores(text)


@dataclass(frozen=True, slots=True)
class Inference:
    """A loaded pipeline's two components, run straight from hashed features.

    `nlp(feature_doc(nlp, text))` gives the same scores (a test holds them equal) but builds a
    Doc of some 700 tokens, adds each new n-gram to the vocabulary for good, and passes
    through a dozen wrapper layers per component: it took three times as long.
    """

    # (labels, model) of each component; `split_cats` tells their labels apart.
    components: tuple[tuple[tuple[str, ...], Any], ...]
    temperature: float

    def scores(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        weighed = weigh(feature_keys(text))
        cats: dict[str, float] = {}
        for labels, model in self.components:
            cats.update(zip(labels, predict(model, weighed).tolist(), strict=True))
        case_types, intents = split_cats(cats)
        return calibrated(case_types, self.temperature), intents


@lru_cache(maxsize=2)
def _inference(nlp: Any) -> Inference:
    return Inference(
        components=tuple((tuple(pipe.labels), pipe.model) for _, pipe in nlp.pipeline),
        temperature=float(nlp.meta.get(META_KEY, {}).get("temperature", 1.0)),
    )


def split_cats(cats: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """The pipeline's scores as (case types, intents), both keyed by the case type's value."""
    case_types = {k: v for k, v in cats.items() if not k.startswith(INTENT)}
    intents = {k.removeprefix(INTENT): v for k, v in cats.items() if k.startswith(INTENT)}
    return case_types, intents


def _best_label(cats: dict[str, float]) -> CaseType:
    return CaseType(max(cats, key=lambda name: cats[name]))
