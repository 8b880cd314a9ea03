"""Named conditions a requirement can depend on (`when = [...]` in the case-type TOML)."""

from __future__ import annotations

from collections.abc import Callable

from rules.base import RuleContext


def has_loa(context: RuleContext) -> bool:
    return any(d.kind == "loa" for d in context.facts.documents)


def has_bill_or_csr(context: RuleContext) -> bool:
    return any(d.kind in ("invoice", "csr") for d in context.facts.documents)


def wireless(context: RuleContext) -> bool:
    """A number the customer gave is a mobile, or they said the numbers are wireless.

    A number stated as a cell outranks "the main line is a landline" said of another one.
    """
    if any(n.type == "mobile" for n in context.facts.numbers):
        return True
    return bool(context.facts.answers.wireless)


def has_address(context: RuleContext) -> bool:
    return context.facts.answers.address is not None


def changes_name(context: RuleContext) -> bool:
    """The customer wants the name changed, or did not say which part of the record."""
    return context.facts.answers.changes("name")


def changes_address(context: RuleContext) -> bool:
    """The customer wants the address changed, or did not say which part of the record."""
    return context.facts.answers.changes("address")


def not_every_number(context: RuleContext) -> bool:
    """The customer did not say the change is for every number on the account."""
    return not context.facts.answers.all_numbers


def no_order_id(context: RuleContext) -> bool:
    """Neither a port order's SID (KW…) nor an order or ticket reference ("Pedido #60471")."""
    return not any(
        i.kind in ("port_order_sid", "order_reference") and i.valid
        for i in context.facts.identifiers
    )


CONDITIONS: dict[str, Callable[[RuleContext], bool]] = {
    "has_loa": has_loa,
    "has_bill_or_csr": has_bill_or_csr,
    "wireless": wireless,
    "has_address": has_address,
    "no_order_id": no_order_id,
    "changes_name": changes_name,
    "changes_address": changes_address,
    "not_every_number": not_every_number,
}
