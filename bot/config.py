"""Typed settings: the TOML file, environment overrides and the embedded default, validated once."""

from __future__ import annotations

import os
import socket
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.errors import ConfigError

# The repository root: the embedded default reads the bundled inbox below it and writes under var/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "PORTDESK_"
CONFIG_ENV = "PORTDESK_CONFIG"
_SECRET_KEYS = {"password", "token", "secret", "oauth_token", "api_key", "key", "fernet_key"}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SecretRef(_Section):
    """Where a secret comes from: an environment variable or a file, never the TOML itself."""

    password_env: str | None = None
    password_file: Path | None = None

    def secret(self) -> str | None:
        """The secret's value, read at the moment of use so rotation needs no restart."""
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise ConfigError(f"environment variable {self.password_env} is not set")
            return value
        if self.password_file:
            try:
                return self.password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"cannot read secret file {self.password_file}: {exc}") from exc
        return None


class MaildirSettings(_Section):
    path: Path
    mark: Literal["none", "seen"] = "none"


class ImapSettings(SecretRef):
    host: str
    port: int = 993
    security: Literal["ssl", "starttls", "plain"] = "ssl"
    username: str
    auth: Literal["password", "xoauth2"] = "password"
    oauth_token_command: list[str] | None = None
    folder: str = "INBOX"
    mark: Literal["keyword", "move"] = "keyword"
    keyword: str = "$PortdeskProcessed"
    processed_folder: str = "Processed"
    # Where a copy of every reply and notice sent is appended (marked \\Seen), so the mailbox
    # shows the whole conversation; empty: no copy.
    sent_folder: str = ""
    idle: bool = True
    idle_renew_seconds: int = Field(default=540, ge=10, le=600)
    poll_seconds: int = Field(default=60, ge=1)
    fetch_chunk: int = Field(default=50, ge=1, le=1000)
    max_message_bytes: int = Field(default=30_000_000, ge=1024)
    connect_timeout: float = 30.0
    read_timeout: float = 120.0
    backoff_max_seconds: float = 300.0

    @model_validator(mode="after")
    def _auth_has_secret(self) -> ImapSettings:
        if self.auth == "xoauth2" and not self.oauth_token_command:
            raise ValueError("auth = 'xoauth2' needs oauth_token_command")
        if self.auth == "password" and not (self.password_env or self.password_file):
            raise ValueError("auth = 'password' needs password_env or password_file")
        return self


class SourceSettings(_Section):
    kind: Literal["maildir", "imap"]
    name: str = "support"
    maildir: MaildirSettings | None = None
    imap: ImapSettings | None = None

    @model_validator(mode="after")
    def _section_for_kind(self) -> SourceSettings:
        if getattr(self, self.kind) is None:
            raise ValueError(f"kind = '{self.kind}' needs a [source.{self.kind}] section")
        return self


class StoreSettings(_Section):
    url: str


class SmtpSettings(SecretRef):
    host: str
    port: int = 587
    security: Literal["ssl", "starttls", "plain"] = "starttls"
    username: str | None = None
    timeout: float = 30.0


class OutboxSettings(_Section):
    kind: Literal["smtp", "files"]
    directory: Path | None = None
    smtp: SmtpSettings | None = None
    send_interval_seconds: float = Field(default=5.0, gt=0)
    max_attempts: int = Field(default=12, ge=1)
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)

    @model_validator(mode="after")
    def _target_for_kind(self) -> OutboxSettings:
        if self.kind == "smtp" and self.smtp is None:
            raise ValueError("kind = 'smtp' needs an [outbox.smtp] section")
        if self.kind == "files" and self.directory is None:
            raise ValueError("kind = 'files' needs directory")
        return self


class IdentitySettings(_Section):
    address: str
    display_name: str = "Porting Support"
    own_addresses: list[str] = []
    message_id_domain: str
    loop_header: str = "X-Portdesk-Loop"
    case_token_prefix: str = "P"  # noqa: S105  (a case-number prefix, not a secret)


class ScreenSettings(_Section):
    max_auto_replies_per_address: int = Field(default=3, ge=0)
    rate_window_hours: float = Field(default=24.0, gt=0)


ReviewAction = Literal[
    "ask_missing", "send_csr", "send_instructions", "acknowledge", "refer_to_agent"
]
CaseTypeKey = Literal[
    "port_in",
    "port_in_twilio_transfer",
    "port_in_international",
    "port_out",
    "csr_request",
    "port_out_pin",
    "port_rejection",
    "records_update",
    "bill_request",
    "number_removal",
    "cancellation",
    "port_status",
    "other",
]


