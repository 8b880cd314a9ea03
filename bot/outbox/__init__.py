"""The outbox: composing replies and handing them to SMTP (or to files for the demo)."""
