"""Golden cases: tests/cases/NAME.eml (or a thread NAME/01.eml, 02.eml, ...) with the expected
result in NAME.json (or NAME/expected.json), as `portdesk process --json` reports it.

An expectation lists only what the case is about: any of case_type, action, missing, warnings,
numbers (E.164, in order), language, draft_contains, draft_absent.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.factories import write_config

CASES = Path(__file__).resolve().parent / "cases"
KNOWN_WRONG: dict[str, str] = tomllib.loads((CASES / "known_wrong.toml").read_text())
SINGLE = sorted(p for p in CASES.glob("*.eml") if p.with_suffix(".json").exists())
THREADS = sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "expected.json").exists())


def cases(paths: list[Path], name: Callable[[Path], str]) -> list[Any]:
    """Each case as a pytest param; a known-wrong one must fail until it is fixed (strict)."""
    return [
        pytest.param(
            path,
            id=name(path),
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[name(path)])]
            if name(path) in KNOWN_WRONG
            else [],
        )
        for path in paths
    ]


def run_process(config: Path, eml: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    main(["process", "--json", "--config", str(config), str(eml)])
    result: dict[str, Any] = json.loads(capsys.readouterr().out.splitlines()[-1])
    return result


def check(result: dict[str, Any], expected: dict[str, Any]) -> None:
    for key in ("case_type", "action", "missing", "warnings", "language"):
        if key in expected:
            assert result[key] == expected[key], key
    if "numbers" in expected:
        assert [n["e164"] for n in result["facts"]["numbers"]] == expected["numbers"]
    draft = result["draft"]["text"] if result["draft"] else ""
    for text in expected.get("draft_contains", []):
        assert text in draft, f"draft lacks {text!r}"
    for text in expected.get("draft_absent", []):
        assert text not in draft, f"draft contains {text!r}"


@pytest.mark.parametrize("eml", cases(SINGLE, lambda p: p.stem))
def test_single_message(
    eml: Path, tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url, maildir=tmp_path / "Maildir")
    expected = json.loads(eml.with_suffix(".json").read_text())
    check(run_process(config, eml, capsys), expected)


@pytest.mark.parametrize("folder", cases(THREADS, lambda p: p.name))
def test_thread(
    folder: Path, tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = sorted(folder.glob("*.eml"))
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for index, eml in enumerate(messages[:-1]):
        shutil.copy(eml, maildir / "new" / f"{index:03d}.{eml.stem}")
    config = write_config(tmp_path, store_url, maildir=maildir)
    assert main(["once", "--config", str(config)]) == 0
    expected = json.loads((folder / "expected.json").read_text())
    check(run_process(config, messages[-1], capsys), expected)


def test_there_are_enough_golden_cases() -> None:
    assert len(SINGLE) + len(THREADS) >= 60
    names = {p.stem for p in SINGLE} | {p.name for p in THREADS}
    assert set(KNOWN_WRONG) <= names
