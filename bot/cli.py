"""The `portdesk` command line: run, once, process, replay, quarantine, check-config,
inventory, audit, security, review, agents, digest."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import digest_commands, review_commands
from bot.config import Settings, load_settings
from bot.errors import ConfigError, PortdeskError


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(Path(args.config) if args.config else None)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="PATH",
        help="configuration file (default: $PORTDESK_CONFIG, else the embedded demo)",
    )
    parser = argparse.ArgumentParser(prog="portdesk", description=__doc__, parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", parents=[common], help="run the daemon until SIGTERM")
    sub.add_parser("once", parents=[common], help="one pass: fetch, process, send; print a table")
    process = sub.add_parser(
        "process",
        parents=[common],
        help="run the pipeline on .eml files without writing to the store",
    )
    process.add_argument("files", nargs="+", metavar="FILE.eml")
    process.add_argument("--json", action="store_true", help="one JSON object per file, per line")
    replay = sub.add_parser(
        "replay",
        parents=[common],
        help="run stored messages through the current pipeline (read-only)",
    )
    replay.add_argument("ids", nargs="+", type=int, metavar="ID")
    quarantine = sub.add_parser("quarantine", parents=[common], help="messages set aside")
    qsub = quarantine.add_subparsers(dest="action", required=True)
    qsub.add_parser("list", parents=[common], help="list quarantined and oversize messages")
    retry = qsub.add_parser("retry", parents=[common], help="process quarantined messages again")
    retry.add_argument("ids", nargs="*", type=int, metavar="ID", help="default: all")
    classifier = sub.add_parser("classifier", parents=[common], help="the case-type classifier")
    csub = classifier.add_subparsers(dest="action", required=True)
    csub.add_parser(
        "train", parents=[common], help="train the spaCy model on classifiers/corpus (fixed seed)"
    )
    csub.add_parser(
        "eval", parents=[common], help="score both classifiers on the test split; write docs"
    )
    export = csub.add_parser(
        "export-corrections",
        parents=[common],
        help="agents' reclassifications as classifiers/corpus lines (JSONL)",
    )
    export.add_argument("--output", metavar="FILE.jsonl", help="default: standard output")
    sub.add_parser(
        "check-config", parents=[common], help="validate the configuration and test the connections"
    )
    inventory = sub.add_parser("inventory", parents=[common], help="the numbers we hold")
    isub = inventory.add_subparsers(dest="action", required=True)
    load = isub.add_parser(
        "import", parents=[common], help="load or update numbers from a CSV (bad rows listed)"
    )
    load.add_argument("file", metavar="FILE.csv")
    show = isub.add_parser("show", parents=[common], help="what is on record for a number")
    show.add_argument("number", metavar="NUMBER")
    audit = sub.add_parser(
        "audit", parents=[common], help="every disclosure of account data, newest first"
    )
    audit.add_argument("--limit", type=int, default=200, metavar="N")
    security = sub.add_parser("security", parents=[common], help="keys for secrets at rest")
    ssub = security.add_subparsers(dest="action", required=True)
    ssub.add_parser("new-key", parents=[common], help="print a new Fernet key")
    review_commands.add_arguments(sub, common)
    digest_commands.add_arguments(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        from bot import account_commands, commands

        handler = {
            "run": commands.run,
            "once": commands.once,
            "process": commands.process,
            "replay": commands.replay,
            "quarantine": commands.quarantine,
            "check-config": commands.check_config,
            "classifier": commands.classifier,
            "inventory": account_commands.inventory,
            "audit": account_commands.audit,
            "security": account_commands.security,
            "review": review_commands.review,
            "agents": review_commands.agents_command,
            "digest": digest_commands.digest,
        }[args.command]
        return handler(settings, args)
    except ConfigError as exc:
        print(f"portdesk: configuration error:\n{exc}", file=sys.stderr)
        return 2
    except PortdeskError as exc:
        print(f"portdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
