"""Precision, recall, F1 per case type, macro-F1 and the confusion matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.model import CaseType


@dataclass(frozen=True, slots=True)
class TypeScore:
    case_type: CaseType
    precision: float
    recall: float
    f1: float
    support: int


def scores(gold: Sequence[CaseType], predicted: Sequence[CaseType]) -> list[TypeScore]:
    pairs = Counter(zip(gold, predicted, strict=True))
    result = []
    for case_type in CaseType:
        true_positive = pairs[(case_type, case_type)]
        predicted_n = sum(n for (_, p), n in pairs.items() if p == case_type)
        gold_n = sum(n for (g, _), n in pairs.items() if g == case_type)
        precision = true_positive / predicted_n if predicted_n else 0.0
        recall = true_positive / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result.append(TypeScore(case_type, precision, recall, f1, gold_n))
    return result


def macro_f1(gold: Sequence[CaseType], predicted: Sequence[CaseType]) -> float:
    present = [s for s in scores(gold, predicted) if s.support]
    return sum(s.f1 for s in present) / len(present) if present else 0.0


def confusion(
    gold: Sequence[CaseType], predicted: Sequence[CaseType]
) -> dict[CaseType, dict[CaseType, int]]:
    matrix = {g: dict.fromkeys(CaseType, 0) for g in CaseType}
    for g, p in zip(gold, predicted, strict=True):
        matrix[g][p] += 1
    return matrix
