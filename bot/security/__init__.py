"""Security: secrets at rest, who sent a message (authentication and authorisation), and what
account data a reply may carry to whom."""
