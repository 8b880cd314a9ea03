"""The labelled corpus: JSONL files in classifiers/corpus/, split once into train, dev and test.

The split is decided by a hash of each message under a committed seed, so it never changes for
a message already in the corpus, and adding messages never moves old ones between splits.
Each sample is read as the pipeline reads mail: made into a plain-text message and parsed, so
quoted history is left out in training and evaluation as it is in production.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache
from pathlib import Path

from bot.model import CaseType, Mail
from bot.parse import parse_mail

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SPLIT_SEED = "portdesk-classifier-split-2026-11"
# Percent of messages in dev and test; the rest trains.
DEV_PERCENT, TEST_PERCENT = 15, 15
LANGUAGES = ("en", "de", "it", "pt", "es", "fr")


@dataclass(frozen=True, slots=True)
class Sample:
    """One labelled message."""

    subject: str
    text: str
    label: CaseType
    secondary: tuple[CaseType, ...]
    language: str
    style: str
    # The corpus file it comes from, without .jsonl ("part-c-de").
    source: str = ""

    @property
    def mail(self) -> Mail:
        return sample_mail(self.subject, self.text)

    @property
    def input_text(self) -> str:
        """What the classifiers read of it in production."""
        return mail_text(self.mail)

    @property
    def split(self) -> str:
        digest = hashlib.sha256(f"{SPLIT_SEED}\n{self.subject}\n{self.text}".encode()).digest()
        bucket = int.from_bytes(digest[:4], "big") % 100
        if bucket < TEST_PERCENT:
            return "test"
        if bucket < TEST_PERCENT + DEV_PERCENT:
            return "dev"
        return "train"


# What a request says is said early; a bound keeps a megabyte of pasted text within spaCy's
# max_length (the n-gram features are about 16 characters per character of text).
MAX_SUBJECT_CHARS = 500
MAX_TEXT_CHARS = 20_000


def classification_text(subject: str, text: str) -> str:
    """What the classifiers read: the subject, then the customer's words (both bounded)."""
    return f"{subject[:MAX_SUBJECT_CHARS]}\n{text[:MAX_TEXT_CHARS]}".strip()


def mail_text(mail: Mail) -> str:
    """A message as the classifiers read it: subject, new text and any forwarded notice."""
    forwarded = "\n".join(f"{f.subject}\n{f.text[:1500]}" for f in mail.forwarded)
    return classification_text(mail.subject, f"{mail.new_text}\n{forwarded}".strip())


@lru_cache(maxsize=16_384)
def sample_mail(subject: str, text: str) -> Mail:
    """A labelled message as the parse stage makes it of a plain-text mail from a customer."""
    message = EmailMessage(policy=SMTP)
    message["From"] = "customer@example.com"
    message["Subject"] = " ".join(subject.split())
    message.set_content(text)
    return parse_mail(message.as_bytes())


def load_corpus(folder: Path = CORPUS_DIR) -> list[Sample]:
    """Every sample of every *.jsonl file, in file and line order; bad lines name file and line."""
    samples: list[Sample] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                samples.append(
                    Sample(
                        subject=str(item.get("subject", "")),
                        text=str(item["text"]),
                        label=CaseType(item["label"]),
                        secondary=tuple(CaseType(s) for s in item.get("secondary", [])),
                        language=str(item["language"]),
                        style=str(item.get("style", "")),
                        source=path.stem,
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return samples


def splits(samples: list[Sample]) -> dict[str, list[Sample]]:
    result: dict[str, list[Sample]] = {"train": [], "dev": [], "test": []}
    for sample in samples:
        result[sample.split].append(sample)
    return result
