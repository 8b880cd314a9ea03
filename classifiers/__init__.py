"""Classify stage: the case type of a message, by the configured classifier."""

from __future__ import annotations

from bot.model import CaseContext, Classification, Facts, Mail
from classifiers.base import Classifier
from classifiers.keywords import KeywordClassifier

CLASSIFIERS: dict[str, Classifier] = {"keywords": KeywordClassifier()}

__all__ = ["CLASSIFIERS", "Classifier", "classify"]


def classify(mail: Mail, facts: Facts, case: CaseContext, name: str = "keywords") -> Classification:
    """Classify with the named classifier."""
    return CLASSIFIERS[name].classify(mail, facts, case)