class ReviewSettings(_Section):
    send_actions: list[ReviewAction] = ["ask_missing", "send_instructions"]
    # Per case type, replaces send_actions for that type: [review.case_types] port_out = [...]
    case_types: dict[CaseTypeKey, list[ReviewAction]] = {}
    # Below this classifier confidence a draft waits for an agent. The confidence is
    # calibrated on the dev split: from 0.8 up, 96 answers in 100 were right (84% of messages);
    # between 0.6 and 0.8, three in four.
    min_confidence: float = Field(default=0.8, ge=0.0, le=1.0)
    # The review page (`portdesk review`): where it listens (loopback unless a proxy fronts it).
    host: str = "127.0.0.1"
    port: int = Field(default=8025, ge=1, le=65535)
    # How long a waiting case may wait; the queue shows each case's age against it.
    response_target_hours: float = Field(default=4.0, gt=0)
    # An agent's session lasts this long; cookies are Secure (HTTPS only) unless turned off for
    # plain-HTTP loopback use.
    session_hours: float = Field(default=12.0, gt=0)
    secure_cookies: bool = True
    # Failed logins in a row that lock an account, and for how long.
    lock_after_failures: int = Field(default=5, ge=1)
    lock_minutes: float = Field(default=15.0, gt=0)

    def sends(self, action: str, case_type: str) -> bool:
        """Whether the bot may send this action for this case type without an agent."""
        allowed = self.case_types.get(case_type, self.send_actions)  # type: ignore[call-overload]
        return action in allowed


class ClassifierSettings(_Section):
    # "trained" (the spaCy model in classifiers/model) or "keywords" (the baseline rules).
    name: Literal["trained", "keywords"] = "trained"
    # Below this confidence the case type is "other" and the message goes to an agent.
    min_confidence: float = Field(default=0.45, ge=0.0, le=1.0)
    # A reply inside an existing case keeps the case's type unless the new text says otherwise
    # with at least this confidence. (An answer sending the corrected invoice read as a bill
    # request at 0.86.)
    change_thread_type_above: float = Field(default=0.9, ge=0.0, le=1.0)
    # When the trained model is below trained_unsure_below and the phrase rules are at least
    # keywords_sure_above, the phrase rules decide (chosen on the dev split).
    trained_unsure_below: float = Field(default=0.7, ge=0.0, le=1.0)
    keywords_sure_above: float = Field(default=0.5, ge=0.0, le=1.0)


ReplyLanguage = Literal["en", "de", "it", "pt", "es", "fr"]


class RepliesSettings(_Section):
    # Where customers get their port-out PIN; a PIN is never sent by email. One text for all
    # replies (a URL reads the same in every language), or one per reply language with "en"
    # for the rest: { en = "…", de = "…" }.
    secure_channel: str | dict[ReplyLanguage, str] = "https://console.portdesk.example/security"
    # Where a customer who asks for an LOA form can download one; "" where there is none to
    # offer, and the reply says what any LOA must hold instead.
    loa_form: str = ""

    @model_validator(mode="after")
    def _english_fallback(self) -> RepliesSettings:
        if isinstance(self.secure_channel, dict) and "en" not in self.secure_channel:
            raise ValueError('secure_channel: a table of languages needs an "en" entry')
        return self

    def secure_channel_in(self, language: str) -> str:
        """The secure channel as a reply in `language` names it."""
        if isinstance(self.secure_channel, str):
            return self.secure_channel
        for code, text in self.secure_channel.items():
            if code == language:
                return text
        return self.secure_channel["en"]


class SecuritySettings(_Section):
    """Who may receive account data, and the key that protects secrets at rest."""

    # The authserv-id our own receiving server writes in Authentication-Results (RFC 8601).
    # Only its header counts; empty means no sender is ever verified (every CSR goes to an agent).
    authserv_id: str = ""
    # The Fernet key (cryptography) for PINs, account numbers and porting codes in the store:
    # an environment variable or a file holding it, never the key itself in this file.
    # `portdesk security new-key` prints a fresh one.
    key_env: str | None = None
    key_file: Path | None = None
    # Create key_file with a new key when it does not exist: for the demo only. In production a
    # lost key file must stop start-up, since a new key cannot open what the old one sealed.
    create_key_file: bool = False
    # Tell the account's contact of record whenever someone asks for its CSR, PIN or a port-out.
    notify_contact_of_record: bool = True

    def key(self) -> bytes | None:
        """The key's bytes, read at the moment of use; None when none is configured."""
        if self.key_env:
            value = os.environ.get(self.key_env)
            if value is None:
                raise ConfigError(f"environment variable {self.key_env} is not set")
            return value.strip().encode("ascii")
        if self.key_file:
            if self.create_key_file and not self.key_file.exists():
                _create_key_file(self.key_file)
            try:
                return self.key_file.read_text(encoding="ascii").strip().encode("ascii")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read key file {self.key_file}: {exc}") from exc
        return None


def _create_key_file(path: Path) -> None:
    from cryptography.fernet import Fernet

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(Fernet.generate_key())
    except FileExistsError:
        return
    except OSError as exc:
        raise ConfigError(f"cannot create key file {path}: {exc}") from exc


class PipelineSettings(_Section):
    default_region: str = "US"
    # Carrier and VoIP provider names to recognise besides the built-in list.
    extra_providers: list[str] = []
    # Our own brand names: never taken for the customer's gaining or losing provider.
    own_names: list[str] = []


