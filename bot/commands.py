"""What each `portdesk` subcommand does, wired from settings to runner, store and outbox."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.errors import ConfigError, PortdeskError, SendError
from bot.logs import configure_logging
from bot.model import CaseContext
from bot.outbox.senders import make_sender
from bot.parse import ParseError
from bot.parse.redact import redact_raw
from bot.pipeline import (
    no_records,
    outcome_json,
    read,
    respond,
    screen_context,
    screened_outcome,
)
from bot.runner import Processed, Runner, one_pass
from bot.screen import ScreenContext
from bot.sources import make_source
from bot.store import Store
from bot.store.inventory import check_key
from bot.store.inventory import size as inventory_size
from bot.store.opening import open_store, secret_box
from classifiers.dataset import Sample

if TYPE_CHECKING:
    from classifiers.trained import TrainedClassifier

NEW_CASE = "NEW"


def run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.daemon import Shutdown, run_daemon

    shutdown = Shutdown()
    configure_logging(settings.logging)
    store = open_store(settings)
    # With a stable [workers] id, what this worker claimed before a crash is its own again now.
    released = store.release_claims(settings.worker_id)
    if released:
        logging.getLogger(__name__).info("released %s claims of a previous run", released)
    runner = Runner(settings, store, make_source(settings))
    run_daemon(settings, runner, make_sender(settings.outbox), shutdown)
    return 0


def once(settings: Settings, args: argparse.Namespace) -> int:
    configure_logging(settings.logging.model_copy(update={"level": "WARNING"}))
    store = open_store(settings)
    result = one_pass(settings, store, make_source(settings))
    processed = result.processed
    where = {d.message_id: d.where for d in result.deliveries}
    print(
        f"portdesk once: {result.stored} new message(s) stored from {result.mailbox} "
        f"({settings.origin}); store {_safe_url(settings.store.url)}"
    )
    if not processed:
        print("Nothing new to process: every message in the source is already in the store.")
        if settings.origin == "embedded default":
            print("To run the demo again from scratch, delete the var/ folder.")
        return 0
    _print_table(processed, where)
    replies = {p.reply_id for p in processed}
    notices = [d for d in result.deliveries if d.message_id not in replies]
    if notices:
        print(
            f"{len(notices)} security notice(s) sent to the contacts of record of accounts whose "
            "CSR, PIN or port-out was asked for."
        )
    review = sum(1 for p in processed if p.reply_status == "awaiting_review")
    if review:
        print(f"{review} draft(s) wait for an agent's review; they are stored, not sent.")
    return 0


def _print_table(processed: list[Processed], where: dict[str, str]) -> None:
    rows = [("#", "message", "case", "case type", "action", "reply")]
    for item in processed:
        reply = where.get(item.reply_id, item.reply_status)
        rows.append(
            (
                str(item.pk),
                _clip(item.subject or "(no subject)", 38),
                item.case or "-",
                item.case_type or "-",
                item.action,
                _shorten_path(reply),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


def process(settings: Settings, args: argparse.Namespace) -> int:
    """Pipeline on files, nothing written: threading reads the store when there is one."""
    store = _read_only_store(settings)
    context = screen_context(settings)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            result = process_file(path, settings, store, context)
        except (OSError, ParseError) as exc:
            result = {"file": str(path), "error": str(exc), "action": "quarantine"}
            status = 1
        if args.json:
            print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        else:
            _print_human(result)
    return status


def process_file(
    path: Path, settings: Settings, store: Store | None, context: ScreenContext
) -> dict[str, object]:
    """One file through the pipeline as `portdesk process` runs it; nothing is written."""
    screened = read(redact_raw(path.read_bytes())[0], context)
    if screened.verdict is not None:
        return {"file": str(path), **outcome_json(screened_outcome(screened))}
    mail = screened.mail
    case = None
    if store is not None:
        case = store.find_case(
            (mail.in_reply_to, *mail.references), mail.subject, settings.identity.case_token_prefix
        )
    lookup = store.records if store is not None else no_records
    sender = mail.sender.email if mail.sender else ""
    regions = store.account_regions(sender) if store is not None and sender else ()
    outcome = respond(
        mail, case or _unsaved_case(settings), settings, lookup, account_regions=regions
    )
    return {"file": str(path), **outcome_json(outcome)}


def _unsaved_case(settings: Settings) -> CaseContext:
    """The case of a message that is not being stored: its token says so."""
    return CaseContext(token=f"{settings.identity.case_token_prefix}-{NEW_CASE}")


def _print_human(result: dict[str, object]) -> None:
    print(f"== {result.get('file')}")
    for key in ("case_type", "confidence", "language", "action", "reason", "missing", "error"):
        if result.get(key) not in (None, [], ""):
            print(f"{key}: {result[key]}")
    facts = result.get("facts")
    if isinstance(facts, dict) and facts.get("numbers"):
        print(
            "numbers: "
            + ", ".join(f"{n['e164']} ({n['country']}, {n['type']})" for n in facts["numbers"])
        )
    draft = result.get("draft")
    if isinstance(draft, dict):
        print(f"--- draft: {draft['subject']}\n{draft['text']}")
    print()


def replay(settings: Settings, args: argparse.Namespace) -> int:
    store = open_store(settings)
    context = screen_context(settings)
    for pk in args.ids:
        try:
            stored = store.load(pk)
        except KeyError as exc:
            print(f"portdesk: {exc}", file=sys.stderr)
            return 1
        screened = read(stored.raw, context)
        if screened.verdict is not None:
            outcome = screened_outcome(screened)
        else:
            row = store.message(pk)
            case = None
            if row is not None and row.case_id is not None:
                case = store.find_case(
                    (),
                    f"[#{settings.identity.case_token_prefix}-{row.case_id + 1000}]",
                    settings.identity.case_token_prefix,
                )
            outcome = respond(screened.mail, case or _unsaved_case(settings), settings)
        print(json.dumps({"id": pk, **outcome_json(outcome)}, ensure_ascii=False, sort_keys=True))
    return 0


def quarantine(settings: Settings, args: argparse.Namespace) -> int:
    store = open_store(settings)
    if args.action == "list":
        rows = store.quarantined()
        if not rows:
            print("Quarantine is empty.")
        for row in rows:
            status = "oversize" if row.oversize else row.status
            reason = row.error or f"{row.size} bytes, not downloaded; referred to an agent"
            print(
                f"{row.id}\t{status}\t{row.received_at:%Y-%m-%d %H:%M}\t{row.message_id or '-'}"
                f"\t{reason}"
            )
        return 0
    ids = args.ids or [row.id for row in store.quarantined() if row.id is not None]
    count = store.requeue(ids)
    runner = Runner(settings, store, make_source(settings))
    results = runner.process_pending()
    still = sum(1 for r in results if r.action == "quarantined")
    print(f"Requeued {count}; {count - still} processed, {still} quarantined again.")
    return 0


def classifier(settings: Settings, args: argparse.Namespace) -> int:
    from classifiers.dataset import load_corpus, splits

    if args.action == "export-corrections":
        from bot.review_commands import export_corrections

        return export_corrections(settings, args.output)

    parts = splits(load_corpus())
    if args.action == "train":
        from classifiers.trained import MODEL_DIR, train

        started = time.perf_counter()
        report = train(parts["train"], parts["dev"])
        print(
            f"trained on {report.train_size} messages in {time.perf_counter() - started:.1f} s; "
            f"kept epoch {report.best_epoch}/{report.epochs} "
            f"(dev macro-F1 {report.dev_macro_f1:.3f}); saved to {MODEL_DIR}"
        )
        return 0
    return _evaluate(parts["test"], settings)


def _evaluate(test: list[Sample], settings: Settings) -> int:
    from classifiers.evaluate import report, write_doc
    from classifiers.keywords import KeywordClassifier
    from classifiers.trained import TrainedClassifier, load_pipeline

    keywords = KeywordClassifier()
    trained = TrainedClassifier()
    # The model's load, not the library's import (which the daemon pays once at start anyway).
    import spacy  # noqa: F401

    started = time.perf_counter()
    load_pipeline()
    load_ms = (time.perf_counter() - started) * 1000
    sections = []
    results = {}
    from classifiers.evaluate import classify_as_used

    for name, classify_sample in (
        ("Baseline (keywords)", lambda s: keywords.classify_text(s.input_text)),
        ("Trained (spaCy textcat)", lambda s: trained.classify_text(s.input_text)),
        (
            "As used (the classify stage: the model, the baseline where it is unsure, the "
            "extracted facts, the confidence floor)",
            lambda s: classify_as_used(s, settings),
        ),
    ):
        section, macro, ms = report(name, test, classify_sample)
        sections.append(section)
        results[name] = (macro, ms)
        print(f"{name}: macro-F1 {macro:.3f}, {ms:.2f} ms per message")
    summary = "\n".join(
        f"- {name}: macro-F1 {macro:.3f}, {ms:.2f} ms per message"
        for name, (macro, ms) in results.items()
    )
    summary += f"\n- Trained model load: {load_ms:.0f} ms.\n\n" + _targets(results, load_ms)
    summary += "\n\n" + _by_part(test, trained) + "\n\n" + _secondary(test, trained)
    summary += "\n\n" + _asks(test, trained)
    write_doc(sections, summary)
    print(f"Trained model load: {load_ms:.0f} ms.")
    return 0


def _by_part(test: list[Sample], trained: TrainedClassifier) -> str:
    """The trained model's macro-F1 on each batch of the corpus, so that a figure stays
    comparable with one measured before a batch was added (the split never moves a message)."""
    from classifiers.metrics import macro_f1

    batches: dict[str, list[Sample]] = {}
    for sample in test:
        batches.setdefault("-".join(sample.source.split("-")[:2]), []).append(sample)
    lines = ["The trained model on each batch of the test split (files `part-x-*.jsonl`):", ""]
    for batch, samples in sorted(batches.items()):
        f1 = macro_f1(
            [s.label for s in samples],
            [trained.classify_text(s.input_text).case_type for s in samples],
        )
        lines.append(f"- {batch}: macro-F1 {f1:.3f} on {len(samples)} messages")
    return "\n".join(lines)


def _secondary(test: list[Sample], trained: TrainedClassifier) -> str:
    """How far the secondary intents can be trusted: each one adds a paragraph to the reply."""
    right = found = wanted = 0
    for sample in test:
        predicted = set(trained.classify_text(sample.input_text).secondary_intents)
        right += len(predicted & set(sample.secondary))
        found += len(predicted)
        wanted += len(sample.secondary)
    return (
        f"Secondary intents (trained model): {found} reported, {right} right "
        f"(precision {right / max(found, 1):.2f}); {wanted} in the labels "
        f"(recall {right / max(wanted, 1):.2f})."
    )


def _asks(test: list[Sample], trained: TrainedClassifier) -> str:
    """How far the second requests found by phrases can be trusted, after the model's case
    type (they are looked for only where that case type leaves room for them)."""
    from classifiers.asks import ASKS, asked_outright

    lines = [
        "Second requests found by phrases (`classifiers/asks.py`), after the model's case type;"
        " right when the message makes that request, as its main or its second one:",
        "",
    ]
    for case_type in ASKS:
        right = found = wanted = caught = 0
        for sample in test:
            primary = trained.classify_text(sample.input_text).case_type
            asked = case_type in asked_outright(sample.mail.new_text, primary)
            # Right when the message makes that request at all: a PIN request the model read
            # as a CSR request is answered on the PIN by the paragraph.
            right += asked and case_type in (sample.label, *sample.secondary)
            found += asked
            wanted += case_type in sample.secondary
            caught += asked and case_type in sample.secondary
        lines.append(
            f"- {case_type.value}: {found} found, {right} right (precision "
            f"{right / max(found, 1):.2f}); {caught} of the {wanted} labelled as second "
            f"requests (recall {caught / max(wanted, 1):.2f})"
        )
    return "\n".join(lines)


def _targets(results: dict[str, tuple[float, float]], load_ms: float) -> str:
    trained_f1, trained_ms = results["Trained (spaCy textcat)"]
    baseline_f1 = results["Baseline (keywords)"][0]
    combined_f1 = next(f1 for name, (f1, _) in results.items() if name.startswith("As used"))
    return (
        "Against the issue's targets:\n\n"
        f"- Macro-F1 of at least 0.90: {'met' if trained_f1 >= 0.90 else 'not met'} "
        f"(trained {trained_f1:.3f}, as used {combined_f1:.3f}).\n"
        f"- Higher than the baseline: {'yes' if trained_f1 > baseline_f1 else 'no'} "
        f"({baseline_f1:.3f}).\n"
        f"- Inference under 2 ms per message: {'met' if trained_ms < 2 else 'not met'} "
        f"({trained_ms:.2f} ms, case type and intents, after a warm-up pass).\n"
        f"- Load under 0.5 s: {'met' if load_ms < 500 else 'not met'} ({load_ms:.0f} ms)."
    )


def check_config(settings: Settings, args: argparse.Namespace) -> int:
    print(f"configuration: {settings.origin}: valid")
    problems = 0
    try:
        store = open_store(settings)
        print(f"store: {_safe_url(settings.store.url)}: ok ({store.counts() or 'empty'})")
    except Exception as exc:
        print(f"store: {_safe_url(settings.store.url)}: FAILED: {exc}")
        problems += 1
    source = make_source(settings)
    try:
        state = source.open()
        print(f"source: {settings.source.kind}: ok (uidvalidity {state.uidvalidity})")
    except PortdeskError as exc:
        print(f"source: {settings.source.kind}: FAILED: {exc}")
        problems += 1
    finally:
        source.close()
    problems += _check_outbox(settings)
    problems += _check_security(settings)
    return 1 if problems else 0


def _check_security(settings: Settings) -> int:
    security = settings.security
    if security.authserv_id:
        print(f"security: Authentication-Results trusted from {security.authserv_id}")
    else:
        print("security: no authserv_id: no sender is verified, every CSR goes to an agent")
    try:
        box = secret_box(settings)
    except ConfigError as exc:
        print(f"security: key: FAILED: {exc}")
        return 1
    if box is None:
        print("security: no key: the inventory cannot be loaded; account numbers kept masked")
        return 0
    try:
        store = open_store(settings)
        numbers = inventory_size(store)
        check_key(store, box)
    except ConfigError as exc:
        print(f"security: key: FAILED: {exc}")
        return 1
    print(f"security: key ok; inventory: {numbers} number(s)")
    return 0


def _check_outbox(settings: Settings) -> int:
    if settings.outbox.kind == "files":
        assert settings.outbox.directory is not None
        try:
            settings.outbox.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"outbox: {settings.outbox.directory}: FAILED: {exc}")
            return 1
        print(f"outbox: files in {settings.outbox.directory}: ok")
        return 0
    import smtplib

    smtp = settings.outbox.smtp
    assert smtp is not None
    try:
        client = (smtplib.SMTP_SSL if smtp.security == "ssl" else smtplib.SMTP)(
            smtp.host, smtp.port, timeout=smtp.timeout
        )
        with client:
            if smtp.security == "starttls":
                client.starttls()
            if smtp.username:
                client.login(smtp.username, smtp.secret() or "")
            client.noop()
    except (OSError, smtplib.SMTPException, SendError) as exc:
        print(f"outbox: smtp {smtp.host}:{smtp.port}: FAILED: {exc}")
        return 1
    print(f"outbox: smtp {smtp.host}:{smtp.port}: ok")
    return 0


def _read_only_store(settings: Settings) -> Store | None:
    url = make_url(settings.store.url)
    # Opening a SQLite URL creates the file: a missing file simply means there is no store yet.
    if url.get_backend_name() == "sqlite" and (not url.database or not Path(url.database).exists()):
        return None
    return Store.open_existing(settings.store.url, secret_box(settings))


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shorten_path(value: str) -> str:
    try:
        return str(Path(value).relative_to(Path.cwd()))
    except ValueError:
        return value
