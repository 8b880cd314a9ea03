"""The trained classifier: spaCy bag-of-words text classifiers on a blank multi-language pipeline.

Two components: `textcat` (exclusive) gives the case type, `textcat_multilabel` gives every
intent the message carries, from which the secondary intents come. No pretrained model is
used or downloaded; the pipeline is trained from classifiers/corpus/ with a fixed seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.model import CaseContext, CaseType, Classification, Facts, Mail
from classifiers.dataset import Sample, mail_text
from classifiers.language import detect_language

MODEL_DIR = Path(__file__).resolve().parent / "model"
LABELS = tuple(CaseType)
SEED = 20261124
EPOCHS = 12
BATCH = 16
SECONDARY_THRESHOLD = 0.5
# Both components write into doc.cats: the multilabel intents carry a prefix to stay apart.
INTENT_PREFIX = "intent:"
_BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "ngram_size": 2,
    "no_output_layer": False,
    # 2**16 features keeps each component near 1 MB; 2**18 gained nothing on this corpus.
    "length": 2**16,
}


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
    """Train both components, keep the epoch with the best dev macro-F1, save to `out`."""
    import spacy
    from spacy.pipeline import TextCategorizer
    from spacy.training import Example
    from spacy.util import fix_random_seed  # type: ignore[attr-defined]

    from classifiers.metrics import macro_f1

    fix_random_seed(SEED)
    nlp = spacy.blank("xx")
    exclusive = nlp.add_pipe("textcat", config={"model": {**_BOW, "exclusive_classes": True}})
    intents = nlp.add_pipe(
        "textcat_multilabel",
        name="intents",
        config={"model": {**_BOW, "exclusive_classes": False}},
    )
    assert isinstance(exclusive, TextCategorizer) and isinstance(intents, TextCategorizer)
    for label in LABELS:
        exclusive.add_label(label.value)
        intents.add_label(INTENT_PREFIX + label.value)
    examples = [Example.from_dict(nlp.make_doc(s.input_text), _cats(s)) for s in train_set]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(SEED)
    best = (-1.0, 0)
    best_bytes = b""
    for epoch in range(1, EPOCHS + 1):
        shuffled = list(examples)
        order.shuffle(shuffled)
        for start in range(0, len(shuffled), BATCH):
            nlp.update(shuffled[start : start + BATCH], sgd=optimizer, losses={})
        predictions = [_best_label(_case_scores(nlp(s.input_text).cats)) for s in dev_set]
        score = macro_f1([s.label for s in dev_set], predictions)
        if score > best[0]:
            best = (score, epoch)
            best_bytes = nlp.to_bytes()
    nlp.from_bytes(best_bytes)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    load_pipeline.cache_clear()
    return TrainingReport(best[1], best[0], EPOCHS, len(train_set))


@lru_cache(maxsize=1)
def load_pipeline(path: Path = MODEL_DIR) -> Any:
    """The trained pipeline, loaded once per process."""
    import spacy

    return spacy.load(path)


def model_available(path: Path = MODEL_DIR) -> bool:
    return (path / "config.cfg").is_file()


class TrainedClassifier:
    name = "trained"
    description = "spaCy bag-of-words textcat trained on classifiers/corpus (no pretrained model)."

    def classify(self, mail: Mail, facts: Facts, case: CaseContext) -> Classification:
        """See `Classifier`."""
        return self.classify_text(mail_text(mail))

    def classify_text(self, text: str) -> Classification:
        all_cats = load_pipeline()(text).cats
        cats = _case_scores(all_cats)
        label = _best_label(cats)
        intents = {
            name[len(INTENT_PREFIX) :]: score
            for name, score in all_cats.items()
            if name.startswith(INTENT_PREFIX)
        }
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


def _case_scores(cats: dict[str, float]) -> dict[str, float]:
    return {name: score for name, score in cats.items() if not name.startswith(INTENT_PREFIX)}


def _best_label(cats: dict[str, float]) -> CaseType:
    return CaseType(max(cats, key=lambda name: cats[name]))


def _cats(sample: Sample) -> dict[str, dict[str, float]]:
    intents = {sample.label, *sample.secondary}
    cats = {label.value: float(label == sample.label) for label in LABELS}
    cats.update({INTENT_PREFIX + label.value: float(label in intents) for label in LABELS})
    return {"cats": cats}
