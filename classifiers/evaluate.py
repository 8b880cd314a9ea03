"""`portdesk classifier eval`: both classifiers on the test split, printed and written to docs."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import Settings
from bot.model import CaseContext, CaseType, Classification
from classifiers.dataset import Sample
from classifiers.metrics import confusion, macro_f1, scores

DOC = Path(__file__).resolve().parents[1] / "docs" / "CLASSIFIER.md"
_SHORT = {
    CaseType.PORT_IN: "in",
    CaseType.PORT_IN_TWILIO_TRANSFER: "twl",
    CaseType.PORT_IN_INTERNATIONAL: "intl",
    CaseType.PORT_OUT: "out",
    CaseType.CSR_REQUEST: "csr",
    CaseType.PORT_OUT_PIN: "pin",
    CaseType.PORT_REJECTION: "rej",
    CaseType.RECORDS_UPDATE: "rec",
    CaseType.BILL_REQUEST: "bill",
    CaseType.NUMBER_REMOVAL: "rem",
    CaseType.CANCELLATION: "canc",
    CaseType.PORT_STATUS: "stat",
    CaseType.OTHER: "oth",
}


def classify_as_used(sample: Sample, settings: Settings) -> Classification:
    """The classify stage as the pipeline runs it on a message that opens a case.

    The parsed mail, the facts the extract stage finds in it (numbers and their countries,
    Account SIDs, forwarded notices), the model with the baseline's second opinion, the certain
    signals and the confidence floor below which a message is `other`.
    """
    from bot.extract import extract_facts
    from classifiers import classify

    pipeline = settings.pipeline
    facts = extract_facts(
        sample.mail,
        pipeline.default_region,
        tuple(pipeline.extra_providers),
        tuple(pipeline.own_names),
    )
    return classify(
        sample.mail, facts, CaseContext(token=""), settings.classifier, tuple(pipeline.own_names)
    )


def report(
    name: str, test: Sequence[Sample], classify: Callable[[Sample], Classification]
) -> tuple[str, float, float]:
    """A Markdown section for one classifier; returns it, its macro-F1 and ms per message."""
    for sample in test:
        # Parsed beforehand (and cached): the time is the classifier's, not the parse stage's.
        _ = sample.mail
    # A first pass warms what a running daemon has warm (the model's caches); the second is
    # timed.
    predicted = [classify(sample).case_type for sample in test]
    started = time.perf_counter()
    for sample in test:
        classify(sample)
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(len(test), 1)
    gold = [sample.label for sample in test]
    macro = macro_f1(gold, predicted)
    lines = [f"### {name}", "", f"Macro-F1 **{macro:.3f}** on {len(test)} test messages.", ""]
    lines += ["| case type | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for score in scores(gold, predicted):
        lines.append(
            f"| `{score.case_type.value}` | {score.precision:.2f} | {score.recall:.2f} "
            f"| {score.f1:.2f} | {score.support} |"
        )
    matrix = confusion(gold, predicted)
    lines += ["", "Confusion matrix (rows: true type, columns: predicted):", ""]
    lines.append("| true \\ predicted | " + " | ".join(_SHORT[c] for c in CaseType) + " |")
    lines.append("|---|" + "---|" * len(CaseType))
    for true_type in CaseType:
        cells = [str(matrix[true_type][p]) if matrix[true_type][p] else "·" for p in CaseType]
        lines.append(f"| {_SHORT[true_type]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n", macro, elapsed_ms


def write_doc(sections: Sequence[str], summary: str) -> None:
    legend = ", ".join(f"{short} = `{case.value}`" for case, short in _SHORT.items())
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(
        "# Classifier evaluation\n\n"
        "Written by `portdesk classifier eval`. It scores both classifiers on the test split of "
        "`classifiers/corpus/`. The split is fixed by a committed seed, and the test messages are "
        "never trained on.\n\n"
        f"{summary}\n\nAbbreviations: {legend}.\n\n" + "\n".join(sections)
    )
