"""Sender verification: is the From address authorised for the account, and did it really send?

A sender is verified for an account when the From address is one of the account's authorised
addresses and our own receiving server saw DMARC pass, or an aligned DKIM or SPF pass. Only the
address counts: display names, Reply-To and look-alike domains never verify anyone.
"""

from __future__ import annotations

from email.utils import getaddresses

from bot.model import Mail, NumberRecord, Verification
from bot.security.authentication import our_results
from bot.security.lookalike import display_name_tricks, imitates


def verify_sender(mail: Mail, records: tuple[NumberRecord, ...], authserv_id: str) -> Verification:
    """The accounts (of `records`) the sender may receive data for, and why not the others."""
    sender = mail.sender.email.lower() if mail.sender else ""
    authorised = tuple(dict.fromkeys(a for r in records for a in r.authorized_emails))
    warnings = _warnings(mail, sender, authorised)
    from_count = len([a for _name, a in getaddresses(list(mail.header_all("From"))) if a])
    if not sender or from_count != 1:
        return Verification(
            sender, None, reasons=("the message needs exactly one From address",), warnings=warnings
        )
    results = our_results(mail, authserv_id)
    method = results.aligned_pass(sender.rsplit("@", 1)[-1]) if results.found else None
    reasons: list[str] = []
    if not results.found:
        reasons.append(results.problem)
    elif method is None:
        reasons.append("our server saw no DMARC pass and no aligned DKIM or SPF pass")
    accounts = tuple(dict.fromkeys(r.account for r in records))
    verified: list[str] = []
    for account in accounts:
        allowed = {a for r in records if r.account == account for a in r.authorized_emails}
        if sender not in allowed:
            reasons.append(f"{sender} is not an authorised address of the account")
        elif method is not None:
            verified.append(account)
    return Verification(sender, method, tuple(verified), tuple(dict.fromkeys(reasons)), warnings)


def _warnings(mail: Mail, sender: str, authorised: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    name = mail.sender.name if mail.sender else ""
    trick = display_name_tricks(name, sender, authorised)
    if trick:
        found.append(trick)
    domain = sender.rsplit("@", 1)[-1]
    for genuine in dict.fromkeys(a.rsplit("@", 1)[-1] for a in authorised):
        if imitates(domain, genuine):
            found.append(f"the sender's domain {domain} imitates {genuine}")
    for reply_to in mail.reply_to:
        if reply_to.email.lower() != sender:
            found.append(f"Reply-To ({reply_to.email}) differs from From ({sender})")
    return tuple(found)