class WorkerSettings(_Section):
    """Several `portdesk run` workers share one mailbox and one database through these."""

    # Empty: host name and process id, unique per running worker. Set a stable id per worker
    # (the systemd unit uses host and instance) so a restarted worker frees its own claims.
    id: str = ""
    # The mailbox owner renews its lease this often (a third of it); a dead owner's lease
    # passes to another worker after it expires.
    lease_seconds: float = Field(default=30.0, ge=3.0)
    # A claimed message or reply not finished within this time is free for another worker.
    claim_seconds: float = Field(default=60.0, ge=5.0)
    # How often a worker that does not own the mailbox looks for stored messages to process.
    idle_poll_seconds: float = Field(default=2.0, gt=0)


class DigestSettings(_Section):
    """The managers' daily digest, sent by `portdesk run` (and `portdesk digest --send`)."""

    enabled: bool = False
    # Who receives it.
    recipients: list[str] = []
    # When it is sent, for the day before, in this time zone (an IANA name).
    time: str = Field(default="07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: str = "UTC"

    @model_validator(mode="after")
    def _check(self) -> DigestSettings:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        if self.enabled and not self.recipients:
            raise ValueError("enabled = true needs recipients")
        return self


class LoggingSettings(_Section):
    format: Literal["kv", "json"] = "kv"
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Settings(_Section):
    """The whole configuration; `origin` says where it came from, for messages."""

    source: SourceSettings
    store: StoreSettings
    outbox: OutboxSettings
    identity: IdentitySettings
    screen: ScreenSettings = ScreenSettings()
    review: ReviewSettings = ReviewSettings()
    pipeline: PipelineSettings = PipelineSettings()
    classifier: ClassifierSettings = ClassifierSettings()
    replies: RepliesSettings = RepliesSettings()
    security: SecuritySettings = SecuritySettings()
    digest: DigestSettings = DigestSettings()
    workers: WorkerSettings = WorkerSettings()
    logging: LoggingSettings = LoggingSettings()
    origin: str = "embedded default"

    @property
    def worker_id(self) -> str:
        return self.workers.id or f"{socket.gethostname()}:{os.getpid()}"

    @property
    def sent_folder(self) -> str | None:
        """The IMAP folder that keeps a copy of what we send, when one is configured."""
        imap = self.source.imap if self.source.kind == "imap" else None
        return imap.sent_folder if imap is not None and imap.sent_folder else None

    @property
    def own_addresses(self) -> frozenset[str]:
        return frozenset(a.lower() for a in [self.identity.address, *self.identity.own_addresses])


def embedded_default() -> dict[str, Any]:
    """The configuration used with no file: the sample inbox, a SQLite file, a file outbox."""
    var = PROJECT_ROOT / "var"
    return {
        "source": {
            "kind": "maildir",
            "maildir": {"path": str(PROJECT_ROOT / "examples" / "inbox")},
        },
        "store": {"url": f"sqlite:///{var / 'portdesk.sqlite'}"},
        "outbox": {"kind": "files", "directory": str(var / "outbox")},
        "identity": {
            "address": "support@portdesk.example",
            "message_id_domain": "portdesk.example",
        },
        "review": {
            "send_actions": ["ask_missing", "send_instructions", "acknowledge"],
            # The demo's page is plain HTTP on loopback.
            "secure_cookies": False,
        },
        "security": {
            "authserv_id": "mx.portdesk.example",
            "key_file": str(var / "secret.key"),
            "create_key_file": True,
        },
    }


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Load, override from the environment and validate; any problem raises ConfigError."""
    env = os.environ if environ is None else environ
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
    if path is None:
        data, origin = embedded_default(), "embedded default"
    else:
        data, origin = _read_toml(path), str(path)
    _reject_inline_secrets(data, origin, ())
    _apply_env_overrides(data, env)
    try:
        return Settings.model_validate({**data, "origin": origin})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, origin)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _reject_inline_secrets(data: Mapping[str, Any], origin: str, where: tuple[str, ...]) -> None:
    for key, value in data.items():
        if isinstance(value, Mapping):
            _reject_inline_secrets(value, origin, (*where, key))
        elif key in _SECRET_KEYS:
            dotted = ".".join((*where, key))
            raise ConfigError(
                f"{origin}: {dotted}: secrets are not read from the configuration file; "
                "name an environment variable (password_env, key_env) or a file "
                "(password_file, key_file)"
            )


def _apply_env_overrides(data: dict[str, Any], env: Mapping[str, str]) -> None:
    """`PORTDESK_STORE__URL=…` sets [store] url; values are read as TOML literals if they parse.

    Only names with a section separator (`__`) are settings, so variables such as
    PORTDESK_IMAP_PASSWORD, which a config names in password_env, are left alone.
    """
    for name, raw in env.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        path = [part.lower() for part in name[len(ENV_PREFIX) :].split("__")]
        if not all(path):
            continue
        target = data
        for part in path[:-1]:
            child = target.setdefault(part, {})
            if not isinstance(child, dict):
                raise ConfigError(f"environment variable {name}: {part} is not a section")
            target = child
        target[path[-1]] = _literal(raw)


def _literal(raw: str) -> Any:
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        return raw


def _describe(exc: ValidationError, origin: str) -> str:
    lines = []
    for error in exc.errors():
        dotted = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        lines.append(f"{origin}: {dotted}: {message}")
    return "\n".join(lines)
