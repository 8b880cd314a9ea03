"""The subcommands of the review page: `review`, `agents add|list|disable`, and the export of
agents' corrections as classifier corpus lines."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from bot.config import Settings
from bot.errors import ConfigError, PortdeskError
from bot.logs import configure_logging
from bot.review.auth import ROLES, hash_password
from bot.store.opening import open_store, secret_box
from bot.store.review import add_agent, agent_by_email, agents, corrections, set_active


def review(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the review page until interrupted."""
    import uvicorn

    from bot.review.app import create_app

    box = secret_box(settings)
    if box is None:
        raise ConfigError(
            f"{settings.origin}: security: the review page signs its sessions with a key derived "
            "from [security] key_env or key_file; configure one"
        )
    configure_logging(settings.logging)
    host = args.host or settings.review.host
    port = args.port or settings.review.port
    app = create_app(settings, open_store(settings), box)
    print(f"portdesk review: http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
    return 0


def agents_command(settings: Settings, args: argparse.Namespace) -> int:
    store = open_store(settings)
    if args.action == "list":
        rows = agents(store)
        if not rows:
            print("No agents yet: portdesk agents add EMAIL --name NAME")
        for agent in rows:
            state = "active" if agent.active else "disabled"
            print(f"{agent.email:<36} {agent.role:<8} {state:<9} {agent.name}")
        return 0
    if args.action == "disable":
        if not set_active(store, args.email, False):
            raise PortdeskError(f"no agent {args.email}")
        print(f"{args.email}: disabled; their sessions end with their next request")
        return 0
    if agent_by_email(store, args.email) is not None:
        raise PortdeskError(f"{args.email} is already an agent")
    password = (
        sys.stdin.readline().rstrip("\n")
        if args.password_stdin
        else getpass.getpass(f"Password for {args.email}: ")
    )
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise PortdeskError(str(exc)) from exc
    add_agent(store, args.email, args.name, args.role, hashed)
    print(f"{args.email}: added as {args.role}")
    return 0


def export_corrections(settings: Settings, output: str | None) -> int:
    """Agents' corrections as lines of classifiers/corpus/*.jsonl: the case type an agent chose
    (reclassified) or confirmed by editing and sending the draft (edited)."""
    lines = [
        json.dumps(
            {
                "subject": row.subject,
                "text": row.text,
                "label": row.case_type,
                "secondary": [],
                "language": row.language,
                "style": f"agent-{row.kind}",
            },
            ensure_ascii=False,
        )
        for row in corrections(open_store(settings))
        if row.case_type and (row.text or row.subject)
    ]
    text = "".join(line + "\n" for line in lines)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"{len(lines)} correction(s) written to {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_arguments(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    page = sub.add_parser("review", parents=[common], help="serve the agents' review page")
    page.add_argument("--host", help="address to listen on (default [review] host: 127.0.0.1)")
    page.add_argument("--port", type=int, help="port (default [review] port: 8025)")
    people = sub.add_parser("agents", parents=[common], help="the people who use the review page")
    psub = people.add_subparsers(dest="action", required=True)
    add = psub.add_parser("add", parents=[common], help="add an agent (asks for the password)")
    add.add_argument("email")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, default="agent")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    psub.add_parser("list", parents=[common], help="list agents")
    disable = psub.add_parser("disable", parents=[common], help="disable an agent")
    disable.add_argument("email")
