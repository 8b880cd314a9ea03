"""Notices to the contacts of record of the accounts a message asks about (CSR, PIN, port-out).

Composed whenever the pipeline decides a message, by the runner and again when an agent
reclassifies it: a request is notified whatever type it first seemed to be.
"""

from __future__ import annotations

from bot.config import Settings
from bot.model import Outcome
from bot.outbox.compose import compose_notice, new_message_id
from bot.store import NewReply
from replies import render_notice


def notices_for(outcome: Outcome, case_token: str, settings: Settings) -> tuple[NewReply, ...]:
    """One queued notice per contact the security stage named; sent by the bot at once,
    whatever the review policy says of replies."""
    notices: list[NewReply] = []
    language = outcome.classification.language if outcome.classification else "en"
    disclosure = outcome.security.disclosure
    for notice in outcome.security.notices:
        draft = render_notice(
            notice,
            language=language,
            case_token=case_token,
            signature=settings.identity.display_name,
            secure_channel=settings.replies.secure_channel_in(language),
            disclosed=disclosure is not None
            and bool(set(disclosure.numbers) & set(notice.numbers)),
        )
        message_id = new_message_id(settings.identity.message_id_domain)
        notices.append(
            NewReply(
                message_id=message_id,
                recipient=notice.recipient,
                subject=draft.subject,
                raw=compose_notice(
                    draft,
                    recipient=notice.recipient,
                    identity=settings.identity,
                    message_id=message_id,
                ),
                action=f"notice:{notice.request.value}",
                template=draft.template,
                status="queued",
                automatic=True,
                kind="notice",
            )
        )
    return tuple(notices)
