"""Extract stage: the facts a message states (numbers, Account SIDs, documents)."""

from __future__ import annotations

from bot.extract.attachments import attachment_kind
from bot.extract.phones import find_numbers, region_for_domain
from bot.extract.regions import regions_named
from bot.extract.sids import find_account_sids
from bot.model import Facts, Mail


def extract_facts(mail: Mail, default_region: str) -> Facts:
    """Facts from the customer's new text and subject only; quotes and signatures never count."""
    text = f"{mail.subject}\n{mail.new_text}"
    # Numbers written without +country code: the country the text names, then the sender's
    # country-code domain, then the configured default.
    regions = list(regions_named(text))
    if mail.sender is not None:
        domain_region = region_for_domain(mail.sender.email.rsplit("@", 1)[-1])
        if domain_region:
            regions.append(domain_region)
    regions.append(default_region)
    forwarded = "\n".join(f.text for f in mail.forwarded)
    numbers = find_numbers(text, tuple(dict.fromkeys(regions)), source="text")
    return Facts(
        numbers=numbers,
        account_sids=find_account_sids(f"{text}\n{forwarded}"),
        attachment_kinds=tuple((a.filename, attachment_kind(a)) for a in mail.attachments),
    )
