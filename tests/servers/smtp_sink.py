"""An in-process SMTP sink (aiosmtpd 1.4.6) on loopback that records every accepted message.

``SmtpSink`` runs aiosmtpd's threaded ``Controller`` on 127.0.0.1 at a free
port. Accepted messages are kept in a thread-safe list; ``refuse()`` makes the
sink answer RCPT or DATA with a temporary failure until ``accept()``, which is
how outage tests simulate a relay that is down.
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.servers.ports import LOOPBACK, free_port

RefuseStage = Literal["RCPT", "DATA"]

_START_ATTEMPTS = 3


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the sink accepted.

    ``original_content`` is the DATA exactly as received (CRLF line ends);
    ``message`` is parsed from it with ``email.policy.default`` and "\\n" line ends.
    """

    mail_from: str
    rcpt_tos: list[str]
    original_content: bytes
    message: EmailMessage = field(repr=False)


class _Handler:
    """aiosmtpd handler; its hooks run on the controller's event-loop thread."""

    def __init__(self, sink: SmtpSink) -> None:
        self._sink = sink

    async def handle_RCPT(  # aiosmtpd finds hooks by this name
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        refusal = self._sink._refusal_for("RCPT")
        if refusal is not None:
            return refusal
        # With a handle_RCPT hook, aiosmtpd leaves recording the recipient to us.
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # aiosmtpd finds hooks by this name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        refusal = self._sink._refusal_for("DATA")
        if refusal is not None:
            return refusal
        raw = envelope.original_content or b""
        # The parsed view uses "\n" line ends: the email package keeps CRLF in
        # bodies otherwise, which makes get_content() comparisons awkward.
        # original_content stays exactly as received.
        parsed = email.message_from_bytes(raw.replace(b"\r\n", b"\n"), policy=email.policy.default)
        # policy.default always builds EmailMessage; the assert tells mypy so.
        assert isinstance(parsed, EmailMessage)
        self._sink._record(
            ReceivedMessage(
                mail_from=envelope.mail_from or "",
                rcpt_tos=list(envelope.rcpt_tos),
                original_content=raw,
                message=parsed,
            )
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """A loopback SMTP server that stores what it accepts (no AUTH, no STARTTLS)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._messages: list[ReceivedMessage] = []
        self._refusal: tuple[RefuseStage, str] | None = None
        self._refused = 0
        self._controller: Controller | None = None
        self._port = 0

    @property
    def host(self) -> str:
        return LOOPBACK

    @property
    def port(self) -> int:
        return self._port

    @property
    def messages(self) -> list[ReceivedMessage]:
        """A snapshot of the accepted messages, oldest first."""
        with self._cond:
            return list(self._messages)

    @property
    def refused_count(self) -> int:
        """How many RCPT or DATA commands were answered with the refusal."""
        with self._cond:
            return self._refused

    def start(self) -> None:
        if self._controller is not None:
            return
        last_error: Exception | None = None
        # aiosmtpd's Controller cannot take port=0 (its readiness probe connects
        # to the configured port), so probe for a free one and retry on the rare
        # race where someone else binds it first.
        for _ in range(_START_ATTEMPTS):
            port = free_port()
            controller = Controller(
                _Handler(self), hostname=LOOPBACK, port=port, enable_SMTPUTF8=True
            )
            try:
                controller.start()
            except Exception as exc:  # retried, then re-raised below
                last_error = exc
                continue
            self._controller = controller
            self._port = port
            return
        raise RuntimeError(f"SMTP sink could not start on {LOOPBACK}") from last_error

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def __enter__(self) -> SmtpSink:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def refuse(
        self, code: int = 451, text: str = "4.3.0 try later", *, stage: RefuseStage = "DATA"
    ) -> None:
        """Answer ``stage`` (``"DATA"`` or ``"RCPT"``) with ``code text`` until accept()."""
        if not 400 <= code <= 599:
            raise ValueError(f"refusal code must be 4xx or 5xx, not {code}")
        with self._cond:
            self._refusal = (stage, f"{code} {text}")

    def accept(self) -> None:
        """Stop refusing; later transactions are accepted and recorded again."""
        with self._cond:
            self._refusal = None

    def clear(self) -> None:
        with self._cond:
            self._messages.clear()
            self._refused = 0

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Block until at least ``count`` messages arrived; return them all.

        Raises ``TimeoutError`` naming how many did arrive.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"SMTP sink got {len(self._messages)} message(s) within "
                        f"{timeout} s, expected {count}"
                    )
                self._cond.wait(remaining)
            return list(self._messages)

    # Called from the handler on the controller's thread.

    def _refusal_for(self, stage: RefuseStage) -> str | None:
        with self._cond:
            if self._refusal is None or self._refusal[0] != stage:
                return None
            self._refused += 1
            return self._refusal[1]

    def _record(self, message: ReceivedMessage) -> None:
        with self._cond:
            self._messages.append(message)
            self._cond.notify_all()
