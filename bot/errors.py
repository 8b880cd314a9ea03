"""The exceptions portdesk raises on purpose, rooted at PortdeskError."""


class PortdeskError(Exception):
    """Root of every error portdesk raises deliberately."""


class ConfigError(PortdeskError):
    """The configuration is unreadable, incomplete or wrong; the message names file and key."""


class SourceError(PortdeskError):
    """The mailbox could not be reached or answered something unusable."""


class SendError(PortdeskError):
    """An outgoing reply could not be handed to the SMTP server."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
