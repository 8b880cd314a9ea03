"""Secrets at rest: Fernet-sealed values, a keyed digest for lookups, and masking for display."""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.errors import ConfigError

_SEALED = "fernet:"
# Sealed mail bytes: this marker, a 12-byte nonce, then AES-GCM ciphertext and tag.
_SEALED_BYTES = b"portdesk-aesgcm-1:"
MASK = "\u2022"


class SecretBox:
    """Seals and opens secrets with one Fernet key; digests with a key derived from it."""

    def __init__(self, key: bytes) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                "the secret key is not a Fernet key (32 url-safe base64 bytes); "
                "`portdesk security new-key` prints one"
            ) from exc
        self._key = key
        # A separate key for digests, so a digest never helps anyone forge or open a token.
        self._digest_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"portdesk digest"
        ).derive(key)
        # Mail can be tens of megabytes: AES-GCM seals it in one pass without base64 growth.
        self._mail = AESGCM(
            HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"portdesk mail").derive(key)
        )

    @staticmethod
    def new_key() -> str:
        return Fernet.generate_key().decode("ascii")

    def seal(self, value: str) -> str:
        return _SEALED + self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str:
        """The plain value; raises ConfigError when the key is not the one that sealed it."""
        if not sealed.startswith(_SEALED):
            raise ValueError("not a sealed value")
        try:
            return self._fernet.decrypt(sealed[len(_SEALED) :].encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise ConfigError(
                "a stored secret cannot be opened with the configured key ([security] key_env or "
                "key_file): it was sealed with another key"
            ) from exc

    def derive(self, purpose: str) -> bytes:
        """A 32-byte key for another purpose (e.g. signing session cookies), from this key."""
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"portdesk " + purpose.encode()
        ).derive(self._key)

    def seal_bytes(self, data: bytes) -> bytes:
        nonce = os.urandom(12)
        return _SEALED_BYTES + nonce + self._mail.encrypt(nonce, data, None)

    def open_bytes(self, sealed: bytes) -> bytes:
        start = len(_SEALED_BYTES)
        try:
            return self._mail.decrypt(sealed[start : start + 12], sealed[start + 12 :], None)
        except InvalidTag as exc:
            raise ConfigError(
                "stored mail cannot be opened with the configured key: it was sealed with "
                "another key"
            ) from exc

    def digest(self, value: str) -> str:
        """A stable keyed fingerprint: equal values give equal digests, and nothing else leaks."""
        return hmac.new(self._digest_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def is_sealed(value: str) -> bool:
    return value.startswith(_SEALED)


def is_sealed_bytes(data: bytes) -> bool:
    return data.startswith(_SEALED_BYTES)


def mask(value: str | None, keep: int = 4) -> str:
    """`••••••1234`: the last `keep` characters of a longer value, nothing of a short one."""
    if not value:
        return ""
    if len(value) <= keep * 2:
        return MASK * len(value)
    return MASK * (len(value) - keep) + value[-keep:]


def mask_pin(value: str | None) -> str:
    """A PIN shows only that it exists and how long it is."""
    return MASK * len(value) if value else ""
