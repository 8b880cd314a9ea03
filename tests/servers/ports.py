"""Free loopback TCP port helper for the test servers."""

from __future__ import annotations

import socket

LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    """Return a TCP port on ``host`` that nothing is bound to right now.

    The kernel picks the port when we bind to port 0; we close the probe socket
    and hand the number to a server that cannot take ``port=0`` itself (aiosmtpd's
    Controller, Dovecot's config file). There is a small race until the server
    binds, so callers retry with a new port if their bind fails.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port
