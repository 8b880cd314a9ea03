"""What our own receiving server concluded about a message's origin (RFC 8601).

Only the Authentication-Results header our server added counts: the topmost one carrying our
authserv-id. Our server prepends it, so a header below it with our id was added before ours,
i.e. forged by the sender or a relay, and a header with any other id is someone else's claim.
"""

from __future__ import annotations

from dataclasses import dataclass

import authres

from bot.model import Mail


@dataclass(frozen=True, slots=True)
class AuthResults:
    """The passes our server recorded: DMARC, and the domains DKIM and SPF vouched for."""

    found: bool
    dmarc_pass_domains: tuple[str, ...] = ()
    dkim_pass_domains: tuple[str, ...] = ()
    spf_pass_domains: tuple[str, ...] = ()
    problem: str = ""

    def aligned_pass(self, from_domain: str) -> str | None:
        """How the From domain was authenticated (DMARC, or an aligned DKIM or SPF pass)."""
        for method, domains in (
            ("dmarc=pass header.from", self.dmarc_pass_domains),
            ("dkim=pass header.d", self.dkim_pass_domains),
            ("spf=pass smtp.mailfrom", self.spf_pass_domains),
        ):
            for domain in domains:
                if aligned(domain, from_domain):
                    return f"{method}={domain}"
        return None


def our_results(mail: Mail, authserv_id: str) -> AuthResults:
    """The results in our own server's header, or `found=False` with why there are none."""
    if not authserv_id:
        return AuthResults(False, problem="no authserv_id is configured ([security] authserv_id)")
    wanted = authserv_id.strip().lower()
    for value in mail.header_all("Authentication-Results"):
        try:
            header = authres.AuthenticationResultsHeader.parse_value(" ".join(value.split()))
        except authres.AuthResError:
            # An unparseable header cannot be ours (our server writes valid ones): skip it.
            continue
        if str(header.authserv_id).strip().lower() != wanted:
            continue
        return _passes(header)
    return AuthResults(False, problem=f"no Authentication-Results header from {authserv_id}")


def _passes(header: authres.AuthenticationResultsHeader) -> AuthResults:
    dmarc: list[str] = []
    dkim: list[str] = []
    spf: list[str] = []
    for result in header.results:
        if str(result.result).lower() != "pass":
            continue
        method = str(result.method).lower()
        properties = {f"{p.type}.{p.name}".lower(): str(p.value).strip() for p in result.properties}
        if method == "dmarc":
            dmarc.append(_domain(properties.get("header.from", "")))
        elif method == "dkim":
            # header.d is the signing domain; older writers give only header.i (@domain).
            dkim.append(_domain(properties.get("header.d") or properties.get("header.i", "")))
        elif method == "spf":
            spf.append(_domain(properties.get("smtp.mailfrom", "")))
    return AuthResults(
        True,
        tuple(d for d in dmarc if d),
        tuple(d for d in dkim if d),
        tuple(d for d in spf if d),
    )


def _domain(value: str) -> str:
    return value.rsplit("@", 1)[-1].strip().strip(".").lower()


def aligned(authenticated: str, from_domain: str) -> bool:
    """Relaxed alignment, conservatively: the same domain, or one a subdomain of the other.

    DMARC aligns on the organisational domain, which needs the public suffix list; two sibling
    subdomains are therefore not aligned here, which can only refuse, never wrongly verify.
    """
    a, b = authenticated.lower().strip("."), from_domain.lower().strip(".")
    if not a or not b or "." not in a or "." not in b:
        return False
    return a == b or a.endswith("." + b) or b.endswith("." + a)
